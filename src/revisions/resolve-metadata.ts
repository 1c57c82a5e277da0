/** Each revision's time, user, comment and title, decided by the most authoritative source. */
import type { Diagnostic } from '../errors.js';
import type { PageMove } from '../model.js';
import { byAuthority } from './authority.js';
import type { Claim, RevisionClaims } from './claims.js';
import { byTime, titleAfterMoves } from './resolve-moves.js';
import type { SourceNamer } from './source-names.js';

/** The metadata decided for one revision. */
export interface RevisionMeta {
  readonly timestamp: string | null;
  readonly user: string | null;
  readonly comment: string | null;
  readonly autocomments: readonly string[];
  /** The page's title today (after moves), or `null` when no source names the page. */
  readonly title: string | null;
  /** Whether a source named the page by its current title (history, contributions, API). */
  readonly currentTitle: boolean;
}

/** The metadata of every revision, and the disagreements between sources. */
export interface ResolvedMetadata {
  readonly meta: ReadonlyMap<number, RevisionMeta>;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Decide each revision's metadata; disagreements are reported and the most authoritative
 * value kept (sources named by `names`). Titles given at the time of the change follow the
 * later `moves`.
 */
export function resolveMetadata(
  revisions: ReadonlyMap<number, RevisionClaims>,
  moves: readonly PageMove[],
  names: SourceNamer,
): ResolvedMetadata {
  const diagnostics: Diagnostic[] = [];
  const meta = new Map<number, RevisionMeta>();
  for (const revision of revisions.values()) {
    meta.set(revision.id, decide(revision, diagnostics, names));
  }
  const movesByTime = byTime(moves);
  for (const [id, m] of meta) {
    if (m.currentTitle || m.title === null) continue;
    const title = titleAfterMoves({ id, title: m.title, timestamp: m.timestamp }, movesByTime);
    if (title !== m.title) meta.set(id, { ...m, title });
  }
  return { meta, diagnostics };
}

function decide(
  revision: RevisionClaims,
  diagnostics: Diagnostic[],
  names: SourceNamer,
): RevisionMeta {
  const id = revision.id;
  const timestamp = pick(id, 'timestamp', revision.timestamps, diagnostics, names);
  const user = pick(id, 'user', revision.users, diagnostics, names);
  // A revision-deleted comment is empty in contributions feeds but still printed in history
  // feeds (FORMAT.md §8), so the longest comment wins and emptiness is no disagreement. The
  // API's comment (null where hidden, so never here then) is the stored one and wins.
  const comments = byAuthority(revision.comments).sort(
    (a, b) =>
      Number(b.source.feedKind === 'api') - Number(a.source.feedKind === 'api') ||
      b.value.length - a.value.length,
  );
  const currentTitles = byAuthority(revision.titles.filter((t) => t.current));
  const titles = currentTitles.length > 0 ? currentTitles : byAuthority(revision.titles);
  const distinct = [...new Set(titles.map((t) => t.title))];
  if (distinct.length > 1) {
    const second = titles.find((t) => t.title === distinct[1])!;
    diagnostics.push({
      severity: 'warning',
      code: 'HISTORY_TITLE_CONFLICT',
      message: `revision ${id} is on "${distinct[0]}" in ${names.source(titles[0]!.source)} but on "${distinct[1]}" in ${names.source(second.source)} (feeds fetched before and after a move?); the first was kept`,
      revisionId: id,
    });
  }
  return {
    timestamp,
    user,
    comment: comments[0]?.value ?? null,
    autocomments: comments[0]?.autocomments ?? [],
    title: titles[0]?.title ?? null,
    currentTitle: currentTitles.length > 0,
  };
}

/** The most authoritative value; a different value elsewhere is a `HISTORY_METADATA_CONFLICT`. */
function pick(
  id: number,
  what: string,
  claims: readonly Claim<string>[],
  diagnostics: Diagnostic[],
  names: SourceNamer,
): string | null {
  const sorted = byAuthority(claims);
  const best = sorted[0];
  if (best === undefined) return null;
  const other = sorted.find((c) => c.value !== best.value);
  if (other !== undefined) {
    diagnostics.push({
      severity: 'warning',
      code: 'HISTORY_METADATA_CONFLICT',
      message: `revision ${id}: ${what} ${JSON.stringify(best.value)} in ${names.source(best.source)} but ${JSON.stringify(other.value)} in ${names.source(other.source)}; the first was kept`,
      revisionId: id,
    });
  }
  return best.value;
}
