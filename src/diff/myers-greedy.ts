// Myers' greedy forward search on any values compared with `===`: the line diff's fast path.
import type { EditFlags } from './myers.js';
import { scratch } from './scratch.js';

/**
 * Myers' greedy forward algorithm with a trace (the 1986 paper's section 3), for small edit
 * lengths: every matched element is compared once, where the divide-and-conquer form compares it
 * again at each level of recursion. On lines as strings (no interning) that matters: an equal
 * line costs a full string comparison each time. Memory is O(D²), so it is capped.
 *
 * @param a - Old sequence (compared with `===`).
 * @param b - New sequence.
 * @param maxEditLength - Largest edit length searched (memory and time grow with its square).
 * @returns Minimal deleted/inserted flags, or `null` when the edit length exceeds the cap.
 * @example
 * ```ts
 * myersGreedy(['a', 'b', 'c'], ['a', 'c', 'd'], 10)
 * // { deleted: [0, 1, 0], inserted: [0, 0, 1], approximate: false }
 * ```
 */
export function myersGreedy<T>(
  a: ArrayLike<T>,
  b: ArrayLike<T>,
  maxEditLength: number,
): EditFlags | null {
  const n = a.length;
  const m = b.length;
  const cap = Math.min(maxEditLength, n + m);
  const off = cap + 1;
  const v = new Int32Array(2 * cap + 3);
  // Row d of the trace (v[-d..d] after step d) is at trace[d² .. d² + 2d], in one buffer reused
  // across calls: a slice per step cost more than the search itself (typed arrays over 64
  // bytes are allocated outside the heap).
  let trace = scratch.greedyTrace;
  for (let d = 0; d <= cap; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[k - 1 + off]! < v[k + 1 + off]!)
          ? v[k + 1 + off]!
          : v[k - 1 + off]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + off] = x;
      if (x >= n && y >= m) return backtrack(trace, d, k, n, m);
    }
    const row = d * d;
    if (row + 2 * d + 1 > trace.length) {
      const grown = new Int32Array(Math.max(2 * trace.length, (d + 2) * (d + 2)));
      grown.set(trace.subarray(0, row));
      trace = grown;
      scratch.greedyTrace = grown;
    }
    for (let q = 0; q <= 2 * d; q++) trace[row + q] = v[off - d + q]!;
  }
  return null;
}

function backtrack(trace: Int32Array, dEnd: number, kEnd: number, n: number, m: number): EditFlags {
  const deleted = new Uint8Array(n);
  const inserted = new Uint8Array(m);
  let k = kEnd;
  for (let d = dEnd; d > 0; d--) {
    const prev = (d - 1) * (d - 1); // row d − 1: v[-(d-1)..d-1], index k + d − 1
    const at = (kk: number): number => trace[prev + kk + d - 1]!;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const pk = down ? k + 1 : k - 1;
    const px = at(pk);
    const py = px - pk;
    if (down) inserted[py] = 1;
    else deleted[px] = 1;
    k = pk;
  }
  return { deleted, inserted, approximate: false };
}
