/**
 * Issue 13, the feed and wikitext rows: hostile inputs that must stay bounded in time and
 * memory, and the feed values (dates, ids, XML names) that must not be misread silently.
 * Heavy inputs run in a child process (test/hostile/), with a generous hang guard; their speed
 * is in `npm run bench -- hostile`, not asserted here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { WikirevError } from '../src/errors.js';
import { parseFeed } from '../src/feed/parse-feed.js';
import { decodeCharReferences } from '../src/sections/char-references.js';
import {
  decodeEscapedWikitext,
  decodeHtmlEntities,
  decodeWikitextHtml,
  unescapeXml,
} from '../src/wikitext/decode.js';
import { runHostile } from './helpers/child-run.js';
import { CORPUS } from './helpers/corpus.js';

const atom = (entries: string) =>
  `<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>T</title>${entries}</feed>`;

const DECODERS: Record<string, (s: string) => string> = {
  unescapeXml,
  decodeWikitextHtml,
  decodeHtmlEntities,
  decodeEscapedWikitext,
  decodeCharReferences,
};

describe('issue 13 row 2: decoders are linear on reference-like input', () => {
  test('4 MB of `&#`, `&#1`, `&amp;#`, `&a;`, `&#xFFFFFFFFF` and kin finish, each unit decoded on its own', () => {
    const bytes = 4_000_000;
    const { detail } = runHostile('decoders.ts', [String(bytes)]);
    const cases = detail as { shape: string; decoder: string; outputLength: number }[];
    assert.equal(cases.length, 22 * 5);
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

describe('issue 13 row 3: one huge element is bounded in memory, or refused while scanning', () => {
  /** Peak RSS growth over the process before the input, against the input size. */
  const growth = (r: { maxRssMb: number; detail: unknown }) => {
    const d = r.detail as { inputMb: number; rssBeforeMb: number };
    return (r.maxRssMb - (d.rssBeforeMb - d.inputMb)) / d.inputMb;
  };

  for (const element of ['title', 'summary', 'unknown']) {
    test(`a 40 MB <${element}> under maxEntryBytes is read, peak memory under 3x the input`, () => {
      const r = runHostile('feed-one-element.ts', ['40', element]);
      assert.match(r.outcome, /^ok/);
      if (element === 'title')
        assert.equal((r.detail as { titleLength: number }).titleLength, 40_000_000);
      assert.ok(growth(r) <= 3, `peak ${r.maxRssMb.toFixed(0)} MB: ${growth(r).toFixed(2)}x`);
    });
  }

  test('past maxEntryBytes it is ENTRY_TOO_LARGE, before any object is built', () => {
    const r = runHostile('feed-one-element.ts', ['40', 'title', '{"maxEntryBytes":1000000}']);
    assert.equal((r.detail as { error: string }).error, 'ENTRY_TOO_LARGE');
    assert.ok(growth(r) <= 3, `peak ${r.maxRssMb.toFixed(0)} MB: ${growth(r).toFixed(2)}x`);
  });

  test('ENTRY_TOO_LARGE names the element, the option and where it starts', () => {
    const feed = atom(`<entry><title>${'x'.repeat(101)}</title></entry>`);
    assert.throws(
      () => parseFeed(feed, { maxEntryBytes: 100 }),
      (e: unknown) =>
        e instanceof WikirevError &&
        e.code === 'ENTRY_TOO_LARGE' &&
        /<title>.*maxEntryBytes \(100\)/.test(e.message) &&
        e.line === 2,
    );
    // Text split by comments and CDATA sections counts as one element's text.
    const split = atom(
      `<entry><title>${'x'.repeat(60)}<!-- -->${'y'.repeat(30)}<![CDATA[${'z'.repeat(20)}]]></title></entry>`,
    );
    assert.throws(() => parseFeed(split, { maxEntryBytes: 100 }), /ENTRY_TOO_LARGE|maxEntryBytes/);
    assert.equal(parseFeed(split, { maxEntryBytes: 110 }).entries.length, 1);
    assert.throws(() => parseFeed(feed, { maxEntryBytes: 0 }), RangeError);
  });

  test('a feed with over 1 MiB of text outside summaries reads as it would without it', () => {
    // Past 1 MiB such text is cut out before fast-xml-parser and put back (see xml.ts).
    const entries = Array.from(
      { length: 50 },
      (_, i) =>
        `<entry><id>https://w.example/index.php?title=P&amp;diff=${i + 1}</id>` +
        `<title>T&amp;${i} ${'long title '.repeat(3)}<!-- c --> after &lt;b&gt;<![CDATA[<cd&>]]> end</title>` +
        `<updated>2026-11-21T20:56:17Z</updated><author><name>User ${i} with a long name</name></author>` +
        `<summary type="html">&lt;p&gt;c&lt;/p&gt;</summary></entry>`,
    ).join('\n');
    const plain = parseFeed(atom(entries));
    const padded = parseFeed(atom(`<junk>${'j'.repeat(1_100_000)}</junk>${entries}`));
    assert.deepEqual(padded.entries, plain.entries);
    assert.equal(plain.entries[3]!.title, `T&3 ${'long title '.repeat(3)} after <b><cd&> end`);
  });
});

describe('issue 13 row 13: fast-xml-parser oddities', () => {
  const title = (inner: string) =>
    parseFeed(atom(`<entry><title>${inner}</title></entry>`)).entries[0]!.title;

  test('CDATA in mixed content stays in its place among the text', () => {
    assert.equal(title('a<![CDATA[<b>&amp;]]>c'), 'a<b>&amp;c');
    assert.equal(title('<![CDATA[x]]>&lt;<![CDATA[y]]>'), 'x<y');
  });

  test('an element inside a text element is read as its text, with a diagnostic', () => {
    const feed = (inner: string) =>
      parseFeed(
        atom(
          `<entry/><entry><title>${inner}</title><updated>2026-11-21T20:56:17Z</updated></entry>`,
        ),
      );
    const cases: [string, string][] = [
      ['a<b>x</b>c', 'axc'],
      ['a<b/>c', 'ac'],
      ['a<id>x</id>c', 'axc'],
      ['a<b t="q>r">x<!-- c --><c>y<![CDATA[<z&>]]></c><?p ?></b>c &amp; d', 'axy<z&>c & d'],
    ];
    for (const [inner, expected] of cases) {
      const read = feed(inner);
      assert.equal(read.entries[1]!.title, expected, inner);
      const notes = read.diagnostics.filter((d) => d.code === 'FEED_MARKUP_IN_TEXT');
      assert.equal(notes.length, 1, inner);
      assert.equal(notes[0]!.entryIndex, 1);
      assert.match(notes[0]!.message, /^entry 1: <title> holds an element <(b|id)>/);
    }
    const header = parseFeed(atom('').replace('<title>T</title>', '<title>T<i>x</i></title>'));
    assert.equal(header.title, 'Tx');
    assert.deepEqual(
      header.diagnostics.map((d) => [d.code, d.entryIndex]),
      [['FEED_MARKUP_IN_TEXT', undefined]],
    );
    // Its text counts against maxEntryBytes with the element's own.
    assert.throws(
      () =>
        parseFeed(atom(`<entry><title>${'x'.repeat(60)}<b>${'y'.repeat(60)}</b></title></entry>`), {
          maxEntryBytes: 100,
        }),
      (e: unknown) => e instanceof WikirevError && e.code === 'ENTRY_TOO_LARGE',
    );
  });

  test('element names that are not XML names (`#text`, `:@`, `@_rel`) are INVALID_XML', () => {
    for (const name of ['#text', '#cdata', ':@x', '@_rel', '1a', '-a']) {
      assert.throws(
        () => title(`a<${name}>b</${name}>c`),
        (e: unknown) => e instanceof WikirevError && e.code === 'INVALID_XML',
        name,
      );
    }
  });

  test('names of Object.prototype members, as elements or attributes, are plain data', () => {
    const inner =
      'T<hasOwnProperty>1</hasOwnProperty><toString>2</toString><valueOf/><__proto__>3</__proto__>';
    // Read as the title's text (with a diagnostic), never as the objects' own members.
    assert.equal(title(inner), 'T123');
    const attrs = parseFeed(
      atom('<entry><title #text="x" constructor="y" __proto__="z">T</title></entry>'),
    );
    assert.equal(attrs.entries[0]!.title, 'T');
    assert.equal(({} as Record<string, unknown>).z, undefined);
  });
});

describe('issue 13 row 11: dates are read as written, or refused with a reason', () => {
  const read = (date: string, rss = false) => {
    const feed = rss
      ? `<rss version="2.0"><channel><title>T</title><item><title>x</title><link>https://w.example/index.php?title=P&amp;diff=1</link><pubDate>${date}</pubDate></item></channel></rss>`
      : atom(`<entry><title>x</title><updated>${date}</updated></entry>`);
    const parsed = parseFeed(feed);
    const bad = parsed.diagnostics.find((d) => d.code === 'ENTRY_BAD_DATE');
    return { timestamp: parsed.entries[0]!.timestamp, problem: bad?.message ?? null };
  };

  test('years 0000-0099 are not read as 1900-1999', () => {
    assert.deepEqual(read('0050-06-01T00:00:00Z'), {
      timestamp: '0050-06-01T00:00:00Z',
      problem: null,
    });
    assert.equal(read('0000-01-01T00:00:00Z').timestamp, '0000-01-01T00:00:00Z');
    assert.equal(read('0050-06-01T00:30:00+01:00').timestamp, '0050-05-31T23:30:00Z');
    assert.equal(read('Wed, 01 Jun 0050 00:00:00 GMT', true).timestamp, '0050-06-01T00:00:00Z');
  });

  test('a leap second reads as :59; year 9999 stays four digits', () => {
    assert.equal(read('9999-12-31T23:59:60Z').timestamp, '9999-12-31T23:59:59Z');
    assert.equal(read('Fri, 31 Dec 9999 23:59:60 GMT', true).timestamp, '9999-12-31T23:59:59Z');
    assert.match(read('2026-01-01T12:00:60Z').problem ?? '', /second 60/);
  });

  test('dates that leave the years 0000-9999 in UTC are null with a diagnostic', () => {
    for (const [date, rss] of [
      ['9999-12-31T23:59:59-01:00', false],
      ['0000-01-01T00:30:00+01:00', false],
      ['Fri, 31 Dec 9999 23:00:00 -0200', true],
    ] as const) {
      const r = read(date, rss);
      assert.equal(r.timestamp, null, date);
      assert.match(r.problem ?? '', /years 0000–9999/, date);
    }
  });

  test('offsets past 23:59 are null with a diagnostic', () => {
    for (const [date, rss] of [
      ['2026-01-01T00:00:00+99:99', false],
      ['2026-01-01T00:00:00+24:00', false],
      ['2026-01-01T00:00:00-05:60', false],
      ['Sat, 21 Nov 2026 20:55:25 +9999', true],
    ] as const) {
      const r = read(date, rss);
      assert.equal(r.timestamp, null, date);
      assert.match(r.problem ?? '', /offset .* out of range/, date);
    }
    assert.equal(read('2026-01-01T00:00:00+14:00').timestamp, '2025-12-31T10:00:00Z');
  });

  test("the feed's own date gets a diagnostic too", () => {
    const feed = parseFeed(
      atom('').replace('<title>T</title>', '<updated>0000-01-01T00:00:00+01:00</updated>'),
    );
    assert.equal(feed.updated, null);
    assert.ok(feed.diagnostics.some((d) => d.code === 'FEED_BAD_DATE'));
  });
});

describe('issue 13 row 12: ids past 2^53 - 1 never collide silently', () => {
  const entry = (url: string) =>
    `<entry><id>${url}</id><title>x</title><updated>2026-11-21T20:56:17Z</updated></entry>`;

  test('diff=9007199254740993 and …992 stay apart: null ids, each with a diagnostic', () => {
    const feed = parseFeed(
      atom(
        entry(
          'https://w.example/index.php?title=P&amp;diff=9007199254740993&amp;oldid=9007199254740992',
        ) +
          entry('https://w.example/index.php?title=P&amp;diff=9007199254740992&amp;oldid=5') +
          entry('https://w.example/index.php?title=P&amp;diff=9007199254740991&amp;oldid=prev'),
      ),
    );
    assert.deepEqual(
      feed.entries.map((e) => [e.revisionId, e.parentRevisionId]),
      [
        [null, null],
        [null, 5],
        [9007199254740991, 'prev'],
      ],
    );
    const messages = feed.diagnostics.map((d) => `${d.code} ${d.entryIndex} ${d.message}`);
    assert.ok(
      messages.some((m) => /^ENTRY_BAD_REVISION_ID 0 .*9007199254740993 is too large/.test(m)),
    );
    assert.ok(
      messages.some((m) => /^ENTRY_BAD_PARENT_ID 0 .*9007199254740992 is too large/.test(m)),
    );
    assert.ok(
      messages.some((m) => /^ENTRY_BAD_REVISION_ID 1 .*9007199254740992 is too large/.test(m)),
    );
  });

  test("a revision-deleted notice's id past 2^53 - 1 is null with a diagnostic", () => {
    const summary =
      "&lt;p&gt;A: c&lt;/p&gt;\n&lt;p&gt;Can't load revision 9007199254740993&lt;/p&gt;";
    const feed = parseFeed(
      atom(
        `<entry><id>https://w.example/index.php?title=P&amp;diff=7&amp;oldid=6</id><title>P</title><updated>2026-11-21T20:56:17Z</updated><author><name>A</name></author><summary type="html">${summary}</summary></entry>`,
      ),
    );
    const content = feed.entries[0]!.content;
    assert.equal(content.kind, 'unavailable');
    assert.equal(content.kind === 'unavailable' ? content.revisionId : 0, null);
    assert.ok(feed.diagnostics.some((d) => /too large to be read exactly/.test(d.message)));
  });
});

describe('issue 13, same class as row 3: element floods are cut or counted before parsing', () => {
  test('40 MB of unread elements (`<a/>`, `<a/>x`, `<a/>\\n`) parse in under 3x the input', () => {
    for (const unit of ['<a/>', '<a/>x', '<a/>\n ']) {
      const r = runHostile('feed-flood.ts', ['40', unit]);
      const d = r.detail as { inputMb: number; rssBeforeMb: number };
      const growth = (r.maxRssMb - (d.rssBeforeMb - d.inputMb)) / d.inputMb;
      assert.match(r.outcome, /^ok/);
      assert.ok(growth <= 3, `${unit}: peak ${r.maxRssMb.toFixed(0)} MB, ${growth.toFixed(2)}x`);
    }
  });

  test('more entries than maxFeedEntries is INPUT_TOO_LARGE', () => {
    assert.throws(
      () => parseFeed(atom('<entry/>'.repeat(11)), { maxFeedEntries: 10 }),
      (e: unknown) =>
        e instanceof WikirevError &&
        e.code === 'INPUT_TOO_LARGE' &&
        /maxFeedEntries \(10\)/.test(e.message),
    );
    assert.equal(parseFeed(atom('<entry/>'.repeat(10)), { maxFeedEntries: 10 }).entries.length, 10);
  });

  test('a text element made of elements is NOT_A_FEED', () => {
    assert.throws(
      () => parseFeed(atom(`<entry><title>${'x<a/>'.repeat(17)}</title></entry>`)),
      (e: unknown) => e instanceof WikirevError && e.code === 'NOT_A_FEED',
    );
  });

  test('unread elements anywhere do not change what is read', () => {
    const file = readFileSync(join(CORPUS, 'feeds/history/main-page.atom.xml'), 'utf8');
    const junk = '<x:junk a="1"><title>not this</title>text<entry/></x:junk><junk/>';
    const padded = file
      .replace(/<entry>/g, `<entry>${junk}`)
      .replace(/<\/title>/g, `</title>${junk}`)
      .replace(/<author>/g, `<author>${junk}`);
    assert.notEqual(padded, file);
    assert.deepEqual(parseFeed(padded), parseFeed(file));
  });
});

describe('issue 13, same class as row 3: attributes and depth are bounded', () => {
  const refused = (body: string, code: string) =>
    assert.throws(
      () => parseFeed(atom(body)),
      (e: unknown) => e instanceof WikirevError && e.code === code,
    );

  test('more than 64 attributes on one element is NOT_A_FEED', () => {
    refused(`<entry><title ${'a="1" '.repeat(65)}>x</title></entry>`, 'NOT_A_FEED');
    refused(`<entry><junk ${'a="1" '.repeat(65)}/></entry>`, 'NOT_A_FEED');
    assert.equal(
      parseFeed(atom(`<entry><title ${'a="1" '.repeat(64)}>x</title></entry>`)).entries[0]!.title,
      'x',
    );
  });

  test('elements nested deeper than 64 are INVALID_XML, even where they would be cut', () => {
    refused(`<entry>${'<a>'.repeat(70)}${'</a>'.repeat(70)}</entry>`, 'INVALID_XML');
  });

  test('attribute values count toward maxEntryBytes', () => {
    const body = `<entry><link rel="alternate" href="${'a'.repeat(200)}"/></entry>`;
    assert.throws(
      () => parseFeed(atom(body), { maxEntryBytes: 100 }),
      (e: unknown) => e instanceof WikirevError && e.code === 'ENTRY_TOO_LARGE',
    );
  });
});

describe('issue 13, same class as row 3: the token delimiter cannot be exhausted cheaply', () => {
  test('a document holding every private-use character still reads (or refuses) in one pass', () => {
    let privateUse = '';
    for (let c = 0xe000; c <= 0xf8ff; c++) privateUse += String.fromCharCode(c);
    const body = `<entry><title>${privateUse}</title></entry><junk/>`;
    // Every private-use character: refused, in one pass over the text.
    assert.throws(
      () => parseFeed(atom(body)),
      (e: unknown) => e instanceof WikirevError && e.code === 'NOT_A_FEED',
    );
    // All but one: that one delimits the tokens, and the title comes back whole.
    const title = privateUse.replace('\uf000', '');
    const feed = parseFeed(atom(`<entry><title>${title}</title></entry><junk/>`));
    assert.equal(feed.entries[0]!.title, title);
  });
});
