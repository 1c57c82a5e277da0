/**
 * `fetchWikiLinks`: where a live wiki's pages are, from its own `meta=siteinfo` (`server`,
 * `script`, `articlepath`), for the links of a report built from API revisions, which carry no
 * URL of their own (feeds do: `wikiLinksOf`).
 */
import type { WikiLinks } from '../report/wiki-links.js';
import { apiRequest, apiUrl } from './api-query.js';
import type { FetchOptions } from './fetch-options.js';
import { checkFetchOptions, type RequestCounter } from './http-client.js';

/** An absolute http(s) URL of `server` + `path`, or null when the result is not one. */
function absolute(api: URL, server: unknown, path: unknown): string | null {
  if (typeof server !== 'string' || typeof path !== 'string' || !path.startsWith('/')) return null;
  try {
    // `$wgServer` may be protocol-relative (`//en.wikipedia.org`): the API's own scheme then.
    const url = new URL(`${server}${path}`, api);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.search !== '' || url.hash !== '') return null;
    return `${url.origin}${path}`;
  } catch {
    return null;
  }
}

/**
 * Asks a wiki's Action API for its script URL and article path (`meta=siteinfo`, general
 * part: `$wgServer` with `$wgScript` and `$wgArticlePath`), in the shape `renderReport`'s
 * `wiki` option takes. What the answer lacks, or gives in a shape that is not a plain path
 * (an article path without `$1`), stays `null`: links are left out, never guessed.
 *
 * @param api - The URL of the wiki's `api.php`.
 * @param options - See {@link FetchOptions} (one request).
 * @returns The wiki's links.
 * @throws FetchError for an HTTP, transport or API failure; TypeError for a bad `api`.
 * @example
 * ```ts
 * await fetchWikiLinks('https://en.wikipedia.org/w/api.php')
 * // { script: 'https://en.wikipedia.org/w/index.php', articlePath: 'https://en.wikipedia.org/wiki/$1' }
 * ```
 */
export async function fetchWikiLinks(api: string, options: FetchOptions = {}): Promise<WikiLinks> {
  const url = apiUrl(api);
  checkFetchOptions(options);
  const counter: RequestCounter = { requests: 0 };
  const answer = await apiRequest(
    url,
    { action: 'query', meta: 'siteinfo', siprop: 'general' },
    options,
    counter,
  );
  const query = answer.query as { general?: Record<string, unknown> } | undefined;
  const general = query?.general ?? {};
  const articlePath = absolute(url, general.server, general.articlepath);
  return {
    script: absolute(url, general.server, general.script),
    articlePath: articlePath?.includes('$1') === true ? articlePath : null,
  };
}
