/**
 * wikirev/scale: `analyzeDumps` on 8 generated dump files (disjoint page ids, ~32 MB each) with
 * 1 worker (in this thread) and 2 worker threads through piscina and through tinypool (the same
 * worker file, the same merge), output compared byte for byte; the per-core throughput the
 * docs' English Wikipedia plan starts from; peak RSS of a child analysing 4 and 32 files
 * (backpressure: memory should not grow with the number of files); and the Parquet writers
 * (hyparquet-writer as wikirev uses it, DuckDB's appender + COPY, parquet-wasm from an Arrow
 * table) on the same rows, with their install sizes.
 * `npm run bench -- scale`; WIKIREV_BENCH_SCALE_MB sets the size of each file (default 32: each worker's start-up, ~0.5 s of CPU, must be small
 * beside its share of the work).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { Tinypool } from 'tinypool';
import { generateDump } from './generate-dump.js';

type Scale = typeof import('../src/scale.js');
const scale: Scale = await import(new URL('../dist/scale.js', import.meta.url).href);
const { runPoolTask }: typeof import('../src/scale/pool-worker.js') = await import(
  new URL('../dist/scale/pool-worker.js', import.meta.url).href
);
const { RevisionParquetWriter }: typeof import('../src/scale/write-parquet.js') = await import(
  new URL('../dist/scale/write-parquet.js', import.meta.url).href
);
const workerFile = new URL('../dist/scale/pool-worker.js', import.meta.url).href;

const MB = 1e6;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const perFile = Number(process.env.WIKIREV_BENCH_SCALE_MB ?? 32) * MB;
const dir = mkdtempSync(join(tmpdir(), 'wikirev-bench-scale-'));

try {
  console.log(
    `${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores; load average at start ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const files: string[] = [];
  let pageId = 1;
  let revisionId = 1;
  for (let i = 0; i < 32; i++) {
    const file = join(dir, `pages-${i}.xml`);
    const bytes = Buffer.concat([
      ...generateDump({
        totalBytes: perFile,
        seed: i + 1,
        firstPageId: pageId,
        firstRevisionId: revisionId,
      }),
    ]);
    writeFileSync(file, bytes);
    // Disjoint ids, as Wikimedia's files of one dump have.
    pageId += 1000;
    revisionId += 100_000;
    files.push(file);
  }
  const eight = files.slice(0, 8);
  const total = eight.reduce((n, f) => n + statSync(f).size, 0);
  console.log(`8 files, ${(total / MB).toFixed(1)} MB of XML\n`);

  // 1. Pools.
  type Runner = (task: unknown) => Promise<unknown>;
  async function withPool(runner: Runner, format: 'csv' | 'json') {
    const units = await scale.planUnits(eight);
    const outDir = mkdtempSync(join(dir, 'units-'));
    const table = format === 'csv';
    const outcomes = (await Promise.all(
      units.map((unit) => runner({ unit, options: { outDir, rows: table, report: !table } })),
    )) as Awaited<ReturnType<typeof runPoolTask>>[];
    const outputs = outcomes.map((o) => {
      if (o.kind !== 'done') throw new Error(o.error.message);
      return o.result.output;
    });
    const merged = await scale.mergeUnitOutputs(outputs, { format });
    rmSync(outDir, { recursive: true, force: true });
    return merged;
  }
  const one = (format: 'csv' | 'json') => scale.analyzeDumps(eight, { workers: 1, format });
  const piscina = async (format: 'csv' | 'json') => {
    const pool = new Piscina({ filename: workerFile, minThreads: 2, maxThreads: 2, execArgv: [] });
    try {
      return await withPool((task) => pool.run(task), format);
    } finally {
      await pool.destroy();
    }
  };
  const tinypool = async (format: 'csv' | 'json') => {
    const pool = new Tinypool({ filename: workerFile, minThreads: 2, maxThreads: 2, execArgv: [] });
    try {
      return await withPool((task) => pool.run(task), format);
    } finally {
      await pool.destroy();
    }
  };
  const rows: [string, number[], boolean, number[]][] = [
    ['1 worker (this thread)', [], true, []],
    ['2 workers, piscina', [], true, []],
    ['2 workers, tinypool', [], true, []],
    ['2 workers, analyzeDumps', [], true, []],
  ];
  let reference: Uint8Array | null = null;
  let revisions = 0;
  const runs = Number(process.env.WIKIREV_BENCH_SCALE_RUNS ?? 3);
  for (let run = 0; run < runs; run++) {
    const contenders = [
      () => one('csv'),
      () => piscina('csv'),
      () => tinypool('csv'),
      () => scale.analyzeDumps(eight, { workers: 2, format: 'csv' }),
    ];
    for (let k = 0; k < contenders.length; k++) {
      const t = performance.now();
      // CPU time of every thread of the process: what the work costs, whatever the load.
      const cpu = process.cpuUsage();
      const result = await contenders[k]!();
      rows[k]![1].push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      rows[k]![3].push((used.user + used.system) / 1000);
      if (reference === null) reference = result.output;
      else rows[k]![2] &&= Buffer.compare(reference!, result.output!) === 0;
      revisions = result.revisions;
    }
  }
  const base = median(rows[0]![1]);
  console.log(
    '| run (csv, 8 files) | median s | runs s | speed-up vs 1 | CPU s (all threads) | output identical |',
  );
  console.log('| --- | ---: | --- | ---: | ---: | --- |');
  for (const [name, times, same, cpu] of rows) {
    console.log(
      `| ${name} | ${(median(times) / 1000).toFixed(2)} | ${times.map((t) => (t / 1000).toFixed(1)).join(', ')} | ${(base / median(times)).toFixed(2)}x | ${(median(cpu) / 1000).toFixed(2)} | ${same ? 'yes' : 'NO'} |`,
    );
  }
  const cpuOne = median(rows[0]![3]) / 1000;
  console.log(
    `\nper core (1 worker): ${(total / MB / (base / 1000)).toFixed(2)} MB/s of XML by the clock, ${(total / MB / cpuOne).toFixed(2)} MB/s per CPU second; ${(revisions / cpuOne).toFixed(0)} revisions per CPU second (${revisions} revisions)`,
  );
  const tJson = performance.now();
  const json1 = await one('json');
  const oneJson = performance.now() - tJson;
  const tJson2 = performance.now();
  const json2 = await scale.analyzeDumps(eight, { workers: 2, format: 'json' });
  const twoJson = performance.now() - tJson2;
  console.log(
    `json report: 1 worker ${(oneJson / 1000).toFixed(2)} s, 2 workers ${(twoJson / 1000).toFixed(2)} s (${(oneJson / twoJson).toFixed(2)}x), identical: ${Buffer.compare(json1.output!, json2.output!) === 0 ? 'yes' : 'NO'}`,
  );
  console.log(
    `load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
  );

  // 2. Backpressure: peak RSS of a child with 4 and 32 files (2 workers, csv to a file).
  const child = (n: number) => {
    const script = `const { analyzeDumps } = await import(${JSON.stringify(new URL('../dist/scale.js', import.meta.url).href)});
await analyzeDumps(${JSON.stringify(files.slice(0, n))}, { workers: 2, format: 'csv', out: ${JSON.stringify(join(dir, `rss-${n}.csv`))} });
console.log(process.resourceUsage().maxRSS);`;
    return Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
    );
  };
  console.log('| files (2 workers, csv) | peak RSS MB |');
  console.log('| ---: | ---: |');
  for (const n of [4, 32]) console.log(`| ${n} | ${(child(n) / 1024).toFixed(0)} |`);

  // 3. Parquet writers on the same rows.
  const units = await scale.planUnits(files.slice(0, 2));
  const table: import('../src/index.js').RevisionRow[] = [];
  for (const unit of units) {
    const outcome = await runPoolTask({ unit, options: { outDir: dir, report: false } });
    if (outcome.kind !== 'done') throw new Error(outcome.error.message);
    for (const line of readFileSync(outcome.result.output, 'utf8').split('\n')) {
      if (line.startsWith('{"kind":"page"')) table.push(...JSON.parse(line).rows);
    }
  }
  while (table.length < 200_000) table.push(...table.slice(0, 200_000 - table.length));
  const columns = Object.keys(table[0]!) as (keyof import('../src/index.js').RevisionRow)[];
  const writers: [string, () => Promise<number>, string[]][] = [
    [
      'hyparquet-writer (wikirev)',
      async () => {
        const chunks: Uint8Array[] = [];
        const w = new RevisionParquetWriter(async (c) => {
          chunks.push(c);
        });
        for (const row of table) await w.add(row);
        await w.finish();
        const bytes = Buffer.concat(chunks);
        writeFileSync(join(dir, 'h.parquet'), bytes);
        return bytes.length;
      },
      ['hyparquet-writer', 'hyparquet'],
    ],
    [
      '@duckdb/node-api (appender, COPY)',
      async () => {
        const { DuckDBInstance } = await import('@duckdb/node-api');
        const db = await DuckDBInstance.create(':memory:');
        const c = await db.connect();
        await c.run(
          `CREATE TABLE r (pageId BIGINT, namespace INTEGER, title VARCHAR, revisionId BIGINT, parentId BIGINT, timestamp VARCHAR, "user" VARCHAR, userId BIGINT, anonymous BOOLEAN, minor BOOLEAN, bytes BIGINT, bytesDelta BIGINT, linesAdded INTEGER, linesRemoved INTEGER, wordsAdded INTEGER, wordsRemoved INTEGER, movedLines INTEGER, sectionsTouched INTEGER, sections VARCHAR, revertKind VARCHAR, revertRestores BIGINT, sha1 VARCHAR)`,
        );
        const a = await c.createAppender('r');
        for (const row of table) {
          for (const col of columns) {
            const v = row[col];
            if (v === null) a.appendNull();
            else if (typeof v === 'string') a.appendVarchar(v);
            else if (typeof v === 'boolean') a.appendBoolean(v);
            else if (
              [
                'namespace',
                'linesAdded',
                'linesRemoved',
                'wordsAdded',
                'wordsRemoved',
                'movedLines',
                'sectionsTouched',
              ].includes(col)
            )
              a.appendInteger(v);
            else a.appendBigInt(BigInt(v));
          }
          a.endRow();
        }
        a.closeSync();
        const path = join(dir, 'd.parquet');
        await c.run(`COPY r TO '${path}' (FORMAT parquet)`);
        c.closeSync();
        return statSync(path).size;
      },
      ['@duckdb'],
    ],
    [
      'parquet-wasm (from an apache-arrow table)',
      async () => {
        const arrow = await import('apache-arrow');
        const pw = await import('parquet-wasm');
        const t = arrow.tableFromJSON(table as unknown as Record<string, unknown>[]);
        const bytes = pw.writeParquet(pw.Table.fromIPCStream(arrow.tableToIPC(t, 'stream')));
        writeFileSync(join(dir, 'w.parquet'), bytes);
        return bytes.length;
      },
      ['parquet-wasm', 'apache-arrow'],
    ],
  ];
  const du = (names: string[]) =>
    names
      .map((n) =>
        Number(
          execFileSync('du', ['-sk', join(import.meta.dirname, '..', 'node_modules', n)], {
            encoding: 'utf8',
          }).split('\t')[0],
        ),
      )
      .reduce((a, b) => a + b, 0);
  console.log(`\n${table.length} rows (${columns.length} columns)\n`);
  console.log('| Parquet writer | median ms | file MB | install MB |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [name, write, packages] of writers) {
    const times: number[] = [];
    let size = 0;
    try {
      for (let k = 0; k < 3; k++) {
        const t = performance.now();
        size = await write();
        times.push(performance.now() - t);
      }
      console.log(
        `| ${name} | ${median(times).toFixed(0)} | ${(size / MB).toFixed(2)} | ${(du(packages) / 1024).toFixed(1)} |`,
      );
    } catch (error) {
      console.log(
        `| ${name} | failed: ${error instanceof Error ? error.message : String(error)} | | |`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
