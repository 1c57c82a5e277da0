/**
 * `historyFromDump`: one `PageHistory` per dump page, in the model the pure core works on, so
 * `diffRevisions`, `compareSections`, `analyzeHistory` and `renderReport` take dumps unchanged.
 */
import type { Diagnostic } from '../errors.js';
import { limitExceeded, limitOption } from '../limits.js';
import type { PageHistory, Revision, RevisionGap } from '../model.js';
import { detectReverts } from '../revisions/reverts.js';
import { parseAutocomments } from '../wikitext/comments.js';
import type { DumpRevision } from './dump-model.js';
import type { DumpSource } from './open-dump-source.js';
import { type DumpReader, type ReadDumpOptions, readDump } from './read-dump.js';

/** Options of {@link historyFromDump}: those of `readDump`, and a memory bound per page. */
export interface HistoryFromDumpOptions extends ReadDumpOptions {
  /**
   * Bytes of revision texts one page's history may hold; a page past it is a `WikirevError`
   * `ENTRY_TOO_LARGE` (read such a page with `readDump`, one revision at a time).
   * @default DEFAULT_LIMITS.maxHistoryBytes (1 GiB)
   */
  readonly maxHistoryBytes?: number;
}

/** A page's history read from a dump, with the page's id and namespace. */
export interface DumpPageHistory extends PageHistory {
  readonly pageId: number;
  readonly namespace: number;
  /** The revisions' diagnostics (a text whose SHA-1 mismatches, a text skipped for size). */
  readonly diagnostics: readonly Diagnostic[];
}

function toRevision(dumped: DumpRevision, parentsWritten: boolean): Revision {
  // A text that does not hash to the stored SHA-1 is not the stored text (MediaWiki exports
  // texts NFC-normalised): like a fetched one, it is unknown rather than wrong.
  const revision = dumped.diagnostics.some((d) => d.code === 'DUMP_SHA1_MISMATCH')
    ? { ...dumped, text: null }
    : dumped;
  const known = revision.text !== null;
  return {
    id: revision.id,
    pageTitle: revision.pageTitle,
    parentId: revision.parentId,
    // Schemas 0.7 and later write <parentid> whenever there is one.
    parentKnown: revision.parentId !== null || parentsWritten,
    timestamp: revision.timestamp,
    user: revision.user,
    comment: revision.comment,
    autocomments: revision.comment === null ? [] : parseAutocomments(revision.comment),
    text: revision.text,
    textOrigin: revision.text === null ? null : 'dump',
    sha1: known ? revision.sha1 : null,
    size: known ? revision.size : null,
    sources: [],
    revert: null,
    minor: revision.minor,
  };
}

const schemaAtLeast = (version: string | null, minor: number) => {
  const match = /^0\.(\d+)$/.exec(version ?? '');
  return match !== null && Number(match[1]) >= minor;
};

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
  const reader =
    typeof source === 'object' && source !== null && 'logItems' in source && 'siteinfo' in source
      ? source
      : readDump(source, options);
  const parentsWritten = schemaAtLeast((await reader.siteinfo()).schemaVersion, 7);
  for await (const page of reader) {
    const revisions: Revision[] = [];
    const diagnostics: Diagnostic[] = [];
    let bytes = 0;
    for await (const revision of page.revisions) {
      bytes += revision.text === null ? 0 : (revision.size ?? 0);
      if (bytes > limit) {
        throw limitExceeded(
          'ENTRY_TOO_LARGE',
          `the history of page "${page.title}"`,
          bytes,
          'maxHistoryBytes',
          limit,
        );
      }
      revisions.push(toRevision(revision, parentsWritten));
      diagnostics.push(...revision.diagnostics);
    }
    const gaps: RevisionGap[] = [];
    revisions.forEach((revision, i) => {
      const before = revisions[i - 1];
      const expected = before?.id ?? null;
      if (revision.parentKnown && revision.parentId !== expected) {
        gaps.push({ after: expected, before: revision.id, missing: null });
      }
    });
    const reverts = detectReverts(revisions);
    yield {
      pageId: page.id,
      namespace: page.namespace,
      title: page.title,
      revisions: revisions.map((revision, i) => ({ ...revision, revert: reverts[i] ?? null })),
      moves: [],
      gaps,
      complete: gaps.length === 0 && revisions.every((r) => r.parentKnown),
      diagnostics,
    };
  }
}
