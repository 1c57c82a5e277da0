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

/** One `<h>` node of the preprocessor. */
export interface RawHeading {
  /** MediaWiki's section number (the node's `i`): what `action=edit&section=N` uses. */
  readonly index: number;
  /** 1 to 6. */
  readonly level: number;
  /** UTF-16 index of the first `=` (always at a line start). */
  readonly start: number;
  /** UTF-16 index just past the heading: its closing newline, or the text's length. */
  readonly end: number;
  /** False when the heading sits inside a template call or parameter: numbered, not a section. */
  readonly visible: boolean;
}

type Open = '\n' | '{' | '[' | '-{';

interface Rule {
  readonly end: string;
  readonly min: number;
  readonly max: number;
  /** Closing counts that make an element: `true` for a node (template, tplarg), `false` for text. */
  readonly names: Readonly<Record<number, boolean>>;
}

// Preprocessor_Hash::RULES. `[[…]]` and `-{…}-` close as plain text (`names` => null in PHP):
// what they hold stays at the enclosing level, headings included.
const RULES: Readonly<Record<Exclude<Open, '\n'>, Rule>> = {
  '{': { end: '}', min: 2, max: 3, names: { 2: true, 3: true } },
  '[': { end: ']', min: 2, max: 2, names: { 2: false } },
  '-{': { end: '}-', min: 2, max: 2, names: { 2: false } },
};

interface Part {
  eqpos: boolean;
  /** Index of the last character of the last comment in this part, or -1. */
  commentEnd: number;
  /** Where the visible text of this part ends, before trailing comments. */
  visualEnd: number;
}

interface Piece {
  open: Open;
  close: string;
  count: number;
  parts: Part[];
  /** For headings: index of the first `=`. */
  readonly startPos: number;
  savedPrefix: string;
  /** Number of headings found before this piece was (re)pushed. */
  headingStart: number;
}

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

const newPart = (): Part => ({ eqpos: false, commentEnd: -1, visualEnd: -1 });

/** PHP `\s` without the `u` flag. */
function isPhpSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Length of the run of `ch` starting at `from` (at most `max`). */
function spanForward(text: string, from: number, ch: string, max = Number.POSITIVE_INFINITY) {
  let j = from;
  const limit = Math.min(text.length, from + max);
  while (j < limit && text[j] === ch) j++;
  return j - from;
}

/** Length of the run of spaces and tabs starting at `from`. */
function spacesForward(text: string, from: number): number {
  let j = from;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  return j - from;
}

/** Length of the run of spaces and tabs ending just before `before` (PHP's `$revText` trick). */
function spacesBack(text: string, before: number): number {
  let j = before;
  while (j > 0 && (text[j - 1] === ' ' || text[j - 1] === '\t')) j--;
  return before - j;
}

function equalsBack(text: string, before: number): number {
  let j = before;
  while (j > 0 && text[j - 1] === '=') j--;
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

/**
 * Finds the preprocessor's headings in `text`, viewed as a page (not transcluded).
 *
 * @param text - The wikitext, with LF line endings as MediaWiki stores it.
 * @param extensionTags - Lower-case names of the tags whose content is opaque (`nowiki`, `pre`, …).
 * @returns Every `<h>` node, in order of their numbers.
 */
export function scanHeadings(text: string, extensionTags: ReadonlySet<string>): RawHeading[] {
  const n = text.length;
  const tagNames = new Set<string>([...extensionTags, ...IGNORED_ELEMENTS, ...IGNORED_TAGS]);
  const closingTagPatterns = new Map<string, RegExp>();
  const stack: Piece[] = [];
  const found: { -readonly [K in keyof RawHeading]: RawHeading[K] }[] = [];
  // Ranges [from, to) of `found` that ended inside a template or a template parameter.
  const hidden: [number, number][] = [];

  let i = 0;
  let headingIndex = 1;
  let findEquals = false;
  let findPipe = false;
  let inHeading = false;
  let noMoreGT = false;
  const noMoreClosingTag = new Set<string>();
  let fakeLineStart = true;
  /** The end of the last run of one closing character measured, and that character. */
  let closeRunEnd = -1;
  let closeRunChar = '';

  const top = (): Piece | undefined => stack[stack.length - 1];
  const currentPart = (piece: Piece): Part => piece.parts[piece.parts.length - 1]!;
  const updateFlags = (): void => {
    const t = top();
    if (t === undefined) {
      findEquals = false;
      findPipe = false;
      inHeading = false;
      return;
    }
    findPipe = t.open !== '\n' && t.open !== '[';
    findEquals = findPipe && t.parts.length > 1 && !currentPart(t).eqpos;
    inHeading = t.open === '\n';
  };

  for (;;) {
    let kind: 'line-start' | 'line-end' | 'pipe' | 'equals' | 'angle' | 'close' | 'open';
    let curChar = '';
    if (fakeLineStart) {
      kind = 'line-start';
    } else {
      const t = top();
      const currentClosing = t === undefined ? '' : t.close;
      // -1, not charCodeAt's NaN past the end: reading past a string's end made V8 drop this
      // loop's optimised code (three compiles a worker in the pool's profile).
      const close0 = currentClosing.length > 0 ? currentClosing.charCodeAt(0) : -1;
      const close1 = currentClosing.length > 1 ? currentClosing.charCodeAt(1) : -1;
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
        if (currentClosing !== '\n') break;
        // A past-the-end run to finish off the heading.
        kind = 'line-end';
      } else {
        curChar = text[i]!;
        // Two-character openings and closings compared in place: a slice per stop was most of
        // this loop's allocations.
        if (curChar === '|') kind = 'pipe';
        else if (curChar === '=') kind = 'equals';
        else if (curChar === '<') kind = 'angle';
        else if (curChar === '\n') kind = inHeading ? 'line-end' : 'line-start';
        else if (
          currentClosing.length === 2 &&
          text.charCodeAt(i) === close0 &&
          text.charCodeAt(i + 1) === close1
        ) {
          kind = 'close';
          curChar = currentClosing;
        } else if (curChar === currentClosing) kind = 'close';
        else if (curChar === '-' && text.charCodeAt(i + 1) === 123 /* { */) {
          kind = 'open';
          curChar = '-{';
        } else if (curChar === '{' || curChar === '[') kind = 'open';
        else {
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
          if (wsStart > 0 && text[wsStart - 1] === '\n') {
            while (text.startsWith('<!--', wsEnd + 1)) {
              let c = text.indexOf('-->', wsEnd + 5);
              if (c === -1) break;
              c += 2 + spacesForward(text, c + 3);
              wsEnd = c;
            }
          }
          let commentEndPos: number;
          if (wsStart > 0 && text[wsStart - 1] === '\n' && text[wsEnd + 1] === '\n') {
            // The line holds only comments: it is eaten with its newline, and a heading may
            // start right after it.
            commentEndPos = wsEnd + 1;
            fakeLineStart = true;
          } else {
            commentEndPos = endPos + 2;
          }
          const t = top();
          if (t !== undefined) {
            const part = currentPart(t);
            if (!(part.commentEnd !== -1 && part.commentEnd === wsStart - 1)) {
              part.visualEnd = wsStart;
            }
            part.commentEnd = commentEndPos;
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
        if (text[tagEndPos - 1] === '/') {
          i = tagEndPos + 1;
        } else {
          let closeEnd = -1;
          if (!noMoreClosingTag.has(lowerName)) {
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
        const count = spanForward(text, i, '=', 6);
        if (count === 1 && findEquals) {
          // Looks like a name=value separator in a template call: not a heading (MediaWiki's DWIM).
        } else if (count > 0) {
          stack.push({
            open: '\n',
            close: '\n',
            count,
            parts: [newPart()],
            startPos: i,
            savedPrefix: '',
            headingStart: found.length,
          });
          updateFlags();
          i += count;
        }
        continue;
      }
      case 'line-end': {
        const piece = top()!;
        const part = currentPart(piece);
        let searchStart = i - spacesBack(text, i);
        if (part.commentEnd !== -1 && searchStart - 1 === part.commentEnd) {
          // Comments at the line end: look for the `=` run before them.
          searchStart = part.visualEnd;
          searchStart -= spacesBack(text, searchStart);
        }
        const equalsLength = equalsBack(text, searchStart);
        let count = 0;
        if (equalsLength > 0) {
          if (searchStart - equalsLength === piece.startPos) {
            // A line of `=` only: `/={count}(.+)={count}/` needs something in the middle.
            count = equalsLength < 3 ? 0 : Math.min(6, Math.floor((equalsLength - 1) / 2));
          } else {
            count = Math.min(equalsLength, piece.count);
          }
        }
        if (count > 0) {
          found.push({
            index: headingIndex++,
            level: count,
            start: piece.startPos,
            end: i,
            visible: true,
          });
        }
        stack.pop();
        updateFlags();
        // The newline is not consumed: it may open the next heading.
        continue;
      }
      case 'open': {
        let open = curChar as Exclude<Open, '\n'>;
        let count =
          curChar.length > 1 ? spanForward(text, i + 1, '{') + 1 : spanForward(text, i, curChar);
        let savedPrefix = '';
        if (open === '-{' && count > 2) {
          // `-{{` is a template after a dash: the rightmost opening wins.
          savedPrefix = '-';
          i++;
          open = '{';
          count--;
        }
        if (count >= RULES[open].min) {
          stack.push({
            open,
            close: RULES[open].end,
            count,
            parts: [newPart()],
            startPos: i,
            savedPrefix,
            headingStart: found.length,
          });
          updateFlags();
        }
        i += count;
        continue;
      }
      case 'close': {
        const piece = top()!;
        const open = piece.open as Exclude<Open, '\n'>;
        let maxCount = piece.count;
        if (piece.close === '}-' && curChar === '}') maxCount--;
        let count = curChar.length;
        if (count === 1) {
          // A run of closing characters is measured once: `{{…{{}}…}}` closes its pieces two or
          // three at a time, and measuring the rest of the run from each was quadratic (as
          // MediaWiki's strspn is).
          if (!(i < closeRunEnd && closeRunChar === curChar)) {
            closeRunEnd = i + spanForward(text, i, curChar);
            closeRunChar = curChar;
          }
          count = Math.min(closeRunEnd - i, maxCount);
        }
        const rule = RULES[open];
        let matchingCount: number;
        if (count > rule.max) {
          matchingCount = rule.max;
        } else {
          matchingCount = count;
          while (matchingCount > 0 && rule.names[matchingCount] === undefined) matchingCount--;
        }
        if (matchingCount <= 0) {
          i += count;
          continue;
        }
        if (rule.names[matchingCount] === true) {
          // A template call or parameter: the headings in it are numbered but belong to it.
          if (piece.headingStart < found.length) hidden.push([piece.headingStart, found.length]);
        }
        i += matchingCount;
        stack.pop();
        if (matchingCount < piece.count) {
          piece.parts = [newPart()];
          piece.count -= matchingCount;
          if (piece.count >= rule.min) {
            piece.headingStart = found.length;
            stack.push(piece);
          } else if (piece.count === 1 && piece.open === '{' && piece.savedPrefix === '-') {
            piece.savedPrefix = '';
            piece.open = '-{';
            piece.count = 2;
            piece.close = RULES['-{'].end;
            piece.headingStart = found.length;
            stack.push(piece);
          }
        }
        updateFlags();
        continue;
      }
      case 'pipe': {
        top()!.parts.push(newPart());
        findEquals = true;
        i++;
        continue;
      }
      case 'equals': {
        currentPart(top()!).eqpos = true;
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
  const depth = new Int32Array(found.length + 1);
  for (const [from, to] of hidden) {
    depth[from]!++;
    depth[to]!--;
  }
  let inside = 0;
  for (let k = 0; k < found.length; k++) {
    inside += depth[k]!;
    found[k]!.visible = inside === 0;
  }
  return found;
}
