/**
 * `queueAdd`: dump files to jobs on a Redis queue, one per work unit, for `queueWorker`s on
 * any machine that reaches the files.
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { ScaleFormat } from './merge-unit-outputs.js';
import { type PlanUnitsOptions, planUnits } from './plan-units.js';
import { type QueueConnectionOptions, queueEndpoint } from './queue-connection.js';
import { openQueueEngine } from './queue-engine.js';
import {
  type QueueJobData,
  type QueueUnitAnalysis,
  queueJobId,
  queueUnitAnalysis,
  queueUnitSettings,
} from './queue-job.js';

/** Options of {@link queueAdd}. */
export interface QueueAddOptions extends QueueConnectionOptions, PlanUnitsOptions {
  /**
   * The folder units' outputs are written to, as workers and `queueCollect` see it: on several
   * machines, a shared path mounted at the same place on each (a relative path is made
   * absolute here). Outputs go to a folder in it named for what they hold (`all`, `rows`,
   * `report`).
   * @default `<current directory>/wikirev-units`
   */
  readonly outDir?: string;
  /**
   * The format the results will be collected in, so that units compute only what it needs:
   * the per-revision rows for `csv` and `parquet`, the report for `md`, `html` and `json`.
   * Without it both are computed and any format can be collected.
   * @default undefined (both)
   */
  readonly format?: ScaleFormat;
  /**
   * What each page is analysed with for a report (`report`'s `--page`, `--user`, `--since`,
   * `--until`, `--no-diffs`): `queueCollect` gives the report these filters ask for. Units
   * with other options are other jobs, with their outputs in another folder.
   * @default none: every page and revision, with diffs
   */
  readonly analysis?: QueueUnitAnalysis;
  /**
   * Fill the rows' authorship columns (csv, parquet; `report --authorship`): refused with a
   * report `format`. Units with it are other jobs, in another folder.
   * @default false
   */
  readonly authorship?: boolean;
  /**
   * Bytes of revision texts of one page held (see `runUnit`); part of the job, as it changes
   * which pages fail.
   * @default DEFAULT_LIMITS.maxHistoryBytes (1 GiB)
   */
  readonly maxHistoryBytes?: number;
  /**
   * Bytes of one revision text (see `runUnit`); part of the job.
   * @default DEFAULT_LIMITS.maxEntryBytes (64 MiB)
   */
  readonly maxEntryBytes?: number;
  /**
   * Tries of a unit before it goes to the dead-letter list (a kill of its worker is not a try
   * but a take-over, see `queueWorker`'s `maxTakeovers`).
   * @default 3
   */
  readonly attempts?: number;
  /**
   * Seconds before the first retry of a failed unit; each next retry waits twice as long.
   * @default 10
   */
  readonly backoffSeconds?: number;
}

/** What {@link queueAdd} did. */
export interface QueueAddResult {
  /** Units of the files. */
  readonly units: number;
  /** Jobs added now. */
  readonly added: number;
  /** Units already on the queue (added before, in this or another order): left as they are. */
  readonly existing: number;
}

/**
 * Plans the units of dump files (see `planUnits`) and puts one job per unit on the queue.
 * Adding the same files again adds nothing: a job's id comes from its file and range.
 *
 * @param files - Dump paths (made absolute) or http(s) URLs every worker can read.
 * @param options - The Redis URL and queue name, the output folder, unit size and retries.
 * @returns How many units, and how many were added.
 * @throws WikirevError `QUEUE_UNREACHABLE` when Redis does not answer; RangeError for a bad
 *   option; the file system's error for a missing file.
 * @example
 * ```ts
 * import { queueAdd } from 'wikirev/scale';
 * await queueAdd(['/shared/dumps/pages-1.xml.bz2'], {
 *   redis: 'redis://10.0.0.5:6379', outDir: '/shared/units',
 * }) // { units: 4, added: 4, existing: 0 }
 * ```
 */
export async function queueAdd(
  files: readonly string[],
  options: QueueAddOptions = {},
): Promise<QueueAddResult> {
  const endpoint = queueEndpoint(options);
  const attempts = options.attempts ?? 3;
  if (!Number.isSafeInteger(attempts) || attempts < 1) {
    throw new RangeError(`queueAdd: attempts must be a positive integer, got ${attempts}`);
  }
  const backoffSeconds = options.backoffSeconds ?? 10;
  if (!(backoffSeconds >= 0) || !Number.isFinite(backoffSeconds)) {
    throw new RangeError(`queueAdd: backoffSeconds must be 0 or more, got ${backoffSeconds}`);
  }
  const format = options.format;
  if (format !== undefined && !['json', 'md', 'html', 'csv', 'parquet'].includes(format)) {
    throw new RangeError(
      `queueAdd: format must be json, md, html, csv or parquet, got '${format}'`,
    );
  }
  const rows = format === undefined || format === 'csv' || format === 'parquet';
  if (options.authorship === true && !rows) {
    throw new RangeError(`queueAdd: authorship goes with format csv or parquet (the rows)`);
  }
  const settings = queueUnitSettings(options);
  const report = format === undefined || !rows;
  // Outputs of a unit computed for another format must not be taken for these (runUnit's
  // `reuse` checks only that an output is complete): one folder per kind.
  const analysis = queueUnitAnalysis(options.analysis);
  // …and one per set of analysis options and settings: a page's output depends on them (the
  // analysis alone hashed as before, so that the folders of such queues keep their names).
  const tagged =
    Object.keys(settings).length === 0 ? analysis : { ...(analysis ?? {}), ...settings };
  const tag =
    tagged === undefined
      ? ''
      : `-${createHash('sha256').update(JSON.stringify(tagged)).digest('hex').slice(0, 12)}`;
  const outDir = join(
    resolve(options.outDir ?? 'wikirev-units'),
    `${report && rows ? 'all' : rows ? 'rows' : 'report'}${tag}`,
  );
  const sources = files.map((f) => (/^https?:\/\//i.test(f) ? f : resolve(f)));
  const units = await planUnits(
    sources,
    options.unitBytes === undefined ? {} : { unitBytes: options.unitBytes },
  );
  const engine = await openQueueEngine(endpoint);
  try {
    const { added, existing } = await engine.add(
      units.map((unit) => {
        const data: QueueJobData = {
          unit,
          outDir,
          report,
          rows,
          ...(analysis === undefined ? {} : { analysis }),
          ...settings,
        };
        return { id: queueJobId(data), data: data as never };
      }),
      { attempts, backoffMs: backoffSeconds * 1000 },
    );
    return { units: units.length, added, existing };
  } finally {
    await engine.close();
  }
}
