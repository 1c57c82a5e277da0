/** Which revisions make up one page: those linked by a parent id or sharing a title. */
import type { RevisionClaims } from './claims.js';
import type { RevisionMeta } from './resolve-metadata.js';

/**
 * Group the revisions into pages, each oldest first (by timestamp, then id). Revisions linked
 * by a parent claim belong to one page whatever title a feed gave; revisions under one title
 * are one page too.
 */
export function groupPages(
  revisions: ReadonlyMap<number, RevisionClaims>,
  meta: ReadonlyMap<number, RevisionMeta>,
): number[][] {
  // Union-find over revision ids; titles get negative keys.
  const union = new Map<number, number>();
  const find = (id: number): number => {
    let root = id;
    while (union.get(root) !== undefined && union.get(root) !== root) root = union.get(root)!;
    // Path compression: feeds list pages newest first, which links long parent chains.
    for (let at = id; at !== root; ) {
      const next = union.get(at)!;
      union.set(at, root);
      at = next;
    }
    return root;
  };
  for (const revision of revisions.values()) union.set(revision.id, revision.id);
  for (const revision of revisions.values()) {
    for (const claim of revision.parents) {
      if (claim.parentId !== null && revisions.has(claim.parentId)) {
        union.set(find(revision.id), find(claim.parentId));
      }
    }
  }
  const titleKeys = new Map<string, number>();
  for (const revision of revisions.values()) {
    const title = meta.get(revision.id)!.title;
    if (title === null) continue;
    const key = titleKeys.get(title) ?? -1 - titleKeys.size;
    titleKeys.set(title, key);
    if (!union.has(key)) union.set(key, key);
    union.set(find(revision.id), find(key));
  }
  const groups = new Map<number, number[]>();
  for (const revision of revisions.values()) {
    const root = find(revision.id);
    const group = groups.get(root) ?? [];
    group.push(revision.id);
    groups.set(root, group);
  }
  return [...groups.values()].map((ids) => oldestFirst(ids, meta));
}

function oldestFirst(ids: number[], meta: ReadonlyMap<number, RevisionMeta>): number[] {
  return ids.sort((a, b) => {
    const ta = meta.get(a)!.timestamp;
    const tb = meta.get(b)!.timestamp;
    if (ta !== null && tb !== null && ta !== tb) return ta < tb ? -1 : 1;
    return a - b;
  });
}
