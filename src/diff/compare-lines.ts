// What the line diff asks of two tokenized lines: their word diff, similarity and change test, within budget.
import { alignWords, clearAlignment } from './align-words.js';
import { traceRows } from './lcs.js';
import { scratch } from './scratch.js';
import type { WordDiff } from './word-change.js';
import { segmentsOfAlignment } from './word-segments.js';
import type { WordTable } from './word-table.js';

/** The limits of one word comparison. */
export interface WordLimits {
  /** Edit length past which the word alignment stops being minimal. */
  readonly maxEditLength: number;
  /** `maxWordDiffCost`: see {@link overWordBudget}. */
  readonly maxCost: number;
}

/**
 * Whether comparing lines `a` and `b` word by word costs more than `maxCost`: the product of
 * their word counts once identical leading and trailing words are set aside, as wikidiff2's
 * `DiffEngine` counts it against `max_word_level_diff_complexity` (40,000,000). wikidiff2 then
 * outputs "whole left side replaced with right" (see {@link wholeLineChange}). Its words count
 * each whitespace run apart, so the same budget lets through lines about twice as long here.
 *
 * @example
 * ```ts
 * overWordBudget(t, t.add('a b c'), t.add('x y z'), 8) // true: 3 × 3 > 8
 * ```
 */
export function overWordBudget(t: WordTable, a: number, b: number, maxCost: number): boolean {
  const n = t.unitCount[a]!;
  const m = t.unitCount[b]!;
  if (n * m <= maxCost) return false;
  const ids = t.ids;
  const ao = t.unitOff[a]!;
  const bo = t.unitOff[b]!;
  let lo = 0;
  while (lo < n && lo < m && ids[ao + lo] === ids[bo + lo]) lo++;
  let hi = 0;
  while (hi < n - lo && hi < m - lo && ids[ao + n - 1 - hi] === ids[bo + m - 1 - hi]) hi++;
  return (n - lo - hi) * (m - lo - hi) > maxCost;
}

/**
 * The word diff wikidiff2 gives two lines over budget: the whole old line deleted, the whole
 * new line inserted, nothing kept.
 *
 * @example
 * ```ts
 * wholeLineChange('a b', 'a c').new // [{ kind: 'inserted', text: 'a c' }]
 * ```
 */
export function wholeLineChange(oldLine: string, newLine: string): WordDiff {
  return {
    old: oldLine === '' ? [] : [{ kind: 'deleted', text: oldLine }],
    new: newLine === '' ? [] : [{ kind: 'inserted', text: newLine }],
    similarity: 0,
    skipped: true,
  };
}

/**
 * Word diff of two lines (see `diffWords`), or `null` when it is over budget.
 *
 * @example
 * ```ts
 * wordDiff(t, t.add('a b'), t.add('a c'), { maxEditLength: 10_000, maxCost: 40_000_000 })?.new
 * // [{ kind: 'equal', text: 'a ' }, { kind: 'inserted', text: 'c' }]
 * ```
 */
export function wordDiff(t: WordTable, a: number, b: number, limits: WordLimits): WordDiff | null {
  if (overWordBudget(t, a, b, limits.maxCost)) return null;
  alignWords(t, a, b, limits.maxEditLength, limits.maxCost, false);
  return segmentsOfAlignment(t, a, b);
}

/**
 * Word similarity of two lines (`diffWords(…).similarity`) without building the segments; 0
 * when over budget, as wikidiff2 measures such a pair.
 *
 * @example
 * ```ts
 * wordSimilarity(t, t.add('a b'), t.add('a c'), limits) // 0.5
 * ```
 */
export function wordSimilarity(t: WordTable, a: number, b: number, limits: WordLimits): number {
  const total = t.lineChars[a]! + t.lineChars[b]!;
  if (total === 0) return 1;
  if (overWordBudget(t, a, b, limits.maxCost)) return 0;
  if (!alignWords(t, a, b, limits.maxEditLength, limits.maxCost, true)) {
    return (2 * traceRows(t, a, b, false).kept) / total;
  }
  // Matched units have equal ids, so equal weights: the kept characters are twice one side's.
  const off = t.unitOff[a]!;
  const count = t.unitCount[a]!;
  const weight = t.tokens.weight;
  let kept = 0;
  for (let k = 0; k < count; k++) if (!scratch.del[k]) kept += weight[t.ids[off + k]!]!;
  clearAlignment(t, a, b);
  return (2 * kept) / total;
}

/**
 * The word diff of two lines that may be shown as one line changed in place; `null` when they
 * are too different for that, `'over budget'` when they were not compared: wikidiff2 then
 * shows them as one changed line all deleted and inserted (1.13 measures the similarity without
 * the budget; later versions treat a pair over budget as similar).
 *
 * wikidiff2 (`DiffEngine::looksLikeChange`, 1.13 in MediaWiki 1.39) shows a deleted and an added
 * line as one changed line only when the `charSimilarity` of their word diff is over its
 * threshold (0.2): copied characters over copied + deleted + added ones, where a deletion next
 * to an insertion counts as the larger of the two, and every word counts with its trailing
 * whitespace. Here in UTF-16 units (wikidiff2 counts UTF-8 bytes; the ratio differs only for
 * lines mixing scripts). truth/compare/45-46: `Text.` and `Text, edited before the move.`,
 * 4 / 29, are a deleted and an added line. The segments of such a pair are never built.
 *
 * @example
 * ```ts
 * lineLooksChanged(t, t.add('Text.'), t.add('Text, edited before the move.'), limits, 0.2) // null
 * ```
 */
export function lineLooksChanged(
  t: WordTable,
  a: number,
  b: number,
  limits: WordLimits,
  threshold: number,
): WordDiff | null | 'over budget' {
  if (overWordBudget(t, a, b, limits.maxCost)) return 'over budget';
  if (alignWords(t, a, b, limits.maxEditLength, limits.maxCost, true)) {
    if (flagsCharSimilarity(t, a, b) > threshold) return segmentsOfAlignment(t, a, b);
    clearAlignment(t, a, b);
    return null;
  }
  // One walk writes the flags and measures; a rejected pair clears them (cheaper than walking
  // twice where most pairs are kept, as on low-vocabulary pages).
  if (traceRows(t, a, b, true).charSimilarity <= threshold) {
    clearAlignment(t, a, b);
    return null;
  }
  return segmentsOfAlignment(t, a, b);
}

/**
 * wikidiff2's character similarity of two lines (see {@link lineLooksChanged}), always measured
 * on the alignment's flags: the tests check the rows' measure against it.
 *
 * @example
 * ```ts
 * characterSimilarity(t, t.add('Text.'), t.add('Text, edited before the move.'), limits) // 4 / 29
 * ```
 */
export function characterSimilarity(
  t: WordTable,
  a: number,
  b: number,
  limits: WordLimits,
): number {
  alignWords(t, a, b, limits.maxEditLength, limits.maxCost, false);
  const v = flagsCharSimilarity(t, a, b);
  clearAlignment(t, a, b);
  return v;
}

/** wikidiff2's `charSimilarity` of the alignment in `scratch.del`/`ins`. */
function flagsCharSimilarity(t: WordTable, a: number, b: number): number {
  const deleted = scratch.del;
  const inserted = scratch.ins;
  const n = t.unitCount[a]!;
  const m = t.unitCount[b]!;
  const ao = t.unitOff[a]!;
  const bo = t.unitOff[b]!;
  const suffixEnd = t.suffixEnd;
  const aStart = t.lineStart[a]!;
  const bStart = t.lineStart[b]!;
  let copied = 0;
  let total = 0;
  let del = 0;
  let ins = 0;
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && deleted[i]) {
      del += suffixEnd[ao + i]! - (i === 0 ? aStart : suffixEnd[ao + i - 1]!);
      i++;
    } else if (j < m && inserted[j]) {
      ins += suffixEnd[bo + j]! - (j === 0 ? bStart : suffixEnd[bo + j - 1]!);
      j++;
    } else {
      total += del > 0 && ins > 0 ? Math.max(del, ins) : del + ins;
      del = 0;
      ins = 0;
      const size = suffixEnd[ao + i]! - (i === 0 ? aStart : suffixEnd[ao + i - 1]!);
      copied += size;
      total += size;
      i++;
      j++;
    }
  }
  total += del > 0 && ins > 0 ? Math.max(del, ins) : del + ins;
  return copied === 0 ? 0 : copied / total;
}
