/// <reference lib="dom" />
/**
 * The browser example (examples/browser/) against the real MediaWiki: the page is built with
 * esbuild from the package as `npm pack` installs it, served from one loopback port, the wiki
 * from another (so every API request is cross-origin), and driven in headless Chromium the way
 * a person uses it: type the api.php URL and a title, press the button, read the report. The
 * numbers shown are checked against the API's own answer; any console error, page error or
 * request to a third origin fails the test. The screenshot is kept in test-output/ (or
 * `$TEST_OUTPUT`), for reading by eye and as a CI artifact.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import { buildExample } from '../examples/browser/build.mjs';
import { closeLocal, listenLocal } from './helpers/local-server.js';
import { LONG_PAGE, mediawikiMissing, startWiki, type TestWiki } from './helpers/mediawiki-wiki.js';
import { type Installed, packAndInstall, ROOT } from './helpers/packed.js';

const CHROMIUM = '/usr/bin/chromium';
const CI = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);
const missing =
  mediawikiMissing() ??
  (existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (apt-get install chromium)`);
const OUTPUT = join(process.env.TEST_OUTPUT ?? join(ROOT, 'test-output'), 'example-browser');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/** A static file server for one folder (the page has no server of its own). */
function staticServer(dir: string): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(dir, path === '/' ? 'index.html' : path.slice(1));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
}

describe('the browser example against the real MediaWiki', {
  skip: missing !== null && !CI ? missing : false,
  timeout: 300_000,
}, () => {
  let wiki: TestWiki;
  let installed: Installed;
  let server: Server;
  let site: string;
  let browser: Browser;

  before(async () => {
    if (missing !== null) throw new Error(`${missing}; CI requires it`);
    mkdirSync(OUTPUT, { recursive: true });
    [wiki, installed] = await Promise.all([startWiki(), Promise.resolve().then(packAndInstall)]);
    // The example's sources beside the installed package, so `wikirev` resolves from there.
    const src = join(installed.consumer, 'example');
    mkdirSync(src);
    for (const f of ['index.html', 'main.js']) {
      copyFileSync(join(ROOT, 'examples', 'browser', f), join(src, f));
    }
    const out = join(installed.work, 'site');
    await buildExample(src, out);
    server = staticServer(out);
    site = await listenLocal(server);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  after(async () => {
    await browser?.close();
    if (server !== undefined) closeLocal(server);
    await wiki?.stop();
    if (installed !== undefined) rmSync(installed.work, { recursive: true, force: true });
  });

  it('shows the history of a page as the report, with the numbers of the API', async () => {
    assert.notEqual(new URL(site).origin, new URL(wiki.base).origin, 'two origins');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: { url: string; headers: Record<string, string> }[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push({ url: r.url(), headers: r.headers() }));

    await page.goto(site);
    await page.fill('#api', wiki.api);
    await page.fill('#title', LONG_PAGE);
    await page.click('button[type=submit]');
    await page.waitForSelector('#status[data-revisions], #status.error', { timeout: 120_000 });
    const status = page.locator('#status');
    assert.equal(await status.getAttribute('class'), null, (await status.textContent()) ?? '');

    // What the API says about the page, asked directly.
    const url = new URL(wiki.api);
    for (const [k, v] of Object.entries({
      action: 'query',
      prop: 'revisions',
      titles: LONG_PAGE,
      rvprop: 'ids|user',
      rvlimit: 'max',
      format: 'json',
      formatversion: '2',
    }))
      url.searchParams.set(k, v);
    const json = (await (await fetch(url)).json()) as {
      query: { pages: { revisions: { revid: number; user?: string }[] }[] };
    };
    const revs = json.query.pages[0]!.revisions;
    const users = new Set(revs.map((r) => r.user ?? ''));
    assert.equal(await status.getAttribute('data-revisions'), String(revs.length));
    assert.equal(await status.getAttribute('data-users'), String(users.size));

    // The report in the frame: one entry per revision, word marks, sections, autocomments.
    const frame = page.frameLocator('#report');
    assert.equal(await frame.locator('h1').first().textContent(), 'Revision report');
    assert.equal(await frame.locator('.rev').count(), revs.length);
    assert.ok((await frame.locator('ins').count()) > 0, 'words marked in the diffs');
    assert.ok((await frame.locator('.sections').count()) > 0, 'sections changed');
    const text = (await frame.locator('body').textContent()) ?? '';
    assert.match(text, /autocomment agrees/);

    await page.screenshot({ path: join(OUTPUT, 'history.png'), fullPage: true });
    await page.screenshot({ path: join(OUTPUT, 'history-top.png') });
    await frame
      .locator('.rev')
      .nth(8)
      .screenshot({ path: join(OUTPUT, 'revision.png') });

    // Only the page's own origin and the wiki's; the API asked as MediaWiki wants browsers to.
    const origins = new Set(requests.map((r) => new URL(r.url).origin));
    assert.deepEqual([...origins].sort(), [new URL(site).origin, new URL(wiki.base).origin].sort());
    const apiCalls = requests.filter((r) => r.url.startsWith(wiki.api));
    assert.ok(apiCalls.length > 0);
    for (const r of apiCalls) {
      assert.equal(new URL(r.url).searchParams.get('origin'), '*', r.url);
      assert.match(r.headers['api-user-agent'] ?? '', /^wikirev\/\d/, r.url);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
});
