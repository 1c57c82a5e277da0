/**
 * `analyzeHistory`: a {@link History} to the plain data of a revision report.
 */
import { type DiffLine, diffText, type TextDiff } from '../diff/diff-text.js';
import type { History, PageHistory, Revision } from '../model.js';
import { autocommentCheck } from '../sections/verify-autocomment.js';
import { type AuthorshipReport, authorshipReport } from './authorship-report.js';
import {
  checkPeriod,
  checkTimeZone,
  periodOf,
  periodsBetween,
  type ReportPeriod,
} from './dates.js';
import type {
  EditorRank,
  HistoryReport,
  PageReport,
  PeriodReport,
  ReportDiff,
  ReportDiffHunk,
  ReportDiffLine,
  ReportSectionChange,
  RevisionRef,
  RevisionReport,
  UserReport,
} from './history-report.js';
import { type SectionsOf, sectionsCache } from './sections-cache.js';

/** Options of {@link analyzeHistory}. */
export interface AnalyzeOptions {
  /**
   * The report's time (its `generatedAt`); the library never reads the clock.
   * @default none (`generatedAt: null`)
   */
  readonly now?: Date | string;
  /**
   * Timeline period: wall-clock hours, days, ISO weeks or months of `timeZone`.
   * @default 'day'
   */
  readonly period?: ReportPeriod;
  /**
   * IANA time zone the timeline's days, weeks and months are counted in.
   * @default 'UTC'
   */
  readonly timeZone?: string;
  /**
   * Keep only these pages (titles as in the history).
   * @default all pages
   */
  readonly pages?: readonly string[];
  /**
   * Keep only revisions by these users.
   * @default all users
   */
  readonly users?: readonly string[];
  /**
   * Keep only revisions at or after this instant (ISO 8601).
   * @default no lower bound
   */
  readonly since?: string;
  /**
   * Keep only revisions before this instant (ISO 8601).
   * @default no upper bound
   */
  readonly until?: string;
  /**
   * Length of the rankings (top editors, largest additions and removals).
   * @default 10
   */
  readonly top?: number;
  /**
   * Attach each revision's diff against its base (for the Markdown and HTML renderers).
   * @default true
   */
  readonly diffs?: boolean;
  /**
   * Lines of diff kept per revision; the rest is cut (`truncated: true`).
   * @default 200
   */
  readonly maxDiffLines?: number;
  /**
   * Largest number of timeline periods filled in with empty ones; past it only periods with
   * edits are listed.
   * @default 1000
   */
  readonly maxPeriods?: number;
}

/** Options of {@link analyzeHistory}, checked (for the incremental analyzer of long pages). */
export interface Checked {
  readonly now: string | null;
  readonly period: ReportPeriod;
  readonly timeZone: string;
  readonly pages: ReadonlySet<string> | null;
  readonly users: ReadonlySet<string> | null;
  readonly since: number | null;
  readonly until: number | null;
  readonly top: number;
  readonly diffs: boolean;
  readonly maxDiffLines: number;
  readonly maxPeriods: number;
}

function checkCount(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`analyzeHistory: options.${name} must be a non-negative integer`);
  }
  return value;
}

function checkInstant(value: unknown, name: string): number | null {
  if (value === undefined) return null;
  const t = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(t)) {
    throw new RangeError(`analyzeHistory: options.${name} must be an ISO 8601 date`);
  }
  return t;
}

function checkNames(value: unknown, name: string): ReadonlySet<string> | null {
  if (value === undefined) return null;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new TypeError(`analyzeHistory: options.${name} must be an array of strings`);
  }
  return new Set(value as string[]);
}

/** @internal Checks {@link AnalyzeOptions}; throws `RangeError`/`TypeError` naming the option. */
export function checkOptions(options: AnalyzeOptions): Checked {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('analyzeHistory: options must be an object');
  }
  let now: string | null = null;
  if (options.now !== undefined) {
    const d = options.now instanceof Date ? options.now : new Date(options.now);
    if (Number.isNaN(d.getTime())) {
      throw new RangeError('analyzeHistory: options.now must be a valid Date or ISO 8601 string');
    }
    now = d.toISOString();
  }
  return {
    now,
    period: checkPeriod(options.period ?? 'day', 'analyzeHistory: options.period'),
    timeZone: checkTimeZone(options.timeZone ?? 'UTC', 'analyzeHistory: options.timeZone'),
    pages: checkNames(options.pages, 'pages'),
    users: checkNames(options.users, 'users'),
    since: checkInstant(options.since, 'since'),
    until: checkInstant(options.until, 'until'),
    top: checkCount(options.top, 'top', 10),
    diffs: options.diffs ?? true,
    maxDiffLines: checkCount(options.maxDiffLines, 'maxDiffLines', 200),
    maxPeriods: checkCount(options.maxPeriods, 'maxPeriods', 1000),
  };
}

/** Lines of a text as MediaWiki counts them: none for the empty text, no final newline. */
function lineCount(text: string): number {
  if (text === '') return 0;
  let n = 1;
  for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

function toReportLine(line: DiffLine): ReportDiffLine {
  switch (line.kind) {
    case 'context':
      return {
        kind: 'context',
        text: line.text,
        oldLine: line.oldLine,
        newLine: line.newLine,
        words: null,
        moveId: null,
      };
    case 'deleted':
      return {
        kind: 'deleted',
        text: line.text,
        oldLine: line.oldLine,
        newLine: null,
        words: line.words === null ? null : line.words.map((w) => ({ kind: w.kind, text: w.text })),
        moveId: line.moveId,
      };
    case 'added':
      return {
        kind: 'added',
        text: line.text,
        oldLine: null,
        newLine: line.newLine,
        words: line.words === null ? null : line.words.map((w) => ({ kind: w.kind, text: w.text })),
        moveId: line.moveId,
      };
    default: {
      const never: never = line;
      throw new TypeError(`unknown diff line ${JSON.stringify(never)}`);
    }
  }
}

/** A diff cut to `max` lines (hunks after the cut are dropped, the cut hunk is shortened). */
function reportDiff(diff: TextDiff, max: number): ReportDiff {
  const hunks: ReportDiffHunk[] = [];
  let budget = max;
  let truncated = false;
  for (const h of diff.hunks) {
    if (budget <= 0) {
      truncated = true;
      break;
    }
    const lines = h.lines.slice(0, budget).map(toReportLine);
    budget -= lines.length;
    if (lines.length < h.lines.length) truncated = true;
    hunks.push({
      oldStart: h.oldStart,
      oldLines: lines.filter((l) => l.kind !== 'added').length,
      newStart: h.newStart,
      newLines: lines.filter((l) => l.kind !== 'deleted').length,
      lines,
    });
  }
  const moves = diff.moves.map((m) => ({
    id: m.id,
    oldStart: m.oldStart,
    newStart: m.newStart,
    lines: m.lines,
  }));
  return { hunks, moves, truncated };
}

/** A page creation as a diff: every line added (MediaWiki shows it so). */
function creationDiff(text: string, max: number): ReportDiff {
  const count = lineCount(text);
  const all = text.split('\n').slice(0, count);
  const kept = all.slice(0, max);
  const lines: ReportDiffLine[] = kept.map((t, k) => ({
    kind: 'added',
    text: t,
    oldLine: null,
    newLine: k + 1,
    words: null,
    moveId: null,
  }));
  return {
    hunks:
      count === 0 ? [] : [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: lines.length, lines }],
    moves: [],
    truncated: kept.length < all.length,
  };
}

/** @internal Whether a revision passes the users/since/until filters. */
export function inFilter(r: Revision, o: Checked): boolean {
  if (o.users !== null && (r.user === null || !o.users.has(r.user))) return false;
  if (o.since !== null || o.until !== null) {
    const t = r.timestamp === null ? Number.NaN : Date.parse(r.timestamp);
    if (Number.isNaN(t)) return false;
    if (o.since !== null && t < o.since) return false;
    if (o.until !== null && t >= o.until) return false;
  }
  return true;
}

/**
 * @internal One revision's report: `byId` gives its parent, `revertedBy` who undid it,
 * `sectionsOf` the page's texts' sections (each parsed once a page).
 */
export function analyzeRevision(
  r: Revision,
  index: number,
  page: PageHistory,
  byId: ReadonlyMap<number, Revision>,
  revertedBy: ReadonlyMap<number, number[]>,
  o: Checked,
  sectionsOf: SectionsOf,
): RevisionReport {
  // A contributions feed gives no parents: the previous revision it shows stands in, flagged.
  const created = r.parentKnown && r.parentId === null;
  let base: Revision | null = null;
  let baseIsParent = false;
  if (r.parentKnown && r.parentId !== null) {
    base = byId.get(r.parentId) ?? null;
    baseIsParent = base !== null;
  } else if (!r.parentKnown) {
    base = page.revisions[index - 1] ?? null;
  }
  const baseText = created ? '' : (base?.text ?? null);
  const baseSize = created ? 0 : (base?.size ?? null);
  const sizeChange = r.size !== null && baseSize !== null ? r.size - baseSize : null;
  let linesAdded: number | null = null;
  let linesRemoved: number | null = null;
  let sections: ReportSectionChange[] | null = null;
  let autocomment: RevisionReport['autocomment'] = null;
  let diff: ReportDiff | null = null;
  if (r.text !== null && baseText !== null) {
    let lines: TextDiff | undefined; // the section counts read it: one line diff per revision
    if (created) {
      linesAdded = lineCount(r.text);
      linesRemoved = 0;
      if (o.diffs) diff = creationDiff(r.text, o.maxDiffLines);
    } else {
      lines = diffText(baseText, r.text);
      linesAdded = lines.added;
      linesRemoved = lines.removed;
      if (o.diffs) diff = reportDiff(lines, o.maxDiffLines);
    }
    const check = autocommentCheck(
      r.comment ?? '',
      baseText,
      r.text,
      {},
      {
        before: sectionsOf(baseText),
        after: sectionsOf(r.text),
        ...(lines === undefined ? {} : { diff: lines }),
      },
    );
    sections = check.changed.map((c) => ({
      kind: c.kind === 'unchanged' ? 'modified' : c.kind,
      oldTitle: c.oldTitle,
      newTitle: c.newTitle,
      linesAdded: c.linesAdded,
      linesRemoved: c.linesRemoved,
    }));
    if (r.comment !== null) autocomment = check.verdict;
  }
  return {
    id: r.id,
    pageTitle: page.title,
    timestamp: r.timestamp,
    user: r.user,
    comment: r.comment,
    size: r.size,
    base: created ? null : (base?.id ?? null),
    baseIsParent: created || baseIsParent,
    created,
    sizeChange,
    linesAdded,
    linesRemoved,
    sections,
    autocomment,
    revert: r.revert,
    revertedBy: revertedBy.get(r.id) ?? [],
    textKnown: r.text !== null,
    diff,
    minor: r.minor ?? null,
    bot: r.bot ?? null,
  };
}

const byCountThenName = <T extends { readonly title: string; readonly edits: number }>(
  a: T,
  b: T,
) => b.edits - a.edits || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);

function minMax(times: readonly (string | null)[]): [string | null, string | null] {
  const known = times.filter((t): t is string => t !== null).sort();
  return [known[0] ?? null, known[known.length - 1] ?? null];
}

function analyzePage(
  page: PageHistory,
  byId: ReadonlyMap<number, Revision>,
  revertedBy: ReadonlyMap<number, number[]>,
  o: Checked,
): PageReport | null {
  const revisions: RevisionReport[] = [];
  const sectionsOf = sectionsCache();
  page.revisions.forEach((r, index) => {
    if (inFilter(r, o)) {
      revisions.push(analyzeRevision(r, index, page, byId, revertedBy, o, sectionsOf));
    }
  });
  if (revisions.length === 0) return null;
  return summarizePage(page, revisions, authorshipReport(page.revisions));
}

/** @internal A page's report from its revisions' reports (non-empty). */
export function summarizePage(
  page: Pick<PageHistory, 'title' | 'gaps' | 'moves' | 'complete'>,
  revisions: RevisionReport[],
  authorship: AuthorshipReport | null,
): PageReport {
  const editCounts = new Map<string, number>();
  const sectionCounts = new Map<string, number>();
  let bytesAdded = 0;
  let bytesRemoved = 0;
  for (const r of revisions) {
    if (r.user !== null) editCounts.set(r.user, (editCounts.get(r.user) ?? 0) + 1);
    if (r.sizeChange !== null && r.sizeChange > 0) bytesAdded += r.sizeChange;
    if (r.sizeChange !== null && r.sizeChange < 0) bytesRemoved -= r.sizeChange;
    const titles = new Set((r.sections ?? []).map((s) => s.newTitle ?? s.oldTitle ?? ''));
    for (const t of titles) sectionCounts.set(t, (sectionCounts.get(t) ?? 0) + 1);
  }
  const [firstEdit, lastEdit] = minMax(revisions.map((r) => r.timestamp));
  return {
    title: page.title,
    revisions,
    editors: [...editCounts]
      .map(([title, edits]) => ({ title, edits }))
      .sort(byCountThenName)
      .map((e) => e.title),
    firstEdit,
    lastEdit,
    bytesAdded,
    bytesRemoved,
    mostEditedSections: [...sectionCounts]
      .map(([title, edits]) => ({ title, edits }))
      .sort(byCountThenName),
    reverts: revisions.filter((r) => r.revert !== null).map((r) => r.id),
    gaps: page.gaps,
    moves: page.moves,
    complete: page.complete,
    authorship,
  };
}

function ref(r: RevisionReport): RevisionRef {
  return {
    id: r.id,
    pageTitle: r.pageTitle,
    user: r.user,
    timestamp: r.timestamp,
    sizeChange: r.sizeChange,
    comment: r.comment,
  };
}

function analyzeUsers(revisions: readonly RevisionReport[]): UserReport[] {
  const users = new Map<string, RevisionReport[]>();
  for (const r of revisions) {
    if (r.user === null) continue;
    const list = users.get(r.user) ?? [];
    list.push(r);
    users.set(r.user, list);
  }
  return [...users]
    .map(([user, list]) => {
      const [firstEdit, lastEdit] = minMax(list.map((r) => r.timestamp));
      return {
        user,
        edits: list.length,
        pages: [...new Set(list.map((r) => r.pageTitle))].sort(),
        bytesAdded: list.reduce((n, r) => n + Math.max(0, r.sizeChange ?? 0), 0),
        bytesRemoved: list.reduce((n, r) => n + Math.max(0, -(r.sizeChange ?? 0)), 0),
        firstEdit,
        lastEdit,
        minorEdits: list.filter((r) => r.minor === true).length,
        botEdits: list.filter((r) => r.bot === true).length,
      };
    })
    .sort((a, b) => b.edits - a.edits || (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
}

function analyzeTimeline(revisions: readonly RevisionReport[], o: Checked): PeriodReport[] {
  const counts = new Map<
    string,
    {
      label: string;
      start: string;
      edits: number;
      add: number;
      rem: number;
      minor: number;
      bot: number;
    }
  >();
  for (const r of revisions) {
    if (r.timestamp === null) continue;
    const key = periodOf(r.timestamp, o.period, o.timeZone);
    const c = counts.get(key.start) ?? { ...key, edits: 0, add: 0, rem: 0, minor: 0, bot: 0 };
    c.edits++;
    if (r.minor === true) c.minor++;
    if (r.bot === true) c.bot++;
    if (r.sizeChange !== null && r.sizeChange > 0) c.add += r.sizeChange;
    if (r.sizeChange !== null && r.sizeChange < 0) c.rem -= r.sizeChange;
    counts.set(key.start, c);
  }
  const starts = [...counts.keys()].sort();
  const first = starts[0];
  const last = starts[starts.length - 1];
  if (first === undefined || last === undefined) return [];
  const all =
    periodsBetween(first, last, o.period, o.maxPeriods) ?? starts.map((s) => counts.get(s)!);
  return all.map((p) => {
    const c = counts.get(p.start);
    return {
      label: p.label,
      start: p.start,
      edits: c?.edits ?? 0,
      bytesAdded: c?.add ?? 0,
      bytesRemoved: c?.rem ?? 0,
      minorEdits: c?.minor ?? 0,
      botEdits: c?.bot ?? 0,
    };
  });
}

/**
 * Analyzes a history for a revision report: per revision (size and size change, lines added and
 * removed, changed sections, autocomment verdict, reverts), per page, per user, per period, and
 * rankings. Pure: the report's time is the `now` option, never the clock.
 *
 * Where a feed gives no parent (a user's contributions), each revision is compared with the
 * previous revision of its page that the feeds show, and `baseIsParent` is false: size changes
 * and diffs then span any edits by others in between.
 *
 * @param history - From `buildHistory`.
 * @param options - Filters, timeline period and zone, ranking length, diffs; see {@link AnalyzeOptions}.
 * @returns The report data (JSON-safe, `schemaVersion: 2`).
 * @throws RangeError or TypeError naming the option for a bad option value.
 * @example
 * ```ts
 * const report = analyzeHistory(buildHistory(parseFeed(seedXml)), { period: 'day' });
 * report.totals.revisions // 6
 * report.users[0]         // { user: 'Dlezcano', edits: 6, pages: [...], ... }
 * report.timeline.map((p) => [p.label, p.edits]) // [['2008-07-18', 5], ..., ['2008-07-22', 1]]
 * ```
 */
export function analyzeHistory(history: History, options: AnalyzeOptions = {}): HistoryReport {
  if (typeof history !== 'object' || history === null || !Array.isArray(history.pages)) {
    throw new TypeError('analyzeHistory: history must be a History (from buildHistory)');
  }
  const o = checkOptions(options);
  const byId = new Map<number, Revision>();
  const revertedBy = new Map<number, number[]>();
  for (const page of history.pages) {
    for (const r of page.revisions) {
      byId.set(r.id, r);
      for (const undone of r.revert?.reverted ?? []) {
        const list = revertedBy.get(undone) ?? [];
        list.push(r.id);
        revertedBy.set(undone, list);
      }
    }
  }
  const pages: PageReport[] = [];
  for (const page of history.pages) {
    if (o.pages !== null && !o.pages.has(page.title)) continue;
    const report = analyzePage(page, byId, revertedBy, o);
    if (report !== null) pages.push(report);
  }
  return assembleReport(pages, history.diagnostics, o);
}

/** @internal The whole report from its pages' reports: users, timeline, rankings, totals. */
export function assembleReport(
  pages: readonly PageReport[],
  diagnostics: History['diagnostics'],
  o: Checked,
): HistoryReport {
  const revisions = pages.flatMap((p) => p.revisions);
  const users = analyzeUsers(revisions);
  const rank = (u: UserReport): EditorRank => ({
    user: u.user,
    edits: u.edits,
    bytesAdded: u.bytesAdded,
  });
  const withChange = revisions.filter((r) => r.sizeChange !== null);
  const [firstEdit, lastEdit] = minMax(revisions.map((r) => r.timestamp));
  const order = (a: RevisionReport, b: RevisionReport) => a.id - b.id;
  return {
    schemaVersion: 2,
    generatedAt: o.now,
    timeZone: o.timeZone,
    period: o.period,
    top: o.top,
    filters: {
      pages: o.pages === null ? null : [...o.pages],
      users: o.users === null ? null : [...o.users],
      since: o.since === null ? null : new Date(o.since).toISOString(),
      until: o.until === null ? null : new Date(o.until).toISOString(),
    },
    totals: {
      pages: pages.length,
      revisions: revisions.length,
      users: users.length,
      bytesAdded: pages.reduce((n, p) => n + p.bytesAdded, 0),
      bytesRemoved: pages.reduce((n, p) => n + p.bytesRemoved, 0),
      textsKnown: revisions.filter((r) => r.textKnown).length,
      minorEdits: revisions.filter((r) => r.minor === true).length,
      minorKnown: revisions.filter((r) => r.minor !== null).length,
      botEdits: revisions.filter((r) => r.bot === true).length,
      botKnown: revisions.filter((r) => r.bot !== null).length,
      firstEdit,
      lastEdit,
    },
    pages,
    users,
    timeline: analyzeTimeline(revisions, o),
    topEditorsByEdits: users.slice(0, o.top).map(rank),
    topEditorsByBytes: [...users]
      .sort((a, b) => b.bytesAdded - a.bytesAdded || b.edits - a.edits)
      .filter((u) => u.bytesAdded > 0)
      .slice(0, o.top)
      .map(rank),
    largestAdditions: withChange
      .filter((r) => (r.sizeChange ?? 0) > 0)
      .sort((a, b) => (b.sizeChange ?? 0) - (a.sizeChange ?? 0) || order(a, b))
      .slice(0, o.top)
      .map(ref),
    largestRemovals: withChange
      .filter((r) => (r.sizeChange ?? 0) < 0)
      .sort((a, b) => (a.sizeChange ?? 0) - (b.sizeChange ?? 0) || order(a, b))
      .slice(0, o.top)
      .map(ref),
    autocommentMismatches: revisions
      .filter((r) => r.autocomment === 'disagrees')
      .sort(order)
      .map(ref),
    diagnostics,
  };
}

/**
 * The report of pages analysed apart (each by `analyzeHistory` on its own history, e.g. in
 * worker threads): users, timeline, rankings and totals computed over all of them, as
 * `analyzeHistory` would on their whole history. The pages keep the order given.
 *
 * @param pages - Page reports, from `analyzeHistory(...).pages`.
 * @param diagnostics - The report's diagnostics.
 * @param options - The same options the pages were analysed with (`now`, `period`,
 *   `timeZone`, `top`, `maxPeriods` and the filters matter here).
 * @returns The report data.
 * @throws RangeError or TypeError naming the option for a bad option value.
 * @example
 * ```ts
 * const parts = histories.map((h) => analyzeHistory(h).pages).flat();
 * reportFromPages(parts, []).totals.revisions // the sum over all pages
 * ```
 */
export function reportFromPages(
  pages: readonly PageReport[],
  diagnostics: History['diagnostics'],
  options: AnalyzeOptions = {},
): HistoryReport {
  if (!Array.isArray(pages)) throw new TypeError('reportFromPages: pages must be an array');
  return assembleReport(pages, diagnostics, checkOptions(options));
}
