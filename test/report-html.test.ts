/**
 * The HTML report's parts: where the wiki is (`wikiLinksOf`, read from the corpus feeds' own
 * URLs), the links built from it, and the two-column diff (pairing, moves linked both ways,
 * folds, escaping) on a real corpus diff. The links are checked against a real MediaWiki in
 * report-links-mediawiki.test.ts; the whole document in Chromium in report-browser.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { diffText } from '../src/diff/diff-text.js';
import { parseFeed } from '../src/feed/parse-feed.js';
import type { Feed } from '../src/model.js';
import { analyzeHistory } from '../src/report/analyze-history.js';
import { sideBySideDiff } from '../src/report/html-diff.js';
import { htmlLinks } from '../src/report/html-links.js';
import { renderHtml } from '../src/report/render-html.js';
import { wikiLinksOf } from '../src/report/wiki-links.js';
import { CORPUS } from './helpers/corpus.js';
import { FIXTURES, historyOf } from './helpers/report-golden.js';

const feed = (path: string): Feed => parseFeed(readFileSync(join(FIXTURES, path)));
const ORACLE = 'mediawiki-oracle/feeds';
const WIKI = 'http://127.0.0.1:8089';

describe('wikiLinksOf: the wiki from its feeds', () => {
  it('contributions (Atom and RSS): the script from entry links, the article path from Special:Contributions/USER', () => {
    for (const f of ['carol-smith.atom.xml', 'carol-smith.rss.xml', 'dan-oneil.atom.xml']) {
      assert.deepEqual(wikiLinksOf([feed(`${ORACLE}/contributions/${f}`)]), {
        script: `${WIKI}/index.php`,
        articlePath: `${WIKI}/index.php/$1`,
      });
    }
  });

  it('a history feed shows only the script (its page is index.php?title=…&action=history)', () => {
    assert.deepEqual(wikiLinksOf([feed(`${ORACLE}/history/sandbox.atom.xml`)]), {
      script: `${WIKI}/index.php`,
      articlePath: null,
    });
  });

  it('new pages: the article path also from entry links naming the page (/index.php/Line_endings)', () => {
    const f = feed(`${ORACLE}/newpages/default.atom.xml`);
    assert.ok(f.entries.some((e) => e.url === `${WIKI}/index.php/Line_endings`));
    assert.equal(wikiLinksOf([f]).articlePath, `${WIKI}/index.php/$1`);
    assert.equal(
      wikiLinksOf([{ ...f, siteUrl: null }]).articlePath,
      `${WIKI}/index.php/$1`,
      'from the entries alone',
    );
  });

  it('the seed: short URLs at the root (https://wiki.openvz.org/Special:Contributions/Dlezcano)', () => {
    assert.deepEqual(wikiLinksOf([feed('seed-openvz/openvz-dlezcano.contributions.atom.xml')]), {
      script: 'https://wiki.openvz.org/index.php',
      articlePath: 'https://wiki.openvz.org/$1',
    });
  });

  it('reads only http(s) URLs of the first site; knows nothing from nothing', () => {
    const f = feed(`${ORACLE}/contributions/carol-smith.atom.xml`);
    const hostile = (url: string): Feed => ({
      ...f,
      siteUrl: url,
      entries: f.entries.map((e) => ({ ...e, url })),
    });
    assert.deepEqual(wikiLinksOf([hostile('javascript:alert(1)//index.php?title=x')]), {
      script: null,
      articlePath: null,
    });
    const other = wikiLinksOf([f, hostile('https://evil.example/index.php?title=X&diff=1')]);
    assert.equal(other.script, `${WIKI}/index.php`);
    assert.deepEqual(wikiLinksOf([]), { script: null, articlePath: null });
  });
});

describe('links to the wiki', () => {
  const both = htmlLinks({ script: `${WIKI}/w/index.php`, articlePath: `${WIKI}/wiki/$1` });
  const title = `Escapes & "Quotes" – Ünïcödé/sub page?x=1#y`;

  it('encodes titles as MediaWiki does (wfUrlencode: spaces as _, : / ( ) , kept)', () => {
    assert.equal(
      both.page(title),
      `${WIKI}/wiki/Escapes_%26_%22Quotes%22_%E2%80%93_%C3%9Cn%C3%AFc%C3%B6d%C3%A9/sub_page%3Fx%3D1%23y`,
    );
    assert.equal(both.user("Dan & O'Neil"), `${WIKI}/wiki/User:Dan_%26_O%27Neil`);
    assert.equal(both.contributions('A (b), c'), `${WIKI}/wiki/Special:Contributions/A_(b),_c`);
  });

  it('actions go through the script; with only an article path, a query is added to it', () => {
    assert.equal(both.permalink('Main Page', 5), `${WIKI}/w/index.php?title=Main_Page&oldid=5`);
    assert.equal(
      both.diff('Main Page', 5),
      `${WIKI}/w/index.php?title=Main_Page&diff=prev&oldid=5`,
    );
    assert.equal(both.compare('A', 3, 5), `${WIKI}/w/index.php?title=A&diff=5&oldid=3`);
    const article = htmlLinks({ script: null, articlePath: `${WIKI}/wiki/$1` });
    assert.equal(article.history('A b'), `${WIKI}/wiki/A_b?action=history`);
    const query = htmlLinks({ script: null, articlePath: `${WIKI}/index.php?title=$1` });
    assert.equal(query.permalink('A', 2), `${WIKI}/index.php?title=A&oldid=2`);
    const script = htmlLinks({ script: `${WIKI}/index.php`, articlePath: null });
    assert.equal(script.user('Alice'), `${WIKI}/index.php?title=User:Alice`);
  });

  it('gives no link where the wiki is unknown', () => {
    const none = htmlLinks(null);
    assert.equal(none.page('A'), null);
    assert.equal(none.diff('A', 1), null);
    assert.equal(none.contributions('A'), null);
  });
});

describe('two-column diff', () => {
  const wiki = (id: number) =>
    readFileSync(join(CORPUS, 'truth', 'wikitext', `${id}.wiki`), 'utf8');
  // Revision 9 of Sandbox moves the Geography section down and edits a line of it (reorder
  // sections); MediaWiki's own diff of 8→9 shows the moved paragraph.
  const d = diffText(wiki(8), wiki(9));
  const html = sideBySideDiff(d, 'x-');

  it('links each moved block to its other end, both ways', () => {
    assert.ok(d.moves.length > 0);
    for (const m of d.moves) {
      assert.match(html, new RegExp(`<a id="x-m${m.id}o" href="#x-m${m.id}n"`));
      assert.match(html, new RegExp(`<a id="x-m${m.id}n" href="#x-m${m.id}o"`));
    }
  });

  it('shows a line changed in place beside its old version, its words marked', () => {
    const a = diffText('one\ntwo three\nfour', 'one\ntwo 3\nfour\nfive');
    const t = sideBySideDiff(a, 'y-');
    assert.match(
      t,
      /<td class="ln">2<\/td><td class="mk del">−<\/td><td class="tx del">two <del>three<\/del><\/td><td class="ln">2<\/td><td class="mk add">\+<\/td><td class="tx add">two <ins>3<\/ins><\/td>/,
    );
    // An added line without a partner stands alone on the right.
    assert.match(
      t,
      /<td class="tx empty"><\/td><td class="ln">4<\/td><td class="mk add">\+<\/td><td class="tx add">five<\/td>/,
    );
    assert.match(t, /<td colspan="3">Line 1:<\/td><td colspan="3">Line 1:<\/td>/);
  });

  it('folds long unchanged stretches, escapes every text', () => {
    const old = Array.from({ length: 30 }, (_, k) => `line ${k} <b>&amp;`).join('\n');
    const changed = `${old.replace('line 0 ', 'LINE 0 ')}`.replace('line 29 ', 'LINE 29 ');
    const t = sideBySideDiff(diffText(old, changed, { context: 100 }), 'z-');
    assert.match(t, /<details><summary>22 unchanged lines<\/summary>/);
    assert.doesNotMatch(t, /<b>/);
    assert.ok(t.includes('line 5 &lt;b&gt;&amp;amp;'));
  });
});

describe('the timeline chart', () => {
  it('says when it shows only the periods with edits (a span past maxPeriods)', () => {
    const history = historyOf('seed-openvz/openvz-dlezcano.contributions.atom.xml');
    const caption = (maxPeriods: number) =>
      /<figcaption>Edits per [^<]*<\/figcaption>/.exec(
        renderHtml(analyzeHistory(history, { now: '2026-11-22T00:00:00Z', maxPeriods })),
      )?.[0];
    // Edits on 2008-07-18 and 2008-07-22: five days filled in, or two days side by side.
    assert.equal(
      caption(1000),
      '<figcaption>Edits per day (UTC); hover a bar for its numbers.</figcaption>',
    );
    assert.equal(
      caption(3),
      '<figcaption>Edits per day (UTC), only the 2 days with edits, side by side; hover a bar for its numbers.</figcaption>',
    );
  });
});

describe('the report without its script (for a frame that may run none)', () => {
  it('has no script and a CSP that allows none', () => {
    const report = analyzeHistory(historyOf('seed-openvz/openvz-dlezcano.contributions.atom.xml'));
    const html = renderHtml(report, { script: false });
    assert.doesNotMatch(html, /<script|script-src/);
    assert.match(html, /content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/);
    assert.match(renderHtml(report), /script-src 'sha256-[A-Za-z0-9+/]{43}='">/);
  });
});
