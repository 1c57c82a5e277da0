/**
 * A real Redis for tests and benchmarks: Debian's `redis-server` on a free loopback port, with
 * its working directory in a temporary folder, no persistence, stopped by PID in `stop()`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The server binary (`WIKIREV_REDIS_SERVER` overrides it). */
export const REDIS_SERVER = process.env.WIKIREV_REDIS_SERVER ?? 'redis-server';

/** A running test Redis. */
export interface TestRedis {
  /** `redis://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** The server's process id. */
  readonly pid: number;
  /** The temporary directory (its working directory and log). */
  readonly dir: string;
  /** Kills the server and removes the directory; safe to call twice. */
  stop(): Promise<void>;
}

/** Why no Redis can be started here, or `null` when it can. */
export function redisMissing(): string | null {
  const probe = spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    return `redis-server is not installed (${REDIS_SERVER}): apt-get install redis-server`;
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Answers `PING` with `+PONG` over a raw socket, so that no client library is needed here. */
async function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}

async function waitForPong(server: ChildProcess, port: number, log: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`redis-server exited early:\n${await readFile(log, 'utf8').catch(() => '')}`);
    }
    if (await pong(port)) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts a fresh, empty Redis on a free loopback port. Call `stop()` in an `after` hook.
 *
 * @example
 * ```ts
 * const redis = await startRedis();
 * after(() => redis.stop());
 * redis.url // 'redis://127.0.0.1:40123'
 * ```
 */
export async function startRedis(): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'wikirev-redis-'));
  let server: ChildProcess | null = null;
  let stopped = false;
  // `after` hooks do not run when the test runner kills this process (a file timeout, ^C):
  // the server is then killed here, so no redis-server outlives the tests.
  const onExit = () => {
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    onExit();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    const child = server;
    if (child !== null && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  process.on('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // Another process may take the free port between the probe and the server's bind: retry.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const log = join(dir, `redis-${attempt}.log`);
      const child = spawn(
        REDIS_SERVER,
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir,
          '--logfile',
          log,
          '--save',
          '',
          '--appendonly',
          'no',
          '--daemonize',
          'no',
        ],
        { stdio: 'ignore' },
      );
      server = child;
      try {
        await waitForPong(child, port, log);
      } catch (error) {
        if (attempt < 3) {
          child.kill('SIGKILL');
          continue;
        }
        throw error;
      }
      const pid = child.pid ?? 0;
      return { url: `redis://127.0.0.1:${port}`, port, pid, dir, stop };
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
