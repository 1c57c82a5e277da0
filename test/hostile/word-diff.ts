/**
 * Issue 13 row 1: `diffText` of one 1.2 MB line (200,000 words) against itself with 5% of its
 * words changed; the word pass must fall back to a whole-line change within its budget.
 */
import { diffText } from '../../src/diff/diff-text.js';
import { describeError, report, timed } from './report.js';

const count = Number(process.argv[2] ?? 200_000);
let seed = 12345;
const next = (): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const words = Array.from({ length: count }, () => `w${Math.floor(next() * 5000)}`);
const edited = words.map((w) => (next() < 0.05 ? `x${Math.floor(next() * 5000)}` : w));
const run = timed(() =>
  diffText(`intro\n${words.join(' ')}\noutro`, `intro\n${edited.join(' ')}\noutro`),
);
if (run.value === undefined) report(describeError(run.error), run.ms);
else report(`ok: ${run.value.wordDiffSkipped} pair(s) over maxWordDiffCost`, run.ms);
