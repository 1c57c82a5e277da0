/**
 * A byte-level XML scanner specialised for MediaWiki dumps: chunks go in, tags and character
 * data come out to a handler, with no string made for text the handler does not want.
 *
 * Why hand-written (docs/14-dumps.md has the figures): a dump is almost all character data
 * inside `<text>`, which never holds a raw `<`; one native `indexOf` per text finds its end,
 * and the bytes are decoded once, at the end. A general SAX parser (saxes) walks every
 * character in JavaScript and normalises CRLF to LF, which breaks byte-exact texts: dumpBackup
 * writes a stored CR as a raw CR byte (htmlspecialchars does not escape it).
 */
import { WikirevError, type WikirevErrorCode } from '../errors.js';

/** What the scanner reports to (implemented by the dump parser). */
export interface ScanHandler {
  /** A start tag: its name and the raw text of its attributes; `empty` for `<x/>`. */
  open(name: string, attributes: string, empty: boolean): void;
  /** An end tag. */
  close(name: string): void;
  /** Whether the character data that follows is wanted (read before each run of text). */
  readonly wantsText: boolean;
  /** Character data `[start, end)` of `chunk`, still escaped (entities not decoded). */
  text(chunk: Buffer, start: number, end: number): void;
  /** After each chunk: its memory may be reused once `push` returns, so keep copies of it. */
  release(): void;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;

/** Bytes of `-->`, `?>`, `]]>` searched with Buffer#indexOf. */
const COMMENT_END = Buffer.from('-->');
const PI_END = Buffer.from('?>');
const CDATA_START = Buffer.from('<![CDATA[');
const CDATA_END = Buffer.from(']]>');
const DOCTYPE = Buffer.from('<!DOCTYPE');

function fail(code: WikirevErrorCode, message: string, offset: number): WikirevError {
  return new WikirevError(code, `${message} at byte ${offset}`);
}

/** Escapes a CDATA section's bytes so that the later entity decoding restores them. */
function escapeCdata(bytes: Buffer): Buffer {
  return Buffer.from(
    bytes
      .toString('latin1')
      .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;')),
    'latin1',
  );
}

/** The end (index of `>`) of a tag starting at `start`, skipping `>` inside quoted values. */
function tagEnd(buf: Buffer, start: number): number {
  let i = buf.indexOf(GT, start);
  while (i !== -1) {
    let quotes = 0;
    let q = 0;
    for (let j = start; j < i; j++) {
      const c = buf[j];
      if (q === 0) {
        if (c === 0x22 || c === 0x27) {
          q = c;
          quotes++;
        }
      } else if (c === q) {
        q = 0;
      }
    }
    if (quotes === 0 || q === 0) return i;
    i = buf.indexOf(GT, i + 1);
  }
  return -1;
}

/**
 * Feeds chunks through a handler. Markup cut by a chunk boundary is carried over (bounded by
 * `maxCarry`); character data is handed over in pieces and never carried.
 */
export class XmlScanner {
  readonly #handler: ScanHandler;
  readonly #maxCarry: number;
  #carry: Buffer | null = null;
  /** Bytes of input before the current chunk (for error offsets). */
  #offset = 0;

  constructor(handler: ScanHandler, maxCarry: number) {
    this.#handler = handler;
    this.#maxCarry = maxCarry;
  }

  /** Bytes scanned so far. */
  get offset(): number {
    return this.#offset;
  }

  /** Scans one chunk. */
  push(chunk: Buffer): void {
    let buf = chunk;
    let base = this.#offset;
    if (this.#carry !== null) {
      base -= this.#carry.length;
      buf = Buffer.concat([this.#carry, chunk]);
      this.#carry = null;
    }
    this.#offset += chunk.length;
    // A UTF-8 byte order mark before the root element is character data outside any element,
    // which no handler wants: skipped as such, with no test of its own at each file's start.
    let pos = 0;
    // Where markup cut by the chunk's end starts: carried over, from one place after the loop
    // (a rare branch reached first in a later file deoptimised the whole loop; docs/17-scaling.md).
    let cut = -1;
    const handler = this.#handler;
    const end = buf.length;
    while (pos < end) {
      const lt = buf.indexOf(LT, pos);
      if (lt !== pos) {
        const stop = lt === -1 ? end : lt;
        if (handler.wantsText) handler.text(buf, pos, stop);
        if (lt === -1) break;
        pos = lt;
      }
      // `pos` is at a '<'.
      if (pos + 1 >= end) {
        cut = pos;
        break;
      }
      const next = buf[pos + 1];
      if (next === SLASH) {
        const gt = buf.indexOf(GT, pos + 2);
        if (gt === -1) {
          cut = pos;
          break;
        }
        let nameEnd = gt;
        while (nameEnd > pos + 2 && buf[nameEnd - 1]! <= 0x20) nameEnd--;
        handler.close(buf.toString('latin1', pos + 2, nameEnd));
        pos = gt + 1;
      } else if (next === BANG) {
        const rest = end - pos;
        if (rest < 9) {
          cut = pos;
          break;
        }
        if (buf[pos + 2] === 0x2d && buf[pos + 3] === 0x2d) {
          const close = buf.indexOf(COMMENT_END, pos + 4);
          if (close === -1) {
            cut = pos;
            break;
          }
          pos = close + 3;
        } else if (buf.compare(CDATA_START, 0, 9, pos, pos + 9) === 0) {
          const close = buf.indexOf(CDATA_END, pos + 9);
          if (close === -1) {
            cut = pos;
            break;
          }
          if (handler.wantsText) {
            const escaped = escapeCdata(buf.subarray(pos + 9, close));
            handler.text(escaped, 0, escaped.length);
          }
          pos = close + 3;
        } else if (buf.compare(DOCTYPE, 0, 9, pos, pos + 9) === 0) {
          throw fail(
            'ENTITY_DECLARATION',
            'the dump has a DOCTYPE (dumps never declare entities; refused so that entity expansion cannot happen)',
            base + pos,
          );
        } else {
          throw fail('INVALID_XML', 'unexpected markup "<!"', base + pos);
        }
      } else if (next === QUESTION) {
        const close = buf.indexOf(PI_END, pos + 2);
        if (close === -1) {
          cut = pos;
          break;
        }
        pos = close + 2;
      } else {
        const gt = tagEnd(buf, pos + 1);
        if (gt === -1) {
          cut = pos;
          break;
        }
        let nameEnd = pos + 1;
        while (nameEnd < gt) {
          const c = buf[nameEnd]!;
          if (c <= 0x20 || c === SLASH) break;
          nameEnd++;
        }
        if (nameEnd === pos + 1) throw fail('INVALID_XML', 'a tag without a name', base + pos);
        const empty = buf[gt - 1] === SLASH;
        const attrEnd = empty ? gt - 1 : gt;
        handler.open(
          buf.toString('latin1', pos + 1, nameEnd),
          nameEnd < attrEnd ? buf.toString('utf8', nameEnd, attrEnd) : '',
          empty,
        );
        pos = gt + 1;
      }
    }
    this.#carryOver(buf, cut, base);
    handler.release();
  }

  /** Keeps `buf` from `cut` (none for -1) for the next chunk; called after every chunk. */
  #carryOver(buf: Buffer, cut: number, base: number): void {
    if (cut === -1) return;
    const rest = buf.subarray(cut);
    const at = base + cut;
    if (rest.length > this.#maxCarry) {
      throw fail('ENTRY_TOO_LARGE', `markup longer than maxEntryBytes (${this.#maxCarry})`, at);
    }
    // A copy: the chunk it came from may be reused by its stream.
    this.#carry = Buffer.from(rest);
  }

  /** Checks that nothing is left half-read at the end of input. */
  end(): void {
    if (this.#carry !== null && this.#carry.length > 0) {
      throw fail('INVALID_XML', 'the input ends inside markup (truncated?)', this.#offset);
    }
  }
}
