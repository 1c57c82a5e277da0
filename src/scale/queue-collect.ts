/**
 * `queueCollect`: the outputs of a queue's finished units merged into one report or table,
 * exactly what `mergeUnitOutputs` (and `wikirev report`) gives for the same files on one
 * machine.
 */
import { WikirevError } from '../errors.js';
import {
  type MergeResult,
  type MergeUnitOutputsOptions,
  mergeUnitOutputs,
} from './merge-unit-outputs.js';
import { type QueueConnectionOptions, queueEndpoint } from './queue-connection.js';
import { openQueueEngine } from './queue-engine.js';
import {
  type QueueUnitAnalysis,
  type QueueUnitSettings,
  queueJobData,
  queueJobResult,
  queueUnitAnalysis,
  queueUnitSettings,
  unitLabel,
} from './queue-job.js';
import { writeUnitTables } from './write-unit-tables.js';

/** Options of {@link queueCollect}: where the queue is, and those of `mergeUnitOutputs`. */
export interface QueueCollectOptions extends QueueConnectionOptions, MergeUnitOutputsOptions {
  /**
   * `csv`, `parquet`: one file per unit in this folder (see `writeUnitTables`) instead of one
   * merged file; `out` and `write` are then unused.
   * @default none: one merged file
   */
  readonly outDir?: string;
  /**
   * Wait for the units still waiting, running or retrying to finish, then merge: the merge
   * starts as soon as the last one is done, and its start-up is paid while they run.
   * @default false: `QUEUE_INCOMPLETE` at once while any is
   */
  readonly wait?: boolean;
  /**
   * Repeats `queueAdd`'s `authorship` (as `report --authorship` is written): the units'
   * rows have the authorship columns when they were added with it, whether or not this is
   * given; given, units added without it are refused. Only with `csv` and `parquet`.
   * @default false
   */
  readonly authorship?: boolean;
}

/** How often a waiting collector asks for the queue's counts (one round trip each). */
const WAIT_POLL_MS = 100;

/**
 * Merges the outputs of every unit of the queue, once all are done (or, with `wait`, as soon as
 * they are). The queue is left as it is: collecting again (in another format, say) gives the
 * same result.
 *
 * @param options - The Redis URL and queue name; the format and destination of the merge.
 * @returns What `mergeUnitOutputs` returns: counts, page errors, diagnostics, the result.
 * @throws RangeError for `outDir` with a report format; WikirevError `QUEUE_INCOMPLETE` when a unit is not done yet or is on the dead-letter
 *   list (the message counts them and names the dead ones); `QUEUE_UNREACHABLE` when Redis
 *   does not answer.
 * @example
 * ```ts
 * import { queueCollect } from 'wikirev/scale';
 * await queueCollect({ redis: 'redis://10.0.0.5:6379', format: 'parquet', out: 'enwiki.parquet' })
 * // { pages: 61234, revisions: 1234567, errors: [], diagnostics: [], output: null }
 * ```
 */
export async function queueCollect(options: QueueCollectOptions = {}): Promise<MergeResult> {
  if (options.outDir !== undefined && options.format !== 'csv' && options.format !== 'parquet') {
    throw new RangeError('queueCollect: options.outDir goes with format csv or parquet');
  }
  if (options.authorship === true && options.format !== 'csv' && options.format !== 'parquet') {
    throw new RangeError('queueCollect: options.authorship goes with format csv or parquet');
  }
  const endpoint = queueEndpoint(options);
  const engine = await openQueueEngine(endpoint);
  let outputs: string[];
  let added: QueueUnitAnalysis = {};
  try {
    let counts = await engine.counts();
    while (options.wait === true && counts.waiting + counts.running + counts.retrying > 0) {
      await new Promise((r) => setTimeout(r, WAIT_POLL_MS));
      counts = await engine.counts();
    }
    const unfinished = counts.waiting + counts.running + counts.retrying;
    if (unfinished > 0 || counts.dead > 0) {
      const dead = (await engine.jobs(['dead'])).map(
        (job) =>
          `\n  ${unitLabel(queueJobData(job.id, job.data).unit)}: ${job.failedReason ?? 'failed'}`,
      );
      throw new WikirevError(
        'QUEUE_INCOMPLETE',
        `${endpoint.label}: ${counts.done} units done, ${unfinished} not yet, ${counts.dead} on the dead-letter list${dead.join('')}`,
      );
    }
    if (counts.done === 0) {
      throw new WikirevError('QUEUE_INCOMPLETE', `${endpoint.label}: no unit on this queue`);
    }
    const format = options.format ?? 'json';
    const table = format === 'csv' || format === 'parquet';
    const analyses = new Set<string>();
    const settings = new Set<string>();
    outputs = (await engine.jobs(['done'])).map((job) => {
      const data = queueJobData(job.id, job.data);
      analyses.add(JSON.stringify(queueUnitAnalysis(data.analysis) ?? {}));
      settings.add(JSON.stringify(queueUnitSettings(data)));
      // A unit added for another format lacks what this one needs: say so, never merge less.
      if (table ? !data.rows : !data.report) {
        throw new WikirevError(
          'QUEUE_INCOMPLETE',
          `${endpoint.label}: ${unitLabel(data.unit)} was added for ${table ? 'a report' : 'csv or parquet'} (queue add --format): it has no ${table ? 'rows' : 'report'} for --format ${format}`,
        );
      }
      return queueJobResult(job.id, job.result).output;
    });
    if (analyses.size > 1) {
      throw new WikirevError(
        'QUEUE_INCOMPLETE',
        `${endpoint.label}: units were added with different analysis options (${[...analyses].join(', ')}): one queue, one report`,
      );
    }
    if (settings.size > 1) {
      throw new WikirevError(
        'QUEUE_INCOMPLETE',
        `${endpoint.label}: units were added with different settings (${[...settings].join(', ')}): one queue, one output`,
      );
    }
    const unitSettings = JSON.parse([...settings][0] ?? '{}') as QueueUnitSettings;
    if (options.authorship === true && unitSettings.authorship !== true) {
      throw new WikirevError(
        'QUEUE_INCOMPLETE',
        `${endpoint.label}: the units were added without authorship: give authorship to 'queue add' (a new set of units)`,
      );
    }
    added = JSON.parse([...analyses][0] ?? '{}') as QueueUnitAnalysis;
  } finally {
    await engine.close();
  }
  const {
    redis: _r,
    queue: _q,
    connectTimeoutSeconds: _t,
    outDir,
    wait: _w,
    authorship: _a,
    ...merge
  } = options;
  // The filters were applied where the pages were analysed: the collector can repeat them,
  // not change them (the rows of csv and parquet are never filtered, as in `report`).
  const table = options.format === 'csv' || options.format === 'parquet';
  const filtered = (['pages', 'users', 'since', 'until', 'diffs'] as const).filter(
    (key) => added[key] !== undefined,
  );
  if (table && filtered.length > 0) {
    throw new WikirevError(
      'QUEUE_INCOMPLETE',
      `${endpoint.label}: the units were added with ${filtered.join(', ')}: csv and parquet rows are every revision, so these would be ignored; collect a report (md, html, json), or add the units again without them`,
    );
  }
  const asked = (table ? undefined : queueUnitAnalysis(options.analysis)) ?? {};
  for (const key of ['pages', 'users', 'since', 'until', 'diffs'] as const) {
    if (asked[key] !== undefined && JSON.stringify(asked[key]) !== JSON.stringify(added[key])) {
      throw new WikirevError(
        'QUEUE_INCOMPLETE',
        `${endpoint.label}: the units were analysed with ${key} ${JSON.stringify(added[key] ?? null)}, not ${JSON.stringify(asked[key])}: give ${key} to 'queue add' (a new set of units)`,
      );
    }
  }
  if (outDir !== undefined) {
    const format = merge.format === 'csv' ? 'csv' : 'parquet';
    const { files: _f, ...result } = await writeUnitTables(outputs, outDir, {
      format,
      ...(merge.formulaGuard === undefined ? {} : { formulaGuard: merge.formulaGuard }),
    });
    return result;
  }
  return mergeUnitOutputs(outputs, { ...merge, analysis: { ...added, ...options.analysis } });
}
