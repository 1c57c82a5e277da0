/**
 * Child process of authorship.bench.ts: blames the one page of a generated dump (argv[2]
 * revisions of argv[3] characters each, streamed from the generator, never on disk), either
 * streaming each revision through the tracker as `wikirev blame` does with a dump (`stream`)
 * or holding the page's revisions first and calling `blame` (`hold`), and prints the peak RSS
 * and the CPU time, so that memory is measured per run in a fresh process.
 *
 * `kept` streams through the tracker and prints the live heap it holds after the last revision
 * (`--expose-gc`) with its `tokensKept`, for the memory per kept token and per revision: on a
 * generated article history (argv[3] revisions of generate-history.ts, 40 paragraphs, argv[4]
 * `article`) or on the dump generator's page whose every revision rewrites its last line
 * (argv[4] `lines`, texts of ~50 characters, as the 100,000-revision test page of
 * test/dump-analyze.test.ts).
 */
import { generateDump } from './generate-dump.js';
import { generateHistory } from './generate-history.js';

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
async function* source(textSize: number) {
  const totalBytes = revisions * (textSize + 1000);
  const options = { totalBytes, revisionsPerPage: revisions, textSize, pages: 1 };
  for (const chunk of generateDump(options)) {
    bytes += chunk.length;
    yield chunk;
  }
}
let tokens = 0;
let read = 0;
let kept = 0;
let liveMb = 0;
if (mode === 'kept') {
  const gc = (globalThis as unknown as { gc: () => void }).gc;
  // The article history is generated first: only the tracker's heap is measured.
  const article =
    process.argv[4] === 'article' ? generateHistory({ seed: 3, revisions, paragraphs: 40 }) : [];
  gc();
  const before = process.memoryUsage().heapUsed;
  const tracker = createAuthorship();
  if (process.argv[4] === 'article') {
    for (const r of article) {
      tracker.add(r);
      read++;
    }
  } else {
    const pages = readDump(source(1), { verifySha1: false });
    for await (const page of pages) {
      for await (const revision of page.revisions) {
        tracker.add(revision);
        read++;
      }
    }
  }
  gc();
  liveMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  kept = tracker.tokensKept;
  tokens = tracker.blame()?.tokens.length ?? 0;
}
const dump = mode === 'kept' ? [] : readDump(source(textSize), { verifySha1: false });
for await (const page of dump) {
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
    kept,
    liveMb,
    cpuSeconds: (user + system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
