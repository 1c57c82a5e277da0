/**
 * The real process behind {@link CliIo}: streamed standard input and files, `--out` written
 * whole or not at all, a closed output pipe ending the run quietly.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CliIo } from './cli-io.js';

/**
 * Writes `content` (a text, or chunks as they come) to a temporary file beside `path` and
 * renames it over `path`: a run that fails (or is killed) midway, or chunks that end in an
 * error, leave the old file, never half of the new one. A symlink is written
 * through (its target replaced), as a plain write would; what is not a regular file (a FIFO,
 * `/dev/stdout`) is written directly.
 *
 * @param path - The `--out` path.
 * @param content - The whole result, or its chunks.
 * @returns When renamed into place.
 * @example
 * ```ts
 * await writeAtomically('report.html', html)
 * ```
 */
export async function writeAtomically(
  path: string,
  content: string | AsyncIterable<Uint8Array>,
): Promise<void> {
  const existing = await stat(path).catch(() => null);
  if (existing !== null && !existing.isFile()) {
    // A device, FIFO or terminal (`--out /dev/stdout`) cannot be replaced, only written; a
    // directory fails here with EISDIR.
    await writeFile(path, content);
    return;
  }
  const target = await realpath(path).catch(() => path);
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** `dev:ino` of the file `path` leads to, or `null`. */
async function fileId(path: string): Promise<string | null> {
  try {
    const s = await stat(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

/**
 * The CLI's I/O on this process. A reader that closes the output pipe early (`| head`) ends
 * the run at once with status 141, as `cat` does (128 + SIGPIPE), and nothing on stderr.
 *
 * @returns The process's {@link CliIo}.
 * @example
 * ```ts
 * process.exitCode = await run(process.argv.slice(2), nodeIo());
 * ```
 */
export function nodeIo(): CliIo {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(141);
    throw error;
  });
  // Nobody reads our messages any more: nothing useful is left to do with them.
  process.stderr.on('error', () => undefined);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: () => process.stdin,
    stdinIsTTY: process.stdin.isTTY === true,
    readFile: (path) => createReadStream(path),
    writeFile: writeAtomically,
    fileId,
    fetch: globalThis.fetch,
    isTTY: process.stderr.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    now: () => new Date(),
    interrupt: () => {
      const controller = new AbortController();
      // The first Ctrl-C (or SIGTERM, a service manager's stop) stops the command cleanly; a
      // second one ends the process at once.
      for (const [name, code] of [
        ['SIGINT', 130],
        ['SIGTERM', 143],
      ] as const) {
        process.once(name, () => {
          controller.abort();
          process.once(name, () => process.exit(code));
        });
      }
      return controller.signal;
    },
  };
}
