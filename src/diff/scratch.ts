// Buffers the diff stage reuses across calls, so a small diff allocates almost nothing.
/*
 * Why shared: typed arrays over 64 bytes live outside V8's heap and cost microseconds each to
 * create and collect; made per call, they made the default mode slower than jsdiff on small
 * pages (docs/04-diff.md, *Performance notes*).
 * Safe because every user is synchronous and calls no user code, so no two calls overlap, and
 * no result keeps a view of them. Those indexed by token id are all zero between uses; the
 * flags are zero beyond what the current pair uses.
 */

/** Entries past which the per-line buffers are allocated for one call and not kept. */
const KEEP_LINES = 1 << 16;

/** The shared buffers. Each user grows what it needs with the helpers below. */
export const scratch = {
  /** Per-line ints of one `diffText` call (see `createDiffState`). */
  lines32: new Int32Array(1024),
  /** Per-line flags of one `diffText` call (see `lineFlags`). */
  lines8: new Uint8Array(1024),
  /** Counts of line lengths modulo its size (see `lengthBound`); all zero between calls. */
  lengthCounts: new Int32Array(4096),
  /** Counts × lengths per token id of the focused line (see `LineBags.focus`). */
  counts: new Int32Array(256),
  /** Counts per token id while a bag is built. */
  bagCounts: new Int32Array(256),
  /** Per token id: 1 + index of its match mask in `masks` (see `lcsRows`). */
  slot: new Int32Array(256),
  /** Match masks of the old line's distinct tokens (see `lcsRows`). */
  masks: new Int32Array(256),
  /** The bit-parallel LCS rows (see `lcsRows`). */
  rows: new Int32Array(1024),
  /** Deleted/inserted flags of the last word alignment (see `alignWords`). */
  del: new Uint8Array(256),
  ins: new Uint8Array(256),
  /** In-place pairing scores, the added lines' sizes and the pairs found (see `pairLines`). */
  scores: new Float64Array(1024),
  newChars: new Int32Array(256),
  pairs: new Int32Array(256),
  /** A block's unpaired lines and their handles (see `pairInPlace`). */
  blockLines: new Int32Array(1024),
  /** Myers' forward and backward diagonals and its stack of sub-problems (see `myersInto`). */
  myersForward: new Int32Array(256),
  myersBackward: new Int32Array(256),
  myersStack: new Int32Array(256),
  /** The trace of greedy Myers, row d at d² (see `myersGreedy`). */
  greedyTrace: new Int32Array(1024),
};

/** `size` ints of the shared per-line buffer, all -1 (a buffer of its own for huge pages). */
export function lineInts(size: number): Int32Array {
  if (size > KEEP_LINES * 6) return new Int32Array(size).fill(-1);
  if (size > scratch.lines32.length) {
    scratch.lines32 = new Int32Array(Math.max(size, 2 * scratch.lines32.length));
  }
  return scratch.lines32.subarray(0, size).fill(-1);
}

/** `size` bytes of the shared per-line flags, all 0 (a buffer of its own for huge pages). */
export function lineBytes(size: number): Uint8Array {
  if (size > KEEP_LINES * 2) return new Uint8Array(size);
  if (size > scratch.lines8.length) {
    scratch.lines8 = new Uint8Array(Math.max(size, 2 * scratch.lines8.length));
  }
  return scratch.lines8.subarray(0, size).fill(0);
}

/** `size` ints for one `pairInPlace` call (a buffer of its own for huge pages), not cleared. */
export function blockBuffer(size: number): Int32Array {
  if (size > KEEP_LINES * 4) return new Int32Array(size);
  if (size > scratch.blockLines.length) {
    scratch.blockLines = new Int32Array(Math.max(size, 2 * scratch.blockLines.length));
  }
  return scratch.blockLines;
}

/** Grows the buffers indexed by token id to hold ids below `ids`. */
export function growTokenScratch(ids: number): void {
  if (ids <= scratch.counts.length) return;
  scratch.counts = grow(scratch.counts, ids);
  scratch.bagCounts = grow(scratch.bagCounts, ids);
  scratch.slot = grow(scratch.slot, ids);
}

/** `a` if it holds `need` entries, else a copy at least twice as long. */
export function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  let size = a.length * 2;
  while (size < need) size *= 2;
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
