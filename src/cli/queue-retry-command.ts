/**
 * `wikirev queue retry`: the dead-letter list of a Redis queue put back to work.
 */
import { queueRetry } from '../scale.js';
import type { CommandIo } from './cli-io.js';
import { parseOptions } from './parse-options.js';
import {
  QUEUE_OPTIONS,
  QUEUE_OPTIONS_HELP,
  QUEUE_QUIET_HELP,
  queueConnection,
} from './queue-options.js';

/** The options `wikirev queue retry` accepts (each documented in its help). */
export const QUEUE_RETRY_OPTIONS = QUEUE_OPTIONS;

/** `wikirev queue retry --help`. */
export const QUEUE_RETRY_HELP = `Usage: wikirev queue retry [options]

Puts the units of the dead-letter list (failed every attempt) back to waiting, with their
attempts counted afresh, once what made them fail is dealt with.

Options:
${QUEUE_OPTIONS_HELP}
${QUEUE_QUIET_HELP}
`;

/**
 * Runs `wikirev queue retry`.
 *
 * @example
 * ```ts
 * await queueRetryCommand(['--redis', 'redis://127.0.0.1:6379'], io) // 0; "1 unit put back"
 * ```
 */
export async function queueRetryCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values } = parseOptions(args, QUEUE_RETRY_OPTIONS);
  if (values.help === true) {
    io.stdout.write(QUEUE_RETRY_HELP);
    return 0;
  }
  const n = await queueRetry(queueConnection(values));
  io.stdout.write(`${n} unit${n === 1 ? '' : 's'} put back\n`);
  return 0;
}
