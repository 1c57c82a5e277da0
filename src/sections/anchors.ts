import { decodeCharReferences } from './char-references.js';
import { DEFAULT_EXTENSION_TAGS } from './extension-tags.js';

/** Options of {@link headingAnchor}. */
export interface HeadingAnchorOptions {
  /**
   * Wikitext of templates, by name (`Echo` or `Template:Echo`), used to expand `{{Echo|x}}` in a
   * heading before its anchor is computed; `{{{1}}}`, `{{{name}}}` and `{{{1|default}}}` are
   * substituted, `<noinclude>` parts dropped. Calls of templates not listed stay as written.
   * @default {}
   */
  readonly templates?: Readonly<Record<string, string>>;
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
const NON_TEXT_NAMESPACE = /^\s*(?:category|file|image)\s*:/i;
// Title::splitTitleString: bidi marks go, every run of Unicode spaces becomes one.
const BIDI = /[\u200E\u200F\u202A-\u202E]/g;
const SPACES = /[ _\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;

// parseSections calls headingAnchor once per heading with the same list: its set is built once.
const tagSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function tagSet(tags: readonly string[]): ReadonlySet<string> {
  let set = tagSets.get(tags);
  if (set === undefined) {
    set = new Set(tags.map((t) => t.toLowerCase()));
    tagSets.set(tags, set);
  }
  return set;
}

function normalizeTemplateName(name: string): string {
  const plain = name
    .replace(/[ _]+/g, ' ')
    .trim()
    .replace(/^template\s*:\s*/i, '');
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

/** The template's wikitext as transcluded: `<noinclude>` parts out, `<onlyinclude>` honoured. */
function transcludedBody(body: string): string {
  let text = body;
  const only = [...text.matchAll(/<onlyinclude>([\s\S]*?)<\/onlyinclude>/gi)];
  if (only.length > 0) text = only.map((m) => m[1] ?? '').join('');
  return text
    .replace(/<noinclude>[\s\S]*?(?:<\/noinclude>|$)/gi, '')
    .replace(/<\/?includeonly>/gi, '');
}

function expandTemplates(text: string, templates: Readonly<Record<string, string>>): string {
  const table = new Map<string, string>();
  for (const [name, body] of Object.entries(templates)) {
    table.set(normalizeTemplateName(name), transcludedBody(body));
  }
  let current = text;
  // A few rounds expand nested calls; a template calling itself stops here rather than loop.
  for (let round = 0; round < 8 && current.includes('{{'); round++) {
    const next = current.replace(
      /\{\{([^{}|]*)((?:\|[^{}]*)?)\}\}/g,
      (whole, name: string, rawArgs: string) => {
        const body = table.get(normalizeTemplateName(name));
        if (body === undefined) return whole;
        const named = new Map<string, string>();
        let position = 1;
        for (const arg of rawArgs === '' ? [] : rawArgs.slice(1).split('|')) {
          const eq = arg.indexOf('=');
          if (eq === -1) named.set(String(position++), arg);
          else named.set(arg.slice(0, eq).trim(), arg.slice(eq + 1).trim());
        }
        return body.replace(
          /\{\{\{([^{}|]*)(?:\|([^{}]*))?\}\}\}/g,
          (param, key: string, fallback?: string) => named.get(key.trim()) ?? fallback ?? param,
        );
      },
    );
    if (next === current) break;
    current = next;
  }
  return current;
}

const OPENING_TAG = /<([A-Za-z][\w:-]*)(?:\s[^<>]*)?>/g;

/**
 * Extension tags out of a heading: `<nowiki>` keeps its text, shielded from the markup steps by a
 * placeholder into `kept`; the others render as something that is not heading text (a reference
 * mark, a formula). One forward pass; a tag whose closing tag is missing is text, and is not
 * searched for again (MediaWiki's `noMoreClosingTag`), so the pass stays linear.
 */
function dropExtensionTags(text: string, extensionTags: ReadonlySet<string>, kept: string[]) {
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
    }
    from = end;
    OPENING_TAG.lastIndex = end;
  }
  return (out + text.slice(from)).replace(/<\/(?:noinclude|onlyinclude)\s*>/gi, '');
}

/**
 * The fragment MediaWiki gives a heading (`Parser::formatHeadings`, html5 fragment mode), before
 * duplicates get `_2`, `_3`: links replaced by their text, bold and italic quotes and HTML tags
 * removed, extension tags dropped, character references decoded, spaces to underscores.
 *
 * @param title - The heading text as written between the `=` runs (comments are removed here).
 * @param options - Templates to expand and the extension tag list.
 * @returns The anchor, e.g. `Styled_&_bold`.
 * @example
 * ```ts
 * headingAnchor("<span style=\"color:red\">Styled</span> & <b>bold</b>") // 'Styled_&_bold'
 * headingAnchor('[[Main Page|Linked]] heading') // 'Linked_heading'
 * headingAnchor("A&B&amp;C") // 'A&B&C'
 * ```
 */
export function headingAnchor(title: string, options: HeadingAnchorOptions = {}): string {
  const extensionTags = tagSet(options.extensionTags ?? DEFAULT_EXTENSION_TAGS);
  let text = title.replace(COMMENT, '');
  if (options.templates !== undefined && text.includes('{{')) {
    text = expandTemplates(text, options.templates);
  }
  // Extension tags: <nowiki> keeps its text untouched by the markup steps below (placeholders);
  // the others render as something that is not heading text (a reference mark, a formula).
  const kept: string[] = [];
  if (text.includes('<')) text = dropExtensionTags(text, extensionTags, kept);
  text = text.replace(INTERNAL_LINK, (_whole, inner: string) => {
    if (NON_TEXT_NAMESPACE.test(inner)) return '';
    const pipe = inner.indexOf('|');
    if (pipe !== -1) return inner.slice(pipe + 1);
    return inner.replace(/^\s*:/, '');
  });
  text = text.replace(EXTERNAL_LINK, '$1');
  text = text.replace(QUOTES, '');
  text = text.replace(HTML_TAG, (whole, name: string) =>
    HTML_TAGS.has(name.toLowerCase()) ? '' : whole,
  );
  if (kept.length > 0) text = text.replace(/\uE000(\d+)\uE000/g, (_w, k: string) => kept[+k]!);
  text = text.replace(/[ _]+/g, ' ').trim();
  text = decodeCharReferences(text);
  text = text.replace(BIDI, '').replace(SPACES, ' ').trim();
  return text.replace(/ /g, '_');
}
