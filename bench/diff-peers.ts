/**
 * What the diff benches share (`diff.bench.ts`, `diff-real.bench.ts` and its child): jsdiff's
 * line counts, the median, and a full collection between contenders.
 */
import { diffLines } from 'diff';

/** Lines added and removed. */
export interface Counts {
  readonly added: number;
  readonly removed: number;
}

/** jsdiff `diffLines` on the two texts, with the final newline GNU diff wants, as counts. */
export function jsdiffCounts(a: string, b: string): Counts {
  let added = 0;
  let removed = 0;
  for (const c of diffLines(`${a}\n`, `${b}\n`)) {
    if (c.added) added += c.count;
    else if (c.removed) removed += c.count;
  }
  return { added, removed };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * A full collection before each series of samples and each slow run (`npm run bench` runs node
 * with `--expose-gc`; a no-op without): otherwise one contender's garbage is collected in the
 * next one's time. Plain jsdiff leaves hundreds of MB after a big case, and ours then ran 30-50 %
 * slower right after it. Not before every sample: right after a full collection the first calls
 * ran up to twice as slow (fresh heap pages), which timed the allocator, not the diff.
 */
export const collectGarbage: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});
