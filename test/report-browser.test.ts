/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The HTML report in a real browser: Debian's headless Chromium (`/usr/bin/chromium`, installed
 * by .ci/run) driven by playwright-core opens the seed and hostile reports from file:// URLs and
 * sees no console error, no page error, no request but the document, no script run (the hostile
 * feed carries `<script>`, `<img onerror>`, `<svg onload>` and `javascript:` links), and takes
 * desktop, phone and print screenshots. Without Chromium the file fails under CI and is skipped
 * locally. Set `REPORT_SCREENSHOTS=dir` to keep the screenshots for reading by eye.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { analyzeHistory } from '../src/report/analyze-history.js';
import { renderReport } from '../src/report/render-report.js';
import { historyOf } from './helpers/report-golden.js';

const CHROMIUM = '/usr/bin/chromium';
const CI = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);
const missing = !existsSync(CHROMIUM);
const NOW = '2026-11-22T00:00:00Z';

const REPORTS = {
  seed: 'seed-openvz/openvz-dlezcano.contributions.atom.xml',
  hostile: 'cli-xss/hostile.contributions.atom.xml',
} as const;

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
    shots = process.env.REPORT_SCREENSHOTS ?? join(dir, 'shots');
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
        scripts: document.scripts.length,
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
    assert.deepEqual(traces.handlers, ['<a onclick>']);
    assert.ok(traces.urls.includes('javascript:alert(1)'));
    assert.ok(o.requests.includes('http://127.0.0.1:9/x.png'), o.requests.join(', '));
    await o.page.close();
  });

  for (const [name, feed] of Object.entries(REPORTS)) {
    it(`${name}: loads with no error and no request, runs nothing, renders on desktop, phone and print`, async () => {
      const report = analyzeHistory(historyOf(feed), { now: NOW });
      const html = renderReport(report, { format: 'html' });
      const o = await open(name, html);
      const { page } = o;
      assert.equal(await page.title(), 'Revision report');
      assert.ok((await page.locator('h1').textContent())?.includes('Revision report'));

      const traces = await scriptTraces(page);
      assert.equal(traces.pwned, undefined, `a script ran: ${String(traces.pwned)}`);
      assert.equal(traces.scripts, 0);
      assert.deepEqual(traces.handlers, []);
      assert.deepEqual(traces.urls, [], 'only in-page links');
      assert.equal(traces.embeds, 0);
      assert.ok(traces.anchors > 0, 'the report links its moved blocks and sections');

      if (name === 'hostile') {
        // The payloads are on the page as text, which is what the reader must see.
        const text = (await page.locator('body').textContent()) ?? '';
        assert.ok(text.includes('Sandbox <script>alert("title")</script>'));
        assert.ok(text.includes('Mallory<img src=x onerror=alert("user")>'));
        assert.ok(text.includes('javascript:alert('));
        // Clicking every link (in-page anchors) still runs nothing.
        for (const a of await page.locator('a').all()) await a.click({ timeout: 2000 });
        assert.equal((await scriptTraces(page)).pwned, undefined);
      }

      await page.screenshot({ path: join(shots, `${name}-desktop.png`), fullPage: true });
      const desktopWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(desktopWidth <= 1280, `no horizontal overflow on desktop (${desktopWidth}px)`);

      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: join(shots, `${name}-phone.png`), fullPage: true });
      const phoneWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(phoneWidth <= 390, `no horizontal overflow on a phone (${phoneWidth}px)`);

      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.evaluate(() => matchMedia('print').matches), true);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: join(shots, `${name}-print.png`), fullPage: true });

      for (const view of ['desktop', 'phone', 'print'])
        assertPng(join(shots, `${name}-${view}.png`));
      assert.deepEqual(o.console, []);
      assert.deepEqual(o.pageErrors, []);
      assert.deepEqual(o.dialogs, []);
      assert.deepEqual(o.requests, [o.url], 'the document is the only request');
      await page.close();
    });
  }
});
