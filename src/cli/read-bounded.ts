/**
 * An input read whole, but counted as it arrives: past `--max-input-bytes` the reading stops
 * (the stream is left, so a file or pipe is closed) and nothing more is held.
 */
import { WikirevError } from '../errors.js';
import { readCounted } from '../fetch/read-counted.js';
import { ByteBudget } from '../limits.js';
import { InputError } from './cli-io.js';

/**
 * Reads `chunks` into one byte array, stopping with an {@link InputError} at `limit` bytes.
 *
 * @param chunks - The stream (standard input, a file).
 * @param limit - `--max-input-bytes`.
 * @returns The bytes.
 * @throws InputError `the input (at least N bytes) exceeds maxInputBytes (L); …`.
 * @example
 * ```ts
 * await readBounded(createReadStream('feed.xml'), 268435456) // Uint8Array(41213)
 * ```
 */
export async function readBounded(
  chunks: AsyncIterable<Uint8Array>,
  limit: number,
): Promise<Uint8Array> {
  try {
    return await readCounted(chunks, new ByteBudget('maxInputBytes', limit, 'the input'));
  } catch (error) {
    if (error instanceof WikirevError) {
      throw new InputError(`${error.message}; use --max-input-bytes to allow more`);
    }
    throw error;
  }
}
