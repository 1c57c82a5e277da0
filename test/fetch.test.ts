/**
 * wikirev/fetch against a local fake MediaWiki (node:http on 127.0.0.1, port 0) serving the
 * oracle corpus's own API answers (fixtures/mediawiki-oracle/truth/revisions/*.anon.json, as
 * an anonymous client sees them), and misbehaving on demand: 429, maxlag, 503, truncated JSON,
 * slow answers, HTML login walls, redirect loops. Retries use an injected sleep, so no test
 * really waits; every test is bounded by a short timeout.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { Diagnostic } from '../src/errors.js';
import { parseFeed } from '../src/feed/parse-feed.js';
import { fetchWikiLinks } from '../src/fetch/fetch-wiki-links.js';
import {
  FetchError,
  type FetchProgress,
  fetchContributions,
  fetchFeed,
  fetchRevisions,
  revisionsToFeed,
} from '../src/fetch.js';
import type { Revision } from '../src/model.js';
import { buildHistory } from '../src/revisions/build-history.js';
import { closeLocal, listenLocal } from './helpers/local-server.js';

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
const FEEDS = join(ROOT, 'fixtures', 'mediawiki-oracle', 'feeds');

interface TruthContribution {
  readonly revid: number;
  readonly user: string;
  readonly title: string;
  readonly timestamp: string;
}
/** Every user's contributions as the anonymous API listed them (newest first), by user. */
const CONTRIBUTIONS = new Map<string, readonly TruthContribution[]>();
for (const file of readdirSync(join(TRUTH, 'usercontribs'))) {
  const list = JSON.parse(
    readFileSync(join(TRUTH, 'usercontribs', file), 'utf8'),
  ) as TruthContribution[];
  if (list[0] !== undefined) CONTRIBUTIONS.set(list[0].user, list);
}
/** Each revision with its page, by id. */
const BY_ID = new Map<number, { page: TruthPage; revision: TruthRevision }>();
for (const page of PAGES.values()) {
  for (const revision of page.revisions) BY_ID.set(revision.revid, { page, revision });
}
const REVDEL = PAGES.get('Revdel target')!;

/** What the truth says a fetched revision must be (hidden fields null, but a hidden text's size). */
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
    // A hidden text's size is still given: MediaWiki's history shows it.
    size: r.size,
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

/** `list=usercontribs` as MediaWiki answers it: ucdir, uclimit, uccontinue, ucstart/ucend. */
function contributionsAnswer(url: URL): unknown {
  const q = url.searchParams;
  let list = [...(CONTRIBUTIONS.get(q.get('ucuser') ?? '') ?? [])];
  if (q.get('ucdir') === 'newer') list.reverse();
  list = list.filter(
    (c) =>
      (!q.has('ucstart') || c.timestamp >= q.get('ucstart')!) &&
      (!q.has('ucend') || c.timestamp <= q.get('ucend')!),
  );
  const from = Number(q.get('uccontinue') ?? '0');
  const limit = Number(q.get('uclimit') ?? '10');
  const batch = list.slice(from, from + limit);
  return {
    ...(from + limit < list.length
      ? { continue: { uccontinue: String(from + limit), continue: '-||' } }
      : { batchcomplete: true }),
    query: { usercontribs: batch },
  };
}

/** `prop=revisions&revids=…`: the revisions grouped by page, unknown ids in `badrevids`. */
function revidsAnswer(url: URL): unknown {
  const ids = (url.searchParams.get('revids') ?? '').split('|').map(Number);
  const pages = new Map<number, { page: TruthPage; revisions: TruthRevision[] }>();
  const bad: number[] = [];
  for (const id of ids) {
    const hit = BY_ID.get(id);
    if (hit === undefined) {
      bad.push(id);
      continue;
    }
    const entry = pages.get(hit.page.pageid) ?? { page: hit.page, revisions: [] };
    entry.revisions.push(hit.revision);
    pages.set(hit.page.pageid, entry);
  }
  return {
    batchcomplete: true,
    query: {
      ...(bad.length === 0 ? {} : { badrevids: bad.map((revid) => ({ revid, missing: true })) }),
      pages: [...pages.values()].map(({ page, revisions }) => ({
        pageid: page.pageid,
        ns: page.ns,
        title: page.title,
        revisions,
      })),
    },
  };
}

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push(url);
    headers.push(req.headers);
    if (override(url, req, res) === true) return;
    const q = url.searchParams;
    if (url.pathname === '/api.php' && q.get('prop') === 'revisions' && q.has('revids')) {
      json(res, revidsAnswer(url));
      return;
    }
    if (url.pathname === '/api.php' && q.get('prop') === 'revisions') {
      json(res, revisionsAnswer(url));
      return;
    }
    if (url.pathname === '/api.php' && q.get('list') === 'usercontribs') {
      json(res, contributionsAnswer(url));
      return;
    }
    if (url.pathname === '/index.php' && q.get('title')?.startsWith('Special:Contributions/')) {
      // MediaWiki's answer (feeds/contributions/special-page-redirects/alice.atom.headers.txt).
      const user = q.get('title')!.slice('Special:Contributions/'.length);
      res.writeHead(301, {
        'Content-Type': 'text/html; charset=UTF-8',
        Location: `${base}/api.php?action=feedcontributions&user=${encodeURIComponent(user)}&feedformat=${q.get('feed')}`,
      });
      res.end();
      return;
    }
    if (url.pathname === '/api.php' && q.get('action') === 'feedcontributions') {
      const file = join(
        FEEDS,
        'contributions',
        `${q.get('user')?.toLowerCase()}.${q.get('feedformat')}.xml`,
      );
      res.writeHead(200, { 'Content-Type': 'application/xml; charset=UTF-8' });
      res.end(readFileSync(file));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  base = await listenLocal(server);
});
after(() => closeLocal(server));
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

/** Serves the second and later batches (those with `rvcontinue`) with `misbehave`. */
function fromSecondBatch(misbehave: (res: ServerResponse, url: URL) => void): Handler {
  return (url, _req, res) => {
    if (url.searchParams.get('rvcontinue') === null) return false;
    misbehave(res, url);
    return true;
  };
}

const FIRST_BATCH = SANDBOX.revisions.slice(0, 10).map((r) => r.revid);

describe('fetchRevisions: documented failures, nothing already yielded lost', () => {
  const query = () => ({ api: `${base}/api.php`, title: 'Sandbox' });
  const MAXLAG = {
    error: {
      code: 'maxlag',
      info: 'Waiting for 10.64.0.1: 7 seconds lagged.',
      host: '10.64.0.1',
      lag: 7,
      type: 'db',
    },
    servedby: 'mw1234',
  };

  it('maxlag: waits Retry-After and retries; fails with MAXLAG when it lasts', T, async () => {
    let lagged = 0;
    override = fromSecondBatch((res, url) => {
      if (lagged++ < 2) json(res, MAXLAG, 200, { 'Retry-After': '5', 'X-Database-Lag': '7' });
      else json(res, revisionsAnswer(url));
    });
    const { waits, sleep } = fakeSleep();
    const progress: FetchProgress[] = [];
    const got = await collect(
      fetchRevisions(query(), { batchSize: 10, sleep, onProgress: (p) => progress.push(p) }),
    );
    assert.equal(got.length, 21);
    assert.deepEqual(waits, [5000, 5000]);
    assert.deepEqual(
      progress.flatMap((p) => (p.kind === 'wait' ? [p.reason] : [])),
      ['maxlag', 'maxlag'],
    );

    override = fromSecondBatch((res) => json(res, MAXLAG, 200, { 'Retry-After': '5' }));
    const lasting = fakeSleep();
    const { got: kept, error } = await collectUntilError(
      fetchRevisions(query(), { batchSize: 10, sleep: lasting.sleep, maxRetries: 3 }),
    );
    assert.deepEqual(
      kept.map((r) => r.id),
      FIRST_BATCH,
    );
    assert.ok(error instanceof FetchError);
    assert.equal(error.code, 'MAXLAG');
    assert.equal(error.apiCode, 'maxlag');
    assert.deepEqual(lasting.waits, [5000, 5000, 5000]);
    assert.match(error.message, /7 seconds lagged.*still after 3 retries/);
  });

  it('503 without Retry-After: exponential backoff, then HTTP_ERROR', T, async () => {
    let down = 0;
    override = fromSecondBatch((res, url) => {
      if (down++ < 3) {
        res.writeHead(503, { 'Content-Type': 'text/html' });
        res.end('<h1>Service Unavailable</h1>');
      } else json(res, revisionsAnswer(url));
    });
    const { waits, sleep } = fakeSleep();
    const got = await collect(fetchRevisions(query(), { batchSize: 10, sleep }));
    assert.equal(got.length, 21);
    assert.deepEqual(waits, [1000, 2000, 4000]);

    override = fromSecondBatch((res) => {
      res.writeHead(503, { 'Content-Type': 'text/plain' });
      res.end('down');
    });
    const { got: kept, error } = await collectUntilError(
      fetchRevisions(query(), { batchSize: 10, sleep: fakeSleep().sleep, maxRetries: 2 }),
    );
    assert.deepEqual(
      kept.map((r) => r.id),
      FIRST_BATCH,
    );
    assert.ok(error instanceof FetchError);
    assert.equal(error.code, 'HTTP_ERROR');
    assert.equal(error.status, 503);
  });

  it('a Retry-After longer than maxRetryDelayMs fails at once', T, async () => {
    override = fromSecondBatch((res) => {
      res.writeHead(429, { 'Retry-After': '3600' });
      res.end();
    });
    const { waits, sleep } = fakeSleep();
    const { got, error } = await collectUntilError(
      fetchRevisions(query(), { batchSize: 10, sleep }),
    );
    assert.equal(got.length, 10);
    assert.ok(error instanceof FetchError);
    assert.equal(error.code, 'RATE_LIMITED');
    assert.match(error.message, /asks to wait 3600 s/);
    assert.deepEqual(waits, []);
  });

  it('truncated JSON: INVALID_JSON; a connection cut mid-answer: NETWORK', T, async () => {
    override = fromSecondBatch((res, url) => {
      const whole = JSON.stringify(revisionsAnswer(url));
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(whole.slice(0, whole.length / 2));
    });
    const cut = await collectUntilError(fetchRevisions(query(), { batchSize: 10 }));
    assert.deepEqual(
      cut.got.map((r) => r.id),
      FIRST_BATCH,
    );
    assert.ok(cut.error instanceof FetchError);
    assert.equal(cut.error.code, 'INVALID_JSON');
    assert.match(cut.error.message, /not complete JSON/);

    override = fromSecondBatch((res, url) => {
      const whole = JSON.stringify(revisionsAnswer(url));
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': String(Buffer.byteLength(whole)),
      });
      res.write(whole.slice(0, 100));
      setTimeout(() => res.destroy(), 10);
    });
    const dropped = await collectUntilError(fetchRevisions(query(), { batchSize: 10 }));
    assert.equal(dropped.got.length, 10);
    assert.ok(dropped.error instanceof FetchError);
    assert.equal(dropped.error.code, 'NETWORK');
    assert.match(dropped.error.message, /cut off/);
  });

  it('a slow answer past timeoutMs: TIMEOUT', T, async () => {
    override = fromSecondBatch((res, url) => {
      const timer = setTimeout(() => json(res, revisionsAnswer(url)), 5000);
      res.on('close', () => clearTimeout(timer));
    });
    const { got, error } = await collectUntilError(
      fetchRevisions(query(), { batchSize: 10, timeoutMs: 200 }),
    );
    assert.equal(got.length, 10);
    assert.ok(error instanceof FetchError);
    assert.equal(error.code, 'TIMEOUT');
    assert.match(error.message, /no answer within 0.2 s/);
  });

  it('an HTML login wall instead of JSON: HTML_ANSWER', T, async () => {
    override = fromSecondBatch((res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' });
      res.end(
        '<!DOCTYPE html><html><head><title>Log in - Oracle Wiki</title></head><body>Please log in.</body></html>',
      );
    });
    const { got, error } = await collectUntilError(fetchRevisions(query(), { batchSize: 10 }));
    assert.equal(got.length, 10);
    assert.ok(error instanceof FetchError);
    assert.equal(error.code, 'HTML_ANSWER');
  });

  it(
    'JSON that is not MediaWiki: NOT_MEDIAWIKI; an API error: API_ERROR with its code',
    T,
    async () => {
      override = () => false;
      override = (url, _req, res) => {
        json(res, url.searchParams.get('titles') === 'Token' ? BADTOKEN : { hello: 'world' });
        return true;
      };
      const BADTOKEN = { error: { code: 'badtoken', info: 'Invalid CSRF token.' } };
      const other = await collectUntilError(fetchRevisions(query()));
      assert.ok(other.error instanceof FetchError);
      assert.equal(other.error.code, 'NOT_MEDIAWIKI');
      const token = await collectUntilError(fetchRevisions({ ...query(), title: 'Token' }));
      assert.ok(token.error instanceof FetchError);
      assert.equal(token.error.code, 'API_ERROR');
      assert.equal(token.error.apiCode, 'badtoken');
      assert.match(token.error.message, /Invalid CSRF token/);
    },
  );

  it('a redirect loop: REDIRECT_LOOP, after visiting each URL once', T, async () => {
    override = (url, _req, res) => {
      if (url.pathname === '/api.php' || url.pathname === '/w/api.php') {
        res.writeHead(302, {
          Location: `${url.pathname === '/api.php' ? '/w/api.php' : '/api.php'}${url.search}`,
        });
        res.end();
        return true;
      }
      return false;
    };
    const { error } = await collectUntilError(fetchRevisions(query()));
    assert.ok(error instanceof FetchError);
    assert.equal(error.code, 'REDIRECT_LOOP');
    assert.equal(seen.length, 2);
  });

  it(
    'a text that does not match its sha1: SHA1_MISMATCH, or a diagnostic with report',
    T,
    async () => {
      override = (url, _req, res) => {
        // `action=raw` (tried on a mismatch) answers 404 here: the API's answer stands.
        if (url.pathname !== '/api.php') return false;
        const answer = revisionsAnswer(url) as {
          query: { pages: [{ revisions: TruthRevision[] }] };
        };
        const revisions = answer.query.pages[0].revisions.map((r) =>
          r.revid === SANDBOX.revisions[12]!.revid
            ? { ...r, slots: { main: { ...r.slots.main, content: `${r.slots.main.content}!` } } }
            : r,
        );
        answer.query.pages[0].revisions = revisions;
        json(res, answer);
        return true;
      };
      const thrown = await collectUntilError(fetchRevisions(query(), { batchSize: 10 }));
      assert.equal(thrown.got.length, 12);
      assert.ok(thrown.error instanceof FetchError);
      assert.equal(thrown.error.code, 'SHA1_MISMATCH');

      const diagnostics: Diagnostic[] = [];
      const reported = await collect(
        fetchRevisions(query(), {
          sha1Mismatch: 'report',
          onDiagnostic: (d) => diagnostics.push(d),
        }),
      );
      assert.equal(reported.length, 21);
      const bad = reported[12]!;
      assert.equal(bad.text, null);
      assert.equal(bad.sha1, null);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.revisionId]),
        [['FETCH_SHA1_MISMATCH', bad.id]],
      );
    },
  );

  it(
    'a text the API normalised to NFC: the stored bytes come from action=raw, checked by sha1',
    T,
    async () => {
      const target = SANDBOX.revisions[3]!;
      const stored = `${target.slots.main.content}\nCafe\u0301 (NFD)`;
      const storedSha1 = createHash('sha1').update(stored, 'utf8').digest('hex');
      override = (url, _req, res) => {
        if (url.pathname === '/index.php' && url.searchParams.get('action') === 'raw') {
          assert.equal(url.searchParams.get('oldid'), String(target.revid));
          res.writeHead(200, { 'Content-Type': 'text/x-wiki; charset=UTF-8' });
          res.end(stored);
          return true;
        }
        if (url.pathname !== '/api.php') return false;
        const answer = revisionsAnswer(url) as {
          query: { pages: [{ revisions: TruthRevision[] }] };
        };
        answer.query.pages[0].revisions = answer.query.pages[0].revisions.map((r) =>
          r.revid === target.revid
            ? {
                ...r,
                sha1: storedSha1,
                slots: {
                  main: { ...r.slots.main, content: stored.normalize('NFC'), sha1: storedSha1 },
                },
              }
            : r,
        );
        json(res, answer);
        return true;
      };
      const revisions = await collect(fetchRevisions(query(), { batchSize: 10 }));
      assert.equal(revisions.length, 21);
      const repaired = revisions[3]!;
      assert.equal(repaired.text, stored);
      assert.equal(repaired.sha1, storedSha1);
    },
  );

  it('an AbortSignal stops a wait at once: ABORTED', T, async () => {
    override = fromSecondBatch((res) => {
      res.writeHead(429, { 'Retry-After': '60' });
      res.end();
    });
    const controller = new AbortController();
    const got: Revision[] = [];
    let error: unknown;
    try {
      // The real sleep: 60 s unless the signal stops it.
      for await (const r of fetchRevisions(query(), {
        batchSize: 10,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.kind === 'wait') setTimeout(() => controller.abort(), 20);
        },
      })) {
        got.push(r);
      }
    } catch (e) {
      error = e;
    }
    assert.equal(got.length, 10);
    assert.ok(error instanceof FetchError);
    assert.equal(error.code, 'ABORTED');
  });

  it('names itself: User-Agent with version and contact', T, async () => {
    await collect(fetchRevisions({ ...query(), limit: 1 }, { contact: 'ops@example.org' }));
    const version = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
    ).version;
    assert.equal(
      headers[0]?.['user-agent'],
      `wikirev/${version} (+https://www.npmjs.com/package/wikirev; ops@example.org)`,
    );
    await collect(
      fetchRevisions({ ...query(), limit: 1 }, { userAgent: 'MyTool/2.0', maxlag: null }),
    );
    assert.equal(headers[1]?.['user-agent'], 'MyTool/2.0');
    assert.equal(seen[1]?.searchParams.has('maxlag'), false);
  });
});

describe('fetchContributions', () => {
  it(
    "gets a user's revisions oldest first, texts in batches, equal to the API truth",
    T,
    async () => {
      const alice = [...CONTRIBUTIONS.get('Alice')!].reverse();
      assert.equal(alice.length, 18);
      const got = await collect(
        fetchContributions({ api: `${base}/api.php`, user: 'Alice' }, { batchSize: 5 }),
      );
      assert.deepEqual(
        got.map(essentials),
        alice.map((c) => {
          const hit = BY_ID.get(c.revid)!;
          return expected(hit.page, hit.revision);
        }),
      );
      // 18 by 5: four usercontribs requests, each followed by one revids request.
      assert.deepEqual(
        seen.map((u) => (u.searchParams.has('list') ? 'list' : u.searchParams.get('revids'))),
        [0, 5, 10, 15].flatMap((k) => [
          'list',
          alice
            .slice(k, k + 5)
            .map((c) => c.revid)
            .join('|'),
        ]),
      );
      assert.equal(seen[0]?.searchParams.get('ucdir'), 'newer');
    },
  );

  it('honours since, until and limit; a revision gone is a diagnostic', T, async () => {
    const api = `${base}/api.php`;
    const boris = [...CONTRIBUTIONS.get('Борис')!].reverse();
    const since = boris[3]!.timestamp;
    const until = boris[10]!.timestamp;
    const ranged = await collect(fetchContributions({ api, user: 'Борис', since, until }));
    assert.deepEqual(
      ranged.map((r) => r.id),
      boris.filter((c) => c.timestamp >= since && c.timestamp <= until).map((c) => c.revid),
    );
    const limited = await collect(fetchContributions({ api, user: 'Борис', limit: 4 }));
    assert.deepEqual(
      limited.map((r) => r.id),
      boris.slice(0, 4).map((c) => c.revid),
    );
    const gone = boris[1]!.revid;
    override = (url, _req, res) => {
      if (!url.searchParams.has('revids')) return false;
      const ids = url.searchParams
        .get('revids')!
        .split('|')
        .filter((id) => id !== String(gone));
      url.searchParams.set('revids', ids.join('|'));
      json(res, revidsAnswer(url));
      return true;
    };
    const diagnostics: Diagnostic[] = [];
    const partial = await collect(
      fetchContributions(
        { api, user: 'Борис', limit: 4 },
        { onDiagnostic: (d) => diagnostics.push(d) },
      ),
    );
    // The limit counts revisions yielded: the next contribution takes the place of the gone one.
    assert.deepEqual(
      partial.map((r) => r.id),
      boris
        .slice(0, 5)
        .map((c) => c.revid)
        .filter((id) => id !== gone),
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.revisionId]),
      [['FETCH_REVISION_GONE', gone]],
    );
  });
});

describe('fetchFeed', () => {
  it('follows the Special:Contributions 301 to api.php and parses the feed', T, async () => {
    const feed = await fetchFeed(`${base}/index.php?title=Special:Contributions/Alice&feed=atom`);
    assert.equal(feed.kind, 'contributions');
    // The feed lists Alice's contributions newest first, as the API's usercontribs does.
    assert.deepEqual(
      feed.entries.map((e) => e.revisionId),
      CONTRIBUTIONS.get('Alice')!.map((c) => c.revid),
    );
    assert.deepEqual(
      seen.map((u) => u.pathname),
      ['/index.php', '/api.php'],
    );
    assert.match(String(headers[0]?.accept), /application\/atom\+xml/);
  });

  it('an HTML page: HTML_ANSWER; other answers: NOT_A_FEED; 404: HTTP_ERROR', T, async () => {
    override = (url, _req, res) => {
      if (url.pathname === '/login') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' });
        res.end('<!DOCTYPE html><html><body>Log in</body></html>');
        return true;
      }
      if (url.pathname === '/json') {
        json(res, { query: {} });
        return true;
      }
      return false;
    };
    await assert.rejects(fetchFeed(`${base}/login`), { name: 'FetchError', code: 'HTML_ANSWER' });
    await assert.rejects(fetchFeed(`${base}/json`), { name: 'FetchError', code: 'NOT_A_FEED' });
    await assert.rejects(fetchFeed(`${base}/gone`), {
      name: 'FetchError',
      code: 'HTTP_ERROR',
      status: 404,
    });
  });
});

describe('fetched revisions and feeds in one history', () => {
  it(
    'buildHistory over a history feed and the fetched page: one complete, consistent page',
    T,
    async () => {
      const fetched = await collect(fetchRevisions({ api: `${base}/api.php`, title: 'Sandbox' }));
      const historyFeed = parseFeed(readFileSync(join(FEEDS, 'history', 'sandbox.atom.xml')));
      assert.equal(historyFeed.entries.length, 10);
      const history = buildHistory([
        historyFeed,
        revisionsToFeed(fetched, { siteUrl: 'http://127.0.0.1:8089/api.php' }),
      ]);
      assert.deepEqual(history.diagnostics, []);
      assert.equal(history.pages.length, 1);
      const page = history.pages[0]!;
      assert.equal(page.title, 'Sandbox');
      assert.deepEqual(page.gaps, []);
      assert.equal(page.complete, true);
      assert.deepEqual(
        page.revisions.map((r) => [r.id, r.parentId, r.parentKnown, r.text, r.sha1]),
        SANDBOX.revisions.map((r) => [
          r.revid,
          r.parentid === 0 ? null : r.parentid,
          true,
          r.slots.main.content,
          r.sha1,
        ]),
      );
    },
  );

  it('revisions of another wiki are not merged', () => {
    const historyFeed = parseFeed(readFileSync(join(FEEDS, 'history', 'sandbox.atom.xml')));
    const other = revisionsToFeed([], { siteUrl: 'https://elsewhere.example.org/w/api.php' });
    const history = buildHistory([historyFeed, other]);
    assert.deepEqual(
      history.diagnostics.map((d) => d.code),
      ['HISTORY_MIXED_WIKIS'],
    );
  });
});

describe('fetchWikiLinks: the links of a wiki from its meta=siteinfo', () => {
  /** A fetch answering every request with this siteinfo `general` part. */
  const answering =
    (general: Record<string, unknown>): typeof fetch =>
    async () =>
      new Response(JSON.stringify({ batchcomplete: true, query: { general } }), {
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });

  it("absolute URLs of $wgScript and $wgArticlePath, a protocol-relative server on the API's scheme", async () => {
    const fetch = answering({
      server: '//wiki.example.org',
      script: '/w/index.php',
      articlepath: '/wiki/$1',
    });
    assert.deepEqual(await fetchWikiLinks('https://wiki.example.org/w/api.php', { fetch }), {
      script: 'https://wiki.example.org/w/index.php',
      articlePath: 'https://wiki.example.org/wiki/$1',
    });
  });

  it('leaves out what the answer lacks or gives in another shape: never a guess', async () => {
    const api = 'http://127.0.0.1:9/api.php';
    for (const general of [
      {},
      { server: 'http://w.example', script: 'index.php', articlepath: '/wiki/' },
      { server: 'javascript:alert(1)//', script: '/index.php', articlepath: '/$1' },
      { script: '/index.php', articlepath: '/wiki/$1' },
    ]) {
      assert.deepEqual(
        await fetchWikiLinks(api, { fetch: answering(general) }),
        { script: null, articlePath: null },
        JSON.stringify(general),
      );
    }
  });
});
