// Aligns the units of two tokenized lines: which are deleted and inserted, as flags in `scratch`.
/*
 * Myers costs about (N + M)·D steps: lines changed in place usually differ by a few words and it
 * finishes at once, but a line rewritten with the same vocabulary (D ≈ N + M) made it most of the
 * word pass. Past MYERS_WORD_EDITS edits the bit-parallel LCS (`lcs.ts`) finds a common
 * subsequence of the same, maximal, length in about M·⌈N/32⌉ int operations.
 */
import { lcsRows, traceRows } from './lcs.js';
import { myersInto } from './myers.js';
import { scratch } from './scratch.js';
import type { WordTable } from './word-table.js';

/**
 * Edit length up to which word diffs use Myers, as they always did: short edits keep exactly
 * the alignment Myers gives. Longer ones use the traced LCS rows.
 */
const MYERS_WORD_EDITS = 16;

/**
 * Aligns lines `a` and `b` into `scratch.del`/`ins` (clear them with {@link clearAlignment}).
 *
 * @param t - The table holding both lines.
 * @param a - Old line.
 * @param b - New line.
 * @param maxEditLength - Edit length past which Myers gives up being minimal.
 * @param maxCost - The word-diff budget (units × units): a pair over it (allowed because most of
 *   it is a common prefix and suffix, see `overWordBudget`) is aligned by Myers alone, whose
 *   memory is linear, instead of by LCS rows of (m + 1)·⌈n/32⌉ ints.
 * @param lazyTrace - When the LCS rows are needed, fill them but leave them untraced (return
 *   false): a caller that only measures the pair walks them itself (`traceRows` without flags).
 * @returns True when the flags hold the alignment.
 * @example
 * ```ts
 * alignWords(t, t.add('a b'), t.add('a c'), 10_000, 40_000_000, false) // true; scratch.del = [0, 1]
 * ```
 */
export function alignWords(
  t: WordTable,
  a: number,
  b: number,
  maxEditLength: number,
  maxCost: number,
  lazyTrace: boolean,
): boolean {
  const n = t.unitCount[a]!;
  const m = t.unitCount[b]!;
  if (n > scratch.del.length) scratch.del = new Uint8Array(2 * n);
  if (m > scratch.ins.length) scratch.ins = new Uint8Array(2 * m);
  const ids = t.ids;
  const ao = t.unitOff[a]!;
  const bo = t.unitOff[b]!;
  if (maxEditLength <= MYERS_WORD_EDITS || n * m > maxCost) {
    myersInto(ids, ao, n, ids, bo, m, maxEditLength, scratch.del, scratch.ins);
    return true;
  }
  // Most pairs differ by a word or two: Myers with a tiny limit settles them at once, and a
  // search that does not hit its limit is Myers' alignment exactly. Lines whose lengths differ
  // by more than 4 units need more than 4 edits: the attempt would fail.
  if (Math.abs(n - m) <= 4) {
    if (myersInto(ids, ao, n, ids, bo, m, 4, scratch.del, scratch.ins, true) !== 2) return true;
    clearAlignment(t, a, b);
  }
  const lcs = lcsRows(t, a, b);
  if (n + m - 2 * lcs <= MYERS_WORD_EDITS) {
    myersInto(ids, ao, n, ids, bo, m, maxEditLength, scratch.del, scratch.ins);
    return true;
  }
  if (lazyTrace) return false;
  traceRows(t, a, b, true);
  return true;
}

/**
 * Clears the flags {@link alignWords} wrote for lines `a` and `b`.
 *
 * @example
 * ```ts
 * clearAlignment(t, a, b)
 * ```
 */
export function clearAlignment(t: WordTable, a: number, b: number): void {
  scratch.del.fill(0, 0, t.unitCount[a]!);
  scratch.ins.fill(0, 0, t.unitCount[b]!);
}
