/**
 * What wikirev costs a web page, a cold start and a disk:
 * 1. Browser bundles (esbuild, ESM, minified; gzip -9) of what a user imports: `parseFeed`
 *    only, history + diff, all of `wikirev`, all of `wikirev/fetch`, and both. The sizes are of
 *    the built package (`dist/`, `npm run bench` builds); the bytes each dependency adds (with
 *    the packages it brings) come from the same bundle made from `src/`,
 *    as dist/ has them bundled in already.
 * 2. Cold import time: `import('wikirev')` in a fresh Node process (the in-process time of the
 *    import, not Node's own start) as shipped (dependencies bundled in, scripts/build.mjs), as
 *    it would be with the dependencies left external (same esbuild build otherwise), beside
 *    each dependency alone and the `date-fns` barrel; rounds interleaved, medians.
 * 3. Install size: the packed package installed into an empty project (`du`), and what the
 *    bundled packages would add if they stayed dependencies.
 *
 * Run with `npm run bench -- bundle`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleForBrowser } from '../test/helpers/bundle.js';
import { packAndInstall } from '../test/helpers/packed.js';

const ROOT = join(import.meta.dirname, '..');
const kb = (n: number) => (n / 1000).toFixed(1);

const CASES: ReadonlyArray<readonly [string, string]> = [
  ['parseFeed only', "export { parseFeed } from 'wikirev';"],
  [
    'history + diff (parseFeed, buildHistory, diffRevisions)',
    "export { parseFeed, buildHistory, diffRevisions } from 'wikirev';",
  ],
  ['all of wikirev', "export * from 'wikirev';"],
  ['all of wikirev/fetch', "export * from 'wikirev/fetch';"],
  ['wikirev + wikirev/fetch', "export * from 'wikirev'; export * from 'wikirev/fetch';"],
];
// @noble/hashes (the portable SHA-1) is in wikirev's column: `#sha1` resolves to the built
// dist/revisions/sha1-portable.js, which has it bundled in.
const DEPS = ['wikirev', 'he', 'fast-xml-parser', 'diff', 'date-fns'];

/** Each package of node_modules, attributed to the direct dependency that brings it. */
const owner = new Map<string, string>(DEPS.map((d) => [d, d]));
const dependenciesOf = (name: string): string[] =>
  Object.keys(
    (
      JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      }
    ).dependencies ?? {},
  );
for (const dep of DEPS.slice(1)) {
  const todo = dependenciesOf(dep);
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    if (owner.has(name)) continue;
    owner.set(name, dep);
    todo.push(...dependenciesOf(name));
  }
}

console.log('### Browser bundles (KB = 1000 bytes)\n');
console.log(`| imports | minified | gzip | ${DEPS.join(' | ')} |`);
console.log(`|---|---:|---:|${DEPS.map(() => '---:').join('|')}|`);
for (const [label, source] of CASES) {
  const b = await bundleForBrowser(source, ROOT);
  const fromSource = await bundleForBrowser(
    source.replace("'wikirev'", "'./src/index.ts'").replace("'wikirev/fetch'", "'./src/fetch.ts'"),
    ROOT,
  );
  const byDep = new Map<string, number>();
  for (const [name, bytes] of fromSource.byPackage) {
    const dep = owner.get(name);
    if (dep === undefined) throw new Error(`${name} in the bundle is no dependency's`);
    byDep.set(dep, (byDep.get(dep) ?? 0) + bytes);
  }
  const cells = DEPS.map((d) => (byDep.has(d) ? kb(byDep.get(d)!) : '–'));
  console.log(`| ${label} | ${kb(b.bytes)} | ${kb(b.gzipBytes)} | ${cells.join(' | ')} |`);
}

/** The date-fns functions src/report/dates.ts imports. */
const DATE_FNS = readFileSync(join(ROOT, 'src', 'report', 'dates.ts'), 'utf8')
  .match(/from 'date-fns\/(\w+)'/g)!
  .map((m) => m.slice("from 'date-fns/".length, -1));
const BUNDLED = ['he', 'fast-xml-parser', 'diff', 'date-fns', '@noble/hashes'];

// The same build as scripts/build.mjs for `wikirev`, but with the dependencies external: the
// choice the shipped build was measured against.
const EXTERNAL = join(ROOT, 'node_modules', '.cache', 'wikirev-bench-external');
rmSync(EXTERNAL, { recursive: true, force: true });
mkdirSync(EXTERNAL, { recursive: true });
await build({
  entryPoints: [join(ROOT, 'src', 'index.ts')],
  outdir: EXTERNAL,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'es2022',
  external: BUNDLED,
  logLevel: 'warning',
});

const IMPORTS: ReadonlyArray<readonly [string, string]> = [
  ["import('wikirev') as shipped (dependencies bundled in)", 'wikirev'],
  [
    "import('wikirev') with the dependencies external (esbuild otherwise the same)",
    join(EXTERNAL, 'index.js'),
  ],
  ["import('wikirev/fetch')", 'wikirev/fetch'],
  ['he', 'he'],
  ['fast-xml-parser', 'fast-xml-parser'],
  ['diff', 'diff'],
  ['@noble/hashes/legacy.js', '@noble/hashes/legacy.js'],

  ["date-fns barrel (import('date-fns'))", 'date-fns'],
  ['date-fns, the 8 functions used', DATE_FNS.map((f) => `date-fns/${f}`).join(' ')],
];

/**
 * Wall time and CPU time (user + system) of the imports in a fresh process, in ms: `spec` is
 * the modules timed (space-separated), after `preloaded | ` the ones imported before timing.
 */
function coldImport(spec: string): { wall: number; cpu: number } {
  const [before, timed] = spec.includes(' | ') ? spec.split(' | ') : ['', spec];
  const list = (s: string | undefined) => JSON.stringify((s ?? '').split(' ').filter(Boolean));
  const code = `for (const m of ${list(before)}) await import(m);
const c = process.cpuUsage(); const t = performance.now();
for (const m of ${list(timed)}) await import(m);
const wall = performance.now() - t; const d = process.cpuUsage(c);
process.stdout.write(JSON.stringify({ wall, cpu: (d.user + d.system) / 1000 }));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', code], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  ) as { wall: number; cpu: number };
}

const ROUNDS = Number(process.env.ROUNDS ?? 11);
const wall = new Map<string, number[]>(IMPORTS.map(([label]) => [label, []]));
const cpu = new Map<string, number[]>(IMPORTS.map(([label]) => [label, []]));
for (let r = 0; r < ROUNDS; r++) {
  for (const [label, spec] of IMPORTS) {
    const t = coldImport(spec);
    wall.get(label)!.push(t.wall);
    cpu.get(label)!.push(t.cpu);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// On a loaded machine the wall time mostly measures waiting for a core; the CPU time does not.
console.log(`\n### Cold import in a new Node process (median of ${ROUNDS}, ms)\n`);
console.log('| import | CPU ms | wall ms | lowest wall ms |');
console.log('|---|---:|---:|---:|');
for (const [label] of IMPORTS) {
  const w = wall.get(label)!;
  console.log(
    `| ${label} | ${median(cpu.get(label)!).toFixed(1)} | ${median(w).toFixed(1)} | ${Math.min(...w).toFixed(1)} |`,
  );
}

const installed = packAndInstall();
try {
  const kbOf = (dir: string) =>
    Number(execFileSync('du', ['-sk', dir], { encoding: 'utf8' }).split('\t')[0]);
  const total = kbOf(join(installed.consumer, 'node_modules'));
  const own = kbOf(join(installed.consumer, 'node_modules', 'wikirev'));
  // The bundled packages with what they bring, as `npm install` would lay them out.
  const brought = new Set<string>();
  for (const dep of BUNDLED) {
    brought.add(dep);
    for (const [name, d] of owner) if (d === dep) brought.add(name);
  }
  const extra = [...brought].reduce((n, name) => n + kbOf(join(ROOT, 'node_modules', name)), 0);
  const mb = (k: number) => (k / 1024).toFixed(1);
  console.log('\n### Install size (npm install of the packed tarball, du, MB)\n');
  console.log('| installed | of which wikirev | the bundled packages if they were dependencies |');
  console.log('|---:|---:|---:|');
  console.log(`| ${mb(total)} | ${mb(own)} | +${mb(extra)} (${[...brought].length} packages) |`);
} finally {
  rmSync(installed.work, { recursive: true, force: true });
}
