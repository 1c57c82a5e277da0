/**
 * XML dumps among a command's inputs: told from feeds by name (`.bz2`, `.gz`, `.7z`) or by a
 * `<mediawiki` root in their first bytes, and read into revisions for `buildHistory` (a dump,
 * like the Action API, gives whole revisions and each page's newest one). A page whose texts
 * go past `maxHistoryBytes` is, for a report, analysed one revision pair at a time instead.
 */
import { open } from 'node:fs/promises';
import { analyzeRest } from '../dump/analyze-dump-page.js';
import { pageTooLarge, readDumpPageRevisions, writesParents } from '../dump/dump-page-revisions.js';
import { readDump } from '../dump.js';
import { type Diagnostic, WikirevError } from '../errors.js';
import { limitOption } from '../limits.js';
import type { Revision } from '../model.js';
import { type AnalyzeOptions, checkOptions } from '../report/analyze-history.js';
import type { PageReport } from '../report/history-report.js';
import { type CommandIo, namedInputError } from './cli-io.js';
import { dumpProgress } from './dump-progress.js';

const COMPRESSED = /\.(bz2|gz|7z)$/i;

async function looksLikeDump(name: string): Promise<boolean> {
  if (name === '-' || /^https?:/i.test(name)) return false;
  if (COMPRESSED.test(name)) return true;
  const file = await open(name, 'r').catch(() => null);
  if (file === null) return false;
  try {
    const head = Buffer.alloc(4096);
    // A directory opens but cannot be read: not a dump; the feed reader names it.
    const read = await file.read(head, 0, head.length, 0).catch(() => null);
    return read !== null && /<mediawiki[\s>]/.test(head.toString('utf8', 0, read.bytesRead));
  } finally {
    await file.close();
  }
}

/** Splits input names into dumps and the rest, keeping their order. */
export async function splitDumpInputs(
  names: readonly string[],
): Promise<{ readonly dumps: readonly string[]; readonly others: readonly string[] }> {
  const dumps: string[] = [];
  const others: string[] = [];
  for (const name of names) ((await looksLikeDump(name)) ? dumps : others).push(name);
  return { dumps, others };
}

/** Options of {@link loadDumps}. */
export interface LoadDumpsOptions {
  /**
   * Bytes of revision texts of one page held (`--max-history-bytes`).
   * @default DEFAULT_LIMITS.maxHistoryBytes (1 GiB)
   */
  readonly maxHistoryBytes?: number;
  /**
   * The report's options: a page past `maxHistoryBytes` is then analysed pair by pair into a
   * page report (`analyzed`); without them such a page is an `ENTRY_TOO_LARGE` error.
   * @default none
   */
  readonly analyze?: AnalyzeOptions;
  /**
   * The titles of the only pages to read (`diff --page`, `blame --page`): the others are
   * skipped unread, so neither their size nor their diagnostics concern the command.
   * @default every page
   */
  readonly pages?: readonly string[];
}

/** The revisions of dumps, the titles whose newest revision they hold, their diagnostics. */
export interface LoadedDumps {
  readonly revisions: readonly Revision[];
  /** How many of `revisions` each dump gave, in order: diagnostics name the dump by it. */
  readonly counts: readonly { readonly name: string; readonly count: number }[];
  readonly newest: readonly string[];
  /** Reports of the pages too long to hold, analysed pair by pair. */
  readonly analyzed: readonly PageReport[];
  readonly diagnostics: readonly { readonly name: string; readonly diagnostic: Diagnostic }[];
  /** The first dump's wiki (its `<base>` URL), so that feeds of another wiki are left out. */
  readonly site: string | null;
}

/**
 * Reads every revision of the dumps (held in memory: a report covers them all), but for pages
 * too long to hold, which are analysed as they are read when `options.analyze` is given; a
 * progress line on a terminal.
 *
 * @example
 * ```ts
 * const { revisions } = await loadDumps(['pages.xml.bz2'], io);
 * revisions.length // 286
 * ```
 */
export async function loadDumps(
  names: readonly string[],
  io: CommandIo,
  options: LoadDumpsOptions = {},
): Promise<LoadedDumps> {
  const limit = limitOption('loadDumps', 'maxHistoryBytes', options.maxHistoryBytes);
  const checked = options.analyze === undefined ? null : checkOptions(options.analyze);
  const only = options.pages === undefined ? null : new Set(options.pages);
  const revisions: Revision[] = [];
  const counts: { name: string; count: number }[] = [];
  const newest: string[] = [];
  const analyzed: PageReport[] = [];
  const diagnostics: { name: string; diagnostic: Diagnostic }[] = [];
  const show = dumpProgress(io, io.isTTY);
  let name = '';
  let site: string | null = null;
  try {
    for (name of names) {
      show.start();
      const reader = readDump(name);
      const siteinfo = await reader.siteinfo();
      site ??= siteinfo.base;
      const parentsWritten = writesParents(siteinfo.schemaVersion);
      let pages = 0;
      const before = revisions.length;
      for await (const page of reader) {
        if (only !== null && !only.has(page.title)) continue;
        pages++;
        const read = await readDumpPageRevisions(page, limit, parentsWritten);
        let pageDiagnostics: readonly Diagnostic[];
        if (read.kind === 'held') {
          for (const r of read.history.revisions) revisions.push(r);
          newest.push(page.title);
          pageDiagnostics = read.history.diagnostics;
        } else if (checked !== null) {
          const result = await analyzeRest(page, read, checked, parentsWritten);
          if (result.report !== null) analyzed.push(result.report);
          pageDiagnostics = result.diagnostics;
        } else {
          await reader.close();
          throw pageTooLarge(page.title, read.bytes, limit);
        }
        for (const diagnostic of pageDiagnostics) diagnostics.push({ name, diagnostic });
        show.update(name, reader, pages, revisions.length);
      }
      for (const diagnostic of reader.diagnostics) diagnostics.push({ name, diagnostic });
      counts.push({ name, count: revisions.length - before });
    }
  } catch (error) {
    if (error instanceof WikirevError) throw namedInputError(name, error);
    throw error;
  } finally {
    show.done();
  }
  return { revisions, counts, newest, analyzed, diagnostics, site };
}
