// Bags of words of the table's lines, and the order-blind similarity in-place pairing ranks by.
/*
 * A line's bag is its distinct non-whitespace token ids with count × length, built on first use.
 * To compare one line with many, its counts are spread into a table indexed by id (`focus`), so
 * each comparison is one pass over the other line's distinct tokens.
 */
import { grow, scratch } from './scratch.js';

/** What the bags read of their `WordTable` (its arrays are replaced as they grow). */
interface Units {
  readonly ids: Int32Array;
  readonly unitOff: Int32Array;
  readonly unitCount: Int32Array;
  readonly lineChars: Int32Array;
  readonly tokens: { readonly weight: Int32Array };
}

/**
 * The bags of one `WordTable`'s lines.
 *
 * @example
 * ```ts
 * const t = new WordTable();
 * t.bags.bagSimilarity(t.add('a b'), t.add('b a')) // 1
 * ```
 */
export class LineBags {
  private readonly table: Units;
  /** Per line: where its bag starts in the pools, its length (-1 until built). */
  private off = new Int32Array(64);
  private len = new Int32Array(64);
  private ids = new Int32Array(256);
  private counts = new Int32Array(256);
  private used = 0;

  /** @param table - The table whose lines these are the bags of. */
  constructor(table: Units) {
    this.table = table;
  }

  /** Forgets every bag; pools grown past `big` lines are dropped. */
  reset(big: number): void {
    if (this.off.length > big) {
      this.off = new Int32Array(64);
      this.len = new Int32Array(64);
    }
    if (this.ids.length > 4 * big) {
      this.ids = new Int32Array(256);
      this.counts = new Int32Array(256);
    }
    this.used = 0;
  }

  /** Notes a new line `h`, whose bag is not built yet. */
  added(h: number): void {
    if (h >= this.off.length) {
      this.off = grow(this.off, h + 1);
      this.len = grow(this.len, h + 1).fill(-1, h);
    } else {
      this.len[h] = -1;
    }
  }

  /** Builds the bag of line `h` if not yet built. */
  private build(h: number): void {
    if (this.len[h]! >= 0) return;
    const t = this.table;
    const from = t.unitOff[h]!;
    const end = from + t.unitCount[h]!;
    const need = this.used + (end - from);
    if (need > this.ids.length) {
      this.ids = grow(this.ids, need);
      this.counts = grow(this.counts, need);
    }
    const ids = t.ids;
    const weight = t.tokens.weight;
    const counts = scratch.bagCounts;
    const start = this.used;
    let len = 0;
    for (let u = from; u < end; u++) {
      const id = ids[u]!;
      if (weight[id] === 0) continue;
      if (counts[id] === 0) this.ids[start + len++] = id;
      counts[id]!++;
    }
    for (let k = start; k < start + len; k++) {
      const id = this.ids[k]!;
      // Count × length: min(x·w, y·w) = min(x, y)·w, one multiplication less per comparison.
      this.counts[k] = counts[id]! * weight[id]!;
      counts[id] = 0;
    }
    this.off[h] = start;
    this.len[h] = len;
    this.used = start + len;
  }

  /**
   * Starts a series of {@link LineBags.similarityTo} calls against line `h`; end it with
   * {@link LineBags.unfocus}.
   *
   * @param h - The line compared with others.
   * @returns Nothing.
   * @example
   * ```ts
   * t.bags.focus(a); t.bags.similarityTo(a, b); t.bags.unfocus(a);
   * ```
   */
  focus(h: number): void {
    this.build(h);
    const off = this.off[h]!;
    const end = off + this.len[h]!;
    const { ids, counts } = this;
    const spread = scratch.counts;
    for (let k = off; k < end; k++) spread[ids[k]!] = counts[k]!;
  }

  /**
   * Ends the series started by {@link LineBags.focus}.
   *
   * @param h - The focused line.
   * @returns Nothing.
   * @example
   * ```ts
   * t.bags.unfocus(a)
   * ```
   */
  unfocus(h: number): void {
    const off = this.off[h]!;
    const end = off + this.len[h]!;
    const ids = this.ids;
    const spread = scratch.counts;
    for (let k = off; k < end; k++) spread[ids[k]!] = 0;
  }

  /**
   * Order-blind similarity of the focused line with another: the Dice coefficient of their
   * token multisets weighted by token length, `2 × common / (chars + chars)`. The tokens a word
   * diff keeps equal are a common sub-multiset, so this bounds its similarity from above.
   *
   * @param focused - The line passed to {@link LineBags.focus}.
   * @param h - Another line.
   * @returns A number from 0 to 1 (1 for two lines without non-whitespace characters).
   * @example
   * ```ts
   * t.bags.focus(a); t.bags.similarityTo(a, b) // 1 for 'a b' and 'b a'
   * ```
   */
  similarityTo(focused: number, h: number): number {
    const total = this.table.lineChars[focused]! + this.table.lineChars[h]!;
    if (total === 0) return 1;
    this.build(h);
    const off = this.off[h]!;
    const end = off + this.len[h]!;
    const spread = scratch.counts;
    const { ids, counts } = this;
    let common = 0;
    for (let k = off; k < end; k++) {
      const theirs = counts[k]!;
      const d = spread[ids[k]!]! - theirs;
      // min(mine, theirs) without a branch: which side is smaller is a coin toss on rewritten
      // lines, and a mispredicted branch was half the time of this loop.
      common += theirs + (d & (d >> 31));
    }
    return (2 * common) / total;
  }

  /**
   * {@link LineBags.similarityTo} for one pair.
   *
   * @param a - A line.
   * @param b - Another line.
   * @returns The bag similarity.
   * @example
   * ```ts
   * t.bags.bagSimilarity(t.add('a b'), t.add('b a')) // 1
   * ```
   */
  bagSimilarity(a: number, b: number): number {
    this.focus(a);
    const v = this.similarityTo(a, b);
    this.unfocus(a);
    return v;
  }
}
