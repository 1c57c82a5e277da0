/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The HTML report in a real browser: Debian's headless Chromium (`/usr/bin/chromium`, installed
 * by .ci/run) driven by playwright-core opens the seed, hostile and corpus reports (and a
 * `wikirev diff --format html` page) from file:// URLs and sees no console error, no page error,
 * no request but the document, no script run but the report's own (the hostile feed carries
 * `<script>`, `<img onerror>`, `<svg onload>` and `javascript:` links), every contents link and
 * in-page link resolving, every chart drawn, no sideways scrolling on a 390 px phone, diffs that
 * open with "expand all" with and without the script, a users table that sorts; and takes light,
 * dark, phone and print screenshots into test-output/report-browser/ (`TEST_OUTPUT` moves it),
 * kept as CI artifacts. Without Chromium the file fails under CI and is skipped locally.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { parseFeed } from '../src/feed/parse-feed.js';
import { analyzeHistory } from '../src/report/analyze-history.js';
import { REPORT_SCRIPT, REPORT_SCRIPT_HASH } from '../src/report/html-script.js';
import { renderReport } from '../src/report/render-report.js';
import { wikiLinksOf } from '../src/report/wiki-links.js';
import { buildHistory } from '../src/revisions/build-history.js';
import { FIXTURES } from './helpers/report-golden.js';
import { runCli } from './helpers/run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const CI = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);
const missing = !existsSync(CHROMIUM);
const NOW = '2026-11-22T00:00:00Z';

const ROOT = join(import.meta.dirname, '..');
const OUTPUT = join(process.env.TEST_OUTPUT ?? join(ROOT, 'test-output'), 'report-browser');
const ORACLE = 'mediawiki-oracle/feeds';

/** Every limit=500 history and contributions feed of the corpus: 17 pages, 7 users, 70 edits. */
const CORPUS_FEEDS = ['history', 'contributions'].flatMap((kind) =>
  readdirSync(join(FIXTURES, ORACLE, kind))
    .filter((f) => f.endsWith('.limit500.atom.xml'))
    .map((f) => `${ORACLE}/${kind}/${f}`),
);

const REPORTS: Readonly<Record<string, readonly string[]>> = {
  seed: ['seed-openvz/openvz-dlezcano.contributions.atom.xml'],
  hostile: ['cli-xss/hostile.contributions.atom.xml'],
  corpus: CORPUS_FEEDS,
};

/** What a page did while it was open. */
interface Observed {
  readonly console: string[];
  readonly pageErrors: string[];
  readonly requests: string[];
  readonly dialogs: string[];
}

/**
 * Playwright's init script runs before any script of the page (and is not subject to its CSP):
 * anything that calls `alert`, `confirm` or `prompt` marks `window.__pwned`, on top of the
 * `dialog` event, so a payload that runs is seen whichever way it reports.
 */
const TRAP = `for (const f of ['alert', 'confirm', 'prompt']) {
  window[f] = (...args) => { window.__pwned = f + '(' + args.join(',') + ')'; };
}`;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function assertPng(path: string): void {
  const bytes = readFileSync(path);
  assert.ok(bytes.length > 1000, `${path} is a real image (${bytes.length} bytes)`);
  assert.deepEqual(bytes.subarray(0, 8), PNG_SIGNATURE, `${path} is a PNG`);
}

describe('HTML report in headless Chromium', {
  skip:
    missing && !CI ? `${CHROMIUM} is missing (apt-get install chromium); CI requires it` : false,
}, () => {
  let context: BrowserContext;
  let dir: string;
  let shots: string;

  before(async () => {
    if (missing) {
      throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium; CI requires it`);
    }
    dir = mkdtempSync(join(tmpdir(), 'wikirev-browser-'));
    shots = OUTPUT;
    mkdirSync(shots, { recursive: true });
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
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
      viewport: { width: 1280, height: 900 },
    });
    await context.addInitScript(TRAP);
  });

  after(async () => {
    await context?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  /** Writes `html` to a file, opens it in a new page and records what the page does. */
  async function open(name: string, html: string): Promise<{ page: Page; url: string } & Observed> {
    const path = join(dir, `${name}.html`);
    writeFileSync(path, html);
    const url = pathToFileURL(path).href;
    const page = await context.newPage();
    const seen: Observed = { console: [], pageErrors: [], requests: [], dialogs: [] };
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning')
        seen.console.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (err) => seen.pageErrors.push(err.message));
    page.on('request', (r) => seen.requests.push(r.url()));
    page.on('dialog', (d) => {
      seen.dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });
    return { page, url, ...seen };
  }

  /** What scripts could have done or could still do in the page. */
  async function scriptTraces(page: Page) {
    return page.evaluate(() => {
      const w = window as unknown as { __pwned?: unknown };
      const all = [...document.querySelectorAll('*')];
      return {
        pwned: w.__pwned,
        scripts: [...document.scripts].map((el) => el.textContent ?? ''),
        handlers: all.flatMap((el) =>
          [...el.attributes]
            .filter((a) => a.name.toLowerCase().startsWith('on'))
            .map((a) => `<${el.localName} ${a.name}>`),
        ),
        urls: all.flatMap((el) =>
          ['href', 'src', 'xlink:href', 'action', 'formaction']
            .map((n) => el.getAttribute(n))
            .filter((v): v is string => v !== null && !v.startsWith('#')),
        ),
        embeds: document.querySelectorAll('img, iframe, object, embed, video, audio, link').length,
        anchors: document.querySelectorAll('a').length,
      };
    });
  }

  it('the harness sees what it checks for: a script run, a dialog, a request (control page)', async () => {
    // Without this, a broken trap (init script not injected, listener not called) would let
    // every assertion below pass on any report.
    const o = await open(
      'control',
      '<!doctype html><title>c</title><a href="javascript:alert(1)" onclick="x()">x</a>' +
        '<img src="http://127.0.0.1:9/x.png"><script>alert("ran")</script>',
    );
    const traces = await scriptTraces(o.page);
    assert.equal(traces.pwned, 'alert(ran)');
    assert.deepEqual(traces.scripts, ['alert("ran")']);
    assert.deepEqual(traces.handlers, ['<a onclick>']);
    assert.ok(traces.urls.includes('javascript:alert(1)'));
    assert.ok(o.requests.includes('http://127.0.0.1:9/x.png'), o.requests.join(', '));
    await o.page.close();
  });

  it("the CSP's script hash is the hash of the report's script", () => {
    const hash = createHash('sha256').update(REPORT_SCRIPT, 'utf8').digest('base64');
    assert.equal(REPORT_SCRIPT_HASH, `'sha256-${hash}'`);
  });

  /** Light, dark, phone (light and dark) and print screenshots, each checked to be a PNG;
   *  no sideways scrolling on the desktop or the phone. Of a long report, the first screen only
   *  (the corpus is ~20,000 px tall, ~100,000 px in print with every diff open). */
  async function screenshots(page: Page, name: string, fullPage = true): Promise<void> {
    const shot = async (view: string) => {
      const path = join(shots, `${name}-${view}.png`);
      await page.screenshot({ path, fullPage, timeout: 120_000 });
      assertPng(path);
    };
    // From the top, no hover left from clicks: a full-page shot of a scrolled page draws the
    // sticky contents where the viewport was.
    await page.mouse.move(0, 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, media: 'screen' });
      await page.setViewportSize({ width: 1280, height: 900 });
      await shot(scheme);
      const desktop = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(desktop <= 1280, `no horizontal overflow on desktop (${desktop}px)`);
      await page.setViewportSize({ width: 390, height: 844 });
      await shot(`phone-${scheme}`);
      const phone = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(phone <= 390, `no horizontal overflow on a phone (${phone}px, ${scheme})`);
    }
    await page.emulateMedia({ colorScheme: 'light', media: 'print' });
    assert.equal(await page.evaluate(() => matchMedia('print').matches), true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot('print');
    await page.emulateMedia({ media: 'screen' });
  }

  /** The README's screenshots (docs/img/): the overview, a moved paragraph in the dark, a phone. */
  async function readmeShots(page: Page): Promise<void> {
    const shot = (view: string) => page.screenshot({ path: join(shots, `readme-${view}.png`) });
    await page.mouse.move(0, 0); // no hover highlight left from the clicks above
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('overview');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('#r9 details.diffs').evaluate((d) => {
      (d as HTMLDetailsElement).open = true;
    });
    await page.locator('#r9').evaluate((el) => el.scrollIntoView());
    await shot('diff-dark');
    await page.locator('#r9 details.diffs').evaluate((d) => {
      (d as HTMLDetailsElement).open = false;
    });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('phone');
  }

  /** In-page links whose target is not in the document (`#x` with no element `x`). */
  async function danglingLinks(page: Page, selector: string): Promise<string[]> {
    return page.evaluate(
      (sel) =>
        [...document.querySelectorAll<HTMLAnchorElement>(sel)]
          .map((a) => a.getAttribute('href') ?? '')
          .filter((h) => h.startsWith('#'))
          .filter((h) => document.getElementById(decodeURIComponent(h.slice(1))) === null),
      selector,
    );
  }

  for (const [name, feeds] of Object.entries(REPORTS)) {
    it(`${name}: no error, no request, no script but its own; contents, charts, diffs and users table work; light, dark, phone and print`, async () => {
      const parsed = feeds.map((f) => parseFeed(readFileSync(join(FIXTURES, f))));
      const wiki = wikiLinksOf(parsed);
      const report = analyzeHistory(buildHistory(parsed), { now: NOW });
      const html = renderReport(report, { format: 'html', wiki });
      const o = await open(name, html);
      const { page } = o;
      assert.equal(await page.title(), 'Revision report');
      assert.ok((await page.locator('h1').textContent())?.includes('Revision report'));

      const traces = await scriptTraces(page);
      assert.equal(traces.pwned, undefined, `a script ran: ${String(traces.pwned)}`);
      assert.deepEqual(traces.scripts, [REPORT_SCRIPT], "only the report's own script");
      assert.deepEqual(traces.handlers, []);
      const origin = new URL(wiki.script ?? wiki.articlePath ?? 'x:').origin;
      assert.ok(traces.urls.length > 0, 'links to the wiki');
      for (const url of traces.urls) assert.equal(new URL(url).origin, origin, url);
      assert.equal(traces.embeds, 0);

      // The contents: every entry leads to its section; every other in-page link resolves too.
      const toc = await page.locator('nav.toc a').count();
      assert.equal(toc, 3 + report.pages.length + (report.diagnostics.length > 0 ? 1 : 0) + 1);
      assert.deepEqual(await danglingLinks(page, 'nav.toc a'), []);
      assert.deepEqual(await danglingLinks(page, 'main a'), []);
      for (const p of report.pages)
        assert.equal((await page.locator(`nav.toc li a`, { hasText: p.title }).count()) >= 1, true);
      // The contents stay in view while reading (sticky), on a desktop and on a phone.
      await page.locator('#users').scrollIntoViewIfNeeded();
      assert.equal(await page.locator('nav.toc').isVisible(), true);

      // Charts: one edits chart with a bar and a hover title per period, one share chart, a size
      // chart per page with known sizes; all drawn (non-empty boxes).
      assert.equal(await page.locator('svg.chart.edits').count(), 1);
      assert.equal(
        await page.locator('svg.chart.edits g.col title').count(),
        report.timeline.length,
      );
      assert.equal(await page.locator('svg.chart.share').count(), 1);
      const sized = report.pages.filter((p) => p.revisions.some((r) => r.size !== null)).length;
      assert.equal(await page.locator('svg.chart.size').count(), sized);
      for (const box of await page
        .locator('svg.chart')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect)))
        assert.ok(box.width > 200 && box.height > 15, JSON.stringify(box));
      const biggest = Math.max(...report.timeline.map((p) => p.edits));
      const tallest = await page
        .locator('svg.chart.edits rect.bar')
        .evaluateAll((els) => Math.max(...els.map((el) => el.getBoundingClientRect().height)));
      assert.ok(tallest > 100, `the busiest ${biggest}-edit period is drawn tall (${tallest}px)`);

      // Diffs: closed at first; "expand all" opens them (the script), and the box alone shows
      // them where no script runs (CSS `:has()` and `::details-content`).
      const diffs = page.locator('details.diffs');
      const count = await diffs.count();
      assert.ok(count > 0);
      const firstTable = diffs.first().locator('table.diff').first();
      assert.equal(await firstTable.isVisible(), false);
      await page.locator('#expand-all').evaluate((el) => {
        (el as HTMLInputElement).checked = true;
      });
      assert.equal(await firstTable.isVisible(), true, 'the box alone shows the diffs');
      assert.equal(await diffs.first().evaluate((d) => (d as HTMLDetailsElement).open), false);
      await page.locator('#expand-all').evaluate((el) => {
        (el as HTMLInputElement).checked = false;
      });
      await page.locator('#expand-all').check();
      assert.equal(
        await diffs.evaluateAll((ds) => ds.every((d) => (d as HTMLDetailsElement).open)),
        true,
      );

      if (name === 'hostile') {
        // The payloads are on the page as text, which is what the reader must see.
        const text = (await page.locator('body').textContent()) ?? '';
        assert.ok(text.includes('Sandbox <script>alert("title")</script>'));
        assert.ok(text.includes('Mallory<img src=x onerror=alert("user")>'));
        assert.ok(text.includes('javascript:alert('));
        // Clicking every in-page link still runs nothing.
        for (const a of await page.locator('main a[href^="#"]').all())
          await a.click({ timeout: 2000 });
        assert.equal((await scriptTraces(page)).pwned, undefined);
      }

      // Screenshots with the diffs closed again, as the report opens.
      await page.locator('#expand-all').uncheck();
      if (name === 'corpus') await readmeShots(page);
      await screenshots(page, name, name !== 'corpus');

      // The users table sorts by a click on a heading, both ways (after the screenshots, which
      // show it as it opens).
      const column = async (k: number) =>
        page
          .locator('table.users tbody tr')
          .evaluateAll(
            (rows, k) => rows.map((r) => Number((r as HTMLTableRowElement).cells[k]?.dataset.v)),
            k,
          );
      await page.locator('table.users th', { hasText: 'bytes added' }).locator('button').click();
      const down = await column(3);
      assert.deepEqual(
        down,
        [...down].sort((a, b) => b - a),
      );
      await page.locator('table.users th', { hasText: 'bytes added' }).locator('button').click();
      const up = await column(3);
      assert.deepEqual(
        up,
        [...up].sort((a, b) => a - b),
      );

      assert.deepEqual(o.console, []);
      assert.deepEqual(o.pageErrors, []);
      assert.deepEqual(o.dialogs, []);
      assert.deepEqual(o.requests, [o.url], 'the document is the only request');
      await page.close();
    });
  }

  it("a real dump's report: its diagnostics (40-digit SHA-1s) wrap on a phone", async () => {
    const dump = join(FIXTURES, 'dump-mediawiki-1.39', 'full-0.11.xml');
    const r = await runCli(['report', '--format', 'html', '--workers', '1', dump]);
    assert.equal(r.code, 0, r.stderr);
    const o = await open('dump', r.stdout);
    assert.ok((await o.page.locator('#diagnostics li').count()) > 0);
    await o.page.setViewportSize({ width: 390, height: 844 });
    const phone = await o.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(phone <= 390, `no horizontal overflow on a phone (${phone}px)`);
    assert.deepEqual(
      [o.console, o.pageErrors, o.requests.filter((u) => u !== o.url)],
      [[], [], []],
    );
    await o.page.close();
  });

  it('wikirev diff --format html: two columns, moves linked both ways, no error or request', async () => {
    const feeds = CORPUS_FEEDS.map((f) => join(FIXTURES, f));
    const r = await runCli([
      'diff',
      ...feeds,
      '--page',
      'Sandbox',
      '--from',
      '8',
      '--to',
      '9',
      '--format',
      'html',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const o = await open('diff', r.stdout);
    const { page } = o;
    assert.deepEqual((await scriptTraces(page)).scripts, []);
    assert.deepEqual(await danglingLinks(page, 'a'), []);
    const moves = await page.locator('a.mv').count();
    assert.ok(moves >= 2 && moves % 2 === 0, `${moves} moved-paragraph links`);
    await screenshots(page, 'diff');
    assert.deepEqual(o.console, []);
    assert.deepEqual(o.pageErrors, []);
    assert.deepEqual(o.requests, [o.url]);
    await page.close();
  });
});
