/** What one feed entry says about its revision's parent: from the feed's order or its `oldid`. */
import type { FeedEntry, FeedKind } from '../model.js';

/** An entry's parent as the entry shows it. */
export type EntryParent =
  | { readonly kind: 'parent'; readonly parentId: number }
  | { readonly kind: 'first' }
  /** `oldid=0` or none on a recent-changes row: a creation unless an older revision is known. */
  | { readonly kind: 'weak-first' }
  /** A merged recent-changes item: a diff from `from` over `skipped` unshown revisions. */
  | { readonly kind: 'span'; readonly from: number; readonly skipped: number | null }
  | { readonly kind: 'unknown' };

const UNKNOWN: EntryParent = { kind: 'unknown' };

/**
 * The parent of a feed entry's revision. History feeds give it by their order (`historyParents`
 * from {@link historyFeedParents}); contributions feeds give none; the other kinds by the
 * `oldid` of the entry's link (or of its cut-off "Show changes" link).
 */
export function entryParent(
  feedKind: FeedKind,
  entry: FeedEntry,
  historyParents: ReadonlyMap<number, EntryParent> | null,
): EntryParent {
  if (feedKind === 'history') return historyParents?.get(entry.revisionId ?? -1) ?? UNKNOWN;
  if (feedKind === 'contributions') return UNKNOWN;
  const content = entry.content;
  const oldid =
    content.kind === 'cutoff'
      ? (urlOldid(content.url) ?? entry.parentRevisionId)
      : entry.parentRevisionId;
  if (typeof oldid === 'number') {
    if (
      content.kind === 'diff' &&
      (content.intermediateCount !== null || content.intermediateNote !== null)
    ) {
      // A merged recent-changes item: oldid is the older end of a diff over several
      // revisions (FORMAT.md §7.3); the revisions between are not shown, nor invented.
      return { kind: 'span', from: oldid, skipped: content.intermediateCount };
    }
    return { kind: 'parent', parentId: oldid };
  }
  if (oldid === null && content.kind === 'wikitext') return { kind: 'weak-first' };
  return UNKNOWN;
}

/**
 * Parents in a history feed: each entry's parent is the next older entry, except the oldest,
 * which is the page's first revision only when it shows the `New page` block (or a cut-off link
 * without `oldid`); otherwise the feed is truncated there (the default limit is 10) and the
 * parent is unknown. A cut-off link's own `oldid` is used when present.
 */
export function historyFeedParents(entries: readonly FeedEntry[]): Map<number, EntryParent> {
  const sorted = sortNewestFirst(entries);
  const parents = new Map<number, EntryParent>();
  const oldest = sorted[sorted.length - 1];
  const oldestIsCreation =
    oldest !== undefined &&
    (oldest.content.kind === 'wikitext' ||
      (oldest.content.kind === 'cutoff' && urlOldid(oldest.content.url) === null));
  sorted.forEach((entry, k) => {
    const id = entry.revisionId!;
    if (entry.content.kind === 'cutoff') {
      const oldid = urlOldid(entry.content.url);
      if (typeof oldid === 'number') {
        parents.set(id, { kind: 'parent', parentId: oldid });
        return;
      }
    }
    const next = sorted[k + 1];
    if (next === undefined) {
      parents.set(id, oldestIsCreation ? { kind: 'first' } : UNKNOWN);
    } else if (
      !oldestIsCreation &&
      oldest !== undefined &&
      entry.timestamp !== null &&
      entry.timestamp === oldest.timestamp
    ) {
      // Truncated feed: revisions past the limit may share this second and sit in between.
      parents.set(id, UNKNOWN);
    } else {
      parents.set(id, { kind: 'parent', parentId: next.revisionId! });
    }
  });
  return parents;
}

/**
 * History feeds are ordered by timestamp, newest first, and `oldid=prev` means the page's
 * previous revision (FORMAT.md §5, §7.2): sort by (timestamp, id) as MediaWiki does when it
 * looks up the previous revision.
 */
export function sortNewestFirst(entries: readonly FeedEntry[]): FeedEntry[] {
  return [...entries].sort((a, b) => {
    if (a.timestamp !== null && b.timestamp !== null && a.timestamp !== b.timestamp) {
      return a.timestamp < b.timestamp ? 1 : -1;
    }
    return (b.revisionId ?? 0) - (a.revisionId ?? 0);
  });
}

/** The `oldid` of a link: a number, `null` for a creation, `undefined` when the link tells nothing. */
function urlOldid(url: string): number | null | undefined {
  const match = /[?&]oldid=(\d+)/.exec(url);
  if (match?.[1] !== undefined) return Number(match[1]) === 0 ? null : Number(match[1]);
  // A "Show changes" link without oldid is a page creation (FORMAT.md §6.4).
  return /[?&]diff=\d+/.test(url) ? null : undefined;
}
