/**
 * What lets the core and `wikirev/fetch` run outside Node: the two SHA-1 paths of `#sha1` agree,
 * the version in the User-Agent is package.json's, and the browser's request rules of MediaWiki.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { packageVersion } from '../src/fetch/package-version.js';
import { requestShape, runsInBrowser } from '../src/fetch/request-shape.js';
import { sha1 as nodeSha1 } from '../src/revisions/sha1-node.js';
import { sha1 as portableSha1 } from '../src/revisions/sha1-portable.js';

const ROOT = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  imports: Record<string, Record<string, string>>;
};

describe('SHA-1: node:crypto and the portable hash', () => {
  it('give the digests of the standard vectors and of MediaWiki (empty text)', () => {
    for (const sha1 of [nodeSha1, portableSha1]) {
      assert.equal(sha1(''), 'da39a3ee5e6b4b0d3255bfef95601890afd80709');
      assert.equal(sha1('abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
      assert.equal(
        sha1('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
        '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
      );
    }
  });

  it('agree on any Unicode text, lone surrogates included (both hash them as U+FFFD)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        assert.equal(portableSha1(text), nodeSha1(text));
      }),
      { numRuns: 2000 },
    );
    // Lengths around the 64-byte block and its padding, and a page of 1 MB.
    for (const n of [55, 56, 63, 64, 65, 119, 120, 1_000_003]) {
      const text = 'é'.repeat(n >> 1) + 'x'.repeat(n & 1);
      assert.equal(portableSha1(text), createHash('sha1').update(text, 'utf8').digest('hex'));
    }
  });

  it('are chosen by the `node` condition of the `#sha1` import, the portable one by default', () => {
    assert.deepEqual(pkg.imports['#sha1'], {
      node: './dist/revisions/sha1-node.js',
      default: './dist/revisions/sha1-portable.js',
    });
  });
});

describe('the version in the User-Agent', () => {
  it("is package.json's", () => {
    assert.equal(packageVersion(), pkg.version);
  });
});

describe("MediaWiki's rules for browsers", () => {
  const api = 'https://wiki.example.org/w/api.php?action=query&format=json';

  it('are not applied in Node, even with a test DOM (a global `document`)', () => {
    assert.equal(runsInBrowser(), false);
    const scope = globalThis as { document?: unknown };
    scope.document = {};
    try {
      assert.equal(runsInBrowser(), false);
    } finally {
      delete scope.document;
    }
  });

  it('Node, Deno and Bun: User-Agent, the URL as it is, redirects by hand', () => {
    assert.deepEqual(requestShape(api, 'wikirev/0.1.0', 'application/json', false), {
      url: api,
      headers: { 'User-Agent': 'wikirev/0.1.0', Accept: 'application/json' },
      redirect: 'manual',
    });
  });

  it('a browser: origin=* on Action API requests, Api-User-Agent, redirects by the browser', () => {
    assert.deepEqual(requestShape(api, 'wikirev/0.1.0', 'application/json', true), {
      url: `${api}&origin=*`,
      headers: { 'Api-User-Agent': 'wikirev/0.1.0', Accept: 'application/json' },
      redirect: 'follow',
    });
    // index.php (feeds, action=raw) has no CORS to ask for; a caller's origin is kept.
    const feed = 'https://wiki.example.org/w/index.php?title=Special:RecentChanges&feed=atom';
    assert.equal(requestShape(feed, 'ua', 'application/atom+xml', true).url, feed);
    const own = 'https://wiki.example.org/w/api.php?action=query&origin=https%3A%2F%2Fa.example';
    assert.equal(requestShape(own, 'ua', 'application/json', true).url, own);
  });
});
