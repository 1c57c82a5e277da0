/**
 * Child process (run with `--expose-gc`) of tests that check a CLI command keeps nothing per
 * line it prints: runs `wikirev ARGS` in process, output discarded, and every 1000th line on
 * standard error collects garbage and samples the live heap. Prints, as JSON, the exit code,
 * the last stderr line, the lines counted and how far the live heap grew past its first sample.
 */
import { createReadStream } from 'node:fs';
import { run } from '../../src/cli/run.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
let lines = 0;
let last = '';
let first: number | null = null;
let peak = 0;
const code = await run(process.argv.slice(2), {
  stdout: { write: () => true },
  stderr: {
    write: (s: string) => {
      last = s;
      if (++lines % 1000 !== 0) return true;
      gc();
      const live = process.memoryUsage().heapUsed;
      first ??= live;
      peak = Math.max(peak, live);
      return true;
    },
  },
  stdin: async function* () {},
  readFile: (path) => createReadStream(path),
  isTTY: false,
});
process.stdout.write(
  `${JSON.stringify({ code, last, lines, growth: first === null ? 0 : peak - first })}\n`,
);
