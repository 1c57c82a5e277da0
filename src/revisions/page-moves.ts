/**
 * Page moves read from the comments MediaWiki writes for them (on the moved page's null
 * revision, on the redirect left behind, and as the log action text of recent-changes rows).
 */
import { type NormalizeTitleOptions, normalizeTitle } from './titles.js';

/** MediaWiki's limit on a title, in bytes; a longer string (in UTF-16 units) is no title. */
const MAX_TITLE_LENGTH = 255;

/** A move read from one comment: old and new title, normalised. */
export interface ParsedMove {
  readonly from: string;
  readonly to: string;
}

/** Options of {@link parseMoveComment}. */
export interface ParseMoveCommentOptions {
  /**
   * Titles known to exist or to be involved (e.g. the page the comment belongs to). Feeds show
   * the move comment with its links reduced to their text (`X moved page Old name to New
   * name: reason`), so a title containing ` to ` or `: ` makes the split ambiguous; a split
   * naming a known title wins.
   * @default []
   */
  readonly knownTitles?: readonly string[];
  /**
   * Accept a link-stripped split only when the new title is one of `knownTitles`. Recent-changes
   * log rows put the reason after a plain space (`… to New name Better name`), so without a
   * known title the new title's end cannot be told.
   * @default false
   */
  readonly requireKnownTarget?: boolean;
  /** Title normalisation applied to both titles. @default {} */
  readonly titles?: NormalizeTitleOptions;
}

/**
 * Read a page move from a comment or log text in MediaWiki's English form: `USER moved page
 * [[A]] to [[B]]` (API comments), `USER moved page A to B` (feeds, links stripped), the older
 * `USER moved [[A]] to [[B]]`, each optionally followed by ` over redirect` and `: reason` (or,
 * in recent-changes log rows, ` reason`).
 *
 * @param comment - The comment or log text.
 * @param options - See {@link ParseMoveCommentOptions}.
 * @returns The move, or `null` when the text is not a move.
 * @example
 * ```ts
 * parseMoveComment("Dan moved page [[Old name]] to [[New name]]: Better") // { from: 'Old name', to: 'New name' }
 * parseMoveComment('Dan moved page Old name to New name: Better', { knownTitles: ['New name'] })
 * // { from: 'Old name', to: 'New name' }
 * ```
 */
export function parseMoveComment(
  comment: string,
  options: ParseMoveCommentOptions = {},
): ParsedMove | null {
  const titleOptions = options.titles ?? {};
  const norm = (title: string) => normalizeTitle(title, titleOptions);
  const known = new Set((options.knownTitles ?? []).map(norm));
  return readMoveComment(comment, {
    isKnown: (title) => known.has(title),
    requireKnownTarget: options.requireKnownTarget === true,
    norm,
  });
}

/** What {@link readMoveComment} needs: known titles as a test, so callers can index them once. */
export interface ReadMoveCommentInput {
  /** Whether a normalised title is known. */
  readonly isKnown: (title: string) => boolean;
  readonly requireKnownTarget: boolean;
  readonly norm: (title: string) => string;
}

/** {@link parseMoveComment} with the known titles already normalised (buildHistory's path). */
export function readMoveComment(comment: string, input: ReadMoveCommentInput): ParsedMove | null {
  const { isKnown, norm } = input;
  const bracketed =
    / moved (?:page )?\[\[([^\]|]+)(?:\|[^\]]*)?\]\] to \[\[([^\]|]+)(?:\|[^\]]*)?\]\]/.exec(
      comment,
    );
  if (bracketed?.[1] !== undefined && bracketed[2] !== undefined) {
    return { from: norm(bracketed[1]), to: norm(bracketed[2]) };
  }
  const plain = / moved (?:page )?(.+)$/.exec(comment);
  if (plain?.[1] === undefined) return null;
  const candidates = splitCandidates(plain[1], norm);
  const best =
    candidates.find((c) => isKnown(c.from) && isKnown(c.to)) ??
    candidates.find((c) => isKnown(c.to));
  if (best) return { from: best.from, to: best.to };
  if (input.requireKnownTarget) return null;
  const fromKnown = candidates.find((c) => isKnown(c.from) && c.colonEnd);
  if (fromKnown) return { from: fromKnown.from, to: fromKnown.to };
  // Without a known title, take the first ` to ` and the text up to `: ` (the feeds' form).
  const first = / moved (?:page )?(.+?) to (.+?)(?: over redirect)?(?:: |$)/.exec(comment);
  if (first?.[1] === undefined || first[2] === undefined) return null;
  return { from: norm(first[1]), to: norm(first[2]) };
}

/** Every way to split `A to B: reason` (links stripped) into an old and a new title. */
function splitCandidates(
  rest: string,
  norm: (title: string) => string,
): (ParsedMove & { readonly colonEnd: boolean })[] {
  const candidates: (ParsedMove & { readonly colonEnd: boolean })[] = [];
  // A title is at most 255 bytes (MediaWiki's page_title), so longer splits are not tried:
  // this bounds the splits of a long comment, which otherwise grow with its length squared.
  let at = rest.indexOf(' to ');
  while (at > 0 && at <= MAX_TITLE_LENGTH) {
    const from = norm(rest.slice(0, at));
    const tail = rest.slice(at + 4).replace(/ over redirect(?=$|:| )/, '');
    // The new title ends at `: ` (feed comments) or at the end; recent-changes log rows put
    // the reason after a plain space, which only a known title can disambiguate.
    const ends: [number, boolean][] = [[tail.length, true]];
    const next = (sep: string, i: number) => {
      const found = tail.indexOf(sep, i);
      return found > MAX_TITLE_LENGTH ? -1 : found;
    };
    for (let i = next(': ', 0); i > 0; i = next(': ', i + 1)) ends.push([i, true]);
    for (let i = next(' ', 0); i > 0; i = next(' ', i + 1)) ends.push([i, false]);
    for (const [end, colonEnd] of ends) {
      const to = tail.slice(0, end);
      if (end <= MAX_TITLE_LENGTH && to.trim() !== '') {
        candidates.push({ from, to: norm(to), colonEnd });
      }
    }
    at = rest.indexOf(' to ', at + 1);
  }
  return candidates;
}
