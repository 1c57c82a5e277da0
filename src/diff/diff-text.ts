/**
 * Line diff of two texts: minimal (the added/removed counts of `diff --minimal`), fast on any
 * input, with word-level changes of lines changed in place and moved blocks.
 *
 * Texts are split on `\n` only. MediaWiki stores texts without a final newline (FORMAT.md,
 * `truth/wikitext/`), so `a\nb` is two lines and appending `\nc` adds one line and changes none.
 * The empty text is one empty line: that is what `diff --minimal` sees once a newline is appended
 * to each text, which is the reference the counts are checked against.
 *
 * Speed (bench/diff.bench.ts, docs/04-diff.md): the common prefix and suffix are stripped; a
 * diff of up to min(512, 4·√(N+M)) edits runs greedy Myers straight on the strings; beyond,
 * lines are interned to integer ids and lines occurring on one side only are set aside before
 * Myers runs (they can never be matched, so minimality holds). On a page rewritten at 30% most
 * changed lines are unique, so Myers sees a small problem; plain jsdiff `diffLines` runs its
 * O(N·D) over everything.
 */
import {
  findAnchoredMoves,
  findMovedLines,
  type LineIds,
  type MovedBlock,
  type MoveState,
  REWRITTEN,
} from './moves.js';
import { myers, myersGreedy } from './myers.js';
import { CHANGE_THRESHOLD, pairLines } from './pair-lines.js';
import type { WordChange } from './word-change.js';
import { WordTable } from './word-table.js';

/** Options of {@link diffText}. */
export interface DiffTextOptions {
  /**
   * Unchanged lines shown around each change; changes closer than twice this share a hunk.
   * @default 3
   */
  readonly context?: number;
  /**
   * Compare lines ignoring all ASCII whitespace (space, tab, CR, VT, FF), as `diff -w`. Context
   * lines then carry the old text, so a patch made from such a diff keeps the old spacing of
   * lines that changed in whitespace only.
   * @default false
   */
  readonly ignoreWhitespace?: boolean;
  /**
   * Find blocks of lines deleted in one place and added in another (see {@link MovedBlock}).
   * @default true
   */
  readonly detectMoves?: boolean;
  /**
   * Smallest word similarity (0 to 1, see `diffWords`) for an edited line to still count as
   * moved.
   * @default 0.5
   */
  readonly moveSimilarity?: number;
  /**
   * wikidiff2's `moved_paragraph_detection_cutoff` (php.ini, default 100): when more changed
   * lines than this are left unpaired after in-place pairing, wikidiff2 makes no attempt to find
   * moved lines, since every deleted line would be compared with every added one. Here, past it
   * the search for single edited lines moved elsewhere (similarity only, no identical anchor) is
   * skipped, and when more lines than this changed at all, blocks are only anchored on identical
   * lines of at least 10 non-whitespace characters (`|-` or `}}` recurring all over a rewritten
   * page no longer start a search each). Moved blocks anchored on real lines are still found.
   * `Infinity` always searches.
   * @default 100
   */
  readonly moveDetectionCutoff?: number;
  /**
   * Compute word-level changes of lines changed in place (and of edited moved lines).
   * @default true
   */
  readonly wordDiff?: boolean;
  /**
   * Edit length (deleted + added lines, after setting aside lines found on one side only)
   * beyond which Myers stops looking for the minimal diff and splits heuristically (GNU diff's
   * `too_expensive`); the diff is then correct but may not be minimal, and `approximate` is
   * true. Below it the diff is always minimal. About 100 ms at the default on this machine;
   * `Infinity` never gives up.
   * @default 20000
   */
  readonly maxEditLength?: number;
}

/** The line diff of two texts. */
export interface TextDiff {
  /** Lines added. */
  readonly added: number;
  /** Lines removed. */
  readonly removed: number;
  /** Lines common to both. */
  readonly unchanged: number;
  readonly hunks: readonly DiffHunk[];
  readonly moves: readonly MovedBlock[];
  /** True when a configured limit stopped the exact algorithm and a documented fallback was used. */
  readonly approximate: boolean;
  /** Lines in the old text (the empty text has one, empty, line). */
  readonly oldLineCount: number;
  /** Lines in the new text. */
  readonly newLineCount: number;
}

/** A run of changes with its context; line numbers are 1-based. */
export interface DiffHunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly DiffLine[];
}

/**
 * One line of a hunk, numbered 1-based on its side(s). A deleted or added line may be paired
 * with a line of the other side, changed in place or moved: `pairedLine` is that line's number
 * (new-side for a deleted line, old-side for an added one), else `null`. `words` lists the
 * segments of a paired line that differs from its pair, else `null`. `moveId` is the
 * {@link MovedBlock} id of a moved line, else `null`.
 */
export type DiffLine =
  | {
      readonly kind: 'context';
      readonly text: string;
      readonly oldLine: number;
      readonly newLine: number;
    }
  | {
      readonly kind: 'deleted';
      readonly text: string;
      readonly oldLine: number;
      readonly words: readonly WordChange[] | null;
      readonly moveId: number | null;
      readonly pairedLine: number | null;
    }
  | {
      readonly kind: 'added';
      readonly text: string;
      readonly newLine: number;
      readonly words: readonly WordChange[] | null;
      readonly moveId: number | null;
      readonly pairedLine: number | null;
    };

const WS = /[ \t\r\v\f]+/g;
/**
 * One word table reused by every call (reset each time; `diffText` is synchronous and calls no
 * user code, so calls cannot overlap): building a fresh one cost more than the word diff of a
 * page with one line changed.
 */
let sharedTable: WordTable | null = null;
/** Largest edit length for which Myers runs on the lines themselves, before interning them. */
const FAST_PATH_EDITS = 512;

/** `value` if it is a non-negative integer or `Infinity`, else a RangeError naming the option. */
function countOrInfinity(name: string, value: number): number {
  if (
    typeof value !== 'number' ||
    Number.isNaN(value) ||
    value < 0 ||
    (Number.isFinite(value) && !Number.isInteger(value))
  ) {
    throw new RangeError(
      `diffText: options.${name} must be a non-negative integer or Infinity, got ${value}`,
    );
  }
  return value;
}

function checkOptions(options: DiffTextOptions): Required<DiffTextOptions> {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('diffText: options must be an object');
  }
  const context = options.context ?? 3;
  if (!Number.isInteger(context) || context < 0) {
    throw new RangeError(
      `diffText: options.context must be a non-negative integer, got ${context}`,
    );
  }
  const maxEditLength = countOrInfinity('maxEditLength', options.maxEditLength ?? 20_000);
  const moveSimilarity = options.moveSimilarity ?? 0.5;
  if (typeof moveSimilarity !== 'number' || !(moveSimilarity >= 0 && moveSimilarity <= 1)) {
    throw new RangeError(
      `diffText: options.moveSimilarity must be a number from 0 to 1, got ${moveSimilarity}`,
    );
  }
  const moveDetectionCutoff = countOrInfinity(
    'moveDetectionCutoff',
    options.moveDetectionCutoff ?? 100,
  );
  for (const name of ['ignoreWhitespace', 'detectMoves', 'wordDiff'] as const) {
    const v = options[name];
    if (v !== undefined && typeof v !== 'boolean') {
      throw new TypeError(`diffText: options.${name} must be a boolean`);
    }
  }
  return {
    context,
    maxEditLength,
    moveSimilarity,
    moveDetectionCutoff,
    ignoreWhitespace: options.ignoreWhitespace ?? false,
    detectMoves: options.detectMoves ?? true,
    wordDiff: options.wordDiff ?? true,
  };
}

/**
 * Per-line arrays reused across calls (`diffText` is synchronous and keeps no view of them in its
 * result): typed arrays over 64 bytes are allocated outside V8's heap, and creating them on each
 * call took a tenth of the time of a 10 KB page. Pages over 64K lines get their own.
 */
let shared32 = new Int32Array(1024);
let shared8 = new Uint8Array(1024);
const KEEP_SCRATCH = 1 << 16;

/** `size` ints from the shared buffer, all -1. */
function scratch32(size: number): Int32Array {
  if (size > KEEP_SCRATCH * 6) return new Int32Array(size).fill(-1);
  if (size > shared32.length) shared32 = new Int32Array(Math.max(size, 2 * shared32.length));
  return shared32.subarray(0, size).fill(-1);
}

/** `size` bytes from the shared buffer, all 0. */
function scratch8(size: number): Uint8Array {
  if (size > KEEP_SCRATCH * 2) return new Uint8Array(size);
  if (size > shared8.length) shared8 = new Uint8Array(Math.max(size, 2 * shared8.length));
  return shared8.subarray(0, size).fill(0);
}

/** Counts of line lengths (modulo its size) for {@link lengthBound}; all zero between calls. */
const LENGTH_COUNTS = new Int32Array(4096);

/**
 * A lower bound of the edit length between two runs of lines, from their lengths alone: equal
 * lines have equal lengths, so every line whose length (modulo 4096) is in excess on one side
 * must be deleted or added. It costs one pass over the lengths, reading no character. On the
 * bench's 1 MB rewrite it gives 3,314 (the greedy attempt stops at 482) and on the unrelated
 * texts 1,242 (limit 400): the failed attempt, about 2.3 and 1.3 ms of string comparisons, is
 * skipped. When the bound is under the limit, nothing changes.
 */
function lengthBound(
  a: readonly string[],
  aLo: number,
  aHi: number,
  b: readonly string[],
  bLo: number,
  bHi: number,
): number {
  const counts = LENGTH_COUNTS;
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
 * Interned lines: old lines `lo + k` get ids `oldIds[k]` in order of first occurrence (0 to
 * `count` − 1), new lines get the id of the equal old line, or -1.
 */
interface Interned {
  readonly oldIds: Int32Array;
  readonly newIds: Int32Array;
  readonly count: number;
}

/**
 * Hash of a line's length and of at most 24 of its characters (all of a short line): the line
 * `s[from .. from + len)`. Lines are read in the flat text they were split from when they can
 * be: the sliced strings `split` makes cost a third more to read (0.42 against 0.28 ms for the
 * 7,300 lines of a 1 MB page).
 */
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

/** The flat texts the lines were split from, and where each line starts in them. */
interface FlatTexts {
  readonly oldText: string;
  readonly newText: string;
  readonly oldStarts: Int32Array;
  readonly newStarts: Int32Array;
}

/**
 * Interns lines on a hash of their length and 24 sampled characters, every candidate confirmed by
 * comparing the strings. A `Map` hashes every character of every line (natively, but once per
 * line of each text): on the bench's 1 MB rewrite this took about 1.2 ms instead of 3.5, on the
 * unrelated texts 0.6 instead of 2.4. Lines that differ only outside the samples collide; if
 * such collisions cost more comparisons than there are lines, it gives up (returns `null`) and
 * the `Map` is used, so adversarial input costs at most one extra pass.
 */
function internSampled(
  a: readonly string[],
  lo: number,
  aHi: number,
  b: readonly string[],
  bHi: number,
  flat: FlatTexts | null,
): Interned | null {
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
  return { oldIds, newIds, count };
}

/** {@link internSampled} with a `Map`: every character hashed, no collision to fear. */
function internMap(
  a: readonly string[],
  lo: number,
  aHi: number,
  b: readonly string[],
  bHi: number,
): Interned {
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
  return { oldIds, newIds, count: ids.size };
}

/**
 * Computes which lines of each side are deleted/added: strip the common prefix and suffix, set
 * aside lines found on one side only, run Myers on the rest.
 */
function lineFlags(
  oldKeys: readonly string[],
  newKeys: readonly string[],
  maxEditLength: number,
  flat: FlatTexts | null,
): {
  oldChanged: Uint8Array;
  newChanged: Uint8Array;
  approximate: boolean;
  lineIds: LineIds | null;
} {
  const n = oldKeys.length;
  const m = newKeys.length;
  const flags = scratch8(n + m);
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
  if (lo === hiOld || lo === hiNew) {
    oldChanged.fill(1, lo, hiOld);
    newChanged.fill(1, lo, hiNew);
    return { oldChanged, newChanged, approximate: false, lineIds: null };
  }
  // Fast path: when the texts differ by few lines, greedy Myers straight on the strings costs
  // about N + D² comparisons, less than hashing every line into the table below (measured: on a
  // 1 MB page with 1% of its lines changed, interning was most of the time).
  // A failed attempt costs about limit² steps; keep that small next to interning (∝ N).
  const size = hiOld - lo + hiNew - lo;
  const fastLimit = Math.min(
    FAST_PATH_EDITS,
    Math.max(32, Math.ceil(4 * Math.sqrt(size))),
    maxEditLength,
  );
  const direct =
    lengthBound(oldKeys, lo, hiOld, newKeys, lo, hiNew) > fastLimit
      ? null
      : myersGreedy(oldKeys.slice(lo, hiOld), newKeys.slice(lo, hiNew), fastLimit);
  if (direct) {
    for (let i = lo; i < hiOld; i++) oldChanged[i] = direct.deleted[i - lo]!;
    for (let j = lo; j < hiNew; j++) newChanged[j] = direct.inserted[j - lo]!;
    return { oldChanged, newChanged, approximate: false, lineIds: null };
  }
  const {
    oldIds,
    newIds,
    count: oldCount,
  } = internSampled(oldKeys, lo, hiOld, newKeys, hiNew, flat) ??
  internMap(oldKeys, lo, hiOld, newKeys, hiNew);
  const inNew = new Uint8Array(oldCount);
  for (let j = 0; j < newIds.length; j++) {
    const id = newIds[j]!;
    if (id >= 0) inNew[id] = 1;
  }
  // Keep only lines that occur on both sides; remember where they came from.
  const aIdx: number[] = [];
  const bIdx: number[] = [];
  for (let i = 0; i < oldIds.length; i++) {
    if (inNew[oldIds[i]!]) aIdx.push(i);
    else oldChanged[lo + i] = 1;
  }
  for (let j = 0; j < newIds.length; j++) {
    if (newIds[j]! >= 0) bIdx.push(j);
    else newChanged[lo + j] = 1;
  }
  const a = new Int32Array(aIdx.length);
  for (let k = 0; k < aIdx.length; k++) a[k] = oldIds[aIdx[k]!]!;
  const b = new Int32Array(bIdx.length);
  for (let k = 0; k < bIdx.length; k++) b[k] = newIds[bIdx[k]!]!;
  const r = myers(a, b, maxEditLength);
  for (let k = 0; k < aIdx.length; k++) if (r.deleted[k]) oldChanged[lo + aIdx[k]!] = 1;
  for (let k = 0; k < bIdx.length; k++) if (r.inserted[k]) newChanged[lo + bIdx[k]!] = 1;
  return {
    oldChanged,
    newChanged,
    approximate: r.approximate,
    lineIds: { lo, oldIds, newIds, count: oldCount },
  };
}

/**
 * Compares two texts line by line.
 *
 * @param oldText - The older text (no final newline, as MediaWiki stores it).
 * @param newText - The newer text.
 * @param options - See {@link DiffTextOptions}.
 * @returns Counts, hunks with 1-based line numbers, word-level changes and moved blocks.
 * @throws TypeError if a text is not a string or an option has the wrong type; RangeError for
 *   an option out of range.
 * @example
 * ```ts
 * const d = diffText('a\nSmall beginnings.\nc', 'a\nSmall but ambitious beginnings.\nc');
 * // d.added = 1, d.removed = 1, d.unchanged = 2, d.approximate = false
 * // d.hunks[0].lines[2] = { kind: 'added', text: 'Small but ambitious beginnings.', newLine: 2,
 * //   words: [{ kind: 'equal', text: 'Small ' }, { kind: 'inserted', text: 'but ambitious ' },
 * //           { kind: 'equal', text: 'beginnings.' }], moveId: null, pairedLine: 2 }
 * ```
 */
export function diffText(
  oldText: string,
  newText: string,
  options: DiffTextOptions = {},
): TextDiff {
  if (typeof oldText !== 'string' || typeof newText !== 'string') {
    throw new TypeError('diffText: oldText and newText must be strings');
  }
  const opts = checkOptions(options);
  const oldLines = oldText.split('\n');
  const newLines = newText.split('\n');
  const oldKeys = opts.ignoreWhitespace ? oldLines.map((l) => l.replace(WS, '')) : oldLines;
  const newKeys = opts.ignoreWhitespace ? newLines.map((l) => l.replace(WS, '')) : newLines;
  const n = oldLines.length;
  const m = newLines.length;
  // The per-line arrays are views of one buffer: typed arrays are costly to create, and on a
  // small page creating ten of them showed in the profile. All start at -1 except the moves and
  // the line starts.
  const buffer = scratch32(6 * (n + m));
  let used = 0;
  const slice = (len: number): Int32Array => {
    used += len;
    return buffer.subarray(used - len, used);
  };
  // Where each line starts in its text: lines are hashed and tokenized as ranges of the flat
  // texts, not as the sliced strings `split` made, which cost more to read (see `WordTable.add`).
  const oldStarts = slice(n);
  const newStarts = slice(m);
  lineStarts(oldLines, oldStarts);
  lineStarts(newLines, newStarts);
  const { oldChanged, newChanged, approximate, lineIds } = lineFlags(
    oldKeys,
    newKeys,
    opts.maxEditLength,
    // With `ignoreWhitespace` the keys are new strings, not ranges of the texts.
    opts.ignoreWhitespace ? null : { oldText, newText, oldStarts, newStarts },
  );

  // Change blocks: [o0, o1) deleted and [n0, n1) added between two matched lines.
  const blocks: number[] = [];
  const oldBlock = slice(n);
  const newBlock = slice(m);
  let removed = 0;
  let added = 0;
  {
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && !oldChanged[i] && !newChanged[j]) {
        i++;
        j++;
        continue;
      }
      const o0 = i;
      const n0 = j;
      while (i < n && oldChanged[i]) i++;
      while (j < m && newChanged[j]) j++;
      const b = blocks.length / 4;
      oldBlock.fill(b, o0, i);
      newBlock.fill(b, n0, j);
      removed += i - o0;
      added += j - n0;
      blocks.push(o0, i, n0, j);
    }
  }

  // Lines are tokenized on first use, once: only changed lines ever are. A unit is a token and
  // its trailing space: about a fifth of the characters in wikitext prose.
  let changedChars = 0;
  if (opts.wordDiff || opts.detectMoves) {
    for (let i = 0; i < n; i++) if (oldChanged[i]) changedChars += oldLines[i]!.length;
    for (let j = 0; j < m; j++) if (newChanged[j]) changedChars += newLines[j]!.length;
  }
  const table = sharedTable ?? new WordTable();
  sharedTable = table;
  table.reset((changedChars >> 2) + 256);
  const oldHandles = slice(n);
  const newHandles = slice(m);
  const state: MoveState = {
    oldLines,
    newLines,
    oldKeys,
    newKeys,
    oldBlock,
    newBlock,
    oldMove: slice(n).fill(0),
    newMove: slice(m).fill(0),
    oldPartner: slice(n),
    newPartner: slice(m),
    oldWords: new Map(),
    newWords: new Map(),
    moves: [],
    threshold: opts.moveSimilarity,
    maxEditLength: opts.maxEditLength,
    table,
    oldHandle: (i) => {
      let h = oldHandles[i]!;
      if (h < 0) {
        h = table.add(oldText, oldStarts[i]!, oldStarts[i]! + oldLines[i]!.length);
        oldHandles[i] = h;
      }
      return h;
    },
    newHandle: (j) => {
      let h = newHandles[j]!;
      if (h < 0) {
        h = table.add(newText, newStarts[j]!, newStarts[j]! + newLines[j]!.length);
        newHandles[j] = h;
      }
      return h;
    },
    oldText,
    newText,
    oldStarts,
    newStarts,
    oldNonSpace: slice(n),
    newNonSpace: slice(m),
    lineIds,
  };
  const deletedList = (): number[] => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (oldChanged[i] && state.oldPartner[i] === -1) out.push(i);
    return out;
  };
  const addedList = (): number[] => {
    const out: number[] = [];
    for (let j = 0; j < m; j++) if (newChanged[j] && state.newPartner[j] === -1) out.push(j);
    return out;
  };
  if (opts.detectMoves && removed > 0 && added > 0) {
    findAnchoredMoves(
      state,
      deletedList(),
      addedList(),
      added + removed > opts.moveDetectionCutoff,
    );
  }
  let rewritten = 0;
  if (opts.wordDiff && removed > 0 && added > 0) {
    for (let b = 0; b < blocks.length; b += 4) {
      const dels: number[] = [];
      const adds: number[] = [];
      for (let i = blocks[b]!; i < blocks[b + 1]!; i++)
        if (state.oldPartner[i] === -1) dels.push(i);
      for (let j = blocks[b + 2]!; j < blocks[b + 3]!; j++) {
        if (state.newPartner[j] === -1) adds.push(j);
      }
      if (dels.length === 0 || adds.length === 0) continue;
      const pairs = pairLines(
        table,
        dels.map((i) => state.oldHandle(i)),
        adds.map((j) => state.newHandle(j)),
      );
      for (const [p, q] of pairs) {
        const i = dels[p]!;
        const j = adds[q]!;
        // Too different once their words are aligned: a deleted and an added line, as wikidiff2
        // shows them (see `WordTable.diffIfChanged`).
        const w = table.diffIfChanged(
          state.oldHandle(i),
          state.newHandle(j),
          opts.maxEditLength,
          CHANGE_THRESHOLD,
        );
        if (w === null) {
          // Marked, not left free: the search for single moved lines below skips them. They
          // had a candidate in their own block, so they were rewritten in place, and on a page
          // rewritten with a small vocabulary that search compared each with every other line
          // (it took a third of the time of the bench's 10 KB rewrite). wikidiff2 does search
          // them; a moved line that also had a dissimilar line in its old place is missed.
          state.oldPartner[i] = REWRITTEN;
          state.newPartner[j] = REWRITTEN;
          rewritten += 2;
          continue;
        }
        state.oldPartner[i] = j;
        state.newPartner[j] = i;
        state.oldWords.set(i, w.old);
        state.newWords.set(j, w.new);
      }
    }
  }
  if (opts.detectMoves && removed > 0 && added > 0) {
    const dels = deletedList();
    const adds = addedList();
    // wikidiff2's rule (`AllowPrintMovedLineDiff`): its added and deleted rows, i.e. the changed
    // lines not shown as changed in place, moved ones included, against the cutoff.
    let unpaired = dels.length + adds.length + rewritten;
    for (const move of state.moves) unpaired += 2 * move.lines;
    if (unpaired <= opts.moveDetectionCutoff) findMovedLines(state, dels, adds);
  }

  const hunks = buildHunks(oldLines, newLines, blocks, opts.context, state);
  return {
    added,
    removed,
    unchanged: n - removed,
    hunks,
    moves: state.moves,
    approximate,
    oldLineCount: n,
    newLineCount: m,
  };
}

/** Writes the offset of each line in the text it was split from (on `\n`). */
function lineStarts(lines: readonly string[], starts: Int32Array): void {
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = at;
    at += lines[i]!.length + 1;
  }
}

function buildHunks(
  oldLines: readonly string[],
  newLines: readonly string[],
  blocks: readonly number[],
  context: number,
  s: MoveState,
): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  const deleted = (i: number): DiffLine => {
    const move = s.oldMove[i]!;
    return {
      kind: 'deleted',
      text: oldLines[i]!,
      oldLine: i + 1,
      words: s.oldWords.get(i) ?? null,
      moveId: move === 0 ? null : move,
      pairedLine: s.oldPartner[i]! < 0 ? null : s.oldPartner[i]! + 1,
    };
  };
  const addedLine = (j: number): DiffLine => {
    const move = s.newMove[j]!;
    return {
      kind: 'added',
      text: newLines[j]!,
      newLine: j + 1,
      words: s.newWords.get(j) ?? null,
      moveId: move === 0 ? null : move,
      pairedLine: s.newPartner[j]! < 0 ? null : s.newPartner[j]! + 1,
    };
  };
  const contextLines = (out: DiffLine[], i0: number, j0: number, count: number): void => {
    for (let k = 0; k < count; k++) {
      out.push({
        kind: 'context',
        text: oldLines[i0 + k]!,
        oldLine: i0 + k + 1,
        newLine: j0 + k + 1,
      });
    }
  };
  const nBlocks = blocks.length / 4;
  let b = 0;
  while (b < nBlocks) {
    // The run of unchanged lines before a block has the same length on both sides.
    const o0 = blocks[4 * b]!;
    const n0 = blocks[4 * b + 2]!;
    // A last block that only adds (or only deletes) runs to the end of one text: the line
    // before it ends the other text (or is its phantom empty line), and a patch must rewrite
    // that line's final newline; so it is shown even with `context: 0`.
    const atEnd =
      b === nBlocks - 1 &&
      ((o0 === oldLines.length && blocks[4 * b + 3] === newLines.length) ||
        (n0 === newLines.length && blocks[4 * b + 1] === oldLines.length));
    const before = Math.min(atEnd ? Math.max(context, 1) : context, o0, n0);
    const lines: DiffLine[] = [];
    contextLines(lines, o0 - before, n0 - before, before);
    let e = b;
    for (;;) {
      const bo0 = blocks[4 * e]!;
      const bo1 = blocks[4 * e + 1]!;
      const bn0 = blocks[4 * e + 2]!;
      const bn1 = blocks[4 * e + 3]!;
      for (let i = bo0; i < bo1; i++) lines.push(deleted(i));
      for (let j = bn0; j < bn1; j++) lines.push(addedLine(j));
      const gap = e + 1 < nBlocks ? blocks[4 * (e + 1)]! - bo1 : oldLines.length - bo1;
      if (e + 1 < nBlocks && gap <= 2 * context) {
        contextLines(lines, bo1, bn1, gap);
        e++;
        continue;
      }
      contextLines(lines, bo1, bn1, Math.min(context, gap));
      break;
    }
    const oldStart = o0 - before;
    const newStart = n0 - before;
    let oldCount = 0;
    let newCount = 0;
    for (const l of lines) {
      if (l.kind !== 'added') oldCount++;
      if (l.kind !== 'deleted') newCount++;
    }
    hunks.push({
      oldStart: oldStart + 1,
      oldLines: oldCount,
      newStart: newStart + 1,
      newLines: newCount,
      lines,
    });
    b = e + 1;
  }
  return hunks;
}
