/**
 * Issue 13 rows 5–10, one per run (`cli-rows.ts ROW`): the fetch edge against an API that never
 * stops continuing (5), and the command line as a child process or through `run()` (6–10). Rows
 * 6–8 report the CLI child's own CPU time (start-up included) and peak RSS.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeed } from '../../src/feed/parse-feed.js';
import { FetchError, fetchRevisions } from '../../src/fetch.js';
import { DEFAULT_LIMITS } from '../../src/limits.js';
import { analyzeHistory } from '../../src/report/analyze-history.js';
import { escapeHtml } from '../../src/report/escape-html.js';
import { escapeMarkdown } from '../../src/report/render-markdown.js';
import { renderReport } from '../../src/report/render-report.js';
import { buildHistory } from '../../src/revisions/build-history.js';
import { type ChildRun, endlessInput, runChild } from '../helpers/child-cli.js';
import { CORPUS } from '../helpers/corpus.js';
import { closeLocal, listenLocal } from '../helpers/local-server.js';
import { FIXTURES } from '../helpers/report-golden.js';
import { runCli } from '../helpers/run-cli.js';
import { cpuMsSince, describeError, report } from './report.js';

const MiB = 1024 * 1024;
const SANDBOX = join(CORPUS, 'feeds', 'history', 'sandbox.limit500.atom.xml');
const HOSTILE = join(FIXTURES, 'cli-xss', 'hostile.contributions.atom.xml');

/** Prints a CLI child's outcome with its own CPU time and peak RSS. */
const reportChild = (outcome: string, r: ChildRun, detail: unknown = null) =>
  report(
    outcome,
    r.cpuMs,
    { ...(detail as object), stderr: r.stderr.slice(0, 200) },
    r.peakRss / MiB,
  );

/** Row 5: how `fetchRevisions` ends against an API answering `continue` forever. */
async function endlessContinue(): Promise<void> {
  let requests = 0;
  let sameToken = false;
  const server = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const token = sameToken ? '42|7' : String(requests);
    res.end(
      JSON.stringify({
        continue: { rvcontinue: token, continue: '||' },
        query: { pages: [{ pageid: 1, ns: 0, title: 'Loop', revisions: [] }] },
      }),
    );
  });
  const base = await listenLocal(server);
  const outcomes: string[] = [];
  const start = process.cpuUsage();
  try {
    for (const same of [true, false]) {
      [sameToken, requests] = [same, 0];
      try {
        for await (const _ of fetchRevisions({ api: `${base}/api.php`, title: 'Loop' }));
        outcomes.push('no error');
      } catch (error) {
        const code = error instanceof FetchError ? error.code : describeError(error);
        outcomes.push(`${code} after ${requests} requests`);
      }
    }
  } finally {
    await closeLocal(server);
  }
  report(outcomes.join('; '), cpuMsSince(start), { outcomes });
}

async function main(row: string): Promise<void> {
  switch (row) {
    case '5':
      return endlessContinue();
    case '6': {
      // Endless standard input at the default maxInputBytes (256 MiB).
      const input = endlessInput(new TextEncoder().encode('<feed>'.repeat(10_923)));
      const r = await runChild(['report', '-'], input.drive);
      const limited = /exceeds maxInputBytes/.test(r.stderr);
      return reportChild(
        `exit ${r.code}${limited ? ', stopped at maxInputBytes' : ''} after ${Math.round(input.sent() / MiB)} MiB sent`,
        r,
        { limit: DEFAULT_LIMITS.maxInputBytes },
      );
    }
    case '7': {
      // `wikirev report … | head -c 10`: the reader goes away after the first chunk.
      const r = await runChild(['report', '--format', 'json', SANDBOX], (child) => {
        child.stdin?.end();
        child.stdout?.once('data', () => child.stdout?.destroy());
      });
      return reportChild(
        `exit ${r.code ?? r.signal}, stderr ${r.stderr === '' ? 'empty' : 'not empty'}`,
        r,
      );
    }
    case '8': {
      const dir = mkdtempSync(join(tmpdir(), 'wikirev-hostile-out-'));
      try {
        const input = join(dir, 'in.xml');
        writeFileSync(input, readFileSync(SANDBOX));
        const r = await runChild(['report', input, '--out', input]);
        const intact = readFileSync(input).equals(readFileSync(SANDBOX));
        return reportChild(`exit ${r.code}, input ${intact ? 'intact' : 'CHANGED'}`, r);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    case '9': {
      const title = 'Sandbox <script>alert("title")</script>';
      const start = process.cpuUsage();
      const r = await runCli(['diff', HOSTILE, '--page', title, '--format', 'md']);
      const heading = r.stdout.split('\n')[0] ?? '';
      const escaped = heading.startsWith(`### ${escapeMarkdown(title)}: r`);
      const raw = /(?<!\\)<script/.test(heading);
      return report(
        `exit ${r.code}, title ${escaped && !raw ? 'escaped' : 'RAW'} in the heading`,
        cpuMsSince(start),
        { heading: heading.slice(0, 200) },
      );
    }
    case '10': {
      // The hostile feed with a right-to-left override in every user name and title.
      const user = 'Evil\u202Egnp.exe';
      const xml = readFileSync(HOSTILE, 'utf8')
        .replaceAll('Mallory&lt;img src=x onerror=alert("user")&gt;', user)
        .replaceAll('Sandbox &lt;script&gt;alert("title")&lt;/script&gt;', 'Report \u202Efdp.exe');
      const start = process.cpuUsage();
      const html = renderReport(analyzeHistory(buildHistory([parseFeed(xml)])), {
        format: 'html',
      });
      const ms = cpuMsSince(start);
      const body = html.slice(html.indexOf('<body>'));
      const all = body.split(escapeHtml(user)).length - 1;
      // In SVG <title> text (no <bdi> there) a name is isolated by U+2068 … U+2069 instead.
      const isolated =
        body.split(`<bdi>${escapeHtml(user)}</bdi>`).length -
        1 +
        body.split(`\u2068${escapeHtml(user)}\u202C\u2069`).length -
        1;
      return report(`${isolated} of ${all} user names isolated (<bdi> or U+2068…U+2069)`, ms, {
        all,
        isolated,
      });
    }
    default:
      throw new Error(`unknown row ${row}`);
  }
}

await main(process.argv[2] ?? '');
