/**
 * Browser bundles of wikirev as a user's bundler makes them (esbuild, `platform: 'browser'`,
 * ESM): the bundle bench and the runtime tests build them here. `tsconfigRaw: '{}'`: inside this
 * repository tsconfig.json maps `#sha1` to the Node source for tsx, which a user never has.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** A bundle, its sizes, and the minified bytes each package and source folder contributed. */
export interface Bundle {
  readonly code: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Output bytes by origin: an npm package name, or `wikirev` for the package's own code. */
  readonly byPackage: ReadonlyMap<string, number>;
  /** The input files with code in the bundle (paths as esbuild prints them). */
  readonly inputs: readonly string[];
}

/** The package an input path belongs to (`node_modules/@noble/hashes/…` → `@noble/hashes`). */
function packageOf(path: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(path);
  return m === null || m[1] === 'wikirev' ? 'wikirev' : m[1]!;
}

/**
 * Bundles `source` (an ES module importing `wikirev`) for browsers.
 *
 * @param source - The entry module's text.
 * @param resolveDir - Where `wikirev` is resolved from (a folder with it in node_modules, or
 *   the repository itself, whose package name is `wikirev`).
 * @param options - `minify` (default true) and `format` (default `esm`).
 * @returns The bundle and its sizes.
 */
export async function bundleForBrowser(
  source: string,
  resolveDir: string,
  options: { readonly minify?: boolean; readonly format?: 'esm' | 'iife' } = {},
): Promise<Bundle> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: options.format ?? 'esm',
    target: 'es2022',
    minify: options.minify ?? true,
    write: false,
    metafile: true,
    tsconfigRaw: '{}',
    logLevel: 'silent',
  });
  const out = result.outputFiles[0]!;
  const byPackage = new Map<string, number>();
  const output = Object.values(result.metafile.outputs)[0]!;
  const inputs: string[] = [];
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    // Modules read but tree-shaken away entirely are listed with 0 bytes.
    if (bytesInOutput === 0) continue;
    inputs.push(path);
    const name = packageOf(path);
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return {
    code: out.text,
    bytes: out.contents.length,
    gzipBytes: gzipSync(out.contents, { level: 9 }).length,
    byPackage,
    inputs,
  };
}
