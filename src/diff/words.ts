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

// Character classes: a word character (letters, digits, marks, `_`), whitespace, a CJK
// character (a token by itself), anything else (a token by itself). ASCII goes through a table;
// other characters through Unicode property regexes, one code point at a time.
const WORD = 0;
const SPACE_CHAR = 1;
const ALONE = 2;
const ASCII = new Uint8Array(128).fill(ALONE);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9_]/.test(ch)) ASCII[c] = WORD;
  else if (/\s/.test(ch)) ASCII[c] = SPACE_CHAR;
}
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const SPACE_RE = /\s/u;
const SPACE = /^\s+$/u;

function classify(ch: string): number {
  if (CJK.test(ch)) return ALONE;
  if (WORD_CHAR.test(ch)) return WORD;
  if (SPACE_RE.test(ch)) return SPACE_CHAR;
  return ALONE;
}

/** Calls `emit` with each token's start and end (a word run, a whitespace run, or one char). */
function scan(line: string, emit: (start: number, end: number, space: boolean) => void): void {
  let k = 0;
  const n = line.length;
  let cls = -1;
  let start = 0;
  while (k < n) {
    const code = line.codePointAt(k)!;
    const width = code > 0xffff ? 2 : 1;
    const c = code < 128 ? ASCII[code]! : classify(String.fromCodePoint(code));
    if (c === ALONE || c !== cls) {
      if (cls !== -1) emit(start, k, cls === SPACE_CHAR);
      start = k;
      cls = c;
    }
    k += width;
    if (c === ALONE) {
      emit(start, k, false);
      cls = -1;
    }
  }
  if (cls !== -1) emit(start, n, cls === SPACE_CHAR);
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
  const out: string[] = [];
  scan(line, (start, end) => {
    out.push(line.slice(start, end));
  });
  return out;
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
  const ids = new Map<string, number>();
  const a = units(oldLine, ids);
  const b = units(newLine, ids);
  const { deleted, inserted } = myers(a.ids, b.ids, maxEditLength);
  let equalChars = 0;
  let totalChars = 0;
  for (let i = 0; i < a.bodies.length; i++) {
    const n = nonSpaceLength(a.bodies[i]!);
    totalChars += n;
    if (!deleted[i]) equalChars += n;
  }
  for (let j = 0; j < b.bodies.length; j++) {
    const n = nonSpaceLength(b.bodies[j]!);
    totalChars += n;
    if (!inserted[j]) equalChars += n;
  }
  // Matched words pair up in order; their trailing whitespace may differ.
  const oldSuffixChanged = new Uint8Array(a.bodies.length);
  const newSuffixChanged = new Uint8Array(b.bodies.length);
  for (let i = 0, j = 0; i < a.bodies.length && j < b.bodies.length; ) {
    if (deleted[i]) i++;
    else if (inserted[j]) j++;
    else {
      if (a.suffixes[i] !== b.suffixes[j]) {
        oldSuffixChanged[i] = 1;
        newSuffixChanged[j] = 1;
      }
      i++;
      j++;
    }
  }
  return {
    old: segments(a, deleted, oldSuffixChanged, 'deleted'),
    new: segments(b, inserted, newSuffixChanged, 'inserted'),
    similarity: totalChars === 0 ? 1 : equalChars / totalChars,
  };
}

interface Units {
  readonly ids: Int32Array;
  readonly bodies: readonly string[];
  readonly suffixes: readonly string[];
}

/** Words with the whitespace that follows them (a line's leading whitespace is a unit). */
function units(line: string, ids: Map<string, number>): Units {
  const bodies: string[] = [];
  const suffixes: string[] = [];
  scan(line, (start, end, space) => {
    if (space && bodies.length > 0 && suffixes[suffixes.length - 1] === '') {
      suffixes[suffixes.length - 1] = line.slice(start, end);
    } else {
      bodies.push(line.slice(start, end));
      suffixes.push('');
    }
  });
  const out = new Int32Array(bodies.length);
  for (let k = 0; k < bodies.length; k++) {
    const body = bodies[k]!;
    let id = ids.get(body);
    if (id === undefined) {
      id = ids.size;
      ids.set(body, id);
    }
    out[k] = id;
  }
  return { ids: out, bodies, suffixes };
}

/** A line's non-whitespace tokens with their counts, for {@link bagSimilarity}. */
export interface WordBag {
  readonly counts: ReadonlyMap<string, number>;
  /** Non-whitespace characters of the line. */
  readonly chars: number;
}

/**
 * Collects a line's non-whitespace tokens.
 *
 * @param line - One line.
 * @returns Its token counts and non-whitespace length.
 * @example
 * ```ts
 * wordBag('a b a').counts // Map { 'a' => 2, 'b' => 1 }
 * ```
 */
export function wordBag(line: string): WordBag {
  const counts = new Map<string, number>();
  let chars = 0;
  scan(line, (start, end, space) => {
    if (space) return;
    const t = line.slice(start, end);
    counts.set(t, (counts.get(t) ?? 0) + 1);
    chars += end - start;
  });
  return { counts, chars };
}

/**
 * Order-blind similarity of two lines: the Dice coefficient of their token multisets, weighted
 * by token length. The tokens `diffWords` keeps equal are a common sub-multiset, so this is an
 * upper bound of `diffWords(…).similarity`: a pair below a threshold here is below it there too,
 * at a fraction of the cost (no alignment).
 *
 * @param a - Bag of the first line.
 * @param b - Bag of the second line.
 * @returns A number from 0 to 1 (1 for two lines without non-whitespace characters).
 * @example
 * ```ts
 * bagSimilarity(wordBag('a b'), wordBag('b a')) // 1
 * ```
 */
export function bagSimilarity(a: WordBag, b: WordBag): number {
  if (a.chars + b.chars === 0) return 1;
  let common = 0;
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  for (const [t, n] of small.counts) {
    const m = large.counts.get(t);
    if (m !== undefined) common += Math.min(n, m) * t.length;
  }
  return (2 * common) / (a.chars + b.chars);
}

function nonSpaceLength(token: string): number {
  return SPACE.test(token) ? 0 : token.length;
}

function segments(
  u: Units,
  changed: Uint8Array,
  suffixChanged: Uint8Array,
  kind: 'deleted' | 'inserted',
): WordChange[] {
  const out: WordChange[] = [];
  const push = (k: WordChange['kind'], text: string): void => {
    if (text === '') return;
    const last = out[out.length - 1];
    if (last && last.kind === k) out[out.length - 1] = { kind: k, text: last.text + text };
    else out.push({ kind: k, text });
  };
  for (let k = 0; k < u.bodies.length; k++) {
    if (changed[k]) {
      push(kind, u.bodies[k]! + u.suffixes[k]!);
    } else {
      push('equal', u.bodies[k]!);
      push(suffixChanged[k] ? kind : 'equal', u.suffixes[k]!);
    }
  }
  return out;
}
