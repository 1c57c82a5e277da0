/**
 * Applying a feed's diff table to a known text, in either direction, with every line the table
 * shows checked against that text.
 */
import type { DiffTableHunk, DiffTableRow } from '../model.js';

/** Options of {@link applyDiffTable}. */
export interface ApplyDiffTableOptions {
  /**
   * `forward` turns the diff's older text into its newer one (parent → child); `backward` turns
   * the newer text into the older one (child → parent).
   * @default 'forward'
   */
  readonly direction?: 'forward' | 'backward';
}

/** The result of {@link applyDiffTable}: the other side's text, or why it cannot be had. */
export type ApplyDiffTableResult =
  | { readonly kind: 'applied'; readonly text: string }
  | {
      readonly kind: 'mismatch';
      /** Human-readable reason, naming the line (1-based, in the base text). */
      readonly reason: string;
      /** The 1-based line of the base text where the table and the text disagree. */
      readonly line: number;
    };

/** One row seen from the base side: what it requires there and what it produces on the other. */
interface SidedRow {
  /** The base line the row consumes (and checks), or `null` if it consumes none. */
  readonly base: string | null;
  /** The line it produces on the other side, or `null` if none. */
  readonly other: string | null;
}

/**
 * Apply a parsed diff table to the text of one of its sides and return the other side's text.
 *
 * The table only shows changed lines and two lines of context; the lines between hunks are
 * copied from the base. Every context, deleted (forward) or added (backward) line the table
 * shows must equal the base's line at that position, and each hunk must start at the line
 * numbers its `Line N:` row gives; otherwise the result is a `mismatch`, never a guessed text.
 * Texts are split on LF only: MediaWiki stores no CR (FORMAT.md §9), and an empty text has no
 * lines at all (wikidiff2 shows a blank page as zero lines, `truth/compare/43-44.json`).
 *
 * @param base - The known text: the older side for `forward`, the newer side for `backward`.
 * @param hunks - The hunks of the entry's `DiffContent`.
 * @param options - See {@link ApplyDiffTableOptions}.
 * @returns `{ kind: 'applied', text }` or `{ kind: 'mismatch', reason, line }`.
 * @example
 * ```ts
 * const hunks = [{ oldLine: 1, newLine: 1, rows: [
 *   { kind: 'changed', oldText: 'a', newText: 'b', oldChanges: [], newChanges: [] }] }];
 * applyDiffTable('a\nc', hunks) // { kind: 'applied', text: 'b\nc' }
 * applyDiffTable('b\nc', hunks, { direction: 'backward' }) // { kind: 'applied', text: 'a\nc' }
 * applyDiffTable('x\nc', hunks).kind // 'mismatch'
 * ```
 */
export function applyDiffTable(
  base: string,
  hunks: readonly DiffTableHunk[],
  options: ApplyDiffTableOptions = {},
): ApplyDiffTableResult {
  const direction = options.direction ?? 'forward';
  if (direction !== 'forward' && direction !== 'backward') {
    throw new RangeError(`applyDiffTable: unknown direction ${String(direction)}`);
  }
  const forward = direction === 'forward';
  if (base !== '') return apply(base.split('\n'), hunks, forward);
  // wikidiff2 shows an empty text as zero lines, the PHP engine as one empty line (PHP's
  // `explode`): `variants/diff-engine-php/` history of Blank start, 43→44.
  const none = apply([], hunks, forward);
  return none.kind === 'applied' ? none : apply([''], hunks, forward);
}

function apply(
  lines: readonly string[],
  hunks: readonly DiffTableHunk[],
  forward: boolean,
): ApplyDiffTableResult {
  const out: string[] = [];
  let cursor = 0;
  for (const hunk of hunks) {
    const start = (forward ? hunk.oldLine : hunk.newLine) - 1;
    const otherStart = (forward ? hunk.newLine : hunk.oldLine) - 1;
    if (start < cursor || start > lines.length) {
      return mismatch(
        `hunk starts at line ${start + 1}, but the base has ${lines.length} lines and line ${cursor + 1} is next`,
        start + 1,
      );
    }
    for (let i = cursor; i < start; i++) out.push(lines[i]!);
    cursor = start;
    // A blank page diffed against a new one shows `Line 1:` on both sides although the blank
    // side has no line 1; otherwise the other side's numbering must agree with what we built.
    if (out.length !== otherStart && !(out.length === 0 && otherStart === 0)) {
      return mismatch(
        `hunk starts at line ${otherStart + 1} of the other side, but ${out.length} lines precede it`,
        cursor + 1,
      );
    }
    for (const row of hunk.rows) {
      const sided = side(row, forward);
      if (sided.base !== null) {
        const actual = lines[cursor];
        if (actual !== sided.base) {
          return mismatch(
            actual === undefined
              ? `the table shows line ${cursor + 1}, past the end of the base (${lines.length} lines)`
              : `line ${cursor + 1} of the base is ${JSON.stringify(clip(actual))}, the table shows ${JSON.stringify(clip(sided.base))}`,
            cursor + 1,
          );
        }
        cursor++;
      }
      if (sided.other !== null) out.push(sided.other);
    }
  }
  for (let i = cursor; i < lines.length; i++) out.push(lines[i]!);
  return { kind: 'applied', text: out.join('\n') };
}

function side(row: DiffTableRow, forward: boolean): SidedRow {
  switch (row.kind) {
    case 'context':
      return { base: row.text, other: row.text };
    case 'deleted':
      return forward ? { base: row.text, other: null } : { base: null, other: row.text };
    case 'added':
      return forward ? { base: null, other: row.text } : { base: row.text, other: null };
    case 'changed':
      return forward
        ? { base: row.oldText, other: row.newText }
        : { base: row.newText, other: row.oldText };
    default: {
      const never: never = row;
      throw new TypeError(`applyDiffTable: unknown row kind ${JSON.stringify(never)}`);
    }
  }
}

function mismatch(reason: string, line: number): ApplyDiffTableResult {
  return { kind: 'mismatch', reason, line };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
