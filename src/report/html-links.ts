/**
 * Links from the HTML report back to the wiki, in the shapes MediaWiki 1.39 itself writes
 * (checked against a real wiki in test/report-links-mediawiki.test.ts): permanent link
 * `index.php?title=T&oldid=ID`, the diff of a revision against its parent
 * `index.php?title=T&diff=prev&oldid=ID` (what Special:Contributions links), history
 * `index.php?title=T&action=history`, user pages and contributions by their canonical names,
 * which every wiki accepts whatever its language.
 */
import { escapeHtml } from './escape-html.js';
import type { WikiLinks } from './wiki-links.js';

/** MediaWiki's `wfUrlencode` of a title: spaces as `_`, and these characters left as they are. */
function titleUrl(title: string): string {
  return encodeURIComponent(title.replace(/ /g, '_'))
    .replace(/'/g, '%27')
    .replace(/%(3B|40|24|21|2A|28|29|2C|2F|7E|3A)/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
}

/** URLs of one wiki; every method gives `null` when the wiki's URLs are unknown. */
export interface HtmlLinks {
  readonly page: (title: string) => string | null;
  readonly permalink: (title: string, id: number) => string | null;
  readonly diff: (title: string, id: number) => string | null;
  /** The wiki's diff of two revisions (its history page's "compare selected revisions"). */
  readonly compare: (title: string, older: number, newer: number) => string | null;
  readonly history: (title: string) => string | null;
  readonly user: (name: string) => string | null;
  readonly contributions: (name: string) => string | null;
}

/** The wiki's links; all `null` when `wiki` is unknown. */
export function htmlLinks(wiki: WikiLinks | null): HtmlLinks {
  const script = wiki?.script ?? null;
  const article = wiki?.articlePath ?? null;
  /** A page view: the article path where known (the wiki's own short URLs). */
  const view = (title: string): string | null => {
    if (article !== null) return article.split('$1').join(titleUrl(title));
    return script === null ? null : `${script}?title=${titleUrl(title)}`;
  };
  /** A page with a query: the script where known, as MediaWiki's own action links. */
  const action = (title: string, query: string): string | null => {
    if (script !== null) return `${script}?title=${titleUrl(title)}&${query}`;
    const url = view(title);
    return url === null ? null : `${url}${url.includes('?') ? '&' : '?'}${query}`;
  };
  return {
    page: view,
    permalink: (title, id) => action(title, `oldid=${id}`),
    diff: (title, id) => action(title, `diff=prev&oldid=${id}`),
    compare: (title, older, newer) => action(title, `diff=${newer}&oldid=${older}`),
    history: (title) => action(title, 'action=history'),
    user: (name) => view(`User:${name}`),
    contributions: (name) => view(`Special:Contributions/${name}`),
  };
}

/** `html` linked to `url`, or `html` alone when the URL is unknown. */
export function link(url: string | null, html: string, cls?: string): string {
  if (url === null) return html;
  return `<a${cls === undefined ? '' : ` class="${cls}"`} href="${escapeHtml(url)}">${html}</a>`;
}
