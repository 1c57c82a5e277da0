// The per-line state one `diffText` call builds once and its passes (moves, pairing, hunks) fill in.
import type { WordLimits } from './compare-lines.js';
import type { LineIds } from './intern-lines.js';
import { lineInts } from './scratch.js';
import type { MovedBlock } from './text-diff.js';
import type { WordChange } from './word-change.js';
import { WordTable } from './word-table.js';

/** The two texts, their lines, and the lines as compared. */
export interface Sides {
  readonly oldText: string;
  readonly newText: string;
  readonly oldLines: readonly string[];
  readonly newLines: readonly string[];
  /** Comparison keys (the lines, or the lines without whitespace under `ignoreWhitespace`). */
  readonly oldKeys: readonly string[];
  readonly newKeys: readonly string[];
}

/** Per-line ints of both sides: views of one shared buffer (see `scratch.ts`). */
export interface LineArrays {
  /** Where each line starts in its text (lines are read as ranges of the flat texts). */
  readonly oldStarts: Int32Array;
  readonly newStarts: Int32Array;
  /** Change block of each line, -1 if unchanged. */
  readonly oldBlock: Int32Array;
  readonly newBlock: Int32Array;
  /** Handle of each line in the word table, -1 until tokenized. */
  readonly oldHandles: Int32Array;
  readonly newHandles: Int32Array;
  /** Move id per line, 0 when none. */
  readonly oldMove: Int32Array;
  readonly newMove: Int32Array;
  /**
   * Partner line of each paired line (in place or moved), -1 when none, `REWRITTEN` for a line
   * whose in-place pair was too dissimilar to show as changed.
   */
  readonly oldPartner: Int32Array;
  readonly newPartner: Int32Array;
  /** Non-whitespace characters of each line, -1 until counted. */
  readonly oldNonSpace: Int32Array;
  readonly newNonSpace: Int32Array;
}

/** What the passes after the line diff read and write; indices are 0-based line indices. */
export interface DiffState extends Sides, LineArrays {
  /** Word changes of paired lines that differ; written. */
  readonly oldWords: Map<number, readonly WordChange[]>;
  readonly newWords: Map<number, readonly WordChange[]>;
  /** Moves found; written. */
  readonly moves: MovedBlock[];
  /** Pairs shown without word changes because of `maxWordDiffCost`; counted. */
  wordDiffSkipped: number;
  /** `moveSimilarity`. */
  readonly threshold: number;
  readonly limits: WordLimits;
  /** Words of the lines, tokenized once per line. */
  readonly table: WordTable;
  /** Handle in `table` of an old line (tokenized on first use). */
  readonly oldHandle: (i: number) => number;
  /** Handle in `table` of a new line. */
  readonly newHandle: (j: number) => number;
  /** The line diff's ids, when it interned the lines: anchors of moves are grouped by them. */
  readonly lineIds: LineIds | null;
}

/**
 * The per-line arrays of `n` old and `m` new lines, with the line starts written.
 *
 * @example
 * ```ts
 * lineArrays(['a', 'bc'], ['bc']).oldStarts // [0, 2]
 * ```
 */
export function lineArrays(oldLines: readonly string[], newLines: readonly string[]): LineArrays {
  const n = oldLines.length;
  const m = newLines.length;
  // One buffer, twelve views: typed arrays are costly to create, and on a small page creating
  // twelve of them showed in the profile.
  const buffer = lineInts(6 * (n + m));
  let used = 0;
  const view = (len: number): Int32Array => {
    used += len;
    return buffer.subarray(used - len, used);
  };
  const arrays: LineArrays = {
    oldStarts: view(n),
    newStarts: view(m),
    oldBlock: view(n),
    newBlock: view(m),
    oldHandles: view(n),
    newHandles: view(m),
    oldMove: view(n).fill(0),
    newMove: view(m).fill(0),
    oldPartner: view(n),
    newPartner: view(m),
    oldNonSpace: view(n),
    newNonSpace: view(m),
  };
  lineStarts(oldLines, arrays.oldStarts);
  lineStarts(newLines, arrays.newStarts);
  return arrays;
}

/** Writes the offset of each line in the text it was split from (on `\n`). */
function lineStarts(lines: readonly string[], starts: Int32Array): void {
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = at;
    at += lines[i]!.length + 1;
  }
}

/**
 * One word table reused by every call (reset each time; `diffText` is synchronous and calls no
 * user code, so calls cannot overlap): building a fresh one cost more than the word diff of a
 * page with one line changed.
 */
let sharedTable: WordTable | null = null;

/**
 * The state of one call, with an empty word table sized for `changedChars` characters.
 *
 * @example
 * ```ts
 * createDiffState(sides, arrays, null, limits, 0.5, 120).oldHandle(3) // tokenizes old line 3
 * ```
 */
export function createDiffState(
  sides: Sides,
  arrays: LineArrays,
  lineIds: LineIds | null,
  limits: WordLimits,
  threshold: number,
  changedChars: number,
): DiffState {
  const table = sharedTable ?? new WordTable();
  sharedTable = table;
  // A unit is a token and its trailing space: about a fifth of the characters in wikitext prose.
  table.reset((changedChars >> 2) + 256);
  const { oldText, newText, oldLines, newLines } = sides;
  const { oldHandles, newHandles, oldStarts, newStarts } = arrays;
  // Listed, not spread: spreading two objects into one built it in the runtime's slow path
  // (docs/04-diff.md, *Performance notes*).
  return {
    oldText,
    newText,
    oldLines,
    newLines,
    oldKeys: sides.oldKeys,
    newKeys: sides.newKeys,
    oldStarts,
    newStarts,
    oldBlock: arrays.oldBlock,
    newBlock: arrays.newBlock,
    oldHandles,
    newHandles,
    oldMove: arrays.oldMove,
    newMove: arrays.newMove,
    oldPartner: arrays.oldPartner,
    newPartner: arrays.newPartner,
    oldNonSpace: arrays.oldNonSpace,
    newNonSpace: arrays.newNonSpace,
    oldWords: new Map(),
    newWords: new Map(),
    moves: [],
    wordDiffSkipped: 0,
    threshold,
    limits,
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
    lineIds,
  };
}
