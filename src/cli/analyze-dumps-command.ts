/**
 * `report` and `entries` on XML dumps only: the work spread over worker threads
 * (`wikirev/scale`'s `analyzeDumps`), the result identical for any `--workers`.
 */
import type { AnalyzeOptions } from '../index.js';
import { analyzeDumps, type ScaleFormat } from '../scale.js';
import { type CommandIo, UsageError } from './cli-io.js';
import type { HelpLine } from './help-text.js';
import { checkStrict, countSeverities, printDiagnostics, type StrictLevel } from './load-inputs.js';
import { countOption } from './parse-options.js';
import { chunkOutput } from './write-output.js';

/** The options of the commands that analyse dumps over the pool. */
export const SCALE_OPTIONS = {
  workers: { type: 'string' },
  'unit-bytes': { type: 'string' },
  authorship: { type: 'boolean' },
} as const;

/** Their help lines. */
export const SCALE_LINES: readonly HelpLine[] = [
  ['--workers N', 'worker threads for XML dumps (default: the cores)'],
  [
    '--unit-bytes N',
    'cut dumps larger than N bytes into units at page boundaries\n(default 64M; K, M, G allowed)',
  ],
  [
    '--authorship',
    "the rows' authorship columns: who wrote each token (tokens,\ntokensAdded, tokensRemoved, userShare; takes longer)",
  ],
];

/** What a dump analysis is asked for. */
export interface DumpAnalysisRequest {
  readonly format: ScaleFormat;
  readonly out: string | undefined;
  readonly workers: string | undefined;
  readonly unitBytes: string | undefined;
  readonly authorship: boolean;
  readonly analysis: AnalyzeOptions;
  readonly title: string | undefined;
  readonly strict: StrictLevel | null;
  /** Bytes of one page's texts held; a report goes pair by pair past it. @default 1 GiB */
  readonly maxHistoryBytes?: number;
  /** `--out-dir`: csv, parquet, one file per unit in this folder. @default none */
  readonly outDir?: string | undefined;
}

/**
 * Analyses dumps over the worker pool and writes the result; prints the units' and pages'
 * errors (each naming its file and page) and the diagnostics.
 *
 * @returns 0, or 1 when a unit or page failed (the rest is in the output).
 * @throws UsageError for a bad `--workers`; InputError under `--strict` with diagnostics.
 * @example
 * ```ts
 * await analyzeDumpsCommand(['a.xml.bz2'], { format: 'csv', workers: '2', … }, io) // 0
 * ```
 */
export async function analyzeDumpsCommand(
  files: readonly string[],
  request: DumpAnalysisRequest,
  io: CommandIo,
): Promise<number> {
  const workers =
    request.workers === undefined ? undefined : countOption('--workers', request.workers, 1);
  const outDir = request.outDir;
  if (outDir !== undefined) {
    if (request.format !== 'csv' && request.format !== 'parquet') {
      throw new UsageError('--out-dir goes with --format csv or parquet (one file per unit)');
    }
    if (request.out !== undefined) throw new UsageError('--out-dir and --out exclude each other');
  } else if (request.format === 'parquet' && (request.out === undefined || request.out === '-')) {
    throw new UsageError('--format parquet needs --out FILE or --out-dir DIR (it is binary)');
  }
  const unitBytes =
    request.unitBytes === undefined ? undefined : countOption('--unit-bytes', request.unitBytes, 1);
  // --out goes through io.writeFile like every command's, not the pool's own file writer.
  const output = chunkOutput(request.out, io); // with --out-dir, --out is refused above
  const result = await analyzeDumps(files, {
    format: request.format,
    analysis: request.analysis,
    authorship: request.authorship,
    ...(request.maxHistoryBytes === undefined ? {} : { maxHistoryBytes: request.maxHistoryBytes }),
    ...(workers === undefined ? {} : { workers }),
    ...(unitBytes === undefined ? {} : { unitBytes }),
    ...(request.title === undefined ? {} : { title: request.title }),
    ...(outDir === undefined ? { write: output.write } : { outDir }),
    onProgress: (done, total) => io.progress(done === total ? '' : `units ${done}/${total}`),
  }).catch(async (error: unknown) => {
    await output.abort(error);
    throw error;
  });
  await output.end();
  for (const { file, diagnostic } of result.diagnostics) printDiagnostics(file, [diagnostic], io);
  const errors = [...result.failed, ...result.errors];
  for (const e of errors) io.stderr.write(`wikirev: error: ${e.message} [${e.code}]\n`);
  if (errors.length > 0) {
    io.stderr.write(
      `wikirev: ${errors.length} unit${errors.length === 1 ? '' : 's'} or page${errors.length === 1 ? '' : 's'} failed; the output has the rest\n`,
    );
    return 1;
  }
  checkStrict(countSeverities(result.diagnostics.map((d) => d.diagnostic)), request.strict);
  return 0;
}
