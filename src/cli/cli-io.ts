/**
 * What the CLI touches of the outside world, injected so that `run()` is testable in process.
 */

/** Streams, files, network and clock of one CLI run. */
export interface CliIo {
  /** Where results go. */
  readonly stdout: { write(text: string): unknown };
  /** Where errors, warnings and the progress line go. */
  readonly stderr: { write(text: string): unknown };
  /** Reads all of standard input (for the `-` input). */
  readonly stdin: () => Promise<Uint8Array>;
  /** Reads a whole file. */
  readonly readFile: (path: string) => Promise<Uint8Array>;
  /** Writes a whole file (`--out`); without it `--out` is a usage error. */
  readonly writeFile?: (path: string, text: string) => Promise<void>;
  /** The fetch of http(s) inputs; without it URLs are refused. */
  readonly fetch?: typeof fetch;
  /** True when stderr is a terminal: a progress line is shown for long work. */
  readonly isTTY: boolean;
  /** The clock, for relative `--since 30d` bounds. */
  readonly now?: () => Date;
}

/** A command-line mistake: exit code 2 and a hint to `--help`. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Input that cannot be used (unreadable, not a feed, HTTP failure): exit code 1. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
