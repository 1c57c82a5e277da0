/**
 * `analyzeDumpPage`: a page analysed one revision pair at a time gives the report of the page
 * held whole (the real MediaWiki 1.39 fixture: reverts, undo, rollback, revision deletion,
 * 200+ revisions), and its memory does not grow with the texts it has read (child processes).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeDumpPage, type DumpPageReport, readDump } from '../src/dump.js';
import type { AnalyzeOptions } from '../src/index.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'dump-mediawiki-1.39', 'full-0.11.xml');

async function reports(path: string, options: Parameters<typeof analyzeDumpPage>[1]) {
  const dump = readDump(path);
  const { schemaVersion } = await dump.siteinfo();
  const out: DumpPageReport[] = [];
  for await (const page of dump)
    out.push(await analyzeDumpPage(page, { schemaVersion, ...options }));
  return out;
}

const OPTION_SETS: readonly AnalyzeOptions[] = [
  {},
  { diffs: false },
  { users: ['Alice', 'Борис'], since: '2024-03-01T13:00:00Z' },
  { pages: ['Reverts/Made by MediaWiki'], maxDiffLines: 3 },
];

test('pair by pair gives the report of the page held whole (real MediaWiki dump, every page)', async () => {
  for (const options of OPTION_SETS) {
    const whole = await reports(FIXTURE, options);
    const paired = await reports(FIXTURE, { ...options, maxHistoryBytes: 1 });
    assert.ok(whole.some((p) => p.report !== null));
    assert.ok(whole.every((p) => !p.incremental));
    assert.ok(paired.filter((p) => p.incremental).length >= (options.pages ? 1 : 12));
    // Pair by pair leaves authorship out (docs/14-dumps.md); the rest is the same.
    const bare = ({ incremental: _, report, ...p }: (typeof whole)[number]) => ({
      ...p,
      report: report === null ? null : { ...report, authorship: null },
    });
    assert.ok(paired.every((p) => p.report === null || p.report.authorship === null));
    assert.deepEqual(paired.map(bare), whole.map(bare), JSON.stringify(options));
  }
  const reverted = (await reports(FIXTURE, { maxHistoryBytes: 1 })).flatMap(
    (p) => p.report?.revisions.filter((r) => r.revert !== null || r.revertedBy.length > 0) ?? [],
  );
  assert.ok(reverted.length >= 4, `${reverted.length} revisions in reverts`);
});

interface ChildResult {
  readonly incremental: boolean;
  readonly revisions: number;
  readonly linesAdded: number;
  readonly bytes: number;
  readonly peakLiveMb: number;
  readonly maxRssMb: number;
}

/** Analyses a generated page in a child process (tsx, `--expose-gc`): what it read, its memory. */
function child(revisions: number, textSize: number, mode: 'pairs' | 'whole', every: number) {
  const script = join(import.meta.dirname, 'helpers', 'dump-analyze-child.ts');
  const run = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      script,
      String(revisions),
      String(textSize),
      mode,
      String(every),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as ChildResult;
}

test('texts read pair by pair are not held: 40 revisions of 1.5 MB peak as 4 do', () => {
  const few = child(4, 1_500_000, 'pairs', 1);
  const many = child(40, 1_500_000, 'pairs', 1);
  const held = child(40, 1_500_000, 'whole', 1);
  assert.ok(many.incremental && !held.incremental);
  assert.equal(many.linesAdded, held.linesAdded);
  const moreText = (many.bytes - few.bytes) / 2 ** 20;
  assert.ok(moreText > 50, `${moreText} MB more read`);
  // Live heap sampled before each revision: the same either way; holding the texts adds them.
  assert.ok(many.peakLiveMb - few.peakLiveMb < 6, JSON.stringify({ few, many }));
  assert.ok(held.peakLiveMb - few.peakLiveMb > 45, JSON.stringify({ few, held }));
  // Peak RSS (VmHWM) likewise: +5 MB for ten times the text; holding it costs +150 MB.
  assert.ok(many.maxRssMb - few.maxRssMb < 30, JSON.stringify({ few, many }));
  assert.ok(held.maxRssMb - few.maxRssMb > 60, JSON.stringify({ few, held }));
});

test('a page of 100,000 revisions is analysed holding a small record per revision', () => {
  const few = child(10_000, 1, 'pairs', 1000);
  const many = child(100_000, 1, 'pairs', 5000);
  assert.ok(few.incremental && many.incremental);
  assert.equal(many.revisions, 100_000);
  // What grows is the report itself: one RevisionReport (~0.7 KB live) per revision.
  const perRevision = ((many.peakLiveMb - few.peakLiveMb) * 2 ** 20) / 90_000;
  assert.ok(perRevision < 1024, `${perRevision} bytes per revision`);
  assert.ok(many.maxRssMb - few.maxRssMb < 120, JSON.stringify({ few, many }));
});
