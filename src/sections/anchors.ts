import { DEFAULT_LIMITS } from '../limits.js';
import { decodeCharReferences } from './char-references.js';
import {
  canonicalTitle,
  type ExpansionBudget,
  expandTemplates,
  phpTrim,
  type TemplateResolver,
} from './expand-templates.js';
import { DEFAULT_EXTENSION_TAGS } from './extension-tags.js';

/** Options of {@link headingAnchor}. */
export interface HeadingAnchorOptions {
  /**
   * Wikitext of templates, by name (`Echo` or `Template:Echo`): a shorthand for a
   * `resolveTemplate` that knows these pages and no others.
   * @default {}
   */
  readonly templates?: Readonly<Record<string, string>>;
  /**
   * Gives the wikitext of the templates a heading calls (see {@link TemplateResolver}); it is
   * expanded as MediaWiki does (parameters, `#if`, `#ifeq`, `#switch`).
   * @default none: a heading calling a template gets a guessed anchor
   */
  readonly resolveTemplate?: TemplateResolver;
  /**
   * Extension tags: their content is dropped from the anchor (`<nowiki>` keeps its text).
   * @default DEFAULT_EXTENSION_TAGS
   */
  readonly extensionTags?: readonly string[];
}

// Sanitizer's HTML tags: these are markup, removed from anchors; any other `<x>` is text that
// MediaWiki escapes, so it stays in the anchor (`a <b` → `a_<b`).
const HTML_TAGS = new Set(
  (
    'b i u s strike em strong big small sub sup span div font code tt var kbd samp abbr cite dfn ' +
    'q mark bdi bdo del ins br hr p h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table tr td th caption ' +
    'center blockquote ruby rb rp rt rtc time data wbr meta link'
  ).split(' '),
);

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const HTML_TAG = /<\/?([A-Za-z][A-Za-z0-9]*)(?:[\s/][^<>]*)?>/g;
const INTERNAL_LINK = /\[\[([^[\]]*)\]\]/g;
// One space before the label, as in `Parser::stripSectionName`: `[ \t]+([^\]]*)` would backtrack
// quadratically over a long run of spaces.
const EXTERNAL_LINK = /\[(?:[a-zA-Z][a-zA-Z0-9+.-]*:|\/\/)[^\s[\]<>]+ ([^[\]]*)\]/g;
const QUOTES = /'{5}|'{3}|'{2}/g;
// Title::splitTitleString: bidi marks go.
const BIDI = /[\u200E\u200F\u202A-\u202E]/g;

// parseSections calls headingAnchor once per heading with the same list: its set is built once.
const tagSets = new WeakMap<readonly string[], ReadonlySet<string>>();
/** The extension tags in lower case, as a set built once per list. */
export function tagSet(tags: readonly string[]): ReadonlySet<string> {
  let set = tagSets.get(tags);
  if (set === undefined) {
    set = new Set(tags.map((t) => t.toLowerCase()));
    tagSets.set(tags, set);
  }
  return set;
}

const OPENING_TAG = /<([A-Za-z][\w:-]*)(?:\s[^<>]*)?>/g;

/**
 * Extension tags out of a heading: `<nowiki>` keeps its text, shielded from the markup steps by a
 * placeholder into `kept`; the others render as something that is not heading text (a reference
 * mark, a formula). One forward pass; a tag whose closing tag is missing is text, and is not
 * searched for again (MediaWiki's `noMoreClosingTag`), so the pass stays linear.
 */
function dropExtensionTags(
  text: string,
  extensionTags: ReadonlySet<string>,
  kept: string[],
  state: { exact: boolean },
) {
  let out = '';
  let from = 0;
  const unclosed = new Set<string>();
  OPENING_TAG.lastIndex = 0;
  for (let m = OPENING_TAG.exec(text); m !== null; m = OPENING_TAG.exec(text)) {
    const lower = (m[1] ?? '').toLowerCase();
    const isNowiki = lower === 'nowiki';
    const isNoinclude = lower === 'noinclude' || lower === 'onlyinclude';
    if (!isNowiki && !isNoinclude && lower !== 'includeonly' && !extensionTags.has(lower)) continue;
    const tagEnd = m.index + m[0].length;
    if (isNoinclude) {
      out += text.slice(from, m.index);
      from = tagEnd;
      continue;
    }
    let inner = '';
    let end = tagEnd;
    if (!m[0].endsWith('/>')) {
      if (unclosed.has(lower)) continue;
      const close = new RegExp(`</${lower}\\s*>`, 'gi');
      close.lastIndex = tagEnd;
      const c = close.exec(text);
      if (c === null) {
        unclosed.add(lower);
        continue;
      }
      inner = text.slice(tagEnd, c.index);
      end = c.index + c[0].length;
    }
    out += text.slice(from, m.index);
    if (isNowiki) {
      kept.push(inner);
      out += `\uE000${kept.length - 1}\uE000`;
    } else if (lower !== 'includeonly') {
      // What the extension renders (a reference mark, a formula) is its own.
      state.exact = false;
    }
    from = end;
    OPENING_TAG.lastIndex = end;
  }
  return (out + text.slice(from)).replace(/<\/(?:noinclude|onlyinclude)\s*>/gi, '');
}

/** A heading's anchor and whether it is exactly MediaWiki's (see {@link Section.anchorExact}). */
export interface AnchorResult {
  readonly anchor: string;
  readonly exact: boolean;
}

// Image options (English magic words) of `[[File:…|…]]`; any other parameter is the caption.
const IMAGE_OPTION =
  /^(?:thumb|thumbnail|frame|framed|enframed|frameless|border|left|right|center|centre|none|baseline|sub|super|top|text-top|middle|bottom|text-bottom|upright(?:\s*=?\s*[0-9.]*)?|\d*(?:x\d+)?\s*px|(?:link|alt|page|class|lang|thumbtime|start|end|manualthumb|thumb|thumbnail|upright)\s*=[\s\S]*)$/i;
const FRAMED =
  /^(?:thumb|thumbnail|frame|framed|enframed|(?:manualthumb|thumb|thumbnail)\s*=[\s\S]*)$/i;

/**
 * The text MediaWiki renders for `[[File:Name|…]]` when the file is missing (a red link): the
 * caption, or the file's title; framed images show both.
 */
function missingFileText(target: string, params: readonly string[]): string {
  const title = canonicalTitle(target, '');
  let caption = '';
  let framed = false;
  for (const raw of params) {
    const p = phpTrim(raw);
    if (IMAGE_OPTION.test(p)) framed ||= FRAMED.test(p);
    else caption = raw;
  }
  if (framed) return caption === '' ? title : `${title} ${caption}`;
  return caption === '' ? title : caption;
}

/** An internal link's rendered text: label, target as typed, nothing for a category. */
function linkText(inner: string, state: { exact: boolean }): string {
  const pipe = inner.indexOf('|');
  const target = pipe === -1 ? inner : inner.slice(0, pipe);
  const plain = target.trimStart();
  if (!plain.startsWith(':')) {
    const namespace = canonicalTitle(plain, '').split(':')[0];
    if (plain.includes(':') && namespace === 'Category') return '';
    if (plain.includes(':') && namespace === 'File') {
      // An uploaded file renders as an image (no text, or a frame's caption): this is the
      // rendering of a missing file, right only where the file does not exist.
      state.exact = false;
      return missingFileText(plain, pipe === -1 ? [] : inner.slice(pipe + 1).split('|'));
    }
  }
  if (pipe !== -1) return inner.slice(pipe + 1);
  return target.replace(/^\s*:/, '');
}

// Title::splitTitleString's whitespace (Unicode spaces and `_`), applied to `#` + the fragment.
const TITLE_SPACES = /[ _\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;

/**
 * `Parser::normalizeSectionName`: the fragment of the title `#text`. A leading run of Unicode
 * spaces stays (as one `_`, since `#` precedes it), a trailing one goes; a text with U+FFFD is an
 * invalid title and is returned as it is.
 */
function normalizeSectionName(text: string): string {
  if (text.includes('\uFFFD')) return text;
  let key = `#${text}`.replace(BIDI, '').replace(TITLE_SPACES, '_');
  let end = key.length;
  while (end > 0 && key[end - 1] === '_') end--;
  key = key.slice(0, end);
  return key.slice(1).replace(/_/g, ' ');
}

/** `Sanitizer::escapeIdForAttribute` in html5 mode: 1,024 code points, whitespace as `_`. */
function escapeId(id: string): string {
  let cut = id;
  if (id.length > 1024) {
    const points = [...id];
    if (points.length > 1024) cut = points.slice(0, 1024).join('');
  }
  return cut.replace(/[\t\n\f\r ]/g, '_');
}

/** Per-page state of {@link anchorOf}: the extension tag set and the expansion budget. */
export interface AnchorContext {
  readonly extensionTags: ReadonlySet<string>;
  readonly resolveTemplate: TemplateResolver | undefined;
  readonly budget: ExpansionBudget;
}

/** Builds the context of {@link anchorOf} from the options (and a fresh page budget). */
export function anchorContext(
  options: HeadingAnchorOptions & {
    readonly maxTemplateDepth?: number;
    readonly maxTemplateExpansion?: number;
  },
): AnchorContext {
  let resolve = options.resolveTemplate;
  if (resolve === undefined && options.templates !== undefined) {
    const table = new Map<string, string>();
    for (const [name, body] of Object.entries(options.templates)) {
      table.set(canonicalTitle(name, 'Template'), body);
    }
    resolve = (name) => table.get(name);
  }
  return {
    extensionTags: tagSet(options.extensionTags ?? DEFAULT_EXTENSION_TAGS),
    resolveTemplate: resolve,
    budget: {
      maxDepth: options.maxTemplateDepth ?? DEFAULT_LIMITS.maxTemplateDepth,
      maxSize: options.maxTemplateExpansion ?? DEFAULT_LIMITS.maxTemplateExpansion,
      used: 0,
    },
  };
}

/**
 * The anchor of a heading of printable ASCII without markup (`<`, `[`, `{`, `'`, `&`, `_`): what
 * the steps of {@link anchorOf} reduce it to (spaces collapsed and trimmed, then `_`), without
 * their dozen regular-expression passes, which dominated pages of thousands of headings. Null
 * for any other heading.
 */
export function plainAnchor(title: string): string | null {
  if (title.length > 1024) return null;
  let spaces = false;
  for (let k = 0; k < title.length; k++) {
    const c = title.charCodeAt(k);
    // < [ { ' & _ and anything outside printable ASCII take the full path.
    if (
      c < 0x20 ||
      c > 0x7e ||
      c === 60 ||
      c === 91 ||
      c === 123 ||
      c === 39 ||
      c === 38 ||
      c === 95
    ) {
      return null;
    }
    if (c === 32) spaces = true;
  }
  if (!spaces) return title;
  const trimmed = title.trim();
  // A plain string replace where no run of spaces needs collapsing: no regular expression.
  return trimmed.includes('  ') ? trimmed.replace(/ +/g, '_') : trimmed.replaceAll(' ', '_');
}

/**
 * The anchor of one heading (before duplicate suffixes) and whether it is exact: the heading's
 * rendered text as `Parser::finalizeHeadings` reduces it (tags out, `[ _]+` to one space, PHP
 * trim, character references decoded, `normalizeSectionName`, `escapeIdForAttribute`).
 */
export function anchorOf(title: string, context: AnchorContext): AnchorResult {
  const plain = plainAnchor(title);
  if (plain !== null) return { anchor: plain, exact: true };
  const state = { exact: true };
  let text = title.replace(COMMENT, '');
  if (text.includes('{{')) {
    const expanded = expandTemplates(
      text,
      context.resolveTemplate,
      context.budget,
      decodeCharReferences,
    );
    text = expanded.text;
    if (!expanded.exact) state.exact = false;
  }
  // <nowiki> keeps its text untouched by the markup steps below (placeholders); the other
  // extension tags render as something that is not heading text.
  const kept: string[] = [];
  if (text.includes('<')) text = dropExtensionTags(text, context.extensionTags, kept, state);
  // Inner links first: a file caption may hold links.
  for (let guard = 0; guard < 64 && text.includes('[['); guard++) {
    const next = text.replace(INTERNAL_LINK, (_whole, inner: string) => linkText(inner, state));
    if (next === text) break;
    text = next;
  }
  text = text.replace(EXTERNAL_LINK, '$1');
  if (/\[(?:[a-zA-Z][a-zA-Z0-9+.-]*:|\/\/)[^\s[\]<>]+\]/.test(text)) {
    // `[url]` renders as `[1]`, numbered over the whole page.
    state.exact = false;
  }
  text = text.replace(QUOTES, '');
  text = text.replace(HTML_TAG, (whole, name: string) =>
    HTML_TAGS.has(name.toLowerCase()) ? '' : whole,
  );
  if (kept.length > 0) text = text.replace(/\uE000(\d+)\uE000/g, (_w, k: string) => kept[+k]!);
  text = phpTrim(text.replace(/[ _]+/g, ' '));
  text = normalizeSectionName(decodeCharReferences(text));
  return { anchor: escapeId(text), exact: state.exact };
}

/**
 * The fragment MediaWiki gives a heading (`Parser::finalizeHeadings`, html5 fragment mode), before
 * duplicates get `_2`, `_3`: templates expanded (with `resolveTemplate`), links replaced by their
 * text, bold and italic quotes and HTML tags removed, extension tags dropped, character
 * references decoded, whitespace as `_` (a leading non-breaking space stays as `_`).
 *
 * @param title - The heading text as written between the `=` runs (comments are removed here).
 * @param options - Templates to expand and the extension tag list.
 * @returns The anchor, e.g. `Styled_&_bold`.
 * @example
 * ```ts
 * headingAnchor("<span style=\"color:red\">Styled</span> & <b>bold</b>") // 'Styled_&_bold'
 * headingAnchor('[[Main Page|Linked]] heading') // 'Linked_heading'
 * headingAnchor('&nbsp; A &nbsp; B &nbsp;') // '_A_B'
 * headingAnchor('{{Echo|T}} h', { templates: { Echo: '{{{1}}}' } }) // 'T_h'
 * ```
 */
export function headingAnchor(title: string, options: HeadingAnchorOptions = {}): string {
  return anchorOf(title, anchorContext(options)).anchor;
}
