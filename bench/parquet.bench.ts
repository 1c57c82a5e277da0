/**
 * The Parquet writers side by side on the same 200,000 per-revision rows (26 columns):
 * hyparquet-writer as wikirev uses it (src/scale/write-parquet.ts), parquet-wasm fed Arrow
 * batches (apache-arrow), and DuckDB's appender then `COPY … (FORMAT parquet)`. Each writer runs
 * in a fresh child process (bench/parquet-child.ts), three times, with the same settings where
 * it has them: Snappy, row groups of 100,000 rows, dictionary encoding, statistics. Printed: time
 * and CPU time (medians), file size, peak RSS and what the rows alone held, install size; then
 * every file is read back by hyparquet and by DuckDB and every value compared with the rows.
 * The rows: those of generated dumps, copied with new page and revision ids, titles and SHA-1s
 * until there are 200,000 distinct ones (copies of identical rows compress unrealistically well).
 * `npm run bench -- parquet`
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetReadObjects } from 'hyparquet';
import type { RevisionRow } from '../src/index.js';
import { generateDump } from './generate-dump.js';

const scale: typeof import('../src/scale.js') = await import(
  new URL('../dist/scale.js', import.meta.url).href
);
const { runPoolTask }: typeof import('../src/scale/pool-worker.js') = await import(
  new URL('../dist/scale/pool-worker.js', import.meta.url).href
);

const ROWS = Number(process.env.WIKIREV_BENCH_PARQUET_ROWS ?? 200_000);
const MB = 1e6;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const dir = mkdtempSync(join(tmpdir(), 'wikirev-bench-parquet-'));

try {
  console.log(`${cpus()[0]?.model ?? '?'}; load average at start ${load()}`);
  const base: RevisionRow[] = [];
  for (let i = 0; i < 2; i++) {
    const file = join(dir, `pages-${i}.xml`);
    writeFileSync(
      file,
      Buffer.concat([
        ...generateDump({ totalBytes: 16 * MB, seed: i + 1, firstPageId: 1 + i * 1000 }),
      ]),
    );
    for (const unit of await scale.planUnits([file])) {
      const outcome = await runPoolTask({ unit, options: { outDir: dir, report: false } });
      if (outcome.kind !== 'done') throw new Error(outcome.error.message);
      for (const line of readFileSync(outcome.result.output, 'utf8').split('\n')) {
        if (line.startsWith('{"kind":"page"')) base.push(...JSON.parse(line).rows);
      }
    }
  }
  const shift = (n: number | null, k: number, by: number) => (n === null ? null : n + k * by);
  const rows: RevisionRow[] = [];
  for (let k = 0; rows.length < ROWS; k++) {
    for (const r of base) {
      if (rows.length === ROWS) break;
      rows.push({
        ...r,
        pageId: shift(r.pageId, k, 1_000_000),
        title: k === 0 ? r.title : `${r.title} ${k}`,
        revisionId: r.revisionId + k * 100_000_000,
        parentId: shift(r.parentId, k, 100_000_000),
        revertRestores: shift(r.revertRestores, k, 100_000_000),
        sha1:
          r.sha1 === null || k === 0
            ? r.sha1
            : createHash('sha1').update(`${r.sha1}${k}`).digest('hex'),
        // Every fourth row with the authorship columns, as `--authorship` fills them.
        ...(rows.length % 4 === 0
          ? {
              tokens: 900 + k,
              tokensAdded: k % 50,
              tokensRemoved: k % 7,
              userShare: (k % 100) / 100,
            }
          : {}),
      });
    }
  }
  const rowsFile = join(dir, 'rows.jsonl');
  writeFileSync(rowsFile, rows.map((r) => JSON.stringify(r)).join('\n'));
  console.log(
    `${rows.length} rows (${base.length} distinct revisions copied with new ids), 26 columns\n`,
  );

  const du = (names: string[]) =>
    names
      .map((n) =>
        Number(
          execFileSync('du', ['-sk', join(import.meta.dirname, '..', 'node_modules', n)], {
            encoding: 'utf8',
          }).split('\t')[0],
        ),
      )
      .reduce((a, b) => a + b, 0) / 1024;
  const writers: [string, string, string[]][] = [
    ['hyparquet-writer', 'hyparquet-writer (wikirev today)', ['hyparquet-writer']],
    [
      'parquet-wasm',
      'parquet-wasm (Arrow batches, apache-arrow)',
      ['parquet-wasm', 'apache-arrow'],
    ],
    [
      'duckdb',
      '@duckdb/node-api (appender, COPY)',
      ['@duckdb/node-api', '@duckdb/node-bindings', '@duckdb/node-bindings-linux-x64'],
    ],
  ];
  const expected = rows.map((r) => JSON.stringify(r));
  const plain = (v: unknown) => (typeof v === 'bigint' ? Number(v) : v);
  const same = (got: Record<string, unknown>[]) => {
    if (got.length !== expected.length) return `${got.length} rows`;
    for (let i = 0; i < got.length; i++) {
      const row = Object.fromEntries(Object.entries(got[i]!).map(([k, v]) => [k, plain(v)]));
      if (JSON.stringify(row) !== expected[i]) return `row ${i} differs`;
    }
    return 'every value';
  };
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  console.log(
    '| writer | time s (median of 3) | CPU s | file MB | peak RSS MB (rows alone) | install MB | hyparquet reads | DuckDB reads |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  for (const [id, name, packages] of writers) {
    const out = join(dir, `${id}.parquet`);
    const runs: { ms: number; cpuMs: number; peakRssMb: number; heldRssMb: number }[] = [];
    try {
      for (let k = 0; k < 3; k++) {
        const printed = execFileSync(
          process.execPath,
          ['--import', 'tsx', join(import.meta.dirname, 'parquet-child.ts'), id, rowsFile, out],
          { encoding: 'utf8', maxBuffer: 1 << 20 },
        );
        runs.push(JSON.parse(printed.trim().split('\n').pop()!));
      }
    } catch (error) {
      console.log(
        `| ${name} | failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} | | | | | | |`,
      );
      continue;
    }
    const bytes = readFileSync(out);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const byHyparquet = same(await parquetReadObjects({ file: buffer }));
    const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${out}')`);
    const byDuckdb = same(reader.getRowObjectsJS() as Record<string, unknown>[]);
    const m = median(runs.map((r) => r.ms));
    console.log(
      `| ${name} | ${(m / 1000).toFixed(2)} | ${(median(runs.map((r) => r.cpuMs)) / 1000).toFixed(2)} | ${(statSync(out).size / MB).toFixed(2)} | ${median(runs.map((r) => r.peakRssMb)).toFixed(0)} (${median(runs.map((r) => r.heldRssMb)).toFixed(0)}) | ${du(packages).toFixed(1)} | ${byHyparquet} | ${byDuckdb} |`,
    );
  }
  connection.closeSync();
  console.log(`\nload average at the end ${load()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
