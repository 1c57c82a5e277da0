/**
 * The build: `tsc` type-checks and writes the declarations (`.d.ts` beside where the modules
 * were), then esbuild bundles each entry point of package.json into `dist/` with code splitting,
 * so code two entries share is one chunk. The core's dependencies (he, fast-xml-parser, diff,
 * date-fns, @noble/hashes) are bundled in: `import('wikirev')` went from ~170 ms to ~70 ms cold
 * (docs/15-packaging.md has the figures). What stays a dependency stays external.
 *
 * Usage: `node scripts/build.mjs [outDir]` (default `dist`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');
const out = resolve(ROOT, process.argv[2] ?? 'dist');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

rmSync(out, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    join(ROOT, 'tsconfig.build.json'),
    '--outDir',
    out,
    '--emitDeclarationOnly',
  ],
  { stdio: 'inherit' },
);

/** Every file package.json names (exports, bin, imports) plus the pool's worker, from src/. */
const ENTRIES = [
  'index',
  'testing',
  'fetch',
  'dump',
  'scale',
  'cli/main',
  // Loaded by path: piscina starts it in each worker thread (src/scale/worker-pool.ts), and
  // `npm run bench -- scale` loads it and the Parquet writer directly.
  'scale/pool-worker',
  'scale/write-parquet',
  // The two targets of `#sha1`, chosen at run time by the `node` condition.
  'revisions/sha1-node',
  'revisions/sha1-portable',
].map((name) => join(ROOT, 'src', `${name}.ts`));

const result = await build({
  entryPoints: ENTRIES,
  outbase: join(ROOT, 'src'),
  outdir: out,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  mainFields: ['module', 'main'],
  conditions: ['import', 'default'],
  // Node's own modules, the `#sha1` switch, and the dependencies that stay dependencies
  // (Node-only edges: piscina starts its own worker file; bullmq/ioredis are optional peers).
  external: [
    'node:*',
    '#sha1',
    ...Object.keys(pkg.dependencies),
    ...Object.keys(pkg.peerDependencies),
  ],
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

// src/scale/worker-pool.ts finds the worker as `../scale/pool-worker.js` from its chunk.
const pool = Object.entries(result.metafile.outputs).filter(([, o]) =>
  Object.keys(o.inputs).some((i) => i.endsWith('src/scale/worker-pool.ts')),
);
if (pool.length !== 1 || !pool[0][0].includes('/chunks/')) {
  throw new Error(
    `the worker pool's code is not in one chunk of dist/chunks: ${pool.map(([f]) => f)}`,
  );
}

/** The licence of every bundled package, from the files esbuild read. */
const bundled = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = input
    .split('/')
    .join(sep)
    .match(/node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/);
  if (m === null) continue;
  const dir = join(ROOT, 'node_modules', m[1]);
  if (!bundled.has(m[1])) bundled.set(m[1], dir);
}
const notices = [
  '# Third-party notices',
  '',
  'The files in dist/ bundle the following packages. Their licences follow.',
  '',
];
for (const [name, dir] of [...bundled].sort(([a], [b]) => a.localeCompare(b))) {
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENSE-MIT', 'license']
    .map((f) => join(dir, f))
    .find((f) => {
      try {
        readFileSync(f);
        return true;
      } catch {
        return false;
      }
    });
  if (typeof meta.license !== 'string') throw new Error(`${name} declares no licence`);
  const author = typeof meta.author === 'string' ? meta.author : meta.author?.name;
  notices.push(
    `## ${name} ${meta.version} (${meta.license})`,
    '',
    file === undefined
      ? `The package ships no licence file; its package.json declares ${meta.license}${author === undefined ? '' : `, author ${author}`}.`
      : readFileSync(file, 'utf8').trim(),
    '',
  );
}
writeFileSync(join(out, 'THIRD_PARTY_NOTICES.md'), `${notices.join('\n')}\n`);
console.log(
  `built ${relative(ROOT, out) || '.'}: ${Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js')).length} files; bundled ${[...bundled.keys()].join(', ')}`,
);
