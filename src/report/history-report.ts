/**
 * The data of a revision report: what `analyzeHistory` computes and every renderer reads.
 * Plain, readonly, JSON-safe (no `undefined`, no Date), described by `docs/report.schema.json`.
 */
import type { Diagnostic } from '../errors.js';
import type { PageMove, Revert, RevisionGap } from '../model.js';
import type { AuthorshipReport } from './authorship-report.js';
import type { ReportPeriod } from './dates.js';

/** One segment of a changed line (concatenated, the segments give the line back). */
export interface ReportWord {
  readonly kind: 'equal' | 'inserted' | 'deleted';
  readonly text: string;
}

/** One line of a report diff; `words` marks what changed in a line paired with another. */
export interface ReportDiffLine {
  readonly kind: 'context' | 'deleted' | 'added';
  readonly text: string;
  /** 1-based line in the old text (context and deleted lines), else `null`. */
  readonly oldLine: number | null;
  /** 1-based line in the new text (context and added lines), else `null`. */
  readonly newLine: number | null;
  readonly words: readonly ReportWord[] | null;
  /** The moved block this line belongs to (see `moves`), else `null`. */
  readonly moveId: number | null;
}

/** A hunk of a report diff (line numbers 1-based, as in a unified diff). */
export interface ReportDiffHunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly ReportDiffLine[];
}

/** A moved block of lines (deleted at `oldStart`, added at `newStart`). */
export interface ReportMove {
  readonly id: number;
  readonly oldStart: number;
  readonly newStart: number;
  readonly lines: number;
}

/** The line diff of a revision against its base, cut to `maxDiffLines` lines. */
export interface ReportDiff {
  readonly hunks: readonly ReportDiffHunk[];
  readonly moves: readonly ReportMove[];
  /** True when lines were left out past `maxDiffLines`. */
  readonly truncated: boolean;
}

/** How a section fared in a revision (see `compareSections`). */
export interface ReportSectionChange {
  readonly kind: 'added' | 'removed' | 'split' | 'merged' | 'renamed' | 'moved' | 'modified';
  /** Title before (`''` for the lead), or `null` for an added section. */
  readonly oldTitle: string | null;
  /** Title after (`''` for the lead), or `null` for a removed section. */
  readonly newTitle: string | null;
  readonly linesAdded: number;
  readonly linesRemoved: number;
}

/** The verdict on a summary's `/* Section *\/` claims (see `verifyAutocomment`). */
export type ReportAutocommentVerdict = 'agrees' | 'disagrees' | 'unresolved' | 'no-claim';

/** One revision in a report. */
export interface RevisionReport {
  readonly id: number;
  readonly pageTitle: string;
  readonly timestamp: string | null;
  readonly user: string | null;
  readonly comment: string | null;
  /** Size in UTF-8 bytes (the API's `size`), `null` when the text is unknown. */
  readonly size: number | null;
  /**
   * The revision compared against: the parent when known, else the previous revision of the page
   * these feeds show (`baseIsParent` false); `null` for a page creation or when there is none.
   */
  readonly base: number | null;
  /** True when `base` is the real parent (or the revision created the page). */
  readonly baseIsParent: boolean;
  /** True when the revision created the page (its parent is known to be none). */
  readonly created: boolean;
  /** `size` minus the base's size (a creation: `size`); `null` when either is unknown. */
  readonly sizeChange: number | null;
  /** Lines added against the base; `null` when a text is unknown. */
  readonly linesAdded: number | null;
  readonly linesRemoved: number | null;
  /** Sections that changed; `null` when a text is unknown. */
  readonly sections: readonly ReportSectionChange[] | null;
  /** The summary's autocomment verdict; `null` without a summary or a text. */
  readonly autocomment: ReportAutocommentVerdict | null;
  /** The revert this revision is, if any. */
  readonly revert: Revert | null;
  /** Revisions that reverted this one. */
  readonly revertedBy: readonly number[];
  /** Whether the revision's full text is known. */
  readonly textKnown: boolean;
  /** The diff against the base, when both texts are known and diffs were asked for. */
  readonly diff: ReportDiff | null;
  /** A minor edit (the API's or a dump's flag); `null` where no source says (feeds do not). */
  readonly minor: boolean | null;
  /** Flagged as a bot edit (recent changes' `bot` flag); `null` where no source says. */
  readonly bot: boolean | null;
}

/** How often a section was changed on a page. */
export interface SectionEdits {
  readonly title: string;
  readonly edits: number;
}

/** One page in a report. */
export interface PageReport {
  readonly title: string;
  /** The revisions kept by the filters, oldest first. */
  readonly revisions: readonly RevisionReport[];
  /** Distinct users, most edits first (then by name); hidden users left out. */
  readonly editors: readonly string[];
  readonly firstEdit: string | null;
  readonly lastEdit: string | null;
  /** Sum of the positive size changes. */
  readonly bytesAdded: number;
  /** Sum of the negative size changes, as a positive number. */
  readonly bytesRemoved: number;
  /** Sections by number of revisions that changed them, most first. */
  readonly mostEditedSections: readonly SectionEdits[];
  /** Ids of revisions that are reverts. */
  readonly reverts: readonly number[];
  readonly gaps: readonly RevisionGap[];
  readonly moves: readonly PageMove[];
  /** True only where the feeds prove no revision is missing. */
  readonly complete: boolean;
  /** Who wrote the current text (see `authorshipReport`); `null` when no text is known. */
  readonly authorship: AuthorshipReport | null;
}

/** One user in a report. */
export interface UserReport {
  readonly user: string;
  readonly edits: number;
  readonly pages: readonly string[];
  readonly bytesAdded: number;
  readonly bytesRemoved: number;
  readonly firstEdit: string | null;
  readonly lastEdit: string | null;
  /** Edits known to be minor. */
  readonly minorEdits: number;
  /** Edits known to be flagged as bot edits. */
  readonly botEdits: number;
}

/** Edits in one timeline period. */
export interface PeriodReport {
  /** `2008-07-18 14:00` (hour), `2008-07-18` (day), `2008-W29` (ISO week), `2008-07` (month). */
  readonly label: string;
  /** First day of the period in the report's time zone (an hour: `2008-07-18T14:00`). */
  readonly start: string;
  readonly edits: number;
  readonly bytesAdded: number;
  readonly bytesRemoved: number;
  /** Edits known to be minor. */
  readonly minorEdits: number;
  /** Edits known to be flagged as bot edits. */
  readonly botEdits: number;
}

/** A revision named in a ranking. */
export interface RevisionRef {
  readonly id: number;
  readonly pageTitle: string;
  readonly user: string | null;
  readonly timestamp: string | null;
  readonly sizeChange: number | null;
  readonly comment: string | null;
}

/** A user's rank by edits or bytes. */
export interface EditorRank {
  readonly user: string;
  readonly edits: number;
  readonly bytesAdded: number;
}

/** The filters a report was made with (`null`: not filtered). */
export interface ReportFilters {
  readonly pages: readonly string[] | null;
  readonly users: readonly string[] | null;
  readonly since: string | null;
  readonly until: string | null;
}

/** Whole-report totals. */
export interface ReportTotals {
  readonly pages: number;
  readonly revisions: number;
  readonly users: number;
  readonly bytesAdded: number;
  readonly bytesRemoved: number;
  /** Revisions whose text is known. */
  readonly textsKnown: number;
  /** Edits known to be minor. */
  readonly minorEdits: number;
  /** Revisions whose minor flag is known (from the API or a dump; feeds do not carry it). */
  readonly minorKnown: number;
  /** Edits known to be flagged as bot edits. */
  readonly botEdits: number;
  /** Revisions whose bot flag is known (from recent changes). */
  readonly botKnown: number;
  readonly firstEdit: string | null;
  readonly lastEdit: string | null;
}

/** The analysis of a {@link History}: the data behind every report format. */
export interface HistoryReport {
  /** 2 since the hour period, `--top` and the minor and bot counts. */
  readonly schemaVersion: 2;
  /** The `now` option, ISO 8601 UTC, or `null` when none was given. */
  readonly generatedAt: string | null;
  readonly timeZone: string;
  readonly period: ReportPeriod;
  /** Length of the rankings (`top` option). */
  readonly top: number;
  readonly filters: ReportFilters;
  readonly totals: ReportTotals;
  /** Pages with at least one revision kept, by title. */
  readonly pages: readonly PageReport[];
  /** Users by edits (most first), then by name. */
  readonly users: readonly UserReport[];
  /** Edit counts per period, empty periods included (unless there would be too many). */
  readonly timeline: readonly PeriodReport[];
  readonly topEditorsByEdits: readonly EditorRank[];
  readonly topEditorsByBytes: readonly EditorRank[];
  readonly largestAdditions: readonly RevisionRef[];
  readonly largestRemovals: readonly RevisionRef[];
  /** Revisions whose `/* Section *\/` summary names a section that did not change. */
  readonly autocommentMismatches: readonly RevisionRef[];
  /** The history's diagnostics. */
  readonly diagnostics: readonly Diagnostic[];
}
