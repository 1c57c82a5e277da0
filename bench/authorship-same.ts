/**
 * Checks that two builds of wikirev attribute the same histories alike, before a speed change
 * to the authorship code is kept: every revision's `add` stats, `blame` after each revision
 * (every 25th on long histories), `history()`, `tokensKept` and `authorshipStats`, with and
 * without `detectVandalism`, on every page of the authorship bench and on some 500 generated
 * histories (bench/generate-history.ts and the unseen flavours with other seeds and lengths, and
 * random histories with hidden, repeated, density-flagged and mass-deleted revisions, CRLF, `İ`,
 * `Σ`, table markup and minor edits with summaries), and 100 of authorship-fresh.ts's kinds.
 *
 * Usage: `node scripts/build.mjs /tmp/base-dist` on the build to compare with, then
 * `npm run build && node --import tsx bench/authorship-same.ts /tmp/base-dist` (the second
 * argument, the build under test, defaults to `dist/`). Exits 1 at the first difference.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freshHistory } from './authorship-fresh.js';
import { unseenHistory } from './authorship-histories.js';
import { authorshipPages, type Rev } from './authorship-pages.js';
import { prng } from './generate-feed.js';
import { generateHistory } from './generate-history.js';

type Lib = typeof import('../src/index.js');
const load = async (dir: string): Promise<Lib> =>
  import(pathToFileURL(resolve(dir, 'index.js')).href) as Promise<Lib>;
const [baseDir, testDir = new URL('../dist', import.meta.url).pathname] = process.argv.slice(2);
if (baseDir === undefined) {
  console.error('usage: authorship-same.ts <base dist dir> [<dist dir under test>]');
  process.exit(2);
}
const base = await load(baseDir);
const test = await load(testDir);

/**
 * Everything a build says about one history, as one line per call (short) or its SHA-1 (a blame
 * of the 1 MB page is tens of megabytes of JSON).
 */
function describe(lib: Lib, revisions: readonly Rev[], detectVandalism: boolean): string {
  const out: string[] = [];
  const push = (...lines: string[]) => {
    for (const line of lines) {
      out.push(line.length > 2000 ? createHash('sha1').update(line).digest('hex') : line);
    }
  };
  const tracker = lib.createAuthorship({ detectVandalism });
  const every = revisions.length > 60 ? 25 : 1;
  revisions.forEach((r, k) => {
    push(JSON.stringify(tracker.add(r)));
    if (k % every === 0 || k === revisions.length - 1) push(JSON.stringify(tracker.blame()));
  });
  const h = tracker.history();
  push(
    JSON.stringify({ ...h, origin: [...h.origin], firstRemoval: [...h.firstRemoval] }),
    String(tracker.tokensKept),
    JSON.stringify(lib.authorshipStats(revisions, { detectVandalism })),
  );
  return out.join('\n');
}

const histories: { name: string; revisions: readonly Rev[] }[] = [];
for (const page of await authorshipPages()) histories.push(page);
for (let seed = 1; seed <= 60; seed++) {
  for (const flavour of ['unicode', 'markup', 'turbulent'] as const) {
    histories.push({
      name: `${flavour} ${seed}`,
      revisions: unseenHistory(flavour, 1000 + seed, 20 + ((seed * 7) % 60)),
    });
  }
}
for (let seed = 1; seed <= 25; seed++) {
  for (const kind of ['talk', 'tables', 'scripts', 'restore'] as const) {
    histories.push({
      name: `${kind} ${seed}`,
      revisions: freshHistory(kind, 2000 + seed, 10 + ((seed * 13) % 70)),
    });
  }
}
for (let seed = 1; seed <= 100; seed++) {
  histories.push({
    name: `generated ${seed}`,
    revisions: generateHistory({
      seed: 500 + seed,
      revisions: 20 + (seed % 40),
      paragraphs: 3 + (seed % 15),
      turbulence: seed % 7,
    }),
  });
}
for (let seed = 1; seed <= 220; seed++)
  histories.push({ name: `random ${seed}`, revisions: random(seed) });

/** A random history with the cases the shortcuts must get right. */
function random(seed: number): Rev[] {
  const rnd = prng(seed * 104729 + 3);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const words = ['river', 'Mill', 'the', 'İstanbul', 'ΟΔΟΣ', 'σοφίας', '[[Tay]]', '{{T|x}}', 'é'];
  words.push('<ref>a</ref>', 'http://x.org/a b', '<!-- c -->', '1820', 'and', 'ß', '日本', '|-');
  const sentence = () => {
    const n = 1 + Math.floor(rnd() * 9);
    const ws = Array.from({ length: n }, () => pick(words));
    return `${ws.join(rnd() < 0.1 ? '\u00a0' : ' ')}${pick(['.', '. ', ';', '!', ':', ''])}`;
  };
  const paragraph = () => {
    if (rnd() < 0.08) return `{|\n|-\n| ${sentence()}\n|-\n| ${sentence()}\n|}`;
    if (rnd() < 0.08) return `== ${sentence()} ==`;
    return Array.from({ length: 1 + Math.floor(rnd() * 4) }, sentence).join(' ');
  };
  let paras = Array.from({ length: Math.floor(rnd() * 8) }, paragraph);
  const texts: string[] = [];
  const out: Rev[] = [];
  const n = 5 + Math.floor(rnd() * 40);
  for (let k = 0; k < n; k++) {
    const op = rnd();
    let text: string | null;
    let minor = false;
    let comment: string | null = null;
    if (op < 0.06) text = null;
    else if (op < 0.14 && texts.length > 0) text = pick(texts);
    else if (op < 0.2) text = `${pick(words)} `.repeat(20 + Math.floor(rnd() * 80));
    else if (op < 0.25) {
      const long = Array.from({ length: 40 }, paragraph).join('\n\n');
      texts.push(long);
      text = long;
    } else if (op < 0.3) {
      text = paras.slice(0, 1).join('\n\n');
      minor = rnd() < 0.5;
      comment = rnd() < 0.5 ? 'tidy' : null;
    } else {
      const edit = rnd();
      const at = Math.floor(rnd() * (paras.length + 1));
      if (edit < 0.3) paras.splice(at, 0, paragraph());
      else if (edit < 0.5) paras.splice(at, 1);
      else if (edit < 0.65 && at < paras.length) paras.push(paras.splice(at, 1)[0]!);
      else if (edit < 0.75) paras.push(paragraph());
      else if (paras.length > 0) {
        const p = Math.min(at, paras.length - 1);
        paras[p] = `${paras[p]} ${sentence()}`;
      }
      if (rnd() < 0.1) paras = paras.map((p) => (rnd() < 0.5 ? p.toUpperCase() : p));
      text = paras.join(rnd() < 0.15 ? '\r\n\r\n' : '\n\n');
      texts.push(text);
    }
    out.push({
      id: 100 + k,
      text,
      user: pick(['Ann', 'Bob', 'Cat', null]),
      timestamp: new Date(Date.UTC(2024, 0, 1, k)).toISOString(),
      comment,
      minor,
    });
  }
  return out;
}

let checked = 0;
for (const h of histories) {
  for (const detectVandalism of [true, false]) {
    const a = describe(base, h.revisions, detectVandalism);
    const b = describe(test, h.revisions, detectVandalism);
    if (a !== b) {
      const la = a.split('\n');
      const lb = b.split('\n');
      let k = 0;
      while (la[k] === lb[k]) k++;
      console.log(`DIFFERENT: ${h.name} (detectVandalism ${detectVandalism}), line ${k}:`);
      console.log(`  base: ${la[k]?.slice(0, 600)}`);
      console.log(`  test: ${lb[k]?.slice(0, 600)}`);
      process.exit(1);
    }
  }
  checked++;
}
console.log(`same on ${checked} histories (with and without detectVandalism)`);
