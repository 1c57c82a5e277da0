/**
 * A real Redis for tests and benchmarks: Debian's `redis-server` on a free loopback port, with
 * its working directory in a temporary folder, no persistence, stopped by PID in `stop()`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { freePort, guardServer, waitForServer } from './guarded-server.js';

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
  const guard = await guardServer('wikirev-redis-');
  const { dir, stop } = guard;
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
      guard.watch(child);
      try {
        await waitForServer(child, `redis-server on port ${port}`, log, 10, () => pong(port));
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
