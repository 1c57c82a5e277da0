/** Which source wins when sources disagree about a revision. */
import type { RevisionSource } from '../model.js';

type SourceKind = RevisionSource['feedKind'];

/**
 * Lower is more authoritative for metadata and full texts. The Action API reads the revision
 * table itself, unlike feeds rendered from it (plain-text comments, hidden texts as blanks).
 */
const METADATA_RANK: Readonly<Record<SourceKind, number>> = {
  api: -1,
  contributions: 0,
  history: 1,
  recentchanges: 2,
  watchlist: 3,
  newpages: 4,
  unknown: 5,
};

/**
 * For parents and texts: the API's parentid is the revision table's own; history feeds know
 * parents next best (`oldid=prev`); for texts the API's (checked by SHA-1) comes first, and
 * between feeds' exact full texts the order does not matter: a disagreement is reported.
 */
const PARENT_RANK: Readonly<Record<SourceKind, number>> = {
  ...METADATA_RANK,
  api: -2,
  history: -1,
};

/** Claims sorted most authoritative first for metadata (stable: ties keep reading order). */
export function byAuthority<T extends { readonly source: RevisionSource }>(
  claims: readonly T[],
): T[] {
  return sortBy(claims, METADATA_RANK);
}

/** Claims sorted most authoritative first for parents and texts. */
export function byParentAuthority<T extends { readonly source: RevisionSource }>(
  claims: readonly T[],
): T[] {
  return sortBy(claims, PARENT_RANK);
}

function sortBy<T extends { readonly source: RevisionSource }>(
  claims: readonly T[],
  rank: Readonly<Record<SourceKind, number>>,
): T[] {
  return [...claims].sort((a, b) => rank[a.source.feedKind] - rank[b.source.feedKind]);
}
