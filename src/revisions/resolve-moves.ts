/** Page moves: read from the collected comments, followed by old titles, attached to their page. */
import type { Diagnostic } from '../errors.js';
import type { PageMove } from '../model.js';
import type { Claims } from './claims.js';
import { readMoveComment } from './page-moves.js';
import { type NormalizeTitleOptions, normalizeTitle } from './titles.js';

/** The moves read, and the comments that looked like moves but could not be read. */
export interface ResolvedMoves {
  /** In the order their comments were collected. */
  readonly moves: readonly PageMove[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Read the moves of every collected move text. This waits until every title is known: feeds
 * strip the links from move comments, and known titles are what tells where the old title
 * ends and the new one (or the reason) starts.
 */
export function resolveMoves(claims: Claims, titles: NormalizeTitleOptions): ResolvedMoves {
  const norm = (title: string) => normalizeTitle(title, titles);
  // The known titles are normalised as parseMoveComment would (again), once for all comments.
  const known = new Set<string>();
  for (const revision of claims.revisions.values()) {
    for (const t of revision.titles) known.add(t.title);
  }
  const knownTitles = new Set([...known].map(norm));
  const moves: PageMove[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const candidate of claims.moveTexts) {
    const own = candidate.pageTitle === null ? null : norm(norm(candidate.pageTitle));
    const move = readMoveComment(candidate.text, {
      isKnown: (title) => title === own || knownTitles.has(title),
      // Recent-changes log rows (with or without a revision) give the reason after a space.
      requireKnownTarget: candidate.isLog,
      norm,
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
  return { moves, diagnostics };
}

/**
 * The title a revision's page has today, from the title a feed gave at the time of the change
 * (recent changes, watchlist): every later move from that title is followed, in time order.
 */
export function titleAfterMoves(
  revision: { readonly id: number; readonly title: string; readonly timestamp: string | null },
  movesByTime: readonly PageMove[],
): string {
  let title = revision.title;
  for (const move of movesByTime) {
    const before =
      revision.id === move.revisionId ||
      (revision.timestamp !== null &&
        move.timestamp !== null &&
        revision.timestamp < move.timestamp);
    if (title === move.from && before) title = move.to;
  }
  return title;
}

/** Moves sorted oldest first (undated ones first). */
export function byTime(moves: readonly PageMove[]): PageMove[] {
  return [...moves].sort((a, b) => ((a.timestamp ?? '') < (b.timestamp ?? '') ? -1 : 1));
}

/** The moves by their new title, each list in reading order. */
export function movesByTarget(moves: readonly PageMove[]): Map<string, PageMove[]> {
  const byTarget = new Map<string, PageMove[]>();
  for (const move of moves) {
    const list = byTarget.get(move.to);
    if (list === undefined) byTarget.set(move.to, [move]);
    else list.push(move);
  }
  return byTarget;
}

/**
 * The moves of the page titled `title` whose revisions are `ids`, oldest first, each once
 * (`toTitle`: the moves to this title, from {@link movesByTarget}). A move comment sits on the
 * moved page's null revision and on the redirect left behind (FORMAT.md §11): it is a move of
 * this page when it names this page as the new title.
 */
export function movesOfPage(toTitle: readonly PageMove[], ids: ReadonlySet<number>): PageMove[] {
  const onPage = (m: PageMove) => m.revisionId !== null && ids.has(m.revisionId);
  const found: PageMove[] = [];
  const seen = new Set<string>();
  // Moves carried by this page's revisions first; then those seen elsewhere only (a log row,
  // the redirect's revision), which name no revision of this page.
  for (const move of [...toTitle.filter(onPage), ...toTitle.filter((m) => !onPage(m))]) {
    const key = JSON.stringify([move.from, move.timestamp]);
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({ ...move, revisionId: onPage(move) ? move.revisionId : null });
  }
  return byTime(found);
}
