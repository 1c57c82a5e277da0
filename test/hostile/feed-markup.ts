/**
 * Markup floods beside text: `kind` is `attributes` (distinct attributes on one `<title>`),
 * `nested` (`<a>` nested `mb` MB deep) or `href` (one `mb` MB attribute value), `mb` MB of it.
 */
import { parseFeed } from '../../src/feed/parse-feed.js';
import { describeError, report, timed } from './report.js';

const kind = process.argv[2] ?? 'attributes';
const size = Number(process.argv[3] ?? 10) * 1_000_000;
const BODIES: Record<string, () => string> = {
  attributes: () =>
    `<entry><title ${Array.from({ length: size / 8 }, (_, i) => `a${i.toString(36)}="1"`).join(' ')}>x</title></entry>`,
  nested: () => `<entry>${'<a>'.repeat(size / 7)}${'</a>'.repeat(size / 7)}</entry>`,
  href: () => `<entry><link rel="alternate" href="https://w.example/${'a'.repeat(size)}"/></entry>`,
};
const feed = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>${BODIES[kind]!()}</feed>`;
const run = timed(() => parseFeed(feed));
report(
  run.error === undefined ? `ok, ${run.value!.entries.length} entry` : describeError(run.error),
  run.ms,
  { inputMb: feed.length / (1024 * 1024) },
);
