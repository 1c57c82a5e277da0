/**
 * The one place that imports and configures fast-xml-parser.
 *
 * Its defaults would corrupt wikitext (FORMAT.md 2): `trimValues` strips the leading spaces of
 * a page, `parseTagValue` turns a title like `1e3` into a number, and a feed with one entry
 * would come back as an object instead of an array. Entity handling is switched off entirely:
 * MediaWiki only ever writes the five predefined references (section 2), we decode them
 * ourselves in one pass, and a parser that never expands entities cannot be made to expand a
 * billion of them (DOCTYPE entity declarations are refused before parsing, see `parseXml`).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WikirevError } from '../errors.js';
import { limitExceeded } from '../limits.js';

/** An element as read from the XML: attributes under `@_name`, text under `#text`. */
export type XmlNode = { readonly [key: string]: XmlValue };
export type XmlValue = string | XmlNode | readonly XmlValue[];

const CRITICAL_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Elements that are read as arrays even when they occur once. */
const ARRAY_ELEMENTS = new Set(['entry', 'item', 'link']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  alwaysCreateTextNode: false,
  // MediaWiki never writes CDATA, but feeds re-served by proxies and readers sometimes do.
  // `parseXml` replaces the sections outside stop nodes by their escaped text, in place (a
  // separate `#cdata` value lost their order among the text); this only keeps any left apart.
  cdataPropName: '#cdata',
  // The summary HTML is the bulk of every feed (a 200 KB page gives a 250 KB entry); as a stop
  // node its raw text is kept as one string instead of being scanned for tags it cannot hold.
  stopNodes: ['*.summary', '*.description'],
  isArray: (name: string) => ARRAY_ELEMENTS.has(name),
  maxNestedTags: 64,
  // fast-xml-parser refuses `__proto__`, `constructor` and `prototype` as names by throwing;
  // renamed here instead, an unknown element of that name in a feed costs nothing (wikirev
  // only reads known names, as own properties).
  strictReservedNames: false,
  transformTagName: (name: string) => (CRITICAL_NAMES.has(name) ? `unsafe:${name}` : name),
  transformAttributeName: (name: string) => (CRITICAL_NAMES.has(name) ? `unsafe:${name}` : name),
});

/** Line and column (1-based) of a UTF-16 offset. */
export function locate(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Markup found inside a text element (`<title>a<b>x</b>c</title>`): its text is kept, tags go. */
export interface TextMarkup {
  /** Position of the feed's entry (or item) holding the element; -1 for the feed's own. */
  readonly entry: number;
  /** The text element (`title`). */
  readonly element: string;
  /** The first element found inside it (`b`). */
  readonly child: string;
}

/** What {@link parseXml} returns: the tree, and the text elements it read through markup. */
export interface ParsedXml {
  readonly root: XmlNode;
  readonly markup: readonly TextMarkup[];
}

/** The limits `parseXml` applies (see src/limits.ts). */
export interface XmlLimits {
  readonly maxEntryBytes: number;
  readonly maxFeedEntries: number;
}

/** What the scan of a document found: its first structural problem, and its long text runs. */
interface DocumentScan {
  readonly problem: { readonly offset: number; readonly reason: string } | null;
  /** Start and end offsets, outside stop nodes, of the text runs of 16 characters or more, the CDATA sections and the elements to cut. */
  readonly runs: readonly number[];
  /** What each range of `runs` is: TEXT (kept as a token), CUT (dropped), CDATA (escaped). */
  readonly kinds: readonly number[];
  /** The total length of the TEXT ranges. */
  readonly runChars: number;
  /** CDATA sections or elements to cut were found (their extents are among `runs`). */
  readonly rewrite: boolean;
  readonly markup: readonly TextMarkup[];
}

/** The stop nodes of the parser (their content is kept raw, read with one search). */
const STOP_ELEMENTS = new Set(['summary', 'description']);
const RUN_MIN = 16;
const [TEXT, CUT, CDATA, FLAT] = [0, 1, 2, 3];
/** Elements whose own text nobody reads: their text and unread children go as one cut. */
const CONTAINERS = new Set(['feed', 'entry', 'rss', 'channel', 'item']);
/** Attributes of one element, and depth of elements (fast-xml-parser's own is 64). */
const [MAX_ATTRIBUTES, MAX_DEPTH] = [64, 64];
/**
 * Elements whose text is read. Feeds put no markup there; an element found inside one (`<title>
 * a<b>x</b>c</title>`) is read as its text (`axc`, as XML's text content) with a diagnostic,
 * not cut out with what it holds.
 */
const TEXT_ELEMENTS = new Set([
  'id',
  'title',
  'updated',
  'published',
  'name',
  'content',
  'generator',
  'subtitle',
  'language',
  'lastBuildDate',
  'guid',
  'pubDate',
  'dc:date',
  'dc:creator',
  'comments',
  'link',
]);
/** Unread child elements one text element (a title) may hold: feeds put none there. */
const MAX_CHILDREN_OF_TEXT = 16;
/**
 * The elements the feed readers look at (atom.ts, rss.ts). Any other element, and any repeat
 * of one beyond what is read, is cut out before parsing: fast-xml-parser spends microseconds
 * and hundreds of bytes on each element, so a flood of `<a/>` would cost 50 times its size.
 */
const READ_ELEMENTS = new Set([
  'entry',
  'item',
  'link',
  'id',
  'title',
  'updated',
  'published',
  'author',
  'name',
  'summary',
  'content',
  'generator',
  'subtitle',
  'channel',
  'language',
  'lastBuildDate',
  'description',
  'guid',
  'pubDate',
  'dc:date',
  'dc:creator',
  'comments',
]);
/** How many of one name a parent keeps: entries without bound (maxFeedEntries counts them). */
const keepOf = (name: string): number =>
  name === 'entry' || name === 'item' ? Number.POSITIVE_INFINITY : name === 'link' ? 8 : 1;

/** XML 1.0's Name, its non-ASCII ranges taken whole. */
const XML_NAME = /^[:A-Z_a-z\u00c0-\uffff][:A-Z_a-z0-9.\u00b7\u00c0-\uffff-]*$/;

/**
 * Checks that elements nest and close, and that nothing but whitespace, comments and
 * processing instructions stands outside the root; finds the first problem, and throws
 * `ENTRY_TOO_LARGE` as soon as one element's text passes `maxEntryBytes`. fast-xml-parser's
 * own parser accepts `<a><b></a>` and a document cut off after any complete element, and its
 * validator runs at about 75 MB/s, half the speed of the parse itself (measured on a 50 MB
 * feed); this scan only visits the `<` of markup, and feeds have few (their bulk is escaped
 * text), so it runs at several hundred MB/s.
 */
function scanDocument(text: string, limits: XmlLimits): DocumentScan {
  const { maxEntryBytes, maxFeedEntries } = limits;
  const stack: string[] = [];
  /** Per open element, how many children of each name it kept. */
  const kept: (Map<string, number> | undefined)[] = [];
  /** The start and depth of the element being cut out, or -1. */
  let cutStart = -1;
  let cutDepth = 0;
  let entries = 0;
  /** Position of the feed entry being read (among the root's entries, as atom.ts reads them), or -1. */
  let entry = -1;
  let feedEntries = 0;
  const markup: TextMarkup[] = [];
  /** Stack index of the text element whose child is being read as text, or -1. */
  let flatParent = -1;
  /** Text characters of each open element, counted against maxEntryBytes. */
  const sizes: number[] = [];
  const starts: number[] = [];
  const runs: number[] = [];
  let runChars = 0;
  const kinds: number[] = [];
  let rewrite = false;
  /**
   * Records a range. A cut that follows a cut extends it, over the whitespace between them when
   * their parent is a container, so that a flood of elements makes one range.
   */
  const record = (start: number, end: number, kind: number) => {
    const last = kinds.length - 1;
    const lastEnd = runs[2 * last + 1]!;
    if (
      kind === CUT &&
      kinds[last] === CUT &&
      (lastEnd === start ||
        (start - lastEnd < RUN_MIN && inContainer() && text.slice(lastEnd, start).trim() === ''))
    ) {
      runs[2 * last + 1] = end;
      return;
    }
    runs.push(start, end);
    kinds.push(kind);
    if (kind === TEXT) runChars += end - start;
    else rewrite = true;
  };
  const inContainer = () => stack.length === 1 || CONTAINERS.has(stack[stack.length - 1]!);
  /** Unread children cut from the open text element. */
  let cutChildren = 0;
  let stopDepth = 0;
  let rootClosed = false;
  let i = 0;
  const name = /[^\s/>=]+/y;
  const fail = (offset: number, reason: string): DocumentScan => ({
    problem: { offset, reason },
    runs,
    kinds,
    runChars,
    rewrite,
    markup,
  });
  const grow = (at: number, chars: number) => {
    sizes[at]! += chars;
    if (sizes[at]! > maxEntryBytes) {
      throw limitExceeded(
        'ENTRY_TOO_LARGE',
        `the text of <${stack[at]}>`,
        sizes[at]!,
        'maxEntryBytes',
        maxEntryBytes,
        locate(text, starts[at]!),
      );
    }
  };
  const addText = (start: number, end: number, isRun: boolean) => {
    const top = sizes.length - 1;
    if (top < 0 || end === start) return;
    grow(top, end - start);
    // Text read through markup is the text element's own.
    if (flatParent !== -1 && flatParent !== top) grow(flatParent, end - start);
    if (!isRun || stopDepth !== 0 || cutStart !== -1) return;
    const long = end - start >= RUN_MIN;
    // The text of a container or of the root is never read: cut (all but the short whitespace
    // between elements, which cuts extend over), so that a flood makes one range.
    if (!inContainer()) {
      if (long) record(start, end, TEXT);
    } else if (long || text.slice(start, end).trim() !== '') record(start, end, CUT);
  };
  for (;;) {
    const lt = text.indexOf('<', i);
    const stop = lt === -1 ? text.length : lt;
    if (stack.length === 0) {
      const at = text.slice(i, stop).search(/\S/);
      if (at !== -1) return fail(i + at, 'text outside the root element');
    } else addText(i, stop, true);
    if (lt === -1) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) return fail(lt, 'unclosed comment');
      i = end + 3;
    } else if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) return fail(lt, 'unclosed processing instruction');
      i = end + 2;
    } else if (text.startsWith('<![CDATA[', lt)) {
      if (stack.length === 0) return fail(lt, 'CDATA outside the root element');
      const end = text.indexOf(']]>', lt + 9);
      if (end === -1) return fail(lt, 'unclosed CDATA section');
      addText(lt + 9, end, false);
      // Cut out and put back escaped, in its place among the text (see `parseXml`).
      if (stopDepth === 0 && cutStart === -1) record(lt, end + 3, CDATA);
      i = end + 3;
    } else if (text.startsWith('<!', lt)) {
      if (stack.length > 0 || rootClosed) return fail(lt, 'a declaration inside the document');
      const end = text.indexOf('>', lt + 2);
      if (end === -1) return fail(lt, 'unclosed declaration');
      i = end + 1;
    } else {
      const closing = text.charCodeAt(lt + 1) === 47; /* / */
      name.lastIndex = lt + (closing ? 2 : 1);
      const tag = name.exec(text)?.[0];
      if (!tag) return fail(lt, 'a "<" that starts no tag');
      // fast-xml-parser takes any name, and `#text` or `:@` would pass for its own keys.
      if (!XML_NAME.test(tag)) return fail(lt, `<${tag.slice(0, 40)}> is not an XML name`);
      // Find the end of the tag, skipping quoted attribute values (they may hold ">").
      let j = name.lastIndex;
      let quote = 0;
      let attributes = 0;
      for (; j < text.length; j++) {
        const c = text.charCodeAt(j);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 61 /* = */) attributes++;
        else if (c === 62 /* > */) break;
        else if (c === 60 /* < */) return fail(lt, `unclosed tag <${tag}>`);
      }
      if (j >= text.length) return fail(lt, `unclosed tag <${tag}>`);
      // fast-xml-parser builds an object per attribute (each ~100 times its size in memory).
      if (attributes > MAX_ATTRIBUTES) {
        throw new WikirevError(
          'NOT_A_FEED',
          `<${tag.slice(0, 40)}> has more than ${MAX_ATTRIBUTES} attributes, where feeds have a few`,
          locate(text, lt),
        );
      }
      // Attribute values count as the element's text (a 200 MB href is no better than a title).
      if (!closing) addText(lt, j, false);
      if (closing) {
        const open = stack.pop();
        sizes.pop();
        starts.pop();
        kept.pop();
        if (open !== tag) {
          return fail(
            lt,
            open
              ? `closing tag </${tag}> does not match <${open}>`
              : `closing tag </${tag}> without an opening tag`,
          );
        }
        if (STOP_ELEMENTS.has(tag) && stack.length > 0) stopDepth--;
        if (cutStart !== -1 && stack.length === cutDepth) {
          record(cutStart, j + 1, flatParent === -1 ? CUT : FLAT);
          cutStart = -1;
          flatParent = -1;
        }
        if (entry !== -1 && (stack.length === 1 || (stack.length === 2 && tag === 'item'))) {
          entry = -1;
        }
        if (stack.length === 0) rootClosed = true;
      } else {
        const selfClosing = text.charCodeAt(j - 1) === 47;
        if (stack.length === 0) {
          if (rootClosed) return fail(lt, 'a second root element');
          if (selfClosing) rootClosed = true;
        } else if (stopDepth === 0 && cutStart === -1) {
          const counts = kept[kept.length - 1] ?? new Map<string, number>();
          kept[kept.length - 1] = counts;
          const count = counts.get(tag) ?? 0;
          const parent = stack[stack.length - 1]!;
          const inText = stack.length > 1 && TEXT_ELEMENTS.has(parent);
          if (!inText && READ_ELEMENTS.has(tag) && count < keepOf(tag)) {
            counts.set(tag, count + 1);
            cutChildren = 0;
            if ((tag === 'entry' || tag === 'item') && ++entries > maxFeedEntries) {
              throw new WikirevError(
                'INPUT_TOO_LARGE',
                `the feed has more than maxFeedEntries (${maxFeedEntries}) entries`,
                locate(text, lt),
              );
            }
            if (
              (tag === 'entry' && stack.length === 1) ||
              (tag === 'item' && stack.length === 2 && parent === 'channel')
            ) {
              if (selfClosing) feedEntries++;
              else entry = feedEntries++;
            }
          } else {
            if (stack.length > 1 && !CONTAINERS.has(parent)) {
              if (++cutChildren > MAX_CHILDREN_OF_TEXT) {
                throw new WikirevError(
                  'NOT_A_FEED',
                  `<${parent}> holds more than ${MAX_CHILDREN_OF_TEXT} elements, where feeds hold text`,
                  locate(text, lt),
                );
              }
            }
            if (inText && cutChildren === 1) markup.push({ entry, element: parent, child: tag });
            if (selfClosing) record(lt, j + 1, inText ? FLAT : CUT);
            else {
              [cutStart, cutDepth] = [lt, stack.length];
              if (inText) flatParent = stack.length - 1;
            }
          }
        }
        if (!selfClosing) {
          if (STOP_ELEMENTS.has(tag) && stack.length > 0) stopDepth++;
          if (stack.length === MAX_DEPTH)
            return fail(lt, `elements nested deeper than ${MAX_DEPTH}`);
          stack.push(tag);
          sizes.push(0);
          starts.push(lt);
          kept.push(undefined);
        }
      }
      i = j + 1;
    }
  }
  if (stack.length > 0) {
    return fail(text.length, `the document ends before </${stack[stack.length - 1]}> (truncated?)`);
  }
  if (!rootClosed) return fail(0, 'no root element');
  return { problem: null, runs, kinds, runChars, rewrite, markup };
}

/**
 * fast-xml-parser builds text outside stop nodes one character at a time (`textData +=
 * xmlData[i]`), tens of bytes of heap per character (docs/12-limits.md has the figures). Past
 * this many such characters, the long runs are cut out before parsing, a short token left in
 * their place, and put back into the parsed values.
 */
const CUT_RUNS_ABOVE = 1 << 20;

/** CDATA content escaped as XML text, so that every value is decoded the same way later. */
export const escapeCdata = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The text content of the element at `start`…`end` (already checked well-formed): its text as
 * it stands, CDATA escaped, tags, comments and processing instructions out.
 */
function textContent(text: string, start: number, end: number): string {
  let out = '';
  let i = start;
  while (i < end) {
    const lt = text.indexOf('<', i);
    if (lt === -1 || lt >= end) break;
    out += text.slice(i, lt);
    if (text.startsWith('<!--', lt)) i = text.indexOf('-->', lt + 4) + 3;
    else if (text.startsWith('<?', lt)) i = text.indexOf('?>', lt + 2) + 2;
    else if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      out += escapeCdata(text.slice(lt + 9, close));
      i = close + 3;
    } else {
      // A tag: to its `>`, skipping quoted attribute values (they may hold ">").
      let j = lt + 1;
      let quote = 0;
      for (; j < end; j++) {
        const c = text.charCodeAt(j);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62) break;
      }
      i = j + 1;
    }
  }
  return i < end ? out + text.slice(i, end) : out;
}

/** A private-use character the text does not hold, to delimit the tokens; one pass at most. */
function freeSentinel(text: string): string {
  if (!text.includes('\ue000')) return '\ue000';
  const used = new Uint8Array(0x1900);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 0xe000;
    if (c >= 0 && c < 0x1900) used[c] = 1;
  }
  const free = used.indexOf(0);
  if (free === -1) {
    throw new WikirevError('NOT_A_FEED', 'the document uses every private-use character');
  }
  return String.fromCharCode(0xe000 + free);
}

/** Puts the cut runs back into every string of the parsed tree, in place. */
function restoreRuns(node: unknown, token: RegExp, pieces: readonly string[]): unknown {
  if (typeof node === 'string') {
    token.lastIndex = 0;
    return token.test(node) ? node.replace(token, (_m, k: string) => pieces[Number(k)]!) : node;
  }
  if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = restoreRuns(record[key], token, pieces);
  }
  return node;
}

/**
 * Parses an XML document into plain nested objects, refusing entity declarations and reporting
 * malformed or truncated XML with its location; elements inside text elements are read as
 * their text, and listed in `markup`.
 */
export function parseXml(text: string, limits: XmlLimits): ParsedXml {
  // A DOCTYPE with an internal subset is the only way to declare entities (billion laughs,
  // external entities). MediaWiki never writes one, so refuse it outright: bounded work.
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype && /<!ENTITY/i.test(text.slice(doctype.index))) {
    const at = text.search(/<!ENTITY/i);
    throw new WikirevError(
      'ENTITY_DECLARATION',
      'the document declares XML entities; feeds never do, so it is refused',
      locate(text, at),
    );
  }
  const { problem, runs, kinds, runChars, rewrite, markup } = scanDocument(text, limits);
  if (problem) {
    throw new WikirevError(
      'INVALID_XML',
      `not well-formed XML: ${problem.reason}`,
      locate(text, problem.offset),
    );
  }
  try {
    if (runChars <= CUT_RUNS_ABOVE && !rewrite) return { root: parser.parse(text), markup };
    const sentinel = freeSentinel(text);
    const parts: string[] = [];
    const pieces: string[] = [];
    let last = 0;
    for (let r = 0; r < runs.length; r += 2) {
      const [start, end] = [runs[r]!, runs[r + 1]!];
      parts.push(text.slice(last, start));
      const kind = kinds[r / 2];
      if (kind === TEXT) {
        parts.push(`${sentinel}${pieces.length}${sentinel}`);
        pieces.push(text.slice(start, end));
      } else if (kind === FLAT) {
        parts.push(`${sentinel}${pieces.length}${sentinel}`);
        pieces.push(textContent(text, start, end));
      } else if (kind === CDATA) {
        // A CDATA section's content is text as it stands: escaped like text, it decodes as such.
        parts.push(`${sentinel}${pieces.length}${sentinel}`);
        pieces.push(escapeCdata(text.slice(start + 9, end - 3)));
      }
      last = runs[r + 1]!;
    }
    parts.push(text.slice(last));
    const token = new RegExp(`${sentinel}(\\d+)${sentinel}`, 'g');
    return { root: restoreRuns(parser.parse(parts.join('')), token, pieces) as XmlNode, markup };
  } catch (error) {
    if (error instanceof WikirevError) throw error;
    // The parser's own checks (attribute syntax, reserved names such as `__proto__`).
    const valid = XMLValidator.validate(text);
    const where = valid === true ? undefined : { line: valid.err.line, column: valid.err.col };
    throw new WikirevError(
      'INVALID_XML',
      `not well-formed XML: ${(error as Error).message}`,
      where,
    );
  }
}
