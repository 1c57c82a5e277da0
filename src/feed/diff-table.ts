/**
 * Reads the HTML diff table of history and recent-changes entries (FORMAT.md 6.3), for both
 * wikidiff2 and the PHP engine, and for the classes of the web view as well as the inline
 * styles feeds rewrite them to. Rows are recognised by structure (which cells are empty, which
 * hold a marker), never by the English words of the interface.
 */
import type { DiffTableHunk, DiffTableRow, InlineRange, MovedParagraph } from '../model.js';
import { decodeHtmlEntities } from '../wikitext/decode.js';
import { parseLocalizedInteger } from './localized-number.js';

/**
 * The `<name …>…</name>` elements of `html` (attributes and inner HTML), as
 * `/<name\b([^>]*)>([\s\S]*?)<\/name>/g` matches them, in one pass: the pattern searched for
 * the end tag again from every start tag when there was none (quadratic: 1 s for 40,000 `<tr>`).
 */
function* elements(html: string, name: string): Generator<[attrs: string, inner: string]> {
  const open = `<${name}`;
  const close = `</${name}>`;
  for (let at = html.indexOf(open); at !== -1; ) {
    const after = at + open.length;
    if (/\w/.test(html[after] ?? '')) {
      at = html.indexOf(open, at + 1);
      continue;
    }
    const gt = html.indexOf('>', after);
    const end = gt === -1 ? -1 : html.indexOf(close, gt + 1);
    // No end after this start tag: none after any later one either.
    if (end === -1) return;
    yield [html.slice(after, gt), html.slice(gt + 1, end)];
    at = html.indexOf(open, end + close.length);
  }
}

/** What a diff table holds, plus the problems met while reading it. */
export interface ParsedDiffTable {
  readonly hunks: readonly DiffTableHunk[];
  readonly intermediateNote: string | null;
  readonly intermediateCount: number | null;
  readonly noDifference: boolean;
  readonly problems: readonly string[];
}

interface Cell {
  readonly attrs: string;
  readonly html: string;
}

interface CellText {
  readonly text: string;
  readonly changes: InlineRange[];
  readonly anchor: string | null;
}

const attr = (attrs: string, name: string): string | null => {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(attrs);
  return m ? decodeHtmlEntities(m[1] ?? m[2] ?? '') : null;
};

const hasClass = (attrs: string, word: string): boolean =>
  (attr(attrs, 'class') ?? '').split(/\s+/).includes(word);

/** Plain text of an HTML fragment: tags dropped, references decoded. */
export function htmlToText(html: string): string {
  return decodeHtmlEntities(html.replace(/<[^>]*>/g, ''));
}

/** Text of a content cell, with its `<ins>`/`<del>` ranges and moved-paragraph anchor. */
function readContentCell(html: string): CellText {
  let text = '';
  const changes: InlineRange[] = [];
  let anchor: string | null = null;
  let open = -1;
  for (const token of html.match(/<[^>]*>|[^<]+/g) ?? []) {
    if (token.charCodeAt(0) !== 60 /* < */) {
      text += decodeHtmlEntities(token);
      continue;
    }
    const tag = /^<\s*(\/?)\s*([a-zA-Z0-9]+)/.exec(token);
    const name = tag?.[2]?.toLowerCase();
    if (name === 'ins' || name === 'del') {
      if (tag?.[1] === '/') {
        if (open >= 0 && text.length > open) changes.push({ start: open, end: text.length });
        open = -1;
      } else open = text.length;
    } else if (name === 'a' && tag?.[1] !== '/') {
      anchor = attr(token, 'name') ?? anchor;
    }
    // div, br (an empty line), span and the closing tags carry no text.
  }
  return { text, changes, anchor };
}

/**
 * The number of a line-number cell. `DifferenceEngine` first writes `<!--LINE 12-->` and then
 * localises it to `Line 12:`; a table that skipped that step keeps the comment.
 */
function lineNumber(html: string): number | null {
  const raw = /<!--\s*LINE\s+(\d+)\s*-->/.exec(html);
  if (!raw) return parseLocalizedInteger(htmlToText(html));
  const line = Number(raw[1]);
  return Number.isSafeInteger(line) ? line : null;
}

/** The moved-paragraph link in a marker cell, if any (wikidiff2 only). */
function readMoved(marker: Cell, anchor: string | null): MovedParagraph | null {
  if (!/mw-diff-movedpara/.test(marker.html)) return null;
  const href = /href\s*=\s*"#?([^"]*)"/.exec(marker.html)?.[1] ?? '';
  return { anchor, target: decodeHtmlEntities(href) };
}

/** A marker cell that marks a change: `data-marker`, a visible `+`/`−`, or a moved link. */
function isChangeMarker(cell: Cell): boolean {
  if (/\bdata-marker\s*=/.test(cell.attrs)) return true;
  return htmlToText(cell.html).replace(/[\s\u00a0]/g, '') !== '';
}

/** A cell standing for the missing side of an added-only or deleted-only row. */
const isEmptySide = (cell: Cell): boolean =>
  hasClass(cell.attrs, 'diff-empty') ||
  ((hasClass(cell.attrs, 'diff-side-deleted') || hasClass(cell.attrs, 'diff-side-added')) &&
    cell.html.trim() === '');

/** Whole-line `<ins>`/`<del>` (the PHP engine's added and deleted lines) says nothing inline. */
const inlineOnly = (cell: CellText): InlineRange[] =>
  cell.changes.length === 1 &&
  cell.changes[0]?.start === 0 &&
  cell.changes[0].end === cell.text.length
    ? []
    : cell.changes;

/** `("\u00a0 ")` repeated, plus a space for odd runs: what the PHP engine makes of `k` spaces. */
const spacePattern = (k: number): string => '\u00a0 '.repeat(k >> 1) + (k & 1 ? ' ' : '');

/**
 * Undoes the PHP engine's `TableDiffFormatter::escapeWhiteSpace` on the HTML of one cell line.
 * It makes spaces visible: a space that begins the line's HTML becomes `NBSP SP`, one that ends
 * it `SP NBSP`, and then every pair of spaces `NBSP SP`; since it runs on HTML, a line wrapped
 * in `<ins>`/`<del>` only gets the pairs rule. An empty line of a word-level block is a lone
 * NBSP. Checked on every PHP-engine row of the corpus. A run of spaces and NBSPs is mapped back
 * only when it has exactly the shape the rule produces, so a genuine NBSP is left alone.
 */
export function unescapePhpWhitespace(html: string): string {
  if (!html.includes('\u00a0')) return html;
  if (html === '\u00a0') return '';
  return html.replace(/[ \u00a0]+/g, (run, offset: number) => {
    const leading = offset === 0;
    const trailing = offset + run.length === html.length;
    let inner = run;
    if (leading) {
      if (!inner.startsWith('\u00a0')) return run;
      inner = inner.slice(1);
    }
    if (trailing) {
      if (!inner.endsWith('\u00a0')) return run;
      inner = inner.slice(0, -1);
    }
    const k = inner.length;
    if ((leading || trailing) && k === 0) return run;
    return inner === spacePattern(k) ? ' '.repeat(k) : run;
  });
}

/** Applies `fix` to the line inside a cell's `<div>`. */
const fixCellLine = (html: string, fix: (line: string) => string): string => {
  const m = /^(\s*<div>)([\s\S]*)(<\/div>\s*)$/.exec(html);
  return m ? `${m[1]}${fix(m[2] ?? '')}${m[3]}` : html;
};

/**
 * Parses the diff table HTML of one feed entry into hunks of rows.
 *
 * @param html - The table, as HTML (one level of XML escaping removed).
 */
export function parseDiffTable(html: string): ParsedDiffTable {
  const hunks: { oldLine: number; newLine: number; rows: DiffTableRow[] }[] = [];
  const problems: string[] = [];
  let intermediateNote: string | null = null;
  let intermediateCount: number | null = null;
  let noDifference = false;
  let current: { oldLine: number; newLine: number; rows: DiffTableRow[] } | null = null;
  let rowNumber = 0;
  // The PHP engine writes each row on one line and numbers its first line-number cells
  // (`id="mw-diff-left-l11"`); wikidiff2 writes whitespace as it is.
  const phpEngine = /<tr><td\b/.test(html) || /\bid="mw-diff-left-l\d/.test(html);

  for (const [rowAttrs, rowHtml] of elements(html, 'tr')) {
    rowNumber++;
    if (hasClass(rowAttrs, 'diff-title')) continue;
    const cells: Cell[] = [];
    for (const [attrs, cellHtml] of elements(rowHtml, 'td')) cells.push({ attrs, html: cellHtml });
    if (cells.length === 0) continue;
    const first = cells[0]!;
    if (cells.some((c) => hasClass(c.attrs, 'diff-lineno'))) {
      const [oldCell, newCell] = cells;
      const oldLine = oldCell ? lineNumber(oldCell.html) : null;
      const newLine = newCell ? lineNumber(newCell.html) : null;
      if (oldLine === null || newLine === null) {
        problems.push(`row ${rowNumber}: a line-number row without two line numbers`);
      }
      current = { oldLine: oldLine ?? 0, newLine: newLine ?? 0, rows: [] };
      hunks.push(current);
      continue;
    }
    if (hasClass(first.attrs, 'diff-multi')) {
      intermediateNote = htmlToText(first.html).trim();
      intermediateCount =
        parseLocalizedInteger(intermediateNote) ??
        (/^\(?\s*one\b/i.test(intermediateNote) ? 1 : null);
      continue;
    }
    if (hasClass(first.attrs, 'diff-notice') || /mw-diff-empty/.test(first.html)) {
      noDifference = true;
      continue;
    }
    const row = readRow(cells, phpEngine ? unescapePhpWhitespace : (t) => t);
    if (!row) {
      problems.push(`row ${rowNumber}: unrecognised diff row (${cells.length} cells)`);
      continue;
    }
    if (!current) {
      problems.push(`row ${rowNumber}: a diff row before any line-number row`);
      current = { oldLine: 0, newLine: 0, rows: [] };
      hunks.push(current);
    }
    current.rows.push(row);
  }
  return { hunks, intermediateNote, intermediateCount, noDifference, problems };
}

function readRow(cells: readonly Cell[], fix: (line: string) => string): DiffTableRow | null {
  const [a, b, c, d] = cells;
  const readCell = (html: string): CellText => readContentCell(fixCellLine(html, fix));
  if (cells.length === 3 && a && b && c) {
    // An added-only row has its empty cell on the left, a deleted-only row on the right.
    const kind = isEmptySide(a) ? 'added' : isEmptySide(c) ? 'deleted' : null;
    if (kind === null) return null;
    const [marker, content] = kind === 'added' ? [b, c] : [a, b];
    const cell = readCell(content.html);
    return {
      kind,
      text: cell.text,
      changes: inlineOnly(cell),
      moved: readMoved(marker, cell.anchor),
    };
  }
  if (cells.length === 4 && a && b && c && d) {
    const left = readCell(b.html);
    const right = readCell(d.html);
    if (!isChangeMarker(a) && !isChangeMarker(c)) return { kind: 'context', text: left.text };
    return {
      kind: 'changed',
      oldText: left.text,
      newText: right.text,
      oldChanges: left.changes,
      newChanges: right.changes,
    };
  }
  return null;
}
