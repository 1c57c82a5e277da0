/**
 * The fetch edge against hostile servers (issue 13): an API that never stops continuing, answers
 * that never end, redirects out of http(s). Each must stop with a typed FetchError, at once or
 * within its documented budget, and close the connection it no longer reads.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';

import { FetchError, fetchContributions, fetchFeed, fetchRevisions } from '../src/fetch.js';
import { DEFAULT_LIMITS } from '../src/limits.js';
import type { Revision } from '../src/model.js';
import { closeLocal, listenLocal } from './helpers/local-server.js';

type Handler = (url: URL, req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let base = '';
let requests = 0;
let closedEarly = 0;
let handler: Handler = (_url, _req, res) => res.end();

before(async () => {
  server = createServer((req, res) => {
    requests++;
    res.on('close', () => {
      if (!res.writableFinished) closedEarly++;
    });
    handler(new URL(req.url ?? '/', 'http://127.0.0.1'), req, res);
  });
  base = await listenLocal(server);
});
after(() => closeLocal(server));
beforeEach(() => {
  requests = 0;
  closedEarly = 0;
});

function json(res: ServerResponse, body: unknown) {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** A `prop=revisions` answer with no revision and the continuation `token`. */
function emptyBatch(token: string) {
  return {
    continue: { rvcontinue: token, uccontinue: token, continue: '||' },
    query: { pages: [{ pageid: 1, ns: 0, title: 'Loop', revisions: [] }], usercontribs: [] },
  };
}

async function failure(iterable: AsyncIterable<Revision>): Promise<FetchError> {
  try {
    for await (const _ of iterable);
  } catch (error) {
    assert.ok(error instanceof FetchError, `a FetchError, got ${String(error)}`);
    return error;
  }
  assert.fail('no error');
}

const T = { timeout: 20_000 };

describe('continuation that never ends', () => {
  it('the same token again: CONTINUATION_LOOP at the second answer', T, async () => {
    handler = (_url, _req, res) => json(res, emptyBatch('42|7'));
    const error = await failure(fetchRevisions({ api: `${base}/api.php`, title: 'Loop' }));
    assert.equal(error.code, 'CONTINUATION_LOOP');
    assert.equal(requests, 2);
    assert.match(error.message, /continuation/);
  });

  it('a token seen before, not the last one (A, B, A): CONTINUATION_LOOP', T, async () => {
    handler = (url, _req, res) =>
      json(res, emptyBatch(url.searchParams.get('rvcontinue') === 'A' ? 'B' : 'A'));
    const error = await failure(fetchRevisions({ api: `${base}/api.php`, title: 'Loop' }));
    assert.equal(error.code, 'CONTINUATION_LOOP');
    assert.equal(requests, 3);
  });

  it('a new token every time: REQUEST_BUDGET_EXCEEDED after maxRequests', T, async () => {
    handler = (_url, _req, res) => json(res, emptyBatch(String(requests)));
    const error = await failure(
      fetchRevisions({ api: `${base}/api.php`, title: 'Loop' }, { maxRequests: 25 }),
    );
    assert.equal(error.code, 'REQUEST_BUDGET_EXCEEDED');
    assert.equal(requests, 25);
    assert.match(error.message, /maxRequests \(25\)/);
  });

  it('the same budget in every apiQuery user (fetchContributions)', T, async () => {
    handler = (_url, _req, res) => json(res, emptyBatch(String(requests)));
    const error = await failure(
      fetchContributions({ api: `${base}/api.php`, user: 'Loop' }, { maxRequests: 7 }),
    );
    assert.equal(error.code, 'REQUEST_BUDGET_EXCEEDED');
    assert.equal(requests, 7);
  });

  it('retries count against the budget too', T, async () => {
    handler = (_url, _req, res) => {
      res.writeHead(503, { 'Retry-After': '0' });
      res.end();
    };
    const error = await failure(
      fetchRevisions(
        { api: `${base}/api.php`, title: 'Loop' },
        { maxRequests: 3, maxRetries: 100, sleep: async () => {} },
      ),
    );
    assert.equal(error.code, 'REQUEST_BUDGET_EXCEEDED');
    assert.equal(requests, 3);
  });

  it('the budget is a limit option: 10,000 by default, misuse is a RangeError', () => {
    assert.equal(DEFAULT_LIMITS.maxRequests, 10_000);
    for (const maxRequests of [0, -1, 1.5, Number.NaN]) {
      assert.throws(
        () => fetchRevisions({ api: `${base}/api.php`, title: 'X' }, { maxRequests }),
        RangeError,
      );
    }
    assert.doesNotThrow(() =>
      fetchRevisions({ api: `${base}/api.php`, title: 'X' }, { maxRequests: Infinity }),
    );
  });
});

/** An answer that streams `chunk` forever (until the client goes away). */
function endless(contentType: string, chunk: string): Handler {
  return (_url, _req, res) => {
    res.writeHead(200, { 'Content-Type': contentType });
    const piece = Buffer.from(chunk.repeat(Math.ceil(65_536 / chunk.length)));
    const pump = () => {
      while (!res.destroyed && res.write(piece));
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  };
}

describe('answers that never end', () => {
  it('a feed body past maxInputBytes: ANSWER_TOO_LARGE, the connection closed', T, async () => {
    handler = endless('application/atom+xml', '<feed>');
    const error = await fetchFeed(`${base}/feed`, { maxInputBytes: 1_000_000 }).then(
      () => assert.fail('no error'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof FetchError);
    assert.equal(error.code, 'ANSWER_TOO_LARGE');
    assert.match(error.message, /exceeds maxInputBytes \(1000000\)/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(closedEarly, 1, 'the server saw the request aborted');
  });

  it('an API answer past maxInputBytes: ANSWER_TOO_LARGE', T, async () => {
    handler = endless('application/json', '{"query":');
    const error = await failure(
      fetchRevisions({ api: `${base}/api.php`, title: 'X' }, { maxInputBytes: 200_000 }),
    );
    assert.equal(error.code, 'ANSWER_TOO_LARGE');
  });

  it('a gzip bomb: counted as decompressed, ANSWER_TOO_LARGE', T, async () => {
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20));
    handler = (_url, _req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/atom+xml',
        'Content-Encoding': 'gzip',
        'Content-Length': String(bomb.length),
      });
      res.end(bomb);
    };
    const error = await fetchFeed(`${base}/feed`, { maxInputBytes: 1_000_000 }).then(
      () => assert.fail('no error'),
      (e: unknown) => e,
    );
    assert.ok(bomb.length < 50_000);
    assert.ok(error instanceof FetchError);
    assert.equal(error.code, 'ANSWER_TOO_LARGE');
  });

  it('a declared Content-Length past the limit is refused before reading', T, async () => {
    handler = (_url, _req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/xml', 'Content-Length': '5000000' });
      res.write('<feed>');
    };
    const error = await fetchFeed(`${base}/feed`, { maxInputBytes: 1000 }).then(
      () => assert.fail('no error'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof FetchError);
    assert.equal(error.code, 'ANSWER_TOO_LARGE');
  });
});

describe('redirects out of http(s)', () => {
  for (const location of [
    'data:application/atom+xml,<feed/>',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'ftp://example.org/feed',
    'http://[::1',
  ]) {
    it(`Location: ${location}: BAD_REDIRECT, not followed`, T, async () => {
      handler = (_url, _req, res) => {
        res.writeHead(302, { Location: location });
        res.end();
      };
      const error = await fetchFeed(`${base}/feed`).then(
        () => assert.fail('no error'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof FetchError, String(error));
      assert.equal(error.code, 'BAD_REDIRECT');
      assert.equal(requests, 1);
    });
  }
});

describe('ids past 2^53 in API answers (issue 13 row 12)', () => {
  /** A `prop=revisions` answer written by hand: JSON.stringify cannot write these numbers. */
  const answer = (revid: string, parentid: string) =>
    `{"query":{"usercontribs":[{"revid":${revid},"title":"Big","timestamp":"2026-11-21T20:55:04Z"}],"pages":[{"pageid":9007199254740993,"ns":0,"title":"Big","revisions":[{"revid":${revid},"parentid":${parentid},"user":"A","timestamp":"2026-11-21T20:55:04Z","comment":"","slots":{"main":{"content":"x","sha1":"11f6ad8ec52a2984abaafd7c3b516503785c2072"}}}]}]}}`;
  const serve =
    (body: string): Handler =>
    (_url, _req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(body);
    };

  it('a revid past 2^53 − 1 is ID_OUT_OF_RANGE, never a rounded neighbour', T, async () => {
    for (const revid of ['9007199254740993', '9007199254740992', '1e300']) {
      handler = serve(answer(revid, '0'));
      const error = await failure(fetchRevisions({ api: `${base}/api.php`, title: 'Big' }));
      assert.equal(error.code, 'ID_OUT_OF_RANGE', revid);
      assert.match(error.message, /revision id \d.* of "Big" is not an integer from 1 to 2\^53/);
    }
  });

  it('the same in contributions, before any revids= request names the rounded id', T, async () => {
    handler = serve(answer('9007199254740993', '0'));
    const error = await failure(fetchContributions({ api: `${base}/api.php`, user: 'A' }));
    assert.equal(error.code, 'ID_OUT_OF_RANGE');
    assert.equal(requests, 1);
  });

  it('a parentid past it leaves the parent unknown, with a warning', T, async () => {
    handler = serve(answer('7', '9007199254740993'));
    const notes: string[] = [];
    const revisions: Revision[] = [];
    const iterable = fetchRevisions(
      { api: `${base}/api.php`, title: 'Big' },
      { onDiagnostic: (d) => notes.push(`${d.severity} ${d.code} ${d.revisionId}`) },
    );
    for await (const r of iterable) revisions.push(r);
    assert.deepEqual(
      revisions.map((r) => [r.id, r.parentId, r.parentKnown, r.text]),
      [[7, null, false, 'x']],
    );
    assert.deepEqual(notes, ['warning FETCH_ID_OUT_OF_RANGE 7']);
  });
});
