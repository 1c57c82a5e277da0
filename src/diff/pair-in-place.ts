// Pairs the deleted and added lines of each change block in place and keeps their word changes.
import type { ChangeBlocks } from './change-blocks.js';
import { lineLooksChanged, wholeLineChange } from './compare-lines.js';
import type { DiffState } from './diff-state.js';
import { REWRITTEN } from './moves.js';
import { CHANGE_THRESHOLD, pairLines } from './pair-lines.js';

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
  // Reused from block to block: four arrays a block were most of the pairing's garbage.
  const dels: number[] = [];
  const adds: number[] = [];
  const delHandles: number[] = [];
  const addHandles: number[] = [];
  for (let b = 0; b < blocks.length; b += 4) {
    dels.length = 0;
    adds.length = 0;
    for (let i = blocks[b]!; i < blocks[b + 1]!; i++) if (s.oldPartner[i] === -1) dels.push(i);
    for (let j = blocks[b + 2]!; j < blocks[b + 3]!; j++) {
      if (s.newPartner[j] === -1) adds.push(j);
    }
    if (dels.length === 0 || adds.length === 0) continue;
    delHandles.length = 0;
    addHandles.length = 0;
    for (const i of dels) delHandles.push(s.oldHandle(i));
    for (const j of adds) addHandles.push(s.newHandle(j));
    const pairs = pairLines(s.table, delHandles, addHandles);
    for (const [p, q] of pairs) {
      const i = dels[p]!;
      const j = adds[q]!;
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
  return rewritten;
}
