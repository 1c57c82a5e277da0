/**
 * Token authorship against WikiWho itself (wikiwho/WikiWho 1.0.3, MIT, pure Python), on the
 * same histories (bench/authorship-pages.ts): the MediaWiki corpus's pages, generated long
 * histories, reverts, the real 1.39 dump's pages, unseen unicode, markup and turbulent
 * histories, the fresh talk, tables, scripts and restore histories, and a 1 MB page with 150
 * revisions.
 *
 * For each page: the share of the final text's non-whitespace characters whose origin revision
 * agrees (WikiWho's tokens are laid over the lower-cased text in order), and the CPU time of one
 * analysis of the whole history on each side, each page timed in a fresh process of its own
 * (ours: `blame` in authorship-time-child.ts; WikiWho: `analyse_article` in wikiwho-driver.py,
 * after its import), both the same way: warm-up on the page itself until its batches stop
 * getting faster (V8 optimising on the main thread, see the child), then 3 to 9 batches of at
 * least 30 ms; per call the fastest batch (what the ratios use) and the median.
 * Process start, imports and JSON are not counted.
 *
 * WikiWho runs only when WIKIWHO_DIR names the folder holding its `WikiWho` package (a checkout
 * of github.com/wikiwho/WikiWho, never part of this package); it runs unchanged on Python 3.11.
 * The driver (wikiwho-driver.py) raises Python's recursion limit, since `Differ` recurses once
 * per synchronised token pair of a replaced block.
 *
 * Run with `WIKIWHO_DIR=/tmp/wikiwho npm run bench -- authorship`.
 */
import { spawnSync } from 'node:child_process';
import { compareWithWikiwho, type Disagreement } from './authorship-origins.js';
import { authorshipPages, type Page } from './authorship-pages.js';
import { lib } from './lib.js';

const { blame } = lib;

// AUTHORSHIP_GROUPS=corpus,reverts runs only those groups (and skips the memory tables).
const only = process.env.AUTHORSHIP_GROUPS?.split(',');
const pages = (await authorshipPages()).filter((p) => only === undefined || only.includes(p.group));

/** CPU ms per call on one page: the fastest batch and the median one. */
interface Timing {
  readonly min: number;
  readonly median: number;
}

/** Ours on one page, in a fresh child process (authorship-time-child.ts), from the page's JSON. */
function runOurs(page: Page, json: string): Timing | undefined {
  const run = spawnSync(
    process.execPath,
    [
      '--no-concurrent-recompilation',
      '--import',
      'tsx',
      new URL('authorship-time-child.ts', import.meta.url).pathname,
    ],
    { input: json, maxBuffer: 1 << 20, encoding: 'utf8' },
  );
  if (run.status !== 0) {
    console.log(`ours failed on ${page.name} (${run.status}): ${run.stderr.slice(-2000)}`);
    return undefined;
  }
  return JSON.parse(run.stdout) as Timing;
}

interface WikiwhoResult {
  /** CPU seconds per call: the fastest batch, and the median one. */
  readonly seconds: number;
  readonly median: number;
  readonly revisionId: number | null;
  readonly tokens: [string, number, number[], number[]][];
}

const dir = process.env.WIKIWHO_DIR;
if (dir === undefined || dir === '') {
  console.log('WIKIWHO_DIR is not set: WikiWho skipped, only our timings are shown.\n');
}

/**
 * WikiWho on one page, in a Python process of its own started just before ours is timed on the
 * same page: the machine's load changes over the minutes the bench takes, so each page's ratio
 * is of two timings made side by side.
 */
function runWikiwho(page: Page, json: string): WikiwhoResult | undefined {
  if (dir === undefined || dir === '') return undefined;
  const run = spawnSync('python3', [new URL('wikiwho-driver.py', import.meta.url).pathname], {
    input: json,
    env: { ...process.env, WIKIWHO_DIR: dir },
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    console.log(`WikiWho failed on ${page.name} (${run.status}): ${run.stderr.slice(-2000)}`);
    return undefined;
  }
  return JSON.parse(run.stdout) as WikiwhoResult;
}

/** The disagreeing runs of characters, for their list (DISAGREEMENTS=1). */
const disagreements: (Disagreement & { readonly page: string })[] = [];

/** Non-whitespace characters of the text, and how many have the same origin in both. */
function agreement(page: Page, ww: WikiwhoResult): { chars: number; agree: number } {
  if (ww.revisionId === null) return { chars: 0, agree: 0 };
  const ours = blame(page.revisions, { revisionId: ww.revisionId })!;
  const r = compareWithWikiwho(ours.text, ours.tokens, ww.tokens);
  for (const d of r.runs) disagreements.push({ page: page.name, ...d });
  return r;
}

interface Group {
  chars: number;
  agree: number;
  ours: number;
  oursMedian: number;
  theirs: number;
  theirsMedian: number;
  /** Each page's WikiWho time over ours (fastest batches). */
  readonly ratios: number[];
}
const groups = new Map<string, Group>();
console.log(
  '| page | revisions | final KB | ours ms (min / median) | WikiWho ms (min / median) | speed × | agreement |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
const ms = (x: number) => (x < 1 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(0));
let compared = false;
for (const page of pages) {
  const json = JSON.stringify({ revisions: page.revisions });
  const ww = runWikiwho(page, json);
  const ours = runOurs(page, json);
  if (ours === undefined) continue;
  const last = page.revisions.findLast((r) => r.text !== null);
  const kb = ((last?.text?.length ?? 0) / 1024).toFixed(1);
  const g = groups.get(page.group) ?? {
    chars: 0,
    agree: 0,
    ours: 0,
    oursMedian: 0,
    theirs: 0,
    theirsMedian: 0,
    ratios: [],
  };
  groups.set(page.group, g);
  g.ours += ours.min;
  g.oursMedian += ours.median;
  const mine = `${ms(ours.min)} / ${ms(ours.median)}`;
  if (ww === undefined) {
    console.log(`| ${page.name} | ${page.revisions.length} | ${kb} | ${mine} | | | |`);
    continue;
  }
  compared = true;
  const a = agreement(page, ww);
  g.chars += a.chars;
  g.agree += a.agree;
  g.theirs += ww.seconds * 1000;
  g.theirsMedian += ww.median * 1000;
  const share = a.chars > 0 ? `${((100 * a.agree) / a.chars).toFixed(2)} %` : 'n/a';
  const ratio = (ww.seconds * 1000) / ours.min;
  console.log(
    `| ${page.name} | ${page.revisions.length} | ${kb} | ${mine} | ${ms(ww.seconds * 1000)} / ${ms(ww.median * 1000)} | ${ratio.toFixed(1)} | ${share} |`,
  );
  g.ratios.push(ratio);
}
if (compared) {
  console.log(
    '\n| group | agreement (non-whitespace characters) | speed × (WikiWho / ours, summed fastest batches) | same, summed medians | slowest page × |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  let chars = 0;
  let agree = 0;
  for (const [name, g] of groups) {
    chars += g.chars;
    agree += g.agree;
    console.log(
      `| ${name} | ${((100 * g.agree) / g.chars).toFixed(2)} % of ${g.chars} | ${(g.theirs / g.ours).toFixed(1)} | ${(g.theirsMedian / g.oursMedian).toFixed(1)} | ${Math.min(...g.ratios).toFixed(1)} |`,
    );
  }
  console.log(`| all | ${((100 * agree) / chars).toFixed(2)} % of ${chars} | | | |`);
  if (process.env.DISAGREEMENTS === '1') {
    console.log("\nDisagreeing runs (page: text around the run, our origin / WikiWho's):");
    for (const d of disagreements) {
      console.log(`- ${d.page}: ${JSON.stringify(d.text)} r${d.ours} / r${d.theirs}`);
    }
  }
}

if (only === undefined) {
  // Memory of a long history, in fresh child processes (peak RSS): one page of a generated dump
  // of 90 MB (revisions of 300,000 characters, 240 of them fit), streamed through the tracker as
  // `wikirev blame` does with a dump, against holding the revisions first.
  console.log(
    '\n| one dump page of 300,000-character revisions | revisions | peak RSS | CPU s | tokens |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const mode of ['stream', 'hold']) {
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        new URL('authorship-rss-child.ts', import.meta.url).pathname,
        mode,
        '300',
        '300000',
      ],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) {
      console.log(`| ${mode} | failed: ${child.stderr.slice(-300)} | | | |`);
      continue;
    }
    const r = JSON.parse(child.stdout) as {
      revisions: number;
      peakRssMb: number;
      cpuSeconds: number;
      tokens: number;
    };
    console.log(
      `| ${mode} | ${r.revisions} | ${r.peakRssMb.toFixed(0)} MB | ${r.cpuSeconds.toFixed(2)} | ${r.tokens} |`,
    );
  }

  // Memory the tracker holds per kept token (`tokensKept`: the tokens of every distinct sentence)
  // and per revision, from two lengths of the same history in fresh child processes (live heap
  // after a collection, the history's own texts not counted).
  console.log(
    '\n| history | revisions | tokens kept | live MB | bytes per kept token | bytes per revision |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [kind, short, long] of [
    ['article', 2000, 8000],
    ['lines', 5000, 20000],
  ] as const) {
    const runs = [short, long].map((n) => {
      const child = spawnSync(
        process.execPath,
        [
          '--expose-gc',
          '--import',
          'tsx',
          new URL('authorship-rss-child.ts', import.meta.url).pathname,
          'kept',
          String(n),
          kind,
        ],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      if (child.status !== 0) throw new Error(child.stderr.slice(-500));
      return JSON.parse(child.stdout) as { revisions: number; kept: number; liveMb: number };
    });
    const [a, b] = runs as [(typeof runs)[number], (typeof runs)[number]];
    const bytes = (b.liveMb - a.liveMb) * 2 ** 20;
    for (const r of runs) {
      console.log(
        `| ${kind} | ${r.revisions} | ${r.kept} | ${r.liveMb.toFixed(1)} | ${(bytes / (b.kept - a.kept)).toFixed(0)} | ${(bytes / (b.revisions - a.revisions)).toFixed(0)} |`,
      );
    }
  }
}
