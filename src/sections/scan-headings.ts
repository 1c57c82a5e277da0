/**
 * The heading finder of MediaWiki's legacy preprocessor (`Preprocessor_Hash::preprocessToObj`,
 * MediaWiki 1.39), ported step by step but keeping only what decides headings and their numbers:
 * braces, brackets, language-converter markup, comments, extension tags, `<includeonly>`.
 * It builds no tree: a heading inside a template call or a template parameter is numbered (the
 * preprocessor gives it an `i`) but is not a section of the page, so numbers can skip.
 *
 * Every step is a forward scan or a bounded look-back, so the time is linear in the text, as in
 * MediaWiki (which has the same guards: `noMoreGT`, `noMoreClosingTag`).
 */

/**
 * The `<h>` nodes of the preprocessor, four numbers each in `data` (heading `k`, MediaWiki's
 * section number `k + 1`, at `4 * k`): UTF-16 index of the first `=` (always at a line start),
 * index just past the heading (its closing newline, or the text's length), level (1 to 6), and 1
 * if it is a section of the page, 0 if it sits inside a template call or parameter (numbered,
 * not a section). Numbers, not an object a heading: a page of thousands of headings allocates
 * two arrays, not thousands of objects for the collector to copy.
 */
export interface RawHeadings {
  readonly count: number;
  readonly data: Int32Array;
}

/** Offsets of a heading's fields in {@link RawHeadings.data}. */
export const HEADING_START = 0;
export const HEADING_END = 1;
export const HEADING_LEVEL = 2;
export const HEADING_VISIBLE = 3;

// What opened a piece of the preprocessor's stack.
const LINE = 0; // `=` at a line start: a heading candidate
const BRACE = 1; // `{{`
const BRACKET = 2; // `[[`
const DASH_BRACE = 3; // `-{`

// Preprocessor_Hash::RULES by opening: closing characters, and the closing counts that make an
// element: 2 for all, 3 for braces too. Braces make nodes (template, tplarg); `[[…]]` and
// `-{…}-` close as plain text (`names` => null in PHP): what they hold stays at the enclosing
// level, headings included. The minimum count is 2 for all.
const CLOSE0 = [10, 125, 93, 125]; // \n } ] }
const CLOSE1 = [-1, -1, -1, 45]; // -
const MAX = [0, 3, 2, 2];

// The stack, one piece per STRIDE numbers (MediaWiki's PPDStackElement and its current part).
const OPEN = 0;
const COUNT = 1;
/** How many parts (`|`-separated) the piece has. */
const PARTS = 2;
/** Whether the current part has an `=`. */
const EQPOS = 3;
/** Index of the last character of the last comment in the current part, or -1. */
const COMMENT_END = 4;
/** Where the visible text of the current part ends, before trailing comments. */
const VISUAL_END = 5;
/** For headings: index of the first `=`. */
const START_POS = 6;
/** 1 when a `-{{` was read as `-` then `{{` (the dash may still open `-{`). */
const SAVED_DASH = 7;
/** Number of headings found before this piece was (re)pushed. */
const HEADING_FROM = 8;
const STRIDE = 9;

// The tags MediaWiki ignores (keeps the content of) when a page is viewed, not transcluded.
const IGNORED_TAGS: ReadonlySet<string> = new Set([
  'noinclude',
  '/noinclude',
  'onlyinclude',
  '/onlyinclude',
]);
// `<includeonly>…</includeonly>` is dropped whole on a page view.
const IGNORED_ELEMENTS: ReadonlySet<string> = new Set(['includeonly']);
// Compared case-sensitively, as `in_array( $name, … )` does in PHP.
const ALLOW_MISSING_END_TAG: ReadonlySet<string> = new Set([
  'includeonly',
  'noinclude',
  'onlyinclude',
]);

/** PHP `\s` without the `u` flag. */
function isPhpSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Length of the run of the character `c` (a code unit) starting at `from` (at most `max`). */
function spanForward(text: string, from: number, c: number, max: number): number {
  let j = from;
  const limit = Math.min(text.length, from + max);
  while (j < limit && text.charCodeAt(j) === c) j++;
  return j - from;
}

/** Length of the run of spaces and tabs starting at `from`. */
function spacesForward(text: string, from: number): number {
  let j = from;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c !== 32 && c !== 9) break;
    j++;
  }
  return j - from;
}

/** Length of the run of spaces and tabs ending just before `before` (PHP's `$revText` trick). */
function spacesBack(text: string, before: number): number {
  let j = before;
  while (j > 0) {
    const c = text.charCodeAt(j - 1);
    if (c !== 32 && c !== 9) break;
    j--;
  }
  return before - j;
}

function equalsBack(text: string, before: number): number {
  let j = before;
  while (j > 0 && text.charCodeAt(j - 1) === 61) j--;
  return before - j;
}

/** Reads the tag name after `<` at `lt` the way `~(names)(?:\s|\/>|>)~iA` does; '' if none. */
function tagNameAt(text: string, lt: number, names: ReadonlySet<string>): string {
  let j = lt + 1;
  if (text[j] === '/') j++;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (isPhpSpace(c) || c === 47 /* / */ || c === 62 /* > */ || c === 60 /* < */) break;
    j++;
  }
  if (j === lt + 1 || j >= text.length) return '';
  const c = text.charCodeAt(j);
  const delimited = isPhpSpace(c) || c === 62 || (c === 47 && text[j + 1] === '>');
  if (!delimited) return '';
  const name = text.slice(lt + 1, j);
  return names.has(name.toLowerCase()) ? name : '';
}

/** The tag names the scan looks for, by extension tag set (parseSections keeps one a list). */
const tagNameSets = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();

/**
 * Finds the preprocessor's headings in `text`, viewed as a page (not transcluded).
 *
 * @param text - The wikitext, with LF line endings as MediaWiki stores it.
 * @param extensionTags - Lower-case names of the tags whose content is opaque (`nowiki`, `pre`, …).
 * @returns Every `<h>` node, in order of their numbers.
 */
export function scanHeadings(text: string, extensionTags: ReadonlySet<string>): RawHeadings {
  const n = text.length;
  let tagNames = tagNameSets.get(extensionTags);
  if (tagNames === undefined) {
    tagNames = new Set<string>([...extensionTags, ...IGNORED_ELEMENTS, ...IGNORED_TAGS]);
    tagNameSets.set(extensionTags, tagNames);
  }
  let closingTagPatterns: Map<string, RegExp> | null = null;
  let noMoreClosingTag: Set<string> | null = null;
  // The stack and the headings as numbers, grown by doubling (see RawHeadings).
  let stack = new Int32Array(16 * STRIDE);
  let depth = 0;
  let found = new Int32Array(64 * 4);
  let count = 0;
  // Ranges [from, to) of headings that ended inside a template or a template parameter.
  const hidden: number[] = [];

  /** Pushes a piece with one empty part. */
  const push = (open: number, pieceCount: number, startPos: number, savedDash: number): void => {
    if ((depth + 1) * STRIDE > stack.length) {
      const grown = new Int32Array(stack.length * 2);
      grown.set(stack);
      stack = grown;
    }
    const b = depth * STRIDE;
    stack[b + OPEN] = open;
    stack[b + COUNT] = pieceCount;
    stack[b + PARTS] = 1;
    stack[b + EQPOS] = 0;
    stack[b + COMMENT_END] = -1;
    stack[b + VISUAL_END] = -1;
    stack[b + START_POS] = startPos;
    stack[b + SAVED_DASH] = savedDash;
    stack[b + HEADING_FROM] = count;
    depth++;
  };

  let i = 0;
  let findEquals = false;
  let findPipe = false;
  let inHeading = false;
  let noMoreGT = false;
  let fakeLineStart = true;
  /** The end of the last run of one closing character measured, and that character. */
  let closeRunEnd = -1;
  let closeRunChar = -1;

  const updateFlags = (): void => {
    if (depth === 0) {
      findEquals = false;
      findPipe = false;
      inHeading = false;
      return;
    }
    const b = (depth - 1) * STRIDE;
    const open = stack[b + OPEN]!;
    findPipe = open !== LINE && open !== BRACKET;
    findEquals = findPipe && stack[b + PARTS]! > 1 && stack[b + EQPOS] === 0;
    inHeading = open === LINE;
  };

  for (;;) {
    // The kinds of stop, as in preprocessToObj's loop.
    let kind: 'line-start' | 'line-end' | 'pipe' | 'equals' | 'angle' | 'close' | 'open';
    /** For 'open': what opens; for 'close': the closing's length (1, or 2 for `}-`). */
    let what = 0;
    let top = -1;
    if (fakeLineStart) {
      kind = 'line-start';
    } else {
      top = depth === 0 ? -1 : (depth - 1) * STRIDE;
      const open = top === -1 ? -1 : stack[top + OPEN]!;
      const close0 = open === -1 ? -1 : CLOSE0[open]!;
      const close1 = open === -1 ? -1 : CLOSE1[open]!;
      // strcspn( $text, "[{<\n-" . $currentClosing . ( '|' ) . ( '=' ), $i )
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 91 || c === 123 || c === 60 || c === 10 || c === 45) break; // [ { < \n -
        if (c === close0 || c === close1) break;
        if (findPipe && c === 124) break;
        if (findEquals && c === 61) break;
        j++;
      }
      i = j;
      if (i >= n) {
        if (open !== LINE) break;
        // A past-the-end run to finish off the heading.
        kind = 'line-end';
      } else {
        const c = text.charCodeAt(i);
        // Two-character openings and closings compared in place: no string a stop.
        if (c === 124) kind = 'pipe';
        else if (c === 61) kind = 'equals';
        else if (c === 60) kind = 'angle';
        else if (c === 10) kind = inHeading ? 'line-end' : 'line-start';
        else if (close1 !== -1 && c === close0 && i + 1 < n && text.charCodeAt(i + 1) === close1) {
          kind = 'close';
          what = 2;
        } else if (close1 === -1 && c === close0) {
          kind = 'close';
          what = 1;
        } else if (c === 45 && i + 1 < n && text.charCodeAt(i + 1) === 123 /* { */) {
          kind = 'open';
          what = DASH_BRACE;
        } else if (c === 123) {
          kind = 'open';
          what = BRACE;
        } else if (c === 91) {
          kind = 'open';
          what = BRACKET;
        } else {
          // A '-' or '}' that opens or closes nothing.
          i++;
          continue;
        }
      }
    }

    switch (kind) {
      case 'angle': {
        if (text.startsWith('!--', i + 1)) {
          const endPos = text.indexOf('-->', i + 4);
          if (endPos === -1) {
            // Unclosed comment: runs to the end of the text.
            i = n;
            continue;
          }
          const wsStart = i === 0 ? 0 : i - spacesBack(text, i);
          let wsEnd = endPos + 2 + spacesForward(text, endPos + 3);
          // More comments on the line matter only if the line may be eaten, which needs a
          // newline before: looking further otherwise would make `x<!---->…<!---->` quadratic.
          const afterNewline = wsStart > 0 && text.charCodeAt(wsStart - 1) === 10;
          if (afterNewline) {
            while (text.startsWith('<!--', wsEnd + 1)) {
              let c = text.indexOf('-->', wsEnd + 5);
              if (c === -1) break;
              c += 2 + spacesForward(text, c + 3);
              wsEnd = c;
            }
          }
          let commentEndPos: number;
          if (afterNewline && wsEnd + 1 < n && text.charCodeAt(wsEnd + 1) === 10) {
            // The line holds only comments: it is eaten with its newline, and a heading may
            // start right after it.
            commentEndPos = wsEnd + 1;
            fakeLineStart = true;
          } else {
            commentEndPos = endPos + 2;
          }
          if (top !== -1) {
            const commentEnd = stack[top + COMMENT_END]!;
            if (!(commentEnd !== -1 && commentEnd === wsStart - 1)) {
              stack[top + VISUAL_END] = wsStart;
            }
            stack[top + COMMENT_END] = commentEndPos;
          }
          i = commentEndPos + 1;
          continue;
        }
        const name = tagNameAt(text, i, tagNames);
        if (name === '') {
          i++;
          continue;
        }
        const lowerName = name.toLowerCase();
        const attrStart = i + name.length + 1;
        const tagEndPos = noMoreGT ? -1 : text.indexOf('>', attrStart);
        if (tagEndPos === -1) {
          noMoreGT = true;
          i++;
          continue;
        }
        if (IGNORED_TAGS.has(lowerName)) {
          i = tagEndPos + 1;
          continue;
        }
        if (text.charCodeAt(tagEndPos - 1) === 47 /* / */) {
          i = tagEndPos + 1;
        } else {
          let closeEnd = -1;
          if (noMoreClosingTag === null || !noMoreClosingTag.has(lowerName)) {
            closingTagPatterns ??= new Map();
            let re = closingTagPatterns.get(lowerName);
            if (re === undefined) {
              re = new RegExp(
                `</${lowerName.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[ \\t\\n\\r\\f\\v]*>`,
                'gi',
              );
              closingTagPatterns.set(lowerName, re);
            }
            re.lastIndex = tagEndPos + 1;
            const m = re.exec(text);
            if (m !== null) closeEnd = m.index + m[0].length;
          }
          if (closeEnd !== -1) {
            i = closeEnd;
          } else if (ALLOW_MISSING_END_TAG.has(name)) {
            i = n;
          } else {
            // Not an element: the opening tag is text and the scan resumes after it.
            i = tagEndPos + 1;
            noMoreClosingTag ??= new Set();
            noMoreClosingTag.add(lowerName);
            continue;
          }
        }
        // An extension tag or an ignored element: its content holds no heading.
        continue;
      }
      case 'line-start': {
        if (fakeLineStart) fakeLineStart = false;
        else i++;
        const equals = spanForward(text, i, 61, 6);
        if (equals === 1 && findEquals) {
          // Looks like a name=value separator in a template call: not a heading (MediaWiki's DWIM).
        } else if (equals > 0) {
          push(LINE, equals, i, 0);
          updateFlags();
          i += equals;
        }
        continue;
      }
      case 'line-end': {
        const b = top;
        let searchStart = i - spacesBack(text, i);
        const commentEnd = stack[b + COMMENT_END]!;
        if (commentEnd !== -1 && searchStart - 1 === commentEnd) {
          // Comments at the line end: look for the `=` run before them.
          searchStart = stack[b + VISUAL_END]!;
          searchStart -= spacesBack(text, searchStart);
        }
        const equalsLength = equalsBack(text, searchStart);
        const startPos = stack[b + START_POS]!;
        let level = 0;
        if (equalsLength > 0) {
          if (searchStart - equalsLength === startPos) {
            // A line of `=` only: `/={count}(.+)={count}/` needs something in the middle.
            level = equalsLength < 3 ? 0 : Math.min(6, Math.floor((equalsLength - 1) / 2));
          } else {
            level = Math.min(equalsLength, stack[b + COUNT]!);
          }
        }
        if (level > 0) {
          if ((count + 1) * 4 > found.length) {
            const grown = new Int32Array(found.length * 2);
            grown.set(found);
            found = grown;
          }
          const f = count * 4;
          found[f + HEADING_START] = startPos;
          found[f + HEADING_END] = i;
          found[f + HEADING_LEVEL] = level;
          found[f + HEADING_VISIBLE] = 1;
          count++;
        }
        depth--;
        updateFlags();
        // The newline is not consumed: it may open the next heading.
        continue;
      }
      case 'open': {
        let open = what;
        let pieceCount =
          open === DASH_BRACE
            ? spanForward(text, i + 1, 123, n) + 1
            : spanForward(text, i, text.charCodeAt(i), n);
        let savedDash = 0;
        if (open === DASH_BRACE && pieceCount > 2) {
          // `-{{` is a template after a dash: the rightmost opening wins.
          savedDash = 1;
          i++;
          open = BRACE;
          pieceCount--;
        }
        if (pieceCount >= 2) {
          push(open, pieceCount, i, savedDash);
          updateFlags();
        }
        i += pieceCount;
        continue;
      }
      case 'close': {
        const b = top;
        const open = stack[b + OPEN]!;
        const pieceCount = stack[b + COUNT]!;
        let closing = what;
        if (closing === 1) {
          // A run of closing characters is measured once: `{{…{{}}…}}` closes its pieces two or
          // three at a time, and measuring the rest of the run from each was quadratic (as
          // MediaWiki's strspn is).
          const c = text.charCodeAt(i);
          if (!(i < closeRunEnd && closeRunChar === c)) {
            closeRunEnd = i + spanForward(text, i, c, n);
            closeRunChar = c;
          }
          closing = Math.min(closeRunEnd - i, pieceCount);
        }
        // Elements close with 2 (or, braces, 3) characters; fewer close nothing.
        const matching = closing > MAX[open]! ? MAX[open]! : closing < 2 ? 0 : closing;
        if (matching <= 0) {
          i += closing;
          continue;
        }
        if (open === BRACE) {
          // A template call or parameter: the headings in it are numbered but belong to it.
          const from = stack[b + HEADING_FROM]!;
          if (from < count) hidden.push(from, count);
        }
        i += matching;
        depth--;
        if (matching < pieceCount) {
          // What is left of the piece is pushed back (its slot is still `b`), with one part.
          const left = pieceCount - matching;
          stack[b + COUNT] = left;
          stack[b + PARTS] = 1;
          stack[b + EQPOS] = 0;
          stack[b + COMMENT_END] = -1;
          stack[b + VISUAL_END] = -1;
          stack[b + HEADING_FROM] = count;
          if (left >= 2) {
            depth++;
          } else if (left === 1 && open === BRACE && stack[b + SAVED_DASH] === 1) {
            stack[b + SAVED_DASH] = 0;
            stack[b + OPEN] = DASH_BRACE;
            stack[b + COUNT] = 2;
            depth++;
          }
        }
        updateFlags();
        continue;
      }
      case 'pipe': {
        const b = top;
        stack[b + PARTS]!++;
        stack[b + EQPOS] = 0;
        stack[b + COMMENT_END] = -1;
        stack[b + VISUAL_END] = -1;
        findEquals = true;
        i++;
        continue;
      }
      case 'equals': {
        stack[top + EQPOS] = 1;
        findEquals = false;
        i++;
        continue;
      }
      default: {
        const never: never = kind;
        throw new Error(`unreachable: ${String(never)}`);
      }
    }
  }

  // Unclosed pieces break into text: their headings stay at the page level.
  const nesting = new Int32Array(count + 1);
  for (let k = 0; k < hidden.length; k += 2) {
    nesting[hidden[k]!]!++;
    nesting[hidden[k + 1]!]!--;
  }
  let inside = 0;
  for (let k = 0; k < count; k++) {
    inside += nesting[k]!;
    found[k * 4 + HEADING_VISIBLE] = inside === 0 ? 1 : 0;
  }
  return { count, data: found };
}
