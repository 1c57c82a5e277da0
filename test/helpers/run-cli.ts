/**
 * Runs the CLI in process with captured output, files read from disk, no standard input and a
 * fixed clock; `extra` overrides any part of the io (a TTY, a clock, a fetch).
 */
import { createReadStream } from 'node:fs';
import { type CliIo, run } from '../../src/cli/run.js';

/** What a run printed and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: string[], extra: Partial<CliIo> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: async function* () {},
    readFile: (path) => createReadStream(path),
    fetch: globalThis.fetch,
    isTTY: false,
    now: () => new Date('2026-12-01T00:00:00Z'),
    ...extra,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
