/**
 * The line-diff engine: Myers' O(ND) algorithm in its linear-space, divide-and-conquer form
 * (E. Myers, "An O(ND) Difference Algorithm and Its Variations", 1986, section 4b), ported
 * from GNU diffutils' `diffseq.h` (`diag` + `compareseq`), which is what `diff --minimal` runs.
 *
 * Why our own and not jsdiff's `diffArrays`: jsdiff keeps one path object per diagonal and edit,
 * so memory and time grow with D² and it has no middle-snake split; on the bench's unrelated
 * texts it is the part that dominates. This port works on `Int32Array`s of interned ids, needs
 * O(N) memory, and gives a bounded-cost fallback (below) instead of running for minutes.
 */
import { scratch } from './scratch.js';

/** Which elements of each side are not in the common subsequence found. */
export interface EditFlags {
  /** `1` where `a[i]` is deleted. */
  readonly deleted: Uint8Array;
  /** `1` where `b[j]` is inserted. */
  readonly inserted: Uint8Array;
  /** True when the edit-length limit was hit somewhere and a heuristic split was used. */
  readonly approximate: boolean;
}

/**
 * Edit-length limit of the sub-problems left once the main limit was hit. Each give-up costs
 * about limit² steps and settles about limit/2 edits, so the rest costs about D × limit:
 * seconds, not hours, on a pathological pair (docs/04-diff.md, *Limits*).
 */
const CHEAP_LIMIT = 256;

/**
 * Finds a shortest edit script between two id sequences (deletions and insertions only).
 *
 * The result is minimal whenever the minimal edit length D is at most `maxEditLength`: every
 * sub-problem then has an edit length at most D, so the limit never triggers. Past the limit, a
 * sub-problem is split where the search reached furthest (GNU diff's `too_expensive` heuristic)
 * and the remaining sub-problems use a limit of 256, so a pathological pair costs about
 * O(maxEditLength² + 256·D) instead of O((N+M)·D); the script stays correct, not minimal.
 *
 * @param a - Old sequence of ids.
 * @param b - New sequence of ids.
 * @param maxEditLength - Edit length beyond which the exact search gives up (may be `Infinity`).
 * @returns The deleted/inserted flags of both sides.
 * @example
 * ```ts
 * const r = myers(Int32Array.of(1, 2, 3), Int32Array.of(1, 3, 4), Infinity);
 * // r.deleted = [0, 1, 0], r.inserted = [0, 0, 1], r.approximate = false
 * ```
 */
export function myers(a: Int32Array, b: Int32Array, maxEditLength: number): EditFlags {
  const deleted = new Uint8Array(a.length);
  const inserted = new Uint8Array(b.length);
  const result = myersInto(a, 0, a.length, b, 0, b.length, maxEditLength, deleted, inserted);
  return { deleted, inserted, approximate: result === 1 };
}

/**
 * Where `diagInto` and `heuristicSplitInto` found the split (`x`, `y`), and the search bounds
 * `diagInto` leaves for the heuristic: results passed back without an object per call (the
 * word pass runs thousands of small diffs per `diffText`).
 */
const split = { x: 0, y: 0, fmin: 0, fmax: 0, bmin: 0, bmax: 0 };

/**
 * {@link myers} on two ranges of id arrays, writing into caller-owned flags: the same search and
 * the same result, with no allocation per call and every variable local (the word pass calls it
 * for thousands of short token sequences, and the generic form was several times slower per
 * diagonal step).
 *
 * @param a - Array holding the old sequence at `a[ao .. ao + n)`.
 * @param ao - Start of the old sequence.
 * @param n - Its length.
 * @param b - Array holding the new sequence at `b[bo .. bo + m)`.
 * @param bo - Start of the new sequence.
 * @param m - Its length.
 * @param maxEditLength - Edit length beyond which the exact search gives up.
 * @param deleted - Zeroed flags, at least `n` long; `deleted[i]` set for `a[ao + i]` deleted.
 * @param inserted - Zeroed flags, at least `m` long.
 * @param bail - `true`: stop when the limit is hit (flags then partly written) instead of
 *   splitting heuristically.
 * @returns 0 for a minimal result, 1 when the limit was hit and a heuristic split used (the
 *   result is then not minimal), 2 when the limit was hit with `bail`.
 * @example
 * ```ts
 * const del = new Uint8Array(3);
 * const ins = new Uint8Array(3);
 * myersInto(Int32Array.of(1, 2, 3), 0, 3, Int32Array.of(1, 3, 4), 0, 3, Infinity, del, ins);
 * // 0; del = [0, 1, 0], ins = [0, 0, 1]
 * ```
 */
export function myersInto(
  a: Int32Array,
  ao: number,
  n: number,
  b: Int32Array,
  bo: number,
  m: number,
  maxEditLength: number,
  deleted: Uint8Array,
  inserted: Uint8Array,
  bail = false,
): number {
  const size = n + m + 3;
  if (scratch.myersForward.length < size) {
    scratch.myersForward = new Int32Array(2 * size);
    scratch.myersBackward = new Int32Array(2 * size);
  }
  const fd = scratch.myersForward;
  const bd = scratch.myersBackward;
  const off = m + 1;
  let limit = maxEditLength;
  const cheapLimit = Math.min(maxEditLength, CHEAP_LIMIT);
  let approximate = false;
  let stack = scratch.myersStack;
  let sp = 0;
  stack[sp++] = 0;
  stack[sp++] = n;
  stack[sp++] = 0;
  stack[sp++] = m;
  while (sp > 0) {
    let ylim = stack[--sp]!;
    let yoff = stack[--sp]!;
    let xlim = stack[--sp]!;
    let xoff = stack[--sp]!;
    while (xoff < xlim && yoff < ylim && a[ao + xoff] === b[bo + yoff]) {
      xoff++;
      yoff++;
    }
    while (xlim > xoff && ylim > yoff && a[ao + xlim - 1] === b[bo + ylim - 1]) {
      xlim--;
      ylim--;
    }
    if (xoff === xlim) {
      for (let y = yoff; y < ylim; y++) inserted[y] = 1;
      continue;
    }
    if (yoff === ylim) {
      for (let x = xoff; x < xlim; x++) deleted[x] = 1;
      continue;
    }
    if (!diagInto(a, ao, b, bo, xoff, xlim, yoff, ylim, fd, bd, off, limit)) {
      if (bail) {
        if (scratch.myersForward.length > SCRATCH_KEEP) releaseScratch();
        return 2;
      }
      heuristicSplitInto(xoff, xlim, yoff, ylim, fd, bd, off);
      approximate = true;
      limit = cheapLimit;
    }
    if (sp + 8 > stack.length) {
      const bigger = new Int32Array(stack.length * 2);
      bigger.set(stack);
      stack = bigger;
      scratch.myersStack = bigger;
    }
    stack[sp++] = split.x;
    stack[sp++] = xlim;
    stack[sp++] = split.y;
    stack[sp++] = ylim;
    stack[sp++] = xoff;
    stack[sp++] = split.x;
    stack[sp++] = yoff;
    stack[sp++] = split.y;
  }
  // A 10 MB pair grows the scratch buffers to tens of megabytes; they are not kept for later.
  if (scratch.myersForward.length > SCRATCH_KEEP) releaseScratch();
  return approximate ? 1 : 0;
}

/** Largest scratch buffer kept between calls (entries): what the word pass and a 1 MB page need. */
const SCRATCH_KEEP = 1 << 20;

function releaseScratch(): void {
  scratch.myersForward = new Int32Array(256);
  scratch.myersBackward = new Int32Array(256);
  scratch.myersStack = new Int32Array(256);
}

/**
 * `diag` on id ranges: sets `split.x`/`split.y` and returns true, or returns false when the edit
 * length exceeds `limit`, leaving the search state in `fd`/`bd` (diagonals in
 * `split.x`..`split.y` packed: see {@link heuristicSplitInto}).
 */
function diagInto(
  a: Int32Array,
  ao: number,
  b: Int32Array,
  bo: number,
  xoff: number,
  xlim: number,
  yoff: number,
  ylim: number,
  fd: Int32Array,
  bd: Int32Array,
  off: number,
  limit: number,
): boolean {
  const dmin = xoff - ylim;
  const dmax = xlim - yoff;
  const fmid = xoff - yoff;
  const bmid = xlim - ylim;
  let fmin = fmid;
  let fmax = fmid;
  let bmin = bmid;
  let bmax = bmid;
  const odd = ((fmid - bmid) & 1) !== 0;
  const dab = bo - ao;
  fd[fmid + off] = xoff;
  bd[bmid + off] = xlim;
  for (let c = 1; ; c++) {
    if (fmin > dmin) fd[--fmin - 1 + off] = -1;
    else fmin++;
    if (fmax < dmax) fd[++fmax + 1 + off] = -1;
    else fmax--;
    for (let d = fmax; d >= fmin; d -= 2) {
      const tlo = fd[d - 1 + off]!;
      const thi = fd[d + 1 + off]!;
      let x = tlo < thi ? thi : tlo + 1;
      // a[ao + x] against b[bo + x - d]: one index for both.
      const lim = Math.min(xlim, ylim + d);
      let p = ao + x;
      const end = ao + lim;
      const shift = dab - d;
      while (p < end && a[p] === b[p + shift]) p++;
      x = p - ao;
      fd[d + off] = x;
      if (odd && bmin <= d && d <= bmax && bd[d + off]! <= x) {
        split.x = x;
        split.y = x - d;
        return true;
      }
    }
    if (bmin > dmin) bd[--bmin - 1 + off] = 0x7fffffff;
    else bmin++;
    if (bmax < dmax) bd[++bmax + 1 + off] = 0x7fffffff;
    else bmax--;
    for (let d = bmax; d >= bmin; d -= 2) {
      const tlo = bd[d - 1 + off]!;
      const thi = bd[d + 1 + off]!;
      let x = tlo < thi ? tlo : thi - 1;
      const lo = Math.max(xoff, yoff + d);
      let p = ao + x;
      const start = ao + lo;
      const shift = dab - d;
      while (p > start && a[p - 1] === b[p - 1 + shift]) p--;
      x = p - ao;
      bd[d + off] = x;
      if (!odd && fmin <= d && d <= fmax && x <= fd[d + off]!) {
        split.x = x;
        split.y = x - d;
        return true;
      }
    }
    if (2 * c >= limit) {
      split.fmin = fmin;
      split.fmax = fmax;
      split.bmin = bmin;
      split.bmax = bmax;
      return false;
    }
  }
}

/** `heuristicSplit` for {@link myersInto}: sets `split.x`/`split.y`. */
function heuristicSplitInto(
  xoff: number,
  xlim: number,
  yoff: number,
  ylim: number,
  fd: Int32Array,
  bd: Int32Array,
  off: number,
): void {
  let fxybest = -1;
  let fxbest = xoff;
  for (let d = split.fmax; d >= split.fmin; d -= 2) {
    let x = Math.min(fd[d + off]!, xlim);
    let y = x - d;
    if (ylim < y) {
      x = ylim + d;
      y = ylim;
    }
    if (fxybest < x + y) {
      fxybest = x + y;
      fxbest = x;
    }
  }
  let bxybest = Number.MAX_SAFE_INTEGER;
  let bxbest = xlim;
  for (let d = split.bmax; d >= split.bmin; d -= 2) {
    let x = Math.max(xoff, bd[d + off]!);
    let y = x - d;
    if (y < yoff) {
      x = yoff + d;
      y = yoff;
    }
    if (x + y < bxybest) {
      bxybest = x + y;
      bxbest = x;
    }
  }
  if (xlim + ylim - bxybest < fxybest - (xoff + yoff)) {
    split.x = fxbest;
    split.y = fxybest - fxbest;
  } else {
    split.x = bxbest;
    split.y = bxybest - bxbest;
  }
  if ((split.x === xoff && split.y === yoff) || (split.x === xlim && split.y === ylim)) {
    split.x = xoff + ((xlim - xoff) >> 1);
    split.y = yoff + ((ylim - yoff) >> 1);
  }
}
