/**
 * MediaWiki Action API requests: `format=json&formatversion=2`, `maxlag`, the answer checked to
 * be MediaWiki's, API errors turned into {@link FetchError}s, and `continue` followed batch by
 * batch (https://www.mediawiki.org/wiki/API:Continue).
 */
import { FetchError } from './fetch-error.js';
import type { FetchOptions } from './fetch-options.js';
import {
  type HttpAnswer,
  isHtml,
  type RequestCounter,
  type RetryRequest,
  request,
  retryAfterMs,
} from './http-client.js';

/** A parsed API answer (formatversion=2). */
export type ApiAnswer = Readonly<Record<string, unknown>>;

/** Parameter values as the API takes them; `undefined` leaves a parameter out. */
export type ApiParams = Readonly<Record<string, string | number | undefined>>;

const ACCEPT_JSON = 'application/json';

/**
 * Checks that `api` is an absolute http(s) URL of `api.php`.
 *
 * @param api - The URL given by the caller.
 * @returns The parsed URL.
 * @throws TypeError naming `api`.
 * @example
 * ```ts
 * apiUrl('https://en.wikipedia.org/w/api.php').host // 'en.wikipedia.org'
 * ```
 */
export function apiUrl(api: unknown): URL {
  if (typeof api !== 'string') throw new TypeError('api must be the URL of api.php (a string)');
  let url: URL;
  try {
    url = new URL(api);
  } catch {
    throw new TypeError(`api must be an absolute URL of api.php, got '${api}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`api must be an http(s) URL, got '${api}'`);
  }
  return url;
}

/** The request URL: the caller's query parameters, then ours, then the continuation's. */
function requestUrl(api: URL, params: ApiParams, options: FetchOptions): string {
  const url = new URL(api.href);
  const set = (name: string, value: string | number | undefined) => {
    if (value !== undefined) url.searchParams.set(name, String(value));
  };
  for (const [name, value] of Object.entries(params)) set(name, value);
  set('format', 'json');
  set('formatversion', 2);
  const maxlag = options.maxlag === undefined ? 5 : options.maxlag;
  if (maxlag !== null) set('maxlag', maxlag);
  return url.href;
}

/** Reads one answer: JSON of MediaWiki's shape, or a retry for `maxlag`/`ratelimited`. */
function readAnswer(answer: HttpAnswer): ApiAnswer | RetryRequest {
  const where = answer.url;
  if (isHtml(answer)) {
    throw new FetchError(
      'HTML_ANSWER',
      `${where}: an HTML page instead of the API's JSON (a login wall, or not the URL of api.php?)`,
      { url: where, status: answer.status },
    );
  }
  const text = new TextDecoder().decode(answer.bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FetchError(
      'INVALID_JSON',
      `${where}: the answer is not complete JSON (${answer.bytes.length} bytes; truncated?): ${error instanceof Error ? error.message : String(error)}`,
      { url: where, status: answer.status, cause: error },
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new FetchError(
      'NOT_MEDIAWIKI',
      `${where}: the answer is JSON but not a MediaWiki API answer`,
      {
        url: where,
        status: answer.status,
      },
    );
  }
  const body = json as ApiAnswer;
  const error = body.error;
  if (typeof error === 'object' && error !== null) {
    const code = String((error as { code?: unknown }).code ?? 'unknown');
    const info = String((error as { info?: unknown }).info ?? '');
    const message = `${where}: API error ${code}${info === '' ? '' : `: ${info}`}`;
    if (code === 'maxlag' || code === 'ratelimited') {
      // MediaWiki answers maxlag with HTTP 200 (or 503 behind some caches) and a Retry-After
      // header (ApiMain::checkMaxLag: the lag rounded up, at least 1 s, usually 5).
      return {
        retry: code === 'maxlag' ? 'maxlag' : 'rate-limited',
        delayMs: retryAfterMs(answer.headers.get('retry-after')),
        error: new FetchError(code === 'maxlag' ? 'MAXLAG' : 'RATE_LIMITED', message, {
          url: where,
          status: answer.status,
          apiCode: code,
        }),
      };
    }
    throw new FetchError(code === 'missingtitle' ? 'MISSING_PAGE' : 'API_ERROR', message, {
      url: where,
      status: answer.status,
      apiCode: code,
    });
  }
  const known = ['batchcomplete', 'continue', 'query', 'warnings', 'limits', 'servedby'];
  if (!known.some((key) => key in body)) {
    throw new FetchError(
      'NOT_MEDIAWIKI',
      `${where}: the answer is JSON but not a MediaWiki API answer (keys: ${Object.keys(body).slice(0, 5).join(', ') || 'none'})`,
      { url: where, status: answer.status },
    );
  }
  return body;
}

/** API warnings (`warnings.<module>.warnings` in formatversion=2) as diagnostics. */
function reportWarnings(body: ApiAnswer, options: FetchOptions): void {
  const warnings = body.warnings;
  if (options.onDiagnostic === undefined || typeof warnings !== 'object' || warnings === null) {
    return;
  }
  for (const [module, value] of Object.entries(warnings)) {
    const text =
      typeof value === 'object' && value !== null
        ? String(
            (value as { warnings?: unknown; '*'?: unknown }).warnings ??
              (value as { '*'?: unknown })['*'] ??
              '',
          )
        : String(value);
    options.onDiagnostic({
      severity: 'warning',
      code: 'FETCH_API_WARNING',
      message: `the API warns (${module}): ${text}`,
    });
  }
}

/**
 * Sends one API request (with retries) and reads its answer.
 *
 * @param api - The URL of api.php.
 * @param params - The request's parameters (`action`, …).
 * @param options - See {@link FetchOptions}.
 * @param counter - The calling function's request counter.
 * @returns The parsed answer.
 * @throws FetchError for an HTTP, transport or API failure.
 * @example
 * ```ts
 * (await apiRequest(api, { action: 'query', meta: 'siteinfo' }, {}, { requests: 0 })).query
 * ```
 */
export async function apiRequest(
  api: URL,
  params: ApiParams,
  options: FetchOptions,
  counter: RequestCounter,
): Promise<ApiAnswer> {
  const url = requestUrl(api, params, options);
  const body = await request(url, ACCEPT_JSON, options, counter, readAnswer);
  reportWarnings(body, options);
  return body;
}

/**
 * The batches of an `action=query` request, following `continue` until the API says it is
 * done; each batch is requested only when the previous one has been consumed, so memory holds
 * one batch at a time.
 *
 * @param api - The URL of api.php.
 * @param params - The query's parameters (`action=query` is added).
 * @param options - See {@link FetchOptions}.
 * @param counter - The calling function's request counter.
 * @returns The answers, one per batch.
 * @throws FetchError for an HTTP, transport or API failure (batches already yielded stay yielded).
 * @example
 * ```ts
 * for await (const batch of apiQuery(api, { prop: 'revisions', titles: 'Sandbox' }, {}, counter)) {}
 * ```
 */
export async function* apiQuery(
  api: URL,
  params: ApiParams,
  options: FetchOptions,
  counter: RequestCounter,
): AsyncGenerator<ApiAnswer, void, undefined> {
  let continuation: Record<string, string | number> = {};
  // Every continuation given so far: one handed back again would repeat the same requests
  // forever (bounded by maxRequests, like the requests themselves).
  const given = new Set<string>([JSON.stringify(continuation)]);
  for (;;) {
    const body = await apiRequest(
      api,
      { ...params, action: 'query', ...continuation },
      options,
      counter,
    );
    yield body;
    const next = body.continue;
    if (typeof next !== 'object' || next === null) return;
    const values: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(next)) {
      if (typeof value === 'string' || typeof value === 'number') values[key] = value;
    }
    const key = JSON.stringify(values);
    if (given.has(key)) {
      throw new FetchError(
        'CONTINUATION_LOOP',
        `${api.href}: the API hands back a continuation it already gave (${key.slice(0, 200)}); following it would loop forever`,
        { url: api.href },
      );
    }
    given.add(key);
    continuation = values;
  }
}
