/**
 * Feed content is text, never markup: the HTML and Markdown reports of a feed whose title, user,
 * summaries and wikitext carry `<script>`, `<img onerror>`, `<svg onload>`, `<iframe>`,
 * `javascript:` links and a `</style>` breakout show it all escaped (fixtures/cli-xss/).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeHistory } from '../src/report/analyze-history.js';
import { escapeHtml } from '../src/report/escape-html.js';
import { renderReport } from '../src/report/render-report.js';
import { historyOf } from './helpers/report-golden.js';

const HOSTILE = 'cli-xss/hostile.contributions.atom.xml';
const report = analyzeHistory(historyOf(HOSTILE));

/** Elements the HTML report itself writes; anything else would come from feed content. */
const OWN_TAGS = new Set(
  'html head meta title style body h1 h2 h3 h4 p span time svg g rect text table thead tbody tr th td ul li a blockquote section ins del i code div'.split(
    ' ',
  ),
);

describe('HTML report escaping', () => {
  const html = renderReport(report, { format: 'html' });

  it('reads the hostile feed as data (the test input is what it claims)', () => {
    const rev = report.pages[0]?.revisions[1];
    assert.equal(report.pages[0]?.title, 'Sandbox <script>alert("title")</script>');
    assert.equal(rev?.user, 'Mallory<img src=x onerror=alert("user")>');
    assert.match(rev?.comment ?? '', /<script>alert\("comment"\)<\/script>/);
    assert.ok(rev?.diff?.hunks.some((h) => h.lines.some((l) => l.text.includes('<svg onload'))));
  });

  it('writes only its own elements, no event handler, no script, no external URL', () => {
    const tags = [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]?.toLowerCase());
    assert.deepEqual(
      tags.filter((t) => t === undefined || !OWN_TAGS.has(t)),
      [],
    );
    assert.doesNotMatch(html, /<script|<img|<iframe|<svg onload/i);
    for (const m of html.matchAll(/<[^>]*>/g)) {
      assert.doesNotMatch(m[0], /\son[a-z]+\s*=/i, `event handler in ${m[0]}`);
      assert.doesNotMatch(m[0], /javascript:/i, `javascript: URL in ${m[0]}`);
    }
    for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      assert.match(m[1] ?? '', /^#/, 'only in-page links');
    }
    // The one <style> element is ours: a `</style>` in the feed did not close it early.
    assert.equal(html.match(/<\/style>/g)?.length, 1);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });

  it('shows the hostile text escaped', () => {
    assert.ok(html.includes(escapeHtml('<script>alert("comment")</script>')));
    assert.ok(html.includes(escapeHtml('Mallory<img src=x onerror=alert("user")>')));
    assert.ok(html.includes('&lt;/style&gt;&lt;script&gt;alert(5)&lt;/script&gt;'));
  });

  it('escapes the five HTML characters', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&</a>`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('Markdown report escaping', () => {
  const md = renderReport(report, { format: 'markdown' });

  it('has no raw HTML or link outside diff fences, except its own anchors', () => {
    const prose = md.replace(/^(`{3,})diff\n[\s\S]*?^\1$/gm, '');
    const raw = [...prose.matchAll(/(?<!\\)<([a-zA-Z/][^>]*)>/g)].map((m) => m[0]);
    assert.ok(raw.length > 0);
    assert.deepEqual(
      raw.filter((t) => !/^<a id="r\d+">$/.test(t) && t !== '</a>'),
      [],
    );
    assert.doesNotMatch(prose, /(?<!\\)\]\(javascript:/);
    assert.ok(prose.includes('\\<script\\>alert("comment")\\</script\\>'));
  });

  it('keeps the feed text literal inside diff fences', () => {
    assert.ok(md.includes('+<svg onload=alert(4)></svg>'));
  });
});
