/**
 * Fetched revisions as a feed, so that `buildHistory` merges them with real feeds without a
 * change to the core.
 */
import type { EntryContent, Feed, FeedEntry, Revision } from '../model.js';

/** Options of {@link revisionsToFeed}. */
export interface RevisionsToFeedOptions {
  /**
   * The wiki the revisions come from (e.g. the `api.php` URL): `buildHistory` refuses to merge
   * feeds of two different hosts, and only a feed with a URL takes part in that check.
   * @default null (merged with any feed)
   */
  readonly siteUrl?: string | null;
}

/**
 * Turns revisions (from `fetchRevisions`/`fetchContributions`) into a synthetic feed that
 * `buildHistory` reads like a recent-changes feed carrying full texts: each entry names its
 * revision, its parent as the `oldid` of a diff link (so parents are proven, gaps found), and
 * the whole text; hidden texts become `unavailable` entries. Entries are newest first, as
 * MediaWiki emits them.
 *
 * `buildHistory`'s `revisions` option takes fetched revisions directly and keeps more of what
 * they prove; prefer it. Through a feed, a page creation whose text is hidden keeps an unknown
 * parent and `complete` stays false (only a history feed proves a page's head). This function
 * stays for code that only passes feeds around.
 *
 * @param revisions - Revisions, in any order.
 * @param options - See {@link RevisionsToFeedOptions}.
 * @returns A feed of kind `recentchanges`, format `atom`, one entry per revision.
 * @example
 * ```ts
 * const feed = revisionsToFeed([{ id: 5, pageTitle: 'Sandbox', parentId: 4, parentKnown: true,
 *   timestamp: '2026-11-21T20:55:05Z', user: 'Alice', comment: 'x', autocomments: [],
 *   text: 'Hello', textOrigin: 'api', sha1: null, size: 5, sources: [], revert: null }]);
 * feed.entries[0].parentRevisionId // 4
 * ```
 */
export function revisionsToFeed(
  revisions: Iterable<Revision>,
  options: RevisionsToFeedOptions = {},
): Feed {
  const list = [...revisions].sort((a, b) => {
    if (a.timestamp !== null && b.timestamp !== null && a.timestamp !== b.timestamp) {
      return a.timestamp < b.timestamp ? 1 : -1;
    }
    return b.id - a.id;
  });
  const entries = list.map((r, index): FeedEntry => {
    const content: EntryContent =
      r.text === null
        ? { kind: 'unavailable', revisionId: r.id }
        : { kind: 'wikitext', text: r.text };
    return {
      index,
      revisionId: r.id,
      // A number is a proven parent; null with a full text is a page creation; 'prev' (no
      // number) leaves the parent unknown in a non-history feed.
      parentRevisionId: r.parentKnown ? r.parentId : 'prev',
      pageTitle: r.pageTitle,
      url: null,
      timestamp: r.timestamp,
      user: r.user,
      comment: r.comment,
      autocomments: r.autocomments,
      title: r.pageTitle,
      content,
    };
  });
  return {
    format: 'atom',
    kind: 'recentchanges',
    title: 'Revisions fetched through the MediaWiki Action API',
    siteUrl: options.siteUrl ?? null,
    selfUrl: null,
    language: null,
    generator: 'wikirev/fetch',
    updated: null,
    entries,
    diagnostics: [],
  };
}
