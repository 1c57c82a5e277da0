/**
 * The one writer of the Markdown report's tables.
 */

/**
 * A GFM table with its columns padded to one width, so that it reads aligned as plain text too
 * (`'r'` columns are numbers, right-aligned). Widths count code points; cells are written as
 * given (escape them first).
 *
 * @param head - The column titles.
 * @param align - Per column: `'l'` left, `'r'` right.
 * @param rows - The cells, row by row.
 * @returns The table's lines: head, rule, rows.
 * @example
 * ```ts
 * markdownTable(['user', 'edits'], ['l', 'r'], [['Alice', '12']])
 * // ['| user  | edits |', '| ----- | ----: |', '| Alice |    12 |']
 * ```
 */
export function markdownTable(
  head: readonly string[],
  align: readonly ('l' | 'r')[],
  rows: readonly (readonly string[])[],
): string[] {
  const width = (t: string) => [...t].length;
  // A reduce, not `Math.max(...rows)`: a table of 200,000 users overflows the stack.
  const widths = head.map((h, c) =>
    rows.reduce((w, r) => Math.max(w, width(r[c] ?? '')), Math.max(3, width(h))),
  );
  const pad = (t: string, c: number) => {
    const fill = ' '.repeat(Math.max(0, (widths[c] ?? 0) - width(t)));
    return align[c] === 'r' ? fill + t : t + fill;
  };
  const line = (cells: readonly string[]) => `| ${cells.map((t, c) => pad(t, c)).join(' | ')} |`;
  const rule = widths.map((w, c) => (align[c] === 'r' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
  return [line(head), `| ${rule.join(' | ')} |`, ...rows.map(line)];
}
