/**
 * A stream read whole, counted as it arrives: the one reader of bodies (HTTP answers, and the
 * CLI's standard input and files), so that none of them is ever held past its byte limit.
 */
import type { ByteBudget } from '../limits.js';

/**
 * Reads `chunks` into one byte array, counting each chunk against `budget` before keeping it;
 * past the limit the budget's `WikirevError` is thrown and the stream is left (`return()`).
 *
 * @param chunks - The stream.
 * @param budget - The limit (`maxInputBytes`).
 * @returns The bytes.
 * @throws WikirevError `INPUT_TOO_LARGE` (or the budget's code).
 * @example
 * ```ts
 * await readCounted(file, new ByteBudget('maxInputBytes', 1024, 'the input')) // Uint8Array(…)
 * ```
 */
export async function readCounted(
  chunks: AsyncIterable<Uint8Array>,
  budget: ByteBudget,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const start = budget.used;
  for await (const chunk of chunks) {
    budget.add(chunk.byteLength);
    parts.push(chunk);
  }
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const bytes = new Uint8Array(budget.used - start);
  let at = 0;
  for (const part of parts.splice(0)) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}
