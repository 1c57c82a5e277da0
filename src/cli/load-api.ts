/**
 * `--api URL` with `--page TITLE` / `--user NAME`: revisions fetched from a live wiki's Action
 * API, given to `buildHistory` as `options.revisions` beside the feed inputs.
 */
import type { Diagnostic } from '../errors.js';
import { fetchContributions } from '../fetch/fetch-contributions.js';
import { FetchError } from '../fetch/fetch-error.js';
import type { FetchOptions, FetchProgress } from '../fetch/fetch-options.js';
import { fetchRevisions } from '../fetch/fetch-revisions.js';
import { fetchWikiLinks } from '../fetch/fetch-wiki-links.js';
import type { Revision } from '../model.js';
import type { WikiLinks } from '../report/wiki-links.js';
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

/** The fetch options of the CLI's API requests: its fetch, `--timeout`, limits, `--contact`. */
function fetchOptionsOf(
  fetch: NonNullable<CommandIo['fetch']>,
  contact: string | undefined,
  limits: LoadApiOptions,
): FetchOptions {
  return {
    fetch,
    timeoutMs: (limits.timeoutSeconds ?? 30) * 1000,
    ...(limits.maxRequests === undefined ? {} : { maxRequests: limits.maxRequests }),
    ...(limits.maxInputBytes === undefined ? {} : { maxInputBytes: limits.maxInputBytes }),
    ...(contact === undefined ? {} : { contact }),
  };
}

/**
 * The wiki's links for a report of API revisions (which carry no URL): its `meta=siteinfo`.
 * A failed request leaves the links out (the report is complete without them), said on stderr.
 *
 * @param source - The API URL and `--contact`.
 * @param io - The injected streams and fetch.
 * @param limits - See {@link LoadApiOptions}.
 * @returns The script URL and article path, each `null` when unknown.
 * @example
 * ```ts
 * await loadWikiLinks({ api: 'http://127.0.0.1:8089/api.php' }, io, {})
 * // { script: 'http://127.0.0.1:8089/index.php', articlePath: 'http://127.0.0.1:8089/index.php/$1' }
 * ```
 */
export async function loadWikiLinks(
  source: Pick<ApiSource, 'api' | 'contact'>,
  io: CommandIo,
  limits: LoadApiOptions,
): Promise<WikiLinks> {
  if (io.fetch === undefined) return { script: null, articlePath: null };
  try {
    return await fetchWikiLinks(source.api, fetchOptionsOf(io.fetch, source.contact, limits));
  } catch (error) {
    if (!(error instanceof FetchError)) throw error;
    io.stderr.write(`wikirev: warning: no links to the wiki: ${fetchMessage(error)}\n`);
    return { script: null, articlePath: null };
  }
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
    ...fetchOptionsOf(io.fetch, source.contact, limits),
    onProgress,
    onDiagnostic: (d) => diagnostics.push(d),
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
