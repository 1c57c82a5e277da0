/**
 * `revisionCsv`: per-revision rows as CSV (RFC 4180), for spreadsheets.
 */
import { REVISION_COLUMNS, type RevisionRow } from './revision-rows.js';

/** Options of {@link revisionCsv}. */
export interface RevisionCsvOptions {
  /**
   * Start with the header line (the column names).
   * @default true
   */
  readonly header?: boolean;
  /**
   * Put a `'` before a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
   * return, so that a spreadsheet shows it as text instead of running it as a formula (titles,
   * user names and section titles come from the wiki: anyone can write `=HYPERLINK(…)`).
   * Numbers are never changed. Turn it off for exact text (or read the Parquet output).
   * @default true
   */
  readonly formulaGuard?: boolean;
}

const FORMULA = /^[=+\-@\t\r]/;

function cell(value: string | number | boolean | null, guard: boolean): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = guard && FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Formats rows as CSV: RFC 4180 (comma-separated, CRLF line ends, fields with a comma, quote,
 * line break or outer space quoted, quotes doubled), an empty field for an unknown value,
 * booleans `true`/`false`, and a formula guard on text cells (see `formulaGuard`).
 *
 * @param rows - From `revisionRows`.
 * @param options - Header line, formula guard.
 * @returns The CSV text, each line ending with CRLF.
 * @example
 * ```ts
 * revisionCsv(rows).split('\r\n')[0] // 'pageId,namespace,title,revisionId,parentId,…'
 * revisionCsv([{ ...row, title: '=1+1' }], { header: false }) // "…,'=1+1,…"
 * ```
 */
export function revisionCsv(
  rows: readonly RevisionRow[],
  options: RevisionCsvOptions = {},
): string {
  const guard = options.formulaGuard ?? true;
  const lines = options.header === false ? [] : [REVISION_COLUMNS.join(',')];
  for (const row of rows) lines.push(REVISION_COLUMNS.map((c) => cell(row[c], guard)).join(','));
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
}
