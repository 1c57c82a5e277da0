/**
 * In-place pairing: inside one change block (deleted lines followed by added lines), which
 * deleted line became which added line, so that its word-level changes can be shown.
 *
 * wikidiff2 pairs lines of a block by similarity and shows a pair as one "changed" row only when
 * the lines are similar enough (its `changeThreshold`, 0.2); others stay deleted-only and
 * added-only rows. We do the same in two steps: here, an order-preserving alignment maximising
 * the summed bag similarity of pairs, each at least {@link CHANGE_THRESHOLD} (cheap, and an
 * upper bound of the word similarity); then `diffText` keeps a pair only if the character
 * similarity of its word diff, as wikidiff2 computes it, is over the threshold
 * (`lineLooksChanged`).
 */
import { scratch } from './scratch.js';
import type { WordTable } from './word-table.js';

/** Smallest similarity for two lines to be shown as one line changed in place. */
export const CHANGE_THRESHOLD = 0.2;
/** Largest block (deleted × added lines) aligned by similarity; bigger ones pair by position. */
const MAX_ALIGN_CELLS = 10_000;
/**
 * Largest block (deleted × added lines) in which every line may pair with every other. In a
 * bigger block, line i may only pair with lines in a band around the diagonals from i to
 * i + (added − deleted), {@link BAND} lines wide on each side (see {@link pairLines}).
 */
export const FULL_ALIGN_CELLS = 256;
/** Relative slack of the length bound, so that rounding never skips a pair it should not. */
const SLACK = 1e-9;
/** Half-width of the band of a block bigger than {@link FULL_ALIGN_CELLS}. */
export const BAND = 4;

/**
 * Pairs deleted lines with added lines of one change block, in order.
 *
 * @param table - Holds the lines' words.
 * @param oldLines - Handles of the block's deleted lines (not already paired as moves), in order.
 * @param n - How many of `oldLines` (a shared buffer may be longer).
 * @param newLines - Handles of the block's added lines, in order.
 * @param m - How many of `newLines`.
 * @returns How many pairs: pair k is `scratch.pairs[2k]` (index into `oldLines`) and
 *   `scratch.pairs[2k + 1]` (into `newLines`), ascending on both sides. A shared buffer, not
 *   arrays of tuples: those were a tenth of the word pass's garbage.
 * @example
 * ```ts
 * pairLines(t, [t.add('Small beginnings.'), t.add('Gone.')], 2, [t.add('Small but ambitious beginnings.')], 1)
 * // 1; scratch.pairs[0] = 0, scratch.pairs[1] = 0
 * ```
 */
export function pairLines(
  table: WordTable,
  oldLines: ArrayLike<number>,
  n: number,
  newLines: ArrayLike<number>,
  m: number,
): number {
  if (n === 0 || m === 0) return 0;
  if (2 * Math.min(n, m) > scratch.pairs.length) {
    scratch.pairs = new Int32Array(4 * Math.min(n, m));
  }
  const pairs = scratch.pairs;
  if (n * m > MAX_ALIGN_CELLS) {
    let count = 0;
    for (let k = 0; k < Math.min(n, m); k++) {
      if (table.bags.bagSimilarity(oldLines[k]!, newLines[k]!) >= CHANGE_THRESHOLD) {
        pairs[2 * count] = k;
        pairs[2 * count + 1] = k;
        count++;
      }
    }
    return count;
  }
  // wikidiff2 pairs line k of a block with line k only (its LineDiffProcessor), so it cannot
  // realign after a line inserted or deleted inside a block. A full alignment can, at n × m
  // similarities (half of the word pass on a rewritten page). Past
  // FULL_ALIGN_CELLS, only pairs within BAND lines of the diagonals a shift of the block's size
  // difference allows are compared: the alignment still absorbs up to BAND extra lines on either
  // side, and the cost is linear in the block's length.
  const banded = n * m > FULL_ALIGN_CELLS;
  const bandLo = Math.min(0, m - n) - BAND;
  const bandHi = Math.max(0, m - n) + BAND;
  if (m > scratch.newChars.length) scratch.newChars = new Int32Array(2 * m);
  const newChars = scratch.newChars;
  for (let j = 0; j < m; j++) newChars[j] = table.chars(newLines[j]!);
  // score[(i)(m+1)+j]: best total for oldLines[0..i) × newLines[0..j).
  const w = m + 1;
  const size = (n + 1) * w;
  if (size > scratch.scores.length) {
    scratch.scores = new Float64Array(Math.max(size, 2 * scratch.scores.length));
  }
  const score = scratch.scores;
  score.fill(0, 0, size);
  for (let i = 1; i <= n; i++) {
    const a = oldLines[i - 1]!;
    const ac = table.chars(a);
    const up = (i - 1) * w;
    const row = i * w;
    // Outside the band a cell only carries the best of its neighbours: a plain loop, apart from
    // the one that compares lines (a test per cell showed in the pairing's profile).
    const jLo = banded ? Math.max(1, i + bandLo) : 1;
    const jHi = banded ? Math.min(m, i + bandHi) : m;
    for (let j = 1; j < jLo && j <= m; j++) {
      const x = score[up + j]!;
      const y = score[row + j - 1]!;
      score[row + j] = x > y ? x : y;
    }
    if (jLo <= jHi) table.bags.focus(a);
    for (let j = jLo; j <= jHi; j++) {
      const x = score[up + j]!;
      const y = score[row + j - 1]!;
      let best = x > y ? x : y;
      // The similarity is at most 2·min/(sum) of the lengths. A pair below the threshold there,
      // or whose bound would not raise the best score, needs no similarity: the result is the
      // same (a quarter of the cells on rewritten pages). Compared multiplied out (a division
      // per cell is costly here), with a hair of slack for rounding.
      const bc = newChars[j - 1]!;
      const sum = ac + bc;
      const twoMin = (ac < bc ? 2 * ac : 2 * bc) + SLACK * sum;
      const diagonal = score[up + j - 1]!;
      if (
        sum === 0
          ? diagonal + 1 > best
          : twoMin >= CHANGE_THRESHOLD * sum && twoMin > (best - diagonal) * sum
      ) {
        const s = table.bags.similarityTo(a, newLines[j - 1]!);
        if (s >= CHANGE_THRESHOLD && diagonal + s > best) best = diagonal + s;
      }
      score[row + j] = best;
    }
    if (jLo <= jHi) table.bags.unfocus(a);
    for (let j = Math.max(jLo, jHi + 1); j <= m; j++) {
      const x = score[up + j]!;
      const y = score[row + j - 1]!;
      score[row + j] = x > y ? x : y;
    }
  }
  return traceBack(score, n, m);
}

/**
 * The pairs of the best alignment in the score table, walked back from its last cell, into
 * `scratch.pairs` in ascending order; returns how many.
 */
function traceBack(score: Float64Array, n: number, m: number): number {
  const pairs = scratch.pairs;
  const w = m + 1;
  let i = n;
  let j = m;
  let count = 0;
  while (i > 0 && j > 0) {
    const here = score[i * w + j]!;
    if (here === score[(i - 1) * w + j]) i--;
    else if (here === score[i * w + j - 1]) j--;
    else {
      pairs[2 * count] = i - 1;
      pairs[2 * count + 1] = j - 1;
      count++;
      i--;
      j--;
    }
  }
  // Walked backwards: reverse in place.
  for (let lo = 0, hi = count - 1; lo < hi; lo++, hi--) {
    const p = pairs[2 * lo]!;
    const q = pairs[2 * lo + 1]!;
    pairs[2 * lo] = pairs[2 * hi]!;
    pairs[2 * lo + 1] = pairs[2 * hi + 1]!;
    pairs[2 * hi] = p;
    pairs[2 * hi + 1] = q;
  }
  return count;
}
