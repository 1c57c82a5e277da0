/**
 * The Redis queue (wikirev/scale's queue functions and `wikirev queue …`/`wikirev worker`)
 * against a real redis-server started here on loopback: results equal one process's, byte for
 * byte; adding twice adds nothing; queues do not mix; failures retry with backoff, then land
 * on the dead-letter list; a worker killed with SIGKILL mid-unit loses and doubles nothing.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateDump } from '../bench/generate-dump.js';
import { statusText } from '../src/cli/queue-status-command.js';
import type { CliIo } from '../src/cli/run.js';
import { WikirevError } from '../src/errors.js';
import { DEFAULT_LIMITS } from '../src/index.js';
import { queueJobData, queueJobId, queueUnitSettings } from '../src/scale/queue-job.js';
import {
  type QueueStatus,
  queueAdd,
  queueCollect,
  queueEndpoint,
  queueStatus,
  queueWorker,
} from '../src/scale.js';
import { ROOT } from './helpers/child-cli.js';
import { redisMissing, startRedis, type TestRedis } from './helpers/redis-server.js';
import { type CliRun, runCli } from './helpers/run-cli.js';

/** What `wikirev report --workers 1` (one process, one thread) gives for the files. */
async function oneProcess(files: readonly string[], format: string, dir: string): Promise<Buffer> {
  const out = join(dir, `one.${format}`);
  const r = await runCli(['report', '--workers', '1', '--format', format, '--out', out, ...files], {
    writeFile: (path, text) => writeFile(path, text),
  });
  assert.equal(r.code, 0, r.stderr);
  return readFile(out);
}

/** The same with `args` (which may fail pages: then the exit code and stderr say so). */
async function oneProcessWith(
  files: readonly string[],
  format: string,
  dir: string,
  args: readonly string[],
): Promise<CliRun & { output: Buffer }> {
  const out = join(dir, `one-with.${format}`);
  const r = await runCli(
    ['report', '--workers', '1', '--format', format, '--out', out, ...args, ...files],
    { writeFile: (path, text) => writeFile(path, text) },
  );
  return { ...r, output: await readFile(out) };
}

/** Generated dumps `<name>-<i>.xml` in `dir` (disjoint page ids), big enough to take a while. */
async function generatedDumps(
  dir: string,
  name: string,
  sizes: readonly { bytes: number; seed: number }[],
): Promise<string[]> {
  const files: string[] = [];
  for (const [i, { bytes, seed }] of sizes.entries()) {
    const file = join(dir, `${name}-${i}.xml`);
    const firstPageId = 1 + 100_000 * i; // disjoint, as a dump's parts are
    const xml = generateDump({ totalBytes: bytes, seed, firstPageId, revisionsPerPage: 20 });
    await writeFile(file, Buffer.concat([...xml]));
    files.push(file);
  }
  return files;
}

/** An `io.writeFile` keeping what is written, by path, instead of writing it. */
function captureWrites() {
  const written = new Map<string, Buffer>();
  const capture = async (path: string, content: string | AsyncIterable<Uint8Array>) => {
    const chunks: Buffer[] = [];
    for await (const chunk of typeof content === 'string' ? [content] : content) {
      chunks.push(Buffer.from(chunk));
    }
    written.set(path, Buffer.concat(chunks));
  };
  return { written, capture };
}

/** The number of units `wikirev queue add` said it planned. */
const unitsOf = (add: CliRun): number => Number(/^(\d+) units/.exec(add.stdout)?.[1]);

/** Byte equality, without printing two large outputs when they differ. */
function same(actual: Buffer, expected: Buffer, what: string): void {
  if (actual.equals(expected)) return;
  let at = 0;
  while (at < actual.length && actual[at] === expected[at]) at++;
  assert.fail(
    `${what}: ${actual.length} bytes against ${expected.length}, first difference at byte ${at}: ` +
      `${JSON.stringify(actual.subarray(at, at + 80).toString())} against ${JSON.stringify(expected.subarray(at, at + 80).toString())}`,
  );
}

const FIXTURE = join(ROOT, 'fixtures', 'dump-mediawiki-1.39', 'full-0.11.xml');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

describe('queueEndpoint', () => {
  it('reads redis:// URLs with user, password, port and database', () => {
    const e = queueEndpoint({ redis: 'redis://u%40x:p%3Aw@10.0.0.5:6380/2', queue: 'enwiki' });
    assert.deepEqual(
      [e.host, e.port, e.username, e.password, e.db, e.tls, e.queue],
      ['10.0.0.5', 6380, 'u@x', 'p:w', 2, false, 'enwiki'],
    );
    assert.doesNotMatch(e.label, /p:w|p%3Aw/, 'no password in messages');
  });

  it('defaults to the local Redis and the queue wikirev; rediss:// is TLS; IPv6 hosts', () => {
    const d = queueEndpoint();
    assert.deepEqual([d.host, d.port, d.db, d.queue], ['127.0.0.1', 6379, 0, 'wikirev']);
    assert.equal(queueEndpoint({ redis: 'rediss://cache.example' }).tls, true);
    assert.equal(queueEndpoint({ redis: 'redis://[::1]:7000' }).host, '::1');
  });

  it('refuses other schemes, bad databases and queue names (RangeError naming the option)', () => {
    assert.throws(() => queueEndpoint({ redis: 'http://x' }), /^RangeError: redis must be/);
    assert.throws(() => queueEndpoint({ redis: 'not a url' }), /^RangeError: redis must be/);
    assert.throws(() => queueEndpoint({ redis: 'redis://x/db' }), /database/);
    assert.throws(() => queueEndpoint({ queue: 'a:b' }), /^RangeError: queue must be/);
    assert.throws(() => queueEndpoint({ queue: '' }), /^RangeError: queue must be/);
    assert.throws(() => queueEndpoint({ connectTimeoutSeconds: 0 }), /connectTimeoutSeconds/);
  });

  it('the CLI says so with exit code 2', async () => {
    const r = await runCli(['queue', 'status', '--redis', 'http://x']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--redis must be a redis:\/\/ or rediss:\/\/ URL/);
    assert.equal((await runCli(['queue', 'frobnicate'])).code, 2);
    assert.equal((await runCli(['queue'])).code, 2);
    assert.equal((await runCli(['worker', 'a.xml'])).code, 2);
  });

  it('csv and parquet with a filter or layout option are a usage error, as in report (the rows are every revision)', async () => {
    const options = [
      ['--page', 'Sandbox'],
      ['--user', 'Alice'],
      ['--since', '2024-03-01'],
      ['--until', '2024-03-01'],
      ['--no-diffs'],
    ];
    for (const format of ['csv', 'parquet']) {
      for (const option of options) {
        const add = await runCli(['queue', 'add', '--format', format, ...option, 'a.xml']);
        assert.deepEqual([add.code, add.stderr.split('\n')[0]], [2, reportSays(option[0]!)]);
      }
      for (const option of [...options, ['--tz', 'UTC'], ['--period', 'hour'], ['--top', '3']]) {
        const collect = await runCli([
          'queue',
          'collect',
          '--format',
          format,
          '--out-dir',
          't',
          ...option,
        ]);
        const said = collect.stderr.split('\n')[0];
        assert.deepEqual([collect.code, said], [2, reportSays(option[0]!)], option[0]);
      }
    }
  });
});

/** What `report --format csv` says of an option that shapes the report only. */
const reportSays = (option: string) =>
  `wikirev: ${option} shapes the md, html and json report; csv and parquet rows are every revision of the inputs (filter them downstream)`;

const missing = redisMissing();

if (missing !== null && process.env.CI === 'true') {
  it('redis-server is installed (required under CI; .ci/run installs it)', () => {
    assert.fail(missing);
  });
}

describe('queue status text', () => {
  it("a unit's progress: counts while running, a lower bound once it stopped; 1 page, not 1 pages", () => {
    const unit = (state: string, pages: number, revisions: number) => ({
      jobId: `unit-${state}`,
      state,
      unit: `/d/${state}.xml`,
      attempts: 1,
      progress: { pages, revisions },
      ...(state === 'running' ? {} : { reason: 'page 13 "Cut": the dump ends inside <text>' }),
    });
    const status = {
      queue: "redis://127.0.0.1:6379 queue 'wikirev'",
      ...{ waiting: 0, running: 1, retrying: 0, done: 0, dead: 1 },
      units: [unit('running', 412, 98133), unit('dead', 1, 1)],
    } as unknown as QueueStatus;
    // The progress is the last one posted (at most once a second): a dead unit got further.
    assert.deepEqual(statusText(status).split('\n').slice(6), [
      'running  /d/running.xml (attempt 1, 412 pages, 98133 revisions)',
      'dead     /d/dead.xml (attempt 1, at least 1 page, 1 revision done): page 13 "Cut": the dump ends inside <text>',
      '',
    ]);
  });
});

describe('queue job data', () => {
  const unit = {
    id: 'u000000-a.xml-0',
    index: 0,
    source: '/d/a.xml',
    range: { kind: 'whole' as const },
  };
  const data = { unit, outDir: '/shared/all', report: true, rows: true } as const;
  it('authorship and limits are part of the job id; a default limit is no setting', () => {
    const plain = queueJobId(data);
    assert.notEqual(queueJobId({ ...data, authorship: true }), plain);
    assert.notEqual(queueJobId({ ...data, maxHistoryBytes: 4096 }), plain);
    assert.notEqual(queueJobId({ ...data, maxEntryBytes: 4096 }), plain);
    assert.equal(queueJobId({ ...data, maxHistoryBytes: DEFAULT_LIMITS.maxHistoryBytes }), plain);
    assert.deepEqual(queueUnitSettings({ authorship: false, maxEntryBytes: 1024 }), {
      maxEntryBytes: 1024,
    });
    assert.throws(() => queueUnitSettings({ maxHistoryBytes: 0 }), RangeError);
  });
  it('read back from Redis, settings that no queueAdd wrote are refused', () => {
    assert.equal(queueJobData('j', { ...data, authorship: true }).authorship, true);
    for (const bad of [{ authorship: 'yes' }, { maxHistoryBytes: -1 }, { maxEntryBytes: 1.5 }]) {
      assert.throws(() => queueJobData('j', { ...data, ...bad }), { code: 'QUEUE_INCOMPLETE' });
    }
  });
});

describe('the Redis queue on a real redis-server', {
  skip: missing ?? false,
  timeout: 240_000,
}, () => {
  let redis: TestRedis;
  let dir: string;
  before(async () => {
    redis = await startRedis();
    dir = await mkdtemp(join(tmpdir(), 'wikirev-queue-'));
  });
  after(async () => {
    await redis?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  /** `wikirev <command…> --redis … --queue <queue> <args…>`, which must exit 0. */
  const onQueue = async (
    queue: string,
    command: readonly string[],
    args: readonly string[] = [],
    extra: Partial<CliIo> = {},
  ): Promise<CliRun> => {
    const r = await runCli([...command, '--redis', redis.url, '--queue', queue, ...args], extra);
    assert.equal(r.code, 0, r.stderr);
    return r;
  };

  it('an unreachable Redis is QUEUE_UNREACHABLE, soon, naming the server', async () => {
    const started = Date.now();
    await assert.rejects(
      queueStatus({ redis: 'redis://127.0.0.1:1', connectTimeoutSeconds: 1 }),
      (e: unknown) =>
        e instanceof WikirevError &&
        e.code === 'QUEUE_UNREACHABLE' &&
        /redis:\/\/127\.0\.0\.1:1/.test(e.message),
    );
    assert.ok(Date.now() - started < 10_000);
    // A server that takes the connection and never answers: the timeout ends the wait.
    const mute = createServer(() => undefined);
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
    const port = (mute.address() as AddressInfo).port;
    try {
      await assert.rejects(
        queueStatus({ redis: `redis://127.0.0.1:${port}`, connectTimeoutSeconds: 0.5 }),
        /did not answer within 0\.5 s/,
      );
    } finally {
      mute.close();
    }
    // A server that answers and refuses the password: said so, not "did not answer".
    const redisPort = new URL(redis.url).port;
    const auth = await runCli([
      'queue',
      'status',
      '--redis',
      `redis://nobody:wrong@127.0.0.1:${redisPort}`,
    ]);
    assert.equal(auth.code, 1);
    assert.match(
      auth.stderr,
      /^wikirev: Redis at redis:\/\/127\.0\.0\.1:\d+ queue 'wikirev': authentication failed, check the user name and password in the URL \(WRONGPASS [^\n]*\)\n$/,
    );
    assert.doesNotMatch(auth.stderr, /wrong@/, 'no password in messages');
    const r = await runCli(['queue', 'status', '--redis', 'redis://127.0.0.1:1', '--timeout', '1']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /did not answer/);
    // A worker says it once: no "queue error" line from the engine's events before it.
    const w = await runCli(['worker', '--redis', 'redis://127.0.0.1:1', '--timeout', '1']);
    assert.equal(w.code, 1);
    assert.match(w.stderr, /^wikirev: Redis at redis:\/\/127\.0\.0\.1:1 .*did not answer[^\n]*\n$/);
  });

  it('queue add, worker, collect give what report gives in one process, byte for byte, in every format', async () => {
    const out = join(dir, 'units-cli');
    const common = ['--redis', redis.url, '--queue', 'cli'];
    const addArgs = ['--out-dir', out, '--unit-bytes', '10K', FIXTURE];
    const add = await onQueue('cli', ['queue', 'add'], addArgs);
    const units = unitsOf(add);
    assert.equal(add.stdout, `${units} units: ${units} added, 0 already on the queue\n`);
    assert.ok(units >= 3, `the fixture is cut into several units: ${add.stdout}`);
    // Adding again adds nothing: a job's id comes from its file and range.
    const again = await onQueue('cli', ['queue', 'add'], addArgs);
    assert.equal(again.stdout, `${units} units: 0 added, ${units} already on the queue\n`);

    const early = await runCli(['queue', 'collect', ...common]);
    assert.equal(early.code, 1);
    assert.match(early.stderr, new RegExp(`0 units done, ${units} not yet`));

    // `collect --wait`, started before the units run, merges once they are all done.
    const [work, waited] = await Promise.all([
      onQueue('cli', ['worker'], ['--concurrency', '2', '--exit-when-idle']),
      onQueue('cli', ['queue', 'collect'], ['--format', 'csv', '--wait']),
    ]);
    same(Buffer.from(waited.stdout), await oneProcess([FIXTURE], 'csv', dir), 'collect --wait');
    assert.equal(work.stderr.match(/worker: done /g)?.length, units);

    const status = await runCli(['queue', 'status', ...common, '--format', 'json']);
    assert.equal(status.code, 0);
    assert.deepEqual(JSON.parse(status.stdout), {
      queue: `${redis.url} queue 'cli'`,
      waiting: 0,
      running: 0,
      retrying: 0,
      done: units,
      dead: 0,
      units: [],
    });
    for (const format of ['md', 'json', 'html', 'csv'] as const) {
      const merged = await onQueue('cli', ['queue', 'collect'], ['--format', format]);
      same(
        Buffer.from(merged.stdout),
        await oneProcess([FIXTURE], format, dir),
        `--format ${format}`,
      );
    }
    // --out goes through the CLI's io.writeFile (whole, then renamed by it), as report's does.
    const { written, capture } = captureWrites();
    const parquet = join(dir, 'queue.parquet');
    const args = ['--format', 'parquet', '--out', parquet];
    await onQueue('cli', ['queue', 'collect'], args, { writeFile: capture });
    assert.deepEqual([...written.keys()], [parquet]);
    await assert.rejects(readFile(parquet), { code: 'ENOENT' }, 'nothing written around the io');
    same(written.get(parquet)!, await oneProcess([FIXTURE], 'parquet', dir), '--format parquet');
    // A queue that cannot be collected leaves nothing at --out.
    const none = await runCli(
      ['queue', 'collect', '--redis', redis.url, '--queue', 'none', ...args],
      { writeFile: capture },
    );
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no unit on this queue/);
    assert.deepEqual([...written.keys()], [parquet]);
    // One output per unit (in the folder of outputs holding both rows and report), and no
    // temporary file beside them.
    const outputs = await readdir(join(out, 'all'));
    assert.equal(outputs.length, units);
    assert.deepEqual(
      outputs.filter((f) => !f.endsWith('.jsonl')),
      [],
    );
  });

  it('two queues do not mix', async () => {
    const outDir = join(dir, 'units-a');
    await queueAdd([FIXTURE], { redis: redis.url, queue: 'mix-a', outDir, unitBytes: 100_000 });
    const a = await queueStatus({ redis: redis.url, queue: 'mix-a' });
    const b = await queueStatus({ redis: redis.url, queue: 'mix-b' });
    assert.ok(a.waiting > 0);
    assert.deepEqual([b.waiting, b.running, b.done, b.dead], [0, 0, 0, 0]);
    await assert.rejects(
      queueCollect({ redis: redis.url, queue: 'mix-b' }),
      /no unit on this queue/,
    );
  });

  it('a unit whose file is missing is retried with backoff and done once the file is back', async () => {
    const file = join(dir, 'late.xml');
    await copyFile(FIXTURE, file);
    const options = { redis: redis.url, queue: 'late', outDir: join(dir, 'units-late') };
    await queueAdd([file], { ...options, backoffSeconds: 1, attempts: 4 });
    await rename(file, `${file}.away`);
    const events: string[] = [];
    const worker = queueWorker({
      ...options,
      exitWhenIdle: true,
      onEvent: (e) => {
        events.push(e.kind === 'failed' ? `failed retried=${e.retried}` : e.kind);
        // Back after the first failure: the retry (1 s later) finds it.
        if (e.kind === 'failed') void rename(`${file}.away`, file);
      },
    });
    assert.deepEqual(await worker, { done: 1, failed: 1 });
    assert.deepEqual(events, ['ready', 'started', 'failed retried=true', 'started', 'done']);
  });

  it('a unit that keeps failing lands on the dead-letter list; retry puts it back', async () => {
    const bad = join(dir, 'bad.xml');
    const good = (await readFile(FIXTURE, 'utf8')).replace(/<\/mediawiki>\s*$/, '');
    await writeFile(bad, `${good}<page><title>Cut`); // truncated: not well-formed
    const options = { redis: redis.url, queue: 'dead', outDir: join(dir, 'units-dead') };
    await queueAdd([bad], { ...options, backoffSeconds: 0.1, attempts: 3 });
    const summary = await queueWorker({ ...options, exitWhenIdle: true });
    // Unusable input is not retried: it goes to the dead-letter list at once.
    assert.deepEqual(summary, { done: 0, failed: 1 });
    const status = await runCli(['queue', 'status', '--redis', redis.url, '--queue', 'dead']);
    assert.equal(status.code, 1);
    assert.match(status.stdout, /dead {6}1/);
    assert.match(
      status.stdout,
      // How far it got before failing, as the progress last posted says, when it said any.
      new RegExp(
        `dead +${bad.replace(/[.]/g, '\\.')} \\(attempt 1(, at least \\d+ pages?, \\d+ revisions? done)?\\): `,
      ),
    );
    const collect = await runCli(['queue', 'collect', '--redis', redis.url, '--queue', 'dead']);
    assert.equal(collect.code, 1);
    // The file named once (it read "bad.xml: bad.xml: bad.xml: page 13 …").
    assert.ok(
      collect.stderr.endsWith(
        `1 on the dead-letter list\n  ${bad}: the dump ends inside <title> (truncated?)\n`,
      ),
      collect.stderr,
    );

    await copyFile(FIXTURE, bad);
    const retry = await runCli(['queue', 'retry', '--redis', redis.url, '--queue', 'dead']);
    assert.equal(retry.stdout, '1 unit put back\n');
    assert.deepEqual(await queueWorker({ ...options, exitWhenIdle: true }), { done: 1, failed: 0 });
    const merged = await queueCollect({ ...options, format: 'csv' });
    assert.ok(merged.pages > 0);
  });

  it('kill -9 of one of two worker processes mid-unit: no page lost or doubled', async () => {
    const files = await generatedDumps(dir, 'gen', [
      { bytes: 3_000_000, seed: 1 },
      { bytes: 3_000_000, seed: 2 },
    ]);
    const common = ['--redis', redis.url, '--queue', 'kill'];
    const unitArgs = ['--out-dir', join(dir, 'units-kill'), '--unit-bytes', '500K'];
    const add = await onQueue('kill', ['queue', 'add'], [...unitArgs, '--format', 'csv', ...files]);
    const units = unitsOf(add);
    assert.ok(units >= 8, add.stdout);

    const worker = (): { child: ChildProcess; log: () => string } => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', MAIN, 'worker', ...common, '--lock-seconds', '2', '--exit-when-idle'],
        { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let log = '';
      child.stderr?.setEncoding('utf8').on('data', (s: string) => (log += s));
      return { child, log: () => log };
    };
    const said = (log: string, word: string) => log.split(`worker: ${word} `).length - 1;
    // B starts once A has taken a unit: started together, a fast B could run the queue dry
    // while A was still starting, and A would never be mid-unit when killed.
    const a = worker();
    for (let waited = 0; said(a.log(), 'started') === 0; waited += 20) {
      if (a.child.exitCode !== null) assert.fail(`worker A ended before a unit:\n${a.log()}`);
      assert.ok(waited < 120_000, `worker A never started a unit:\n${a.log()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const b = worker();
    // Kill A while it runs its second unit (one done, one started after it).
    for (let waited = 0; ; waited += 20) {
      const log = a.log();
      if (said(log, 'done') >= 1 && said(log, 'started') > said(log, 'done')) break;
      if (a.child.exitCode !== null) assert.fail(`worker A ended before the kill:\n${log}`);
      assert.ok(waited < 120_000, `worker A never started a second unit:\n${log}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    a.child.kill('SIGKILL');
    const [codeA, signalA] = (await once(a.child, 'exit')) as [number | null, string | null];
    assert.deepEqual([codeA, signalA], [null, 'SIGKILL']);
    const [codeB] = (await once(b.child, 'exit')) as [number | null];
    assert.equal(codeB, 0, b.log());
    // B took A's unit over: it says so by starting a unit for the second time.
    assert.match(b.log(), /started .* \(attempt 2\)/);

    const status = await queueStatus({ redis: redis.url, queue: 'kill' });
    assert.deepEqual([status.done, status.dead, status.waiting, status.running], [units, 0, 0, 0]);
    const merged = await onQueue('kill', ['queue', 'collect'], ['--format', 'csv']);
    same(Buffer.from(merged.stdout), await oneProcess(files, 'csv', dir), 'merged CSV');
    // Count: every generated page once, every revision once.
    const generated = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    const count = (tag: string) =>
      generated.reduce((n, xml) => n + (xml.match(new RegExp(`<${tag}>`, 'g'))?.length ?? 0), 0);
    const counted = await queueCollect({ redis: redis.url, queue: 'kill', format: 'csv' });
    assert.deepEqual([counted.pages, counted.revisions], [count('page'), count('revision')]);
    assert.equal(merged.stdout.trimEnd().split('\n').length - 1, count('revision'));
    // Added for csv, the units have no report: collecting one says so rather than merge less.
    const md = await runCli(['queue', 'collect', ...common, '--format', 'md']);
    assert.equal(md.code, 1);
    assert.match(
      md.stderr,
      /was added for csv or parquet \(queue add --format\): it has no report/,
    );
  });
  it('SIGTERM to a worker process: no new unit taken, the running one finished, exit 0', async () => {
    const sizes = [10, 11, 12].map((seed) => ({ bytes: 2_000_000, seed }));
    const files = await generatedDumps(dir, 'term', sizes);
    const common = ['--redis', redis.url, '--queue', 'term'];
    const out = join(dir, 'units-term');
    await onQueue('term', ['queue', 'add'], ['--out-dir', out, '--format', 'csv', ...files]);
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker', ...common], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (log += s));
    for (let waited = 0; !/worker: started /.test(log); waited += 20) {
      if (child.exitCode !== null) assert.fail(`the worker ended before the signal:\n${log}`);
      assert.ok(waited < 120_000, `the worker never started a unit:\n${log}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGTERM');
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    assert.deepEqual([code, signal], [0, null], log);
    assert.match(log, /worker: stopping: no new unit/);
    const done = log.match(/worker: done /g)?.length ?? 0;
    assert.ok(done >= 1, `the running unit was finished, not dropped:\n${log}`);
    assert.match(log, new RegExp(`worker: stopped \\(${done} done, 0 failed attempts\\)`));
    const status = await queueStatus({ redis: redis.url, queue: 'term' });
    assert.deepEqual(
      [status.done, status.running, status.waiting, status.dead],
      [done, 0, files.length - done, 0],
    );
    // What it finished is there whole; nothing half-written beside it.
    const outputs = await readdir(join(out, 'rows'));
    assert.equal(outputs.filter((f) => f.endsWith('.jsonl')).length, done);
    assert.equal(outputs.length, done, outputs.join(', '));
  });
  it('a running job reports the pages and revisions done so far; queue status shows them', async () => {
    const [file] = await generatedDumps(dir, 'progress', [{ bytes: 3_000_000, seed: 7 }]);
    const text = await readFile(file!, 'utf8');
    const total = {
      pages: text.split('<page>').length - 1,
      revisions: text.split('<revision>').length - 1,
    };
    const connection = { redis: redis.url, queue: 'progress' };
    await queueAdd([file!], { ...connection, outDir: join(dir, 'units-progress'), format: 'csv' });
    const working = queueWorker({ ...connection, exitWhenIdle: true });
    const seen: { pages: number; revisions: number }[] = [];
    let line = '';
    for (let waited = 0; ; waited += 50) {
      const status = await runCli(['queue', 'status', '--redis', redis.url, '--queue', 'progress']);
      const m = /^running +\S+ \(attempt 1, (\d+) pages?, (\d+) revisions?\)$/m.exec(status.stdout);
      if (m !== null) {
        line = m[0];
        seen.push({ pages: Number(m[1]), revisions: Number(m[2]) });
      }
      if (/^ {2}done +1$/m.test(status.stdout)) break;
      assert.ok(waited < 120_000, status.stdout);
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual(await working, { done: 1, failed: 0 });
    assert.ok(seen.length > 0, 'progress seen while the unit ran');
    for (const p of seen) {
      assert.ok(p.pages >= 1 && p.pages <= total.pages, line);
      assert.ok(p.revisions >= p.pages && p.revisions <= total.revisions, line);
    }
    // Counts only grow; done, the job holds the unit's totals.
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.revisions >= seen[i - 1]!.revisions);
    const [job] = (await queueStatus({ ...connection })).units;
    assert.equal(job, undefined, 'no unit running, retrying or dead');
  });
  it('queue collect --strict=LEVEL exits as report --strict=LEVEL does on the same file, saying the same', async () => {
    // The fixture's two DUMP_SHA1_MISMATCH warnings (MediaWiki hashes the text before NFC).
    const unitArgs = ['--out-dir', join(dir, 'units-strict'), '--unit-bytes', '10K'];
    await onQueue('strict', ['queue', 'add'], [...unitArgs, FIXTURE]);
    await onQueue('strict', ['worker'], ['--exit-when-idle']);
    const levels = [[], ['--strict'], ['--strict=info'], ['--strict=warning'], ['--strict=error']];
    const codes: number[] = [];
    for (const strict of levels) {
      const report = await runCli([
        'report',
        '--workers',
        '1',
        '--format',
        'json',
        ...strict,
        FIXTURE,
      ]);
      const collect = await runCli([
        'queue',
        'collect',
        '--redis',
        redis.url,
        '--queue',
        'strict',
        '--format',
        'json',
        ...strict,
      ]);
      assert.equal(collect.code, report.code, strict.join(' '));
      assert.equal(collect.stderr, report.stderr, strict.join(' '));
      assert.equal(collect.stdout, report.stdout, strict.join(' '));
      codes.push(collect.code);
    }
    assert.deepEqual(codes, [0, 1, 1, 1, 0]);
    const loud = ['--redis', redis.url, '--queue', 'strict', '--strict=loud'];
    const bad = await runCli(['queue', 'collect', ...loud]);
    // Refused before the merge: no output, no diagnostics.
    assert.deepEqual([bad.code, bad.stdout], [2, '']);
    assert.match(
      bad.stderr,
      /^wikirev: --strict must be one of warning, info, error, got 'loud'\n/,
    );
  });

  it("queue collect takes report's options and gives what report gives with them; --out-dir writes one file per unit", async () => {
    const common = ['--redis', redis.url, '--queue', 'options'];
    const filters = [
      '--since',
      '2024-03-01T12:30:00Z',
      '--until',
      '2024-03-01T15:00:00Z',
      '--user',
      'carol_smith',
      '--user',
      'Alice',
      '--no-diffs',
    ];
    const whole = ['--tz', 'Asia/Kolkata', '--period', 'hour', '--top', '3'];
    const out = join(dir, 'units-options');
    const unitArgs = ['--out-dir', out, '--unit-bytes', '10K'];
    const add = await onQueue('options', ['queue', 'add'], [...unitArgs, ...filters, FIXTURE]);
    await onQueue('options', ['worker'], ['--exit-when-idle']);
    for (const format of ['md', 'json'] as const) {
      const report = await runCli([
        'report',
        '--workers',
        '1',
        '--format',
        format,
        ...filters,
        ...whole,
        FIXTURE,
      ]);
      assert.equal(report.code, 0, report.stderr);
      // The filters given again, or not at all: the units carry them.
      for (const again of [filters, []]) {
        const merged = await onQueue(
          'options',
          ['queue', 'collect'],
          ['--format', format, ...again, ...whole],
        );
        same(Buffer.from(merged.stdout), Buffer.from(report.stdout), `--format ${format}`);
      }
    }
    const json = JSON.parse(
      (await runCli(['queue', 'collect', ...common, '--format', 'json', ...whole])).stdout,
    );
    assert.ok(
      json.pages.length > 0 && json.totals.revisions > 0 && json.totals.revisions < 286,
      `the filters leave some revisions, not all: ${json.totals.revisions}`,
    );
    // The units cannot be re-filtered: another --since is refused, naming what they have.
    const other = await runCli([
      'queue',
      'collect',
      ...common,
      '--format',
      'md',
      '--since',
      '2024-03-01',
    ]);
    assert.equal(other.code, 1);
    assert.match(
      other.stderr,
      /analysed with since "2024-03-01T12:30:00.000Z", not "2024-03-01T00:00:00.000Z"/,
    );

    // Nor can their rows be given: csv and parquet rows are every revision, the units' filters
    // would be silently ignored.
    for (const format of ['csv', 'parquet']) {
      const rows = await runCli([
        'queue',
        'collect',
        ...common,
        '--format',
        format,
        '--out-dir',
        join(dir, 'ignored'),
      ]);
      assert.equal(rows.code, 1, rows.stderr);
      assert.match(
        rows.stderr,
        /the units were added with users, since, until, diffs: csv and parquet rows are every revision/,
      );
    }

    // Units added without filters: --out-dir writes one file per unit.
    const plain = await onQueue(
      'tables',
      ['queue', 'add'],
      ['--out-dir', join(dir, 'units-tables'), '--unit-bytes', '10K', FIXTURE],
    );
    await onQueue('tables', ['worker'], ['--exit-when-idle']);
    const tables = join(dir, 'tables');
    await onQueue('tables', ['queue', 'collect'], ['--format', 'csv', '--out-dir', tables]);
    const units = unitsOf(plain);
    assert.equal(units, unitsOf(add));
    const names = (await readdir(tables)).sort();
    assert.equal(names.length, units);
    assert.ok(
      names.every((n) => /^u\d{6}-full-0\.11\.xml(-\d+)?\.csv$/.test(n)),
      names.join(', '),
    );
    const rows = (await Promise.all(names.map((n) => readFile(join(tables, n), 'utf8')))).flatMap(
      (t) => t.split('\r\n').slice(1, -1),
    );
    const one = (await oneProcess([FIXTURE], 'csv', dir))
      .toString('utf8')
      .split('\r\n')
      .slice(1, -1);
    assert.deepEqual(rows, one);
  });
  it('queue add --authorship --max-history-bytes: collect gives what report gives with them, csv and parquet', async () => {
    const common = ['--redis', redis.url, '--queue', 'authorship'];
    // 4K fails page 3 ("History/Long page"): the limit must reach the units.
    const settings = ['--authorship', '--max-history-bytes', '4K'];
    const addArgs = ['--out-dir', join(dir, 'units-authorship'), '--unit-bytes', '10K'];
    const add = await onQueue('authorship', ['queue', 'add'], [...addArgs, ...settings, FIXTURE]);
    const units = unitsOf(add);
    await onQueue('authorship', ['worker'], ['--concurrency', '2', '--exit-when-idle']);
    const { written, capture } = captureWrites();
    for (const format of ['csv', 'parquet'] as const) {
      const report = await oneProcessWith([FIXTURE], format, dir, settings);
      assert.equal(report.code, 1, 'page 3 is over the limit');
      assert.match(report.stderr, /page 3 "History\/Long page"/);
      // --authorship given again, or not: the units carry it.
      for (const again of [['--authorship'], []]) {
        const out = join(dir, `collected.${format}`);
        const merged = await runCli(
          ['queue', 'collect', ...common, '--format', format, '--out', out, ...again],
          { writeFile: capture },
        );
        assert.equal(merged.code, report.code, merged.stderr);
        // The same warnings and errors; the last line counts units or pages, then pages.
        const said = (r: CliRun) => r.stderr.replace(/wikirev: \d+ [^\n]* failed;[^\n]*\n$/, '');
        assert.equal(said(merged), said(report));
        same(written.get(out)!, report.output, `--format ${format} ${again.join(' ')}`);
      }
    }
    const header = written.get(join(dir, 'collected.csv'))!.toString('utf8').split('\r\n')[0];
    assert.match(header ?? '', /,tokens,tokensAdded,tokensRemoved,userShare$/);
    // Other settings are other jobs: adding the files without them adds every unit again.
    const plain = await onQueue('authorship', ['queue', 'add'], [...addArgs, FIXTURE]);
    assert.equal(plain.stdout, `${units} units: ${units} added, 0 already on the queue\n`);
    // Units added without authorship are not collected as if they had it.
    const cli = await runCli([
      'queue',
      'collect',
      '--redis',
      redis.url,
      '--queue',
      'cli',
      '--format',
      'csv',
      '--authorship',
    ]);
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /added without authorship/);
    const md = await runCli(['queue', 'add', ...common, '--format', 'md', '--authorship', FIXTURE]);
    assert.equal(md.code, 2);
    assert.match(md.stderr, /--authorship goes with --format csv or parquet/);
  });
});
