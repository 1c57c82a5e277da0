/**
 * The hostile inputs of issue 13, one child process each (test/hostile/ scripts, run from
 * `src/` through tsx), so that every row's peak RSS is its own: time of the measured work,
 * peak RSS of the child, and what came out. Add a row with one line in ROWS.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { HostileResult } from '../test/hostile/report.js';

const HOSTILE = join(import.meta.dirname, '..', 'test', 'hostile');

/** Issue 13's row number, what the input is, and the script (in test/hostile/) with its arguments. */
const ROWS: readonly { row: string; name: string; script: string; args?: readonly string[] }[] = [
  {
    row: '2',
    name: 'decoders on 4 MB of &#, &#1, &amp;# …',
    script: 'decoders.ts',
    args: ['4000000'],
  },
  {
    row: '3',
    name: 'parseFeed, one 40 MB <title>',
    script: 'feed-one-element.ts',
    args: ['40', 'title'],
  },
  {
    row: '3',
    name: 'parseFeed, one 200 MB <title>',
    script: 'feed-one-element.ts',
    args: ['200', 'title'],
  },
  {
    row: '3',
    name: 'parseFeed, one 200 MB <summary>',
    script: 'feed-one-element.ts',
    args: ['200', 'summary'],
  },
  {
    row: '11, 12',
    name: 'parseFeed, 20,000 hostile dates and ids',
    script: 'feed-dates-ids.ts',
    args: ['20000'],
  },
  { row: '3', name: 'parseFeed, 40 MB of <a/>', script: 'feed-flood.ts', args: ['40', '<a/>'] },
  {
    row: '3',
    name: 'parseFeed, 4 MB of <entry/>',
    script: 'feed-flood.ts',
    args: ['4', '<entry/>'],
  },
  {
    row: '3',
    name: 'parseFeed, 10 MB of attributes',
    script: 'feed-markup.ts',
    args: ['attributes', '10'],
  },
  {
    row: '3',
    name: 'parseFeed, 10 MB of nested <a>',
    script: 'feed-markup.ts',
    args: ['nested', '10'],
  },
  { row: '3', name: 'parseFeed, one 40 MB href', script: 'feed-markup.ts', args: ['href', '40'] },
];

console.log('| row | input | outcome | time | peak RSS |');
console.log('| --- | --- | --- | ---: | ---: |');
for (const { row, name, script, args = [] } of ROWS) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(HOSTILE, script), ...args], {
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    console.log(
      `| ${row} | ${name} | failed (${child.signal ?? child.status}): ${child.stderr.trim().split('\n').pop()} | | |`,
    );
    continue;
  }
  const r = JSON.parse(last) as HostileResult;
  console.log(
    `| ${row} | ${name} | ${r.outcome.replace(/\|/g, '\\|')} | ${r.ms.toFixed(0)} ms | ${r.maxRssMb.toFixed(0)} MB |`,
  );
}
