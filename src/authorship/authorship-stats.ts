/**
 * `authorshipStats`: each editor's share of the current text, and how long each revision's
 * tokens survive, measured as mwpersistence (Halfaker) does (`persistence2stats`).
 */
import {
  type AuthorshipInput,
  type AuthorshipOptions,
  type AuthorshipTracker,
  createAuthorship,
} from './create-authorship.js';

/** Options of {@link authorshipStats}. */
export interface AuthorshipStatsOptions extends AuthorshipOptions {
  /**
   * Later attributed revisions a token must be present in to count as persisted
   * (mwpersistence's `--min-persisted`).
   * @default 5
   */
  readonly minPersisted?: number;
  /**
   * Seconds a token must stay in the text to count as persisted (mwpersistence's
   * `--min-visible`, there 14 days).
   * @default 172800 (48 hours)
   */
  readonly minVisibleSeconds?: number;
  /**
   * The end of the observation, ISO 8601 (mwpersistence's `--sunset`): tokens still present are
   * visible until then.
   * @default the last attributed revision's timestamp
   */
  readonly sunset?: string;
}

/** One editor's share of the current text. */
export interface EditorShare {
  /** The user, or `null` where unknown. */
  readonly user: string | null;
  /** Tokens of the current text this editor wrote first. */
  readonly tokens: number;
  /** Their characters (code points). */
  readonly characters: number;
  /** `tokens` over all tokens of the current text, 0 to 1. */
  readonly tokenShare: number;
  /** `characters` over all characters of the current text's tokens, 0 to 1. */
  readonly characterShare: number;
}

/** How the tokens a revision added fared afterwards (mwpersistence's measures). */
export interface RevisionPersistence {
  readonly revisionId: number;
  readonly user: string | null;
  readonly timestamp: string | null;
  /** Tokens the revision wrote first. */
  readonly added: number;
  /** Of those, present in at least `minPersisted` later attributed revisions. */
  readonly persistedRevisions: number;
  /** Of those, in the text for at least `minVisibleSeconds` (until deleted, or the sunset). */
  readonly persistedTime: number;
  /** Of those, persisted by either measure: mwpersistence's `persistent_tokens`. */
  readonly persistent: number;
  /** Of those, still in the current text. */
  readonly surviving: number;
  /**
   * True when a token not yet persistent still could be: fewer than `minPersisted` later
   * revisions and less than `minVisibleSeconds` observed (mwpersistence's `censored`).
   */
  readonly censored: boolean;
}

/** The result of {@link authorshipStats}. */
export interface AuthorshipStats {
  /** The revision whose text the shares are of, or `null` when no revision had a text. */
  readonly revisionId: number | null;
  /** Editors by share of the current text, largest first. */
  readonly editors: readonly EditorShare[];
  /** Every attributed revision, oldest first. */
  readonly revisions: readonly RevisionPersistence[];
}

const seconds = (iso: string | null | undefined): number | null => {
  if (iso === null || iso === undefined) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms / 1000;
};

/**
 * Who owns the current text and how long each revision's words lasted. A token persists
 * through a revision when it is still in that revision's text; it stops at its first deletion
 * (a later reinsertion does not count, as in mwpersistence). Shares are of the last revision
 * with a text; persistence is over the attributed revisions.
 *
 * @param source - The page's revisions oldest first, or a tracker they were added to.
 * @param options - See {@link AuthorshipStatsOptions}.
 * @returns Shares by editor and persistence by revision.
 * @example
 * ```ts
 * const stats = authorshipStats([
 *   { id: 1, user: 'Ann', text: 'Rivers flow.', timestamp: '2024-01-01T00:00:00Z' },
 *   { id: 2, user: 'Bob', text: 'Rivers flow. Seas do not.', timestamp: '2024-01-05T00:00:00Z' },
 * ]);
 * stats.editors.map((e) => [e.user, e.tokens]) // [['Bob', 4], ['Ann', 3]]
 * stats.revisions[0]!.persistedTime // 3 (four days ≥ 48 hours)
 * ```
 */
export function authorshipStats(
  source: Iterable<AuthorshipInput> | AuthorshipTracker,
  options: AuthorshipStatsOptions = {},
): AuthorshipStats {
  const minPersisted = options.minPersisted ?? 5;
  const minVisible = options.minVisibleSeconds ?? 172_800;
  let tracker: AuthorshipTracker;
  if (isTracker(source)) tracker = source;
  else {
    tracker = createAuthorship(options);
    for (const revision of source) tracker.add(revision);
  }
  const current = tracker.blame();
  const byUser = new Map<string | null, { tokens: number; characters: number }>();
  let allTokens = 0;
  let allCharacters = 0;
  for (const token of current?.tokens ?? []) {
    let characters = 0;
    for (let k = token.start; k < token.end; k++) {
      const c = current!.text.charCodeAt(k);
      if (c < 0xdc00 || c > 0xdfff) characters++;
    }
    const entry = byUser.get(token.originUser) ?? { tokens: 0, characters: 0 };
    entry.tokens++;
    entry.characters += characters;
    byUser.set(token.originUser, entry);
    allTokens++;
    allCharacters += characters;
  }
  const editors = [...byUser]
    .map(([user, e]) => ({
      user,
      tokens: e.tokens,
      characters: e.characters,
      tokenShare: allTokens > 0 ? e.tokens / allTokens : 0,
      characterShare: allCharacters > 0 ? e.characters / allCharacters : 0,
    }))
    .sort((a, b) => b.tokens - a.tokens || b.characters - a.characters);

  const history = tracker.history();
  const revs = history.revisions;
  const n = revs.length;
  const times = revs.map((r) => seconds(r.timestamp));
  const sunset = seconds(options.sunset) ?? times.at(-1) ?? null;
  const counts = revs.map(() => ({ added: 0, revisions: 0, time: 0, persistent: 0, surviving: 0 }));
  const censored = revs.map(() => false);
  for (let w = 0; w < history.origin.length; w++) {
    const o = history.origin[w]!;
    const out = history.firstRemoval[w]!;
    const c = counts[o]!;
    c.added++;
    const persisted = (out === -1 ? n : out) - o - 1;
    const start = times[o];
    const stop = out === -1 ? sunset : times[out];
    const visible = start != null && stop != null ? stop - start : 0;
    const byRevisions = persisted >= minPersisted;
    const byTime = visible >= minVisible;
    if (byRevisions) c.revisions++;
    if (byTime) c.time++;
    if (byRevisions || byTime) c.persistent++;
    else if (out === -1) censored[o] = true;
    if (out === -1) c.surviving++;
  }
  return {
    revisionId: current?.revisionId ?? null,
    editors,
    revisions: revs.map((r, k) => ({
      revisionId: r.id,
      user: r.user,
      timestamp: r.timestamp,
      added: counts[k]!.added,
      persistedRevisions: counts[k]!.revisions,
      persistedTime: counts[k]!.time,
      persistent: counts[k]!.persistent,
      surviving: counts[k]!.surviving,
      censored: censored[k]!,
    })),
  };
}

function isTracker(x: unknown): x is AuthorshipTracker {
  return (
    typeof x === 'object' && x !== null && typeof (x as AuthorshipTracker).history === 'function'
  );
}
