/**
 * The `wikirev` CLI through `run()` in process (fake streams and files, a real HTTP server on
 * 127.0.0.1 serving the fixtures), and once through `node dist/cli/main.js`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type CliIo, run } from '../src/cli/run.js';
import { applyUnifiedDiff } from '../src/diff/unified.js';
import { CORPUS, SEED, storedText } from './helpers/corpus.js';
import { closeLocal, listenLocal } from './helpers/local-server.js';
import { GOLDEN } from './helpers/report-golden.js';

const ROOT = join(import.meta.dirname, '..');
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
const NOW = new Date('2026-11-22T00:00:00Z');
const SANDBOX = join(CORPUS, 'feeds', 'history', 'sandbox.limit500.atom.xml');
const HTML_ANSWER = join(CORPUS, 'feeds', 'history', 'options', 'sandbox.feed-invalid.xml');

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly files: Map<string, string>;
}

async function cli(
  argv: string[],
  extra: Partial<CliIo> & { stdinText?: string } = {},
): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const files = new Map<string, string>();
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: async function* () {
      yield new TextEncoder().encode(extra.stdinText ?? '');
    },
    readFile: (path) => createReadStream(path),
    writeFile: async (path, content) => {
      if (typeof content === 'string') files.set(path, content);
      else {
        const chunks: Uint8Array[] = [];
        for await (const chunk of content) chunks.push(chunk);
        files.set(path, Buffer.concat(chunks).toString('utf8'));
      }
    },
    fetch: globalThis.fetch,
    isTTY: false,
    now: () => NOW,
    ...extra,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr, files };
}

describe('wikirev: commands, help, exit codes', () => {
  it('prints the version and help', async () => {
    assert.deepEqual(await cli(['--version']), {
      code: 0,
      stdout: `${VERSION}\n`,
      stderr: '',
      files: new Map(),
    });
    for (const command of ['report', 'diff', 'sections', 'entries']) {
      const r = await cli([command, '--help']);
      assert.equal(r.code, 0);
      assert.match(r.stdout, new RegExp(`^Usage: wikirev ${command} `));
    }
    assert.match((await cli(['--help'])).stdout, /Commands:/);
  });

  it('exits 2 on usage errors, with a hint', async () => {
    assert.equal((await cli([])).code, 2);
    const unknown = await cli(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^wikirev: unknown command 'frobnicate'/);
    const option = await cli(['report', '--bogus', SEED]);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /^wikirev: unknown option '--bogus'\nTry 'wikirev report --help'/);
    assert.equal((await cli(['report', '--format', 'pdf', SEED])).code, 2);
    assert.equal((await cli(['report', '--since', 'last week', SEED])).code, 2);
    assert.equal((await cli(['report', '--tz', 'Mars/Olympus', SEED])).code, 2);
    assert.equal((await cli(['report'])).code, 2);
    assert.equal((await cli(['diff', SEED])).code, 2);
  });

  it('exits 1 on bad input, naming it', async () => {
    const missing = await cli(['report', 'no-such-feed.xml']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'wikirev: no-such-feed.xml: no such file\n');
    // Any file system refusal is worded as a dump file's (FILE_UNREADABLE), the name once.
    const denied = await cli(['report', 'locked.xml'], {
      readFile: (path) => {
        const error = Object.assign(new Error(`EACCES: permission denied, open '${path}'`), {
          code: 'EACCES',
          path,
        });
        return (async function* () {
          yield* [];
          throw error;
        })();
      },
    });
    assert.deepEqual([denied.code, denied.stderr], [1, 'wikirev: locked.xml: permission denied\n']);
    const html = await cli(['entries', HTML_ANSWER]);
    assert.equal(html.code, 1);
    assert.match(html.stderr, /^wikirev: .*sandbox\.feed-invalid\.xml: /);
    const stdin = await cli(['report', '-'], { stdinText: '<feed' });
    assert.equal(stdin.code, 1);
    assert.match(stdin.stderr, /^wikirev: <stdin>: /);
  });

  it('shows a progress line on a terminal only, and clears it', async () => {
    const tty = await cli(['entries', SEED, SANDBOX], { isTTY: true });
    assert.match(tty.stderr, /^\rwikirev: reading 1\/2 .*\rwikirev: reading 2\/2 /s);
    assert.ok(tty.stderr.endsWith('\r\u001b[K'), 'the line is cleared at the end');
    assert.equal((await cli(['entries', SEED, SANDBOX])).stderr, '');
  });

  it('prints diagnostics as warnings, and fails on them under --strict', async () => {
    // The seed (wiki.openvz.org) and the oracle corpus (127.0.0.1:8089) are two wikis.
    const mixed = await cli(['report', '--format', 'json', SEED, SANDBOX]);
    assert.equal(mixed.code, 0);
    assert.match(mixed.stderr, /^wikirev: (warning|error): history: .*\[HISTORY_MIXED_WIKIS\]$/m);
    // The feed left out is named by its file, as given on the command line.
    assert.ok(
      mixed.stderr.includes(`history: ${SANDBOX} ("Sandbox - Revision history") is from 127.0.0.1`),
      mixed.stderr,
    );
    const strict = await cli(['report', '--strict', SEED, SANDBOX]);
    assert.equal(strict.code, 1);
    assert.equal(strict.stdout, '');
    assert.match(strict.stderr, /wikirev: 1 error \(--strict\)\n$/);
  });
});

describe('wikirev report', () => {
  it('prints the Markdown report of the seed feed (the golden file)', async () => {
    const r = await cli(['report', SEED]);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, readFileSync(join(GOLDEN, 'seed.md'), 'utf8'));
  });

  it('writes HTML and JSON with --out, reads stdin', async () => {
    const html = await cli(['report', '--format', 'html', '--out', 'r.html', SEED]);
    assert.equal(html.code, 0);
    assert.equal(html.stdout, '');
    assert.equal(html.files.get('r.html'), readFileSync(join(GOLDEN, 'seed.html'), 'utf8'));
    const json = await cli(['report', '--format', 'json', '-'], {
      stdinText: readFileSync(SEED, 'utf8'),
    });
    assert.equal(json.stdout, readFileSync(join(GOLDEN, 'seed.json'), 'utf8'));
  });

  it('filters by page, user and relative dates', async () => {
    const since = await cli(['report', '--format', 'json', '--since', '30d', SEED]);
    assert.equal(JSON.parse(since.stdout).totals.revisions, 0);
    const day = await cli([
      'report',
      '--format',
      'json',
      '--since',
      '2008-07-20',
      '--tz',
      'Europe/Paris',
      SEED,
    ]);
    const report = JSON.parse(day.stdout);
    assert.deepEqual(
      report.pages.flatMap((p: { revisions: { id: number }[] }) => p.revisions.map((x) => x.id)),
      [6226],
    );
    assert.equal(report.timeZone, 'Europe/Paris');
    const page = await cli([
      'report',
      '--format',
      'json',
      '--page',
      'Containers/Mini-summit_2008',
      '--user',
      'dlezcano',
      SEED,
    ]);
    const filtered = JSON.parse(page.stdout);
    assert.deepEqual(filtered.filters.users, ['Dlezcano']);
    assert.equal(filtered.totals.revisions, 5);
  });
});

describe('wikirev diff, sections, entries', () => {
  it('diff: a unified patch that turns the stored text of one revision into the other', async () => {
    for (const [from, to] of [
      [8, 9],
      [4, 24],
      [12, 13],
    ] as const) {
      const r = await cli([
        'diff',
        SANDBOX,
        '--page',
        'Sandbox',
        '--from',
        String(from),
        '--to',
        String(to),
      ]);
      assert.equal(r.code, 0, r.stderr);
      const old = storedText(from);
      assert.ok(old !== undefined);
      assert.equal(applyUnifiedDiff(old, r.stdout), storedText(to));
    }
    const md = await cli(['diff', SANDBOX, '--page', 'Sandbox', '--to', '9', '--format', 'md']);
    assert.match(md.stdout, /^### Sandbox: r8 → r9\n/);
    assert.match(md.stdout, /```diff\n--- a\/Sandbox/);
    const json = JSON.parse(
      (await cli(['diff', SANDBOX, '--page', 'Sandbox', '--format', 'json'])).stdout,
    );
    assert.equal(json.newer.id, 24);
    const html = await cli(['diff', SANDBOX, '--page', 'Sandbox', '--format', 'html']);
    assert.match(html.stdout, /^<!DOCTYPE html>/);
    // The report's page frame and policy (src/report/html-document.ts), no script.
    assert.match(
      html.stdout,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/,
    );
    const none = await cli(['diff', SANDBOX, '--page', 'Nowhere']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no page 'Nowhere' in the inputs \(pages: 'Sandbox'\)/);
  });

  it('sections: of a .wiki file and of a revision in feeds, as the API parses them', async () => {
    for (const id of [13, 24]) {
      const api = JSON.parse(
        readFileSync(join(CORPUS, 'truth', 'sections', `${id}.json`), 'utf8'),
      ) as {
        parse: { sections: { index: string; anchor: string; level: string }[] };
      };
      // Template-made headings (`T-1`, anchors of `{{Echo|…}}`) need the wiki's templates: the API
      // expands them, a wikitext file alone cannot; those are left out of the comparison.
      const expected = api.parse.sections
        .filter((s) => /^\d+$/.test(s.index) && !s.anchor.includes('Templated'))
        .map((s) => `${s.index}\t${s.level}\t#${s.anchor}`);
      const fromFile = await cli(['sections', join(CORPUS, 'truth', 'wikitext', `${id}.wiki`)]);
      const fromFeed = await cli(['sections', SANDBOX, '--rev', String(id)]);
      assert.equal(fromFile.code, 0);
      assert.equal(fromFeed.stdout, fromFile.stdout);
      const listed = fromFile.stdout
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((l) => l.split('\t'))
        .filter(([, , , anchor]) => !anchor?.includes('{{'))
        .map(([index, level, , anchor]) => `${index}\t${level}\t${anchor}`);
      assert.deepEqual(listed, expected);
      assert.ok(expected.length > 10);
    }
  });

  it('entries: one line per entry', async () => {
    const r = await cli(['entries', SEED]);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 6);
    assert.equal(
      lines[1],
      '6200\t2008-07-18T09:07:06Z\tContainers/Mini-summit 2008\tDlezcano\twikitext\t/* Agenda */',
    );
  });
});

describe('wikirev with http(s) inputs', () => {
  let server: Server;
  let base = '';
  const seen: IncomingHttpHeaders[] = [];
  before(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      const url = req.url ?? '';
      if (url.startsWith('/index.php?title=Special:Contributions')) {
        // MediaWiki's answer (feeds/contributions/special-page-redirects/): a 301 to api.php.
        res.writeHead(301, {
          Location: '/api.php?action=feedcontributions&user=Dlezcano&feedformat=atom',
        });
        res.end();
      } else if (url.startsWith('/api.php')) {
        res.writeHead(200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
        res.end(readFileSync(SEED));
      } else if (url === '/slow') {
        const timer = setTimeout(() => res.end(readFileSync(SEED)), 5000);
        res.on('close', () => clearTimeout(timer));
      } else if (url === '/fail') {
        res.writeHead(500, { 'Content-Type': 'text/html' });
        res.end('<h1>Internal error</h1>');
      } else if (url === '/html') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(readFileSync(HTML_ANSWER));
      } else {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not found');
      }
    });
    base = await listenLocal(server);
  });
  after(() => closeLocal(server));

  it('follows the Special:Contributions redirect and names itself', async () => {
    const r = await cli([
      'report',
      `${base}/index.php?title=Special:Contributions/Dlezcano&feed=atom`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, readFileSync(join(GOLDEN, 'seed.md'), 'utf8'));
    assert.equal(seen.at(-1)?.['user-agent']?.startsWith(`wikirev/${VERSION}`), true);
    assert.equal(seen.length, 2);
  });

  it('reports HTTP failures, timeouts and non-feed answers as bad input', async () => {
    const fail = await cli(['entries', `${base}/fail`]);
    assert.equal(fail.code, 1);
    assert.equal(fail.stderr, `wikirev: ${base}/fail: HTTP 500 Internal Server Error\n`);
    const missing = await cli(['entries', `${base}/gone`]);
    assert.match(missing.stderr, /: HTTP 404 Not Found\n$/);
    const slow = await cli(['entries', '--timeout', '0.3', `${base}/slow`]);
    assert.equal(slow.code, 1);
    assert.equal(
      slow.stderr,
      `wikirev: ${base}/slow: no answer within 0.3 s (use --timeout to wait longer)\n`,
    );
    const html = await cli(['entries', `${base}/html`]);
    assert.equal(html.code, 1);
    assert.match(
      html.stderr,
      new RegExp(`^wikirev: ${base}/html: the answer is not a MediaWiki feed: `),
    );
    const refused = await cli(['entries', 'http://127.0.0.1:1/feed']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /: cannot fetch: fetch failed/);
  });
});

describe('node dist/cli/main.js', () => {
  it('runs the built executable on the seed feed', () => {
    const main = join(ROOT, 'dist', 'cli', 'main.js');
    // `npm test` builds first; a lone run of this file builds when dist/ is missing.
    if (!existsSync(main)) {
      spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
    }
    const r = spawnSync(process.execPath, [main, 'report', SEED], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const golden = readFileSync(join(GOLDEN, 'seed.md'), 'utf8');
    const strip = (s: string) => s.replace(/^Generated .*\n\n/m, '');
    assert.equal(strip(r.stdout), strip(golden));
    assert.match(readFileSync(main, 'utf8'), /^#!\/usr\/bin\/env node\n/);
    const v = spawnSync(process.execPath, [main, '--version'], { encoding: 'utf8' });
    assert.equal(v.stdout, `${VERSION}\n`);
  });
});
