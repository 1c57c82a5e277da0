/**
 * Every code example of docs/07-testing.md runs, importing `wikirev` and `wikirev/testing` from
 * the sources, and the failure message it shows is the one the helper really writes.
 */
import { AssertionError } from 'node:assert';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { assertSectionsChanged } from '../src/testing/assert-sections-changed.js';

const ROOT = join(import.meta.dirname, '..');
const DOC = readFileSync(join(ROOT, 'docs', '07-testing.md'), 'utf8');
const blocks = [...DOC.matchAll(/```(ts|text)\n([\s\S]*?)```/g)].map((m) => ({
  lang: m[1],
  code: m[2] ?? '',
}));
const work = mkdtempSync(join(tmpdir(), 'wikirev-docs-'));
after(() => rmSync(work, { recursive: true, force: true }));
const { NODE_TEST_CONTEXT: _context, ...env } = process.env;

describe('docs/07-testing.md', () => {
  const examples = blocks.filter((b) => b.lang === 'ts');
  it('has examples', () => assert.ok(examples.length >= 5));
  examples.forEach((block, k) => {
    it(`example ${k + 1} runs`, () => {
      const code = block.code
        .replace(
          /from 'wikirev\/testing'/g,
          `from '${pathToFileURL(join(ROOT, 'src', 'testing.ts'))}'`,
        )
        .replace(/from 'wikirev'/g, `from '${pathToFileURL(join(ROOT, 'src', 'index.ts'))}'`);
      const file = join(work, `example-${k + 1}.ts`);
      writeFileSync(file, code);
      execFileSync(process.execPath, ['--import', 'tsx', file], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    });
  });

  it('shows the failure message assertSectionsChanged really writes', () => {
    const before = 'Intro\n== History ==\nSmall beginnings.\n== Notes ==\nSee also.';
    const after = 'Intro\n== History ==\nSmall but ambitious beginnings.\n== Notes ==\nSee also!';
    let message = '';
    try {
      assertSectionsChanged(before, after, ['History']);
    } catch (e) {
      assert.ok(e instanceof AssertionError);
      message = e.message;
    }
    const shown = blocks.find((b) => b.lang === 'text')?.code.trimEnd();
    assert.equal(shown, message);
  });
});
