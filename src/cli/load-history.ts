/**
 * Inputs to a history, warnings printed, `--strict` applied: the start of most commands.
 */
import type { Diagnostic } from '../errors.js';
import type { FeedEntry, History } from '../model.js';
import type { AnalyzeOptions } from '../report/analyze-history.js';
import type { PageReport } from '../report/history-report.js';
import { buildHistory } from '../revisions/build-history.js';
import { type CommandIo, UsageError } from './cli-io.js';
import { type ApiSource, loadApi } from './load-api.js';
import { loadDumps, splitDumpInputs } from './load-dumps.js';
import {
  checkStrict,
  countSeverities,
  type LoadedFeed,
  loadInputs,
  printDiagnostics,
  type StrictLevel,
} from './load-inputs.js';

/** Options of {@link loadHistory}. */
export interface LoadHistoryOptions {
  /**
   * Diagnostics at this severity or above make the command fail (exit 1) instead of being
   * printed only: `--strict` is `'warning'`, `--strict=info` `'info'`.
   * @default null (never fail on diagnostics)
   */
  readonly strict?: StrictLevel | null;
  /**
   * Seconds an HTTP request may take.
   * @default 30
   */
  readonly timeoutSeconds?: number;
  /**
   * Revisions to fetch from a live wiki's API besides the inputs (`--api`).
   * @default none
   */
  readonly api?: ApiSource;
  /**
   * Bytes of one input (`--max-input-bytes`).
   * @default DEFAULT_LIMITS.maxInputBytes (256 MiB)
   */
  readonly maxInputBytes?: number;
  /**
   * Requests of one `--api` fetch (`--max-requests`).
   * @default DEFAULT_LIMITS.maxRequests (10,000)
   */
  readonly maxRequests?: number;
  /**
   * The titles of the only dump pages to read (the command's `--page`): others skipped unread.
   * @default every page
   */
  readonly dumpPages?: readonly string[];
  /**
   * Bytes of revision texts of one dump page held (`--max-history-bytes`).
   * @default DEFAULT_LIMITS.maxHistoryBytes (1 GiB)
   */
  readonly maxHistoryBytes?: number;
  /**
   * The report's options, for dump pages past `maxHistoryBytes`: analysed pair by pair into
   * `analyzed` page reports instead of an error (docs/14-dumps.md).
   * @default none
   */
  readonly largeDumpPages?: AnalyzeOptions;
}

/**
 * Loads the inputs, prints their diagnostics and the history's as warnings, and builds the
 * history.
 *
 * @param names - Input names (files, `-`, URLs); at least one unless `options.api` is given.
 * @param io - The injected streams, files and fetch.
 * @param options - See {@link LoadHistoryOptions}.
 * @returns The feeds and their history.
 * @throws UsageError without inputs; InputError for an unusable input, or under `strict` when
 *   there were diagnostics.
 * @example
 * ```ts
 * const { history } = await loadHistory(['feed.xml'], io);
 * history.pages.length // 2
 * ```
 */
export async function loadHistory(
  names: readonly string[],
  io: CommandIo,
  options: LoadHistoryOptions = {},
): Promise<{
  readonly feeds: readonly LoadedFeed[];
  readonly history: History;
  readonly analyzed: readonly PageReport[];
}> {
  if (names.length === 0 && options.api === undefined) {
    throw new UsageError('no input given (a feed or dump file, - or a URL)');
  }
  const limits = {
    ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
    ...(options.maxInputBytes === undefined ? {} : { maxInputBytes: options.maxInputBytes }),
  };
  // XML dumps give whole revisions, like the API (docs/14-dumps.md).
  const split = await splitDumpInputs(names);
  const dumps = await loadDumps(split.dumps, io, {
    ...(options.maxHistoryBytes === undefined ? {} : { maxHistoryBytes: options.maxHistoryBytes }),
    ...(options.largeDumpPages === undefined ? {} : { analyze: options.largeDumpPages }),
    ...(options.dumpPages === undefined ? {} : { pages: options.dumpPages }),
  });
  const feeds = await loadInputs(split.others, io, limits);
  const api =
    options.api === undefined
      ? null
      : await loadApi(options.api, io, {
          ...limits,
          ...(options.maxRequests === undefined ? {} : { maxRequests: options.maxRequests }),
        });
  const counts = countSeverities([]);
  const print = (name: string, list: readonly Diagnostic[], entries?: readonly FeedEntry[]) => {
    printDiagnostics(name, list, io, entries);
    countSeverities(list, counts);
  };
  for (const { name, feed } of feeds) print(name, feed.diagnostics, feed.entries);
  if (api !== null) print(api.name, api.diagnostics);
  for (const { name, diagnostic } of dumps.diagnostics) print(name, [diagnostic]);
  io.progress('building the history');
  // Diagnostics name the inputs as given on the command line, not by position.
  const sourceNames = {
    feeds: feeds.map((f) => f.name),
    revisions:
      api === null
        ? dumps.counts
        : [{ name: api.name, count: api.revisions.length }, ...dumps.counts],
  };
  // The API's revisions are the most authoritative source and, for whole pages, prove their
  // newest revision (docs/03-history.md).
  const history = buildHistory(
    feeds.map((f) => f.feed),
    api === null
      ? dumps.revisions.length === 0
        ? { sourceNames }
        : {
            revisions: dumps.revisions,
            revisionsIncludeNewest: dumps.newest,
            // The dump's wiki, as the API's: feeds of another one are left out.
            revisionsSiteUrl: dumps.site,
            sourceNames,
          }
      : {
          revisions: [...api.revisions, ...dumps.revisions],
          revisionsIncludeNewest: api.includeNewest || dumps.newest,
          revisionsSiteUrl: api.name,
          sourceNames,
        },
  );
  const inputs = feeds.length + split.dumps.length + (api === null ? 0 : 1);
  const only = feeds[0]?.name ?? split.dumps[0] ?? api?.name;
  io.progress('');
  print(inputs === 1 ? (only ?? 'history') : 'history', history.diagnostics);
  checkStrict(counts, options.strict ?? null);
  return { feeds, history, analyzed: dumps.analyzed };
}
