/**
 * SHA-1 of a revision text, in the form MediaWiki's API reports it (`rev_sha1` as hex).
 */
// `#sha1` is package.json's imports map: Node's own OpenSSL hash under the `node` condition
// (Node, Deno, Bun), the pure-JS one elsewhere (browsers, workers), so no bundle meets `node:`.
import { sha1 } from '#sha1';

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
  return sha1(text);
}
