/**
 * One Parquet writer in a fresh process (for bench/parquet.bench.ts): reads the rows (JSON
 * Lines), then times writing them, and prints the time, the CPU time of every thread, the peak
 * RSS and the RSS the rows alone held. The same settings for every writer where it has them:
 * Snappy pages, row groups of 100,000 rows, dictionary encoding on, statistics on.
 * `node --import tsx bench/parquet-child.ts <writer> <rows.jsonl> <out.parquet>`
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { RevisionRow } from '../src/index.js';
import { peakRssMb } from './peak-rss.js';

const [writer, rowsFile, out] = process.argv.slice(2) as [string, string, string];
const rows: RevisionRow[] = readFileSync(rowsFile, 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line));
const GROUP = 100_000;
const rssMb = () =>
  Number(/^VmRSS:\s*(\d+) kB/m.exec(readFileSync('/proc/self/status', 'latin1'))![1]) / 1024;

const { REVISION_COLUMNS }: typeof import('../src/index.js') = await import(
  new URL('../dist/index.js', import.meta.url).href
);
type Column = (typeof REVISION_COLUMNS)[number];
/** The columns' types, as src/scale/write-parquet.ts declares them. */
const INT64 = new Set([
  'pageId',
  'revisionId',
  'parentId',
  'userId',
  'bytes',
  'bytesDelta',
  'revertRestores',
]);
const STRING = new Set(['title', 'timestamp', 'user', 'sections', 'revertKind', 'sha1']);
const BOOLEAN = new Set(['anonymous', 'minor']);
const DOUBLE = new Set(['userShare']);
const kindOf = (c: Column) =>
  INT64.has(c)
    ? 'INT64'
    : STRING.has(c)
      ? 'STRING'
      : BOOLEAN.has(c)
        ? 'BOOLEAN'
        : DOUBLE.has(c)
          ? 'DOUBLE'
          : 'INT32';

async function hyparquetWriter(): Promise<void> {
  const { RevisionParquetWriter }: typeof import('../src/scale/write-parquet.js') = await import(
    new URL('../dist/scale/write-parquet.js', import.meta.url).href
  );
  const fd = openSync(out, 'w');
  const w = new RevisionParquetWriter(async (chunk) => {
    writeSync(fd, chunk);
  });
  for (const row of rows) await w.add(row);
  await w.finish();
  closeSync(fd);
}

async function parquetWasm(): Promise<void> {
  const arrow = await import('apache-arrow');
  const pw = await import('parquet-wasm');
  const type = (c: Column) => {
    switch (kindOf(c)) {
      case 'INT64':
        return new arrow.Int64();
      case 'STRING':
        return new arrow.Utf8();
      case 'BOOLEAN':
        return new arrow.Bool();
      case 'DOUBLE':
        return new arrow.Float64();
      default:
        return new arrow.Int32();
    }
  };
  const properties = () =>
    new pw.WriterPropertiesBuilder()
      .setCompression(pw.Compression.SNAPPY)
      .setMaxRowGroupSize(GROUP)
      .setDictionaryEnabled(true)
      .setCreatedBy('wikirev bench')
      .build();
  // A row group's Arrow batch at a time through the streaming writer, as a merge would feed it.
  const batches = new ReadableStream({
    start(controller) {
      for (let from = 0; from < rows.length; from += GROUP) {
        const group = rows.slice(from, from + GROUP);
        const vectors = Object.fromEntries(
          REVISION_COLUMNS.map((c) => {
            const values = group.map((r) => {
              const v = r[c];
              return kindOf(c) === 'INT64' && typeof v === 'number' ? BigInt(v) : v;
            });
            return [c, arrow.vectorFromArray(values, type(c))];
          }),
        );
        const ipc = arrow.tableToIPC(new arrow.Table(vectors), 'stream');
        for (const batch of pw.Table.fromIPCStream(ipc).recordBatches()) controller.enqueue(batch);
      }
      controller.close();
    },
  });
  const bytes = await pw.transformParquetStream(batches, properties());
  const fd = openSync(out, 'w');
  for await (const chunk of bytes as unknown as AsyncIterable<Uint8Array>) writeSync(fd, chunk);
  closeSync(fd);
}

async function duckdb(): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const sql = {
    INT64: 'BIGINT',
    INT32: 'INTEGER',
    STRING: 'VARCHAR',
    BOOLEAN: 'BOOLEAN',
    DOUBLE: 'DOUBLE',
  };
  await c.run(
    `CREATE TABLE r (${REVISION_COLUMNS.map((col) => `"${col}" ${sql[kindOf(col)]}`).join(', ')})`,
  );
  // One value per column per row, then endRow: the appender flushes its chunks itself (the
  // earlier bench declared 22 columns for 26 values, hence "Too many appends for chunk!").
  const a = await c.createAppender('r');
  for (const row of rows) {
    for (const col of REVISION_COLUMNS) {
      const v = row[col];
      if (v === null) a.appendNull();
      else if (typeof v === 'string') a.appendVarchar(v);
      else if (typeof v === 'boolean') a.appendBoolean(v);
      else if (kindOf(col) === 'INT32') a.appendInteger(v);
      else if (kindOf(col) === 'DOUBLE') a.appendDouble(v);
      else a.appendBigInt(BigInt(v));
    }
    a.endRow();
  }
  a.closeSync();
  await c.run(
    `COPY r TO '${out.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${GROUP})`,
  );
  c.closeSync();
}

const writers: Record<string, () => Promise<void>> = {
  'hyparquet-writer': hyparquetWriter,
  'parquet-wasm': parquetWasm,
  duckdb,
};
const run = writers[writer];
if (run === undefined) throw new Error(`unknown writer ${writer}`);
const held = rssMb();
const cpu = process.cpuUsage();
const t = performance.now();
await run();
const ms = performance.now() - t;
const used = process.cpuUsage(cpu);
console.log(
  JSON.stringify({
    ms,
    cpuMs: (used.user + used.system) / 1000,
    peakRssMb: peakRssMb(),
    heldRssMb: held,
  }),
);
