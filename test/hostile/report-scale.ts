/**
 * Issue 13, the report class: histories far larger than a feed, rendered in every format.
 * `many P U R`: P pages, U users, R revisions (no texts: sizes only); `one N`: one page of N
 * revisions (no texts); `texts N`: one page of N revisions with texts, a line edited each time,
 * so that every revision is diffed (`diffRevisions` on each pair, then `analyzeHistory`).
 * Reports the CPU time of each stage and the outputs' sizes; the time is the slowest stage's.
 */
import { diffRevisions } from '../../src/diff/diff-revisions.js';
import type { History, PageHistory, Revision } from '../../src/model.js';
import { analyzeHistory } from '../../src/report/analyze-history.js';
import { renderHtml } from '../../src/report/render-html.js';
import { renderJson } from '../../src/report/render-json.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { revisionCsv } from '../../src/report/revision-csv.js';
import { revisionRows } from '../../src/report/revision-rows.js';
import { describeError, report, timed } from './report.js';

const [mode = 'many', ...sizes] = process.argv.slice(2);
const [pageCount, userCount, revisionCount] =
  mode === 'many'
    ? [Number(sizes[0] ?? 20_000), Number(sizes[1] ?? 20_000), Number(sizes[2] ?? 200_000)]
    : [1, 500, Number(sizes[0] ?? 200_000)];
const withTexts = mode === 'texts';

// A 60-line page of 10 sections; revision k rewrites one body line.
const lines = Array.from({ length: 60 }, (_, i) => (i % 6 === 0 ? `== S${i / 6} ==` : `line ${i}`));
const pages: PageHistory[] = [];
let id = 1;
for (let p = 0; p < pageCount; p++) {
  const revisions: Revision[] = [];
  const perPage = Math.ceil(revisionCount / pageCount);
  for (let k = 0; k < perPage; k++) {
    let text: string | null = null;
    if (withTexts) {
      const at = 1 + ((k * 7) % 59);
      if (!lines[at]!.startsWith('==')) lines[at] = `line ${k}`;
      text = lines.join('\n');
    }
    revisions.push({
      id,
      pageTitle: `Page ${p}`,
      parentId: k === 0 ? null : id - 1,
      parentKnown: true,
      timestamp: new Date(Date.UTC(2010, 0, 1) + id * 600_000).toISOString().replace('.000', ''),
      user: `User ${(p * 7 + k * 13) % userCount}`,
      comment: `/* S${k % 10} */ edit ${k}`,
      autocomments: [`S${k % 10}`],
      text,
      textOrigin: withTexts ? 'api' : null,
      sha1: null,
      size: text?.length ?? 100 + (k % 97),
      sources: [],
      revert: null,
    });
    id++;
  }
  pages.push({ title: `Page ${p}`, revisions, moves: [], gaps: [], complete: true });
}
const history: History = { pages, diagnostics: [] };

const stages: { name: string; ms: number; chars: number }[] = [];
const stage = (name: string, work: () => string | number): void => {
  const run = timed(work);
  if (run.error !== undefined) throw run.error;
  const v = run.value!;
  stages.push({ name, ms: run.ms, chars: typeof v === 'string' ? v.length : v });
};
try {
  if (withTexts) {
    const revs = pages[0]!.revisions;
    stage('diffRevisions', () => {
      let changed = 0;
      for (let k = 1; k < revs.length; k++) changed += diffRevisions(revs[k - 1]!, revs[k]!).added;
      return changed;
    });
  }
  let analyzed: ReturnType<typeof analyzeHistory> | null = null;
  stage('analyzeHistory', () => {
    analyzed = analyzeHistory(history, { now: '2026-01-01T00:00:00Z' });
    return analyzed.totals.revisions;
  });
  const r = analyzed!;
  stage('renderMarkdown', () => renderMarkdown(r));
  stage('renderHtml', () => renderHtml(r));
  stage('renderJson', () => renderJson(r));
  stage('revisionCsv', () => pages.map((p) => revisionCsv(revisionRows(p))).join(''));
  const slowest = stages.reduce((a, b) => (b.ms > a.ms ? b : a));
  const each = stages.map((s) => `${s.name} ${(s.ms / 1000).toFixed(1)} s`).join(', ');
  report(`ok: ${each}`, slowest.ms, stages);
} catch (error) {
  report(describeError(error), 0, stages);
}
