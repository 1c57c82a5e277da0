/**
 * In-place pairing: inside one change block (deleted lines followed by added lines), which
 * deleted line became which added line, so that its word-level changes can be shown.
 *
 * wikidiff2 pairs lines of a block by similarity and shows a pair as one "changed" row only when
 * the lines are similar enough (its `changeThreshold`, 0.2); others stay deleted-only and
 * added-only rows. We do the same: an order-preserving alignment maximising the summed
 * similarity of pairs, each pair above {@link CHANGE_THRESHOLD}.
 */
import { bagSimilarity, wordBag } from './words.js';

/** Smallest similarity for two lines to be shown as one line changed in place. */
export const CHANGE_THRESHOLD = 0.2;
/** Largest block (deleted × added lines) aligned by similarity; bigger ones pair by position. */
const MAX_ALIGN_CELLS = 10_000;
/**
 * Pairs deleted lines with added lines of one change block, in order.
 *
 * @param oldTexts - The block's deleted lines (not already paired as moves), in order.
 * @param newTexts - The block's added lines, in order.
 * @returns Pairs of indices into `oldTexts` and `newTexts`, ascending on both sides.
 * @example
 * ```ts
 * pairLines(['Small beginnings.', 'Gone.'], ['Small but ambitious beginnings.'])
 * // [[0, 0]]
 * ```
 */
export function pairLines(
  oldTexts: readonly string[],
  newTexts: readonly string[],
): Array<readonly [number, number]> {
  const n = oldTexts.length;
  const m = newTexts.length;
  if (n === 0 || m === 0) return [];
  const oldBags = oldTexts.map(wordBag);
  const newBags = newTexts.map(wordBag);
  const pairs: Array<readonly [number, number]> = [];
  if (n * m > MAX_ALIGN_CELLS) {
    for (let k = 0; k < Math.min(n, m); k++) {
      if (bagSimilarity(oldBags[k]!, newBags[k]!) >= CHANGE_THRESHOLD) pairs.push([k, k]);
    }
    return pairs;
  }
  // score[(i)(m+1)+j]: best total for oldTexts[0..i) × newTexts[0..j).
  const w = m + 1;
  const score = new Float64Array((n + 1) * w);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const s = bagSimilarity(oldBags[i - 1]!, newBags[j - 1]!);
      let best = Math.max(score[(i - 1) * w + j]!, score[i * w + j - 1]!);
      if (s >= CHANGE_THRESHOLD) best = Math.max(best, score[(i - 1) * w + j - 1]! + s);
      score[i * w + j] = best;
    }
  }
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const here = score[i * w + j]!;
    if (here === score[(i - 1) * w + j]) i--;
    else if (here === score[i * w + j - 1]) j--;
    else {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    }
  }
  return pairs.reverse();
}
