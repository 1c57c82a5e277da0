/**
 * One diff in a fresh process, for its peak RSS (`diff-real.bench.ts`): `node --import tsx
 * bench/diff-real-child.ts <lines|default|jsdiff|none> <old file> <new file>` prints
 * `{"rssKb": …, "added": …, "removed": …}`. `none` reads the texts and diffs nothing: the
 * baseline of the process with its inputs. The peak is Linux's VmHWM (`peak-rss.ts`): getrusage's
 * maxRSS keeps the parent's peak across fork and exec, so a child of the bench read as big as it.
 */
import { readFileSync } from 'node:fs';
import { jsdiffCounts } from './diff-peers.js';
import { lib } from './lib.js';
import { peakRssMb } from './peak-rss.js';

const [mode = 'none', fileA = '', fileB = ''] = process.argv.slice(2);
// The files end in the newline GNU diff wants; the texts, as MediaWiki stores them, do not.
const a = readFileSync(fileA, 'utf8').slice(0, -1);
const b = readFileSync(fileB, 'utf8').slice(0, -1);
let counts = { added: 0, removed: 0 };
if (mode === 'lines' || mode === 'default') {
  counts = lib.diffText(a, b, mode === 'lines' ? { wordDiff: false, detectMoves: false } : {});
} else if (mode === 'jsdiff') {
  counts = jsdiffCounts(a, b);
}
console.log(
  JSON.stringify({
    rssKb: Math.round(peakRssMb() * 1024),
    added: counts.added,
    removed: counts.removed,
  }),
);
