/**
 * `wikirev/dump` (Node only): the I/O edge for MediaWiki XML export dumps. Streams pages and
 * revisions from plain, gzip, bzip2 (multistream) and 7z dumps in flat memory, into the same
 * model as the pure core.
 * @packageDocumentation
 */

export type {
  DumpDeleted,
  DumpLogItem,
  DumpNamespace,
  DumpPage,
  DumpRevision,
  DumpSiteInfo,
  DumpSlot,
} from './dump/dump-model.js';
export type { DumpPageHistory, HistoryFromDumpOptions } from './dump/history-from-dump.js';
export { historyFromDump } from './dump/history-from-dump.js';
export type { Bzip2Decoder, DumpCompression, DumpSource } from './dump/open-dump-source.js';
export type { DumpReader, ReadDumpOptions } from './dump/read-dump.js';
export { readDump } from './dump/read-dump.js';
export type {
  MultistreamIndexEntry,
  ReadMultistreamIndexOptions,
} from './dump/read-multistream-index.js';
export { readMultistreamIndex } from './dump/read-multistream-index.js';
