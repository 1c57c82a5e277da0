/**
 * Where a command's result goes: standard output, or the `--out` file.
 */
import { type CliIo, InputError } from './cli-io.js';

/**
 * Writes a command's result to `--out FILE`, or to standard output without one.
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
    io.stdout.write(text);
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
