// The bit-parallel LCS of two id sequences with its trace: the exact line diff where Myers is slow.
/*
 * Myers costs about D² steps, the bit-parallel LCS (Allison–Dix, as Hyyrö writes it; the word
 * pass's `lcs.ts` on lines) n·m/32 word operations whatever D is. On low-vocabulary pages (blank
 * lines, `|-`, `}}` recurring on both sides, D in the thousands after the lines of one side are
 * set aside) the second is several times cheaper. Bit i of row j is set when L[i+1][j] = L[i][j],
 * L being the LCS-length table; every row is kept, so memory is (m + 1)·⌈n/32⌉ ints, which the
 * caller bounds.
 */

/**
 * Ints of rows and match masks {@link bitLcsInto} needs for sequences of `n` and `m` elements with
 * `distinct` different values in the first.
 *
 * @example
 * ```ts
 * bitLcsSize(64, 10, 3) // (10 + 1 + 3) × 2 = 28
 * ```
 */
export function bitLcsSize(n: number, m: number, distinct: number): number {
  return (m + 1 + distinct) * ((n + 31) >>> 5);
}

/**
 * Flags a minimal set of deletions of `a` and insertions of `b` (deletions and insertions only,
 * the complement of a longest common subsequence), found by the bit-parallel LCS and its trace.
 * Equal elements are matched first when walking back from the ends, so the last of equal
 * candidates is kept, and a deletion is preferred to an insertion.
 *
 * @param a - Old ids, each in `0 .. idCount`.
 * @param b - New ids, each in `0 .. idCount`.
 * @param idCount - Bound of the ids.
 * @param deleted - Zeroed flags, `a.length` long; set where `a[i]` is deleted.
 * @param inserted - Zeroed flags, `b.length` long; set where `b[j]` is inserted.
 * @returns The edit length (deleted + inserted).
 * @example
 * ```ts
 * const del = new Uint8Array(3);
 * const ins = new Uint8Array(3);
 * bitLcsInto(Int32Array.of(1, 2, 3), Int32Array.of(1, 3, 4), 5, del, ins);
 * // 2; del = [0, 1, 0], ins = [0, 0, 1]
 * ```
 */
export function bitLcsInto(
  a: Int32Array,
  b: Int32Array,
  idCount: number,
  deleted: Uint8Array,
  inserted: Uint8Array,
): number {
  const n = a.length;
  const m = b.length;
  const w = (n + 31) >>> 5;
  // One mask per distinct id of `a` (where it occurs); `slot[id]` is 1 + its index, 0 if absent.
  const slot = new Int32Array(idCount);
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const id = a[i]!;
    if (slot[id] === 0) slot[id] = ++distinct;
  }
  const masks = new Int32Array(distinct * w);
  for (let i = 0; i < n; i++) masks[(slot[a[i]!]! - 1) * w + (i >>> 5)]! |= 1 << (i & 31);
  const rows = new Int32Array((m + 1) * w).fill(-1, 0, w);
  for (let j = 0; j < m; j++) {
    const s = slot[b[j]!]!;
    const base = j * w;
    if (s === 0) {
      rows.copyWithin(base + w, base, base + w);
      continue;
    }
    nextRow(rows, base, w, masks, (s - 1) * w);
  }
  let i = n;
  let j = m;
  let edits = 0;
  while (i > 0 && j > 0) {
    if (a[i - 1] === b[j - 1]) {
      i--;
      j--;
    } else if ((rows[j * w + ((i - 1) >>> 5)]! >>> ((i - 1) & 31)) & 1) {
      deleted[--i] = 1;
      edits++;
    } else {
      inserted[--j] = 1;
      edits++;
    }
  }
  for (let k = 0; k < i; k++) deleted[k] = 1;
  for (let k = 0; k < j; k++) inserted[k] = 1;
  return edits + i + j;
}

/**
 * Row `base + w` of the bit-parallel LCS from row `base` and the match mask at `masks[mo ..]`:
 * V' = (V + (V & M)) | (V & ~M), the addition carried over the `w` ints.
 *
 * @example
 * ```ts
 * nextRow(rows, 0, 1, Int32Array.of(0b101), 0) // rows[1] from rows[0]
 * ```
 */
export function nextRow(
  rows: Int32Array,
  base: number,
  w: number,
  masks: Int32Array,
  mo: number,
): void {
  let carry = 0;
  for (let k = 0; k < w; k++) {
    const v = rows[base + k]!;
    const mask = masks[mo + k]!;
    const u = v & mask;
    // The 32-bit addition in 16-bit halves: small-integer arithmetic throughout, where
    // `(v >>> 0) + (u >>> 0)` went through doubles and took 5 times as long.
    const low = (v & 0xffff) + (u & 0xffff) + carry;
    const high = (v >>> 16) + (u >>> 16) + (low >>> 16);
    carry = high >>> 16;
    rows[base + w + k] = (high << 16) | (low & 0xffff) | (v & ~mask);
  }
}
