/**
 * Against a real MediaWiki 1.39 (Debian `mediawiki`, SQLite, `php -S` on 127.0.0.1) started by
 * test/helpers/mediawiki-wiki.ts: the wiki's own API, asked for everything in one go, is the
 * ground truth for what the library reads from that wiki's feeds.
 *
 * Skipped (with the reason) where MediaWiki is not installed, except under CI=true where a
 * missing MediaWiki fails: .ci/run installs it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from '../src/errors.js';
import { parseFeed } from '../src/feed/parse-feed.js';
import {
  FetchError,
  fetchContributions,
  fetchFeed,
  fetchRevisions,
  type RevisionsQuery,
  revisionsToFeed,
} from '../src/fetch.js';
import type { Feed, History, Revision } from '../src/model.js';
import { buildHistory } from '../src/revisions/build-history.js';
import {
  DECOMPOSED_PAGE,
  IP_PAGE,
  LONG_PAGE,
  LONG_PAGE_REVISIONS,
  MOVED_TO,
  mediawikiMissing,
  startWiki,
  type TestWiki,
  UNICODE_PAGE,
  wikiPlan,
} from './helpers/mediawiki-wiki.js';

/** One revision as `prop=revisions` (formatversion=2) returns it. */
interface ApiRevision {
  readonly revid: number;
  readonly parentid: number;
  readonly user?: string;
  readonly anon?: boolean;
  readonly timestamp: string;
  readonly comment?: string;
  readonly size: number;
  readonly sha1?: string;
  readonly userhidden?: boolean;
  readonly commenthidden?: boolean;
  readonly sha1hidden?: boolean;
  readonly slots?: { readonly main?: { readonly content?: string; readonly texthidden?: boolean } };
}

/** What anyone without special rights may know of a revision: revision-deleted fields are null. */
interface Visible {
  readonly text: string | null;
  readonly sha1: string | null;
  readonly size: number | null;
  readonly user: string | null;
  readonly comment: string | null;
}

function visible(r: ApiRevision): Visible {
  const textHidden = r.slots?.main?.texthidden === true;
  const text = r.slots?.main?.content;
  assert.ok(textHidden || typeof text === 'string', `text of revision ${r.revid}`);
  return {
    text: textHidden ? null : (text as string),
    sha1: textHidden || r.sha1hidden === true ? null : (r.sha1 ?? null),
    // A hidden text's size is still given (MediaWiki's history shows it).
    size: r.size,
    user: r.userhidden === true ? null : (r.user ?? null),
    // An empty summary is '' on both sides; a hidden one is null.
    comment: r.commenthidden === true ? null : (r.comment ?? ''),
  };
}

/** One row of `list=usercontribs`. */
interface UserContrib {
  readonly revid: number;
  readonly title: string;
  readonly timestamp: string;
}

interface ApiPage {
  readonly title: string;
  /** Oldest first. */
  readonly revisions: readonly ApiRevision[];
}

/**
 * What feeds can show of a summary: wiki links flattened by MediaWiki's own regex (FORMAT.md
 * §6.1), so `[[Old name]]` reads `Old name`. An empty summary is `''` on both sides.
 */
const feedComment = (comment: string): string =>
  comment.replace(/\[\[([^\]]*\|)?([^\]]+)\]\]/g, '$2');

const missing = mediawikiMissing();

if (missing !== null && process.env.CI === 'true') {
  it('MediaWiki is installed (required under CI; .ci/run installs it)', () => {
    assert.fail(missing);
  });
}

// A bound on the whole suite (it takes ~5 s): a wedged server fails the run instead of
// stalling it.
describe('a real MediaWiki started by the test', {
  skip: missing ?? false,
  timeout: 180_000,
}, () => {
  let wiki: TestWiki;
  let pages: readonly ApiPage[] = [];
  /** Every page's history feed and every user's contributions feed (limit=500). */
  let feeds: Feed[] = [];
  let users: string[] = [];

  async function get(url: string): Promise<string> {
    const answer = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    assert.equal(answer.status, 200, `GET ${url}`);
    return answer.text();
  }

  async function api<T>(params: Record<string, string>): Promise<T> {
    const query = new URLSearchParams({ ...params, format: 'json', formatversion: '2' });
    const json = JSON.parse(await get(`${wiki.api}?${query}`)) as T & { error?: unknown };
    assert.equal(json.error, undefined, `API error for ${query}`);
    return json;
  }

  /** Every revision of a page with its text, in one request (asserted: no `continue`). */
  async function oneGo(title: string): Promise<ApiPage> {
    const json = await api<{
      continue?: unknown;
      query: { pages: { title: string; revisions: ApiRevision[] }[] };
    }>({
      action: 'query',
      prop: 'revisions',
      titles: title,
      rvprop: 'ids|timestamp|user|comment|size|sha1|content',
      rvslots: 'main',
      rvlimit: 'max',
      rvdir: 'newer',
    });
    assert.equal(json.continue, undefined, `${title}: the API answered in one go`);
    const page = json.query.pages[0];
    assert.ok(page, title);
    return { title: page.title, revisions: page.revisions };
  }

  /** The revisions whose diagnostics are expected: revision id → the codes it may get. */
  const expectedDiagnostics = (): Map<number, readonly string[]> => {
    const map = new Map<number, readonly string[]>();
    for (const page of pages) {
      for (const r of page.revisions) {
        // Diff tables show lines NFC-normalized, so a context line of a stored non-NFC text
        // does not match it: the library says so (a warning) and keeps the feed's full text.
        if (page.title === DECOMPOSED_PAGE) map.set(r.revid, ['HISTORY_DIFF_MISMATCH']);
        // A contributions feed shows a hidden text as an empty one (FORMAT.md §8).
        if (r.slots?.main?.texthidden === true) map.set(r.revid, ['HISTORY_TEXT_AMBIGUOUS']);
      }
    }
    return map;
  };

  /** History diagnostics that are not among the expected ones. */
  const unexpected = (history: History) => {
    const expected = expectedDiagnostics();
    return history.diagnostics.filter(
      (d) => !(expected.get(d.revisionId ?? 0) ?? []).includes(d.code),
    );
  };

  before(async () => {
    wiki = await startWiki();
    const titles: string[] = [];
    for (const namespace of ['0', '1']) {
      const json = await api<{ query: { allpages: { title: string }[] } }>({
        action: 'query',
        list: 'allpages',
        apnamespace: namespace,
        aplimit: 'max',
      });
      titles.push(...json.query.allpages.map((p) => p.title));
    }
    pages = await Promise.all(titles.map(oneGo));
    users = [...new Set(pages.flatMap((p) => p.revisions.flatMap((r) => r.user ?? [])))];
    const urls = [
      ...pages.map(
        (p) =>
          `${wiki.index}?${new URLSearchParams({ title: p.title, action: 'history', feed: 'atom', limit: '500' })}`,
      ),
      ...users.map(
        (user) =>
          `${wiki.api}?${new URLSearchParams({ action: 'feedcontributions', user, feedformat: 'atom', limit: '500' })}`,
      ),
    ];
    feeds = [];
    // One request at a time: `php -S` serves one request at a time anyway.
    for (const url of urls) feeds.push(parseFeed(await get(url)));
  });

  after(async () => {
    await wiki?.stop();
  });

  it('starts a fresh, populated wiki', (t) => {
    t.diagnostic(`setup ms: ${JSON.stringify(wiki.timings)}`);
    const titles = pages.map((p) => p.title);
    for (const title of [
      LONG_PAGE,
      UNICODE_PAGE,
      MOVED_TO,
      'Old name',
      'Sandbox',
      'Talk:Sandbox',
    ]) {
      assert.ok(titles.includes(title), `${title} exists`);
    }
    const long = pages.find((p) => p.title === LONG_PAGE);
    assert.equal(long?.revisions.length, LONG_PAGE_REVISIONS);
    const users = new Set(pages.flatMap((p) => p.revisions.map((r) => r.user)));
    assert.ok(users.has('127.0.0.1'), 'one revision by an IP');
  });

  describe('its feeds, read by parseFeed and merged by buildHistory', () => {
    let history: History;
    /** The summary each edit of the plan was saved with, by revision id. */
    const stored = new Map<number, string>();

    before(() => {
      for (const [i, step] of wikiPlan().entries()) {
        const id = wiki.stepRevisions[i];
        if (step.kind === 'edit' && typeof id === 'number') stored.set(id, step.summary);
      }
      history = buildHistory(feeds);
    });

    it('parses every feed and merges them with only the expected diagnostics', () => {
      // The only feed diagnostic: a revision-deleted comment the history feed prints anyway.
      for (const feed of feeds) {
        const codes = feed.diagnostics
          .map((d) => d.code)
          .filter((c) => c !== 'ENTRY_COMMENT_HIDDEN');
        assert.deepEqual(codes, [], feed.title);
      }
      assert.deepEqual(unexpected(history), []);
      const codes = new Set(history.diagnostics.map((d) => d.code));
      assert.deepEqual([...codes].sort(), ['HISTORY_DIFF_MISMATCH', 'HISTORY_TEXT_AMBIGUOUS']);
    });

    it('gives every page exactly the revisions, parents, texts and sha1 of its API', () => {
      for (const truth of pages) {
        const page = history.pages.find((p) => p.title === truth.title);
        assert.ok(page, `${truth.title} is in the history`);
        assert.deepEqual(
          page.revisions.map((r) => r.id),
          truth.revisions.map((r) => r.revid),
          `${truth.title}: revision ids, oldest first`,
        );
        for (const [i, r] of page.revisions.entries()) {
          const api = truth.revisions[i] as ApiRevision;
          const at = `${truth.title} revision ${r.id}`;
          assert.equal(r.parentKnown, true, `${at}: parent known`);
          assert.equal(r.parentId, api.parentid === 0 ? null : api.parentid, `${at}: parent`);
          const want = visible(api);
          if (truth.title === DECOMPOSED_PAGE) {
            // The API answers texts NFC-normalized; the feeds carry the stored bytes, which
            // the sha1 below (of the stored bytes) proves.
            assert.notEqual(r.text, want.text, `${at}: the stored text is not NFC`);
            assert.equal(r.text?.normalize('NFC'), want.text, `${at}: text`);
          } else {
            assert.equal(r.text, want.text, `${at}: text`);
          }
          assert.equal(r.sha1, want.sha1, `${at}: sha1`);
          // Feeds give no size for a text they do not hold.
          const size = want.text === null ? null : want.size;
          if (truth.title !== DECOMPOSED_PAGE) assert.equal(r.size, size, `${at}: size`);
          assert.equal(r.timestamp, api.timestamp, `${at}: timestamp`);
          assert.equal(r.user, want.user, `${at}: user`);
          if (api.commenthidden === true) {
            // The history feed prints a revision-deleted comment anyway (a MediaWiki bug,
            // FORMAT.md §8); its entry title leaves it out, and parseFeed withholds it.
            const leaked = stored.get(r.id);
            assert.ok(leaked, `${at}: the plan's summary`);
            assert.ok(r.comment === null || r.comment === '', `${at}: hidden comment withheld`);
          } else {
            assert.equal(r.comment ?? '', feedComment(want.comment ?? ''), `${at}: comment`);
          }
        }
      }
    });

    it('detects the identity revert on the long page', () => {
      const long = history.pages.find((p) => p.title === LONG_PAGE);
      const truth = pages.find((p) => p.title === LONG_PAGE);
      assert.ok(long && truth);
      // Revision 30 of the plan restores revision 28's text (same sha1 in the API).
      const api30 = truth.revisions[29] as ApiRevision;
      const api28 = truth.revisions[27] as ApiRevision;
      assert.equal(api30.sha1, api28.sha1);
      const reverted = long.revisions.find((r: Revision) => r.id === api30.revid);
      assert.equal(reverted?.revert?.kind, 'identity');
      assert.equal(reverted?.revert?.restores, api28.revid);
    });
  });
  describe('fetched through wikirev/fetch', () => {
    const fetched = new Map<string, Revision[]>();

    async function collect(iterable: AsyncIterable<Revision>): Promise<Revision[]> {
      const out: Revision[] = [];
      for await (const revision of iterable) out.push(revision);
      return out;
    }

    /** A fetched revision against the API's one-go answer for it, field by field. */
    function assertSame(r: Revision, truth: ApiRevision, title: string): void {
      const at = `${title} revision ${r.id}`;
      assert.equal(r.id, truth.revid, at);
      assert.equal(r.pageTitle, title, `${at}: title`);
      assert.equal(r.parentKnown, true, `${at}: parent known`);
      assert.equal(r.parentId, truth.parentid === 0 ? null : truth.parentid, `${at}: parent`);
      const want = visible(truth);
      if (title === DECOMPOSED_PAGE) {
        // The API answers the text NFC-normalized; the stored bytes (not NFC) come from
        // action=raw, and their sha1 and size are the API's.
        assert.notEqual(r.text, want.text, `${at}: the stored text is not NFC`);
        assert.equal(r.text?.normalize('NFC'), want.text, `${at}: text`);
      } else {
        assert.equal(r.text, want.text, `${at}: text`);
      }
      assert.equal(r.textOrigin, want.text === null ? null : 'api', `${at}: text origin`);
      assert.equal(r.sha1, want.sha1, `${at}: sha1`);
      assert.equal(r.size, want.size, `${at}: size`);
      assert.equal(r.timestamp, truth.timestamp, `${at}: timestamp`);
      assert.equal(r.user, want.user, `${at}: user`);
      assert.equal(r.comment, want.comment, `${at}: comment`);
    }

    before(async () => {
      for (const page of pages) {
        fetched.set(
          page.title,
          await collect(fetchRevisions({ api: wiki.api, title: page.title })),
        );
      }
    });

    it("gives every page's whole history, equal to the API's one-go answer", () => {
      assert.equal(fetched.size, pages.length);
      for (const truth of pages) {
        const revisions = fetched.get(truth.title) ?? [];
        assert.deepEqual(
          revisions.map((r) => r.id),
          truth.revisions.map((r) => r.revid),
          `${truth.title}: ids, oldest first`,
        );
        for (const [i, r] of revisions.entries()) {
          assertSame(r, truth.revisions[i] as ApiRevision, truth.title);
        }
      }
    });

    it('follows continuation: the long page in batches of 5 comes back whole and in order', async () => {
      const truth = pages.find((p) => p.title === LONG_PAGE);
      assert.ok(truth);
      const requests: string[] = [];
      const revisions = await collect(
        fetchRevisions(
          { api: wiki.api, title: LONG_PAGE },
          {
            batchSize: 5,
            onProgress: (p) => {
              if (p.kind === 'request') requests.push(p.url);
            },
          },
        ),
      );
      assert.deepEqual(
        revisions.map((r) => r.id),
        truth.revisions.map((r) => r.revid),
      );
      for (const [i, r] of revisions.entries()) {
        assertSame(r, truth.revisions[i] as ApiRevision, LONG_PAGE);
      }
      // 36 revisions, 5 a batch: 8 requests, every one after the first a continuation.
      assert.equal(requests.length, Math.ceil(LONG_PAGE_REVISIONS / 5));
      assert.ok(requests.slice(1).every((url) => url.includes('rvcontinue=')));
      assert.ok(!requests[0]?.includes('rvcontinue='));
    });

    it('honours limit, from/to and since/until across batches', async () => {
      const truth = pages.find((p) => p.title === LONG_PAGE)?.revisions ?? [];
      const ids = truth.map((r) => r.revid);
      const options = { batchSize: 4 };
      const base = { api: wiki.api, title: LONG_PAGE };
      const got = async (query: Partial<RevisionsQuery>) =>
        (await collect(fetchRevisions({ ...base, ...query }, options))).map((r) => r.id);
      assert.deepEqual(await got({ limit: 11 }), ids.slice(0, 11));
      assert.deepEqual(
        await got({ from: ids[5] as number, to: ids[20] as number }),
        ids.slice(5, 21),
      );
      const since = truth[9]?.timestamp as string;
      const until = truth[30]?.timestamp as string;
      assert.deepEqual(await got({ since, until }), ids.slice(9, 31));
      assert.deepEqual(await got({ since, limit: 3 }), ids.slice(9, 12));
    });

    it('reports revision-deleted fields as hidden (null and a diagnostic), not as empty', async () => {
      const hiddenIn = async (title: string) => {
        const diagnostics: Diagnostic[] = [];
        await collect(
          fetchRevisions({ api: wiki.api, title }, { onDiagnostic: (d) => diagnostics.push(d) }),
        );
        return diagnostics.map((d) => [d.revisionId, d.code]);
      };
      const hidden = (title: string) =>
        (pages.find((p) => p.title === title)?.revisions ?? []).flatMap((r) => [
          ...(r.userhidden === true ? [[r.revid, 'REVISION_USER_HIDDEN']] : []),
          ...(r.commenthidden === true ? [[r.revid, 'REVISION_COMMENT_HIDDEN']] : []),
          ...(r.slots?.main?.texthidden === true ? [[r.revid, 'REVISION_TEXT_HIDDEN']] : []),
          ...(r.sha1hidden === true ? [[r.revid, 'REVISION_SHA1_HIDDEN']] : []),
        ]);
      assert.equal(hidden(LONG_PAGE).length, 2, 'text and sha1 of one long-page revision');
      assert.equal(hidden(IP_PAGE).length, 2, 'user and comment of one sandbox revision');
      assert.deepEqual(await hiddenIn(LONG_PAGE), hidden(LONG_PAGE));
      assert.deepEqual(await hiddenIn(IP_PAGE), hidden(IP_PAGE));
    });

    it('finds a page by its id, and says MISSING_PAGE for a page that is not there', async () => {
      const json = await api<{ query: { pages: { pageid: number }[] } }>({
        action: 'query',
        titles: UNICODE_PAGE,
      });
      const pageId = json.query.pages[0]?.pageid;
      assert.ok(pageId);
      const byId = await collect(fetchRevisions({ api: wiki.api, pageId }));
      assert.deepEqual(
        byId.map((r) => r.id),
        fetched.get(UNICODE_PAGE)?.map((r) => r.id),
      );
      await assert.rejects(
        collect(fetchRevisions({ api: wiki.api, title: 'No such page here' })),
        (error: unknown) => error instanceof FetchError && error.code === 'MISSING_PAGE',
      );
    });

    it("gives each user's contributions, equal to list=usercontribs, with the API's texts", async () => {
      const byId = new Map(pages.flatMap((p) => p.revisions.map((r) => [r.revid, { r, p }])));
      for (const user of users) {
        const json = await api<{ continue?: unknown; query: { usercontribs: UserContrib[] } }>({
          action: 'query',
          list: 'usercontribs',
          ucuser: user,
          ucdir: 'newer',
          uclimit: 'max',
          ucprop: 'ids|title|timestamp|comment|size|sha1',
        });
        assert.equal(json.continue, undefined);
        const contribs = json.query.usercontribs;
        const revisions = await collect(
          fetchContributions({ api: wiki.api, user }, { batchSize: 3, sha1Mismatch: 'report' }),
        );
        assert.deepEqual(
          revisions.map((r) => [r.id, r.pageTitle, r.timestamp]),
          contribs.map((c) => [c.revid, c.title, c.timestamp]),
          `${user}: contributions, oldest first`,
        );
        for (const r of revisions) {
          const truth = byId.get(r.id);
          assert.ok(truth, `revision ${r.id}`);
          assertSame(r, truth.r, truth.p.title);
        }
      }
    });

    it('merges fetched revisions and the feeds into one consistent, complete history', () => {
      const all = [...fetched.values()].flat();
      const history = buildHistory([...feeds, revisionsToFeed(all, { siteUrl: wiki.api })]);
      assert.deepEqual(unexpected(history), []);
      for (const truth of pages) {
        const page = history.pages.find((p) => p.title === truth.title);
        assert.ok(page, truth.title);
        assert.deepEqual(
          page.revisions.map((r) => [r.id, r.parentId]),
          truth.revisions.map((r) => [r.revid, r.parentid === 0 ? null : r.parentid]),
          truth.title,
        );
        assert.equal(page.complete, true, `${truth.title}: complete`);
        assert.deepEqual(page.gaps, [], `${truth.title}: no gap`);
        for (const [i, r] of page.revisions.entries()) {
          const api = truth.revisions[i] as ApiRevision;
          const text = truth.title === DECOMPOSED_PAGE ? r.text?.normalize('NFC') : r.text;
          assert.equal(text, visible(api).text, `${truth.title} revision ${r.id}: text`);
          assert.equal(r.sha1, visible(api).sha1, `${truth.title} revision ${r.id}: sha1`);
        }
      }
    });

    it("reads the NFD page: the API's NFC text is replaced by the stored bytes from action=raw", async () => {
      const diagnostics: Diagnostic[] = [];
      const revisions = await collect(
        fetchRevisions(
          { api: wiki.api, title: DECOMPOSED_PAGE },
          { onDiagnostic: (d) => diagnostics.push(d) },
        ),
      );
      const truth = pages.find((p) => p.title === DECOMPOSED_PAGE);
      assert.deepEqual(diagnostics, []);
      assert.deepEqual(
        revisions.map((r) => [r.id, r.sha1]),
        truth?.revisions.map((r) => [r.revid, r.sha1]),
      );
      // The feeds carry the stored bytes too: both sources agree byte for byte.
      const fromFeeds = buildHistory(feeds).pages.find((p) => p.title === DECOMPOSED_PAGE);
      assert.deepEqual(
        fromFeeds?.revisions.map((r) => r.text),
        revisions.map((r) => r.text),
      );
    });

    it('fetchFeed follows Special:Contributions to the API feed', async () => {
      const user = "Dan & O'Neil";
      const feed = await fetchFeed(
        `${wiki.index}?title=${encodeURIComponent(`Special:Contributions/${user}`)}&feed=atom`,
      );
      assert.equal(feed.kind, 'contributions');
      const direct = feeds.find((f) => f.kind === 'contributions' && f.entries[0]?.user === user);
      assert.ok(direct);
      assert.ok(feed.entries.length > 0);
      assert.deepEqual(
        feed.entries.map((e) => [e.revisionId, e.content]),
        direct.entries.map((e) => [e.revisionId, e.content]),
      );
    });
  });
});
