/**
 * wikirev/scale: units planned from dump files, each run on its own and merged, give exactly
 * the output of the whole file read as one unit (pages ordered by id), in every format; the
 * worker pool gives the bytes of one thread; failures name their file and page; the Parquet
 * output read back by independent readers (hyparquet, DuckDB) holds every value; the rows
 * agree with the API of the wiki that wrote the dump.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetReadObjects } from 'hyparquet';
import { historyFromDump, readDump } from '../src/dump.js';
import { authorshipStats, type RevisionRow, revisionCsv, WikirevError } from '../src/index.js';
import {
  analyzeDumps,
  mergeUnitOutputs,
  planUnits,
  runUnit,
  type ScaleFormat,
  type UnitResult,
  type WorkUnit,
} from '../src/scale.js';
import type { ApiTruth } from './helpers/dump-api.js';

const fixture = (name: string) =>
  join(import.meta.dirname, '..', 'fixtures', 'dump-mediawiki-1.39', name);
const work = mkdtempSync(join(tmpdir(), 'wikirev-scale-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

let dirs = 0;
async function runAll(
  units: readonly WorkUnit[],
  options: { readonly authorship?: boolean; readonly csv?: boolean } = {},
): Promise<UnitResult[]> {
  const outDir = join(work, `run-${dirs++}`);
  const results: UnitResult[] = [];
  for (const unit of units) results.push(await runUnit(unit, { outDir, ...options }));
  return results;
}

/** The rows a unit output holds, in order. */
function rowsOf(results: readonly UnitResult[]): RevisionRow[] {
  return results.flatMap((r) =>
    readFileSync(r.output, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{"kind":"page"'))
      .flatMap((line) => (JSON.parse(line) as { rows: RevisionRow[] }).rows),
  );
}

const FORMATS: readonly ScaleFormat[] = ['json', 'md', 'html', 'csv', 'parquet'];

/** A copy of the multistream fixture beside an index in Wikimedia's form (`offset:id:title`). */
async function multistreamWithIndex(compressIndex: boolean): Promise<string> {
  const bytes = readFileSync(fixture('full-0.11.multistream.xml.bz2'));
  const starts: number[] = [];
  for (let at = bytes.indexOf('BZh91AY&SY'); at !== -1; at = bytes.indexOf('BZh91AY&SY', at + 1)) {
    starts.push(at);
  }
  const lines: string[] = [];
  for (const [i, start] of starts.entries()) {
    const stream = bytes.subarray(start, starts[i + 1] ?? bytes.length);
    for await (const page of readDump(Readable.from([stream]), { fragment: true })) {
      lines.push(`${start}:${page.id}:${page.title}`);
    }
  }
  const dir = mkdtempSync(join(work, 'multistream-'));
  const dump = join(dir, 'wiki-20261205-pages-meta-history-multistream.xml.bz2');
  copyFileSync(fixture('full-0.11.multistream.xml.bz2'), dump);
  const index = join(dir, 'wiki-20261205-pages-meta-history-multistream-index.txt');
  writeFileSync(index, `${lines.join('\n')}\n`);
  if (compressIndex) execFileSync('bzip2', [index]);
  return dump;
}

describe('planUnits, runUnit, mergeUnitOutputs', () => {
  it('cuts a plain dump at <page> and merges the parts to the bytes of the whole file', async () => {
    const file = fixture('full-0.11.xml');
    const whole = await planUnits([file]);
    const split = await planUnits([file], { unitBytes: 20_000 });
    assert.deepEqual(
      whole.map((u) => u.range.kind),
      ['whole'],
    );
    assert.ok(split.length >= 2, `${split.length} units`);
    for (const unit of split) assert.equal(unit.range.kind, 'bytes');
    const a = await runAll(whole);
    const b = await runAll(split);
    for (const results of [a, b]) {
      assert.deepEqual(
        [results.reduce((n, r) => n + r.pages, 0), results.reduce((n, r) => n + r.revisions, 0)],
        [13, 286],
      );
    }
    for (const format of FORMATS) {
      const x = await mergeUnitOutputs(
        a.map((r) => r.output),
        { format },
      );
      // Given in any order: the plan's order decides.
      const y = await mergeUnitOutputs(b.map((r) => r.output).reverse(), { format });
      assert.ok(x.output !== null && y.output !== null);
      assert.equal(Buffer.compare(x.output, y.output), 0, format);
      assert.equal(x.pages, 13);
    }
  });

  it('units run with csv rows merge to the csv of units run with row objects, and to csv only', async () => {
    const file = fixture('full-0.11.xml');
    const objects = await runAll(await planUnits([file]));
    const rendered = await runAll(await planUnits([file], { unitBytes: 20_000 }), { csv: true });
    const x = await mergeUnitOutputs(
      objects.map((r) => r.output),
      { format: 'csv' },
    );
    const y = await mergeUnitOutputs(
      rendered.map((r) => r.output),
      { format: 'csv' },
    );
    assert.ok(x.output !== null && y.output !== null);
    assert.equal(Buffer.compare(x.output, y.output), 0);
    assert.deepEqual([y.pages, y.revisions], [13, 286]);
    for (const options of [
      { format: 'parquet' },
      { format: 'csv', formulaGuard: false },
    ] as const) {
      await assert.rejects(
        mergeUnitOutputs(
          rendered.map((r) => r.output),
          options,
        ),
        /run with csv rows: they merge to csv only/,
      );
    }
  });

  for (const compressed of [false, true]) {
    it(`cuts a multistream bzip2 dump at the streams its index${compressed ? '.txt.bz2' : '.txt'} lists`, async () => {
      const dump = await multistreamWithIndex(compressed);
      const units = await planUnits([dump], { unitBytes: 1 });
      assert.ok(units.length >= 3, `${units.length} units`);
      const first: (number | null)[] = [];
      for (const unit of units) {
        assert.equal(unit.range.kind, 'streams');
        if (unit.range.kind === 'streams') first.push(unit.range.firstPageId);
      }
      // Each unit starts at the first page of its streams.
      assert.equal(first[0], 1);
      assert.deepEqual(
        first,
        [...first].sort((x, y) => (x ?? 0) - (y ?? 0)),
      );
      const parts = await runAll(units);
      const plain = await runAll(await planUnits([fixture('full-0.11.xml')]));
      for (const format of ['json', 'csv'] as const) {
        const x = await mergeUnitOutputs(
          plain.map((r) => r.output),
          { format },
        );
        const y = await mergeUnitOutputs(
          parts.map((r) => r.output),
          { format },
        );
        assert.equal(Buffer.compare(x.output!, y.output!), 0, format);
      }
    });
  }

  it('runs a unit again to the same output, and reuses a finished one when asked', async () => {
    const [unit] = await planUnits([fixture('full-0.11.xml')]);
    const outDir = join(work, 'again');
    const first = await runUnit(unit!, { outDir });
    const bytes = readFileSync(first.output);
    const second = await runUnit(unit!, { outDir });
    assert.equal(Buffer.compare(readFileSync(second.output), bytes), 0);
    const reused = await runUnit(unit!, { outDir, reuse: true });
    assert.deepEqual([reused.reused, reused.pages, reused.revisions], [true, 13, 286]);
  });

  it('refuses a unit whose id is not a plain file name, or whose range is unknown', async () => {
    const [unit] = await planUnits([fixture('full-0.11.xml')]);
    const outDir = join(work, 'refused');
    await assert.rejects(runUnit({ ...unit!, id: '../escape' }, { outDir }), TypeError);
    await assert.rejects(
      runUnit({ ...unit!, range: { kind: 'bytes', start: 10, end: 5, headerEnd: 0 } }, { outDir }),
      TypeError,
    );
    await assert.rejects(
      runUnit({ ...unit!, range: { kind: 'lines' } as unknown as WorkUnit['range'] }, { outDir }),
      TypeError,
    );
  });

  it('a page over maxHistoryBytes is an error naming file and page; the others are analysed', async () => {
    const file = fixture('full-0.11.xml');
    const [unit] = await planUnits([file]);
    const result = await runUnit(unit!, { outDir: join(work, 'small'), maxHistoryBytes: 4000 });
    assert.ok(result.errors.length > 0 && result.errors.length < 13);
    assert.equal(result.pages + result.errors.length, 13);
    const long = result.errors.find((e) => e.title === 'History/Long page');
    assert.ok(long, JSON.stringify(result.errors));
    assert.equal(long.file, file);
    assert.equal(long.code, 'ENTRY_TOO_LARGE');
    assert.match(long.message, /full-0\.11\.xml: page \d+ "History\/Long page"/);
  });
});

describe('analyzeDumps over worker threads', { timeout: 180_000 }, () => {
  const files = [fixture('full-0.11.xml'), fixture('full-0.10.xml'), fixture('full-0.11.xml.gz')];

  it('gives the bytes of one thread with 2 workers, several files and a split one (json, parquet)', async () => {
    for (const format of ['json', 'parquet'] as const) {
      const out1 = join(work, `one.${format}`);
      const out2 = join(work, `two.${format}`);
      const one = await analyzeDumps(files, { workers: 1, format, unitBytes: 30_000, out: out1 });
      const two = await analyzeDumps(files, { workers: 2, format, unitBytes: 30_000, out: out2 });
      assert.ok(one.units > files.length, `${one.units} units`);
      assert.equal(Buffer.compare(readFileSync(out1), readFileSync(out2)), 0, format);
      assert.deepEqual([two.pages, two.revisions, two.failed.length], [39, 858, 0]);
    }
  });

  /** The first half of the fixture dump, cut inside page 13: a read error there. */
  const halfDump = (name: string): string => {
    const file = join(work, name);
    const text = readFileSync(fixture('full-0.11.xml'));
    writeFileSync(file, text.subarray(0, Math.floor(text.length / 2)));
    return file;
  };

  it('a file that cannot be read fails alone, named; the others are merged', async () => {
    const broken = halfDump('broken.xml');
    const result = await analyzeDumps([fixture('full-0.10.xml'), broken], {
      workers: 2,
      format: 'csv',
    });
    assert.equal(result.failed.length, 1);
    assert.equal(result.failed[0]!.file, broken);
    // Named once, from the reader's fields (it once read "broken.xml: broken.xml: page …").
    assert.equal(
      result.failed[0]!.message,
      `${broken}: page 13 "History/Two hundred revisions": the input ends inside markup (truncated?) at byte 114904`,
    );
    assert.equal(result.revisions, 286);
    assert.equal(result.pages, 13);
  });

  it('a read error fails the unit in a report too (not only the page being read)', async () => {
    const broken = halfDump('broken-report.xml');
    const result = await analyzeDumps([fixture('full-0.10.xml'), broken], {
      workers: 1,
      format: 'json',
    });
    assert.equal(result.failed.length, 1);
    assert.equal(result.failed[0]!.file, broken);
    assert.deepEqual(result.failed[0], {
      file: broken,
      pageId: 13,
      title: 'History/Two hundred revisions',
      code: 'INVALID_XML',
      detail: 'the input ends inside markup (truncated?) at byte 114904',
      message: `${broken}: page 13 "History/Two hundred revisions": the input ends inside markup (truncated?) at byte 114904`,
    });
    assert.deepEqual(result.errors, []);
    assert.equal(result.pages, 13);
  });

  it('runUnit throws the read error with its place as fields, like its unitError', async () => {
    const broken = halfDump('broken-unit.xml');
    const [unit] = await planUnits([broken]);
    const detail = 'the input ends inside markup (truncated?) at byte 114904';
    await assert.rejects(runUnit(unit!, { outDir: join(work, 'broken-unit') }), (error) => {
      assert.ok(error instanceof WikirevError);
      const { code, file, pageId, title, message } = error;
      const place = { file: broken, pageId: 13, title: 'History/Two hundred revisions' };
      assert.deepEqual(
        { code, file, pageId, title, detail: error.detail, message },
        {
          code: 'INVALID_XML',
          ...place,
          detail,
          message: `${broken}: page 13 "History/Two hundred revisions": ${detail}`,
        },
      );
      assert.deepEqual((error as WikirevError & { unitError: unknown }).unitError, {
        ...place,
        code,
        detail,
        message,
      });
      return true;
    });
  });
});

describe('the per-revision table', () => {
  it('Parquet read back by hyparquet and by DuckDB holds every value of every row', async () => {
    const results = await runAll(await planUnits([fixture('full-0.11.xml')]), {
      authorship: true,
    });
    const expected = rowsOf(results);
    assert.equal(expected.length, 286);
    assert.ok(expected.filter((r) => r.userShare !== null).length > 200);
    const out = join(work, 'rows.parquet');
    await mergeUnitOutputs(
      results.map((r) => r.output),
      { format: 'parquet', out },
    );
    const bytes = readFileSync(out);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const plain = (value: unknown) => (typeof value === 'bigint' ? Number(value) : value);
    const fromHyparquet = (await parquetReadObjects({ file: buffer })).map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])),
    );
    assert.deepEqual(fromHyparquet, expected);
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    const reader = await connection.runAndReadAll(
      `SELECT * FROM read_parquet('${out.replace(/'/g, "''")}')`,
    );
    const fromDuckdb = reader
      .getRowObjectsJS()
      .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
    connection.closeSync();
    assert.deepEqual(fromDuckdb, expected);
  });

  it('CSV read back by DuckDB (formula guard off) holds every value; the guard marks formulas', async () => {
    const results = await runAll(await planUnits([fixture('full-0.11.xml')]));
    const expected = rowsOf(results);
    const out = join(work, 'rows.csv');
    await mergeUnitOutputs(
      results.map((r) => r.output),
      { format: 'csv', out, formulaGuard: false },
    );
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    const reader = await connection.runAndReadAll(
      `SELECT * FROM read_csv('${out.replace(/'/g, "''")}', header = true, all_varchar = true, quote = '"', escape = '"')`,
    );
    const text = (v: unknown) => (v === null ? '' : String(v));
    const got = reader.getRowObjectsJS();
    connection.closeSync();
    assert.equal(got.length, expected.length);
    got.forEach((row, i) => {
      const want = expected[i]!;
      for (const [k, v] of Object.entries(want)) assert.equal(text(row[k]), text(v), `${i} ${k}`);
    });
    const row = { ...expected[0]!, title: '=HYPERLINK("x")', user: '-2+3', bytesDelta: -12 };
    const guarded = revisionCsv([row], { header: false });
    assert.match(guarded, /,"'=HYPERLINK\(""x""\)",/);
    assert.match(guarded, /,'-2\+3,/);
    assert.match(guarded, /,-12,/);
    assert.ok(guarded.endsWith('\r\n'));
  });

  it("userShare of a page's last revision is its user's share in authorshipStats", async () => {
    const rows = rowsOf(
      await runAll(await planUnits([fixture('full-0.11.xml')]), { authorship: true }),
    );
    const pages = new Map<number, RevisionRow[]>();
    for (const r of rows) pages.set(r.pageId!, [...(pages.get(r.pageId!) ?? []), r]);
    let checked = 0;
    for await (const page of historyFromDump(fixture('full-0.11.xml'))) {
      const last = pages.get(page.pageId)!.at(-1)!;
      const lastText = page.revisions.at(-1)!;
      if (last.userShare === null || lastText.text === null) continue;
      const stats = authorshipStats(page.revisions);
      const total = stats.editors.reduce((n, e) => n + e.tokens, 0);
      const mine = stats.editors.find((e) => e.user === last.user)?.tokens ?? 0;
      assert.equal(last.tokens, total, page.title);
      assert.equal(last.userShare, mine / total, page.title);
      checked++;
    }
    assert.ok(checked >= 8, `${checked} pages`);
  });

  it('rows agree with the API of the wiki that wrote the dump', async () => {
    const truth = JSON.parse(readFileSync(fixture('api.json'), 'utf8')) as ApiTruth;
    const rows = rowsOf(await runAll(await planUnits([fixture('full-0.11.xml')])));
    const byId = new Map(rows.map((r) => [r.revisionId, r]));
    let checked = 0;
    for (const page of truth.pages) {
      const sizes = new Map(page.revisions.map((r) => [r.revid, r.size]));
      for (const rev of page.revisions) {
        const row = byId.get(rev.revid);
        assert.ok(row, `revision ${rev.revid}`);
        const main = rev.slots.main!;
        const parentSize = rev.parentid === 0 ? 0 : (sizes.get(rev.parentid) ?? null);
        assert.deepEqual(
          {
            pageId: row.pageId,
            namespace: row.namespace,
            title: row.title,
            parentId: row.parentId,
            timestamp: row.timestamp,
            user: row.user,
            userId: row.userId,
            anonymous: row.anonymous,
            minor: row.minor,
            bytes: row.bytes,
            bytesDelta: row.bytesDelta,
            sha1: row.sha1,
          },
          {
            pageId: page.pageid,
            namespace: page.ns,
            title: page.title,
            parentId: rev.parentid === 0 ? null : rev.parentid,
            timestamp: rev.timestamp,
            user: rev.userhidden ? null : (rev.user ?? null),
            userId: rev.userhidden || rev.anon ? null : (rev.userid ?? null),
            anonymous: rev.anon === true,
            minor: rev.minor,
            bytes: main.size,
            bytesDelta: parentSize === null ? null : main.size - parentSize,
            // The API hides a hidden text's SHA-1; the dump (an admin's) writes it.
            sha1: main.texthidden ? row.sha1 : (main.sha1 ?? null),
          },
          `revision ${rev.revid}`,
        );
        checked++;
      }
    }
    assert.equal(checked, 286);
  });
});

// The index is what cuts the file: without it the plan cannot know where streams start.
it('without its index file a multistream dump is one unit', async () => {
  const dump = await multistreamWithIndex(false);
  const index = dump.replace(/\.xml\.bz2$/, '-index.txt');
  const [line] = readFileSync(index, 'utf8').split('\n');
  assert.match(line!, /^\d+:1:Main Page$/);
  unlinkSync(index);
  assert.deepEqual(
    (await planUnits([dump], { unitBytes: 1 })).map((u) => u.range.kind),
    ['whole'],
  );
});
