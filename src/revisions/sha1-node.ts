/**
 * SHA-1 on Node, Deno and Bun (the `node` condition of `#sha1` in package.json): OpenSSL through
 * `node:crypto`, 6-7 times as fast as the portable hash on 200 KB-1 MB pages (docs/15-browser.md).
 * The only `node:` import of the core; bundles for browsers take sha1-portable.ts instead.
 */
import { createHash } from 'node:crypto';

/** Hex SHA-1 of the UTF-8 bytes of `text` (see `sha1Hex`). */
export function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}
