/**
 * Revert detection over one page's revisions: identity reverts (same SHA-1 as a recent
 * revision) and the edit summaries MediaWiki writes for undo and rollback.
 */
import type { Revert } from '../model.js';

/** What {@link detectReverts} needs to know of each revision (a `Revision` has all of it). */
export interface RevertCandidate {
  readonly id: number;
  readonly parentId: number | null;
  readonly parentKnown: boolean;
  readonly user: string | null;
  readonly comment: string | null;
  readonly sha1: string | null;
}

/** Options of {@link detectReverts}. */
export interface DetectRevertsOptions {
  /**
   * How many earlier revisions an identity revert may reach back to; MediaWiki's
   * `$wgManualRevertSearchRadius` is 15.
   * @default 15
   */
  readonly identityRadius?: number;
  /**
   * Undo summaries, matched against the comment with wiki links reduced to their label (feeds
   * show comments that way). Group 1 must capture the undone revision id. The defaults are
   * MediaWiki's English `undo-summary` (`Undo revision N by [[Special:Contributions/U|U]]
   * ([[User talk:U|talk]])`) and its older form `Undid revision N by …`.
   * @default [/^(?:Undo|Undid) revision (\d+) by /]
   */
  readonly undoPatterns?: readonly RegExp[];
  /**
   * Rollback summaries, matched like `undoPatterns`. Group 1 captures the user whose edits were
   * reverted; where group 1 takes no part in the match, that user is hidden (revision-deleted)
   * and the rollback reverts the run of revisions whose user is `null`. Group 2, if present,
   * is the user whose revision was restored. The default reads MediaWiki's three English
   * forms: `revertpage` (`Reverted edits by [[Special:Contributions/U|U]] ([[User talk:U|talk]])
   * to last revision by V`, older wikis: `last version`), `revertpage-anon` (no talk link,
   * under `$wgDisableAnonTalk`) and `revertpage-nouser` (`Reverted edits by a hidden user to
   * last revision by V`, seen on the test wiki when the rolled-back edit's user was hidden).
   * @default [/^Reverted edits by (?:a hidden user|(.+?)(?: \(talk\))?) to last (?:revision|version) by (.+?)(?:$|: )/]
   */
  readonly rollbackPatterns?: readonly RegExp[];
}

const DEFAULT_UNDO: readonly RegExp[] = [/^(?:Undo|Undid) revision (\d+) by /];
const DEFAULT_ROLLBACK: readonly RegExp[] = [
  /^Reverted edits by (?:a hidden user|(.+?)(?: \(talk\))?) to last (?:revision|version) by (.+?)(?:$|: )/,
];

/**
 * Find the reverts among one page's revisions (oldest first).
 *
 * - `undo`/`rollback` come from the edit summary; `restores`/`reverted` are filled from the
 *   surrounding revisions where the feeds prove them. An undo of N reverts N and restores N's
 *   parent only where its SHA-1 equals the undo's: MediaWiki undoes an older revision by a
 *   three-way merge, whose text is no earlier revision's (`restores: null`). A rollback reverts
 *   the run of the named (or hidden) user's revisions just before it.
 * - `identity`: a revision whose SHA-1 equals that of one of the `identityRadius` revisions
 *   before its parent restores the newest such revision and reverts those between. It is only
 *   reported when the parent links between the two are all known (a missing revision could
 *   change the answer) and the parent's SHA-1 differs: a revision identical to its parent is a
 *   null revision (page move, protection: `truth` revisions 21 and 47), not a revert.
 *
 * @param revisions - One page's revisions, oldest first.
 * @param options - See {@link DetectRevertsOptions}.
 * @returns One entry per revision: its {@link Revert}, or `null`.
 * @example
 * ```ts
 * detectReverts([
 *   { id: 1, parentId: null, parentKnown: true, user: 'A', comment: '', sha1: 'aa' },
 *   { id: 2, parentId: 1, parentKnown: true, user: 'B', comment: 'spam', sha1: 'bb' },
 *   { id: 3, parentId: 2, parentKnown: true, user: 'A', comment: 'fix', sha1: 'aa' },
 * ]) // [null, null, { kind: 'identity', restores: 1, reverted: [2] }]
 * ```
 */
export function detectReverts(
  revisions: readonly RevertCandidate[],
  options: DetectRevertsOptions = {},
): readonly (Revert | null)[] {
  const radius = options.identityRadius ?? 15;
  if (!Number.isInteger(radius) || radius < 0) {
    throw new RangeError('detectReverts: identityRadius must be a non-negative integer');
  }
  const undoPatterns = options.undoPatterns ?? DEFAULT_UNDO;
  const rollbackPatterns = options.rollbackPatterns ?? DEFAULT_ROLLBACK;
  const indexById = new Map<number, number>();
  revisions.forEach((revision, index) => {
    indexById.set(revision.id, index);
  });
  return revisions.map((revision, index) => {
    const identity = identityRevert(revisions, index, radius);
    const comment = revision.comment === null ? null : stripLinks(revision.comment);
    if (comment !== null) {
      for (const pattern of undoPatterns) {
        const match = pattern.exec(comment);
        if (match === null) continue;
        const undone = Number(match[1]);
        if (!Number.isSafeInteger(undone)) continue;
        const undoneIndex = indexById.get(undone);
        const undoneRevision = undoneIndex === undefined ? undefined : revisions[undoneIndex];
        const parentId = undoneRevision?.parentKnown === true ? undoneRevision.parentId : null;
        const parentIndex = parentId === null ? undefined : indexById.get(parentId);
        const parentSha1 =
          parentIndex === undefined ? null : (revisions[parentIndex]?.sha1 ?? null);
        const exact = parentSha1 !== null && parentSha1 === revision.sha1;
        const restores = exact ? parentId : (identity?.restores ?? null);
        return { kind: 'undo', restores, reverted: [undone] };
      }
      for (const pattern of rollbackPatterns) {
        const match = pattern.exec(comment);
        if (match === null) continue;
        // No group 1: the rolled-back user is hidden, and so are their revisions' users.
        return rollback(revisions, index, match[1] ?? null, identity);
      }
    }
    return identity;
  });
}

/** MediaWiki's own link simplification for feeds: `[[A|b]]` → `b`, `[[A]]` → `A`. */
function stripLinks(comment: string): string {
  return comment.replace(/\[\[([^\]]*\|)?([^\]]+)\]\]/g, '$2');
}

/** True when revision `index`'s parent is proven to be revision `index - 1` of the list. */
function linked(revisions: readonly RevertCandidate[], index: number): boolean {
  const revision = revisions[index];
  const previous = revisions[index - 1];
  return (
    revision !== undefined &&
    previous !== undefined &&
    revision.parentKnown &&
    revision.parentId === previous.id
  );
}

function identityRevert(
  revisions: readonly RevertCandidate[],
  index: number,
  radius: number,
): Revert | null {
  const revision = revisions[index]!;
  const parent = revisions[index - 1];
  if (revision.sha1 === null || parent === undefined || !linked(revisions, index)) return null;
  if (parent.sha1 === null || parent.sha1 === revision.sha1) return null;
  for (let j = index - 2; j >= 0 && j >= index - 1 - radius; j--) {
    if (!linked(revisions, j + 1)) return null;
    const earlier = revisions[j]!;
    if (earlier.sha1 === revision.sha1) {
      return {
        kind: 'identity',
        restores: earlier.id,
        reverted: revisions.slice(j + 1, index).map((r) => r.id),
      };
    }
  }
  return null;
}

function rollback(
  revisions: readonly RevertCandidate[],
  index: number,
  revertedUser: string | null,
  identity: Revert | null,
): Revert {
  const reverted: number[] = [];
  let j = index - 1;
  // Walk back over the run of the rolled-back user's revisions, only across proven links.
  while (j >= 0 && linked(revisions, j + 1) && revisions[j]!.user === revertedUser) {
    reverted.unshift(revisions[j]!.id);
    j--;
  }
  const restored = j >= 0 && linked(revisions, j + 1) ? revisions[j]!.id : null;
  if (reverted.length === 0 && identity !== null) {
    return { kind: 'rollback', restores: identity.restores, reverted: identity.reverted };
  }
  return { kind: 'rollback', restores: restored ?? identity?.restores ?? null, reverted };
}
