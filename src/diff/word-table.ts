/**
 * The word-level data of the lines one `diffText` call compares: each line tokenized once,
 * its tokens interned to integer ids in one table shared by both texts, and its bag of words
 * (distinct ids with counts) for the order-blind similarity.
 *
 * Why a table and not strings: on a page rewritten at 30 % the word pass (in-place pairing,
 * word diffs, moves) compares thousands of lines with each other. Done on token strings (a
 * `Map` per line and per diff, a slice per token), it took 15–30 × the line diff itself
 * (docs/04-diff.md). Here a token costs one hash computed while scanning its characters and one
 * probe in an open-addressing table; a string is sliced only for a token never seen before.
 * Similarities and word diffs then work on `Int32Array`s, and no per-token object is made.
 */

import { myersInto } from './myers.js';
import type { WordChange, WordDiff } from './word-change.js';

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
/**
 * Codes 1 to 63 of the ASCII word characters (`A-Z`, `a-z`, `0-9`, `_`), 0 for every other UTF-16
 * unit: six bits a character, so five make an exact key in one int. A table over all 65,536 units
 * (64 KB, only its first 128 bytes ever hot) spares the scan a range test per character.
 */
const WORD6 = new Uint8Array(65536);
{
  let next = 1;
  for (let c = 0; c < 128; c++) if (ASCII[c] === WORD) WORD6[c] = next++;
}
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const SPACE_RE = /\s/u;

function classify(code: number): number {
  if (code < 128) return ASCII[code]!;
  const ch = String.fromCodePoint(code);
  if (CJK.test(ch)) return ALONE;
  if (WORD_CHAR.test(ch)) return WORD;
  if (SPACE_RE.test(ch)) return SPACE_CHAR;
  return ALONE;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a hash of `line[start .. end)` (UTF-16 units). */
function hashOf(line: string, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ line.charCodeAt(k), FNV_PRIME);
  return hash;
}

/**
 * Edit length up to which word diffs use Myers, as they always did: short edits keep exactly
 * the alignment Myers gives. Longer ones use the bit-parallel LCS (see `WordTable.align`).
 */
const MYERS_WORD_EDITS = 16;

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  let size = a.length * 2;
  while (size < need) size *= 2;
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** What `WordTable.traceRows` measured: kept characters, wikidiff2's character similarity. */
const MEASURE = new Float64Array(2);

/**
 * Scratch buffers shared by all tables, grown on demand: allocating them per `diffText` call
 * made small diffs slower than jsdiff (typed arrays are costly to create and collect). Those
 * indexed by token id are all zero between calls; the flags are zero beyond what a call uses.
 */
const S = {
  /** Counts × lengths per token id of the focused line, zero outside a focus. */
  counts: new Int32Array(256),
  /** Counts per token id while a bag is built. */
  scratch: new Int32Array(256),
  /** Per token id: 1 + index of its match mask in `masks` during `lcsRows`. */
  slot: new Int32Array(256),
  masks: new Int32Array(256),
  rows: new Int32Array(1024),
  /** Flags of the last alignment. */
  del: new Uint8Array(256),
  ins: new Uint8Array(256),
};

/**
 * Tokenized lines with interned tokens. A line is a sequence of units: a token (a word, one
 * CJK or punctuation character, or the line's leading whitespace) followed by the whitespace
 * after it, as wikidiff2 does (see `diffWords`). Lines are added on demand and referred to by
 * a handle (a small integer).
 */
export class WordTable {
  // Interned tokens: open addressing on a 32-bit hash, slots hold id + 1.
  private slots = new Int32Array(256);
  private readonly tokText: string[] = [];
  private tokHash = new Int32Array(64);
  /** Id of each single ASCII punctuation token seen, -1 before. */
  private readonly asciiIds = new Int32Array(128).fill(-1);
  /** Length of each token counted in the similarity (0 for whitespace). */
  private tokWeight = new Int32Array(64);

  // Lines: units in pools, located by `unitOff`/`unitCount` per handle.
  private readonly texts: string[] = [];
  /** Where each line starts in its text (its first unit starts there). */
  private lineStart = new Int32Array(64);
  private unitOff = new Int32Array(64);
  private unitCount = new Int32Array(64);
  private lineChars = new Int32Array(64);
  private bagOff = new Int32Array(64);
  private bagLen = new Int32Array(64);
  private ids: Int32Array<ArrayBuffer>;
  private bodyEnd: Int32Array<ArrayBuffer>;
  private suffixEnd: Int32Array<ArrayBuffer>;
  private units = 0;
  private bagIds = new Int32Array(256);
  private bagCounts = new Int32Array(256);
  private bagUsed = 0;

  /**
   * Creates an empty table.
   *
   * @param capacity - Expected number of units (tokens) of all lines: the pools start at this
   *   size, since growing them by doubling cost a few ms on a rewritten 1 MB page.
   * @example
   * ```ts
   * new WordTable(1024)
   * ```
   */
  constructor(capacity = 256) {
    const size = Math.max(256, capacity);
    this.ids = new Int32Array(size);
    this.bodyEnd = new Int32Array(size);
    this.suffixEnd = new Int32Array(size);
  }

  /**
   * Empties the table for reuse: creating one cost more than the word diff of a small page.
   * Pools grown past a large page's needs are dropped, so memory is not held after a huge diff.
   *
   * @param capacity - As for the constructor.
   * @returns Nothing.
   * @example
   * ```ts
   * table.reset(1024)
   * ```
   */
  reset(capacity = 256): void {
    const big = 1 << 16;
    // A table grown by a big page is cleared by reallocation, cheaper than zeroing it all.
    if (this.slots.length > 4096) this.slots = new Int32Array(1024);
    else this.slots.fill(0);
    if (this.tokHash.length > big) {
      this.tokHash = new Int32Array(64);
      this.tokWeight = new Int32Array(64);
    }
    if (this.unitOff.length > big) {
      this.lineStart = new Int32Array(64);
      this.unitOff = new Int32Array(64);
      this.unitCount = new Int32Array(64);
      this.lineChars = new Int32Array(64);
      this.bagOff = new Int32Array(64);
      this.bagLen = new Int32Array(64);
    }
    if (this.bagIds.length > 4 * big) {
      this.bagIds = new Int32Array(256);
      this.bagCounts = new Int32Array(256);
    }
    const size = Math.max(256, capacity);
    if (this.ids.length > 4 * big && this.ids.length > 2 * size) {
      this.ids = new Int32Array(size);
      this.bodyEnd = new Int32Array(size);
      this.suffixEnd = new Int32Array(size);
    } else {
      this.ensureUnits(size);
    }
    if (this.shortKeys.length > 4096) {
      this.shortKeys = new Int32Array(256);
      this.shortKeys2 = new Int32Array(256);
      this.shortIds = new Int32Array(256);
    } else {
      this.shortKeys.fill(0);
    }
    this.shortCount = 0;
    this.tokText.length = 0;
    this.texts.length = 0;
    this.asciiIds.fill(-1);
    this.units = 0;
    this.bagUsed = 0;
  }

  /**
   * Splits a line into the tokens the word diff compares.
   *
   * @param line - One line of text.
   * @returns The tokens, in order; joined they give `line` back.
   * @example
   * ```ts
   * WordTable.tokenize('Hello, 世界!') // ['Hello', ',', ' ', '世', '界', '!']
   * ```
   */
  static tokenize(line: string): string[] {
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

  /**
   * Tokenizes a line into the table.
   *
   * The line may be given as a range of a larger text: lines split from a text are sliced
   * strings, and reading their characters cost twice as much as reading the flat text they come
   * from (measured: 4.8–6.5 ms against 2.7 ms for the 1.4 million characters of the bench's
   * unrelated texts). Offsets kept for the line are then offsets in `text`.
   *
   * @param text - The line, or a text holding it.
   * @param from - Where the line starts in `text`.
   * @param to - Where it ends (exclusive).
   * @returns Its handle.
   * @example
   * ```ts
   * const t = new WordTable();
   * t.add('a b') // 0
   * t.add('x\ny z', 2, 5) // 1: the line 'y z'
   * ```
   */
  add(text: string, from = 0, to = text.length): number {
    const line = text;
    const h = this.texts.length;
    this.texts.push(text);
    if (h >= this.unitOff.length) {
      this.lineStart = grow(this.lineStart, h + 1);
      this.unitOff = grow(this.unitOff, h + 1);
      this.unitCount = grow(this.unitCount, h + 1);
      this.lineChars = grow(this.lineChars, h + 1);
      this.bagOff = grow(this.bagOff, h + 1);
      this.bagLen = grow(this.bagLen, h + 1).fill(-1, h);
    } else {
      this.bagLen[h] = -1;
    }
    const first = this.units;
    this.ensureUnits(first + (to - from) + 1);
    const { ids, bodyEnd, suffixEnd } = this;
    const asciiIds = this.asciiIds;
    let shortKeys = this.shortKeys;
    let shortKeys2 = this.shortKeys2;
    let shortIds = this.shortIds;
    let shortMask = shortKeys.length - 1;
    let u = first;
    let chars = 0;
    const n = to;
    let k = from;
    // One pass: a unit's token, then the whitespace after it (its suffix). A unit starts where
    // the previous one's suffix ends, so only the token's end and the suffix's end are kept.
    while (k < n) {
      const start = k;
      let code = line.charCodeAt(k);
      let id: number;
      if (WORD6[code] !== 0) {
        // ASCII words of up to 10 characters (most of prose: the, of, and, 1900, population) are
        // their own exact key, two integers of 6 bits a character (see WORD6): no hashing and no
        // string comparison. The keys are built during the scan: reading the characters a
        // second time showed in the profile. Past 10 characters `key2` just keeps the last five.
        let key = WORD6[code]!;
        let key2 = 0;
        k++;
        let d = 0;
        while (k < n) {
          d = line.charCodeAt(k);
          const c6 = WORD6[d]!;
          if (c6 === 0) break;
          if (k - start < 5) key = (key << 6) | c6;
          else key2 = (key2 << 6) | c6;
          k++;
        }
        if (k < n && d >= 128 && classify(line.codePointAt(k)!) === WORD) {
          k = this.runEnd(line, k, n, WORD);
          id = this.intern(line, start, k, hashOf(line, start, k), false);
        } else if (k - start <= 10) {
          // The first probe of `internShort`, inline: nearly every word is found there.
          let slot = Math.imul(key ^ Math.imul(key2, 0x85ebca6b), 0x9e3779b1) >>> 0;
          slot = (slot ^ (slot >>> 15)) & shortMask;
          if (shortKeys[slot] === key && shortKeys2[slot] === key2) id = shortIds[slot]!;
          else {
            id = this.internShort(line, start, k, key, key2);
            shortKeys = this.shortKeys;
            shortKeys2 = this.shortKeys2;
            shortIds = this.shortIds;
            shortMask = shortKeys.length - 1;
          }
        } else {
          id = this.intern(line, start, k, hashOf(line, start, k), false);
        }
        chars += k - start;
      } else if (code < 128 && ASCII[code] === ALONE) {
        // A punctuation mark: one ASCII character, its id kept in a table by code.
        k++;
        id = asciiIds[code]!;
        if (id < 0) {
          id = this.intern(line, start, k, hashOf(line, start, k), false);
          asciiIds[code] = id;
        }
        chars += 1;
      } else {
        if (code >= 128) code = line.codePointAt(k)!;
        const c = code < 128 ? ASCII[code]! : classify(code);
        k += code > 0xffff ? 2 : 1;
        if (c !== ALONE) k = this.runEnd(line, k, n, c);
        // Whitespace is only a unit of its own at the line start (else it is a suffix, below).
        const space = c === SPACE_CHAR;
        id = this.intern(line, start, k, hashOf(line, start, k), space);
        if (!space) chars += k - start;
      }
      ids[u] = id;
      bodyEnd[u] = k;
      // The whitespace after the token: most often one space.
      if (k < n && line.charCodeAt(k) === 32) k++;
      while (k < n) {
        const d = line.charCodeAt(k);
        if (d < 128) {
          if (ASCII[d] !== SPACE_CHAR) break;
          k++;
        } else {
          k = this.runEnd(line, k, n, SPACE_CHAR);
          break;
        }
      }
      suffixEnd[u] = k;
      u++;
    }
    this.lineStart[h] = from;
    this.unitOff[h] = first;
    this.unitCount[h] = u - first;
    this.lineChars[h] = chars;
    this.units = u;
    return h;
  }

  /** End of the run of characters of class `cls` (word or whitespace, any script) from `k`. */
  private runEnd(line: string, k: number, n: number, cls: number): number {
    while (k < n) {
      const p = line.codePointAt(k)!;
      if ((p < 128 ? ASCII[p] : classify(p)) !== cls) break;
      k += p > 0xffff ? 2 : 1;
    }
    return k;
  }

  private ensureUnits(need: number): void {
    if (need <= this.ids.length) return;
    this.ids = grow(this.ids, need);
    this.bodyEnd = grow(this.bodyEnd, need);
    this.suffixEnd = grow(this.suffixEnd, need);
  }

  private intern(line: string, start: number, end: number, hash: number, space: boolean): number {
    const len = end - start;
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const s = this.slots[slot]!;
      if (s === 0) break;
      const id = s - 1;
      if (this.tokHash[id] === hash) {
        const t = this.tokText[id]!;
        if (t.length === len) {
          let k = 0;
          while (k < len && t.charCodeAt(k) === line.charCodeAt(start + k)) k++;
          if (k === len) return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    const id = this.tokText.length;
    this.tokText.push(line.slice(start, end));
    if (id >= this.tokHash.length) {
      this.tokHash = grow(this.tokHash, id + 1);
      this.tokWeight = grow(this.tokWeight, id + 1);
      if (id >= S.counts.length) {
        S.counts = grow(S.counts, id + 1);
        S.scratch = grow(S.scratch, id + 1);
        S.slot = grow(S.slot, id + 1);
      }
    }
    this.tokHash[id] = hash;
    this.tokWeight[id] = space ? 0 : len;
    this.slots[slot] = id + 1;
    if (2 * (id + 1) > this.slots.length) this.rehash();
    return id;
  }

  /**
   * Open addressing on exact keys of short ASCII words: first five characters (0 = empty slot),
   * the next five (0 if none), ids.
   */
  private shortKeys = new Int32Array(256);
  private shortKeys2 = new Int32Array(256);
  private shortIds = new Int32Array(256);
  private shortCount = 0;

  private internShort(line: string, start: number, end: number, key: number, key2: number): number {
    let mask = this.shortKeys.length - 1;
    let slot = Math.imul(key ^ Math.imul(key2, 0x85ebca6b), 0x9e3779b1) >>> 0;
    slot = (slot ^ (slot >>> 15)) & mask;
    for (;;) {
      const k = this.shortKeys[slot]!;
      if (k === key && this.shortKeys2[slot] === key2) return this.shortIds[slot]!;
      if (k === 0) break;
      slot = (slot + 1) & mask;
    }
    const id = this.intern(line, start, end, hashOf(line, start, end), false);
    this.shortKeys[slot] = key;
    this.shortKeys2[slot] = key2;
    this.shortIds[slot] = id;
    if (2 * ++this.shortCount > this.shortKeys.length) {
      const keys = this.shortKeys;
      const keys2 = this.shortKeys2;
      const idsOf = this.shortIds;
      this.shortKeys = new Int32Array(keys.length * 2);
      this.shortKeys2 = new Int32Array(keys.length * 2);
      this.shortIds = new Int32Array(keys.length * 2);
      mask = this.shortKeys.length - 1;
      for (let q = 0; q < keys.length; q++) {
        const k = keys[q]!;
        if (k === 0) continue;
        let t = Math.imul(k ^ Math.imul(keys2[q]!, 0x85ebca6b), 0x9e3779b1) >>> 0;
        t = (t ^ (t >>> 15)) & mask;
        while (this.shortKeys[t] !== 0) t = (t + 1) & mask;
        this.shortKeys[t] = k;
        this.shortKeys2[t] = keys2[q]!;
        this.shortIds[t] = idsOf[q]!;
      }
    }
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.tokText.length; id++) {
      let slot = this.tokHash[id]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }

  /**
   * Non-whitespace characters of a line (its tokens' lengths).
   *
   * @param h - A line handle.
   * @returns The count.
   * @example
   * ```ts
   * t.chars(t.add(' a, b')) // 3
   * ```
   */
  chars(h: number): number {
    return this.lineChars[h]!;
  }

  /** Distinct non-whitespace token ids of a line, with counts × lengths, built on first use. */
  private bag(h: number): void {
    if (this.bagLen[h]! >= 0) return;
    const off = this.unitOff[h]!;
    const end = off + this.unitCount[h]!;
    const need = this.bagUsed + (end - off);
    if (need > this.bagIds.length) {
      this.bagIds = grow(this.bagIds, need);
      this.bagCounts = grow(this.bagCounts, need);
    }
    const counts = S.scratch;
    const start = this.bagUsed;
    let len = 0;
    for (let u = off; u < end; u++) {
      const id = this.ids[u]!;
      if (this.tokWeight[id] === 0) continue;
      if (counts[id] === 0) this.bagIds[start + len++] = id;
      counts[id]!++;
    }
    for (let k = start; k < start + len; k++) {
      const id = this.bagIds[k]!;
      // Count × length: min(x·w, y·w) = min(x, y)·w, one multiplication less per comparison.
      this.bagCounts[k] = counts[id]! * this.tokWeight[id]!;
      counts[id] = 0;
    }
    this.bagOff[h] = start;
    this.bagLen[h] = len;
    this.bagUsed = start + len;
  }

  /**
   * Starts a series of {@link WordTable.bagSimilarityTo} calls against one line: its token
   * counts are spread into a table indexed by id, so each later comparison costs one pass over
   * the other line's distinct tokens. End the series with {@link WordTable.unfocus}.
   *
   * @param h - The line compared with others.
   * @returns Nothing.
   * @example
   * ```ts
   * t.focus(a); t.bagSimilarityTo(a, b); t.unfocus(a);
   * ```
   */
  focus(h: number): void {
    this.bag(h);
    const off = this.bagOff[h]!;
    const end = off + this.bagLen[h]!;
    const { bagIds, bagCounts } = this;
    const counts = S.counts;
    for (let k = off; k < end; k++) counts[bagIds[k]!] = bagCounts[k]!;
  }

  /**
   * Ends the series started by {@link WordTable.focus}.
   *
   * @param h - The focused line.
   * @returns Nothing.
   * @example
   * ```ts
   * t.unfocus(a)
   * ```
   */
  unfocus(h: number): void {
    const off = this.bagOff[h]!;
    const end = off + this.bagLen[h]!;
    const bagIds = this.bagIds;
    const counts = S.counts;
    for (let k = off; k < end; k++) counts[bagIds[k]!] = 0;
  }

  /**
   * Order-blind similarity of the focused line with another: the Dice coefficient of their
   * token multisets, weighted by token length, `2 × common / (chars + chars)`. The tokens
   * `diffWords` keeps equal are a common sub-multiset, so this bounds its similarity from above.
   *
   * @param focused - The line passed to {@link WordTable.focus}.
   * @param h - Another line.
   * @returns A number from 0 to 1 (1 for two lines without non-whitespace characters).
   * @example
   * ```ts
   * t.focus(a); t.bagSimilarityTo(a, b) // 1 for 'a b' and 'b a'
   * ```
   */
  bagSimilarityTo(focused: number, h: number): number {
    const total = this.lineChars[focused]! + this.lineChars[h]!;
    if (total === 0) return 1;
    this.bag(h);
    const off = this.bagOff[h]!;
    const end = off + this.bagLen[h]!;
    const counts = S.counts;
    const bagIds = this.bagIds;
    const bagCounts = this.bagCounts;
    let common = 0;
    for (let k = off; k < end; k++) {
      const theirs = bagCounts[k]!;
      const d = counts[bagIds[k]!]! - theirs;
      // min(mine, theirs) without a branch: which side is smaller is a coin toss on rewritten
      // lines, and the mispredicted branch was half the time of this loop.
      common += theirs + (d & (d >> 31));
    }
    return (2 * common) / total;
  }

  /**
   * {@link WordTable.bagSimilarityTo} for one pair.
   *
   * @param a - A line.
   * @param b - Another line.
   * @returns The bag similarity.
   * @example
   * ```ts
   * t.bagSimilarity(t.add('a b'), t.add('b a')) // 1
   * ```
   */
  bagSimilarity(a: number, b: number): number {
    this.focus(a);
    const v = this.bagSimilarityTo(a, b);
    this.unfocus(a);
    return v;
  }

  /**
   * Aligns two lines' units into `del`/`ins`; clear them with {@link WordTable.clear}.
   *
   * Myers costs about (N + M) · D steps. Lines changed in place usually differ by a few words
   * and it finishes at once; a line rewritten with the same vocabulary (D ≈ N + M) cost
   * 15–20 µs a pair on the bench machine, most of the word pass on a rewritten page. Past
   * {@link MYERS_WORD_EDITS} edits, a bit-parallel LCS (below) finds a common subsequence of the
   * same, maximal, length in about M · ⌈N/32⌉ word operations.
   */
  private align(a: number, b: number, maxEditLength: number, lazyTrace = false): boolean {
    const n = this.unitCount[a]!;
    const m = this.unitCount[b]!;
    if (n > S.del.length) S.del = new Uint8Array(2 * n);
    if (m > S.ins.length) S.ins = new Uint8Array(2 * m);
    const ao = this.unitOff[a]!;
    const bo = this.unitOff[b]!;
    if (maxEditLength <= MYERS_WORD_EDITS) {
      myersInto(this.ids, ao, n, this.ids, bo, m, maxEditLength, S.del, S.ins);
      return true;
    }
    // Most pairs differ by a word or two: Myers with a tiny limit settles them at once. A
    // search that does not hit its limit is the same search as without one, so the result is
    // Myers' alignment exactly. Lines whose lengths differ by more than 4 units need more than
    // 4 edits: the attempt would fail (on the bench's rewritten lines, most pairs).
    if (Math.abs(n - m) <= 4) {
      if (myersInto(this.ids, ao, n, this.ids, bo, m, 4, S.del, S.ins, true) !== 2) return true;
      this.clear(a, b);
    }
    // Otherwise the bit-parallel rows give the edit length; Myers keeps the lines within
    // MYERS_WORD_EDITS edits, the trace-back of the rows takes the rest.
    const lcs = this.lcsRows(a, b);
    if (n + m - 2 * lcs <= MYERS_WORD_EDITS) {
      myersInto(this.ids, ao, n, this.ids, bo, m, maxEditLength, S.del, S.ins);
      return true;
    }
    // With `lazyTrace`, the rows are left untraced: the caller may only need to measure them
    // (`traceRows` without `write`).
    if (lazyTrace) return false;
    this.traceRows(a, b, true);
    return true;
  }

  /**
   * Walks back the rows {@link WordTable.lcsRows} left, matching equal units first, and measures
   * the path: the kept (non-whitespace) characters of one side into `MEASURE[0]`, wikidiff2's
   * character similarity (see {@link WordTable.diffIfChanged}) into `MEASURE[1]`. With `write`,
   * it also flags the path's deleted and inserted units in `del`/`ins`; without, a pair that is
   * only measured never writes flags to clear again (a third of its cost). A run of deleted and
   * inserted units between two matched ones is the same run walked backwards.
   */
  private traceRows(a: number, b: number, write: boolean): void {
    const { ids, suffixEnd, tokWeight } = this;
    const ao = this.unitOff[a]!;
    const bo = this.unitOff[b]!;
    const aStart = this.lineStart[a]!;
    const bStart = this.lineStart[b]!;
    const n = this.unitCount[a]!;
    const w = (n + 31) >>> 5;
    const rows = S.rows;
    let i = n;
    let j = this.unitCount[b]!;
    let kept = 0;
    let copied = 0;
    let total = 0;
    let del = 0;
    let ins = 0;
    while (i > 0 || j > 0) {
      const u = ao + i - 1;
      const v = bo + j - 1;
      if (i > 0 && j > 0 && ids[u] === ids[v]) {
        total += del > 0 && ins > 0 ? Math.max(del, ins) : del + ins;
        del = 0;
        ins = 0;
        const size = suffixEnd[u]! - (i === 1 ? aStart : suffixEnd[u - 1]!);
        copied += size;
        total += size;
        kept += tokWeight[ids[u]!]!;
        i--;
        j--;
      } else if (j === 0 || (i > 0 && (rows[j * w + ((i - 1) >>> 5)]! >>> ((i - 1) & 31)) & 1)) {
        del += suffixEnd[u]! - (i === 1 ? aStart : suffixEnd[u - 1]!);
        if (write) S.del[i - 1] = 1;
        i--;
      } else {
        ins += suffixEnd[v]! - (j === 1 ? bStart : suffixEnd[v - 1]!);
        if (write) S.ins[j - 1] = 1;
        j--;
      }
    }
    total += del > 0 && ins > 0 ? Math.max(del, ins) : del + ins;
    MEASURE[0] = kept;
    MEASURE[1] = copied === 0 ? 0 : copied / total;
  }

  /**
   * Longest common subsequence of two lines' units by bit-vectors (Allison–Dix, in Hyyrö's
   * form): bit i of row j is set when L[i+1][j] = L[i][j], L being the LCS-length table; each row
   * is one addition with carry over ⌈n/32⌉ words. The rows are kept, and the path is traced back
   * from the end, matching equal units first.
   */
  private lcsRows(a: number, b: number): number {
    const ids = this.ids;
    const ao = this.unitOff[a]!;
    const bo = this.unitOff[b]!;
    const n = this.unitCount[a]!;
    const m = this.unitCount[b]!;
    const w = (n + 31) >>> 5;
    if (n * w > S.masks.length) S.masks = new Int32Array(2 * n * w);
    if ((m + 1) * w > S.rows.length) S.rows = new Int32Array(2 * (m + 1) * w);
    const masks = S.masks;
    const rows = S.rows;
    const slot = S.slot;
    let distinct = 0;
    for (let i = 0; i < n; i++) {
      const id = ids[ao + i]!;
      let s = slot[id]!;
      if (s === 0) {
        s = ++distinct;
        slot[id] = s;
        // A loop, not `fill`: w is 1 to 3 words, and the builtin call cost more than the rows.
        for (let q = (s - 1) * w; q < s * w; q++) masks[q] = 0;
      }
      masks[(s - 1) * w + (i >>> 5)]! |= 1 << (i & 31);
    }
    for (let k = 0; k < w; k++) rows[k] = -1;
    for (let j = 0; j < m; j++) {
      const s = slot[ids[bo + j]!]!;
      const base = j * w;
      if (s === 0) {
        // A loop, not `copyWithin`: the row is 1 to 3 words (the builtin call showed in profiles).
        for (let k = 0; k < w; k++) rows[base + w + k] = rows[base + k]!;
        continue;
      }
      const mo = (s - 1) * w;
      let carry = 0;
      for (let k = 0; k < w; k++) {
        const v = rows[base + k]!;
        const mask = masks[mo + k]!;
        const u = v & mask;
        const sum = (v >>> 0) + (u >>> 0) + carry;
        carry = sum > 0xffffffff ? 1 : 0;
        rows[base + w + k] = sum | 0 | (v & ~mask);
      }
    }
    for (let i = 0; i < n; i++) slot[ids[ao + i]!] = 0;
    // LCS = zero bits among the first n of the last row.
    let ones = 0;
    const last = m * w;
    for (let k = 0; k < w; k++) {
      let v = rows[last + k]!;
      if (k === w - 1 && (n & 31) !== 0) v &= (1 << (n & 31)) - 1;
      v -= (v >>> 1) & 0x55555555;
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      ones += (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
    }
    return n - ones;
  }

  private clear(a: number, b: number): void {
    S.del.fill(0, 0, this.unitCount[a]!);
    S.ins.fill(0, 0, this.unitCount[b]!);
  }

  /**
   * Word similarity of two lines (`diffWords(…).similarity`) without building the segments.
   *
   * @param a - Old line.
   * @param b - New line.
   * @param maxEditLength - See `DiffWordsOptions`.
   * @returns The share of non-whitespace characters left unchanged.
   * @example
   * ```ts
   * t.similarity(t.add('a b'), t.add('a c'), 10000) // 0.5
   * ```
   */
  similarity(a: number, b: number, maxEditLength: number): number {
    const total = this.lineChars[a]! + this.lineChars[b]!;
    if (total === 0) return 1;
    if (!this.align(a, b, maxEditLength, true)) {
      this.traceRows(a, b, false);
      return (2 * MEASURE[0]!) / total;
    }
    // Matched units have equal ids, so equal weights: the kept characters are twice one side's.
    const v = (2 * this.keptChars(a, S.del)) / total;
    this.clear(a, b);
    return v;
  }

  private keptChars(h: number, changed: Uint8Array): number {
    const off = this.unitOff[h]!;
    const count = this.unitCount[h]!;
    let n = 0;
    for (let k = 0; k < count; k++) {
      if (!changed[k]) n += this.tokWeight[this.ids[off + k]!]!;
    }
    return n;
  }

  /**
   * Word diff of two lines: see `diffWords`.
   *
   * @param a - Old line.
   * @param b - New line.
   * @param maxEditLength - See `DiffWordsOptions`.
   * @returns Segments of both lines and their similarity.
   * @example
   * ```ts
   * t.diff(t.add('a b'), t.add('a c'), 10000).new
   * // [{ kind: 'equal', text: 'a ' }, { kind: 'inserted', text: 'c' }]
   * ```
   */
  diff(a: number, b: number, maxEditLength: number): WordDiff {
    this.align(a, b, maxEditLength);
    return this.segmentsOfAlignment(a, b);
  }

  /**
   * {@link WordTable.diff} of two lines that may be shown as one line changed in place, or
   * `null` when they are too different for that.
   *
   * wikidiff2 (`LineDiffProcessor::looksLikeChange`, MediaWiki 1.39) shows a deleted and an
   * added line as one changed line only when the `charSimilarity` of their word diff is over its
   * `changeThreshold` (0.2): copied characters over copied + deleted + added characters, where a
   * deletion next to an insertion (a replacement) counts as the larger of the two, and every word
   * counts with its trailing whitespace. Here in UTF-16 units (wikidiff2 counts UTF-8 bytes;
   * the ratio differs only for lines mixing scripts). Otherwise it shows both lines whole
   * (truth/compare/45-46: `Text.` and `Text, edited before the move.`, 4 / 29, are a deleted and
   * an added line). The segments of such a pair are then never built.
   *
   * @param a - Old line.
   * @param b - New line.
   * @param maxEditLength - See `DiffWordsOptions`.
   * @param threshold - The similarity to exceed.
   * @returns The word diff, or `null`.
   * @example
   * ```ts
   * t.diffIfChanged(t.add('Text.'), t.add('Text, edited before the move.'), 10000, 0.2) // null
   * ```
   */
  diffIfChanged(a: number, b: number, maxEditLength: number, threshold: number): WordDiff | null {
    if (this.align(a, b, maxEditLength, true)) {
      if (this.changeSimilarity(a, b) > threshold) return this.segmentsOfAlignment(a, b);
      this.clear(a, b);
      return null;
    }
    this.traceRows(a, b, false);
    if (MEASURE[1]! <= threshold) return null;
    this.traceRows(a, b, true);
    return this.segmentsOfAlignment(a, b);
  }

  /**
   * wikidiff2's character similarity of two lines (see {@link WordTable.diffIfChanged}), always
   * measured on the alignment's flags: the tests check the rows' measure against it.
   *
   * @param a - Old line.
   * @param b - New line.
   * @param maxEditLength - See `DiffWordsOptions`.
   * @returns A number from 0 to 1.
   * @example
   * ```ts
   * t.characterSimilarity(t.add('Text.'), t.add('Text, edited before the move.'), 10000) // 4 / 29
   * ```
   */
  characterSimilarity(a: number, b: number, maxEditLength: number): number {
    this.align(a, b, maxEditLength);
    const v = this.changeSimilarity(a, b);
    this.clear(a, b);
    return v;
  }

  /** wikidiff2's `charSimilarity` of the alignment in `del`/`ins` (see {@link diffIfChanged}). */
  private changeSimilarity(a: number, b: number): number {
    const deleted = S.del;
    const inserted = S.ins;
    const n = this.unitCount[a]!;
    const m = this.unitCount[b]!;
    const ao = this.unitOff[a]!;
    const bo = this.unitOff[b]!;
    const { suffixEnd } = this;
    const aStart = this.lineStart[a]!;
    const bStart = this.lineStart[b]!;
    let copied = 0;
    let total = 0;
    let del = 0;
    let ins = 0;
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && deleted[i]) {
        del += suffixEnd[ao + i]! - (i === 0 ? aStart : suffixEnd[ao + i - 1]!);
        i++;
      } else if (j < m && inserted[j]) {
        ins += suffixEnd[bo + j]! - (j === 0 ? bStart : suffixEnd[bo + j - 1]!);
        j++;
      } else {
        total += del > 0 && ins > 0 ? Math.max(del, ins) : del + ins;
        del = 0;
        ins = 0;
        const size = suffixEnd[ao + i]! - (i === 0 ? aStart : suffixEnd[ao + i - 1]!);
        copied += size;
        total += size;
        i++;
        j++;
      }
    }
    total += del > 0 && ins > 0 ? Math.max(del, ins) : del + ins;
    return copied === 0 ? 0 : copied / total;
  }

  /** The segments of both lines from the alignment in `del`/`ins`, which it then clears. */
  private segmentsOfAlignment(a: number, b: number): WordDiff {
    const deleted = S.del;
    const inserted = S.ins;
    const n = this.unitCount[a]!;
    const m = this.unitCount[b]!;
    const total = this.lineChars[a]! + this.lineChars[b]!;
    const ao = this.unitOff[a]!;
    const bo = this.unitOff[b]!;
    const at = this.texts[a]!;
    const bt = this.texts[b]!;
    const { ids, bodyEnd, suffixEnd, tokWeight } = this;
    const old: WordChange[] = [];
    const neu: WordChange[] = [];
    const run = RUN;
    run[0] = -1;
    run[1] = this.lineStart[a]!;
    run[2] = -1;
    run[3] = this.lineStart[b]!;
    // One walk over both lines, writing both lines' segments: matched units pair up in order,
    // and their trailing whitespace may differ. (Separate passes for the kept characters, the
    // whitespace and each side's segments read every unit three times.)
    let kept = 0;
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && deleted[i]) {
        const u = ao + i;
        unit(
          old,
          at,
          'deleted',
          0,
          i === 0 ? run[1]! : suffixEnd[u - 1]!,
          bodyEnd[u]!,
          suffixEnd[u]!,
          1,
          1,
        );
        i++;
      } else if (j < m && inserted[j]) {
        const u = bo + j;
        unit(
          neu,
          bt,
          'inserted',
          2,
          j === 0 ? run[3]! : suffixEnd[u - 1]!,
          bodyEnd[u]!,
          suffixEnd[u]!,
          1,
          1,
        );
        j++;
      } else {
        const u = ao + i;
        const v = bo + j;
        kept += tokWeight[ids[u]!]!;
        const as = bodyEnd[u]!;
        const bs = bodyEnd[v]!;
        const len = suffixEnd[u]! - as;
        let same = len === suffixEnd[v]! - bs;
        for (let k = 0; same && k < len; k++) {
          same = at.charCodeAt(as + k) === bt.charCodeAt(bs + k);
        }
        const space = same ? 0 : 1;
        unit(
          old,
          at,
          'deleted',
          0,
          i === 0 ? run[1]! : suffixEnd[u - 1]!,
          as,
          suffixEnd[u]!,
          0,
          space,
        );
        unit(
          neu,
          bt,
          'inserted',
          2,
          j === 0 ? run[3]! : suffixEnd[v - 1]!,
          bs,
          suffixEnd[v]!,
          0,
          space,
        );
        i++;
        j++;
      }
    }
    if (n > 0) flush(old, at, 'deleted', 0, suffixEnd[ao + n - 1]!);
    if (m > 0) flush(neu, bt, 'inserted', 2, suffixEnd[bo + m - 1]!);
    this.clear(a, b);
    // Matched units have equal ids, so equal weights: the kept characters are twice one side's.
    return { old, new: neu, similarity: total === 0 ? 1 : (2 * kept) / total };
  }
}

/**
 * The segment writer's state while {@link WordTable.diff} walks two lines: per side (at 0 and
 * 2), the kind of the open run (-1 none, 0 equal, 1 changed) and where it starts.
 */
const RUN = new Int32Array(4);

/**
 * Adds one unit to a line's segments: its token `[bs, be)`, changed or not (`word`), then its
 * trailing whitespace `[be, end)`, changed or not (`space`); a unit of the kind of the open run
 * extends it.
 */
function unit(
  out: WordChange[],
  text: string,
  kind: 'deleted' | 'inserted',
  side: number,
  bs: number,
  be: number,
  end: number,
  word: number,
  space: number,
): void {
  let open = RUN[side]!;
  if (word !== open) {
    if (open >= 0) out.push({ kind: open ? kind : 'equal', text: text.slice(RUN[side + 1]!, bs) });
    open = word;
    RUN[side + 1] = bs;
  }
  if (end > be && space !== open) {
    out.push({ kind: open ? kind : 'equal', text: text.slice(RUN[side + 1]!, be) });
    open = space;
    RUN[side + 1] = be;
  }
  RUN[side] = open;
}

/** Closes the open run of a side at `end`. */
function flush(
  out: WordChange[],
  text: string,
  kind: 'deleted' | 'inserted',
  side: number,
  end: number,
): void {
  const open = RUN[side]!;
  if (open >= 0) out.push({ kind: open ? kind : 'equal', text: text.slice(RUN[side + 1]!, end) });
}
