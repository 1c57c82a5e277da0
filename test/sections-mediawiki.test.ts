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
import { verifyAutocomment } from '../src/sections/verify-autocomment.js';
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
  'Template:Redirect': '#REDIRECT [[Template:1x]]',
  'Template:Redirect twice': '#REDIRECT [[Template:Redirect]]',
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
  '== {{Redirect|via redirect}} {{Redirect twice|twice}} ==',
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

/** A page whose sections nest and repeat, for section edits. */
const SECTIONS_PAGE = [
  'Lead.',
  '== Alpha ==',
  'a',
  '=== Alpha one ===',
  'a1',
  '=== Alpha two ===',
  'a2',
  '==== Deep ====',
  'd',
  '== Duplicate ==',
  'first dup',
  '== Beta ==',
  'b',
  '== Duplicate ==',
  'second dup',
  '=== Sub of dup ===',
  's',
  '== Last ==',
  'end',
].join('\n');

interface SectionEditStep {
  readonly note: string;
  readonly heading: string;
  /** Which section with that heading (0-based). */
  readonly nth?: number;
  /** The new text of the section, from its current text (as a user edits the textarea). */
  readonly change: (text: string) => string;
}

const SECTION_EDITS: readonly SectionEditStep[] = [
  {
    note: 'a change in a level-4 subsection, edited as its level-2 ancestor',
    heading: 'Alpha',
    change: (t) => t.replace('\nd', '\nd, deeper'),
  },
  {
    note: 'a change in a level-3 subsection, edited as its ancestor',
    heading: 'Alpha',
    change: (t) => t.replace('a1', 'a1 changed'),
  },
  {
    note: 'subsections reordered inside the section',
    heading: 'Alpha',
    change: (t) => {
      const [head, one, two] = t.split(/\n(?==== [^=])/);
      return `${head}\n${two!.trimEnd()}\n${one!.trimEnd()}`;
    },
  },
  {
    note: 'a subsection added inside the section',
    heading: 'Alpha',
    change: (t) => `${t}\n=== Alpha three ===\na3`,
  },
  {
    note: 'a subsection removed',
    heading: 'Alpha',
    change: (t) => t.replace(/=== Alpha one ===\n[^\n]*\n/, ''),
  },
  { note: 'the level-4 section itself', heading: 'Deep', change: (t) => `${t}\nmore` },
  {
    note: 'the second of two equal headings',
    heading: 'Duplicate',
    nth: 1,
    change: (t) => t.replace('second dup', 'second dup, edited'),
  },
  {
    note: 'a subsection of the second duplicate',
    heading: 'Duplicate',
    nth: 1,
    change: (t) => t.replace('\ns', '\ns, edited'),
  },
  {
    note: 'the first of two equal headings',
    heading: 'Duplicate',
    change: (t) => t.replace('first dup', 'first dup, edited'),
  },
  {
    note: 'a heading renamed through its own section edit',
    heading: 'Beta',
    change: (t) => t.replace('== Beta ==', '== Beta renamed =='),
  },
  { note: 'the lead (section 0: no autocomment)', heading: '', change: (t) => `${t} More.` },
  {
    note: 'a section saved empty',
    heading: 'Last',
    change: () => '',
  },
];

async function pageText(wiki: TestWiki, title: string): Promise<string> {
  const r = (await api(wiki, {
    action: 'query',
    prop: 'revisions',
    titles: title,
    rvprop: 'content',
    rvslots: 'main',
  })) as { query: { pages: { revisions: { slots: { main: { content: string } } }[] }[] } };
  return r.query.pages[0]!.revisions[0]!.slots.main.content;
}

async function revisionText(wiki: TestWiki, revid: number): Promise<string> {
  const r = (await api(wiki, {
    action: 'query',
    prop: 'revisions',
    revids: String(revid),
    rvprop: 'content',
    rvslots: 'main',
  })) as { query: { pages: { revisions: { slots: { main: { content: string } } }[] }[] } };
  return r.query.pages[0]!.revisions[0]!.slots.main.content;
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * Saves section `section` of `title` through index.php's edit form as a browser does: the form's
 * hidden fields sent back, the pre-filled summary kept, the section's text changed by `change`.
 */
async function formEdit(
  wiki: TestWiki,
  title: string,
  section: number,
  change: (text: string) => string,
) {
  const current = (await api(wiki, {
    action: 'query',
    prop: 'revisions',
    titles: title,
    rvprop: 'content|ids',
    rvslots: 'main',
    rvsection: String(section),
  })) as {
    query: { pages: { revisions: { revid: number; slots: { main: { content: string } } }[] }[] };
  };
  const rev = current.query.pages[0]!.revisions[0]!;
  const html = await (
    await fetch(`${wiki.index}?title=${encodeURIComponent(title)}&action=edit&section=${section}`)
  ).text();
  const form = /<form[^>]*id="editform"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const fields = new URLSearchParams();
  let prefill = '';
  for (const [tag] of form.matchAll(/<input[^>]*>/g)) {
    const attr = new Map<string, string>();
    for (const m of tag.matchAll(/([\w-]+)=(?:"([^"]*)"|'([^']*)')/g)) {
      attr.set(m[1]!, unescapeHtml(m[2] ?? m[3] ?? ''));
    }
    const name = attr.get('name');
    if (name === undefined) continue;
    if (name === 'wpSummary') prefill = attr.get('value') ?? '';
    else if (attr.get('type') === 'hidden') fields.set(name, attr.get('value') ?? '');
  }
  fields.set('wpTextbox1', change(rev.slots.main.content));
  fields.set('wpSummary', prefill);
  fields.set('wpSave', 'Save page');
  const saved = await fetch(`${wiki.index}?title=${encodeURIComponent(title)}&action=submit`, {
    method: 'POST',
    body: fields,
    redirect: 'manual',
  });
  const answer = await saved.text();
  const history = (await api(wiki, {
    action: 'query',
    prop: 'revisions',
    titles: title,
    rvprop: 'ids|comment',
    rvlimit: '1',
  })) as {
    query: { pages: { revisions: { revid: number; parentid: number; comment: string }[] }[] };
  };
  const latest = history.query.pages[0]!.revisions[0]!;
  assert.equal(
    latest.parentid,
    rev.revid,
    `the form saved section ${section} of ${title}: ${saved.status} ${answer.slice(0, 300)}`,
  );
  return {
    prefill,
    comment: latest.comment,
    oldText: await revisionText(wiki, latest.parentid),
    newText: await revisionText(wiki, latest.revid),
  };
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

  test('section edits through the edit form: subsections, duplicates, reorders agree', async (t) => {
    const title = 'Section edits';
    await edit(wiki, title, SECTIONS_PAGE, 'create');
    let agree = 0;
    for (const step of SECTION_EDITS) {
      const sections = parseSections(await pageText(wiki, title));
      const target = sections.filter((s) => s.title === step.heading)[step.nth ?? 0];
      assert.ok(target !== undefined, step.heading);
      const saved = await formEdit(wiki, title, target.index, step.change);
      assert.equal(saved.prefill, target.index === 0 ? '' : `/* ${step.heading} */ `);
      const check = verifyAutocomment(saved.comment, saved.oldText, saved.newText);
      const label = `${step.note} (section ${target.index})`;
      if (target.index === 0) {
        assert.equal(check.verdict, 'no-claim', label);
        continue;
      }
      assert.equal(check.verdict, 'agrees', label);
      const named = check.named[0]!;
      assert.equal(named.section?.index, target.index, label);
      // The range compared is the section with its subsections, as section=N edits it.
      const range = named.compared.before!;
      const last = sections.find((s, k) => k > sections.indexOf(target) && s.level <= target.level);
      assert.deepEqual(
        [range.first, range.offset, range.endOffset],
        [target.index, target.offset, last?.offset ?? saved.oldText.length],
        label,
      );
      assert.deepEqual(check.unnamed, [], label);
      agree++;
    }
    t.diagnostic(`${agree} real section edits judged 'agrees'`);
    // The last edit (Last saved empty) with a summary naming untouched sections disagrees.
    const h = (await api(wiki, {
      action: 'query',
      prop: 'revisions',
      titles: title,
      rvprop: 'ids',
      rvlimit: '2',
    })) as { query: { pages: { revisions: { revid: number }[] }[] } };
    const [newRev, oldRev] = h.query.pages[0]!.revisions;
    const check = verifyAutocomment(
      '/* Duplicate */ ',
      await revisionText(wiki, oldRev!.revid),
      await revisionText(wiki, newRev!.revid),
    );
    assert.equal(check.verdict, 'disagrees');
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
