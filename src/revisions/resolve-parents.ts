/** Each revision's parent, decided by the most authoritative claim. */
import type { Diagnostic } from '../errors.js';
import { byParentAuthority, describeSource } from './authority.js';
import type { RevisionClaims } from './claims.js';

/** A decided parent: `parentId: null` with `known` is a page creation. */
export interface ResolvedParent {
  readonly parentId: number | null;
  readonly known: boolean;
}

/** The parents of every revision, and the disagreements between sources. */
export interface ResolvedParents {
  readonly parents: ReadonlyMap<number, ResolvedParent>;
  readonly diagnostics: readonly Diagnostic[];
}

const UNKNOWN: ResolvedParent = { parentId: null, known: false };

/**
 * Decide the parent of every revision of `pages` (each oldest first). A strong claim wins by
 * authority (a disagreement is a `HISTORY_PARENT_CONFLICT`); a weak "first revision" claim
 * holds only for a page's oldest known revision; otherwise the parent is unknown.
 */
export function resolveParents(
  pages: readonly (readonly number[])[],
  revisions: ReadonlyMap<number, RevisionClaims>,
): ResolvedParents {
  const parents = new Map<number, ResolvedParent>();
  const diagnostics: Diagnostic[] = [];
  for (const ids of pages) {
    ids.forEach((id, position) => {
      const claims = revisions.get(id)!.parents;
      const strong = byParentAuthority(claims.filter((c) => !c.weak));
      const first = strong[0];
      if (first === undefined) {
        const creation = position === 0 && claims.some((c) => c.weak);
        parents.set(id, creation ? { parentId: null, known: true } : UNKNOWN);
        return;
      }
      const other = strong.find((c) => c.parentId !== first.parentId);
      if (other !== undefined) {
        diagnostics.push({
          severity: 'warning',
          code: 'HISTORY_PARENT_CONFLICT',
          message: `revision ${id}: parent ${first.parentId ?? 'none'} in ${describeSource(first.source)} but ${other.parentId ?? 'none'} in ${describeSource(other.source)}; the first was kept`,
          revisionId: id,
        });
      }
      parents.set(id, { parentId: first.parentId, known: true });
    });
  }
  return { parents, diagnostics };
}
