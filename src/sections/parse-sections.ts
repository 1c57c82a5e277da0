import { limitOption } from '../limits.js';
import { type AnchorContext, anchorContext, anchorOf, plainAnchor, tagSet } from './anchors.js';
import type { TemplateResolver } from './expand-templates.js';
import { DEFAULT_EXTENSION_TAGS } from './extension-tags.js';
import {
  HEADING_END,
  HEADING_LEVEL,
  HEADING_START,
  HEADING_VISIBLE,
  releaseHeadings,
  scanHeadings,
} from './scan-headings.js';

/** Options of {@link parseSections}. */
export interface ParseSectionsOptions {
  /**
   * Tags whose content is opaque to the preprocessor: a heading inside is no heading. Give the
   * wiki's own list (`meta=siteinfo&siprop=extensiontags`, without the angle brackets) when known.
   * @default DEFAULT_EXTENSION_TAGS
   */
  readonly extensionTags?: readonly string[];
  /**
   * Wikitext of templates by name, used only to compute the anchors of headings that call them
   * (`== {{Echo|Templated}} heading ==` → `Templated_heading`); a shorthand for a
   * `resolveTemplate` knowing these pages only. Section numbers never depend on it.
   * @default {}
   */
  readonly templates?: Readonly<Record<string, string>>;
  /**
   * Gives the wikitext of the templates headings call (a dump's pages, a map, the API), so that
   * their anchors are MediaWiki's; without it such anchors are guesses, flagged
   * `anchorExact: false`. See {@link TemplateResolver}.
   * @default none
   */
  readonly resolveTemplate?: TemplateResolver;
  /**
   * Nesting depth of template calls expanded for an anchor; deeper calls make it inexact.
   * @default DEFAULT_LIMITS.maxTemplateDepth (100)
   */
  readonly maxTemplateDepth?: number;
  /**
   * Characters template expansion may produce over all headings of the page; past it the
   * remaining anchors are inexact (MediaWiki stops expanding too).
   * @default DEFAULT_LIMITS.maxTemplateExpansion (2 MiB)
   */
  readonly maxTemplateExpansion?: number;
}

/** One section of a page, as MediaWiki numbers it for `action=edit&section=N`. */
export interface Section {
  /** MediaWiki's section number; 0 is the lead. Numbers can skip (see the docs). */
  readonly index: number;
  /** 1 to 6; 0 for the lead. */
  readonly level: number;
  /** The heading text between the `=` runs, comments removed, trimmed; '' for the lead. */
  readonly title: string;
  /** The fragment MediaWiki links to, duplicates suffixed `_2`, `_3`; '' for the lead. */
  readonly anchor: string;
  /**
   * False when `anchor` depends on what the text alone does not tell: a template not given by
   * `resolveTemplate`, a magic word (`{{PAGENAME}}`), a parser function other than `#if`,
   * `#ifeq`, `#switch`, an extension tag's output, a file link (rendered as a missing file),
   * `[url]` numbering, or an expansion limit reached. The anchor is then a best guess.
   */
  readonly anchorExact: boolean;
  /** UTF-16 index of the heading's first `=` in the text (0 for the lead). */
  readonly offset: number;
  /** The same position in Unicode code points: MediaWiki's `byteoffset`, despite its name. */
  readonly codePointOffset: number;
  /** UTF-16 index where the section's text ends: the next section's heading, or the end. */
  readonly endOffset: number;
  /** 1-based first line of the section (its heading line; 1 for the lead). */
  readonly startLine: number;
  /** 1-based last line of the section's own text; `startLine - 1` when it has no line. */
  readonly endLine: number;
  /** `index` of the enclosing section (a smaller level before it), 0 for top-level; null for 0. */
  readonly parent: number | null;
  /** `index` of the sections directly nested in this one. */
  readonly children: readonly number[];
}

const NO_CHILDREN: number[] = Object.freeze([]) as unknown as number[];

// A surrogate pair: one code point in two UTF-16 units (no `u` flag: units, not code points).
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/**
 * Code points from `from` to `to`: the units less the pairs wholly inside. The pairs are found
 * by a regular expression, which V8 scans in native code, faster than a loop over `charCodeAt`
 * (docs/05-sections.md).
 */
function countCodePoints(text: string, from: number, to: number): number {
  let pairs = 0;
  SURROGATE_PAIR.lastIndex = from;
  while (SURROGATE_PAIR.test(text) && SURROGATE_PAIR.lastIndex <= to) pairs++;
  return to - from - pairs;
}

/** ASCII letters lowered, as PHP 8's `strtolower` does; other characters kept. */
function asciiLower(s: string): string {
  // toLowerCase is the same on ASCII text and much cheaper than a replace with a callback.
  return /[^\0-\x7f]/.test(s) ? s.replace(/[A-Z]/g, (c) => c.toLowerCase()) : s.toLowerCase();
}

function contextOf(
  options: ParseSectionsOptions,
  tags: readonly string[],
  maxTemplateDepth: number,
  maxTemplateExpansion: number,
): AnchorContext {
  return anchorContext({
    extensionTags: tags,
    ...(options.templates === undefined ? {} : { templates: options.templates }),
    ...(options.resolveTemplate === undefined ? {} : { resolveTemplate: options.resolveTemplate }),
    maxTemplateDepth,
    maxTemplateExpansion,
  });
}

function isStringArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = text.indexOf('\n', from); k !== -1 && k < to; k = text.indexOf('\n', k + 1)) count++;
  return count;
}

/** JavaScript's `\s`, without a one-character string for the common ASCII case. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c >= 0xa0 && /\s/.test(String.fromCharCode(c));
}

/**
 * The heading text MediaWiki renders: comments out, `level` `=` off each end, trimmed. `text`
 * from `start` to `end` is the heading line; `comments` says whether it holds `<!--`.
 */
function headingTitle(
  text: string,
  start: number,
  end: number,
  level: number,
  comments: boolean,
): string {
  let visible = text;
  let to = end;
  let from = start;
  if (comments) {
    visible = text.slice(start, end).replace(/<!--[\s\S]*?(?:-->|$)/g, '');
    from = 0;
    to = visible.length;
  }
  // Index loops, not `/\s+$/`: a regex anchored at the end retries from every space of a long
  // run of spaces, which is quadratic.
  while (to > from && isSpace(visible.charCodeAt(to - 1))) to--;
  from += level;
  to -= level;
  while (from < to && (visible[from] === ' ' || visible[from] === '\t')) from++;
  while (to > from && (visible[to - 1] === ' ' || visible[to - 1] === '\t')) to--;
  return from < to ? visible.slice(from, to) : '';
}

/**
 * Splits wikitext into sections exactly as MediaWiki's legacy preprocessor finds and numbers its
 * headings (`Preprocessor_Hash`, MediaWiki 1.39): not headings inside comments, `<nowiki>`,
 * `<pre>`, extension tags, `<includeonly>`, template calls; numbered but not listed inside
 * template arguments; level = the smaller `=` run, at most 6.
 *
 * @param wikitext - The page's wikitext (LF line endings, as MediaWiki stores it).
 * @param options - Extension tags and templates (for anchors).
 * @returns Section 0 (the lead, always present) and every section of the page, in order.
 * @example
 * ```ts
 * parseSections('Lead\n== A ==\ntext\n=== B ===\n== A ==\n').map((s) => [s.index, s.level, s.anchor])
 * // [[0, 0, ''], [1, 2, 'A'], [2, 3, 'B'], [3, 2, 'A_2']]
 * ```
 */
export function parseSections(
  wikitext: string,
  options: ParseSectionsOptions = {},
): readonly Section[] {
  if (typeof wikitext !== 'string') {
    throw new TypeError('parseSections: wikitext must be a string');
  }
  const tags = options.extensionTags ?? DEFAULT_EXTENSION_TAGS;
  if (tags !== DEFAULT_EXTENSION_TAGS && !isStringArray(tags)) {
    throw new TypeError('parseSections: options.extensionTags must be an array of strings');
  }
  if (options.resolveTemplate !== undefined && typeof options.resolveTemplate !== 'function') {
    throw new TypeError('parseSections: options.resolveTemplate must be a function');
  }
  const maxTemplateDepth = limitOption(
    'parseSections',
    'maxTemplateDepth',
    options.maxTemplateDepth,
  );
  const maxTemplateExpansion = limitOption(
    'parseSections',
    'maxTemplateExpansion',
    options.maxTemplateExpansion,
  );
  // Built for the first heading that is not plain text (most pages have none); at once when
  // templates are given, whose table is read then.
  let context: AnchorContext | null =
    options.templates === undefined
      ? null
      : contextOf(options, tags, maxTemplateDepth, maxTemplateExpansion);
  const headings = scanHeadings(wikitext, tagSet(tags));

  // Anchors are unique case-insensitively (strtolower in formatHeadings, ASCII only in PHP 8).
  // MediaWiki looks for the first free `_2`, `_3`… from 2 each time (quadratic on a page of
  // equal headings); the first free suffix of a key only grows, so it is remembered instead.
  const taken = new Set<string>();
  const nextSuffix = new Map<string, number>();

  // Built in their final shape and completed when the next one starts: one object a section.
  type Draft = { -readonly [K in keyof Section]: Section[K] } & { children: number[] };
  const lead: Draft = {
    index: 0,
    level: 0,
    title: '',
    anchor: '',
    anchorExact: true,
    offset: 0,
    codePointOffset: 0,
    startLine: 1,
    parent: null,
    children: [],
    endOffset: wikitext.length,
    // Set at the end, once the lines are counted.
    endLine: 0,
  };
  const sections: Draft[] = [lead];
  let codePoints = 0;
  // Without surrogates (most pages), code points are UTF-16 units: no count.
  const surrogates = /[\uD800-\uDFFF]/.test(wikitext);
  let line = 1;
  let at = 0;
  const open: Draft[] = [];
  let nextComment = wikitext.indexOf('<!--');
  const data = headings.data;
  for (let h = 0; h < headings.count; h++) {
    if (data[4 * h + HEADING_VISIBLE] === 0) continue;
    const start = data[4 * h + HEADING_START]!;
    const end = data[4 * h + HEADING_END]!;
    const level = data[4 * h + HEADING_LEVEL]!;
    codePoints += surrogates ? countCodePoints(wikitext, at, start) : start - at;
    line += countNewlines(wikitext, at, start);
    at = start;
    // The next `<!--` is looked for again only once passed: linear over the page.
    if (nextComment !== -1 && nextComment < start) nextComment = wikitext.indexOf('<!--', start);
    const comments = nextComment !== -1 && nextComment < end;
    const title = headingTitle(wikitext, start, end, level, comments);
    let base = plainAnchor(title);
    let exact = true;
    if (base === null) {
      context ??= contextOf(options, tags, maxTemplateDepth, maxTemplateExpansion);
      ({ anchor: base, exact } = anchorOf(title, context));
    }
    let anchor = base;
    const key = asciiLower(base);
    if (taken.has(key)) {
      let k = nextSuffix.get(key) ?? 2;
      while (taken.has(`${key}_${k}`)) k++;
      nextSuffix.set(key, k + 1);
      anchor = `${base}_${k}`;
      taken.add(`${key}_${k}`);
    } else {
      taken.add(key);
    }
    while (open.length > 0 && open[open.length - 1]!.level >= level) open.pop();
    const parent = open.length > 0 ? open[open.length - 1]! : lead;
    const previous = sections[sections.length - 1]!;
    previous.endOffset = start;
    previous.endLine = line - 1;
    const section: Draft = {
      index: h + 1,
      level,
      title,
      anchor,
      anchorExact: exact,
      offset: start,
      codePointOffset: codePoints,
      startLine: line,
      parent: parent.index,
      // Most sections have no subsection: one shared empty list until the first.
      children: NO_CHILDREN,
      endOffset: wikitext.length,
      endLine: 0,
    };
    if (parent.children === NO_CHILDREN) parent.children = [h + 1];
    else parent.children.push(h + 1);
    open.push(section);
    sections.push(section);
  }
  releaseHeadings(headings);
  // Lines are split on `\n` only, as the line diff does: `a\nb` has 2 lines, `a\n` too (the
  // second one empty), and '' is one empty line. Counted on from the last heading: one pass.
  sections[sections.length - 1]!.endLine = line + countNewlines(wikitext, at, wikitext.length);
  return sections;
}
