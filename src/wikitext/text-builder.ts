/**
 * Builds a decoded text as UTF-16 code units in a buffer reused across calls, turned into one
 * string at the end. The decoders are synchronous and never re-entered, so one buffer serves
 * them all. Building their results by concatenation left the garbage collector three quarters
 * of the work on floods of small references (`&a` repeated over 4 MB: 0.4–0.6 s, most of it
 * collecting).
 */

const utf16 = new TextDecoder('utf-16le');
let buffer = new Uint16Array(1 << 16);
/** Code units written so far by the current builder. */
let length = 0;

/** The buffer, with room for `n` more code units. */
function room(n: number): Uint16Array {
  if (length + n > buffer.length) {
    const larger = new Uint16Array(Math.max(2 * buffer.length, length + n));
    larger.set(buffer.subarray(0, length));
    buffer = larger;
  }
  return buffer;
}

/**
 * A text under construction (one at a time: starting one drops what another had written).
 *
 * @example
 * ```ts
 * const text = startText();
 * text.append('a&b', 0, 1);
 * text.appendCode(0x3c);
 * text.finish('a&b') // 'a<'
 * ```
 */
export interface TextBuilder {
  /** Appends `s.slice(from, to)`. */
  append(s: string, from: number, to: number): void;
  /** Appends one UTF-16 code unit. */
  appendCode(code: number): void;
  /** The text built. `source` is what it was decoded from: lone surrogates in it are kept. */
  finish(source: string): string;
}

const builder: TextBuilder = {
  append(s, from, to) {
    const out = room(to - from);
    let j = length;
    for (let k = from; k < to; k++) out[j++] = s.charCodeAt(k);
    length = j;
  },
  appendCode(code) {
    room(1)[length++] = code;
  },
  finish(source) {
    // Decoded references are well-formed; only the source can bring a lone surrogate, which
    // the UTF-16 decoder would turn into U+FFFD.
    if ((source as unknown as { isWellFormed(): boolean }).isWellFormed()) {
      return utf16.decode(buffer.subarray(0, length));
    }
    let out = '';
    for (let k = 0; k < length; k += 8192) {
      out += String.fromCharCode(...buffer.subarray(k, Math.min(length, k + 8192)));
    }
    return out;
  },
};

/** Starts a new text in the shared buffer. */
export function startText(): TextBuilder {
  length = 0;
  return builder;
}
