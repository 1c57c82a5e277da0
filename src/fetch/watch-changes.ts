/**
 * Following a live wiki: new revisions as they are saved, from the Action API's recent changes
 * or from any feed URL, polled politely until the caller stops or aborts.
 */
import type { Diagnostic } from '../errors.js';
import { parseFeed } from '../feed/parse-feed.js';
import type { Feed, Revision } from '../model.js';
import { buildHistory } from '../revisions/build-history.js';
import { apiQuery, apiRequest, apiUrl } from './api-query.js';
import { readApiRevision } from './api-revision.js';
import { FetchError } from './fetch-error.js';
import type { FetchOptions } from './fetch-options.js';
import { REVISION_PROPS } from './fetch-revisions.js';
import { checkFetchOptions, isHtml, type RequestCounter, request } from './http-client.js';

/** What to follow: a wiki's recent changes (optionally one page's or one user's), or a feed. */
export type WatchSource =
  | {
      readonly kind: 'api';
      /** The URL of `api.php`. */
      readonly api: string;
      /** Only this page's changes. @default every page */
      readonly title?: string;
      /** Only this user's changes. @default every user */
      readonly user?: string;
    }
  | {
      readonly kind: 'feed';
      /** An Atom or RSS feed URL (recent changes, a page's history, a user's contributions). */
      readonly url: string;
    };

/** Options of {@link watchChanges}: the fetch edge's, and the polling's. */
export interface WatchChangesOptions extends FetchOptions {
  /**
   * Milliseconds between two polls. A feed's `Cache-Control: max-age` (15 s for MediaWiki's
   * recent changes feed) is a floor: polling faster only gets the cached copy.
   * @default 60000
   */
  readonly intervalMs?: number;
  /**
   * The longest wait after failed polls: the wait doubles from `intervalMs` on each failure in a
   * row (each poll's own requests are already retried on 429, 5xx and `maxlag`).
   * @default 600000
   */
  readonly maxBackoffMs?: number;
}

/** A new revision, with the revision it was saved on (when known) for diffs. */
export interface WatchedRevision {
  /** The new revision (its text `null` when hidden or not in the source). */
  readonly revision: Revision;
  /** Its parent, `null` for a page creation or when the source does not give it. */
  readonly parent: Revision | null;
}

interface Poller {
  /** The new revisions since the last poll; the first poll only sets the baseline. */
  poll(): Promise<WatchedRevision[]>;
  /** A floor on the wait before the next poll, from the last answer. */
  readonly minWaitMs: number;
}

const ACCEPT_FEED = 'application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.1';
const RC_PROPS = 'ids|title|timestamp|user|comment|sizes|flags';

/** Recent changes of the API, rows newer than the last one seen (by `rcid`). */
function apiPoller(source: Extract<WatchSource, { kind: 'api' }>, options: FetchOptions): Poller {
  const api = apiUrl(source.api);
  let lastRcid: number | null = null;
  let lastTimestamp: string | null = null;
  const filter = {
    rctype: 'edit|new',
    rcprop: RC_PROPS,
    ...(source.title === undefined ? {} : { rctitle: source.title }),
    ...(source.user === undefined ? {} : { rcuser: source.user }),
  };
  const rowsOf = (body: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>>[] => {
    const rows = (body.query as { recentchanges?: unknown } | undefined)?.recentchanges;
    return Array.isArray(rows) ? rows.filter((r) => typeof r?.rcid === 'number') : [];
  };
  return {
    minWaitMs: 0,
    async poll() {
      const counter: RequestCounter = { requests: 0 };
      if (lastRcid === null) {
        // The wiki's newest change, whatever the filter: rcids grow across the whole wiki.
        const body = await apiRequest(
          api,
          { action: 'query', list: 'recentchanges', rcprop: 'ids|timestamp', rclimit: 1 },
          options,
          counter,
        );
        const [newest] = rowsOf(body);
        lastRcid = typeof newest?.rcid === 'number' ? newest.rcid : 0;
        lastTimestamp = typeof newest?.timestamp === 'string' ? newest.timestamp : null;
        return [];
      }
      const rows: Readonly<Record<string, unknown>>[] = [];
      const params = {
        list: 'recentchanges',
        ...filter,
        rclimit: 50,
        rcdir: 'newer',
        ...(lastTimestamp === null ? {} : { rcstart: lastTimestamp }),
      };
      for await (const body of apiQuery(api, params, options, counter)) {
        for (const row of rowsOf(body)) if ((row.rcid as number) > (lastRcid ?? 0)) rows.push(row);
      }
      if (rows.length === 0) return [];
      const last = rows[rows.length - 1]!;
      // A loop, not `Math.max(...rows)`: continued answers can hold more rows than a call's
      // arguments may number.
      for (const r of rows) lastRcid = Math.max(lastRcid ?? 0, r.rcid as number);
      if (typeof last.timestamp === 'string') lastTimestamp = last.timestamp;
      const ids = new Set<number>();
      for (const row of rows) {
        if (typeof row.revid === 'number' && row.revid > 0) ids.add(row.revid);
        if (typeof row.old_revid === 'number' && row.old_revid > 0) ids.add(row.old_revid);
      }
      const byId = new Map<number, Revision>();
      const list = [...ids];
      // 50 revision ids per request: the API's limit for texts (`rvprop=content`).
      for (let k = 0; k < list.length; k += 50) {
        const body = await apiRequest(
          api,
          {
            action: 'query',
            prop: 'revisions',
            revids: list.slice(k, k + 50).join('|'),
            rvprop: REVISION_PROPS,
            rvslots: 'main',
          },
          options,
          counter,
        );
        const pages = (body.query as { pages?: unknown } | undefined)?.pages;
        for (const page of Array.isArray(pages) ? pages : []) {
          const revisions = (page as { revisions?: unknown }).revisions;
          const title = String((page as { title?: unknown }).title ?? '');
          for (const raw of Array.isArray(revisions) ? revisions : []) {
            const r = readApiRevision(raw, title, {
              sha1Mismatch: 'report',
              ...(options.onDiagnostic === undefined ? {} : { onDiagnostic: options.onDiagnostic }),
            });
            byId.set(r.id, r);
          }
        }
      }
      const out: WatchedRevision[] = [];
      for (const row of rows) {
        const revision = typeof row.revid === 'number' ? byId.get(row.revid) : undefined;
        if (revision === undefined) continue;
        const parent = typeof row.old_revid === 'number' ? (byId.get(row.old_revid) ?? null) : null;
        out.push({
          revision: {
            ...revision,
            ...(typeof row.minor === 'boolean' ? { minor: row.minor } : {}),
            ...(typeof row.bot === 'boolean' ? { bot: row.bot } : {}),
          },
          parent,
        });
      }
      return out;
    },
  };
}

/** A feed, fetched with `If-None-Match`/`If-Modified-Since` where it sent validators. */
function feedPoller(url: string, options: FetchOptions): Poller {
  let seen: Set<number> | null = null;
  let validators: Record<string, string> = {};
  let maxAgeMs = 0;
  const poller = {
    get minWaitMs() {
      return maxAgeMs;
    },
    async poll(): Promise<WatchedRevision[]> {
      const feed = await request<Feed | null>(
        url,
        ACCEPT_FEED,
        options,
        { requests: 0 },
        (answer) => {
          const maxAge = /max-age=(\d+)/.exec(answer.headers.get('cache-control') ?? '');
          maxAgeMs = maxAge === null ? 0 : Number(maxAge[1]) * 1000;
          if (answer.status === 304) return null;
          const etag = answer.headers.get('etag');
          const modified = answer.headers.get('last-modified');
          validators = {
            ...(etag === null ? {} : { 'If-None-Match': etag }),
            ...(modified === null ? {} : { 'If-Modified-Since': modified }),
          };
          if (isHtml(answer)) {
            throw new FetchError('HTML_ANSWER', `${answer.url}: an HTML page instead of a feed`, {
              url: answer.url,
              status: answer.status,
            });
          }
          return parseFeed(answer.bytes, {
            ...(options.maxInputBytes === undefined
              ? {}
              : { maxInputBytes: options.maxInputBytes }),
          });
        },
        validators,
      );
      if (feed === null) return [];
      const ids = feed.entries.flatMap((e) => (e.revisionId === null ? [] : [e.revisionId]));
      if (seen === null) {
        seen = new Set(ids);
        return [];
      }
      const fresh = new Set(ids.filter((id) => !seen!.has(id)));
      for (const id of fresh) seen.add(id);
      if (fresh.size === 0) return [];
      const history = buildHistory(feed);
      const byId = new Map(
        history.pages.flatMap((p) => p.revisions.map((r) => [r.id, r] as const)),
      );
      const out: WatchedRevision[] = [];
      for (const page of history.pages) {
        for (const revision of page.revisions) {
          if (!fresh.has(revision.id)) continue;
          const parent = revision.parentId === null ? null : (byId.get(revision.parentId) ?? null);
          out.push({ revision, parent });
        }
      }
      return out.sort(
        (a, b) =>
          (a.revision.timestamp ?? '').localeCompare(b.revision.timestamp ?? '') ||
          a.revision.id - b.revision.id,
      );
    },
  };
  return poller;
}

function wait(ms: number, options: FetchOptions): Promise<void> {
  const sleep =
    options.sleep ??
    ((delay: number, signal?: AbortSignal) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, delay);
        function done() {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
      }));
  return sleep(ms, options.signal).catch(() => undefined);
}

/**
 * Follows a live wiki: polls its recent changes through the Action API (optionally one page's or
 * one user's: `rctitle`, `rcuser`), or any feed URL, and yields each revision saved since the
 * watch began, oldest first, with its parent for diffs. Polite: one request at a time, `maxlag`
 * and retries with backoff on every request (see {@link FetchOptions}), conditional requests
 * where the feed sends an `ETag` or `Last-Modified` (MediaWiki's history feeds do), its
 * `Cache-Control: max-age` as the shortest interval, and a doubling wait after failed polls
 * (each reported as a `WATCH_POLL_FAILED` warning through `onDiagnostic`). Ends (without
 * throwing) when `signal` aborts or the consumer stops iterating.
 *
 * @param source - See {@link WatchSource}.
 * @param options - See {@link WatchChangesOptions}.
 * @returns The new revisions as they arrive.
 * @throws TypeError for a bad source or option (before the first poll).
 * @example
 * ```ts
 * const stop = new AbortController();
 * for await (const { revision, parent } of watchChanges(
 *   { kind: 'api', api: 'https://wiki.example.org/w/api.php' },
 *   { intervalMs: 30_000, signal: stop.signal, contact: 'me@example.org' },
 * )) {
 *   console.log(revision.id, revision.pageTitle, parent?.id); // 1234 'Sandbox' 1233
 * }
 * ```
 */
export async function* watchChanges(
  source: WatchSource,
  options: WatchChangesOptions = {},
): AsyncGenerator<WatchedRevision, void, undefined> {
  checkFetchOptions(options);
  const intervalMs = options.intervalMs ?? 60_000;
  const maxBackoffMs = options.maxBackoffMs ?? 600_000;
  if (!(intervalMs > 0) || !Number.isFinite(intervalMs)) {
    throw new RangeError('watchChanges: options.intervalMs must be a positive number');
  }
  let poller: Poller;
  if (source?.kind === 'api') poller = apiPoller(source, options);
  else if (source?.kind === 'feed' && /^https?:\/\//i.test(String(source.url))) {
    poller = feedPoller(source.url, options);
  } else {
    throw new TypeError(
      "watchChanges: source must be { kind: 'api', api } or { kind: 'feed', url }",
    );
  }
  let failures = 0;
  while (options.signal?.aborted !== true) {
    let fresh: WatchedRevision[] = [];
    try {
      fresh = await poller.poll();
      failures = 0;
    } catch (error) {
      if (options.signal?.aborted) return;
      if (!(error instanceof FetchError)) throw error;
      failures++;
      const diagnostic: Diagnostic = {
        severity: 'warning',
        code: 'WATCH_POLL_FAILED',
        message: `poll ${failures} in a row failed: ${error.message}`,
      };
      options.onDiagnostic?.(diagnostic);
    }
    for (const change of fresh) yield change;
    const backoff =
      failures === 0 ? intervalMs : Math.min(maxBackoffMs, intervalMs * 2 ** failures);
    await wait(Math.max(backoff, poller.minWaitMs), options);
  }
}
