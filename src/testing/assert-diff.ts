/**
 * `assertDiff`: the line diff of an edit is exactly the expected one.
 */
import { AssertionError } from 'node:assert';
import { diffText, type TextDiff } from '../diff/diff-text.js';
import { formatUnifiedDiff } from '../diff/unified.js';
import { indent, renderHunks } from './render-hunks.js';

/**
 * One changed line: `removed` from the old text or `added` to the new one. `line` is its 1-based
 * number on its own side; leave it out to match the line anywhere.
 */
export interface ExpectedLineChange {
  readonly kind: 'added' | 'removed';
  readonly text: string;
  readonly line?: number;
}

function changesOf(diff: TextDiff): ExpectedLineChange[] {
  const out: ExpectedLineChange[] = [];
  for (const hunk of diff.hunks) {
    for (const l of hunk.lines) {
      if (l.kind === 'deleted') out.push({ kind: 'removed', text: l.text, line: l.oldLine });
      else if (l.kind === 'added') out.push({ kind: 'added', text: l.text, line: l.newLine });
    }
  }
  return out;
}

const show = (c: ExpectedLineChange): string =>
  `${c.kind === 'added' ? '+' : '-'}${c.line === undefined ? '' : `${c.line}:`} ${JSON.stringify(c.text)}`;

/** The removed and added lines of a unified patch, numbered from its `@@` headers. */
function changesOfPatch(patch: string): ExpectedLineChange[] {
  const out: ExpectedLineChange[] = [];
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  for (const line of patch.split('\n')) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (header) {
      // A side of 0 lines is numbered from the line before it (`@@ -0,0 +1 @@`).
      oldLine = Math.max(Number(header[1]), 1);
      newLine = Math.max(Number(header[2]), 1);
      inHunk = true;
      continue;
    }
    // `\ No newline at end of file` marks the line before it; nothing to count.
    if (!inHunk || line.startsWith('\\')) continue;
    if (line.startsWith('-')) out.push({ kind: 'removed', text: line.slice(1), line: oldLine++ });
    else if (line.startsWith('+'))
      out.push({ kind: 'added', text: line.slice(1), line: newLine++ });
    else if (line.startsWith(' ') || line === '') {
      oldLine++;
      newLine++;
    }
  }
  return out;
}

function sameChanges(
  actual: readonly ExpectedLineChange[],
  expected: readonly ExpectedLineChange[],
): boolean {
  return (
    actual.length === expected.length &&
    expected.every((e, k) => {
      const a = actual[k];
      return (
        a !== undefined &&
        a.kind === e.kind &&
        a.text === e.text &&
        (e.line === undefined || a.line === e.line)
      );
    })
  );
}

/** The hunks of a unified patch: everything from the first `@@`, file headers left out. */
function patchBody(patch: string): string {
  const at = patch.search(/^@@/m);
  return (at === -1 ? '' : patch.slice(at)).replace(/\n+$/, '');
}

/**
 * Asserts that the line diff of two texts is the expected one, given either as a unified patch
 * (such as `diff -u` or `formatUnifiedDiff` write; compared by the numbered lines it removes and
 * adds, so file names, dates and the amount of context do not matter) or as the list of removed
 * and added lines in diff order. A stored MediaWiki text has no final newline, so a patch that
 * changes the last line removes and re-adds it (`\ No newline at end of file`). The failure message shows the
 * expected and the actual diff, one line each.
 *
 * @param oldText - The text before the edit.
 * @param newText - The text after the edit.
 * @param expected - A unified patch, or the changed lines.
 * @returns Nothing; throws `AssertionError` (from `node:assert`) when the diffs differ.
 * @example
 * ```ts
 * assertDiff('a\nb\nc', 'a\nB\nc', [
 *   { kind: 'removed', text: 'b', line: 2 },
 *   { kind: 'added', text: 'B', line: 2 },
 * ]); // passes
 * assertDiff('a\nb\nc', 'a\nB\nc', '@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n\\ No newline at end of file\n');
 * // AssertionError: the last line `c` is unchanged, the patch is `… -b\n+B\n c\n\ No newline…`
 * ```
 */
export function assertDiff(
  oldText: string,
  newText: string,
  expected: string | readonly ExpectedLineChange[],
): void {
  if (typeof oldText !== 'string' || typeof newText !== 'string') {
    throw new TypeError('assertDiff: oldText and newText must be strings');
  }
  const diff = diffText(oldText, newText);
  if (typeof expected === 'string') {
    const actual = patchBody(formatUnifiedDiff(diff));
    const wanted = patchBody(expected);
    // Compared by their changed lines: the context around them may be cut differently (GNU
    // diff counts a last line that gains a newline as changed, so its context starts earlier).
    if (sameChanges(changesOfPatch(actual), changesOfPatch(wanted))) return;
    throw new AssertionError({
      message: `The diff is not the expected patch\n  expected:\n${indent(wanted, '    ')}\n  actual:\n${indent(actual, '    ')}`,
      actual,
      expected: wanted,
      operator: 'assertDiff',
    });
  }
  if (!Array.isArray(expected)) {
    throw new TypeError('assertDiff: expected must be a unified patch or an array of changes');
  }
  const actual = changesOf(diff);
  if (sameChanges(actual, expected)) return;
  const list = (changes: readonly ExpectedLineChange[]): string =>
    changes.length === 0 ? '    (no change)' : changes.map((c) => `    ${show(c)}`).join('\n');
  throw new AssertionError({
    message: `The diff does not have the expected changes\n  expected:\n${list(expected)}\n  actual:\n${list(actual)}\n  diff:\n${indent(renderHunks(diff), '    ')}`,
    actual,
    expected: [...expected],
    operator: 'assertDiff',
  });
}
