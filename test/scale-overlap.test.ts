/**
 * Dump files that hold the same pages are refused, never counted twice: the same file given
 * twice, Wikimedia part names whose page ranges overlap (one part as `.bz2` and as `.7z`,
 * `…-p1p812` beside `…-p500p900`) when the units are planned, and any page id met in two files
 * when their outputs are merged (copies under other names, parts added to a queue apart).
 */
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WikirevError } from '../src/errors.js';
import { planUnits } from '../src/scale.js';
import { ROOT } from './helpers/child-cli.js';
import { runCli } from './helpers/run-cli.js';

const FIXTURE = join(ROOT, 'fixtures', 'dump-mediawiki-1.39', 'full-0.11.xml');

const overlapping = (pattern: RegExp) => (e: unknown) =>
  e instanceof WikirevError && e.code === 'OVERLAPPING_DUMPS' && pattern.test(e.message);

describe('overlapping dump files', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wikirev-overlap-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('planUnits refuses part names whose page ranges overlap, naming both files', async () => {
    // The folder does not exist: the names alone decide, before anything is opened.
    const part = '/nowhere/x-pages-meta-history1.xml-p1p812';
    await assert.rejects(
      planUnits([`${part}.bz2`, '/nowhere/x-pages-meta-history2.xml-p813p900.gz', `${part}.7z`]),
      overlapping(
        /p1p812\.bz2 \(pages 1 to 812\) and .*p1p812\.7z \(pages 1 to 812\) both hold pages 1 to 812/,
      ),
    );
    await assert.rejects(
      planUnits([`${part}.7z`, '/nowhere/y-pages-meta-history1.xml-p500p900.7z']),
      overlapping(
        /p1p812\.7z \(pages 1 to 812\) and .*p500p900\.7z \(pages 500 to 900\) both hold pages 500 to 812/,
      ),
    );
    // A range inside a wider one that ended before the last file seen.
    await assert.rejects(
      planUnits(['/n/a.xml-p1p1000.gz', '/n/b.xml-p1001p1100.gz', '/n/c.xml-p900p950.gz']),
      overlapping(/a\.xml-p1p1000\.gz .* and .*c\.xml-p900p950\.gz .* both hold pages 900 to 950/),
    );
    // Adjacent ranges are parts of one dump: planned.
    const units = await planUnits(['/n/a.xml-p1p812.7z', '/n/a.xml-p813p2000.7z']);
    assert.equal(units.length, 2);
  });

  it('planUnits refuses the same file given twice, however spelled', async () => {
    await assert.rejects(
      planUnits([FIXTURE, FIXTURE]),
      overlapping(/full-0\.11\.xml is given twice/),
    );
    const relative = join('fixtures', 'dump-mediawiki-1.39', '.', 'full-0.11.xml');
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      await assert.rejects(
        planUnits([FIXTURE, relative]),
        overlapping(/given twice \(as fixtures/),
      );
    } finally {
      process.chdir(cwd);
    }
  });

  it('report names two files that hold the same pages at the merge, once per pair; --strict fails', async () => {
    const a = join(dir, 'copy-a.xml');
    const b = join(dir, 'copy-b.xml');
    await copyFile(FIXTURE, a);
    await copyFile(FIXTURE, b);
    const one = await runCli(['report', '--workers', '1', '--format', 'csv', FIXTURE]);
    const pages = new Set(
      one.stdout
        .split('\r\n')
        .slice(1, -1)
        .map((row) => row.split(',')[0]),
    );
    for (const workers of ['1', '2']) {
      const args = ['report', '--workers', workers, '--format', 'csv', '--unit-bytes', '30K'];
      const r = await runCli([...args, a, b]);
      assert.equal(r.code, 0, r.stderr);
      // Both kept, nothing dropped: each page and revision twice, as the warning says.
      assert.equal(r.stdout.split('\r\n').length - 2, 2 * (one.stdout.split('\r\n').length - 2));
      const warnings = r.stderr.match(/^wikirev: warning: .*\[DUMP_PAGES_IN_TWO_FILES\]$/gm);
      assert.deepEqual(warnings, [
        `wikirev: warning: ${b}: ${pages.size} pages (the first 1) are also in ${a}, and counted in both: give each page's file once (two wikis' dumps want two runs) [DUMP_PAGES_IN_TWO_FILES]`,
      ]);
      const strict = await runCli([...args, '--strict', a, b]);
      assert.equal(strict.code, 1, strict.stderr);
    }
    // A report lists it with both files.
    const md = await runCli(['report', '--workers', '1', '--format', 'json', a, b]);
    const listed = JSON.parse(md.stdout).diagnostics.filter(
      (d: { code: string }) => d.code === 'DUMP_PAGES_IN_TWO_FILES',
    );
    assert.equal(listed.length, 1);
    assert.match(
      listed[0].message,
      /copy-b\.xml: \d+ pages \(the first 1\) are also in .*copy-a\.xml/,
    );
  });
});
