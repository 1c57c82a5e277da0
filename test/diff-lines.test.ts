// The line diff's exactness on low-vocabulary texts, where Myers gives way to the bit-parallel LCS.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { bitLcsEngine, bitLcsInto } from '../src/diff/bit-lcs.js';
import { diffText } from '../src/diff/diff-text.js';
import { applyUnifiedDiff, formatUnifiedDiff } from '../src/diff/unified.js';

/** Length of a longest common subsequence, by the textbook dynamic programme (two rows). */
function referenceLcs<T>(a: readonly T[], b: readonly T[]): number {
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Lines of a low-vocabulary page: blank lines and table markup recur on both sides. */
const lowVocabularyLine = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('', '|-', '}}', '* river', '| town', '|| 1850') },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.constantFrom('the', 'river', 'town', 'hills', 'of'), { minLength: 1, maxLength: 4 })
      .map((w) => w.join(' ')),
  },
);

describe('line-only counts equal a minimal LCS on low-vocabulary texts', () => {
  test('small pairs (Myers)', () => {
    const text = fc.array(lowVocabularyLine, { maxLength: 120 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const d = diffText(a.join('\n'), b.join('\n'), { wordDiff: false, detectMoves: false });
        const lcs = referenceLcs(a.length ? a : [''], b.length ? b : ['']);
        assert.equal(d.removed, d.oldLineCount - lcs);
        assert.equal(d.added, d.newLineCount - lcs);
      }),
      { numRuns: 300, seed: 19 },
    );
  });

  test('long rewrites (the bit-parallel LCS), patches still applying', () => {
    // 2,000–2,600 lines from a dozen distinct ones: past 2^16 words of bit-parallel work, with
    // hundreds of edits left once lines of one side are set aside, so Myers gives up.
    const text = fc.array(lowVocabularyLine, { minLength: 2000, maxLength: 2600 });
    const edited = fc
      .tuple(text, fc.array(fc.tuple(fc.nat(), lowVocabularyLine), { maxLength: 400 }))
      .map(([a, edits]) => {
        const b = [...a];
        for (const [at, line] of edits) b.splice(at % (b.length + 1), at % 3, line);
        return [a, b] as const;
      });
    fc.assert(
      fc.property(fc.oneof(edited, fc.tuple(text, text)), ([a, b]) => {
        const d = diffText(a.join('\n'), b.join('\n'), { wordDiff: false, detectMoves: false });
        const lcs = referenceLcs(a, b);
        assert.equal(d.approximate, false);
        assert.equal(d.removed, a.length - lcs);
        assert.equal(d.added, b.length - lcs);
        assert.equal(applyUnifiedDiff(a.join('\n'), formatUnifiedDiff(d)), b.join('\n'));
      }),
      // No shrinking: each run costs a 2,600² reference table, and a failure is reported as found.
      { numRuns: 30, seed: 19, endOnFailure: true },
    );
  });

  test('bitLcsInto runs its row step in WebAssembly on Node, and the JavaScript step agrees', () => {
    assert.equal(bitLcsEngine(), 'webassembly');
    // `b` is unrelated ids, then `a` with some dropped: the trace leaves the band of kept words
    // around the diagonal and recomputes blocks of rows (34 of 40 such pairs did).
    const ids = (min: number, max: number) =>
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: min, maxLength: max });
    const pair = fc
      .tuple(ids(600, 2500), ids(300, 1800), fc.array(fc.boolean(), { maxLength: 2500 }))
      .map(([a, pre, drop]): [Int32Array, Int32Array] => [
        Int32Array.from(a),
        Int32Array.from([...pre, ...a.filter((_, i) => !drop[i] || i % 5 !== 0)]),
      ]);
    const flags = (a: Int32Array, b: Int32Array): string => {
      const deleted = new Uint8Array(a.length);
      const inserted = new Uint8Array(b.length);
      const edits = bitLcsInto(a, b, 6, deleted, inserted);
      return `${edits} ${deleted.join('')} ${inserted.join('')}`;
    };
    try {
      fc.assert(
        fc.property(pair, ([a, b]) => {
          bitLcsEngine('webassembly');
          const wasm = flags(a, b);
          assert.equal(bitLcsEngine('javascript'), 'javascript');
          assert.equal(flags(a, b), wasm);
        }),
        { numRuns: 40, seed: 19, endOnFailure: true },
      );
    } finally {
      bitLcsEngine('webassembly');
    }
  });

  test('bitLcsInto flags a common subsequence of maximal length', () => {
    const seq = fc
      .array(fc.integer({ min: 0, max: 4 }), { maxLength: 200 })
      .map((xs) => Int32Array.from(xs));
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        const deleted = new Uint8Array(a.length);
        const inserted = new Uint8Array(b.length);
        const edits = bitLcsInto(a, b, 5, deleted, inserted);
        const keptA = [...a].filter((_, i) => !deleted[i]);
        const keptB = [...b].filter((_, j) => !inserted[j]);
        assert.deepEqual(keptA, keptB);
        assert.equal(keptA.length, referenceLcs([...a], [...b]));
        assert.equal(edits, a.length + b.length - 2 * keptA.length);
      }),
      { numRuns: 500, seed: 19 },
    );
  });
});
