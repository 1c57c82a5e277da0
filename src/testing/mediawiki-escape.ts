/**
 * The escaping and URL functions of MediaWiki 1.39 that shape feed bytes (FORMAT.md 2, 5, 6.1),
 * reimplemented for `buildFeed`. Private to `src/testing/`.
 */

// FORMAT.md 2: the XML layer deletes these control characters (everything below U+0020 except
// tab, LF and CR).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters MediaWiki deletes
const XML_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** PHP `htmlspecialchars` with `ENT_QUOTES` (`'` → `&#039;`). */
export function escapeWithQuotes(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#039;');
}

/** PHP `htmlspecialchars` with `ENT_COMPAT`: `'` stays literal (the contributions text, 6.1). */
export function escapeCompat(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** wikidiff2 cell text: `&`, `<`, `>` only, quotes literal (FORMAT.md 6.3). */
export function escapeDiffCell(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The XML layer (FORMAT.md 2): CRLF to LF, control characters deleted, escaped with quotes. */
export function xmlText(text: string): string {
  return escapeWithQuotes(text.replace(/\r\n/g, '\n').replace(XML_CONTROL, ''));
}

/** PHP `nl2br` on text that holds LF only: `<br />` before each line break. */
export function nl2br(html: string): string {
  return html.replace(/\n/g, '<br />\n');
}

/** PHP `rawurlencode`: RFC 3986, so `!'()*` are encoded too (`O'Neil` → `O%27Neil`). */
export function rawUrlEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

// `wfUrlencode` leaves these readable after `rawurlencode` (`:` and `/` in titles, FORMAT.md 5).
const URL_KEEP: Readonly<Record<string, string>> = {
  '%3B': ';',
  '%40': '@',
  '%24': '$',
  '%21': '!',
  '%2A': '*',
  '%28': '(',
  '%29': ')',
  '%2C': ',',
  '%2F': '/',
  '%7E': '~',
  '%3A': ':',
};

/** A page title as MediaWiki writes it in URLs: spaces as `_`, then `wfUrlencode`. */
export function titleUrl(title: string): string {
  return rawUrlEncode(title.replace(/ /g, '_')).replace(
    /%(?:3B|40|24|21|2A|28|29|2C|2F|7E|3A)/g,
    (code) => URL_KEEP[code] ?? code,
  );
}

// English canonical namespaces and their talk namespaces (`$wgCanonicalNamespaceNames`).
const TALK: Readonly<Record<string, string | null>> = {
  '': 'Talk',
  Talk: 'Talk',
  User: 'User talk',
  'User talk': 'User talk',
  Project: 'Project talk',
  'Project talk': 'Project talk',
  File: 'File talk',
  'File talk': 'File talk',
  MediaWiki: 'MediaWiki talk',
  'MediaWiki talk': 'MediaWiki talk',
  Template: 'Template talk',
  'Template talk': 'Template talk',
  Help: 'Help talk',
  'Help talk': 'Help talk',
  Category: 'Category talk',
  'Category talk': 'Category talk',
  Special: null,
  Media: null,
};

/** The talk page of a title (`Sandbox` → `Talk:Sandbox`), `null` where there is none. */
export function talkPage(title: string): string | null {
  const colon = title.indexOf(':');
  const prefix = colon === -1 ? '' : title.slice(0, colon);
  const known = colon !== -1 && Object.hasOwn(TALK, prefix);
  const namespace = known ? prefix : '';
  const rest = known ? title.slice(colon + 1) : title;
  const talk = TALK[namespace];
  if (talk === null || talk === undefined) return null;
  return `${talk}:${rest}`;
}

/** `[[Target|text]]` → `text`, `[[Target]]` → `Target`: the regex of `FeedItem::stripComment`. */
export function stripCommentLinks(comment: string): string {
  return comment.replace(/\[\[([^\]]*\|)?([^\]]+)\]\]/g, '$2');
}
