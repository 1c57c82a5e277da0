/**
 * Shared domain types of wikirev: plain, readonly data, discriminated by `kind`.
 * No code lives here; each stage's functions live in their own folder.
 */
import type { Diagnostic } from './errors.js';

/** The XML dialect of a feed. */
export type FeedFormat = 'atom' | 'rss';

/** Which MediaWiki feed a document is, recognised by its URLs and shape, not by its language. */
export type FeedKind =
  | 'contributions'
  | 'history'
  | 'recentchanges'
  | 'newpages'
  | 'watchlist'
  | 'unknown';

/** A parsed MediaWiki Atom or RSS feed. */
export interface Feed {
  readonly format: FeedFormat;
  readonly kind: FeedKind;
  /** The feed's own title, e.g. `Oracle Wiki - User contributions [en]`. */
  readonly title: string;
  /** The HTML page the feed belongs to (Atom `rel="alternate"`, RSS `<link>`); `null` if absent. */
  readonly siteUrl: string | null;
  /** The feed's own request URL (Atom `rel="self"`; RSS has none). */
  readonly selfUrl: string | null;
  /** BCP 47 language (`xml:lang` or `<language>`), or `null`. */
  readonly language: string | null;
  /** E.g. `MediaWiki 1.39.17`, or `null`. */
  readonly generator: string | null;
  /** When the feed was generated (not the last change), ISO 8601 UTC, or `null`. */
  readonly updated: string | null;
  readonly entries: readonly FeedEntry[];
  readonly diagnostics: readonly Diagnostic[];
}

/** One `<entry>` (Atom) or `<item>` (RSS). */
export interface FeedEntry {
  /** 0-based position in the feed (newest first, as MediaWiki emits them). */
  readonly index: number;
  /** The revision the entry is about (`diff=` in its URL), or `null` (log rows, new pages). */
  readonly revisionId: number | null;
  /**
   * The older end of the entry's diff (`oldid=` in its URL): a number, `'prev'` (history feeds:
   * the page's previous revision), or `null` (no `oldid`, or `oldid=0` which means none).
   */
  readonly parentRevisionId: number | 'prev' | null;
  /** The page, with spaces (`Markup & Escapes`), or `null` if it cannot be told. */
  readonly pageTitle: string | null;
  /** The entry link, as in the feed. */
  readonly url: string | null;
  /** The entry's date, ISO 8601 UTC ending in `Z`, or `null` if missing or unreadable. */
  readonly timestamp: string | null;
  /** The user, or `null` where hidden or empty. */
  readonly user: string | null;
  /** The edit summary as plain text (entities decoded), or `null` where absent. */
  readonly comment: string | null;
  /** The `/* Section *\/` parts of the comment, in order. */
  readonly autocomments: readonly string[];
  /** The entry's raw `<title>` text (in history feeds `USER: COMMENT`, not the page). */
  readonly title: string;
  /** What the entry's summary carries. */
  readonly content: EntryContent;
}

/** What a feed entry carries: a full text, a diff table, a link, or nothing. */
export type EntryContent =
  | WikitextContent
  | DiffContent
  | CutoffContent
  | UnavailableContent
  | LogContent
  | EmptyContent;

/** The full wikitext of a revision, byte for byte as MediaWiki stored it. */
export interface WikitextContent {
  readonly kind: 'wikitext';
  readonly text: string;
}

/** A diff table (wikidiff2 or PHP engine), parsed into hunks. */
export interface DiffContent {
  readonly kind: 'diff';
  readonly hunks: readonly DiffTableHunk[];
  /**
   * The `(N intermediate revisions … not shown)` note of a diff spanning several revisions
   * (merged recent-changes items), as plain text; `null` when the diff spans one revision.
   */
  readonly intermediateNote: string | null;
  /** The number read from that note (`One` counts as 1 only in English; else `null`). */
  readonly intermediateCount: number | null;
  /** True for an identical-text pair (`(No difference)` notice). */
  readonly noDifference: boolean;
}

/** A `Show changes` link in place of a diff too large for the feed (`$wgFeedDiffCutoff`). */
export interface CutoffContent {
  readonly kind: 'cutoff';
  readonly url: string;
}

/** `Can't load revision N`: one side's text is revision-deleted. */
export interface UnavailableContent {
  readonly kind: 'unavailable';
  readonly revisionId: number | null;
}

/** A log row (move, delete, protect, …): the log action text, as plain text. */
export interface LogContent {
  readonly kind: 'log';
  readonly text: string;
}

/** Nothing at all (empty summary, watchlist entries, error items). */
export interface EmptyContent {
  readonly kind: 'empty';
}

/** One hunk of a diff table: it starts at 1-based `oldLine`/`newLine` (the `Line N:` row). */
export interface DiffTableHunk {
  readonly oldLine: number;
  readonly newLine: number;
  readonly rows: readonly DiffTableRow[];
}

/** A range of UTF-16 code units `[start, end)` inside a row's text, marked `<ins>` or `<del>`. */
export interface InlineRange {
  readonly start: number;
  readonly end: number;
}

/** The wikidiff2 moved-paragraph link of a row: its own anchor and the one it points to. */
export interface MovedParagraph {
  /** `movedpara_2_2_lhs` style name of this end, or `null` if absent. */
  readonly anchor: string | null;
  /** The name the marker links to (the other end). */
  readonly target: string;
}

/** One row of a diff table, each text exactly the stored line. */
export type DiffTableRow =
  | { readonly kind: 'context'; readonly text: string }
  | {
      readonly kind: 'deleted';
      readonly text: string;
      /** Ranges marked `<del>` inside (a moved, edited line); empty otherwise. */
      readonly changes: readonly InlineRange[];
      readonly moved: MovedParagraph | null;
    }
  | {
      readonly kind: 'added';
      readonly text: string;
      readonly changes: readonly InlineRange[];
      readonly moved: MovedParagraph | null;
    }
  | {
      readonly kind: 'changed';
      readonly oldText: string;
      readonly newText: string;
      /** Ranges of `oldText` marked `<del>`. */
      readonly oldChanges: readonly InlineRange[];
      /** Ranges of `newText` marked `<ins>`. */
      readonly newChanges: readonly InlineRange[];
    };

/**
 * Which feed entry a revision was read from, or which of the revisions given to `buildHistory`
 * (`options.revisions`, fetched from the Action API) it came from.
 */
export interface RevisionSource {
  /** Index of the feed in the array given to `buildHistory`; `-1` for an `'api'` source. */
  readonly feedIndex: number;
  /** The feed's kind, or `'api'` for a revision given in `options.revisions`. */
  readonly feedKind: FeedKind | 'api';
  /** Index of the entry in its feed, or of the revision in `options.revisions`. */
  readonly entryIndex: number;
  /** What the entry gave: a full text, a diff, or metadata only. */
  readonly gave: 'text' | 'diff' | 'metadata';
}

/** A revert: the revision restores an earlier one and undoes those between. */
export interface Revert {
  readonly kind: 'identity' | 'undo' | 'rollback';
  /** The revision whose content was restored, or `null` if unknown. */
  readonly restores: number | null;
  /** The revisions undone, oldest first. */
  readonly reverted: readonly number[];
}

/** One revision of a page, as far as the feeds allow it to be known. */
export interface Revision {
  readonly id: number;
  readonly pageTitle: string;
  /** The parent revision id; `null` for a first revision or where unknown (see `parentKnown`). */
  readonly parentId: number | null;
  /** True when `parentId` is known (including "no parent": a page creation). */
  readonly parentKnown: boolean;
  readonly timestamp: string | null;
  readonly user: string | null;
  readonly comment: string | null;
  readonly autocomments: readonly string[];
  /** The full text, or `null` when these feeds do not allow it to be known. */
  readonly text: string | null;
  /**
   * How the text was obtained: given in full by a feed, rebuilt from diff tables, fetched
   * from the Action API (`wikirev/fetch`), or read from an XML dump (`wikirev/dump`); `null`
   * when the text is unknown.
   */
  readonly textOrigin: 'feed' | 'reconstructed' | 'api' | 'dump' | null;
  /** Hex SHA-1 of the UTF-8 text, as MediaWiki's API reports it; `null` when text is `null`. */
  readonly sha1: string | null;
  /**
   * Size in UTF-8 bytes. Where `text` is `null` it is the size MediaWiki records, when a source
   * gives it (a dump's `bytes`, the API's `size`: a revision-deleted text, or one left out for
   * a SHA-1 mismatch; MediaWiki's history shows it); `null` otherwise.
   */
  readonly size: number | null;
  readonly sources: readonly RevisionSource[];
  readonly revert: Revert | null;
  /**
   * A minor edit, where a source says so: the Action API's `minor` flag, a dump's `<minor/>`.
   * Feeds do not carry it (FORMAT.md 7): absent when unknown.
   */
  readonly minor?: boolean;
  /**
   * Marked as a bot edit (recent changes' `bot` flag: made by a bot with its flag on), where a
   * source says so; absent when unknown.
   */
  readonly bot?: boolean;
}

/** A page move seen in the feeds. */
export interface PageMove {
  readonly from: string;
  readonly to: string;
  readonly timestamp: string | null;
  readonly revisionId: number | null;
}

/** A place where revisions are known to be (or may be) missing. */
export interface RevisionGap {
  /** The newest revision known before the gap, or `null` at the start. */
  readonly after: number | null;
  /** The oldest revision known after the gap. */
  readonly before: number;
  /** How many revisions are missing, when a note or a parent link says so. */
  readonly missing: number | null;
}

/** Everything known about one page. */
export interface PageHistory {
  readonly title: string;
  /** Oldest first. */
  readonly revisions: readonly Revision[];
  readonly moves: readonly PageMove[];
  readonly gaps: readonly RevisionGap[];
  /** True only where the feeds prove no revision is missing. */
  readonly complete: boolean;
}

/** The result of `buildHistory`. */
export interface History {
  readonly pages: readonly PageHistory[];
  readonly diagnostics: readonly Diagnostic[];
}
