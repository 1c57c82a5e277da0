/**
 * `--api URL` with `--page TITLE` / `--user NAME`: revisions fetched from a live wiki's Action
 * API, given to `buildHistory` as `options.revisions` beside the feed inputs.
 */
import type { Diagnostic } from '../errors.js';
import { fetchContributions } from '../fetch/fetch-contributions.js';
import { FetchError } from '../fetch/fetch-error.js';
import type { FetchOptions, FetchProgress } from '../fetch/fetch-options.js';
import { fetchRevisions } from '../fetch/fetch-revisions.js';
import type { Revision } from '../model.js';
import { type CommandIo, InputError } from './cli-io.js';
import { fetchMessage } from './fetch-message.js';

/** What to fetch from the API. */
export interface ApiSource {
  /** The URL of `api.php`. */
  readonly api: string;
  /** Pages whose whole history (within since/until) is fetched. */
  readonly pages: readonly string[];
  /** Users whose contributions are fetched (when no page is given). */
  readonly users: readonly string[];
  /** ISO lower bound, or undefined. */
  readonly since?: string | undefined;
  /** ISO upper bound, or undefined. */
  readonly until?: string | undefined;
  /** Added to the User-Agent (`--contact`). */
  readonly contact?: string | undefined;
}

/** Limits of {@link loadApi}'s requests. */
export interface LoadApiOptions {
  /** Seconds one request may take. @default 30 */
  readonly timeoutSeconds?: number;
  /** Requests one page's (or user's) fetch may send (`--max-requests`). @default 10000 */
  readonly maxRequests?: number;
  /** Bytes of one answer (`--max-input-bytes`). @default 268435456 */
  readonly maxInputBytes?: number;
}

/** What {@link loadApi} fetched, ready for `buildHistory`'s options. */
export interface LoadedApi {
  /** The API URL (names the diagnostics; `revisionsSiteUrl`). */
  readonly name: string;
  /** Every revision fetched, page after page (or user after user), each oldest first. */
  readonly revisions: readonly Revision[];
  /**
   * True when the revisions end at each page's newest revision: whole-page histories without
   * `--until` (`--since` only cuts the old end). Never for `--user`: others may have edited
   * the pages since.
   */
  readonly includeNewest: boolean;
  /** Hidden fields and API warnings. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Fetches the pages' histories (or, without pages, the users' contributions) and returns them
 * with a progress line on a terminal; hidden fields and API warnings collected as diagnostics.
 *
 * @param source - See {@link ApiSource}.
 * @param io - The injected streams and fetch.
 * @param limits - See {@link LoadApiOptions}.
 * @returns The fetched revisions, whether they reach the pages' newest, the diagnostics.
 * @throws InputError naming the API URL when a request fails.
 * @example
 * ```ts
 * await loadApi({ api: 'http://127.0.0.1:8089/api.php', pages: ['Sandbox'], users: [] }, io, {})
 * // { name: 'http://127.0.0.1:8089/api.php', revisions: [21 …], includeNewest: true, diagnostics: [] }
 * ```
 */
export async function loadApi(
  source: ApiSource,
  io: CommandIo,
  limits: LoadApiOptions,
): Promise<LoadedApi> {
  if (io.fetch === undefined) throw new InputError('fetching URLs is not available here');
  const diagnostics: Diagnostic[] = [];
  let label = '';
  const onProgress = (p: FetchProgress) => {
    if (p.kind === 'items') io.progress(`${label}: ${p.count} revisions`);
    else if (p.kind === 'wait') {
      io.progress(`${label}: waiting ${Math.ceil(p.delayMs / 1000)} s (${p.reason})`);
    }
  };
  const options: FetchOptions = {
    fetch: io.fetch,
    timeoutMs: (limits.timeoutSeconds ?? 30) * 1000,
    ...(limits.maxRequests === undefined ? {} : { maxRequests: limits.maxRequests }),
    ...(limits.maxInputBytes === undefined ? {} : { maxInputBytes: limits.maxInputBytes }),
    onProgress,
    onDiagnostic: (d) => diagnostics.push(d),
    ...(source.contact === undefined ? {} : { contact: source.contact }),
  };
  const range = {
    ...(source.since === undefined ? {} : { since: source.since }),
    ...(source.until === undefined ? {} : { until: source.until }),
  };
  const revisions: Revision[] = [];
  try {
    if (source.pages.length > 0) {
      for (const title of source.pages) {
        label = title;
        for await (const r of fetchRevisions({ api: source.api, title, ...range }, options)) {
          revisions.push(r);
        }
      }
    } else {
      for (const user of source.users) {
        label = `${user}'s contributions`;
        for await (const r of fetchContributions({ api: source.api, user, ...range }, options)) {
          revisions.push(r);
        }
      }
    }
  } catch (error) {
    if (error instanceof FetchError) {
      throw new InputError(`${source.api}: ${label}: ${fetchMessage(error)}`);
    }
    if (error instanceof TypeError || error instanceof RangeError) {
      throw new InputError(`${source.api}: ${error.message}`);
    }
    throw error;
  } finally {
    io.progress('');
  }
  return {
    name: source.api,
    revisions,
    includeNewest: source.pages.length > 0 && source.until === undefined,
    diagnostics,
  };
}
