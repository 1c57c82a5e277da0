/// <reference lib="dom" />
/**
 * The package as `npm pack` makes it and npm installs it.
 * - The core runs wherever JavaScript runs: the seed feed's history, diffs, sections and report
 *   are the same JSON, byte for byte, in Node, Deno and Bun (installed from npm as dev
 *   dependencies) and in headless Chromium (a browser bundle of the installed package, built by
 *   esbuild, with no `node:` module in it).
 * - Browser bundles hold only what is imported (`sideEffects: false` true in fact).
 * - publint and `@arethetypeswrong/cli --profile esm-only` find nothing; a TypeScript project
 *   without DOM or Node types compiles against the core's declarations; the README links only
 *   to files the tarball ships.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { bundleForBrowser } from './helpers/bundle.js';
import { type Installed, packAndInstall, ROOT, run } from './helpers/packed.js';

const FEED = join(ROOT, 'fixtures', 'seed-openvz', 'openvz-dlezcano.contributions.atom.xml');
const CHROMIUM = '/usr/bin/chromium';
const BIN = join(ROOT, 'node_modules', '.bin');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** What every runtime computes, through the public API only. */
const COMPUTE = `import {
  analyzeHistory, buildHistory, compareSections, diffRevisions, parseFeed, renderReport, sha1Hex,
} from 'wikirev';

export function compute(feedText) {
  const history = buildHistory([parseFeed(feedText)]);
  const diffs = [];
  const sections = [];
  for (const page of history.pages) {
    for (let i = 1; i < page.revisions.length; i++) {
      const [older, newer] = [page.revisions[i - 1], page.revisions[i]];
      diffs.push(diffRevisions(older, newer));
      if (older.text !== null && newer.text !== null) {
        sections.push(compareSections(older.text, newer.text));
      }
    }
  }
  const report = analyzeHistory(history, { now: '2026-11-22T00:00:00Z', timeZone: 'Europe/Paris' });
  return JSON.stringify({
    sha1: sha1Hex(feedText),
    history,
    diffs,
    sections,
    report: renderReport(report, { format: 'json' }),
    html: renderReport(report, { format: 'html' }),
  });
}
`;

/** The core's API from a project with `types: []` and `lib: ["es2022"]` (no DOM, no Node). */
const CORE_TS = `import {
  analyzeHistory, buildHistory, compareSections, diffText, type History, parseFeed, renderReport,
  sha1Hex, WikirevError,
} from 'wikirev';

export function report(xml: string | Uint8Array): string {
  const history: History = buildHistory([parseFeed(xml)]);
  return renderReport(analyzeHistory(history, { now: '2026-01-01T00:00:00Z' }), { format: 'json' });
}
export const changed: number = compareSections('a', 'b').length + diffText('a', 'b').added;
export const digest: string = sha1Hex('');
export const isError = (e: unknown): e is WikirevError => e instanceof WikirevError;
`;

/** The command-line runner for Node, Deno and Bun: the feed's path in, the JSON out. */
const RUNNER = `import { readFileSync } from 'node:fs';
import { compute } from './compute.mjs';
const path = typeof Deno === 'undefined' ? process.argv[2] : Deno.args[0];
process.stdout.write(compute(readFileSync(path, 'utf8')));
`;

describe('the packed package: Node, Deno, Bun, Chromium; bundles; lints; types', {
  timeout: 300_000,
}, () => {
  let installed: Installed;
  let expected: string;

  before(() => {
    installed = packAndInstall();
    writeFileSync(join(installed.consumer, 'compute.mjs'), COMPUTE);
    writeFileSync(join(installed.consumer, 'run.mjs'), RUNNER);
    expected = run(process.execPath, ['run.mjs', FEED], installed.consumer);
  });
  after(() => {
    if (installed !== undefined) rmSync(installed.work, { recursive: true, force: true });
  });

  it('Node: the history has revisions, diffs and sections to compare', () => {
    const out = JSON.parse(expected) as {
      history: { pages: unknown[] };
      diffs: unknown[];
      sections: unknown[][];
    };
    // The seed: two pages, one with five revisions (four diffs, each with sections changed).
    assert.equal(out.history.pages.length, 2);
    assert.equal(out.diffs.length, 4);
    assert.equal(out.sections.length, 4);
    assert.ok(out.sections.every((changes) => changes.length > 0));
  });

  it('Deno (npm package `deno`)', () => {
    const deno = join(BIN, 'deno');
    assert.ok(existsSync(deno), 'npm ci installs deno');
    const out = run(
      deno,
      ['run', '--no-lock', '--no-prompt', '--allow-read', '--allow-env', 'run.mjs', FEED],
      installed.consumer,
    );
    assert.ok(out === expected, 'Deno computes the same JSON as Node, byte for byte');
  });

  it('Bun (npm package `bun`)', () => {
    const bun = join(BIN, 'bun');
    assert.ok(existsSync(bun), 'npm ci installs bun');
    const out = run(bun, ['--no-install', 'run.mjs', FEED], installed.consumer);
    assert.ok(out === expected, 'Bun computes the same JSON as Node, byte for byte');
  });

  it('Chromium: a browser bundle of the installed package, no node: module in it', async () => {
    const bundle = await bundleForBrowser(
      `import { compute } from './compute.mjs'; globalThis.compute = compute;`,
      installed.consumer,
      { format: 'iife' },
    );
    assert.ok(
      bundle.inputs.every((p) => !p.startsWith('node:')),
      bundle.inputs.join(', '),
    );
    assert.ok(
      bundle.inputs.some((p) => p.endsWith('sha1-portable.js')) &&
        !bundle.inputs.some((p) => p.endsWith('sha1-node.js')),
      'the browser takes the portable SHA-1',
    );
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.setContent('<!doctype html><title>wikirev</title>');
      await page.addScriptTag({ content: bundle.code });
      const feed = readFileSync(FEED, 'utf8');
      const out = await page.evaluate(
        (text) => (globalThis as unknown as { compute(t: string): string }).compute(text),
        feed,
      );
      assert.deepEqual(errors, []);
      assert.ok(out === expected, 'Chromium computes the same JSON as Node, byte for byte');
    } finally {
      await browser.close();
    }
  });
  it('a bundle of parseFeed holds no diff, sections or report code; nothing bundles node:', async () => {
    // dist/ is itself a bundle (scripts/build.mjs): what is left out is seen in the output's
    // code (not minified, so functions keep their names), not in the list of input files.
    const bundle = (source: string) =>
      bundleForBrowser(source, installed.consumer, { minify: false });
    const feedOnly = await bundle("export { parseFeed } from 'wikirev';");
    const everything = await bundle("export * from 'wikirev';");
    const declared = (b: { code: string }, names: readonly string[]) =>
      names.filter((n) => new RegExp(`\\bfunction ${n}\\(`).test(b.code));
    const others = [
      'buildHistory',
      'diffText',
      'compareSections',
      'analyzeHistory',
      'renderReport',
    ];
    assert.deepEqual(declared(everything, ['parseFeed', ...others]), ['parseFeed', ...others]);
    assert.deepEqual(declared(feedOnly, ['parseFeed', ...others]), ['parseFeed']);
    assert.ok(feedOnly.bytes < everything.bytes * 0.6, `${feedOnly.bytes} of ${everything.bytes}`);
    for (const source of ["export * from 'wikirev';", "export * from 'wikirev/fetch';"]) {
      const b = await bundleForBrowser(source, installed.consumer);
      assert.deepEqual(
        b.inputs.filter((p) => p.startsWith('node:')),
        [],
        source,
      );
    }
  });

  it('publint --strict and attw --profile esm-only find nothing', () => {
    const publint = run(join(BIN, 'publint'), ['run', installed.tarball, '--strict'], ROOT);
    assert.match(publint, /All good!/);
    // attw exits non-zero on any problem of the profile.
    run(
      join(BIN, 'attw'),
      [installed.tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color'],
      ROOT,
    );
  });

  it('a TypeScript project without DOM or Node types compiles against the core', () => {
    writeFileSync(join(installed.consumer, 'core.ts'), CORE_TS);
    writeFileSync(
      join(installed.consumer, 'tsconfig.core.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['es2022'],
          types: [],
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          noEmit: true,
        },
        files: ['core.ts'],
      }),
    );
    run(process.execPath, [TSC, '-p', 'tsconfig.core.json'], installed.consumer);
  });

  it('the README links only to files the tarball ships', () => {
    const listing = execFileSync('tar', ['-tzf', installed.tarball], { encoding: 'utf8' });
    const shipped = new Set(listing.split('\n').map((f) => f.replace(/^package\//, '')));
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!);
    const relative = links.filter((l) => !/^[a-z]+:/.test(l));
    assert.ok(relative.length > 5, 'the README links its docs');
    assert.deepEqual(
      relative.filter((l) => !shipped.has(l)),
      [],
    );
    assert.ok(shipped.has('LICENSE') && shipped.has('dist/index.js'));
    // The licences of what dist/ bundles (scripts/build.mjs), one section per package.
    assert.ok(shipped.has('dist/THIRD_PARTY_NOTICES.md'));
    const notices = execFileSync(
      'tar',
      ['-xzOf', installed.tarball, 'package/dist/THIRD_PARTY_NOTICES.md'],
      { encoding: 'utf8' },
    );
    for (const name of ['he', 'fast-xml-parser', 'diff', 'date-fns', '@noble/hashes'])
      assert.match(notices, new RegExp(`^## ${name} \\d`, 'm'), name);
  });
});
