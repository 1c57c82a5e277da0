// Decides which lines are deleted and added: the minimal line diff, as `diff --minimal` counts it.
/*
 * In three steps, each cheaper than the next: strip the common prefix and suffix; when the texts
 * differ by few lines, greedy Myers straight on the strings (about N + D² comparisons, less than
 * hashing every line); otherwise intern the lines, set aside those found on one side only (they
 * can never be matched, so minimality holds) and run Myers on the ids of the rest.
 */

import { bitLcsRows, bitLcsTrace } from './bit-lcs.js';
import { type FlatTexts, internLines, type LineIds } from './intern-lines.js';
import { myers, myersInto } from './myers.js';
import { myersGreedy } from './myers-greedy.js';
import { lineBytes, scratch } from './scratch.js';

/** Largest edit length for which Myers runs on the lines themselves, before interning them. */
const FAST_PATH_EDITS = 512;
/** Lines (both sides) from which {@link signatureBound} may skip a greedy attempt. */
const SIGNATURE_MIN_LINES = 4096;

/** Which lines of each side changed, and how the line diff found out. */
export interface LineFlags {
  /** 1 where an old line is deleted (a view of a shared buffer: read it before the next call). */
  readonly oldChanged: Uint8Array;
  /** 1 where a new line is added. */
  readonly newChanged: Uint8Array;
  /** True when `maxEditLength` stopped the exact search. */
  readonly approximate: boolean;
  /** The line ids, when the lines were interned. */
  readonly lineIds: LineIds | null;
}

/**
 * The changed lines of each side.
 *
 * @param oldKeys - The old lines as compared (without whitespace under `ignoreWhitespace`).
 * @param newKeys - The new lines as compared.
 * @param maxEditLength - See `DiffTextOptions.maxEditLength`.
 * @param flat - The flat texts, when the keys are ranges of them.
 * @example
 * ```ts
 * lineFlags(['a', 'b'], ['a', 'c'], 20_000, null) // oldChanged [0, 1], newChanged [0, 1]
 * ```
 */
export function lineFlags(
  oldKeys: readonly string[],
  newKeys: readonly string[],
  maxEditLength: number,
  flat: FlatTexts | null,
): LineFlags {
  const n = oldKeys.length;
  const m = newKeys.length;
  const flags = lineBytes(n + m);
  const oldChanged = flags.subarray(0, n);
  const newChanged = flags.subarray(n, n + m);
  let lo = 0;
  while (lo < n && lo < m && oldKeys[lo] === newKeys[lo]) lo++;
  let hiOld = n;
  let hiNew = m;
  while (hiOld > lo && hiNew > lo && oldKeys[hiOld - 1] === newKeys[hiNew - 1]) {
    hiOld--;
    hiNew--;
  }
  const done = { oldChanged, newChanged, approximate: false, lineIds: null };
  if (lo === hiOld || lo === hiNew) {
    oldChanged.fill(1, lo, hiOld);
    newChanged.fill(1, lo, hiNew);
    return done;
  }
  // A failed greedy attempt costs about limit² steps: kept small next to interning (∝ N).
  const size = hiOld - lo + hiNew - lo;
  const fastLimit = Math.min(
    FAST_PATH_EDITS,
    Math.max(32, Math.ceil(4 * Math.sqrt(size))),
    maxEditLength,
  );
  const direct =
    lengthBound(oldKeys, lo, hiOld, newKeys, lo, hiNew) > fastLimit ||
    (flat !== null &&
      size >= SIGNATURE_MIN_LINES &&
      signatureBound(flat, lo, hiOld, hiNew) > fastLimit)
      ? null
      : myersGreedy(oldKeys.slice(lo, hiOld), newKeys.slice(lo, hiNew), fastLimit);
  if (direct) {
    for (let i = lo; i < hiOld; i++) oldChanged[i] = direct.deleted[i - lo]!;
    for (let j = lo; j < hiNew; j++) newChanged[j] = direct.inserted[j - lo]!;
    return done;
  }
  const lineIds = internLines(oldKeys, lo, hiOld, newKeys, hiNew, flat);
  const approximate = myersOnShared(lineIds, oldChanged, newChanged, maxEditLength);
  return { oldChanged, newChanged, approximate, lineIds };
}

/**
 * Flags the lines found on one side only, then runs Myers on the ids of the rest and flags what
 * it deletes and inserts. Returns whether Myers gave up being minimal.
 */
function myersOnShared(
  ids: LineIds,
  oldChanged: Uint8Array,
  newChanged: Uint8Array,
  maxEditLength: number,
): boolean {
  const { lo, oldIds, newIds } = ids;
  const inNew = new Uint8Array(ids.count);
  for (let j = 0; j < newIds.length; j++) {
    const id = newIds[j]!;
    if (id >= 0) inNew[id] = 1;
  }
  // Keep only lines that occur on both sides; remember where they came from (typed arrays: a
  // pushed array of indices was a tenth of the garbage of a rewritten page's diff).
  const aIdx = new Int32Array(oldIds.length);
  const bIdx = new Int32Array(newIds.length);
  let n = 0;
  let m = 0;
  for (let i = 0; i < oldIds.length; i++) {
    if (inNew[oldIds[i]!]) aIdx[n++] = i;
    else oldChanged[lo + i] = 1;
  }
  for (let j = 0; j < newIds.length; j++) {
    if (newIds[j]! >= 0) bIdx[m++] = j;
    else newChanged[lo + j] = 1;
  }
  const a = new Int32Array(n);
  for (let k = 0; k < n; k++) a[k] = oldIds[aIdx[k]!]!;
  const b = new Int32Array(m);
  for (let k = 0; k < m; k++) b[k] = newIds[bIdx[k]!]!;
  const r = exactOrBounded(a, b, ids.count, maxEditLength);
  for (let k = 0; k < n; k++) if (r.deleted[k]) oldChanged[lo + aIdx[k]!] = 1;
  for (let k = 0; k < m; k++) if (r.inserted[k]) newChanged[lo + bIdx[k]!] = 1;
  return r.approximate;
}

/** Bit-parallel work (rows × ints a row) below which Myers alone runs: its output is kept. */
const BIT_LCS_MIN_WORK = 1 << 16;
/** Bit-parallel work above which Myers alone runs (about a second of it). */
const BIT_LCS_MAX_WORK = 1 << 27;

/**
 * Myers while its edit length stays below what the bit-parallel LCS would cost, then the
 * bit-parallel LCS: both exact, the second in n·m/64 steps whatever D is. Myers takes about D²
 * steps; it gives up at 0.6·√work edits (work counted in 30-bit ints, as when this limit was
 * set: docs/04-diff.md, *Performance notes*). Small problems and problems past
 * `BIT_LCS_MAX_WORK` are Myers' alone, so their output is as before.
 *
 * Which of the two answers is decided by the minimal edit length D alone, and a failed Myers
 * attempt up to the limit cost more than the bit-parallel pass itself. So Myers first tries to
 * half the limit (a quarter of the cost); past it, the bit-parallel rows give D, and Myers runs
 * again only if it would finish under the limit: the output is the same as trying the whole
 * limit first, without paying for an attempt that fails.
 */
function exactOrBounded(
  a: Int32Array,
  b: Int32Array,
  idCount: number,
  maxEditLength: number,
): { deleted: Uint8Array; inserted: Uint8Array; approximate: boolean } {
  const n = a.length;
  const m = b.length;
  const work = (m + 1) * Math.ceil(n / 30);
  const limit = Math.ceil(0.6 * Math.sqrt(work));
  if (work < BIT_LCS_MIN_WORK || work > BIT_LCS_MAX_WORK || maxEditLength < limit) {
    return myers(a, b, maxEditLength);
  }
  const deleted = new Uint8Array(n);
  const inserted = new Uint8Array(m);
  const exact = { deleted, inserted, approximate: false };
  const mayFit = countBound(a, b, idCount) < limit;
  if (mayFit && myersInto(a, 0, n, b, 0, m, limit >> 1, deleted, inserted, true) !== 2) {
    return exact;
  }
  const rows = bitLcsRows(a, b, idCount);
  if (mayFit && myersFinishesUnder(rows.edits, limit)) {
    deleted.fill(0);
    inserted.fill(0);
    if (myersInto(a, 0, n, b, 0, m, limit, deleted, inserted, true) !== 2) return exact;
  }
  deleted.fill(0);
  inserted.fill(0);
  bitLcsTrace(rows, deleted, inserted);
  return exact;
}

/**
 * Whether `myersInto` with `bail` finishes under `limit` on a pair of minimal edit length `d`:
 * its first middle-snake search meets at step ⌈d/2⌉ and gives up after a step c with 2c ≥ limit
 * (the sub-problems' searches are shorter). Checked against `myersInto` on 33,000 random pairs.
 */
function myersFinishesUnder(d: number, limit: number): boolean {
  return d === 0 || 2 * (Math.ceil(d / 2) - 1) < limit;
}

/** A lower bound of the edit length: every occurrence of an id in excess on one side. */
function countBound(a: Int32Array, b: Int32Array, idCount: number): number {
  const counts = new Int32Array(idCount);
  for (let i = 0; i < a.length; i++) counts[a[i]!]!++;
  for (let j = 0; j < b.length; j++) counts[b[j]!]!--;
  let bound = 0;
  for (let k = 0; k < idCount; k++) bound += Math.abs(counts[k]!);
  return bound;
}

/**
 * A lower bound of the edit length between two runs of lines, from their lengths alone: equal
 * lines have equal lengths, so every line whose length (modulo 4096) is in excess on one side
 * must be deleted or added. One pass over the lengths, reading no character: when it exceeds
 * the greedy attempt's limit, that attempt (which would fail) is skipped.
 */
function lengthBound(
  a: readonly string[],
  aLo: number,
  aHi: number,
  b: readonly string[],
  bLo: number,
  bHi: number,
): number {
  const counts = scratch.lengthCounts;
  for (let i = aLo; i < aHi; i++) counts[a[i]!.length & 4095]!++;
  for (let j = bLo; j < bHi; j++) counts[b[j]!.length & 4095]!--;
  let bound = 0;
  // Each bucket is counted once, then zeroed for the next call.
  for (let i = aLo; i < aHi; i++) {
    const k = a[i]!.length & 4095;
    bound += Math.abs(counts[k]!);
    counts[k] = 0;
  }
  for (let j = bLo; j < bHi; j++) {
    const k = b[j]!.length & 4095;
    bound += Math.abs(counts[k]!);
    counts[k] = 0;
  }
  return bound;
}

/**
 * A sharper lower bound than {@link lengthBound}, for when lengths alone let a doomed greedy
 * attempt through: the same count on a signature of each line (its length and the characters
 * at a quarter, half and three quarters, modulo 4096; equal lines have equal signatures), read
 * from the flat texts. On a table whose 2,000 rows each changed a number, and on a rewritten
 * page whose lines recur, the attempt failed after 358 and 500 edits: the most of the line
 * pass there. About 0.02 µs a line, so only on pairs of at least `SIGNATURE_MIN_LINES`.
 */
function signatureBound(flat: FlatTexts, lo: number, hiOld: number, hiNew: number): number {
  const counts = scratch.lengthCounts;
  const { oldText, newText, oldStarts, newStarts } = flat;
  const n = hiOld - lo;
  const keys = new Uint16Array(n + hiNew - lo);
  for (let i = lo; i < hiOld; i++) {
    const k = signature(oldText, oldStarts[i]!, lineEnd(oldText, oldStarts, i));
    keys[i - lo] = k;
    counts[k]!++;
  }
  for (let j = lo; j < hiNew; j++) {
    const k = signature(newText, newStarts[j]!, lineEnd(newText, newStarts, j));
    keys[n + j - lo] = k;
    counts[k]!--;
  }
  let bound = 0;
  // Each bucket is counted once, then zeroed for the next call.
  for (let q = 0; q < keys.length; q++) {
    const k = keys[q]!;
    bound += Math.abs(counts[k]!);
    counts[k] = 0;
  }
  return bound;
}

/** Where line `i` of `text` ends (its newline, or the end of the text). */
function lineEnd(text: string, starts: Int32Array, i: number): number {
  return i + 1 < starts.length ? starts[i + 1]! - 1 : text.length;
}

/** {@link signatureBound}'s bucket of `text[start .. end)`. */
function signature(text: string, start: number, end: number): number {
  const n = end - start;
  if (n < 4) return n;
  const h =
    Math.imul(n, 0x9e3779b1) ^
    Math.imul(text.charCodeAt(start + (n >> 2)), 0x85ebca6b) ^
    Math.imul(text.charCodeAt(start + (n >> 1)), 0xc2b2ae35) ^
    Math.imul(text.charCodeAt(end - (n >> 2)), 0x27d4eb2f);
  return (h ^ (h >>> 13) ^ (h >>> 22)) & 4095;
}
