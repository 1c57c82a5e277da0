/**
 * A text diff as readable lines for assertion messages and snapshots. Private to `src/testing/`.
 *
 * Unlike a unified patch (which speaks of files and so marks the last line `\ No newline at end
 * of file`, a stored MediaWiki text never ending in a newline), this shows the lines of the
 * texts as they are: ` ` context, `-` removed, `+` added, one hunk per `@@` header.
 */
import type { TextDiff } from '../diff/diff-text.js';

/** `@@ -3,4 +3,5 @@` headers and prefixed lines; `''` for equal texts. */
export function renderHunks(diff: TextDiff): string {
  const out: string[] = [];
  for (const hunk of diff.hunks) {
    out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    for (const line of hunk.lines) {
      switch (line.kind) {
        case 'context':
          out.push(` ${line.text}`);
          break;
        case 'deleted':
          out.push(`-${line.text}`);
          break;
        case 'added':
          out.push(`+${line.text}`);
          break;
        default: {
          const never: never = line;
          throw new TypeError(`unknown diff line ${JSON.stringify(never)}`);
        }
      }
    }
  }
  return out.join('\n');
}

/** Indents a block for a failure message. */
export function indent(block: string, prefix = '  '): string {
  return block === '' ? `${prefix}(no change)` : block.replace(/^/gm, prefix);
}

/** `"History"`, or `(lead)` for section 0. */
export function sectionLabel(title: string | null, index: number | undefined): string {
  return index === 0 ? '(lead)' : JSON.stringify(title ?? '');
}
