/**
 * One diff in a fresh process, for its peak RSS (`diff-real.bench.ts`): `node --import tsx
 * bench/diff-real-child.ts <lines|default|jsdiff|none> <old file> <new file>` prints
 * `{"rssKb": …, "added": …, "removed": …}`. `none` reads the texts and diffs nothing: the
 * baseline of the process with its inputs.
 */
import { readFileSync } from 'node:fs';
import { diffLines } from 'diff';
import { lib } from './lib.js';

const [mode = 'none', fileA = '', fileB = ''] = process.argv.slice(2);
// The files end in the newline GNU diff wants; the texts, as MediaWiki stores them, do not.
const a = readFileSync(fileA, 'utf8').slice(0, -1);
const b = readFileSync(fileB, 'utf8').slice(0, -1);
let added = 0;
let removed = 0;
if (mode === 'lines' || mode === 'default') {
  const d = lib.diffText(a, b, mode === 'lines' ? { wordDiff: false, detectMoves: false } : {});
  added = d.added;
  removed = d.removed;
} else if (mode === 'jsdiff') {
  for (const c of diffLines(`${a}\n`, `${b}\n`)) {
    if (c.added) added += c.count;
    else if (c.removed) removed += c.count;
  }
}
console.log(JSON.stringify({ rssKb: process.resourceUsage().maxRSS, added, removed }));
