/**
 * Issue 13 for reports: histories far larger than a feed, analysed and rendered in every format
 * (Markdown, HTML, JSON, CSV) in a child process with a hang guard; speeds and peak memory are
 * in `npm run bench -- hostile`, not asserted here.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runHostile } from './helpers/child-run.js';

interface Stage {
  readonly name: string;
  readonly chars: number;
}

const ALL_STAGES = ['analyzeHistory', 'renderMarkdown', 'renderHtml', 'renderJson', 'revisionCsv'];

describe('issue 13: reports stay bounded on large histories', () => {
  // `out.push(...lines)` and `Math.min(...times)` passed a page's lines or revisions as call
  // arguments: past about 120,000 the stack overflowed (an untyped RangeError).
  test('regression: one page of 160,000 revisions renders in every format', () => {
    const r = runHostile('report-scale.ts', ['one', '160000'], { timeoutMs: 600_000 });
    assert.match(r.outcome, /^ok/, r.outcome);
    const stages = r.detail as Stage[];
    assert.deepEqual(
      stages.map((s) => s.name),
      ALL_STAGES,
    );
    assert.equal(stages[0]!.chars, 160_000);
  });

  test('2,000 pages, 2,000 users, 20,000 revisions render in every format', () => {
    const r = runHostile('report-scale.ts', ['many', '2000', '2000', '20000'], {
      timeoutMs: 600_000,
    });
    assert.match(r.outcome, /^ok/, r.outcome);
    assert.deepEqual(
      (r.detail as Stage[]).map((s) => s.name),
      ALL_STAGES,
    );
  });

  test('one page of 5,000 revisions with texts: every pair diffed, analysed, rendered', () => {
    const r = runHostile('report-scale.ts', ['texts', '5000'], { timeoutMs: 600_000 });
    assert.match(r.outcome, /^ok/, r.outcome);
    const stages = r.detail as Stage[];
    assert.deepEqual(
      stages.map((s) => s.name),
      ['diffRevisions', ...ALL_STAGES],
    );
    // One body line rewritten per revision (none where it falls on a heading).
    assert.ok(stages[0]!.chars > 4000 && stages[0]!.chars < 5000, String(stages[0]!.chars));
  });
});
