/**
 * Word-level changes inside one changed line, the way MediaWiki's diff view marks them with
 * `<ins>`/`<del>` (FORMAT.md 6.3): words, whitespace runs and single punctuation marks are the
 * units, except that CJK text (Han, Hiragana, Katakana, Hangul) is compared character by
 * character, since those scripts do not separate words with spaces (wikidiff2 shows
 * `本文で<del>す</del>。` vs `本文で<ins>した</ins>。`).
 */
import { limitOption } from '../limits.js';
import { wholeLineChange, wordDiff } from './compare-lines.js';
import type { WordDiff } from './word-change.js';
import { WordTable } from './word-table.js';

/** Options of {@link diffWords}. */
export interface DiffWordsOptions {
  /**
   * Edit length (in tokens) beyond which the token diff stops being minimal (see `diffText`'s
   * `maxEditLength`); lines are short, so this only matters for pathological ones.
   * @default 10000
   */
  readonly maxEditLength?: number;
  /**
   * Word-diff budget (see `diffText`'s `maxWordDiffCost`): past it the lines are not compared,
   * and the result is the whole old line deleted and the whole new line inserted, with
   * `similarity: 0` and `skipped: true`, as wikidiff2 bails out.
   * @default DEFAULT_LIMITS.maxWordDiffCost (40,000,000)
   */
  readonly maxWordDiffCost?: number;
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
  const maxCost = limitOption('diffWords', 'maxWordDiffCost', options.maxWordDiffCost);
  const table = new WordTable();
  const a = table.add(oldLine);
  const b = table.add(newLine);
  return wordDiff(table, a, b, { maxEditLength, maxCost }) ?? wholeLineChange(oldLine, newLine);
}
