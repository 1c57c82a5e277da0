/** What the feeds and API revisions claim about each revision, collected before anything is decided. */
import type { Diagnostic } from '../errors.js';
import type { DiffTableHunk, RevisionSource } from '../model.js';

/** One value a source gives for a field of a revision (time, user, comment, title). */
export interface Claim<T> {
  readonly value: T;
  readonly source: RevisionSource;
}

/** A full text of a revision. */
export interface TextClaim {
  readonly text: string;
  readonly source: RevisionSource;
  /**
   * A contributions feed shows a revision-deleted text as `<div></div>`, exactly like a blank
   * page (FORMAT.md §8, revision 56 vs 38): an empty text from there proves nothing alone.
   */
  readonly ambiguous: boolean;
}

/** A parent of a revision: the parent id, or `null` for "first revision of the page". */
export interface ParentClaim {
  readonly parentId: number | null;
  readonly source: RevisionSource;
  /**
   * Recent-changes rows with `oldid=0` are page creations, but log rows that carry a revision
   * (moves, protections) look the same (FORMAT.md §6.2): such a claim only holds when no
   * older revision of the page is known.
   */
  readonly weak: boolean;
}

/** A title a source puts the revision on; `current` when it is the page's title of today. */
export interface TitleClaim {
  readonly title: string;
  readonly current: boolean;
  readonly source: RevisionSource;
}

/** A comment with its `/* section *\/` parts. */
export interface CommentClaim {
  readonly value: string;
  readonly autocomments: readonly string[];
  readonly source: RevisionSource;
}

/** Everything claimed about one revision, in the order the sources were read. */
export interface RevisionClaims {
  readonly id: number;
  readonly sources: RevisionSource[];
  readonly titles: TitleClaim[];
  readonly timestamps: Claim<string>[];
  readonly users: Claim<string>[];
  readonly comments: CommentClaim[];
  readonly texts: TextClaim[];
  readonly parents: ParentClaim[];
  /** The `minor` and `bot` flags of the API or dump revisions that carry them (the last wins). */
  flags: { minor?: boolean; bot?: boolean };
  /** The size an API or dump revision gives for a text it leaves out (revision-deleted). */
  hiddenSize?: number;
}

/** A diff table from one revision to another, to be applied once either side's text is known. */
export interface DiffClaim {
  readonly from: number;
  readonly to: number;
  readonly hunks: readonly DiffTableHunk[];
  readonly source: RevisionSource;
  /** A merged recent-changes item: `from` is an older revision, not the parent. */
  readonly merged: boolean;
}

/** A diff over several revisions (a merged recent-changes item): `skipped` are not shown. */
export interface SpanClaim {
  readonly from: number;
  readonly to: number;
  readonly skipped: number | null;
}

/** A comment or log text that may describe a page move, read once every title is known. */
export interface MoveText {
  readonly text: string;
  /** Recent-changes log rows give the reason after a plain space, not after `: `. */
  readonly isLog: boolean;
  readonly pageTitle: string | null;
  readonly timestamp: string | null;
  readonly revisionId: number | null;
}

/**
 * The claims of every source, filled in one pass over the feeds and then the API revisions.
 * Mutable while collecting because a revision's claims arrive from many feeds in any order;
 * every later step only reads it.
 */
export interface Claims {
  /** By revision id, in the order the revisions were first seen. */
  readonly revisions: Map<number, RevisionClaims>;
  readonly diffs: DiffClaim[];
  readonly spans: SpanClaim[];
  readonly moveTexts: MoveText[];
  /** The newest revision of each history feed: a history feed proves its page's newest. */
  readonly historyHeads: Set<number>;
  /** API revisions the caller declared their page's newest (`revisionsIncludeNewest`). */
  readonly apiNewest: Set<number>;
  readonly diagnostics: Diagnostic[];
}

/** An empty {@link Claims}. */
export function emptyClaims(): Claims {
  return {
    revisions: new Map(),
    diffs: [],
    spans: [],
    moveTexts: [],
    historyHeads: new Set(),
    apiNewest: new Set(),
    diagnostics: [],
  };
}

/** The claims of revision `id`, created empty the first time the revision is seen. */
export function claimsOf(claims: Claims, id: number): RevisionClaims {
  let found = claims.revisions.get(id);
  if (found === undefined) {
    found = {
      id,
      sources: [],
      titles: [],
      timestamps: [],
      users: [],
      comments: [],
      texts: [],
      parents: [],
      flags: {},
    };
    claims.revisions.set(id, found);
  }
  return found;
}
