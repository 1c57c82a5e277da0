/**
 * Child process of dump-analyze.test.ts and bench/dump.bench.ts: analyses one generated page of
 * argv[2] revisions of argv[3] bytes of text each with `analyzeDumpPage` (argv[4]: `pairs` past
 * a 64 KiB hold limit, or `whole` held), and prints what it read, its peak RSS and, when run
 * with `--expose-gc`, its peak live heap (collected before every revision's read, every
 * `argv[5]` revisions). argv[6], when given, is `maxAuthorshipTokens`.
 */

import { generateDump } from '../../bench/generate-dump.js';
import { peakRssMb } from '../../bench/peak-rss.js';
import type { DumpPage } from '../../src/dump.js';
import { analyzeDumpPage, readDump } from '../../src/dump.js';

const revisions = Number(process.argv[2]);
const textSize = Number(process.argv[3]);
const mode = process.argv[4] ?? 'pairs';
const every = Number(process.argv[5] ?? 1);
const maxAuthorshipTokens = process.argv[6] === undefined ? undefined : Number(process.argv[6]);
const gc = (globalThis as { gc?: () => void }).gc;
let bytes = 0;
let peakLive = 0;
async function* source() {
  const totalBytes = Number.MAX_SAFE_INTEGER;
  for (const chunk of generateDump({
    totalBytes,
    revisionsPerPage: revisions,
    textSize,
    pages: 1,
  })) {
    bytes += chunk.length;
    yield chunk;
  }
}
/** The page, sampling the live heap as its revisions are read. */
function sampled(page: DumpPage): DumpPage {
  return {
    ...page,
    revisions: {
      async *[Symbol.asyncIterator]() {
        let n = 0;
        for await (const revision of page.revisions) {
          if (gc !== undefined && n++ % every === 0) {
            gc();
            peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
          }
          yield revision;
        }
      },
    },
  };
}
const t0 = process.cpuUsage();
let out: unknown = null;
for await (const page of readDump(source())) {
  const { report, incremental } = await analyzeDumpPage(sampled(page), {
    diffs: false,
    maxHistoryBytes: mode === 'whole' ? Number.POSITIVE_INFINITY : 1 << 16,
    ...(maxAuthorshipTokens === undefined ? {} : { maxAuthorshipTokens }),
  });
  out = {
    incremental,
    revisions: report?.revisions.length,
    linesAdded: report?.revisions.reduce((n, r) => n + (r.linesAdded ?? 0), 0),
    sections: report?.mostEditedSections.length,
    authorship: report?.authorship != null,
  };
}
const cpu = process.cpuUsage(t0);
console.log(
  JSON.stringify({
    ...(out as object),
    bytes,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakLiveMb: peakLive / 2 ** 20,
    maxRssMb: peakRssMb(),
  }),
);
