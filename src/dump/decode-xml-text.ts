/**
 * Strict decoding of XML character data: the five predefined entities and numeric references,
 * nothing else (a dump declares no entities, so any other name is an error, not text).
 */
import { WikirevError } from '../errors.js';

const NAMED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

function reference(s: string, at: number, end: number, where: () => string): string {
  const body = s.slice(at + 1, end);
  const named = Object.hasOwn(NAMED, body) ? NAMED[body] : undefined;
  if (named !== undefined) return named;
  let code = Number.NaN;
  if (/^#[0-9]{1,7}$/.test(body)) code = Number.parseInt(body.slice(1), 10);
  else if (/^#x[0-9a-fA-F]{1,6}$/.test(body)) code = Number.parseInt(body.slice(2), 16);
  // XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
  const valid =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  if (!valid) {
    throw new WikirevError('INVALID_XML', `unknown or invalid reference "&${body};" in ${where()}`);
  }
  return String.fromCodePoint(code);
}

const AMP = 0x26;
const SEMI = 0x3b;

/**
 * The byte of a predefined entity at `at` and its length, as `byte | length << 8` (no array
 * per reference: texts have dozens a kilobyte), or -1.
 */
function predefined(raw: Buffer, at: number): number {
  const a = raw[at + 1];
  const b = raw[at + 2];
  const c = raw[at + 3];
  if (a === 0x6c && b === 0x74 && c === SEMI) return 0x3c | (4 << 8); // &lt;
  if (a === 0x67 && b === 0x74 && c === SEMI) return 0x3e | (4 << 8); // &gt;
  if (a === 0x61 && b === 0x6d && c === 0x70 && raw[at + 4] === SEMI) return 0x26 | (5 << 8); // &amp;
  if (a === 0x71 && b === 0x75 && c === 0x6f && raw[at + 4] === 0x74 && raw[at + 5] === SEMI) {
    return 0x22 | (6 << 8); // &quot;
  }
  return -1;
}

/**
 * Decodes the references of escaped UTF-8 character data into the bytes they stand for, so
 * the text's SHA-1 and size are taken from the decoded bytes without re-encoding a string.
 *
 * @param raw - Escaped UTF-8 bytes.
 * @param where - What is decoded, for the error message (called only for an error).
 * @param inPlace - `raw` is the caller's own: decode into it (a reference is never shorter than
 *   what it stands for, so writing never overtakes reading) instead of into a new buffer.
 * @returns `raw` itself when it has no reference, else the decoded bytes (a view of `raw` when
 *   `inPlace`).
 * @example
 * ```ts
 * decodeXmlBytes(Buffer.from('a &amp;lt; b'), () => 'text', false).toString() // 'a &lt; b'
 * ```
 */
export function decodeXmlBytes(raw: Buffer, where: () => string, inPlace: boolean): Buffer {
  let i = raw.indexOf(AMP);
  if (i === -1) return raw;
  // Decoded in place: a reference is never shorter than what it stands for (`&#x10FFFF;` is 10
  // bytes, U+10FFFF 4), so writing never overtakes reading. Runs move with copyWithin (a
  // memmove): Buffer#copy made a view object each call, ~5 % of a dump's allocation.
  let out = raw;
  if (!inPlace) {
    out = Buffer.allocUnsafe(raw.length);
    raw.copy(out);
  }
  // The bytes before the first reference stay where they are.
  let length = i;
  let last = i;
  while (i !== -1) {
    if (length !== last) {
      // Short runs by hand: a call costs more than a few bytes' copy.
      if (i - last > 64) out.copyWithin(length, last, i);
      else for (let j = last; j < i; j++) out[length + j - last] = out[j]!;
    }
    length += i - last;
    const known = predefined(out, i);
    if (known !== -1) {
      out[length++] = known & 0xff;
      last = i + (known >> 8);
    } else {
      const end = out.indexOf(SEMI, i + 1);
      if (end === -1 || end - i > 12) {
        throw new WikirevError('INVALID_XML', `a bare "&" in ${where()}`);
      }
      const s = out.toString('latin1', i, end + 1);
      length += out.write(reference(s, 0, s.length - 1, where), length, 'utf8');
      last = end + 1;
    }
    i = out.indexOf(AMP, last);
  }
  if (length !== last) out.copyWithin(length, last);
  length += out.length - last;
  return out.subarray(0, length);
}

/**
 * Decodes the references of XML character data (or an attribute value) read from a dump.
 *
 * @param s - Escaped character data.
 * @param where - What is decoded, for the error message.
 * @returns The text; throws `WikirevError` `INVALID_XML` for an undeclared entity.
 * @example
 * ```ts
 * decodeXmlText('a &amp;lt; b&#13;', 'text') // 'a &lt; b\r'
 * ```
 */
export function decodeXmlText(s: string, where: string): string {
  let i = s.indexOf('&');
  if (i === -1) return s;
  let out = '';
  let last = 0;
  while (i !== -1) {
    let rep: string;
    let len: number;
    // The common three first, by hand (a regex with a callback is ~3x slower on texts).
    if (s.startsWith('&lt;', i)) {
      rep = '<';
      len = 4;
    } else if (s.startsWith('&gt;', i)) {
      rep = '>';
      len = 4;
    } else if (s.startsWith('&amp;', i)) {
      rep = '&';
      len = 5;
    } else if (s.startsWith('&quot;', i)) {
      rep = '"';
      len = 6;
    } else {
      const end = s.indexOf(';', i + 1);
      if (end === -1 || end - i > 12) {
        throw new WikirevError('INVALID_XML', `a bare "&" in ${where}`);
      }
      rep = reference(s, i, end, () => where);
      len = end + 1 - i;
    }
    out += s.slice(last, i) + rep;
    last = i + len;
    i = s.indexOf('&', last);
  }
  return out + s.slice(last);
}
