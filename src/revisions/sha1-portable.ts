/**
 * SHA-1 wherever JavaScript runs (the `default` condition of `#sha1` in package.json): the audited
 * pure-JS @noble/hashes, synchronous like `buildHistory`. The one file importing it.
 */
import { sha1 as nobleSha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const encoder = new TextEncoder();

/** Hex SHA-1 of the UTF-8 bytes of `text` (see `sha1Hex`). */
export function sha1(text: string): string {
  return bytesToHex(nobleSha1(encoder.encode(text)));
}
