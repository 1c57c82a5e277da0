/**
 * diffText against plain jsdiff `diffLines`, side by side in this process, on generated
 * wikitext pages; GNU `diff --minimal` and `git diff --no-index` as outside anchors, their
 * process start (an empty-file run) measured separately and subtracted.
 *
 * Prints medians (ms), the ratio jsdiff / diffText (higher is better for diffText; the aim is
 * never below 1), and the added/removed counts of each tool. Plain jsdiff is quadratic in the
 * edit length: on the slow cases it runs three times (marked `×3`) so the whole bench stays
 * short; elsewhere all three contenders are timed interleaved.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TextDiff } from '../src/index.js';
import { type Counts, collectGarbage, jsdiffCounts, median } from './diff-peers.js';
// Deterministic PRNG (mulberry32), so every run benches the same texts.
import { prng as rng } from './generate-feed.js';
import { lib } from './lib.js';

const { diffText } = lib;

const WORDS =
  'the of and to in is was river town hills history school church railway station population century built north south early years people area known century small large village market bridge castle'.split(
    ' ',
  );

function sentence(r: () => number): string {
  const n = 6 + Math.floor(r() * 20);
  const w: string[] = [];
  for (let k = 0; k < n; k++) {
    const word = WORDS[Math.floor(r() * WORDS.length)]!;
    w.push(r() < 0.05 ? `[[${word}]]` : r() < 0.03 ? `'''${word}'''` : word);
  }
  return `${w.join(' ')}.`;
}

/** A wikitext page of about `bytes` bytes: sections, paragraphs, lists, blank lines, tables. */
function page(bytes: number, seed: number): string[] {
  const r = rng(seed);
  const lines: string[] = [];
  let size = 0;
  let section = 0;
  while (size < bytes) {
    const x = r();
    let line: string;
    if (x < 0.05) line = `== Section ${++section} ==`;
    else if (x < 0.2) line = '';
    else if (x < 0.3) line = `* ${sentence(r)}`;
    else if (x < 0.34) line = '|-';
    else if (x < 0.37)
      line = `| ${WORDS[Math.floor(r() * WORDS.length)]} || ${Math.floor(r() * 1000)}`;
    else line = `${sentence(r)} ${sentence(r)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines;
}

interface Case {
  readonly name: string;
  readonly a: string;
  readonly b: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const [label, bytes] of [
    ['10 KB', 10_000],
    ['100 KB', 100_000],
    ['1 MB', 1_000_000],
  ] as const) {
    const base = page(bytes, bytes);
    const r = rng(bytes + 1);
    const one = [...base];
    const at = Math.floor(base.length / 2);
    one[at] = `${one[at]} edited`;
    // 1% of the lines (at least one) at random places.
    const percent = [...base];
    for (let q = 0; q < Math.max(1, Math.round(base.length / 100)); q++) {
      const at = Math.floor(r() * base.length);
      percent[at] = `${sentence(r)} (changed)`;
    }
    // One section (a run of about 2% of the lines starting at a heading) moved near the end.
    const headings = base.flatMap((l, k) => (l.startsWith('== ') ? [k] : []));
    const from = headings[Math.floor(headings.length / 4)] ?? 0;
    const length = Math.max(5, Math.floor(base.length / 50));
    const moved = [...base];
    const block = moved.splice(from, length);
    moved.splice(Math.floor((moved.length * 3) / 4), 0, ...block);
    // 30% of the lines rewritten, in runs of 1 to 40 lines (shorter on small pages, so that
    // a 10 KB page has enough runs for 30% to hold).
    const rewritten = [...base];
    const maxRun = Math.min(40, Math.ceil(base.length / 20));
    let k = 0;
    while (k < rewritten.length) {
      const run = 1 + Math.floor(r() * maxRun);
      if (r() < 0.3)
        for (let q = k; q < Math.min(k + run, rewritten.length); q++) rewritten[q] = sentence(r);
      k += run;
    }
    const text = base.join('\n');
    out.push(
      { name: `${label} one line changed`, a: text, b: one.join('\n') },
      { name: `${label} 1% lines changed`, a: text, b: percent.join('\n') },
      { name: `${label} one section moved`, a: text, b: moved.join('\n') },
      { name: `${label} 30% rewritten in runs`, a: text, b: rewritten.join('\n') },
    );
  }
  const lines = (seed: number): string => {
    const p = page(2_000_000, seed);
    return p.slice(0, 5000).join('\n');
  };
  out.push({ name: 'two unrelated 5,000-line texts', a: lines(11), b: lines(12) });
  return out;
}

interface Timing<T> {
  readonly ms: number;
  readonly runs: number;
  readonly result: T;
  readonly times: readonly number[];
}

/**
 * Times several contenders on one case, interleaved: each sample runs every contender in turn,
 * so a change in the machine's load (it is shared) weighs on all of them alike instead of on
 * whichever ran then. Before that, warm-up runs (up to 300, or 300 ms each): on the first,
 * small cases the code was still being compiled, and with one warm-up run the sub-millisecond
 * rows timed V8's tiers (the word pass has more code to compile than jsdiff's line diff), not
 * the diff. A sample is a batch of calls lasting about 2 ms, divided by its size: single calls
 * of 20-100 µs were at the timer's and the garbage collector's noise level.
 */
function timeAll<T>(
  fns: ReadonlyArray<() => T>,
  samples: number,
  warmedUp = false,
): Array<Timing<T>> {
  collectGarbage();
  const batches = fns.map((fn) => {
    const warm = performance.now();
    let k = 0;
    do {
      fn();
      k++;
    } while (k < 300 && performance.now() - warm < (warmedUp ? 30 : 300));
    const each = (performance.now() - warm) / k;
    return Math.max(1, Math.min(1000, Math.round(2 / each)));
  });
  const times: number[][] = fns.map(() => []);
  const results: T[] = fns.map((fn) => fn());
  for (let s = 0; s < samples; s++) {
    fns.forEach((fn, f) => {
      const batch = batches[f]!;
      const t0 = performance.now();
      for (let k = 0; k < batch; k++) results[f] = fn();
      times[f]!.push((performance.now() - t0) / batch);
    });
  }
  return fns.map((_, f) => ({
    ms: median(times[f]!),
    runs: samples,
    result: results[f]!,
    times: times[f]!,
  }));
}

/** Times a slow function once, without a warm-up run. */
function timeOnce<T>(fn: () => T): { ms: number; runs: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, runs: 1, result };
}

/**
 * Times a slow contender (seconds a run) three times, each run between samples of the fast
 * ones, so that every jsdiff run is timed under the load ours were. One run of plain jsdiff on
 * the big cases moved between 1.26 and 1.94 s from run to run on this shared machine, enough to
 * swing a ratio by half; the median of three runs, each beside its own samples, is steadier.
 */
function timeSlow<T, U>(
  slow: () => U,
  fns: ReadonlyArray<() => T>,
): { slow: Timing<U>; fast: Array<Timing<T>> } {
  const rounds = 3;
  const slowTimes: number[] = [];
  const fastTimes: number[][] = fns.map(() => []);
  let slowResult: U | undefined;
  let fast: Array<Timing<T>> = [];
  for (let r = 0; r < rounds; r++) {
    fast = timeAll(fns, 7, r > 0);
    for (const [f, t] of fast.entries()) fastTimes[f]!.push(...t.times);
    collectGarbage();
    const t0 = performance.now();
    slowResult = slow();
    slowTimes.push(performance.now() - t0);
  }
  return {
    slow: { ms: median(slowTimes), runs: rounds, result: slowResult as U, times: slowTimes },
    fast: fast.map((t, f) => ({ ...t, ms: median(fastTimes[f]!), runs: fastTimes[f]!.length })),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'wikirev-diff-bench-'));

function runTool(cmd: string, args: readonly string[], runs: number): { ms: number; out: string } {
  const times: number[] = [];
  let out = '';
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
    times.push(performance.now() - t0);
    out = r.stdout;
  }
  return { ms: median(times), out };
}

const fmt = (ms: number): string =>
  ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);

writeFileSync(join(dir, 'empty1'), '');
writeFileSync(join(dir, 'empty2'), '');
const diffStart = runTool('diff', ['--minimal', 'empty1', 'empty2'], 15).ms;
const gitStart = runTool('git', ['diff', '--no-index', '--numstat', 'empty1', 'empty2'], 15).ms;
const cpu = cpus()[0];
console.log(
  `Machine: ${cpus().length} × ${cpu?.model ?? 'unknown CPU'}, shared with other work; ` +
    `process start subtracted: diff ${fmt(diffStart)} ms, git ${fmt(gitStart)} ms.\n`,
);
console.log(
  '| case | lines old/new | diffText lines ms | diffText default ms | jsdiff ms | jsdiff / lines | jsdiff / default | diff --minimal ms (net) | git diff ms (net) | +/− diffText | +/− jsdiff | +/− diff | +/− git |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
// `npm run bench -- diff '10 KB'` runs only the cases whose name contains the second argument
// (and then skips the 10 MB pairs).
const only = process.argv[3] ?? '';
for (const c of cases().filter((x) => x.name.includes(only))) {
  // `lines`: the line diff alone, the work jsdiff and GNU diff do; `default`: plus word-level
  // changes of paired lines and moves, what a caller gets without options.
  const runLines = (): TextDiff => diffText(c.a, c.b, { wordDiff: false, detectMoves: false });
  const runOurs = (): TextDiff => diffText(c.a, c.b);
  const runTheirs = (): Counts => jsdiffCounts(c.a, c.b);
  // Plain jsdiff is O(N·D): on the big rewrites it takes seconds, and runs three times apart.
  const slow =
    (c.name.includes('rewritten') || c.name.includes('unrelated')) && c.a.length > 50_000;
  let lines: Timing<TextDiff>;
  let ours: Timing<TextDiff>;
  let theirs: Timing<Counts>;
  if (slow) {
    const t = timeSlow(runTheirs, [runLines, runOurs]);
    [lines, ours] = t.fast as [Timing<TextDiff>, Timing<TextDiff>];
    theirs = t.slow;
  } else {
    // Interleaved with ours, so that the ratio is taken under one load.
    [lines, ours, theirs] = timeAll<TextDiff | Counts>([runLines, runOurs, runTheirs], 21) as [
      Timing<TextDiff>,
      Timing<TextDiff>,
      Timing<Counts>,
    ];
  }
  writeFileSync(join(dir, 'a'), `${c.a}\n`);
  writeFileSync(join(dir, 'b'), `${c.b}\n`);
  const gnu = runTool('diff', ['--minimal', 'a', 'b'], 5);
  const gnuLines = gnu.out.split('\n');
  const git = runTool('git', ['diff', '--no-index', '--numstat', 'a', 'b'], 5);
  const [gitAdded = '0', gitRemoved = '0'] = git.out.trim().split(/\s+/).filter(Boolean);
  const lineCount = `${c.a.split('\n').length}/${c.b.split('\n').length}`;
  console.log(
    `| ${c.name} | ${lineCount} | ${fmt(lines.ms)}${lines.result.approximate ? ' (approx.)' : ''} | ${fmt(ours.ms)} | ${fmt(theirs.ms)}${theirs.runs <= 3 ? ` ×${theirs.runs}` : ''} | ${(theirs.ms / lines.ms).toFixed(1)} | ${(theirs.ms / ours.ms).toFixed(1)} | ${fmt(Math.max(0, gnu.ms - diffStart))} | ${fmt(Math.max(0, git.ms - gitStart))} | +${ours.result.added} −${ours.result.removed} | +${theirs.result.added} −${theirs.result.removed} | +${gnuLines.filter((l) => l.startsWith('> ')).length} −${gnuLines.filter((l) => l.startsWith('< ')).length} | +${gitAdded} −${gitRemoved} |`,
  );
}

if (only === '') {
  // A 10 MB pair must finish: two unrelated 10 MB pages (many shared short lines: blank, `|-`,
  // headings), the worst case for the exact search; the default limit makes it approximate.
  {
    const a = page(10_000_000, 101).join('\n');
    const b = page(10_000_000, 202).join('\n');
    const r = timeOnce(() => diffText(a, b));
    const rl = timeOnce(() => diffText(a, b, { wordDiff: false, detectMoves: false }));
    writeFileSync(join(dir, 'a'), `${a}\n`);
    writeFileSync(join(dir, 'b'), `${b}\n`);
    const gnu = runTool('diff', ['--minimal', 'a', 'b'], 1);
    const gnuLines = gnu.out.split('\n');
    console.log(
      `\n10 MB unrelated pair (${a.split('\n').length} / ${b.split('\n').length} lines): diffText ${fmt(rl.ms)} ms lines only, ${fmt(r.ms)} ms default, ` +
        `approximate: ${r.result.approximate}, +${r.result.added} −${r.result.removed}; ` +
        `diff --minimal ${fmt(gnu.ms - diffStart)} ms, +${gnuLines.filter((l) => l.startsWith('> ')).length} −${gnuLines.filter((l) => l.startsWith('< ')).length}`,
    );
  }

  // The fallback: 10 MB pairs of lines drawn from 8 distinct ones, where nothing can be set aside
  // and the minimal edit length is in the hundreds of thousands: past `maxEditLength` (default
  // 20000) the diff turns approximate instead of running for hours. GNU diff --minimal is not run:
  // it does not give up.
  {
    const r = rng(7);
    const voc = ['', '|-', '}}', '{{x}}', '* a', '== H ==', 'text line', 'other text'];
    const gen = (): string =>
      Array.from({ length: 1_800_000 }, () => voc[Math.floor(r() * voc.length)]).join('\n');
    const a = gen();
    const b = gen();
    const rl = timeOnce(() => diffText(a, b, { wordDiff: false, detectMoves: false }));
    const rd = timeOnce(() => diffText(a, b));
    console.log(
      `\n10 MB pathological pair (${(a.length / 1e6).toFixed(1)} MB, 1,800,000 lines from 8 distinct): ` +
        `diffText ${fmt(rl.ms)} ms lines only, ${fmt(rd.ms)} ms default, approximate: ${rl.result.approximate}, ` +
        `+${rl.result.added} −${rl.result.removed}`,
    );
  }
}
rmSync(dir, { recursive: true, force: true });
