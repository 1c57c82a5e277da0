// Interns tokens to small integer ids, so word similarities and word diffs compare ints.
/*
 * A token costs one hash computed while scanning its characters and one probe in an
 * open-addressing table; a string is sliced only for a token never seen before. Short ASCII
 * words (most of prose) skip the hash: their characters, six bits each, are their own key.
 */
import { grow, growTokenScratch } from './scratch.js';
import type { WordChange } from './word-change.js';

/** Slots past which a token table is dropped at reset rather than cleared. */
const KEEP_SLOTS = 1 << 18;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a hash of `line[start .. end)` (UTF-16 units). */
export function hashOf(line: string, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ line.charCodeAt(k), FNV_PRIME);
  return hash;
}

/** Slot of a short word's exact key in a table of `mask + 1` slots. */
export function shortSlot(key: number, key2: number, mask: number): number {
  const slot = Math.imul(key ^ Math.imul(key2, 0x85ebca6b), 0x9e3779b1) >>> 0;
  return (slot ^ (slot >>> 15)) & mask;
}

/**
 * The token ids of one `diffText` call (or one `diffWords`), shared by both texts.
 *
 * @example
 * ```ts
 * const t = new TokenIds();
 * t.intern('a b', 0, 1, hashOf('a b', 0, 1), false) // 0
 * ```
 */
export class TokenIds {
  /** Open addressing on a 32-bit hash: slots hold id + 1. */
  private slots = new Int32Array(256);
  private readonly text: string[] = [];
  private hash = new Int32Array(64);
  /** Id of each single ASCII punctuation token seen, -1 before. */
  readonly asciiIds = new Int32Array(128).fill(-1);
  /** Length of each token counted in similarities (0 for whitespace). */
  weight = new Int32Array(64);
  /**
   * Open addressing on exact keys of short ASCII words: first five characters (0 = empty slot),
   * the next five (0 if none), ids. `WordTable.add` makes the first probe itself.
   */
  shortKeys = new Int32Array(256);
  shortKeys2 = new Int32Array(256);
  shortIds = new Int32Array(256);
  /** The slots of `shortKeys` in use, in order of insertion (to clear them). */
  private shortUsed = new Int32Array(128);
  private shortCount = 0;
  /**
   * Segments made of one token (alone, or with one space after it), one object per kind,
   * shared by every line of the call (see `segmentsOfAlignment`): at `6 × id + 2 × kind +
   * spaced`, 1 + the index of the object in {@link segmentObjects}, 0 before.
   */
  segmentSlots = new Int32Array(384);
  readonly segmentObjects: WordChange[] = [];

  /** Forgets every token; tables grown by a big page are dropped, not kept. */
  reset(): void {
    // Tables are kept at the size a page grew them to (growing them again by rehashing, every
    // call, showed on a 2,000-row table) and cleared slot by slot; only huge ones are dropped.
    if (this.slots.length > KEEP_SLOTS) this.slots = new Int32Array(1024);
    else this.clearSlots();
    // Grown with `hash`, so it holds 6 slots per id the table can hold.
    if (this.hash.length > 1 << 16) this.segmentSlots = new Int32Array(384);
    else this.segmentSlots.fill(0, 0, 6 * this.text.length);
    if (this.hash.length > 1 << 16) {
      this.hash = new Int32Array(64);
      this.weight = new Int32Array(64);
    }
    if (this.shortKeys.length > KEEP_SLOTS) {
      this.shortKeys = new Int32Array(256);
      this.shortKeys2 = new Int32Array(256);
      this.shortIds = new Int32Array(256);
      this.shortUsed = new Int32Array(128);
    } else {
      // A key is never 0, so a zero key marks an empty slot.
      for (let q = 0; q < this.shortCount; q++) this.shortKeys[this.shortUsed[q]!] = 0;
    }
    this.shortCount = 0;
    this.segmentObjects.length = 0;
    this.text.length = 0;
    this.asciiIds.fill(-1);
  }

  /** The id of `line[start .. end)`, whose hash is `hash`; a new id if not seen yet. */
  intern(line: string, start: number, end: number, hash: number, space: boolean): number {
    const len = end - start;
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const s = this.slots[slot]!;
      if (s === 0) break;
      const id = s - 1;
      if (this.hash[id] === hash) {
        const t = this.text[id]!;
        if (t.length === len) {
          let k = 0;
          while (k < len && t.charCodeAt(k) === line.charCodeAt(start + k)) k++;
          if (k === len) return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    const id = this.text.length;
    this.text.push(line.slice(start, end));
    if (id >= this.hash.length) {
      this.hash = grow(this.hash, id + 1);
      this.weight = grow(this.weight, id + 1);
      this.segmentSlots = grow(this.segmentSlots, 6 * (id + 1));
      growTokenScratch(id + 1);
    }
    this.hash[id] = hash;
    this.weight[id] = space ? 0 : len;
    this.slots[slot] = id + 1;
    if (2 * (id + 1) > this.slots.length) this.rehash();
    return id;
  }

  /** The text of token `id`. */
  textOf(id: number): string {
    return this.text[id]!;
  }

  /** The id of a short ASCII word by its exact key (see `WORD6`), probing past the first slot. */
  internShort(line: string, start: number, end: number, key: number, key2: number): number {
    let slot = shortSlot(key, key2, this.shortKeys.length - 1);
    for (;;) {
      const k = this.shortKeys[slot]!;
      if (k === key && this.shortKeys2[slot] === key2) return this.shortIds[slot]!;
      if (k === 0) break;
      slot = (slot + 1) & (this.shortKeys.length - 1);
    }
    const id = this.intern(line, start, end, hashOf(line, start, end), false);
    this.shortKeys[slot] = key;
    this.shortKeys2[slot] = key2;
    this.shortIds[slot] = id;
    this.shortUsed[this.shortCount] = slot;
    if (2 * ++this.shortCount > this.shortKeys.length) this.rehashShort();
    return id;
  }

  private rehashShort(): void {
    const keys = this.shortKeys;
    const keys2 = this.shortKeys2;
    const ids = this.shortIds;
    this.shortKeys = new Int32Array(keys.length * 2);
    this.shortKeys2 = new Int32Array(keys.length * 2);
    this.shortIds = new Int32Array(keys.length * 2);
    this.shortUsed = new Int32Array(keys.length + 1);
    const mask = this.shortKeys.length - 1;
    let used = 0;
    for (let q = 0; q < keys.length; q++) {
      const k = keys[q]!;
      if (k === 0) continue;
      let t = shortSlot(k, keys2[q]!, mask);
      while (this.shortKeys[t] !== 0) t = (t + 1) & mask;
      this.shortKeys[t] = k;
      this.shortKeys2[t] = keys2[q]!;
      this.shortIds[t] = ids[q]!;
      this.shortUsed[used++] = t;
    }
  }

  /** Empties `slots`: each id's slot, found by probing as `intern` does. */
  private clearSlots(): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let id = 0; id < this.text.length; id++) {
      let slot = this.hash[id]! & mask;
      // Slots cleared before may lie on the way: probe until this id's own slot.
      while (slots[slot] !== id + 1) slot = (slot + 1) & mask;
      slots[slot] = 0;
    }
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.text.length; id++) {
      let slot = this.hash[id]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}
