/**
 * Child process of dump-analyze.test.ts: analyses one generated article history (argv[2]
 * revisions of bench/generate-history.ts, 40 paragraphs, the authorship bench's history) with
 * `analyzeDumpPage` pair by pair, authorship at its default budget, or with
 * `maxAuthorshipTokens` argv[3] when given. Prints the live heap the analysis holds after the
 * last revision (`--expose-gc`; the history's own texts are generated first and not counted)
 * and the tracker's `tokensKept` for that history.
 */
import { generateHistory } from '../../bench/generate-history.js';
import type { DumpPage, DumpRevision } from '../../src/dump.js';
import { analyzeDumpPage } from '../../src/dump.js';
import { createAuthorship } from '../../src/index.js';

const count = Number(process.argv[2]);
const budget = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const gc = (globalThis as unknown as { gc: () => void }).gc;
const history = generateHistory({ seed: 3, revisions: count, paragraphs: 40 });
let liveBytes = 0;
const page: DumpPage = {
  id: 1,
  namespace: 0,
  title: 'Article',
  redirect: null,
  restrictions: null,
  revisions: {
    async *[Symbol.asyncIterator]() {
      let parentId: number | null = null;
      for (const r of history) {
        const revision: DumpRevision = {
          ...r,
          parentId,
          pageId: 1,
          pageTitle: 'Article',
          userId: null,
          anonymous: false,
          model: 'wikitext',
          format: 'text/x-wiki',
          origin: null,
          sha1: null,
          size: r.text === null ? null : new TextEncoder().encode(r.text).length,
          deleted: { text: false, comment: false, user: false },
          slots: [],
          diagnostics: [],
        };
        parentId = r.id;
        yield revision;
      }
      // After the last revision: what the analysis holds, the history's texts apart.
      gc();
      liveBytes = process.memoryUsage().heapUsed - before;
    },
  },
};
gc();
const before = process.memoryUsage().heapUsed;
const { report, incremental } = await analyzeDumpPage(page, {
  diffs: false,
  maxHistoryBytes: 1 << 16,
  ...(budget === undefined ? {} : { maxAuthorshipTokens: budget }),
});
const tracker = createAuthorship();
for (const r of history) tracker.add(r);
console.log(
  JSON.stringify({
    incremental,
    revisions: report?.revisions.length,
    authorship: report?.authorship != null,
    liveBytes,
    tokensKept: tracker.tokensKept,
  }),
);
