/**
 * The package version, read from package.json at run time: `src/fetch/` and `dist/fetch/` are
 * both two levels below the package root, and package.json lies outside `rootDir`, so it cannot
 * be imported as a module. The CLI's `--version` reads it through here too.
 */
import { createRequire } from 'node:module';

/**
 * The version of the installed wikirev package.
 *
 * @returns The `version` field of package.json (`0.0.0` if it cannot be read).
 * @example
 * ```ts
 * packageVersion() // '0.1.0'
 * ```
 */
export function packageVersion(): string {
  const pkg = createRequire(import.meta.url)('../../package.json') as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}
