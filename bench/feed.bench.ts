/**
 * parseFeed on a generated 50 MB contributions feed, side by side with a bare fast-xml-parser
 * parse of the same bytes (`ignoreAttributes: false`, default entity handling): MB/s of both,
 * their ratio, and peak memory (RSS growth over the input size).
 */
import { XMLParser } from 'fast-xml-parser';
import { lib } from './lib.js';

const { parseFeed } = lib;

import { generateContributionsFeed } from './generate-feed.js';

const feedText = generateContributionsFeed(50 * 1024 * 1024, 100 * 1024);
const bytes = new TextEncoder().encode(feedText);
const mb = bytes.byteLength / (1024 * 1024);
const runs = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

function measure(run: () => unknown): { mbps: number; peakMb: number } {
  const times: number[] = [];
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    const t0 = performance.now();
    const result = run();
    times.push(performance.now() - t0);
    peak = Math.max(peak, process.memoryUsage().rss - before);
    if (!result) throw new Error('no result');
  }
  return { mbps: mb / (median(times) / 1000), peakMb: peak / (1024 * 1024) };
}

const bare = measure(() =>
  new XMLParser({ ignoreAttributes: false }).parse(new TextDecoder().decode(bytes)),
);
const bareText = measure(() => new XMLParser({ ignoreAttributes: false }).parse(feedText));
const ours = measure(() => parseFeed(bytes));
const oursText = measure(() => parseFeed(feedText));
const entries = parseFeed(bytes).entries.length;

console.log(
  `input: generated contributions feed, ${mb.toFixed(1)} MiB, ${entries} entries of ~100 KiB wikitext`,
);
console.log(
  `median of ${runs} runs; peak = RSS growth during one run (rough: includes GC slack)\n`,
);
console.log('| what | MB/s | ratio to bare parse | peak memory / input |');
console.log('| --- | ---: | ---: | ---: |');
const row = (name: string, r: { mbps: number; peakMb: number }, base: { mbps: number }) =>
  console.log(
    `| ${name} | ${r.mbps.toFixed(1)} | ${(r.mbps / base.mbps).toFixed(2)}x | ${(r.peakMb / mb).toFixed(2)}x |`,
  );
row('bare fast-xml-parser, from string', bareText, bareText);
row('parseFeed, from string (decoding included)', oursText, bareText);
row('bare fast-xml-parser, from bytes (toString + parse)', bare, bare);
row('parseFeed, from bytes (UTF-8 check + decoding included)', ours, bare);
