/**
 * `queueStatus`: how far a queue's run is: units done, running (with their progress), waiting,
 * waiting for a retry, and on the dead-letter list (with why).
 */
import { type QueueConnectionOptions, queueEndpoint } from './queue-connection.js';
import { openQueueEngine, type QueueJobState, type QueueJson } from './queue-engine.js';
import { queueJobData, unitLabel } from './queue-job.js';

/** Options of {@link queueStatus}. */
export type QueueStatusOptions = QueueConnectionOptions;

/** One unit that is not simply waiting or done. */
export interface QueueUnitStatus {
  readonly jobId: string;
  readonly state: QueueJobState;
  /** The file, and the part of it when it is not the whole. */
  readonly unit: string;
  /** Attempts started, take-overs of a killed worker's unit included. */
  readonly attempts: number;
  /**
   * The unit's last progress report: `{ phase: 'running', attempt }` at the start, with
   * `pages` and `revisions` done so far as it goes (at most once a second), then
   * `{ phase: 'done', pages, revisions }`.
   */
  readonly progress: QueueJson;
  /** Why its last attempt failed (retrying, dead). */
  readonly reason: string | undefined;
}

/** A queue's state. */
export interface QueueStatus {
  /** The Redis URL (without password) and queue name. */
  readonly queue: string;
  readonly waiting: number;
  readonly running: number;
  /** Failed, waiting for a retry after its backoff. */
  readonly retrying: number;
  readonly done: number;
  /** Failed for good: the dead-letter list (`wikirev queue retry` puts them back). */
  readonly dead: number;
  /** The running, retrying and dead units. */
  readonly units: readonly QueueUnitStatus[];
}

/**
 * Reads the state of a queue.
 *
 * @param options - The Redis URL and queue name.
 * @returns Counts per state, and the units running, retrying or dead.
 * @throws WikirevError `QUEUE_UNREACHABLE` when Redis does not answer.
 * @example
 * ```ts
 * import { queueStatus } from 'wikirev/scale';
 * await queueStatus({ redis: 'redis://10.0.0.5:6379' })
 * // { queue: "redis://10.0.0.5:6379 queue 'wikirev'", waiting: 3, running: 2, retrying: 0,
 * //   done: 11, dead: 0, units: [{ jobId: 'unit-…', state: 'running', unit: '/shared/a.xml', … }] }
 * ```
 */
export async function queueStatus(options: QueueStatusOptions = {}): Promise<QueueStatus> {
  const endpoint = queueEndpoint(options);
  const engine = await openQueueEngine(endpoint);
  try {
    const counts = await engine.counts();
    const jobs = await engine.jobs(['running', 'retrying', 'dead']);
    return {
      queue: endpoint.label,
      ...counts,
      units: jobs.map((job) => ({
        jobId: job.id,
        state: job.state,
        unit: unitLabel(queueJobData(job.id, job.data).unit),
        attempts: job.attempts,
        progress: job.progress,
        reason: job.failedReason,
      })),
    };
  } finally {
    await engine.close();
  }
}
