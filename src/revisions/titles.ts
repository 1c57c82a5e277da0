/**
 * MediaWiki page-title normalisation, so that titles read from URLs, feed titles and edit
 * summaries compare equal when MediaWiki would treat them as the same page.
 */

/** Options of {@link normalizeTitle}. */
export interface NormalizeTitleOptions {
  /**
   * Uppercase the first letter of the title (and of the part after a namespace prefix), as
   * MediaWiki does unless the wiki sets `$wgCapitalLinks = false` (e.g. Wiktionary).
   * @default true
   */
  readonly capitalLinks?: boolean;
  /**
   * Namespace prefixes recognised before a `:`; matched case-insensitively and rewritten to
   * the spelling given here. The default is the English canonical namespace set of MediaWiki
   * 1.39 (`Project` is the canonical name of the wiki's own namespace).
   * @default ENGLISH_NAMESPACES (Talk, User, User talk, Project, …, Category talk, Special, Media)
   */
  readonly namespaces?: readonly string[];
}

/** MediaWiki 1.39's canonical namespace names (`NamespaceInfo::$canonicalNames`). */
const ENGLISH_NAMESPACES: readonly string[] = [
  'Media',
  'Special',
  'Talk',
  'User',
  'User talk',
  'Project',
  'Project talk',
  'File',
  'File talk',
  'MediaWiki',
  'MediaWiki talk',
  'Template',
  'Template talk',
  'Help',
  'Help talk',
  'Category',
  'Category talk',
];

/**
 * Normalise a page title the way MediaWiki's `Title` class does before comparing titles.
 *
 * - `%XX` sequences are decoded (titles taken from URLs): MediaWiki refuses titles that contain
 *   a `%` followed by two hex digits, so decoding never changes a valid title's meaning.
 * - Underscores become spaces; runs of spaces (and the Unicode spaces MediaWiki folds) collapse
 *   to one; leading and trailing spaces go.
 * - A known namespace prefix is matched case-insensitively (`user talk:` → `User talk:`) and
 *   the space around its colon dropped.
 * - The first letter (after the namespace) is uppercased, Unicode-aware, unless
 *   `capitalLinks` is false. Letters whose uppercase form is longer than one character (`ß`)
 *   are kept, as MediaWiki's `$wgOverrideUcfirstCharacters` does for `ß`.
 *
 * @param title - A title in any of the spellings feeds use (`Markup_%26_Escapes`, `sandbox`).
 * @param options - See {@link NormalizeTitleOptions}.
 * @returns The normalised title, e.g. `Markup & Escapes`.
 * @example
 * ```ts
 * normalizeTitle('user_talk:alice/%C3%A9t%C3%A9') // 'User talk:Alice/été'
 * normalizeTitle('iPhone', { capitalLinks: false }) // 'iPhone'
 * ```
 */
export function normalizeTitle(title: string, options: NormalizeTitleOptions = {}): string {
  const capitalLinks = options.capitalLinks ?? true;
  const namespaces = options.namespaces ?? ENGLISH_NAMESPACES;
  if (typeof title !== 'string') throw new TypeError('normalizeTitle: title must be a string');
  let text = percentDecode(title)
    .replace(/[_\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/gu, ' ')
    .trim();
  let prefix = '';
  const colon = text.indexOf(':');
  if (colon > 0) {
    const candidate = text.slice(0, colon).trim().toLowerCase();
    const known = namespaces.find((ns) => ns.toLowerCase() === candidate);
    if (known !== undefined) {
      prefix = `${known}:`;
      text = text.slice(colon + 1).trim();
    }
  }
  return prefix + (capitalLinks ? upperFirst(text) : text);
}

/** Decode `%XX` UTF-8 sequences, leaving the text as it was if they are not valid UTF-8. */
function percentDecode(text: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(text)) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function upperFirst(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const char = String.fromCodePoint(first);
  const upper = char.toUpperCase();
  if ([...upper].length !== 1) return text;
  return upper + text.slice(char.length);
}
