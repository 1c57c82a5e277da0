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
  // Pages never seen by the rest of the suite: unicode titles in other namespaces, a redirect,
  // a page moved three times, a very long summary, a page emptied and filled again.
  const long = `${'Résumé ✓ — '.repeat(60)}end`;
  steps.push(
    {
      kind: 'edit',
      user: 'Борис',
      title: 'User talk:Борис/Архив',
      text: 'Привет & <b>',
      summary: 'архив',
      minor: false,
    },
    {
      kind: 'edit',
      user: 'Alice',
      title: 'Help:Ünïcödé/日本語',
      text: '== 見出し ==\n本文',
      summary: long,
      minor: true,
    },
    {
      kind: 'edit',
      user: 'Alice',
      title: 'Redirect to sandbox',
      text: '#REDIRECT [[Sandbox]]',
      summary: 'redirect',
      minor: false,
    },
    {
      kind: 'edit',
      user: 'Carol Smith',
      title: 'Moved/One',
      text: 'moving',
      summary: 'start',
      minor: false,
    },
    { kind: 'move', user: 'Admin', title: 'Moved/One', to: 'Moved/Two', summary: 'first' },
    { kind: 'move', user: 'Admin', title: 'Moved/Two', to: 'Moved/Three', summary: 'second' },
    { kind: 'move', user: 'Admin', title: 'Moved/Three', to: 'Moved/Four', summary: 'third' },
    { kind: 'edit', user: 'Alice', title: 'Emptied', text: 'full', summary: 'fill', minor: false },
    { kind: 'edit', user: 'Alice', title: 'Emptied', text: '', summary: 'empty', minor: false },
    {
      kind: 'edit',
      user: 'Alice',
      title: 'Emptied',
      text: 'full again',
      summary: '',
      minor: false,
    },
  );
  return steps;
}

/** A slot role besides `main`, registered the way extensions do (SlotRoleRegistry). */
const SLOT_ROLE = 'wikirevextra';
const SLOT_SETTINGS = `
$wgHooks['MediaWikiServices'][] = static function ( $services ) {
	$services->addServiceManipulator( 'SlotRoleRegistry', static function ( $registry ) {
		$registry->defineRoleWithModel( '${SLOT_ROLE}', CONTENT_MODEL_WIKITEXT );
	} );
};
`;

/** Three revisions of a two-slot page: both slots, then the main slot only, then the other. */
const TWO_SLOTS_PHP = `<?php
use MediaWiki\\MediaWikiServices;
use MediaWiki\\Revision\\SlotRecord;

require_once getenv( 'MW_INSTALL_PATH' ) . '/maintenance/Maintenance.php';

class WikirevTwoSlots extends Maintenance {
	public function execute() {
		$services = MediaWikiServices::getInstance();
		$user = $services->getUserFactory()->newFromName( 'Alice' );
		$page = $services->getWikiPageFactory()->newFromTitle( Title::newFromText( 'Two slots' ) );
		$edits = [
			[ "Main text & <main>.\\n== A ==\\nline", "Extra slot & <text> ✓", 'both slots' ],
			[ "Main text changed.\\n== A ==\\nline", null, 'main slot only' ],
			[ null, "Extra slot changed\\nsecond line", 'extra slot only' ],
		];
		foreach ( $edits as [ $main, $extra, $summary ] ) {
			$updater = $page->newPageUpdater( $user );
			if ( $main !== null ) $updater->setContent( SlotRecord::MAIN, new WikitextContent( $main ) );
			if ( $extra !== null ) $updater->setContent( '${SLOT_ROLE}', new WikitextContent( $extra ) );
			$rev = $updater->saveRevision( CommentStoreComment::newUnsavedComment( $summary ) );
			if ( $rev === null ) $this->fatalError( $updater->getStatus()->__toString() );
			DeferredUpdates::doUpdates();
			echo $rev->getId(), "\\n";
		}
	}
}

$maintClass = WikirevTwoSlots::class;
require_once RUN_MAINTENANCE_IF_MAIN;
`;

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
      wiki = await startWiki({ extraSteps: extraSteps(), settings: SLOT_SETTINGS });
      const env = {
        ...process.env,
        MW_INSTALL_PATH: MEDIAWIKI_DIR,
        MW_CONFIG_FILE: join(wiki.dir, 'LocalSettings.php'),
      };
      await writeFile(join(dir, 'two-slots.php'), TWO_SLOTS_PHP);
      await run('php', ['maintenance/runScript.php', join(dir, 'two-slots.php')], {
        cwd: MEDIAWIKI_DIR,
        env,
      });
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
    assert.ok(read.pages.some((p) => p.title === 'Moved/Four'));
    assert.ok(read.pages.some((p) => p.redirect === 'Sandbox'));
    assert.ok(all.some((r) => r.text === '' && r.size === 0));
    assert.ok(all.some((r) => (r.comment?.length ?? 0) >= 400));
  });

  test('a revision with two slots: every slot field equals the API, origins follow the edits', async () => {
    const read = await readAll(path('full-0.11.xml'));
    const page = read.pages.find((p) => p.title === 'Two slots')!;
    const [both, mainOnly, extraOnly] = page.revisions;
    assert.deepEqual(
      page.revisions.map((r) => r.slots.map((s) => [s.role, s.model, s.format])),
      [1, 2, 3].map(() => [[SLOT_ROLE, 'wikitext', 'text/x-wiki']]),
    );
    // The slot a revision did not change keeps the revision that last did as its origin.
    assert.deepEqual(
      [both, mainOnly, extraOnly].map((r) => [r!.origin, r!.slots[0]!.origin]),
      [
        [both!.id, both!.id],
        [mainOnly!.id, both!.id],
        [mainOnly!.id, extraOnly!.id],
      ],
    );
    assert.equal(extraOnly!.slots[0]!.text, 'Extra slot changed\nsecond line');
    assert.equal(both!.slots[0]!.text, 'Extra slot & <text> ✓');
    // Field by field against the API is in assertDumpMatchesApi (every test above).
    const api = truth.pages.find((p) => p.title === 'Two slots')!;
    assert.deepEqual(
      api.revisions.map((r) => Object.keys(r.slots).sort()),
      [1, 2, 3].map(() => ['main', SLOT_ROLE]),
    );
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
