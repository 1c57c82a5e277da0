/**
 * A dump page's revisions in the core's model, held up to a byte limit: the one reading loop of
 * `historyFromDump` and `analyzeDumpPage` (which carries on one revision pair at a time past it).
 */
import type { Diagnostic, WikirevError } from '../errors.js';
import { limitExceeded } from '../limits.js';
import type { PageHistory, PageMove, Revision, RevisionGap } from '../model.js';
import { parseMoveComment } from '../revisions/page-moves.js';
import { detectReverts } from '../revisions/reverts.js';
import { parseAutocomments } from '../wikitext/comments.js';
import type { DumpPage, DumpRevision } from './dump-model.js';

/** A page's history read from a dump, with the page's id and namespace. */
export interface DumpPageHistory extends PageHistory {
  readonly pageId: number;
  readonly namespace: number;
  /**
   * The revisions' diagnostics (a text whose SHA-1 mismatches, a text skipped for size, an
   * `info` for each revision-deleted part).
   */
  readonly diagnostics: readonly Diagnostic[];
}

/** Whether a dump of this schema version writes `<parentid>` whenever there is one (0.7+). */
export const writesParents = (version: string | null): boolean => {
  const match = /^0\.(\d+)$/.exec(version ?? '');
  return match !== null && Number(match[1]) >= 7;
};

/** A dump revision as the core's `Revision` (no revert yet). */
export function toRevision(dumped: DumpRevision, parentsWritten: boolean): Revision {
  // A text that does not hash to the stored SHA-1 is not the stored text (MediaWiki exports
  // texts NFC-normalised): like a fetched one, it is unknown rather than wrong.
  const revision = dumped.diagnostics.some((d) => d.code === 'DUMP_SHA1_MISMATCH')
    ? { ...dumped, text: null }
    : dumped;
  return {
    id: revision.id,
    pageTitle: revision.pageTitle,
    parentId: revision.parentId,
    parentKnown: revision.parentId !== null || parentsWritten,
    timestamp: revision.timestamp,
    user: revision.user,
    comment: revision.comment,
    autocomments: revision.comment === null ? [] : parseAutocomments(revision.comment),
    text: revision.text,
    textOrigin: revision.text === null ? null : 'dump',
    sha1: revision.text === null ? null : revision.sha1,
    // A text left out (revision-deleted, a stub, skipped, mismatched) keeps its `bytes`: the size
    // MediaWiki records and its history shows, as the API's `size`.
    size: revision.size,
    sources: [],
    revert: null,
    minor: revision.minor,
  };
}

/**
 * The `info` diagnostics of a revision's revision-deleted parts (`deleted="deleted"`), the
 * codes and messages `--api` gives for them (`readApiRevision`).
 *
 * @example
 * ```ts
 * hiddenParts(revision).map((d) => d.code) // ['REVISION_TEXT_HIDDEN']
 * ```
 */
export function hiddenParts(revision: DumpRevision): Diagnostic[] {
  const { deleted, id: revisionId, pageTitle } = revision;
  if (!deleted.user && !deleted.comment && !deleted.text) return [];
  const parts = (['user', 'comment', 'text'] as const).filter((part) => deleted[part]);
  return parts.map((part) => ({
    severity: 'info',
    code: `REVISION_${part.toUpperCase()}_HIDDEN`,
    message: `revision ${revisionId} of "${pageTitle}": the ${part} is hidden (revision deletion)`,
    revisionId,
    pageTitle,
  }));
}

/** The gap before `revision` when its parent is not the revision before it in the dump. */
export function gapBefore(revision: Revision, before: Revision | undefined): RevisionGap | null {
  const expected = before?.id ?? null;
  return revision.parentKnown && revision.parentId !== expected
    ? { after: expected, before: revision.id, missing: null }
    : null;
}

/**
 * The move a revision's comment records when it moved this page here (the moved page's null
 * revision, FORMAT.md §11), as `buildHistory` reads it; `null` otherwise.
 */
export function moveTo(revision: Revision, title: string): PageMove | null {
  if (revision.comment === null || !revision.comment.includes(' moved ')) return null;
  const move = parseMoveComment(revision.comment, { knownTitles: [title] });
  if (move === null || move.to !== title) return null;
  return { ...move, timestamp: revision.timestamp, revisionId: revision.id };
}

/** A page whose texts fit the limit, or the revisions read before they went past it. */
export type DumpPageRevisions =
  | { readonly kind: 'held'; readonly history: DumpPageHistory }
  | {
      readonly kind: 'over';
      /** Revisions read, oldest first (the last one took the page past the limit). */
      readonly held: Revision[];
      readonly diagnostics: Diagnostic[];
      /** The page's unread revisions. */
      readonly rest: AsyncIterator<DumpRevision>;
      /** Bytes of text read so far. */
      readonly bytes: number;
    };

/** A page's history from its revisions, gaps and reverts found. */
export function pageHistory(
  page: DumpPage,
  revisions: readonly Revision[],
  diagnostics: readonly Diagnostic[],
): DumpPageHistory {
  const gaps: RevisionGap[] = [];
  const moves: PageMove[] = [];
  revisions.forEach((revision, i) => {
    const gap = gapBefore(revision, revisions[i - 1]);
    if (gap !== null) gaps.push(gap);
    const move = moveTo(revision, page.title);
    if (move !== null) moves.push(move);
  });
  const reverts = detectReverts(revisions);
  return {
    pageId: page.id,
    namespace: page.namespace,
    title: page.title,
    revisions: revisions.map((revision, i) => ({ ...revision, revert: reverts[i] ?? null })),
    moves,
    gaps,
    complete: gaps.length === 0 && revisions.every((r) => r.parentKnown),
    diagnostics,
  };
}

/**
 * Reads a page's revisions, holding them while their texts total at most `limit` bytes.
 *
 * @example
 * ```ts
 * const read = await readDumpPageRevisions(page, 1 << 30, true);
 * read.kind // 'held'
 * ```
 */
export async function readDumpPageRevisions(
  page: DumpPage,
  limit: number,
  parentsWritten: boolean,
): Promise<DumpPageRevisions> {
  const revisions: Revision[] = [];
  const diagnostics: Diagnostic[] = [];
  const iterator = page.revisions[Symbol.asyncIterator]();
  let bytes = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) break;
    const revision = next.value;
    bytes += revision.text === null ? 0 : (revision.size ?? 0);
    revisions.push(toRevision(revision, parentsWritten));
    for (const d of revision.diagnostics) diagnostics.push(d);
    for (const d of hiddenParts(revision)) diagnostics.push(d);
    if (bytes > limit) return { kind: 'over', held: revisions, diagnostics, rest: iterator, bytes };
  }
  return { kind: 'held', history: pageHistory(page, revisions, diagnostics) };
}

/** The `ENTRY_TOO_LARGE` error of a page past the hold limit. */
export const pageTooLarge = (title: string, bytes: number, limit: number): WikirevError =>
  limitExceeded(
    'ENTRY_TOO_LARGE',
    `the history of page "${title}"`,
    bytes,
    'maxHistoryBytes',
    limit,
  );
