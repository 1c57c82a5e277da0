/**
 * The revisions stage's helpers on their own: diff-table application, titles, SHA-1, reverts,
 * move comments. Expected values come from the oracle corpus (truth/) where one exists.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { DiffTableHunk, DiffTableRow } from '../src/model.js';
import { applyDiffTable } from '../src/revisions/apply-diff-table.js';
import { parseMoveComment } from '../src/revisions/page-moves.js';
import { detectReverts, type RevertCandidate } from '../src/revisions/reverts.js';
import { sha1Hex } from '../src/revisions/sha1.js';
import { normalizeTitle } from '../src/revisions/titles.js';

const TRUTH = new URL('../fixtures/mediawiki-oracle/truth/', import.meta.url);
const wikitext = (id: number) => readFileSync(new URL(`wikitext/${id}.wiki`, TRUTH), 'utf8');
const truthRevisions = (slug: string) =>
  (
    JSON.parse(readFileSync(new URL(`revisions/${slug}.admin.json`, TRUTH), 'utf8')) as {
      page: { revisions: { revid: number; sha1: string; size: number }[] };
    }
  ).page.revisions;

/** A one-hunk table covering both texts entirely, from a longest-common-subsequence walk. */
function fullTable(a: readonly string[], b: readonly string[]): DiffTableHunk[] {
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const rows: DiffTableRow[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      rows.push({ kind: 'context', text: a[i]! });
      i++;
      j++;
    } else if (i < n && j < m && lcs[i + 1]![j + 1] === lcs[i]![j]) {
      rows.push({
        kind: 'changed',
        oldText: a[i]!,
        newText: b[j]!,
        oldChanges: [],
        newChanges: [],
      });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      rows.push({ kind: 'added', text: b[j]!, changes: [], moved: null });
      j++;
    } else {
      rows.push({ kind: 'deleted', text: a[i]!, changes: [], moved: null });
      i++;
    }
  }
  return [{ oldLine: 1, newLine: 1, rows }];
}

describe('applyDiffTable', () => {
  const hunk: DiffTableHunk = {
    oldLine: 2,
    newLine: 2,
    rows: [
      { kind: 'context', text: 'b' },
      { kind: 'deleted', text: 'c', changes: [], moved: null },
      { kind: 'added', text: 'C', changes: [], moved: null },
      { kind: 'context', text: 'd' },
    ],
  };

  it('applies a hunk forward and backward, copying the lines outside it', () => {
    assert.deepEqual(applyDiffTable('a\nb\nc\nd\ne', [hunk]), {
      kind: 'applied',
      text: 'a\nb\nC\nd\ne',
    });
    assert.deepEqual(applyDiffTable('a\nb\nC\nd\ne', [hunk], { direction: 'backward' }), {
      kind: 'applied',
      text: 'a\nb\nc\nd\ne',
    });
  });

  it('refuses a base whose shown lines differ, naming the line', () => {
    const result = applyDiffTable('a\nb\nX\nd\ne', [hunk]);
    assert.equal(result.kind, 'mismatch');
    assert.equal(result.kind === 'mismatch' && result.line, 3);
  });

  it('refuses a base that is too short or whose line numbers do not add up', () => {
    assert.equal(applyDiffTable('a', [hunk]).kind, 'mismatch');
    // The other side's `Line N:` must match what precedes the hunk.
    assert.equal(applyDiffTable('a\nb\nc\nd', [{ ...hunk, newLine: 5 }]).kind, 'mismatch');
  });

  it('treats an empty text as zero lines (truth/compare/43-44.json: blank page → text)', () => {
    const rows: DiffTableRow[] = ['Now it has text.', '== Heading ==', 'Body.'].map((text) => ({
      kind: 'added',
      text,
      changes: [],
      moved: null,
    }));
    const table = [{ oldLine: 1, newLine: 1, rows }];
    assert.deepEqual(applyDiffTable('', table), { kind: 'applied', text: wikitext(44) });
    assert.deepEqual(applyDiffTable(wikitext(44), table, { direction: 'backward' }), {
      kind: 'applied',
      text: wikitext(43),
    });
  });

  it('round-trips: forward(a) = b and backward(b) = a for any two texts', () => {
    const lines = fc.array(fc.constantFrom('', 'x', 'y', 'z', '== H ==', ' a b '), {
      maxLength: 12,
    });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const table = fullTable(a, b);
        const forward = applyDiffTable(a.join('\n'), table);
        const backward = applyDiffTable(b.join('\n'), table, { direction: 'backward' });
        // A single empty line and an empty text are the same stored text (zero lines).
        fc.pre(!(a.length === 1 && a[0] === '') && !(b.length === 1 && b[0] === ''));
        assert.deepEqual(forward, { kind: 'applied', text: b.join('\n') });
        assert.deepEqual(backward, { kind: 'applied', text: a.join('\n') });
      }),
      { numRuns: 300 },
    );
  });

  it('rejects an unknown direction', () => {
    assert.throws(() => applyDiffTable('', [], { direction: 'sideways' as 'forward' }), RangeError);
  });
});

describe('sha1Hex', () => {
  it('gives the API sha1 of every revision of Ünïcödé 日本語 🎉 and Line endings', () => {
    for (const slug of ['unicode-page', 'line-endings', 'blank-start']) {
      for (const revision of truthRevisions(slug)) {
        assert.equal(
          sha1Hex(wikitext(revision.revid)),
          revision.sha1,
          `revision ${revision.revid}`,
        );
      }
    }
  });
});

describe('normalizeTitle', () => {
  it('decodes URL spellings of the corpus titles', () => {
    assert.equal(
      normalizeTitle('%C3%9Cn%C3%AFc%C3%B6d%C3%A9_%E6%97%A5%E6%9C%AC%E8%AA%9E_%F0%9F%8E%89'),
      'Ünïcödé 日本語 🎉',
    );
    assert.equal(normalizeTitle('Markup_%26_Escapes'), 'Markup & Escapes');
    assert.equal(normalizeTitle('User%3AAlice%2Fcommon.css'), 'User:Alice/common.css');
  });

  it('uppercases the first letter after the namespace, Unicode-aware', () => {
    assert.equal(normalizeTitle('talk:sandbox'), 'Talk:Sandbox');
    assert.equal(normalizeTitle('user_talk: борис'), 'User talk:Борис');
    assert.equal(normalizeTitle('ünïcödé'), 'Ünïcödé');
    assert.equal(normalizeTitle('ßtraße'), 'ßtraße');
    assert.equal(normalizeTitle('  Big__page '), 'Big page');
    assert.equal(normalizeTitle('Containers/Mini-summit 2008'), 'Containers/Mini-summit 2008');
  });

  it('keeps case where $wgCapitalLinks is false, and unknown prefixes as text', () => {
    assert.equal(normalizeTitle('iPhone', { capitalLinks: false }), 'iPhone');
    assert.equal(normalizeTitle('foo: bar'), 'Foo: bar');
    assert.equal(normalizeTitle('wikt:foo', { namespaces: ['Wikt'] }), 'Wikt:Foo');
  });
});

describe('detectReverts', () => {
  const revision = (
    id: number,
    sha1: string | null,
    user = 'A',
    comment = '',
    parentId: number | null = id - 1,
  ): RevertCandidate => ({
    id,
    parentId: parentId === 0 ? null : parentId,
    parentKnown: true,
    user,
    comment,
    sha1,
  });

  it('finds a manual restore and the revisions it reverts', () => {
    const reverts = detectReverts([
      revision(1, 'a'),
      revision(2, 'b', 'B'),
      revision(3, 'c', 'B'),
      revision(4, 'a'),
    ]);
    assert.deepEqual(reverts, [
      null,
      null,
      null,
      { kind: 'identity', restores: 1, reverted: [2, 3] },
    ]);
  });

  it('does not call a null revision (move, protection) a revert: truth revisions 20/21', () => {
    const sandbox = truthRevisions('sandbox');
    const candidates = sandbox.map((r, i) =>
      revision(r.revid, r.sha1, 'A', '', i === 0 ? 0 : sandbox[i - 1]!.revid),
    );
    assert.deepEqual(
      detectReverts(candidates).filter((r) => r !== null),
      [],
    );
  });

  it('stops at an unproven parent link and outside the radius', () => {
    const unlinked = { ...revision(3, 'a'), parentKnown: false, parentId: null };
    assert.deepEqual(detectReverts([revision(1, 'a'), revision(2, 'b'), unlinked]), [
      null,
      null,
      null,
    ]);
    assert.deepEqual(
      detectReverts([revision(1, 'a'), revision(2, 'b'), revision(3, 'c'), revision(4, 'a')], {
        identityRadius: 1,
      }),
      [null, null, null, null],
    );
  });

  it('reads undo and rollback summaries, raw or with links stripped', () => {
    const reverts = detectReverts([
      revision(1, 'a', 'Alice'),
      revision(2, 'b', 'Bob'),
      revision(
        3,
        'a',
        'Alice',
        'Undo revision 2 by [[Special:Contributions/Bob|Bob]] ([[User talk:Bob|talk]])',
      ),
      revision(4, 'c', 'Bob'),
      revision(5, 'd', 'Bob'),
      revision(6, 'a', 'Carol', 'Reverted edits by Bob (talk) to last revision by Alice'),
    ]);
    assert.deepEqual(reverts[2], { kind: 'undo', restores: 1, reverted: [2] });
    assert.deepEqual(reverts[5], { kind: 'rollback', restores: 3, reverted: [4, 5] });
    const custom = detectReverts([revision(1, 'a'), revision(2, 'b', 'B', 'Révocation de 1')], {
      undoPatterns: [/^Révocation de (\d+)/],
    });
    assert.deepEqual(custom[1], { kind: 'undo', restores: null, reverted: [1] });
  });

  it('says an undo restores nothing when MediaWiki merged it (test wiki revisions 68–70)', () => {
    // Undoing 2 while 3 is the latest: MediaWiki merges, the text is no earlier revision's.
    const reverts = detectReverts([
      revision(1, 'a', 'Alice'),
      revision(2, 'b', 'Alice'),
      revision(3, 'c', 'Bob'),
      revision(4, 'd', 'Carol', 'Undo revision 2 by Alice (talk)'),
    ]);
    assert.deepEqual(reverts[3], { kind: 'undo', restores: null, reverted: [2] });
  });

  it("reads MediaWiki's rollback forms for a hidden user and without a talk link", () => {
    const hidden = { ...revision(2, 'b', 'B'), user: null };
    const reverts = detectReverts([
      revision(1, 'a', 'Carol Smith'),
      hidden,
      revision(3, 'a', 'Admin', 'Reverted edits by a hidden user to last revision by Carol Smith'),
      revision(4, 'c', '127.0.0.1'),
      revision(5, 'a', 'Admin', 'Reverted edits by 127.0.0.1 to last revision by Admin'),
    ]);
    assert.deepEqual(reverts, [
      null,
      null,
      { kind: 'rollback', restores: 1, reverted: [2] },
      null,
      { kind: 'rollback', restores: 3, reverted: [4] },
    ]);
  });
});

describe('parseMoveComment', () => {
  it('reads the bracketed API form and the feeds’ link-stripped form', () => {
    // truth/revisions/new-name.admin.json, revision 47.
    const api =
      "Dan & O'Neil moved page [[Old name]] to [[New name]]: Better name & <title> 'quoted'";
    assert.deepEqual(parseMoveComment(api), { from: 'Old name', to: 'New name' });
    const feed = "Dan & O'Neil moved page Old name to New name: Better name & <title> 'quoted'";
    assert.deepEqual(parseMoveComment(feed), { from: 'Old name', to: 'New name' });
  });

  it('uses known titles to split the recent-changes log text (no colon before the reason)', () => {
    const log = "Dan & O'Neil moved page Old name to New name Better name & <title> 'quoted'";
    assert.deepEqual(parseMoveComment(log, { knownTitles: ['Old name', 'New name'] }), {
      from: 'Old name',
      to: 'New name',
    });
    assert.deepEqual(
      parseMoveComment('A moved page X to Y to Z: why', { knownTitles: ['Y to Z'] }),
      {
        from: 'X',
        to: 'Y to Z',
      },
    );
    assert.equal(
      parseMoveComment(log, { knownTitles: ['Old name'], requireKnownTarget: true }),
      null,
    );
    assert.equal(parseMoveComment('fix typo'), null);
  });
});
