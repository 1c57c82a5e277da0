/**
 * Issue 13, markup the code looked through with lazy patterns (`[\s\S]*?`) that searched for an
 * end again from every start when there was none: a feed entry's diff table of `n` rows `<tr>`
 * never closed (default 200,000; quadratic: 1.2 s at 40,000), and a `.wiki` file opening with
 * `n / 1,000` empty comments `<!---->` before its text, read by `wikirev sections` (the check
 * for a feed given by mistake backtracked exponentially: 2.2 s at 28 comments).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeed } from '../../src/feed/parse-feed.js';
import { runCli } from '../helpers/run-cli.js';
import { cpuMsSince, reportCases } from './report.js';

const n = Number(process.argv[2] ?? 200_000);
const rows = `&lt;table class="diff"&gt;${'&lt;tr&gt;'.repeat(n)}&lt;/table&gt;`;
const feed =
  '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry>' +
  '<id>https://w.example/index.php?title=P&amp;diff=12&amp;oldid=11</id><title>P</title>' +
  '<updated>2020-01-01T00:00:00Z</updated><author><name>A</name></author>' +
  `<summary type="html">&lt;p&gt;c&lt;/p&gt;${rows}</summary></entry></feed>`;
const dir = mkdtempSync(join(tmpdir(), 'wikirev-hostile-'));
const wiki = join(dir, 'comments.wiki');
writeFileSync(wiki, `${'<!---->'.repeat(n / 1000)}text\n== A ==\nb\n`);
// The CLI is async: its CPU time is measured here and given in the case's outcome.
const start = process.cpuUsage();
const cli = await runCli(['sections', wiki]);
const cliMs = cpuMsSince(start);
rmSync(dir, { recursive: true });
reportCases({
  'parseFeed, a diff table of <tr> never closed': () => `${parseFeed(feed).entries.length} entry`,
  'wikirev sections, a file opening with comments': () =>
    `exit ${cli.code}, ${cli.stdout.trim().split('\n').length} sections (${cliMs.toFixed(0)} ms)`,
});
