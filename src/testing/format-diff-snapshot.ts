/**
 * `formatDiffSnapshot`: a stable text form of what an edit changed, for snapshot tests.
 */
import { type DiffTextOptions, diffText } from '../diff/diff-text.js';
import { type CompareSectionsOptions, compareSections } from '../sections/compare-sections.js';
import { renderHunks, sectionLabel } from './render-hunks.js';

/** Options of {@link formatDiffSnapshot}. */
export interface FormatDiffSnapshotOptions {
  /**
   * Unchanged lines shown around each change.
   * @default 3
   */
  readonly context?: number;
  /**
   * Include the `sections:` summary (which sections changed and how).
   * @default true
   */
  readonly sections?: boolean;
  /**
   * Passed to `compareSections` (parse options, thresholds).
   * @default {}
   */
  readonly compare?: CompareSectionsOptions;
}

/**
 * Formats the difference of two wikitexts as deterministic text: line counts, the sections
 * that changed, and the hunks (` ` context, `-` removed, `+` added). The same texts always give
 * the same snapshot, on any machine: nothing depends on time, locale or object order.
 *
 * @param oldText - The text before the edit.
 * @param newText - The text after the edit.
 * @param options - See {@link FormatDiffSnapshotOptions}.
 * @returns The snapshot text, ending without a newline.
 * @example
 * ```ts
 * formatDiffSnapshot('Intro\n== A ==\nold', 'Intro\n== A ==\nnew', { context: 1 })
 * // 'lines: +1 -1 =2\n' +
 * // 'sections: modified "A" (+1 -1)\n' +
 * // '@@ -2,2 +2,2 @@\n == A ==\n-old\n+new'
 * ```
 */
export function formatDiffSnapshot(
  oldText: string,
  newText: string,
  options: FormatDiffSnapshotOptions = {},
): string {
  if (typeof oldText !== 'string' || typeof newText !== 'string') {
    throw new TypeError('formatDiffSnapshot: oldText and newText must be strings');
  }
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('formatDiffSnapshot: options must be an object');
  }
  const diffOptions: DiffTextOptions =
    options.context === undefined ? {} : { context: options.context };
  const diff = diffText(oldText, newText, diffOptions);
  const lines = [`lines: +${diff.added} -${diff.removed} =${diff.unchanged}`];
  if (options.sections ?? true) {
    const changed = compareSections(oldText, newText, options.compare ?? {})
      .filter((c) => c.kind !== 'unchanged')
      .map((c) => {
        const index = c.after?.index ?? c.before?.index;
        const name =
          c.kind === 'renamed' || c.kind === 'split' || c.kind === 'merged'
            ? `${sectionLabel(c.oldTitle, c.before?.index)} -> ${sectionLabel(c.newTitle, c.after?.index)}`
            : sectionLabel(c.newTitle ?? c.oldTitle, index);
        const counts = [
          c.linesAdded > 0 ? `+${c.linesAdded}` : '',
          c.linesRemoved > 0 ? `-${c.linesRemoved}` : '',
        ]
          .filter((s) => s !== '')
          .join(' ');
        return `${c.kind} ${name}${counts === '' ? '' : ` (${counts})`}`;
      });
    lines.push(`sections: ${changed.length === 0 ? '(none)' : changed.join(', ')}`);
  }
  const hunks = renderHunks(diff);
  if (hunks !== '') lines.push(hunks);
  return lines.join('\n');
}
