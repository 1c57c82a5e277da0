/**
 * From parsed feeds to each page's revisions: merging, parents, texts (full and reconstructed
 * through diff tables), page moves, reverts, gaps. See docs/03-history.md.
 */
import type { Diagnostic } from '../errors.js';
import type {
  DiffTableHunk,
  Feed,
  FeedEntry,
  FeedKind,
  History,
  PageHistory,
  PageMove,
  Revision,
  RevisionGap,
  RevisionSource,
} from '../model.js';
import { applyDiffTable } from './apply-diff-table.js';
import { parseMoveComment } from './page-moves.js';
import { type DetectRevertsOptions, detectReverts } from './reverts.js';
import { sha1Hex } from './sha1.js';
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
   * `comment`, `autocomments` and `text` are read (`sha1`, `size`, `revert` are recomputed).
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
}

/** Which feed kinds name a revision's page by its current title (the page table). */
const CURRENT_TITLE_KINDS: ReadonlySet<FeedKind> = new Set(['history', 'contributions']);

/**
 * Lower is more authoritative for metadata and full texts. The Action API reads the revision
 * table itself, unlike feeds rendered from it (plain-text comments, hidden texts as blanks).
 */
const AUTHORITY: Readonly<Record<RevisionSource['feedKind'], number>> = {
  api: -1,
  contributions: 0,
  history: 1,
  recentchanges: 2,
  watchlist: 3,
  newpages: 4,
  unknown: 5,
};

interface Located {
  readonly source: RevisionSource;
}

interface TextClaim extends Located {
  readonly text: string;
  /**
   * A contributions feed shows a revision-deleted text as `<div></div>`, exactly like a blank
   * page (FORMAT.md §8, revision 56 vs 38): an empty text from there proves nothing alone.
   */
  readonly ambiguous: boolean;
}

interface ParentClaim extends Located {
  /** The parent id, or `null` for "first revision of the page". */
  readonly parentId: number | null;
  /**
   * Recent-changes rows with `oldid=0` are page creations, but log rows that carry a revision
   * (moves, protections) look the same (FORMAT.md §6.2): such a claim only holds when no
   * older revision of the page is known.
   */
  readonly weak: boolean;
}

interface DiffClaim extends Located {
  readonly from: number;
  readonly to: number;
  readonly hunks: readonly DiffTableHunk[];
  /** Revisions the diff skips (merged recent-changes items), `null` when it spans one edit. */
  readonly skipped: number | null;
}

interface Accumulator {
  readonly id: number;
  readonly sources: RevisionSource[];
  readonly titles: { readonly title: string; readonly current: boolean; readonly at: Located }[];
  readonly timestamps: { readonly value: string; readonly at: Located }[];
  readonly users: { readonly value: string; readonly at: Located }[];
  readonly comments: {
    readonly value: string;
    readonly autocomments: readonly string[];
    readonly at: Located;
  }[];
  readonly texts: TextClaim[];
  readonly parents: ParentClaim[];
}

interface MoveSeen {
  readonly from: string;
  readonly to: string;
  readonly timestamp: string | null;
  readonly revisionId: number | null;
}

interface MoveText {
  readonly text: string;
  readonly isLog: boolean;
  readonly pageTitle: string | null;
  readonly timestamp: string | null;
  readonly revisionId: number | null;
}

interface Span {
  readonly from: number;
  readonly to: number;
  readonly skipped: number | null;
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
  const list: readonly Feed[] = Array.isArray(feeds) ? feeds : [feeds as Feed];
  for (const [index, feed] of list.entries()) {
    if (typeof feed !== 'object' || feed === null || !Array.isArray(feed.entries)) {
      throw new TypeError(`buildHistory: feeds[${index}] is not a parsed Feed`);
    }
  }
  const titleOptions = options.titles ?? {};
  const norm = (title: string) => normalizeTitle(title, titleOptions);
  const diagnostics: Diagnostic[] = [];
  const revisions = new Map<number, Accumulator>();
  const diffs: DiffClaim[] = [];
  const moves: MoveSeen[] = [];
  const spans: Span[] = [];
  const moveTexts: MoveText[] = [];
  const historyHeads = new Set<number>();
  const given = options.revisions ?? [];
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
  const newestFlag = options.revisionsIncludeNewest ?? false;
  const newestTitles =
    typeof newestFlag === 'boolean' ? null : new Set(newestFlag.map((t) => norm(t)));
  /** Revisions given by the caller that are their page's newest (see revisionsIncludeNewest). */
  const apiNewest = new Set<number>();

  const revisionsHost = hostOfUrl(options.revisionsSiteUrl ?? null);
  const wiki = revisionsHost ?? list.map(hostOf).find((host) => host !== null) ?? null;
  list.forEach((feed, feedIndex) => {
    const host = hostOf(feed);
    if (wiki !== null && host !== null && host !== wiki) {
      diagnostics.push({
        severity: 'error',
        code: 'HISTORY_MIXED_WIKIS',
        message: `feed ${feedIndex} ("${feed.title}") is from ${host}, the others from ${wiki}: revision ids of two wikis cannot be merged, so this feed was left out`,
      });
      return;
    }
    readFeed(feed, feedIndex);
  });
  given.forEach((revision, index) => {
    readRevision(revision, index);
  });

  function accumulator(id: number): Accumulator {
    let acc = revisions.get(id);
    if (acc === undefined) {
      acc = {
        id,
        sources: [],
        titles: [],
        timestamps: [],
        users: [],
        comments: [],
        texts: [],
        parents: [],
      };
      revisions.set(id, acc);
    }
    return acc;
  }

  function readFeed(feed: Feed, feedIndex: number): void {
    const withRevision = feed.entries.filter((e) => e.revisionId !== null);
    if (feed.kind === 'history' && withRevision.length === 0) {
      // MediaWiki answers a history feed of a missing page with a single "There is no edit
      // history for this page." item (FORMAT.md §7.2), in the wiki's language.
      const title = feed.entries[0]?.pageTitle ?? feed.title;
      diagnostics.push({
        severity: 'warning',
        code: 'HISTORY_PAGE_MISSING',
        message: `feed ${feedIndex} is the history of "${title}", which does not exist (never created or deleted)`,
        pageTitle: norm(title),
      });
      return;
    }
    const historyParents = feed.kind === 'history' ? historyFeedParents(withRevision) : null;
    let ignored = 0;
    for (const entry of feed.entries) {
      recordMove(feed, entry);
      if (entry.revisionId === null) {
        ignored++;
        continue;
      }
      readEntry(feed, feedIndex, entry, entry.revisionId, historyParents);
    }
    if (feed.kind === 'history' && withRevision.length > 0) {
      historyHeads.add(sortNewestFirst(withRevision)[0]!.revisionId!);
    }
    if (ignored > 0) {
      diagnostics.push({
        severity: 'info',
        code: 'HISTORY_ENTRIES_WITHOUT_REVISION',
        message: `feed ${feedIndex}: ${ignored} of ${feed.entries.length} entries name no revision (log rows, new-pages items); they were read for page moves only`,
      });
    }
  }

  function readRevision(revision: Revision, index: number): void {
    const source: RevisionSource = {
      feedIndex: -1,
      feedKind: 'api',
      entryIndex: index,
      gave: revision.text === null ? 'metadata' : 'text',
    };
    const at: Located = { source };
    const acc = accumulator(revision.id);
    acc.sources.push(source);
    const title = norm(revision.pageTitle);
    // The API names a revision's page by the page table's title: the current one.
    acc.titles.push({ title, current: true, at });
    if (revision.timestamp !== null) acc.timestamps.push({ value: revision.timestamp, at });
    if (revision.user !== null && revision.user !== '') {
      acc.users.push({ value: revision.user, at });
    }
    if (revision.comment !== null) {
      acc.comments.push({ value: revision.comment, autocomments: revision.autocomments, at });
      if (revision.comment.includes(' moved ')) {
        // API comments keep the `[[links]]`, which parseMoveComment reads without known titles.
        moveTexts.push({
          text: revision.comment,
          isLog: false,
          pageTitle: revision.pageTitle,
          timestamp: revision.timestamp,
          revisionId: revision.id,
        });
      }
    }
    if (revision.text !== null) acc.texts.push({ text: revision.text, ambiguous: false, source });
    // `parentid` is the revision table's rev_parent_id: 0 (null here) is a creation whatever
    // the text, so even a creation whose text is hidden keeps a proven "no parent".
    if (revision.parentKnown) {
      acc.parents.push({ parentId: revision.parentId, weak: false, source });
    }
    if (newestFlag === true || newestTitles?.has(title) === true) apiNewest.add(revision.id);
  }

  function recordMove(feed: Feed, entry: FeedEntry): void {
    const text =
      entry.content.kind === 'log'
        ? entry.content.text
        : entry.revisionId !== null
          ? entry.comment
          : null;
    if (text === null || !text.includes(' moved ')) return;
    moveTexts.push({
      text,
      // History and contributions feeds print comments (`…: reason`); recent-changes log
      // rows print the log action text and then the reason after a plain space.
      isLog: entry.content.kind === 'log' || !CURRENT_TITLE_KINDS.has(feed.kind),
      pageTitle: entry.pageTitle,
      timestamp: entry.timestamp,
      revisionId: entry.revisionId,
    });
  }

  function readEntry(
    feed: Feed,
    feedIndex: number,
    entry: FeedEntry,
    id: number,
    historyParents: ReadonlyMap<number, ParentClaimValue> | null,
  ): void {
    const content = entry.content;
    const gave: RevisionSource['gave'] =
      content.kind === 'wikitext' ? 'text' : content.kind === 'diff' ? 'diff' : 'metadata';
    const source: RevisionSource = {
      feedIndex,
      feedKind: feed.kind,
      entryIndex: entry.index,
      gave,
    };
    const at: Located = { source };
    const acc = accumulator(id);
    acc.sources.push(source);
    if (entry.pageTitle !== null) {
      acc.titles.push({
        title: norm(entry.pageTitle),
        current: CURRENT_TITLE_KINDS.has(feed.kind),
        at,
      });
    }
    if (entry.timestamp !== null) acc.timestamps.push({ value: entry.timestamp, at });
    if (entry.user !== null && entry.user !== '') acc.users.push({ value: entry.user, at });
    if (entry.comment !== null) {
      acc.comments.push({ value: entry.comment, autocomments: entry.autocomments, at });
    }
    if (content.kind === 'wikitext') {
      acc.texts.push({
        text: content.text,
        ambiguous: feed.kind === 'contributions' && content.text === '',
        source,
      });
    }

    let parent: ParentClaimValue = { kind: 'unknown' };
    let skipped: number | null = null;
    if (feed.kind === 'history') {
      parent = historyParents?.get(id) ?? { kind: 'unknown' };
    } else if (feed.kind !== 'contributions') {
      const oldid =
        content.kind === 'cutoff'
          ? (urlOldid(content.url) ?? entry.parentRevisionId)
          : entry.parentRevisionId;
      if (typeof oldid === 'number') {
        const merged =
          content.kind === 'diff' &&
          (content.intermediateCount !== null || content.intermediateNote !== null);
        if (merged) {
          // A merged recent-changes item: oldid is the older end of a diff over several
          // revisions (FORMAT.md §7.3); the revisions between are not shown, nor invented.
          skipped = content.intermediateCount;
          parent = { kind: 'span', from: oldid };
        } else {
          parent = { kind: 'parent', parentId: oldid };
        }
      } else if (oldid === null && content.kind === 'wikitext') {
        parent = { kind: 'weak-first' };
      }
    }
    switch (parent.kind) {
      case 'parent':
        acc.parents.push({ parentId: parent.parentId, weak: false, source });
        break;
      case 'first':
        acc.parents.push({ parentId: null, weak: false, source });
        break;
      case 'weak-first':
        acc.parents.push({ parentId: null, weak: true, source });
        break;
      case 'span':
        spans.push({ from: parent.from, to: id, skipped });
        break;
      case 'unknown':
        break;
      default: {
        const never: never = parent;
        throw new TypeError(`buildHistory: unknown parent claim ${JSON.stringify(never)}`);
      }
    }
    if (content.kind === 'diff') {
      const from =
        parent.kind === 'parent' ? parent.parentId : parent.kind === 'span' ? parent.from : null;
      if (from !== null) diffs.push({ from, to: id, hunks: content.hunks, skipped, source });
    }
  }

  // Moves are read once every title is known: feeds strip the links from move comments, and
  // known titles are what tells where the old title ends and the new one (or the reason) starts.
  const knownTitles = new Set<string>();
  for (const acc of revisions.values()) for (const t of acc.titles) knownTitles.add(t.title);
  for (const candidate of moveTexts) {
    const titles =
      candidate.pageTitle === null
        ? knownTitles
        : new Set(knownTitles).add(norm(candidate.pageTitle));
    const move = parseMoveComment(candidate.text, {
      knownTitles: [...titles],
      // Recent-changes log rows (with or without a revision) give the reason after a space.
      requireKnownTarget: candidate.isLog,
      titles: titleOptions,
    });
    if (move === null) {
      diagnostics.push({
        severity: 'info',
        code: 'HISTORY_MOVE_UNREAD',
        message: `a page move could not be read from ${JSON.stringify(candidate.text)}: its new title is not among the feeds' titles`,
        ...(candidate.revisionId === null ? {} : { revisionId: candidate.revisionId }),
      });
      continue;
    }
    moves.push({ ...move, timestamp: candidate.timestamp, revisionId: candidate.revisionId });
  }

  return assemble({
    revisions,
    diffs,
    spans,
    moves,
    historyHeads,
    apiNewest,
    diagnostics,
    options,
  });
}

type ParentClaimValue =
  | { readonly kind: 'parent'; readonly parentId: number }
  | { readonly kind: 'first' }
  | { readonly kind: 'weak-first' }
  | { readonly kind: 'span'; readonly from: number }
  | { readonly kind: 'unknown' };

/** The site a feed belongs to, by the host of its HTML page or request URL. */
function hostOf(feed: Feed): string | null {
  for (const url of [feed.siteUrl, feed.selfUrl]) {
    const host = hostOfUrl(url);
    if (host !== null) return host;
  }
  return null;
}

function hostOfUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

function urlOldid(url: string): number | null | undefined {
  const match = /[?&]oldid=(\d+)/.exec(url);
  if (match?.[1] !== undefined) return Number(match[1]) === 0 ? null : Number(match[1]);
  // A "Show changes" link without oldid is a page creation (FORMAT.md §6.4).
  return /[?&]diff=\d+/.test(url) ? null : undefined;
}

/**
 * History feeds are ordered by timestamp, newest first, and `oldid=prev` means the page's
 * previous revision (FORMAT.md §5, §7.2): sort by (timestamp, id) as MediaWiki does when it
 * looks up the previous revision.
 */
function sortNewestFirst(entries: readonly FeedEntry[]): FeedEntry[] {
  return [...entries].sort((a, b) => {
    if (a.timestamp !== null && b.timestamp !== null && a.timestamp !== b.timestamp) {
      return a.timestamp < b.timestamp ? 1 : -1;
    }
    return (b.revisionId ?? 0) - (a.revisionId ?? 0);
  });
}

/**
 * Parents in a history feed: each entry's parent is the next older entry, except the oldest,
 * which is the page's first revision only when it shows the `New page` block (or a cut-off link
 * without `oldid`); otherwise the feed is truncated there (the default limit is 10) and the
 * parent is unknown. A cut-off link's own `oldid` is used when present.
 */
function historyFeedParents(entries: readonly FeedEntry[]): Map<number, ParentClaimValue> {
  const sorted = sortNewestFirst(entries);
  const parents = new Map<number, ParentClaimValue>();
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
      parents.set(id, oldestIsCreation ? { kind: 'first' } : { kind: 'unknown' });
    } else if (
      !oldestIsCreation &&
      oldest !== undefined &&
      entry.timestamp !== null &&
      entry.timestamp === oldest.timestamp
    ) {
      // Truncated feed: revisions past the limit may share this second and sit in between.
      parents.set(id, { kind: 'unknown' });
    } else {
      parents.set(id, { kind: 'parent', parentId: next.revisionId! });
    }
  });
  return parents;
}

interface AssembleInput {
  readonly revisions: ReadonlyMap<number, Accumulator>;
  readonly diffs: readonly DiffClaim[];
  readonly spans: readonly Span[];
  readonly moves: readonly MoveSeen[];
  readonly historyHeads: ReadonlySet<number>;
  /** Revisions given in `options.revisions` and declared their page's newest. */
  readonly apiNewest: ReadonlySet<number>;
  readonly diagnostics: Diagnostic[];
  readonly options: BuildHistoryOptions;
}

function describe(source: RevisionSource): string {
  if (source.feedKind === 'api')
    return `the API revisions (options.revisions[${source.entryIndex}])`;
  return `feed ${source.feedIndex} (${source.feedKind}) entry ${source.entryIndex}`;
}

function byAuthority<T extends { readonly at: Located }>(claims: readonly T[]): T[] {
  return [...claims].sort(
    (a, b) => AUTHORITY[a.at.source.feedKind] - AUTHORITY[b.at.source.feedKind],
  );
}

function assemble(input: AssembleInput): History {
  const { revisions, diffs, spans, moves, historyHeads, apiNewest, diagnostics, options } = input;

  // 1. Metadata per revision, the most authoritative source winning; disagreements reported.
  const meta = new Map<
    number,
    {
      timestamp: string | null;
      user: string | null;
      comment: string | null;
      autocomments: readonly string[];
      title: string | null;
      currentTitle: boolean;
    }
  >();
  for (const acc of revisions.values()) {
    const timestamp = pick(acc.id, 'timestamp', acc.timestamps);
    const user = pick(acc.id, 'user', acc.users);
    // A revision-deleted comment is empty in contributions feeds but still printed in history
    // feeds (FORMAT.md §8), so the longest comment wins and emptiness is no disagreement. The
    // API's comment (null where hidden, so never here then) is the stored one and wins.
    const comments = byAuthority(acc.comments).sort(
      (a, b) =>
        Number(b.at.source.feedKind === 'api') - Number(a.at.source.feedKind === 'api') ||
        b.value.length - a.value.length,
    );
    const currentTitles = byAuthority(acc.titles.filter((t) => t.current));
    const titles = currentTitles.length > 0 ? currentTitles : byAuthority(acc.titles);
    const distinctTitles = [...new Set(titles.map((t) => t.title))];
    if (distinctTitles.length > 1) {
      diagnostics.push({
        severity: 'warning',
        code: 'HISTORY_TITLE_CONFLICT',
        message: `revision ${acc.id} is on "${distinctTitles[0]}" in ${describe(titles[0]!.at.source)} but on "${distinctTitles[1]}" in ${describe(titles.find((t) => t.title === distinctTitles[1])!.at.source)} (feeds fetched before and after a move?); the first was kept`,
        revisionId: acc.id,
      });
    }
    meta.set(acc.id, {
      timestamp,
      user,
      comment: comments[0]?.value ?? null,
      autocomments: comments[0]?.autocomments ?? [],
      title: titles[0]?.title ?? null,
      currentTitle: currentTitles.length > 0,
    });
  }

  function pick(
    id: number,
    what: string,
    claims: readonly { readonly value: string; readonly at: Located }[],
  ): string | null {
    const sorted = byAuthority(claims);
    const best = sorted[0];
    if (best === undefined) return null;
    const other = sorted.find((c) => c.value !== best.value);
    if (other !== undefined) {
      diagnostics.push({
        severity: 'warning',
        code: 'HISTORY_METADATA_CONFLICT',
        message: `revision ${id}: ${what} ${JSON.stringify(best.value)} in ${describe(best.at.source)} but ${JSON.stringify(other.value)} in ${describe(other.at.source)}; the first was kept`,
        revisionId: id,
      });
    }
    return best.value;
  }

  // 2. Titles at the time of the change (recent changes, watchlist) follow later moves.
  const orderedMoves = [...moves].sort((a, b) =>
    (a.timestamp ?? '') < (b.timestamp ?? '') ? -1 : 1,
  );
  for (const [id, m] of meta) {
    if (m.currentTitle || m.title === null) continue;
    let title = m.title;
    for (const move of orderedMoves) {
      const before =
        id === move.revisionId ||
        (m.timestamp !== null && move.timestamp !== null && m.timestamp < move.timestamp);
      if (title === move.from && before) title = move.to;
    }
    m.title = title;
  }

  // 3. Pages: revisions linked by a parent id belong to one page, whatever title a feed gave.
  const union = new Map<number, number>();
  const find = (id: number): number => {
    let root = id;
    while (union.get(root) !== undefined && union.get(root) !== root) root = union.get(root)!;
    union.set(id, root);
    return root;
  };
  for (const acc of revisions.values()) union.set(acc.id, acc.id);
  for (const acc of revisions.values()) {
    for (const claim of acc.parents) {
      if (claim.parentId !== null && revisions.has(claim.parentId)) {
        union.set(find(acc.id), find(claim.parentId));
      }
    }
  }
  // Revisions under one title are one page too; titles get negative union-find keys.
  const titleKeys = new Map<string, number>();
  for (const acc of revisions.values()) {
    const title = meta.get(acc.id)!.title;
    if (title === null) continue;
    const key = titleKeys.get(title) ?? -1 - titleKeys.size;
    titleKeys.set(title, key);
    if (!union.has(key)) union.set(key, key);
    union.set(find(acc.id), find(key));
  }
  const groups = new Map<number, number[]>();
  for (const acc of revisions.values()) {
    const root = find(acc.id);
    const group = groups.get(root) ?? [];
    group.push(acc.id);
    groups.set(root, group);
  }

  // 4. Parents.
  const parentOf = new Map<number, { parentId: number | null; known: boolean }>();
  const groupOrder = (ids: number[]) =>
    ids.sort((a, b) => {
      const ta = meta.get(a)!.timestamp;
      const tb = meta.get(b)!.timestamp;
      if (ta !== null && tb !== null && ta !== tb) return ta < tb ? -1 : 1;
      return a - b;
    });
  for (const ids of groups.values()) {
    groupOrder(ids);
    ids.forEach((id, position) => {
      const acc = revisions.get(id)!;
      const strong = byAuthorityOfSource(acc.parents.filter((c) => !c.weak));
      const first = strong[0];
      if (first !== undefined) {
        const other = strong.find((c) => c.parentId !== first.parentId);
        if (other !== undefined) {
          diagnostics.push({
            severity: 'warning',
            code: 'HISTORY_PARENT_CONFLICT',
            message: `revision ${id}: parent ${first.parentId ?? 'none'} in ${describe(first.source)} but ${other.parentId ?? 'none'} in ${describe(other.source)}; the first was kept`,
            revisionId: id,
          });
        }
        parentOf.set(id, { parentId: first.parentId, known: true });
      } else if (position === 0 && acc.parents.some((c) => c.weak)) {
        parentOf.set(id, { parentId: null, known: true });
      } else {
        parentOf.set(id, { parentId: null, known: false });
      }
    });
  }

  // 5. Texts: full texts first, then diff tables applied until nothing changes.
  const text = new Map<number, { text: string; origin: 'feed' | 'reconstructed' | 'api' }>();
  for (const acc of revisions.values()) {
    const claims = byAuthorityOfSource(acc.texts.filter((t) => !t.ambiguous));
    const best = claims[0];
    if (best === undefined) continue;
    const other = claims.find((c) => c.text !== best.text);
    if (other !== undefined) {
      diagnostics.push({
        severity: 'warning',
        code: 'HISTORY_TEXT_CONFLICT',
        message: `revision ${acc.id}: the text in ${describe(best.source)} (${best.text.length} characters) differs from the one in ${describe(other.source)} (${other.text.length} characters); the first was kept`,
        revisionId: acc.id,
      });
    }
    text.set(acc.id, { text: best.text, origin: best.source.feedKind === 'api' ? 'api' : 'feed' });
  }
  const pending = new Set(diffs);
  let progress = true;
  while (progress) {
    progress = false;
    for (const diff of pending) {
      const from = text.get(diff.from);
      const to = text.get(diff.to);
      if (from === undefined && to === undefined) continue;
      pending.delete(diff);
      progress = true;
      const base = from ?? to!;
      const direction = from !== undefined ? 'forward' : 'backward';
      const target = direction === 'forward' ? diff.to : diff.from;
      const result = applyDiffTable(base.text, diff.hunks, { direction });
      if (result.kind === 'mismatch') {
        diagnostics.push({
          severity: 'warning',
          code: 'HISTORY_DIFF_MISMATCH',
          message: `the diff ${diff.from}→${diff.to} in ${describe(diff.source)} does not apply ${direction} to the known text of revision ${direction === 'forward' ? diff.from : diff.to}: ${result.reason}`,
          entryIndex: diff.source.entryIndex,
          revisionId: diff.to,
        });
        continue;
      }
      const known = text.get(target);
      if (known === undefined) {
        text.set(target, { text: result.text, origin: 'reconstructed' });
      } else if (known.text !== result.text) {
        diagnostics.push({
          severity: 'warning',
          code: 'HISTORY_DIFF_MISMATCH',
          message: `the diff ${diff.from}→${diff.to} in ${describe(diff.source)} applied to revision ${direction === 'forward' ? diff.from : diff.to} does not give the known text of revision ${target}`,
          entryIndex: diff.source.entryIndex,
          revisionId: diff.to,
        });
      }
    }
  }
  for (const acc of revisions.values()) {
    if (!text.has(acc.id) && acc.texts.some((t) => t.ambiguous)) {
      diagnostics.push({
        severity: 'info',
        code: 'HISTORY_TEXT_AMBIGUOUS',
        message: `revision ${acc.id}: a contributions feed shows an empty text, which is also how it shows a revision-deleted text; left unknown`,
        revisionId: acc.id,
      });
    }
  }

  // 6. Pages, revisions, reverts, gaps.
  const pages: PageHistory[] = [];
  for (const ids of groups.values()) {
    const newest = ids[ids.length - 1]!;
    // The page is named by the newest revision a feed names by its current title (history,
    // contributions), else by the newest revision's title after moves.
    const named = [...ids].reverse().find((id) => meta.get(id)!.currentTitle) ?? newest;
    const title = meta.get(named)!.title ?? `(revision ${newest})`;
    const partial = ids.map((id) => {
      const m = meta.get(id)!;
      const parent = parentOf.get(id)!;
      const known = text.get(id);
      const value = known?.text ?? null;
      return {
        id,
        pageTitle: title,
        parentId: parent.parentId,
        parentKnown: parent.known,
        timestamp: m.timestamp,
        user: m.user,
        comment: m.comment,
        autocomments: m.autocomments,
        text: value,
        textOrigin: known?.origin ?? null,
        sha1: value === null ? null : sha1Hex(value),
        size: value === null ? null : utf8Length(value),
        sources: revisions.get(id)!.sources,
      };
    });
    const reverts = detectReverts(partial, options.reverts ?? {});
    const pageRevisions: Revision[] = partial.map((r, i) => ({ ...r, revert: reverts[i] ?? null }));
    const gaps = findGaps(pageRevisions, spans);
    const idSet = new Set(ids);
    // A move comment sits on the moved page's null revision and on the redirect left behind
    // (FORMAT.md §11): it is a move of this page when it names this page as the new title.
    const onPage = (m: MoveSeen) => m.revisionId !== null && idSet.has(m.revisionId);
    const pageMoves: PageMove[] = [];
    // Moves carried by this page's revisions first; then those seen elsewhere only (a log row,
    // the redirect's revision), which name no revision of this page.
    for (const move of [...moves.filter(onPage), ...moves.filter((m) => !onPage(m))]) {
      if (move.to !== title) continue;
      const seen = pageMoves.some(
        (m) => m.from === move.from && m.to === move.to && m.timestamp === move.timestamp,
      );
      if (!seen) pageMoves.push({ ...move, revisionId: onPage(move) ? move.revisionId : null });
    }
    pageMoves.sort((a, b) => ((a.timestamp ?? '') < (b.timestamp ?? '') ? -1 : 1));
    pages.push({
      title,
      revisions: pageRevisions,
      moves: pageMoves,
      gaps,
      complete: gaps.length === 0 && (historyHeads.has(newest) || apiNewest.has(newest)),
    });
  }
  pages.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  return { pages, diagnostics };
}

function byAuthorityOfSource<T extends { readonly source: RevisionSource }>(
  claims: readonly T[],
): T[] {
  // The API's parentid is the revision table's own; history feeds know parents next best
  // (`oldid=prev`); for texts the API's (checked by SHA-1) comes first, and between feeds'
  // exact full texts the order does not matter: a disagreement is reported.
  const rank = (kind: RevisionSource['feedKind']) =>
    kind === 'api' ? -2 : kind === 'history' ? -1 : AUTHORITY[kind];
  return [...claims].sort((a, b) => rank(a.source.feedKind) - rank(b.source.feedKind));
}

/**
 * Gaps: before the oldest revision unless it is proven to be the page's first, and between
 * two neighbours unless the newer one's parent is proven to be the older one.
 */
function findGaps(revisions: readonly Revision[], spans: readonly Span[]): RevisionGap[] {
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
    const span = spans.find((s) => s.from === previous.id && s.to === revision.id);
    gaps.push({ after: previous.id, before: revision.id, missing: span?.skipped ?? null });
  });
  return gaps;
}

/** UTF-8 byte length without allocating (MediaWiki's `size` is in bytes). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
