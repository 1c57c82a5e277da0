// The bit-parallel LCS of two lines' units, for word alignments too long for Myers.
/*
 * Allison–Dix, as Hyyrö writes it: bit i of row j is set when L[i+1][j] = L[i][j], L being the
 * LCS-length table; each row is one addition with carry over ⌈n/32⌉ ints. The rows are kept
 * (in `scratch.rows`, (m + 1)·⌈n/32⌉ ints: the word-diff budget bounds n·m, so this is bounded)
 * and walked back from the end, matching equal units first.
 */
import { scratch } from './scratch.js';
import type { WordTable } from './word-table.js';

/** What {@link traceRows} measured on its path. */
export interface RowsMeasure {
  /** Kept non-whitespace characters of one side. */
  kept: number;
  /** wikidiff2's character similarity (see `lineLooksChanged`). */
  charSimilarity: number;
}

/**
 * Fills the LCS rows of lines `a` and `b` and returns the LCS length.
 *
 * @example
 * ```ts
 * lcsRows(t, t.add('a b c'), t.add('a c')) // 2
 * ```
 */
export function lcsRows(t: WordTable, a: number, b: number): number {
  const ids = t.ids;
  const bo = t.unitOff[b]!;
  const n = t.unitCount[a]!;
  const m = t.unitCount[b]!;
  const w = (n + 31) >>> 5;
  if ((m + 1) * w > scratch.rows.length) scratch.rows = new Int32Array(2 * (m + 1) * w);
  const masks = matchMasks(t, a, w);
  const rows = scratch.rows;
  const slot = scratch.slot;
  for (let k = 0; k < w; k++) rows[k] = -1;
  for (let j = 0; j < m; j++) {
    const s = slot[ids[bo + j]!]!;
    const base = j * w;
    if (s === 0) {
      // A loop, not `copyWithin`: the row is 1 to 3 ints (the builtin call showed in profiles).
      for (let k = 0; k < w; k++) rows[base + w + k] = rows[base + k]!;
      continue;
    }
    const mo = (s - 1) * w;
    let carry = 0;
    for (let k = 0; k < w; k++) {
      const v = rows[base + k]!;
      const mask = masks[mo + k]!;
      const u = v & mask;
      // The 32-bit addition in 16-bit halves keeps to small integers; `(v >>> 0) + (u >>> 0)`
      // went through doubles.
      const low = (v & 0xffff) + (u & 0xffff) + carry;
      const high = (v >>> 16) + (u >>> 16) + (low >>> 16);
      carry = high >>> 16;
      rows[base + w + k] = (high << 16) | (low & 0xffff) | (v & ~mask);
    }
  }
  const ao = t.unitOff[a]!;
  for (let i = 0; i < n; i++) slot[ids[ao + i]!] = 0;
  return n - lastRowOnes(rows, m * w, w, n);
}

/** One bit mask per distinct token of line `a` (where it occurs), indexed through `slot`. */
function matchMasks(t: WordTable, a: number, w: number): Int32Array {
  const ids = t.ids;
  const ao = t.unitOff[a]!;
  const n = t.unitCount[a]!;
  if (n * w > scratch.masks.length) scratch.masks = new Int32Array(2 * n * w);
  const masks = scratch.masks;
  const slot = scratch.slot;
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const id = ids[ao + i]!;
    let s = slot[id]!;
    if (s === 0) {
      s = ++distinct;
      slot[id] = s;
      // A loop, not `fill`: w is 1 to 3 ints, and the builtin call cost more than the rows.
      for (let q = (s - 1) * w; q < s * w; q++) masks[q] = 0;
    }
    masks[(s - 1) * w + (i >>> 5)]! |= 1 << (i & 31);
  }
  return masks;
}

/** Set bits among the first `n` of the row at `last` (the LCS is the zero bits). */
function lastRowOnes(rows: Int32Array, last: number, w: number, n: number): number {
  let ones = 0;
  for (let k = 0; k < w; k++) {
    let v = rows[last + k]!;
    if (k === w - 1 && (n & 31) !== 0) v &= (1 << (n & 31)) - 1;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    ones += (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
  }
  return ones;
}

/**
 * Walks back the rows {@link lcsRows} left, matching equal units first, and measures the path.
 * With `write`, it also flags the path's deleted and inserted units in `scratch.del`/`ins`;
 * without, a pair that is only measured never writes flags to clear again (most pairs are
 * only measured). A run of deleted and inserted units between two matched ones is the same run walked
 * backwards, so wikidiff2's measure is the same as on the flags.
 *
 * @example
 * ```ts
 * lcsRows(t, a, b); traceRows(t, a, b, false).charSimilarity
 * ```
 */
export function traceRows(t: WordTable, a: number, b: number, write: boolean): RowsMeasure {
  const { ids, suffixEnd } = t;
  const weight = t.tokens.weight;
  const ao = t.unitOff[a]!;
  const bo = t.unitOff[b]!;
  const aStart = t.lineStart[a]!;
  const bStart = t.lineStart[b]!;
  const n = t.unitCount[a]!;
  const w = (n + 31) >>> 5;
  const rows = scratch.rows;
  let i = n;
  let j = t.unitCount[b]!;
  let kept = 0;
  let copied = 0;
  let total = 0;
  let del = 0;
  let ins = 0;
  while (i > 0 || j > 0) {
    const u = ao + i - 1;
    const v = bo + j - 1;
    if (i > 0 && j > 0 && ids[u] === ids[v]) {
      total += del > 0 && ins > 0 ? Math.max(del, ins) : del + ins;
      del = 0;
      ins = 0;
      const size = suffixEnd[u]! - (i === 1 ? aStart : suffixEnd[u - 1]!);
      copied += size;
      total += size;
      kept += weight[ids[u]!]!;
      i--;
      j--;
    } else if (j === 0 || (i > 0 && (rows[j * w + ((i - 1) >>> 5)]! >>> ((i - 1) & 31)) & 1)) {
      del += suffixEnd[u]! - (i === 1 ? aStart : suffixEnd[u - 1]!);
      if (write) scratch.del[i - 1] = 1;
      i--;
    } else {
      ins += suffixEnd[v]! - (j === 1 ? bStart : suffixEnd[v - 1]!);
      if (write) scratch.ins[j - 1] = 1;
      j--;
    }
  }
  total += del > 0 && ins > 0 ? Math.max(del, ins) : del + ins;
  return { kept, charSimilarity: copied === 0 ? 0 : copied / total };
}
