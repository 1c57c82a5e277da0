/**
 * The command line's wording and levels: sections refusing feeds and dumps, `--strict` levels,
 * diagnostics naming their input, entry and revision, lowercase messages, report options.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './helpers/run-cli.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const FEEDS = join(FIXTURES, 'mediawiki-oracle', 'feeds');
const DUMPS = join(FIXTURES, 'dump-mediawiki-1.39');
const REVDEL = join(FEEDS, 'history', 'revdel-target.atom.xml');
const RC = join(FEEDS, 'recentchanges', 'limit500.atom.xml');
const SANDBOX = join(FEEDS, 'history', 'sandbox.atom.xml');

describe('wikirev sections without --rev', () => {
  for (const [file, kind] of [
    [join(FEEDS, 'contributions', 'alice.atom.xml'), 'an Atom feed'],
    [join(FEEDS, 'contributions', 'alice.rss.xml'), 'an RSS feed'],
    [join(DUMPS, 'full-0.11.xml'), 'an XML dump'],
    [join(DUMPS, 'full-0.11.xml.bz2'), 'a compressed file'],
    [join(DUMPS, 'full-0.11.xml.gz'), 'a compressed file'],
  ] as const) {
    it(`refuses ${kind} (exit 2) and says to use --rev`, async () => {
      const r = await runCli(['sections', file]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`is ${kind}.*not wikitext: give --rev N`));
    });
  }

  it('still reads wikitext, and a feed with --rev', async () => {
    const wiki = await runCli(['sections', '-'], {
      stdin: async function* () {
        yield new TextEncoder().encode('Lead\n== A ==\ntext');
      },
    });
    assert.equal(wiki.code, 0, wiki.stderr);
    assert.match(wiki.stdout, /^0\t0\t1-1\t-\t\(lead\)\n1\t2\t2-3\t#A\tA\n$/);
    // A page that starts with a heading has an empty lead: no lines, `-` (not `1-0`).
    const headed = await runCli(['sections', '-'], {
      stdin: async function* () {
        yield new TextEncoder().encode('== A ==\ntext');
      },
    });
    assert.equal(headed.stdout, '0\t0\t-\t-\t(lead)\n1\t2\t1-2\t#A\tA\n');
    const feed = await runCli([
      'sections',
      join(FEEDS, 'history', 'sandbox.limit500.atom.xml'),
      '--rev',
      '4',
    ]);
    assert.equal(feed.code, 0, feed.stderr);
    assert.match(feed.stdout, /\tHistory\n/);
  });
});

describe('--strict levels', () => {
  // The recent-changes feed has one info diagnostic (log rows), and no warning.
  it('--strict ignores info diagnostics, --strict=info fails on them', async () => {
    const plain = await runCli(['report', '--no-diffs', '--strict', RC]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stderr, /^wikirev: info: /m);
    const info = await runCli(['report', '--no-diffs', '--strict=info', RC]);
    assert.equal(info.code, 1);
    assert.match(info.stderr, /wikirev: 1 info \(--strict=info\)\n$/);
    const entries = await runCli(['entries', '--strict=info', REVDEL]);
    assert.equal(entries.code, 1);
    assert.match(entries.stderr, /wikirev: 2 info \(--strict=info\)\n$/);
    assert.equal((await runCli(['entries', '--strict', REVDEL])).code, 0);
  });

  it('--strict fails on a warning, and an unknown level is a usage error', async () => {
    const gone = join(FEEDS, 'history', 'gone-page.atom.xml');
    const r = await runCli(['entries', '--strict', gone]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /wikirev: 1 warning \(--strict\)\n$/);
    const bad = await runCli(['report', '--strict=all', RC]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--strict must be one of warning, info, error, got 'all'/);
  });
});

describe('diagnostics name their input', () => {
  it('a feed entry: file, entry index and revision id, the entry said once', async () => {
    const r = await runCli(['entries', REVDEL]);
    assert.equal(r.code, 0);
    assert.match(
      r.stderr,
      /^wikirev: info: \S+revdel-target\.atom\.xml, entry 2, revision 58: the comment is revision-deleted/m,
    );
    assert.doesNotMatch(r.stderr, /entry 2: entry 2/);
  });

  it('a diagnostic that names its input itself does not get the name again', async () => {
    const missing = join(FEEDS, 'history', 'options', 'never-existed.atom.xml');
    const r = await runCli(['report', '--no-diffs', missing]);
    assert.equal(r.code, 0, r.stderr);
    // It read "wikirev: warning: FILE: FILE is the history of …".
    assert.ok(
      r.stderr.includes(
        `wikirev: warning: ${missing} is the history of "Never existed", which does not exist (never created or deleted) [HISTORY_PAGE_MISSING]\n`,
      ),
      r.stderr,
    );
  });

  it('a history diagnostic names the file, never "feed 1"', async () => {
    const r = await runCli(['report', '--no-diffs', SANDBOX, RC]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /wikirev: info: history: \S+limit500\.atom\.xml: 7 of 68 entries/);
    assert.doesNotMatch(r.stderr, /\bfeed \d/);
  });

  it('option errors start lowercase like every other message', async () => {
    const r = await runCli(['report', '--bogus', RC]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^wikirev: unknown option '--bogus'/);
  });

  it('an option without its value says so in one line, naming the option as typed', async () => {
    for (const [args, expected] of [
      [['diff', RC, '--page'], '--page needs a value'],
      [['report', RC, '-o'], '--out needs a value'],
      // Node's three-line "argument is ambiguous" message, for a value that looks like an option.
      [
        ['diff', RC, '--page', '--to', '3'],
        "--page needs a value (one that starts with '-' is written --page=-…)",
      ],
    ] as const) {
      const r = await runCli([...args]);
      assert.deepEqual(
        [r.code, r.stderr],
        [2, `wikirev: ${expected}\nTry 'wikirev ${args[0]} --help'.\n`],
        args.join(' '),
      );
    }
  });
});

describe('report --period and --top', () => {
  it('counts per hour and keeps the top N users', async () => {
    const r = await runCli(['report', '--period', 'hour', '--top', '2', RC, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.period, 'hour');
    assert.equal(report.top, 2);
    assert.equal(report.topEditorsByEdits.length, 2);
    assert.match(report.timeline[0].label, /^\d{4}-\d{2}-\d{2} \d{2}:00$/);
    const md = await runCli(['report', '--top', '2', RC]);
    assert.match(md.stdout, /^## Users \(top 2 of \d+\)$/m);
    const bad = await runCli(['report', '--period', 'year', RC]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--period must be one of day, hour, week, month, got 'year'/);
    // A count is not offered byte suffixes; a byte limit is.
    const top = await runCli(['report', '--top', '0', RC]);
    assert.match(top.stderr, /^wikirev: --top must be a positive whole number, got '0'\n/);
    const bytes = await runCli(['report', '--max-input-bytes', '0', RC]);
    assert.match(
      bytes.stderr,
      /^wikirev: --max-input-bytes must be a positive whole number \(64M, 1G allowed\), got '0'\n/,
    );
  });
});

describe('the progress line', () => {
  const args = ['report', '--no-diffs', SANDBOX, RC];
  it('shows on a terminal stderr, and is cleared before messages and at the end', async () => {
    const r = await runCli(args, { isTTY: true });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stderr.includes('\rwikirev: reading 1/2 '));
    assert.ok(r.stderr.includes('\rwikirev: analyzing 62 revisions\x1b[K'));
    assert.ok(r.stderr.includes('\r\x1b[Kwikirev: info: history: '), 'cleared before a message');
    assert.ok(r.stderr.endsWith('\r\x1b[K'), 'cleared at the end');
  });

  it('is off when stderr is not a terminal, and with --quiet or -q', async () => {
    for (const [extra, tty] of [
      [[], false],
      [['--quiet'], true],
      [['-q'], true],
    ] as const) {
      const r = await runCli([...args, ...extra], { isTTY: tty });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!r.stderr.includes('\r') && !r.stderr.includes('\x1b'));
      assert.match(r.stderr, /^wikirev: info: history: /);
    }
  });
});
