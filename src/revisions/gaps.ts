/** Where a page's known revisions may be missing some: before the oldest and between neighbours. */
import type { Revision, RevisionGap } from '../model.js';
import type { SpanClaim } from './claims.js';

/**
 * Gaps: before the oldest revision unless it is proven to be the page's first, and between
 * two neighbours unless the newer one's parent is proven to be the older one. A merged
 * recent-changes item spanning exactly two neighbours says how many are missing.
 */
export function findGaps(
  revisions: readonly Revision[],
  spans: ReadonlyMap<string, SpanClaim>,
): RevisionGap[] {
  const gaps: RevisionGap[] = [];
  revisions.forEach((revision, i) => {
    const previous = revisions[i - 1];
    if (previous === undefined) {
      if (!(revision.parentKnown && revision.parentId === null)) {
        gaps.push({ after: null, before: revision.id, missing: null });
      }
      return;
    }
    if (revision.parentKnown && revision.parentId === previous.id) return;
    const span = spans.get(spanKey(previous.id, revision.id));
    gaps.push({ after: previous.id, before: revision.id, missing: span?.skipped ?? null });
  });
  return gaps;
}

/** The spans by their ends, the first claim for each pair kept (as a search in order would). */
export function spansByEnds(spans: readonly SpanClaim[]): Map<string, SpanClaim> {
  const byEnds = new Map<string, SpanClaim>();
  for (const span of spans) {
    const key = spanKey(span.from, span.to);
    if (!byEnds.has(key)) byEnds.set(key, span);
  }
  return byEnds;
}

function spanKey(from: number, to: number): string {
  return `${from}>${to}`;
}
