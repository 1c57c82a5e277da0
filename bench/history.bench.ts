/**
 * buildHistory on the oracle corpus's feeds, then on generated inputs at n and 4·n whose cost
 * was once quadratic: a history feed whose diff tables chain back to the creation (read newest
 * first), and a contributions feed of link-stripped page-move comments. A linear build takes
 * about 4 times as long at 4·n (the `×4` column); a quadratic one about 16 times.
 *
 * Prints medians of CPU time in ms. Run with `npm run bench -- history`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feed } from '../src/model.js';
import { lib } from './lib.js';

const { buildHistory, parseFeed } = lib;
const testing: typeof import('../src/testing.js') = await import(
  new URL('../dist/testing.js', import.meta.url).href
);

/** Median CPU time (user + system) of `runs` calls, after one warm-up: steadier than wall time
 *  on a shared machine, where other processes take turns on the cores. */
function median(fn: () => unknown, runs: number): number {
  fn();
  const times = Array.from({ length: runs }, () => {
    const before = process.cpuUsage();
    fn();
    const spent = process.cpuUsage(before);
    return (spent.user + spent.system) / 1000;
  });
  return times.sort((a, b) => a - b)[runs >> 1]!;
}

const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : 1);
const minute = (i: number) =>
  new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString().replace('.000', '');

/** Every feed of fixtures/mediawiki-oracle that parses (variants included). */
function corpusFeeds(): Feed[] {
  const root = fileURLToPath(new URL('../fixtures/mediawiki-oracle/', import.meta.url));
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : path.endsWith('.xml') ? [path] : [];
    });
  return walk(root)
    .sort()
    .flatMap((path) => {
      try {
        return [parseFeed(readFileSync(path))];
      } catch {
        return [];
      }
    });
}

/** A history feed of `n` revisions of one page, each a diff table from the previous one. */
function chainFeed(n: number): Feed {
  const revisions = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    pageTitle: 'Long page',
    text: `line a\nrevision ${i + 1}\nline c`,
    timestamp: minute(i),
    user: 'Ann',
    comment: `edit ${i}`,
  }));
  return parseFeed(testing.buildFeed(revisions, { kind: 'history' }));
}

/** A contributions feed of `n` page moves, their comments with the links stripped. */
function movesFeed(n: number): Feed {
  const revisions = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    pageTitle: `New title ${i}`,
    text: 'x',
    timestamp: minute(i),
    user: 'Ann',
    comment: `Ann moved page [[Old title ${i}]] to [[New title ${i}]]: tidy`,
  }));
  return parseFeed(testing.buildFeed(revisions, { kind: 'contributions' }));
}

const corpus = corpusFeeds();
console.log(`| input | buildHistory (ms) |\n| --- | ---: |`);
console.log(
  `| ${corpus.length} corpus feeds, one call each | ${fmt(
    median(
      () =>
        corpus.forEach((f) => {
          buildHistory(f);
        }),
      10,
    ),
  )} |`,
);
console.log(
  `| ${corpus.length} corpus feeds in one call | ${fmt(median(() => buildHistory(corpus), 10))} |`,
);

console.log(
  `\n| generated input | n | at n (ms) | at 4·n (ms) | ×4 |\n| --- | ---: | ---: | ---: | ---: |`,
);
for (const [name, make, n] of [
  ['history feed, diff tables chained to the creation', chainFeed, 1000],
  ['contributions feed of page moves', movesFeed, 500],
] as const) {
  const small = make(n);
  const large = make(4 * n);
  const a = median(() => buildHistory(small), 5);
  const b = median(() => buildHistory(large), 5);
  console.log(`| ${name} | ${n} | ${fmt(a)} | ${fmt(b)} | ${(b / a).toFixed(1)} |`);
}
