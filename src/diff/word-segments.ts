// Turns an alignment of two lines' units into the `WordChange` segments of both lines.
import { clearAlignment } from './align-words.js';
import { scratch } from './scratch.js';
import type { WordChange, WordDiff } from './word-change.js';
import type { WordTable } from './word-table.js';

/**
 * The segment writer's state for one side: the kind of the open run (-1 none, 0 equal,
 * 1 changed) and where it starts.
 */
interface Run {
  open: number;
  start: number;
  readonly out: WordChange[];
  readonly text: string;
  readonly kind: 'deleted' | 'inserted';
}

/**
 * The segments of lines `a` and `b` from the alignment in `scratch.del`/`ins`, which it then
 * clears. One walk over both lines writes both lines' segments: matched units pair up in order,
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
  const old: Run = { open: -1, start: t.lineStart[a]!, out: [], text: at, kind: 'deleted' };
  const neu: Run = { open: -1, start: t.lineStart[b]!, out: [], text: bt, kind: 'inserted' };
  let kept = 0;
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && deleted[i]) {
      const u = ao + i;
      unit(old, i === 0 ? old.start : suffixEnd[u - 1]!, bodyEnd[u]!, suffixEnd[u]!, 1, 1);
      i++;
    } else if (j < m && inserted[j]) {
      const v = bo + j;
      unit(neu, j === 0 ? neu.start : suffixEnd[v - 1]!, bodyEnd[v]!, suffixEnd[v]!, 1, 1);
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
      unit(old, i === 0 ? old.start : suffixEnd[u - 1]!, as, suffixEnd[u]!, 0, space);
      unit(neu, j === 0 ? neu.start : suffixEnd[v - 1]!, bs, suffixEnd[v]!, 0, space);
      i++;
      j++;
    }
  }
  if (n > 0) flush(old, suffixEnd[ao + n - 1]!);
  if (m > 0) flush(neu, suffixEnd[bo + m - 1]!);
  clearAlignment(t, a, b);
  // Matched units have equal ids, so equal weights: the kept characters are twice one side's.
  return {
    old: old.out,
    new: neu.out,
    similarity: total === 0 ? 1 : (2 * kept) / total,
    skipped: false,
  };
}

/**
 * Adds one unit to a side's segments: its token `[bs, be)`, changed or not (`word`), then its
 * trailing whitespace `[be, end)`, changed or not (`space`); a unit of the open run's kind
 * extends it.
 */
function unit(run: Run, bs: number, be: number, end: number, word: number, space: number): void {
  let open = run.open;
  if (word !== open) {
    if (open >= 0)
      run.out.push({ kind: open ? run.kind : 'equal', text: run.text.slice(run.start, bs) });
    open = word;
    run.start = bs;
  }
  if (end > be && space !== open) {
    run.out.push({ kind: open ? run.kind : 'equal', text: run.text.slice(run.start, be) });
    open = space;
    run.start = be;
  }
  run.open = open;
}

/** Closes the open run of a side at `end`. */
function flush(run: Run, end: number): void {
  if (run.open >= 0) {
    run.out.push({ kind: run.open ? run.kind : 'equal', text: run.text.slice(run.start, end) });
  }
}
