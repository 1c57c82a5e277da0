/**
 * A file's bytes in chunks read into two buffers used in turn, the next read under way while
 * the caller scans the last. Node's read streams allocate every chunk anew, and the page faults
 * on that fresh memory cost several times the copy itself, on a helper thread a second worker
 * needs (docs/17-scaling.md).
 */
import type { FileHandle } from 'node:fs/promises';

const CHUNK = 1 << 20;

/**
 * Reads `handle` from `start` to `end` (or its end). A chunk is valid only until the next one
 * is asked for: the caller copies what it keeps (the dump scanner does, `ScanHandler.release`).
 *
 * @param read - told the bytes of each chunk as it is yielded (progress)
 * @example
 * ```ts
 * const handle = await open('pages.xml', 'r');
 * for await (const chunk of readFileChunks(handle, 0, Number.POSITIVE_INFINITY)) scanner.push(chunk);
 * ```
 */
export async function* readFileChunks(
  handle: FileHandle,
  start: number,
  end: number,
  read?: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  const buffers = [Buffer.allocUnsafeSlow(CHUNK), Buffer.allocUnsafeSlow(CHUNK)] as const;
  let at = start;
  const fill = (buffer: Buffer): Promise<number> => {
    if (at >= end) return Promise.resolve(0);
    const reading = handle.read(buffer, 0, Math.min(CHUNK, end - at), at).then((r) => r.bytesRead);
    // Handled here too: a consumer that stops early leaves the read ahead unawaited.
    reading.catch(() => undefined);
    return reading;
  };
  let which = 0;
  let pending = fill(buffers[0]);
  for (;;) {
    const bytes = await pending;
    if (bytes === 0) return;
    at += bytes;
    const chunk = buffers[which]!.subarray(0, bytes);
    which ^= 1;
    // The other buffer's chunk was released when this one was asked for.
    pending = fill(buffers[which]!);
    read?.(bytes);
    yield chunk;
  }
}
