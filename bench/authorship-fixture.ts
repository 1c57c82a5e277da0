/**
 * Writes WikiWho's own attribution (wikiwho/WikiWho 1.0.3, run through bench/wikiwho-driver.py)
 * into fixtures/authorship-wikiwho/, the ground truth of two tests:
 * - dump-mediawiki-1.39.json: the last revision of every page of the real MediaWiki 1.39 dump
 *   in fixtures/dump-mediawiki-1.39, for test/authorship-wikiwho.test.ts;
 * - golden.json: every page of the feeds the golden reports (fixtures/golden/) are made of,
 *   with the tokens each revision wrote first over the whole history, for
 *   test/authorship-golden.test.ts, which recomputes the reports' Authorship parts from it;
 * - fresh.json: the last revision of seeded histories of each kind of bench/authorship-fresh.ts
 *   (talk, tables, scripts, restore), for test/authorship-wikiwho.test.ts, which makes the same
 *   histories again from their seeds.
 * Run with `WIKIWHO_DIR=/tmp/wikiwho node --import tsx bench/authorship-fixture.ts`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseFeed } from '../src/feed/parse-feed.js';
import { buildHistory } from '../src/revisions/build-history.js';
import { FRESH_FIXTURE, freshHistory } from './authorship-fresh.js';
import { realDumpPages } from './authorship-histories.js';

/** The feeds of the golden reports, as test/report.test.ts names them. */
const GOLDEN_FEEDS: readonly (readonly [string, string])[] = [
  ['seed', 'seed-openvz/openvz-dlezcano.contributions.atom.xml'],
  ['sandbox-history', 'mediawiki-oracle/feeds/history/sandbox.limit500.atom.xml'],
  [
    'carol-smith-contributions',
    'mediawiki-oracle/feeds/contributions/carol-smith.limit500.atom.xml',
  ],
];

interface Result {
  readonly revisionId: number | null;
  readonly tokens: unknown[][];
  readonly revisions: number;
  readonly added: Record<string, number>;
}

function wikiwho(histories: readonly { readonly revisions: readonly unknown[] }[]): Result[] {
  const dir = process.env.WIKIWHO_DIR;
  if (dir === undefined || dir === '') throw new Error('WIKIWHO_DIR must name a WikiWho checkout');
  const run = spawnSync('python3', [new URL('wikiwho-driver.py', import.meta.url).pathname], {
    input: histories.map((p) => JSON.stringify({ revisions: p.revisions })).join('\n'),
    env: { ...process.env, WIKIWHO_DIR: dir },
    maxBuffer: 1 << 28,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Result);
}

const out = (name: string, data: unknown) =>
  writeFileSync(
    new URL(`../fixtures/authorship-wikiwho/${name}`, import.meta.url),
    `${JSON.stringify(data)}\n`,
  );

if (import.meta.url === `file://${process.argv[1]}`) {
  const pages = await realDumpPages();
  const results = wikiwho(pages);
  out('dump-mediawiki-1.39.json', {
    source:
      'WikiWho 1.0.3 (github.com/wikiwho/WikiWho, MIT) on fixtures/dump-mediawiki-1.39/full-0.11.xml, by bench/authorship-fixture.ts',
    pages: pages.map((p, k) => ({
      title: p.name,
      revisionId: results[k]!.revisionId,
      // [lower-cased token value, origin revision, outbound, inbound]
      tokens: results[k]!.tokens,
    })),
  });
  const golden: { report: string; title: string; revisions: unknown[] }[] = [];
  for (const [report, feed] of GOLDEN_FEEDS) {
    const history = buildHistory([
      parseFeed(readFileSync(new URL(`../fixtures/${feed}`, import.meta.url))),
    ]);
    for (const page of history.pages) {
      golden.push({
        report,
        title: page.title,
        revisions: page.revisions.map((r) => ({
          id: r.id,
          text: r.text,
          user: r.user,
          timestamp: r.timestamp,
          comment: r.comment,
          minor: r.minor,
        })),
      });
    }
  }
  const goldenResults = wikiwho(golden);
  out('golden.json', {
    source:
      "WikiWho 1.0.3 (github.com/wikiwho/WikiWho, MIT) on the pages of the golden reports' feeds, by bench/authorship-fixture.ts",
    pages: golden.map((p, k) => ({
      report: p.report,
      title: p.title,
      revisionId: goldenResults[k]!.revisionId,
      revisions: goldenResults[k]!.revisions,
      // [lower-cased token value, origin revision, outbound, inbound]
      tokens: goldenResults[k]!.tokens,
      // Tokens each revision wrote first over the whole history, by revision id.
      added: goldenResults[k]!.added,
    })),
  });
  const fresh = FRESH_FIXTURE.map(([kind, seed, revisions]) => ({
    kind,
    seed,
    revisions: freshHistory(kind, seed, revisions),
  }));
  const freshResults = wikiwho(fresh);
  out('fresh.json', {
    source:
      'WikiWho 1.0.3 (github.com/wikiwho/WikiWho, MIT) on histories of bench/authorship-fresh.ts, by bench/authorship-fixture.ts',
    pages: fresh.map((p, k) => ({
      kind: p.kind,
      seed: p.seed,
      revisions: p.revisions.length,
      revisionId: freshResults[k]!.revisionId,
      // [lower-cased token value, origin revision, outbound, inbound]
      tokens: freshResults[k]!.tokens,
    })),
  });
  console.log(
    `${pages.length} dump pages, ${golden.length} golden pages and ${fresh.length} fresh histories written`,
  );
}
