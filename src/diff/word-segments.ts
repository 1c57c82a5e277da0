// Turns an alignment of two lines' units into the `WordChange` segments of both lines.
/*
 * In two steps: one walk over both lines marks where each side's segments end (ints in a
 * shared buffer), then each side's segments are made in an array of their exact size. The
 * segments are the output, so they are allocated anyway; building them while walking also made
 * each line's array grow by copies, a third of the word pass's garbage (docs/04-diff.md).
 * A segment that is one token, alone or with one space after it (half of the segments on a
 * rewritten page), is one object per kind and token for the whole call, shared by the lines.
 */
import { clearAlignment } from './align-words.js';
import { scratch } from './scratch.js';
import type { WordChange, WordDiff } from './word-change.js';
import type { WordTable } from './word-table.js';

/**
 * Per side (old at 0, new at 1): the kind of the open segment (-1 none, 0 equal, 1 changed),
 * its unit when it is one token so far (-1 else), and how many segments were closed.
 */
const open = new Int32Array(2);
const single = new Int32Array(2);
const count = new Int32Array(2);
/**
 * Closed segments of both sides: at `2k` (old) and `2k + 1` (new), end, kind, and the unit
 * whose token starts it when that is all it holds with at most the token's whitespace (-1 else).
 */
let ends = new Int32Array(512);
/** Marks past which the buffers are dropped after use. */
const KEEP_MARKS = 1 << 16;
let kinds = new Uint8Array(512);
let units = new Int32Array(512);

/**
 * The segments of lines `a` and `b` from the alignment in `scratch.del`/`ins`, which it then
 * clears. One walk over both lines marks both lines' segments: matched units pair up in order,
 * and their trailing whitespace may differ (then it is a changed segment of its own).
 *
 * @example
 * ```ts
 * alignWords(t, a, b, 10_000, 40_000_000, false); segmentsOfAlignment(t, a, b).new
 * // [{ kind: 'equal', text: 'a ' }, { kind: 'inserted', text: 'c' }] for 'a b' → 'a c'
 * ```
 */
export function segmentsOfAlignment(t: WordTable, a: number, b: number): WordDiff {
  const deleted = scratch.del;
  const inserted = scratch.ins;
  const n = t.unitCount[a]!;
  const m = t.unitCount[b]!;
  const total = t.lineChars[a]! + t.lineChars[b]!;
  const ao = t.unitOff[a]!;
  const bo = t.unitOff[b]!;
  const at = t.texts[a]!;
  const bt = t.texts[b]!;
  const { ids, bodyEnd, suffixEnd } = t;
  const weight = t.tokens.weight;
  // Each unit closes at most two segments of its side.
  const need = 4 * Math.max(n, m) + 4;
  if (need > ends.length) {
    ends = new Int32Array(2 * need);
    kinds = new Uint8Array(2 * need);
    units = new Int32Array(2 * need);
  }
  const aStart = t.lineStart[a]!;
  const bStart = t.lineStart[b]!;
  open[0] = -1;
  open[1] = -1;
  count[0] = 0;
  count[1] = 0;
  let kept = 0;
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && deleted[i]) {
      const u = ao + i;
      unit(0, u, i === 0 ? aStart : suffixEnd[u - 1]!, bodyEnd[u]!, suffixEnd[u]!, 1, 1);
      i++;
    } else if (j < m && inserted[j]) {
      const v = bo + j;
      unit(1, v, j === 0 ? bStart : suffixEnd[v - 1]!, bodyEnd[v]!, suffixEnd[v]!, 1, 1);
      j++;
    } else {
      const u = ao + i;
      const v = bo + j;
      kept += weight[ids[u]!]!;
      const as = bodyEnd[u]!;
      const bs = bodyEnd[v]!;
      const len = suffixEnd[u]! - as;
      let same = len === suffixEnd[v]! - bs;
      for (let k = 0; same && k < len; k++) same = at.charCodeAt(as + k) === bt.charCodeAt(bs + k);
      const space = same ? 0 : 1;
      unit(0, u, i === 0 ? aStart : suffixEnd[u - 1]!, as, suffixEnd[u]!, 0, space);
      unit(1, v, j === 0 ? bStart : suffixEnd[v - 1]!, bs, suffixEnd[v]!, 0, space);
      i++;
      j++;
    }
  }
  if (n > 0) close(0, suffixEnd[ao + n - 1]!);
  if (m > 0) close(1, suffixEnd[bo + m - 1]!);
  clearAlignment(t, a, b);
  const old = segments(t, 0, at, aStart, 'deleted');
  const neu = segments(t, 1, bt, bStart, 'inserted');
  // Buffers grown by a huge line are not kept.
  if (ends.length > KEEP_MARKS) {
    ends = new Int32Array(512);
    kinds = new Uint8Array(512);
    units = new Int32Array(512);
  }
  // Matched units have equal ids, so equal weights: the kept characters are twice one side's.
  return { old, new: neu, similarity: total === 0 ? 1 : (2 * kept) / total, skipped: false };
}

/**
 * Adds unit `u` to side `s`: its token `[bs, be)`, changed or not (`word`), then its trailing
 * whitespace `[be, end)`, changed or not (`space`); a unit of the open segment's kind extends it.
 */
function unit(
  s: number,
  u: number,
  bs: number,
  be: number,
  end: number,
  word: number,
  space: number,
): void {
  let o = open[s]!;
  if (word !== o) {
    if (o >= 0) mark(s, bs, o);
    o = word;
    single[s] = u;
  } else {
    single[s] = -1;
  }
  if (end > be && space !== o) {
    mark(s, be, o);
    o = space;
    single[s] = -1;
  }
  open[s] = o;
}

/** Closes the open segment of side `s` at `end`. */
function close(s: number, end: number): void {
  if (open[s]! >= 0) mark(s, end, open[s]!);
}

/** Records a segment of side `s` ending at `end`. */
function mark(s: number, end: number, kind: number): void {
  const k = 2 * count[s]! + s;
  ends[k] = end;
  kinds[k] = kind;
  units[k] = single[s]!;
  count[s]!++;
}

/** The segments marked for side `s` of `text`, the first starting at `from`. */
function segments(
  t: WordTable,
  s: number,
  text: string,
  from: number,
  changed: 'deleted' | 'inserted',
): WordChange[] {
  const c = count[s]!;
  const out: WordChange[] = new Array(c);
  const { ids, bodyEnd } = t;
  const tokens = t.tokens;
  const slots = tokens.segmentSlots;
  const objects = tokens.segmentObjects;
  let at = from;
  for (let k = 0; k < c; k++) {
    const end = ends[2 * k + s]!;
    const kind = kinds[2 * k + s]!;
    const u = units[2 * k + s]!;
    // One token, alone or with a single space: the call's shared object.
    const spaced =
      u < 0
        ? -1
        : end === bodyEnd[u]
          ? 0
          : end === bodyEnd[u]! + 1 && text.charCodeAt(end - 1) === 32
            ? 1
            : -1;
    if (spaced >= 0) {
      const slot = 6 * ids[u]! + (kind === 0 ? 0 : s === 0 ? 2 : 4) + spaced;
      let q = slots[slot]!;
      if (q === 0) {
        objects.push({ kind: kind ? changed : 'equal', text: text.slice(at, end) });
        q = objects.length;
        slots[slot] = q;
      }
      out[k] = objects[q - 1]!;
    } else {
      out[k] = { kind: kind ? changed : 'equal', text: text.slice(at, end) };
    }
    at = end;
  }
  return out;
}
