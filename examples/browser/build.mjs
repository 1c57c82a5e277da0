// Builds the example page into a folder of static files (index.html + app.js), to open as a
// file or put on any static host:
//   node examples/browser/build.mjs [outDir]   (default examples/browser/dist; npm run build first)
// `wikirev` resolves as any dependency does: from the repository itself here (its package name),
// from node_modules in a user's project.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles `main.js` of `srcDir` into `outDir/app.js` and copies `index.html` beside it.
 * @param {string} srcDir - The folder with index.html and main.js.
 * @param {string} outDir - Where the page's files go.
 * @returns {Promise<number>} The size of app.js in bytes.
 */
export async function buildExample(srcDir, outDir) {
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(srcDir, 'main.js')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    platform: 'browser',
    // A classic script, so the page also works opened from a file:// URL (module scripts do not).
    format: 'iife',
    target: 'es2022',
    minify: true,
    // The repository's tsconfig.json points `#sha1` at Node's source for tsx; a user has none.
    tsconfigRaw: '{}',
    metafile: true,
    logLevel: 'warning',
  });
  copyFileSync(join(srcDir, 'index.html'), join(outDir, 'index.html'));
  return Object.values(result.metafile.outputs)[0].bytes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const here = dirname(fileURLToPath(import.meta.url));
  const out = process.argv[2] ?? join(here, 'dist');
  const bytes = await buildExample(here, out);
  console.log(`${join(out, 'app.js')}: ${(bytes / 1000).toFixed(1)} KB`);
}
