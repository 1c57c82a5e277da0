/**
 * `wikirev report --api URL --page TITLE` / `--user NAME` through `run()`, against a local fake
 * Action API (node:http on 127.0.0.1) serving the oracle corpus's own API answers; sizes and
 * users checked against fixtures/mediawiki-oracle/truth.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { closeLocal, listenLocal } from './helpers/local-server.js';
import { runCli } from './helpers/run-cli.js';

const ROOT = join(import.meta.dirname, '..');
const TRUTH = join(ROOT, 'fixtures', 'mediawiki-oracle', 'truth');

interface TruthRevision {
  readonly revid: number;
  readonly user: string;
  readonly size: number;
}
interface TruthPage {
  readonly pageid: number;
  readonly title: string;
  readonly revisions: readonly TruthRevision[];
}
const load = (name: string) =>
  (JSON.parse(readFileSync(join(TRUTH, 'revisions', name), 'utf8')) as { page: TruthPage }).page;
const SANDBOX = load('sandbox.anon.json');
const ALICE = (
  JSON.parse(readFileSync(join(TRUTH, 'usercontribs', 'alice.anon.json'), 'utf8')) as {
    revid: number;
    title: string;
  }[]
).reverse();
/** Every page as the anonymous API returned it (Alice edited several). */
const PAGES = readdirSync(join(TRUTH, 'revisions'))
  .filter((f) => f.endsWith('.anon.json'))
  .map(load);

let server: Server;
let api = '';
const userAgents: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = url.searchParams;
    userAgents.push(String(req.headers['user-agent']));
    const send = (body: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/api.php') {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    } else if (q.get('list') === 'usercontribs') {
      // All of Alice's contributions in one batch (ucdir=newer: oldest first).
      send({
        batchcomplete: true,
        query: { usercontribs: q.get('ucuser') === 'Alice' ? ALICE : [] },
      });
    } else if (q.has('revids')) {
      const ids = new Set(q.get('revids')!.split('|').map(Number));
      send({
        batchcomplete: true,
        query: {
          pages: PAGES.filter((p) => p.revisions.some((r) => ids.has(r.revid))).map((p) => ({
            ...p,
            revisions: p.revisions.filter((r) => ids.has(r.revid)),
          })),
        },
      });
    } else if (q.get('titles') === 'Sandbox') {
      // Two batches, so the progress line moves.
      const second = q.get('rvcontinue') !== null;
      send({
        ...(second ? { batchcomplete: true } : { continue: { rvcontinue: 'x', continue: '||' } }),
        query: {
          pages: [
            { ...SANDBOX, revisions: SANDBOX.revisions.slice(second ? 10 : 0, second ? 21 : 10) },
          ],
        },
      });
    } else if (q.has('titles')) {
      send({
        batchcomplete: true,
        query: { pages: [{ ns: 0, title: q.get('titles'), missing: true }] },
      });
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  api = `${await listenLocal(server)}/api.php`;
});
after(() => closeLocal(server));

const cli = (argv: string[], isTTY = false) => runCli(argv, { isTTY });

interface JsonReport {
  readonly totals: { readonly revisions: number; readonly pages: number };
  readonly pages: readonly {
    readonly title: string;
    readonly revisions: readonly { id: number; user: string | null; size: number | null }[];
  }[];
}

const T = { timeout: 20_000 };

describe('wikirev report --api', () => {
  it('--page: the whole history from the API, texts known, sizes as the API says', T, async () => {
    const r = await cli([
      'report',
      '--api',
      api,
      '--page',
      'Sandbox',
      '--format',
      'json',
      '--contact',
      'ops@example.org',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.equal(report.totals.revisions, 21);
    assert.deepEqual(
      report.pages[0]?.revisions.map((x) => [x.id, x.user, x.size]),
      SANDBOX.revisions.map((x) => [x.revid, x.user, x.size]),
    );
    assert.match(
      userAgents.at(-1) ?? '',
      /^wikirev\/\S+ \(\+https:\/\/www\.npmjs\.com\/package\/wikirev; ops@example\.org\)$/,
    );
  });

  it('--user: the contributions, over several pages', T, async () => {
    const r = await cli(['report', '--api', api, '--user', 'Alice', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.equal(report.totals.revisions, ALICE.length);
    assert.deepEqual(
      report.pages.map((p) => p.title).sort(),
      [...new Set(ALICE.map((c) => c.title))].sort(),
    );
  });

  it('shows a progress line on a terminal, and clears it', T, async () => {
    const r = await cli(['report', '--api', api, '--page', 'Sandbox'], true);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stderr.includes('\rwikirev: Sandbox: 10 revisions\x1b[K'), r.stderr);
    assert.ok(r.stderr.includes('\rwikirev: Sandbox: 21 revisions\x1b[K'), r.stderr);
    assert.ok(r.stderr.endsWith('\r\x1b[K'));
  });

  it('usage errors (exit 2) and a missing page or a wrong URL (exit 1)', T, async () => {
    const bare = await cli(['report', '--api', api]);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /--api needs --page TITLE or --user NAME/);
    const notUrl = await cli(['report', '--api', 'wiki', '--page', 'X']);
    assert.equal(notUrl.code, 2);
    const missing = await cli(['report', '--api', api, '--page', 'No such page']);
    assert.equal(missing.code, 1);
    assert.equal(
      missing.stderr,
      `wikirev: ${api}: No such page: there is no page "No such page"\n`,
    );
    const wrong = await cli([
      'report',
      '--api',
      api.replace('api.php', 'nothing.php'),
      '--page',
      'Sandbox',
    ]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /: HTTP 404 Not Found/);
  });
});

describe('wikirev blame --api', () => {
  it("blames the page's whole history as the API gives it", T, async () => {
    const r = await cli(['blame', '--api', api, '--page', 'Sandbox', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const { blame } = await import('../src/authorship/blame.js');
    const revisions = (
      SANDBOX.revisions as unknown as {
        revid: number;
        user: string;
        timestamp: string;
        slots: { main: { content: string } };
      }[]
    ).map((x) => ({
      id: x.revid,
      user: x.user,
      timestamp: x.timestamp,
      text: x.slots.main.content,
    }));
    const expected = blame(revisions)!;
    const got = JSON.parse(r.stdout) as typeof expected;
    assert.equal(got.revisionId, 24);
    assert.deepEqual(
      got.tokens.map((t) => [t.start, t.end, t.originRevisionId, t.originUser]),
      expected.tokens.map((t) => [t.start, t.end, t.originRevisionId, t.originUser]),
    );
    assert.equal((await cli(['blame', '--api', 'wiki', '--page', 'Sandbox'])).code, 2);
  });
});
