/**
 * wikirev: MediaWiki feeds to trustworthy revision history.
 *
 * The only barrel of the package: every public name is listed here explicitly.
 * @packageDocumentation
 */

export type { Diagnostic, DiagnosticSeverity, SourceLocation, WikirevErrorCode } from './errors.js';
export { WikirevError } from './errors.js';
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
