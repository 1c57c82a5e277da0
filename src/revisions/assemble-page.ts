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
    size: text === null ? null : utf8Length(text),
    sources: decided.claims.revisions.get(id)!.sources,
  };
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
