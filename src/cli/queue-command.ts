/**
 * `wikirev queue`: the Redis queue's commands (`add`, `status`, `collect`, `retry`); the
 * workers are `wikirev worker`.
 */
import { type CommandIo, UsageError } from './cli-io.js';
import { QUEUE_ADD_HELP, queueAddCommand } from './queue-add-command.js';
import { QUEUE_COLLECT_HELP, queueCollectCommand } from './queue-collect-command.js';
import { QUEUE_RETRY_HELP, queueRetryCommand } from './queue-retry-command.js';
import { QUEUE_STATUS_HELP, queueStatusCommand } from './queue-status-command.js';

/** `wikirev queue --help`. */
export const QUEUE_HELP = `Usage: wikirev queue <add|status|collect|retry> [options]

Analyses dumps on many machines through a Redis queue (BullMQ):
  wikirev queue add --redis URL --out-dir /shared/units /shared/dumps/*.bz2
  wikirev worker --redis URL --exit-when-idle          (on each machine)
  wikirev queue collect --redis URL --format parquet --out all.parquet

Subcommands:
  add <files...>    one job per unit of work of dump files or URLs
  status            units done, running, waiting, retrying, dead (the dead-letter list)
  collect           all units' outputs merged: what 'wikirev report' gives on one machine
  retry             dead units back to waiting

Run 'wikirev queue <subcommand> --help' for its options.
`;

const SUBCOMMANDS = {
  add: { run: queueAddCommand, help: QUEUE_ADD_HELP },
  status: { run: queueStatusCommand, help: QUEUE_STATUS_HELP },
  collect: { run: queueCollectCommand, help: QUEUE_COLLECT_HELP },
  retry: { run: queueRetryCommand, help: QUEUE_RETRY_HELP },
} as const;

/**
 * Whether `name` is one of `wikirev queue`'s subcommands.
 *
 * @example
 * ```ts
 * isQueueSubcommand('collect') // true
 * ```
 */
export function isQueueSubcommand(name: string | undefined): boolean {
  return name !== undefined && Object.hasOwn(SUBCOMMANDS, name);
}

/**
 * Runs `wikirev queue <subcommand>`.
 *
 * @example
 * ```ts
 * await queueCommand(['status', '--redis', 'redis://127.0.0.1:6379'], io) // 0
 * ```
 */
export async function queueCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h') {
    io.stdout.write(QUEUE_HELP);
    return 0;
  }
  if (sub === undefined || !isQueueSubcommand(sub)) {
    throw new UsageError(
      sub === undefined
        ? 'queue needs a subcommand: add, status, collect or retry'
        : `unknown queue subcommand '${sub}' (add, status, collect, retry)`,
    );
  }
  return SUBCOMMANDS[sub as keyof typeof SUBCOMMANDS].run(rest, io);
}
