/**
 * The worker thread's task: run one unit. Errors come back as data (a thrown error loses its
 * code crossing threads), naming the file and page.
 */
import type { MessagePort } from 'node:worker_threads';
import { type RunUnitOptions, runUnit, type UnitError, type UnitResult } from './run-unit.js';
import type { WorkUnit } from './work-unit.js';

/** What a worker is given. */
export interface PoolTask {
  readonly unit: WorkUnit;
  readonly options: RunUnitOptions;
  /** Where to post `{ pages, revisions }` as the unit goes (a queue job's progress), if anywhere. */
  readonly progress?: MessagePort;
}

/** Progress posted at most this often: a page can take microseconds, a Redis write does not. */
const PROGRESS_MS = 1000;

/** What a worker gives back. */
export type PoolOutcome =
  | { readonly kind: 'done'; readonly result: UnitResult }
  | { readonly kind: 'failed'; readonly unit: WorkUnit; readonly error: UnitError };

/**
 * Runs a unit and reports its result or its failure as plain data.
 *
 * @example
 * ```ts
 * await runPoolTask({ unit, options: { outDir } }) // { kind: 'done', result: { pages: 13, … } }
 * ```
 */
export async function runPoolTask(task: PoolTask): Promise<PoolOutcome> {
  const port = task.progress;
  let posted = 0;
  const options: RunUnitOptions =
    port === undefined
      ? task.options
      : {
          ...task.options,
          onProgress: (done) => {
            const now = Date.now();
            if (now - posted < PROGRESS_MS) return;
            posted = now;
            port.postMessage(done);
          },
        };
  try {
    return { kind: 'done', result: await runUnit(task.unit, options) };
  } catch (error) {
    const given =
      typeof error === 'object' && error !== null && 'unitError' in error
        ? (error.unitError as UnitError)
        : null;
    const message = error instanceof Error ? error.message : String(error);
    return {
      kind: 'failed',
      unit: task.unit,
      error: given ?? {
        file: task.unit.source,
        pageId: null,
        title: null,
        code: 'INTERNAL',
        detail: message,
        message,
      },
    };
  } finally {
    port?.close();
  }
}

export default runPoolTask;
