/**
 * What ships, used the way a user would: the committed package (HEAD) is built, packed with
 * `npm pack`, installed from the tarball into a throwaway consumer package, and a node:test file
 * and a TypeScript file there use `wikirev` and `wikirev/testing` through the `exports` map.
 *
 * HEAD rather than the working tree: other work in progress must not break the package test,
 * and what is not committed does not ship. The same helpers also run under vitest, installed in
 * the consumer only (as a user would; the project's lock file cannot hold rollup's platform
 * packages, which the registry reachable here does not serve for every platform).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { childEnv, run } from './helpers/packed.js';
import { redisMissing, startRedis } from './helpers/redis-server.js';

const ROOT = join(import.meta.dirname, '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const work = mkdtempSync(join(tmpdir(), 'wikirev-consumer-'));
const pkg = join(work, 'pkg');
const consumer = join(work, 'consumer');

const env = childEnv;

// The consumer's test: plain JavaScript under node:test, as a user's suite would be.
const CONSUMER_TEST = `import assert from 'node:assert/strict';
import { AssertionError } from 'node:assert';
import { test } from 'node:test';
import * as wikirev from 'wikirev';
import { assertDiff, assertSectionsChanged, buildFeed, formatDiffSnapshot } from 'wikirev/testing';

const before = 'Intro\\n== History ==\\nSmall beginnings.\\n== Notes ==\\nn';
const after = 'Intro\\n== History ==\\nSmall but ambitious beginnings.\\n== Notes ==\\nn';

test('assertSectionsChanged passes and fails with AssertionError', () => {
  assertSectionsChanged(before, after, ['History']);
  assert.throws(() => assertSectionsChanged(before, after, ['Notes']), AssertionError);
});

test('assertDiff and formatDiffSnapshot', () => {
  assertDiff(before, after, [
    { kind: 'removed', text: 'Small beginnings.', line: 3 },
    { kind: 'added', text: 'Small but ambitious beginnings.', line: 3 },
  ]);
  assert.equal(
    formatDiffSnapshot(before, after, { context: 0 }),
    'lines: +1 -1 =4\\nsections: modified "History" (+1 -1)\\n@@ -3,1 +3,1 @@\\n-Small beginnings.\\n+Small but ambitious beginnings.',
  );
});

test('buildFeed escapes as MediaWiki and refuses a CR with the WikirevError of wikirev', () => {
  const xml = buildFeed([{ id: 7, pageTitle: 'Sandbox', text: "Tom & Jerry's", user: 'Alice', timestamp: '2026-11-21T20:55:25Z' }]);
  assert.ok(xml.includes('&lt;div&gt;Tom &amp;amp; Jerry&#039;s&lt;/div&gt;</summary>'));
  assert.throws(
    () => buildFeed([{ id: 1, pageTitle: 'P', text: 'a\\r\\nb' }]),
    (e) => e instanceof wikirev.WikirevError && e.code === 'INVALID_TEXT',
  );
});

test('parseFeed reads back what buildFeed wrote', { skip: typeof wikirev.parseFeed !== 'function' && 'parseFeed is not exported by wikirev yet' }, () => {
  const text = 'a <br /> &amp;amp; \\u{1F389}\\nline two';
  const feed = wikirev.parseFeed(buildFeed([{ id: 1, pageTitle: 'P', text, timestamp: '2026-01-01T00:00:00Z' }]));
  assert.deepEqual(feed.entries[0].content, { kind: 'wikitext', text });
});
`;

// The same checks as a user's vitest suite: node:assert's AssertionError fails a vitest test.
const CONSUMER_VITEST = `import { AssertionError } from 'node:assert';
import { expect, test } from 'vitest';
import { parseFeed } from 'wikirev';
import { assertDiff, assertSectionsChanged, buildFeed } from 'wikirev/testing';

const before = 'Intro\\n== History ==\\nSmall beginnings.\\n== Notes ==\\nn';
const after = 'Intro\\n== History ==\\nSmall but ambitious beginnings.\\n== Notes ==\\nn';

test('assertSectionsChanged passes, and fails with AssertionError', () => {
  assertSectionsChanged(before, after, ['History']);
  expect(() => assertSectionsChanged(before, after, ['Notes'])).toThrow(AssertionError);
});

test('assertDiff', () => {
  assertDiff(before, after, [
    { kind: 'removed', text: 'Small beginnings.', line: 3 },
    { kind: 'added', text: 'Small but ambitious beginnings.', line: 3 },
  ]);
});

test('buildFeed and parseFeed round trip', () => {
  const feed = parseFeed(buildFeed([{ id: 1, pageTitle: 'P', text: 'a & b', timestamp: '2026-01-01T00:00:00Z' }]));
  expect(feed.entries[0].content).toEqual({ kind: 'wikitext', text: 'a & b' });
});

test('a failing assertion is reported by vitest', () => {
  assertSectionsChanged(before, after, ['Notes']);
});
`;

// The consumer's TypeScript: the published types must compile under the strictest settings.
const CONSUMER_TS = `import { AssertionError } from 'node:assert';
import { readDump } from 'wikirev/dump';
import type { WikirevErrorCode } from 'wikirev';
import { WikirevError } from 'wikirev';
import {
  assertDiff,
  assertSectionsChanged,
  buildFeed,
  type BuildFeedOptions,
  type ExpectedLineChange,
  type FeedRevision,
  formatDiffSnapshot,
  type SectionRef,
} from 'wikirev/testing';

const revisions: FeedRevision[] = [
  { id: 1, pageTitle: 'Sandbox', text: 'one', user: 'Alice', comment: null, timestamp: '2026-11-21T20:55:25Z' },
  { id: 2, pageTitle: 'Sandbox', text: null },
];
const options: BuildFeedOptions = { format: 'rss', kind: 'history', server: 'https://wiki.example.org' };
const xml: string = buildFeed(revisions, options);
const refs: SectionRef[] = ['History', 0];
const changes: ExpectedLineChange[] = [{ kind: 'added', text: 'x' }];
assertSectionsChanged('a', 'b', refs, { allowOthers: true });
assertDiff('', 'x', changes);
const snapshot: string = formatDiffSnapshot('a', 'b', { context: 1, sections: false });
const code: WikirevErrorCode = 'INVALID_TEXT';
export const used = [xml, snapshot, code, WikirevError, AssertionError];
export async function firstText(path: string): Promise<string | null> {
  for await (const page of readDump(path, { bzip2Decoder: 'js' })) {
    for await (const revision of page.revisions) return revision.text;
  }
  return null;
}
`;

describe('the packed package in a consumer project', { timeout: 240_000 }, () => {
  let installWarnings: string[] = [];
  before(() => {
    mkdirSync(pkg);
    const archive = run(
      'git',
      [
        'archive',
        '--format=tar',
        `--output=${join(work, 'head.tar')}`,
        'HEAD',
        'src',
        'package.json',
        'tsconfig.json',
        'tsconfig.build.json',
        'scripts',
      ],
      ROOT,
    );
    assert.equal(archive, '');
    run('tar', ['-xf', join(work, 'head.tar'), '-C', pkg], work);
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    run(process.execPath, [join('scripts', 'build.mjs')], pkg);
    run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], pkg);
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    assert.ok(tarball, 'npm pack wrote a tarball');
    mkdirSync(consumer);
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    // The dependencies come from the npm cache the project's install filled.
    const install = spawnSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, tarball)],
      { cwd: consumer, env, encoding: 'utf8' },
    );
    assert.equal(install.status, 0, `${install.stdout}\n${install.stderr}`);
    installWarnings = `${install.stdout}\n${install.stderr}`
      .split('\n')
      .filter((l) => /\bwarn/i.test(l));
  });

  it('installs from the tarball without a warning (no prepare script, no install scripts)', () => {
    assert.deepEqual(installWarnings, []);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('runs a node:test suite using wikirev and wikirev/testing', () => {
    writeFileSync(join(consumer, 'helpers.test.mjs'), CONSUMER_TEST);
    const out = run(
      process.execPath,
      ['--test', '--test-reporter=tap', 'helpers.test.mjs'],
      consumer,
    );
    assert.match(out, /# fail 0/);
    assert.match(out, /# pass [34]\b/);
  });

  it('runs a vitest suite using wikirev/testing, a failing assertion reported as a failure', () => {
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', 'vitest@3'], consumer);
    writeFileSync(join(consumer, 'helpers.vitest.test.mjs'), CONSUMER_VITEST);
    const result = spawnSync(
      process.execPath,
      [
        join(consumer, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--reporter=verbose',
        'helpers.vitest.test.mjs',
      ],
      { cwd: consumer, env: { ...env, CI: 'true', NO_COLOR: '1' }, encoding: 'utf8' },
    );
    const out = `${result.stdout}\n${result.stderr}`;
    // Three tests pass; the fourth fails on purpose, with the helper's message.
    assert.equal(result.status, 1, out);
    assert.match(out, /Tests\s+1 failed \| 3 passed/, out);
    assert.match(out, /AssertionError/, out);
    assert.match(out, /Notes/, out);
  });

  it('reads a multistream bzip2 dump through wikirev/dump (its JavaScript decoder installed)', () => {
    writeFileSync(
      join(consumer, 'dump.mjs'),
      `import { readDump } from 'wikirev/dump';
let n = 0;
for await (const page of readDump(process.argv[2], { bzip2Decoder: 'js' })) {
  for await (const _ of page.revisions) n++;
}
console.log(n);
`,
    );
    const dump = join(ROOT, 'fixtures', 'dump-mediawiki-1.39', 'full-0.11.multistream.xml.bz2');
    assert.equal(run(process.execPath, ['dump.mjs', dump], consumer).trim(), '286');
  });

  it('runs the worker pool from the installed package (its worker file resolved in dist)', () => {
    const dumps = ['full-0.11.xml', 'full-0.10.xml'].map((f) =>
      join(ROOT, 'fixtures', 'dump-mediawiki-1.39', f),
    );
    const bin = join(consumer, 'node_modules', '.bin', 'wikirev');
    const csv = (workers: string) =>
      run(
        bin,
        ['report', '--format', 'csv', '--workers', workers, '--unit-bytes', '30K', ...dumps],
        consumer,
      );
    const two = csv('2');
    assert.equal(two, csv('1'));
    assert.equal(two.split('\r\n').length, 1 + 572 + 1);
    writeFileSync(
      join(consumer, 'scale.mjs'),
      `import { analyzeDumps } from 'wikirev/scale';
const result = await analyzeDumps(process.argv.slice(2), { workers: 2, format: 'parquet', out: 'rows.parquet' });
console.log(result.revisions, result.failed.length);
`,
    );
    assert.equal(run(process.execPath, ['scale.mjs', ...dumps], consumer).trim(), '572 0');
  });

  it('says how to install the optional queue packages when they are missing', () => {
    const bin = join(consumer, 'node_modules', '.bin', 'wikirev');
    const result = spawnSync(bin, ['queue', 'status', '--redis', 'redis://127.0.0.1:9'], {
      cwd: consumer,
      env,
      encoding: 'utf8',
    });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /npm install bullmq ioredis/);
  });

  it('runs the Redis queue from the installed package (with bullmq and ioredis added)', {
    skip: redisMissing() ?? false,
  }, async () => {
    // Optional peers: a user of the queue installs them (docs/18-queue.md).
    run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', 'bullmq@^6.7.6', 'ioredis@^6.1.0'],
      consumer,
    );
    const dumps = ['full-0.11.xml', 'full-0.10.xml'].map((f) =>
      join(ROOT, 'fixtures', 'dump-mediawiki-1.39', f),
    );
    const bin = join(consumer, 'node_modules', '.bin', 'wikirev');
    const redis = await startRedis();
    try {
      const common = ['--redis', redis.url, '--queue', 'consumer'];
      const units = join(work, 'queue-units');
      run(
        bin,
        [
          'queue',
          'add',
          ...common,
          '--format',
          'csv',
          '--unit-bytes',
          '30K',
          '--out-dir',
          units,
          ...dumps,
        ],
        consumer,
      );
      run(bin, ['worker', ...common, '--exit-when-idle', '--quiet'], consumer);
      const csv = run(bin, ['queue', 'collect', ...common, '--format', 'csv'], consumer);
      const one = run(bin, ['report', '--format', 'csv', '--workers', '1', ...dumps], consumer);
      assert.equal(csv, one);
      assert.equal(csv.split('\r\n').length, 1 + 572 + 1);
    } finally {
      await redis.stop();
    }
  });

  it('type-checks a consumer .ts file against the published types (tsc --noEmit)', () => {
    writeFileSync(join(consumer, 'consumer.ts'), CONSUMER_TS);
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          verbatimModuleSyntax: true,
          noEmit: true,
          // node:assert's types from the project, so the consumer installs nothing more.
          typeRoots: [join(ROOT, 'node_modules', '@types')],
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    );
    run(process.execPath, [TSC, '-p', 'tsconfig.json'], consumer);
  });
});
