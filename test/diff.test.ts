import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { applyPatch, parsePatch } from 'diff';
import fc from 'fast-check';
import { characterSimilarity, lineLooksChanged } from '../src/diff/compare-lines.js';
import { diffRevisions } from '../src/diff/diff-revisions.js';
import {
  type DiffLine,
  type DiffTextOptions,
  diffText,
  type TextDiff,
} from '../src/diff/diff-text.js';
import { myers } from '../src/diff/myers.js';
import { myersGreedy } from '../src/diff/myers-greedy.js';
import { tokenizeWords } from '../src/diff/tokenize.js';
import { applyUnifiedDiff, formatUnifiedDiff } from '../src/diff/unified.js';
import type { WordChange } from '../src/diff/word-change.js';
import { WordTable } from '../src/diff/word-table.js';
import { diffWords } from '../src/diff/words.js';
import type { Revision } from '../src/model.js';

const TRUTH = new URL('../fixtures/mediawiki-oracle/truth/', import.meta.url);
const work = mkdtempSync(join(tmpdir(), 'wikirev-diff-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface Pair {
  readonly a: string;
  readonly b: string;
  readonly label: string;
}

function wikitext(rev: number): string {
  return readFileSync(new URL(`wikitext/${rev}.wiki`, TRUTH), 'utf8');
}

/** Every consecutive pair of revisions of every page of the corpus. */
function corpusPairs(): Pair[] {
  const pages = JSON.parse(readFileSync(new URL('pages.json', TRUTH), 'utf8')) as Array<{
    title: string;
    revids?: number[];
  }>;
  const pairs: Pair[] = [];
  for (const page of pages) {
    const ids = page.revids ?? [];
    for (let k = 1; k < ids.length; k++) {
      pairs.push({
        a: wikitext(ids[k - 1]!),
        b: wikitext(ids[k]!),
        label: `${page.title} ${ids[k - 1]}→${ids[k]}`,
      });
    }
  }
  return pairs;
}

/**
 * Runs, in one shell, `diff --minimal` on each pair (texts with '\n' appended, as the issue
 * specifies) and GNU `patch` with each pair's formatted patch; returns the counts and the
 * patched bytes.
 */
function runGnuTools(
  pairs: readonly Pair[],
  options: DiffTextOptions = {},
  diffFlags = '',
): Array<{ added: number; removed: number; patched: string }> {
  const dir = mkdtempSync(join(work, 'batch-'));
  const script: string[] = ['set -u'];
  pairs.forEach((p, k) => {
    writeFileSync(join(dir, `${k}.a`), `${p.a}\n`);
    writeFileSync(join(dir, `${k}.b`), `${p.b}\n`);
    writeFileSync(join(dir, `${k}.old`), p.a);
    writeFileSync(join(dir, `${k}.patch`), formatUnifiedDiff(diffText(p.a, p.b, options)));
    script.push(
      `/usr/bin/diff --minimal ${diffFlags} ${k}.a ${k}.b > ${k}.diff`,
      `patch --quiet --force --batch -o ${k}.out ${k}.old < ${k}.patch > ${k}.log 2>&1 || echo fail > ${k}.out`,
    );
  });
  const r = spawnSync('bash', ['-c', script.join('\n')], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.error, undefined);
  return pairs.map((_, k) => {
    const lines = readFileSync(join(dir, `${k}.diff`), 'utf8').split('\n');
    return {
      added: lines.filter((l) => l.startsWith('> ')).length,
      removed: lines.filter((l) => l.startsWith('< ')).length,
      patched: readFileSync(join(dir, `${k}.out`), 'utf8'),
    };
  });
}

function jsdiffApply(text: string, patch: string): string | false {
  if (patch === '') return text;
  return applyPatch(text, parsePatch(patch)[0]!);
}

/** Checks the structure of a diff against its texts: numbering, counts, texts, words. */
function checkShape(d: TextDiff, a: string, b: string): void {
  const oldLines = a.split('\n');
  const newLines = b.split('\n');
  assert.equal(d.oldLineCount, oldLines.length);
  assert.equal(d.newLineCount, newLines.length);
  assert.equal(d.unchanged + d.removed, oldLines.length);
  assert.equal(d.unchanged + d.added, newLines.length);
  let added = 0;
  let removed = 0;
  for (const h of d.hunks) {
    let i = h.oldStart;
    let j = h.newStart;
    for (const l of h.lines) {
      if (l.kind === 'context') {
        assert.equal(l.oldLine, i++);
        assert.equal(l.newLine, j++);
        assert.equal(l.text, oldLines[l.oldLine - 1]);
      } else if (l.kind === 'deleted') {
        removed++;
        assert.equal(l.oldLine, i++);
        assert.equal(l.text, oldLines[l.oldLine - 1]);
        if (l.words) assert.equal(l.words.map((w) => w.text).join(''), l.text);
      } else {
        added++;
        assert.equal(l.newLine, j++);
        assert.equal(l.text, newLines[l.newLine - 1]);
        if (l.words) assert.equal(l.words.map((w) => w.text).join(''), l.text);
      }
    }
    assert.equal(i - h.oldStart, h.oldLines);
    assert.equal(j - h.newStart, h.newLines);
  }
  assert.equal(added, d.added);
  assert.equal(removed, d.removed);
}

describe('diffText on the MediaWiki corpus', () => {
  const pairs = corpusPairs();

  test('covers every consecutive pair of revisions', () => {
    assert.equal(pairs.length, 53);
  });

  test('counts equal diff --minimal; the patch reproduces the new text (GNU patch, jsdiff)', () => {
    const gnu = runGnuTools(pairs);
    pairs.forEach((p, k) => {
      const d = diffText(p.a, p.b);
      checkShape(d, p.a, p.b);
      assert.equal(d.approximate, false, p.label);
      assert.deepEqual(
        { added: d.added, removed: d.removed },
        { added: gnu[k]!.added, removed: gnu[k]!.removed },
        p.label,
      );
      assert.equal(gnu[k]!.patched, p.b, `GNU patch, ${p.label}`);
      const patch = formatUnifiedDiff(d);
      assert.equal(jsdiffApply(p.a, patch), p.b, `jsdiff applyPatch, ${p.label}`);
      assert.equal(applyUnifiedDiff(p.a, patch), p.b, `applyUnifiedDiff, ${p.label}`);
    });
  });
});

/** Random wikitext-like lines, with many repeats so that Myers has real choices to make. */
const lineArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('', '', '|-', '}}', '{{Infobox', '* item', '== Notes =='),
  },
  {
    weight: 4,
    arbitrary: fc
      .array(
        fc.constantFrom('the', 'river', 'Hills', 'and', "'''bold'''", '[[Link]]', '日本語', 'é'),
        {
          minLength: 1,
          maxLength: 6,
        },
      )
      .map((w) => `${w.join(' ')}.`),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }).map((s) => s.replace(/\n/g, '')) },
  { weight: 1, arbitrary: fc.constantFrom('  indented', 'indented  ', '\tindented', 'x\ry') },
);

type Edit =
  | { kind: 'insert'; at: number; lines: string[] }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'replace'; at: number; line: string }
  | { kind: 'move'; from: number; count: number; to: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    count: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), line: lineArb }),
  fc.record({
    kind: fc.constant('move' as const),
    from: fc.nat(),
    count: fc.integer({ min: 1, max: 5 }),
    to: fc.nat(),
  }),
);

function applyEdits(lines: readonly string[], edits: readonly Edit[]): string[] {
  const out = [...lines];
  for (const e of edits) {
    const at = (x: number): number => (out.length === 0 ? 0 : x % (out.length + 1));
    switch (e.kind) {
      case 'insert':
        out.splice(at(e.at), 0, ...e.lines);
        break;
      case 'delete':
        out.splice(at(e.at), e.count);
        break;
      case 'replace':
        if (out.length > 0) out[e.at % out.length] = e.line;
        break;
      case 'move': {
        const block = out.splice(at(e.from), e.count);
        out.splice(at(e.to), 0, ...block);
        break;
      }
      default: {
        const never: never = e;
        throw new Error(String(never));
      }
    }
  }
  return out;
}

/** A text and an edited copy; sometimes ending in '\n', sometimes empty. */
const pairArb: fc.Arbitrary<Pair> = fc
  .record({
    lines: fc.array(lineArb, { maxLength: 40 }),
    edits: fc.array(editArb, { maxLength: 8 }),
    finalA: fc.constantFrom('', '', '', '\n'),
    finalB: fc.constantFrom('', '', '', '\n'),
  })
  .map(({ lines, edits, finalA, finalB }) => ({
    a: lines.join('\n') + finalA,
    b: applyEdits(lines, edits).join('\n') + finalB,
    label: 'generated',
  }));

describe('diffText on generated pairs (fast-check)', () => {
  test('the patch round-trips and the shape is consistent', () => {
    fc.assert(
      fc.property(pairArb, fc.integer({ min: 0, max: 4 }), (p, context) => {
        const d = diffText(p.a, p.b, { context });
        checkShape(d, p.a, p.b);
        const patch = formatUnifiedDiff(d);
        assert.equal(applyUnifiedDiff(p.a, patch), p.b);
      }),
      { numRuns: 400, seed: 4 },
    );
  });

  test('counts equal diff --minimal; GNU patch and jsdiff reproduce the new text', () => {
    const pairs = fc.sample(pairArb, { numRuns: 300, seed: 44 });
    const gnu = runGnuTools(pairs);
    pairs.forEach((p, k) => {
      const d = diffText(p.a, p.b);
      const msg = JSON.stringify(p);
      assert.deepEqual(
        { added: d.added, removed: d.removed },
        {
          added: gnu[k]!.added,
          removed: gnu[k]!.removed,
        },
        msg,
      );
      assert.equal(gnu[k]!.patched, p.b, `GNU patch: ${msg}`);
      assert.equal(jsdiffApply(p.a, formatUnifiedDiff(d)), p.b, `jsdiff: ${msg}`);
    });
  });

  test('ignoreWhitespace counts equal diff --minimal -w', () => {
    const pairs = fc.sample(pairArb, { numRuns: 100, seed: 7 });
    const gnu = runGnuTools(pairs, { ignoreWhitespace: true }, '-w');
    pairs.forEach((p, k) => {
      const d = diffText(p.a, p.b, { ignoreWhitespace: true });
      assert.deepEqual(
        { added: d.added, removed: d.removed },
        { added: gnu[k]!.added, removed: gnu[k]!.removed },
        JSON.stringify(p),
      );
    });
  });
});

/** A row side of a MediaWiki diff table: its plain text and which characters are marked. */
interface MwCell {
  readonly line: number;
  readonly text: string;
  readonly marked: readonly boolean[];
  readonly anchor: string | null;
  readonly target: string | null;
}

function unescapeHtml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Reads one content cell: `<br />` or `<div>…</div>` with `<ins>`/`<del>` and move anchors. */
function readCell(html: string, line: number, target: string | null): MwCell {
  let body = html.startsWith('<div>') ? html.slice(5, html.lastIndexOf('</div>')) : '';
  let anchor: string | null = null;
  body = body.replace(/<a name="([^"]+)"><\/a>/, (_, name: string) => {
    anchor = name;
    return '';
  });
  let text = '';
  const marked: boolean[] = [];
  let inside = false;
  for (const part of body.split(/(<\/?(?:ins|del)[^>]*>)/)) {
    if (/^<(ins|del)/.test(part)) inside = true;
    else if (/^<\/(ins|del)/.test(part)) inside = false;
    else {
      const t = unescapeHtml(part);
      text += t;
      for (let k = 0; k < t.length; k++) marked.push(inside);
    }
  }
  return { line, text, marked, anchor, target };
}

/** The paired rows of a wikidiff2 table: changed rows, and moved rows linked by anchors. */
function mwPairs(body: string): {
  changed: Array<[MwCell, MwCell]>;
  movedOld: MwCell[];
  movedNew: MwCell[];
} {
  const changed: Array<[MwCell, MwCell]> = [];
  const movedOld: MwCell[] = [];
  const movedNew: MwCell[] = [];
  let oldLine = 0;
  let newLine = 0;
  for (const row of body.split('</tr>')) {
    const lineno = [...row.matchAll(/class="diff-lineno">[^<]*?([\d,]+):</g)];
    if (lineno.length === 2) {
      oldLine = Number(lineno[0]![1]!.replace(/,/g, ''));
      newLine = Number(lineno[1]![1]!.replace(/,/g, ''));
      continue;
    }
    const del = /class="diff-deletedline[^"]*">(.*?)<\/td>/s.exec(row);
    const add = /class="diff-addedline[^"]*">(.*?)<\/td>/s.exec(row);
    const targets = [...row.matchAll(/mw-diff-movedpara-(?:left|right)"[^>]*href="#([^"]+)"/g)];
    if (del && add)
      changed.push([readCell(del[1]!, oldLine, null), readCell(add[1]!, newLine, null)]);
    else if (del) movedOld.push(readCell(del[1]!, oldLine, targets[0]?.[1] ?? null));
    else if (add) movedNew.push(readCell(add[1]!, newLine, targets[0]?.[1] ?? null));
    if (del) oldLine++;
    if (add) newLine++;
    if (!del && !add && /diff-context/.test(row)) {
      oldLine++;
      newLine++;
    }
  }
  return {
    changed,
    movedOld: movedOld.filter((c) => c.target !== null),
    movedNew: movedNew.filter((c) => c.target !== null),
  };
}

/** The multiset (sorted list) of non-whitespace tokens that contain a marked character. */
function changedWords(text: string, marked: readonly boolean[]): string[] {
  const out: string[] = [];
  let pos = 0;
  for (const token of tokenizeWords(text)) {
    if (!/^\s+$/u.test(token) && marked.slice(pos, pos + token.length).some(Boolean)) {
      out.push(token);
    }
    pos += token.length;
  }
  return out.sort();
}

function ourMarks(words: readonly WordChange[]): boolean[] {
  return words.flatMap((w) =>
    [...w.text].flatMap((ch) => Array(ch.length).fill(w.kind !== 'equal')),
  );
}

function compareFiles(): Array<{ from: number; to: number; body: string }> {
  const list = JSON.parse(readFileSync(new URL('compare-pairs.json', TRUTH), 'utf8')) as Array<{
    fromrev: number;
    torev: number;
  }>;
  return list.map(({ fromrev, torev }) => {
    const json = JSON.parse(
      readFileSync(new URL(`compare/${fromrev}-${torev}.json`, TRUTH), 'utf8'),
    ) as { compare: { body?: string } };
    return { from: fromrev, to: torev, body: json.compare.body ?? '' };
  });
}

describe('word-level changes and moves against MediaWiki (truth/compare)', () => {
  const files = compareFiles();

  test('the changed words of lines both pair agree with wikidiff2 on at least 90%', (t) => {
    let mwPairsTotal = 0;
    let bothPair = 0;
    let agree = 0;
    let nonTrivial = 0;
    const disagreements: string[] = [];
    // Lines we show as changed in place where wikidiff2 shows a deleted and an added line.
    const onlyOurs: string[] = [];
    for (const f of files) {
      const d = diffText(wikitext(f.from), wikitext(f.to));
      const deleted = new Map<number, Extract<DiffLine, { kind: 'deleted' }>>();
      const addedLines = new Map<number, Extract<DiffLine, { kind: 'added' }>>();
      for (const h of d.hunks) {
        for (const l of h.lines) {
          if (l.kind === 'deleted') deleted.set(l.oldLine, l);
          if (l.kind === 'added') addedLines.set(l.newLine, l);
        }
      }
      const mwChanged = mwPairs(f.body).changed;
      const mwOld = new Set(mwChanged.map(([o]) => o.line));
      for (const l of deleted.values()) {
        if (l.pairedLine !== null && l.moveId === null && !mwOld.has(l.oldLine)) {
          onlyOurs.push(`${f.from}-${f.to} line ${l.oldLine}: ${JSON.stringify(l.text)}`);
        }
      }
      for (const [o, n] of mwChanged) {
        mwPairsTotal++;
        const ours = deleted.get(o.line);
        assert.equal(ours?.text ?? o.text, o.text, `line numbering of ${f.from}-${f.to}`);
        if (!ours || ours.pairedLine !== n.line || !ours.words) continue;
        const theirsAdded = addedLines.get(n.line)!;
        bothPair++;
        if (changedWords(n.text, n.marked).length + changedWords(o.text, o.marked).length > 0) {
          nonTrivial++;
        }
        const same =
          JSON.stringify(changedWords(o.text, o.marked)) ===
            JSON.stringify(changedWords(o.text, ourMarks(ours.words))) &&
          JSON.stringify(changedWords(n.text, n.marked)) ===
            JSON.stringify(changedWords(n.text, ourMarks(theirsAdded.words ?? [])));
        if (same) agree++;
        else disagreements.push(`${f.from}-${f.to} line ${o.line}: ${JSON.stringify(o.text)}`);
      }
    }
    const rate = agree / bothPair;
    // Not vacuous: most of those pairs have changed words (whitespace-only edits have none).
    assert.ok(nonTrivial >= 20, `${nonTrivial} pairs with changed words`);
    t.diagnostic(
      `wikidiff2 pairs ${mwPairsTotal}, paired by us too ${bothPair}, same changed words ${agree} (${(100 * rate).toFixed(1)}%)`,
    );
    for (const x of disagreements) t.diagnostic(`differs: ${x}`);
    assert.ok(bothPair >= 0.9 * mwPairsTotal, `we pair ${bothPair} of ${mwPairsTotal}`);
    assert.ok(rate >= 0.9, `agreement ${rate}`);
    // wikidiff2 pairs a deleted and an added line only when their character similarity is over
    // 0.2 (45-46: 'Text.' -> 'Text, edited before the move.' is a deleted and an added line).
    assert.deepEqual(onlyOurs, []);
  });

  test('every paragraph wikidiff2 marks as moved is in one of our moves, linked to the same line', () => {
    let marked = 0;
    for (const f of files) {
      const { movedOld, movedNew } = mwPairs(f.body);
      if (movedOld.length === 0) continue;
      const d = diffText(wikitext(f.from), wikitext(f.to));
      const byOld = new Map<number, Extract<DiffLine, { kind: 'deleted' }>>();
      for (const h of d.hunks)
        for (const l of h.lines) if (l.kind === 'deleted') byOld.set(l.oldLine, l);
      const newByAnchor = new Map(movedNew.map((c) => [c.anchor, c]));
      for (const o of movedOld) {
        marked++;
        const ours = byOld.get(o.line);
        const partner = newByAnchor.get(o.target);
        assert.ok(ours && partner, `${f.from}-${f.to} line ${o.line}`);
        assert.notEqual(ours.moveId, null, `${f.from}-${f.to} line ${o.line} ${o.text} is a move`);
        assert.equal(
          ours.pairedLine,
          partner.line,
          `${f.from}-${f.to} line ${o.line} goes to ${partner.line}`,
        );
        const move = d.moves.find((m) => m.id === ours.moveId)!;
        assert.ok(move.oldStart <= o.line && o.line < move.oldStart + move.lines);
      }
    }
    // The corpus has one moved section (Sandbox 8→9: heading, two paragraphs, one edited).
    assert.equal(marked, 3);
  });
});

function revision(id: number, user: string, comment: string, text: string | null): Revision {
  return {
    id,
    pageTitle: 'Sandbox',
    parentId: null,
    parentKnown: false,
    timestamp: `2024-01-0${id % 9}T00:00:00Z`,
    user,
    comment,
    autocomments: [],
    text,
    textOrigin: text === null ? null : 'feed',
    sha1: null,
    size: null,
    sources: [],
    revert: null,
  };
}

describe('diffRevisions and patches for tools', () => {
  // Users and comments as truth/compare/10-11.json gives them.
  const older = revision(10, 'Борис', '/* Geography */ rename heading', wikitext(10));
  const newer = revision(11, 'Carol Smith', '/* Notes */ remove notes', wikitext(11));

  test('attaches both revisions to the text diff', () => {
    const d = diffRevisions(older, newer);
    const plain = diffText(wikitext(10), wikitext(11));
    assert.deepEqual(
      { ...d, older: undefined, newer: undefined },
      { ...plain, older: undefined, newer: undefined },
    );
    // wikidiff2 (truth/compare/10-11.json) shows 3 deleted rows and nothing added.
    assert.equal(d.removed, 3);
    assert.equal(d.added, 0);
    assert.equal(d.older.user, 'Борис');
    assert.equal(d.newer.comment, '/* Notes */ remove notes');
  });

  test('refuses a revision without text, naming it', () => {
    assert.throws(() => diffRevisions(older, revision(11, 'x', 'y', null)), {
      name: 'TypeError',
      message: /revision 11 of "Sandbox" has no known text/,
    });
  });

  test('a user name or title with line breaks cannot add lines to the patch header', () => {
    // A feed user name may carry &#10;/&#13; (decoded to CR/LF): they must not start new
    // `+++`/`@@` lines that git apply or patch would read.
    const evil = 'X\n+++ b/evil\r\n@@ -1 +1 @@\t\u001b[31m';
    const d = diffRevisions(
      { ...revision(10, evil, 'c', wikitext(10)), pageTitle: 'T\n--- a/etc' },
      revision(11, 'C', 'd', wikitext(11)),
    );
    const header = formatUnifiedDiff(d, { oldHeader: 'h\nx' }).split('\n').slice(0, 3);
    assert.equal(header[0], '--- a/T_---_a/etc\th x');
    assert.match(header[1]!, /^\+\+\+ b\/Sandbox\trevision 11, /);
    assert.match(header[2]!, /^@@ /);
    const auto = formatUnifiedDiff(d).split('\n');
    assert.equal(auto.filter((l) => l.startsWith('+++ ')).length, 1);
    assert.ok(!auto[0]!.includes('\u001b'), auto[0]);
  });

  test('git apply accepts the patch of a revision diff and reproduces the text', () => {
    for (const [from, to] of [
      [10, 11],
      [8, 9],
      [34, 35],
    ] as const) {
      const dir = mkdtempSync(join(work, 'git-'));
      const d = diffRevisions(
        revision(from, 'A B', 'c', wikitext(from)),
        revision(to, 'C', 'd', wikitext(to)),
      );
      const patch = formatUnifiedDiff(d);
      assert.match(
        patch,
        /^--- a\/Sandbox\trevision \d+, 2024-01-0\d+T00:00:00Z, A B\n\+\+\+ b\/Sandbox\t/,
      );
      writeFileSync(join(dir, 'Sandbox'), wikitext(from));
      writeFileSync(join(dir, 'p.patch'), patch);
      const r = spawnSync('git', ['apply', 'p.patch'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(readFileSync(join(dir, 'Sandbox'), 'utf8'), wikitext(to));
    }
  });

  test('marks a missing final newline on both sides, and creates/empties files', () => {
    assert.equal(
      formatUnifiedDiff(diffText('a\nb', 'a\nc'), { oldName: 'a/P', newName: 'b/P' }),
      '--- a/P\n+++ b/P\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n',
    );
    // Appending a line: one line added, none changed, but the patch rewrites the old last line.
    const d = diffText('a', 'a\nb');
    assert.deepEqual([d.added, d.removed], [1, 0]);
    assert.equal(
      formatUnifiedDiff(d),
      '--- a/old\n+++ b/new\n@@ -1,1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n\\ No newline at end of file\n',
    );
    assert.equal(
      formatUnifiedDiff(diffText('', 'x')),
      '--- a/old\n+++ b/new\n@@ -0,0 +1 @@\n+x\n\\ No newline at end of file\n'.replace(
        '+1 @@',
        '+1,1 @@',
      ),
    );
    assert.equal(applyUnifiedDiff('x\ny', formatUnifiedDiff(diffText('x\ny', ''))), '');
    assert.equal(formatUnifiedDiff(diffText('same', 'same')), '');
    // CR stays part of the line: patches keep and apply it byte for byte.
    for (const [a, b] of [
      ['a\r\nb\r\nc', 'a\r\nB\r\nc'],
      ['a\r\nb', 'a\nb'],
      ['a\nb\nc', 'a\r\nb\r\nc\r\n'],
    ] as const) {
      assert.equal(applyUnifiedDiff(a, formatUnifiedDiff(diffText(a, b))), b);
    }
  });
});

describe('limits, options and words', () => {
  test('past maxEditLength the diff is approximate but still correct', () => {
    const pairs = fc.sample(pairArb, { numRuns: 200, seed: 9 });
    let approximate = 0;
    const gnu = runGnuTools(pairs, { maxEditLength: 2 });
    pairs.forEach((p, k) => {
      const d = diffText(p.a, p.b, { maxEditLength: 2 });
      checkShape(d, p.a, p.b);
      assert.equal(applyUnifiedDiff(p.a, formatUnifiedDiff(d)), p.b);
      assert.equal(gnu[k]!.patched, p.b);
      // Never fewer edits than the minimal diff; exact whenever the limit did not trigger.
      assert.ok(d.added >= gnu[k]!.added && d.removed >= gnu[k]!.removed);
      if (d.approximate) approximate++;
      else assert.deepEqual([d.added, d.removed], [gnu[k]!.added, gnu[k]!.removed]);
    });
    assert.ok(approximate > 20, `${approximate} approximate diffs`);
  });

  test('a large rewritten pair with a tiny limit finishes and round-trips', () => {
    const lines = Array.from({ length: 20_000 }, (_, k) => (k % 7 === 0 ? '' : `line ${k % 500}`));
    const edited = lines.map((l, k) => (k % 3 === 0 ? `line ${(k * 7) % 501}` : l));
    const a = lines.join('\n');
    const b = edited.join('\n');
    const d = diffText(a, b, { maxEditLength: 50 });
    assert.equal(d.approximate, true);
    assert.equal(applyUnifiedDiff(a, formatUnifiedDiff(d)), b);
  });

  test('rejects bad options by name', () => {
    assert.throws(() => diffText('a', 'b', { context: -1 }), {
      name: 'RangeError',
      message: /options\.context/,
    });
    assert.throws(
      () => diffText('a', 'b', { maxEditLength: Number.NaN }),
      /options\.maxEditLength/,
    );
    assert.throws(() => diffText('a', 'b', { moveSimilarity: 2 }), /options\.moveSimilarity/);
    // @ts-expect-error: wrong type on purpose
    assert.throws(() => diffText('a', 'b', { detectMoves: 'yes' }), { name: 'TypeError' });
    // @ts-expect-error: wrong type on purpose
    assert.throws(() => diffText(null, 'b'), { name: 'TypeError' });
  });

  test('word segments fall on the tokens of tokenizeWords, on any Unicode line', () => {
    // The word table tokenizes in one fused pass (ASCII fast paths, keys built while scanning);
    // tokenizeWords is the plain reference, one code point at a time. Every segment boundary
    // must be a token boundary, equal segments must hold the same tokens on both sides, and
    // the segments must give each line back.
    const piece = fc.constantFrom(
      'the',
      'railway',
      'Stationsgebäude',
      'naïve',
      '1900',
      'x_y',
      ' ',
      '  ',
      '\t',
      '\u00a0',
      '\u3000',
      ',',
      '.',
      "'''",
      '[[',
      ']]',
      '本',
      '文',
      'です',
      'ひらがな',
      '한국어',
      '😀',
      '\ud800',
      'é',
      'e\u0301',
      'абв',
      'العربية',
      '|-',
      '{{',
      '}}',
    );
    const line = fc.array(piece, { maxLength: 30 }).map((xs) => xs.join(''));
    const cutsOf = (text: string): Set<number> => {
      const out = new Set<number>([0]);
      let pos = 0;
      for (const token of tokenizeWords(text)) {
        pos += token.length;
        out.add(pos);
      }
      return out;
    };
    const tokensOf = (segments: readonly WordChange[]): string[] =>
      segments
        .filter((w) => w.kind === 'equal')
        .flatMap((w) => tokenizeWords(w.text))
        .filter((t) => !/^\s+$/u.test(t));
    fc.assert(
      fc.property(line, line, (a, b) => {
        const w = diffWords(a, b);
        assert.equal(w.old.map((x) => x.text).join(''), a);
        assert.equal(w.new.map((x) => x.text).join(''), b);
        for (const [text, segments] of [
          [a, w.old],
          [b, w.new],
        ] as const) {
          const cuts = cutsOf(text);
          let pos = 0;
          for (const seg of segments) {
            pos += seg.text.length;
            assert.ok(cuts.has(pos), `cut at ${pos} inside a token of ${JSON.stringify(text)}`);
          }
        }
        assert.deepEqual(tokensOf(w.old), tokensOf(w.new));
      }),
      { numRuns: 1000, seed: 11 },
    );
  });

  test('a line pair too dissimilar for wikidiff2 stays a deleted and an added line', () => {
    // truth/compare/45-46: MediaWiki shows these as a deleted and an added line (4 of 29
    // characters copied: wikidiff2's character similarity 0.14, not over 0.2).
    const d = diffText(
      '== Section ==\nText.\nEnd.',
      '== Section ==\nText, edited before the move.\nEnd.',
    );
    const lines = d.hunks.flatMap((h) => h.lines);
    assert.deepEqual(
      lines.flatMap((l) => (l.kind === 'context' ? [] : [[l.kind, l.pairedLine, l.words]])),
      [
        ['deleted', null, null],
        ['added', null, null],
      ],
    );
    // Similar enough: one line changed in place.
    const e = diffText('Text here.', 'Text here, edited.');
    const pair = e.hunks[0]!.lines.find((l) => l.kind === 'deleted');
    assert.equal(pair?.kind === 'deleted' ? pair.pairedLine : undefined, 1);
  });

  test('the character similarity measured on the LCS rows equals the one measured on the flags', () => {
    // Two implementations of wikidiff2's measure: on the alignment's flags (pairs within 16
    // edits, aligned by Myers), and walking back the LCS rows without writing flags (the rest).
    // On the same alignment they must agree, or diffText would keep or drop pairs by a
    // different rule depending on the edit length.
    const word = fc.constantFrom('the', 'of', 'railway', 'town', 'station', '1900', ',', '.', '[[');
    const line = fc
      .array(fc.tuple(word, fc.constantFrom(' ', '  ', '')), { minLength: 10, maxLength: 40 })
      .map((xs) => xs.map(([w, s]) => w + s).join(''));
    let rowsPath = 0;
    fc.assert(
      fc.property(line, line, (a, b) => {
        const t = new WordTable();
        const x = t.add(a);
        const y = t.add(b);
        const limits = { maxEditLength: 10_000, maxCost: 40_000_000 };
        const v = characterSimilarity(t, x, y, limits);
        // Kept just under the value, dropped at it: the check is `>` as in wikidiff2.
        assert.notEqual(lineLooksChanged(t, x, y, limits, v - 1e-9), null);
        assert.equal(lineLooksChanged(t, x, y, limits, v), null);
        // Units deleted or inserted: over 16, the rows path measured it.
        const w = diffWords(a, b);
        const changed = [...w.old, ...w.new]
          .filter((s) => s.kind !== 'equal')
          .flatMap((s) => tokenizeWords(s.text))
          .filter((tok) => !/^\s+$/u.test(tok)).length;
        if (changed > 16) rowsPath++;
      }),
      { numRuns: 500, seed: 5 },
    );
    // Not vacuous: most of those pairs differ by far more than 16 units.
    assert.ok(rowsPath > 250, `${rowsPath} pairs far apart`);
  });

  test('CJK text is compared character by character', () => {
    // The change wikidiff2 shows in truth/compare/26-27.json: 本文で<del>す</del>。 → 本文で<ins>した</ins>。
    const w = diffWords('本文です。', '本文でした。');
    assert.deepEqual(w.old, [
      { kind: 'equal', text: '本文で' },
      { kind: 'deleted', text: 'す' },
      { kind: 'equal', text: '。' },
    ]);
    assert.deepEqual(w.new, [
      { kind: 'equal', text: '本文で' },
      { kind: 'inserted', text: 'した' },
      { kind: 'equal', text: '。' },
    ]);
  });

  test('a section moved and lightly edited is one move block', () => {
    // No blank line inside: a minimal diff may keep a blank line of the section as unchanged
    // (matched elsewhere), which splits the move in two blocks.
    const section = ['== History ==', 'It began in a small town.', 'It grew over the years.'];
    const rest = ['Intro line one.', '', '== Other ==', 'Other text here.', ''];
    const a = [...section, '', ...rest].join('\n');
    const moved = [...section];
    moved[2] = 'It grew a lot over the years.';
    const b = [...rest, '', ...moved].join('\n');
    const d = diffText(a, b);
    assert.equal(d.moves.length, 1);
    assert.equal(d.moves[0]!.lines, 3);
    assert.equal(d.moves[0]!.oldStart, 1);
    assert.ok(d.moves[0]!.similarity > 0.9 && d.moves[0]!.similarity < 1);
    assert.equal(diffText(a, b, { detectMoves: false }).moves.length, 0);
  });

  test('lines that differ only where the interning hash does not look are still told apart', () => {
    // 100-character lines differing at positions 50-51 only: the sampled hash of the interning
    // step sees none of the difference, so every line collides and the Map fallback runs.
    const line = (k: number): string =>
      `${'x'.repeat(50)}${k.toString(36).padStart(2, '0')}${'x'.repeat(48)}`;
    const a = Array.from({ length: 600 }, (_, k) => line(k)).join('\n');
    const b = Array.from({ length: 600 }, (_, k) => line(k + 300)).join('\n');
    const d = diffText(a, b);
    assert.deepEqual([d.removed, d.added, d.unchanged], [300, 300, 300]);
    assert.equal(applyUnifiedDiff(a, formatUnifiedDiff(d)), b);
  });

  test('moveDetectionCutoff: past it, no search for single edited lines moved (wikidiff2)', () => {
    const moved = 'The railway station was built in the north of the town in 1900.';
    const edited = 'The railway station was built in the north of the old town in 1900.';
    const keep = ['== One ==', 'First kept line.', '== Two ==', 'Second kept line.'];
    const a = [moved, ...keep].join('\n');
    const b = [...keep, edited].join('\n');
    // Two changed lines, neither identical to the other: found by the similarity pass.
    assert.equal(diffText(a, b).moves.length, 1);
    // 150 more lines deleted elsewhere: 152 unpaired lines, over wikidiff2's default 100.
    const gone = Array.from({ length: 150 }, (_, k) => `gone ${k}`);
    const a2 = [moved, ...keep, ...gone].join('\n');
    const b2 = [...keep, edited].join('\n');
    assert.equal(diffText(a2, b2).moves.length, 0);
    const found = diffText(a2, b2, { moveDetectionCutoff: Number.POSITIVE_INFINITY });
    assert.equal(found.moves.length, 1);
    assert.equal(found.moves[0]!.oldStart, 1);
    assert.equal(found.moves[0]!.newStart, 5);
    assert.equal(diffText(a2, b2, { moveDetectionCutoff: 152 }).moves.length, 1);
    assert.equal(diffText(a2, b2, { moveDetectionCutoff: 151 }).moves.length, 0);
    assert.throws(
      () => diffText(a, b, { moveDetectionCutoff: -1 }),
      /options\.moveDetectionCutoff/,
    );
  });
});

describe('the word-diff budget (maxWordDiffCost, as wikidiff2)', () => {
  const longLine = (count: number, seed: number): [string, string] => {
    const r = fc.sample(fc.integer({ min: 0, max: 4999 }), { numRuns: 2 * count, seed });
    const words = r.slice(0, count).map((x) => `w${x}`);
    const edited = words.map((w, k) => (r[count + k]! % 20 === 0 ? `x${r[count + k]}` : w));
    return [words.join(' '), edited.join(' ')];
  };

  test('a pair over budget is one changed line, all deleted and inserted, and counted', () => {
    const d = diffText('a\nw1 w2 w3 w4\nz', 'a\nw1 x2 w3 x4\nz', { maxWordDiffCost: 8 });
    const [del, add] = d.hunks[0]!.lines.filter((l) => l.kind !== 'context');
    assert.equal(d.wordDiffSkipped, 1);
    assert.deepEqual(del?.kind === 'deleted' && [del.pairedLine, del.words], [
      2,
      [{ kind: 'deleted', text: 'w1 w2 w3 w4' }],
    ]);
    assert.deepEqual(add?.kind === 'added' && add.words, [
      { kind: 'inserted', text: 'w1 x2 w3 x4' },
    ]);
    // The cost is counted after identical leading and trailing words, as wikidiff2 does:
    // 3 × 3 words here, within a budget of 9.
    const within = diffText('a\nw1 w2 w3 w4\nz', 'a\nw1 x2 w3 x4\nz', { maxWordDiffCost: 9 });
    assert.equal(within.wordDiffSkipped, 0);
    const words = within.hunks[0]!.lines.find((l) => l.kind === 'added');
    assert.equal(words?.kind === 'added' && words.words?.length, 4);
    assert.throws(() => diffText('a', 'b', { maxWordDiffCost: 0 }), /options\.maxWordDiffCost/);
  });

  test('diffWords over budget says so and returns the whole lines', () => {
    assert.deepEqual(diffWords('a b', 'c d', { maxWordDiffCost: 3 }), {
      old: [{ kind: 'deleted', text: 'a b' }],
      new: [{ kind: 'inserted', text: 'c d' }],
      similarity: 0,
      skipped: true,
    });
    assert.equal(diffWords('a b', 'c d').skipped, false);
    assert.throws(() => diffWords('a', 'b', { maxWordDiffCost: -1 }), /options\.maxWordDiffCost/);
  });

  test('wikidiff2 shows a line pair over its budget the same way', (t) => {
    // 7,000 words changed at 5%: over the budget here (49 million) and in wikidiff2 1.13,
    // whose words count each space apart. It shows one changed row (type 3) whose highlight
    // ranges are the whole old line deleted and the whole new line inserted.
    const php = spawnSync(
      'php',
      ['-r', 'echo function_exists("wikidiff2_inline_json_diff") ? 1 : 0;'],
      {
        encoding: 'utf8',
      },
    );
    if (php.stdout !== '1') {
      t.skip('php-wikidiff2 is not installed');
      return;
    }
    const [a, b] = longLine(7000, 3);
    const oldText = `intro\n${a}\noutro`;
    const newText = `intro\n${b}\noutro`;
    const script =
      '[$a, $b] = json_decode(stream_get_contents(STDIN)); echo wikidiff2_inline_json_diff($a, $b, 0);';
    const out = spawnSync('php', ['-r', script], {
      input: JSON.stringify([oldText, newText]),
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const rows = (
      JSON.parse(out.stdout) as { diff: { type: number; highlightRanges: unknown[] }[] }
    ).diff;
    const bytes = (s: string) => Buffer.byteLength(s);
    assert.deepEqual(
      rows.map((r) => [r.type, r.highlightRanges]),
      [
        [
          3,
          [
            { start: 0, length: bytes(a), type: 1 },
            { start: bytes(a), length: bytes(b), type: 0 },
          ],
        ],
      ],
    );
    const d = diffText(oldText, newText);
    assert.equal(d.wordDiffSkipped, 1);
    const changed = d.hunks
      .flatMap((h) => h.lines)
      .flatMap((l) => (l.kind === 'context' ? [] : [[l.pairedLine, l.words]]));
    assert.deepEqual(changed, [
      [2, [{ kind: 'deleted', text: a }]],
      [2, [{ kind: 'inserted', text: b }]],
    ]);
  });

  test('a 1.2 MB line against itself with 5% of words changed stays under 300 MB', () => {
    // Issue 13, row 1: before the budget, 21 s and 5 GB (LCS rows of 2·n·⌈n/32⌉ ints). Peak RSS
    // is measured in a child process; no time is asserted.
    const run = (mode: string) => {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', new URL('./helpers/long-line-diff.ts', import.meta.url).pathname, mode],
        { encoding: 'utf8' },
      );
      assert.equal(child.status, 0, child.stderr);
      return JSON.parse(child.stdout) as Record<string, unknown>;
    };
    const line = run('line');
    assert.ok((line.bytes as number) > 1_100_000);
    assert.equal(line.wordDiffSkipped, 1);
    assert.equal(line.diffWordsSkipped, true);
    assert.deepEqual(line.changed, [
      { kind: 'deleted', paired: 2, words: [['deleted', line.bytes]] },
      {
        kind: 'added',
        paired: 2,
        words: [['inserted', (line.changed as { words: [string, number][] }[])[1]!.words[0]![1]]],
      },
    ]);
    assert.ok((line.maxRssMB as number) < 300, `peak RSS ${line.maxRssMB} MB`);
    // The report's path on a 4.9 MB feed of two such revisions: a report, not a RangeError.
    const feed = run('feed');
    assert.ok((feed.bytes as number) > 4_800_000);
    assert.equal(feed.pages, 1);
    assert.ok((feed.report as string[]).includes('pages'));
  });
});

describe('the two Myers implementations', () => {
  /** Checks that the unflagged elements of both sides are equal, pairwise in order. */
  function commonSubsequence(
    a: Int32Array,
    b: Int32Array,
    del: Uint8Array,
    ins: Uint8Array,
  ): number {
    const x = [...a].filter((_, i) => !del[i]);
    const y = [...b].filter((_, j) => !ins[j]);
    assert.deepEqual(x, y);
    return x.length;
  }

  test('divide-and-conquer and greedy find common subsequences of the same (maximal) length', () => {
    const seq = fc
      .array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 })
      .map((xs) => Int32Array.from(xs));
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        const dc = myers(a, b, Number.POSITIVE_INFINITY);
        const greedy = myersGreedy(a, b, a.length + b.length)!;
        assert.equal(
          commonSubsequence(a, b, dc.deleted, dc.inserted),
          commonSubsequence(a, b, greedy.deleted, greedy.inserted),
        );
        assert.equal(myersGreedy(a, b, 0) === null, a.join() !== b.join());
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  test('past the fast path (over 512 edits), counts still equal diff --minimal', () => {
    const pairs = fc
      .sample(
        fc.record({
          a: fc.array(lineArb, { minLength: 600, maxLength: 900 }),
          b: fc.array(lineArb, { minLength: 600, maxLength: 900 }),
        }),
        { numRuns: 6, seed: 12 },
      )
      .map(({ a, b }) => ({ a: a.join('\n'), b: b.join('\n'), label: 'unrelated' }));
    const gnu = runGnuTools(pairs);
    pairs.forEach((p, k) => {
      const d = diffText(p.a, p.b);
      assert.ok(d.added + d.removed > 512);
      assert.equal(d.approximate, false);
      assert.deepEqual([d.added, d.removed], [gnu[k]!.added, gnu[k]!.removed]);
      assert.equal(gnu[k]!.patched, p.b);
    });
  });
});
