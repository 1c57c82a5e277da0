// Lays the change blocks out as hunks: each change with its context lines, numbered 1-based.
import type { DiffState } from './diff-state.js';
import type { DiffHunk, DiffLine } from './text-diff.js';

/**
 * The hunks of a diff: changes closer than `2 × context` unchanged lines share a hunk.
 *
 * @param s - The state, with partners, moves and word changes filled in.
 * @param blocks - The change blocks (see `changeBlocks`).
 * @param context - Unchanged lines shown around each change.
 * @example
 * ```ts
 * buildHunks(state, [1, 2, 1, 2], 3) // [{ oldStart: 1, oldLines: 3, newStart: 1, newLines: 3, lines }]
 * ```
 */
export function buildHunks(s: DiffState, blocks: readonly number[], context: number): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  const nBlocks = blocks.length / 4;
  const oldCount = s.oldLines.length;
  let b = 0;
  while (b < nBlocks) {
    // The run of unchanged lines before a block has the same length on both sides.
    const o0 = blocks[4 * b]!;
    const n0 = blocks[4 * b + 2]!;
    // A last block that only adds (or only deletes) runs to the end of one text: the line
    // before it ends the other text (or is its phantom empty line), and a patch must rewrite
    // that line's final newline; so it is shown even with `context: 0`.
    const atEnd =
      b === nBlocks - 1 &&
      ((o0 === oldCount && blocks[4 * b + 3] === s.newLines.length) ||
        (n0 === s.newLines.length && blocks[4 * b + 1] === oldCount));
    const before = Math.min(atEnd ? Math.max(context, 1) : context, o0, n0);
    const lines: DiffLine[] = [];
    contextLines(s, lines, o0 - before, n0 - before, before);
    let e = b;
    for (;;) {
      const bo1 = blocks[4 * e + 1]!;
      const bn1 = blocks[4 * e + 3]!;
      for (let i = blocks[4 * e]!; i < bo1; i++) lines.push(deletedLine(s, i));
      for (let j = blocks[4 * e + 2]!; j < bn1; j++) lines.push(addedLine(s, j));
      const gap = e + 1 < nBlocks ? blocks[4 * (e + 1)]! - bo1 : oldCount - bo1;
      if (e + 1 < nBlocks && gap <= 2 * context) {
        contextLines(s, lines, bo1, bn1, gap);
        e++;
        continue;
      }
      contextLines(s, lines, bo1, bn1, Math.min(context, gap));
      break;
    }
    hunks.push(hunk(o0 - before, n0 - before, lines));
    b = e + 1;
  }
  return hunks;
}

/** A hunk starting at 0-based lines `oldStart`/`newStart`, its sizes counted on its lines. */
function hunk(oldStart: number, newStart: number, lines: DiffLine[]): DiffHunk {
  let oldLines = 0;
  let newLines = 0;
  for (const l of lines) {
    if (l.kind !== 'added') oldLines++;
    if (l.kind !== 'deleted') newLines++;
  }
  return { oldStart: oldStart + 1, oldLines, newStart: newStart + 1, newLines, lines };
}

function deletedLine(s: DiffState, i: number): DiffLine {
  const move = s.oldMove[i]!;
  const partner = s.oldPartner[i]!;
  return {
    kind: 'deleted',
    text: s.oldLines[i]!,
    oldLine: i + 1,
    words: s.oldWords.get(i) ?? null,
    moveId: move === 0 ? null : move,
    pairedLine: partner < 0 ? null : partner + 1,
  };
}

function addedLine(s: DiffState, j: number): DiffLine {
  const move = s.newMove[j]!;
  const partner = s.newPartner[j]!;
  return {
    kind: 'added',
    text: s.newLines[j]!,
    newLine: j + 1,
    words: s.newWords.get(j) ?? null,
    moveId: move === 0 ? null : move,
    pairedLine: partner < 0 ? null : partner + 1,
  };
}

/** Appends `count` unchanged lines from old line `i0` / new line `j0`, with the old text. */
function contextLines(s: DiffState, out: DiffLine[], i0: number, j0: number, count: number): void {
  for (let k = 0; k < count; k++) {
    out.push({
      kind: 'context',
      text: s.oldLines[i0 + k]!,
      oldLine: i0 + k + 1,
      newLine: j0 + k + 1,
    });
  }
}
