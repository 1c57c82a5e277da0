/**
 * `wikirev queue status`: units done, running, waiting, retrying and dead on a Redis queue.
 */
import { type QueueStatus, queueStatus } from '../scale.js';
import type { CommandIo } from './cli-io.js';
import { choice, type OptionSpec, parseOptions } from './parse-options.js';
import {
  QUEUE_OPTIONS,
  QUEUE_OPTIONS_HELP,
  QUEUE_QUIET_HELP,
  queueConnection,
} from './queue-options.js';
import { terminalText } from './terminal-text.js';

/** The options `wikirev queue status` accepts (each documented in its help). */
export const QUEUE_STATUS_OPTIONS = {
  ...QUEUE_OPTIONS,
  format: { type: 'string' },
} as const satisfies OptionSpec;

/** `wikirev queue status --help`. */
export const QUEUE_STATUS_HELP = `Usage: wikirev queue status [options]

Units of a Redis queue: done, running (with their progress), waiting, retrying after a
failure, and dead (failed every attempt: the dead-letter list, with why).

Options:
${QUEUE_OPTIONS_HELP}
  --format text|json     output format (default text)
${QUEUE_QUIET_HELP}

Exit codes: 0 ok, 1 some unit is dead (or Redis does not answer), 2 usage error.
`;

const counted = (n: unknown, what: string) => `${String(n)} ${what}${n === 1 ? '' : 's'}`;

/** The last progress posted (at most once a second): of a stopped unit, a lower bound. */
function progressText(running: boolean, progress: unknown): string {
  if (typeof progress !== 'object' || progress === null) return '';
  const p = progress as { pages?: unknown; revisions?: unknown };
  if (typeof p.pages !== 'number') return '';
  const counts = `${counted(p.pages, 'page')}, ${counted(p.revisions, 'revision')}`;
  return running ? `, ${counts}` : `, at least ${counts} done`;
}

/**
 * `queue status`'s text: the counts, then a line per unit running, retrying or dead.
 *
 * @example
 * ```ts
 * statusText(await queueStatus(connection)).split('\n')[1] // '  done      412'
 * ```
 */
export function statusText(status: QueueStatus): string {
  const lines = [
    status.queue,
    `  done      ${status.done}`,
    `  running   ${status.running}`,
    `  waiting   ${status.waiting}`,
    `  retrying  ${status.retrying}`,
    `  dead      ${status.dead}`,
  ];
  for (const u of status.units) {
    const why = u.reason === undefined ? '' : `: ${u.reason.replace(/\s+/g, ' ')}`;
    lines.push(
      `${u.state.padEnd(8)} ${u.unit} (attempt ${u.attempts}${progressText(u.state === 'running', u.progress)})${why}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Runs `wikirev queue status`.
 *
 * @example
 * ```ts
 * await queueStatusCommand(['--redis', 'redis://127.0.0.1:6379'], io) // 0
 * ```
 */
export async function queueStatusCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values } = parseOptions(args, QUEUE_STATUS_OPTIONS);
  if (values.help === true) {
    io.stdout.write(QUEUE_STATUS_HELP);
    return 0;
  }
  const format = choice('--format', values.format, ['text', 'json']);
  const status = await queueStatus(queueConnection(values));
  const text = format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : statusText(status);
  // File names and failure reasons come from the queue: escaped on a terminal.
  io.stdout.write(io.stdoutIsTTY === true ? terminalText(text) : text);
  return status.dead > 0 ? 1 : 0;
}
