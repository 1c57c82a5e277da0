/**
 * Fuzzing the feed reader and the decoders with fast-check (fixed seed, bounded runs: seconds):
 * the decoders never throw and agree with their definitions on any string; `parseFeed` either
 * returns a feed or throws a `WikirevError`, never another error. Every failure found here
 * became a named regression test in feed-bounds.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import he from 'he';
import { WikirevError } from '../src/errors.js';
import { parseFeed } from '../src/feed/parse-feed.js';
import {
  decodeEscapedWikitext,
  decodeHtmlEntities,
  decodeWikitextHtml,
  unescapeXml,
} from '../src/wikitext/decode.js';
import { CORPUS } from './helpers/corpus.js';

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

/** Any UTF-16 string, lone surrogates included (fast-check's `binary` unit is far slower). */
const anyUtf16 = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 60 })
  .map((units) => String.fromCharCode(...units));

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
      fc.property(fc.oneof(referenceSoup, anyUtf16), (s) => {
        unescapeXml(s);
        decodeHtmlEntities(s);
        decodeWikitextHtml(s);
        decodeEscapedWikitext(s);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});

/** Pieces of feeds and of what breaks them: markup, references, dates, ids, names. */
const xmlSoup = fc.constantFrom(
  '<entry>',
  '</entry>',
  '<item>',
  '</item>',
  '<title>',
  '</title>',
  '<summary type="html">',
  '</summary>',
  '<description>',
  '</description>',
  '<link rel="alternate" type="text/html" href="https://w.example/index.php?title=P&amp;diff=9007199254740993&amp;oldid=prev"/>',
  '<link>https://w.example/index.php?title=P&amp;diff=12&amp;oldid=0</link>',
  '<updated>0050-06-01T00:00:00+99:99</updated>',
  '<pubDate>Fri, 31 Dec 9999 23:59:60 -0200</pubDate>',
  '<author><name>',
  '</name></author>',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '<?pi x?>',
  '<!DOCTYPE feed>',
  '<!ENTITY e "x">',
  '&amp;',
  '&lt;',
  '&lt;br /&gt;\n',
  '&#',
  '&#x26;',
  '&amp;#1',
  '&lt;p&gt;',
  '&lt;/p&gt;\n&lt;hr /&gt;\n&lt;div&gt;',
  '&lt;/div&gt;',
  '&lt;table class="diff"&gt;&lt;tr&gt;&lt;td class="diff-lineno"&gt;Line 9007199254740993:&lt;/td&gt;',
  '<__proto__>',
  '</__proto__>',
  '<constructor a="1"/>',
  '<#text>',
  '<a:b xmlns:a="u">',
  '</a:b>',
  '"',
  "'",
  '=',
  '>',
  '<',
  '/',
  ' ',
  '\n',
  '\r',
  '\u0000',
  '\ufeff',
  '\ud800',
  'x',
  '9',
);

const smallFeeds = [
  'feeds/history/main-page.atom.xml',
  'feeds/contributions/ip-127.0.0.1.rss.xml',
  'feeds/recentchanges/linked-sandbox.rss.xml',
].map((path) => readFileSync(join(CORPUS, path), 'utf8'));

/** A real feed with a few splices: a cut and a piece of soup inserted at random places. */
const mutatedFeed = fc
  .tuple(
    fc.constantFrom(...smallFeeds),
    fc.array(
      fc.tuple(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(30),
        fc.array(xmlSoup, { maxLength: 4 }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([feed, splices]) => {
    let text = feed;
    for (const [where, cut, insert] of splices) {
      const at = Math.floor(where * text.length);
      text = text.slice(0, at) + insert.join('') + text.slice(at + cut);
    }
    return text;
  });

/** A document made of soup inside an Atom or RSS frame. */
const soupFeed = fc
  .tuple(fc.boolean(), fc.array(xmlSoup, { maxLength: 40 }))
  .map(([rss, parts]) =>
    rss
      ? `<rss version="2.0"><channel><title>T</title>${parts.join('')}</channel></rss>`
      : `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>${parts.join('')}</feed>`,
  );

describe('parseFeed on any input (fast-check)', () => {
  const returnsOrWikirevError = (input: string | Uint8Array) => {
    try {
      parseFeed(input);
    } catch (error) {
      if (!(error instanceof WikirevError)) throw error;
    }
  };

  test('mutated real feeds: a feed or a WikirevError, never another error', () => {
    fc.assert(fc.property(mutatedFeed, returnsOrWikirevError), { seed: SEED, numRuns: 1500 });
  });

  test('feeds of XML soup: a feed or a WikirevError, never another error', () => {
    fc.assert(fc.property(soupFeed, returnsOrWikirevError), { seed: SEED, numRuns: 1500 });
  });

  test('random bytes: a feed or a WikirevError, never another error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        returnsOrWikirevError(bytes);
        returnsOrWikirevError(new Uint8Array([0x3c, 0x66, 0x3e, ...bytes]));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
