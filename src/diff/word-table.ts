// The changed lines of one diff as units of interned tokens: each line tokenized once, on demand.
/*
 * A line is a sequence of units: a token (a word, one CJK or punctuation character, or the
 * line's leading whitespace) followed by the whitespace after it, as wikidiff2's words are. A
 * unit keeps its token id and where its token and its whitespace end; it starts where the
 * previous one ends. Lines are ranges of the flat texts they come from and are referred to by a
 * handle (a small integer). Everything else in the word pass (bags, alignment, segments) reads
 * these arrays of ints: on token strings (a `Map` per line, a slice per token) the word pass
 * cost many times the line diff (docs/04-diff.md, *Performance notes*).
 */
import { LineBags } from './line-bags.js';
import { grow } from './scratch.js';
import { hashOf, shortSlot, TokenIds } from './token-ids.js';
import { ALONE, ASCII, classify, runEnd, SPACE_CHAR, WORD, WORD6 } from './tokenize.js';

/**
 * Tokenized lines with interned tokens.
 *
 * @example
 * ```ts
 * const t = new WordTable();
 * t.add('a b') // 0
 * t.add('x\ny z', 2, 5) // 1: the line 'y z'
 * ```
 */
export class WordTable {
  readonly tokens = new TokenIds();
  /** Bags of words of the lines, for the order-blind similarity. */
  readonly bags = new LineBags(this);
  /** Per handle: the text holding the line, where the line starts in it (its first unit). */
  readonly texts: string[] = [];
  lineStart = new Int32Array(64);
  /** Per handle: its first unit, its unit count, its non-whitespace characters. */
  unitOff = new Int32Array(64);
  unitCount = new Int32Array(64);
  lineChars = new Int32Array(64);
  /** Per unit: token id, where the token ends, where its trailing whitespace ends. */
  ids: Int32Array<ArrayBuffer>;
  bodyEnd: Int32Array<ArrayBuffer>;
  suffixEnd: Int32Array<ArrayBuffer>;
  private units = 0;

  /**
   * @param capacity - Expected number of units of all lines: the pools start at this size, since
   *   growing them by doubling showed on rewritten pages.
   */
  constructor(capacity = 256) {
    const size = Math.max(256, capacity);
    this.ids = new Int32Array(size);
    this.bodyEnd = new Int32Array(size);
    this.suffixEnd = new Int32Array(size);
  }

  /**
   * Empties the table for reuse (creating one cost more than the word diff of a small page).
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
    this.tokens.reset();
    if (this.unitOff.length > big) {
      this.lineStart = new Int32Array(64);
      this.unitOff = new Int32Array(64);
      this.unitCount = new Int32Array(64);
      this.lineChars = new Int32Array(64);
    }
    this.bags.reset(big);
    const size = Math.max(256, capacity);
    if (this.ids.length > 4 * big && this.ids.length > 2 * size) {
      this.ids = new Int32Array(size);
      this.bodyEnd = new Int32Array(size);
      this.suffixEnd = new Int32Array(size);
    } else {
      this.ensureUnits(size);
    }
    this.texts.length = 0;
    this.units = 0;
  }

  /**
   * Tokenizes a line into the table. The line may be a range of a larger text: reading the
   * sliced strings `split` makes is slower than reading the flat text.
   *
   * @param text - The line, or a text holding it.
   * @param from - Where the line starts in `text`.
   * @param to - Where it ends (exclusive).
   * @returns Its handle.
   * @example
   * ```ts
   * new WordTable().add('a b') // 0
   * ```
   */
  add(text: string, from = 0, to = text.length): number {
    const h = this.texts.length;
    this.texts.push(text);
    if (h >= this.unitOff.length) {
      this.lineStart = grow(this.lineStart, h + 1);
      this.unitOff = grow(this.unitOff, h + 1);
      this.unitCount = grow(this.unitCount, h + 1);
      this.lineChars = grow(this.lineChars, h + 1);
    }
    this.bags.added(h);
    const first = this.units;
    this.ensureUnits(first + (to - from) + 1);
    this.lineChars[h] = this.scan(text, from, to);
    this.lineStart[h] = from;
    this.unitOff[h] = first;
    this.unitCount[h] = this.units - first;
    return h;
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

  /**
   * Appends the units of `line[from .. to)`: in one pass, each unit's token, then the whitespace
   * after it. Returns the line's non-whitespace characters.
   */
  private scan(line: string, from: number, to: number): number {
    const { ids, bodyEnd, suffixEnd, tokens } = this;
    const asciiIds = tokens.asciiIds;
    let shortKeys = tokens.shortKeys;
    let shortKeys2 = tokens.shortKeys2;
    let shortIds = tokens.shortIds;
    let u = this.units;
    let chars = 0;
    const n = to;
    let k = from;
    while (k < n) {
      const start = k;
      const code = line.charCodeAt(k);
      let id: number;
      if (WORD6[code] !== 0) {
        // ASCII words of up to 10 characters (most of prose: the, of, and, 1900) are their own
        // exact key, two ints of 6 bits a character, built during the scan: no hashing and no
        // string comparison. Past 10 characters `key2` just keeps the last five.
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
          k = runEnd(line, k, n, WORD);
          id = tokens.intern(line, start, k, hashOf(line, start, k), false);
        } else if (k - start <= 10) {
          // The first probe of `internShort`, inline: nearly every word is found there.
          const slot = shortSlot(key, key2, shortKeys.length - 1);
          if (shortKeys[slot] === key && shortKeys2[slot] === key2) id = shortIds[slot]!;
          else {
            id = tokens.internShort(line, start, k, key, key2);
            shortKeys = tokens.shortKeys;
            shortKeys2 = tokens.shortKeys2;
            shortIds = tokens.shortIds;
          }
        } else {
          id = tokens.intern(line, start, k, hashOf(line, start, k), false);
        }
        chars += k - start;
      } else if (code < 128 && ASCII[code] === ALONE) {
        // A punctuation mark: one ASCII character, its id kept in a table by code.
        k++;
        id = asciiIds[code]!;
        if (id < 0) {
          id = tokens.intern(line, start, k, hashOf(line, start, k), false);
          asciiIds[code] = id;
        }
        chars += 1;
      } else {
        const point = line.codePointAt(k)!;
        const c = classify(point);
        k = c === ALONE ? k + (point > 0xffff ? 2 : 1) : runEnd(line, k, n, c);
        // Whitespace is only a unit of its own at the line start (else it is a suffix, below).
        const space = c === SPACE_CHAR;
        id = tokens.intern(line, start, k, hashOf(line, start, k), space);
        if (!space) chars += k - start;
      }
      ids[u] = id;
      bodyEnd[u] = k;
      k = spaceEnd(line, k, n);
      suffixEnd[u] = k;
      u++;
    }
    this.units = u;
    return chars;
  }

  private ensureUnits(need: number): void {
    if (need <= this.ids.length) return;
    this.ids = grow(this.ids, need);
    this.bodyEnd = grow(this.bodyEnd, need);
    this.suffixEnd = grow(this.suffixEnd, need);
  }
}

/** End of the whitespace after a token at `k`: most often one space. */
function spaceEnd(line: string, k: number, n: number): number {
  if (k < n && line.charCodeAt(k) === 32) k++;
  while (k < n) {
    const d = line.charCodeAt(k);
    if (d >= 128) return runEnd(line, k, n, SPACE_CHAR);
    if (ASCII[d] !== SPACE_CHAR) break;
    k++;
  }
  return k;
}
