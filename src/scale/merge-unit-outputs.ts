/**
 * `mergeUnitOutputs`: the outputs of units (from `runUnit`, on any machine) into one report or
 * table, pages ordered by id: exactly what one process gives for the same files.
 */
import { open, rename, rm } from 'node:fs/promises';
import { readFileChunks } from '../dump/read-file-chunks.js';
import {
  type AnalyzeOptions,
  type Diagnostic,
  type PageReport,
  renderReport,
  reportFromPages,
  revisionCsv,
} from '../index.js';
import type { UnitError, UnitRecord } from './run-unit.js';
import { RevisionParquetWriter } from './write-parquet.js';

/** An output format: a report (`json`, `md`, `html`) or the per-revision table (`csv`, `parquet`). */
export type ScaleFormat = 'json' | 'md' | 'html' | 'csv' | 'parquet';

/** Options of {@link mergeUnitOutputs}. */
export interface MergeUnitOutputsOptions {
  /** @default 'json' */
  readonly format?: ScaleFormat;
  /**
   * Write the result to this file (under a temporary name, renamed at the end).
   * @default none: to `write`, else returned as `output`
   */
  readonly out?: string;
  /**
   * Receives the result chunk by chunk (e.g. standard output), awaited for backpressure.
   * @default none
   */
  readonly write?: (chunk: Uint8Array) => void | Promise<void>;
  /**
   * The options the units were analysed with, and the whole-report ones (`now`, `top`,
   * `period`, `timeZone`, `maxPeriods`).
   * @default {}
   */
  readonly analysis?: AnalyzeOptions;
  /**
   * Title of the Markdown and HTML reports.
   * @default 'Revision report'
   */
  readonly title?: string;
  /**
   * The CSV formula guard (see `revisionCsv`).
   * @default true
   */
  readonly formulaGuard?: boolean;
  /**
   * Errors of units that produced no output (they failed): listed first in a report's
   * diagnostics, so that the report says what it lacks.
   * @default []
   */
  readonly unitErrors?: readonly UnitError[];
}

/** What {@link mergeUnitOutputs} gave. */
export interface MergeResult {
  readonly pages: number;
  readonly revisions: number;
  /** The units' page errors, in page order. */
  readonly errors: readonly UnitError[];
  /** The pages' diagnostics (a text whose SHA-1 mismatches…), each with its file. */
  readonly diagnostics: readonly { readonly file: string; readonly diagnostic: Diagnostic }[];
  /** The result, when neither `out` nor `write` was given; else `null`. */
  readonly output: Uint8Array | null;
}

/** CSV text gathered before each write to the output. */
const WRITE_CHARS = 1 << 20;

const FORMATS: readonly ScaleFormat[] = ['json', 'md', 'html', 'csv', 'parquet'];

interface Cursor {
  readonly order: number;
  readonly file: string;
  readonly lines: AsyncIterator<string>;
  head: UnitRecord | null;
}

const keyOf = (record: UnitRecord): number =>
  record.kind === 'page' ? record.pageId : record.kind === 'error' ? (record.pageId ?? -1) : -1;

async function advance(cursor: Cursor): Promise<void> {
  for (;;) {
    const next = await cursor.lines.next();
    if (next.done) throw new Error(`${cursor.file}: the unit output ends before its end line`);
    if (next.value === '') continue;
    const record = JSON.parse(next.value) as UnitRecord;
    cursor.head = record.kind === 'end' ? null : record;
    return;
  }
}

/**
 * The lines of a unit output. Units write JSON lines (`\n` only, no raw CR inside), so a split
 * on `\n` over large reads does what `readline` did at a fraction of its cost: its regular
 * expression and string decoder were most of the merge's main-thread time.
 */
async function* fileLines(path: string): AsyncGenerator<string> {
  const file = await open(path, 'r');
  try {
    // A line's start in earlier chunks, copied: a chunk is reused once the next is read.
    let pending: Buffer[] = [];
    for await (const chunk of readFileChunks(file, 0, Number.POSITIVE_INFINITY)) {
      let start = 0;
      for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
        if (pending.length === 0) yield chunk.toString('utf8', start, nl);
        else {
          pending.push(chunk.subarray(start, nl));
          yield Buffer.concat(pending).toString('utf8');
          pending = [];
        }
        start = nl + 1;
      }
      if (start < chunk.length) pending.push(Buffer.from(chunk.subarray(start)));
    }
    if (pending.length > 0) yield Buffer.concat(pending).toString('utf8');
  } finally {
    await file.close();
  }
}

/** An output opened at its first record (after the `unit` line). */
async function openCursor(path: string): Promise<Cursor> {
  const lines: AsyncIterator<string> = fileLines(path);
  const first = await lines.next();
  const record = first.done ? null : (JSON.parse(first.value) as UnitRecord);
  if (record?.kind !== 'unit' || record.version !== 1) {
    await lines.return?.();
    throw new Error(`${path}: not a wikirev unit output (version 1)`);
  }
  const cursor: Cursor = { order: record.unit.index, file: record.unit.source, lines, head: null };
  await advance(cursor);
  return cursor;
}

/** Cursor `a` goes before `b`: smaller page id, then the unit planned first. */
const before = (a: { key: number; order: number }, b: { key: number; order: number }) =>
  a.key < b.key || (a.key === b.key && a.order < b.order);

/**
 * Records of all outputs by page id (ties: the unit planned first), each output read in order.
 * An output is opened only when the merge reaches its first page, so that outputs of disjoint
 * page ranges (a dump's files, a file's units) are read one or two at a time, however many.
 */
async function* merged(
  paths: readonly string[],
): AsyncGenerator<{ file: string; order: number; record: UnitRecord }> {
  const pending: { path: string; key: number; order: number }[] = [];
  for (const path of paths) {
    const c = await openCursor(path);
    pending.push({ path, key: c.head === null ? Infinity : keyOf(c.head), order: c.order });
    await c.lines.return?.();
  }
  pending.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  const active: Cursor[] = [];
  const at = (c: Cursor) => ({ key: keyOf(c.head!), order: c.order });
  try {
    for (;;) {
      let best: Cursor | null = null;
      for (const c of active) if (best === null || before(at(c), at(best))) best = c;
      const next = pending[0];
      if (
        next !== undefined &&
        next.key !== Infinity &&
        (best === null || before(next, at(best)))
      ) {
        pending.shift();
        const c = await openCursor(next.path);
        if (c.head === null) await c.lines.return?.();
        else active.push(c);
        continue;
      }
      if (best === null) return;
      yield { file: best.file, order: best.order, record: best.head! };
      await advance(best);
      if (best.head === null) {
        await best.lines.return?.();
        active.splice(active.indexOf(best), 1);
      }
    }
  } finally {
    for (const c of active) await c.lines.return?.();
  }
}

/** Where the result goes: a file (temp name, renamed), a callback, or memory. */
async function openSink(options: MergeUnitOutputsOptions) {
  if (options.out !== undefined) {
    const out = options.out;
    const temp = `${out}.tmp-${process.pid}-${Date.now().toString(36)}`;
    const file = await open(temp, 'w');
    return {
      write: async (chunk: Uint8Array) => {
        await file.write(chunk);
      },
      close: async () => {
        await file.close();
        await rename(temp, out);
        return null;
      },
      abort: async () => {
        await file.close().catch(() => {});
        await rm(temp, { force: true });
      },
    };
  }
  if (options.write !== undefined) {
    const write = options.write;
    return {
      write: async (chunk: Uint8Array) => {
        await write(chunk);
      },
      close: async () => null,
      abort: async () => {},
    };
  }
  const chunks: Uint8Array[] = [];
  return {
    write: async (chunk: Uint8Array) => {
      chunks.push(chunk);
    },
    close: async () => Buffer.concat(chunks),
    abort: async () => {},
  };
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/**
 * Merges unit outputs into one result: a report (`json`, `md`, `html`: pages ordered by page
 * id, users, timeline and rankings over all of them, the units' page errors as error
 * diagnostics) or the per-revision table (`csv`, `parquet`: rows streamed in page id order, in
 * flat memory). The same outputs always give the same bytes, however many workers or machines
 * made them.
 *
 * Pages met in two files (the same page id from units of two files: a copy, two dump dates)
 * are kept and counted in both, with one `DUMP_PAGES_IN_TWO_FILES` warning per pair of files
 * naming both (`planUnits` refuses the overlaps that file names show).
 *
 * @param outputs - Output files of `runUnit` (their order does not matter: the units' plan order does).
 * @param options - Format, destination, report options.
 * @returns Counts, the units' errors and the pages' diagnostics (and the result, without `out` or `write`).
 * @throws RangeError for an unknown format; Error for a file that is not a complete unit output.
 * @example
 * ```ts
 * import { mergeUnitOutputs } from 'wikirev/scale';
 * await mergeUnitOutputs(results.map((r) => r.output), { format: 'csv', out: 'revisions.csv' });
 * ```
 */
export async function mergeUnitOutputs(
  outputs: readonly string[],
  options: MergeUnitOutputsOptions = {},
): Promise<MergeResult> {
  const format = options.format ?? 'json';
  if (!FORMATS.includes(format)) {
    throw new RangeError(`mergeUnitOutputs: options.format must be one of ${FORMATS.join(', ')}`);
  }
  const sink = await openSink(options);
  const errors: UnitError[] = [];
  const diagnostics: { file: string; diagnostic: Diagnostic }[] = [];
  const reports: PageReport[] = [];
  const reportDiagnostics: Diagnostic[] = (options.unitErrors ?? []).map((e) => ({
    severity: 'error',
    code: e.code,
    message: e.message,
  }));
  const parquet = format === 'parquet' ? new RevisionParquetWriter(sink.write) : null;
  const guard = options.formulaGuard ?? true;
  let pages = 0;
  let revisions = 0;
  let csv = '';
  // The page read last and its unit: a page id met again from another unit is one page held
  // by two files (a copy, two dump dates, or two wikis), counted once per file. Both are kept
  // (nothing is dropped), and each pair of files is named once, with how many pages they share.
  let previous = null as { pageId: number; order: number; file: string } | null;
  const shared = new Map<string, { a: string; b: string; first: number; pages: number }>();
  try {
    if (format === 'csv') await sink.write(utf8(revisionCsv([], { formulaGuard: guard })));
    for await (const { file, order, record } of merged(outputs)) {
      const pageId = keyOf(record);
      if (pageId >= 0) {
        if (previous?.pageId === pageId && previous.order !== order) {
          const key = JSON.stringify([previous.file, file]);
          const pair = shared.get(key) ?? { a: previous.file, b: file, first: pageId, pages: 0 };
          pair.pages++;
          shared.set(key, pair);
        }
        previous = { pageId, order, file };
      }
      if (record.kind === 'error') {
        const { kind: _, ...error } = record;
        errors.push(error);
        reportDiagnostics.push({ severity: 'error', code: error.code, message: error.message });
        continue;
      }
      if (record.kind !== 'page') continue;
      pages++;
      for (const diagnostic of record.diagnostics) {
        diagnostics.push({ file, diagnostic });
        reportDiagnostics.push(diagnostic);
      }
      if (record.csv !== undefined) {
        if (format !== 'csv' || !guard) {
          throw new Error(`${file}: the units were run with csv rows: they merge to csv only`);
        }
        // Rendered by the unit as below, with the formula guard on.
        revisions += record.csv.rows;
        csv += record.csv.text;
      } else if (format === 'csv') {
        if (record.rows === null) throw new Error(`${file}: the units were run without rows`);
        revisions += record.rows.length;
        csv += revisionCsv(record.rows, { header: false, formulaGuard: guard });
      } else if (parquet !== null) {
        if (record.rows === null) throw new Error(`${file}: the units were run without rows`);
        revisions += record.rows.length;
        for (const row of record.rows) await parquet.add(row);
      } else {
        revisions += record.rows?.length ?? 0;
        if (record.report !== null) reports.push(record.report);
      }
      // Written in large pieces: a write per page was a fifth of the merge's time.
      if (csv.length >= WRITE_CHARS) {
        await sink.write(utf8(csv));
        csv = '';
      }
    }
    if (csv !== '') await sink.write(utf8(csv));
    if (parquet !== null) await parquet.finish();
    for (const { a, b, first, pages: n } of shared.values()) {
      const diagnostic: Diagnostic = {
        severity: 'warning',
        code: 'DUMP_PAGES_IN_TWO_FILES',
        message: `${n === 1 ? `page ${first} is` : `${n} pages (the first ${first}) are`} also in ${a}, and counted in both: give each page's file once (two wikis' dumps want two runs)`,
      };
      // Listed with its file by the CLI; a report's list has no file column.
      diagnostics.push({ file: b, diagnostic });
      reportDiagnostics.push({ ...diagnostic, message: `${b}: ${diagnostic.message}` });
    }
    if (format === 'json' || format === 'md' || format === 'html') {
      const report = reportFromPages(reports, reportDiagnostics, options.analysis ?? {});
      revisions = report.totals.revisions;
      const diffs = options.analysis?.diffs ?? true;
      const text = renderReport(report, {
        format: format === 'md' ? 'markdown' : format,
        diffs,
        ...(options.title === undefined ? {} : { title: options.title }),
      });
      await sink.write(utf8(text));
    }
  } catch (error) {
    await sink.abort();
    throw error;
  }
  const output = await sink.close();
  return { pages, revisions, errors, diagnostics, output };
}
