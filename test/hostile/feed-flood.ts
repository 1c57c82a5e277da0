/**
 * Element floods: parseFeed of `mb` MB made of one small element repeated (`<a/>` by default,
 * or `<entry/>`, `<link/>` inside one entry, …): every element costs fast-xml-parser an object,
 * so what is not read must be cut before parsing and entries are counted (maxFeedEntries).
 */
import { parseFeed } from '../../src/feed/parse-feed.js';
import { describeError, report, timed } from './report.js';

const mb = Number(process.argv[2] ?? 4);
const unit = process.argv[3] ?? '<a/>';
const inEntry = process.argv[4] === 'in-entry';
const flood = unit.repeat(Math.ceil((mb * 1_000_000) / unit.length));
const feed = inEntry
  ? `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>x</title>${flood}</entry></feed>`
  : `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>${flood}</feed>`;
const inputMb = feed.length / (1024 * 1024);
const rssBeforeMb = process.memoryUsage().rss / (1024 * 1024);
const run = timed(() => parseFeed(feed));
report(
  run.error === undefined ? `ok, ${run.value!.entries.length} entries` : describeError(run.error),
  run.ms,
  {
    inputMb,
    rssBeforeMb,
    entries: run.value?.entries.length ?? null,
    error:
      run.error === undefined ? null : ((run.error as { code?: string }).code ?? String(run.error)),
  },
);
