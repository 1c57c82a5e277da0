/**
 * `wikirev queue collect`: the finished units of a Redis queue merged into one report or
 * table, the same bytes `wikirev report` gives for the same files on one machine.
 */
import { queueCollect } from '../scale.js';
import { type CommandIo, UsageError } from './cli-io.js';
import { HELP_LINES, optionsHelp } from './help-text.js';
import { checkStrict, countSeverities, printDiagnostics } from './load-inputs.js';
import {
  COMMON_OPTIONS,
  choice,
  type OptionSpec,
  parseOptions,
  strictOption,
} from './parse-options.js';
import {
  QUEUE_OPTIONS,
  QUEUE_OPTIONS_HELP,
  QUEUE_QUIET_HELP,
  queueConnection,
} from './queue-options.js';
import {
  ANALYSIS_HELP,
  ANALYSIS_OPTIONS,
  refuseReportOnlyOptions,
  reportAnalysisOptions,
} from './report-analysis-options.js';
import { chunkOutput } from './write-output.js';

/** The options `wikirev queue collect` accepts (each documented in its help). */
export const QUEUE_COLLECT_OPTIONS = {
  ...QUEUE_OPTIONS,
  strict: COMMON_OPTIONS.strict,
  'strict-level': COMMON_OPTIONS['strict-level'],
  format: { type: 'string' },
  out: { type: 'string', short: 'o' },
  title: { type: 'string' },
  'out-dir': { type: 'string' },
  wait: { type: 'boolean' },
  authorship: { type: 'boolean' },
  ...ANALYSIS_OPTIONS,
} as const satisfies OptionSpec;

/** `wikirev queue collect --help`. */
export const QUEUE_COLLECT_HELP = `Usage: wikirev queue collect [options]

Merges the outputs of every unit of a Redis queue, once all are done, into exactly what
'wikirev report' gives for the same files on one machine. Fails (exit 1) while units are
waiting, running or on the dead-letter list (with --wait, once none is waiting or running).
The queue is left as it is.

Options:
${QUEUE_OPTIONS_HELP}
  --format md|html|json|csv|parquet  output format (default md); csv and parquet give one
                         row per revision
  -o, --out FILE         write to FILE (needed for parquet) instead of standard output
  --out-dir DIR          csv, parquet: one file per unit in DIR, named after the unit,
                         instead of one merged file
  --wait                 wait for the units still waiting, running or retrying, then
                         merge at once (started right after 'queue add', it is ready when
                         the last unit is done)
  --authorship           csv, parquet: repeats 'queue add --authorship' (the units'
                         rows have the authorship columns when added with it)
  Report options, as 'wikirev report' takes them (--page, --user, --since, --until and
  --no-diffs were applied by the units: give them to 'queue add'; here they may only
  repeat them):
${ANALYSIS_HELP}
${optionsHelp([HELP_LINES.title, HELP_LINES.strict])}
${QUEUE_QUIET_HELP}

Example:
  wikirev queue collect --redis redis://10.0.0.5:6379 --format parquet --out enwiki.parquet
`;

/**
 * Runs `wikirev queue collect`.
 *
 * @example
 * ```ts
 * await queueCollectCommand(['--redis', 'redis://127.0.0.1:6379', '--format', 'csv'], io) // 0
 * ```
 */
export async function queueCollectCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values } = parseOptions(args, QUEUE_COLLECT_OPTIONS);
  if (values.help === true) {
    io.stdout.write(QUEUE_COLLECT_HELP);
    return 0;
  }
  const format = choice('--format', values.format, ['md', 'html', 'json', 'csv', 'parquet']);
  // Read before the merge, so that a bad level is a usage error, not one after the output.
  const strict = strictOption(values);
  const out = values.out === '-' ? undefined : values.out;
  const outDir = values['out-dir'];
  if (outDir !== undefined) {
    if (format !== 'csv' && format !== 'parquet') {
      throw new UsageError('--out-dir goes with --format csv or parquet (one file per unit)');
    }
    if (values.out !== undefined) throw new UsageError('--out-dir and --out exclude each other');
  } else if (format === 'parquet' && out === undefined) {
    throw new UsageError('--format parquet needs --out FILE or --out-dir DIR (it is binary)');
  }
  if (values.authorship === true && format !== 'csv' && format !== 'parquet') {
    throw new UsageError('--authorship goes with --format csv or parquet (the rows)');
  }
  if (format === 'csv' || format === 'parquet') refuseReportOnlyOptions(values);
  const analysis = reportAnalysisOptions(values, io);
  // --out goes through io.writeFile like `report --out`, not the merge's own file writer.
  const output = chunkOutput(out, io); // with --out-dir, --out is refused above
  const result = await queueCollect({
    ...queueConnection(values),
    format,
    ...(outDir === undefined ? { write: output.write } : { outDir }),
    ...(values.title === undefined ? {} : { title: values.title }),
    ...(values.wait === true ? { wait: true } : {}),
    ...(values.authorship === true ? { authorship: true } : {}),
    // As `wikirev report` reads them; the clock dates the report's relative parts.
    analysis,
  }).catch(async (error: unknown) => {
    await output.abort(error);
    throw error;
  });
  await output.end();
  // As `wikirev report` on dumps: diagnostics named with their file, failed pages as errors.
  for (const { file, diagnostic } of result.diagnostics) printDiagnostics(file, [diagnostic], io);
  for (const e of result.errors) io.stderr.write(`wikirev: error: ${e.message} [${e.code}]\n`);
  if (result.errors.length > 0) {
    const n = result.errors.length;
    io.stderr.write(`wikirev: ${n} page${n === 1 ? '' : 's'} failed; the output has the rest\n`);
    return 1;
  }
  checkStrict(countSeverities(result.diagnostics.map((d) => d.diagnostic)), strict);
  return 0;
}
