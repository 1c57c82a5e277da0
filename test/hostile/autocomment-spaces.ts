/**
 * Issue 13, the summary class: `/*` followed by a run of `n` spaces (default 100,000) and no
 * `*\/`. The autocomment pattern MediaWiki uses (`/\*\s*(.*?)\s*\*\//`) backtracks cubically on
 * it in V8: 1.5 s for `parseFeed` on a feed whose one summary holds 2,000 spaces, 34 s for
 * `verifyAutocomment` at 5,000. Also `/*` × n and `/* a⏎` × n. Each case's CPU time and result.
 */
import { parseFeed } from '../../src/feed/parse-feed.js';
import { verifyAutocomment } from '../../src/sections/verify-autocomment.js';
import { parseAutocomments } from '../../src/wikitext/comments.js';
import { reportCases } from './report.js';

const n = Number(process.argv[2] ?? 100_000);
const spaces = `/* ${' '.repeat(n)}x`;
const feed = (summary: string) =>
  '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry>' +
  '<id>https://w.example/index.php?title=P&amp;diff=12&amp;oldid=11</id><title>P</title>' +
  '<updated>2020-01-01T00:00:00Z</updated><author><name>A</name></author>' +
  `<summary type="html">&lt;p&gt;${summary}&lt;/p&gt;</summary></entry></feed>`;
const cases = {
  'parseFeed, one summary of /* and spaces': () => {
    const read = parseFeed(feed(spaces));
    return `${read.entries.length} entry, ${read.entries[0]?.autocomments.length} autocomments`;
  },
  'verifyAutocomment, /* and spaces': () =>
    verifyAutocomment(spaces, 'a\n== A ==\nb', 'a\n== A ==\nc').verdict,
  'parseAutocomments, /* × n': () => `${parseAutocomments('/*'.repeat(n)).length} autocomments`,
  'parseAutocomments, (/* a⏎) × n': () =>
    `${parseAutocomments('/* a\n'.repeat(n)).length} autocomments`,
};
reportCases(cases);
