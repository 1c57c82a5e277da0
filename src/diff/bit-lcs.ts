// The bit-parallel LCS of two id sequences with its trace: the exact line diff where Myers is slow.
/*
 * Myers costs about D² steps, the bit-parallel LCS (Allison–Dix, as Hyyrö writes it; the word
 * pass's `lcs.ts` on lines) n·m/64 word operations whatever D is. On low-vocabulary pages (blank
 * lines, `|-`, `}}` recurring on both sides, D in the thousands after the lines of one side are
 * set aside) the second is several times cheaper. Bit i of row j is set when L[i+1][j] = L[i][j],
 * L being the LCS-length table. Rows are bit vectors packed 32 bits an int; the row step adds
 * them with carry 64 bits at a time in a tiny WebAssembly function where the runtime allows it
 * (JavaScript has no 64-bit integer arithmetic that is not a BigInt), else 32 bits at a time in
 * JavaScript. Both compute the same table, so the output does not depend on which ran.
 *
 * Memory stays O(√m·n/32), so the rows stay in the caches even when other processes load the
 * memory bus (keeping every row was several times slower then: docs/04-diff.md): only every
 * k-th row (k = ⌈√m⌉) is kept, with each row's few ints around the diagonal, where the trace of a
 * rewrite runs. Where the trace leaves that band, it recomputes the rows of its block of k from
 * the checkpoint, only as far as the words it still needs. Match masks are dense only for ids
 * frequent in `a`; the others set their few bits in a shared mask.
 */

/** Bits of a row an int holds. */
const BITS = 32;

/**
 * Ints of each row kept around the diagonal for the trace (512 columns): the trace of a rewrite
 * stays near it and reads them, instead of recomputing its block from a checkpoint.
 */
const BAND_WORDS = 16;

/** Occurrences in `a` from which an id gets a dense match mask of its own. */
const DENSE = 16;

/** Ints of one call's buffer kept between calls (4 MB): what a 1 MB page needs. */
const POOL_KEEP = 1 << 20;

/**
 * One row step: `dst[d ..] = (V + (V & M)) | (V & ~M)` over `words` ints (an even count), V at
 * `src[s ..]` and M at `mask[m ..]`, the addition carried over the ints. `buf` is the one buffer
 * holding all three.
 */
type RowStep = (buf: Int32Array, s: number, d: number, m: number, words: number) => void;

/** The row step in JavaScript, 32 bits at a time (sums in doubles: up to 2^33, exact). */
function rowStepJs(buf: Int32Array, s: number, d: number, m: number, words: number): void {
  let carry = 0;
  for (let k = 0; k < words; k++) {
    const v = buf[s + k]!;
    const u = v & buf[m + k]!;
    const sum = (v >>> 0) + (u >>> 0) + carry;
    carry = sum > 0xffffffff ? 1 : 0;
    buf[d + k] = sum | (v ^ u);
  }
}

/*
 * The row step in WebAssembly, `rows(src, dst, mask, words64)` on byte offsets of the imported
 * memory `m.mem`, written out by hand (158 bytes, no toolchain). Its text form:
 *   (func (param $s i32) (param $d i32) (param $m i32) (param $n i32)
 *     (local $end i32) (local $c i64) (local $v i64) (local $u i64) (local $t i64) (local $r i64)
 *     end = s + n*8
 *     loop while s < end:
 *       v = load s; u = v & load m; t = v + u; r = t + c
 *       store d (r | (v ^ u)); c = (t <u v) | (r <u t)
 *       s += 8; d += 8; m += 8)
 */
const ROW_STEP_WASM = [
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x01, 0x60, 0x04, 0x7f, 0x7f, 0x7f,
  0x7f, 0x00, 0x02, 0x0a, 0x01, 0x01, 0x6d, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x01, 0x03, 0x02,
  0x01, 0x00, 0x07, 0x08, 0x01, 0x04, 0x72, 0x6f, 0x77, 0x73, 0x00, 0x00, 0x0a, 0x70, 0x01, 0x6e,
  0x02, 0x01, 0x7f, 0x05, 0x7e, 0x20, 0x00, 0x20, 0x03, 0x41, 0x03, 0x74, 0x6a, 0x21, 0x04, 0x02,
  0x40, 0x03, 0x40, 0x20, 0x00, 0x20, 0x04, 0x4f, 0x0d, 0x01, 0x20, 0x00, 0x29, 0x03, 0x00, 0x21,
  0x06, 0x20, 0x06, 0x20, 0x02, 0x29, 0x03, 0x00, 0x83, 0x21, 0x07, 0x20, 0x06, 0x20, 0x07, 0x7c,
  0x21, 0x08, 0x20, 0x08, 0x20, 0x05, 0x7c, 0x21, 0x09, 0x20, 0x01, 0x20, 0x09, 0x20, 0x06, 0x20,
  0x07, 0x85, 0x84, 0x37, 0x03, 0x00, 0x20, 0x08, 0x20, 0x06, 0x54, 0x20, 0x09, 0x20, 0x08, 0x54,
  0x72, 0xad, 0x21, 0x05, 0x20, 0x00, 0x41, 0x08, 0x6a, 0x21, 0x00, 0x20, 0x01, 0x41, 0x08, 0x6a,
  0x21, 0x01, 0x20, 0x02, 0x41, 0x08, 0x6a, 0x21, 0x02, 0x0c, 0x00, 0x0b, 0x0b, 0x0b,
];

/** An int buffer and the row step that works on it. */
interface Engine {
  readonly buf: Int32Array;
  readonly step: RowStep;
}

/** The part of the WebAssembly API used here: the core compiles without DOM or Node types. */
interface Wasm {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  readonly Instance: new (
    module: object,
    imports: object,
  ) => { readonly exports: Readonly<Record<string, unknown>> };
}

/** The compiled module; `null` once compiling failed (no WebAssembly, or a CSP without it). */
let wasmModule: object | null | undefined;
/** The engine kept between calls: its buffer is at most `POOL_KEEP` ints. */
let kept: Engine | null = null;

/**
 * Which row step runs: `'webassembly'` where the runtime compiles the module, else
 * `'javascript'`. Passing `kind` forces one (the tests run both); the next call compiles anew.
 *
 * @param kind - The row step to use from now on, or nothing to leave it.
 * @returns The row step in use.
 * @example
 * ```ts
 * bitLcsEngine() // 'webassembly' on Node, Deno, Bun and browsers allowing WebAssembly
 * ```
 */
export function bitLcsEngine(kind?: 'webassembly' | 'javascript'): 'webassembly' | 'javascript' {
  if (kind !== undefined) {
    kept = null;
    wasmModule = kind === 'javascript' ? null : undefined;
  }
  return engine(0).step === rowStepJs ? 'javascript' : 'webassembly';
}

/** An engine whose buffer holds `need` ints: WebAssembly where it compiles, else JavaScript. */
function engine(need: number): Engine {
  if (kept !== null && need <= kept.buf.length) return kept;
  if (wasmModule === undefined) {
    try {
      const wasm = (globalThis as { WebAssembly?: Wasm }).WebAssembly;
      wasmModule = wasm === undefined ? null : new wasm.Module(Uint8Array.from(ROW_STEP_WASM));
    } catch {
      wasmModule = null;
    }
  }
  // Grown by doubling up to the kept size; past it, sized for this call alone.
  const size =
    need > POOL_KEEP
      ? need
      : Math.min(POOL_KEEP, Math.max(need, 1024, 2 * (kept?.buf.length ?? 0)));
  let made: Engine | null = null;
  if (wasmModule !== null) {
    try {
      made = wasmEngine(wasmModule, size);
    } catch {
      made = null;
    }
  }
  made ??= { buf: new Int32Array(size), step: rowStepJs };
  if (need <= POOL_KEEP) kept = made;
  return made;
}

function wasmEngine(module: object, size: number): Engine {
  const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;
  const pages = Math.max(1, Math.ceil((size * 4) / 65536));
  const mem = new wasm.Memory({ initial: pages });
  const rows = new wasm.Instance(module, { m: { mem } }).exports.rows as (
    s: number,
    d: number,
    m: number,
    n: number,
  ) => void;
  return {
    buf: new Int32Array(mem.buffer),
    step: (_buf, s, d, m, words) => rows(s << 2, d << 2, m << 2, words >>> 1),
  };
}

/** Ranges of one buffer, taken in turn, each at an even offset (64-bit aligned). */
class Ints {
  private at = 0;
  constructor(private readonly buf: Int32Array) {}
  take(size: number): number {
    const at = this.reserve(size);
    this.buf.fill(0, at, at + size);
    return at;
  }
  /** A range left as it is, for what is written before it is read. */
  reserve(size: number): number {
    const at = this.at;
    this.at += size + (size & 1);
    return at;
  }
}

/** The match masks of `a`'s ids: dense for frequent ids, built per row for the others. */
interface Masks {
  /** Per id: 1 + index of its dense mask, or 0. */
  readonly slot: number;
  readonly masks: number;
  /** Offset of the shared mask, all zero between rows. */
  readonly shared: number;
  /** Positions in `a` of each id: `pos[start[id] .. start[id + 1])`. */
  readonly start: number;
  readonly pos: number;
  readonly w: number;
}

/** Ints of the buffer {@link buildMasks} takes. */
function masksSize(n: number, idCount: number, w: number): number {
  return 3 * (idCount + 2) + n + 1 + (Math.floor(n / DENSE) + 1) * w;
}

function buildMasks(buf: Int32Array, a: Int32Array, idCount: number, w: number, ints: Ints): Masks {
  const n = a.length;
  const start = ints.take(idCount + 1);
  for (let i = 0; i < n; i++) buf[start + a[i]! + 1]!++;
  const slot = ints.take(idCount);
  const fill = ints.take(idCount);
  let dense = 0;
  for (let id = 0; id < idCount; id++) {
    if (buf[start + id + 1]! >= DENSE) buf[slot + id] = ++dense;
    buf[start + id + 1]! += buf[start + id]!;
    buf[fill + id] = buf[start + id]!;
  }
  const pos = ints.take(n);
  for (let i = 0; i < n; i++) buf[pos + buf[fill + a[i]!]!++] = i;
  const masks = ints.take((dense + 1) * w);
  for (let i = 0; i < n; i++) {
    const s = buf[slot + a[i]!]!;
    if (s !== 0) buf[masks + (s - 1) * w + (i >>> 5)]! |= 1 << (i & 31);
  }
  return { slot, masks, shared: masks + dense * w, start, pos, w };
}

/** The first `words` ints of the row after `id`, from the row at `so` into `dO`. */
function step(e: Engine, k: Masks, id: number, so: number, dO: number, words: number): void {
  const buf = e.buf;
  const s = buf[k.slot + id]!;
  if (s !== 0) {
    e.step(buf, so, dO, k.masks + (s - 1) * k.w, words);
    return;
  }
  const { shared, pos } = k;
  const from = buf[k.start + id]!;
  const to = buf[k.start + id + 1]!;
  for (let q = from; q < to; q++) buf[shared + (buf[pos + q]! >>> 5)]! |= 1 << (buf[pos + q]! & 31);
  e.step(buf, so, dO, shared, words);
  for (let q = from; q < to; q++) buf[shared + (buf[pos + q]! >>> 5)] = 0;
}

/** The rows of one pair, computed by {@link bitLcsRows}, for {@link bitLcsTrace}. */
export interface BitLcsRows {
  /** The edit length (deleted + inserted) of a minimal diff, from the last row. */
  readonly edits: number;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly e: Engine;
  readonly masks: Masks;
  readonly w: number;
  readonly k: number;
  readonly bandW: number;
  readonly checkpoints: number;
  readonly band: number;
  readonly block: number;
  readonly slope: number;
}

/**
 * The forward pass of {@link bitLcsInto}: the rows, of which it keeps every k-th and a band
 * around the diagonal, and the edit length. Valid until the next call: the buffer is shared.
 *
 * @param a - Old ids, each in `0 .. idCount`.
 * @param b - New ids, each in `0 .. idCount`.
 * @param idCount - Bound of the ids.
 * @returns The kept rows and the edit length, for {@link bitLcsTrace}.
 * @example
 * ```ts
 * bitLcsRows(Int32Array.of(1, 2, 3), Int32Array.of(1, 3, 4), 5).edits // 2
 * ```
 */
export function bitLcsRows(a: Int32Array, b: Int32Array, idCount: number): BitLcsRows {
  const n = a.length;
  const m = b.length;
  // An even count of ints a row: the WebAssembly step adds 64 bits at a time.
  const w = 2 * Math.ceil(n / 64);
  const k = Math.max(1, Math.ceil(Math.sqrt(m)));
  const checkpointCount = Math.floor(m / k) + 1;
  // Each row's words around the diagonal i = j·n/m, where the trace of a rewrite mostly runs.
  const bandW = Math.min(w, BAND_WORDS);
  const need = masksSize(n, idCount, w) + (checkpointCount + 1 + k) * w + (m + 1) * bandW + 16;
  const e = engine(need);
  const buf = e.buf;
  const ints = new Ints(buf);
  const masks = buildMasks(buf, a, idCount, w, ints);
  // Written before read: row 0 here, the other checkpoints and band rows in the pass, the block
  // by the trace.
  const checkpoints = ints.reserve(checkpointCount * w);
  buf.fill(-1, checkpoints, checkpoints + w);
  const row = ints.reserve(w);
  buf.fill(-1, row, row + w);
  const band = ints.reserve((m + 1) * bandW);
  const block = ints.reserve(k * w);
  const slope = n / m / BITS;
  for (let j = 0; j < m; j++) {
    step(e, masks, b[j]!, row, row, w);
    if ((j + 1) % k === 0) buf.copyWithin(checkpoints + ((j + 1) / k) * w, row, row + w);
    const from = row + bandFrom(slope, w, bandW, j + 1);
    buf.copyWithin(band + (j + 1) * bandW, from, from + bandW);
  }
  // The last row's clear bits among the first n are the LCS's length.
  let set = 0;
  for (let q = 0; q < n >>> 5; q++) set += bitCount(buf[row + q]!);
  if (n & 31) set += bitCount(buf[row + (n >>> 5)]! & ((1 << (n & 31)) - 1));
  const edits = n + m - 2 * (n - set);
  return { edits, a, b, e, masks, w, k, bandW, checkpoints, band, block, slope };
}

function bitCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
}

/** First int of row j's band: around the diagonal i = j·n/m (`slope` is n/m/32). */
function bandFrom(slope: number, w: number, bandW: number, j: number): number {
  const from = Math.floor(j * slope) - (bandW >> 1);
  return from < 0 ? 0 : from > w - bandW ? w - bandW : from;
}

/**
 * Flags a minimal set of deletions of `a` and insertions of `b` (deletions and insertions only,
 * the complement of a longest common subsequence), found by the bit-parallel LCS and its trace.
 * Equal elements are matched first when walking back from the ends, so the last of equal
 * candidates is kept, and a deletion is preferred to an insertion.
 *
 * @param a - Old ids, each in `0 .. idCount`.
 * @param b - New ids, each in `0 .. idCount`.
 * @param idCount - Bound of the ids.
 * @param deleted - Zeroed flags, `a.length` long; set where `a[i]` is deleted.
 * @param inserted - Zeroed flags, `b.length` long; set where `b[j]` is inserted.
 * @returns The edit length (deleted + inserted).
 * @example
 * ```ts
 * const del = new Uint8Array(3);
 * const ins = new Uint8Array(3);
 * bitLcsInto(Int32Array.of(1, 2, 3), Int32Array.of(1, 3, 4), 5, del, ins);
 * // 2; del = [0, 1, 0], ins = [0, 0, 1]
 * ```
 */
export function bitLcsInto(
  a: Int32Array,
  b: Int32Array,
  idCount: number,
  deleted: Uint8Array,
  inserted: Uint8Array,
): number {
  return bitLcsTrace(bitLcsRows(a, b, idCount), deleted, inserted);
}

/**
 * The trace of {@link bitLcsInto}, from the rows {@link bitLcsRows} kept (the last call's).
 *
 * @param rows - The rows of the pair.
 * @param deleted - Zeroed flags, `a.length` long; set where `a[i]` is deleted.
 * @param inserted - Zeroed flags, `b.length` long; set where `b[j]` is inserted.
 * @returns The edit length (deleted + inserted).
 * @example
 * ```ts
 * bitLcsTrace(bitLcsRows(Int32Array.of(1, 2), Int32Array.of(2), 3), new Uint8Array(2), new Uint8Array(1))
 * // 1; deleted = [1, 0]
 * ```
 */
export function bitLcsTrace(rows: BitLcsRows, deleted: Uint8Array, inserted: Uint8Array): number {
  const { a, b, e, masks, w, k, bandW, checkpoints, band, block, slope } = rows;
  const buf = e.buf;
  const n = a.length;
  const m = b.length;
  // Rows c·k to j of the block the trace is in, each w ints apart (only the low words filled).
  let c = -1;
  let i = n;
  let j = m;
  let edits = 0;
  while (i > 0 && j > 0) {
    if (a[i - 1] === b[j - 1]) {
      i--;
      j--;
      continue;
    }
    const q = ((i - 1) >>> 5) - bandFrom(slope, w, bandW, j);
    if (q >= 0 && q < bandW) {
      if ((buf[band + j * bandW + q]! >>> ((i - 1) & 31)) & 1) deleted[--i] = 1;
      else inserted[--j] = 1;
      edits++;
      continue;
    }
    if (Math.floor(j / k) !== c) {
      c = Math.floor(j / k);
      const words = 2 * Math.ceil(i / 64);
      const first = c * k;
      buf.copyWithin(block, checkpoints + c * w, checkpoints + c * w + words);
      for (let r = first + 1; r <= j; r++) {
        step(e, masks, b[r - 1]!, block + (r - 1 - first) * w, block + (r - first) * w, words);
      }
    }
    if ((buf[block + (j - c * k) * w + ((i - 1) >>> 5)]! >>> ((i - 1) & 31)) & 1) {
      deleted[--i] = 1;
    } else {
      inserted[--j] = 1;
    }
    edits++;
  }
  for (let q = 0; q < i; q++) deleted[q] = 1;
  for (let q = 0; q < j; q++) inserted[q] = 1;
  return edits + i + j;
}
