/**
 * `historyFromDump`: one `PageHistory` per dump page, in the model the pure core works on, so
 * `diffRevisions`, `compareSections`, `analyzeHistory` and `renderReport` take dumps unchanged.
 */
import { limitOption } from '../limits.js';
import {
  type DumpPageHistory,
  pageTooLarge,
  readDumpPageRevisions,
  writesParents,
} from './dump-page-revisions.js';
import type { DumpSource } from './open-dump-source.js';
import { type DumpReader, type ReadDumpOptions, readDump } from './read-dump.js';

export type { DumpPageHistory } from './dump-page-revisions.js';

/** Options of {@link historyFromDump}: those of `readDump`, and a memory bound per page. */
export interface HistoryFromDumpOptions extends ReadDumpOptions {
  /**
   * Bytes of revision texts one page's history may hold; a page past it is a `WikirevError`
   * `ENTRY_TOO_LARGE` (analyse such a page with `analyzeDumpPage`, one revision pair at a time).
   * @default DEFAULT_LIMITS.maxHistoryBytes (1 GiB)
   */
  readonly maxHistoryBytes?: number;
}

/** `source` as a reader: a {@link DumpReader} is taken as it is. */
export const toReader = (source: DumpSource | DumpReader, options: ReadDumpOptions): DumpReader =>
  typeof source === 'object' && source !== null && 'logItems' in source && 'siteinfo' in source
    ? source
    : readDump(source, options);

/**
 * Reads a dump page by page into `PageHistory` values: revisions oldest first as the dump
 * holds them, reverts detected, gaps where a revision's parent is not the one before it
 * (a `--current` dump, a partial export). A page's history is held whole, up to
 * `maxHistoryBytes` of text.
 *
 * @param source - A dump (path, URL, stream) or a {@link DumpReader} not iterated yet.
 * @param options - `readDump`'s options, and `maxHistoryBytes`.
 * @returns Page histories, lazily, one page at a time.
 * @example
 * ```ts
 * import { analyzeHistory, renderReport } from 'wikirev';
 * import { historyFromDump } from 'wikirev/dump';
 * for await (const page of historyFromDump('pages-meta-history.xml.bz2')) {
 *   const report = analyzeHistory({ pages: [page], diagnostics: [] });
 *   console.log(renderReport(report, { format: 'markdown' }));
 * }
 * ```
 */
export async function* historyFromDump(
  source: DumpSource | DumpReader,
  options: HistoryFromDumpOptions = {},
): AsyncGenerator<DumpPageHistory> {
  const limit = limitOption('historyFromDump', 'maxHistoryBytes', options.maxHistoryBytes);
  const reader = toReader(source, options);
  const parentsWritten = writesParents((await reader.siteinfo()).schemaVersion);
  for await (const page of reader) {
    const read = await readDumpPageRevisions(page, limit, parentsWritten);
    if (read.kind === 'over') {
      throw pageTooLarge(page.title, read.bytes, limit);
    }
    yield read.history;
  }
}
