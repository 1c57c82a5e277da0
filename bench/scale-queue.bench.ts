/**
 * The Redis queue against the worker pool on the same 8 generated dumps, both from the build
 * (`node dist/cli/main.js`) as users run them: `wikirev report --workers 2 --format csv`
 * against `queue add` + 2 `wikirev worker --exit-when-idle` processes + `queue collect
 * --format csv`, on a redis-server started here on loopback; with workers already waiting (as on
 * a cluster), `queue collect --wait` starts right after `queue add`. Each side runs 3 times; the table
 * gives the best and median wall times and the queue's ratio to the pool, and checks that the
 * two CSVs are the same bytes. `npm run bench -- scale` runs it beside the pool's own rows
 * (bench/scale.bench.ts, whose 8 files these are); WIKIREV_BENCH_SCALE_MB sets their size.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisMissing, startRedis } from '../test/helpers/redis-server.js';
import { generateDump } from './generate-dump.js';

const MAIN = new URL('../dist/cli/main.js', import.meta.url).pathname;
const FILES = 8;
const FILE_BYTES = Number(process.env.WIKIREV_BENCH_SCALE_MB ?? 8) * 1e6;
const RUNS = 3;

async function wikirev(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`wikirev ${args.join(' ')} exited ${code}:\n${stderr}`);
  return { stdout, stderr };
}

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const missing = redisMissing();
if (missing !== null) {
  console.log(`skipped: ${missing}`);
} else {
  const dir = await mkdtemp(join(tmpdir(), 'wikirev-bench-queue-'));
  const redis = await startRedis();
  try {
    // The same 8 files as bench/scale.bench.ts: disjoint page and revision ids.
    const files: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const file = join(dir, `pages-${i}.xml`);
      const dump = generateDump({
        totalBytes: FILE_BYTES,
        seed: i + 1,
        firstPageId: 1 + 1000 * i,
        firstRevisionId: 1 + 100_000 * i,
      });
      await writeFile(file, Buffer.concat([...dump]));
      files.push(file);
    }
    console.log(
      `${FILES} generated dumps of ${(FILE_BYTES / 1e6).toFixed(0)} MB, ${cpus().length} cores, ${cpus()[0]?.model ?? ''}`,
    );
    // The fixed cost of one more process (the queue starts four where the pool starts one).
    const starts: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      await wikirev(['--version']);
      starts.push((performance.now() - t0) / 1000);
    }
    const pool: number[] = [];
    const queue: number[] = [];
    const warm: number[] = [];
    const phases: { add: number; work: number; collect: number }[] = [];
    let poolCsv = '';
    let queueCsv = '';
    let warmCsv = '';
    for (let run = 0; run < RUNS; run++) {
      let t0 = performance.now();
      poolCsv = (await wikirev(['report', '--workers', '2', '--format', 'csv', ...files])).stdout;
      pool.push((performance.now() - t0) / 1000);

      const common = ['--redis', redis.url, '--queue', `bench-${run}`];
      t0 = performance.now();
      await wikirev([
        'queue',
        'add',
        ...common,
        '--format',
        'csv',
        '--out-dir',
        join(dir, `units-${run}`),
        ...files,
      ]);
      await Promise.all(
        [1, 2].map(() => wikirev(['worker', ...common, '--exit-when-idle', '--quiet'])),
      );
      queueCsv = (await wikirev(['queue', 'collect', ...common, '--format', 'csv'])).stdout;
      queue.push((performance.now() - t0) / 1000);

      // As on a cluster: the workers are up and waiting before the units are added.
      const warmCommon = ['--redis', redis.url, '--queue', `warm-${run}`];
      const workers = [1, 2].map(() =>
        spawn(process.execPath, [MAIN, 'worker', ...warmCommon], {
          stdio: ['ignore', 'ignore', 'pipe'],
        }),
      );
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              let log = '';
              w.stderr.setEncoding('utf8').on('data', (text: string) => {
                log += text;
                if (log.includes('worker: ready')) resolve();
              });
              w.once('exit', () => reject(new Error(`worker exited:\n${log}`)));
            }),
        ),
      );
      t0 = performance.now();
      await wikirev([
        'queue',
        'add',
        ...warmCommon,
        '--format',
        'csv',
        '--out-dir',
        join(dir, `warm-${run}`),
        ...files,
      ]);
      const added = performance.now();
      // As on a cluster: `queue collect --wait` right after `queue add`, so that its start-up
      // is paid while the units run and it merges as soon as the last is done.
      warmCsv = (await wikirev(['queue', 'collect', ...warmCommon, '--format', 'csv', '--wait']))
        .stdout;
      warm.push((performance.now() - t0) / 1000);
      const collected = performance.now();
      // The same collect once more, on the finished queue: what it costs alone.
      await wikirev(['queue', 'collect', ...warmCommon, '--format', 'csv']);
      phases.push({
        add: (added - t0) / 1000,
        work: (collected - added) / 1000,
        collect: (performance.now() - collected) / 1000,
      });
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(workers.map((w) => (w.exitCode === null ? once(w, 'exit') : null)));
    }
    const same = poolCsv === queueCsv && poolCsv === warmCsv;
    const rows = poolCsv.split('\n').length - 2;
    console.log(
      `\n| ${FILES} dumps, ${rows} revisions, CSV | best s | median s | vs pool (median) |`,
    );
    console.log('| --- | ---: | ---: | ---: |');
    console.log(
      `| worker pool, --workers 2 | ${Math.min(...pool).toFixed(2)} | ${median(pool).toFixed(2)} | 1.00 |`,
    );
    console.log(
      `| Redis queue, 2 local workers (add + work + collect) | ${Math.min(...queue).toFixed(2)} | ${median(queue).toFixed(2)} | ${(median(queue) / median(pool)).toFixed(2)} |`,
    );
    console.log(
      `| Redis queue, 2 local workers already waiting (add + work + collect) | ${Math.min(...warm).toFixed(2)} | ${median(warm).toFixed(2)} | ${(median(warm) / median(pool)).toFixed(2)} |`,
    );
    const mid = phases[phases.length >> 1];
    console.log(
      `| (warm, its parts in run ${(phases.length >> 1) + 1}: queue add ${mid?.add.toFixed(2)} s, units and \`queue collect --wait\` ${mid?.work.toFixed(2)} s; \`queue collect\` alone ${mid?.collect.toFixed(2)} s) | | | |`,
    );
    console.log(
      `| (one process start, \`wikirev --version\`) | ${Math.min(...starts).toFixed(2)} | ${median(starts).toFixed(2)} | |`,
    );
    console.log(
      `\noutput identical: ${same ? 'yes' : 'NO'}; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    if (!same) {
      await writeFile(join(tmpdir(), 'wikirev-bench-pool.csv'), poolCsv);
      await writeFile(join(tmpdir(), 'wikirev-bench-queue.csv'), queueCsv);
      process.exitCode = 1;
    }
  } finally {
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
