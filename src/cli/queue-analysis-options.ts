/**
 * `report`'s analysis options for the queue: the per-page filters `queue add` stores with
 * each unit, and the whole-report ones `queue collect` adds, read as `report` reads them.
 */
import type { AnalyzeOptions } from '../index.js';
import { normalizeTitle } from '../revisions/titles.js';
import type { QueueUnitAnalysis } from '../scale.js';
import { type CommandIo, UsageError } from './cli-io.js';
import { choice, countOption, type OptionSpec } from './parse-options.js';
import { dateOption, userName } from './report-command.js';

/** The per-page filters (`queue add`, `queue collect`). */
export const QUEUE_FILTER_OPTIONS = {
  page: { type: 'string', multiple: true },
  user: { type: 'string', multiple: true },
  since: { type: 'string' },
  until: { type: 'string' },
  'no-diffs': { type: 'boolean' },
} as const satisfies OptionSpec;

/** Their help lines. */
export const QUEUE_FILTER_HELP = `  --page TITLE           only this page (repeatable)
  --user NAME            only this user's edits (repeatable)
  --since DATE           only edits at or after DATE (2024-05-01; 30d before now)
  --until DATE           only edits before DATE (same forms)
  --no-diffs             leave the diffs out`;

/** The whole-report options (`queue collect`). */
export const QUEUE_REPORT_OPTIONS = {
  ...QUEUE_FILTER_OPTIONS,
  tz: { type: 'string' },
  period: { type: 'string' },
  top: { type: 'string' },
} as const satisfies OptionSpec;

/** Their help lines. */
export const QUEUE_REPORT_HELP = `${QUEUE_FILTER_HELP}
  --tz ZONE              IANA time zone of the timeline and times (default UTC)
  --period hour|day|week|month  timeline period (default day)
  --top N                length of the rankings and of the users table (default 10)`;

type Values = {
  readonly page?: readonly string[] | undefined;
  readonly user?: readonly string[] | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  readonly 'no-diffs'?: boolean | undefined;
  readonly tz?: string | undefined;
  readonly period?: string | undefined;
  readonly top?: string | undefined;
};

/**
 * The per-page filters given, as `report` reads them (titles and user names normalised,
 * dates resolved against `io.now()`).
 *
 * @throws UsageError for a bad date.
 * @example
 * ```ts
 * queueFilters({ user: ['carol_smith'], since: '2024-05-01' }, io)
 * // { users: ['Carol smith'], since: '2024-05-01T00:00:00.000Z' }
 * ```
 */
export function queueFilters(values: Values, io: CommandIo): QueueUnitAnalysis {
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
 * All of `report`'s analysis options given to `queue collect`: the filters, the time zone,
 * period and rankings' length, and the clock.
 *
 * @throws UsageError for a bad value, naming the option.
 * @example
 * ```ts
 * queueReportOptions({ tz: 'Europe/Paris', period: 'week' }, io)
 * // { now: …, period: 'week', top: 10, timeZone: 'Europe/Paris' }
 * ```
 */
export function queueReportOptions(values: Values, io: CommandIo): AnalyzeOptions {
  const timeZone = values.tz ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new UsageError(`--tz must be an IANA time zone such as Europe/Paris, got '${timeZone}'`);
  }
  return {
    ...(io.now === undefined ? {} : { now: io.now() }),
    period: choice('--period', values.period, ['day', 'hour', 'week', 'month']),
    top: values.top === undefined ? 10 : countOption('--top', values.top, 10),
    timeZone,
    ...queueFilters(values, io),
  };
}
