/**
 * `wikiLinksOf`: where a wiki's pages are, read from its feeds' own URLs, so that a report can
 * link every revision, user and page back to the wiki without guessing a URL layout.
 */
import type { Feed, FeedKind } from '../model.js';

/**
 * The two URL shapes of a wiki (MediaWiki's `$wgScript` and `$wgArticlePath`, made absolute);
 * either is `null` when no URL seen shows it. Either alone is enough to link everything.
 */
export interface WikiLinks {
  /** The absolute URL of `index.php`, e.g. `https://wiki.example.org/w/index.php`. */
  readonly script: string | null;
  /** The absolute article path with `$1` for the title, e.g. `https://wiki.example.org/wiki/$1`. */
  readonly articlePath: string | null;
}

/** Feeds whose HTML page is a special page (`Special:Contributions/USER`, `Special:NewPages`…):
 *  how many path segments of their `siteUrl` are that page's title. */
const SPECIAL_PAGE_SEGMENTS: Partial<Record<FeedKind, number>> = {
  contributions: 2,
  recentchanges: 1,
  newpages: 1,
  watchlist: 1,
};

/** A path prefix we can reuse as is: plain ASCII, ending in `/` (`/wiki/`, `/index.php/`). */
const PLAIN_PREFIX = /^\/(?:[A-Za-z0-9._~-]+\/)*$/;

function httpUrl(url: string | null): URL | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

/** `index.php?title=…&diff=…`, `…?title=…&action=history`: a script URL with a page query. */
function scriptOf(url: URL): string | null {
  if (!/\/[^/]+\.php$/.test(url.pathname) || url.pathname.endsWith('/api.php')) return null;
  const q = url.searchParams;
  if (!q.has('title') && !q.has('diff') && !q.has('oldid')) return null;
  return `${url.origin}${url.pathname}`;
}

/** The article path of `url` when its last `segments` path segments are a page title. */
function articlePathOf(url: URL, segments: number, title: string | null): string | null {
  if (url.search !== '' || url.hash !== '') return null;
  const parts = url.pathname.split('/');
  if (parts.length <= segments) return null;
  const tail = parts.slice(parts.length - segments);
  let decoded: string;
  try {
    decoded = tail.map(decodeURIComponent).join('/');
  } catch {
    return null;
  }
  if (title !== null ? decoded !== title.replace(/ /g, '_') : !tail[0]?.includes(':')) return null;
  const prefix = `${parts.slice(0, parts.length - segments).join('/')}/`;
  return PLAIN_PREFIX.test(prefix) ? `${url.origin}${prefix}$1` : null;
}

/**
 * Reads a wiki's script URL and article path from its feeds: entry links
 * (`index.php?title=…&diff=…`) and history feeds' pages give the script; new-page entry links
 * (`/wiki/TITLE`) and the special pages of contributions, recent-changes, new-pages and watchlist
 * feeds (`/wiki/Special:Contributions/USER`) give the article path. Only http(s) URLs of the
 * first feed's site are read; what no URL shows stays `null`.
 *
 * @param feeds - Parsed feeds of one wiki (from `parseFeed`).
 * @returns The wiki's links; both `null` when the feeds show neither.
 * @example
 * ```ts
 * wikiLinksOf([parseFeed(seedXml)])
 * // { script: 'https://wiki.openvz.org/index.php', articlePath: 'https://wiki.openvz.org/$1' }
 * ```
 */
export function wikiLinksOf(feeds: readonly Feed[]): WikiLinks {
  let origin: string | null = null;
  let script: string | null = null;
  let articlePath: string | null = null;
  const see = (raw: string | null, kind: FeedKind | null, title: string | null) => {
    const url = httpUrl(raw);
    if (url === null) return;
    origin ??= url.origin;
    if (url.origin !== origin) return;
    script ??= scriptOf(url);
    if (articlePath !== null) return;
    if (title !== null) articlePath = articlePathOf(url, title.split('/').length, title);
    else if (kind !== null && SPECIAL_PAGE_SEGMENTS[kind] !== undefined)
      articlePath = articlePathOf(url, SPECIAL_PAGE_SEGMENTS[kind], null);
  };
  for (const feed of feeds) {
    see(feed.siteUrl, feed.kind, null);
    for (const entry of feed.entries) see(entry.url, null, entry.pageTitle);
  }
  return { script, articlePath };
}
