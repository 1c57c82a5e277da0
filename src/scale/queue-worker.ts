/**
 * `queueWorker`: takes units from a Redis queue and runs them (`runUnit`) until stopped, or
 * until the queue has nothing left to do.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { MessageChannel } from 'node:worker_threads';
import { placeText } from '../errors.js';
import { type QueueConnectionOptions, queueEndpoint } from './queue-connection.js';
import {
  openQueueEngine,
  PermanentFailure,
  type QueueJson,
  startQueueEngineWorker,
} from './queue-engine.js';
import { queueJobData, queueUnitSettings, unitLabel } from './queue-job.js';
import type { UnitError } from './run-unit.js';
import { createWorkerPool } from './worker-pool.js';

/** What a worker tells as it goes (for a log line each). */
export type QueueWorkerEvent =
  | {
      readonly kind: 'started';
      readonly jobId: string;
      readonly unit: string;
      readonly attempt: number;
    }
  | {
      readonly kind: 'done';
      readonly jobId: string;
      readonly unit: string;
      readonly pages: number;
      readonly revisions: number;
      /** Pages that could not be analysed (named in the result; the others were). */
      readonly pageErrors: number;
      readonly seconds: number;
    }
  | {
      readonly kind: 'failed';
      readonly jobId: string;
      readonly unit: string;
      readonly attempt: number;
      readonly message: string;
      /** False when the error is in the input itself: the unit goes to the dead-letter list. */
      readonly retried: boolean;
    }
  | { readonly kind: 'error'; readonly message: string }
  /** Connected and taking units (`queue` names the Redis server and queue). */
  | { readonly kind: 'ready'; readonly queue: string };

/** Options of {@link queueWorker}. */
export interface QueueWorkerOptions extends QueueConnectionOptions {
  /**
   * Units run at the same time by this worker.
   * @default 1
   */
  readonly concurrency?: number;
  /**
   * Stop once no unit is waiting, running (here or on another worker) or waiting for a retry.
   * @default false
   */
  readonly exitWhenIdle?: boolean;
  /**
   * Seconds a unit stays held without its worker renewing the hold: when a worker dies
   * (`kill -9`, a lost machine), another takes its units over after this long.
   * @default 30
   */
  readonly lockSeconds?: number;
  /**
   * Take-overs of one unit after which it goes to the dead-letter list (a unit that kills every
   * worker it runs on, out of memory say, must not kill them all).
   * @default 2
   */
  readonly maxTakeovers?: number;
  /** Stops the worker (SIGTERM, say): no new unit is taken, the running ones finish. */
  readonly signal?: AbortSignal;
  /** Called for each unit started, done or failed. */
  readonly onEvent?: (event: QueueWorkerEvent) => void;
}

/** What a worker did before it stopped. */
export interface QueueWorkerSummary {
  readonly done: number;
  readonly failed: number;
}

// Errors in the unit's input itself: a retry would read the same bytes and fail the same way.
const PERMANENT = new Set([
  'INVALID_XML',
  'NOT_A_DUMP',
  'ENTITY_DECLARATION',
  'INVALID_ENCODING',
  'ENTRY_TOO_LARGE',
  'INPUT_TOO_LARGE',
]);

// With `exitWhenIdle`, how often an idle worker asks whether the queue is done (one round
// trip): the last worker to finish exits at most this long after the queue is.
const IDLE_POLL_MS = 200;

/** A unit's failure as its worker thread reported it (code and message, as data). */
class UnitFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A failed unit's reason on the queue: the page and what went wrong (its label names the file). */
function queueReason(error: UnitError): string {
  return `${placeText({ pageId: error.pageId ?? undefined, title: error.title ?? undefined })}${error.detail}`;
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`queueWorker: ${name} must be a positive number, got ${value}`);
  }
  return value;
}

/**
 * Runs units from the queue until `signal` aborts, or with `exitWhenIdle` until the queue is
 * empty. Each unit's output is written under a temporary name and renamed (see `runUnit`), so a
 * worker killed midway leaves nothing half-written; its unit is taken over by another worker
 * once its hold (`lockSeconds`) runs out, and reruns to the same output.
 *
 * A unit that fails is retried with exponential backoff (`queueAdd`'s `attempts` and
 * `backoffSeconds`); one whose input is unusable (not XML, not a dump, an entry over its
 * limit) or that fails every attempt goes to the dead-letter list (`queueStatus`).
 *
 * @param options - The Redis URL and queue name, concurrency, when to stop.
 * @returns How many units this worker finished and failed.
 * @throws WikirevError `QUEUE_UNREACHABLE` when Redis does not answer at the start.
 * @example
 * ```ts
 * import { queueWorker } from 'wikirev/scale';
 * await queueWorker({ redis: 'redis://10.0.0.5:6379', concurrency: 2, exitWhenIdle: true })
 * // { done: 4, failed: 0 }
 * ```
 */
export async function queueWorker(options: QueueWorkerOptions = {}): Promise<QueueWorkerSummary> {
  const endpoint = queueEndpoint(options);
  const concurrency = positive('concurrency', options.concurrency ?? 1);
  if (!Number.isSafeInteger(concurrency)) {
    throw new RangeError(`queueWorker: concurrency must be a whole number, got ${concurrency}`);
  }
  const lockMs = positive('lockSeconds', options.lockSeconds ?? 30) * 1000;
  const maxTakeovers = options.maxTakeovers ?? 2;
  if (!Number.isSafeInteger(maxTakeovers) || maxTakeovers < 0) {
    throw new RangeError(`queueWorker: maxTakeovers must be 0 or more, got ${maxTakeovers}`);
  }
  const tell = options.onEvent ?? (() => undefined);
  let done = 0;
  let failed = 0;
  let running = 0;

  const runTask = async (task: {
    id: string;
    data: QueueJson;
    attempt: number;
    progress(value: QueueJson): Promise<void>;
  }): Promise<QueueJson> => {
    const { unit, outDir, report, rows, analysis, ...settings } = queueJobData(task.id, task.data);
    const label = unitLabel(unit);
    const started = performance.now();
    running++;
    tell({ kind: 'started', jobId: task.id, unit: label, attempt: task.attempt });
    try {
      await task.progress({ phase: 'running', attempt: task.attempt });
      if (!/^https?:\/\//i.test(unit.source)) {
        // A file this machine cannot read (a share not mounted yet, a copy not finished) is a
        // matter of time or place, not of the file: retried, where runUnit would call it
        // NOT_A_DUMP.
        await access(unit.source, constants.R_OK).catch((error: NodeJS.ErrnoException) => {
          throw new Error(`${unit.source}: not readable from this worker (${error.code})`);
        });
      }
      // `reuse`: a worker killed after the rename but before the queue heard of it left the
      // finished output; it is the same file a rerun would write. The unit runs in a worker
      // thread, so that a long page's analysis never holds up the renewal of the unit's hold.
      // Pages and revisions done so far, posted by the thread, become the job's progress.
      const channel = new MessageChannel();
      let reported = Promise.resolve();
      channel.port1.on('message', (done: { pages: number; revisions: number }) => {
        reported = reported
          .then(() => task.progress({ phase: 'running', attempt: task.attempt, ...done }))
          .catch(() => undefined);
      });
      const outcome = await pool
        .run({
          unit,
          options: {
            outDir,
            report,
            rows,
            reuse: true,
            ...(analysis === undefined ? {} : { analysis: { ...analysis } }),
            // authorship, maxHistoryBytes, maxEntryBytes: as `report` passes them to runUnit.
            ...queueUnitSettings(settings),
          },
          progress: channel.port2,
        })
        .finally(async () => {
          channel.port1.close();
          await reported;
        });
      if (outcome.kind === 'failed')
        // The unit's label names the file: the reason names the page and what went wrong.
        throw new UnitFailure(outcome.error.code, queueReason(outcome.error));
      const { result } = outcome;
      await task.progress({ phase: 'done', pages: result.pages, revisions: result.revisions });
      done++;
      tell({
        kind: 'done',
        jobId: task.id,
        unit: label,
        pages: result.pages,
        revisions: result.revisions,
        pageErrors: result.errors.length,
        seconds: (performance.now() - started) / 1000,
      });
      return result as unknown as QueueJson;
    } catch (error) {
      failed++;
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof UnitFailure && PERMANENT.has(error.code);
      tell({
        kind: 'failed',
        jobId: task.id,
        unit: label,
        attempt: task.attempt,
        message,
        retried: !permanent,
      });
      throw permanent ? new PermanentFailure(message) : error;
    } finally {
      running--;
    }
  };

  // Before the worker is ready, a connection error is the one the start throws: told once.
  let ready = false;
  const onError = (error: Error) => {
    if (ready) tell({ kind: 'error', message: error.message });
  };
  const pool = createWorkerPool(concurrency);
  let worker: Awaited<ReturnType<typeof startQueueEngineWorker>>;
  try {
    worker = await startQueueEngineWorker(endpoint, runTask, {
      concurrency,
      lockMs,
      stalledCheckMs: lockMs,
      maxStalled: maxTakeovers,
      onError,
    });
  } catch (error) {
    await pool.destroy();
    throw error;
  }
  ready = true;
  tell({ kind: 'ready', queue: endpoint.label });
  // Closing at once when stopped: BullMQ's close takes no new job and waits for running ones.
  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= worker.close();
    return closed;
  };
  options.signal?.addEventListener('abort', () => void close().catch(onError), { once: true });
  const stopped = new Promise<void>((resolve) => {
    if (options.signal?.aborted === true) resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  try {
    if (options.exitWhenIdle === true) {
      const engine = await openQueueEngine(endpoint);
      try {
        let stop = false;
        void stopped.then(() => {
          stop = true;
        });
        while (!stop) {
          await new Promise((r) => setTimeout(r, IDLE_POLL_MS));
          if (running > 0) continue;
          const counts = await engine.counts();
          if (counts.waiting + counts.running + counts.retrying === 0) break;
        }
      } finally {
        await engine.close();
      }
    } else {
      await stopped;
    }
  } finally {
    await close();
    await pool.destroy();
  }
  return { done, failed };
}
