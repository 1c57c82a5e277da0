/**
 * Where a command's result goes: standard output, or the `--out` file (never one of the inputs).
 */
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
    throw new InputError(
      `${out}: cannot write: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
