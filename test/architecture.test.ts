/**
 * The layout rules of the house style, checked on the sources: imports point only backwards
 * along the pipeline, the pure core never reaches the I/O edges, each third-party dependency is
 * imported in exactly one file, and the library has no cycles.
 *
 * The order is the pipeline's, with `wikitext` first: it holds the text primitives (HTML and XML
 * decoding, autocomments) that the feed parser applies while reading.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const SRC = join(import.meta.dirname, '..', 'src');
const ORDER = [
  'wikitext',
  'feed',
  'revisions',
  'diff',
  'sections',
  'authorship',
  'report',
  'testing',
  'fetch',
  'dump',
  'scale',
  'cli',
];
/** Files of the core that may import only the core. */
const EDGES = new Set(['fetch', 'dump', 'scale', 'cli']);

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });

interface Import {
  readonly from: string;
  readonly spec: string;
}

const imports: Import[] = files(SRC).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^'";]*?from\s+'([^']+)'/gm)].map((m) => ({
    from: relative(SRC, file),
    spec: m[1]!,
  }));
});

/** The stage of a path relative to src/ (`feed/xml.ts` → `feed`; top-level files → null). */
const stageOf = (path: string): string | null => (path.includes('/') ? path.split('/')[0]! : null);

test('imports point only backwards along the pipeline', () => {
  const forward: string[] = [];
  for (const { from, spec } of imports) {
    if (!spec.startsWith('.')) continue;
    const target = relative(SRC, resolve(dirname(join(SRC, from)), spec)).replace(/\.js$/, '.ts');
    const a = stageOf(from);
    const b = stageOf(target);
    if (a === null || b === null || a === b) continue;
    assert.ok(ORDER.includes(a) && ORDER.includes(b), `unknown stage in ${from} → ${target}`);
    if (ORDER.indexOf(b) > ORDER.indexOf(a)) forward.push(`${from} → ${target}`);
  }
  assert.deepEqual(forward, []);
});

test('the core never imports the I/O edges (fetch, dump, cli)', () => {
  const core = ['index.ts', 'testing.ts', 'model.ts', 'errors.ts'];
  const bad = imports.filter(({ from, spec }) => {
    const stage = stageOf(from);
    const inCore = stage === null ? core.includes(from) : !EDGES.has(stage);
    return inCore && /(^|\/)(fetch|dump|scale|cli)\//.test(spec);
  });
  assert.deepEqual(bad, []);
});

test('each third-party dependency is imported in exactly one file of the library', () => {
  const pkg = JSON.parse(readFileSync(join(SRC, '..', 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  // The dependencies the build bundles into dist/ are dev dependencies (scripts/build.mjs): all
  // packages the sources import count, whichever list declares them.
  const imported = imports.flatMap(({ spec }) => {
    const name = /^(?:@[^/]+\/)?[^/.#][^/:]*/.exec(spec)?.[0];
    return name === undefined || name === 'node' ? [] : [name];
  });
  const deps = new Set([...Object.keys(pkg.dependencies), ...imported]);
  assert.ok(deps.has('he') && deps.has('piscina'));
  for (const dep of deps) {
    assert.ok(dep in pkg.dependencies || dep in pkg.devDependencies, `${dep} is not declared`);
    const users = new Set(
      imports.filter(({ spec }) => spec === dep || spec.startsWith(`${dep}/`)).map((i) => i.from),
    );
    assert.equal(users.size, 1, `${dep} is imported by ${[...users].join(', ') || 'no file'}`);
  }
});

test('no import cycles between files', () => {
  const graph = new Map<string, string[]>();
  for (const { from, spec } of imports) {
    if (!spec.startsWith('.')) continue;
    const target = relative(SRC, resolve(dirname(join(SRC, from)), spec)).replace(/\.js$/, '.ts');
    graph.set(from, [...(graph.get(from) ?? []), target]);
  }
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      cycles.push([...path.slice(path.indexOf(node)), node].join(' → '));
      return;
    }
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of graph.keys()) visit(node, []);
  assert.deepEqual(cycles, []);
});
