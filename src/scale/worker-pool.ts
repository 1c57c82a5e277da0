/**
 * The worker-thread pool: the one import of piscina (chosen over tinypool by
 * `npm run bench -- scale`, docs/17-scaling.md). The worker file is the built
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

/** The worker's file: the built `.js` (the package as installed), else the `.ts` source (tests). */
export function workerFile(): string {
  const built = fileURLToPath(new URL('./pool-worker.js', import.meta.url));
  return existsSync(built) ? built : fileURLToPath(new URL('./pool-worker.ts', import.meta.url));
}

const LOADERS = new Set(['--import', '--loader', '--experimental-loader', '--require', '-r']);

/**
 * The process's flags less its module loaders, for workers running the built `.js`: a loader
 * such as tsx cost each worker 2 s of start-up on the benchmark machine and is not needed there.
 */
function flagsWithoutLoaders(): string[] {
  const flags: string[] = [];
  for (let k = 0; k < process.execArgv.length; k++) {
    const flag = process.execArgv[k]!;
    if (LOADERS.has(flag)) k++;
    else if (![...LOADERS].some((l) => flag.startsWith(`${l}=`))) flags.push(flag);
  }
  return flags;
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
    ...(filename.endsWith('.js') ? { execArgv: flagsWithoutLoaders() } : {}),
    minThreads: threads,
    maxThreads: threads,
    // One unit per thread at a time: a unit is seconds to hours of work, never worth queueing
    // inside a thread.
    concurrentTasksPerWorker: 1,
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  return {
    run: (task) => pool.run(task),
    destroy: () => pool.destroy(),
  };
}
