/** The last step of buildHistory: one page's revisions, reverts, moves, gaps and completeness. */
import type { PageHistory, PageMove, Revision } from '../model.js';
import type { Claims, SpanClaim } from './claims.js';
import { findGaps } from './gaps.js';
import type { RevisionMeta } from './resolve-metadata.js';
import { movesOfPage } from './resolve-moves.js';
import type { ResolvedParent } from './resolve-parents.js';
import type { ResolvedText } from './resolve-texts.js';
import { type DetectRevertsOptions, detectReverts } from './reverts.js';
import { sha1Hex } from './sha1.js';
import { utf8Length } from './utf8-length.js';

/** What was decided about every revision, read by {@link assemblePage}. */
export interface Decided {
  readonly claims: Claims;
  readonly meta: ReadonlyMap<number, RevisionMeta>;
  readonly parents: ReadonlyMap<number, ResolvedParent>;
  readonly texts: ReadonlyMap<number, ResolvedText>;
  /** The moves by their new title (resolve-moves' movesByTarget). */
  readonly moves: ReadonlyMap<string, readonly PageMove[]>;
  readonly spans: ReadonlyMap<string, SpanClaim>;
  readonly reverts: DetectRevertsOptions;
}

/** The page whose revisions are `ids` (oldest first). */
export function assemblePage(ids: readonly number[], decided: Decided): PageHistory {
  const { meta, claims } = decided;
  const newest = ids[ids.length - 1]!;
  // The page is named by the newest revision a feed names by its current title (history,
  // contributions), else by the newest revision's title after moves.
  const named = [...ids].reverse().find((id) => meta.get(id)!.currentTitle) ?? newest;
  const title = meta.get(named)!.title ?? `(revision ${newest})`;
  const partial = ids.map((id) => revision(id, title, decided));
  const reverts = detectReverts(partial, decided.reverts);
  const revisions: Revision[] = partial.map((r, i) => ({ ...r, revert: reverts[i] ?? null }));
  const gaps = findGaps(revisions, decided.spans);
  const newestProven = claims.historyHeads.has(newest) || claims.apiNewest.has(newest);
  return {
    title,
    revisions,
    moves: movesOfPage(decided.moves.get(title) ?? [], new Set(ids)),
    gaps,
    complete: gaps.length === 0 && newestProven,
  };
}

function revision(id: number, pageTitle: string, decided: Decided): Omit<Revision, 'revert'> {
  const m = decided.meta.get(id)!;
  const parent = decided.parents.get(id)!;
  const known = decided.texts.get(id);
  const text = known?.text ?? null;
  return {
    id,
    pageTitle,
    parentId: parent.parentId,
    parentKnown: parent.known,
    timestamp: m.timestamp,
    user: m.user,
    comment: m.comment,
    autocomments: m.autocomments,
    text,
    textOrigin: known?.origin ?? null,
    sha1: text === null ? null : sha1Hex(text),
    size: text === null ? (decided.claims.revisions.get(id)!.hiddenSize ?? null) : utf8Length(text),
    sources: decided.claims.revisions.get(id)!.sources,
    ...decided.claims.revisions.get(id)!.flags,
  };
}
