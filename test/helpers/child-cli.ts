/**
 * The CLI as a child process (`node --import tsx src/cli/main.ts`, so the source under test,
 * not a stale build), with its peak RSS read from the child itself when it exits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

/** Preloaded in the child: writes its peak RSS (KiB) and CPU time (µs) on exit. */
const PEAK_RSS = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(process.env.WIKIREV_PEAK_RSS_FILE, u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime)); });",
)}`;

/** How a child run ended. */
export interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak resident set size of the child, in bytes. */
  readonly peakRss: number;
  /** CPU time of the child (start-up included), in milliseconds. */
  readonly cpuMs: number;
}

/**
 * Starts `wikirev ARGS`, lets `drive` feed or read it, and waits for it to end.
 *
 * @param args - The command line after `wikirev`.
 * @param drive - Given the child: writes its stdin, reads its stdout (default: closes stdin).
 * @returns Exit code or signal, what it printed (unless `drive` consumed stdout), peak RSS.
 */
export async function runChild(
  args: readonly string[],
  drive: (child: ChildProcess) => void = (child) => child.stdin?.end(),
): Promise<ChildRun> {
  const dir = mkdtempSync(join(tmpdir(), 'wikirev-child-'));
  const rssFile = join(dir, 'peak-rss');
  try {
    const child = spawn(
      process.execPath,
      ['--import', PEAK_RSS, '--import', 'tsx', MAIN, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, WIKIREV_PEAK_RSS_FILE: rssFile },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdin.on('error', () => undefined);
    drive(child);
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    const [rss, cpu] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
    return { code, signal, stdout, stderr, peakRss: rss! * 1024, cpuMs: cpu! / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes `chunk` to the child's stdin for as long as it reads (an endless input).
 *
 * @param chunk - What is repeated.
 * @returns A driver for {@link runChild}, and the count of bytes it sent.
 */
export function endlessInput(chunk: Uint8Array): {
  drive: (child: ChildProcess) => void;
  sent: () => number;
} {
  let sent = 0;
  return {
    sent: () => sent,
    drive: (child) => {
      const stdin = child.stdin;
      if (stdin === null) return;
      let open = true;
      stdin.on('error', () => {
        open = false;
      });
      child.on('exit', () => {
        open = false;
      });
      const pump = () => {
        while (open) {
          sent += chunk.byteLength;
          if (!stdin.write(chunk)) break;
        }
        if (open) stdin.once('drain', pump);
      };
      pump();
    },
  };
}
