/**
 * `report --format csv|parquet --out-dir DIR`: one file per unit, named after the unit, whose
 * rows together are the merged file's, and nothing half-written in the folder.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parquetReadObjects } from 'hyparquet';
import { planUnits } from '../src/scale.js';
import { ROOT } from './helpers/child-cli.js';
import { runCli } from './helpers/run-cli.js';

const FIXTURE = join(ROOT, 'fixtures', 'dump-mediawiki-1.39', 'full-0.11.xml');
const files = {
  writeFile: (path: string, content: string | AsyncIterable<Uint8Array>) =>
    writeFile(path, content),
};

async function parquetRows(path: string): Promise<unknown[]> {
  const bytes = await readFile(path);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return parquetReadObjects({ file });
}

describe('report --out-dir', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wikirev-outdir-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('csv: one file per unit, named after it; together the merged CSV', async () => {
    const units = await planUnits([FIXTURE], { unitBytes: 10_000 });
    assert.ok(units.length >= 3, 'the fixture is cut into several units');
    const out = join(dir, 'csv');
    const r = await runCli(
      [
        'report',
        '--workers',
        '2',
        '--unit-bytes',
        '10K',
        '--format',
        'csv',
        '--out-dir',
        out,
        FIXTURE,
      ],
      files,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((await readdir(out)).sort(), units.map((u) => `${u.id}.csv`).sort());
    const merged = await runCli(['report', '--workers', '1', '--format', 'csv', FIXTURE]);
    const [header, ...rows] = merged.stdout.split('\r\n').slice(0, -1);
    const parts: string[] = [];
    for (const unit of units) {
      const text = await readFile(join(out, `${unit.id}.csv`), 'utf8');
      const [h, ...body] = text.split('\r\n').slice(0, -1);
      assert.equal(h, header, `${unit.id}: the merged file's header`);
      parts.push(...body);
    }
    assert.equal(rows.length, 286);
    assert.deepEqual(parts, rows);
  });

  it('parquet: one file per unit; every row of the merged file once', async () => {
    const out = join(dir, 'parquet');
    const r = await runCli(
      ['report', '--unit-bytes', '10K', '--format', 'parquet', '--out-dir', out, FIXTURE],
      files,
    );
    assert.equal(r.code, 0, r.stderr);
    const names = (await readdir(out)).sort();
    assert.ok(
      names.length >= 3 && names.every((n) => /^u\d{6}-full-0\.11\.xml-\d+\.parquet$/.test(n)),
      names.join(', '),
    );
    const merged = join(dir, 'merged.parquet');
    assert.equal(
      (await runCli(['report', '--format', 'parquet', '--out', merged, FIXTURE], files)).code,
      0,
    );
    const all: unknown[] = [];
    for (const name of names) all.push(...(await parquetRows(join(out, name))));
    const plain = (rows: unknown[]) =>
      JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? Number(v) : v));
    assert.equal(all.length, 286);
    assert.equal(plain(all), plain(await parquetRows(merged)));
  });

  it('usage: a report format, --out beside it, feeds', async () => {
    const out = join(dir, 'bad');
    for (const [args, message] of [
      [
        ['--format', 'md', '--out-dir', out, FIXTURE],
        /--out-dir goes with --format csv or parquet/,
      ],
      [
        ['--format', 'csv', '--out', join(dir, 'x.csv'), '--out-dir', out, FIXTURE],
        /--out-dir and --out exclude each other/,
      ],
      [
        [
          '--format',
          'csv',
          '--out-dir',
          out,
          join(ROOT, 'fixtures', 'seed-openvz', 'openvz-dlezcano.contributions.atom.xml'),
        ],
        /--out-dir needs XML dump inputs/,
      ],
    ] as const) {
      const r = await runCli(['report', ...args], files);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
    }
  });
});
