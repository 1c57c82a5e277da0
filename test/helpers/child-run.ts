/**
 * Runs a script of test/hostile/ in a child process, the only way to measure one input's peak
 * memory alone and to stop a run that hangs (node:test's `timeout` cannot interrupt a
 * synchronous loop). The time limit is a hang guard far above the expected time, not a speed
 * assertion: speeds are in `npm run bench -- hostile`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { HostileResult } from '../hostile/report.js';

const HOSTILE = join(import.meta.dirname, '..', 'hostile');

/** Runs `test/hostile/<script>` with `args`, failing the test if it does not finish in time. */
export function runHostile(
  script: string,
  args: readonly string[] = [],
  { timeoutMs = 300_000, nodeOptions = [] as readonly string[] } = {},
): HostileResult {
  const child = spawnSync(
    process.execPath,
    [...nodeOptions, '--import', 'tsx', join(HOSTILE, script), ...args],
    { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
  );
  assert.ok(
    child.signal === null,
    `${script} ${args.join(' ')}: killed by ${child.signal} (hang guard: ${timeoutMs / 1000} s)\n${child.stderr}`,
  );
  assert.equal(child.status, 0, `${script} ${args.join(' ')} failed:\n${child.stderr}`);
  const last = child.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as HostileResult;
}
