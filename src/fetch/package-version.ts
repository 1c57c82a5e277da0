/**
 * The package version, fixed in the source so that no runtime reads package.json (browsers and
 * bundles have no file to read). test/portable.test.ts checks it equals package.json's `version`.
 */
const VERSION = '0.1.0';

/**
 * The version of the installed wikirev package.
 *
 * @returns The `version` field of package.json.
 * @example
 * ```ts
 * packageVersion() // '0.1.0'
 * ```
 */
export function packageVersion(): string {
  return VERSION;
}
