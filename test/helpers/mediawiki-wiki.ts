/**
 * A real MediaWiki for tests: installs the Debian `mediawiki` package's code on SQLite into a
 * temporary directory, fills it with a fixed set of edits, serves it with `php -S` on a free
 * loopback port, and removes everything again in `stop()`.
 *
 * Same recipe as /work/shared/mediawiki-oracle/capture.sh (install.php, LocalSettings tweaks,
 * `php -S` with MW_CONFIG_FILE), but the edits go through one maintenance script in one PHP
 * process with MediaWiki's fake clock: ~60 edits in about a second instead of ~0.25 s per
 * `maintenance/edit.php` run (measured), each edit a minute after the previous one so that
 * every revision has its own timestamp (history feeds sort by `rev_timestamp` only,
 * FORMAT.md §1). Two revision deletions (a text, a user + comment) go through RevDel in the
 * same script. One edit is made afterwards through the HTTP API without login, so that the
 * wiki also has a revision by an IP address (127.0.0.1).
 *
 * The last page, {@link REVERT_PAGE}, holds the reverts MediaWiki itself makes: an undo and a
 * rollback go through the action API (`action=edit&undo=…`, `action=rollback`) called inside the
 * same script (ApiMain on a FauxRequest), so their summaries and tags are MediaWiki's own and
 * their timestamps come from the fake clock like every other step.
 */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, guardServer, waitForServer } from './guarded-server.js';

const run = promisify(execFile);

/** Where Debian's `mediawiki` package puts MediaWiki (`WIKIREV_MEDIAWIKI_DIR` overrides it). */
export const MEDIAWIKI_DIR = process.env.WIKIREV_MEDIAWIKI_DIR ?? '/usr/share/mediawiki';

/** The wiki's users who edit (created on their first edit). The installer adds `Admin`. */
export const WIKI_USERS = ['Alice', 'Борис', 'Carol Smith', "Dan & O'Neil"] as const;

/** The page whose history spans several continuation batches at a small batch size. */
export const LONG_PAGE = 'History/Long page';

/** How many revisions {@link LONG_PAGE} gets. */
export const LONG_PAGE_REVISIONS = 36;

/** The long page's revision (1-based) whose text is revision-deleted (RevDel). */
export const HIDDEN_TEXT_REVISION = 33;

/** The page with hostile and non-ASCII text. */
export const UNICODE_PAGE = 'Escapes & "Quotes" – Ünïcödé';

/**
 * A page whose stored text is not in Unicode NFC (`e` + U+0301). Web edits cannot store that
 * (WebRequest normalizes input to NFC), imports and maintenance scripts can; the API then
 * answers the text NFC-normalized (ApiResult cleans every string) but the `sha1` of the stored
 * bytes, while contributions feeds carry the stored bytes.
 */
export const DECOMPOSED_PAGE = 'Decomposed Unicode';

/** A page created under {@link MOVED_FROM}, then moved here by Admin (leaving a redirect). */
export const MOVED_TO = 'New name';
export const MOVED_FROM = 'Old name';

/** The page that gets the anonymous edit from 127.0.0.1 (through the HTTP API). */
export const IP_PAGE = 'Sandbox';

/**
 * The page of reverts made by MediaWiki (its steps come after all the others, so earlier
 * revision ids do not move): an undo, a rollback, a manual restore and a blank-and-restore.
 */
export const REVERT_PAGE = 'Reverts/Made by MediaWiki';

/** One step of the scripted population (done by the PHP maintenance script). */
export type WikiStep =
  | {
      readonly kind: 'edit';
      readonly user: string;
      readonly title: string;
      readonly text: string;
      readonly summary: string;
      readonly minor: boolean;
    }
  | {
      /** Revision deletion (RevDel) by a sysop of the revision made by step `step`. */
      readonly kind: 'hide';
      readonly user: string;
      readonly title: string;
      readonly step: number;
      readonly hide: readonly ('text' | 'user' | 'comment')[];
      readonly summary: string;
    }
  | {
      readonly kind: 'move';
      readonly user: string;
      readonly title: string;
      readonly to: string;
      readonly summary: string;
    }
  | {
      /**
       * An undo of the revision made by step `step`, through the action API
       * (`action=edit&undo=REV&undoafter=PARENT`, no summary): MediaWiki writes its own
       * `undo-summary` and tags the edit `mw-undo`.
       */
      readonly kind: 'undo';
      readonly user: string;
      readonly title: string;
      readonly step: number;
    }
  | {
      /**
       * A rollback by a sysop of `target`'s latest edits through the action API
       * (`action=rollback`, no summary): MediaWiki writes its own `revertpage` summary.
       */
      readonly kind: 'rollback';
      readonly user: string;
      readonly title: string;
      readonly target: string;
    };

/** A running test wiki. */
export interface TestWiki {
  /** `http://127.0.0.1:PORT` */
  readonly base: string;
  /** `http://127.0.0.1:PORT/api.php` */
  readonly api: string;
  /** `http://127.0.0.1:PORT/index.php` */
  readonly index: string;
  /** The temporary directory (database, LocalSettings.php, server log). */
  readonly dir: string;
  /**
   * The revision id each step of {@link wikiPlan} made (`null` for moves and hides; undo and
   * rollback steps give the revision they saved).
   */
  readonly stepRevisions: readonly (number | null)[];
  /** Milliseconds spent per setup phase (install, populate, server start, IP edit). */
  readonly timings: Readonly<Record<string, number>>;
  /** Kills the server and removes the directory; safe to call twice. */
  stop(): Promise<void>;
}

/** Why no wiki can be started here (packages missing), or `null` when it can. */
export function mediawikiMissing(): string | null {
  if (!existsSync(join(MEDIAWIKI_DIR, 'maintenance', 'install.php'))) {
    return `MediaWiki is not installed (no ${MEDIAWIKI_DIR}): apt-get install mediawiki php-sqlite3 php-cli`;
  }
  const probe = spawnSync('php', ['-r', 'exit(extension_loaded("pdo_sqlite") ? 0 : 3);']);
  if (probe.error !== undefined) return 'php is not installed: apt-get install php-cli';
  if (probe.status !== 0) return 'PHP has no SQLite driver: apt-get install php-sqlite3';
  return null;
}

const LINES = [
  'Plain line of text.',
  'Ampersand & <tag> "double" \'single\' &amp; &lt;b&gt; ]]> <!-- comment -->',
  'Trailing spaces here   ',
  'Tab\tseparated\tcells',
  'Emoji 🦊 🏳️‍🌈 👩‍👩‍👧 and a surrogate pair 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'CJK 漢字 かな カナ 한국어 中文维基',
  'RTL עברית العربية mixed with LTR',
  'Precomposed é, NBSP\u00a0here, ZWJ\u200dhere, soft\u00adhyphen',
  "Wiki markup: '''bold''' ''italic'' [[Link|label]] {{Template|a=1}} <nowiki>[[x]]</nowiki>",
  '* list item',
  '# numbered item',
  ': indented with trailing tab\t',
] as const;

const line = (i: number): string => LINES[i % LINES.length] ?? '';

/** The long page's text at revision `k` (1-based): grows, shrinks, gains sections, reverts once. */
function longText(k: number): string {
  const out: string[] = ['Intro of the long page.'];
  for (let i = 1; i <= k; i++) {
    if (i % 7 === 0) out.push('', `== Section ${i / 7} ==`);
    // Every fifth revision rewrites an earlier line instead of only appending.
    out.push(i % 5 === 0 ? `Line ${i}: rewritten ${line(i + 3)}` : `Line ${i}: ${line(i)}`);
  }
  // Revisions 25–27 drop the first lines again (a shrinking edit).
  if (k >= 25 && k <= 27) out.splice(1, 4);
  return out.join('\n');
}

/** Every scripted step, in order (the IP edit comes after these, through HTTP). */
export function wikiPlan(): readonly WikiStep[] {
  const steps: WikiStep[] = [];
  /** Adds an edit; returns its step index. */
  const edit = (user: string, title: string, text: string, summary: string, minor = false) =>
    steps.push({ kind: 'edit', user, title, text, summary, minor }) - 1;
  const user = (i: number): string => WIKI_USERS[i % WIKI_USERS.length] ?? 'Alice';

  edit('Alice', IP_PAGE, 'Sandbox text.\n\nPlay here.', 'Create sandbox');
  const boris = edit('Борис', IP_PAGE, 'Sandbox text.\n\nPlay here, Борис was here.', 'Привет');
  // Hiding user and comment is allowed on a page's current revision (not the text).
  steps.push({
    kind: 'hide',
    user: 'Admin',
    title: IP_PAGE,
    step: boris,
    hide: ['user', 'comment'],
    summary: 'hide user & comment',
  });

  for (let k = 1; k <= LONG_PAGE_REVISIONS; k++) {
    const section = Math.floor(k / 7);
    let summary = k === 1 ? 'New long page' : `Edit ${k}: ${line(k).slice(0, 30)}`;
    if (section > 0 && k % 7 !== 0) summary = `/* Section ${section} */ ${summary}`;
    // Revision 30 restores revision 28's text exactly (an identity revert).
    const text = k === 30 ? longText(28) : longText(k);
    const step = edit(user(k), LONG_PAGE, text, summary, k % 4 === 0);
    if (k === HIDDEN_TEXT_REVISION + 1) {
      steps.push({
        kind: 'hide',
        user: 'Admin',
        title: LONG_PAGE,
        step: step - 1,
        hide: ['text'],
        summary: 'hide text',
      });
    }
  }

  edit('Carol Smith', UNICODE_PAGE, LINES.join('\n'), 'Hostile text: & < > " \' 🦊');
  edit(
    "Dan & O'Neil",
    UNICODE_PAGE,
    `${LINES.slice(0, 6).join('\n')}\n\n== Ünïcödé & <Heading> ==\n${LINES.slice(6).join('\n')}`,
    '/* Ünïcödé & <Heading> */ section added, 中文',
  );
  edit('Борис', UNICODE_PAGE, `${LINES.join('\n')}\nLast line with trailing spaces   `, 'Ёлка');

  edit('Alice', DECOMPOSED_PAGE, 'Cafe\u0301 and nai\u0308ve, stored decomposed.', 'NFD text');
  edit(
    'Борис',
    DECOMPOSED_PAGE,
    'Cafe\u0301 and nai\u0308ve, stored decomposed.\nSecond line.',
    'more',
  );

  edit('Alice', 'Blanked page', 'Some content that will be blanked.', 'create');
  edit('Carol Smith', 'Blanked page', '', 'Blanked the page');
  edit('Alice', 'Blanked page', 'Some content that will be blanked.', 'restore');

  edit('Alice', MOVED_FROM, 'Text of the page before its move.', 'create under the old name');
  edit('Борис', MOVED_FROM, 'Text of the page before its move, edited.', 'edit before the move');
  steps.push({
    kind: 'move',
    user: 'Admin',
    title: MOVED_FROM,
    to: MOVED_TO,
    summary: 'Better name & "quotes"',
  });
  edit('Carol Smith', MOVED_TO, 'Text of the page after its move.', 'edit after the move');

  edit("Dan & O'Neil", 'Talk:Sandbox', '== Question ==\nWhy? ~~~~', 'New section: Question');

  // The reverts page: added last so that every earlier revision keeps its id.
  const para = (...lines: string[]) => lines.join('\n\n');
  const intro = 'A page whose history MediaWiki reverts.';
  edit('Alice', REVERT_PAGE, para(intro, 'First paragraph.'), 'create');
  edit('Борис', REVERT_PAGE, para(intro, 'First paragraph.', 'Second, by Борис.'), 'second');
  edit(
    'Alice',
    REVERT_PAGE,
    para(intro, 'First paragraph, longer.', 'Second, by Борис.'),
    'longer',
  );
  const spam = edit(
    'Борис',
    REVERT_PAGE,
    para(intro, 'First paragraph, longer.', 'Second, by Борис.', 'Buy cheap & "now"!'),
    'more',
  );
  // Undo of the page's latest revision: restores its parent's text exactly.
  steps.push({ kind: 'undo', user: 'Alice', title: REVERT_PAGE, step: spam });
  const base = para(intro, 'First paragraph, longer.', 'Second, by Борис.');
  edit("Dan & O'Neil", REVERT_PAGE, para(base, 'Dan was here.'), 'one');
  edit("Dan & O'Neil", REVERT_PAGE, para(base, 'Dan was here twice.'), 'two', true);
  // Rollback of both of Dan's edits (a user name with `&` and `'`): back to Alice's undo.
  steps.push({ kind: 'rollback', user: 'Admin', title: REVERT_PAGE, target: "Dan & O'Neil" });
  edit('Борис', REVERT_PAGE, para(base, 'Борис adds a line.'), 'add');
  edit('Alice', REVERT_PAGE, para(base, 'Alice rewrites Борис.'), 'rewrite');
  // A manual restore of the rollback's text over two revisions by two users.
  edit('Carol Smith', REVERT_PAGE, base, 'back to the text before the last two edits');
  edit('Carol Smith', REVERT_PAGE, '', '');
  edit('Alice', REVERT_PAGE, base, 'restore the blanked text');
  edit('Борис', REVERT_PAGE, para(base, 'A last ordinary edit.'), 'last');
  // An undo of a revision that is not the latest: MediaWiki merges (diff3), so the result
  // equals no earlier text.
  const last = para(base, 'A last ordinary edit.');
  const older = edit('Alice', REVERT_PAGE, `Alice's new first line.\n\n${last}`, 'a');
  edit('Борис', REVERT_PAGE, `Alice's new first line.\n\n${last}\n\nБорис adds.`, 'b');
  steps.push({ kind: 'undo', user: 'Carol Smith', title: REVERT_PAGE, step: older });
  // A rollback of an edit whose user is revision-deleted: MediaWiki's `revertpage-nouser`.
  const hidden = edit("Dan & O'Neil", REVERT_PAGE, 'Vandalism by a user hidden later.', 'x');
  steps.push({
    kind: 'hide',
    user: 'Admin',
    title: REVERT_PAGE,
    step: hidden,
    hide: ['user'],
    summary: 'hide user',
  });
  steps.push({ kind: 'rollback', user: 'Admin', title: REVERT_PAGE, target: "Dan & O'Neil" });
  edit('Alice', REVERT_PAGE, para(base, 'The very last edit.'), 'end');
  return steps;
}

/**
 * The maintenance script run by `maintenance/runScript.php`: reads the plan (JSON) and performs
 * each step as its user at its fake time, in one PHP process.
 */
const POPULATE_PHP = `<?php
use MediaWiki\\MediaWikiServices;
use MediaWiki\\Revision\\RevisionRecord;
use MediaWiki\\Revision\\SlotRecord;
use Wikimedia\\Timestamp\\ConvertibleTimestamp;

require_once getenv( 'MW_INSTALL_PATH' ) . '/maintenance/Maintenance.php';

class PopulateWikirevTestWiki extends Maintenance {
	public function __construct() {
		parent::__construct();
		$this->addArg( 'plan', 'JSON file with the steps' );
	}

	private function user( string $name ): User {
		$user = User::newFromName( $name );
		if ( !$user ) {
			$this->fatalError( "invalid user name $name" );
		}
		if ( $user->isAnon() ) {
			$user->addToDatabase();
		}
		return $user;
	}

	/**
	 * Calls the action API in this process, as $user, with the CSRF or rollback token of the
	 * request's session; returns the result data (errors are thrown: internal mode).
	 */
	private function api( User $user, array $params ): array {
		$request = new FauxRequest( $params, true );
		$salts = ApiQueryTokens::getTokenTypeSalts();
		$salt = $salts[$params['action'] === 'rollback' ? 'rollback' : 'csrf'];
		$request->setVal( 'token', ApiQueryTokens::getToken( $user, $request->getSession(), $salt )->toString() );
		$context = new DerivativeContext( RequestContext::getMain() );
		$context->setRequest( $request );
		$context->setUser( $user );
		$api = new ApiMain( $context, true );
		$api->execute();
		return $api->getResult()->getResultData( null, [ 'Strip' => 'all' ] );
	}

	public function execute() {
		$plan = json_decode( file_get_contents( $this->getArg( 0 ) ), true, 512, JSON_THROW_ON_ERROR );
		$services = MediaWikiServices::getInstance();
		$ids = [];
		foreach ( $plan['steps'] as $i => $step ) {
			ConvertibleTimestamp::setFakeTime( $plan['start'] + 60 * $i );
			$user = $this->user( $step['user'] );
			StubGlobalUser::setUser( $user );
			$title = Title::newFromText( $step['title'] );
			if ( $step['kind'] === 'edit' ) {
				$page = $services->getWikiPageFactory()->newFromTitle( $title );
				$updater = $page->newPageUpdater( $user );
				$updater->setContent( SlotRecord::MAIN, ContentHandler::makeContent( $step['text'], $title ) );
				$rev = $updater->saveRevision(
					CommentStoreComment::newUnsavedComment( $step['summary'] ),
					$step['minor'] ? EDIT_MINOR : 0
				);
				if ( !$updater->getStatus()->isOK() || $rev === null ) {
					$this->fatalError( "step $i failed: " . $updater->getStatus()->getMessage( false, false, 'en' )->text() );
				}
				$ids[] = $rev->getId();
			} elseif ( $step['kind'] === 'hide' ) {
				$bits = [ 'text' => RevisionRecord::DELETED_TEXT, 'comment' => RevisionRecord::DELETED_COMMENT, 'user' => RevisionRecord::DELETED_USER ];
				$value = [];
				foreach ( $step['hide'] as $field ) {
					$value[$bits[$field]] = 1;
				}
				$context = new DerivativeContext( RequestContext::getMain() );
				$context->setUser( $user );
				$list = RevisionDeleter::createList( 'revision', $context, $title, [ $ids[$step['step']] ] );
				$status = $list->setVisibility( [ 'value' => $value, 'comment' => $step['summary'] ] );
				if ( !$status->isOK() ) {
					$this->fatalError( "step $i failed: " . $status->getMessage( false, false, 'en' )->text() );
				}
				$ids[] = null;
			} elseif ( $step['kind'] === 'undo' ) {
				$undone = $services->getRevisionLookup()->getRevisionById( $ids[$step['step']] );
				$result = $this->api( $user, [
					'action' => 'edit',
					'title' => $step['title'],
					'undo' => $undone->getId(),
					'undoafter' => $undone->getParentId(),
					'format' => 'json',
				] );
				if ( ( $result['edit']['result'] ?? '' ) !== 'Success' || !isset( $result['edit']['newrevid'] ) ) {
					$this->fatalError( "step $i failed: " . json_encode( $result ) );
				}
				$ids[] = $result['edit']['newrevid'];
			} elseif ( $step['kind'] === 'rollback' ) {
				$result = $this->api( $user, [
					'action' => 'rollback',
					'title' => $step['title'],
					'user' => $step['target'],
					'format' => 'json',
				] );
				if ( !isset( $result['rollback']['revid'] ) ) {
					$this->fatalError( "step $i failed: " . json_encode( $result ) );
				}
				$ids[] = $result['rollback']['revid'];
			} else {
				$move = $services->getMovePageFactory()->newMovePage( $title, Title::newFromText( $step['to'] ) );
				$status = $move->move( $user, $step['summary'], true );
				if ( !$status->isOK() ) {
					$this->fatalError( "step $i failed: " . $status->getMessage( false, false, 'en' )->text() );
				}
				$ids[] = null;
			}
			DeferredUpdates::doUpdates();
		}
		ConvertibleTimestamp::setFakeTime( false );
		echo json_encode( $ids ), "\\n";
	}
}

$maintClass = PopulateWikirevTestWiki::class;
require_once RUN_MAINTENANCE_IF_MAIN;
`;

/**
 * Appended to the installer's LocalSettings.php (the oracle's tweaks, plus what the tests need).
 */
const TWEAKS = `
# ---- wikirev test wiki ----
$wgFeed = true;
$wgFeedDiffCutoff = 1000000;
# Feeds' limit= is capped by this (default 50).
$wgFeedLimit = 500;
# With CACHE_ACCEL diff bodies are cached and a cache hit appends a comment to feed diffs.
$wgMainCacheType = CACHE_NONE;
$wgParserCacheType = CACHE_NONE;
# Scripted and test requests come faster than the default rate limits allow.
$wgGroupPermissions['*']['noratelimit'] = true;
$wgGroupPermissions['user']['noratelimit'] = true;
$wgGroupPermissions['*']['edit'] = true;
$wgGroupPermissions['*']['read'] = true;
# Revision deletion is only in the 'suppress' group by default in 1.39 (as in capture.sh).
$wgGroupPermissions['sysop']['deleterevision'] = true;
# The edits are dated in the past (fake clock): keep them in recent changes.
$wgRCMaxAge = 100 * 365 * 86400;
$wgShowExceptionDetails = true;
$wgJobRunRate = 0;
`;

/** The fake clock's start: 2024-03-01T12:00:00Z (each step one minute later). */
export const PLAN_START = Date.UTC(2024, 2, 1, 12, 0, 0) / 1000;

async function waitForApi(api: string, server: ChildProcess, log: string): Promise<void> {
  await waitForServer(server, `php -S (the wiki at ${api})`, log, 30, async () => {
    try {
      const answer = await fetch(`${api}?action=query&meta=siteinfo&format=json`, {
        signal: AbortSignal.timeout(5_000),
      });
      return answer.ok && (await answer.text()).includes('"general"');
    } catch {
      return false; // not up yet
    }
  });
}

/** An edit by 127.0.0.1 through the HTTP API (anonymous CSRF token `+\`). */
async function ipEdit(api: string): Promise<void> {
  const body = new URLSearchParams({
    action: 'edit',
    title: IP_PAGE,
    text: 'Sandbox text.\n\nPlay here, Борис was here.\nAn anonymous visitor & friends 🙂',
    summary: 'anonymous edit',
    token: '+\\',
    format: 'json',
    formatversion: '2',
  });
  const answer = await fetch(api, { method: 'POST', body, signal: AbortSignal.timeout(30_000) });
  const json = (await answer.json()) as { edit?: { result?: string }; error?: unknown };
  if (json.edit?.result !== 'Success') {
    throw new Error(`IP edit failed: ${JSON.stringify(json)}`);
  }
}

/** Options of {@link startWiki}. */
export interface StartWikiOptions {
  /**
   * Fill the wiki with {@link wikiPlan} and the IP edit.
   * @default true
   */
  readonly populate?: boolean;
  /**
   * Extensions of the Debian package to load (`wfLoadExtension`), e.g. `['ParserFunctions']`.
   * @default []
   */
  readonly extensions?: readonly string[];
  /**
   * Steps done after {@link wikiPlan}'s (so every plan revision keeps its id), before the IP
   * edit; their revision ids follow the plan's in `stepRevisions`.
   * @default []
   */
  readonly extraSteps?: readonly WikiStep[];
  /**
   * PHP lines appended to LocalSettings.php (e.g. a hook registering a slot role).
   * @default ''
   */
  readonly settings?: string;
}

/**
 * Starts a fresh wiki on a free loopback port. Call `stop()` in an `after` hook.
 *
 * @example
 * ```ts
 * const wiki = await startWiki();
 * after(() => wiki.stop());
 * await fetch(`${wiki.api}?action=query&meta=siteinfo&format=json`);
 * ```
 */
export async function startWiki(options: StartWikiOptions = {}): Promise<TestWiki> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };
  const guard = await guardServer('wikirev-mw-');
  const { dir, stop } = guard;
  let stepRevisions: (number | null)[] = [];
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const config = join(dir, 'LocalSettings.php');
    const env = { ...process.env, MW_INSTALL_PATH: MEDIAWIKI_DIR, MW_CONFIG_FILE: config };
    await mkdir(join(dir, 'db'));
    await run(
      'php',
      [
        'maintenance/install.php',
        '--quiet',
        '--dbtype=sqlite',
        `--dbpath=${join(dir, 'db')}`,
        '--dbname=wikirevtest',
        `--server=${base}`,
        '--scriptpath=',
        `--confpath=${dir}`,
        '--lang=en',
        '--pass=Wikirev-Test-Admin-1',
        'Wikirev Test Wiki',
        'Admin',
      ],
      { cwd: MEDIAWIKI_DIR, env: { ...process.env, MW_INSTALL_PATH: MEDIAWIKI_DIR } },
    );
    await appendFile(
      config,
      TWEAKS +
        (options.extensions ?? []).map((e) => `wfLoadExtension(${JSON.stringify(e)});\n`).join('') +
        (options.settings ?? ''),
    );
    phase('install');

    if (options.populate ?? true) {
      const plan = join(dir, 'plan.json');
      const script = join(dir, 'populate.php');
      await writeFile(
        plan,
        JSON.stringify({
          start: PLAN_START,
          steps: [...wikiPlan(), ...(options.extraSteps ?? [])],
        }),
      );
      await writeFile(script, POPULATE_PHP);
      const { stdout } = await run('php', ['maintenance/runScript.php', script, plan], {
        cwd: MEDIAWIKI_DIR,
        env,
        maxBuffer: 16 * 1024 * 1024,
      });
      const last = stdout.trim().split('\n').at(-1) ?? '[]';
      stepRevisions = JSON.parse(last) as (number | null)[];
      phase('populate');
    }

    const log = join(dir, 'server.log');
    const fd = openSync(log, 'a');
    const server = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', MEDIAWIKI_DIR], {
      cwd: MEDIAWIKI_DIR,
      env,
      stdio: ['ignore', fd, fd],
    });
    guard.watch(server);
    const api = `${base}/api.php`;
    await waitForApi(api, server, log);
    phase('serve');
    if (options.populate ?? true) {
      await ipEdit(api);
      phase('ipEdit');
    }
    return { base, api, index: `${base}/index.php`, dir, stepRevisions, timings, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
