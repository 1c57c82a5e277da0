/**
 * HTML escaping of feed content for the HTML report (the report stage's own: `he` stays in
 * `wikitext/decode.ts`, and escaping needs only five characters).
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for an HTML text node or a quoted attribute value: `&`, `<`, `>`, `"` and `'`.
 * Feed content is never put in a URL attribute, so `javascript:` text stays inert text.
 *
 * @param text - Any text (titles, user names, summaries, wikitext lines).
 * @returns The text with the five characters replaced by entity references.
 * @example
 * ```ts
 * escapeHtml('<img src=x onerror="alert(1)">') // '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
