/**
 * `wikirev worker`: runs units from a Redis queue on this machine.
 */
import { type QueueWorkerEvent, queueWorker } from '../scale.js';
import type { CommandIo } from './cli-io.js';
import { UsageError } from './cli-io.js';
import { countOption, type OptionSpec, parseOptions } from './parse-options.js';
import { QUEUE_OPTIONS, QUEUE_OPTIONS_HELP, queueConnection } from './queue-options.js';

/** The options `wikirev worker` accepts (each documented in its help). */
export const WORKER_OPTIONS = {
  ...QUEUE_OPTIONS,
  concurrency: { type: 'string' },
  'exit-when-idle': { type: 'boolean' },
  'lock-seconds': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
} as const satisfies OptionSpec;

/** `wikirev worker --help`. */
export const WORKER_HELP = `Usage: wikirev worker [options]

Runs units of work from a Redis queue ('wikirev queue add') until stopped, writing each
unit's output to the queue's output folder under a temporary name renamed at the end. A
worker that dies (kill -9, a lost machine) leaves no partial output; another worker takes
its units over once their hold runs out (--lock-seconds). A failed unit is retried with
backoff; one that keeps failing goes to the dead-letter list ('wikirev queue status').

Options:
${QUEUE_OPTIONS_HELP}
  --concurrency N        units run at the same time (default 1; one per core is right)
  --exit-when-idle       stop once no unit is waiting, running or retrying
                         (SIGTERM or Ctrl-C: no new unit, the running ones finish,
                         exit 0; a second signal ends the process at once)
  --lock-seconds N       how long a unit is held without renewal: a dead worker's units
                         are taken over after this (default 30)
  -q, --quiet            no line per unit on stderr
  -h, --help             this help

Example:
  wikirev worker --redis redis://10.0.0.5:6379 --concurrency 8 --exit-when-idle
`;

function eventLine(event: QueueWorkerEvent): string {
  switch (event.kind) {
    case 'started':
      return `started ${event.unit}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`;
    case 'done':
      return `done ${event.unit}: ${event.pages} pages, ${event.revisions} revisions${event.pageErrors > 0 ? `, ${event.pageErrors} pages failed` : ''} in ${event.seconds.toFixed(1)} s`;
    case 'failed':
      return `failed ${event.unit} (attempt ${event.attempt}${event.retried ? ', will retry' : ', dead-letter list'}): ${event.message}`;
    case 'error':
      return `queue error: ${event.message}`;
    case 'ready':
      return `ready, taking units from ${event.queue}`;
    default: {
      const never: never = event;
      return String(never);
    }
  }
}

/**
 * Runs `wikirev worker`.
 *
 * @example
 * ```ts
 * await workerCommand(['--redis', 'redis://127.0.0.1:6379', '--exit-when-idle'], io) // 0
 * ```
 */
export async function workerCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, WORKER_OPTIONS);
  if (values.help === true) {
    io.stdout.write(WORKER_HELP);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError(
      `worker takes no inputs (they come from the queue), got '${positionals[0]}'`,
    );
  }
  const lockSeconds = values['lock-seconds'] === undefined ? 30 : Number(values['lock-seconds']);
  if (!(lockSeconds > 0) || !Number.isFinite(lockSeconds)) {
    throw new UsageError(
      `--lock-seconds must be a positive number, got '${values['lock-seconds']}'`,
    );
  }
  // SIGTERM or Ctrl-C: take no new unit, finish the running ones, exit 0 (a second signal
  // ends the process; its units are then taken over once their hold runs out).
  const signal = io.interrupt?.();
  let stopping = false;
  signal?.addEventListener(
    'abort',
    () => {
      stopping = true;
      io.stderr.write('wikirev: worker: stopping: no new unit, finishing the running ones\n');
    },
    { once: true },
  );
  const summary = await queueWorker({
    ...(signal === undefined ? {} : { signal }),
    ...queueConnection(values),
    concurrency: countOption('--concurrency', values.concurrency, 1),
    exitWhenIdle: values['exit-when-idle'] === true,
    lockSeconds,
    onEvent: (event) => {
      if (values.quiet !== true || event.kind === 'error') {
        io.stderr.write(`wikirev: worker: ${eventLine(event)}\n`);
      }
    },
  });
  if (values.quiet !== true) {
    io.stderr.write(
      `wikirev: worker: ${stopping ? 'stopped' : 'idle, stopping'} (${summary.done} done, ${summary.failed} failed attempts)\n`,
    );
  }
  return 0;
}
