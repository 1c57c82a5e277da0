/**
 * The HTML report's links to the wiki, followed on a real MediaWiki 1.39
 * (test/helpers/mediawiki-wiki.ts): a report of its own contributions and history feeds links
 * every revision to its permanent link and its diff, every user to their user page and
 * contributions, every page to its history; each link is fetched and the page MediaWiki serves
 * is the one meant, read from its own `mw.config` (`wgRevisionId`, `wgDiffNewId`/`wgDiffOldId`
 * against the API's parent ids, `wgAction`, `wgCanonicalSpecialPageName`, `wgRelevantUserName`).
 *
 * Skipped (with the reason) where MediaWiki is not installed, except under CI=true.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseFeed } from '../src/feed/parse-feed.js';
import { fetchWikiLinks } from '../src/fetch/fetch-wiki-links.js';
import type { Feed } from '../src/model.js';
import { analyzeHistory } from '../src/report/analyze-history.js';
import type { HistoryReport } from '../src/report/history-report.js';
import { renderHtml } from '../src/report/render-html.js';
import { wikiLinksOf } from '../src/report/wiki-links.js';
import { buildHistory } from '../src/revisions/build-history.js';
import {
  mediawikiMissing,
  REVERT_PAGE,
  startWiki,
  type TestWiki,
  UNICODE_PAGE,
  WIKI_USERS,
} from './helpers/mediawiki-wiki.js';
import { runCli } from './helpers/run-cli.js';

const missing = mediawikiMissing();

if (missing !== null && process.env.CI === 'true') {
  it('MediaWiki is installed (required under CI; .ci/run installs it)', () => {
    assert.fail(missing);
  });
}

/** The `mw.config` values MediaWiki writes into every page it serves. */
function config(html: string, url: string, status: number): Record<string, unknown> {
  const m = /RLCONF=(\{.*?\});\s*RLSTATE/s.exec(html);
  assert.ok(m?.[1], `${url} (${status}) has its mw.config`);
  return JSON.parse(m[1]) as Record<string, unknown>;
}

describe('links to the wiki, followed on a real MediaWiki', {
  skip: missing ?? false,
  timeout: 180_000,
}, () => {
  let wiki: TestWiki;
  let feeds: Feed[];

  async function get(url: string): Promise<{ status: number; body: string }> {
    const answer = await fetch(url, { signal: AbortSignal.timeout(30_000), redirect: 'manual' });
    return { status: answer.status, body: await answer.text() };
  }

  before(async () => {
    wiki = await startWiki();
    const feedOf = async (url: string) => parseFeed((await get(url)).body);
    const contributions = [WIKI_USERS[0], WIKI_USERS[3]].map((user) =>
      feedOf(
        `${wiki.api}?${new URLSearchParams({ action: 'feedcontributions', user, feedformat: 'atom', limit: '500' })}`,
      ),
    );
    const history = [REVERT_PAGE, UNICODE_PAGE].map((title) =>
      feedOf(
        `${wiki.index}?${new URLSearchParams({ title, action: 'history', feed: 'rss', limit: '500' })}`,
      ),
    );
    feeds = await Promise.all([...contributions, ...history]);
  });

  after(() => wiki?.stop());

  it('reads the wiki from its feeds', () => {
    assert.deepEqual(wikiLinksOf(feeds), {
      script: wiki.index,
      articlePath: `${wiki.base}/index.php/$1`,
    });
  });

  /** Follows every link of `html` (the report of `report`) and checks where it lands. */
  async function checkLinks(
    report: HistoryReport,
    html: string,
  ): Promise<Record<'permalink' | 'diff' | 'history' | 'user' | 'contributions' | 'page', number>> {
    const links = [
      ...new Set(
        [...html.matchAll(/<a[^>]* href="(http[^"]*)"[^>]*>(.*?)<\/a>/g)].map((m) =>
          JSON.stringify([(m[1] ?? '').replaceAll('&amp;', '&'), m[2] ?? '']),
        ),
      ),
    ].map((s) => JSON.parse(s) as [string, string]);
    const revisions = report.pages.flatMap((p) => p.revisions);
    const parents = new Map<number, number>();
    const query = new URLSearchParams({
      action: 'query',
      prop: 'revisions',
      revids: revisions.map((r) => r.id).join('|'),
      rvprop: 'ids',
      format: 'json',
      formatversion: '2',
    });
    const api = JSON.parse((await get(`${wiki.api}?${query}`)).body) as {
      query: { pages: { revisions: { revid: number; parentid: number }[] }[] };
    };
    for (const p of api.query.pages) for (const r of p.revisions) parents.set(r.revid, r.parentid);
    const seen = { permalink: 0, diff: 0, history: 0, user: 0, contributions: 0, page: 0 };
    assert.ok(links.length > 0, 'the report links to the wiki');
    for (const [url, text] of links) {
      const { status, body } = await get(url);
      const c = config(body, url, status);
      const id = /[?&]oldid=(\d+)/.exec(url)?.[1];
      if (url.includes('diff=prev')) {
        assert.equal(status, 200, url);
        assert.equal(c.wgDiffNewId, Number(id), url);
        // A first revision not known as one (a contributions feed gives no parents): MediaWiki
        // shows it alone, as for its own `diff=prev` of a creation.
        const parent = parents.get(Number(id));
        assert.equal(c.wgDiffOldId, parent === 0 ? false : parent, url);
        seen.diff++;
      } else if (id !== undefined) {
        assert.equal(status, 200, url);
        assert.equal(c.wgRevisionId, Number(id), url);
        assert.equal(text, `r${id}`);
        seen.permalink++;
      } else if (url.endsWith('&action=history')) {
        assert.equal(status, 200, url);
        assert.equal(c.wgAction, 'history', url);
        assert.ok(
          report.pages.some((p) => p.title === c.wgPageName?.toString().replace(/_/g, ' ')),
        );
        seen.history++;
      } else if (c.wgCanonicalSpecialPageName === 'Contributions') {
        assert.equal(status, 200, url);
        assert.ok(
          report.users.some((u) => u.user === c.wgRelevantUserName),
          url,
        );
        seen.contributions++;
      } else if (c.wgCanonicalNamespace === 'User') {
        // A user page nobody wrote is a 404 with the "no such page" text: still that user's page.
        assert.ok(status === 200 || status === 404, `${url}: ${status}`);
        assert.ok(
          report.users.some((u) => u.user === c.wgRelevantUserName),
          url,
        );
        seen.user++;
      } else {
        assert.equal(status, 200, url);
        assert.ok(
          report.pages.some(
            (p) => p.title === c.wgTitle || p.title === `${c.wgCanonicalNamespace}:${c.wgTitle}`,
          ),
          url,
        );
        seen.page++;
      }
    }
    assert.equal(seen.permalink, revisions.length);
    assert.equal(seen.diff, revisions.filter((r) => !r.created).length);
    assert.equal(seen.history, report.pages.length);
    assert.equal(seen.page, report.pages.length);
    return seen;
  }

  it('every link of the report leads to the page it names', async () => {
    const report = analyzeHistory(buildHistory(feeds));
    const seen = await checkLinks(report, renderHtml(report, { wiki: wikiLinksOf(feeds) }));
    assert.ok(
      seen.user >= WIKI_USERS.length - 2 && seen.contributions === seen.user,
      JSON.stringify(seen),
    );
  });

  it('the API says the same as the feeds (meta=siteinfo)', async () => {
    assert.deepEqual(await fetchWikiLinks(wiki.api), wikiLinksOf(feeds));
  });

  it('report --api (revisions carry no URL): every link from siteinfo leads where it should', async () => {
    const apiReport = (format: string) =>
      runCli([
        'report',
        '--api',
        wiki.api,
        '--page',
        REVERT_PAGE,
        '--page',
        UNICODE_PAGE,
        '--format',
        format,
      ]);
    const r = await apiReport('html');
    assert.equal(r.code, 0, r.stderr);
    const json = await apiReport('json');
    const report = JSON.parse(json.stdout) as HistoryReport;
    const seen = await checkLinks(report, r.stdout);
    assert.ok(seen.permalink > 0 && seen.user > 0 && seen.contributions === seen.user);
  });
});
