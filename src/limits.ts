/**
 * The resource policy: every limit wikirev applies, its default, and the one way a limit is
 * checked and reported. docs/12-limits.md lists them for users.
 */
import { type SourceLocation, WikirevError, type WikirevErrorCode } from './errors.js';

/**
 * The default of every limit, by option name. Each is also an option of the functions it
 * bounds (`parseFeed`'s `maxInputBytes`, `diffText`'s `maxWordDiffCost`, …).
 *
 * @example
 * ```ts
 * DEFAULT_LIMITS.maxWordDiffCost // 40000000
 * ```
 */
export const DEFAULT_LIMITS = {
  /** Bytes of one input (a feed, a standard input, a file, an HTTP body). */
  maxInputBytes: 256 * 1024 * 1024,
  /** Bytes of one element's text while reading XML (a feed entry's content, a dump revision). */
  maxEntryBytes: 64 * 1024 * 1024,
  /** Entries (items) of one feed: each becomes an object of about a kilobyte, however small in the input. */
  maxFeedEntries: 100_000,
  /** Word pass budget: product of the two lines' word counts past which a changed line pair
   *  is shown as a whole-line change (wikidiff2's `$wgDiff2MaxWordDiffCost`-like 40,000,000). */
  maxWordDiffCost: 40_000_000,
  /** HTTP requests one fetch call may make (continuation included). */
  maxRequests: 10_000,
  /** Nesting depth of template calls expanded for one heading's anchor (MediaWiki's 100). */
  maxTemplateDepth: 100,
  /** Characters template expansion may produce for one page's anchors (MediaWiki's 2 MB). */
  maxTemplateExpansion: 2 * 1024 * 1024,
  /** Bytes (2 per UTF-16 unit) of the texts `buildHistory` builds from diff tables, kept or
   *  checked: a table of a few bytes can stand for a whole page, so a feed cannot make it build
   *  more than this. */
  maxHistoryTextBytes: 1024 * 1024 * 1024,
  /** Bytes of revision texts one page's history may hold in memory (`historyFromDump`). */
  maxHistoryBytes: 1024 * 1024 * 1024,
  /** Token pairs the authorship word diff may score for similarity in one revision (WikiWho's
   *  `Differ` compares every pair of a replaced block); past it, blocks are left unpaired. */
  maxAuthorshipPairs: 10_000_000,
  /** Tokens the authorship tracker may hold for a dump page analysed pair by pair (about 60
   *  bytes each, docs/16-authorship.md); past it that page's report has no authorship part. */
  maxAuthorshipTokens: 5_000_000,
} as const;

/** The name of a limit in {@link DEFAULT_LIMITS}. */
export type LimitName = keyof typeof DEFAULT_LIMITS;

/**
 * Reads a limit option: `undefined` gives the default; anything but a positive integer or
 * `Infinity` is a `RangeError` naming the function and the option (misuse, not bad input).
 *
 * @example
 * ```ts
 * limitOption('parseFeed', 'maxInputBytes', undefined) // 268435456
 * ```
 */
export function limitOption(fn: string, name: LimitName, value: number | undefined): number {
  if (value === undefined) return DEFAULT_LIMITS[name];
  if (
    typeof value !== 'number' ||
    Number.isNaN(value) ||
    value <= 0 ||
    (Number.isFinite(value) && !Number.isInteger(value))
  ) {
    throw new RangeError(
      `${fn}: options.${name} must be a positive integer or Infinity, got ${String(value)}`,
    );
  }
  return value;
}

/**
 * The error for an exceeded limit: the code, what was measured, the limit and its option name,
 * so the message tells the user which option to raise.
 *
 * @example
 * ```ts
 * limitExceeded('INPUT_TOO_LARGE', 'the input', 300, 'maxInputBytes', 256).message
 * // 'the input (at least 300 bytes) exceeds maxInputBytes (256)'
 * ```
 */
export function limitExceeded(
  code: WikirevErrorCode,
  what: string,
  measured: number,
  name: LimitName,
  limit: number,
  location?: SourceLocation,
): WikirevError {
  return new WikirevError(
    code,
    `${what} (at least ${measured} bytes) exceeds ${name} (${limit})`,
    location,
  );
}

/**
 * Counts bytes as they arrive and throws as soon as a limit is passed, so a reader never holds
 * more than the limit (stdin, files, HTTP bodies, decompressed dump streams).
 *
 * @example
 * ```ts
 * const budget = new ByteBudget('maxInputBytes', 10, 'standard input');
 * budget.add(8); budget.add(8); // throws WikirevError INPUT_TOO_LARGE
 * ```
 */
export class ByteBudget {
  #used = 0;
  readonly name: LimitName;
  readonly limit: number;
  readonly what: string;
  readonly code: WikirevErrorCode;

  constructor(
    name: LimitName,
    limit: number,
    what: string,
    code: WikirevErrorCode = 'INPUT_TOO_LARGE',
  ) {
    this.name = name;
    this.limit = limit;
    this.what = what;
    this.code = code;
  }

  /** Bytes counted so far. */
  get used(): number {
    return this.#used;
  }

  /** Counts `bytes` more; throws the limit's `WikirevError` once past it. */
  add(bytes: number): void {
    this.#used += bytes;
    if (this.#used > this.limit) {
      throw limitExceeded(this.code, this.what, this.#used, this.name, this.limit);
    }
  }
}
