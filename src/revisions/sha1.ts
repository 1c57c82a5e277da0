/**
 * SHA-1 of a revision text, in the form MediaWiki's API reports it (`rev_sha1` as hex).
 */
// node:crypto is Node's own module (no third-party code) and `createHash` is synchronous; it is
// the fastest correct choice for 200 KB pages, so the library stays pure without a hand-written
// SHA-1. This is the only file of src/ that imports it.
import { createHash } from 'node:crypto';

/**
 * Hex SHA-1 of the UTF-8 bytes of `text`, as MediaWiki's API gives it in `sha1`.
 *
 * @param text - A revision's wikitext.
 * @returns 40 lowercase hex digits.
 * @example
 * ```ts
 * sha1Hex('') // 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
 * ```
 */
export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}
