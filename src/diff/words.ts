/**
 * Word-level changes inside one changed line, the way MediaWiki's diff view marks them with
 * `<ins>`/`<del>` (FORMAT.md 6.3): words, whitespace runs and single punctuation marks are the
 * units, except that CJK text (Han, Hiragana, Katakana, Hangul) is compared character by
 * character, since those scripts do not separate words with spaces (wikidiff2 shows
 * `本文で<del>す</del>。` vs `本文で<ins>した</ins>。`).
 */
import { WordTable } from './word-table.js';

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
}

/** Options of {@link diffWords}. */
export interface DiffWordsOptions {
  /**
   * Edit length (in tokens) beyond which the token diff stops being minimal (see `diffText`'s
   * `maxEditLength`); lines are short, so this only matters for pathological ones.
   * @default 10000
   */
  readonly maxEditLength?: number;
}

/**
 * Splits a line into the tokens the word diff compares.
 *
 * @param line - One line of text.
 * @returns The tokens, in order; joined they give `line` back.
 * @example
 * ```ts
 * tokenizeWords('Hello, 世界!') // ['Hello', ',', ' ', '世', '界', '!']
 * ```
 */
export function tokenizeWords(line: string): string[] {
  return WordTable.tokenize(line);
}

/**
 * Compares two lines word by word (character by character in CJK text).
 *
 * As in wikidiff2, a word carries the whitespace after it and words are matched on their text
 * alone: this halves the tokens Myers sees (the word diff is most of `diffText`'s time on
 * rewritten pages), and a change in spacing between two unchanged words still shows, as a
 * changed whitespace segment.
 *
 * @param oldLine - The line before.
 * @param newLine - The line after.
 * @param options - See {@link DiffWordsOptions}.
 * @returns Segments of both lines and their similarity.
 * @example
 * ```ts
 * diffWords('Small beginnings.', 'Small but ambitious beginnings.').new
 * // [{ kind: 'equal', text: 'Small ' }, { kind: 'inserted', text: 'but ambitious ' },
 * //  { kind: 'equal', text: 'beginnings.' }]
 * ```
 */
export function diffWords(
  oldLine: string,
  newLine: string,
  options: DiffWordsOptions = {},
): WordDiff {
  const maxEditLength = options.maxEditLength ?? 10_000;
  const table = new WordTable();
  return table.diff(table.add(oldLine), table.add(newLine), maxEditLength);
}
