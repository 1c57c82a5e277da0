/**
 * Units from Wikimedia's file names (`…-pages-meta-history1.xml-p1p812.7z`): dumps of a real
 * MediaWiki 1.39 made by `maintenance/dumpBackup.php --start --end` as Wikimedia makes a
 * full-history dump's parts, compressed with gzip and 7z, against the same wiki's whole dump.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { filePageIds } from '../src/scale/file-page-ids.js';
import { planUnits } from '../src/scale.js';
import {
  MEDIAWIKI_DIR,
  mediawikiMissing,
  startWiki,
  type TestWiki,
} from './helpers/mediawiki-wiki.js';
import { runCli } from './helpers/run-cli.js';

const run = promisify(execFile);

describe('filePageIds', () => {
  it('reads the page ids of Wikimedia part names, compressed or not', () => {
    assert.deepEqual(filePageIds('/d/enwiki-20240201-pages-meta-history1.xml-p1p812.7z'), {
      first: 1,
      last: 812,
    });
    assert.deepEqual(
      filePageIds('enwiki-20240201-pages-meta-history27.xml-p69127811p69248296.bz2'),
      {
        first: 69127811,
        last: 69248296,
      },
    );
    assert.deepEqual(filePageIds('https://x.org/a-history3.xml-p10p20.gz?download=1'), {
      first: 10,
      last: 20,
    });
    assert.deepEqual(filePageIds('C:\\dumps\\a.xml-p5p5'), { first: 5, last: 5 });
    for (const name of [
      'pages.xml.gz',
      'a.xml-p20p10.gz', // ends before it starts
      'a.xml-p1p2.zip',
      'a.xml-p1p2.gz/other.gz',
      'a-p1p2.gz',
    ]) {
      assert.equal(filePageIds(name), null, name);
    }
  });

  it('plans named gzip and 7z files unread, in page order, with their pages', async () => {
    // The folder does not exist: planning them opens nothing.
    const units = await planUnits(
      [
        '/nowhere/x-pages-meta-history2.xml-p813p2000.7z',
        '/nowhere/x-pages-meta-history1.xml-p1p812.gz',
      ],
      { unitBytes: 1 },
    );
    assert.deepEqual(
      units.map((u) => [u.index, u.source, u.range, u.pageIds]),
      [
        [
          0,
          '/nowhere/x-pages-meta-history1.xml-p1p812.gz',
          { kind: 'whole' },
          { first: 1, last: 812 },
        ],
        [
          1,
          '/nowhere/x-pages-meta-history2.xml-p813p2000.7z',
          { kind: 'whole' },
          { first: 813, last: 2000 },
        ],
      ],
    );
  });
});

const missing = mediawikiMissing();

describe('page-range dump parts of a real MediaWiki 1.39 (dumpBackup.php --start --end)', {
  skip: missing ?? false,
  timeout: 600_000,
}, () => {
  let wiki: TestWiki | null = null;
  let dir: string;
  let gz: string;
  let sevenZip: string;
  let lastPage: number;
  const split = 7;

  before(
    async () => {
      dir = await mkdtemp(join(tmpdir(), 'wikirev-parts-'));
      wiki = await startWiki();
      const env = {
        ...process.env,
        MW_INSTALL_PATH: MEDIAWIKI_DIR,
        MW_CONFIG_FILE: join(wiki.dir, 'LocalSettings.php'),
      };
      const dump = (out: string, ...args: string[]) =>
        run(
          'php',
          [
            'maintenance/dumpBackup.php',
            '--full',
            ...args,
            '--quiet',
            `--output=file:${join(dir, out)}`,
          ],
          {
            cwd: MEDIAWIKI_DIR,
            env,
          },
        );
      await dump('whole.xml');
      // As Wikimedia cuts a full-history dump: pages [start, end) per file.
      await dump('part1.xml', '--start=1', `--end=${split}`);
      await dump('part2.xml', `--start=${split}`);
      const ids = [
        ...(await readFile(join(dir, 'whole.xml'), 'utf8')).matchAll(
          /<page>\s*<title>[^<]*<\/title>\s*<ns>\d+<\/ns>\s*<id>(\d+)<\/id>/g,
        ),
      ].map((m) => Number(m[1]));
      lastPage = Math.max(...ids);
      assert.ok(ids.length > 5 && ids.includes(1) && ids.some((id) => id >= split));
      gz = join(dir, `testwiki-20240301-pages-meta-history1.xml-p1p${split - 1}.gz`);
      sevenZip = join(dir, `testwiki-20240301-pages-meta-history2.xml-p${split}p${lastPage}.7z`);
      const sh = (command: string) => run('sh', ['-c', command], { cwd: dir });
      await sh(`gzip -nc part1.xml > '${gz}'`);
      await sh(`7z a -bd -bb0 '${sevenZip}' part2.xml > /dev/null`);
    },
    { timeout: 300_000 },
  );
  after(async () => {
    await wiki?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const report = async (format: string, files: readonly string[], workers = '2') => {
    const out = join(dir, `out-${format}-${files.length}-${workers}`);
    const r = await runCli(
      ['report', '--workers', workers, '--format', format, '--out', out, ...files],
      {
        writeFile: (path, text) => writeFile(path, text),
      },
    );
    return { ...r, output: await readFile(out).catch(() => Buffer.alloc(0)) };
  };

  it('the gzip and 7z parts, given in any order, report what the whole dump does, byte for byte', async () => {
    const units = await planUnits([sevenZip, gz], { unitBytes: 1 });
    assert.deepEqual(
      units.map((u) => [u.source, u.range.kind, u.pageIds]),
      [
        [gz, 'whole', { first: 1, last: split - 1 }],
        [sevenZip, 'whole', { first: split, last: lastPage }],
      ],
    );
    for (const format of ['csv', 'json'] as const) {
      const whole = await report(format, [join(dir, 'whole.xml')], '1');
      assert.equal(whole.code, 0, whole.stderr);
      const parts = await report(format, [sevenZip, gz]);
      assert.equal(parts.code, 0, parts.stderr);
      assert.doesNotMatch(parts.stderr, /OUTSIDE_FILE_RANGE/);
      assert.ok(
        parts.output.equals(whole.output),
        `--format ${format}: the parts differ from the whole dump`,
      );
    }
  });

  it("a page outside its file name's range is a warning naming file and page; the page is kept", async () => {
    // The first part under a name that claims fewer pages than it holds.
    const wrong = join(dir, 'testwiki-20240301-pages-meta-history1.xml-p1p3.gz');
    await copyFile(gz, wrong);
    const parts = await report('csv', [wrong, sevenZip]);
    assert.equal(parts.code, 0, parts.stderr);
    const warnings = parts.stderr
      .split('\n')
      .filter((l) => l.includes('DUMP_PAGE_OUTSIDE_FILE_RANGE'));
    const held = [
      ...(await readFile(join(dir, 'part1.xml'), 'utf8')).matchAll(
        /<page>\s*<title>[^<]*<\/title>\s*<ns>\d+<\/ns>\s*<id>(\d+)<\/id>/g,
      ),
    ]
      .map((m) => Number(m[1]))
      .filter((id) => id > 3);
    assert.ok(held.length > 0);
    assert.equal(warnings.length, held.length, parts.stderr);
    for (const id of held) {
      assert.ok(
        warnings.some(
          (l) => l.includes(`page ${id} is outside the pages 1 to 3`) && l.includes(wrong),
        ),
        `page ${id}: ${parts.stderr}`,
      );
    }
    const whole = await report('csv', [join(dir, 'whole.xml')], '1');
    assert.ok(parts.output.equals(whole.output), 'every page kept');
  });
});
