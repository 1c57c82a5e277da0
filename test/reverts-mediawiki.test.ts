/**
 * Reverts made by a real MediaWiki 1.39 (test/helpers/mediawiki-wiki.ts, page
 * {@link REVERT_PAGE}): an undo and a rollback through the action API, with MediaWiki's own
 * summaries and tags, a manual restore, a blank-and-restore, an undo that MediaWiki had to
 * merge and a rollback of a revision-deleted user. The wiki's API is the ground truth: the
 * `mw-undo`/`mw-rollback`/`mw-manual-revert` tags say which revisions are reverts and of which
 * kind, the SHA-1s and parent ids say what each restores and reverts.
 *
 * Skipped (with the reason) where MediaWiki is not installed, except under CI=true where a
 * missing MediaWiki fails: .ci/run installs it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseFeed } from '../src/feed/parse-feed.js';
import type { Feed, Revert } from '../src/model.js';
import { buildHistory } from '../src/revisions/build-history.js';
import {
  mediawikiMissing,
  REVERT_PAGE,
  startWiki,
  type TestWiki,
  wikiPlan,
} from './helpers/mediawiki-wiki.js';

/** One revision as `prop=revisions` (formatversion=2) returns it. */
interface ApiRevision {
  readonly revid: number;
  readonly parentid: number;
  readonly user?: string;
  readonly userhidden?: boolean;
  readonly comment: string;
  readonly sha1: string;
  readonly tags: readonly string[];
}

/** The revert kind MediaWiki's own change tag gives a revision, or `null`. */
function taggedKind(r: ApiRevision): Revert['kind'] | null {
  if (r.tags.includes('mw-undo')) return 'undo';
  if (r.tags.includes('mw-rollback')) return 'rollback';
  if (r.tags.includes('mw-manual-revert')) return 'identity';
  return null;
}

const missing = mediawikiMissing();

if (missing !== null && process.env.CI === 'true') {
  it('MediaWiki is installed (required under CI; .ci/run installs it)', () => {
    assert.fail(missing);
  });
}

describe('reverts made by a real MediaWiki', { skip: missing ?? false, timeout: 180_000 }, () => {
  let wiki: TestWiki;
  /** The page's revisions from the API, oldest first. */
  let truth: readonly ApiRevision[] = [];
  let history: Feed;
  let historyRss: Feed;
  let contributions: Feed[] = [];

  async function get(url: string): Promise<string> {
    const answer = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    assert.equal(answer.status, 200, `GET ${url}`);
    return answer.text();
  }

  before(async () => {
    wiki = await startWiki();
    const query = new URLSearchParams({
      action: 'query',
      prop: 'revisions',
      titles: REVERT_PAGE,
      rvprop: 'ids|user|comment|sha1|tags',
      rvlimit: 'max',
      rvdir: 'newer',
      format: 'json',
      formatversion: '2',
    });
    const json = JSON.parse(await get(`${wiki.api}?${query}`)) as {
      continue?: unknown;
      query: { pages: { revisions: ApiRevision[] }[] };
    };
    assert.equal(json.continue, undefined);
    truth = json.query.pages[0]?.revisions ?? [];
    const feedUrl = (feed: string) =>
      `${wiki.index}?${new URLSearchParams({ title: REVERT_PAGE, action: 'history', feed, limit: '500' })}`;
    history = parseFeed(await get(feedUrl('atom')));
    historyRss = parseFeed(await get(feedUrl('rss')));
    contributions = [];
    for (const user of new Set(truth.flatMap((r) => r.user ?? []))) {
      const params = { action: 'feedcontributions', user, feedformat: 'atom', limit: '500' };
      contributions.push(parseFeed(await get(`${wiki.api}?${new URLSearchParams(params)}`)));
    }
  });

  after(async () => {
    await wiki?.stop();
  });

  /**
   * What the API proves of revision `i`'s revert: the newest revision before its parent with
   * the same SHA-1 (within MediaWiki's radius of 15) is restored, the ones between reverted.
   * A merged undo restores nothing: it reverts the revision its summary names.
   */
  function expected(i: number): Revert | null {
    const r = truth[i] as ApiRevision;
    const kind = taggedKind(r);
    if (kind === null) return null;
    for (let j = i - 2; j >= 0 && j >= i - 16; j--) {
      if (truth[j]?.sha1 === r.sha1) {
        const restores = truth[j]?.revid ?? null;
        return { kind, restores, reverted: truth.slice(j + 1, i).map((t) => t.revid) };
      }
    }
    assert.equal(kind, 'undo', `revision ${r.revid}: only an undo may restore no earlier text`);
    const undone = Number(/^Undo revision (\d+) by /.exec(r.comment)?.[1]);
    return { kind, restores: null, reverted: [undone] };
  }

  it('holds the reverts MediaWiki made, with its own summaries and tags', (t) => {
    const plan = wikiPlan();
    const madeBy = (kind: string) =>
      plan.flatMap((step, i) => (step.kind === kind ? [wiki.stepRevisions[i]] : []));
    const tagged = (tag: string) => truth.filter((r) => r.tags.includes(tag)).map((r) => r.revid);
    assert.deepEqual(tagged('mw-undo'), madeBy('undo'));
    assert.deepEqual(tagged('mw-rollback'), madeBy('rollback'));
    assert.equal(tagged('mw-manual-revert').length, 2, 'the manual restore and the un-blanking');
    assert.equal(tagged('mw-blank').length, 1);
    const summaries = truth.filter((r) => taggedKind(r) !== null).map((r) => r.comment);
    for (const s of summaries) t.diagnostic(`${s}`);
    // MediaWiki's English undo-summary, revertpage and revertpage-nouser, nothing typed here.
    assert.match(summaries[0] ?? '', /^Undo revision \d+ by \[\[Special:Contributions\/Борис\|/);
    assert.match(
      summaries[1] ?? '',
      /^Reverted edits by \[\[Special:Contributions\/Dan & O'Neil\|/,
    );
    assert.match(summaries.at(-1) ?? '', /^Reverted edits by a hidden user to last revision by /);
    // Every revision has its own timestamp: the fake clock advanced for the API's edits too.
    const times = history.entries.map((e) => e.timestamp);
    assert.equal(new Set(times).size, truth.length);
  });

  it('gives the restored and reverting revisions equal SHA-1s, the undone ones between', () => {
    for (const [i, r] of truth.entries()) {
      const want = expected(i);
      if (want === null || want.restores === null) continue;
      const restored = truth.find((t) => t.revid === want.restores);
      assert.equal(restored?.sha1, r.sha1, `revision ${r.revid}`);
      assert.notEqual(truth[i - 1]?.sha1, r.sha1, `revision ${r.revid} is no null revision`);
      // The API's parent chain runs through the reverted revisions without a gap.
      const chain = [want.restores, ...want.reverted, r.revid];
      for (let k = 1; k < chain.length; k++) {
        const child = truth.find((t) => t.revid === chain[k]);
        assert.equal(child?.parentid, chain[k - 1], `parent of ${chain[k]}`);
      }
    }
    // The undo MediaWiki merged restores no earlier text, and names the revision it undid.
    const merged = truth.filter(
      (r, i) => taggedKind(r) === 'undo' && expected(i)?.restores === null,
    );
    assert.equal(merged.length, 1);
  });

  const cases: readonly [string, () => Feed[]][] = [
    ['the Atom history feed and the contributions feeds', () => [history, ...contributions]],
    ['the Atom history feed alone (summaries with links rendered)', () => [history]],
    ['the RSS history feed alone', () => [historyRss]],
  ];
  for (const [name, feeds] of cases) {
    it(`finds each revert, and nothing else, from ${name}`, () => {
      const built = buildHistory(feeds());
      const page = built.pages.find((p) => p.title === REVERT_PAGE);
      assert.ok(page);
      assert.deepEqual(
        page.revisions.map((r) => r.id),
        truth.map((r) => r.revid),
      );
      const want = truth.map((_, i) => expected(i));
      assert.equal(want.filter((w) => w !== null).length, 6, 'six reverts on the page');
      assert.deepEqual(
        page.revisions.map((r) => [r.id, r.revert]),
        truth.map((r, i) => [r.revid, want[i]]),
      );
    });
  }

  it('from contributions feeds alone (no parents): kinds from the summaries, nothing guessed', () => {
    const built = buildHistory(contributions);
    const page = built.pages.find((p) => p.title === REVERT_PAGE);
    assert.ok(page);
    const hiddenUser = new Set(truth.filter((r) => r.userhidden === true).map((r) => r.revid));
    // A revision whose user is hidden is in no contributions feed.
    assert.deepEqual(
      page.revisions.map((r) => r.id),
      truth.map((r) => r.revid).filter((id) => !hiddenUser.has(id)),
    );
    for (const r of page.revisions) {
      const i = truth.findIndex((t) => t.revid === r.id);
      const kind = taggedKind(truth[i] as ApiRevision);
      const want = expected(i);
      if (kind === 'undo') {
        // The summary names the undone revision; what it restored takes the parent links.
        assert.deepEqual(r.revert, { kind, restores: null, reverted: want?.reverted }, `${r.id}`);
      } else if (kind === 'rollback') {
        assert.deepEqual(r.revert, { kind, restores: null, reverted: [] }, `${r.id}`);
      } else {
        // Identity reverts need proven parent links; contributions feeds have none.
        assert.equal(r.revert, null, `${r.id}`);
      }
    }
  });
});
