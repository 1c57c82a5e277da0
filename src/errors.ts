/**
 * The closed set of codes a {@link WikirevError} carries.
 *
 * - `INVALID_XML`: the input is not well-formed XML (or is truncated).
 * - `NOT_A_FEED`: well-formed XML, but neither an Atom `<feed>` nor an RSS `<rss><channel>`.
 * - `INPUT_TOO_LARGE`: the input exceeds `maxInputBytes`.
 * - `ENTITY_DECLARATION`: the document declares entities (DOCTYPE), which feeds never do;
 *   refused so that entity-expansion attacks and external entities cannot happen.
 * - `INVALID_ENCODING`: the bytes are not valid UTF-8.
 * - `INVALID_TEXT`: a text argument cannot be processed (e.g. past a configured size limit).
 * - `ENTRY_TOO_LARGE`: one element of the input (a feed entry, a title, a dump revision's text)
 *   exceeds `maxEntryBytes`; checked while reading, so it is never held whole.
 * - `BUDGET_EXCEEDED`: a work budget ran out (requests, time) before the work was done.
 * - `NOT_A_DUMP`: well-formed XML, but not a MediaWiki XML dump (`wikirev/dump`).
 * - `FILE_UNREADABLE`: a dump file cannot be opened (missing, no permission); the error's
 *   `file` names it, its message says why (`a.xml: no such file`).
 * - `SHA1_MISMATCH`: a dump revision's text does not hash to its recorded SHA-1 (when asked
 *   to throw; by default a diagnostic).
 * - `DECOMPRESSION_FAILED`: a compressed dump is corrupt or its decompressor failed.
 * - `DECOMPRESSOR_MISSING`: the tool a compressed dump needs (`7z`) is not installed.
 * - `DEPENDENCY_MISSING`: an optional package a feature needs is not installed (`bullmq` and
 *   `ioredis` for the Redis queue).
 * - `QUEUE_UNREACHABLE`: the Redis server of a work queue does not answer (`wikirev/scale`).
 * - `QUEUE_INCOMPLETE`: a queue's results are collected before every unit is done, or some
 *   unit is on the dead-letter list.
 * - `OVERLAPPING_DUMPS`: two dump files of one run hold the same pages (the same file given
 *   twice, page ranges in Wikimedia part names that overlap, or one page id read from both),
 *   which would count those pages twice (`wikirev/scale`).
 */
export type WikirevErrorCode =
  | 'INVALID_XML'
  | 'NOT_A_FEED'
  | 'INPUT_TOO_LARGE'
  | 'ENTITY_DECLARATION'
  | 'INVALID_ENCODING'
  | 'INVALID_TEXT'
  | 'ENTRY_TOO_LARGE'
  | 'BUDGET_EXCEEDED'
  | 'NOT_A_DUMP'
  | 'FILE_UNREADABLE'
  | 'SHA1_MISMATCH'
  | 'DECOMPRESSION_FAILED'
  | 'DECOMPRESSOR_MISSING'
  | 'DEPENDENCY_MISSING'
  | 'QUEUE_UNREACHABLE'
  | 'QUEUE_INCOMPLETE'
  | 'OVERLAPPING_DUMPS';

/** Where in the input a problem was found (1-based line and column). */
export interface SourceLocation {
  readonly line: number;
  readonly column: number;
}

/**
 * Thrown for input that cannot be used at all; `code` says why, `line`/`column` where.
 *
 * @example
 * ```ts
 * try { parseFeed('<html>') } catch (e) {
 *   if (e instanceof WikirevError) e.code // 'NOT_A_FEED'
 * }
 * ```
 */
export class WikirevError extends Error {
  override readonly name = 'WikirevError';
  readonly code: WikirevErrorCode;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The file the problem is in, where the reader knows it (a dump read from a path). */
  readonly file: string | undefined;
  /** The dump page being read, where there is one. */
  readonly pageId: number | undefined;
  readonly title: string | undefined;
  /** The message without file and page, for callers that name those themselves. */
  readonly detail: string;

  constructor(
    code: WikirevErrorCode,
    message: string,
    location?: SourceLocation,
    place?: ErrorPlace,
  ) {
    const detail = location
      ? `${message} (line ${location.line}, column ${location.column})`
      : message;
    super(`${placeText(place ?? {})}${detail}`);
    this.code = code;
    this.line = location?.line;
    this.column = location?.column;
    this.file = place?.file;
    this.pageId = place?.pageId;
    this.title = place?.title;
    this.detail = detail;
  }
}

/** Which file and dump page a {@link WikirevError} is about, each where known. */
export interface ErrorPlace {
  readonly file?: string | undefined;
  readonly pageId?: number | undefined;
  readonly title?: string | undefined;
}

/**
 * The words that name a place before a message, built in this one place so that no layer
 * names a file or page twice.
 *
 * @example
 * ```ts
 * placeText({ file: 'a.xml', pageId: 13, title: 'Cut' }) // 'a.xml: page 13 "Cut": '
 * placeText({}) // ''
 * ```
 */
export function placeText(place: ErrorPlace): string {
  const file = place.file === undefined ? '' : `${place.file}: `;
  if (place.pageId === undefined && place.title === undefined) return file;
  const id = place.pageId === undefined ? '' : ` ${place.pageId}`;
  const title = place.title === undefined ? '' : ` ${JSON.stringify(place.title)}`;
  return `${file}page${id}${title}: `;
}

/** How serious a {@link Diagnostic} is. */
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/**
 * A recoverable problem, recorded on a result instead of thrown; the data is kept with what
 * could be read.
 *
 * @example
 * ```ts
 * { severity: 'warning', code: 'ENTRY_BAD_DATE', message: 'entry 3: …', entryIndex: 3 }
 * ```
 */
export interface Diagnostic {
  readonly severity: DiagnosticSeverity;
  /** A stable, machine-readable code such as `ENTRY_BAD_DATE`. */
  readonly code: string;
  readonly message: string;
  /** Index of the feed entry concerned, when there is one. */
  readonly entryIndex?: number;
  /** Revision id concerned, when there is one. */
  readonly revisionId?: number;
  /** Page title concerned, when there is one. */
  readonly pageTitle?: string;
}
