/**
 * The CLI at its edges (issue 13): inputs counted while read (endless standard input, huge
 * files), a closed output pipe, `--out` naming an input, a terminal on standard input, and
 * control characters from inputs kept off the terminal. In process through `run()` where the
 * behaviour is the CLI's, in a child process where it is the process's (memory, pipes).
 */
import assert from 'node:assert/strict';
import {
  createReadStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeAtomically } from '../src/cli/node-io.js';
import { type CliIo, run } from '../src/cli/run.js';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { endlessInput, ROOT, runChild } from './helpers/child-cli.js';
import { CORPUS, SEED } from './helpers/corpus.js';
import { closeLocal, listenLocal } from './helpers/local-server.js';

const SANDBOX = join(CORPUS, 'feeds', 'history', 'sandbox.limit500.atom.xml');
const MiB = 1024 * 1024;
const DIR = mkdtempSync(join(tmpdir(), 'wikirev-cli-bounds-'));
after(() => rmSync(DIR, { recursive: true, force: true }));

async function fileId(path: string): Promise<string | null> {
  return stat(path).then(
    (s) => `${s.dev}:${s.ino}`,
    () => null,
  );
}

/** `run()` with fake streams, real files; counts what was read. */
async function cli(argv: string[], extra: Partial<CliIo> = {}) {
  let stdout = '';
  let stderr = '';
  const reads: string[] = [];
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: async function* () {},
    readFile: (path) => {
      reads.push(path);
      return createReadStream(path);
    },
    writeFile: writeAtomically,
    fileId,
    isTTY: false,
    now: () => new Date('2026-11-22T00:00:00Z'),
    ...extra,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr, reads };
}

/** Standard input that never ends, and how much of it was taken. */
function endlessStdin() {
  const state = { chunks: 0, closed: false };
  const chunk = new TextEncoder().encode('<feed>'.repeat(10_000));
  return {
    state,
    stdin: () =>
      (async function* () {
        try {
          for (;;) {
            state.chunks++;
            yield chunk;
          }
        } finally {
          state.closed = true;
        }
      })(),
  };
}

describe('inputs are counted while read (row 6)', () => {
  it('endless standard input: exit 1 at --max-input-bytes, the stream left', async () => {
    const { state, stdin } = endlessStdin();
    const r = await cli(['report', '-', '--max-input-bytes', '1M'], { stdin });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^wikirev: <stdin>: the input \(at least \d+ bytes\) exceeds maxInputBytes \(1048576\); use --max-input-bytes to allow more\n$/,
    );
    assert.equal(state.chunks, Math.floor(MiB / 60_000) + 1, 'stopped at the first chunk past');
    assert.ok(state.closed, 'the stream was closed');
  });

  it('a file past the limit: exit 1, read no further than the limit', async () => {
    const big = join(DIR, 'big.xml');
    writeFileSync(big, `<feed>${' '.repeat(3 * MiB)}</feed>`);
    for (const command of [['report'], ['entries'], ['diff', '--page', 'X'], ['sections']]) {
      const r = await cli([...command, big, '--max-input-bytes', '1048576']);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /big\.xml: the input .* exceeds maxInputBytes \(1048576\)/);
    }
  });

  it('the default is DEFAULT_LIMITS.maxInputBytes; bad values are usage errors', async () => {
    assert.equal(DEFAULT_LIMITS.maxInputBytes, 256 * MiB);
    for (const bad of ['0', '-1', 'lots', '1.5M', '99999999999999999G']) {
      const r = await cli(['report', SEED, `--max-input-bytes=${bad}`]);
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /--max-input-bytes must be a positive whole number/);
    }
    assert.equal((await cli(['report', SEED, '--max-input-bytes', '2G'])).code, 0);
    const requests = await cli(['report', SEED, '--max-requests=none']);
    assert.equal(requests.code, 2);
  });

  it('endless standard input in a child: exit 1, peak RSS < 2x the default limit', async () => {
    const input = endlessInput(new TextEncoder().encode('<feed>'.repeat(10_923)));
    const r = await runChild(['report', '-'], input.drive);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^wikirev: <stdin>: the input .* exceeds maxInputBytes \(268435456\)/);
    assert.ok(input.sent() >= DEFAULT_LIMITS.maxInputBytes, `sent ${input.sent()}`);
    assert.ok(
      r.peakRss < 2 * DEFAULT_LIMITS.maxInputBytes,
      `peak RSS ${Math.round(r.peakRss / MiB)} MiB`,
    );
  });

  it('with a small limit the child stops within its baseline', async () => {
    const input = endlessInput(new Uint8Array(65_536).fill(0x20));
    const r = await runChild(['entries', '-', '--max-input-bytes', '4M'], input.drive);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /exceeds maxInputBytes \(4194304\)/);
    assert.ok(r.peakRss < 200 * MiB, `peak RSS ${Math.round(r.peakRss / MiB)} MiB`);
  });
});

describe('HTTP through the CLI (rows 5, 6, 13)', () => {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/api.php') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          continue: { rvcontinue: String(requests), continue: '||' },
          query: { pages: [{ pageid: 1, ns: 0, title: 'Loop', revisions: [] }] },
        }),
      );
    } else if (url.pathname === '/endless') {
      res.writeHead(200, { 'Content-Type': 'application/atom+xml' });
      const piece = Buffer.alloc(65_536, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(piece));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    } else {
      res.writeHead(302, { Location: 'data:application/atom+xml,<feed/>' });
      res.end();
    }
  });
  let base = '';
  const fetchIo = { fetch: globalThis.fetch };
  before(async () => {
    base = await listenLocal(server);
  });
  after(() => closeLocal(server));

  it('an API that keeps continuing: exit 1 after --max-requests', async () => {
    requests = 0;
    const r = await cli(
      ['report', '--api', `${base}/api.php`, '--page', 'Loop', '--max-requests', '5'],
      fetchIo,
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, /maxRequests \(5\).*use --max-requests to allow more/);
    assert.equal(requests, 5);
  });

  it('an endless feed body: exit 1 at --max-input-bytes, the request aborted', async () => {
    const r = await cli(['entries', `${base}/endless`, '--max-input-bytes', '1M'], fetchIo);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /exceeds maxInputBytes \(1048576\) \(use --max-input-bytes/);
  });

  it('a redirect to a data: URL: exit 1, not followed', async () => {
    const r = await cli(['entries', `${base}/redirect`], fetchIo);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not an http\(s\) URL; not followed/);
  });
});

describe('a closed output pipe (row 7)', () => {
  it('`wikirev report … | head -c 10`: ends at once, status 141 like cat, nothing on stderr', async () => {
    let got = '';
    const r = await runChild(['report', '--format', 'json', SANDBOX], (child) => {
      child.stdin?.end();
      child.stdout?.once('data', (s: string) => {
        got = s.slice(0, 10);
        child.stdout?.destroy();
      });
    });
    assert.equal(got, '{\n  "schem');
    assert.equal(r.stderr, '');
    assert.ok(r.code === 0 || r.code === 141, `exit ${r.code}`);
  });
});

describe('--out never overwrites an input (row 8)', () => {
  const input = join(DIR, 'in.xml');
  writeFileSync(input, readFileSync(SEED));
  const before = readFileSync(input);

  it('the same path, or a symlink to it: exit 2, before any input is read', async () => {
    const link = join(DIR, 'link.xml');
    symlinkSync(input, link);
    for (const [inputs, out] of [
      [[input], input],
      [[input], link],
      [[SEED, link], input],
    ] as const) {
      const r = await cli(['report', ...inputs, '--out', out]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /^wikirev: --out .* is the input .*: refusing to overwrite an input/);
      assert.deepEqual(r.reads, []);
      assert.deepEqual(readFileSync(input), before);
    }
    const diff = await cli(['diff', input, '--page', 'X', '--out', link]);
    assert.equal(diff.code, 2);
  });

  it('the same file in a child process too (exit 2, the input intact)', async () => {
    const r = await runChild(['report', input, '-o', input]);
    assert.equal(r.code, 2);
    assert.deepEqual(readFileSync(input), before);
  });

  it('written to a temporary file and renamed: a failed write leaves nothing behind', async () => {
    const dir = join(DIR, 'out');
    mkdirSync(dir);
    const ok = await cli(['report', SEED, '--out', join(dir, 'r.md')]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(readdirSync(dir), ['r.md']);
    mkdirSync(join(dir, 'taken'));
    const failed = await cli(['report', SEED, '--out', join(dir, 'taken')]);
    assert.equal(failed.code, 1);
    assert.equal(failed.stderr, `wikirev: ${join(dir, 'taken')}: cannot write: is a directory\n`);
    // A missing folder is named, not the temporary file's ENOENT ("open '…/.r.md.123.ab.tmp'").
    const nowhere = await cli(['report', SEED, '--out', join(dir, 'no', 'r.md')]);
    assert.deepEqual(
      [nowhere.code, nowhere.stderr],
      [1, `wikirev: ${join(dir, 'no', 'r.md')}: cannot write: no folder ${join(dir, 'no')}\n`],
    );
    assert.deepEqual(readdirSync(dir).sort(), ['r.md', 'taken']);
    assert.deepEqual(readdirSync(join(dir, 'taken')), []);
    // What is not a regular file is written, not replaced (`--out /dev/stdout`, a FIFO).
    await writeAtomically('/dev/null', 'x');
    assert.ok((await stat('/dev/null')).isCharacterDevice());
  });
});

describe('the terminal (row 13)', () => {
  it('a terminal on standard input: exit 2 with how to use it, nothing read', async () => {
    let read = false;
    const stdin = () =>
      (async function* () {
        read = true;
        yield new Uint8Array();
      })();
    for (const argv of [
      ['report', '-'],
      ['entries', SEED, '-'],
      ['sections', '-'],
    ]) {
      const r = await cli(argv, { stdin, stdinIsTTY: true });
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, /standard input, but it is a terminal: pipe a feed in/);
    }
    assert.equal(read, false);
  });

  it('control characters and ANSI escapes from inputs are escaped on stderr', async () => {
    const evil = '\x1b]0;pwned\x07\x1b[2J\u202eexe.png\r';
    for (const argv of [
      [evil],
      ['report', SEED, '--page', evil],
      ['report', join(DIR, evil)],
      ['report', `--${evil}`],
      ['diff', SEED, '--page', evil],
    ]) {
      const r = await cli(argv, {
        stdin: async function* () {
          yield new TextEncoder().encode(evil);
        },
      });
      assert.ok(r.stderr.includes('\\x1b'), r.stderr);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: none may be left
      assert.doesNotMatch(r.stderr, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
    }
  });

  it('text results to a terminal are escaped; to a pipe they stay exact', async () => {
    const wiki = join(DIR, 'page.wiki');
    writeFileSync(wiki, 'lead\n== A\x1b[31m\u202eB ==\ntext\n');
    const tty = await cli(['sections', wiki], { stdoutIsTTY: true });
    assert.equal(tty.code, 0);
    assert.ok(tty.stdout.includes('A\\x1b[31m\\u202eB'), tty.stdout);
    const pipe = await cli(['sections', wiki]);
    assert.ok(pipe.stdout.includes('A\x1b[31m\u202eB'));
  });

  it('the progress line shows escaped names', async () => {
    const r = await cli(['entries', SEED, join(ROOT, 'no\x1b[1mfile')], { isTTY: true });
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes('reading 2/2'));
    assert.ok(!r.stderr.includes('\x1b[1m'));
  });
});
