/**
 * A page's revisions from a live wiki through the Action API (`prop=revisions`), oldest first,
 * batch by batch.
 */
import type { Revision } from '../model.js';
import { type ApiParams, apiQuery, apiUrl } from './api-query.js';
import { readApiRevision, type Sha1MismatchPolicy } from './api-revision.js';
import { FetchError } from './fetch-error.js';
import type { FetchOptions } from './fetch-options.js';
import { checkFetchOptions, type RequestCounter } from './http-client.js';
import { withStoredText } from './stored-text.js';

/** Which revisions {@link fetchRevisions} gets: one page, optionally a range. */
export interface RevisionsQuery {
  /** The URL of the wiki's `api.php`, e.g. `https://en.wikipedia.org/w/api.php`. */
  readonly api: string;
  /** The page title (give this or `pageId`). A redirect page gives its own history. */
  readonly title?: string;
  /** The page id (give this or `title`). */
  readonly pageId?: number;
  /** The oldest revision id to get (`rvstartid`); not with `since`. @default the first */
  readonly from?: number;
  /** The newest revision id to get (`rvendid`); not with `until`. @default the latest */
  readonly to?: number;
  /** Only revisions at or after this ISO 8601 time (`rvstart`). @default no bound */
  readonly since?: string;
  /** Only revisions at or before this ISO 8601 time (`rvend`). @default no bound */
  readonly until?: string;
  /** At most this many revisions (the oldest ones of the range). @default no limit */
  readonly limit?: number;
}

/** Options of {@link fetchRevisions}. */
export interface FetchRevisionsOptions extends FetchOptions {
  /**
   * Revisions per request (`rvlimit`). MediaWiki allows at most 50 with content for ordinary
   * clients (500 for bots) and may return fewer when the texts are large (its 8 MB answer
   * limit), continuing in the next request.
   * @default 50
   */
  readonly batchSize?: number;
  /**
   * A text that does not hash to the API's `sha1`: `'throw'` fails the iteration with
   * `SHA1_MISMATCH` (after the revisions before it were yielded); `'report'` yields the
   * revision with `text: null` and sends a `FETCH_SHA1_MISMATCH` diagnostic.
   * @default 'throw'
   */
  readonly sha1Mismatch?: Sha1MismatchPolicy;
}

/** The `rvprop` of every revisions request: all a {@link Revision} needs. */
export const REVISION_PROPS = 'ids|timestamp|user|comment|size|sha1|content|flags';

const positiveInteger = (name: string, value: unknown, max = Number.MAX_SAFE_INTEGER) => {
  if (
    value !== undefined &&
    !(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max)
  ) {
    throw new RangeError(`${name} must be an integer from 1 to ${max}, got ${String(value)}`);
  }
};

const isoTime = (name: string, value: unknown) => {
  if (value !== undefined && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) {
    throw new RangeError(
      `${name} must be an ISO 8601 time such as 2024-05-01T00:00:00Z, got ${String(value)}`,
    );
  }
};

/**
 * Checks the batch size shared by the revision fetchers.
 *
 * @param batchSize - The option's value.
 * @returns The batch size (default 50).
 * @throws RangeError unless an integer from 1 to 500.
 * @example
 * ```ts
 * batchSizeOf(undefined) // 50
 * ```
 */
export function batchSizeOf(batchSize: number | undefined): number {
  positiveInteger('batchSize', batchSize, 500);
  return batchSize ?? 50;
}

/** The pages of a `query` answer (formatversion=2 gives an array). */
export function pagesOf(
  body: Readonly<Record<string, unknown>>,
): readonly Readonly<Record<string, unknown>>[] {
  const query = body.query;
  if (typeof query !== 'object' || query === null) return [];
  const pages = (query as { pages?: unknown }).pages;
  return Array.isArray(pages) ? (pages as Readonly<Record<string, unknown>>[]) : [];
}

/**
 * A page's revisions from a live wiki, oldest first, through the Action API
 * (`action=query&prop=revisions&rvdir=newer&rvslots=main&formatversion=2`), following
 * `continue` across batches; one request at a time, and the next batch only once the
 * previous one has been consumed (memory holds one batch). Texts are checked against the
 * API's `sha1`; hidden (revision-deleted) fields are `null` and reported through
 * `onDiagnostic`. If a request fails, the revisions already yielded stay yielded and the
 * iteration throws a {@link FetchError}.
 *
 * @param query - The wiki, the page and the range; see {@link RevisionsQuery}.
 * @param options - See {@link FetchRevisionsOptions}.
 * @returns The revisions, as an async iterable.
 * @throws TypeError/RangeError at once for a malformed query; FetchError while iterating
 *   (`MISSING_PAGE`, `INVALID_TITLE`, `HTTP_ERROR`, `MAXLAG`, …).
 * @example
 * ```js
 * for await (const r of fetchRevisions({ api: 'https://wiki.example.org/api.php', title: 'Sandbox' })) {
 *   console.log(r.id, r.parentId, r.user, r.sha1); // 4 null 'Alice' '7f0562f3…', then 5 4 'Борис' …
 * }
 * ```
 */
export function fetchRevisions(
  query: RevisionsQuery,
  options: FetchRevisionsOptions = {},
): AsyncIterable<Revision> {
  if (typeof query !== 'object' || query === null)
    throw new TypeError('fetchRevisions: query must be an object');
  const api = apiUrl(query.api);
  if ((query.title === undefined) === (query.pageId === undefined)) {
    throw new TypeError('fetchRevisions: give exactly one of title and pageId');
  }
  if (query.title !== undefined && (typeof query.title !== 'string' || query.title.trim() === '')) {
    throw new TypeError('fetchRevisions: title must be a non-empty string');
  }
  positiveInteger('pageId', query.pageId);
  positiveInteger('from', query.from);
  positiveInteger('to', query.to);
  positiveInteger('limit', query.limit);
  isoTime('since', query.since);
  isoTime('until', query.until);
  if (query.from !== undefined && query.since !== undefined) {
    throw new TypeError(
      'fetchRevisions: from and since cannot be used together (the API refuses it)',
    );
  }
  if (query.to !== undefined && query.until !== undefined) {
    throw new TypeError(
      'fetchRevisions: to and until cannot be used together (the API refuses it)',
    );
  }
  const batchSize = batchSizeOf(options.batchSize);
  checkFetchOptions(options);
  return {
    [Symbol.asyncIterator]: () => revisionsOf(api, query, batchSize, options),
  };
}

async function* revisionsOf(
  api: URL,
  query: RevisionsQuery,
  batchSize: number,
  options: FetchRevisionsOptions,
): AsyncGenerator<Revision, void, undefined> {
  const counter: RequestCounter = { requests: 0 };
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  let count = 0;
  const params: ApiParams = {
    prop: 'revisions',
    ...(query.title === undefined ? { pageids: query.pageId } : { titles: query.title }),
    rvprop: REVISION_PROPS,
    rvslots: 'main',
    rvdir: 'newer',
    rvlimit: Math.min(batchSize, limit),
    rvstartid: query.from,
    rvendid: query.to,
    rvstart: query.since,
    rvend: query.until,
  };
  const which = query.title === undefined ? `page id ${query.pageId}` : `"${query.title}"`;
  for await (const body of apiQuery(api, params, options, counter)) {
    const pages = pagesOf(body);
    const page = pages[0];
    if (page === undefined) {
      throw new FetchError('NOT_MEDIAWIKI', `${api.href}: the answer names no page for ${which}`, {
        url: api.href,
      });
    }
    if (page.invalid === true) {
      throw new FetchError(
        'INVALID_TITLE',
        `${api.href}: ${which} is not a valid title${typeof page.invalidreason === 'string' ? `: ${page.invalidreason}` : ''}`,
        { url: api.href },
      );
    }
    if (page.missing === true) {
      throw new FetchError('MISSING_PAGE', `${api.href}: there is no page ${which}`, {
        url: api.href,
        apiCode: query.title === undefined ? 'nosuchpageid' : 'missingtitle',
      });
    }
    const title =
      typeof page.title === 'string' ? page.title : (query.title ?? `(page ${query.pageId})`);
    const revisions = Array.isArray(page.revisions) ? page.revisions : [];
    for (const raw of revisions) {
      if (count >= limit) return;
      const revision = readApiRevision(await withStoredText(raw, api, options, counter), title, {
        url: api.href,
        ...(options.sha1Mismatch === undefined ? {} : { sha1Mismatch: options.sha1Mismatch }),
        ...(options.onDiagnostic === undefined ? {} : { onDiagnostic: options.onDiagnostic }),
      });
      count++;
      yield revision;
    }
    options.onProgress?.({ kind: 'items', count });
    if (count >= limit) return;
  }
}
