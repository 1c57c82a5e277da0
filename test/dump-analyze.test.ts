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
    // The same report, the authorship part included (the tracker streams through the pairs).
    const bare = ({ incremental: _, ...p }: (typeof whole)[number]) => p;
    assert.ok(paired.some((p) => p.report !== null && p.report.authorship !== null));
    assert.deepEqual(paired.map(bare), whole.map(bare), JSON.stringify(options));
  }
  const reverted = (await reports(FIXTURE, { maxHistoryBytes: 1 })).flatMap(
    (p) => p.report?.revisions.filter((r) => r.revert !== null || r.revertedBy.length > 0) ?? [],
  );
  assert.ok(reverted.length >= 4, `${reverted.length} revisions in reverts`);
});

test('past maxAuthorshipTokens, pair by pair leaves the authorship part out and says so', async () => {
  const whole = await reports(FIXTURE, {});
  const paired = await reports(FIXTURE, { maxHistoryBytes: 1, maxAuthorshipTokens: 50 });
  const page = 'History/Two hundred revisions';
  const held = whole.find((p) => p.title === page)!;
  const cut = paired.find((p) => p.title === page)!;
  assert.ok(held.report?.authorship !== null);
  assert.equal(cut.report?.authorship, null);
  const budget = cut.diagnostics.filter((d) => d.code === 'AUTHORSHIP_BUDGET');
  assert.equal(budget.length, 1);
  assert.match(budget[0]!.message, /maxAuthorshipTokens \(50\)/);
  // The rest of the report is unchanged.
  assert.deepEqual({ ...cut.report, authorship: null }, { ...held.report, authorship: null });
  // A page whose tracker stayed under the budget keeps its part.
  assert.ok(paired.some((p) => p.report?.authorship != null));
});

interface ChildResult {
  readonly incremental: boolean;
  readonly revisions: number;
  readonly linesAdded: number;
  readonly bytes: number;
  readonly peakLiveMb: number;
  readonly maxRssMb: number;
  readonly authorship: boolean;
}

/** Analyses a generated page in a child process (tsx, `--expose-gc`): what it read, its memory. */
function child(
  revisions: number,
  textSize: number,
  mode: 'pairs' | 'whole',
  every: number,
  maxAuthorshipTokens?: number,
) {
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
      ...(maxAuthorshipTokens === undefined ? [] : [String(maxAuthorshipTokens)]),
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

test('pair by pair with authorship at its default budget: memory per kept token as the bench measured', () => {
  // The authorship bench's article history (docs/16-authorship.md, Memory): 57 bytes per kept
  // token, 1.05 KB per revision for the tracker alone. Here through the pair path, twice as
  // many revisions as against a run without authorship, which isolates the tracker's share.
  const script = join(import.meta.dirname, 'helpers', 'pair-authorship-child.ts');
  const run = (revisions: number, budget?: number) => {
    const args = [String(revisions), ...(budget === undefined ? [] : [String(budget)])];
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as {
      incremental: boolean;
      authorship: boolean;
      liveBytes: number;
      tokensKept: number;
    };
  };
  const [few, many] = [run(400), run(1600)];
  const [fewBare, manyBare] = [run(400, 1), run(1600, 1)];
  assert.ok(few.incremental && many.incremental && few.authorship && many.authorship);
  assert.ok(!fewBare.authorship && !manyBare.authorship);
  const tracker = many.liveBytes - few.liveBytes - (manyBare.liveBytes - fewBare.liveBytes);
  const perToken = tracker / (many.tokensKept - few.tokensKept);
  const perRevision = tracker / 1200;
  const figures = JSON.stringify({ perToken, perRevision, few, many, fewBare, manyBare });
  assert.ok(perToken < 2 * 57, figures);
  assert.ok(perRevision < 2 * 1.05 * 1024, figures);
  // And it is measured at all: the tracker holds its tokens.
  assert.ok(perToken > 57 / 4, figures);
});

test('a page of 100,000 revisions is analysed holding a small record per revision', () => {
  // Authorship holds every distinct sentence (docs/16-authorship.md, Memory: ~1.7 KB per
  // revision of this page, whose every revision writes a new line): past a budget of 1,000
  // tokens it is let go, and what is left per revision is the pair path's own record. The
  // tracker's own memory on this path is the test above.
  const few = child(10_000, 1, 'pairs', 1000, 1000);
  const many = child(100_000, 1, 'pairs', 5000, 1000);
  assert.ok(few.incremental && many.incremental);
  assert.ok(!few.authorship && !many.authorship);
  assert.equal(many.revisions, 100_000);
  // What grows is the report itself: one RevisionReport (~0.7 KB live) per revision.
  const perRevision = ((many.peakLiveMb - few.peakLiveMb) * 2 ** 20) / 90_000;
  assert.ok(perRevision < 1024, `${perRevision} bytes per revision`);
  assert.ok(many.maxRssMb - few.maxRssMb < 120, JSON.stringify({ few, many }));
});
