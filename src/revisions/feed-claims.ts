/** Reading one parsed feed into claims: each entry's metadata, text, parent, diff and move. */
import type { Feed, FeedEntry, FeedKind, RevisionSource } from '../model.js';
import { type Claims, claimsOf, type RevisionClaims } from './claims.js';
import {
  type EntryParent,
  entryParent,
  historyFeedParents,
  sortNewestFirst,
} from './entry-parent.js';
import type { SourceNamer } from './source-names.js';

/** Which feed kinds name a revision's page by its current title (the page table). */
const CURRENT_TITLE_KINDS: ReadonlySet<FeedKind> = new Set(['history', 'contributions']);

/**
 * Add what every entry of `feed` claims to `claims`. Entries without a revision (log rows,
 * new-pages items) are read for page moves only.
 */
export function readFeedClaims(
  claims: Claims,
  feed: Feed,
  feedIndex: number,
  norm: (title: string) => string,
  names: SourceNamer,
): void {
  const withRevision = feed.entries.filter((e) => e.revisionId !== null);
  if (feed.kind === 'history' && withRevision.length === 0) {
    // MediaWiki answers a history feed of a missing page with a single "There is no edit
    // history for this page." item (FORMAT.md §7.2), in the wiki's language.
    const title = feed.entries[0]?.pageTitle ?? feed.title;
    claims.diagnostics.push({
      severity: 'warning',
      code: 'HISTORY_PAGE_MISSING',
      message: `${names.feed(feedIndex)} is the history of "${title}", which does not exist (never created or deleted)`,
      pageTitle: norm(title),
    });
    return;
  }
  const historyParents = feed.kind === 'history' ? historyFeedParents(withRevision) : null;
  for (const entry of feed.entries) {
    readMoveText(claims, feed.kind, entry);
    if (entry.revisionId === null) continue;
    const parent = entryParent(feed.kind, entry, historyParents);
    readEntry(claims, feed.kind, feedIndex, entry, entry.revisionId, parent, norm);
  }
  if (feed.kind === 'history') {
    // A history feed starts at the page's newest revision: that one is proven newest.
    claims.historyHeads.add(sortNewestFirst(withRevision)[0]!.revisionId!);
  }
  const ignored = feed.entries.length - withRevision.length;
  if (ignored > 0) {
    claims.diagnostics.push({
      severity: 'info',
      code: 'HISTORY_ENTRIES_WITHOUT_REVISION',
      message: `${names.feed(feedIndex)}: ${ignored} of ${feed.entries.length} entries name no revision (log rows, new-pages items); they were read for page moves only`,
    });
  }
}

function readEntry(
  claims: Claims,
  feedKind: FeedKind,
  feedIndex: number,
  entry: FeedEntry,
  id: number,
  parent: EntryParent,
  norm: (title: string) => string,
): void {
  const content = entry.content;
  const source: RevisionSource = {
    feedIndex,
    feedKind,
    entryIndex: entry.index,
    gave: content.kind === 'wikitext' ? 'text' : content.kind === 'diff' ? 'diff' : 'metadata',
  };
  const revision = claimsOf(claims, id);
  revision.sources.push(source);
  if (entry.pageTitle !== null) {
    const current = CURRENT_TITLE_KINDS.has(feedKind);
    revision.titles.push({ title: norm(entry.pageTitle), current, source });
  }
  if (entry.timestamp !== null) revision.timestamps.push({ value: entry.timestamp, source });
  if (entry.user !== null && entry.user !== '') revision.users.push({ value: entry.user, source });
  if (entry.comment !== null) {
    revision.comments.push({ value: entry.comment, autocomments: entry.autocomments, source });
  }
  if (content.kind === 'wikitext') {
    const ambiguous = feedKind === 'contributions' && content.text === '';
    revision.texts.push({ text: content.text, ambiguous, source });
  }
  addParent(claims, revision, parent, source);
  if (content.kind === 'diff') {
    const from =
      parent.kind === 'parent' ? parent.parentId : parent.kind === 'span' ? parent.from : null;
    const merged = parent.kind === 'span';
    if (from !== null) claims.diffs.push({ from, to: id, hunks: content.hunks, source, merged });
  }
}

function addParent(
  claims: Claims,
  revision: RevisionClaims,
  parent: EntryParent,
  source: RevisionSource,
): void {
  switch (parent.kind) {
    case 'parent':
      revision.parents.push({ parentId: parent.parentId, weak: false, source });
      return;
    case 'first':
      revision.parents.push({ parentId: null, weak: false, source });
      return;
    case 'weak-first':
      revision.parents.push({ parentId: null, weak: true, source });
      return;
    case 'span':
      claims.spans.push({ from: parent.from, to: revision.id, skipped: parent.skipped });
      return;
    case 'unknown':
      return;
    default: {
      const never: never = parent;
      throw new TypeError(`buildHistory: unknown parent claim ${JSON.stringify(never)}`);
    }
  }
}

/** Keep a comment or log text that may describe a page move, to be read in `readMoves`. */
function readMoveText(claims: Claims, feedKind: FeedKind, entry: FeedEntry): void {
  const isLog = entry.content.kind === 'log';
  const text =
    entry.content.kind === 'log'
      ? entry.content.text
      : entry.revisionId !== null
        ? entry.comment
        : null;
  if (text === null || !text.includes(' moved ')) return;
  claims.moveTexts.push({
    text,
    // History and contributions feeds print comments (`…: reason`); recent-changes log
    // rows print the log action text and then the reason after a plain space.
    isLog: isLog || !CURRENT_TITLE_KINDS.has(feedKind),
    pageTitle: entry.pageTitle,
    timestamp: entry.timestamp,
    revisionId: entry.revisionId,
  });
}
