/**
 * `queueRetry`: puts a queue's dead-letter list back to work, once what made its units fail
 * (a file not yet copied, a full disk, a fixed bug) is dealt with.
 */
import { type QueueConnectionOptions, queueEndpoint } from './queue-connection.js';
import { openQueueEngine } from './queue-engine.js';

/** Options of {@link queueRetry}. */
export type QueueRetryOptions = QueueConnectionOptions;

/**
 * Moves every unit of the dead-letter list back to waiting, with its attempts counted afresh.
 *
 * @param options - The Redis URL and queue name.
 * @returns How many units were put back.
 * @throws WikirevError `QUEUE_UNREACHABLE` when Redis does not answer.
 * @example
 * ```ts
 * import { queueRetry } from 'wikirev/scale';
 * await queueRetry({ redis: 'redis://10.0.0.5:6379' }) // 1
 * ```
 */
export async function queueRetry(options: QueueRetryOptions = {}): Promise<number> {
  const engine = await openQueueEngine(queueEndpoint(options));
  try {
    return await engine.retryDead();
  } finally {
    await engine.close();
  }
}
