/**
 * A newcomer's walk through the README's Quick start and docs/01-getting-started.md, command
 * by command, in a clean clone of the committed HEAD: every `sh` line runs and succeeds.
 * Some lines are not run, each for the reason `skipped` gives: `npm install wikirev` (it
 * installs from the registry; the clone is the package here), `npm test` (this test is part of
 * it), `npm run bench` (minutes long) and commands that need a live wiki.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const ROOT = join(import.meta.dirname, '..');
const DOCS = ['README.md', 'docs/01-getting-started.md'];
const work = mkdtempSync(join(tmpdir(), 'wikirev-walk-'));
const clone = join(work, 'wikirev');
const { NODE_TEST_CONTEXT: _context, ...env } = process.env;

/** The commands of a document's `sh` blocks, `&&` chains split, continuation lines joined. */
function commandsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const lines = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    (m[1] ?? '').replace(/\\\n\s*/g, ' ').split('\n'),
  );
  return lines
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l !== '')
    .flatMap((l) => l.split('&&').map((c) => c.trim()));
}

const skipped = (command: string): string | null => {
  if (/^npm install wikirev\b/.test(command)) return 'installs from the registry';
  if (/^npm (run )?test\b/.test(command)) return 'this test runs inside npm test';
  if (/https?:\/\//.test(command)) return 'needs a live wiki';
  if (/^npm run bench\b/.test(command)) return 'takes minutes; its figures are in docs/';
  return null;
};

before(() => {
  execFileSync('git', ['clone', '--quiet', ROOT, clone], { stdio: 'ignore' });
});
after(() => rmSync(work, { recursive: true, force: true }));

describe('a newcomer walks through the README and Getting started', () => {
  const seen = new Set<string>();
  for (const file of DOCS) {
    for (const command of commandsOf(file)) {
      if (seen.has(command)) continue;
      seen.add(command);
      const reason = skipped(command);
      test(`${file}: ${command}`, { skip: reason ?? false, timeout: 300_000 }, () => {
        const run = spawnSync('bash', ['-c', command], {
          cwd: clone,
          env: { ...env, CI: 'true' },
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        });
        assert.equal(run.status, 0, `${command}\n${run.stderr}`);
        if (/^npx wikirev/.test(command)) {
          const out = command.includes('--out') ? '' : run.stdout;
          assert.ok(out !== '' || command.includes('--out'), 'prints something');
          const target = /--out\s+(\S+)/.exec(command)?.[1];
          if (target) assert.ok(existsSync(join(clone, target)), `${target} written`);
        }
      });
    }
  }
});
