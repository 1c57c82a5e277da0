/**
 * The token pairs Python's `difflib.Differ().compare(a, b)` reports as unchanged (`'  '` lines),
 * which is all WikiWho takes from its word diff: a current token keeps the authorship of the
 * previous token it is paired with, any other is new, and unpaired previous tokens are deleted.
 *
 * A port of CPython 3.11's `SequenceMatcher` (no junk function, `autojunk` on: in a sequence of
 * 200 or more, elements more frequent than 1 % + 1 are not used as anchors) and of `Differ`'s
 * `_fancy_replace`, which in a replaced block pairs the most similar tokens (character ratio
 * ≥ 0.75) as synchronisation points and, failing one, the first identical pair. Only the pairs
 * are computed, not the `?` hint lines, and the recursion runs on an explicit stack.
 */

/** A matching block `[a, b, size]`, as `SequenceMatcher.get_matching_blocks` gives them. */
type Block = readonly [number, number, number];

/** Two rows of `longest`'s lengths by `j` and the row that wrote each, kept between calls. */
interface Rows {
  readonly len: Int32Array;
  readonly stamp: Float64Array;
}
const newRows = (n: number): Rows => ({ len: new Int32Array(n), stamp: new Float64Array(n) });
let rows = newRows(512);
/** The row counter of the stamps; it only grows, so no stamp is ever stale by chance. */
let row = 0;

/**
 * `SequenceMatcher(None, a, b).get_matching_blocks()` without the final sentinel.
 * Elements are compared with `===`.
 */
export function matchingBlocks<T>(a: ArrayLike<T>, b: ArrayLike<T>): Block[] {
  const b2j = new Map<T, number[]>();
  for (let j = 0; j < b.length; j++) {
    const e = b[j]!;
    const list = b2j.get(e);
    if (list === undefined) b2j.set(e, [j]);
    else list.push(j);
  }
  if (b.length >= 200) {
    const ntest = Math.floor(b.length / 100) + 1;
    for (const [e, list] of b2j) if (list.length > ntest) b2j.delete(e);
  }
  // Python's `j2len` dicts (one per row of `a`) as two rows of arrays by `j`, an entry counting
  // only when stamped with its row: a Map per row was most of the garbage of a small page.
  let scratch = rows;
  if (scratch.len.length >> 1 <= b.length) scratch = rows = newRows(2 * b.length + 2);
  const { len, stamp } = scratch;
  const width = scratch.len.length >> 1;
  const longest = (alo: number, ahi: number, blo: number, bhi: number): Block => {
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    row += 2; // no entry of an earlier search is read as the row before this one's first
    for (let i = alo; i < ahi; i++, row++) {
      const prev = (row + 1) % 2 === 0 ? 0 : width;
      const next = width - prev;
      const list = b2j.get(a[i]!);
      if (list !== undefined) {
        for (const j of list) {
          if (j < blo) continue;
          if (j >= bhi) break;
          const k = (j > 0 && stamp[prev + j - 1] === row - 1 ? len[prev + j - 1]! : 0) + 1;
          len[next + j] = k;
          stamp[next + j] = row;
          if (k > bestsize) {
            besti = i - k + 1;
            bestj = j - k + 1;
            bestsize = k;
          }
        }
      }
    }
    // No junk, so only the first pair of extensions applies (popular elements extend a match).
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (
      besti + bestsize < ahi &&
      bestj + bestsize < bhi &&
      a[besti + bestsize] === b[bestj + bestsize]
    ) {
      bestsize++;
    }
    return [besti, bestj, bestsize];
  };
  const blocks: Block[] = [];
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const x = longest(alo, ahi, blo, bhi);
    const [i, j, k] = x;
    if (k > 0) {
      blocks.push(x);
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
  }
  blocks.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: Block[] = [];
  let [i1, j1, k1] = [0, 0, 0];
  for (const [i2, j2, k2] of blocks) {
    if (i1 + k1 === i2 && j1 + k1 === j2) k1 += k2;
    else {
      if (k1 > 0) merged.push([i1, j1, k1]);
      [i1, j1, k1] = [i2, j2, k2];
    }
  }
  if (k1 > 0) merged.push([i1, j1, k1]);
  return merged;
}

/** `SequenceMatcher(None, a, b).ratio()` over code points. */
function ratio(a: readonly number[], b: readonly number[]): number {
  let matches = 0;
  for (const block of matchingBlocks(a, b)) matches += block[2];
  const length = a.length + b.length;
  return length > 0 ? (2 * matches) / length : 1;
}

/**
 * Counts of the current `b` token's code points, by code point, for `quick_ratio` (BMP only:
 * a token with an astral character takes the `Map` path). Module scratch, left all zero after
 * each use: the pairing loop scores thousands of token pairs, and a `Map` per pair was half
 * its time.
 */
const COUNTS = new Int32Array(0x10000);
const TAKEN: number[] = [];

const isBmp = (points: readonly number[]): boolean => {
  for (const e of points) if (e > 0xffff) return false;
  return true;
};

/**
 * `quick_ratio()`: the size of the multiset intersection, an upper bound of `ratio()`. With
 * `bCount` null, `b`'s counts are in {@link COUNTS} (and `a` must be BMP too).
 */
function quickRatio(
  a: readonly number[],
  bCount: Map<number, number> | null,
  bLength: number,
): number {
  let matches = 0;
  if (bCount === null) {
    for (const e of a) {
      if (COUNTS[e]! > 0) {
        COUNTS[e]!--;
        TAKEN.push(e);
        matches++;
      }
    }
    for (const e of TAKEN) COUNTS[e]!++;
    TAKEN.length = 0;
  } else {
    const avail = new Map<number, number>();
    for (const e of a) {
      const numb = avail.get(e) ?? bCount.get(e) ?? 0;
      avail.set(e, numb - 1);
      if (numb > 0) matches++;
    }
  }
  const length = a.length + bLength;
  return length > 0 ? (2 * matches) / length : 1;
}

/** Options of {@link differPairs}. */
export interface DifferPairsOptions {
  /**
   * Token pairs whose similarity `_fancy_replace` may score in one call; past it, replaced
   * blocks are left unpaired (Python would spend minutes on them).
   */
  readonly maxPairs: number;
}

/**
 * For each element of `b`, the index of the element of `a` that `Differ().compare(a, b)` keeps
 * it equal to, or -1; `exceeded` when the pair budget left a replaced block unpaired.
 *
 * @param a - Previous tokens, as ids of their text.
 * @param b - Current tokens, as ids of their text.
 * @param points - The code points of a token id's text (for the similarity ratio).
 */
export function differPairs(
  a: readonly number[],
  b: ArrayLike<number>,
  points: (id: number) => readonly number[],
  options: DifferPairsOptions,
): { readonly pairs: Int32Array; readonly exceeded: boolean } {
  const pairs = new Int32Array(b.length).fill(-1);
  let exceeded = false;
  let budget = options.maxPairs;
  const replaced: [number, number, number, number][] = [];
  let i = 0;
  let j = 0;
  for (const [ai, bj, size] of [...matchingBlocks(a, b), [a.length, b.length, 0] as const]) {
    if (i < ai && j < bj) replaced.push([i, ai, j, bj]);
    for (let k = 0; k < size; k++) pairs[bj + k] = ai + k;
    i = ai + size;
    j = bj + size;
  }
  while (replaced.length > 0) {
    const [alo, ahi, blo, bhi] = replaced.pop()!;
    const cells = (ahi - alo) * (bhi - blo);
    if (cells > budget) {
      exceeded = true;
      continue;
    }
    budget -= cells;
    let bestRatio = 0.74;
    let bestI = -1;
    let bestJ = -1;
    let eqi = -1;
    let eqj = -1;
    for (let jj = blo; jj < bhi; jj++) {
      const bElt = b[jj]!;
      const bPoints = points(bElt);
      const bBmp = isBmp(bPoints);
      let bCount: Map<number, number> | null = null;
      let counted = false;
      for (let ii = alo; ii < ahi; ii++) {
        const aElt = a[ii]!;
        if (aElt === bElt) {
          if (eqi === -1) {
            eqi = ii;
            eqj = jj;
          }
          continue;
        }
        const aPoints = points(aElt);
        const la = aPoints.length;
        const lb = bPoints.length;
        if ((2 * Math.min(la, lb)) / (la + lb) <= bestRatio) continue;
        let quick: number;
        if (bBmp && isBmp(aPoints)) {
          if (!counted) {
            for (const e of bPoints) COUNTS[e]!++;
            counted = true;
          }
          quick = quickRatio(aPoints, null, lb);
        } else {
          if (bCount === null) {
            bCount = new Map();
            for (const e of bPoints) bCount.set(e, (bCount.get(e) ?? 0) + 1);
          }
          quick = quickRatio(aPoints, bCount, lb);
        }
        if (quick <= bestRatio) continue;
        const r = ratio(aPoints, bPoints);
        if (r > bestRatio) {
          bestRatio = r;
          bestI = ii;
          bestJ = jj;
        }
      }
      if (counted) for (const e of bPoints) COUNTS[e]!--;
    }
    if (bestRatio < 0.75) {
      if (eqi === -1) continue;
      bestI = eqi;
      bestJ = eqj;
      pairs[bestJ] = bestI;
    }
    if (alo < bestI && blo < bestJ) replaced.push([alo, bestI, blo, bestJ]);
    if (bestI + 1 < ahi && bestJ + 1 < bhi) replaced.push([bestI + 1, ahi, bestJ + 1, bhi]);
  }
  return { pairs, exceeded };
}
