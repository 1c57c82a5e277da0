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

import type { WordChange } from './word-change.js';
import type { WordTable } from './word-table.js';

/** A block of lines deleted at `oldStart` and added at `newStart` (1-based). */
export interface MovedBlock {
  /** 1-based id, the `moveId` of the block's lines. */
  readonly id: number;
  /** 1-based line of the block's first line in the old text. */
  readonly oldStart: number;
  /** 1-based line of the block's first line in the new text. */
  readonly newStart: number;
  /** Number of lines (the same on both sides: lines pair one to one). */
  readonly lines: number;
  /** Mean word similarity of the block's line pairs, 1 when moved unchanged. */
  readonly similarity: number;
}

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
 * Interned comparison keys of the lines the line diff interned: old lines `lo + k` have id
 * `oldIds[k]` (0 to `count` − 1), new lines `lo + k` have `newIds[k]` (-1 for a key absent from
 * the old side). Lines before `lo` are a common prefix, never deleted or added.
 */
export interface LineIds {
  readonly lo: number;
  readonly oldIds: Int32Array;
  readonly newIds: Int32Array;
  readonly count: number;
}

/** What the move search reads and writes; indices are 0-based line indices. */
export interface MoveState {
  readonly oldLines: readonly string[];
  readonly newLines: readonly string[];
  /** Comparison keys (the lines, or the lines without whitespace). */
  readonly oldKeys: readonly string[];
  readonly newKeys: readonly string[];
  /** Change block of each old line (-1 if unchanged). */
  readonly oldBlock: Int32Array;
  /** Change block of each new line (-1 if unchanged). */
  readonly newBlock: Int32Array;
  /** Move id per line, 0 when none; written. */
  readonly oldMove: Int32Array;
  readonly newMove: Int32Array;
  /**
   * Partner line of each paired line (in place or moved), -1 when none, {@link REWRITTEN} for
   * a line whose in-place pair was too dissimilar to show as changed; written.
   */
  readonly oldPartner: Int32Array;
  readonly newPartner: Int32Array;
  /** Word changes of paired lines that differ; written. */
  readonly oldWords: Map<number, readonly WordChange[]>;
  readonly newWords: Map<number, readonly WordChange[]>;
  readonly moves: MovedBlock[];
  readonly threshold: number;
  readonly maxEditLength: number;
  /** Words of the lines, tokenized once per line. */
  readonly table: WordTable;
  /** Handle in `table` of an old line (tokenized on first use). */
  readonly oldHandle: (i: number) => number;
  /** Handle in `table` of a new line. */
  readonly newHandle: (j: number) => number;
  /** The texts the lines were split from, and where each line starts in them. */
  readonly oldText: string;
  readonly newText: string;
  readonly oldStarts: Int32Array;
  readonly newStarts: Int32Array;
  /** Non-whitespace characters of each old line, -1 until computed; written. */
  readonly oldNonSpace: Int32Array;
  readonly newNonSpace: Int32Array;
  /**
   * The line ids of the line diff, when it interned the lines (it does not when the texts differ
   * by few lines): anchors are then grouped by id, not by string in a `Map` (hashing the 8,400
   * changed lines of the bench's unrelated texts took about 4 ms).
   */
  readonly lineIds: LineIds | null;
}

/**
 * Non-whitespace characters of `text[from .. to)`. Lines are read as ranges of the flat texts:
 * reading the sliced strings `split` made cost twice as much (see `WordTable.add`).
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

function oldNonSpace(s: MoveState, i: number): number {
  return lineNonSpace(s.oldNonSpace, s.oldText, s.oldStarts, s.oldLines, i);
}

function newNonSpace(s: MoveState, j: number): number {
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
 *   up to {@link MAX_CANDIDATES} extensions (about 10 ms on the bench's unrelated texts).
 * @returns Nothing.
 * @example
 * ```ts
 * findAnchoredMoves(state, [4, 5], [9, 10], false) // state.moves = [{ id: 1, oldStart: 5, … }]
 * ```
 */
export function findAnchoredMoves(
  s: MoveState,
  deletedLines: readonly number[],
  addedLines: readonly number[],
  longAnchorsOnly: boolean,
): void {
  const minChars = longAnchorsOnly ? MIN_MOVE_CHARS : 1;
  // Added lines with each key, ascending: by line id when the line diff has them (a linked
  // list through `next`), else in a Map by length.
  const ids = s.lineIds;
  let head: Int32Array | null = null;
  let next: Int32Array | null = null;
  const byKey = new Map<number, number[]>();
  const keep = (j: number): boolean => {
    const key = s.newKeys[j]!;
    return (key === s.newLines[j] ? newNonSpace(s, j) : nonSpace(key)) >= minChars;
  };
  if (ids) {
    head = new Int32Array(ids.count).fill(-1);
    next = new Int32Array(s.newLines.length);
    for (let q = addedLines.length - 1; q >= 0; q--) {
      const j = addedLines[q]!;
      const id = ids.newIds[j - ids.lo]!;
      // A key absent from the old side cannot anchor anything.
      if (id < 0 || !keep(j)) continue;
      next[j] = head[id]!;
      head[id] = j;
    }
  } else {
    // Keyed by length: hashing the lines as strings cost more than the rest of the search on a
    // 10 KB page (each call splits fresh strings, whose hashes are not cached yet). Candidates
    // of the right length but another text are skipped below.
    for (const j of addedLines) {
      if (!keep(j)) continue;
      const key = s.newKeys[j]!.length;
      const list = byKey.get(key);
      if (list) list.push(j);
      else byKey.set(key, [j]);
    }
  }
  const simCache = new Map<number, number>();
  // Similarity of old line i with new line j, cached: extension asks for the same pairs. The
  // bag similarity bounds it from above, so a pair below the threshold there needs no diff.
  const sim = (i: number, j: number): number => {
    if (s.oldKeys[i] === s.newKeys[j]) return 1;
    const k = i * 0x100000 + j;
    let v = simCache.get(k);
    if (v === undefined) {
      const a = s.oldHandle(i);
      const b = s.newHandle(j);
      v = s.table.bagSimilarity(a, b);
      if (v >= s.threshold) v = s.table.similarity(a, b, s.maxEditLength);
      simCache.set(k, v);
    }
    return v;
  };
  const free = (i: number, j: number): boolean =>
    i >= 0 &&
    j >= 0 &&
    i < s.oldLines.length &&
    j < s.newLines.length &&
    s.oldBlock[i]! >= 0 &&
    s.newBlock[j]! >= 0 &&
    s.oldPartner[i] === -1 &&
    s.newPartner[j] === -1;
  const matches = (i: number, j: number): boolean =>
    free(i, j) &&
    (s.oldKeys[i] === s.newKeys[j] ||
      (oldNonSpace(s, i) !== 0 && newNonSpace(s, j) !== 0 && sim(i, j) >= s.threshold));

  for (const i of deletedLines) {
    if (s.oldPartner[i] !== -1) continue;
    let best: { top: number; len: number; j: number } | null = null;
    let seen = 0;
    let list: number[] | undefined;
    let at = 0;
    let j: number;
    if (ids && head) {
      j = head[ids.oldIds[i - ids.lo]!]!;
    } else {
      list = byKey.get(s.oldKeys[i]!.length);
      j = list?.[0] ?? -1;
    }
    while (j >= 0) {
      if (s.newPartner[j] === -1 && (next !== null || s.oldKeys[i] === s.newKeys[j])) {
        if (++seen > MAX_CANDIDATES) break;
        let up = 0;
        while (matches(i - up - 1, j - up - 1)) up++;
        let down = 1;
        while (matches(i + down, j + down)) down++;
        if (!best || up + down > best.len) best = { top: up, len: up + down, j };
      }
      j = next ? next[j]! : (list?.[++at] ?? -1);
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
  s: MoveState,
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
    t.focus(a);
    for (let q = 0; q < adds.length; q++) {
      const j = adds[q]!;
      if (s.newPartner[j] !== -1 || s.newBlock[j] === s.oldBlock[i]) continue;
      // The bag similarity bounds the word similarity from above: most pairs stop here.
      const b = addHandles[q]!;
      const bc = t.chars(b);
      if ((2 * Math.min(ac, bc)) / (ac + bc) < bestSim) continue;
      if (t.bagSimilarityTo(a, b) < bestSim) continue;
      const v = t.similarity(a, b, s.maxEditLength);
      if (v >= bestSim) {
        bestSim = v;
        bestJ = j;
      }
    }
    t.unfocus(a);
    if (bestJ >= 0) {
      recordMove(s, i, bestJ, 1, (x, y) =>
        t.similarity(s.oldHandle(x), s.newHandle(y), s.maxEditLength),
      );
    }
  }
}

function recordMove(
  s: MoveState,
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
      const w = s.table.diff(s.oldHandle(i), s.newHandle(j), s.maxEditLength);
      s.oldWords.set(i, w.old);
      s.newWords.set(j, w.new);
      total += s.oldKeys[i] === s.newKeys[j] ? 1 : sim(i, j);
    }
  }
  s.moves.push({ id, oldStart: oi + 1, newStart: nj + 1, lines: len, similarity: total / len });
}
