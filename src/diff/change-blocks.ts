// Groups the changed lines into change blocks: the deleted and added lines between two kept lines.

/** The change blocks of a diff, and its counts. */
export interface ChangeBlocks {
  /** Per block, four numbers: `[o0, o1)` deleted old lines, `[n0, n1)` added new lines. */
  readonly blocks: readonly number[];
  readonly removed: number;
  readonly added: number;
}

/**
 * Walks both sides in step and writes each changed line's block index into `oldBlock` /
 * `newBlock` (which start at -1): in-place pairing only pairs lines of one block, and a move
 * links lines of different blocks.
 *
 * @example
 * ```ts
 * changeBlocks(Uint8Array.of(0, 1), Uint8Array.of(0, 1, 1), oldBlock, newBlock)
 * // { blocks: [1, 2, 1, 3], removed: 1, added: 2 }
 * ```
 */
export function changeBlocks(
  oldChanged: Uint8Array,
  newChanged: Uint8Array,
  oldBlock: Int32Array,
  newBlock: Int32Array,
): ChangeBlocks {
  const n = oldChanged.length;
  const m = newChanged.length;
  const blocks: number[] = [];
  let removed = 0;
  let added = 0;
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && !oldChanged[i] && !newChanged[j]) {
      i++;
      j++;
      continue;
    }
    const o0 = i;
    const n0 = j;
    while (i < n && oldChanged[i]) i++;
    while (j < m && newChanged[j]) j++;
    const b = blocks.length / 4;
    oldBlock.fill(b, o0, i);
    newBlock.fill(b, n0, j);
    removed += i - o0;
    added += j - n0;
    blocks.push(o0, i, n0, j);
  }
  return { blocks, removed, added };
}
