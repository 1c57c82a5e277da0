/**
 * `node:util` `parseArgs` with its errors turned into {@link UsageError}s and the options shared
 * by every command.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

import { DEFAULT_LIMITS } from '../limits.js';
import { UsageError } from './cli-io.js';
import type { StrictLevel } from './load-inputs.js';

/** The option declarations of one command (those of `parseArgs`). */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** What `parseArgs` returns for an option spec (strict, positionals allowed). */
export type ParsedArgs<T extends OptionSpec> = ReturnType<
  typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>
>;

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  // Read by run() (no progress line); declared here so that every command accepts it.
  quiet: { type: 'boolean', short: 'q' },
  strict: { type: 'boolean' },
  // `--strict=LEVEL` is rewritten to `--strict --strict-level LEVEL` (parseArgs has no optional values).
  'strict-level': { type: 'string' },
  timeout: { type: 'string' },
  'max-input-bytes': { type: 'string' },
} as const satisfies OptionSpec;

/**
 * Parses a command's arguments strictly (unknown options are usage errors): give it a call of
 * `parseArgs` (with {@link COMMON_OPTIONS} spread in), so that the result keeps its precise type.
 *
 * @param args - The arguments after the command name.
 * @param options - The command's options, the common ones included.
 * @returns The values and the positional arguments.
 * @throws UsageError for an unknown option or a missing value.
 * @example
 * ```ts
 * parseOptions(['a.xml', '--strict'], { ...COMMON_OPTIONS }).values.strict // true
 * ```
 */
export function parseOptions<T extends OptionSpec>(
  args: readonly string[],
  options: T,
): ParsedArgs<T> {
  const end = args.indexOf('--');
  const given = args.flatMap((a, k) => {
    const level = /^--strict=(.*)$/s.exec(a);
    return level === null || (end !== -1 && k > end)
      ? [a]
      : ['--strict', '--strict-level', level[1]!];
  });
  try {
    return parseArgs({ args: given, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node's "Option '-o, --out <value>' argument missing" and its three-line "argument is
    // ambiguous" (a value that starts with '-'), as one line naming the long option.
    const name = /^Option '(?:-\w, )?(--[\w-]+)/.exec(message)?.[1];
    if (name !== undefined && /argument missing/.test(message)) {
      throw new UsageError(`${name} needs a value`);
    }
    if (name !== undefined && /argument is ambiguous/.test(message)) {
      throw new UsageError(
        `${name} needs a value (one that starts with '-' is written ${name}=-…)`,
      );
    }
    // Node's messages start with a capital; every message of wikirev starts lowercase.
    const text = message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(text.charAt(0).toLowerCase() + text.slice(1));
  }
}

/**
 * The `--timeout` value in seconds.
 *
 * @param value - The option's text, if given.
 * @returns The number of seconds (default 30).
 * @throws UsageError when it is not a positive number.
 * @example
 * ```ts
 * timeoutOption('5') // 5
 * ```
 */
export function timeoutOption(value: string | undefined): number {
  if (value === undefined) return 30;
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) {
    throw new UsageError(`--timeout must be a positive number of seconds, got '${value}'`);
  }
  return n;
}

/**
 * Reads one of a closed set of values.
 *
 * @param name - The option, for the message.
 * @param value - The value given, if any.
 * @param allowed - The accepted values; the first is the default.
 * @returns The value.
 * @throws UsageError for another value.
 * @example
 * ```ts
 * choice('--format', 'html', ['md', 'html', 'json']) // 'html'
 * ```
 */
export function choice<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly [T, ...T[]],
): T {
  if (value === undefined) return allowed[0];
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${name} must be one of ${allowed.join(', ')}, got '${value}'`);
  }
  return value as T;
}

const UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/**
 * A count option such as `--max-input-bytes 64M` or `--max-requests 500`: a positive integer,
 * optionally with a binary `K`, `M` or `G` suffix.
 *
 * @param name - The option, for the message.
 * @param value - The option's text, if given.
 * @param fallback - The default.
 * @returns The count.
 * @throws UsageError for anything else.
 * @example
 * ```ts
 * countOption('--max-input-bytes', '64M', DEFAULT_LIMITS.maxInputBytes) // 67108864
 * ```
 */
export function countOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const m = /^\s*(\d{1,15})\s*([kmg]?)i?b?\s*$/i.exec(value);
  const n = m === null ? Number.NaN : Number(m[1]) * (UNITS[(m[2] ?? '').toLowerCase()] ?? 1);
  if (!(n >= 1) || !Number.isSafeInteger(n)) {
    // The suffixes are offered where they read naturally: byte limits (`--unit-bytes 64M`).
    const hint = name.endsWith('-bytes') ? ' (64M, 1G allowed)' : '';
    throw new UsageError(`${name} must be a positive whole number${hint}, got '${value}'`);
  }
  return n;
}

/**
 * The `--max-input-bytes` value: bytes of one input (standard input, a file, an HTTP body).
 *
 * @param value - The option's text, if given.
 * @returns The limit (default `DEFAULT_LIMITS.maxInputBytes`, 256 MiB).
 * @throws UsageError when it is not a positive count.
 * @example
 * ```ts
 * maxInputBytesOption('1M') // 1048576
 * ```
 */
export function maxInputBytesOption(value: string | undefined): number {
  return countOption('--max-input-bytes', value, DEFAULT_LIMITS.maxInputBytes);
}

/**
 * Reads a revision id option (`--rev`, `--from`, `--to`); a leading `r` is allowed.
 *
 * @returns The id, or `undefined` when the option is absent.
 * @throws UsageError when it is not a positive integer.
 * @example
 * ```ts
 * revisionOption('--rev', 'r12') // 12
 * ```
 */
export function revisionOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/^r/, ''));
  if (!Number.isInteger(n) || n <= 0) {
    throw new UsageError(`${name} must be a revision id, got '${value}'`);
  }
  return n;
}

/**
 * The `--strict` level: `null` without it, `'warning'` for `--strict`, else `--strict=LEVEL`.
 *
 * @throws UsageError for a level other than info, warning, error.
 * @example
 * ```ts
 * strictOption({ strict: true, 'strict-level': 'info' }) // 'info'
 * ```
 */
export function strictOption(values: {
  readonly strict?: boolean | undefined;
  readonly 'strict-level'?: string | undefined;
}): StrictLevel | null {
  if (values.strict !== true && values['strict-level'] === undefined) return null;
  return choice<StrictLevel>('--strict', values['strict-level'], ['warning', 'info', 'error']);
}

/**
 * The input options every command that reads inputs shares (`--strict`, `--timeout`,
 * `--max-input-bytes`), read once for all of them.
 *
 * @example
 * ```ts
 * commonLoadOptions({ strict: true }) // { strict: 'warning', timeoutSeconds: 30, maxInputBytes: 268435456 }
 * ```
 */
export function commonLoadOptions(values: {
  readonly strict?: boolean | undefined;
  readonly 'strict-level'?: string | undefined;
  readonly timeout?: string | undefined;
  readonly 'max-input-bytes'?: string | undefined;
}): { strict: StrictLevel | null; timeoutSeconds: number; maxInputBytes: number } {
  return {
    strict: strictOption(values),
    timeoutSeconds: timeoutOption(values.timeout),
    maxInputBytes: maxInputBytesOption(values['max-input-bytes']),
  };
}
