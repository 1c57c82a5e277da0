/**
 * Word-level changes inside one changed line, the way MediaWiki's diff view marks them with
 * `<ins>`/`<del>` (FORMAT.md 6.3): words, whitespace runs and single punctuation marks are the
 * units, except that CJK text (Han, Hiragana, Katakana, Hangul) is compared character by
 * character, since those scripts do not separate words with spaces (wikidiff2 shows
 * `本文で<del>す</del>。` vs `本文で<ins>した</ins>。`).
 */
import { myers } from './myers.js';

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

const CJK = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}';
// A CJK character alone; else a run of letters, digits, marks and `_` (not CJK); else a run of
// whitespace; else one character (punctuation, symbols, and lone surrogates via `[^]`).
const TOKEN = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}_])+|\\s+|[^]`, 'gu');
const SPACE = /^\s+$/u;

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
  return line.match(TOKEN) ?? [];
}

/**
 * Compares two lines word by word (character by character in CJK text).
 *
 * Whitespace runs are tokens of their own (as jsdiff's `diffWordsWithSpace`), so a change in
 * spacing shows; an unchanged whitespace run between two changes is folded into the change so
 * that `a b` → `x y` reads as one replacement rather than `a`/`x`, ` `, `b`/`y`.
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
  const a = tokenizeWords(oldLine);
  const b = tokenizeWords(newLine);
  const ids = new Map<string, number>();
  const intern = (tokens: readonly string[]): Int32Array => {
    const out = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      let id = ids.get(t);
      if (id === undefined) {
        id = ids.size;
        ids.set(t, id);
      }
      out[i] = id;
    }
    return out;
  };
  const { deleted, inserted } = myers(intern(a), intern(b), maxEditLength);
  foldWhitespace(a, deleted, b, inserted);
  let equalChars = 0;
  let totalChars = 0;
  for (let i = 0; i < a.length; i++) {
    const n = nonSpaceLength(a[i]!);
    totalChars += n;
    if (!deleted[i]) equalChars += n;
  }
  for (let j = 0; j < b.length; j++) {
    const n = nonSpaceLength(b[j]!);
    totalChars += n;
    if (!inserted[j]) equalChars += n;
  }
  return {
    old: segments(a, deleted, 'deleted'),
    new: segments(b, inserted, 'inserted'),
    similarity: totalChars === 0 ? 1 : equalChars / totalChars,
  };
}

function nonSpaceLength(token: string): number {
  return SPACE.test(token) ? 0 : token.length;
}

/**
 * Marks as changed every unchanged whitespace token lying between two changed tokens on both
 * sides. Matched tokens pair up in order, so the k-th equal token of `a` is the k-th of `b`;
 * folding a pair on both sides keeps the two segment lists consistent.
 */
function foldWhitespace(
  a: readonly string[],
  deleted: Uint8Array,
  b: readonly string[],
  inserted: Uint8Array,
): void {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (deleted[i]) {
      i++;
      continue;
    }
    if (inserted[j]) {
      j++;
      continue;
    }
    // a[i] and b[j] are a matched pair.
    const changedBefore = (i > 0 && deleted[i - 1] === 1) || (j > 0 && inserted[j - 1] === 1);
    const changedAfter =
      (i + 1 < a.length && deleted[i + 1] === 1) || (j + 1 < b.length && inserted[j + 1] === 1);
    if (changedBefore && changedAfter && SPACE.test(a[i]!)) {
      deleted[i] = 1;
      inserted[j] = 1;
    }
    i++;
    j++;
  }
}

function segments(
  tokens: readonly string[],
  changed: Uint8Array,
  kind: 'deleted' | 'inserted',
): WordChange[] {
  const out: WordChange[] = [];
  let start = 0;
  while (start < tokens.length) {
    const isChanged = changed[start] === 1;
    let end = start + 1;
    while (end < tokens.length && (changed[end] === 1) === isChanged) end++;
    out.push({ kind: isChanged ? kind : 'equal', text: tokens.slice(start, end).join('') });
    start = end;
  }
  return out;
}
