/**
 * The error of the fetch edge: what went wrong talking to a wiki, with a closed `code`.
 */

/**
 * Why a request to a wiki failed.
 *
 * - `HTTP_ERROR`: an HTTP status other than 2xx (after retries for 502/503/504); see `status`.
 * - `RATE_LIMITED`: HTTP 429 or the API's `ratelimited` error, still after `maxRetries`.
 * - `MAXLAG`: the API's `maxlag` error (replication lag above `maxlag`), still after `maxRetries`.
 * - `TIMEOUT`: no complete answer within `timeoutMs`.
 * - `ABORTED`: the caller's `AbortSignal` fired.
 * - `NETWORK`: no connection, or the connection was cut before the answer was complete.
 * - `REDIRECT_LOOP`: a redirect leads back to a URL already visited.
 * - `TOO_MANY_REDIRECTS`: more than `maxRedirects` redirects.
 * - `BAD_REDIRECT`: a redirect to a URL that is not http(s) (`data:`, `file:`, `javascript:`)
 *   or that cannot be parsed; never followed.
 * - `ANSWER_TOO_LARGE`: the answer's body passes `maxInputBytes`; counted as it arrives, and
 *   the request is aborted there (a declared `Content-Length` past it is refused before reading).
 * - `CONTINUATION_LOOP`: the API hands back a `continue` it already gave in this query, which
 *   would repeat the same requests forever.
 * - `REQUEST_BUDGET_EXCEEDED`: the call would send more than `maxRequests` requests (retries
 *   and continuation included): an API that never stops continuing, or a limit set too low.
 * - `HTML_ANSWER`: an HTML page where JSON or a feed was expected (a login wall, a captive
 *   portal, the wiki's HTML error page, a wrong URL).
 * - `INVALID_JSON`: the answer is not JSON (typically truncated).
 * - `NOT_MEDIAWIKI`: JSON, but not the shape of a MediaWiki Action API answer.
 * - `NOT_A_FEED`: the answer of a feed URL is not an Atom or RSS feed.
 * - `MISSING_PAGE`: the page (title or page id) does not exist.
 * - `INVALID_TITLE`: MediaWiki refuses the title (`invalid` in the answer).
 * - `API_ERROR`: any other API `error`; `apiCode` holds MediaWiki's code (`badtoken`,
 *   `missingtitle`, `baduser_ucuser`, `readapidenied`, …).
 * - `SHA1_MISMATCH`: a revision text does not hash to the `sha1` the API gave with it.
 * - `ID_OUT_OF_RANGE`: a revision id in the answer is not an integer from 1 to 2^53 − 1. JSON
 *   numbers past that are rounded (`9007199254740993` reads as `…992`), so the revision is
 *   refused rather than confused with another one.
 */
export type FetchErrorCode =
  | 'HTTP_ERROR'
  | 'RATE_LIMITED'
  | 'MAXLAG'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'NETWORK'
  | 'REDIRECT_LOOP'
  | 'TOO_MANY_REDIRECTS'
  | 'BAD_REDIRECT'
  | 'ANSWER_TOO_LARGE'
  | 'CONTINUATION_LOOP'
  | 'REQUEST_BUDGET_EXCEEDED'
  | 'HTML_ANSWER'
  | 'INVALID_JSON'
  | 'NOT_MEDIAWIKI'
  | 'NOT_A_FEED'
  | 'MISSING_PAGE'
  | 'INVALID_TITLE'
  | 'API_ERROR'
  | 'SHA1_MISMATCH'
  | 'ID_OUT_OF_RANGE';

/** The details a {@link FetchError} carries besides its code and message. */
export interface FetchErrorDetails {
  /** The URL of the request that failed (after redirects, when known). */
  readonly url?: string;
  /** The HTTP status, when an answer came. */
  readonly status?: number;
  /** MediaWiki's `error.code` for API errors (`badtoken`, `maxlag`, …). */
  readonly apiCode?: string;
  /** The underlying error. */
  readonly cause?: unknown;
}

/**
 * Thrown by the fetch edge when a wiki cannot be read; `code` says why.
 *
 * @example
 * ```ts
 * try { await fetchFeed('https://wiki.example.org/wiki/Main_Page') } catch (e) {
 *   if (e instanceof FetchError) e.code // 'HTML_ANSWER'
 * }
 * ```
 */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  readonly code: FetchErrorCode;
  /** The URL of the request that failed, or `null`. */
  readonly url: string | null;
  /** The HTTP status of the answer, or `null` when none came. */
  readonly status: number | null;
  /** MediaWiki's `error.code`, or `null` when the API gave none. */
  readonly apiCode: string | null;

  /**
   * @param code - Why the request failed.
   * @param message - For humans; names the URL or the page.
   * @param details - URL, HTTP status, API code, cause.
   */
  constructor(code: FetchErrorCode, message: string, details: FetchErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.url = details.url ?? null;
    this.status = details.status ?? null;
    this.apiCode = details.apiCode ?? null;
  }
}
