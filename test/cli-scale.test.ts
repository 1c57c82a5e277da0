/**
 * `wikirev report` and `entries` on XML dumps over the worker pool: `--workers 2` prints the
 * bytes `--workers 1` prints, for several files and a split one, in every text format; a file
 * that cannot be read is named and the exit code says so; Parquet needs --out.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { planUnits } from '../src/scale.js';
import { runCli } from './helpers/run-cli.js';

const fixture = (name: string) =>
  join(import.meta.dirname, '..', 'fixtures', 'dump-mediawiki-1.39', name);
const files = [fixture('full-0.11.xml'), fixture('full-0.10.xml'), fixture('full-0.11.xml.gz')];
const work = mkdtempSync(join(tmpdir(), 'wikirev-cli-scale-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('wikirev report --workers on dumps', { timeout: 300_000 }, () => {
  for (const format of ['md', 'html', 'json', 'csv']) {
    it(`--format ${format}: 2 workers print the bytes of 1 (three files, one cut in units)`, async () => {
      const args = ['report', '--format', format, '--unit-bytes', '30K', ...files];
      const one = await runCli([...args, '--workers', '1']);
      const two = await runCli([...args, '--workers', '2']);
      assert.equal(one.code, 0, one.stderr);
      assert.equal(two.code, 0, two.stderr);
      assert.equal(two.stdout, one.stdout);
      assert.ok(one.stdout.length > 10_000);
      // The same warnings (the fixture's NFC-changed texts), in the same order.
      assert.equal(two.stderr, one.stderr);
    });
  }

  it("entries --format csv is the report's table", async () => {
    const report = await runCli(['report', '--format', 'csv', '--workers', '1', ...files]);
    const entries = await runCli(['entries', '--format', 'csv', '--workers', '1', ...files]);
    assert.equal(entries.code, 0, entries.stderr);
    assert.equal(entries.stdout, report.stdout);
    const lines = entries.stdout.split('\r\n');
    assert.equal(lines[0]!.split(',')[0], 'pageId');
    // A header, 858 rows, the final line end.
    assert.equal(lines.length, 1 + 858 + 1);
  });

  it('--format parquet writes the file given with --out, and only then', async () => {
    const no = await runCli(['report', '--format', 'parquet', fixture('full-0.11.xml')]);
    assert.equal(no.code, 2);
    assert.match(no.stderr, /--format parquet needs --out FILE/);
    const out = join(work, 'r.parquet');
    const yes = await runCli(
      ['report', '--format', 'parquet', '--workers', '1', '--out', out, fixture('full-0.11.xml')],
      { writeFile: (path, text) => writeFile(path, text) },
    );
    assert.equal(yes.code, 0, yes.stderr);
    const bytes = readFileSync(out);
    assert.equal(bytes.subarray(0, 4).toString(), 'PAR1');
    assert.equal(bytes.subarray(-4).toString(), 'PAR1');
  });

  it('a file that cannot be read is named with its page, the rest is printed, exit 1', async () => {
    const broken = join(work, 'cut.xml');
    const text = readFileSync(fixture('full-0.11.xml'));
    writeFileSync(broken, text.subarray(0, Math.floor(text.length * 0.6)));
    const run = await runCli([
      'report',
      '--format',
      'csv',
      '--workers',
      '2',
      fixture('full-0.10.xml'),
      broken,
    ]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /wikirev: error: .*cut\.xml: page \d+ ".+": .*\[INVALID_XML\]/);
    assert.match(run.stderr, /1 unit or page failed; the output has the rest/);
    assert.equal(run.stdout.split('\r\n').length, 1 + 286 + 1);
  });

  it('feeds give the table too (csv); parquet and --workers want dumps', async () => {
    const feed = join(
      import.meta.dirname,
      '..',
      'fixtures',
      'seed-openvz',
      'openvz-dlezcano.contributions.atom.xml',
    );
    const csv = await runCli(['report', '--format', 'csv', feed]);
    assert.equal(csv.code, 0, csv.stderr);
    const [header, first] = csv.stdout.split('\r\n');
    assert.match(header!, /^pageId,namespace,title,revisionId,/);
    // A feed knows no page ids: the first column is empty.
    assert.match(first!, /^,,/);
    const parquet = await runCli([
      'report',
      '--format',
      'parquet',
      '--out',
      join(work, 'f.parquet'),
      feed,
    ]);
    assert.equal(parquet.code, 2);
    const badWorkers = await runCli(['report', '--workers', '0', fixture('full-0.11.xml')]);
    assert.equal(badWorkers.code, 2);
    assert.match(badWorkers.stderr, /--workers must be a positive whole number/);
  });

  it('a dump file that is not there is named as a feed file is: NAME: no such file (exit 1)', async () => {
    const missing = join(work, 'missing.xml.bz2');
    for (const command of ['report', 'entries']) {
      const r = await runCli([command, '--format', 'csv', missing, fixture('full-0.11.xml')]);
      assert.deepEqual(
        [r.code, r.stdout, r.stderr],
        [1, '', `wikirev: ${missing}: no such file\n`],
      );
    }
    // The dump reader's error names it once too (it read "X: cannot open X: ENOENT … 'X'").
    for (const args of [['dump-stats'], ['blame', '--page', 'Main Page'], ['entries']]) {
      const r = await runCli([...args, missing]);
      assert.deepEqual([r.code, r.stderr], [1, `wikirev: ${missing}: no such file\n`], args[0]);
    }
    const feed = await runCli(['report', join(work, 'missing.atom.xml')]);
    assert.equal(feed.stderr, `wikirev: ${join(work, 'missing.atom.xml')}: no such file\n`);
  });

  it('planUnits: a file it cannot stat or open is FILE_UNREADABLE naming it, as readDump says', async () => {
    const missing = join(work, 'missing-plan.xml');
    await assert.rejects(planUnits([missing]), {
      name: 'WikirevError',
      code: 'FILE_UNREADABLE',
      file: missing,
      detail: 'no such file',
      message: `${missing}: no such file`,
    });
  });

  it('--authorship fills the rows: with another format it is a usage error, not ignored', async () => {
    const dump = fixture('full-0.11.xml');
    for (const args of [
      ['report', '--authorship', dump],
      ['report', '--authorship', '--format', 'json', dump],
      ['entries', '--authorship', dump],
    ]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /--authorship goes with --format csv/);
    }
  });

  it("the report's filters and layout options with csv or parquet rows are a usage error, not ignored", async () => {
    const dump = fixture('full-0.11.xml');
    const feed = join(
      import.meta.dirname,
      '..',
      'fixtures',
      'seed-openvz',
      'openvz-dlezcano.contributions.atom.xml',
    );
    for (const [option, ...value] of [
      ['--page', 'Sandbox'],
      ['--user', 'Alice'],
      ['--since', '2024-03-01'],
      ['--until', '2024-03-02'],
      ['--no-diffs'],
      ['--tz', 'Europe/Paris'],
      ['--period', 'week'],
      ['--top', '3'],
      ['--title', 'T'],
    ] as const) {
      for (const input of [dump, feed]) {
        const r = await runCli(['report', '--format', 'csv', option, ...value, input]);
        assert.deepEqual(
          [r.code, r.stdout, r.stderr],
          [
            2,
            '',
            `wikirev: ${option} shapes the md, html and json report; csv and parquet rows are every revision of the inputs (filter them downstream)\nTry 'wikirev report --help'.\n`,
          ],
          `${option} ${input}`,
        );
      }
    }
    // With --api, --page and --user say what to fetch, and the rows are those revisions.
    const api = await runCli([
      'report',
      '--format',
      'csv',
      '--api',
      'http://127.0.0.1:9/api.php',
      '--page',
      'X',
      '--timeout',
      '1',
    ]);
    assert.equal(api.code, 1, api.stderr);
  });
});
