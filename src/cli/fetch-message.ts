/**
 * A {@link FetchError} as the CLI words it after the input's name (`HTTP 500 …`, `no answer
 * within 30 s (use --timeout to wait longer)`).
 */
import { WikirevError } from '../errors.js';
import type { FetchError } from '../fetch/fetch-error.js';

/**
 * The message of a fetch failure without the URL the CLI already prints first.
 *
 * @param error - What the fetch edge threw.
 * @returns The text after `wikirev: NAME: `.
 * @example
 * ```ts
 * fetchMessage(new FetchError('TIMEOUT', 'http://x/: no answer within 30 s', { url: 'http://x/' }))
 * // 'no answer within 30 s (use --timeout to wait longer)'
 * ```
 */
export function fetchMessage(error: FetchError): string {
  const prefix = error.url === null ? '' : `${error.url}: `;
  const rest =
    prefix !== '' && error.message.startsWith(prefix)
      ? error.message.slice(prefix.length)
      : error.message;
  switch (error.code) {
    case 'TIMEOUT':
      return `${rest} (use --timeout to wait longer)`;
    case 'ANSWER_TOO_LARGE':
      return `${rest} (use --max-input-bytes to allow more)`;
    case 'REQUEST_BUDGET_EXCEEDED':
      return `${rest.replace(/ \(an API that keeps.*$/, '')} (use --max-requests to allow more)`;
    case 'HTML_ANSWER':
      return `the answer is not a MediaWiki feed: ${rest}`;
    case 'NOT_A_FEED':
      return `the answer is not a MediaWiki feed: ${error.cause instanceof WikirevError ? error.cause.message : rest}`;
    case 'HTTP_ERROR':
    case 'RATE_LIMITED':
    case 'MAXLAG':
    case 'ABORTED':
    case 'NETWORK':
    case 'REDIRECT_LOOP':
    case 'TOO_MANY_REDIRECTS':
    case 'BAD_REDIRECT':
    case 'CONTINUATION_LOOP':
    case 'INVALID_JSON':
    case 'NOT_MEDIAWIKI':
    case 'MISSING_PAGE':
    case 'INVALID_TITLE':
    case 'API_ERROR':
    case 'SHA1_MISMATCH':
    case 'ID_OUT_OF_RANGE':
      return rest;
    default: {
      const never: never = error.code;
      return String(never);
    }
  }
}
