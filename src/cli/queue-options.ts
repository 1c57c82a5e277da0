/**
 * The options every queue command shares (`--redis`, `--queue`), read once for `queue add`,
 * `queue status`, `queue collect`, `queue retry` and `worker`.
 */
import { type QueueConnectionOptions, queueEndpoint } from '../scale.js';
import { UsageError } from './cli-io.js';
import { HELP_LINES, optionsHelp } from './help-text.js';
import { COMMON_OPTIONS, type OptionSpec } from './parse-options.js';

/**
 * The option declarations every queue command shares. Of the common ones, `--timeout` is
 * Redis's; `--strict` is `queue collect`'s alone and `--max-input-bytes` no queue command's
 * (units are dumps, read as streams under the dump limits), so neither is accepted here.
 */
export const QUEUE_OPTIONS = {
  help: COMMON_OPTIONS.help,
  quiet: COMMON_OPTIONS.quiet,
  timeout: COMMON_OPTIONS.timeout,
  redis: { type: 'string' },
  queue: { type: 'string' },
} as const satisfies OptionSpec;

/** `--help` lines of the shared queue options. */
export const QUEUE_OPTIONS_HELP = `  --redis URL            the Redis server: redis://[user:password@]host[:port][/db], or
                         rediss:// for TLS (default redis://127.0.0.1:6379)
  --queue NAME           the queue, so that two runs do not mix (default wikirev)
  --timeout SECONDS      seconds to wait for Redis to answer (default 10)`;

/** `--help` lines of `-q` and `-h` for the queue commands that print no progress line. */
export const QUEUE_QUIET_HELP = optionsHelp([
  ['-q, --quiet', 'accepted as by every command; this one shows no progress line'],
  HELP_LINES.help,
]);

/**
 * Reads `--redis`, `--queue` and `--timeout` into the queue functions' options.
 *
 * @throws UsageError for a URL, name or timeout the queue functions refuse.
 * @example
 * ```ts
 * queueConnection({ redis: 'redis://10.0.0.5:6379' }) // { redis: 'redis://10.0.0.5:6379' }
 * ```
 */
export function queueConnection(values: {
  readonly redis?: string | undefined;
  readonly queue?: string | undefined;
  readonly timeout?: string | undefined;
}): QueueConnectionOptions {
  const options: QueueConnectionOptions = {
    ...(values.redis === undefined ? {} : { redis: values.redis }),
    ...(values.queue === undefined ? {} : { queue: values.queue }),
    ...(values.timeout === undefined ? {} : { connectTimeoutSeconds: Number(values.timeout) }),
  };
  try {
    queueEndpoint(options);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const message = error.message
      .replace(/^redis/, '--redis')
      .replace(/^queue /, '--queue ')
      .replace(/^connectTimeoutSeconds/, '--timeout');
    throw new UsageError(message);
  }
  return options;
}
