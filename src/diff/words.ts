/**
 * Word-level changes inside one changed line, the way MediaWiki's diff view marks them with
 * `<ins>`/`<del>` (FORMAT.md 6.3): words, whitespace runs and single punctuation marks are the
 * units, except that CJK text (Han, Hiragana, Katakana, Hangul) is compared character by
 * character, since those scripts do not separate words with spaces (wikidiff2 shows
 * `本文で<del>す</del>。` vs `本文で<ins>した</ins>。`).
 */
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
