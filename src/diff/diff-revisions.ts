/**
 * The line diff of two revisions, with what a diff header shows about each end.
 */
import type { Revision } from '../model.js';
import { type DiffTextOptions, diffText, type TextDiff } from './diff-text.js';

/** What a diff header shows about one end of a {@link RevisionDiff}. */
export interface RevisionSide {
  readonly id: number;
  readonly pageTitle: string;
  /** ISO 8601 UTC, or `null` where unknown. */
  readonly timestamp: string | null;
  readonly user: string | null;
  readonly comment: string | null;
}

/** A {@link TextDiff} between two revisions, with both revisions' header data. */
export interface RevisionDiff extends TextDiff {
  readonly older: RevisionSide;
  readonly newer: RevisionSide;
}

/** Options of {@link diffRevisions}: those of `diffText`. */
export interface DiffRevisionsOptions extends DiffTextOptions {}

function side(r: Revision): RevisionSide {
  return {
    id: r.id,
    pageTitle: r.pageTitle,
    timestamp: r.timestamp,
    user: r.user,
    comment: r.comment,
  };
}

/**
 * Compares the texts of two revisions (see `diffText`) and attaches their metadata.
 *
 * A revision whose text is `null` (revision-deleted, or not recoverable from the feeds) cannot
 * be compared: that is a caller's mistake to check for (`revision.text !== null`), so it throws
 * rather than inventing an empty text that would show the whole page as deleted.
 *
 * @param older - The older revision.
 * @param newer - The newer revision.
 * @param options - See `DiffTextOptions`.
 * @returns The diff, with `older` and `newer` header data; `formatUnifiedDiff` uses them.
 * @throws TypeError when either revision's `text` is `null`.
 * @example
 * ```ts
 * const d = diffRevisions(rev10, rev11);
 * // d.removed = 3, d.added = 0, d.older.id = 10, d.newer.user = 'Carol Smith'
 * ```
 */
export function diffRevisions(
  older: Revision,
  newer: Revision,
  options: DiffRevisionsOptions = {},
): RevisionDiff {
  if (older.text === null || newer.text === null) {
    const which = older.text === null ? older : newer;
    throw new TypeError(
      `diffRevisions: revision ${which.id} of "${which.pageTitle}" has no known text (text is null)`,
    );
  }
  return { ...diffText(older.text, newer.text, options), older: side(older), newer: side(newer) };
}
