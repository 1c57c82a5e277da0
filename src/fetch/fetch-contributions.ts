/**
 * A user's revisions from a live wiki: `list=usercontribs` for the ids, oldest first, then
 * their texts with `prop=revisions&revids=…`, batch by batch.
 */
import type { Revision } from '../model.js';
import { type ApiParams, apiQuery, apiUrl } from './api-query.js';
import { readApiRevision } from './api-revision.js';
import { FetchError } from './fetch-error.js';
import type { FetchOptions } from './fetch-options.js';
import {
  batchSizeOf,
  type FetchRevisionsOptions,
  pagesOf,
  REVISION_PROPS,
} from './fetch-revisions.js';
import { checkFetchOptions, type RequestCounter } from './http-client.js';
import { withStoredText } from './stored-text.js';

/** Whose revisions {@link fetchContributions} gets, optionally in a time range. */
export interface ContributionsQuery {
  /** The URL of the wiki's `api.php`. */
  readonly api: string;
  /** The user name (or IP address) as MediaWiki knows it. */
  readonly user: string;
  /** Only revisions at or after this ISO 8601 time (`ucstart`). @default no bound */
  readonly since?: string;
  /** Only revisions at or before this ISO 8601 time (`ucend`). @default no bound */
  readonly until?: string;
  /**
   * At most this many revisions (the oldest ones of the range), counting those yielded.
   * @default no limit
   */
  readonly limit?: number;
}

/** Options of {@link fetchContributions} (those of `fetchRevisions`). */
export type FetchContributionsOptions = FetchRevisionsOptions;

/**
 * `revids=` takes at most 50 ids per request for ordinary clients (`ApiBase::LIMIT_SML1`), and
 * content is limited to 50 revisions per request anyway.
 */
const REVIDS_PER_REQUEST = 50;

/**
 * A user's revisions on a live wiki, oldest first: the contributions list
 * (`list=usercontribs&ucdir=newer`, following `continue`), then the full revisions of each
 * batch through `prop=revisions&revids=…` (at most 50 per request). Revisions of deleted pages
 * are not listed by MediaWiki; a revision that vanishes between the two requests is left out
 * with a `FETCH_REVISION_GONE` diagnostic. Hidden fields, sha1 checks, errors and memory as
 * in `fetchRevisions`.
 *
 * @param query - The wiki, the user and the range; see {@link ContributionsQuery}.
 * @param options - See {@link FetchContributionsOptions}.
 * @returns The revisions, as an async iterable.
 * @throws TypeError/RangeError at once for a malformed query; FetchError while iterating
 *   (`API_ERROR` with `apiCode` `baduser_ucuser` for an invalid user name, …).
 * @example
 * ```js
 * for await (const r of fetchContributions({ api: 'https://wiki.example.org/api.php', user: 'Alice' })) {
 *   console.log(r.pageTitle, r.id); // 'Sandbox' 4, 'Sandbox' 9, …
 * }
 * ```
 */
export function fetchContributions(
  query: ContributionsQuery,
  options: FetchContributionsOptions = {},
): AsyncIterable<Revision> {
  if (typeof query !== 'object' || query === null) {
    throw new TypeError('fetchContributions: query must be an object');
  }
  const api = apiUrl(query.api);
  if (typeof query.user !== 'string' || query.user.trim() === '') {
    throw new TypeError('fetchContributions: user must be a non-empty string');
  }
  for (const name of ['since', 'until'] as const) {
    const value = query[name];
    if (value !== undefined && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) {
      throw new RangeError(`${name} must be an ISO 8601 time, got ${String(value)}`);
    }
  }
  if (query.limit !== undefined && !(Number.isInteger(query.limit) && query.limit >= 1)) {
    throw new RangeError(`limit must be a positive integer, got ${String(query.limit)}`);
  }
  const batchSize = batchSizeOf(options.batchSize);
  checkFetchOptions(options);
  return {
    [Symbol.asyncIterator]: () => contributionsOf(api, query, batchSize, options),
  };
}

async function* contributionsOf(
  api: URL,
  query: ContributionsQuery,
  batchSize: number,
  options: FetchContributionsOptions,
): AsyncGenerator<Revision, void, undefined> {
  const counter: RequestCounter = { requests: 0 };
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  let count = 0;
  const params: ApiParams = {
    list: 'usercontribs',
    ucuser: query.user,
    ucdir: 'newer',
    ucprop: 'ids|title|timestamp',
    uclimit: Math.min(batchSize, limit),
    ucstart: query.since,
    ucend: query.until,
  };
  for await (const body of apiQuery(api, params, options, counter)) {
    const list = (body.query as { usercontribs?: unknown } | undefined)?.usercontribs;
    if (!Array.isArray(list)) {
      throw new FetchError('NOT_MEDIAWIKI', `${api.href}: the answer has no usercontribs list`, {
        url: api.href,
      });
    }
    const ids = list
      .map((c: unknown) => (c as { revid?: unknown }).revid)
      .filter((id): id is number => typeof id === 'number')
      .slice(0, limit - count);
    const unsafe = ids.find((id) => !Number.isSafeInteger(id) || id < 1);
    if (unsafe !== undefined) {
      // Asked for by its rounded value, it would fetch another revision.
      throw new FetchError(
        'ID_OUT_OF_RANGE',
        `${api.href}: revision id ${unsafe} of ${query.user}'s contributions is not an integer from 1 to 2^53 − 1, so it cannot be told apart from its neighbours`,
        { url: api.href },
      );
    }
    for (let k = 0; k < ids.length; k += REVIDS_PER_REQUEST) {
      const chunk = ids.slice(k, k + REVIDS_PER_REQUEST);
      const found = await revisionsByIds(api, chunk, options, counter);
      for (const id of chunk) {
        const revision = found.get(id);
        if (revision === undefined) {
          options.onDiagnostic?.({
            severity: 'warning',
            code: 'FETCH_REVISION_GONE',
            message: `revision ${id} of ${query.user}'s contributions could not be fetched (deleted since it was listed?)`,
            revisionId: id,
          });
          continue;
        }
        count++;
        yield revision;
      }
    }
    options.onProgress?.({ kind: 'items', count });
    if (count >= limit) return;
  }
}

/** The revisions with these ids (any pages), following `continue` for large texts. */
async function revisionsByIds(
  api: URL,
  ids: readonly number[],
  options: FetchRevisionsOptions & FetchOptions,
  counter: RequestCounter,
): Promise<Map<number, Revision>> {
  const found = new Map<number, Revision>();
  const params: ApiParams = {
    prop: 'revisions',
    revids: ids.join('|'),
    rvprop: REVISION_PROPS,
    rvslots: 'main',
  };
  for await (const body of apiQuery(api, params, options, counter)) {
    for (const page of pagesOf(body)) {
      const title = typeof page.title === 'string' ? page.title : '';
      for (const raw of Array.isArray(page.revisions) ? page.revisions : []) {
        const revision = readApiRevision(await withStoredText(raw, api, options, counter), title, {
          url: api.href,
          ...(options.sha1Mismatch === undefined ? {} : { sha1Mismatch: options.sha1Mismatch }),
          ...(options.onDiagnostic === undefined ? {} : { onDiagnostic: options.onDiagnostic }),
        });
        found.set(revision.id, revision);
      }
    }
  }
  return found;
}
