/**
 * wikirev: MediaWiki feeds to trustworthy revision history.
 *
 * The only barrel of the package: every public name is listed here explicitly, stage by stage
 * along the pipeline (feed → wikitext → revisions → diff → sections → authorship).
 * @packageDocumentation
 */

export type {
  AuthorshipStats,
  AuthorshipStatsOptions,
  EditorShare,
  RevisionPersistence,
} from './authorship/authorship-stats.js';
export { authorshipStats } from './authorship/authorship-stats.js';
export type { BlameOptions } from './authorship/blame.js';
export { blame } from './authorship/blame.js';
export type {
  AuthorshipHistory,
  AuthorshipInput,
  AuthorshipOptions,
  AuthorshipRevisionStats,
  AuthorshipTracker,
  Blame,
  BlameToken,
} from './authorship/create-authorship.js';
export { createAuthorship } from './authorship/create-authorship.js';
export type { DiffRevisionsOptions, RevisionDiff, RevisionSide } from './diff/diff-revisions.js';
export { diffRevisions } from './diff/diff-revisions.js';
export type { DiffHunk, DiffLine, DiffTextOptions, TextDiff } from './diff/diff-text.js';
export { diffText } from './diff/diff-text.js';
export type { MovedBlock } from './diff/text-diff.js';
export type { FormatUnifiedDiffOptions } from './diff/unified.js';
export { applyUnifiedDiff, formatUnifiedDiff } from './diff/unified.js';
export type { WordChange, WordDiff } from './diff/word-change.js';
export type { DiffWordsOptions } from './diff/words.js';
export { diffWords } from './diff/words.js';
export type {
  Diagnostic,
  DiagnosticSeverity,
  ErrorPlace,
  SourceLocation,
  WikirevErrorCode,
} from './errors.js';
export { WikirevError } from './errors.js';
export type { ParseFeedOptions } from './feed/parse-feed.js';
export { parseFeed } from './feed/parse-feed.js';
export type { LimitName } from './limits.js';
export { DEFAULT_LIMITS } from './limits.js';
export type {
  CutoffContent,
  DiffContent,
  DiffTableHunk,
  DiffTableRow,
  EmptyContent,
  EntryContent,
  Feed,
  FeedEntry,
  FeedFormat,
  FeedKind,
  History,
  InlineRange,
  LogContent,
  MovedParagraph,
  PageHistory,
  PageMove,
  Revert,
  Revision,
  RevisionGap,
  RevisionSource,
  UnavailableContent,
  WikitextContent,
} from './model.js';
export type { AnalyzeOptions } from './report/analyze-history.js';
export { analyzeHistory, reportFromPages } from './report/analyze-history.js';
export type { RenderBlameHtmlOptions } from './report/authorship-blame-html.js';
export { renderBlameHtml } from './report/authorship-blame-html.js';
export type { AuthorshipEditorReport, AuthorshipReport } from './report/authorship-report.js';
export { authorshipReport } from './report/authorship-report.js';
export type { ReportPeriod } from './report/dates.js';
export type {
  EditorRank,
  HistoryReport,
  PageReport,
  PeriodReport,
  ReportAutocommentVerdict,
  ReportDiff,
  ReportDiffHunk,
  ReportDiffLine,
  ReportFilters,
  ReportMove,
  ReportSectionChange,
  ReportTotals,
  ReportWord,
  RevisionRef,
  RevisionReport,
  SectionEdits,
  UserReport,
} from './report/history-report.js';
export type { RenderReportOptions, ReportFormat } from './report/render-report.js';
export { renderReport } from './report/render-report.js';
export type { RevisionCsvOptions } from './report/revision-csv.js';
export { revisionCsv } from './report/revision-csv.js';
export type { RevisionExtra, RevisionRow, RevisionRowsOptions } from './report/revision-rows.js';
export { REVISION_COLUMNS, revisionRows } from './report/revision-rows.js';
export type { WikiLinks } from './report/wiki-links.js';
export { wikiLinksOf } from './report/wiki-links.js';
export type { ApplyDiffTableOptions, ApplyDiffTableResult } from './revisions/apply-diff-table.js';
export { applyDiffTable } from './revisions/apply-diff-table.js';
export type { BuildHistoryOptions } from './revisions/build-history.js';
export { buildHistory } from './revisions/build-history.js';
export type { DetectRevertsOptions, RevertCandidate } from './revisions/reverts.js';
export { detectReverts } from './revisions/reverts.js';
export { sha1Hex } from './revisions/sha1.js';
export type { SourceNames } from './revisions/source-names.js';
export type { NormalizeTitleOptions } from './revisions/titles.js';
export { normalizeTitle } from './revisions/titles.js';
export type { HeadingAnchorOptions } from './sections/anchors.js';
export { headingAnchor } from './sections/anchors.js';
export type {
  CompareSectionsOptions,
  SectionChange,
  SectionChangeKind,
} from './sections/compare-sections.js';
export { compareSections } from './sections/compare-sections.js';
export type { TemplateResolver } from './sections/expand-templates.js';
export { DEFAULT_EXTENSION_TAGS } from './sections/extension-tags.js';
export type { ParseSectionsOptions, Section } from './sections/parse-sections.js';
export { parseSections } from './sections/parse-sections.js';
export type {
  AutocommentCheck,
  AutocommentVerdict,
  NamedSection,
  SectionRange,
  VerifyAutocommentOptions,
} from './sections/verify-autocomment.js';
export { verifyAutocomment } from './sections/verify-autocomment.js';
export { parseAutocomments } from './wikitext/comments.js';
export { decodeWikitextHtml, unescapeXml } from './wikitext/decode.js';
