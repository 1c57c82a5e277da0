/**
 * Where a command's result goes: standard output, or the `--out` file (never one of the inputs).
 */
import { dirname } from 'node:path';
import { PassThrough } from 'node:stream';
import { type CliIo, InputError, UsageError } from './cli-io.js';
import { terminalText } from './terminal-text.js';

const URL_RE = /^https?:\/\//i;

/**
 * Refuses an `--out` that names one of the inputs (the same path, or the same file through a
 * symlink or a hard link), before anything is read: writing it would destroy the input.
 *
 * @param out - The `--out` value, if any.
 * @param inputs - The command's inputs (files, `-`, URLs).
 * @param io - `fileId`, to compare files rather than spellings.
 * @returns When `out` is safe to write.
 * @throws UsageError naming both.
 * @example
 * ```ts
 * await checkOutput('feed.xml', ['feed.xml'], io) // throws UsageError (exit 2)
 * ```
 */
export async function checkOutput(
  out: string | undefined,
  inputs: readonly string[],
  io: CliIo,
): Promise<void> {
  if (out === undefined || out === '-') return;
  const outId = io.fileId === undefined ? null : await io.fileId(out);
  for (const input of inputs) {
    if (input === '-' || URL_RE.test(input)) continue;
    const same =
      input === out ||
      (outId !== null && io.fileId !== undefined && (await io.fileId(input)) === outId);
    if (same) {
      throw new UsageError(
        `--out ${out} is the input ${input}: refusing to overwrite an input; write elsewhere`,
      );
    }
  }
}

/**
 * Writes a command's result to `--out FILE`, or to standard output without one (escaped for
 * the terminal when standard output is one).
 *
 * @param text - The result.
 * @param out - The `--out` value, if any.
 * @param io - The injected streams and files.
 * @returns When written.
 * @throws InputError when the file cannot be written.
 * @example
 * ```ts
 * await writeOutput('# Revision report\n', undefined, io) // printed on stdout
 * ```
 */
export async function writeOutput(text: string, out: string | undefined, io: CliIo): Promise<void> {
  if (out === undefined || out === '-') {
    io.stdout.write(io.stdoutIsTTY === true ? terminalText(text) : text);
    return;
  }
  if (io.writeFile === undefined) throw new InputError(`${out}: cannot write files here`);
  try {
    await io.writeFile(out, text);
  } catch (error) {
    throw cannotWrite(out, error);
  }
}

/** Why `out` could not be written, without Node's path (often the temporary file's). */
function cannotWrite(out: string, error: unknown): InputError {
  const code = (error as { code?: unknown } | null)?.code;
  const why =
    code === 'ENOENT'
      ? `no folder ${dirname(out)}`
      : code === 'EISDIR'
        ? 'is a directory'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : error instanceof Error
            ? error.message
            : String(error);
  return new InputError(`${out}: cannot write: ${why}`);
}

/** A result written to `--out` in chunks: see {@link streamOutput}. */
export interface OutputStream {
  /** Hands on one chunk; waits while the file is behind. */
  readonly write: (chunk: Uint8Array) => Promise<void>;
  /** Ends the result; waits until the file is in place. */
  readonly end: () => Promise<void>;
  /** Gives up after `reason` (the producer's error): nothing is left at the path. */
  readonly abort: (reason: unknown) => Promise<void>;
}

/**
 * Opens `--out FILE` for a result produced in chunks (a report or table of XML dumps), through
 * `io.writeFile` like {@link writeOutput}, so the file appears whole or not at all.
 *
 * @param out - The `--out` path.
 * @param io - The injected files.
 * @returns The stream to write the result to.
 * @throws InputError when the file cannot be written (from `end` or `abort` when the write
 *   itself failed: that error is the one worth telling).
 * @example
 * ```ts
 * const file = streamOutput('revisions.parquet', io);
 * await file.write(bytes);
 * await file.end(); // renamed into place
 * ```
 */
export function streamOutput(out: string, io: CliIo): OutputStream {
  if (io.writeFile === undefined) throw new InputError(`${out}: cannot write files here`);
  const chunks = new PassThrough();
  // The reader gets the error (and fails the write); the stream itself need not throw it.
  chunks.on('error', () => undefined);
  const failed: Promise<unknown> = io
    .writeFile(out, chunks)
    .then(
      () => null,
      (error: unknown) => error,
    )
    .finally(() => chunks.destroy());
  return {
    // The callback comes once the reader has room: the producer waits for a slow disk.
    write: (chunk) =>
      new Promise((resolve, reject) =>
        chunks.write(chunk, (error) => (error ? reject(error) : resolve())),
      ),
    async end() {
      chunks.end();
      const error = await failed;
      if (error !== null) throw cannotWrite(out, error);
    },
    async abort(reason) {
      chunks.destroy(reason instanceof Error ? reason : new Error(String(reason)));
      const error = await failed;
      if (error !== null && error !== reason) throw cannotWrite(out, error);
    },
  };
}

/**
 * Where a result produced in chunks goes: `--out FILE` through {@link streamOutput}, or
 * standard output without one (decoded as UTF-8, escaped for the terminal when it is one).
 *
 * @param out - The `--out` value, if any (`-` is standard output).
 * @param io - The injected streams and files.
 * @returns The stream to write the result to (`end` and `abort` do nothing for standard output).
 * @throws InputError when the file cannot be written.
 * @example
 * ```ts
 * const output = chunkOutput(undefined, io);
 * await output.write(new TextEncoder().encode('page_id,…\r\n')); // printed on stdout
 * ```
 */
export function chunkOutput(out: string | undefined, io: CliIo): OutputStream {
  if (out !== undefined && out !== '-') return streamOutput(out, io);
  const decoder = new TextDecoder();
  return {
    write: async (chunk) => {
      const text = decoder.decode(chunk, { stream: true });
      io.stdout.write(io.stdoutIsTTY === true ? terminalText(text) : text);
    },
    end: async () => undefined,
    abort: async () => undefined,
  };
}
