/**
 * What the CLI touches of the outside world, injected so that `run()` is testable in process.
 */

import type { WikirevError } from '../errors.js';

/** Streams, files, network and clock of one CLI run. */
export interface CliIo {
  /** Where results go. */
  readonly stdout: { write(text: string): unknown };
  /** Where errors, warnings and the progress line go (`run` escapes control characters). */
  readonly stderr: { write(text: string): unknown };
  /**
   * Standard input (the `-` input), chunk by chunk as it arrives; read lazily and counted
   * against `--max-input-bytes`, and left (`return()`) as soon as the limit is passed.
   */
  readonly stdin: () => AsyncIterable<Uint8Array>;
  /** True when standard input is a terminal (nothing piped): `-` is then a usage error. */
  readonly stdinIsTTY?: boolean;
  /** A file, chunk by chunk (a read stream), counted like standard input. */
  readonly readFile: (path: string) => AsyncIterable<Uint8Array>;
  /**
   * Writes a whole file (`--out`): a text, or the chunks of a result streamed from dumps (larger
   * than memory, or binary: Parquet), read as they come; without it `--out` is a usage error.
   */
  readonly writeFile?: (path: string, content: string | AsyncIterable<Uint8Array>) => Promise<void>;
  /**
   * The identity of the file a path names after symlinks (device and inode), or `null` when
   * there is none; `--out` naming an input is refused with it.
   */
  readonly fileId?: (path: string) => Promise<string | null>;
  /** The fetch of http(s) inputs; without it URLs are refused. */
  readonly fetch?: typeof fetch;
  /** True when stderr is a terminal: a progress line is shown for long work. */
  readonly isTTY: boolean;
  /** True when stdout is a terminal: text results are written with control characters escaped. */
  readonly stdoutIsTTY?: boolean;
  /** The clock, for relative `--since 30d` bounds. */
  readonly now?: () => Date;
  /**
   * Starts listening for Ctrl-C (SIGINT) and SIGTERM and returns the signal they abort, for
   * commands that run until stopped (`watch`, `worker`); other commands keep the default (the
   * process ends).
   */
  readonly interrupt?: () => AbortSignal;
  /** Waits between polls (`watch`); injected so that tests do not wait. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What `run` gives a command: the injected I/O with stderr escaped, and the progress line. */
export interface CommandIo extends CliIo {
  /** Shows `text` (escaped) as the one progress line of a terminal stderr; `''` clears it. */
  readonly progress: (text: string) => void;
}

/** A command-line mistake: exit code 2 and a hint to `--help`. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Input that cannot be used (unreadable, not a feed, HTTP failure): exit code 1. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * An input's `WikirevError` as an {@link InputError} naming the input once: a dump reader's
 * error names its file (and page) itself.
 *
 * @example
 * ```ts
 * namedInputError('a.xml', new WikirevError('NOT_A_DUMP', 'the dump has no content')).message
 * // 'a.xml: the dump has no content'
 * ```
 */
export function namedInputError(name: string, error: WikirevError): InputError {
  return new InputError(error.file === undefined ? `${name}: ${error.message}` : error.message);
}
