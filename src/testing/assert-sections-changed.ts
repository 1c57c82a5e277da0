/**
 * `assertSectionsChanged`: an edit changed exactly the sections a test expects.
 */
import { AssertionError } from 'node:assert';
import { diffText } from '../diff/diff-text.js';
import {
  type CompareSectionsOptions,
  compareSections,
  type SectionChange,
} from '../sections/compare-sections.js';
import { indent, renderHunks, sectionLabel } from './render-hunks.js';

/** Options of {@link assertSectionsChanged}. */
export interface AssertSectionsChangedOptions {
  /**
   * Let sections other than the expected ones change too (every expected one must still have
   * changed).
   * @default false
   */
  readonly allowOthers?: boolean;
  /**
   * Passed to `compareSections` (parse options, rename and split thresholds).
   * @default {}
   */
  readonly compare?: CompareSectionsOptions;
  /**
   * A first line for the failure message, e.g. the name of the edit under test.
   * @default 'The changed sections are not the expected ones'
   */
  readonly message?: string;
}

/** A section as a test names it: its heading text, or its number (0 is the lead). */
export type SectionRef = string | number;

function matches(change: SectionChange, ref: SectionRef): boolean {
  if (typeof ref === 'number') return change.after?.index === ref || change.before?.index === ref;
  // The lead has no title: `''` names it, as its `title` is `''`.
  return change.newTitle === ref || change.oldTitle === ref;
}

function describe(change: SectionChange): string {
  const index = change.after?.index ?? change.before?.index;
  const name =
    change.oldTitle !== null && change.newTitle !== null && change.oldTitle !== change.newTitle
      ? `${sectionLabel(change.oldTitle, change.before?.index)} -> ${sectionLabel(change.newTitle, change.after?.index)}`
      : sectionLabel(change.newTitle ?? change.oldTitle, index);
  return `${name} (${change.kind}, section ${index}, +${change.linesAdded} -${change.linesRemoved})`;
}

/**
 * Asserts that the sections changed between two wikitexts are exactly the expected ones
 * (`compareSections` decides: added, removed, renamed, moved, split, merged or modified).
 *
 * A section is named by its heading text (either side's, for a rename) or by its MediaWiki
 * section number; `0` or `''` is the lead. The failure message lists the unexpected and the
 * missing sections and shows the line diff.
 *
 * @param oldText - The text before the edit.
 * @param newText - The text after the edit.
 * @param expected - The sections that must have changed.
 * @param options - See {@link AssertSectionsChangedOptions}.
 * @returns Nothing; throws `AssertionError` (from `node:assert`) when the sections differ.
 * @example
 * ```ts
 * assertSectionsChanged('L\n== A ==\na\n== B ==\nb', 'L\n== A ==\na2\n== B ==\nb', ['A']);
 * // passes
 * assertSectionsChanged('L\n== A ==\na\n== B ==\nb', 'L\n== A ==\na2\n== B ==\nb2', ['A']);
 * // AssertionError: The changed sections are not the expected ones
 * //   unexpected: "B" (modified, section 2, +1 -1)
 * //   diff: …
 * ```
 */
export function assertSectionsChanged(
  oldText: string,
  newText: string,
  expected: readonly SectionRef[],
  options: AssertSectionsChangedOptions = {},
): void {
  if (typeof oldText !== 'string' || typeof newText !== 'string') {
    throw new TypeError('assertSectionsChanged: oldText and newText must be strings');
  }
  if (!Array.isArray(expected)) {
    throw new TypeError('assertSectionsChanged: expected must be an array of titles or numbers');
  }
  const changed = compareSections(oldText, newText, options.compare ?? {}).filter(
    (c) => c.kind !== 'unchanged',
  );
  const missing = expected.filter((ref) => !changed.some((c) => matches(c, ref)));
  const unexpected = options.allowOthers
    ? []
    : changed.filter((c) => !expected.some((ref) => matches(c, ref)));
  if (missing.length === 0 && unexpected.length === 0) return;

  const lines = [options.message ?? 'The changed sections are not the expected ones'];
  if (unexpected.length > 0) {
    lines.push('  unexpected (changed, not expected):');
    for (const c of unexpected) lines.push(`    ${describe(c)}`);
  }
  if (missing.length > 0) {
    lines.push('  missing (expected, not changed):');
    for (const ref of missing) {
      lines.push(`    ${typeof ref === 'number' ? `section ${ref}` : JSON.stringify(ref)}`);
    }
  }
  lines.push('  changed sections:');
  lines.push(
    changed.length === 0 ? '    (none)' : changed.map((c) => `    ${describe(c)}`).join('\n'),
  );
  lines.push('  diff:');
  lines.push(indent(renderHunks(diffText(oldText, newText)), '    '));
  throw new AssertionError({
    message: lines.join('\n'),
    actual: changed.map((c) => c.newTitle ?? c.oldTitle),
    expected: [...expected],
    operator: 'assertSectionsChanged',
  });
}
