/**
 * A MediaWiki feed from its URL: fetched politely (see {@link FetchOptions}) and parsed.
 */
import { WikirevError } from '../errors.js';
import { type ParseFeedOptions, parseFeed } from '../feed/parse-feed.js';
import type { Feed } from '../model.js';
import { FetchError } from './fetch-error.js';
import type { FetchOptions } from './fetch-options.js';
import { checkFetchOptions, isHtml, request } from './http-client.js';

/** Options of {@link fetchFeed}: the fetch edge's, and the parser's. */
export interface FetchFeedOptions extends FetchOptions {
  /**
   * Passed to `parseFeed` (`maxInputBytes`, `kind`).
   * @default {}
   */
  readonly parse?: ParseFeedOptions;
}

const ACCEPT_FEED = 'application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.1';

/**
 * Fetches a feed URL and parses it. Redirects are followed: MediaWiki answers
 * `Special:Contributions/U?feed=atom` with a 301 and `Special:RecentChanges?feed=atom` with a
 * 302 to `api.php` (FORMAT.md §1). 429 and 502/503/504 are retried as in every request of the
 * fetch edge.
 *
 * @param url - An http(s) URL of an Atom or RSS feed.
 * @param options - See {@link FetchFeedOptions}.
 * @returns The parsed feed.
 * @throws TypeError for a URL that is not http(s); FetchError (`HTTP_ERROR`, `TIMEOUT`,
 *   `HTML_ANSWER` for a login wall or an HTML page, `NOT_A_FEED` for other non-feed answers,
 *   `REDIRECT_LOOP`, `ANSWER_TOO_LARGE` past `maxInputBytes` (or `parse.maxInputBytes`), …);
 *   WikirevError for a feed with entity declarations.
 * @example
 * ```js
 * const feed = await fetchFeed('https://wiki.example.org/index.php?title=Special:Contributions/Alice&feed=atom');
 * feed.kind // 'contributions'
 * ```
 */
export async function fetchFeed(url: string, options: FetchFeedOptions = {}): Promise<Feed> {
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
    throw new TypeError(`fetchFeed: url must be an http(s) URL, got ${String(url)}`);
  }
  checkFetchOptions(options);
  // One byte limit for the body and the parser: the parser's when only it was given.
  const maxInputBytes = options.maxInputBytes ?? options.parse?.maxInputBytes;
  const parse = { ...options.parse, ...(maxInputBytes === undefined ? {} : { maxInputBytes }) };
  const fetchOptions = maxInputBytes === undefined ? options : { ...options, maxInputBytes };
  return request(url, ACCEPT_FEED, fetchOptions, { requests: 0 }, (answer) => {
    if (isHtml(answer)) {
      throw new FetchError(
        'HTML_ANSWER',
        `${answer.url}: an HTML page instead of a feed (a login wall, or not a feed URL?)`,
        { url: answer.url, status: answer.status },
      );
    }
    try {
      return parseFeed(answer.bytes, parse);
    } catch (error) {
      if (
        error instanceof WikirevError &&
        (error.code === 'NOT_A_FEED' || error.code === 'INVALID_XML')
      ) {
        throw new FetchError(
          'NOT_A_FEED',
          `${answer.url}: not a MediaWiki feed: ${error.message}`,
          {
            url: answer.url,
            status: answer.status,
            cause: error,
          },
        );
      }
      throw error;
    }
  });
}
