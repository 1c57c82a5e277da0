/**
 * wikirev/dump against a real MediaWiki 1.39: the test wiki (users, an IP edit, a move,
 * revision deletions of text, user and comment, reverts) plus a JSON and a CSS page and a page
 * of 210 revisions, exported by `maintenance/dumpBackup.php` (--full in schema 0.11 and 0.10,
 * --current, --logs), compressed with bzip2 (one stream and two), gzip and 7z, and every field
 * of every revision compared with the Action API's answer.
 *
 * `WIKIREV_UPDATE_FIXTURES=1` also saves these dumps and the API's answers into
 * fixtures/dump-mediawiki-1.39/, which dump-fixtures.test.ts checks without a wiki.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import {
  type ApiTruth,
  assertDumpMatchesApi,
  assertLogMatchesApi,
  fetchApiTruth,
  readAll,
} from './helpers/dump-api.js';
import {
  MEDIAWIKI_DIR,
  mediawikiMissing,
  startWiki,
  type TestWiki,
  type WikiStep,
} from './helpers/mediawiki-wiki.js';

const run = promisify(execFile);

/** The page with more revisions than one API batch of content (50) and one dump batch. */
const VERY_LONG_PAGE = 'History/Two hundred revisions';
const USERS = ['Alice', 'Борис', 'Carol Smith', "Dan & O'Neil"];

function extraSteps(): WikiStep[] {
  const steps: WikiStep[] = [
    {
      kind: 'edit',
      user: 'Admin',
      title: 'MediaWiki:Wikirev-data.json',
      text: '{"name": "wikirev & <dumps>", "list": [1, 2, 3]}',
      summary: 'a JSON page',
      minor: false,
    },
    {
      kind: 'edit',
      user: 'Alice',
      title: 'User:Alice/common.css',
      text: '/* Alice\'s style */\nbody > p::after { content: "&amp; <b>"; }\n',
      summary: 'a CSS page',
      minor: false,
    },
  ];
  for (let k = 1; k <= 210; k++) {
    const lines = [`Revision ${k} of a long history.`];
    for (let i = 1; i <= k % 12; i++) lines.push(`* item ${i} & <${k}>`);
    steps.push({
      kind: 'edit',
      user: USERS[k % USERS.length]!,
      title: VERY_LONG_PAGE,
      text: lines.join('\n'),
      summary: k % 3 === 0 ? '' : `edit ${k}`,
      minor: k % 5 === 0,
    });
  }
  return steps;
}

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'dump-mediawiki-1.39');

/** The dumps made: file name → dumpBackup.php arguments. */
const DUMPS: Readonly<Record<string, readonly string[]>> = {
  'full-0.11.xml': ['--full'],
  'full-0.10.xml': ['--full', '--schema-version=0.10'],
  'current-0.11.xml': ['--current'],
  'logs-0.11.xml': ['--logs'],
  'stub-0.11.xml': ['--full', '--stub'],
};

const missing = mediawikiMissing();

describe('dumps of a real MediaWiki 1.39 against its Action API', {
  skip: missing ?? false,
}, () => {
  let wiki: TestWiki | null = null;
  let truth: ApiTruth;
  let dir: string;
  const path = (name: string) => join(dir, name);

  before(
    async () => {
      dir = await mkdtemp(join(tmpdir(), 'wikirev-dumps-'));
      wiki = await startWiki({ extraSteps: extraSteps() });
      const env = {
        ...process.env,
        MW_INSTALL_PATH: MEDIAWIKI_DIR,
        MW_CONFIG_FILE: join(wiki.dir, 'LocalSettings.php'),
      };
      for (const [name, args] of Object.entries(DUMPS)) {
        await run(
          'php',
          ['maintenance/dumpBackup.php', ...args, '--quiet', `--output=file:${path(name)}`],
          {
            cwd: MEDIAWIKI_DIR,
            env,
          },
        );
      }
      const sh = (command: string) => run('sh', ['-c', command], { cwd: dir });
      await sh('bzip2 -kc full-0.11.xml > full-0.11.xml.bz2');
      await sh('gzip -nkc full-0.11.xml > full-0.11.xml.gz');
      await sh('7z a -bd -bb0 full-0.11.7z full-0.11.xml > /dev/null');
      // A multistream file as Wikimedia makes them: bzip2 streams of whole pages, concatenated.
      await sh(
        "csplit -s -f part full-0.11.xml '/^  <page>/' '{4}' && for p in part*; do bzip2 -c $p >> full-0.11.multistream.xml.bz2; done && rm part*",
      );
      truth = await fetchApiTruth(wiki.api);
      if (process.env.WIKIREV_UPDATE_FIXTURES === '1') {
        await rm(FIXTURES, { recursive: true, force: true });
        await mkdir(FIXTURES, { recursive: true });
        for (const name of [
          ...Object.keys(DUMPS).filter((name) => !name.startsWith('stub')),
          'full-0.11.xml.bz2',
          'full-0.11.xml.gz',
          'full-0.11.7z',
          'full-0.11.multistream.xml.bz2',
        ]) {
          await copyFile(path(name), join(FIXTURES, name));
        }
        await writeFile(join(FIXTURES, 'api.json'), `${JSON.stringify(truth, null, 1)}\n`);
      }
    },
    { timeout: 300_000 },
  );
  after(async () => {
    await wiki?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  test('the full dump (schema 0.11) equals the API, every field of every revision', async () => {
    const read = await readAll(path('full-0.11.xml'));
    const compared = assertDumpMatchesApi(read, truth, 'full-0.11');
    assert.equal(
      compared,
      truth.pages.reduce((n, p) => n + p.revisions.length, 0),
    );
    assert.ok(compared > 280, `${compared} revisions`);
    const all = read.pages.flatMap((p) => p.revisions);
    // What the wiki was made to hold is there (so the comparison covered it).
    assert.ok(all.some((r) => r.anonymous && r.user === '127.0.0.1'));
    assert.ok(all.some((r) => r.deleted.text && r.text === null && r.size !== null));
    assert.ok(all.some((r) => r.deleted.user && r.deleted.comment));
    assert.ok(all.some((r) => r.model === 'json') && all.some((r) => r.model === 'css'));
    assert.ok(read.pages.some((p) => p.redirect === 'New name'));
    assert.equal(read.pages.find((p) => p.title === VERY_LONG_PAGE)?.revisions.length, 210);
  });

  test('schema 0.10 and --current equal the API too', async () => {
    assertDumpMatchesApi(await readAll(path('full-0.10.xml')), truth, 'full-0.10');
    assertDumpMatchesApi(await readAll(path('current-0.11.xml')), truth, 'current');
  });

  test('a stub dump (--stub) gives sizes and SHA-1s without texts', async () => {
    assertDumpMatchesApi(await readAll(path('stub-0.11.xml')), truth, 'stub-0.11');
  });

  test('bzip2 (one stream and several, every decoder), gzip and 7z read the same', async () => {
    const plain = await readAll(path('full-0.11.xml'));
    for (const [name, bzip2Decoder] of [
      ['full-0.11.xml.bz2', 'auto'],
      ['full-0.11.multistream.xml.bz2', 'lbzip2'],
      ['full-0.11.multistream.xml.bz2', 'bzip2'],
      ['full-0.11.multistream.xml.bz2', 'js'],
      ['full-0.11.xml.gz', 'auto'],
      ['full-0.11.7z', 'auto'],
    ] as const) {
      assert.deepEqual(
        await readAll(path(name), { bzip2Decoder }),
        plain,
        `${name} ${bzip2Decoder}`,
      );
    }
  });

  test('the log dump equals list=logevents', async () => {
    const count = await assertLogMatchesApi(path('logs-0.11.xml'), truth);
    assert.ok(count >= 10, `${count} log items`);
  });
});
