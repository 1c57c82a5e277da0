/**
 * The word-level change model, shared by the word table, the word diff and the line diff.
 */

/**
 * One segment of a changed line. The segments of a line, concatenated, give the line back.
 * A deleted line has `equal` and `deleted` segments; an added line `equal` and `inserted` ones.
 */
export interface WordChange {
  readonly kind: 'equal' | 'inserted' | 'deleted';
  readonly text: string;
}

/** The word-level comparison of an old line with a new line. */
export interface WordDiff {
  /** Segments of the old line (`equal` and `deleted`). */
  readonly old: readonly WordChange[];
  /** Segments of the new line (`equal` and `inserted`). */
  readonly new: readonly WordChange[];
  /**
   * Share of the non-whitespace characters of both lines that are unchanged, from 0 to 1:
   * `2 × equal / (old + new)`; 1 for two lines that differ in whitespace only (or not at all).
   */
  readonly similarity: number;
  /**
   * True when the lines were not compared because it would cost more than `maxWordDiffCost`:
   * then `old` is the whole old line deleted and `new` the whole new line inserted.
   */
  readonly skipped: boolean;
}
