/**
 * Child process of dump.bench.ts: reads a generated dump of argv[2] bytes (argv[3] revisions
 * per page) streamed from the generator, and prints its peak RSS, so that memory is measured
 * per run in a fresh process.
 */

import { generateDump } from './generate-dump.js';
import { peakRssMb } from './peak-rss.js';

const { readDump }: typeof import('../src/dump.js') = await import(
  new URL('../dist/dump.js', import.meta.url).href
);
const totalBytes = Number(process.argv[2]);
const revisionsPerPage = Number(process.argv[3] ?? 50);
const t0 = performance.now();
let revisions = 0;
let bytes = 0;
async function* source() {
  for (const chunk of generateDump({ totalBytes, revisionsPerPage, textSize: 2000 })) {
    bytes += chunk.length;
    yield chunk;
  }
}
for await (const page of readDump(source())) {
  for await (const revision of page.revisions) {
    revisions++;
    if (revision.text === null) throw new Error('no text');
  }
}
console.log(
  JSON.stringify({
    bytes,
    revisions,
    seconds: (performance.now() - t0) / 1000,
    maxRssMb: peakRssMb(),
  }),
);
