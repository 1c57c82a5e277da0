/**
 * The report's Authorship part (`authorshipReport`, rendered in Markdown, HTML and JSON) and
 * the blame page (`renderBlameHtml`), on the MediaWiki corpus's feeds and on hostile names.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blame } from '../src/authorship/blame.js';
import { analyzeHistory } from '../src/report/analyze-history.js';
import { renderBlameHtml } from '../src/report/authorship-blame-html.js';
import { authorshipReport } from '../src/report/authorship-report.js';
import { renderReport } from '../src/report/render-report.js';
import { historyOf } from './helpers/report-golden.js';

const SANDBOX = 'mediawiki-oracle/feeds/history/sandbox.limit500.atom.xml';
const CAROL = 'mediawiki-oracle/feeds/contributions/carol-smith.limit500.atom.xml';

describe('authorshipReport', () => {
  it("a whole history: each editor's tokens are those blame gives them; added = surviving + removed", () => {
    const history = historyOf(SANDBOX);
    const page = history.pages[0]!;
    const a = analyzeHistory(history, { diffs: false }).pages[0]!.authorship!;
    const b = blame(page.revisions)!;
    assert.equal(a.revisionId, b.revisionId);
    assert.equal(a.tokens, b.tokens.length);
    assert.equal(a.beforeHistory, null, 'the feed starts with the creation');
    const counts = new Map<string | null, number>();
    for (const t of b.tokens) counts.set(t.originUser, (counts.get(t.originUser) ?? 0) + 1);
    assert.deepEqual(new Map(a.editors.map((e) => [e.user, e.tokens])), counts);
    for (const e of a.editors) assert.equal(e.added, e.surviving + e.removed, String(e.user));
    assert.ok(
      a.editors.some((e) => e.removed > 0),
      'some tokens were removed',
    );
    const shares = a.editors.reduce((n, e) => n + e.share, 0);
    assert.ok(Math.abs(shares - 1) < 1e-9);
    // Largest share first.
    for (let k = 1; k < a.editors.length; k++) {
      assert.ok(a.editors[k - 1]!.characters >= a.editors[k]!.characters);
    }
  });

  it("a user's contributions: text from before the known history is not credited to its editor", () => {
    const report = analyzeHistory(historyOf(CAROL), { diffs: false });
    const parts = report.pages.flatMap((p) => (p.authorship === null ? [] : [p.authorship]));
    assert.ok(parts.length > 0);
    for (const a of parts) {
      assert.notEqual(a.beforeHistory, null);
      const credited = a.editors.reduce((n, e) => n + e.tokens, 0);
      assert.equal(credited + a.beforeHistory!.tokens, a.tokens);
    }
  });

  it('counts revisions without a text and flagged ones; null without any text', () => {
    const a = authorshipReport([
      { id: 1, user: 'Ann', text: 'Rivers flow north.', parentId: null, parentKnown: true },
      { id: 2, user: 'Bob', text: null },
      { id: 3, user: 'Cat', text: 'Rivers flow north. Seas do not.' },
    ])!;
    assert.equal(a.revisionsWithoutText, 1);
    assert.equal(a.revisionsAttributed, 2);
    assert.deepEqual(
      a.editors.map((e) => [e.user, e.tokens]),
      [
        ['Ann', 4],
        ['Cat', 4],
      ],
    );
    assert.equal(authorshipReport([{ id: 1, text: null }]), null);
  });

  it('is in the Markdown, HTML and JSON reports, names escaped', () => {
    const history = historyOf('cli-xss/hostile.contributions.atom.xml');
    const report = analyzeHistory(history, { diffs: false });
    const md = renderReport(report, { format: 'markdown' });
    const html = renderReport(report, { format: 'html' });
    const json = JSON.parse(renderReport(report, { format: 'json' })) as typeof report;
    const withText = report.pages.filter((p) => p.authorship !== null);
    assert.ok(withText.length > 0);
    assert.equal(md.split('#### Authorship').length - 1, withText.length);
    assert.equal(html.split('<h4>Authorship</h4>').length - 1, withText.length);
    assert.deepEqual(
      json.pages.map((p) => p.authorship),
      report.pages.map((p) => p.authorship),
    );
    assert.ok(!/<img[^>]*onerror/i.test(html.replace(/&lt;img/g, '')), 'no live <img> in HTML');
  });
});

describe('renderBlameHtml', () => {
  it('escapes text and names, keeps the text exact, one colour per editor', () => {
    const b = blame([
      { id: 1, user: '<img src=x onerror=alert(1)>', text: 'A <b>bold</b> & "quoted" river.' },
      { id: 2, user: 'Bob\u202e', text: 'A <b>bold</b> & "quoted" river. <script>x()</script>' },
    ])!;
    const html = renderBlameHtml(b, { title: '<Sandbox>' });
    assert.ok(!html.includes('<img'), 'no raw <img>');
    assert.ok(!html.includes('<script>x'), 'no raw <script>');
    assert.ok(html.includes('&lt;Sandbox&gt;'));
    const pre = html.slice(html.indexOf('<pre class="blame">'), html.indexOf('</pre>'));
    const shown = pre
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    assert.equal(shown, b.text);
    assert.equal(new Set(pre.match(/class="e\d+"/g)).size, 2);
    // The user's right-to-left override is closed and isolated, so it cannot turn the date.
    assert.match(html, /title="r2 · \u2068Bob\u202e[^"]*\u2069 · unknown time"/);
  });
});
