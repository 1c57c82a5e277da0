/**
 * `wikirev queue add`: dump files to jobs on a Redis queue, one per work unit.
 */
import { DEFAULT_LIMITS } from '../index.js';
import { queueAdd } from '../scale.js';
import { type CommandIo, UsageError } from './cli-io.js';
import { choice, countOption, type OptionSpec, parseOptions } from './parse-options.js';
import {
  QUEUE_OPTIONS,
  QUEUE_OPTIONS_HELP,
  QUEUE_QUIET_HELP,
  queueConnection,
} from './queue-options.js';
import {
  analysisFilters,
  FILTER_HELP,
  FILTER_OPTIONS,
  refuseReportOnlyOptions,
} from './report-analysis-options.js';

/** The options `wikirev queue add` accepts (each documented in its help). */
export const QUEUE_ADD_OPTIONS = {
  ...QUEUE_OPTIONS,
  'out-dir': { type: 'string' },
  'unit-bytes': { type: 'string' },
  attempts: { type: 'string' },
  backoff: { type: 'string' },
  format: { type: 'string' },
  authorship: { type: 'boolean' },
  'max-history-bytes': { type: 'string' },
  ...FILTER_OPTIONS,
} as const satisfies OptionSpec;

/** `wikirev queue add --help`. */
export const QUEUE_ADD_HELP = `Usage: wikirev queue add [options] <dump files or URLs...>

Puts one job per unit of work of the dumps on a Redis queue, for 'wikirev worker' on any
machine that reaches the files (a shared path, or an http(s) URL). Adding the same files again
adds nothing.

Options:
${QUEUE_OPTIONS_HELP}
  --out-dir DIR          where units' outputs are written: a path every worker and
                         'queue collect' see (default ./wikirev-units, made absolute)
  --format md|html|json|csv|parquet  the format 'queue collect' will give: units compute
                         only what it needs (rows for csv and parquet, the report for
                         the others); default both, any format can be collected
  --authorship           the rows' authorship columns, as 'report --authorship' (csv,
                         parquet; takes longer): 'queue collect' gives them
  --max-history-bytes N  bytes of revision texts of one page held in memory, as
                         'report' takes it (default 1G; K, M, G allowed)
  Per-page analysis of a report, as 'wikirev report' takes them ('queue collect' gives
  that report; other options, here and above, are other units, in another folder):
${FILTER_HELP}
  --unit-bytes N         bytes of a unit: larger files are cut at page boundaries
                         (default 64M; K, M, G allowed)
  --attempts N           tries of a unit before the dead-letter list (default 3)
  --backoff SECONDS      wait before the first retry, doubled each time (default 10)
${QUEUE_QUIET_HELP}

Example:
  wikirev queue add --redis redis://10.0.0.5:6379 --out-dir /shared/units /shared/dumps/*.bz2
`;

/**
 * Runs `wikirev queue add`.
 *
 * @example
 * ```ts
 * await queueAddCommand(['--redis', 'redis://127.0.0.1:6379', 'a.xml'], io) // 0
 * ```
 */
export async function queueAddCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, QUEUE_ADD_OPTIONS);
  if (values.help === true) {
    io.stdout.write(QUEUE_ADD_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('queue add needs dump files or URLs');
  if (positionals.includes('-')) throw new UsageError('queue add reads files, not standard input');
  const backoff = values.backoff === undefined ? undefined : Number(values.backoff);
  if (backoff !== undefined && !(backoff >= 0 && Number.isFinite(backoff))) {
    throw new UsageError(`--backoff must be a number of seconds, got '${values.backoff}'`);
  }
  const format =
    values.format === undefined
      ? undefined
      : choice('--format', values.format, ['md', 'html', 'json', 'csv', 'parquet']);
  if (
    values.authorship === true &&
    format !== undefined &&
    format !== 'csv' &&
    format !== 'parquet'
  ) {
    throw new UsageError('--authorship goes with --format csv or parquet (the rows)');
  }
  if (format === 'csv' || format === 'parquet') refuseReportOnlyOptions(values);
  const result = await queueAdd(positionals, {
    ...queueConnection(values),
    analysis: analysisFilters(values, io),
    ...(format === undefined ? {} : { format }),
    ...(values.authorship === true ? { authorship: true } : {}),
    ...(values['max-history-bytes'] === undefined
      ? {}
      : {
          maxHistoryBytes: countOption(
            '--max-history-bytes',
            values['max-history-bytes'],
            DEFAULT_LIMITS.maxHistoryBytes,
          ),
        }),
    ...(values['out-dir'] === undefined ? {} : { outDir: values['out-dir'] }),
    ...(values['unit-bytes'] === undefined
      ? {}
      : { unitBytes: countOption('--unit-bytes', values['unit-bytes'], 0) }),
    ...(values.attempts === undefined
      ? {}
      : { attempts: countOption('--attempts', values.attempts, 0) }),
    ...(backoff === undefined ? {} : { backoffSeconds: backoff }),
  });
  io.stdout.write(
    `${result.units} units: ${result.added} added, ${result.existing} already on the queue\n`,
  );
  return 0;
}
