/**
 * Issue 13, the feed and wikitext rows: hostile inputs that must stay bounded in time and
 * memory, and the feed values (dates, ids, XML names) that must not be misread silently.
 * Heavy inputs run in a child process (test/hostile/), with a generous hang guard; their speed
 * is in `npm run bench -- hostile`, not asserted here.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  decodeEscapedWikitext,
  decodeHtmlEntities,
  decodeWikitextHtml,
  unescapeXml,
} from '../src/wikitext/decode.js';
import { runHostile } from './helpers/child-run.js';

const DECODERS: Record<string, (s: string) => string> = {
  unescapeXml,
  decodeWikitextHtml,
  decodeHtmlEntities,
  decodeEscapedWikitext,
};

describe('issue 13 row 2: decoders are linear on reference-like input', () => {
  test('4 MB of `&#`, `&#1`, `&amp;#` and kin finish, each unit decoded on its own', () => {
    const bytes = 4_000_000;
    const { detail } = runHostile('decoders.ts', [String(bytes)], { timeoutMs: 60_000 });
    const cases = detail as { shape: string; decoder: string; outputLength: number }[];
    assert.equal(cases.length, 32);
    for (const { shape, decoder, outputLength } of cases) {
      // No shape holds a reference that spans two units, so the output is the unit's, repeated.
      const units = Math.ceil(bytes / shape.length);
      assert.equal(outputLength, units * DECODERS[decoder]!(shape).length, `${decoder}(${shape})`);
    }
  });

  // Found by test/fuzz-feed.test.ts: the one-reference fallback left `&gt` (a legacy name,
  // no `;`) undecoded, and missed nl2br breaks before `\r` or spelt with numeric references.
  test('regression: decodeEscapedWikitext agrees with decodeWikitextHtml(unescapeXml)', () => {
    for (const raw of [
      '&gt',
      'a&lt;br /&gt;\r\nb',
      '&#60;br /&gt;\nc',
      '&amp;#38;amp;',
      '&x&lt;br /&gt;\n',
    ]) {
      assert.equal(decodeEscapedWikitext(raw), decodeWikitextHtml(unescapeXml(raw)), raw);
    }
    assert.equal(decodeEscapedWikitext('&gt'), '>');
    assert.equal(decodeEscapedWikitext('a&lt;br /&gt;\r\nb'), 'a\r\nb');
  });
});
