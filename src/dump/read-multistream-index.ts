/**
 * `readMultistreamIndex`: the index file of a Wikimedia multistream bzip2 dump
 * (`…-multistream-index.txt.bz2`): where each bzip2 stream starts and which pages it holds.
 */
import { type Bzip2Decoder, type DumpSource, openDumpSource } from './open-dump-source.js';

/** One line of a multistream index: the byte offset of the stream holding a page. */
export interface MultistreamIndexEntry {
  /** Byte offset of the bzip2 stream in the dump file. */
  readonly offset: number;
  readonly pageId: number;
  readonly title: string;
}

/** Options of {@link readMultistreamIndex}. */
export interface ReadMultistreamIndexOptions {
  /**
   * The bzip2 decoder for a compressed index.
   * @default 'auto'
   */
  readonly bzip2Decoder?: Bzip2Decoder;
}

/**
 * Reads a multistream index (`offset:pageId:title` lines, plain or bzip2-compressed) as it is
 * written: one entry per page, in the dump's order.
 *
 * @param source - The index file (path, URL or stream).
 * @param options - The bzip2 decoder.
 * @returns The entries; lines that are not `offset:id:title` are left out.
 * @example
 * ```ts
 * const index = await readMultistreamIndex('enwiki-20240601-pages-articles-multistream-index.txt.bz2');
 * index[0] // { offset: 597, pageId: 10, title: 'AccessibleComputing' }
 * ```
 */
export async function readMultistreamIndex(
  source: DumpSource,
  options: ReadMultistreamIndexOptions = {},
): Promise<readonly MultistreamIndexEntry[]> {
  const opened = await openDumpSource(source, {
    ...(options.bzip2Decoder === undefined ? {} : { bzip2Decoder: options.bzip2Decoder }),
  });
  const entries: MultistreamIndexEntry[] = [];
  const decoder = new TextDecoder();
  let rest = '';
  const take = (line: string) => {
    const match = /^(\d+):(\d+):(.*)$/.exec(line);
    if (match !== null) {
      entries.push({ offset: Number(match[1]), pageId: Number(match[2]), title: match[3]! });
    }
  };
  try {
    for (let next = await opened.chunks.next(); !next.done; next = await opened.chunks.next()) {
      const lines = (rest + decoder.decode(next.value, { stream: true })).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) take(line);
    }
    take(rest + decoder.decode());
  } finally {
    await opened.close();
  }
  return entries;
}
