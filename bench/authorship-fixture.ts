/**
 * Writes fixtures/authorship-wikiwho/dump-mediawiki-1.39.json: WikiWho's own attribution
 * (wikiwho/WikiWho 1.0.3, run through bench/wikiwho-driver.py) of the last revision of every
 * page of the real MediaWiki 1.39 dump in fixtures/dump-mediawiki-1.39, for
 * test/authorship-wikiwho.test.ts. Run with
 * `WIKIWHO_DIR=/tmp/wikiwho node --import tsx bench/authorship-fixture.ts` after a build.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { realDumpPages } from './authorship-histories.js';

const dir = process.env.WIKIWHO_DIR;
if (dir === undefined || dir === '') throw new Error('WIKIWHO_DIR must name a WikiWho checkout');
const pages = await realDumpPages();
const run = spawnSync('python3', [new URL('wikiwho-driver.py', import.meta.url).pathname], {
  input: pages.map((p) => JSON.stringify({ revisions: p.revisions })).join('\n'),
  env: { ...process.env, WIKIWHO_DIR: dir },
  maxBuffer: 1 << 28,
  encoding: 'utf8',
});
if (run.status !== 0) throw new Error(run.stderr);
const results = run.stdout
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { revisionId: number | null; tokens: unknown[][] });
const out = {
  source:
    'WikiWho 1.0.3 (github.com/wikiwho/WikiWho, MIT) on fixtures/dump-mediawiki-1.39/full-0.11.xml, by bench/authorship-fixture.ts',
  pages: pages.map((p, k) => ({
    title: p.name,
    revisionId: results[k]!.revisionId,
    // [lower-cased token value, origin revision, outbound, inbound]
    tokens: results[k]!.tokens,
  })),
};
writeFileSync(
  new URL('../fixtures/authorship-wikiwho/dump-mediawiki-1.39.json', import.meta.url),
  `${JSON.stringify(out)}\n`,
);
console.log(`${pages.length} pages written`);
