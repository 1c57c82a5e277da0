// The bit-parallel LCS of two id sequences with its trace: the exact line diff where Myers is slow.
/*
 * Myers costs about D² steps, the bit-parallel LCS (Allison–Dix, as Hyyrö writes it; the word
 * pass's `lcs.ts` on lines) n·m/32 word operations whatever D is. On low-vocabulary pages (blank
 * lines, `|-`, `}}` recurring on both sides, D in the thousands after the lines of one side are
 * set aside) the second is several times cheaper. Bit i of row j is set when L[i+1][j] = L[i][j],
 * L being the LCS-length table. Rows are 30 bits an int, so that the addition with carry stays in
 * V8's small integers.
 *
 * Memory stays O(√m·n/30), so the rows stay in the caches even when other processes load the
 * memory bus (keeping every row was several times slower then: docs/04-diff.md): only every
 * k-th row (k = ⌈√m⌉) is kept, with each row's few ints around the diagonal, where the trace of a
 * rewrite runs. Where the trace leaves that band, it recomputes the rows of its block of k from
 * the checkpoint, only as far as the words it still needs. Match masks are dense only for ids
 * frequent in `a`; the others set their few bits in a shared mask.
 */

/** Bits of a row an int holds. */
const BITS = 30;
const FULL = (1 << BITS) - 1;

/**
 * Ints of each row kept around the diagonal for the trace (480 columns): the trace of a rewrite
 * stays near it and reads them, instead of recomputing its block from a checkpoint.
 */
const BAND_WORDS = 16;

/** Occurrences in `a` from which an id gets a dense match mask of its own. */
const DENSE = 16;

/** The match masks of `a`'s ids: dense for frequent ids, built per row for the others. */
interface Masks {
  /** Per id: 1 + index of its dense mask, or 0. */
  readonly slot: Int32Array;
  readonly masks: Int32Array;
  /** Offset of the shared mask in `masks`, all zero between rows. */
  readonly shared: number;
  /** Positions in `a` of each id: `pos[start[id] .. start[id + 1])`. */
  readonly start: Int32Array;
  readonly pos: Int32Array;
  readonly w: number;
}

/**
 * One buffer holding every array of a call, kept between calls up to `POOL_KEEP` ints: typed
 * arrays live outside V8's heap, and a dozen of them per call showed as garbage collection.
 */
let pool = new Int32Array(1024);
const POOL_KEEP = 1 << 20;

/** Zeroed views of one buffer, taken in turn. */
class Ints {
  private at = 0;
  constructor(private readonly buf: Int32Array) {}
  take(size: number): Int32Array {
    const v = this.buf.subarray(this.at, this.at + size);
    this.at += size;
    return v.fill(0);
  }
}

function buildMasks(a: Int32Array, idCount: number, ints: Ints): Masks {
  const n = a.length;
  const w = Math.ceil(n / BITS);
  const start = ints.take(idCount + 1);
  for (let i = 0; i < n; i++) start[a[i]! + 1]!++;
  const slot = ints.take(idCount);
  const fill = ints.take(idCount);
  let dense = 0;
  for (let id = 0; id < idCount; id++) {
    if (start[id + 1]! >= DENSE) slot[id] = ++dense;
    start[id + 1]! += start[id]!;
    fill[id] = start[id]!;
  }
  const pos = ints.take(n);
  for (let i = 0; i < n; i++) pos[fill[a[i]!]!++] = i;
  const masks = ints.take((dense + 1) * w);
  for (let i = 0; i < n; i++) {
    const s = slot[a[i]!]!;
    if (s !== 0) masks[(s - 1) * w + Math.floor(i / BITS)]! |= 1 << (i % BITS);
  }
  return { slot, masks, shared: dense * w, start, pos, w };
}

/** The first `words` ints of the row after `id`, from the row at `src[so ..]` into `dst[dO ..]`. */
function step(
  k: Masks,
  id: number,
  src: Int32Array,
  so: number,
  dst: Int32Array,
  dO: number,
  words: number,
): void {
  const s = k.slot[id]!;
  if (s !== 0) {
    nextRow(src, so, dst, dO, words, k.masks, (s - 1) * k.w);
    return;
  }
  const { masks, shared, pos } = k;
  const from = k.start[id]!;
  const to = k.start[id + 1]!;
  for (let q = from; q < to; q++)
    masks[shared + Math.floor(pos[q]! / BITS)]! |= 1 << (pos[q]! % BITS);
  nextRow(src, so, dst, dO, words, masks, shared);
  for (let q = from; q < to; q++) masks[shared + Math.floor(pos[q]! / BITS)] = 0;
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
  const w = Math.ceil(n / BITS);
  const k = Math.max(1, Math.ceil(Math.sqrt(m)));
  const checkpointCount = Math.floor(m / k) + 1;
  // Dense masks are at most n / DENSE, plus the shared one.
  // Each row's words around the diagonal i = j·n/m, where the trace of a rewrite mostly runs.
  const bandW = Math.min(w, BAND_WORDS);
  const need =
    3 * idCount +
    1 +
    n +
    (Math.floor(n / DENSE) + 1) * w +
    (checkpointCount + 1 + k) * w +
    (m + 1) * bandW;
  const buf = need <= pool.length ? pool : new Int32Array(need);
  if (need <= POOL_KEEP) pool = buf;
  const ints = new Ints(buf);
  const masks = buildMasks(a, idCount, ints);
  const checkpoints = ints.take(checkpointCount * w).fill(FULL, 0, w);
  const row = ints.take(w).fill(FULL);
  const band = ints.take((m + 1) * bandW);
  const slope = n / m / BITS;
  const bandFrom = (j: number): number =>
    Math.max(0, Math.min(w - bandW, Math.floor(j * slope) - (bandW >> 1)));
  for (let j = 0; j < m; j++) {
    step(masks, b[j]!, row, 0, row, 0, w);
    if ((j + 1) % k === 0) checkpoints.set(row, ((j + 1) / k) * w);
    const from = bandFrom(j + 1);
    const to = (j + 1) * bandW;
    for (let q = 0; q < bandW; q++) band[to + q] = row[from + q]!;
  }
  // Rows c·k to j of the block the trace is in, each w ints apart (only the low words filled).
  const block = ints.take(k * w);
  let c = -1;
  let i = n;
  let j = m;
  let edits = 0;
  while (i > 0 && j > 0) {
    if (a[i - 1] === b[j - 1]) {
      i--;
      j--;
      continue;
    }
    const q = Math.floor((i - 1) / BITS) - bandFrom(j);
    if (q >= 0 && q < bandW) {
      if ((band[j * bandW + q]! >>> ((i - 1) % BITS)) & 1) deleted[--i] = 1;
      else inserted[--j] = 1;
      edits++;
      continue;
    }
    if (Math.floor(j / k) !== c) {
      c = Math.floor(j / k);
      const words = Math.ceil(i / BITS);
      const first = c * k;
      block.set(checkpoints.subarray(c * w, c * w + words));
      for (let r = first + 1; r <= j; r++) {
        step(masks, b[r - 1]!, block, (r - 1 - first) * w, block, (r - first) * w, words);
      }
    }
    if ((block[(j - c * k) * w + Math.floor((i - 1) / BITS)]! >>> ((i - 1) % BITS)) & 1) {
      deleted[--i] = 1;
    } else {
      inserted[--j] = 1;
    }
    edits++;
  }
  for (let q = 0; q < i; q++) deleted[q] = 1;
  for (let q = 0; q < j; q++) inserted[q] = 1;
  return edits + i + j;
}

/**
 * The first `w` ints of the next row, from the row at `src[so ..]` and the match mask at
 * `masks[mo ..]`, into `dst[dO ..]` (which may be the same place): V' = (V + (V & M)) | (V & ~M),
 * the addition carried over the ints.
 */
function nextRow(
  src: Int32Array,
  so: number,
  dst: Int32Array,
  dO: number,
  w: number,
  masks: Int32Array,
  mo: number,
): void {
  let carry = 0;
  for (let k = 0; k < w; k++) {
    const v = src[so + k]!;
    const mask = masks[mo + k]!;
    const sum = v + (v & mask) + carry;
    carry = sum >>> BITS;
    dst[dO + k] = (sum & FULL) | (v & ~mask);
  }
}
