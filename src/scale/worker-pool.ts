/**
 * The worker-thread pool: the one import of piscina (`npm run bench -- scale` found it and
 * tinypool equally fast, a unit being seconds of work; tinypool could not load the TypeScript
 * worker through tsx in the tests; docs/17-scaling.md). The worker file is the built
 * `pool-worker.js` beside this one, or its TypeScript source when run from `src/`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { PoolOutcome, PoolTask } from './pool-worker.js';

/** A pool of worker threads running units. */
export interface WorkerPool {
  run(task: PoolTask): Promise<PoolOutcome>;
  destroy(): Promise<void>;
}

/**
 * The worker's file: the built `.js` (the package as installed: this code sits in a chunk of
 * `dist/chunks/`, the worker is the entry `dist/scale/pool-worker.js`; scripts/build.mjs), else
 * the `.ts` source beside this one (tests).
 */
export function workerFile(): string {
  const built = fileURLToPath(new URL('../scale/pool-worker.js', import.meta.url));
  return existsSync(built) ? built : fileURLToPath(new URL('./pool-worker.ts', import.meta.url));
}

/**
 * Starts `threads` worker threads.
 *
 * @example
 * ```ts
 * const pool = createWorkerPool(2);
 * await pool.run({ unit, options: { outDir } }); // { kind: 'done', result }
 * await pool.destroy();
 * ```
 */
export function createWorkerPool(threads: number): WorkerPool {
  const filename = workerFile();
  const pool = new Piscina<PoolTask, PoolOutcome>({
    filename,
    // The built worker needs none of the process's flags: a loader such as tsx cost each worker
    // 2 s of start-up on the benchmark machine, and some flags (--expose-gc) fail in a worker.
    ...(filename.endsWith('.js') ? { execArgv: [] } : {}),
    minThreads: threads,
    maxThreads: threads,
    // One unit per thread at a time: a unit is seconds to hours of work, never worth queueing
    // inside a thread.
    concurrentTasksPerWorker: 1,
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  return {
    // A progress port moves to the worker thread (a port cannot be copied).
    run: (task) =>
      pool.run(task, task.progress === undefined ? {} : { transferList: [task.progress] }),
    destroy: () => pool.destroy(),
  };
}
