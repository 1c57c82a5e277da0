// Pairs the deleted and added lines of each change block in place and keeps their word changes.
import type { ChangeBlocks } from './change-blocks.js';
import { lineLooksChanged, wholeLineChange } from './compare-lines.js';
import type { DiffState } from './diff-state.js';
import { REWRITTEN } from './moves.js';
import { CHANGE_THRESHOLD, pairLines } from './pair-lines.js';
import { blockBuffer, scratch } from './scratch.js';

/**
 * For each block, aligns its lines still unpaired (not moved) by bag similarity (`pairLines`),
 * then keeps a pair only if wikidiff2 would show it as one changed line (`lineLooksChanged`),
 * writing partners and word changes into the state. A pair over the word-diff budget is kept
 * with whole-line word changes, as wikidiff2 shows it. A rejected pair is marked `REWRITTEN`,
 * not left free: it had a candidate in its own block, so it was rewritten in place, and the
 * search for single moved lines skips it (on a page rewritten with a small vocabulary that
 * search compared each with every other line). wikidiff2 does search them.
 *
 * @returns How many lines were rejected (they count toward `moveDetectionCutoff`).
 * @example
 * ```ts
 * pairInPlace(state, changeBlocks(…)) // 0; state.oldPartner[4] = 4, state.oldWords.get(4) = […]
 * ```
 */
export function pairInPlace(s: DiffState, { blocks }: ChangeBlocks): number {
  let rewritten = 0;
  // Shared buffers, not arrays: emptying an array (`length = 0`) drops its storage, and
  // growing four arrays a block again was most of the pairing's garbage.
  const size = Math.max(s.oldLines.length, s.newLines.length);
  const buf = blockBuffer(4 * size);
  const dels = buf.subarray(0, size);
  const adds = buf.subarray(size, 2 * size);
  const delHandles = buf.subarray(2 * size, 3 * size);
  const addHandles = buf.subarray(3 * size, 4 * size);
  for (let b = 0; b < blocks.length; b += 4) {
    let n = 0;
    let m = 0;
    for (let i = blocks[b]!; i < blocks[b + 1]!; i++) if (s.oldPartner[i] === -1) dels[n++] = i;
    for (let j = blocks[b + 2]!; j < blocks[b + 3]!; j++) {
      if (s.newPartner[j] === -1) adds[m++] = j;
    }
    if (n === 0 || m === 0) continue;
    for (let k = 0; k < n; k++) delHandles[k] = s.oldHandle(dels[k]!);
    for (let k = 0; k < m; k++) addHandles[k] = s.newHandle(adds[k]!);
    const count = pairLines(s.table, delHandles, n, addHandles, m);
    for (let k = 0; k < count; k++) {
      // Read before the word diff, which does not touch the pairs (one block at a time).
      const i = dels[scratch.pairs[2 * k]!]!;
      const j = adds[scratch.pairs[2 * k + 1]!]!;
      let w = lineLooksChanged(s.table, s.oldHandle(i), s.newHandle(j), s.limits, CHANGE_THRESHOLD);
      if (w === 'over budget') {
        // As wikidiff2 shows such a pair: one changed line, all of it deleted and inserted.
        w = wholeLineChange(s.oldLines[i]!, s.newLines[j]!);
        s.wordDiffSkipped++;
      }
      if (w === null) {
        s.oldPartner[i] = REWRITTEN;
        s.newPartner[j] = REWRITTEN;
        rewritten += 2;
        continue;
      }
      s.oldPartner[i] = j;
      s.newPartner[j] = i;
      s.oldWords.set(i, w.old);
      s.newWords.set(j, w.new);
    }
  }
  // Pairs of a huge block (paired by position) are not kept.
  if (scratch.pairs.length > 1 << 16) scratch.pairs = new Int32Array(256);
  return rewritten;
}
