// The result types of `diffText`: counts, hunks of lines with their word changes, moved blocks.
import type { WordChange } from './word-change.js';

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
  /**
   * Line pairs (changed in place or moved) whose words were not compared because it would cost
   * more than `maxWordDiffCost`: as wikidiff2 shows such a pair, its `words` are the whole old
   * line deleted and the whole new line inserted. 0 when every pair was compared.
   */
  readonly wordDiffSkipped: number;
  /** Lines in the old text (the empty text has one, empty, line). */
  readonly oldLineCount: number;
  /** Lines in the new text. */
  readonly newLineCount: number;
}

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
