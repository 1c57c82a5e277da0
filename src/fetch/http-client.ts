/**
 * The one HTTP client of wikirev: GET with a proper User-Agent, redirects followed by hand
 * (to tell a loop from a long chain), a timeout per request, the caller's AbortSignal, and
 * retries with backoff on 429/502/503/504 and on answers the caller says to retry (`maxlag`).
 * One request at a time: nothing here runs requests in parallel.
 */
import { WikirevError } from '../errors.js';
import { ByteBudget, limitOption } from '../limits.js';
import { FetchError } from './fetch-error.js';
import type { FetchOptions } from './fetch-options.js';
import { packageVersion } from './package-version.js';
import { readCounted } from './read-counted.js';
import { requestShape } from './request-shape.js';

/** A complete 2xx answer. */
export interface HttpAnswer {
  /** The URL that answered (after redirects). */
  readonly url: string;
  readonly status: number;
  /** The `Content-Type`, lowercased, or `''`. */
  readonly contentType: string;
  readonly headers: Headers;
  readonly bytes: Uint8Array;
}

/** What an answer's reader may ask for instead of a value: wait and send the request again. */
export interface RetryRequest {
  readonly retry: 'rate-limited' | 'maxlag' | 'unavailable';
  /** The wait the server asked for (`Retry-After`), or `null` for the exponential backoff. */
  readonly delayMs: number | null;
  /** The error to throw when no retry is left. */
  readonly error: FetchError;
}

/** Counters shared by the requests of one call (for progress). */
export interface RequestCounter {
  requests: number;
}

const NPM_URL = 'https://www.npmjs.com/package/wikirev';

/**
 * The User-Agent sent: the caller's or wikirev's own, with the contact added.
 *
 * @param options - `userAgent` and `contact`.
 * @returns The header value.
 * @example
 * ```ts
 * userAgentOf({ contact: 'ops@example.org' })
 * // 'wikirev/0.1.0 (+https://www.npmjs.com/package/wikirev; ops@example.org)'
 * ```
 */
export function userAgentOf(options: Pick<FetchOptions, 'userAgent' | 'contact'>): string {
  const contact = options.contact?.trim();
  if (options.userAgent !== undefined) {
    return contact ? `${options.userAgent} (${contact})` : options.userAgent;
  }
  const base = `wikirev/${packageVersion()}`;
  return contact ? `${base} (+${NPM_URL}; ${contact})` : `${base} (+${NPM_URL})`;
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), or `null`. */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Rejects options that cannot work, naming the option (house style: misuse is a TypeError). */
export function checkFetchOptions(options: FetchOptions): void {
  const nonNegative = (name: keyof FetchOptions, value: unknown) => {
    if (
      value !== undefined &&
      !(typeof value === 'number' && value >= 0 && Number.isFinite(value))
    ) {
      throw new RangeError(`${name} must be a non-negative number, got ${String(value)}`);
    }
  };
  nonNegative('maxRetries', options.maxRetries);
  nonNegative('retryDelayMs', options.retryDelayMs);
  nonNegative('maxRetryDelayMs', options.maxRetryDelayMs);
  nonNegative('maxRedirects', options.maxRedirects);
  if (options.maxlag !== null) nonNegative('maxlag', options.maxlag);
  limitOption('wikirev/fetch', 'maxRequests', options.maxRequests);
  limitOption('wikirev/fetch', 'maxInputBytes', options.maxInputBytes);
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
    throw new RangeError(`timeoutMs must be a positive number, got ${String(options.timeoutMs)}`);
  }
  if (options.fetch === undefined && typeof globalThis.fetch !== 'function') {
    throw new TypeError('fetch: no global fetch here; pass one in options.fetch');
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The text of an error cause chain (`fetch failed: connect ECONNREFUSED …`). */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error && parts.length < 4; e = e.cause) {
    parts.push(e.message);
  }
  return parts.join(': ') || String(error);
}

function aborted(url: string, signal: AbortSignal): FetchError {
  return new FetchError('ABORTED', `${url}: aborted`, { url, cause: signal.reason });
}

/** The absolute http(s) URL a redirect points to; anything else is refused, never followed. */
function redirectTarget(from: string, location: string, current: string, status: number): string {
  let next: URL | null = null;
  try {
    next = new URL(location, current);
  } catch {
    // An unparseable Location is refused below like a foreign scheme.
  }
  if (next === null || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
    throw new FetchError(
      'BAD_REDIRECT',
      `${from}: a redirect to ${JSON.stringify(location.slice(0, 100))}, not an http(s) URL; not followed`,
      { url: current, status },
    );
  }
  return next.href;
}

/**
 * The whole body, counted as it arrives against `maxInputBytes`: an endless or huge answer
 * fails with `ANSWER_TOO_LARGE` holding at most the limit (the caller aborts the transfer).
 */
async function readBody(
  response: Response,
  url: string,
  options: FetchOptions,
): Promise<Uint8Array> {
  const limit = limitOption('wikirev/fetch', 'maxInputBytes', options.maxInputBytes);
  const budget = new ByteBudget('maxInputBytes', limit, 'the answer');
  const tooLarge = (error: WikirevError) =>
    new FetchError('ANSWER_TOO_LARGE', `${url}: ${error.message}`, {
      url,
      status: response.status,
      cause: error,
    });
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) {
    throw tooLarge(
      new WikirevError(
        'INPUT_TOO_LARGE',
        `the answer (${declared} bytes, by its Content-Length) exceeds maxInputBytes (${limit})`,
      ),
    );
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  try {
    return await readCounted(chunks(), budget);
  } catch (error) {
    if (error instanceof WikirevError) throw tooLarge(error);
    throw error;
  }
}

/**
 * One exchange: the request and its redirects, and the whole body, within `timeoutMs`.
 * Statuses are returned, not thrown; only transport failures throw.
 */
async function exchange(
  url: string,
  accept: string,
  options: FetchOptions,
  extraHeaders: Readonly<Record<string, string>> = {},
): Promise<HttpAnswer & { readonly statusText: string }> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRedirects = options.maxRedirects ?? 10;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const visited = new Set<string>();
  let current = url;
  const failed = (error: unknown, reading: boolean): FetchError => {
    if (timedOut) {
      return new FetchError(
        'TIMEOUT',
        `${current}: ${reading ? 'no complete answer' : 'no answer'} within ${timeoutMs / 1000} s`,
        { url: current, cause: error },
      );
    }
    if (options.signal?.aborted) return aborted(current, options.signal);
    return new FetchError(
      'NETWORK',
      reading
        ? `${current}: the answer was cut off: ${describeError(error)}`
        : `${current}: cannot fetch: ${describeError(error)}`,
      { url: current, cause: error },
    );
  };
  try {
    for (;;) {
      visited.add(current);
      let response: Response;
      try {
        const shape = requestShape(current, userAgentOf(options), accept);
        response = await doFetch(shape.url, {
          redirect: shape.redirect,
          signal: controller.signal,
          headers: { ...shape.headers, ...extraHeaders },
        });
      } catch (error) {
        throw failed(error, false);
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        const next = redirectTarget(url, location, current, response.status);
        if (visited.has(next)) {
          throw new FetchError(
            'REDIRECT_LOOP',
            `${url}: redirect loop (${[...visited, next].join(' → ')})`,
            { url: next, status: response.status },
          );
        }
        if (visited.size > maxRedirects) {
          throw new FetchError(
            'TOO_MANY_REDIRECTS',
            `${url}: more than ${maxRedirects} redirects`,
            {
              url: next,
              status: response.status,
            },
          );
        }
        current = next;
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readBody(response, current, options);
      } catch (error) {
        if (error instanceof FetchError) throw error;
        throw failed(error, true);
      } finally {
        // Stops the transfer of a body left unread (too large): the server sees the close.
        controller.abort();
      }
      return {
        url: current,
        status: response.status,
        statusText: response.statusText,
        contentType: (response.headers.get('content-type') ?? '').toLowerCase(),
        headers: response.headers,
        bytes,
      };
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

const RETRY_STATUS: ReadonlyMap<number, RetryRequest['retry']> = new Map([
  [429, 'rate-limited'],
  [502, 'unavailable'],
  [503, 'unavailable'],
  [504, 'unavailable'],
]);

/**
 * GETs `url` and gives the 2xx answer to `read`, retrying (one request at a time) on 429 and
 * 502/503/504, and whenever `read` asks for it; `Retry-After` is honoured, else the delay
 * doubles from `retryDelayMs`.
 *
 * @param url - The absolute http(s) URL.
 * @param accept - The `Accept` header.
 * @param options - See {@link FetchOptions}.
 * @param counter - Counts the requests of the calling function (for progress).
 * @param read - Turns the answer into a value, or asks for a retry.
 * @param conditional - `If-None-Match`/`If-Modified-Since` headers: a 304 answer then goes to
 *   `read` (empty bytes) instead of failing.
 * @returns What `read` returned.
 * @throws FetchError with the code of the failure.
 * @example
 * ```ts
 * await request('https://wiki.example.org/api.php?action=query', 'application/json', {}, { requests: 0 },
 *   (a) => a.status) // 200
 * ```
 */
export async function request<T>(
  url: string,
  accept: string,
  options: FetchOptions,
  counter: RequestCounter,
  read: (answer: HttpAnswer) => T | RetryRequest,
  conditional: Readonly<Record<string, string>> = {},
): Promise<T> {
  const maxRetries = options.maxRetries ?? 5;
  const baseDelay = options.retryDelayMs ?? 1000;
  const maxDelay = options.maxRetryDelayMs ?? 120_000;
  const sleep = options.sleep ?? defaultSleep;
  const maxRequests = limitOption('wikirev/fetch', 'maxRequests', options.maxRequests);
  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) throw aborted(url, options.signal);
    if (counter.requests >= maxRequests) {
      throw new FetchError(
        'REQUEST_BUDGET_EXCEEDED',
        `${url}: one more request would pass maxRequests (${maxRequests}) for this call (an API that keeps continuing? raise maxRequests for a history that large)`,
        { url },
      );
    }
    counter.requests++;
    options.onProgress?.({ kind: 'request', url, requests: counter.requests });
    const answer = await exchange(url, accept, options, conditional);
    let outcome: T | RetryRequest;
    const retryStatus = RETRY_STATUS.get(answer.status);
    if (retryStatus !== undefined) {
      outcome = {
        retry: retryStatus,
        delayMs: retryAfterMs(answer.headers.get('retry-after')),
        error: new FetchError(
          answer.status === 429 ? 'RATE_LIMITED' : 'HTTP_ERROR',
          `${answer.url}: HTTP ${answer.status} ${answer.statusText}`.trimEnd(),
          { url: answer.url, status: answer.status },
        ),
      };
    } else if (answer.status === 304 && Object.keys(conditional).length > 0) {
      outcome = read(answer);
    } else if (answer.status < 200 || answer.status > 299) {
      const where = answer.url !== url ? ` (from ${url})` : '';
      throw new FetchError(
        'HTTP_ERROR',
        `${answer.url}: HTTP ${answer.status} ${answer.statusText}`.trimEnd() + where,
        { url: answer.url, status: answer.status },
      );
    } else {
      outcome = read(answer);
    }
    if (!isRetry(outcome)) return outcome;
    const delayMs = outcome.delayMs ?? baseDelay * 2 ** attempt;
    if (attempt >= maxRetries || delayMs > maxDelay) {
      const why =
        attempt >= maxRetries
          ? `still after ${maxRetries} ${maxRetries === 1 ? 'retry' : 'retries'}`
          : `the server asks to wait ${Math.round(delayMs / 1000)} s, more than maxRetryDelayMs`;
      throw new FetchError(outcome.error.code, `${outcome.error.message} (${why})`, {
        ...(outcome.error.url === null ? {} : { url: outcome.error.url }),
        ...(outcome.error.status === null ? {} : { status: outcome.error.status }),
        ...(outcome.error.apiCode === null ? {} : { apiCode: outcome.error.apiCode }),
      });
    }
    options.onProgress?.({
      kind: 'wait',
      url,
      reason: outcome.retry,
      delayMs,
      attempt: attempt + 1,
    });
    try {
      await sleep(delayMs, options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw aborted(url, options.signal);
      throw error;
    }
  }
}

function isRetry<T>(outcome: T | RetryRequest): outcome is RetryRequest {
  return (
    typeof outcome === 'object' &&
    outcome !== null &&
    'retry' in outcome &&
    (outcome as { error?: unknown }).error instanceof FetchError
  );
}

/**
 * True when the answer is an HTML page (by its type or its first bytes): a login wall, a
 * captive portal or an error page, never a feed or API JSON.
 *
 * @param answer - The answer.
 * @returns Whether it is HTML.
 * @example
 * ```ts
 * isHtml({ contentType: 'text/html; charset=utf-8', bytes }) // true
 * ```
 */
export function isHtml(answer: Pick<HttpAnswer, 'contentType' | 'bytes'>): boolean {
  if (answer.contentType.startsWith('text/html')) return true;
  const head = new TextDecoder().decode(answer.bytes.subarray(0, 512)).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}
