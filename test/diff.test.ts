import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { applyPatch, parsePatch } from 'diff';
import fc from 'fast-check';
import { type DiffTextOptions, diffText, type TextDiff } from '../src/diff/diff-text.js';
import { applyUnifiedDiff, formatUnifiedDiff } from '../src/diff/unified.js';

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
