/**
 * `diffText` on real-shaped wikitext pages (issue 19) against its peers, side by side in one
 * script: wikidiff2 (`wikidiff2_inline_json_diff`, through `php -r`, timed inside PHP so its
 * start is excluded), GNU `diff --minimal` (its start, an empty-file run, subtracted) and jsdiff
 * `diffLines`. `npm run bench -- diff-real ['name filter']`.
 *
 * Times are CPU time (`process.cpuUsage`, `getrusage`), not wall time: the machine is shared,
 * and a process waiting for a core is not charged. Ours and jsdiff run in this process,
 * interleaved sample by sample, so their ratio is taken under one load. Memory is each
 * contender's peak RSS in a child process running one diff (`diff-real-child.ts`), next to the
 * same process diffing nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDiff } from '../src/index.js';
import { type PagePair, realShapedPairs } from './diff-pages.js';
import { type Counts, collectGarbage, jsdiffCounts, median } from './diff-peers.js';
import { lib } from './lib.js';

const { diffText } = lib;
const dir = mkdtempSync(join(tmpdir(), 'wikirev-diff-real-'));
const child = fileURLToPath(new URL('./diff-real-child.ts', import.meta.url));

function cpuMs(fn: () => unknown): number {
  const t = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}

/**
 * CPU ms per call of each contender, sampled in turn: each sample is a batch of calls lasting
 * about 20 ms of CPU, after warm-up calls (on the first round). A contender whose call takes
 * over `slowMs` (jsdiff on rewrites: seconds) runs once a round.
 */
function interleaved(
  fns: ReadonlyArray<() => unknown>,
  samples: number,
  slowMs: number,
  batches: number[],
): number[][] {
  collectGarbage();
  if (batches.length === 0) {
    for (const fn of fns) {
      let spent = 0;
      let k = 0;
      do {
        spent += cpuMs(fn);
        k++;
      } while (k < 50 && spent < 200 && spent / k < slowMs);
      const each = spent / k;
      batches.push(each >= slowMs ? 0 : Math.max(1, Math.round(20 / each)));
    }
  }
  const times: number[][] = fns.map(() => []);
  for (let s = 0; s < samples; s++) {
    fns.forEach((fn, f) => {
      const batch = batches[f]!;
      if (batch === 0) {
        if (s > 0) return;
        collectGarbage();
        times[f]!.push(cpuMs(fn));
        // Its garbage (jsdiff: hundreds of MB) is collected now, not in the next samples' time.
        collectGarbage();
        return;
      }
      times[f]!.push(
        cpuMs(() => {
          for (let k = 0; k < batch; k++) fn();
        }) / batch,
      );
    });
  }
  return times;
}

// wikidiff2, timed inside PHP: one warm-up call, then calls until 300 ms or 10 calls (at least 3);
// the median CPU ms of a call, and the process's peak RSS (VmHWM, as `peak-rss.ts` reads it).
const WIKIDIFF2 = `
$a = substr(file_get_contents($argv[1]), 0, -1);
$b = substr(file_get_contents($argv[2]), 0, -1);
$cpu = function () { $r = getrusage(); return ($r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec']) * 1e3 + ($r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec']) / 1e3; };
$out = wikidiff2_inline_json_diff($a, $b, 2);
$times = []; $spent = 0;
while (count($times) < 3 || (count($times) < 10 && $spent < 300)) {
  $t = $cpu(); $out = wikidiff2_inline_json_diff($a, $b, 2); $d = $cpu() - $t;
  $times[] = $d; $spent += $d;
}
sort($times);
$rss = preg_match('/^VmHWM:\\s*(\\d+) kB/m', (string) @file_get_contents('/proc/self/status'), $mt) ? (int) $mt[1] : getrusage()['ru_maxrss'];
echo json_encode(['ms' => $times[intdiv(count($times), 2)], 'runs' => count($times), 'rssKb' => $rss]);
`;

const hasWikidiff2 =
  spawnSync('php', ['-r', 'echo function_exists("wikidiff2_inline_json_diff") ? 1 : 0;'], {
    encoding: 'utf8',
  }).stdout === '1';

function wikidiff2(a: string, b: string): { ms: number; rssKb: number } | null {
  if (!hasWikidiff2) return null;
  const r = spawnSync('php', ['-r', WIKIDIFF2, a, b], { encoding: 'utf8' });
  return JSON.parse(r.stdout) as { ms: number; rssKb: number };
}

/** CPU ms of `runs` runs of `diff --minimal a b` in one shell, and its peak RSS. */
function gnuDiff(a: string, b: string, runs: number): { ms: number; rssKb: number; out: string } {
  const loop = `TIMEFORMAT='%3U %3S'; time (for k in $(seq ${runs}); do diff --minimal "$1" "$2" > /dev/null; done)`;
  const r = spawnSync('bash', ['-c', loop, 'bash', a, b], { encoding: 'utf8' });
  const [user = 0, sys = 0] = r.stderr.trim().split(/\s+/).map(Number);
  const mem = spawnSync('/usr/bin/time', ['-f', '%M', 'diff', '--minimal', a, b], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const rssKb = Number(mem.stderr.trim().split('\n').pop());
  return { ms: ((user + sys) * 1000) / runs, rssKb, out: mem.stdout };
}

function childRss(mode: string, a: string, b: string): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, mode, a, b], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${mode}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { rssKb: number }).rssKb;
}

const fmt = (ms: number): string =>
  ms < 1 ? ms.toFixed(3) : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
const mb = (kb: number): string => (kb / 1024).toFixed(0);
const ratio = (x: number, y: number): string => (x / y).toFixed(x / y < 10 ? 2 : 0);

writeFileSync(join(dir, 'empty'), '\n');
const empty = join(dir, 'empty');
const gnuStart = gnuDiff(empty, empty, 50).ms;
const cpu = cpus()[0];
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(', ');
console.log(
  `${new Date().toISOString()}, load average ${load()} (1, 5, 15 min). ` +
    `Machine: ${cpus().length} × ${cpu?.model ?? 'unknown CPU'}, shared; CPU ms a call (medians); ` +
    `GNU diff's start (${fmt(gnuStart)} ms CPU) subtracted; three rounds per case; wikidiff2 ${hasWikidiff2 ? 'timed inside PHP' : 'not installed'}.`,
);
console.log(
  `Peak RSS of a process diffing nothing (MB): node ${mb(childRss('none', empty, empty))}, ` +
    `php ${hasWikidiff2 ? mb(wikidiff2(empty, empty)!.rssKb) : '—'}, diff ${mb(gnuDiff(empty, empty, 1).rssKb)}.\n`,
);
console.log(
  '| case | lines old/new | lines-only ms | default ms | wikidiff2 ms | diff --minimal ms (net) | jsdiff ms | wikidiff2 / default | diff / lines-only | jsdiff / default | +/− lines-only, jsdiff, diff | peak RSS MB: default, lines-only, wikidiff2, diff, jsdiff |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');

const only = process.argv[3] ?? '';
const pairs: PagePair[] = realShapedPairs().filter((c) => c.name.includes(only));
for (const c of pairs) {
  const fa = join(dir, 'a');
  const fb = join(dir, 'b');
  writeFileSync(fa, `${c.a}\n`);
  writeFileSync(fb, `${c.b}\n`);
  const big = c.a.length > 5_000_000;
  let linesResult: TextDiff | undefined;
  let jsResult: Counts | undefined;
  const contenders: Array<() => unknown> = [
    () => {
      linesResult = diffText(c.a, c.b, { wordDiff: false, detectMoves: false });
    },
    () => diffText(c.a, c.b),
  ];
  // jsdiff on the 10 MB page would take minutes (O(N·D) with path objects): not run there.
  if (!big) contenders.push(() => (jsResult = jsdiffCounts(c.a, c.b)));
  // Three rounds, each timing ours and jsdiff, then wikidiff2, then GNU diff, so that the
  // machine's load (shared) weighs on all of them alike; medians over the rounds.
  const batches: number[] = [];
  const times: number[][] = contenders.map(() => []);
  const w2Runs: Array<{ ms: number; rssKb: number }> = [];
  const gnuRuns: Array<{ ms: number; rssKb: number; out: string }> = [];
  for (let round = 0; round < 3; round++) {
    for (const [f, t] of interleaved(contenders, big ? 2 : 5, 300, batches).entries()) {
      times[f]!.push(...t);
    }
    const w = wikidiff2(fa, fb);
    if (w) w2Runs.push(w);
    gnuRuns.push(gnuDiff(fa, fb, big ? 1 : 3));
  }
  const [lines, ours, js] = times.map((t) => ({ ms: median(t), runs: t.length }));
  const w2 =
    w2Runs.length === 0 ? null : { ms: median(w2Runs.map((w) => w.ms)), rssKb: w2Runs[0]!.rssKb };
  const gnu = { ...gnuRuns[0]!, ms: median(gnuRuns.map((g) => g.ms)) };
  const gnuOut = gnu.out.split('\n');
  const gnuCounts = {
    added: gnuOut.filter((l) => l.startsWith('> ')).length,
    removed: gnuOut.filter((l) => l.startsWith('< ')).length,
  };
  const l = linesResult!;
  const same =
    l.added === gnuCounts.added &&
    l.removed === gnuCounts.removed &&
    (jsResult === undefined || (l.added === jsResult.added && l.removed === jsResult.removed));
  const gnuNet = Math.max(0.001, gnu.ms - gnuStart);
  const rss = [
    childRss('default', fa, fb),
    childRss('lines', fa, fb),
    w2?.rssKb,
    gnu.rssKb,
    big ? undefined : childRss('jsdiff', fa, fb),
  ].map((kb) => (kb === undefined ? '—' : mb(kb)));
  const counts = `+${l.added} −${l.removed}, ${jsResult ? `+${jsResult.added} −${jsResult.removed}` : '—'}, +${gnuCounts.added} −${gnuCounts.removed}${same ? ' ✓' : ' ✗'}`;
  console.log(
    `| ${c.name} | ${c.a.split('\n').length}/${c.b.split('\n').length} | ${fmt(lines!.ms)}${l.approximate ? ' (approx.)' : ''} | ${fmt(ours!.ms)} | ${w2 ? fmt(w2.ms) : '—'} | ${fmt(gnuNet)} | ${js ? `${fmt(js.ms)}${js.runs <= 3 ? ` ×${js.runs}` : ''}` : '—'} | ${w2 ? ratio(w2.ms, ours!.ms) : '—'} | ${ratio(gnuNet, lines!.ms)} | ${js ? ratio(js.ms, ours!.ms) : '—'} | ${counts} | ${rss.join(', ')} |`,
  );
}
console.log(`\n${new Date().toISOString()}, load average ${load()}.`);
rmSync(dir, { recursive: true, force: true });
