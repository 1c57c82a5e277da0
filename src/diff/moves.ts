/**
 * Moved blocks: lines deleted in one place and added, unchanged or nearly, in another.
 *
 * wikidiff2 links moved paragraphs (`mw-diff-movedpara-left/right`, FORMAT.md 6.3) line by
 * line; here a move is a block of consecutive lines, so a moved section is one move.
 *
 * How a move is found, in two passes:
 * 1. Anchors: a deleted line with an identical added line elsewhere (a minimal diff never
 *    deletes and re-adds the same line inside one change block, so an identical pair is always
 *    a move). The block grows up and down over neighbouring deleted/added lines whose word
 *    similarity (see `diffWords`) is at least the threshold; blank lines at its ends are dropped
 *    (wikidiff2 moves paragraphs, not the blank lines around them).
 * 2. Single edited lines (after in-place pairing, on the lines still unpaired): a deleted and an
 *    added line in different change blocks with similarity at least the threshold (wikidiff2's
 *    `movedLineThreshold` is 0.4; our default 0.5 is a little stricter because blocks are
 *    longer). Bounded to {@link MAX_FUZZY_PAIRS} comparisons.
 * A block must hold at least {@link MIN_MOVE_CHARS} non-whitespace characters, so that `|-`,
 * `}}` or a blank line reappearing elsewhere is not reported as a move.
 */

import { wholeLineChange, wordDiff, wordSimilarity } from './compare-lines.js';
import type { DiffState } from './diff-state.js';

/**
 * Partner of a line whose in-place pair was rejected (wikidiff2's character similarity not
 * over 0.2): shown deleted (or added) whole, and not searched for as a moved line.
 */
export const REWRITTEN = -2;
/** Non-whitespace characters a move must contain at least. */
export const MIN_MOVE_CHARS = 10;
/** Largest number of (deleted, added) line pairs pass 2 compares. */
export const MAX_FUZZY_PAIRS = 20_000;
/** Candidates with the same text examined per anchor (repeated lines like `|-`). */
const MAX_CANDIDATES = 8;

/**
 * Non-whitespace characters of `text[from .. to)`. Lines are read as ranges of the flat texts:
 * reading the sliced strings `split` made is slower (see `WordTable.add`).
 */
function nonSpace(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 11 && c !== 12) n++;
  }
  return n;
}

/** Non-whitespace characters of a line of one side, counted once and kept in `cache`. */
function lineNonSpace(
  cache: Int32Array,
  text: string,
  starts: Int32Array,
  lines: readonly string[],
  i: number,
): number {
  let v = cache[i]!;
  if (v < 0) {
    const from = starts[i]!;
    v = nonSpace(text, from, from + lines[i]!.length);
    cache[i] = v;
  }
  return v;
}

function oldNonSpace(s: DiffState, i: number): number {
  return lineNonSpace(s.oldNonSpace, s.oldText, s.oldStarts, s.oldLines, i);
}

function newNonSpace(s: DiffState, j: number): number {
  return lineNonSpace(s.newNonSpace, s.newText, s.newStarts, s.newLines, j);
}

/**
 * Pass 1: moves anchored on identical lines.
 *
 * @param s - The state; moves, partners and words are written into it.
 * @param deletedLines - Old indices of deleted lines, ascending.
 * @param addedLines - New indices of added lines, ascending.
 * @param longAnchorsOnly - Anchor only on lines of at least {@link MIN_MOVE_CHARS}
 *   non-whitespace characters: past wikidiff2's cutoff (`moveDetectionCutoff`), where it finds
 *   no moves at all. A short line (`|-`, `}}`) can only become part of a move by similarity with
 *   its neighbours, and on a rewritten page it recurs hundreds of times, each occurrence trying
 *   up to {@link MAX_CANDIDATES} extensions (docs/04-diff.md, *Performance notes*).
 * @returns Nothing.
 * @example
 * ```ts
 * findAnchoredMoves(state, [4, 5], [9, 10], false) // state.moves = [{ id: 1, oldStart: 5, … }]
 * ```
 */
export function findAnchoredMoves(
  s: DiffState,
  deletedLines: ArrayLike<number>,
  addedLines: ArrayLike<number>,
  longAnchorsOnly: boolean,
): void {
  const anchors = anchorIndex(s, addedLines, longAnchorsOnly ? MIN_MOVE_CHARS : 1);
  const sim = cachedSimilarity(s);
  const matches = (i: number, j: number): boolean =>
    i >= 0 &&
    j >= 0 &&
    i < s.oldLines.length &&
    j < s.newLines.length &&
    s.oldBlock[i]! >= 0 &&
    s.newBlock[j]! >= 0 &&
    s.oldPartner[i] === -1 &&
    s.newPartner[j] === -1 &&
    (s.oldKeys[i] === s.newKeys[j] ||
      (oldNonSpace(s, i) !== 0 && newNonSpace(s, j) !== 0 && sim(i, j) >= s.threshold));
  for (let q = 0; q < deletedLines.length; q++) {
    const i = deletedLines[q]!;
    if (s.oldPartner[i] !== -1) continue;
    // The longest block of matching line pairs through (i, j), over the first candidates j.
    let best: { top: number; len: number; j: number } | null = null;
    let seen = 0;
    for (let j = anchors.first(i); j >= 0; j = anchors.after(j)) {
      if (s.newPartner[j] !== -1 || (!anchors.exact && s.oldKeys[i] !== s.newKeys[j])) continue;
      if (++seen > MAX_CANDIDATES) break;
      let up = 0;
      while (matches(i - up - 1, j - up - 1)) up++;
      let down = 1;
      while (matches(i + down, j + down)) down++;
      if (!best || up + down > best.len) best = { top: up, len: up + down, j };
    }
    if (!best) continue;
    let oi = i - best.top;
    let nj = best.j - best.top;
    let len = best.len;
    // Drop blank lines at both ends: the paragraph moved, not the separators around it.
    while (len > 0 && oldNonSpace(s, oi) === 0) {
      oi++;
      nj++;
      len--;
    }
    while (len > 0 && oldNonSpace(s, oi + len - 1) === 0) len--;
    recordMove(s, oi, nj, len, sim);
  }
}

/** The added lines that may anchor a move of an old line, ascending. */
interface AnchorIndex {
  /** The first candidate of old line `i`, -1 if none. */
  readonly first: (i: number) => number;
  /** The candidate after `j`, -1 if none. */
  readonly after: (j: number) => number;
  /** Whether every candidate has the old line's key (else only its length: compare them). */
  readonly exact: boolean;
}

/**
 * Indexes the added lines of at least `minChars` non-whitespace characters: by line id when
 * the line diff interned the lines (linked lists through an array), else by length in a `Map`:
 * hashing the lines as strings cost more than the rest of the search (each call splits fresh
 * strings, whose hashes are not cached yet).
 */
function anchorIndex(s: DiffState, addedLines: ArrayLike<number>, minChars: number): AnchorIndex {
  const keep = (j: number): boolean => {
    const key = s.newKeys[j]!;
    return (key === s.newLines[j] ? newNonSpace(s, j) : nonSpace(key)) >= minChars;
  };
  const ids = s.lineIds;
  if (ids) {
    const head = new Int32Array(ids.count).fill(-1);
    const next = new Int32Array(s.newLines.length);
    for (let q = addedLines.length - 1; q >= 0; q--) {
      const j = addedLines[q]!;
      const id = ids.newIds[j - ids.lo]!;
      // A key absent from the old side cannot anchor anything.
      if (id < 0 || !keep(j)) continue;
      next[j] = head[id]!;
      head[id] = j;
    }
    return { first: (i) => head[ids.oldIds[i - ids.lo]!]!, after: (j) => next[j]!, exact: true };
  }
  const head = new Map<number, number>();
  const next = new Map<number, number>();
  for (let q = addedLines.length - 1; q >= 0; q--) {
    const j = addedLines[q]!;
    if (!keep(j)) continue;
    const key = s.newKeys[j]!.length;
    next.set(j, head.get(key) ?? -1);
    head.set(key, j);
  }
  return {
    first: (i) => head.get(s.oldKeys[i]!.length) ?? -1,
    after: (j) => next.get(j) ?? -1,
    exact: false,
  };
}

/**
 * Word similarity of old line i with new line j, cached (extension asks for the same pairs
 * again). The bag similarity bounds it from above, so a pair below the threshold there needs
 * no word diff.
 */
function cachedSimilarity(s: DiffState): (i: number, j: number) => number {
  const cache = new Map<number, number>();
  return (i, j) => {
    if (s.oldKeys[i] === s.newKeys[j]) return 1;
    const k = i * s.newLines.length + j;
    let v = cache.get(k);
    if (v === undefined) {
      const a = s.oldHandle(i);
      const b = s.newHandle(j);
      v = s.table.bags.bagSimilarity(a, b);
      if (v >= s.threshold) v = wordSimilarity(s.table, a, b, s.limits);
      cache.set(k, v);
    }
    return v;
  };
}

/**
 * Pass 2: single edited lines moved from one change block to another.
 *
 * @param s - The state; moves, partners and words are written into it.
 * @param deletedLines - Old indices of deleted lines still unpaired, ascending.
 * @param addedLines - New indices of added lines still unpaired, ascending.
 * @returns Nothing.
 * @example
 * ```ts
 * findMovedLines(state, [4], [9]) // state.moves gets { lines: 1, similarity: 0.9, … }
 * ```
 */
export function findMovedLines(
  s: DiffState,
  deletedLines: readonly number[],
  addedLines: readonly number[],
): void {
  const dels = deletedLines.filter((i) => oldNonSpace(s, i) >= MIN_MOVE_CHARS);
  const adds = addedLines.filter((j) => newNonSpace(s, j) >= MIN_MOVE_CHARS);
  if (dels.length * adds.length > MAX_FUZZY_PAIRS) return;
  const t = s.table;
  const addHandles = adds.map((j) => s.newHandle(j));
  for (const i of dels) {
    if (s.oldPartner[i] !== -1) continue;
    const a = s.oldHandle(i);
    const ac = t.chars(a);
    let bestJ = -1;
    let bestSim = s.threshold;
    t.bags.focus(a);
    for (let q = 0; q < adds.length; q++) {
      const j = adds[q]!;
      if (s.newPartner[j] !== -1 || s.newBlock[j] === s.oldBlock[i]) continue;
      // The bag similarity bounds the word similarity from above: most pairs stop here.
      const b = addHandles[q]!;
      const bc = t.chars(b);
      if ((2 * Math.min(ac, bc)) / (ac + bc) < bestSim) continue;
      if (t.bags.similarityTo(a, b) < bestSim) continue;
      const v = wordSimilarity(t, a, b, s.limits);
      if (v >= bestSim) {
        bestSim = v;
        bestJ = j;
      }
    }
    t.bags.unfocus(a);
    if (bestJ >= 0) {
      recordMove(s, i, bestJ, 1, (x, y) =>
        wordSimilarity(t, s.oldHandle(x), s.newHandle(y), s.limits),
      );
    }
  }
}

function recordMove(
  s: DiffState,
  oi: number,
  nj: number,
  len: number,
  sim: (i: number, j: number) => number,
): void {
  if (len <= 0) return;
  let chars = 0;
  for (let k = 0; k < len; k++) chars += oldNonSpace(s, oi + k);
  if (chars < MIN_MOVE_CHARS) return;
  const id = s.moves.length + 1;
  let total = 0;
  for (let k = 0; k < len; k++) {
    const i = oi + k;
    const j = nj + k;
    s.oldMove[i] = id;
    s.newMove[j] = id;
    s.oldPartner[i] = j;
    s.newPartner[j] = i;
    if (s.oldLines[i] === s.newLines[j]) {
      total += 1;
    } else {
      let w = wordDiff(s.table, s.oldHandle(i), s.newHandle(j), s.limits);
      if (w === null) {
        w = wholeLineChange(s.oldLines[i]!, s.newLines[j]!);
        s.wordDiffSkipped++;
      }
      s.oldWords.set(i, w.old);
      s.newWords.set(j, w.new);
      total += s.oldKeys[i] === s.newKeys[j] ? 1 : sim(i, j);
    }
  }
  s.moves.push({ id, oldStart: oi + 1, newStart: nj + 1, lines: len, similarity: total / len });
}
