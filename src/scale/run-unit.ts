/**
 * `runUnit`: one unit of work analysed and written to its output file, under a temporary name
 * renamed into place at the end, so that a unit killed midway leaves no partial output and a
 * unit run again writes the same file.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The per-page reading loop of historyFromDump and analyzeDumpPage: internal (its positional
// signature and `over` state are not public API), imported here rather than written again.
import { pageTooLarge, readDumpPageRevisions, writesParents } from '../dump/dump-page-revisions.js';
import { fileUnreadable } from '../dump/file-unreadable.js';
import { readFileChunks } from '../dump/read-file-chunks.js';
import {
  type AnalyzeDumpPageOptions,
  analyzeDumpPage,
  type Bzip2Decoder,
  type DumpPage,
  type DumpReader,
  type DumpRevision,
  readDump,
} from '../dump.js';
import { placeText } from '../errors.js';
import {
  type AnalyzeOptions,
  analyzeHistory,
  DEFAULT_LIMITS,
  type Diagnostic,
  type PageReport,
  type RevisionExtra,
  type RevisionRow,
  revisionCsv,
  revisionRows,
  WikirevError,
  type WikirevErrorCode,
} from '../index.js';
import { checkFilePageIds } from './file-page-ids.js';
import type { WorkUnit } from './work-unit.js';

/** Options of {@link runUnit}. */
export interface RunUnitOptions {
  /**
   * The folder outputs are written to (created if missing); a unit's output is
   * `<outDir>/<unit.id>.jsonl`.
   * @default `<os tmpdir>/wikirev-units`
   */
  readonly outDir?: string;
  /**
   * Analyse each page for the report (`md`, `html`, `json`).
   * @default true
   */
  readonly report?: boolean;
  /**
   * Compute the per-revision rows (`csv`, `parquet`).
   * @default true
   */
  readonly rows?: boolean;
  /**
   * With `rows`, write each page's rows as CSV lines (the page record's `csv`, formula guard on,
   * as `mergeUnitOutputs` writes them) instead of objects: a merge to CSV then copies text, so
   * the rendering runs in the workers, not on the merging thread. Such an output cannot be
   * merged to Parquet.
   * @default false
   */
  readonly csv?: boolean;
  /**
   * Fill the rows' authorship columns (`revisionRows`' `authorship`).
   * @default false
   */
  readonly authorship?: boolean;
  /**
   * `analyzeHistory`'s options for each page (filters, diffs, `maxDiffLines`); the whole-report
   * ones (`now`, `top`, `period`) matter only when merging.
   * @default {}
   */
  readonly analysis?: AnalyzeOptions;
  /**
   * Bytes of revision texts one page may hold; a page past it is an error of the unit, named
   * with its file and page, and the unit goes on with the next page.
   * @default DEFAULT_LIMITS.maxHistoryBytes (1 GiB)
   */
  readonly maxHistoryBytes?: number;
  /**
   * Bytes of one revision text (see `readDump`).
   * @default DEFAULT_LIMITS.maxEntryBytes (64 MiB)
   */
  readonly maxEntryBytes?: number;
  /** @default 'auto' */
  readonly bzip2Decoder?: Bzip2Decoder;
  /**
   * Called after each page written, with the unit's counts so far (a queue job's progress).
   * @default none
   */
  readonly onProgress?: (done: { readonly pages: number; readonly revisions: number }) => void;
  /**
   * Return the output already there (a unit finished by an earlier run) instead of redoing it.
   * @default false
   */
  readonly reuse?: boolean;
}

/** A problem of one unit: which file, which page, what. */
export interface UnitError {
  /** The dump file (path or URL). */
  readonly file: string;
  /** The page being read, or `null` before the first page. */
  readonly pageId: number | null;
  readonly title: string | null;
  /** A `WikirevErrorCode`, or `INTERNAL` for an unexpected error. */
  readonly code: string;
  /** What went wrong, without the file and page. */
  readonly detail: string;
  /** The file, the page and what went wrong, for a human. */
  readonly message: string;
}

/** What {@link runUnit} did. */
export interface UnitResult {
  readonly unit: WorkUnit;
  /** The output file. */
  readonly output: string;
  readonly pages: number;
  readonly revisions: number;
  /** Pages that could not be analysed (the others were). */
  readonly errors: readonly UnitError[];
  /** True when the output of an earlier run was returned (`reuse`). */
  readonly reused: boolean;
  /** The dump's own notes (`DUMP_LOG_ITEMS_SKIPPED`: a log dump's items). */
  readonly diagnostics?: readonly Diagnostic[];
}

/** One line of a unit's output file (JSON Lines). */
export type UnitRecord =
  | { readonly kind: 'unit'; readonly version: 1; readonly unit: WorkUnit }
  | {
      readonly kind: 'page';
      readonly pageId: number;
      readonly namespace: number;
      readonly title: string;
      readonly report: PageReport | null;
      readonly rows: readonly RevisionRow[] | null;
      /** The rows as CSV lines without header, when run with `csv` (then `rows` is `null`). */
      readonly csv?: { readonly rows: number; readonly text: string };
      readonly diagnostics: readonly Diagnostic[];
    }
  | ({ readonly kind: 'error' } & UnitError)
  | {
      readonly kind: 'end';
      readonly pages: number;
      readonly revisions: number;
      readonly errors: readonly UnitError[];
      /** See {@link UnitResult}'s. */
      readonly diagnostics?: readonly Diagnostic[];
    };

const isUrl = (name: string) => /^https?:\/\//i.test(name);

async function* fetchRange(url: string, start: number, end: number): AsyncGenerator<Uint8Array> {
  const response = await fetch(url, { headers: { range: `bytes=${start}-${end - 1}` } });
  if (response.status !== 206 || response.body === null) {
    throw new WikirevError(
      'DECOMPRESSION_FAILED',
      `${url}: the server did not answer the byte range ${start}-${end - 1} (HTTP ${response.status})`,
    );
  }
  // Node's web streams are async iterable (the DOM typings do not say so).
  yield* response.body as unknown as AsyncIterable<Uint8Array>;
}

/**
 * A plain XML range goes straight to the dump scanner, which copies what it keeps: its chunks
 * can share two buffers. A bzip2 range is written to a decompressor's pipe, which holds them.
 */
async function* fileRange(
  path: string,
  start: number,
  end: number,
  plain: boolean,
): AsyncGenerator<Uint8Array> {
  if (end <= start) return;
  if (!plain) {
    yield* createReadStream(path, { start, end: end - 1, highWaterMark: 1 << 20 });
    return;
  }
  const handle = await open(path, 'r').catch((error: unknown) =>
    Promise.reject(fileUnreadable(path, error)),
  );
  try {
    yield* readFileChunks(handle, start, end);
  } finally {
    await handle.close();
  }
}

/** The bytes of a unit: its range, after the file's header when the range starts later. */
async function* rangeBytes(unit: WorkUnit): AsyncGenerator<Uint8Array> {
  const range = unit.range;
  if (range.kind !== 'bytes' && range.kind !== 'streams') return;
  const read = isUrl(unit.source)
    ? (start: number, end: number) => fetchRange(unit.source, start, end)
    : (start: number, end: number) => fileRange(unit.source, start, end, range.kind === 'bytes');
  if (range.start > 0) yield* read(0, range.headerEnd);
  yield* read(range.start, range.end);
}

async function* fetchWhole(url: string): AsyncGenerator<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok || response.body === null) {
    throw new WikirevError('DECOMPRESSION_FAILED', `${url}: HTTP ${response.status}`);
  }
  yield* response.body as unknown as AsyncIterable<Uint8Array>;
}

function openUnit(unit: WorkUnit, options: RunUnitOptions): DumpReader {
  const whole = unit.range.kind === 'whole' || unit.range.kind === 'pages';
  return readDump(
    whole ? (isUrl(unit.source) ? fetchWhole(unit.source) : unit.source) : rangeBytes(unit),
    {
      fragment: !whole,
      ...(options.maxEntryBytes === undefined ? {} : { maxEntryBytes: options.maxEntryBytes }),
      ...(options.bzip2Decoder === undefined ? {} : { bzip2Decoder: options.bzip2Decoder }),
    },
  );
}

/** A page whose reading is watched: a read error is the file's (it fails the unit), not the page's. */
interface WatchedPage extends DumpPage {
  readFailure: { readonly error: unknown } | null;
  /** What the dump knows beyond the model, by revision id (filled when asked for). */
  readonly extra: Map<number, RevisionExtra>;
}

function watchReads(page: DumpPage, keepExtra: boolean): WatchedPage {
  const watched: WatchedPage = {
    ...page,
    readFailure: null,
    extra: new Map(),
    revisions: {
      [Symbol.asyncIterator]() {
        const revisions = page.revisions[Symbol.asyncIterator]();
        return {
          async next() {
            let next: IteratorResult<DumpRevision>;
            try {
              next = await revisions.next();
            } catch (error) {
              watched.readFailure = { error };
              throw error;
            }
            if (keepExtra && next.done !== true) {
              const r = next.value;
              watched.extra.set(r.id, {
                userId: r.userId,
                anonymous: r.anonymous,
                minor: r.minor,
                size: r.size,
                sha1: r.sha1,
              });
            }
            return next;
          },
          async return() {
            await revisions.return?.();
            return { done: true, value: undefined };
          },
        };
      },
    },
  };
  return watched;
}

/** A page's record (what is not its id, namespace and title) and its revision count. */
type Analysed = {
  readonly record: Pick<UnitRecord & { kind: 'page' }, 'report' | 'rows' | 'csv' | 'diagnostics'>;
  readonly revisions: number;
};

/** The rows (and report) of a page held whole: past `maxHistoryBytes` it fails. */
async function heldPage(
  page: WatchedPage,
  parentsWritten: boolean,
  options: RunUnitOptions & { readonly maxHistoryBytes: number; readonly wantReport: boolean },
): Promise<Analysed> {
  const read = await readDumpPageRevisions(page, options.maxHistoryBytes, parentsWritten);
  if (read.kind === 'over') {
    await read.rest.return?.();
    throw pageTooLarge(page.title, read.bytes, options.maxHistoryBytes);
  }
  const history = read.history;
  const rows = revisionRows(history, {
    pageId: page.id,
    namespace: page.namespace,
    extra: page.extra,
    authorship: options.authorship === true,
  });
  return {
    record: {
      report: options.wantReport
        ? (analyzeHistory({ pages: [history], diagnostics: [] }, options.analysis ?? {}).pages[0] ??
          null)
        : null,
      ...(options.csv === true
        ? {
            rows: null,
            csv: { rows: rows.length, text: revisionCsv(rows, { header: false }) },
          }
        : { rows }),
      diagnostics: history.diagnostics,
    },
    revisions: history.revisions.length,
  };
}

/** The report of a page, held or pair by pair past `maxHistoryBytes`; `null` for no revision. */
async function reportedPage(
  page: DumpPage,
  options: AnalyzeDumpPageOptions,
): Promise<Analysed | null> {
  const result = await analyzeDumpPage(page, options);
  if (result.revisions === 0) return null;
  return {
    record: { report: result.report, rows: null, diagnostics: result.diagnostics },
    revisions: result.revisions,
  };
}

function errorOf(
  file: string,
  page: { readonly id: number; readonly title: string } | null,
  error: unknown,
): UnitError {
  // A reader's error names its page as fields: the text is built once, from the fields.
  const placed = error instanceof WikirevError && error.file !== undefined ? error : null;
  const pageId = placed === null ? (page?.id ?? null) : (placed.pageId ?? null);
  const title = placed === null ? (page?.title ?? null) : (placed.title ?? null);
  const detail =
    error instanceof WikirevError
      ? error.detail
      : error instanceof Error
        ? error.message
        : String(error);
  return {
    file,
    pageId,
    title,
    code: error instanceof WikirevError ? error.code : 'INTERNAL',
    detail,
    message: `${placeText({ file, pageId: pageId ?? undefined, title: title ?? undefined })}${detail}`,
  };
}

/** A file written line by line with backpressure, under a temporary name until `commit`. */
async function openOutput(path: string) {
  const temp = `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  const file = await open(temp, 'wx');
  const stream = file.createWriteStream({ highWaterMark: 1 << 20 });
  let failed: Error | null = null;
  stream.on('error', (error) => {
    failed = error;
  });
  return {
    async line(record: UnitRecord) {
      if (failed !== null) throw failed;
      if (!stream.write(`${JSON.stringify(record)}\n`)) {
        await new Promise<void>((resolve) => stream.once('drain', resolve));
      }
    },
    async commit() {
      await new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      await rename(temp, path);
    },
    async abort() {
      stream.destroy();
      await file.close().catch(() => {});
      await rm(temp, { force: true });
    },
  };
}

/** The summary of an output written earlier: its last line. */
async function readEnd(path: string): Promise<(UnitRecord & { kind: 'end' }) | null> {
  const file = await open(path, 'r').catch(() => null);
  if (file === null) return null;
  try {
    const { size } = await file.stat();
    const tail = Math.min(size, 1 << 20);
    const buffer = Buffer.alloc(tail);
    await file.read(buffer, 0, tail, size - tail);
    const last = buffer.toString('utf8').trimEnd().split('\n').pop() ?? '';
    const record = JSON.parse(last) as UnitRecord;
    return record.kind === 'end' ? record : null;
  } catch {
    return null;
  } finally {
    await file.close();
  }
}

const offset = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/**
 * A unit may come from a queue, written by another machine: its id names a file in `outDir`
 * (no path in it), its range is one of the known kinds with sane numbers.
 */
function checkUnit(unit: WorkUnit): void {
  if (typeof unit !== 'object' || unit === null || typeof unit.source !== 'string') {
    throw new TypeError('runUnit: unit must be a WorkUnit (from planUnits)');
  }
  if (typeof unit.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(unit.id)) {
    throw new TypeError('runUnit: unit.id must be letters, digits, ".", "_" and "-" (a file name)');
  }
  if (!offset(unit.index))
    throw new TypeError('runUnit: unit.index must be a non-negative integer');
  const range = unit.range;
  switch (range?.kind) {
    case 'whole':
      return;
    case 'bytes':
    case 'streams':
      if (
        offset(range.start) &&
        offset(range.end) &&
        offset(range.headerEnd) &&
        range.start < range.end
      ) {
        return;
      }
      break;
    case 'pages':
      if (offset(range.firstPageId) && offset(range.lastPageId)) return;
      break;
    default: {
      const never: never = range;
      void never;
    }
  }
  throw new TypeError(`runUnit: unit.range is not a valid range: ${JSON.stringify(range)}`);
}

const inRange = (unit: WorkUnit, id: number) =>
  unit.range.kind !== 'pages' || (id >= unit.range.firstPageId && id <= unit.range.lastPageId);

/**
 * Analyses one unit and writes its output (`<outDir>/<unit.id>.jsonl`, JSON Lines: a `unit`
 * line, a `page` line per page with its report part and rows, `error` lines, an `end` line)
 * under a temporary name renamed into place at the end. A page that cannot be analysed (too
 * large, an analysis error) is an error naming its file and page, and the unit goes on; a
 * file that cannot be read (missing, corrupt, truncated) fails the unit.
 *
 * @param unit - From `planUnits`.
 * @param options - Where to write, what to compute, limits.
 * @returns The output path and counts, and the pages that failed.
 * @throws TypeError for a malformed unit (an id that is not a plain file name, an unknown range);
 *   the reading error (`WikirevError`, or an `Error` whose `cause` is the file system's),
 *   its message naming the file and the page being read (a `WikirevError` has them as its
 *   `file`, `pageId`, `title`, `detail` too), with the same as a {@link UnitError} in its
 *   `unitError` property; no output is left behind.
 * @example
 * ```ts
 * import { planUnits, runUnit } from 'wikirev/scale';
 * const [unit] = await planUnits(['pages.xml.bz2']);
 * const result = await runUnit(unit, { outDir: 'out' });
 * result // { output: 'out/u000000-pages.xml.bz2.jsonl', pages: 13, revisions: 286, errors: [], … }
 * ```
 */
export async function runUnit(unit: WorkUnit, options: RunUnitOptions = {}): Promise<UnitResult> {
  checkUnit(unit);
  const outDir = options.outDir ?? join(tmpdir(), 'wikirev-units');
  const output = join(outDir, `${unit.id}.jsonl`);
  if (options.reuse === true) {
    const end = await readEnd(output);
    if (end !== null) {
      return {
        unit,
        output,
        pages: end.pages,
        revisions: end.revisions,
        errors: end.errors,
        reused: true,
        ...(end.diagnostics === undefined ? {} : { diagnostics: end.diagnostics }),
      };
    }
  }
  const maxHistoryBytes = options.maxHistoryBytes ?? DEFAULT_LIMITS.maxHistoryBytes;
  const wantReport = options.report ?? true;
  const wantRows = options.rows ?? true;
  const analysis = options.analysis ?? {};
  await mkdir(outDir, { recursive: true });
  const out = await openOutput(output);
  const reader = openUnit(unit, options);
  const errors: UnitError[] = [];
  let current: DumpPage | null = null;
  let pages = 0;
  let revisionCount = 0;
  let notes: Diagnostic[] = [];
  const write = async (record: UnitRecord) => {
    await out.line(checkFilePageIds(unit, record));
    options.onProgress?.({ pages, revisions: revisionCount });
  };
  try {
    await out.line({ kind: 'unit', version: 1, unit });
    const siteinfo = await reader.siteinfo();
    const parentsWritten = writesParents(siteinfo.schemaVersion);
    for await (const dumped of reader) {
      current = dumped;
      if (!inRange(unit, dumped.id)) continue;
      const page = watchReads(dumped, wantRows);
      let record: UnitRecord;
      try {
        // Rows need the page held; a report alone goes pair by pair past maxHistoryBytes.
        const analysed = wantRows
          ? await heldPage(page, parentsWritten, { ...options, maxHistoryBytes, wantReport })
          : await reportedPage(page, {
              ...analysis,
              maxHistoryBytes,
              schemaVersion: siteinfo.schemaVersion,
            });
        if (analysed === null) continue;
        record = {
          kind: 'page',
          pageId: dumped.id,
          namespace: dumped.namespace,
          title: dumped.title,
          ...analysed.record,
          report: wantReport ? analysed.record.report : null,
        };
        pages++;
        revisionCount += analysed.revisions;
      } catch (error) {
        // A file that cannot be read fails the unit; a page that cannot be analysed fails alone.
        if (page.readFailure !== null) throw page.readFailure.error;
        const failed = errorOf(unit.source, dumped, error);
        errors.push(failed);
        record = { kind: 'error', ...failed };
      }
      await write(record);
    }
    notes = [...reader.diagnostics];
    await out.line({ kind: 'end', pages, revisions: revisionCount, errors, diagnostics: notes });
    await out.commit();
  } catch (error) {
    await reader.close().catch(() => {});
    await out.abort();
    // The error names the file and page in its message and its fields; `unitError` as data.
    const unitError = errorOf(unit.source, current, error);
    const { file, pageId, title, detail } = unitError;
    throw Object.assign(
      error instanceof WikirevError
        ? new WikirevError(error.code as WikirevErrorCode, detail, undefined, {
            file,
            pageId: pageId ?? undefined,
            title: title ?? undefined,
          })
        : new Error(unitError.message, { cause: error }),
      { unitError },
    );
  }
  return {
    unit,
    output,
    pages,
    revisions: revisionCount,
    errors,
    reused: false,
    diagnostics: notes,
  };
}
