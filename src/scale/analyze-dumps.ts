/**
 * `analyzeDumps`: dump files analysed over a pool of worker threads and merged into one
 * report or table, byte for byte what one thread gives.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bzip2Decoder } from '../dump.js';
import type { AnalyzeOptions } from '../index.js';
import {
  type MergeResult,
  type MergeUnitOutputsOptions,
  mergeUnitOutputs,
  type ScaleFormat,
} from './merge-unit-outputs.js';
import { planUnits } from './plan-units.js';
import { type PoolOutcome, type PoolTask, runPoolTask } from './pool-worker.js';
import type { RunUnitOptions, UnitError } from './run-unit.js';
import type { WorkUnit } from './work-unit.js';
import { createWorkerPool } from './worker-pool.js';
import { writeUnitTables } from './write-unit-tables.js';

/** Options of {@link analyzeDumps}. */
export interface AnalyzeDumpsOptions {
  /**
   * Worker threads; 1 runs every unit in this thread.
   * @default os.availableParallelism()
   */
  readonly workers?: number;
  /** @default 'json' */
  readonly format?: ScaleFormat;
  /** See `mergeUnitOutputs`. @default none */
  readonly out?: string;
  /** See `mergeUnitOutputs`. @default none */
  readonly write?: (chunk: Uint8Array) => void | Promise<void>;
  /** `analyzeHistory`'s options (filters, diffs, `now`, `period`, `top`…). @default {} */
  readonly analysis?: AnalyzeOptions;
  /** Title of the Markdown and HTML reports. @default 'Revision report' */
  readonly title?: string;
  /** The CSV formula guard (see `revisionCsv`). @default true */
  readonly formulaGuard?: boolean;
  /** Fill the rows' authorship columns (csv, parquet; see `revisionRows`). @default false */
  readonly authorship?: boolean;
  /** See `planUnits`. @default 64 MiB */
  readonly unitBytes?: number;
  /** See `runUnit`. @default DEFAULT_LIMITS.maxHistoryBytes (1 GiB) */
  readonly maxHistoryBytes?: number;
  /** See `runUnit`. @default DEFAULT_LIMITS.maxEntryBytes (64 MiB) */
  readonly maxEntryBytes?: number;
  /** @default 'auto' */
  readonly bzip2Decoder?: Bzip2Decoder;
  /**
   * Where the units' outputs are kept until merged (a new folder inside it, removed at the end).
   * @default os.tmpdir()
   */
  readonly tempDir?: string;
  /**
   * `csv`, `parquet`: one file per unit in this folder (see `writeUnitTables`) instead of one
   * merged file; `out` and `write` are then unused.
   * @default none: one merged file
   */
  readonly outDir?: string;
  /**
   * Called as units finish.
   * @default none
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What {@link analyzeDumps} gave. */
export interface AnalyzeDumpsResult extends MergeResult {
  readonly units: number;
  /** Units that could not be read (the rest were merged), with their file and page. */
  readonly failed: readonly UnitError[];
}

function checkWorkers(value: unknown): number {
  if (value === undefined) return availableParallelism();
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1024) {
    throw new RangeError('analyzeDumps: options.workers must be an integer from 1 to 1024');
  }
  return value;
}

/**
 * Runs units, at most `workers` at a time (so a million units hold no more memory than a few),
 * and gives their outcomes in plan order.
 */
async function runAll(
  units: readonly WorkUnit[],
  options: RunUnitOptions,
  workers: number,
  onProgress: ((done: number, total: number) => void) | undefined,
): Promise<PoolOutcome[]> {
  const pool = workers === 1 ? null : createWorkerPool(workers);
  const run = (task: PoolTask) => (pool === null ? runPoolTask(task) : pool.run(task));
  const outcomes: PoolOutcome[] = new Array(units.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < units.length) {
      const k = next++;
      outcomes[k] = await run({ unit: units[k]!, options });
      onProgress?.(++done, units.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(workers, units.length) }, lane));
  } finally {
    await pool?.destroy();
  }
  return outcomes;
}

/**
 * Analyses dump files over worker threads: plans units (`planUnits`), runs them (`runUnit`)
 * on `workers` threads, and merges their outputs (`mergeUnitOutputs`). The result is the same,
 * byte for byte, for any number of workers. A unit that cannot be read fails alone: its file
 * and page are in `failed` (and in a report's diagnostics), and the others are merged.
 *
 * @param files - Dump paths or http(s) URLs.
 * @param options - Workers, format and destination, analysis options, limits.
 * @returns Counts, failed units, page errors and diagnostics (and the output, without `out`
 *   or `write`).
 * @throws RangeError or TypeError naming a bad option; the file system's error for a file that
 *   cannot be planned (missing).
 * @example
 * ```ts
 * import { analyzeDumps } from 'wikirev/scale';
 * const result = await analyzeDumps(['pages-1.xml.bz2', 'pages-2.xml.bz2'], {
 *   format: 'parquet',
 *   out: 'revisions.parquet',
 * });
 * result.revisions // 1234567
 * result.failed    // [] when every unit could be read
 * ```
 */
export async function analyzeDumps(
  files: readonly string[],
  options: AnalyzeDumpsOptions = {},
): Promise<AnalyzeDumpsResult> {
  const workers = checkWorkers(options.workers);
  const format = options.format ?? 'json';
  if (options.outDir !== undefined && format !== 'csv' && format !== 'parquet') {
    throw new RangeError('analyzeDumps: options.outDir goes with format csv or parquet');
  }
  const units = await planUnits(
    files,
    options.unitBytes === undefined ? {} : { unitBytes: options.unitBytes },
  );
  const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'wikirev-scale-'));
  try {
    const table = format === 'csv' || format === 'parquet';
    const runOptions: RunUnitOptions = {
      outDir: dir,
      report: !table,
      rows: table,
      // Merged to csv: the workers render the rows' csv (the merge's main cost) in parallel.
      ...(format === 'csv' && options.outDir === undefined && options.formulaGuard !== false
        ? { csv: true }
        : {}),
      authorship: table && options.authorship === true,
      ...(options.analysis === undefined ? {} : { analysis: options.analysis }),
      ...(options.maxHistoryBytes === undefined
        ? {}
        : { maxHistoryBytes: options.maxHistoryBytes }),
      ...(options.maxEntryBytes === undefined ? {} : { maxEntryBytes: options.maxEntryBytes }),
      ...(options.bzip2Decoder === undefined ? {} : { bzip2Decoder: options.bzip2Decoder }),
    };
    const outcomes = await runAll(units, runOptions, workers, options.onProgress);
    const failed = outcomes.flatMap((o) => (o.kind === 'failed' ? [o.error] : []));
    const merge: MergeUnitOutputsOptions = {
      format,
      unitErrors: failed,
      ...(options.out === undefined ? {} : { out: options.out }),
      ...(options.write === undefined ? {} : { write: options.write }),
      ...(options.analysis === undefined ? {} : { analysis: options.analysis }),
      ...(options.title === undefined ? {} : { title: options.title }),
      ...(options.formulaGuard === undefined ? {} : { formulaGuard: options.formulaGuard }),
    };
    const kept = outcomes.flatMap((o) => (o.kind === 'done' ? [o.result.output] : []));
    const merged =
      options.outDir !== undefined && table
        ? await writeUnitTables(kept, options.outDir, {
            format,
            ...(options.formulaGuard === undefined ? {} : { formulaGuard: options.formulaGuard }),
          })
        : await mergeUnitOutputs(kept, merge);
    // The dumps' own notes (a log dump's items skipped), each with its file.
    const notes = outcomes.flatMap((o) =>
      o.kind === 'done'
        ? (o.result.diagnostics ?? []).map((diagnostic) => ({
            file: o.result.unit.source,
            diagnostic,
          }))
        : [],
    );
    return {
      ...merged,
      diagnostics: [...notes, ...merged.diagnostics],
      units: units.length,
      failed,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
