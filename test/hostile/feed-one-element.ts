/**
 * Issue 13 row 3: parseFeed of a feed whose bulk is one element's text (`<title>` by default),
 * `mb` MB of it, given as UTF-8 bytes. Prints the outcome (a feed or a WikirevError) and peak RSS.
 */
import { parseFeed } from '../../src/feed/parse-feed.js';
import { describeError, report, timed } from './report.js';

const mb = Number(process.argv[2] ?? 40);
const element = process.argv[3] ?? 'title';
const options = process.argv[4] ? (JSON.parse(process.argv[4]) as object) : {};
const head =
  '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">' +
  '<id>https://w.example/api.php?action=feedcontributions&amp;user=A&amp;feedformat=atom</id>' +
  '<title>t</title><updated>2026-11-21T20:56:17Z</updated><entry><id>https://w.example/index.php?title=P&amp;diff=5</id>' +
  `<${element}>`;
const tail = `</${element}><updated>2026-11-21T20:56:17Z</updated><author><name>A</name></author></entry></feed>`;
// Built as bytes directly, so that the script itself holds one copy of the input.
const encoder = new TextEncoder();
const [headBytes, tailBytes] = [encoder.encode(head), encoder.encode(tail)];
const bytes = new Uint8Array(headBytes.length + mb * 1_000_000 + tailBytes.length);
bytes.set(headBytes);
bytes.fill(0x61, headBytes.length, bytes.length - tailBytes.length);
bytes.set(tailBytes, bytes.length - tailBytes.length);
const rssBeforeMb = process.memoryUsage().rss / (1024 * 1024);
const inputMb = bytes.byteLength / (1024 * 1024);
const run = timed(() => parseFeed(bytes, options));
report(
  run.error === undefined ? `ok, ${run.value!.entries.length} entry` : describeError(run.error),
  run.ms,
  {
    inputMb,
    rssBeforeMb,
    titleLength: run.value?.entries[0]?.title.length ?? null,
    error:
      run.error === undefined ? null : ((run.error as { code?: string }).code ?? String(run.error)),
  },
);
