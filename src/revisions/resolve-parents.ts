/** Each revision's parent, decided by the most authoritative claim. */
import type { Diagnostic } from '../errors.js';
import { byParentAuthority } from './authority.js';
import type { ParentClaim, RevisionClaims } from './claims.js';
import type { SourceNamer } from './source-names.js';

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
 * holds only for a page's oldest known revision; otherwise the parent is unknown. Parents that
 * make a cycle are then cut (see {@link cutCycles}); a parent newer than its child (by
 * `timestamps`) outside a cycle is kept with a `HISTORY_PARENT_NEWER`.
 */
export function resolveParents(
  pages: readonly (readonly number[])[],
  revisions: ReadonlyMap<number, RevisionClaims>,
  timestamps: (id: number) => string | null,
  names: SourceNamer,
): ResolvedParents {
  const parents = new Map<number, ResolvedParent>();
  /** The claim each known parent was taken from, to name it if it turns out false. */
  const taken = new Map<number, ParentClaim>();
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
          message: `revision ${id}: parent ${first.parentId ?? 'none'} in ${names.source(first.source)} but ${other.parentId ?? 'none'} in ${names.source(other.source)}; the first was kept`,
          revisionId: id,
        });
      }
      parents.set(id, { parentId: first.parentId, known: true });
      taken.set(id, first);
    });
  }
  for (const ids of pages) cutCycles(ids, parents, taken, diagnostics, names);
  for (const [id, parent] of parents) {
    if (parent.parentId === null) continue;
    const [child, older] = [timestamps(id), timestamps(parent.parentId)];
    // ISO 8601 UTC strings of four-digit years compare as their times do.
    if (child === null || older === null || older <= child) continue;
    // Kept: imports (Special:Import) write such links, so the times may be what is wrong.
    diagnostics.push({
      severity: 'warning',
      code: 'HISTORY_PARENT_NEWER',
      message: `revision ${id} (${child}) has as parent ${parent.parentId}, which is newer (${older}), in ${names.source(taken.get(id)!.source)}; the parent was kept`,
      revisionId: id,
    });
  }
  return { parents, diagnostics };
}

/**
 * Parent links go back in time, so they cannot form a cycle; where the claims make one (a
 * revision that is its own parent, or revisions that are each other's), each parent in it
 * that is not older than its child on the page (`ids`, oldest first) is false: it becomes
 * unknown, with a `HISTORY_PARENT_CYCLE`. Linear: each revision is walked from once.
 */
function cutCycles(
  ids: readonly number[],
  parents: Map<number, ResolvedParent>,
  taken: ReadonlyMap<number, ParentClaim>,
  diagnostics: Diagnostic[],
  names: SourceNamer,
): void {
  const position = new Map(ids.map((id, i) => [id, i]));
  const visited = new Map<number, 'on-path' | 'done'>();
  for (const start of ids) {
    const path: number[] = [];
    let at: number | null = start;
    while (at !== null && visited.get(at) === undefined) {
      visited.set(at, 'on-path');
      path.push(at);
      const parent = parents.get(at);
      at = parent?.known === true && position.has(parent.parentId ?? NaN) ? parent.parentId : null;
    }
    const cycle = at !== null && visited.get(at) === 'on-path' ? path.slice(path.indexOf(at)) : [];
    for (const id of path) visited.set(id, 'done');
    for (const [k, child] of cycle.entries()) {
      const parentId = cycle[(k + 1) % cycle.length]!;
      if (position.get(parentId)! < position.get(child)!) continue;
      parents.set(child, UNKNOWN);
      const around = [...cycle.slice(k), ...cycle.slice(0, k), child].join(' → ');
      const claim = names.source(taken.get(child)!.source);
      diagnostics.push({
        severity: 'warning',
        code: 'HISTORY_PARENT_CYCLE',
        message:
          cycle.length === 1
            ? `revision ${child} is its own parent in ${claim}; its parent was left unknown`
            : `revisions ${around} are each other's parents (the parent of ${child} is ${parentId} in ${claim}, which is not older); the parent of ${child} was left unknown`,
        revisionId: child,
      });
    }
  }
}
