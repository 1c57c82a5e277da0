/**
 * `analyzeDumpPage`: one dump page's report. A page whose texts fit `maxHistoryBytes` is held
 * and analysed whole; a longer one is analysed one revision pair at a time, holding only the
 * previous revision's text and each revision's small report (docs/14-dumps.md).
 */
import { type AuthorshipTracker, createAuthorship } from '../authorship/create-authorship.js';
import type { Diagnostic } from '../errors.js';
import { DEFAULT_LIMITS, limitOption } from '../limits.js';
import type { PageMove, Revision, RevisionGap } from '../model.js';
import {
  type AnalyzeOptions,
  analyzeHistory,
  analyzeRevision,
  type Checked,
  checkOptions,
  inFilter,
  summarizePage,
} from '../report/analyze-history.js';
import { authorshipReport } from '../report/authorship-report.js';
import type { PageReport, RevisionReport } from '../report/history-report.js';
import { sectionsCache } from '../report/sections-cache.js';
import { detectReverts, type RevertCandidate } from '../revisions/reverts.js';
import type { DumpPage, DumpRevision } from './dump-model.js';
import {
  type DumpPageRevisions,
  gapBefore,
  hiddenParts,
  moveTo,
  readDumpPageRevisions,
  toRevision,
  writesParents,
} from './dump-page-revisions.js';

/** Options of {@link analyzeDumpPage}: `analyzeHistory`'s, the hold limit, the schema. */
export interface AnalyzeDumpPageOptions extends AnalyzeOptions {
  /**
   * Bytes of revision texts held to analyse the page whole; past it the page is analysed one
   * revision pair at a time (`incremental: true`).
   * @default DEFAULT_LIMITS.maxHistoryBytes (1 GiB)
   */
  readonly maxHistoryBytes?: number;
  /**
   * Tokens the authorship tracker may hold for a page analysed pair by pair (see the tracker's
   * `tokensKept`); past it the tracker is let go, the report's `authorship` is `null` and an
   * `AUTHORSHIP_BUDGET` diagnostic says so. A page held whole is not bounded by it.
   * @default DEFAULT_LIMITS.maxAuthorshipTokens (5,000,000)
   */
  readonly maxAuthorshipTokens?: number;
  /**
   * The dump's schema version (`(await dump.siteinfo()).schemaVersion`): dumps before 0.7 write
   * no `<parentid>`, so parents are unknown there.
   * @default '0.11'
   */
  readonly schemaVersion?: string | null;
}

/** The report of one dump page. */
export interface DumpPageReport {
  readonly pageId: number;
  readonly namespace: number;
  readonly title: string;
  /** The page's report as `analyzeHistory` gives it; `null` when no revision passed the filters. */
  readonly report: PageReport | null;
  /** Revisions read. */
  readonly revisions: number;
  /** True when the page went past `maxHistoryBytes` and was analysed pair by pair. */
  readonly incremental: boolean;
  /** The revisions' diagnostics (`DUMP_SHA1_MISMATCH`, `DUMP_TEXT_SKIPPED`). */
  readonly diagnostics: readonly Diagnostic[];
}

const NO_REVERTS: ReadonlyMap<number, number[]> = new Map();

/**
 * One page analysed a revision at a time: the previous revision (with its text) is the base of
 * the next; each revision leaves its report and the few fields revert detection needs.
 */
class PairAnalyzer {
  readonly #title: string;
  readonly #o: Checked;
  #previous: Revision | undefined;
  readonly #sizes = new Map<number, number | null>();
  readonly #candidates: RevertCandidate[] = [];
  readonly #reports: RevisionReport[] = [];
  /** The index in `#candidates` of each report. */
  readonly #indexes: number[] = [];
  readonly gaps: RevisionGap[] = [];
  readonly moves: PageMove[] = [];
  readonly diagnostics: Diagnostic[] = [];
  count = 0;
  /** Every revision goes through it; `null` once it holds more than `#maxTokens`. */
  #tracker: AuthorshipTracker | null = createAuthorship();
  readonly #maxTokens: number;
  /** The last texts' sections: each text parsed once, as the `after` and then the `before`. */
  readonly #sectionsOf = sectionsCache();
  /** Whether the first revision with a text created the page (see `authorshipReport`). */
  #fromCreation: boolean | undefined;

  constructor(title: string, o: Checked, maxTokens: number) {
    this.#title = title;
    this.#o = o;
    this.#maxTokens = maxTokens;
  }

  add(r: Revision): void {
    this.#attribute(r);
    const previous = this.#previous;
    const gap = gapBefore(r, previous);
    if (gap !== null) this.gaps.push(gap);
    const move = moveTo(r, this.#title);
    if (move !== null) this.moves.push(move);
    const byId = new Map<number, Revision>([[r.id, r]]);
    if (r.parentKnown && r.parentId !== null && r.parentId !== previous?.id) {
      // A parent further back: its size is known, its text was not kept (docs/14-dumps.md).
      const size = this.#sizes.get(r.parentId);
      if (size !== undefined) {
        byId.set(r.parentId, { ...r, id: r.parentId, text: null, size, sha1: null });
      }
    } else if (previous !== undefined) byId.set(previous.id, previous);
    if (inFilter(r, this.#o)) {
      const page = {
        title: this.#title,
        revisions: previous === undefined ? [r] : [previous, r],
        moves: [],
        gaps: [],
        complete: false,
      };
      const index = previous === undefined ? 0 : 1;
      this.#reports.push(
        analyzeRevision(r, index, page, byId, NO_REVERTS, this.#o, this.#sectionsOf),
      );
      this.#indexes.push(this.count);
    }
    this.#sizes.set(r.id, r.size);
    const { id, parentId, parentKnown, user, comment, sha1 } = r;
    this.#candidates.push({ id, parentId, parentKnown, user, comment, sha1 });
    this.#previous = r;
    this.count++;
  }

  finish(): PageReport | null {
    const reverts = detectReverts(this.#candidates);
    const revertedBy = new Map<number, number[]>();
    reverts.forEach((revert, i) => {
      for (const undone of revert?.reverted ?? []) {
        const list = revertedBy.get(undone) ?? [];
        list.push(this.#candidates[i]!.id);
        revertedBy.set(undone, list);
      }
    });
    const tracker = this.#tracker;
    this.#tracker = null;
    const authorship =
      tracker === null
        ? null
        : authorshipReport(tracker, { fromCreation: this.#fromCreation ?? true });
    const reports = this.#reports.map((report, k) => {
      const revert = reverts[this.#indexes[k]!] ?? null;
      const by = revertedBy.get(report.id);
      // Most revisions take part in no revert: their report is kept, not copied.
      return revert === null && by === undefined
        ? report
        : { ...report, revert, revertedBy: by ?? [] };
    });
    if (reports.length === 0) return null;
    const complete = this.gaps.length === 0 && this.#candidates.every((c) => c.parentKnown);
    return summarizePage(
      { title: this.#title, gaps: this.gaps, moves: this.moves, complete },
      reports,
      authorship,
    );
  }

  /** Adds the revision to the authorship tracker, letting it go past `#maxTokens`. */
  #attribute(r: Revision): void {
    const tracker = this.#tracker;
    if (tracker === null) return;
    if (this.#fromCreation === undefined && r.text !== null) {
      this.#fromCreation = r.parentId === null && r.parentKnown;
    }
    tracker.add(r);
    if (tracker.tokensKept > this.#maxTokens) {
      this.#tracker = null;
      this.diagnostics.push({
        severity: 'warning',
        code: 'AUTHORSHIP_BUDGET',
        message: `page ${JSON.stringify(this.#title)}: authorship left out at revision ${r.id}: the tracker holds ${tracker.tokensKept} tokens, over maxAuthorshipTokens (${this.#maxTokens})`,
        revisionId: r.id,
        pageTitle: this.#title,
      });
    }
  }
}

/**
 * Analyses one page of a dump for a revision report, in memory bounded by `maxHistoryBytes`
 * whatever the page's length: a page whose texts fit is held and analysed by `analyzeHistory`;
 * a longer one is analysed one revision pair at a time (diff and section counts against the
 * revision before it, sizes, reverts by SHA-1 and summary, users), holding only the previous
 * revision's text, a small record per revision and the authorship tracker (its tokens bounded
 * by `maxAuthorshipTokens`). Both give the same report, except that a revision whose parent is
 * not the revision before it in the dump gets its size change but no line or section counts
 * once the page is past the limit.
 *
 * @param page - A page of `readDump`, its revisions not iterated yet.
 * @param options - `analyzeHistory`'s options (filters, diffs…), `maxHistoryBytes`,
 *   `maxAuthorshipTokens`, the schema.
 * @returns The page's report, to put with others into a `HistoryReport` or render.
 * @example
 * ```ts
 * import { analyzeDumpPage, readDump } from 'wikirev/dump';
 * const dump = readDump('pages-meta-history.xml.bz2');
 * const { schemaVersion } = await dump.siteinfo();
 * for await (const page of dump) {
 *   const { report, incremental } = await analyzeDumpPage(page, { schemaVersion, diffs: false });
 *   console.log(page.title, report?.revisions.length, report?.reverts.length, incremental);
 * }
 * ```
 */
export async function analyzeDumpPage(
  page: DumpPage,
  options: AnalyzeDumpPageOptions = {},
): Promise<DumpPageReport> {
  const limit = limitOption('analyzeDumpPage', 'maxHistoryBytes', options.maxHistoryBytes);
  const maxTokens = limitOption(
    'analyzeDumpPage',
    'maxAuthorshipTokens',
    options.maxAuthorshipTokens,
  );
  const {
    maxHistoryBytes: _limit,
    maxAuthorshipTokens: _tokens,
    schemaVersion: _schema,
    ...analyze
  } = options;
  const o = checkOptions(analyze);
  const parentsWritten =
    options.schemaVersion === undefined ? true : writesParents(options.schemaVersion);
  const base = { pageId: page.id, namespace: page.namespace, title: page.title };
  if (o.pages !== null && !o.pages.has(page.title)) {
    // Left unread: the reader skips the page's revisions without decoding them.
    return { ...base, report: null, revisions: 0, incremental: false, diagnostics: [] };
  }
  const read = await readDumpPageRevisions(page, limit, parentsWritten);
  if (read.kind === 'held') {
    const { history } = read;
    const whole = analyzeHistory({ pages: [history], diagnostics: [] }, analyze);
    return {
      ...base,
      report: whole.pages[0] ?? null,
      revisions: history.revisions.length,
      incremental: false,
      diagnostics: history.diagnostics,
    };
  }
  return analyzeRest(page, read, o, parentsWritten, maxTokens);
}

/**
 * @internal Carries on with a page that went past the hold limit, pair by pair: the held
 * revisions first (each let go once it is the base no more), then the unread ones.
 */
export async function analyzeRest(
  page: DumpPage,
  read: Extract<DumpPageRevisions, { kind: 'over' }>,
  o: Checked,
  parentsWritten: boolean,
  maxAuthorshipTokens: number = DEFAULT_LIMITS.maxAuthorshipTokens,
): Promise<DumpPageReport> {
  const analyzer = new PairAnalyzer(page.title, o, maxAuthorshipTokens);
  // Hand the held revisions over one by one, letting each text go once it is the base no more.
  const held: (Revision | undefined)[] = read.held;
  held.forEach((r, i) => {
    held[i] = undefined;
    if (r !== undefined) analyzer.add(r);
  });
  const diagnostics = read.diagnostics;
  for (;;) {
    const next: IteratorResult<DumpRevision> = await read.rest.next();
    if (next.done === true) break;
    analyzer.add(toRevision(next.value, parentsWritten));
    for (const d of next.value.diagnostics) diagnostics.push(d);
    for (const d of hiddenParts(next.value)) diagnostics.push(d);
  }
  const report = analyzer.finish();
  for (const d of analyzer.diagnostics) diagnostics.push(d);
  return {
    pageId: page.id,
    namespace: page.namespace,
    title: page.title,
    report,
    revisions: analyzer.count,
    incremental: true,
    diagnostics,
  };
}
