// `diffText`: the line diff of two texts, with word-level changes and moved blocks, step by step.
/*
 * Minimal (the added/removed counts of `diff --minimal`) and fast on any input. Texts are split
 * on `\n` only. MediaWiki stores texts without a final newline (FORMAT.md, `truth/wikitext/`),
 * so `a\nb` is two lines and appending `\nc` adds one line and changes none. The empty text is
 * one empty line: what `diff --minimal` sees once a newline is appended to each text, the
 * reference the counts are checked against. The steps, in order, are below in `diffText`;
 * docs/13-architecture.md follows one line pair through them.
 */
import { limitOption } from '../limits.js';
import { changeBlocks } from './change-blocks.js';
import { createDiffState, type DiffState, lineArrays, type Sides } from './diff-state.js';
import { buildHunks } from './hunks.js';
import { lineFlags } from './line-flags.js';
import { findAnchoredMoves, findMovedLines } from './moves.js';
import { pairInPlace } from './pair-in-place.js';
import type { TextDiff } from './text-diff.js';

export type { DiffHunk, DiffLine, TextDiff } from './text-diff.js';

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
   * true. Below it the diff is always minimal (docs/04-diff.md, *Limits*); past it too where
   * the bit-parallel LCS takes over from Myers (up to about 2^27 words of work);
   * `Infinity` never gives up.
   * @default 20000
   */
  readonly maxEditLength?: number;
  /**
   * Word-diff budget, as wikidiff2's `max_word_level_diff_complexity`: a line pair whose word
   * counts multiply to more than this (after identical leading and trailing words) is not
   * compared word by word: like wikidiff2, it is shown changed from end to end (its `words`
   * the whole old line deleted, the whole new line inserted); `wordDiffSkipped` counts them.
   * Bounds the word pass's time and memory on lines of any length.
   * @default DEFAULT_LIMITS.maxWordDiffCost (40,000,000)
   */
  readonly maxWordDiffCost?: number;
}

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
    maxWordDiffCost: limitOption('diffText', 'maxWordDiffCost', options.maxWordDiffCost),
    maxEditLength,
    moveSimilarity,
    moveDetectionCutoff,
    ignoreWhitespace: options.ignoreWhitespace ?? false,
    detectMoves: options.detectMoves ?? true,
    wordDiff: options.wordDiff ?? true,
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
  const p = diffPasses(oldText, newText, options);
  // 5. The hunks, with context.
  return {
    added: p.added,
    removed: p.removed,
    unchanged: p.s.oldLines.length - p.removed,
    hunks: buildHunks(p.s, p.blocks, p.context),
    moves: p.s.moves,
    approximate: p.approximate,
    wordDiffSkipped: p.s.wordDiffSkipped,
    oldLineCount: p.s.oldLines.length,
    newLineCount: p.s.newLines.length,
  };
}

/** What {@link diffPasses} leaves: the filled-in state and its change blocks, before the hunks. */
export interface DiffPasses {
  readonly s: DiffState;
  /** Change blocks, 4 ints each: old start, old end, new start, new end. */
  readonly blocks: readonly number[];
  readonly added: number;
  readonly removed: number;
  readonly approximate: boolean;
  readonly context: number;
}

/**
 * Steps 1–4 of {@link diffText}, without laying out hunks: for callers that only count (the
 * rows), so that no line object is made and the hunk code is never compiled.
 *
 * @example
 * ```ts
 * diffPasses('a\nb', 'a\nc').added // 1
 * ```
 */
export function diffPasses(
  oldText: string,
  newText: string,
  options: DiffTextOptions = {},
): DiffPasses {
  if (typeof oldText !== 'string' || typeof newText !== 'string') {
    throw new TypeError('diffText: oldText and newText must be strings');
  }
  const opts = checkOptions(options);
  const sides = splitSides(oldText, newText, opts.ignoreWhitespace);
  const arrays = lineArrays(sides.oldLines, sides.newLines);
  // 1. Which lines changed (the minimal line diff), then the blocks they form.
  const { oldChanged, newChanged, approximate, lineIds } = lineFlags(
    sides.oldKeys,
    sides.newKeys,
    opts.maxEditLength,
    // With `ignoreWhitespace` the keys are new strings, not ranges of the texts.
    opts.ignoreWhitespace
      ? null
      : { oldText, newText, oldStarts: arrays.oldStarts, newStarts: arrays.newStarts },
  );
  const blocks = changeBlocks(oldChanged, newChanged, arrays.oldBlock, arrays.newBlock);
  const { removed, added } = blocks;
  const s = createDiffState(
    sides,
    arrays,
    lineIds,
    { maxEditLength: opts.maxEditLength, maxCost: opts.maxWordDiffCost },
    opts.moveSimilarity,
    opts.wordDiff || opts.detectMoves ? changedChars(sides, oldChanged, newChanged) : 0,
  );
  const moves = opts.detectMoves && removed > 0 && added > 0;
  // 2. Blocks moved unchanged (anchored on identical lines), before in-place pairing claims them.
  if (moves) {
    const dels = unpaired(oldChanged, s.oldPartner);
    const adds = unpaired(newChanged, s.newPartner);
    findAnchoredMoves(s, dels, adds, added + removed > opts.moveDetectionCutoff);
  }
  // 3. Lines changed in place, with their word changes.
  const rewritten = opts.wordDiff && removed > 0 && added > 0 ? pairInPlace(s, blocks) : 0;
  // 4. Single edited lines moved elsewhere, under wikidiff2's cutoff (`AllowPrintMovedLineDiff`):
  //    its added and deleted rows, i.e. changed lines not shown as changed in place, moved ones
  //    included.
  if (moves) {
    let rows = unpairedCount(oldChanged, s.oldPartner);
    rows += unpairedCount(newChanged, s.newPartner) + rewritten;
    for (const move of s.moves) rows += 2 * move.lines;
    if (rows <= opts.moveDetectionCutoff) {
      const dels = Array.from(unpaired(oldChanged, s.oldPartner));
      findMovedLines(s, dels, Array.from(unpaired(newChanged, s.newPartner)));
    }
  }
  return { s, blocks: blocks.blocks, added, removed, approximate, context: opts.context };
}

const WS = /[ \t\r\v\f]+/g;

/** The texts split into lines, and the lines as compared. */
function splitSides(oldText: string, newText: string, ignoreWhitespace: boolean): Sides {
  const oldLines = oldText.split('\n');
  const newLines = newText.split('\n');
  return {
    oldText,
    newText,
    oldLines,
    newLines,
    oldKeys: ignoreWhitespace ? oldLines.map((l) => l.replace(WS, '')) : oldLines,
    newKeys: ignoreWhitespace ? newLines.map((l) => l.replace(WS, '')) : newLines,
  };
}

/** Characters of the changed lines: the word table is sized for them. */
function changedChars(s: Sides, oldChanged: Uint8Array, newChanged: Uint8Array): number {
  let chars = 0;
  for (let i = 0; i < oldChanged.length; i++) if (oldChanged[i]) chars += s.oldLines[i]!.length;
  for (let j = 0; j < newChanged.length; j++) if (newChanged[j]) chars += s.newLines[j]!.length;
  return chars;
}

/** How many changed lines of one side are not paired yet. */
function unpairedCount(changed: Uint8Array, partner: Int32Array): number {
  let count = 0;
  for (let i = 0; i < changed.length; i++) if (changed[i] && partner[i] === -1) count++;
  return count;
}

/** Indices of the changed lines of one side not paired yet, ascending (counted first: no growth). */
function unpaired(changed: Uint8Array, partner: Int32Array): Int32Array {
  const out = new Int32Array(unpairedCount(changed, partner));
  let k = 0;
  for (let i = 0; i < changed.length; i++) if (changed[i] && partner[i] === -1) out[k++] = i;
  return out;
}
