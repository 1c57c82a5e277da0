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
import { queueJobData, queueJobResult, unitLabel } from './queue-job.js';

/** Options of {@link queueCollect}: where the queue is, and those of `mergeUnitOutputs`. */
export interface QueueCollectOptions extends QueueConnectionOptions, MergeUnitOutputsOptions {}

/**
 * Merges the outputs of every unit of the queue, once all are done. The queue is left as it
 * is: collecting again (in another format, say) gives the same result.
 *
 * @param options - The Redis URL and queue name; the format and destination of the merge.
 * @returns What `mergeUnitOutputs` returns: counts, page errors, diagnostics, the result.
 * @throws WikirevError `QUEUE_INCOMPLETE` when a unit is not done yet or is on the dead-letter
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
  const endpoint = queueEndpoint(options);
  const engine = await openQueueEngine(endpoint);
  let outputs: string[];
  try {
    const counts = await engine.counts();
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
    outputs = (await engine.jobs(['done'])).map((job) => {
      const data = queueJobData(job.id, job.data);
      // A unit added for another format lacks what this one needs: say so, never merge less.
      if (table ? !data.rows : !data.report) {
        throw new WikirevError(
          'QUEUE_INCOMPLETE',
          `${endpoint.label}: ${unitLabel(data.unit)} was added for ${table ? 'a report' : 'csv or parquet'} (queue add --format): it has no ${table ? 'rows' : 'report'} for --format ${format}`,
        );
      }
      return queueJobResult(job.id, job.result).output;
    });
  } finally {
    await engine.close();
  }
  const { redis: _r, queue: _q, connectTimeoutSeconds: _t, ...merge } = options;
  return mergeUnitOutputs(outputs, merge);
}
