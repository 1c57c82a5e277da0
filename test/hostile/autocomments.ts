/**
 * Issue 13 row 4: `verifyAutocomment` on a page of `n` sections (default 4,000) with a summary of
 * 50 autocomments. The time reported is the median CPU time of 21 calls after the first (CPU
 * time, so that other processes on a loaded machine count less); the first, cold call (code not
 * yet compiled) is in the outcome.
 */
import { verifyAutocomment } from '../../src/sections/verify-autocomment.js';
import { report, timed } from './report.js';

const n = Number(process.argv[2] ?? 4000);
const sections = Array.from({ length: n }, (_, i) => `== Section ${i} ==\ntext ${i}\n`);
const oldText = sections.join('');
const newText = sections.map((s, i) => (i % 80 === 0 ? `${s}changed\n` : s)).join('');
const comment = Array.from({ length: 50 }, (_, i) => `/* Section ${i * 80} */`).join(' ');
const cpuMs = (work: () => unknown) => timed(work).ms;
let verdict = '';
const cold = cpuMs(() => {
  verdict = verifyAutocomment(comment, oldText, newText).verdict;
});
const warm = Array.from({ length: 21 }, () =>
  cpuMs(() => verifyAutocomment(comment, oldText, newText)),
);
warm.sort((a, b) => a - b);
const median = warm[10]!;
report(`ok: ${verdict} (first call ${cold.toFixed(0)} ms)`, median, { cold, warm });
