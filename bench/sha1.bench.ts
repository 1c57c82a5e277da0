/**
 * SHA-1 of a revision text, as `buildHistory` computes it for every revision (hex of the UTF-8
 * bytes), by the three candidates side by side in this process, interleaved:
 * - `node:crypto` (OpenSSL, Node only),
 * - `@noble/hashes` (audited pure JS, runs everywhere, synchronous),
 * - `hash-wasm` (WASM; its hasher can only be created with `await`, so a synchronous
 *   `buildHistory` could only use it after a top-level await, which `require()` refuses).
 * Pages of 200 KB and 1 MB of wikitext with some non-ASCII text; also `wikirev`'s own `sha1Hex`
 * (the portable path when run without the `node` condition). Prints medians in ms and MB/s.
 *
 * Run with `npm run bench -- sha1`.
 */
import { createHash } from 'node:crypto';
import { sha1 as nobleSha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { createSHA1 } from 'hash-wasm';
import { lib } from './lib.js';

const { sha1Hex } = lib;

function page(bytes: number): string {
  const para =
    "'''Wikirev''' reads [[MediaWiki]] feeds {{cite web|url=https://example.org|title=Ünïcode — 日本語}}.\n";
  return para.repeat(Math.ceil(bytes / para.length)).slice(0, bytes);
}

const encoder = new TextEncoder();
const wasm = await createSHA1();

const contenders: ReadonlyArray<readonly [string, (text: string) => string]> = [
  ['node:crypto', (t) => createHash('sha1').update(t, 'utf8').digest('hex')],
  ['@noble/hashes', (t) => bytesToHex(nobleSha1(encoder.encode(t)))],
  ['hash-wasm (pre-created)', (t) => wasm.init().update(t).digest('hex')],
  ['wikirev sha1Hex', (t) => sha1Hex(t)],
];

function measure(text: string, rounds: number): Map<string, number> {
  const times = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
  const digests = new Set(contenders.map(([, fn]) => fn(text)));
  if (digests.size !== 1) throw new Error(`digests differ: ${[...digests].join(' ')}`);
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of contenders) {
      const t0 = performance.now();
      fn(text);
      times.get(name)!.push(performance.now() - t0);
    }
  }
  return new Map(
    [...times].map(([name, ts]) => [name, ts.sort((a, b) => a - b)[Math.floor(ts.length / 2)]!]),
  );
}

const rows: string[][] = [];
for (const [label, size, rounds] of [
  ['200 KB', 200_000, 60],
  ['1 MB', 1_000_000, 20],
] as const) {
  const text = page(size);
  const mb = encoder.encode(text).length / 1e6;
  const medians = measure(text, rounds);
  const native = medians.get('node:crypto')!;
  for (const [name, ms] of medians) {
    rows.push([
      label,
      name,
      ms.toFixed(3),
      (mb / (ms / 1000)).toFixed(0),
      (ms / native).toFixed(1),
    ]);
  }
}
console.log('| page | implementation | median ms | MB/s | × node:crypto |');
console.log('|---|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
