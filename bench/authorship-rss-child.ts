/**
 * Child process of authorship.bench.ts: blames the one page of a generated dump (argv[2]
 * revisions of argv[3] characters each, streamed from the generator, never on disk), either
 * streaming each revision through the tracker as `wikirev blame` does with a dump (`stream`)
 * or holding the page's revisions first and calling `blame` (`hold`), and prints the peak RSS
 * and the CPU time, so that memory is measured per run in a fresh process.
 */
import { generateDump } from './generate-dump.js';

const { readDump }: typeof import('../src/dump.js') = await import(
  new URL('../dist/dump.js', import.meta.url).href
);
const { blame, createAuthorship }: typeof import('../src/index.js') = await import(
  new URL('../dist/index.js', import.meta.url).href
);
const mode = process.argv[2];
const revisions = Number(process.argv[3]);
const textSize = Number(process.argv[4]);
const c = process.cpuUsage();
let bytes = 0;
async function* source() {
  const totalBytes = revisions * (textSize + 1000);
  for (const chunk of generateDump({ totalBytes, revisionsPerPage: revisions, textSize })) {
    bytes += chunk.length;
    yield chunk;
  }
}
let tokens = 0;
let read = 0;
for await (const page of readDump(source(), { verifySha1: false })) {
  if (mode === 'stream') {
    const tracker = createAuthorship();
    for await (const revision of page.revisions) {
      tracker.add(revision);
      read++;
    }
    tokens = tracker.blame()?.tokens.length ?? 0;
  } else {
    const held = [];
    for await (const revision of page.revisions) held.push(revision);
    read += held.length;
    tokens = blame(held)?.tokens.length ?? 0;
  }
  break;
}
const { user, system } = process.cpuUsage(c);
console.log(
  JSON.stringify({
    mode,
    revisions: read,
    bytes,
    tokens,
    cpuSeconds: (user + system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
