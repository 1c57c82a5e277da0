import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { headingAnchor } from '../src/sections/anchors.js';
import { DEFAULT_EXTENSION_TAGS } from '../src/sections/extension-tags.js';
import { parseSections } from '../src/sections/parse-sections.js';

const ORACLE = new URL('../fixtures/mediawiki-oracle/truth/', import.meta.url);
const PARSER_TESTS = new URL('../fixtures/mediawiki-parser-tests/', import.meta.url);
const read = (base: URL, path: string) => readFileSync(new URL(path, base), 'utf8');

// The corpus' two templates: Echo (`{{{1}}}`) is called inside a heading of the Sandbox.
const corpusTemplates = {
  Echo: read(ORACLE, 'wikitext/2.wiki'),
  Heading: read(ORACLE, 'wikitext/3.wiki'),
};

interface TruthSection {
  readonly index: string;
  readonly level: string;
  readonly byteoffset: number | null;
  readonly anchor: string;
}

describe('parseSections on the MediaWiki 1.39 corpus (truth/sections = action=parse)', () => {
  const revisions = readdirSync(new URL('wikitext/', ORACLE))
    .map((f) => f.replace(/\.wiki$/, ''))
    .sort((a, b) => Number(a) - Number(b));
  test('the corpus is there', () => assert.equal(revisions.length, 70));
  for (const rev of revisions) {
    test(`revision ${rev}`, () => {
      const text = read(ORACLE, `wikitext/${rev}.wiki`);
      const truth = (
        JSON.parse(read(ORACLE, `sections/${rev}.json`)) as { parse: { sections: TruthSection[] } }
      ).parse.sections
        // T-n (from a template) and '' (an HTML <h2>) have no place in this page's wikitext.
        .filter((s) => /^\d+$/.test(s.index))
        .map((s) => ({
          index: Number(s.index),
          level: Number(s.level),
          codePointOffset: s.byteoffset,
          anchor: s.anchor,
        }));
      const sections = parseSections(text, { templates: corpusTemplates });
      assert.deepEqual(sections[0]?.index, 0);
      assert.deepEqual(
        sections.slice(1).map((s) => ({
          index: s.index,
          level: s.level,
          codePointOffset: s.codePointOffset,
          anchor: s.anchor,
        })),
        truth,
      );
    });
  }
});

interface ParserTest {
  readonly file: string;
  readonly name: string;
  readonly wikitext: string;
  readonly config: string;
  readonly expected: readonly string[];
}

/** Cases of MediaWiki's parser test files whose `Sections:` metadata lists numbered sections. */
function parserTests(file: string): { tests: ParserTest[]; templates: Record<string, string> } {
  const text = read(PARSER_TESTS, file);
  const templates: Record<string, string> = {};
  for (const m of text.matchAll(/^!! article\n(.*)\n!! text\n([\s\S]*?)\n!! endarticle/gm)) {
    templates[m[1]!.trim()] = m[2]!;
  }
  const tests: ParserTest[] = [];
  for (const block of text.split(/^!! test\n/m).slice(1)) {
    const chunks = block.split(/^!! ([^\n]+)\n/m);
    const name = (chunks[0] ?? '').trim();
    const sections = new Map<string, string>();
    for (let k = 1; k < chunks.length; k += 2) sections.set(chunks[k]!.trim(), chunks[k + 1]!);
    // Legacy parser first: it numbers sections for action=edit; Parsoid may differ.
    const metadata = sections.get('metadata/php') ?? sections.get('metadata');
    if (metadata === undefined || !metadata.includes('Sections:')) continue;
    const expected = [
      ...metadata.matchAll(/^ *h(\d) index:(\d+) .*? off:(\d+) anchor\/linkAnchor:(.*?) line:/gm),
    ].map((m) => `${m[2]} h${m[1]} off:${m[3]} ${m[4]}`);
    tests.push({
      file,
      name,
      wikitext: (sections.get('wikitext') ?? '').replace(/\n$/, ''),
      config: sections.get('config') ?? '',
      expected,
    });
  }
  return { tests, templates };
}

// Parser-test cases whose expected anchor depends on something outside the wikitext.
const SKIPPED: Readonly<Record<string, string>> = {
  'Handle extension content in section headers properly (non-Cite version)':
    'the anchor is the print_r() output of the test-only <tag> extension',
  'Section headings with TOC, language conversion rules, and displaytitle\n(T306862, T331316, T26072)':
    'the anchor comes out of the pig-latin language variant (legacy-escaped)',
};

for (const [file, count] of [
  ['headings.txt', 31],
  ['legacyHeadings.txt', 27],
] as const) {
  describe(`parseSections on MediaWiki's parser tests: ${file}`, () => {
    const { tests, templates } = parserTests(file);
    test('the cases are there', () => assert.equal(tests.length, count));
    for (const t of tests) {
      const skip = SKIPPED[t.name];
      test(t.name, skip === undefined ? {} : { skip }, () => {
        // The parser tests register the test extensions <tag> and <spantag>; wgRawHtml adds <html>.
        const extensionTags = [...DEFAULT_EXTENSION_TAGS, 'tag', 'spantag'];
        if (/wgRawHtml\s*=\s*(1|true)/.test(t.config)) extensionTags.push('html');
        const got = parseSections(t.wikitext, { templates, extensionTags })
          .slice(1)
          .map((s) => `${s.index} h${s.level} off:${s.codePointOffset} ${s.anchor}`);
        assert.deepEqual(got, t.expected);
      });
    }
  });
}

describe("parseSections on MediaWiki's preprocessor test preprocess/Headings", () => {
  const input = read(PARSER_TESTS, 'preprocess/Headings.txt');
  const expected = read(PARSER_TESTS, 'preprocess/Headings.expected');
  const expectedNodes = [...expected.matchAll(/<h level="(\d)" i="(\d+)">/g)].map((m) => ({
    level: Number(m[1]),
    index: Number(m[2]),
  }));
  const sections = parseSections(input).slice(1);
  const lines = input.split('\n');

  test('the 27 lines with trailing comments and spaces are headings, numbered 1 to 27', () => {
    assert.equal(expectedNodes.length, 27);
    assert.deepEqual(
      sections.slice(0, 27).map((s) => ({ level: s.level, index: s.index })),
      expectedNodes,
    );
    for (const s of sections.slice(0, 27)) assert.equal(s.title, 'h');
  });

  test('text after the closing run stops a heading', () => {
    const notHeadings = lines.filter((l) => / x /.test(l) || / x $/.test(l));
    assert.equal(notHeadings.length, 3);
    for (const line of notHeadings) {
      assert.equal(sections.filter((s) => lines[s.startLine - 1] === line).length, 0, line);
    }
  });

  test('tabs between trailing comments: MediaWiki 1.39 code accepts them (see docs)', () => {
    // Headings.expected (an older preprocessor, which skipped only spaces before a comment)
    // lists `== h ==<!--c1--> \t<!--c2-->` as no heading. The 1.39 Preprocessor_Hash skips
    // " \t" there, so the comments abut and the line is a heading: we follow the 1.39 code.
    const tabbed = lines.filter((l) => l.startsWith('== h ==') && /--> ?\t<!--/.test(l));
    assert.equal(tabbed.length, 3);
    assert.equal(sections.length, 30);
  });
});

describe('parseSections rules', () => {
  const rows = (text: string, options = {}) =>
    parseSections(text, options).map((s) => [s.index, s.level, s.title]);

  test('level is the smaller run, capped at 6; surplus stays in the title', () => {
    assert.deepEqual(rows('==Unbalanced===\n======= Seven =======\n===a=\n===='), [
      [0, 0, ''],
      [1, 2, 'Unbalanced='],
      [2, 6, '= Seven ='],
      [3, 1, '==a'],
      // `====`: (4 - 1) / 2 = level 1, and the text between the outer `=` is `==`.
      [4, 1, '=='],
    ]);
  });

  test('not headings: comments, nowiki, pre, ref, includeonly, leading space, trailing text', () => {
    const text = [
      '<!--\n== c ==\n-->',
      '<nowiki>\n== n ==\n</nowiki>',
      '<pre>\n== p ==\n</pre>',
      '<ref>\n== r ==\n</ref>',
      '<includeonly>\n== i ==\n</includeonly>',
      ' == space ==',
      '== trailing == x',
      '== real ==',
    ].join('\n');
    assert.deepEqual(rows(text), [
      [0, 0, ''],
      [1, 2, 'real'],
    ]);
  });

  test('headings in <div>, tables, <noinclude> are headings', () => {
    const text =
      '<div>\n== d ==\n</div>\n{|\n|-\n|\n== t ==\n|}\n<noinclude>\n== n ==\n</noinclude>';
    assert.deepEqual(
      rows(text).map((r) => r[2]),
      ['', 'd', 't', 'n'],
    );
  });

  test('a heading inside a template argument takes a number but is not a section', () => {
    assert.deepEqual(rows('{{1x|1=\n== in ==\n}}\n== out =='), [
      [0, 0, ''],
      [2, 2, 'out'],
    ]);
  });

  test('an unknown extension tag is text: its headings count', () => {
    assert.deepEqual(rows('<ref>\n== r ==\n</ref>', { extensionTags: ['nowiki'] }), [
      [0, 0, ''],
      [1, 2, 'r'],
    ]);
  });

  test('offsets, code points, lines and the tree', () => {
    const text = '🎉 lead\n== A ==\na\n=== B ===\nb\n== C ==';
    const s = parseSections(text);
    assert.deepEqual(
      s.map((x) => [x.offset, x.codePointOffset, x.startLine, x.endLine, x.parent, x.children]),
      [
        [0, 0, 1, 1, null, [1, 3]],
        [8, 7, 2, 3, 0, [2]],
        [18, 17, 4, 5, 1, []],
        [30, 29, 6, 6, 0, []],
      ],
    );
    assert.equal(text.slice(s[1]!.offset, s[1]!.endOffset), '== A ==\na\n');
  });

  test('anchors: duplicates case-insensitively, entities, links, markup', () => {
    assert.deepEqual(
      parseSections('==a==\n==A==\n==a_2==\n==a==').map((s) => s.anchor),
      ['', 'a', 'A_2', 'a_2_2', 'a_3'],
    );
    assert.equal(headingAnchor("[[Cat|I love my ''cat'']]"), 'I_love_my_cat');
    assert.equal(headingAnchor('A&B&amp;C&amp;amp;D'), 'A&B&C&amp;D');
    assert.equal(headingAnchor('F&GT'), 'F&GT');
    assert.equal(headingAnchor('a&nbsp;b &#x1F600;'), 'a_b_😀');
    assert.equal(headingAnchor('x<ref>note</ref> <nowiki>[[y]]</nowiki>'), 'x_[[y]]');
    assert.equal(headingAnchor('{{Echo|T}} h', { templates: { Echo: '{{{1}}}' } }), 'T_h');
  });

  test('template expansion is bounded: depth, size, many calls; past a limit the anchor is flagged', () => {
    // Each level calls the next with a new name (no loop): the depth limit stops it.
    const chain = (name: string) => `{{L${Number(name.slice(10)) + 1}}}x`;
    const deep = parseSections('== {{L1}} ==', { resolveTemplate: chain, maxTemplateDepth: 50 });
    assert.equal(deep[1]?.anchorExact, false);
    // 100,000 calls of an empty template: each costs at least 100 characters of the budget.
    const wide = parseSections('== {{W}} ==\n== {{1x|after}} ==', {
      resolveTemplate: (n) => (n === 'Template:W' ? '{{V}}'.repeat(100_000) : '{{{1}}}'),
    });
    assert.deepEqual(
      wide.slice(1).map((s) => s.anchorExact),
      [false, false],
    );
    // A template calling itself is a loop: flagged, not expanded forever.
    assert.equal(
      parseSections('== {{R}} ==', { resolveTemplate: () => '{{R}}' })[1]?.anchorExact,
      false,
    );
    assert.throws(() => parseSections('', { maxTemplateDepth: 0 }), RangeError);
    assert.throws(() => parseSections('', { maxTemplateExpansion: -1 }), RangeError);
    assert.throws(
      () => parseSections('', { resolveTemplate: 'x' as unknown as () => null }),
      TypeError,
    );
  });

  test('a template resolver that parses pages itself leaves the page being parsed as it was', () => {
    // The scan reuses its buffers from page to page: a page parsed inside a resolver (here one
    // of 300 headings, past the page's own) must get buffers of its own.
    const page = Array.from({ length: 40 }, (_, k) => `== {{1x|H${k}}} ==\ntext ${k}`).join('\n');
    const other = Array.from({ length: 300 }, (_, k) => `=== O${k} ===`).join('\n');
    const plain = parseSections(page, { templates: { '1x': '{{{1}}}' } });
    const nested = parseSections(page, {
      resolveTemplate: (name) =>
        parseSections(other).length > 0 && name === 'Template:1x' ? '{{{1}}}' : null,
    });
    assert.deepEqual(nested, plain);
    assert.deepEqual(
      nested.slice(1, 3).map((s) => [s.index, s.anchor, s.startLine]),
      [
        [1, 'H0', 1],
        [2, 'H1', 3],
      ],
    );
  });

  test('misuse throws TypeError', () => {
    assert.throws(() => parseSections(42 as unknown as string), TypeError);
    assert.throws(
      () => parseSections('', { extensionTags: 'ref' as unknown as string[] }),
      TypeError,
    );
  });
});
