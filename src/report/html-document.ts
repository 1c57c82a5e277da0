/**
 * The one HTML page frame of wikirev's HTML output (the report, `blame --format html`,
 * `diff --format html`): the same head and the same Content-Security-Policy for all, so a
 * change to the policy reaches every page. The policy forbids every request and every script
 * but the one given by its hash: feed text that slips through escaping still cannot run or
 * call out.
 */
import { escapeHtml } from './escape-html.js';

/** What goes into {@link htmlDocument}. */
export interface HtmlDocumentParts {
  /** The page's title as text (escaped here; isolate bidirectional text before). */
  readonly title: string;
  /** The style sheet. */
  readonly css: string;
  /** The markup of `<body>`. */
  readonly body: string;
  /** A script and its CSP hash (`'sha256-…'`), or none. */
  readonly script?: { readonly code: string; readonly hash: string };
}

/**
 * A complete HTML page with wikirev's head: charset, viewport, the Content-Security-Policy,
 * the title and the inline style sheet.
 *
 * @param parts - Title, style sheet, body and optional script.
 * @returns The page, ending with a newline.
 * @example
 * ```ts
 * htmlDocument({ title: 'a < b', css: '', body: '<p>x</p>' }).includes('<title>a &lt; b</title>') // true
 * ```
 */
export function htmlDocument(parts: HtmlDocumentParts): string {
  const script = parts.script;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:${script === undefined ? '' : `; script-src ${script.hash}`}">
<meta name="generator" content="wikirev">
<title>${escapeHtml(parts.title)}</title>
<style>${parts.css}</style>
</head>
<body>
${parts.body}
${script === undefined ? '' : `<script>${script.code}</script>\n`}</body>
</html>
`;
}
