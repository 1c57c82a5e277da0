/**
 * Issue 13 row 4: `verifyAutocomment` on a page of `n` sections (default 4,000) with a summary of
 * 50 autocomments; the slowest of 5 calls is reported.
 */
import { verifyAutocomment } from '../../src/sections/verify-autocomment.js';
import { report, timed } from './report.js';

const n = Number(process.argv[2] ?? 4000);
const sections = Array.from({ length: n }, (_, i) => `== Section ${i} ==\ntext ${i}\n`);
const oldText = sections.join('');
const newText = sections.map((s, i) => (i % 80 === 0 ? `${s}changed\n` : s)).join('');
const comment = Array.from({ length: 50 }, (_, i) => `/* Section ${i * 80} */`).join(' ');
let slowest = 0;
let verdict = '';
for (let k = 0; k < 5; k++) {
  const run = timed(() => verifyAutocomment(comment, oldText, newText));
  slowest = Math.max(slowest, run.ms);
  verdict = run.value?.verdict ?? String(run.error);
}
report(`ok: ${verdict}`, slowest);
