// What a word-diff token is: the character classes, and the reference tokenizer other stages reuse.
/*
 * A token is a run of word characters (letters, digits, marks, `_`), a run of whitespace, or
 * one character by itself: punctuation, symbols, and CJK characters (Han, Hiragana, Katakana,
 * Hangul), since those scripts do not separate words with spaces (wikidiff2 shows
 * `本文で<del>す</del>。`). ASCII is classed by a table; other characters by Unicode property
 * regexes, one code point at a time. `WordTable.add` scans with the same classes in one pass.
 */

/** Class of a word character. */
export const WORD = 0;
/** Class of a whitespace character. */
export const SPACE_CHAR = 1;
/** Class of a character that is a token by itself. */
export const ALONE = 2;

/** The class of each ASCII character. */
export const ASCII = new Uint8Array(128).fill(ALONE);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9_]/.test(ch)) ASCII[c] = WORD;
  else if (/\s/.test(ch)) ASCII[c] = SPACE_CHAR;
}

/**
 * Codes 1 to 63 of the ASCII word characters (`A-Z`, `a-z`, `0-9`, `_`), 0 for every other UTF-16
 * unit: six bits a character, so five make an exact key in one int. A table over all 65,536 units
 * (only its first 128 bytes ever hot) spares the scan a range test per character.
 */
export const WORD6 = new Uint8Array(65536);
{
  let next = 1;
  for (let c = 0; c < 128; c++) if (ASCII[c] === WORD) WORD6[c] = next++;
}

const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const SPACE_RE = /\s/u;

/** The class ({@link WORD}, {@link SPACE_CHAR} or {@link ALONE}) of a code point. */
export function classify(code: number): number {
  if (code < 128) return ASCII[code]!;
  const ch = String.fromCodePoint(code);
  if (CJK.test(ch)) return ALONE;
  if (WORD_CHAR.test(ch)) return WORD;
  if (SPACE_RE.test(ch)) return SPACE_CHAR;
  return ALONE;
}

/** End of the run of characters of class `cls` (word or whitespace, any script) from `k`. */
export function runEnd(line: string, k: number, n: number, cls: number): number {
  while (k < n) {
    const p = line.codePointAt(k)!;
    if ((p < 128 ? ASCII[p] : classify(p)) !== cls) break;
    k += p > 0xffff ? 2 : 1;
  }
  return k;
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
  const n = line.length;
  let cls = -1;
  let start = 0;
  let k = 0;
  while (k < n) {
    const code = line.codePointAt(k)!;
    const c = classify(code);
    if (c === ALONE || c !== cls) {
      if (cls !== -1) out.push(line.slice(start, k));
      start = k;
      cls = c;
    }
    k += code > 0xffff ? 2 : 1;
    if (c === ALONE) {
      out.push(line.slice(start, k));
      cls = -1;
    }
  }
  if (cls !== -1) out.push(line.slice(start, n));
  return out;
}
