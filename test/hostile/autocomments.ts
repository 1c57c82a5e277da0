/**
 * Issue 13 row 4: `verifyAutocomment` on a page of `n` sections (default 4,000) with a summary of
 * 50 autocomments. Two series of 21 warm calls after a first, cold one (code not yet compiled):
 * the same pair of texts each call (what row 4 asks), and a new pair each call (one character
 * appended to both: nothing parsed before can be reused). The time reported is the median CPU
 * time of the first series (CPU time, so that other processes on a loaded machine count less);
 * the outcome gives min / median of both and the garbage collections seen during each series.
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { verifyAutocomment } from '../../src/sections/verify-autocomment.js';
import { report, timed } from './report.js';

const n = Number(process.argv[2] ?? 4000);
const sections = Array.from({ length: n }, (_, i) => `== Section ${i} ==\ntext ${i}\n`);
const oldText = sections.join('');
const newText = sections.map((s, i) => (i % 80 === 0 ? `${s}changed\n` : s)).join('');
const comment = Array.from({ length: 50 }, (_, i) => `/* Section ${i * 80} */`).join(' ');

const collections: { start: number; ms: number }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) collections.push({ start: e.startTime, ms: e.duration });
});
observer.observe({ entryTypes: ['gc'] });

let verdict = '';
const cold = timed(() => {
  verdict = verifyAutocomment(comment, oldText, newText).verdict;
}).ms;

/** 21 calls: CPU ms of each, sorted, and the wall-clock window of the series. */
function series(texts: (k: number) => readonly [string, string]) {
  const from = performance.now();
  const ms: number[] = [];
  for (let k = 0; k < 21; k++) {
    const [a, b] = texts(k);
    ms.push(timed(() => verifyAutocomment(comment, a, b)).ms);
  }
  return { ms: ms.sort((x, y) => x - y), from, to: performance.now() };
}
const same = series(() => [oldText, newText]);
const fresh = series((k) => [`${oldText}${k}`, `${newText}${k}`]);
// The observer reports after the work, from the event loop.
await new Promise((resolve) => setTimeout(resolve, 50));
observer.disconnect();

const summary = (s: ReturnType<typeof series>) => {
  const gcs = collections.filter((c) => c.start >= s.from && c.start < s.to);
  return {
    min: s.ms[0]!,
    median: s.ms[10]!,
    max: s.ms[20]!,
    collections: gcs.length,
    collectionMs: gcs.reduce((t, c) => t + c.ms, 0),
    ms: s.ms,
  };
};
const r = { cold, same: summary(same), fresh: summary(fresh) };
const f = (ms: number) => ms.toFixed(1);
report(
  `ok: ${verdict} (first call ${f(cold)} ms; same texts min/median ${f(r.same.min)}/${f(r.same.median)} ms, ` +
    `${r.same.collections} GCs ${f(r.same.collectionMs)} ms in 21 calls; new texts each call ` +
    `${f(r.fresh.min)}/${f(r.fresh.median)} ms, ${r.fresh.collections} GCs ${f(r.fresh.collectionMs)} ms)`,
  r.same.median,
  r,
);
