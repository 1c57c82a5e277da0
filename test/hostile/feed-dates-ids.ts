/**
 * Issue 13 rows 11 and 12: a feed of `n` entries (default 20,000) whose dates and ids are the
 * hostile ones (years 0050 and 9999, offsets +99:99, ids around 2^53). Prints how many
 * timestamps and revision ids came out null and how many diagnostics say why.
 */
import { parseFeed } from '../../src/feed/parse-feed.js';
import { describeError, report, timed } from './report.js';

const n = Number(process.argv[2] ?? 20_000);
const DATES = [
  '0050-06-01T00:00:00Z',
  '9999-12-31T23:59:60Z',
  '9999-12-31T23:59:59-01:00',
  '2026-01-01T00:00:00+99:99',
];
const IDS = ['9007199254740993', '9007199254740992', '9007199254740991', '12'];
const entries: string[] = [];
for (let i = 0; i < n; i++) {
  entries.push(
    `<entry><id>https://w.example/index.php?title=P&amp;diff=${IDS[i % 4]}&amp;oldid=prev</id>` +
      `<title>A: c</title><updated>${DATES[i % 4]}</updated><author><name>A</name></author></entry>`,
  );
}
const feed = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>${entries.join('\n')}</feed>`;
const run = timed(() => parseFeed(feed));
if (run.value === undefined) report(describeError(run.error), run.ms);
else {
  const { entries: read, diagnostics } = run.value;
  const nullDates = read.filter((e) => e.timestamp === null).length;
  const nullIds = read.filter((e) => e.revisionId === null).length;
  const ids = new Set(read.map((e) => e.revisionId).filter((id) => id !== null));
  report(
    `ok: ${nullDates} null dates, ${nullIds} null ids, ${diagnostics.length} diagnostics`,
    run.ms,
    {
      entries: read.length,
      nullDates,
      nullIds,
      distinctIds: ids.size,
      diagnostics: diagnostics.length,
    },
  );
}
