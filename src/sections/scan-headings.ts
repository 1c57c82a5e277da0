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

// The stops of strcspn below as bits by ASCII character: one table lookup a character instead
// of nine comparisons. Always: `[ { < \n -` (`\n` and `-` also close LINE and DASH_BRACE).
const STOP_ALWAYS = 1;
const STOP_BRACE = 2; // `}`, closing BRACE and DASH_BRACE
const STOP_BRACKET = 4; // `]`
const STOP_PIPE = 8;
const STOP_EQUALS = 16;
const STOPS = new Uint8Array(128);
for (const c of '[{<\n-') STOPS[c.charCodeAt(0)] = STOP_ALWAYS;
STOPS[125] = STOP_BRACE;
STOPS[93] = STOP_BRACKET;
STOPS[124] = STOP_PIPE;
STOPS[61] = STOP_EQUALS;
/** The closing stop by what opened the piece on top (none at the page level). */
const STOP_CLOSE = [0, STOP_BRACE, STOP_BRACKET, STOP_BRACE];

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
// Compared case-sensitively, as `in_array( $name, … )` does in PHP (see `tagTypedLower`).
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

/**
 * The tag names the scan looks for (lower case), and those of printable ASCII by length, so that
 * a tag name is matched in place: no string sliced and lowered at each `<`.
 */
interface TagNames {
  readonly names: ReadonlySet<string>;
  readonly asciiByLength: readonly (readonly string[] | undefined)[];
}

/** The tag names by extension tag set (parseSections keeps one set a list). */
const tagNameSets = new WeakMap<ReadonlySet<string>, TagNames>();

function tagNamesOf(extensionTags: ReadonlySet<string>): TagNames {
  let tagNames = tagNameSets.get(extensionTags);
  if (tagNames === undefined) {
    const names = new Set<string>([...extensionTags, ...IGNORED_ELEMENTS, ...IGNORED_TAGS]);
    const asciiByLength: string[][] = [];
    for (const name of names) {
      if (!/^[\0-\x7f]+$/.test(name)) continue;
      const sameLength = asciiByLength[name.length];
      if (sameLength === undefined) asciiByLength[name.length] = [name];
      else sameLength.push(name);
    }
    tagNames = { names, asciiByLength };
    tagNameSets.set(extensionTags, tagNames);
  }
  return tagNames;
}

// `</name\s*>` by lower-case tag name, built once per name (not once per scan).
const closingTagPatterns = new Map<string, RegExp>();

function closingTagPattern(lowerName: string): RegExp {
  let re = closingTagPatterns.get(lowerName);
  if (re === undefined) {
    re = new RegExp(
      `</${lowerName.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[ \\t\\n\\r\\f\\v]*>`,
      'gi',
    );
    closingTagPatterns.set(lowerName, re);
  }
  return re;
}

// The stack and the headings of the last scan, taken by the next one: buffers of more than 64
// bytes are allocated outside V8's heap (a malloc and a finaliser each), twice a page
// otherwise. A scan started while another's are in use (a template resolver parsing a page)
// gets new ones. Buffers past MAX_SPARE numbers (a hostile page's) are not kept.
const MAX_SPARE = 1 << 14;
let spareStack: Int32Array | null = null;
let spareFound: Int32Array | null = null;

function takeSpare(length: number, which: 'stack' | 'found'): Int32Array {
  const spare = which === 'stack' ? spareStack : spareFound;
  if (which === 'stack') spareStack = null;
  else spareFound = null;
  return spare ?? new Int32Array(length);
}

/**
 * Gives the headings' numbers back for the next scan, once read: `headings.data` must not be
 * used after.
 */
export function releaseHeadings(headings: RawHeadings): void {
  if (headings.data.length <= MAX_SPARE) spareFound = headings.data;
}

// The stops of the scan, as in preprocessToObj's loop.
const LINE_START = 0;
const LINE_END = 1;
const PIPE = 2;
const EQUALS = 3;
const ANGLE = 4;
const CLOSE = 5;
const OPENING = 6;

/**
 * One scan's state. A class with small methods, not one function with closures: closures made
 * anew each call were "wrong call targets" for the previous call's optimised code (deopts), and
 * one big function took V8 over 250 ms of compiling on a cold start.
 */
class HeadingScan {
  readonly text: string;
  readonly n: number;
  readonly tagNames: TagNames;
  /** After {@link tagAt}: where the tag name ends, and whether it was typed in lower case. */
  tagEnd = 0;
  tagTypedLower = false;
  noMoreClosingTag: Set<string> | null = null;
  noMoreGT = false;
  /** The stack and the headings as numbers, grown by doubling (see RawHeadings). */
  stack = takeSpare(16 * STRIDE, 'stack');
  depth = 0;
  found = takeSpare(64 * 4, 'found');
  count = 0;
  /** Ranges [from, to) of headings that ended inside a template or a template parameter. */
  readonly hidden: number[] = [];
  i = 0;
  findEquals = false;
  findPipe = false;
  inHeading = false;
  fakeLineStart = true;
  /** The end of the last run of one closing character measured, and that character. */
  closeRunEnd = -1;
  closeRunChar = -1;

  constructor(text: string, tagNames: TagNames) {
    this.text = text;
    this.n = text.length;
    this.tagNames = tagNames;
  }

  /** Pushes a piece with one empty part. */
  push(open: number, pieceCount: number, startPos: number, savedDash: number): void {
    if ((this.depth + 1) * STRIDE > this.stack.length) {
      const grown = new Int32Array(this.stack.length * 2);
      grown.set(this.stack);
      this.stack = grown;
    }
    const stack = this.stack;
    const b = this.depth * STRIDE;
    stack[b + OPEN] = open;
    stack[b + COUNT] = pieceCount;
    stack[b + PARTS] = 1;
    stack[b + EQPOS] = 0;
    stack[b + COMMENT_END] = -1;
    stack[b + VISUAL_END] = -1;
    stack[b + START_POS] = startPos;
    stack[b + SAVED_DASH] = savedDash;
    stack[b + HEADING_FROM] = this.count;
    this.depth++;
    this.updateFlags();
  }

  updateFlags(): void {
    if (this.depth === 0) {
      this.findEquals = false;
      this.findPipe = false;
      this.inHeading = false;
      return;
    }
    const b = (this.depth - 1) * STRIDE;
    const open = this.stack[b + OPEN]!;
    this.findPipe = open !== LINE && open !== BRACKET;
    this.findEquals = this.findPipe && this.stack[b + PARTS]! > 1 && this.stack[b + EQPOS] === 0;
    this.inHeading = open === LINE;
  }

  run(): RawHeadings {
    const text = this.text;
    const n = this.n;
    for (;;) {
      let kind: number;
      /** For OPENING: what opens; for CLOSE: the closing's length (1, or 2 for `}-`). */
      let what = 0;
      if (this.fakeLineStart) {
        kind = LINE_START;
      } else {
        const top = this.depth === 0 ? -1 : (this.depth - 1) * STRIDE;
        const open = top === -1 ? -1 : this.stack[top + OPEN]!;
        const close0 = open === -1 ? -1 : CLOSE0[open]!;
        const close1 = open === -1 ? -1 : CLOSE1[open]!;
        const stops =
          STOP_ALWAYS |
          (open === -1 ? 0 : STOP_CLOSE[open]!) |
          (this.findPipe ? STOP_PIPE : 0) |
          (this.findEquals ? STOP_EQUALS : 0);
        // strcspn( $text, "[{<\n-" . $currentClosing . ( '|' ) . ( '=' ), $i )
        let j = this.i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c < 128 && (STOPS[c]! & stops) !== 0) break;
          j++;
        }
        this.i = j;
        if (j >= n) {
          if (open !== LINE) break;
          // A past-the-end run to finish off the heading.
          kind = LINE_END;
        } else {
          const c = text.charCodeAt(j);
          // Two-character openings and closings compared in place: no string a stop.
          if (c === 124) kind = PIPE;
          else if (c === 61) kind = EQUALS;
          else if (c === 60) kind = ANGLE;
          else if (c === 10) kind = this.inHeading ? LINE_END : LINE_START;
          else if (
            close1 !== -1 &&
            c === close0 &&
            j + 1 < n &&
            text.charCodeAt(j + 1) === close1
          ) {
            kind = CLOSE;
            what = 2;
          } else if (close1 === -1 && c === close0) {
            kind = CLOSE;
            what = 1;
          } else if (c === 45 && j + 1 < n && text.charCodeAt(j + 1) === 123 /* { */) {
            kind = OPENING;
            what = DASH_BRACE;
          } else if (c === 123) {
            kind = OPENING;
            what = BRACE;
          } else if (c === 91) {
            kind = OPENING;
            what = BRACKET;
          } else {
            // A '-' or '}' that opens or closes nothing.
            this.i++;
            continue;
          }
        }
      }
      if (kind === LINE_START) this.lineStart();
      else if (kind === LINE_END) this.lineEnd();
      else if (kind === PIPE) {
        const b = (this.depth - 1) * STRIDE;
        this.stack[b + PARTS]!++;
        this.stack[b + EQPOS] = 0;
        this.stack[b + COMMENT_END] = -1;
        this.stack[b + VISUAL_END] = -1;
        this.findEquals = true;
        this.i++;
      } else if (kind === EQUALS) {
        this.stack[(this.depth - 1) * STRIDE + EQPOS] = 1;
        this.findEquals = false;
        this.i++;
      } else if (kind === ANGLE) {
        if (text.startsWith('!--', this.i + 1)) this.comment();
        else this.tag();
      } else if (kind === OPENING) this.open(what);
      else this.close(what);
    }
    return this.headings();
  }

  comment(): void {
    const text = this.text;
    const n = this.n;
    const i = this.i;
    const endPos = text.indexOf('-->', i + 4);
    if (endPos === -1) {
      // Unclosed comment: runs to the end of the text.
      this.i = n;
      return;
    }
    const wsStart = i === 0 ? 0 : i - spacesBack(text, i);
    let wsEnd = endPos + 2 + spacesForward(text, endPos + 3);
    // More comments on the line matter only if the line may be eaten, which needs a newline
    // before: looking further otherwise would make `x<!---->…<!---->` quadratic.
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
      // The line holds only comments: it is eaten with its newline, and a heading may start
      // right after it.
      commentEndPos = wsEnd + 1;
      this.fakeLineStart = true;
    } else {
      commentEndPos = endPos + 2;
    }
    if (this.depth > 0) {
      const b = (this.depth - 1) * STRIDE;
      const commentEnd = this.stack[b + COMMENT_END]!;
      if (!(commentEnd !== -1 && commentEnd === wsStart - 1)) this.stack[b + VISUAL_END] = wsStart;
      this.stack[b + COMMENT_END] = commentEndPos;
    }
    this.i = commentEndPos + 1;
  }

  /**
   * Reads the tag name after `<` at `lt` the way `~(names)(?:\s|\/>|>)~iA` does: the name in
   * lower case as the set holds it ('' if none), `tagEnd` and `tagTypedLower` set.
   */
  tagAt(lt: number): string {
    const text = this.text;
    const n = this.n;
    let j = lt + 1;
    if (j < n && text.charCodeAt(j) === 47 /* / */) j++;
    let ascii = true;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (isPhpSpace(c) || c === 47 /* / */ || c === 62 /* > */ || c === 60 /* < */) break;
      if (c > 0x7f) ascii = false;
      j++;
    }
    if (j === lt + 1 || j >= n) return '';
    const c = text.charCodeAt(j);
    const delimited =
      isPhpSpace(c) || c === 62 || (c === 47 && j + 1 < n && text.charCodeAt(j + 1) === 62);
    if (!delimited) return '';
    this.tagEnd = j;
    if (!ascii) {
      // Lowered as JavaScript does (the Kelvin sign is a `k`): the rare path, by the set.
      const name = text.slice(lt + 1, j);
      const lower = name.toLowerCase();
      this.tagTypedLower = lower === name;
      return this.tagNames.names.has(lower) ? lower : '';
    }
    const length = j - lt - 1;
    const candidates = this.tagNames.asciiByLength[length];
    if (candidates === undefined) return '';
    for (let k = 0; k < candidates.length; k++) {
      const name = candidates[k]!;
      let typedLower = true;
      let same = true;
      for (let m = 0; m < length; m++) {
        let t = text.charCodeAt(lt + 1 + m);
        if (t >= 65 && t <= 90) {
          t += 32;
          typedLower = false;
        }
        if (t !== name.charCodeAt(m)) {
          same = false;
          break;
        }
      }
      if (same) {
        this.tagTypedLower = typedLower;
        return name;
      }
    }
    return '';
  }

  tag(): void {
    const text = this.text;
    const i = this.i;
    const lowerName = this.tagAt(i);
    if (lowerName === '') {
      this.i++;
      return;
    }
    const attrStart = this.tagEnd;
    const tagEndPos = this.noMoreGT ? -1 : text.indexOf('>', attrStart);
    if (tagEndPos === -1) {
      this.noMoreGT = true;
      this.i++;
      return;
    }
    if (IGNORED_TAGS.has(lowerName) || text.charCodeAt(tagEndPos - 1) === 47 /* / */) {
      this.i = tagEndPos + 1;
      return;
    }
    let closeEnd = -1;
    if (this.noMoreClosingTag === null || !this.noMoreClosingTag.has(lowerName)) {
      const re = closingTagPattern(lowerName);
      re.lastIndex = tagEndPos + 1;
      const m = re.exec(text);
      if (m !== null) closeEnd = m.index + m[0].length;
    }
    if (closeEnd !== -1) {
      // An extension tag or an ignored element: its content holds no heading.
      this.i = closeEnd;
    } else if (this.tagTypedLower && ALLOW_MISSING_END_TAG.has(lowerName)) {
      // Compared as typed, as `in_array( $name, … )` does in PHP.
      this.i = this.n;
    } else {
      // Not an element: the opening tag is text and the scan resumes after it.
      this.i = tagEndPos + 1;
      this.noMoreClosingTag ??= new Set();
      this.noMoreClosingTag.add(lowerName);
    }
  }

  lineStart(): void {
    if (this.fakeLineStart) this.fakeLineStart = false;
    else this.i++;
    const equals = spanForward(this.text, this.i, 61, 6);
    if (equals === 1 && this.findEquals) {
      // Looks like a name=value separator in a template call: not a heading (MediaWiki's DWIM).
    } else if (equals > 0) {
      this.push(LINE, equals, this.i, 0);
      this.i += equals;
    }
  }

  lineEnd(): void {
    const text = this.text;
    const stack = this.stack;
    const i = this.i;
    const b = (this.depth - 1) * STRIDE;
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
      if ((this.count + 1) * 4 > this.found.length) {
        const grown = new Int32Array(this.found.length * 2);
        grown.set(this.found);
        this.found = grown;
      }
      const f = this.count * 4;
      this.found[f + HEADING_START] = startPos;
      this.found[f + HEADING_END] = i;
      this.found[f + HEADING_LEVEL] = level;
      this.found[f + HEADING_VISIBLE] = 1;
      this.count++;
    }
    this.depth--;
    this.updateFlags();
    // The newline is not consumed: it may open the next heading.
  }

  open(what: number): void {
    const text = this.text;
    let open = what;
    let pieceCount =
      open === DASH_BRACE
        ? spanForward(text, this.i + 1, 123, this.n) + 1
        : spanForward(text, this.i, text.charCodeAt(this.i), this.n);
    let savedDash = 0;
    if (open === DASH_BRACE && pieceCount > 2) {
      // `-{{` is a template after a dash: the rightmost opening wins.
      savedDash = 1;
      this.i++;
      open = BRACE;
      pieceCount--;
    }
    if (pieceCount >= 2) this.push(open, pieceCount, this.i, savedDash);
    this.i += pieceCount;
  }

  close(what: number): void {
    const stack = this.stack;
    const i = this.i;
    const b = (this.depth - 1) * STRIDE;
    const open = stack[b + OPEN]!;
    const pieceCount = stack[b + COUNT]!;
    let closing = what;
    if (closing === 1) {
      // A run of closing characters is measured once: `{{…{{}}…}}` closes its pieces two or
      // three at a time, and measuring the rest of the run from each was quadratic (as
      // MediaWiki's strspn is).
      const c = this.text.charCodeAt(i);
      if (!(i < this.closeRunEnd && this.closeRunChar === c)) {
        this.closeRunEnd = i + spanForward(this.text, i, c, this.n);
        this.closeRunChar = c;
      }
      closing = Math.min(this.closeRunEnd - i, pieceCount);
    }
    // Elements close with 2 (or, braces, 3) characters; fewer close nothing.
    const matching = closing > MAX[open]! ? MAX[open]! : closing < 2 ? 0 : closing;
    if (matching <= 0) {
      this.i += closing;
      return;
    }
    if (open === BRACE) {
      // A template call or parameter: the headings in it are numbered but belong to it.
      const from = stack[b + HEADING_FROM]!;
      if (from < this.count) this.hidden.push(from, this.count);
    }
    this.i += matching;
    this.depth--;
    if (matching < pieceCount) {
      // What is left of the piece is pushed back (its slot is still `b`), with one part.
      const left = pieceCount - matching;
      stack[b + COUNT] = left;
      stack[b + PARTS] = 1;
      stack[b + EQPOS] = 0;
      stack[b + COMMENT_END] = -1;
      stack[b + VISUAL_END] = -1;
      stack[b + HEADING_FROM] = this.count;
      if (left >= 2) {
        this.depth++;
      } else if (left === 1 && open === BRACE && stack[b + SAVED_DASH] === 1) {
        stack[b + SAVED_DASH] = 0;
        stack[b + OPEN] = DASH_BRACE;
        stack[b + COUNT] = 2;
        this.depth++;
      }
    }
    this.updateFlags();
  }

  /** Unclosed pieces break into text: their headings stay at the page level. */
  headings(): RawHeadings {
    const nesting = new Int32Array(this.count + 1);
    const hidden = this.hidden;
    for (let k = 0; k < hidden.length; k += 2) {
      nesting[hidden[k]!]!++;
      nesting[hidden[k + 1]!]!--;
    }
    let inside = 0;
    for (let k = 0; k < this.count; k++) {
      inside += nesting[k]!;
      this.found[k * 4 + HEADING_VISIBLE] = inside === 0 ? 1 : 0;
    }
    if (this.stack.length <= MAX_SPARE) spareStack = this.stack;
    return { count: this.count, data: this.found };
  }
}

/**
 * Finds the preprocessor's headings in `text`, viewed as a page (not transcluded).
 *
 * @param text - The wikitext, with LF line endings as MediaWiki stores it.
 * @param extensionTags - Lower-case names of the tags whose content is opaque (`nowiki`, `pre`, …).
 * @returns Every `<h>` node, in order of their numbers.
 */
export function scanHeadings(text: string, extensionTags: ReadonlySet<string>): RawHeadings {
  return new HeadingScan(text, tagNamesOf(extensionTags)).run();
}
