/**
 * SHA-1 in a dump: `dumpBackup.php` writes `rev_sha1` in base 36 (31 digits, `wfBaseConvert`),
 * the Action API in hex (40 digits). node:crypto hashes the texts: this edge is Node only, and
 * the native hash keeps the reader's verification at a small share of its time.
 */
import { hash } from 'node:crypto';

/**
 * Converts a dump's base-36 SHA-1 to the API's 40 hex digits; `null` for an empty or
 * malformed value.
 *
 * @example
 * ```ts
 * base36ToHex('phoiac9h4m842xq45sp7s6u21eteeq1') // 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
 * ```
 */
export function base36ToHex(value: string): string | null {
  if (value.length === 0 || value.length > 31) return null;
  // 160 bits as ten 16-bit limbs, least significant first (BigInt cost ~1 µs a call), in one
  // array for all calls (two a revision).
  const limbs = LIMBS.fill(0);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let carry = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : -1;
    if (carry === -1) return null;
    for (let k = 0; k < 10; k++) {
      const v = limbs[k]! * 36 + carry;
      limbs[k] = v & 0xffff;
      carry = v >>> 16;
    }
    if (carry !== 0) return null;
  }
  let hex = '';
  for (let k = 9; k >= 0; k--) hex += HEX_BYTE[limbs[k]! >>> 8]! + HEX_BYTE[limbs[k]! & 0xff]!;
  return hex;
}

const LIMBS = new Uint32Array(10);
/** `00` … `ff`. */
const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * Hex SHA-1 of a text's UTF-8 bytes (hashed as bytes: re-encoding the decoded string cost
 * more than the hash itself).
 *
 * @example
 * ```ts
 * bytesSha1(Buffer.alloc(0)) // 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
 * ```
 */
export function bytesSha1(bytes: Uint8Array): string {
  // One-shot: no Hash object a text.
  return hash('sha1', bytes, 'hex');
}
