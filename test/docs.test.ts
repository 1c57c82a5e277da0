/**
 * Every `ts` example of the README and of docs/ runs, so the docs cannot drift from the code.
 * The examples of one file run in order as one module (later ones may use what earlier ones
 * defined); `import` lines are merged and point at the sources. docs/07-testing.md has its own
 * test (test/testing-docs.test.ts), which also checks the failure messages it shows.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..');
const files = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md') && f !== '07-testing.md')
    .sort()
    .map((f) => `docs/${f}`),
];
const work = mkdtempSync(join(tmpdir(), 'wikirev-docs-'));
after(() => rmSync(work, { recursive: true, force: true }));

const SOURCES: Record<string, string> = {
  wikirev: pathToFileURL(join(ROOT, 'src', 'index.ts')).href,
  'wikirev/testing': pathToFileURL(join(ROOT, 'src', 'testing.ts')).href,
  'wikirev/fetch': pathToFileURL(join(ROOT, 'src', 'fetch.ts')).href,
  'wikirev/dump': pathToFileURL(join(ROOT, 'src', 'dump.ts')).href,
  'wikirev/scale': pathToFileURL(join(ROOT, 'src', 'scale.ts')).href,
};

/** One module from a file's examples: imports merged per module, bodies in order. */
export function moduleOf(blocks: readonly string[]): string {
  const named = new Map<string, Set<string>>();
  const defaults: string[] = [];
  const bodies: string[] = [];
  const importRe = /^import\s+(type\s+)?(?:\{([^}]*)\}|(\w+))\s+from\s+'([^']+)';?\s*$/gm;
  for (const block of blocks) {
    bodies.push(
      block.replace(
        importRe,
        (_all, _type, names: string | undefined, def: string | undefined, from: string) => {
          const target = SOURCES[from] ?? from;
          if (def) defaults.push(`import ${def} from '${target}';`);
          else {
            const set = named.get(target) ?? new Set<string>();
            for (const n of (names ?? '').split(',')) if (n.trim()) set.add(n.trim());
            named.set(target, set);
          }
          return '';
        },
      ),
    );
  }
  const imports = [...named].map(
    ([from, names]) => `import { ${[...names].join(', ')} } from '${from}';`,
  );
  return [...new Set(defaults), ...imports, ...bodies].join('\n');
}

describe('documentation examples run', () => {
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    if (blocks.length === 0) continue;
    test(`${file} (${blocks.length} examples)`, async () => {
      // .mts: an ES module, so examples may use top-level await (for await over a dump).
      const path = join(work, `${file.replace(/[/.]/g, '-')}.mts`);
      writeFileSync(path, moduleOf(blocks));
      await assert.doesNotReject(() => import(pathToFileURL(path).href));
    });
  }
});

test('docs/12-limits.md lists every limit of DEFAULT_LIMITS', async () => {
  const { DEFAULT_LIMITS } = await import('../src/index.js');
  const page = readFileSync(join(import.meta.dirname, '..', 'docs', '12-limits.md'), 'utf8');
  const missing = Object.keys(DEFAULT_LIMITS).filter((name) => !page.includes(`| \`${name}\``));
  assert.deepEqual(missing, []);
});
