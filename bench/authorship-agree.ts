/**
 * Agreement with WikiWho on many seeded histories, without timing (the bench times a few pages
 * each; this checks many): for each kind of bench/authorship-fresh.ts (and the older unseen
 * flavours), histories of several seeds and lengths are run through WikiWho once
 * (wikiwho-driver.py with WIKIWHO_TIMING=0) and through our `blame`, and the share of
 * non-whitespace characters of the last revision with the same origin is printed per kind, with
 * the tokens cut alike whose deletions or reinsertions differ, and the disagreeing runs.
 *
 * Run with `npm run build && WIKIWHO_DIR=/tmp/wikiwho node --import tsx bench/authorship-agree.ts
 * [kinds] [seeds] [revisions]` (defaults: all fresh kinds, seeds 1–12, 20–160 revisions).
 */
import { spawnSync } from 'node:child_process';
import { type FreshKind, freshHistory } from './authorship-fresh.js';
import { type Flavour, unseenHistory } from './authorship-histories.js';
import { compareWithWikiwho } from './authorship-origins.js';
import type { Rev } from './authorship-pages.js';
import { lib } from './lib.js';

const FRESH: readonly FreshKind[] = ['talk', 'tables', 'scripts', 'restore'];
const OLD: readonly Flavour[] = ['unicode', 'markup', 'turbulent'];
const [kindsArg, seedsArg, revsArg] = process.argv.slice(2);
const kinds = kindsArg?.split(',') ?? FRESH;
const seeds = Number(seedsArg ?? 12);
const maxRevisions = Number(revsArg ?? 160);

/** The history of one kind and seed. */
export function history(kind: string, seed: number, revisions: number): Rev[] {
  if ((FRESH as readonly string[]).includes(kind)) {
    return freshHistory(kind as FreshKind, seed, revisions);
  }
  if ((OLD as readonly string[]).includes(kind))
    return unseenHistory(kind as Flavour, seed, revisions);
  throw new Error(`unknown kind ${kind}`);
}

type WikiwhoTokens = [string, number, number[], number[]][];

function wikiwho(
  histories: readonly (readonly Rev[])[],
): { revisionId: number | null; tokens: WikiwhoTokens }[] {
  const run = spawnSync('python3', [new URL('wikiwho-driver.py', import.meta.url).pathname], {
    input: histories.map((revisions) => JSON.stringify({ revisions })).join('\n'),
    env: { ...process.env, WIKIWHO_TIMING: '0' },
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr.slice(-3000));
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.env.WIKIWHO_DIR) throw new Error('WIKIWHO_DIR must name a WikiWho checkout');
  for (const kind of kinds) {
    const cases: { seed: number; revisions: Rev[] }[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const n = 20 + ((seed * 37) % Math.max(1, maxRevisions - 19));
      cases.push({ seed, revisions: history(kind, seed, n) });
    }
    const results = wikiwho(cases.map((c) => c.revisions));
    let chars = 0;
    let agree = 0;
    let tokens = 0;
    let differs = 0;
    const bad: string[] = [];
    for (const [k, c] of cases.entries()) {
      const ww = results[k]!;
      if (ww.revisionId === null) continue;
      const ours = lib.blame(c.revisions, { revisionId: ww.revisionId })!;
      const r = compareWithWikiwho(ours.text, ours.tokens, ww.tokens);
      chars += r.chars;
      agree += r.agree;
      tokens += r.sameTokens;
      differs += r.historyDiffers;
      if (r.agree < r.chars || r.historyDiffers > 0) {
        bad.push(
          `  seed ${c.seed} (${c.revisions.length} revisions): ${r.chars - r.agree} characters, ${r.historyDiffers} token histories differ`,
        );
        for (const d of r.runs.slice(0, 5)) {
          bad.push(`    ${JSON.stringify(d.text)} ours r${d.ours} / WikiWho r${d.theirs}`);
        }
      }
    }
    console.log(
      `${kind}: ${((100 * agree) / chars).toFixed(2)} % of ${chars} characters; ${differs} of ${tokens} tokens with other deletions/reinsertions`,
    );
    for (const line of bad) console.log(line);
  }
}
