import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { diffText } from '../src/diff/diff-text.js';
import {
  compareSections,
  type SectionComparison,
  sectionComparison,
} from '../src/sections/compare-sections.js';
import type { TemplateResolver } from '../src/sections/expand-templates.js';
import { parseSections } from '../src/sections/parse-sections.js';
import { verifyAutocomment } from '../src/sections/verify-autocomment.js';

const ORACLE = new URL('../fixtures/mediawiki-oracle/truth/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ORACLE), 'utf8');
const wikitext = (rev: number) => read(`wikitext/${rev}.wiki`);

interface Action {
  readonly step: number;
  readonly via: string;
  readonly note: string;
  readonly params: { readonly section?: string | null; readonly title?: string };
  readonly form_prefilled_summary?: string;
  readonly response: {
    readonly oldrevid?: number;
    readonly newrevid?: number;
    readonly edit?: { readonly oldrevid?: number; readonly newrevid?: number };
  };
}
const actions = JSON.parse(read('actions.json')) as Action[];

// The stored comment of every revision (what a feed shows), from truth/revisions.
const comments = new Map<number, string>();
for (const file of readdirSync(new URL('revisions/', ORACLE))) {
  if (!file.endsWith('.admin.json')) continue;
  const page = (
    JSON.parse(read(`revisions/${file}`)) as {
      page?: { revisions?: { revid: number; comment?: string }[] };
    }
  ).page;
  for (const r of page?.revisions ?? []) comments.set(r.revid, r.comment ?? '');
}

const revsOf = (a: Action) => ({
  oldRev: a.response.oldrevid ?? a.response.edit?.oldrevid ?? 0,
  newRev: a.response.newrevid ?? a.response.edit?.newrevid ?? 0,
});

describe('section edits made through the edit form (truth/actions.json)', () => {
  const formEdits = actions.filter(
    (a) => a.via.includes('edit form') && typeof a.params.section === 'string',
  );
  test('the corpus has them', () => assert.equal(formEdits.length, 12));
  for (const a of formEdits) {
    const index = Number(a.params.section);
    test(`step ${a.step}: ${a.note}`, () => {
      const { oldRev, newRev } = revsOf(a);
      const oldText = wikitext(oldRev);
      const newText = wikitext(newRev);
      const comment = comments.get(newRev);
      assert.ok(comment !== undefined);
      const check = verifyAutocomment(comment, oldText, newText);
      if (a.form_prefilled_summary === '') {
        // A heading followed by a comment: the form pre-fills nothing, the summary claims nothing.
        assert.equal(check.verdict, 'no-claim');
        assert.deepEqual(check.named, []);
      } else {
        assert.equal(check.verdict, 'agrees');
        assert.equal(check.named.length, 1);
        assert.equal(check.named[0]?.section?.index, index);
        assert.equal(check.named[0]?.side, 'old');
      }
      const changes = compareSections(oldText, newText);
      const edited = changes.find((c) => c.before?.index === index && c.kind !== 'split');
      assert.ok(edited !== undefined);
      assert.notEqual(edited.kind, 'unchanged');
      // Did the edit touch only that section? Decided on the texts, not on compareSections.
      const s = parseSections(oldText)[index]!;
      const tail = oldText.length - s.endOffset;
      const onlyThat =
        newText.startsWith(oldText.slice(0, s.offset)) &&
        newText.endsWith(oldText.slice(s.endOffset)) &&
        newText.length - tail >= s.offset;
      assert.ok(onlyThat, 'every form section edit of the corpus stays in its section');
      assert.deepEqual(
        changes.filter((c) => c !== edited && c.kind !== 'unchanged'),
        [],
      );
    });
  }
});

describe('autocomments MediaWiki writes itself', () => {
  test('`/* T */ new section` names the added section', () => {
    const added = actions.filter((a) => a.params.section === 'new');
    assert.equal(added.length, 3);
    for (const a of added) {
      const { oldRev, newRev } = revsOf(a);
      const comment = comments.get(newRev)!;
      const check = verifyAutocomment(
        comment,
        oldRev === 0 ? '' : wikitext(oldRev),
        wikitext(newRev),
      );
      if (/\/\*.*\*\/ new section/.test(comment)) {
        assert.equal(check.verdict, 'agrees', comment);
        assert.equal(check.named[0]?.newSection, true);
        assert.equal(check.named[0]?.change?.kind, 'added');
      } else {
        // An explicit summary replaces the automatic one: no claim.
        assert.equal(check.verdict, 'no-claim', comment);
      }
    }
  });

  test('a section renamed in the edit is named by its old title, and agrees', () => {
    const check = verifyAutocomment(comments.get(10)!, wikitext(9), wikitext(10));
    assert.equal(comments.get(10), '/* Geography */ rename heading');
    assert.equal(check.verdict, 'agrees');
    const change = check.named[0]?.change;
    assert.equal(change?.kind, 'renamed');
    assert.equal(change?.oldTitle, 'Geography');
    assert.equal(change?.newTitle, 'Geography and climate');
  });

  test('the summary of a section-0 edit claims nothing', () => {
    assert.equal(comments.get(8), 'tweak lead');
    const check = verifyAutocomment(comments.get(8)!, wikitext(7), wikitext(8));
    assert.equal(check.verdict, 'no-claim');
    assert.deepEqual(
      check.changed.map((c) => c.after?.index),
      [0],
    );
  });
});

describe('verifyAutocomment reading rules', () => {
  const oldText = 'Lead\n== A ==\na\n== [[Main Page|Linked]] heading ==\nb\n== C ==\nc';
  const newText = 'Lead2\n== A ==\na\n== [[Main Page|Linked]] heading ==\nb2\n== C ==\nc';
  test('empty /* */ is the top; link markup and spacing are read like MediaWiki', () => {
    const check = verifyAutocomment('/* */ x, /*  Linked   heading */ y', oldText, newText);
    assert.deepEqual(
      check.named.map((n) => [n.text, n.section?.index, n.changed]),
      [
        ['', 0, true],
        ['Linked   heading', 2, true],
      ],
    );
    assert.equal(check.verdict, 'agrees');
  });
  test('a named section that did not change disagrees; an unknown name is unresolved', () => {
    assert.equal(verifyAutocomment('/* C */', oldText, newText).verdict, 'disagrees');
    assert.equal(verifyAutocomment('/* Nowhere */', oldText, newText).verdict, 'unresolved');
  });
});

describe('compareSections', () => {
  const kinds = (a: string, b: string) =>
    compareSections(a, b).map((c) => [c.kind, c.oldTitle, c.newTitle]);

  test('renamed, moved, added, removed', () => {
    const a = 'L\n== A ==\na1\na2\n== B ==\nb1\nb2\n== C ==\nc1\n== D ==\nd1';
    const b = 'L\n== A2 ==\na1\na2\n== C ==\nc1\n== B ==\nb1\nb2\n== E ==\ne1';
    assert.deepEqual(kinds(a, b), [
      ['unchanged', '', ''],
      ['renamed', 'A', 'A2'],
      ['unchanged', 'C', 'C'],
      // A removed section comes right after the new place of its old predecessor (C).
      ['removed', 'D', null],
      ['moved', 'B', 'B'],
      ['added', null, 'E'],
    ]);
  });

  test('split and merge', () => {
    const a = 'L\n== A ==\na1\na2\na3\na4\n== B ==\nb1\n== C ==\nc1\nc2';
    const split = 'L\n== A ==\na1\na2\n== A bis ==\na3\na4\n== B ==\nb1\n== C ==\nc1\nc2';
    assert.deepEqual(kinds(a, split)[2], ['split', 'A', 'A bis']);
    const merged = 'L\n== A ==\na1\na2\na3\na4\n== B ==\nb1\nc1\nc2';
    assert.deepEqual(kinds(a, merged)[3], ['merged', 'C', 'B']);
  });

  // Hostile heading shapes next to plain ones: entities, NBSPs, nowiki over lines, file links,
  // template calls and parameters (resolved, looping, unclosed), comments, extension tags.
  const hostile = fc.constantFrom(
    '== &nbsp; A &nbsp; ==',
    '==A <nowiki>B',
    'C</nowiki>==',
    '== [[File:x.jpg|thumb|c [[a|b]]]] ==',
    '== {{T|{{{1|x}}}|a=b}} ==',
    '== {{#switch:{{{1}}}|a|b=c|#default=d}} ==',
    '== {{Loop}} ==',
    '== {{#if:',
    '== }}{{{ ==',
    '== <!-- c --> h == <!-- d -->',
    '== <ref>x</ref> ==',
    '== &#0;&#xD800;&bogus; ==',
    '=\u00a0=\u00a0=',
    '== \u202e ==',
    '======= =======',
    '<nowiki>',
    '{{T|',
    '[[',
  );
  const line = fc.oneof(
    fc.constantFrom('== A ==', '== B ==', '=== C ===', '==D==', '', 'x', 'y', '{{t|', '}}'),
    hostile,
    fc.string({ maxLength: 6 }),
  );
  const text = fc.array(line, { maxLength: 25 }).map((ls) => ls.join('\n'));
  const templates: TemplateResolver = (name) =>
    name === 'Template:T' ? '{{{1}}}-{{{a|}}}' : name === 'Template:Loop' ? '{{Loop}}' : null;

  test('property: section line counts add up to the line diff totals', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const changes = compareSections(a, b);
        const diff = diffText(a, b);
        let added = 0;
        let removed = 0;
        for (const c of changes) {
          added += c.linesAdded;
          removed += c.linesRemoved;
        }
        assert.equal(added, diff.added);
        assert.equal(removed, diff.removed);
        // Every section of each side appears in some change.
        const before = new Set(changes.flatMap((c) => (c.before ? [c.before.index] : [])));
        const after = new Set(changes.flatMap((c) => (c.after ? [c.after.index] : [])));
        assert.equal(before.size, parseSections(a).length);
        assert.equal(after.size, parseSections(b).length);
      }),
      { numRuns: 300, seed: 17 },
    );
  });

  test("property: a given diff (the report's, with words and moves) counts what the line-only one does", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const counts = (c: SectionComparison) =>
          c.changes.map((x) => [x.linesAdded, x.linesRemoved]);
        const own = sectionComparison(a, b);
        assert.deepEqual(
          counts(sectionComparison(a, b, {}, { diff: diffText(a, b) })),
          counts(own),
        );
      }),
      { numRuns: 300, seed: 29 },
    );
    // It is read, not recomputed: the diff of other texts moves the counts.
    const a = 'L\n== A ==\na\n== B ==\nb';
    const b = 'L\n== A ==\na2\n== B ==\nb';
    const other = diffText(a, 'L\n== A ==\na\n== B ==\nb2');
    const given = sectionComparison(a, b, {}, { diff: other }).changes;
    assert.deepEqual(
      given.map((c) => [c.newTitle, c.linesAdded, c.linesRemoved]),
      [
        ['', 0, 0],
        ['A', 0, 0],
        ['B', 1, 1],
      ],
    );
  });

  test('fuzz: parseSections and verifyAutocomment never throw; sections tile the text', () => {
    const anyText = fc.oneof(
      text,
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
    );
    fc.assert(
      fc.property(anyText, anyText, fc.string({ maxLength: 30 }), (a, b, name) => {
        const sections = parseSections(a, { resolveTemplate: templates });
        let end = 0;
        for (const s of sections) {
          // Each section starts where the previous one ended; offsets stay inside the text.
          assert.equal(s.offset, end);
          assert.ok(s.endOffset >= s.offset && s.endOffset <= a.length);
          assert.ok(s.startLine >= 1 && s.endLine >= s.startLine - 1);
          assert.equal(typeof s.anchor, 'string');
          end = s.endOffset;
        }
        assert.equal(end, a.length);
        const check = verifyAutocomment(`/* ${name} */ x`, a, b);
        for (const n of check.named) {
          const r = n.compared.before;
          if (r !== null) assert.ok(r.offset <= r.endOffset && r.endOffset <= a.length);
        }
      }),
      { numRuns: 400, seed: 1713 },
    );
  });

  test('options are checked', () => {
    assert.throws(() => compareSections('', '', { renameSimilarity: 2 }), RangeError);
    assert.throws(() => compareSections(1 as unknown as string, ''), TypeError);
  });
});

/**
 * The seed feed's revisions with their comments, decoded by hand per FORMAT.md 6.1 (the feed
 * parser is another stage): `<p>USER: COMMENT</p>\n<hr />\n<div>TEXT</div>`, `<br />\n` → `\n`.
 */
function seedRevisions(): Map<number, { comment: string; text: string }> {
  const xml = readFileSync(
    new URL('../fixtures/seed-openvz/openvz-dlezcano.contributions.atom.xml', import.meta.url),
    'utf8',
  );
  const decodeXml = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#0?39;/g, "'")
      .replace(/&amp;/g, '&');
  const revisions = new Map<number, { comment: string; text: string }>();
  for (const m of xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)) {
    const entry = m[1] ?? '';
    const id = Number(/diff=(\d+)<\/id>/.exec(entry)?.[1]);
    const html = decodeXml(/<summary type="html">([\s\S]*?)<\/summary>/.exec(entry)?.[1] ?? '');
    const separator = '</p>\n<hr />\n<div>';
    const at = html.indexOf(separator);
    const head = html.slice('<p>'.length, at);
    revisions.set(id, {
      comment: decodeXml(head.slice(head.indexOf(': ') + 2)),
      text: decodeXml(
        html.slice(at + separator.length, html.lastIndexOf('</div>')).replace(/<br \/>\n/g, '\n'),
      ),
    });
  }
  return revisions;
}

describe('seed feed: Containers/Mini-summit 2008, revisions 6196 to 6200', () => {
  const revisions = seedRevisions();
  const expected: [number, string][] = [
    [6197, 'Agenda'],
    [6198, 'See also'],
    [6199, 'See also'],
    [6200, 'Agenda'],
  ];
  for (const [rev, name] of expected) {
    test(`${rev}: /* ${name} */ names the one section that changed`, () => {
      const before = revisions.get(rev - 1);
      const after = revisions.get(rev);
      assert.ok(before !== undefined && after !== undefined);
      assert.equal(after.comment, `/* ${name} */`);
      const check = verifyAutocomment(after.comment, before.text, after.text);
      assert.equal(check.verdict, 'agrees');
      assert.equal(check.named[0]?.section?.title, name);
      assert.deepEqual(check.unnamed, []);
      // Checked on the texts themselves: outside that section nothing differs.
      const s = check.named[0]!.section!;
      assert.ok(after.text.startsWith(before.text.slice(0, s.offset)));
      assert.ok(after.text.endsWith(before.text.slice(s.endOffset)));
      assert.notEqual(after.text, before.text);
    });
  }
});
