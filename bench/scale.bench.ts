/**
 * wikirev/scale: `analyzeDumps` on 8 generated dump files (disjoint page ids) with 1 worker (the
 * calling thread) and 2 worker threads through piscina (`analyzeDumps`) and through tinypool
 * (the same units, worker file and merge), each run in a fresh process as the CLI runs, output
 * compared byte for byte. Printed per run: wall time, and the CPU time of the main thread, of
 * the pool's workers and of V8's and libuv's helper threads (garbage collection, optimising
 * compiler), from which the speed-up to expect on 2 idle cores follows whatever the load. Then
 * the per-core throughput the docs' English Wikipedia plan starts from, and the peak RSS of a
 * child analysing 4 and 32 files (backpressure: memory should not grow with the number of
 * files). A ceiling row runs two independent processes on 4 files each at the same time: what the
 * machine gives with nothing shared, beside which the pool is judged. The Parquet writers are
 * compared in bench/parquet.bench.ts.
 * `npm run bench -- scale`; WIKIREV_BENCH_SCALE_MB sets the size of each file (default 32),
 * WIKIREV_BENCH_SCALE_RUNS the runs of each contender (default 3), WIKIREV_BENCH_SCALE_ONLY=csv
 * the csv table alone (8 files generated, no json report, no peak RSS: for large files). The
 * default size keeps the bench short; there a fresh isolate's fixed cost (~0.85 s of CPU) is a
 * fifth of a worker's work, so issue 15's ratio is read on 128 and 256 MB (docs/17-scaling.md).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDump } from './generate-dump.js';

const workerFile = new URL('../dist/scale/pool-worker.js', import.meta.url).href;

const MB = 1e6;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const perFile = Number(process.env.WIKIREV_BENCH_SCALE_MB ?? 32) * MB;
const csvOnly = process.env.WIKIREV_BENCH_SCALE_ONLY === 'csv';
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
  for (let i = 0; i < (csvOnly ? 8 : 32); i++) {
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

  // 1. Pools, each run in a fresh process as `wikirev report` runs (a thread that ran the
  // analysis before is warm: its hot code compiled, which a new worker's is not).
  type Contender = 'one' | 'piscina' | 'tinypool' | 'ceiling';
  interface Measured {
    wall: number;
    cpu: number;
    main: number;
    helpers: number;
    /** CPU of the busiest thread (main or a pool worker). */
    longest: number;
    revisions: number;
    output: string;
    /** Epoch ms at the start and end of the analysis (the ceiling's two processes). */
    start: number;
    end: number;
  }
  const scaleUrl = new URL('../dist/scale.js', import.meta.url).href;
  const childScript = (
    contender: Contender,
    format: 'csv' | 'json',
    out: string,
    files: readonly string[] = eight,
  ) => `
import { readdirSync, readFileSync } from 'node:fs';
const scale = await import(${JSON.stringify(scaleUrl)});
const files = ${JSON.stringify(files)};
const threadCpu = (tid) => {
  const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'latin1');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const before = new Map(readdirSync('/proc/self/task').map((t) => [t, threadCpu(t)]));
// The pool's threads end before the run does: their CPU is read at each unit's end (idle after
// their last one), so that the busiest is known. No timer: polling would add to the main thread.
const seen = new Map();
const look = () => {
  for (const tid of readdirSync('/proc/self/task')) {
    try { seen.set(tid, threadCpu(tid)); } catch {}
  }
};
const cpu = process.cpuUsage();
const t = performance.now();
let result;
if (${JSON.stringify(contender)} === 'tinypool') {
  // The same units, worker file and merge as analyzeDumps, through tinypool.
  const { Tinypool } = await import('tinypool');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const outDir = mkdtempSync(${JSON.stringify(join(dir, 'units-'))});
  const pool = new Tinypool({ filename: ${JSON.stringify(workerFile)}, minThreads: 2, maxThreads: 2, execArgv: [] });
  const units = await scale.planUnits(files);
  const table = ${JSON.stringify(format)} === 'csv';
  const outcomes = await Promise.all(units.map((unit) => pool.run({ unit, options: { outDir, rows: table, report: !table, csv: table } })));
  look();
  await pool.destroy();
  result = await scale.mergeUnitOutputs(outcomes.map((o) => o.result.output), { format: ${JSON.stringify(format)}, out: ${JSON.stringify(out)} });
  rmSync(outDir, { recursive: true, force: true });
} else {
  result = await scale.analyzeDumps(files, { workers: ${contender === 'one' ? 1 : 2}, format: ${JSON.stringify(format)}, out: ${JSON.stringify(out)}, onProgress: look });
}
const wall = performance.now() - t;
const used = process.cpuUsage(cpu);
const alive = new Set(readdirSync('/proc/self/task'));
let longest = 0;
for (const [tid, spent] of seen) {
  if (!alive.has(tid)) longest = Math.max(longest, spent - (before.get(tid) ?? 0));
}
// Threads alive at the end: this one and V8's and libuv's helpers (garbage collection,
// optimising compiler, file reads); the pool's workers have ended, their CPU is the rest.
let main = 0;
let helpers = 0;
for (const tid of readdirSync('/proc/self/task')) {
  const spent = threadCpu(tid) - (before.get(tid) ?? 0);
  if (Number(tid) === process.pid) main = spent;
  else helpers += spent;
}
console.log(JSON.stringify({ start: performance.timeOrigin + t, end: performance.timeOrigin + t + wall, wall, cpu: (used.user + used.system) / 1000, main, helpers, longest: Math.max(longest, main), revisions: result.revisions }));
`;
  const measure = (contender: Contender, format: 'csv' | 'json', k: number): Measured => {
    const out = join(dir, `${contender}-${format}-${k}.out`);
    const printed = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', childScript(contender, format, out)],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    return { ...JSON.parse(printed), output: out };
  };
  // The ceiling: what the machine gives with nothing shared. Two independent processes, each
  // analysing 4 of the files with 1 worker, at the same time; its wall is from the first's start
  // to the last's end, its CPU the sum (each process's main thread and helpers). The pool can
  // reach this at best: any gap between them is the pool's, the rest is the machine's.
  const ceiling = async (k: number): Promise<Measured> => {
    const halves = [eight.slice(0, 4), eight.slice(4)];
    const runs = await Promise.all(
      halves.map(
        (half, h) =>
          new Promise<Measured>((resolve, reject) => {
            const out = join(dir, `ceiling-${k}-${h}.out`);
            execFile(
              process.execPath,
              ['--input-type=module', '-e', childScript('one', 'csv', out, half)],
              { encoding: 'utf8', maxBuffer: 1 << 20 },
              (error, printed) =>
                error ? reject(error) : resolve({ ...JSON.parse(printed), output: out }),
            );
          }),
      ),
    );
    const [a, b] = runs as [Measured, Measured];
    const start = Math.min(a.start, b.start);
    const end = Math.max(a.end, b.end);
    // The halves' csv, the second's header dropped, is the whole run's (ids ascend by file).
    const output = join(dir, `ceiling-${k}.out`);
    const second = readFileSync(b.output);
    writeFileSync(
      output,
      Buffer.concat([readFileSync(a.output), second.subarray(second.indexOf(10) + 1)]),
    );
    return {
      wall: end - start,
      cpu: a.cpu + b.cpu,
      main: a.main + b.main,
      helpers: a.helpers + b.helpers,
      longest: Math.max(a.longest, b.longest),
      revisions: a.revisions + b.revisions,
      output,
      start,
      end,
    };
  };
  const names: Record<Contender, string> = {
    one: '1 worker (`analyzeDumps`, the calling thread)',
    piscina: '2 workers, `analyzeDumps` (piscina)',
    tinypool: '2 workers, tinypool (same units, worker, merge)',
    ceiling: 'ceiling: 2 independent processes, 4 files each, 1 worker',
  };
  const runs = Number(process.env.WIKIREV_BENCH_SCALE_RUNS ?? 3);
  const contenders: Contender[] = ['one', 'piscina', 'tinypool', 'ceiling'];
  const measured = new Map<Contender, Measured[]>(contenders.map((c) => [c, []]));
  for (let k = 0; k < runs; k++) {
    for (const c of contenders) {
      measured.get(c)!.push(c === 'ceiling' ? await ceiling(k) : measure(c, 'csv', k));
    }
  }
  const reference = readFileSync(measured.get('one')![0]!.output);
  const med = (c: Contender, key: keyof Omit<Measured, 'output' | 'start' | 'end'>) =>
    median(measured.get(c)!.map((m) => m[key]));
  const s = (ms: number) => (ms / 1000).toFixed(2);
  console.log(
    '| run (csv, 8 files, fresh process each) | median wall s | runs s | speed-up | CPU s, all threads | main thread | pool workers | V8/libuv helpers | busiest thread | expected on 2 idle cores | output identical |',
  );
  console.log('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const c of contenders) {
    const ms = measured.get(c)!;
    const same = ms.every((m) => Buffer.compare(reference, readFileSync(m.output)) === 0);
    const workers = Math.max(0, med(c, 'cpu') - med(c, 'main') - med(c, 'helpers'));
    // Idle cores: one worker's wall is its thread's CPU (the helpers run on the other core);
    // two keep both cores busy, so the wall is at least half of all the CPU time, and at least
    // the busiest thread's.
    const expected =
      c === 'one' ? 1 : med('one', 'main') / Math.max(med(c, 'cpu') / 2, med(c, 'longest'));
    console.log(
      `| ${names[c]} | ${s(med(c, 'wall'))} | ${ms.map((m) => s(m.wall)).join(', ')} | ${(med('one', 'wall') / med(c, 'wall')).toFixed(2)}x | ${s(med(c, 'cpu'))} | ${s(med(c, 'main'))} | ${s(workers)} | ${s(med(c, 'helpers'))} | ${s(med(c, 'longest'))} | ${expected.toFixed(2)}x | ${same ? 'yes' : 'NO'} |`,
    );
  }
  const cpuOne = med('one', 'cpu') / 1000;
  const revisions = measured.get('one')![0]!.revisions;
  console.log(
    `\nper core (1 worker): ${(total / MB / (med('one', 'wall') / 1000)).toFixed(2)} MB/s of XML by the clock, ${(total / MB / cpuOne).toFixed(2)} MB/s per CPU second; ${(revisions / cpuOne).toFixed(0)} revisions per CPU second (${revisions} revisions)`,
  );
  if (!csvOnly) {
    const json1 = measure('one', 'json', 0);
    const json2 = measure('piscina', 'json', 0);
    console.log(
      `json report: 1 worker ${s(json1.wall)} s (CPU ${s(json1.cpu)}, main thread ${s(json1.main)}), 2 workers ${s(json2.wall)} s (CPU ${s(json2.cpu)}): ${(json1.wall / json2.wall).toFixed(2)}x, expected on 2 idle cores ${(json1.main / (json2.cpu / 2)).toFixed(2)}x; identical: ${Buffer.compare(readFileSync(json1.output), readFileSync(json2.output)) === 0 ? 'yes' : 'NO'}`,
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
  // VmHWM: this process's own peak (getrusage's maxRSS keeps the parent's across exec).
  console.log(/^VmHWM:\\s*(\\d+) kB/m.exec((await import('node:fs')).readFileSync('/proc/self/status', 'latin1'))[1]);`;
      return Number(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
      );
    };
    console.log('| files (2 workers, csv) | peak RSS MB |');
    console.log('| ---: | ---: |');
    for (const n of [4, 32]) console.log(`| ${n} | ${(child(n) / 1024).toFixed(0)} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
