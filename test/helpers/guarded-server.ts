/**
 * What the tests' real servers (MediaWiki's `php -S`, Redis) share: a free loopback port, a
 * temporary directory, a wait until the server answers, and a guard that stops the server by
 * PID, so that none outlives the test process.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A port free on 127.0.0.1 now (another process may take it before the server binds it).
 *
 * @example
 * ```ts
 * await freePort() // 40123
 * ```
 */
export async function freePort(): Promise<number> {
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

/** A server process of a test run and its temporary directory, see {@link guardServer}. */
export interface ServerGuard {
  /** The temporary directory (the server's files and log). */
  readonly dir: string;
  /** Guards `child`, the server (a retry's new server replaces the previous one). */
  watch(child: ChildProcess): void;
  /** Stops the server by PID (SIGTERM, then waits for its exit) and removes the directory; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Makes a temporary directory and guards the server to come: `after` hooks do not run when the
 * test runner kills this process (a file timeout, ^C), so the exit and signal hooks then kill
 * the server (SIGKILL) and remove the directory; `stop()` removes the hooks.
 *
 * @param prefix - The directory's name prefix (`wikirev-redis-`).
 * @returns The guard; call its `stop()` in an `after` hook, and on a failed start.
 * @example
 * ```ts
 * const guard = await guardServer('wikirev-redis-');
 * guard.watch(spawn('redis-server', ['--dir', guard.dir]));
 * after(() => guard.stop());
 * ```
 */
export async function guardServer(prefix: string): Promise<ServerGuard> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  let server: ChildProcess | null = null;
  let stopped = false;
  const onExit = () => {
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    onExit();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    dir,
    watch(child) {
      server = child;
    },
    async stop() {
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
    },
  };
}

/**
 * Waits until `ready()` holds, failing with the server's log if it exits first, or after
 * `seconds`.
 *
 * @param server - The server process.
 * @param what - How errors name it (`redis-server on port 40123`).
 * @param log - Its log file, quoted when it exits early.
 * @param seconds - How long it may take to answer.
 * @param ready - One probe: whether it answers.
 * @returns When it answered.
 * @example
 * ```ts
 * await waitForServer(child, 'php -S', log, 30, async () => (await fetch(api)).ok);
 * ```
 */
export async function waitForServer(
  server: ChildProcess,
  what: string,
  log: string,
  seconds: number,
  ready: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`${what} exited early:\n${await readFile(log, 'utf8').catch(() => '')}`);
    }
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`${what} did not answer within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
