/** From parsed feeds and API revisions to each page's history, in seven named steps (docs/13-architecture.md). */
import { limitOption } from '../limits.js';
import type { Feed, History, Revision, RevisionSource } from '../model.js';
import { assemblePage, type Decided } from './assemble-page.js';
import { collectClaims } from './collect-claims.js';
import { spansByEnds } from './gaps.js';
import { groupPages } from './group-pages.js';
import { resolveMetadata } from './resolve-metadata.js';
import { movesByTarget, resolveMoves } from './resolve-moves.js';
import { resolveParents } from './resolve-parents.js';
import { resolveTexts } from './resolve-texts.js';
import type { DetectRevertsOptions } from './reverts.js';
import { type SourceNames, sourceNamer } from './source-names.js';
import { type NormalizeTitleOptions, normalizeTitle } from './titles.js';

/** Options of {@link buildHistory}. */
export interface BuildHistoryOptions {
  /**
   * How page titles are normalised before pages are compared (`$wgCapitalLinks`, namespace
   * names).
   * @default {} (first letter uppercased, English namespace names)
   */
  readonly titles?: NormalizeTitleOptions;
  /**
   * Revert detection: SHA-1 search radius and the undo/rollback summary patterns.
   * @default {} (radius 15, MediaWiki's English summaries)
   */
  readonly reverts?: DetectRevertsOptions;
  /**
   * Revisions read from MediaWiki's Action API (`fetchRevisions`, `fetchContributions` of
   * `wikirev/fetch`), merged with the feeds as the most authoritative source: their time,
   * user and comment win, their parents are proven (`parentKnown` with `parentId: null` is a
   * page creation, even when the text is hidden), their texts (checked against the API's
   * SHA-1) win over feed texts (a disagreement is a `HISTORY_TEXT_CONFLICT` naming both), and
   * their titles are the pages' current titles. A revision whose `parentKnown` is false, or
   * whose `text` is `null` (hidden), proves nothing about that field. Their
   * {@link RevisionSource} has `feedKind: 'api'`, `feedIndex: -1` and `entryIndex` = the index
   * in this array. Only `id`, `pageTitle`, `parentId`, `parentKnown`, `timestamp`, `user`,
   * `comment`, `autocomments`, `text`, `minor` and `bot` are read, and `size` where `text` is
   * `null` (a hidden text's recorded size); `sha1`, `size` of a known text and `revert` are
   * recomputed.
   * @default [] (feeds only)
   * @example
   * ```ts
   * const revisions = [];
   * for await (const r of fetchRevisions({ api, title: 'Sandbox' })) revisions.push(r);
   * const history = buildHistory([], { revisions, revisionsIncludeNewest: true });
   * history.pages[0].complete // true: a creation, an unbroken chain, the newest fetched
   * ```
   */
  readonly revisions?: readonly Revision[];
  /**
   * Whether `revisions` holds the newest revision of its pages (as of when they were fetched):
   * `true` for all of them, or the titles of those pages. This is what a whole-page
   * `fetchRevisions` without `to`, `until` or `limit` gives (`from`/`since` only cut the old
   * end), never `fetchContributions` (another user may have edited since). A page is then
   * `complete` when its newest known revision is one of `revisions` and the parents link every
   * revision back to a creation without a gap; a newer revision from a feed is proven newest
   * only by a history feed. The chain is always checked: this flag proves the head only.
   * @default false (only a history feed's newest entry proves a page's newest revision)
   */
  readonly revisionsIncludeNewest?: boolean | readonly string[];
  /**
   * The wiki `revisions` come from (its `api.php` URL): feeds of another host are then left out
   * with `HISTORY_MIXED_WIKIS`, since revision ids of two wikis cannot be merged.
   * @default null (the first feed with a URL decides, as without `revisions`)
   */
  readonly revisionsSiteUrl?: string | null;
  /**
   * Bytes of the texts built from diff tables, kept or only checked against a known text,
   * counted as two per UTF-16 code unit (what a JavaScript string may take in memory). A diff table of a few bytes can stand for a whole page, so without a bound a feed
   * of many small tables over one large text could make the history far larger than itself;
   * past the limit the remaining tables are not applied, their texts stay `null`, and a
   * `HISTORY_TEXT_BUDGET` diagnostic says how many. `Infinity` for no limit.
   * @default 1073741824 (1 GiB, `DEFAULT_LIMITS.maxHistoryTextBytes`)
   */
  readonly maxHistoryTextBytes?: number;
  /**
   * How diagnostics name the sources: a program with inputs of its own (files, URLs, dumps)
   * passes their names, so that messages point at them instead of at positions.
   * @default {} (`feed 2 (history) entry 4`, `the API revisions (options.revisions[5])`)
   * @example
   * ```ts
   * buildHistory([a, b], { sourceNames: { feeds: ['a.xml', 'b.xml'] } }).diagnostics[0].message
   * // 'revision 7: parent 6 in a.xml (history) entry 0 but 5 in b.xml (history) entry 3; …'
   * ```
   */
  readonly sourceNames?: SourceNames;
}

/**
 * Build each page's revision history from any mix of MediaWiki feeds.
 *
 * Feeds may overlap and come in any order; the same revision seen in several feeds becomes one
 * {@link Revision}. Texts come from full-text entries (contributions, `New page` blocks) and
 * from diff tables applied forward from a known parent or backward from a known child, every
 * shown line checked; what cannot be known stays `null`. Revisions fetched from the Action API
 * (`options.revisions`) merge in as the most authoritative source. Problems (two wikis,
 * conflicting texts, diffs that do not apply, a history feed of a missing page) become
 * diagnostics.
 *
 * @param feeds - One parsed feed or several (from `parseFeed`).
 * @param options - See {@link BuildHistoryOptions}.
 * @returns The pages (sorted by title), each with its revisions oldest first, and diagnostics.
 * @example
 * ```ts
 * const history = buildHistory(parseFeed(xml)); // xml: a user's contributions feed
 * history.pages[0].title // 'Containers/Mini-summit 2008'
 * history.pages[0].revisions.map((r) => r.id) // [6196, 6197, 6198, 6199, 6200]
 * history.pages[0].revisions[0].parentKnown // false: contributions feeds give no parents
 * ```
 */
export function buildHistory(
  feeds: Feed | readonly Feed[],
  options: BuildHistoryOptions = {},
): History {
  const list = checkFeeds(feeds);
  const given = checkRevisions(options.revisions);
  const names = sourceNamer(options.sourceNames);
  const titleOptions = options.titles ?? {};
  const norm = (title: string) => normalizeTitle(title, titleOptions);
  const newest = options.revisionsIncludeNewest ?? false;
  const newestTitles = typeof newest === 'boolean' ? null : new Set(newest.map(norm));
  // 1. What every feed entry and API revision claims, per revision.
  const claims = collectClaims({
    feeds: list,
    revisions: given,
    revisionsSiteUrl: options.revisionsSiteUrl ?? null,
    norm,
    isNewest: (title) => newest === true || newestTitles?.has(title) === true,
    names,
  });
  // 2. Page moves, read once every title is known.
  const moves = resolveMoves(claims, titleOptions);
  // 3. Each revision's time, user, comment and current title.
  const metadata = resolveMetadata(claims.revisions, moves.moves, names);
  // 4. Pages: revisions linked by parents or sharing a title, oldest first.
  const pageIds = groupPages(claims.revisions, metadata.meta);
  // 5. Each revision's parent; cycles cut.
  const parents = resolveParents(
    pageIds,
    claims.revisions,
    (id) => metadata.meta.get(id)?.timestamp ?? null,
    names,
  );
  // 6. Texts: full texts, then diff tables across the parent links that won.
  const maxTextBytes = limitOption(
    'buildHistory',
    'maxHistoryTextBytes',
    options.maxHistoryTextBytes,
  );
  const texts = resolveTexts(claims.revisions, claims.diffs, parents.parents, maxTextBytes, names);
  // 7. Each page: revisions with reverts, moves, gaps, completeness.
  const decided: Decided = {
    claims,
    meta: metadata.meta,
    parents: parents.parents,
    texts: texts.texts,
    moves: movesByTarget(moves.moves),
    spans: spansByEnds(claims.spans),
    reverts: options.reverts ?? {},
  };
  const pages = pageIds.map((ids) => assemblePage(ids, decided));
  pages.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  const diagnostics = [
    ...claims.diagnostics,
    ...moves.diagnostics,
    ...metadata.diagnostics,
    ...parents.diagnostics,
    ...texts.diagnostics,
  ];
  return { pages, diagnostics };
}

function checkFeeds(feeds: Feed | readonly Feed[]): readonly Feed[] {
  const list: readonly Feed[] = Array.isArray(feeds) ? feeds : [feeds as Feed];
  for (const [index, feed] of list.entries()) {
    if (typeof feed !== 'object' || feed === null || !Array.isArray(feed.entries)) {
      throw new TypeError(`buildHistory: feeds[${index}] is not a parsed Feed`);
    }
  }
  return list;
}

function checkRevisions(given: readonly Revision[] | undefined): readonly Revision[] {
  if (given === undefined || given === null) return [];
  if (!Array.isArray(given)) {
    throw new TypeError('buildHistory: options.revisions must be an array of revisions');
  }
  for (const [index, revision] of given.entries()) {
    if (
      typeof revision !== 'object' ||
      revision === null ||
      !Number.isInteger(revision.id) ||
      typeof revision.pageTitle !== 'string'
    ) {
      throw new TypeError(`buildHistory: options.revisions[${index}] is not a Revision`);
    }
  }
  return given;
}
