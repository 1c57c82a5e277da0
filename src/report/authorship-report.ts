/**
 * `authorshipReport`: the "Authorship" part of a page report: who wrote the page's current text
 * and how each editor's contributions fared, from the token authorship of `authorship/`.
 */
import {
  type AuthorshipInput,
  type AuthorshipTracker,
  createAuthorship,
} from '../authorship/create-authorship.js';

/** One editor's part of a page's text and history. */
export interface AuthorshipEditorReport {
  /** The user, or `null` where it is hidden. */
  readonly user: string | null;
  /** Tokens of the current text this editor wrote first. */
  readonly tokens: number;
  /** Their characters (code points). */
  readonly characters: number;
  /** `characters` over all characters of the current text's tokens, 0 to 1. */
  readonly share: number;
  /** Tokens this editor wrote first over the whole history (attributed revisions). */
  readonly added: number;
  /** Of `added`, still in the current text (`tokens`). */
  readonly surviving: number;
  /** Of `added`, no longer in the current text. */
  readonly removed: number;
}

/** The part of the current text that was already there before the known history. */
export interface AuthorshipBeforeReport {
  /** The first revision known, whose text stands for everything before it. */
  readonly revisionId: number;
  readonly tokens: number;
  readonly characters: number;
  /** `characters` over all characters of the current text's tokens, 0 to 1. */
  readonly share: number;
}

/** Who wrote a page's current text (WikiWho's token authorship). */
export interface AuthorshipReport {
  /** The revision whose text is shared out: the page's last one with a known text. */
  readonly revisionId: number;
  /** Tokens and characters of that text (whitespace is not counted). */
  readonly tokens: number;
  readonly characters: number;
  /** Revisions attributed (their texts known and not flagged as vandalism). */
  readonly revisionsAttributed: number;
  /**
   * Revisions read without a text (unknown or hidden): skipped, so their tokens count for the
   * next revision with a text. Attribution is exact only when this is 0.
   */
  readonly revisionsWithoutText: number;
  /** Revisions flagged by WikiWho's vandalism filters, not attributed. */
  readonly revisionsFlagged: number;
  /**
   * When the first revision known is not the page's creation (a feed that starts later, a
   * user's contributions), its tokens were written by unknown earlier revisions: they are
   * counted here and not for its editor. `null` when the history starts with the creation.
   */
  readonly beforeHistory: AuthorshipBeforeReport | null;
  /** Every editor who wrote a token, by share of the current text (largest first), then added. */
  readonly editors: readonly AuthorshipEditorReport[];
}

/** A revision as {@link authorshipReport} reads it: parents say whether it is a creation. */
export interface AuthorshipReportInput extends AuthorshipInput {
  /** `null` for a page's first revision (or where unknown, see `parentKnown`). */
  readonly parentId?: number | null;
  /** False when `parentId` is not known (a `Revision` from a contributions feed). */
  readonly parentKnown?: boolean;
}

/** Options of {@link authorshipReport}. */
export interface AuthorshipReportOptions {
  /**
   * Whether the first revision with a text created the page (so its editor wrote its tokens).
   * @default read from that revision (`parentId` null and `parentKnown` not false); `true` when
   *   a tracker is given
   */
  readonly fromCreation?: boolean;
}

/** Code points of `text` between `start` and `end`. */
function characters(text: string, start: number, end: number): number {
  let n = 0;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/**
 * The authorship of a page for its report: each editor's share of the current text and how
 * many of the tokens they wrote survive in it. Reads the page's revisions oldest first, all of
 * them (the report's filters do not apply: the current text's authors can be anywhere in the
 * history); a tracker the revisions were already added to can be passed instead, which is how a
 * dump is streamed through page by page.
 *
 * @param source - The page's revisions oldest first, or a tracker they were added to.
 * @param options - See {@link AuthorshipReportOptions}.
 * @returns The report's authorship part, or `null` when no revision has a text.
 * @example
 * ```ts
 * const a = authorshipReport([
 *   { id: 1, user: 'Ann', text: 'Rivers flow north.' },
 *   { id: 2, user: 'Bob', text: 'Rivers flow. Seas do not.' },
 * ])!;
 * a.editors.map((e) => [e.user, e.tokens, e.added, e.removed]) // [['Bob', 4, 4, 0], ['Ann', 3, 4, 1]]
 * ```
 */
export function authorshipReport(
  source: Iterable<AuthorshipReportInput> | AuthorshipTracker,
  options: AuthorshipReportOptions = {},
): AuthorshipReport | null {
  let tracker: AuthorshipTracker;
  let fromCreation = options.fromCreation;
  let firstId: number | null = null;
  if (isTracker(source)) tracker = source;
  else {
    tracker = createAuthorship();
    for (const revision of source) {
      if (firstId === null && typeof revision.text === 'string') {
        firstId = revision.id;
        fromCreation ??= revision.parentId === null && revision.parentKnown !== false;
      }
      tracker.add(revision);
    }
  }
  const current = tracker.blame();
  if (current === null) return null;
  const history = tracker.history();
  const byUser = new Map<string | null, { tokens: number; characters: number; added: number }>();
  const entry = (user: string | null) => {
    let e = byUser.get(user);
    if (e === undefined) {
      e = { tokens: 0, characters: 0, added: 0 };
      byUser.set(user, e);
    }
    return e;
  };
  const users = history.revisions.map((r) => r.user);
  // Without the creation, the first revision's words are not its editor's.
  const first =
    fromCreation === false ? (firstId ?? history.revisions[0]?.id ?? current.revisionId) : null;
  for (let w = 0; w < history.origin.length; w++) {
    const o = history.origin[w]!;
    if (history.revisions[o]!.id !== first) entry(users[o]!).added++;
  }
  let allCharacters = 0;
  const before = { tokens: 0, characters: 0 };
  for (const t of current.tokens) {
    const e = t.originRevisionId === first ? before : entry(t.originUser);
    const n = characters(current.text, t.start, t.end);
    e.tokens++;
    e.characters += n;
    allCharacters += n;
  }
  const editors = [...byUser]
    .filter(([, e]) => e.tokens > 0 || e.added > 0)
    .map(([user, e]) => {
      // A flagged last revision is blamed without being kept: its new tokens were never added.
      const added = Math.max(e.added, e.tokens);
      return {
        user,
        tokens: e.tokens,
        characters: e.characters,
        share: allCharacters > 0 ? e.characters / allCharacters : 0,
        added,
        surviving: e.tokens,
        removed: added - e.tokens,
      };
    })
    .sort((a, b) => b.characters - a.characters || b.added - a.added || byName(a.user, b.user));
  return {
    revisionId: current.revisionId,
    tokens: current.tokens.length,
    characters: allCharacters,
    revisionsAttributed: history.revisions.length,
    revisionsWithoutText: history.hidden,
    revisionsFlagged: history.flagged,
    beforeHistory:
      first === null
        ? null
        : {
            revisionId: first,
            tokens: before.tokens,
            characters: before.characters,
            share: allCharacters > 0 ? before.characters / allCharacters : 0,
          },
    editors,
  };
}

/**
 * Orders user names by code unit (the same everywhere, unlike `localeCompare`), hidden last.
 *
 * @example
 * ```ts
 * ['b', null, 'a'].sort(byName) // ['a', 'b', null]
 * ```
 */
export function byName(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function isTracker(x: unknown): x is AuthorshipTracker {
  return (
    typeof x === 'object' && x !== null && typeof (x as AuthorshipTracker).history === 'function'
  );
}
