// Interns the lines the line diff must align to integer ids, so Myers compares ints, not strings.

/**
 * Interned lines: old lines `lo + k` have ids `oldIds[k]` in order of first occurrence (0 to
 * `count` − 1), new lines `lo + k` the id of the equal old line, or -1. Lines before `lo` are a
 * common prefix, never deleted or added. The move search groups anchors by these ids.
 */
export interface LineIds {
  readonly lo: number;
  readonly oldIds: Int32Array;
  readonly newIds: Int32Array;
  readonly count: number;
}

/** The flat texts the lines were split from, and where each line starts in them. */
export interface FlatTexts {
  readonly oldText: string;
  readonly newText: string;
  readonly oldStarts: Int32Array;
  readonly newStarts: Int32Array;
}

/**
 * Interns `a[lo .. aHi)` and `b[lo .. bHi)`: on a hash of each line's length and 24 sampled
 * characters, every candidate confirmed by comparing the strings, which costs a fraction of a
 * `Map` hashing every character; if lines differing only outside the samples cost more string
 * comparisons than there are lines, with a `Map` instead (adversarial input costs one extra pass).
 *
 * @param flat - The flat texts, to read lines as ranges of them (cheaper than the sliced
 *   strings `split` made), or `null` when the keys are not ranges of the texts.
 * @example
 * ```ts
 * internLines(['x', 'a', 'b'], 1, 3, ['x', 'b', 'c'], 3, null)
 * // { lo: 1, oldIds: [0, 1], newIds: [1, -1], count: 2 }
 * ```
 */
export function internLines(
  a: readonly string[],
  lo: number,
  aHi: number,
  b: readonly string[],
  bHi: number,
  flat: FlatTexts | null,
): LineIds {
  return internSampled(a, lo, aHi, b, bHi, flat) ?? internMap(a, lo, aHi, b, bHi);
}

/** Hash of a line's length and of at most 24 of its characters (all of a short line). */
function sampleHash(s: string, from: number, len: number): number {
  let h = Math.imul(len, 0x9e3779b1) | 0;
  if (len <= 24) {
    for (let k = from; k < from + len; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
    return h;
  }
  for (let k = from; k < from + 8; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  for (let k = from + len - 8; k < from + len; k++) {
    h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  }
  const step = (len - 16) >>> 3;
  for (let k = from + 8, q = 0; q < 8; q++, k += step) {
    h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  }
  return h;
}

/** {@link internLines} on sampled hashes, or `null` when collisions cost too much. */
function internSampled(
  a: readonly string[],
  lo: number,
  aHi: number,
  b: readonly string[],
  bHi: number,
  flat: FlatTexts | null,
): LineIds | null {
  const n = aHi - lo;
  const m = bHi - lo;
  let size = 16;
  while (size < 2 * n) size <<= 1;
  const mask = size - 1;
  const slots = new Int32Array(size);
  const first = new Int32Array(n);
  const hashes = new Int32Array(n);
  const oldIds = new Int32Array(n);
  const newIds = new Int32Array(m);
  let count = 0;
  let budget = n + m;
  for (let side = 0; side < 2; side++) {
    const keys = side === 0 ? a : b;
    const len = side === 0 ? n : m;
    const out = side === 0 ? oldIds : newIds;
    const text = flat === null ? null : side === 0 ? flat.oldText : flat.newText;
    const starts = flat === null ? null : side === 0 ? flat.oldStarts : flat.newStarts;
    for (let k = 0; k < len; k++) {
      const key = keys[lo + k]!;
      const h =
        text === null
          ? sampleHash(key, 0, key.length)
          : sampleHash(text, starts![lo + k]!, key.length);
      let slot = (h ^ (h >>> 16)) & mask;
      let id = -1;
      for (;;) {
        const v = slots[slot]!;
        if (v === 0) break;
        if (hashes[v - 1] === h) {
          if (a[lo + first[v - 1]!] === key) {
            id = v - 1;
            break;
          }
          if (--budget < 0) return null;
        }
        slot = (slot + 1) & mask;
      }
      if (id < 0 && side === 0) {
        id = count++;
        first[id] = k;
        hashes[id] = h;
        slots[slot] = id + 1;
      }
      out[k] = id;
    }
  }
  return { lo, oldIds, newIds, count };
}

/** {@link internLines} with a `Map`: every character hashed, no collision to fear. */
function internMap(
  a: readonly string[],
  lo: number,
  aHi: number,
  b: readonly string[],
  bHi: number,
): LineIds {
  const ids = new Map<string, number>();
  const oldIds = new Int32Array(aHi - lo);
  for (let i = lo; i < aHi; i++) {
    const key = a[i]!;
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    oldIds[i - lo] = id;
  }
  const newIds = new Int32Array(bHi - lo);
  for (let j = lo; j < bHi; j++) newIds[j - lo] = ids.get(b[j]!) ?? -1;
  return { lo, oldIds, newIds, count: ids.size };
}
