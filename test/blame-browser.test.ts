/// <reference lib="dom" />
/**
 * `wikirev blame --format html` and the report's Authorship chart in a real browser: Debian's
 * headless Chromium driven by playwright-core (as test/report-browser.test.ts). The blame page
 * of the real MediaWiki dump's "History/Long page" (36 revisions, 4 editors in its text)
 * loads with no console error, no request but the document, no script; every character of the
 * text is shown once, in the order of the text, and each coloured run's hover names the same
 * revision, user and date as `--format json` for its tokens. Screenshots go to test-output/
 * (or $TEST_OUTPUT) for reading by eye. Without Chromium the file fails under CI and is skipped
 * locally.
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
import { runCli } from './helpers/run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const CI = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);
const missing = !existsSync(CHROMIUM);
const ROOT = join(import.meta.dirname, '..');
const OUTPUT = join(process.env.TEST_OUTPUT ?? join(ROOT, 'test-output'), 'blame-browser');
const DUMP = 'fixtures/dump-mediawiki-1.39/full-0.11.xml.bz2';
const PAGE = 'History/Long page';

interface JsonBlame {
  readonly text: string;
  readonly tokens: readonly {
    start: number;
    end: number;
    originRevisionId: number;
    originUser: string | null;
    originTimestamp: string | null;
  }[];
}

describe('blame HTML in headless Chromium', {
  skip:
    missing && !CI ? `${CHROMIUM} is missing (apt-get install chromium); CI requires it` : false,
}, () => {
  let context: BrowserContext;
  let dir: string;

  before(async () => {
    if (missing) throw new Error(`${CHROMIUM} is missing: CI requires it`);
    dir = mkdtempSync(join(tmpdir(), 'wikirev-blame-'));
    mkdirSync(OUTPUT, { recursive: true });
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      viewport: { width: 1280, height: 900 },
    });
  });

  after(async () => {
    await context?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a file and records console messages, page errors and requests. */
  async function open(path: string) {
    const page: Page = await context.newPage();
    const seen = { console: [] as string[], errors: [] as string[], requests: [] as string[] };
    page.on('console', (m) => seen.console.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (err) => seen.errors.push(err.message));
    page.on('request', (r) => seen.requests.push(r.url()));
    const url = pathToFileURL(path).href;
    await page.goto(url, { waitUntil: 'load' });
    return { page, url, ...seen };
  }

  it('blame of a dump page: tokens coloured by editor, hover as in JSON, no script, no request', async () => {
    const file = join(dir, 'blame.html');
    const html = await runCli(['blame', DUMP, '--page', PAGE, '--format', 'html']);
    assert.equal(html.code, 0, html.stderr);
    writeFileSync(file, html.stdout);
    const json = await runCli(['blame', DUMP, '--page', PAGE, '--format', 'json']);
    const blame = JSON.parse(json.stdout) as JsonBlame;
    const o = await open(file);
    const runs = await o.page.evaluate(() =>
      [...document.querySelectorAll('pre.blame > span')].map((s) => ({
        text: s.textContent ?? '',
        title: s.getAttribute('title') ?? '',
        background: getComputedStyle(s).backgroundColor,
      })),
    );
    const shown = await o.page.evaluate(() => document.querySelector('pre.blame')!.textContent);
    assert.equal(shown, blame.text, 'the text is shown exactly, once');
    // Each token lies in the run whose hover names its origin revision, user and date.
    let at = 0;
    let run = -1;
    let runEnd = 0;
    const starts = runs.map((r) => {
      const s = blame.text.indexOf(r.text, at);
      at = s + r.text.length;
      return s;
    });
    for (const t of blame.tokens) {
      while (runEnd <= t.start) {
        run++;
        runEnd = starts[run]! + runs[run]!.text.length;
      }
      assert.ok(starts[run]! <= t.start && t.end <= runEnd, `token at ${t.start} is in a run`);
      const date = t.originTimestamp!.slice(0, 16).replace('T', ' ');
      assert.match(runs[run]!.title, new RegExp(`^r${t.originRevisionId} · `));
      assert.ok(runs[run]!.title.includes(t.originUser ?? '(hidden)'), runs[run]!.title);
      assert.ok(runs[run]!.title.endsWith(date), `${runs[run]!.title} ends with ${date}`);
    }
    // Two editors' runs never share a colour; one editor's runs always do.
    const colour = new Map<string, string>();
    for (const r of runs) {
      const user = r.title.split(' · ')[1]!;
      assert.equal(colour.get(user) ?? r.background, r.background);
      colour.set(user, r.background);
    }
    assert.equal(new Set(colour.values()).size, colour.size);
    assert.ok(colour.size >= 3, `several editors (${colour.size})`);
    assert.equal(await o.page.evaluate(() => document.scripts.length), 0);
    await o.page.screenshot({ path: join(OUTPUT, 'blame-desktop.png'), fullPage: true });
    await o.page.setViewportSize({ width: 390, height: 844 });
    await o.page.screenshot({ path: join(OUTPUT, 'blame-phone.png'), fullPage: true });
    const width = await o.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no horizontal overflow on a phone (${width}px)`);
    assert.ok(readFileSync(join(OUTPUT, 'blame-desktop.png')).length > 1000);
    assert.deepEqual(o.console, []);
    assert.deepEqual(o.errors, []);
    assert.deepEqual(o.requests, [o.url], 'the document is the only request');
    await o.page.close();
  });

  it("the report's Authorship chart: one bar per editor, widths in proportion to the shares", async () => {
    const report = analyzeHistory(
      historyOf('mediawiki-oracle/feeds/history/sandbox.limit500.atom.xml'),
      { diffs: false },
    );
    const file = join(dir, 'report.html');
    writeFileSync(file, renderReport(report, { format: 'html' }));
    const o = await open(file);
    const editors = report.pages[0]!.authorship!.editors;
    const bars = await o.page.evaluate(() =>
      [...document.querySelectorAll('svg.authorship g')].map((g) => ({
        title: g.querySelector('title')!.textContent!,
        width: g.querySelectorAll('rect')[1]!.getBoundingClientRect().width,
      })),
    );
    assert.equal(bars.length, editors.length);
    for (const [k, e] of editors.entries()) {
      assert.ok(bars[k]!.title.startsWith(`${e.user}: `), bars[k]!.title);
      const ratio = bars[k]!.width / bars[0]!.width;
      assert.ok(Math.abs(ratio - e.share / editors[0]!.share) < 0.02, `${e.user}: ${ratio}`);
    }
    await o.page.locator('section.authorship').screenshot({
      path: join(OUTPUT, 'report-authorship.png'),
    });
    assert.deepEqual(o.console, []);
    assert.deepEqual(o.errors, []);
    assert.deepEqual(o.requests, [o.url]);
    await o.page.close();
  });
});
