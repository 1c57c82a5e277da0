/**
 * What every function of the fetch edge accepts: politeness (User-Agent, maxlag, retries),
 * limits (timeout, redirects), cancellation, and the injected network and clock for tests.
 */
import type { Diagnostic } from '../errors.js';

/** What a {@link FetchOptions.onProgress} callback is told, discriminated by `kind`. */
export type FetchProgress =
  | {
      /** A request is about to be sent (not counting redirects it follows). */
      readonly kind: 'request';
      readonly url: string;
      /** Requests sent so far by this call, this one included. */
      readonly requests: number;
    }
  | {
      /** The server asked to slow down (or was unavailable): waiting before retrying. */
      readonly kind: 'wait';
      readonly url: string;
      /** 429 or `ratelimited`, the API's `maxlag`, or a 502/503/504. */
      readonly reason: 'rate-limited' | 'maxlag' | 'unavailable';
      /** How long the wait is, from `Retry-After` or the exponential backoff. */
      readonly delayMs: number;
      /** 1 for the first retry of this request. */
      readonly attempt: number;
    }
  | {
      /** A batch was received: items (revisions, or feed entries) read so far. */
      readonly kind: 'items';
      readonly count: number;
    };

/** Politeness, limits and injected I/O of the fetch edge. */
export interface FetchOptions {
  /**
   * The `fetch` to use (inject a fake in tests).
   * @default globalThis.fetch
   */
  readonly fetch?: typeof fetch;
  /**
   * The `User-Agent` header. Wikimedia's policy asks every client to name itself, its version
   * and a way to reach its operator; anonymous generic agents get blocked.
   * @default `wikirev/<version> (+https://www.npmjs.com/package/wikirev)`
   */
  readonly userAgent?: string;
  /**
   * How to reach you (an e-mail address or a URL), added to the User-Agent so that a wiki's
   * operators can tell you about a problem instead of blocking you.
   * @default none
   */
  readonly contact?: string;
  /**
   * The API's `maxlag` parameter in seconds: when the wiki's database replicas lag behind by
   * more, MediaWiki refuses the request with a `maxlag` error and a `Retry-After`, so that
   * bots back off while the wiki is under load. `null` leaves the parameter out.
   * @default 5
   */
  readonly maxlag?: number | null;
  /**
   * How many times one request is retried after a 429, a 502/503/504, or a `maxlag` or
   * `ratelimited` API error, before the call fails.
   * @default 5
   */
  readonly maxRetries?: number;
  /**
   * The first backoff delay in milliseconds when the server sends no `Retry-After`; doubled on
   * each retry.
   * @default 1000
   */
  readonly retryDelayMs?: number;
  /**
   * The longest wait accepted; a `Retry-After` asking for more fails the call at once (with
   * `RATE_LIMITED`, `MAXLAG` or `HTTP_ERROR`) instead of hanging for hours.
   * @default 120000
   */
  readonly maxRetryDelayMs?: number;
  /**
   * Milliseconds one request may take, its redirects and the whole answer included.
   * @default 30000
   */
  readonly timeoutMs?: number;
  /**
   * How many redirects one request follows.
   * @default 10
   */
  readonly maxRedirects?: number;
  /**
   * The most requests one call sends, retries and continuation batches included; one more
   * fails the call with `REQUEST_BUDGET_EXCEEDED`, so an API that answers `continue` forever
   * cannot keep it running. `Infinity` removes the bound.
   * @default 10000 (`DEFAULT_LIMITS.maxRequests`)
   */
  readonly maxRequests?: number;
  /**
   * The most bytes of one answer's body, counted as they arrive; past it the request is
   * aborted and the call fails with `ANSWER_TOO_LARGE`.
   * @default 268435456 (256 MiB, `DEFAULT_LIMITS.maxInputBytes`)
   */
  readonly maxInputBytes?: number;
  /**
   * Cancels the call: the pending request or wait stops and the call throws `ABORTED`.
   * @default none
   */
  readonly signal?: AbortSignal;
  /**
   * Waits `ms` milliseconds (inject one that returns at once in tests). It should reject when
   * `signal` aborts.
   * @default a `setTimeout` promise
   */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Told about requests, waits and items received (for a progress line).
   * @default none
   */
  readonly onProgress?: (progress: FetchProgress) => void;
  /**
   * Told about recoverable findings: hidden (revision-deleted) fields, API warnings, texts
   * whose SHA-1 does not match (with `sha1Mismatch: 'report'`), revisions gone missing.
   * @default none
   */
  readonly onDiagnostic?: (diagnostic: Diagnostic) => void;
}
