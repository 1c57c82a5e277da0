/**
 * The hostile inputs of issue 13, one child process each (test/hostile/ scripts, run from
 * `src/` through tsx), so that every row's peak RSS is its own: CPU time of the measured work
 * (of the whole CLI child, start-up included, for rows 6–8), peak RSS of the child, and what
 * came out. Add a row with one line in ROWS.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { HostileResult } from '../test/hostile/report.js';

const HOSTILE = join(import.meta.dirname, '..', 'test', 'hostile');

/** Issue 13's row, what the input is, the script in test/hostile/ and its arguments: one line a row. */
const ROWS: readonly (readonly [row: string, name: string, script: string, ...args: string[]])[] = [
  ['1', 'diffText, one 1.2 MB line (200,000 words), 5% changed', 'word-diff.ts', '200000'],
  ['2', 'decoders on 4 MB of &#, &#1, &amp;# …', 'decoders.ts', '4000000'],
  ['3', 'parseFeed, one 40 MB <title>', 'feed-one-element.ts', '40', 'title'],
  ['3', 'parseFeed, one 200 MB <title>', 'feed-one-element.ts', '200', 'title'],
  ['3', 'parseFeed, one 200 MB <summary>', 'feed-one-element.ts', '200', 'summary'],
  ['3', 'parseFeed, 40 MB of <a/>', 'feed-flood.ts', '40', '<a/>'],
  ['3', 'parseFeed, 4 MB of <entry/>', 'feed-flood.ts', '4', '<entry/>'],
  ['3', 'parseFeed, 10 MB of attributes', 'feed-markup.ts', 'attributes', '10'],
  ['3', 'parseFeed, 10 MB of nested <a>', 'feed-markup.ts', 'nested', '10'],
  ['3', 'parseFeed, one 40 MB href', 'feed-markup.ts', 'href', '40'],
  [
    '4',
    'verifyAutocomment, 4,000 sections, 50 autocomments (median warm call)',
    'autocomments.ts',
    '4000',
  ],
  [
    '5',
    'fetchRevisions, an API answering `continue` forever (same token; new tokens)',
    'cli-rows.ts',
    '5',
  ],
  ['6', '`wikirev report -`, endless standard input (CLI child)', 'cli-rows.ts', '6'],
  ['7', '`wikirev report … \\| head -c 10` (CLI child)', 'cli-rows.ts', '7'],
  ['8', '`wikirev report f.xml --out f.xml` (CLI child)', 'cli-rows.ts', '8'],
  ['9', '`wikirev diff --format md`, a title with markup', 'cli-rows.ts', '9'],
  ['10', 'HTML report, U+202E in user names and titles', 'cli-rows.ts', '10'],
  ['11, 12', 'parseFeed, 20,000 hostile dates and ids', 'feed-dates-ids.ts', '20000'],
  [
    '13',
    'sections: 20,000 autocomments, 20,000 changed sections; {{ × 200,000 }} × 200,000',
    'sections-floods.ts',
    '20000',
  ],
  [
    '13',
    'parseSections: 10,000 nested {{#if:, {{Unknown|, {{Twice|, {{{ in a heading; 100,000 unclosed {{, [[, -{, <ref>',
    'anchor-floods.ts',
    '10000',
  ],
  [
    '13',
    'a summary of /* and 100,000 spaces (parseFeed, verifyAutocomment); /* × 100,000',
    'autocomment-spaces.ts',
    '100000',
  ],
  [
    '13',
    'parseFeed, 200,000 unclosed <tr> in a diff table; `wikirev sections`, 200 comments first',
    'markup-floods.ts',
    '200000',
  ],
  [
    '13',
    'compareSections, 20,000 sections: 199 renamed, 199 renamed and rewritten, 199 heading-only',
    'renamed-sections.ts',
    '20000',
  ],
  [
    '13',
    'report: 20,000 pages, 20,000 users, 200,000 revisions (analyse, md, html, json, csv)',
    'report-scale.ts',
    'many',
    '20000',
    '20000',
    '200000',
  ],
  [
    '13',
    'report: one page of 200,000 revisions (every format)',
    'report-scale.ts',
    'one',
    '200000',
  ],
  [
    '13',
    'diffRevisions and report: one page of 100,000 revisions with texts',
    'report-scale.ts',
    'texts',
    '100000',
  ],
];

console.log('| row | input | outcome | CPU time | peak RSS |');
console.log('| --- | --- | --- | ---: | ---: |');
for (const [row, name, script, ...args] of ROWS) {
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
