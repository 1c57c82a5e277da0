/**
 * Token authorship against WikiWho itself (wikiwho/WikiWho 1.0.3, MIT, pure Python), on the
 * same histories: the MediaWiki corpus's pages (fixtures/mediawiki-oracle/truth/revisions, the
 * revision-deleted page in its anonymous view too, so one text is hidden), generated long
 * histories, a page of reverts and reinsertions, and a 1 MB page with 150 revisions.
 *
 * For each page: the share of the final text's non-whitespace characters whose origin revision
 * agrees (WikiWho's tokens are laid over the lower-cased text in order), and the CPU time of
 * both (ours: `blame` over the whole history, median of 5 batches, 3 for the 1 MB page, each
 * batch repeating the call for at least 20 ms; WikiWho: `analyse_article` alone, repeated for
 * at least 50 ms, timed inside Python, so process start and JSON are not counted).
 *
 * WikiWho runs only when WIKIWHO_DIR names the folder holding its `WikiWho` package (a checkout
 * of github.com/wikiwho/WikiWho, never part of this package); it runs unchanged on Python 3.11.
 * The driver (wikiwho-driver.py) raises Python's recursion limit, since `Differ` recurses once
 * per synchronised token pair of a replaced block.
 *
 * Run with `WIKIWHO_DIR=/tmp/wikiwho npm run bench -- authorship`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { isSpace } from '../src/authorship/split-text.js';
import { realDumpPages, unseenHistory } from './authorship-histories.js';
import { wikiwhoOrigins } from './authorship-origins.js';
import { generateHistory } from './generate-history.js';
import { lib } from './lib.js';

const { blame } = lib;

interface Rev {
  readonly id: number;
  readonly text: string | null;
  readonly user: string | null;
  readonly timestamp: string | null;
  readonly comment: string | null;
  readonly minor: boolean;
}
interface Page {
  readonly group: string;
  readonly name: string;
  readonly revisions: readonly Rev[];
}

const pages: Page[] = [];
const truth = new URL('../fixtures/mediawiki-oracle/truth/revisions/', import.meta.url);
for (const file of readdirSync(truth).sort()) {
  const anon = file.endsWith('.anon.json');
  if (!file.endsWith('.admin.json') && !(anon && file.startsWith('revdel-target'))) continue;
  const { page } = JSON.parse(readFileSync(new URL(file, truth), 'utf8')) as {
    page?: {
      revisions?: {
        revid: number;
        user?: string;
        timestamp: string;
        comment?: string;
        minor?: boolean;
        slots?: { main?: { content?: string } };
      }[];
    };
  };
  if (!page?.revisions?.length) continue;
  pages.push({
    group: 'corpus',
    name: file.replace('.json', ''),
    revisions: page.revisions.map((r) => ({
      id: r.revid,
      text: r.slots?.main?.content ?? null,
      user: r.user ?? null,
      timestamp: r.timestamp,
      comment: r.comment ?? null,
      minor: r.minor ?? false,
    })),
  });
}
for (const seed of [1, 2, 3, 4]) {
  pages.push({
    group: 'generated',
    name: `seed ${seed}, 300 revisions`,
    revisions: generateHistory({ seed, revisions: 300, paragraphs: 40 }),
  });
}
pages.push({
  group: 'reverts',
  name: 'reverts and reinsertions, 200 revisions',
  revisions: generateHistory({ seed: 7, revisions: 200, paragraphs: 25, turbulence: 6 }),
});
pages.push({ group: 'reverts', name: 'hand-made reverts', revisions: handMade() });
// Histories never used while the code was written (bench/authorship-histories.ts).
for (const page of await realDumpPages()) {
  pages.push({ group: 'real dump', name: page.name, revisions: page.revisions });
}
for (const flavour of ['unicode', 'markup', 'turbulent'] as const) {
  for (const seed of [101, 202]) {
    pages.push({
      group: `unseen ${flavour}`,
      name: `${flavour}, seed ${seed}, 200 revisions`,
      revisions: unseenHistory(flavour, seed, 200),
    });
  }
}
pages.push({
  group: '1 MB',
  name: '1 MB page, 150 revisions',
  revisions: generateHistory({ seed: 11, revisions: 150, paragraphs: 4200, turbulence: 0 }),
});

/** A short history whose attribution is obvious: an undo, a revert, a move, a reinsertion. */
function handMade(): Rev[] {
  const a = 'The river rises in the hills. It flows north.';
  const b = 'Its valley is wide and green.';
  const c = '== History ==\nA mill was built in 1820.';
  const d = 'Fishermen use the lower reaches.';
  const texts: [string, string][] = [
    ['Ann', [a, b].join('\n\n')],
    ['Bob', [a, b, c].join('\n\n')],
    ['Vandal', [a, 'THE RIVER IS STUPID'].join('\n\n')],
    ['Ann', [a, b, c].join('\n\n')],
    ['Cat', [a, b, c, d].join('\n\n')],
    ['Dan', [c, a, b, d].join('\n\n')],
    ['Eve', [c, a, d].join('\n\n')],
    ['Fay', [c, a, b, d].join('\n\n')],
    ['Gus', [c, a.replace('north', 'north-east'), b, d].join('\n\n')],
    ['Hal', [c, a, b, d].join('\n\n')],
  ];
  return texts.map(([user, text], k) => ({
    id: 1 + k,
    text,
    user,
    timestamp: new Date(Date.UTC(2024, 0, 1 + k)).toISOString(),
    comment: null,
    minor: false,
  }));
}

/** CPU ms of calling `fn` in doubling steps (1, 2, 4… calls) until `ms` have passed, per call. */
function perCall(fn: () => unknown, ms: number): number {
  // The clock is read after 1, 2, 4… calls: reading it is a system call, costing as much as a
  // small page's whole analysis.
  const c = process.cpuUsage();
  let calls = 0;
  let spent = 0;
  for (let step = 1; spent < ms; step *= 2) {
    for (let k = 0; k < step; k++) fn();
    calls += step;
    const { user, system } = process.cpuUsage(c);
    spent = (user + system) / 1000;
  }
  return spent / calls;
}

/**
 * Median CPU time in ms of one call, over `runs` batches, after 100 ms of warm-up calls (a
 * small page's code is not optimised by V8 after a few calls: timed cold, a 60-character page
 * took 140 µs instead of 12). CPU time, not wall time: this machine's 2 cores are shared with
 * other jobs, and WikiWho's side is timed the same way. A batch repeats the call for at least
 * 20 ms; WikiWho's driver likewise repeats each page for 50 ms (CPython has no JIT to warm).
 */
const median = (fn: () => unknown, runs: number): number => {
  perCall(fn, 100);
  const times = Array.from({ length: runs }, () => perCall(fn, 20));
  return times.sort((x, y) => x - y)[runs >> 1]!;
};

interface WikiwhoResult {
  readonly seconds: number;
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
function runWikiwho(page: Page): WikiwhoResult | undefined {
  if (dir === undefined || dir === '') return undefined;
  const run = spawnSync('python3', [new URL('wikiwho-driver.py', import.meta.url).pathname], {
    input: JSON.stringify({ revisions: page.revisions }),
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

/** One disagreeing run of characters, for the list of disagreements (DISAGREEMENTS=1). */
interface Disagreement {
  readonly page: string;
  readonly text: string;
  readonly ours: number;
  readonly theirs: number;
}
const disagreements: Disagreement[] = [];

/** Non-whitespace characters of the text, and how many have the same origin in both. */
function agreement(page: Page, ww: WikiwhoResult): { chars: number; agree: number } {
  if (ww.revisionId === null) return { chars: 0, agree: 0 };
  const ours = blame(page.revisions, { revisionId: ww.revisionId })!;
  const text = ours.text;
  const mine = new Int32Array(text.length).fill(-1);
  for (const t of ours.tokens) mine.fill(t.originRevisionId, t.start, t.end);
  const theirs = wikiwhoOrigins(text, ww.tokens).origins;
  let chars = 0;
  let agree = 0;
  for (let k = 0; k < text.length; k++) {
    if (isSpace(text.charCodeAt(k))) continue;
    chars++;
    if (mine[k] === theirs[k]) agree++;
    else if (mine[k - 1] === theirs[k - 1] || isSpace(text.charCodeAt(k - 1))) {
      let end = k;
      while (end < text.length && mine[end] !== theirs[end]) end++;
      disagreements.push({
        page: page.name,
        text: text.slice(Math.max(0, k - 20), Math.min(text.length, end + 20)),
        ours: mine[k]!,
        theirs: theirs[k]!,
      });
    }
  }
  return { chars, agree };
}

// Warm up every code path first, so that no page is timed on code V8 has not optimised yet.
for (let k = 0; k < 3; k++)
  for (const page of pages) if (page.group !== '1 MB') blame(page.revisions);

interface Group {
  chars: number;
  agree: number;
  ours: number;
  theirs: number;
  /** Each page's WikiWho time over ours. */
  readonly ratios: number[];
}
const groups = new Map<string, Group>();
console.log('| page | revisions | final KB | ours ms | WikiWho ms | speed ×  | agreement |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
let compared = false;
for (const page of pages) {
  const ww = runWikiwho(page);
  const ms = median(() => blame(page.revisions), page.group === '1 MB' ? 3 : 5);
  const last = page.revisions.findLast((r) => r.text !== null);
  const kb = ((last?.text?.length ?? 0) / 1024).toFixed(1);
  const g = groups.get(page.group) ?? { chars: 0, agree: 0, ours: 0, theirs: 0, ratios: [] };
  groups.set(page.group, g);
  g.ours += ms;
  if (ww === undefined) {
    console.log(`| ${page.name} | ${page.revisions.length} | ${kb} | ${ms.toFixed(1)} | | | |`);
    continue;
  }
  compared = true;
  const a = agreement(page, ww);
  g.chars += a.chars;
  g.agree += a.agree;
  g.theirs += ww.seconds * 1000;
  const share = a.chars > 0 ? `${((100 * a.agree) / a.chars).toFixed(2)} %` : 'n/a';
  console.log(
    `| ${page.name} | ${page.revisions.length} | ${kb} | ${ms.toFixed(1)} | ${(ww.seconds * 1000).toFixed(1)} | ${((ww.seconds * 1000) / ms).toFixed(1)} | ${share} |`,
  );
  g.ratios.push((ww.seconds * 1000) / ms);
}
if (compared) {
  console.log(
    '\n| group | agreement (non-whitespace characters) | speed × (WikiWho / ours, summed) | slowest page × |',
  );
  console.log('| --- | --- | --- | --- |');
  let chars = 0;
  let agree = 0;
  for (const [name, g] of groups) {
    chars += g.chars;
    agree += g.agree;
    console.log(
      `| ${name} | ${((100 * g.agree) / g.chars).toFixed(2)} % of ${g.chars} | ${(g.theirs / g.ours).toFixed(1)} | ${Math.min(...g.ratios).toFixed(1)} |`,
    );
  }
  console.log(`| all | ${((100 * agree) / chars).toFixed(2)} % of ${chars} | | |`);
  if (process.env.DISAGREEMENTS === '1') {
    console.log("\nDisagreeing runs (page: text around the run, our origin / WikiWho's):");
    for (const d of disagreements) {
      console.log(`- ${d.page}: ${JSON.stringify(d.text)} r${d.ours} / r${d.theirs}`);
    }
  }
}

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
