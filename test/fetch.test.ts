/**
 * wikirev/fetch against a local fake MediaWiki (node:http on 127.0.0.1, port 0) serving the
 * oracle corpus's own API answers (fixtures/mediawiki-oracle/truth/revisions/*.anon.json, as
 * an anonymous client sees them), and misbehaving on demand: 429, maxlag, 503, truncated JSON,
 * slow answers, HTML login walls, redirect loops. Retries use an injected sleep, so no test
 * really waits; every test is bounded by a short timeout.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { Diagnostic } from '../src/errors.js';
import { FetchError, type FetchProgress, fetchRevisions } from '../src/fetch.js';
import type { Revision } from '../src/model.js';

const ROOT = join(import.meta.dirname, '..');
const TRUTH = join(ROOT, 'fixtures', 'mediawiki-oracle', 'truth');

interface TruthRevision {
  readonly revid: number;
  readonly parentid: number;
  readonly user?: string;
  readonly userhidden?: true;
  readonly timestamp: string;
  readonly comment?: string;
  readonly commenthidden?: true;
  readonly sha1?: string;
  readonly sha1hidden?: true;
  readonly size: number;
  readonly slots: {
    readonly main: { readonly content?: string; readonly texthidden?: true; sha1?: string };
  };
}
interface TruthPage {
  readonly pageid: number;
  readonly ns: number;
  readonly title: string;
  readonly revisions: readonly TruthRevision[];
}

/** Every page of the corpus as the anonymous API returned it, by title. */
const PAGES = new Map<string, TruthPage>();
for (const file of readdirSync(join(TRUTH, 'revisions')).filter((f) => f.endsWith('.anon.json'))) {
  const page = (
    JSON.parse(readFileSync(join(TRUTH, 'revisions', file), 'utf8')) as { page: TruthPage }
  ).page;
  PAGES.set(page.title, page);
}
const SANDBOX = PAGES.get('Sandbox')!;
const REVDEL = PAGES.get('Revdel target')!;

/** What the truth says a fetched revision must be (hidden fields null). */
function expected(page: TruthPage, r: TruthRevision) {
  const text = r.slots.main.texthidden ? null : (r.slots.main.content ?? null);
  return {
    id: r.revid,
    pageTitle: page.title,
    parentId: r.parentid === 0 ? null : r.parentid,
    parentKnown: true,
    timestamp: r.timestamp,
    user: r.userhidden ? null : (r.user ?? null),
    comment: r.commenthidden ? null : (r.comment ?? null),
    text,
    sha1: text === null ? null : (r.sha1 ?? null),
    size: text === null ? null : r.size,
  };
}

function essentials(r: Revision) {
  const { id, pageTitle, parentId, parentKnown, timestamp, user, comment, text, sha1, size } = r;
  return { id, pageTitle, parentId, parentKnown, timestamp, user, comment, text, sha1, size };
}

// --- the fake wiki -------------------------------------------------------------------------

type Handler = (url: URL, req: IncomingMessage, res: ServerResponse) => boolean | undefined;

let server: Server;
let base = '';
/** Every request URL the server saw (path and query), in order. */
let seen: URL[] = [];
let headers: IncomingMessage['headers'][] = [];
/** Misbehaviours for the current test, consulted before the normal API; true = handled. */
let override: Handler = () => false;

function json(
  res: ServerResponse,
  body: unknown,
  status = 200,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...extra });
  res.end(JSON.stringify(body));
}

/** `prop=revisions` of one page as MediaWiki answers it: rvlimit, rvcontinue, ranges. */
function revisionsAnswer(url: URL): unknown {
  const q = url.searchParams;
  const page =
    q.get('titles') !== null
      ? PAGES.get(q.get('titles')!)
      : [...PAGES.values()].find((p) => String(p.pageid) === q.get('pageids'));
  if (page === undefined) {
    return {
      batchcomplete: true,
      query: {
        pages: [
          q.get('titles') !== null
            ? { ns: 0, title: q.get('titles'), missing: true }
            : { pageid: Number(q.get('pageids')), missing: true },
        ],
      },
    };
  }
  let revisions = page.revisions.filter((r) => {
    if (q.has('rvstartid') && r.revid < Number(q.get('rvstartid'))) return false;
    if (q.has('rvendid') && r.revid > Number(q.get('rvendid'))) return false;
    if (q.has('rvstart') && r.timestamp < q.get('rvstart')!) return false;
    if (q.has('rvend') && r.timestamp > q.get('rvend')!) return false;
    return true;
  });
  const from = Number(q.get('rvcontinue') ?? '0');
  revisions = revisions.filter((r) => r.revid >= from);
  const limit = Number(q.get('rvlimit') ?? '10');
  const batch = revisions.slice(0, limit);
  const next = revisions[limit];
  const { revisions: _all, ...pageFields } = page;
  return {
    ...(next === undefined
      ? { batchcomplete: true }
      : { continue: { rvcontinue: String(next.revid), continue: '||' } }),
    query: { pages: [{ ...pageFields, revisions: batch }] },
  };
}

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push(url);
    headers.push(req.headers);
    if (override(url, req, res) === true) return;
    if (url.pathname === '/api.php' && url.searchParams.get('prop') === 'revisions') {
      json(res, revisionsAnswer(url));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  seen = [];
  headers = [];
  override = () => false;
});

/** A sleep that records and returns at once (retries never really wait in tests). */
function fakeSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

async function collect(iterable: AsyncIterable<Revision>): Promise<Revision[]> {
  const out: Revision[] = [];
  for await (const r of iterable) out.push(r);
  return out;
}

/** Runs `iterable` and returns what it yielded before it threw, and the error. */
async function collectUntilError(iterable: AsyncIterable<Revision>) {
  const got: Revision[] = [];
  try {
    for await (const r of iterable) got.push(r);
  } catch (error) {
    return { got, error };
  }
  assert.fail(`no error after ${got.length} revisions`);
}

const T = { timeout: 10_000 };

describe('fetchRevisions', () => {
  it(
    'gets a whole history across continuation batches, oldest first, equal to the API truth',
    T,
    async () => {
      const progress: FetchProgress[] = [];
      const got = await collect(
        fetchRevisions(
          { api: `${base}/api.php`, title: 'Sandbox' },
          { batchSize: 4, onProgress: (p) => progress.push(p) },
        ),
      );
      assert.equal(SANDBOX.revisions.length, 21);
      assert.deepEqual(
        got.map(essentials),
        SANDBOX.revisions.map((r) => expected(SANDBOX, r)),
      );
      // 21 revisions by 4: six requests, each continuing the previous one.
      assert.equal(seen.length, 6);
      assert.deepEqual(
        seen.map((u) => u.searchParams.get('rvcontinue')),
        [
          null,
          ...SANDBOX.revisions.filter((_, k) => k > 0 && k % 4 === 0).map((r) => String(r.revid)),
        ],
      );
      const q = seen[0]!.searchParams;
      assert.equal(q.get('rvprop'), 'ids|timestamp|user|comment|size|sha1|content|flags');
      assert.equal(q.get('rvslots'), 'main');
      assert.equal(q.get('rvdir'), 'newer');
      assert.equal(q.get('formatversion'), '2');
      assert.equal(q.get('format'), 'json');
      assert.equal(q.get('maxlag'), '5');
      assert.equal(q.get('rvlimit'), '4');
      assert.deepEqual(
        progress.filter((p) => p.kind === 'items').map((p) => p.kind === 'items' && p.count),
        [4, 8, 12, 16, 20, 21],
      );
      // Autocomments come from the comment as in the core.
      assert.deepEqual(got.find((r) => r.id === 5)?.autocomments, ['Early years']);
    },
  );

  it('gets every corpus page by title and by page id', T, async () => {
    for (const page of PAGES.values()) {
      const byTitle = await collect(fetchRevisions({ api: `${base}/api.php`, title: page.title }));
      assert.deepEqual(
        byTitle.map(essentials),
        page.revisions.map((r) => expected(page, r)),
        page.title,
      );
      const byId = await collect(
        fetchRevisions({ api: `${base}/api.php`, pageId: page.pageid }, { batchSize: 2 }),
      );
      assert.deepEqual(byId, byTitle, page.title);
    }
  });

  it('reports hidden fields as null and as diagnostics, never as empty strings', T, async () => {
    const diagnostics: Diagnostic[] = [];
    const got = await collect(
      fetchRevisions(
        { api: `${base}/api.php`, title: 'Revdel target' },
        { onDiagnostic: (d) => diagnostics.push(d) },
      ),
    );
    assert.deepEqual(
      got.map(essentials),
      REVDEL.revisions.map((r) => expected(REVDEL, r)),
    );
    // From the truth: 55 user hidden; 56 text+sha1; 57 comment; 58 user, text, sha1, comment.
    assert.deepEqual(
      diagnostics.map((d) => `${d.revisionId} ${d.code}`),
      [
        '55 REVISION_USER_HIDDEN',
        '56 REVISION_TEXT_HIDDEN',
        '56 REVISION_SHA1_HIDDEN',
        '57 REVISION_COMMENT_HIDDEN',
        '58 REVISION_USER_HIDDEN',
        '58 REVISION_COMMENT_HIDDEN',
        '58 REVISION_TEXT_HIDDEN',
        '58 REVISION_SHA1_HIDDEN',
      ],
    );
    const r58 = got.find((r) => r.id === 58)!;
    assert.equal(r58.user, null);
    assert.equal(r58.comment, null);
    assert.equal(r58.text, null);
    assert.equal(r58.textOrigin, null);
    assert.deepEqual(r58.autocomments, []);
  });

  it('honours from/to, since/until and limit', T, async () => {
    const api = `${base}/api.php`;
    const ids = SANDBOX.revisions.map((r) => r.revid);
    const range = await collect(
      fetchRevisions({ api, title: 'Sandbox', from: ids[3]!, to: ids[9]! }),
    );
    assert.deepEqual(
      range.map((r) => r.id),
      ids.slice(3, 10),
    );
    const since = SANDBOX.revisions[5]!.timestamp;
    const dated = await collect(fetchRevisions({ api, title: 'Sandbox', since }));
    assert.deepEqual(
      dated.map((r) => r.id),
      SANDBOX.revisions.filter((r) => r.timestamp >= since).map((r) => r.revid),
    );
    const limited = await collect(
      fetchRevisions({ api, title: 'Sandbox', limit: 5 }, { batchSize: 2 }),
    );
    assert.deepEqual(
      limited.map((r) => r.id),
      ids.slice(0, 5),
    );
    assert.equal(seen.at(-1)?.searchParams.get('rvlimit'), '2');
  });

  it('refuses malformed queries at once', () => {
    const api = `${base}/api.php`;
    assert.throws(() => fetchRevisions({ api }), TypeError);
    assert.throws(() => fetchRevisions({ api, title: 'A', pageId: 1 }), TypeError);
    assert.throws(() => fetchRevisions({ api: 'api.php', title: 'A' }), TypeError);
    assert.throws(
      () => fetchRevisions({ api, title: 'A', from: 3, since: '2024-01-01T00:00:00Z' }),
      TypeError,
    );
    assert.throws(() => fetchRevisions({ api, title: 'A' }, { batchSize: 0 }), RangeError);
    assert.throws(() => fetchRevisions({ api, title: 'A', since: 'yesterday' }), RangeError);
  });

  it('throws MISSING_PAGE for a page that does not exist', T, async () => {
    const { got, error } = await collectUntilError(
      fetchRevisions({ api: `${base}/api.php`, title: 'No such page' }),
    );
    assert.deepEqual(got, []);
    assert.ok(error instanceof FetchError);
    assert.equal(error.code, 'MISSING_PAGE');
  });
});

describe('fetchRevisions when the wiki misbehaves', () => {
  const api = () => `${base}/api.php`;

  it('waits as 429 Retry-After says, then goes on', T, async () => {
    let refused = 0;
    override = (url, _req, res) => {
      // The second batch is refused twice before it is served.
      if (url.searchParams.get('rvcontinue') !== null && refused < 2) {
        refused++;
        res.writeHead(429, { 'Retry-After': '7', 'Content-Type': 'text/plain' });
        res.end('Too many requests');
        return true;
      }
      return false;
    };
    const { waits, sleep } = fakeSleep();
    const progress: FetchProgress[] = [];
    const got = await collect(
      fetchRevisions(
        { api: api(), title: 'Sandbox' },
        { batchSize: 10, sleep, onProgress: (p) => progress.push(p) },
      ),
    );
    assert.deepEqual(
      got.map((r) => r.id),
      SANDBOX.revisions.map((r) => r.revid),
    );
    assert.deepEqual(waits, [7000, 7000]);
    assert.deepEqual(
      progress.filter((p) => p.kind === 'wait').map((p) => p.kind === 'wait' && p.reason),
      ['rate-limited', 'rate-limited'],
    );
    assert.equal(seen.length, 5);
  });
});
