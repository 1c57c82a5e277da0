/**
 * Child process of authorship.bench.ts: times `blame` over one page's history, read as JSON
 * (`{ "revisions": [...] }`) from stdin, in a process that has run nothing else, and prints
 * `{ min, median, samples, calls }` (CPU ms per call). The same method as WikiWho's side
 * (wikiwho-driver.py, `timed`), so that both are measured alike:
 *
 * 1. warm-up: batches of calls of the page's whole history (as below) for at least
 *    {@link WARMUP_MS} of CPU time and until {@link SETTLED} batches in a row were no faster
 *    than the fastest before them by 5 % (at most {@link WARMUP_MAX_MS}), so that V8 has
 *    optimised what this page runs. The bench starts this process with
 *    `--no-concurrent-recompilation`: V8 then optimises on the main thread instead of a helper
 *    thread, which on a loaded machine waited for a core while the main thread ran the page
 *    unoptimised, so that a warm-up of a fixed CPU time ended anywhere from 3 to 13 times the
 *    settled time per call (the 200-revision turbulent history, load 7 on 2 cores). The
 *    optimised code is the same; only when it arrives differs;
 * 2. samples: batches of calls, each at least {@link BATCH_MS} long, the clock read after 1, 2,
 *    4… calls (reading it is a system call, about 2 µs, as much as a tiny page's analysis);
 *    at least {@link MIN_SAMPLES}, then more up to {@link MAX_SAMPLES} while the samples have
 *    taken under {@link SAMPLING_MS} in all;
 * 3. per call: each batch's time over its calls; the bench ranks by the fastest batch (noise
 *    from other jobs on the machine only ever adds time) and prints the median beside it.
 *
 * CPU time is the process's (`process.cpuUsage`, user + system), so V8's helper threads (the
 * concurrent collector and compiler) are counted; WikiWho's Python is one thread.
 */
import { readFileSync } from 'node:fs';
import { lib } from './lib.js';

export const WARMUP_MS = 300;
export const WARMUP_MAX_MS = 3000;
export const SETTLED = 3;
export const BATCH_MS = 30;
export const MIN_SAMPLES = 3;
export const MAX_SAMPLES = 9;
export const SAMPLING_MS = 1500;

const { revisions } = JSON.parse(readFileSync(0, 'utf8')) as {
  revisions: import('./authorship-pages.js').Rev[];
};
const { blame } = lib;
const run = () => blame(revisions);

const cpu = (since?: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};

/** One batch: calls in doubling steps until `ms` of CPU time; the CPU ms per call. */
function batch(ms: number): { perCall: number; calls: number } {
  const c = process.cpuUsage();
  let calls = 0;
  let spent = 0;
  for (let step = 1; spent < ms; step *= 2) {
    for (let k = 0; k < step; k++) run();
    calls += step;
    spent = cpu(c);
  }
  return { perCall: spent / calls, calls };
}

{
  const start = process.cpuUsage();
  let best = Number.POSITIVE_INFINITY;
  let settled = 0;
  while (cpu(start) < WARMUP_MAX_MS && (settled < SETTLED || cpu(start) < WARMUP_MS)) {
    const { perCall } = batch(BATCH_MS);
    settled = perCall < 0.95 * best ? 0 : settled + 1;
    best = Math.min(best, perCall);
  }
}
const times: number[] = [];
let calls = 0;
const start = process.cpuUsage();
while (times.length < MIN_SAMPLES || (times.length < MAX_SAMPLES && cpu(start) < SAMPLING_MS)) {
  const b = batch(BATCH_MS);
  times.push(b.perCall);
  calls += b.calls;
}
times.sort((x, y) => x - y);
process.stdout.write(
  JSON.stringify({
    min: times[0],
    median: times[times.length >> 1],
    samples: times.length,
    calls,
  }),
);
