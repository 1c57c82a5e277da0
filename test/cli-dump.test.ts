/**
 * The CLI on XML dumps: `wikirev dump-stats` (counts checked against the saved Action API
 * answers of the wiki that wrote the dump) and `wikirev report` with a dump as input.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { InputError } from '../src/cli/cli-io.js';
import { progressLine } from '../src/cli/dump-progress.js';
import { loadDumps } from '../src/cli/load-dumps.js';
import type { CliIo } from '../src/cli/run.js';
import { readDump } from '../src/dump.js';
import type { ApiTruth } from './helpers/dump-api.js';
import { runCli } from './helpers/run-cli.js';

const execFileAsync = promisify(execFile);
const DIR = join(import.meta.dirname, '..', 'fixtures', 'dump-mediawiki-1.39');
const seed = join(DIR, '..', 'seed-openvz', 'openvz-dlezcano.contributions.atom.xml');
const truth = JSON.parse(await readFile(join(DIR, 'api.json'), 'utf8')) as ApiTruth;

const nullIo: CliIo = {
  stdout: { write: () => true },
  stderr: { write: () => true },
  stdin: async function* () {},
  readFile: () => (async function* () {})(),
  isTTY: false,
};

const cli = (argv: string[], extra: Partial<CliIo> = {}) =>
  runCli(argv, { now: () => new Date('2026-12-06T00:00:00Z'), ...extra });

describe('wikirev dump-stats', () => {
  it('counts pages, revisions, bytes, editors and namespaces as the API does', async () => {
    const revisions = truth.pages.flatMap((p) => p.revisions);
    const namespaces: Record<string, { pages: number; revisions: number }> = {};
    for (const page of truth.pages) {
      const ns = namespaces[String(page.ns)] ?? { pages: 0, revisions: 0 };
      namespaces[String(page.ns)] = ns;
      ns.pages++;
      ns.revisions += page.revisions.length;
    }
    const expected = {
      pages: truth.pages.length,
      revisions: revisions.length,
      bytes: revisions.reduce((n, r) => n + r.size, 0),
      editors: new Set(revisions.filter((r) => !r.userhidden).map((r) => r.user)).size,
      namespaces,
    };
    for (const file of ['full-0.11.multistream.xml.bz2', 'full-0.10.xml', 'full-0.11.7z']) {
      const { code, stdout, stderr } = await cli([
        'dump-stats',
        '--format',
        'json',
        join(DIR, file),
      ]);
      assert.equal(code, 0, stderr);
      const [stats] = JSON.parse(stdout) as (typeof expected & { sha1Mismatches: number })[];
      const { sha1Mismatches, file: _, ...counts } = stats as typeof stats & { file: string };
      assert.deepEqual(counts, expected, file);
      assert.equal(sha1Mismatches, 2, 'the two NFD revisions');
    }
  });

  it('prints the same counts as text, in aligned columns', async () => {
    const file = join(DIR, 'full-0.11.xml');
    const json = JSON.parse((await cli(['dump-stats', '--format', 'json', file])).stdout)[0];
    const { code, stdout } = await cli(['dump-stats', file]);
    assert.equal(code, 0);
    const lines = stdout.split('\n');
    assert.equal(lines[0], file);
    const value = (label: string) => lines.find((l) => l.startsWith(`  ${label} `))!;
    for (const [label, key] of [
      ['pages', 'pages'],
      ['revisions', 'revisions'],
      ['bytes', 'bytes'],
      ['editors', 'editors'],
      ['sha1 mismatches', 'sha1Mismatches'],
    ]) {
      // Every number ends in one column, past the longest label.
      assert.match(value(label!), new RegExp(`^ {2}${label} +${json[key!]}$`));
      assert.equal(value(label!).length, value('pages').length, label);
    }
    const table = lines.slice(lines.indexOf('  namespace  pages  revisions') + 1, -1);
    assert.deepEqual(
      table.map((l) => l.trim().split(/ +/).map(Number)),
      Object.entries(json.namespaces as Record<string, { pages: number; revisions: number }>).map(
        ([ns, c]) => [Number(ns), c.pages, c.revisions],
      ),
    );
    for (const l of table) assert.equal(l.length, '  namespace  pages  revisions'.length, l);
  });

  it('shows a progress line on a terminal only, and not with --quiet', async () => {
    const file = join(DIR, 'full-0.11.xml');
    const tty = (await cli(['dump-stats', file], { isTTY: true })).stderr;
    assert.match(tty, /full-0\.11\.xml: \d+% of 0\.2 MB, \d+ pages, \d+ revisions, [\d.]+ MB\/s/);
    // The line's own erase sequence reaches the terminal as such, not escaped as text.
    assert.ok(!tty.includes('\\x1b'), JSON.stringify(tty.slice(0, 80)));
    assert.equal((await cli(['dump-stats', '--quiet', file], { isTTY: true })).stderr, '');
    assert.equal((await cli(['dump-stats', file])).stderr, '');
  });

  it('the progress line: share of the file (compressed position), counts, speed, time left', () => {
    const state = { file: 'a.xml.bz2', bytes: 2.5e9, pages: 1200, revisions: 56000 };
    assert.equal(
      progressLine({ ...state, position: 5e8, total: 2e9, seconds: 100 }),
      'a.xml.bz2: 25% of 2.00 GB, 1,200 pages, 56,000 revisions, 25.0 MB/s, 5:00 left',
    );
    assert.equal(
      progressLine({ ...state, position: 1e6, total: 2e9, seconds: 10 }),
      'a.xml.bz2: 0% of 2.00 GB, 1,200 pages, 56,000 revisions, 250.0 MB/s, 5:33:10 left',
    );
    assert.equal(
      progressLine({ ...state, position: null, total: null, seconds: 100 }),
      'a.xml.bz2: 2.50 GB read, 1,200 pages, 56,000 revisions, 25.0 MB/s',
    );
  });

  it('fails with exit 1 on a bad dump and 2 without files', async () => {
    const bad = await cli(['dump-stats', join(DIR, 'api.json')]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^wikirev: .*not <mediawiki>|^wikirev: /);
    assert.equal((await cli(['dump-stats'])).code, 2);
  });
});

describe('wikirev report with a dump', () => {
  it('reports every revision of the dump', async () => {
    const { code, stdout, stderr } = await cli([
      'report',
      '--format',
      'json',
      join(DIR, 'full-0.11.xml.gz'),
    ]);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout) as { totals: { pages: number; revisions: number } };
    assert.deepEqual(
      [report.totals.pages, report.totals.revisions],
      [truth.pages.length, truth.pages.reduce((n, p) => n + p.revisions.length, 0)],
    );
    assert.match(stderr, /DUMP_SHA1_MISMATCH/);
  });

  it('analyses pages past --max-history-bytes pair by pair into the same report', async () => {
    const file = join(DIR, 'full-0.11.xml.bz2');
    const args = ['report', '--format', 'json', '--since', '2024-03-01T12:30:00Z'];
    const held = await cli([...args, file]);
    const paired = await cli([...args, '--max-history-bytes', '1', file]);
    assert.equal(paired.code, 0, paired.stderr);
    assert.equal(paired.stderr, held.stderr);
    type Report = { pages: { title: string; authorship?: unknown }[] } & Record<string, unknown>;
    const sorted = (text: string) => {
      const report = JSON.parse(text) as Report;
      const byTitle = (a: { title: string }, b: { title: string }) =>
        a.title < b.title ? -1 : a.title > b.title ? 1 : 0;
      return { ...report, pages: [...report.pages].sort(byTitle) };
    };
    // The same report, the authorship parts included.
    assert.deepEqual(sorted(paired.stdout), sorted(held.stdout));
    const authorship = (text: string) =>
      (JSON.parse(text) as { pages: { authorship: unknown }[] }).pages.map((p) => p.authorship);
    assert.ok(authorship(paired.stdout).some((a) => a !== null));
  });

  it('--out goes through the injected writeFile, as the chunks come; a failed write is exit 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wikirev-out-'));
    try {
      const out = join(dir, 'report.md');
      const args = ['report', '--workers', '1', join(DIR, 'full-0.11.xml.gz')];
      const printed = await cli(args);
      assert.equal(printed.code, 0, printed.stderr);
      const written: { path: string; content: string; chunks: number }[] = [];
      const io: Partial<CliIo> = {
        writeFile: async (path, content) => {
          if (typeof content === 'string') throw new Error('a text: the dump path streams');
          let text = '';
          let chunks = 0;
          const decoder = new TextDecoder();
          for await (const chunk of content) {
            text += decoder.decode(chunk, { stream: true });
            chunks++;
          }
          written.push({ path, content: text, chunks });
        },
      };
      const run = await cli([...args, '--out', out], io);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, '');
      assert.deepEqual(
        written.map((w) => [w.path, w.content]),
        [[out, printed.stdout]],
      );
      assert.ok(written[0]!.chunks > 0);
      // Nothing was written past the injected io (the pool's own temp-and-rename is not used).
      assert.deepEqual(await readdir(dir), []);
      const full = await cli([...args, '--out', out], {
        writeFile: async (_path, content) => {
          if (typeof content !== 'string') for await (const _ of content) break;
          throw new Error('ENOSPC: no space left on device');
        },
      });
      assert.equal(full.code, 1);
      assert.match(full.stderr, /report\.md: cannot write: ENOSPC: no space left on device/);
      assert.deepEqual(await readdir(dir), []);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a page past the limit is an error naming the file where it cannot be paired (diff, sections)', async () => {
    const file = join(DIR, 'full-0.11.xml');
    const io = { ...nullIo, progress: () => {} };
    await assert.rejects(
      loadDumps([file], io, { maxHistoryBytes: 1 }),
      (error: Error) =>
        error instanceof InputError &&
        /full-0\.11\.xml: the history of page "Main Page" .*exceeds maxHistoryBytes \(1\)/.test(
          error.message,
        ),
    );
  });
});

describe('wikirev diff with a dump', () => {
  it('diffs two revisions of a page in the dump, their texts the API texts', async () => {
    const { code, stdout, stderr } = await cli([
      'diff',
      '--page',
      'History/Long page',
      '--from',
      '4',
      '--to',
      '5',
      join(DIR, 'full-0.11.multistream.xml.bz2'),
    ]);
    assert.equal(code, 0, stderr);
    const page = truth.pages.find((p) => p.title === 'History/Long page')!;
    const text = (id: number) => page.revisions.find((r) => r.revid === id)!.slots.main!.content!;
    const added = text(5).split('\n').slice(text(4).split('\n').length);
    for (const line of added) assert.ok(stdout.includes(`\n+${line}\n`), line);
  });
});

describe('wikirev entries with a dump', () => {
  it('prints one line per revision, streamed, as the API gives them (feeds beside it)', async () => {
    const feedOnly = await cli(['entries', seed]);
    const { code, stdout, stderr } = await cli(['entries', join(DIR, 'full-0.11.xml.bz2'), seed]);
    assert.equal(code, 0, stderr);
    const clean = (s: string | undefined) => (s === undefined ? '-' : s.replace(/[\t\r\n]+/g, ' '));
    const expected = truth.pages.flatMap((page) =>
      page.revisions.map(
        (r) =>
          `${[
            r.revid,
            r.timestamp,
            page.title,
            clean(r.user),
            r.slots.main?.texthidden === true ? 'unavailable' : 'wikitext',
            r.commenthidden === true ? '' : clean(r.comment),
          ].join('\t')}\n`,
      ),
    );
    assert.equal(stdout, expected.join('') + feedOnly.stdout);
    assert.match(stderr, /full-0\.11\.xml\.bz2: .*\[DUMP_SHA1_MISMATCH\]/);
    const json = await cli(['entries', '--format', 'json', join(DIR, 'current-0.11.xml')]);
    const revisions = JSON.parse(json.stdout) as { id: number; pageTitle: string; sha1: string }[];
    assert.deepEqual(
      revisions.map((r) => [r.pageTitle, r.id, r.sha1]),
      truth.pages.map((p) => {
        const last = p.revisions.at(-1)!;
        return [p.title, last.revid, last.slots.main?.sha1 ?? null];
      }),
    );
  });

  it('keeps no diagnostic while streaming: 20,000 warnings counted for --strict, the live heap flat', async () => {
    // One page of 20,000 revisions whose SHA-1 is wrong: a DUMP_SHA1_MISMATCH each. Kept for
    // --strict, they grew the live heap by 4 MB (about 210 bytes each); counted, by < 0.1 MB.
    const count = 20_000;
    const dir = await mkdtemp(join(tmpdir(), 'wikirev-entries-'));
    try {
      const file = join(dir, 'warnings.xml');
      const revision = (id: number) =>
        `    <revision><id>${id}</id><timestamp>2024-03-01T12:00:00Z</timestamp><contributor><username>U</username><id>1</id></contributor><model>wikitext</model><format>text/x-wiki</format><text bytes="1" sha1="0" xml:space="preserve">a</text><sha1>0</sha1></revision>\n`;
      await writeFile(
        file,
        `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">
  <siteinfo><sitename>W</sitename><dbname>w</dbname><base>http://w.example/wiki/Main_Page</base><generator>MediaWiki 1.39.17</generator><case>first-letter</case><namespaces><namespace key="0" case="first-letter" /></namespaces></siteinfo>
  <page><title>P</title><ns>0</ns><id>1</id>
${Array.from({ length: count }, (_, k) => revision(k + 1)).join('')}  </page>
</mediawiki>
`,
      );
      const child = join(import.meta.dirname, 'helpers', 'live-heap-child.ts');
      const { stdout } = await execFileAsync(process.execPath, [
        '--expose-gc',
        '--import',
        'tsx',
        child,
        'entries',
        '--strict',
        file,
      ]);
      const run = JSON.parse(stdout) as {
        code: number;
        last: string;
        lines: number;
        growth: number;
      };
      assert.equal(run.code, 1);
      assert.equal(run.last, `wikirev: ${count} warnings (--strict)\n`);
      assert.equal(run.lines, count + 1);
      assert.ok(run.growth < 1024 * 1024, `the live heap grew by ${run.growth} bytes`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('every command that takes inputs reads dumps', () => {
  it('sections --rev and blame read the API texts from a 7z dump', async () => {
    const file = join(DIR, 'full-0.11.7z');
    const page = truth.pages.find((p) => p.title === 'History/Long page')!;
    const revision = page.revisions.at(-1)!;
    const dir = await mkdtemp(join(tmpdir(), 'wikirev-sections-'));
    const wiki = join(dir, 'page.wiki');
    await writeFile(wiki, revision.slots.main!.content!);
    const fromDump = await cli(['sections', '--rev', String(revision.revid), file]);
    assert.equal(fromDump.code, 0, fromDump.stderr);
    assert.equal(fromDump.stdout, (await cli(['sections', wiki])).stdout);
    assert.ok(fromDump.stdout.split('\n').length > 3);
    await rm(dir, { recursive: true });
    const sandbox = truth.pages.find((p) => p.title === 'Sandbox')!;
    const blame = await cli(['blame', '--page', 'Sandbox', file]);
    assert.equal(blame.code, 0, blame.stderr);
    const lines = sandbox.revisions.at(-1)!.slots.main!.content!.split('\n');
    assert.deepEqual(
      blame.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.replace(/^.*?\| ?/, '')),
      lines,
    );
  });
});

describe('inputs that are not dump files: a directory, a dump on standard input', () => {
  it('a directory is "DIR: is a directory" (exit 1) for every command, FILE_UNREADABLE from readDump', async () => {
    for (const args of [
      ['report'],
      ['entries'],
      ['dump-stats'],
      ['blame', '--page', 'Sandbox'],
      ['diff', '--page', 'Sandbox'],
      ['sections', '--rev', '3'],
    ]) {
      const r = await cli([...args, DIR]);
      assert.deepEqual(
        [r.code, r.stdout, r.stderr],
        [1, '', `wikirev: ${DIR}: is a directory\n`],
        args[0],
      );
    }
    await assert.rejects(
      async () => {
        for await (const _ of readDump(DIR)) assert.fail('a page read from a directory');
      },
      { name: 'WikirevError', code: 'FILE_UNREADABLE', file: DIR, detail: 'is a directory' },
    );
  });

  it('dump-stats - reads a dump from standard input, compressed or not, as its file', async () => {
    for (const file of ['full-0.11.xml', 'full-0.11.xml.gz']) {
      const bytes = await readFile(join(DIR, file));
      const piped = await cli(['dump-stats', '--format', 'json', '-'], {
        stdin: async function* () {
          yield bytes;
        },
      });
      assert.equal(piped.code, 0, piped.stderr);
      const named = await cli(['dump-stats', '--format', 'json', join(DIR, file)]);
      const [a] = JSON.parse(piped.stdout) as { file: string }[];
      const [b] = JSON.parse(named.stdout) as { file: string }[];
      assert.deepEqual(a, { ...b, file: '<stdin>' }, file);
    }
  });

  it('a dump piped to a command that reads dumps from files says so, instead of "not a feed"', async () => {
    for (const file of ['full-0.11.xml', 'full-0.11.xml.gz', 'full-0.11.xml.bz2', 'full-0.11.7z']) {
      const bytes = await readFile(join(DIR, file));
      for (const args of [['report'], ['entries'], ['blame', '--page', 'Sandbox']]) {
        const r = await cli([...args, '-'], {
          stdin: async function* () {
            yield bytes;
          },
        });
        const kind = { xml: null, gz: 'gzip', bz2: 'bzip2', '7z': '7z' }[file.split('.').pop()!];
        assert.deepEqual(
          [r.code, r.stdout, r.stderr],
          [
            1,
            '',
            kind === null
              ? 'wikirev: <stdin>: an XML dump, which this command reads from a file: give its path (wikirev dump-stats reads one from standard input)\n'
              : `wikirev: <stdin>: ${kind}-compressed: give a dump as a file path (feeds are read uncompressed; wikirev dump-stats reads a dump from standard input)\n`,
          ],
          `${args[0]} ${file}`,
        );
      }
    }
  });
});

describe('a revision whose text the inputs do not hold (revision-deleted in the dump)', () => {
  it('diff and sections say the inputs, not "these feeds"; diff names the parent it chose', async () => {
    const file = join(DIR, 'full-0.11.xml');
    const diff = await cli(['diff', file, '--page', 'History/Long page', '--to', '37']);
    assert.equal(diff.code, 1);
    assert.equal(
      diff.stderr.split('\n').at(-2),
      `wikirev: ${file}: the text of revision 36, the parent of 37, is not known from the inputs; give --from`,
    );
    const newer = await cli([
      'diff',
      file,
      '--page',
      'History/Long page',
      '--from',
      '35',
      '--to',
      '36',
    ]);
    assert.equal(
      newer.stderr.split('\n').at(-2),
      `wikirev: ${file}: the text of revision 36 is not known from the inputs`,
    );
    const sections = await cli(['sections', file, '--rev', '36']);
    assert.equal(sections.code, 1);
    assert.equal(
      sections.stderr.split('\n').at(-2),
      `wikirev: ${file}: the text of revision 36 is not known from the inputs`,
    );
  });
});

describe('diff --page on a dump reads that page only', () => {
  it('other pages are skipped unread: neither their warnings nor their size stop the diff', async () => {
    const file = join(DIR, 'full-0.11.xml');
    const diff = await cli(['diff', file, '--page', 'Sandbox', '--to', '3']);
    assert.equal(diff.code, 0, diff.stderr);
    // Before, the SHA-1 warnings of "Decomposed Unicode" (revisions 43, 44) came along; only
    // Sandbox's own notes are printed (its revision 3's hidden user and comment).
    assert.deepEqual(
      diff.stderr
        .split('\n')
        .filter((l) => l !== '' && !/revision 3 of "Sandbox".*_HIDDEN\]$/.test(l)),
      [],
    );
    assert.match(diff.stdout, /^--- a\/Sandbox\trevision 2, /);
    // A page past maxHistoryBytes elsewhere in the dump is no ENTRY_TOO_LARGE for this one.
    const only = await loadDumps(
      [file],
      { ...nullIo, progress: () => {} },
      { maxHistoryBytes: 2000, pages: ['Sandbox'] },
    );
    assert.deepEqual(
      only.revisions.map((r) => r.id),
      [2, 3, 286],
    );
    await assert.rejects(
      loadDumps([file], { ...nullIo, progress: () => {} }, { maxHistoryBytes: 2000 }),
      InputError,
    );
    // A page not in the dump: the pages skipped unread are not listed as "(pages: none)".
    const none = await cli(['diff', file, '--page', 'Nowhere']);
    assert.deepEqual(
      [none.code, none.stderr],
      [1, `wikirev: ${file}: no page 'Nowhere' in the inputs\n`],
    );
  });
});

describe("a dump's own notes (a log dump: no pages, its log items skipped)", () => {
  it('entries, dump-stats and the held path print them, so an empty result is explained', async () => {
    const file = join(DIR, 'logs-0.11.xml');
    const note = `wikirev: info: ${file}: the dump also holds 16 log items (read them with logItems()) [DUMP_LOG_ITEMS_SKIPPED]\n`;
    for (const args of [
      ['entries'],
      ['dump-stats'],
      ['sections', '--rev', '1'],
      // report reads dumps through the pool (analyzeDumps), one worker and two.
      ['report'],
      ['report', '--format', 'csv', '--workers', '2'],
    ]) {
      const r = await cli([...args, file]);
      assert.ok(r.stderr.startsWith(note), `${args[0]}: ${r.stderr}`);
    }
  });
});

describe('a dump beside a feed of another wiki', () => {
  it('the feed is left out with HISTORY_MIXED_WIKIS, as beside --api: revision ids of two wikis differ', async () => {
    const r = await cli(['report', '--format', 'json', join(DIR, 'full-0.11.xml'), seed]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /^wikirev: error: history: \S+openvz-dlezcano\.contributions\.atom\.xml \("[^"]*"\) is from wiki\.openvz\.org, the others from 127\.0\.0\.1:45793: revision ids of two wikis cannot be merged, so this feed was left out \[HISTORY_MIXED_WIKIS\]$/m,
    );
    // Only the dump's revisions (the API's count), none of the feed's.
    assert.equal(JSON.parse(r.stdout).totals.revisions, 286);
  });
});

describe("a dump's revision-deleted parts", () => {
  it('are the info lines --api prints for them, on the held path and the pool alike', async () => {
    // What the wiki's API hides (user, comment, text), as `--api` names it.
    const expected = truth.pages.flatMap((page) =>
      page.revisions.flatMap((r) => [
        ...(r.userhidden === true ? [[r.revid, page.title, 'user', 'USER']] : []),
        ...(r.commenthidden === true ? [[r.revid, page.title, 'comment', 'COMMENT']] : []),
        ...(r.slots.main?.texthidden === true ? [[r.revid, page.title, 'text', 'TEXT']] : []),
      ]),
    );
    assert.ok(expected.length >= 3);
    const file = join(DIR, 'full-0.11.xml');
    const lines = expected.map(
      ([id, title, part, code]) =>
        `wikirev: info: ${file}: revision ${id} of "${title}": the ${part} is hidden (revision deletion) [REVISION_${code}_HIDDEN]`,
    );
    for (const format of ['json', 'csv']) {
      const r = await cli(['report', file, '--format', format]);
      assert.equal(r.code, 0, r.stderr);
      const got = r.stderr.split('\n').filter((l) => l.includes('_HIDDEN]'));
      assert.deepEqual(got, lines, format);
    }
  });
});

describe('a broken compressed dump', () => {
  it('is one line naming the path once, the decompressor said in its own words once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wikirev-broken-'));
    try {
      const half = async (name: string, to: string) => {
        const bytes = await readFile(join(DIR, name));
        await writeFile(join(dir, to), bytes.subarray(0, bytes.length >> 1));
        return join(dir, to);
      };
      const misnamed = join(dir, 'gzip.xml.bz2');
      await writeFile(misnamed, await readFile(join(DIR, 'full-0.11.xml.gz')));
      const cases: [string, RegExp][] = [
        [misnamed, /^its name says bzip2 but its content is gzip$/],
        [await half('full-0.11.xml.gz', 'cut.xml.gz'), /: gunzip: unexpected end of file$/],
        [await half('full-0.11.xml.bz2', 'cut.xml.bz2'), /^l?bzip2 failed \(exit code \d\): [^:]/],
        [await half('full-0.11.7z', 'cut.7z'), /^7z failed \(exit code 2\): .*end of archive$/i],
      ];
      for (const [file, message] of cases) {
        const r = await cli(['dump-stats', file]);
        assert.equal(r.code, 1, file);
        const lines = r.stderr.split('\n').filter((l) => l !== '');
        assert.equal(lines.length, 1, r.stderr);
        assert.equal(r.stderr.split(file).length, 2, `the path once: ${r.stderr}`);
        assert.ok(r.stderr.startsWith(`wikirev: ${file}: `), r.stderr);
        const said = lines[0]!.slice(`wikirev: ${file}: `.length);
        assert.match(said, message);
        // The decompressor's name once, not its own prefix again (`lbzip2: stdin: …`).
        assert.doesNotMatch(said, /^(\S+) failed.*\1: |stdin/, said);
      }
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
