/**
 * `blame`: who wrote each token of a revision, from the page's history (WikiWho's attribution,
 * see create-authorship.ts).
 */
import {
  type AuthorshipInput,
  type AuthorshipOptions,
  type Blame,
  createAuthorship,
} from './create-authorship.js';

/** Options of {@link blame}. */
export interface BlameOptions extends AuthorshipOptions {
  /**
   * The revision to blame; the revisions after it are not read.
   * @default the last revision with a text
   */
  readonly revisionId?: number;
}

/**
 * Attributes every token of a revision's text to the revision (and user) that first wrote it,
 * with the revisions that deleted it and put it back. Revisions are read oldest first; those
 * with `text: null` (hidden) are skipped.
 *
 * @param revisions - The page's revisions, oldest first (`Revision`s, dump revisions or plain
 *   `{ id, text, user?, timestamp? }` objects).
 * @param options - See {@link BlameOptions}.
 * @returns The blame of the last revision with a text (or of `options.revisionId`); `null` when
 *   there is none.
 * @throws RangeError when `options.revisionId` is not among the revisions with a text.
 * @example
 * ```ts
 * const result = blame([
 *   { id: 1, user: 'Ann', text: 'Rivers flow.' },
 *   { id: 2, user: 'Bob', text: 'Rivers flow. Seas do not.' },
 * ])!;
 * result.tokens.map((t) => [result.text.slice(t.start, t.end), t.originUser])
 * // [['Rivers', 'Ann'], ['flow', 'Ann'], ['.', 'Ann'],
 * //  ['Seas', 'Bob'], ['do', 'Bob'], ['not', 'Bob'], ['.', 'Bob']]
 * ```
 */
export function blame(
  revisions: Iterable<AuthorshipInput>,
  options: BlameOptions = {},
): Blame | null {
  const tracker = createAuthorship(options);
  const target = options.revisionId;
  for (const revision of revisions) {
    const stats = tracker.add(revision);
    if (target !== undefined && revision.id === target) {
      if (stats.kind === 'hidden') {
        throw new RangeError(`blame: revision ${target} has no text (hidden)`);
      }
      return tracker.blame();
    }
  }
  if (target !== undefined) throw new RangeError(`blame: no revision ${target}`);
  return tracker.blame();
}
