/**
 * `report`'s analysis options, read in one place for every command that takes them: `report`,
 * `queue add` (the per-page filters, stored with each unit) and `queue collect` (all of them),
 * so that the commands cannot drift apart.
 */
import type { AnalyzeOptions } from '../index.js';
import { parseDateBound } from '../report/dates.js';
import { normalizeTitle } from '../revisions/titles.js';
import { type CommandIo, UsageError } from './cli-io.js';
import { type HelpLine, optionsHelp } from './help-text.js';
import { choice, countOption, type OptionSpec } from './parse-options.js';

/** The per-page filters (`report`, `queue add`, `queue collect`). */
export const FILTER_OPTIONS = {
  page: { type: 'string', multiple: true },
  user: { type: 'string', multiple: true },
  since: { type: 'string' },
  until: { type: 'string' },
  'no-diffs': { type: 'boolean' },
} as const satisfies OptionSpec;

/** Their help lines. */
export const FILTER_LINES: readonly HelpLine[] = [
  ['--page TITLE', 'only this page (repeatable)'],
  ['--user NAME', "only this user's edits (repeatable)"],
  [
    '--since DATE',
    'only edits at or after DATE: 2024-05-01, 2024-05-01T12:00Z, or 30d,\n12h, 2w, 3m before now',
  ],
  ['--until DATE', 'only edits before DATE (same forms)'],
  ['--no-diffs', 'leave the diffs out'],
];

/** {@link FILTER_LINES} laid out. */
export const FILTER_HELP = optionsHelp(FILTER_LINES);

/** All of the analysis options: the filters and the whole-report ones. */
export const ANALYSIS_OPTIONS = {
  ...FILTER_OPTIONS,
  tz: { type: 'string' },
  period: { type: 'string' },
  top: { type: 'string' },
} as const satisfies OptionSpec;

/** Their help lines. */
export const ANALYSIS_LINES: readonly HelpLine[] = [
  ...FILTER_LINES,
  ['--tz ZONE', 'IANA time zone of the timeline and times (default UTC)'],
  ['--period hour|day|week|month', 'timeline period (default day)'],
  ['--top N', 'length of the rankings and of the users table (default 10)'],
];

/** {@link ANALYSIS_LINES} laid out. */
export const ANALYSIS_HELP = optionsHelp(ANALYSIS_LINES);

/** The values of {@link ANALYSIS_OPTIONS} as `parseArgs` gives them. */
export interface AnalysisValues {
  readonly page?: readonly string[] | undefined;
  readonly user?: readonly string[] | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  readonly 'no-diffs'?: boolean | undefined;
  readonly tz?: string | undefined;
  readonly period?: string | undefined;
  readonly top?: string | undefined;
}

/** What the per-page filters give (only the options given). */
export type AnalysisFilters = Pick<AnalyzeOptions, 'pages' | 'users' | 'since' | 'until' | 'diffs'>;

/**
 * A `--since`/`--until` value: an ISO date or a duration before `io.now()`.
 *
 * @example
 * ```ts
 * dateOption('--since', '2024-05-01', io) // '2024-05-01T00:00:00.000Z'
 * ```
 */
export function dateOption(
  name: string,
  value: string | undefined,
  io: CommandIo,
): string | undefined {
  if (value === undefined) return undefined;
  const bound = parseDateBound(value, io.now?.() ?? new Date());
  if (bound === null) {
    throw new UsageError(
      `${name} must be an ISO date (2024-05-01) or a duration (30d), got '${value}'`,
    );
  }
  return bound;
}

/**
 * A user name as MediaWiki stores it: underscores as spaces, first letter uppercase.
 *
 * @example
 * ```ts
 * userName('carol_smith') // 'Carol smith'
 * ```
 */
export function userName(name: string): string {
  const s = name.replace(/_/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The per-page filters given (titles and user names normalised, dates resolved against
 * `io.now()`); `diffs` only when `--no-diffs` turns them off.
 *
 * @throws UsageError for a bad date.
 * @example
 * ```ts
 * analysisFilters({ user: ['carol_smith'], since: '2024-05-01' }, io)
 * // { users: ['Carol smith'], since: '2024-05-01T00:00:00.000Z' }
 * ```
 */
export function analysisFilters(values: AnalysisValues, io: CommandIo): AnalysisFilters {
  const since = dateOption('--since', values.since, io);
  const until = dateOption('--until', values.until, io);
  return {
    ...(values.page === undefined ? {} : { pages: values.page.map((p) => normalizeTitle(p)) }),
    ...(values.user === undefined ? {} : { users: values.user.map(userName) }),
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(values['no-diffs'] === true ? { diffs: false } : {}),
  };
}

/**
 * All of `report`'s analysis options given: the filters, the time zone, period and rankings'
 * length, and the clock.
 *
 * @throws UsageError for a bad value, naming the option.
 * @example
 * ```ts
 * reportAnalysisOptions({ tz: 'Europe/Paris', period: 'week' }, io)
 * // { now: …, period: 'week', top: 10, timeZone: 'Europe/Paris' }
 * ```
 */
export function reportAnalysisOptions(values: AnalysisValues, io: CommandIo): AnalyzeOptions {
  const period = choice('--period', values.period, ['day', 'hour', 'week', 'month']);
  const top = values.top === undefined ? 10 : countOption('--top', values.top, 10);
  const timeZone = values.tz ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new UsageError(`--tz must be an IANA time zone such as Europe/Paris, got '${timeZone}'`);
  }
  return {
    ...(io.now === undefined ? {} : { now: io.now() }),
    period,
    top,
    timeZone,
    ...analysisFilters(values, io),
  };
}

/**
 * Refuses, for csv and parquet, the options that shape only the md, html and json report: the
 * rows are every revision read, so a filter or layout option would be silently ignored.
 *
 * @param values - The parsed options.
 * @param except - Options that mean something else here (`--api`'s page, user and dates).
 * @throws UsageError naming the first such option given.
 * @example
 * ```ts
 * refuseReportOnlyOptions({ page: ['Sandbox'] }) // throws '--page shapes the md, html and json report; …'
 * ```
 */
export function refuseReportOnlyOptions(
  values: AnalysisValues & { readonly title?: string | undefined },
  except: readonly string[] = [],
): void {
  const names = ['page', 'user', 'since', 'until', 'no-diffs', 'tz', 'period', 'top', 'title'];
  for (const name of names as readonly (keyof typeof values)[]) {
    if (values[name] !== undefined && !except.includes(name)) {
      throw new UsageError(
        `--${name} shapes the md, html and json report; csv and parquet rows are every revision of the inputs (filter them downstream)`,
      );
    }
  }
}
