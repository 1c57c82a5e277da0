/**
 * Run in a child process by test/diff.test.ts: diffs one very long line against itself with 5%
 * of its words changed (issue 13, row 1) and prints what it found and the process's peak RSS.
 * `line` runs `diffText` and `diffWords` on a 200,000-word (1.2 MB) line; `feed` runs the report's
 * path (parseFeed, buildHistory, analyzeHistory) on a 4.9 MB feed of two such revisions.
 */

import { diffText } from '../../src/diff/diff-text.js';
import { diffWords } from '../../src/diff/words.js';
import { parseFeed } from '../../src/feed/parse-feed.js';
import { analyzeHistory } from '../../src/report/analyze-history.js';
import { buildHistory } from '../../src/revisions/build-history.js';
import { buildFeed } from '../../src/testing/build-feed.js';
import { longLines } from './long-lines.js';

const mode = process.argv[2];
let result: Record<string, unknown>;
if (mode === 'line') {
  const [a, b] = longLines(200_000);
  const t0 = performance.now();
  const d = diffText(`intro\n${a}\noutro`, `intro\n${b}\noutro`);
  const ms = performance.now() - t0;
  const lines = d.hunks.flatMap((h) => h.lines);
  const w = diffWords(a, b);
  result = {
    bytes: a.length,
    ms,
    added: d.added,
    removed: d.removed,
    wordDiffSkipped: d.wordDiffSkipped,
    changed: lines.flatMap((l) =>
      l.kind === 'context'
        ? []
        : [
            {
              kind: l.kind,
              paired: l.pairedLine,
              words: l.words?.map((w) => [w.kind, w.text.length]),
            },
          ],
    ),
    diffWordsSkipped: w.skipped,
    diffWordsOld: w.old.map((s) => s.kind),
  };
} else {
  const [a, b] = longLines(420_000);
  const xml = buildFeed(
    [
      {
        id: 1,
        pageTitle: 'Long',
        text: a,
        user: 'A',
        comment: '',
        timestamp: '2026-01-01T00:00:00Z',
      },
      {
        id: 2,
        pageTitle: 'Long',
        text: b,
        user: 'B',
        comment: '',
        timestamp: '2026-01-02T00:00:00Z',
      },
    ],
    { server: 'http://127.0.0.1:8089' },
  );
  const t0 = performance.now();
  const history = buildHistory(parseFeed(xml));
  const report = analyzeHistory(history);
  result = {
    bytes: xml.length,
    ms: performance.now() - t0,
    pages: history.pages.length,
    report: Object.keys(report),
  };
}
result.maxRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(result));
