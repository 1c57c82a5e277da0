/**
 * Issue 13 row 1: `diffText` of one 1.2 MB line (200,000 words) against itself with 5% of its
 * words changed; the word pass must fall back to a whole-line change within its budget.
 */
import { diffText } from '../../src/diff/diff-text.js';
import { longLines } from '../helpers/long-lines.js';
import { describeError, report, timed } from './report.js';

const count = Number(process.argv[2] ?? 200_000);
const [a, b] = longLines(count);
const run = timed(() => diffText(`intro\n${a}\noutro`, `intro\n${b}\noutro`));
if (run.value === undefined) report(describeError(run.error), run.ms);
else report(`ok: ${run.value.wordDiffSkipped} pair(s) over maxWordDiffCost`, run.ms);
