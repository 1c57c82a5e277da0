/**
 * The one BullMQ import (and the one import of ioredis, its Redis client): a queue of work
 * units on Redis, seen through plain data. BullMQ gives the atomic moves between waiting,
 * active, completed and failed, the per-job locks that let a killed worker's job be taken
 * over, retries with backoff and progress; nothing of their types leaves this file.
 */

import { createRequire } from 'node:module';
import type * as BullMQ from 'bullmq';
import type * as IORedis from 'ioredis';
import { WikirevError } from '../errors.js';
import type { QueueEndpoint } from './queue-connection.js';

/** A JSON value, as stored in a job. */
export type QueueJson =
  | null
  | boolean
  | number
  | string
  | readonly QueueJson[]
  | { readonly [key: string]: QueueJson };

/** The state of a job, in the queue's own words. */
export type QueueJobState = 'waiting' | 'running' | 'retrying' | 'done' | 'dead';

/** One job as read back. */
export interface QueueJobRecord {
  readonly id: string;
  readonly state: QueueJobState;
  readonly data: QueueJson;
  readonly result: QueueJson;
  readonly progress: QueueJson;
  /** Attempts started (a job taken over from a killed worker counts again). */
  readonly attempts: number;
  readonly failedReason: string | undefined;
  /** When the job was added (ms since the epoch, Redis clock of the adder). */
  readonly addedAt: number;
}

/** How many jobs are in each state. */
export type QueueCounts = Readonly<Record<QueueJobState, number>>;

/** A job as given to the processing function. */
export interface QueueTask {
  readonly id: string;
  readonly data: QueueJson;
  /** 1 for the first start; a take-over of a killed worker's job counts as a start. */
  readonly attempt: number;
  progress(value: QueueJson): Promise<void>;
}

/** What a processing function throws to send its job to the dead-letter list at once. */
export class PermanentFailure extends Error {
  override readonly name = 'PermanentFailure';
}

/** An opened queue. */
export interface QueueEngine {
  /** Adds jobs by id; an id already present is left as it is (so adding twice is harmless). */
  add(
    jobs: readonly { readonly id: string; readonly data: QueueJson }[],
    retry: { readonly attempts: number; readonly backoffMs: number },
  ): Promise<{ readonly added: number; readonly existing: number }>;
  counts(): Promise<QueueCounts>;
  jobs(states: readonly QueueJobState[]): Promise<readonly QueueJobRecord[]>;
  /** Puts every dead job back to waiting with its attempts reset; returns how many. */
  retryDead(): Promise<number>;
  close(): Promise<void>;
}

/** A running worker. */
export interface QueueEngineWorker {
  /** Stops taking jobs, waits for the running ones, disconnects. */
  close(): Promise<void>;
}

/** How a worker holds its jobs. */
export interface QueueEngineWorkerOptions {
  readonly concurrency: number;
  /** How long a job's lock lasts without renewal: a killed worker's job is free after it. */
  readonly lockMs: number;
  /** How often a live worker looks for jobs whose lock expired. */
  readonly stalledCheckMs: number;
  /** Take-overs of one job after which it is dead (a unit that kills its workers). */
  readonly maxStalled: number;
  readonly onError: (error: Error) => void;
}

const PREFIX = 'wikirev';

// Loaded on first use, so that importing `wikirev/scale` (and with it every CLI command) does
// not pay BullMQ's and ioredis's import time unless a queue is used.
// They are optional peer dependencies: bullmq brings a native install script that every user
// of the library would otherwise have to approve, for a feature few use.
// Both are CommonJS: `require` skips the export scan that `import()` runs over every module
// they re-export (docs/18-queue.md: ~0.17 s of CPU per process, in `queue add`, `collect` and
// each worker).
const load = async () => {
  const require = createRequire(import.meta.url);
  try {
    return {
      bullmq: require('bullmq') as typeof BullMQ,
      ioredis: require('ioredis') as typeof IORedis,
    };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new WikirevError(
      'DEPENDENCY_MISSING',
      'the Redis queue needs the packages bullmq and ioredis: npm install bullmq ioredis',
    );
  }
};

/** Redis's replies to a wrong or missing password (ACL users, `requirepass`, older servers). */
const AUTH_REFUSED = /^(WRONGPASS|NOAUTH)\b|^ERR (invalid password|invalid username-password)/;

/**
 * A client of the endpoint's Redis, once it answers. Built here (not by BullMQ from options)
 * so that an unreachable server fails fast with its reason instead of being retried forever.
 */
async function connect(
  endpoint: QueueEndpoint,
  onError: (error: Error) => void,
): Promise<IORedis.Redis> {
  const { ioredis } = await load();
  const client = new ioredis.Redis({
    host: endpoint.host,
    port: endpoint.port,
    db: endpoint.db,
    connectTimeout: endpoint.connectTimeoutMs,
    // BullMQ's blocking commands wait as long as they need; BullMQ requires this.
    maxRetriesPerRequest: null,
    lazyConnect: true,
    ...(endpoint.username === undefined ? {} : { username: endpoint.username }),
    ...(endpoint.password === undefined ? {} : { password: endpoint.password }),
    ...(endpoint.tls ? { tls: {} } : {}),
  });
  let lastError: Error | undefined;
  client.on('error', (error: Error) => {
    lastError = error;
    onError(error);
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), endpoint.connectTimeoutMs);
      }),
    ]);
  } catch (error) {
    client.disconnect();
    const why = lastError ?? (error instanceof Error ? error : new Error(String(error)));
    throw new WikirevError(
      'QUEUE_UNREACHABLE',
      why.message === 'timeout'
        ? `Redis at ${endpoint.label} did not answer within ${endpoint.connectTimeoutMs / 1000} s`
        : // It answered, and refused the user name or password (or wants one): say so.
          AUTH_REFUSED.test(why.message)
          ? `Redis at ${endpoint.label}: authentication failed, check the user name and password in the URL (${why.message})`
          : `Redis at ${endpoint.label} did not answer: ${why.message}`,
    );
  } finally {
    clearTimeout(timer);
  }
  return client;
}

type BullState = 'waiting' | 'prioritized' | 'active' | 'delayed' | 'completed' | 'failed';

const STATES: Readonly<Record<QueueJobState, readonly BullState[]>> = {
  waiting: ['waiting', 'prioritized'],
  running: ['active'],
  retrying: ['delayed'],
  done: ['completed'],
  dead: ['failed'],
};

function stateOf(bull: string): QueueJobState {
  for (const [state, names] of Object.entries(STATES)) {
    if ((names as readonly string[]).includes(bull)) return state as QueueJobState;
  }
  return 'waiting';
}

/**
 * Opens the queue an endpoint names, once Redis answers.
 *
 * @throws WikirevError `QUEUE_UNREACHABLE` when Redis does not answer in time.
 * @example
 * ```ts
 * const engine = await openQueueEngine(queueEndpoint({ redis: 'redis://127.0.0.1:6379' }));
 * await engine.counts() // { waiting: 0, running: 0, retrying: 0, done: 0, dead: 0 }
 * ```
 */
export async function openQueueEngine(endpoint: QueueEndpoint): Promise<QueueEngine> {
  const { bullmq } = await load();
  const client = await connect(endpoint, () => undefined);
  const queue = new bullmq.Queue(endpoint.queue, { connection: client, prefix: PREFIX });
  // Errors after the start (a restart of Redis) are retried by the client; a command that
  // cannot be sent rejects by itself.
  queue.on('error', () => undefined);
  return {
    async add(jobs, retry) {
      // Two round trips whatever the number of jobs: the lookups go out together (one
      // connection pipelines them), then one MULTI adds the new ones.
      const found = await Promise.all(jobs.map((job) => queue.getJob(job.id)));
      const fresh = jobs.filter((_, i) => found[i] === undefined);
      if (fresh.length > 0) {
        await queue.addBulk(
          fresh.map((job) => ({
            name: 'unit',
            data: job.data,
            opts: {
              jobId: job.id,
              attempts: retry.attempts,
              backoff: { type: 'exponential', delay: retry.backoffMs },
              removeOnComplete: false,
              removeOnFail: false,
            },
          })),
        );
      }
      return { added: fresh.length, existing: jobs.length - fresh.length };
    },
    async counts() {
      const raw = await queue.getJobCounts(...Object.values(STATES).flat());
      const counts: Record<QueueJobState, number> = {
        waiting: 0,
        running: 0,
        retrying: 0,
        done: 0,
        dead: 0,
      };
      for (const [name, n] of Object.entries(raw)) counts[stateOf(name)] += n;
      return counts;
    },
    async jobs(states) {
      const records: QueueJobRecord[] = [];
      for (const state of states) {
        for (const bull of STATES[state]) {
          for (const job of await queue.getJobs(bull, 0, -1, true)) {
            if (job === undefined || job.id === undefined) continue;
            records.push({
              id: job.id,
              state,
              data: job.data as QueueJson,
              result: (job.returnvalue ?? null) as QueueJson,
              progress: (job.progress ?? null) as QueueJson,
              attempts: job.attemptsStarted,
              failedReason: job.failedReason === '' ? undefined : job.failedReason,
              addedAt: job.timestamp,
            });
          }
        }
      }
      return records;
    },
    async retryDead() {
      let n = 0;
      for (const job of await queue.getJobs('failed', 0, -1, true)) {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        n++;
      }
      return n;
    },
    async close() {
      await queue.close();
      await client.quit();
    },
  };
}

/**
 * Starts a worker on the queue an endpoint names, running `runTask` for each job it takes.
 *
 * @throws WikirevError `QUEUE_UNREACHABLE` when Redis does not answer in time.
 * @example
 * ```ts
 * const worker = await startQueueEngineWorker(endpoint, async (task) => ({ ok: task.id }), options);
 * await worker.close();
 * ```
 */
export async function startQueueEngineWorker(
  endpoint: QueueEndpoint,
  runTask: (task: QueueTask) => Promise<QueueJson>,
  options: QueueEngineWorkerOptions,
): Promise<QueueEngineWorker> {
  const { bullmq } = await load();
  const client = await connect(endpoint, options.onError);
  const worker = new bullmq.Worker(
    endpoint.queue,
    async (job: BullMQ.Job) => {
      try {
        return await runTask({
          id: job.id ?? '',
          data: job.data as QueueJson,
          attempt: Math.max(job.attemptsStarted, job.attemptsMade + 1),
          progress: (value) => job.updateProgress(value as object),
        });
      } catch (error) {
        if (error instanceof PermanentFailure) throw new bullmq.UnrecoverableError(error.message);
        throw error;
      }
    },
    {
      connection: client,
      prefix: PREFIX,
      concurrency: options.concurrency,
      lockDuration: options.lockMs,
      stalledInterval: options.stalledCheckMs,
      maxStalledCount: options.maxStalled,
      autorun: false,
    },
  );
  worker.on('error', options.onError);
  void worker.run().catch(options.onError);
  return {
    async close() {
      await worker.close();
      await client.quit();
    },
  };
}
