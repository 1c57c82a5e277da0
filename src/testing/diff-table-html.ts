/**
 * A line diff rendered as the diff table of a MediaWiki 1.39 history feed: wikidiff2 1.13 markup
 * with the feed's inline styles (FORMAT.md 6.3). Private to `src/testing/`.
 *
 * The rows come from our own `diffText` with wikidiff2's 2 lines of context, so line numbers,
 * hunks and context rows are those wikidiff2 writes for the same texts; which deleted and added
 * lines are paired as "changed", and where the `<ins>`/`<del>` split a line, follow `diffText`
 * and may differ from wikidiff2 (it pairs by its own similarity and splits CJK by character).
 * Moved paragraphs are written as plain deleted and added rows, without the ⚫ links.
 */
import { type DiffLine, diffText } from '../diff/diff-text.js';
import type { WordChange } from '../diff/word-change.js';
import { escapeDiffCell } from './mediawiki-escape.js';

const TITLE_STYLE = 'background-color: #fff; color: #202122; text-align: center;';
const CELL =
  'font-size: 88%; border-style: solid; border-width: 1px 1px 1px 4px; border-radius: 0.33em;';
const CONTEXT_STYLE = `background-color: #f8f9fa; color: #202122; ${CELL} border-color: #eaecf0; vertical-align: top; white-space: pre-wrap;`;
const ADDED_STYLE = `color: #202122; ${CELL} border-color: #a3d3ff; vertical-align: top; white-space: pre-wrap;`;
const DELETED_STYLE = `color: #202122; ${CELL} border-color: #ffe49c; vertical-align: top; white-space: pre-wrap;`;
const CHANGE_STYLE = 'font-weight: bold; text-decoration: none;';

/** A cell's content: `<div>line</div>`, or `<br />` for an empty line. */
function cell(html: string): string {
  return html === '' ? '<br />' : `<div>${html}</div>`;
}

/**
 * Our word segments carry their trailing whitespace (`Small |but ambitious |beginnings`);
 * wikidiff2 tokenises spaces and punctuation apart and marks `Small| but ambitious| beginnings`.
 * Sliding each change left while the character before it ends it too gives wikidiff2's split
 * for most edits (measured on the corpus tables).
 */
function slideLeft(changes: readonly WordChange[]): WordChange[] {
  const out = changes.map((w) => ({ ...w }));
  for (let k = 1; k < out.length; k++) {
    const prev = out[k - 1]!;
    const cur = out[k]!;
    if (prev.kind !== 'equal' || cur.kind === 'equal') continue;
    while (prev.text !== '' && cur.text !== '' && prev.text.at(-1) === cur.text.at(-1)) {
      const ch = prev.text.at(-1)!;
      // Never split a surrogate pair.
      if (ch.charCodeAt(0) >= 0xdc00 && ch.charCodeAt(0) <= 0xdfff) break;
      prev.text = prev.text.slice(0, -1);
      cur.text = ch + cur.text.slice(0, -1);
      const next = out[k + 1];
      if (next?.kind === 'equal') next.text = ch + next.text;
      else out.splice(k + 1, 0, { kind: 'equal', text: ch });
    }
  }
  return out.filter((w) => w.text !== '');
}

function words(changes: readonly WordChange[] | null, text: string, tag: 'ins' | 'del'): string {
  if (changes === null) return escapeDiffCell(text);
  return slideLeft(changes)
    .map((w) =>
      w.kind === 'equal'
        ? escapeDiffCell(w.text)
        : `<${tag} style="${CHANGE_STYLE}">${escapeDiffCell(w.text)}</${tag}>`,
    )
    .join('');
}

/** `1,389`: English digit grouping of the `Line N:` rows. */
function lineNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function row(cells: readonly string[]): string {
  return `<tr>\n${cells.map((c) => `  ${c}\n`).join('')}</tr>\n`;
}

const MINUS = '\u2212';
const deletedCells = (html: string): string[] => [
  `<td class="diff-marker" data-marker="${MINUS}"></td>`,
  `<td style="${DELETED_STYLE}">${cell(html)}</td>`,
];
const addedCells = (html: string): string[] => [
  '<td class="diff-marker" data-marker="+"></td>',
  `<td style="${ADDED_STYLE}">${cell(html)}</td>`,
];

type Deleted = Extract<DiffLine, { kind: 'deleted' }>;
type Added = Extract<DiffLine, { kind: 'added' }>;

/** One block of deleted and added lines: paired lines side by side, the rest alone. */
function changeRows(deleted: readonly Deleted[], added: readonly Added[]): string {
  let out = '';
  let i = 0;
  let j = 0;
  while (i < deleted.length || j < added.length) {
    const d = deleted[i];
    const a = added[j];
    if (d !== undefined && a !== undefined && d.pairedLine === a.newLine && d.moveId === null) {
      out += row([
        ...deletedCells(words(d.words, d.text, 'del')),
        ...addedCells(words(a.words, a.text, 'ins')),
      ]);
      i++;
      j++;
    } else if (d !== undefined && (a === undefined || d.pairedLine === null || d.moveId !== null)) {
      out += row([
        ...deletedCells(escapeDiffCell(d.text)),
        '<td colspan="2" class="diff-empty diff-side-added"></td>',
      ]);
      i++;
    } else if (a !== undefined) {
      out += row([
        '<td colspan="2" class="diff-empty diff-side-deleted"></td>',
        ...addedCells(escapeDiffCell(a.text)),
      ]);
      j++;
    } else {
      // A deleted line paired with an added line further on: show it alone.
      out += row([
        ...deletedCells(escapeDiffCell(d?.text ?? '')),
        '<td colspan="2" class="diff-empty diff-side-added"></td>',
      ]);
      i++;
    }
  }
  return out;
}

/**
 * The diff table HTML (before the XML layer) of two texts.
 *
 * @param oldText - The previous revision's text.
 * @param newText - This revision's text.
 * @param newTime - `20:55, 21 November 2026`, for the `Revision as of` title.
 */
export function diffTableHtml(oldText: string, newText: string, newTime: string): string {
  const head = '<table style="background-color: #fff; color: #202122;" data-mw="interface">\n';
  const title = (colspan: number): string =>
    `\t\t\t\t<tr class="diff-title" lang="en">\n` +
    `\t\t\t\t<td colspan="${colspan}" style="${TITLE_STYLE}">\u2190 Older revision</td>\n` +
    `\t\t\t\t<td colspan="${colspan}" style="${TITLE_STYLE}">Revision as of ${newTime}</td>\n` +
    '\t\t\t\t</tr>';
  if (oldText === newText) {
    // An identical pair (a null revision): no columns, the `(No difference)` notice.
    return `${head}${title(1)}<tr><td colspan="2" class="diff-notice" lang="en"><div class="mw-diff-empty">(No difference)</div>\n</td></tr></table>`;
  }
  const cols = '\t\t\t\t<col class="diff-marker" />\n\t\t\t\t<col class="diff-content" />\n';
  let out = `${head}${cols}${cols}${title(2)}`;
  // wikidiff2 shows 2 lines of context (FORMAT.md 6.3).
  const diff = diffText(oldText, newText, { context: 2 });
  for (const hunk of diff.hunks) {
    out += row([
      `<td colspan="2" class="diff-lineno">Line ${lineNumber(hunk.oldStart)}:</td>`,
      `<td colspan="2" class="diff-lineno">Line ${lineNumber(hunk.newStart)}:</td>`,
    ]);
    let deleted: Deleted[] = [];
    let added: Added[] = [];
    const flush = (): void => {
      out += changeRows(deleted, added);
      deleted = [];
      added = [];
    };
    for (const line of hunk.lines) {
      switch (line.kind) {
        case 'context': {
          flush();
          const side = `<td style="${CONTEXT_STYLE}">${cell(escapeDiffCell(line.text))}</td>`;
          out += row([
            '<td class="diff-marker"></td>',
            side,
            '<td class="diff-marker"></td>',
            side,
          ]);
          break;
        }
        case 'deleted':
          if (added.length > 0) flush();
          deleted.push(line);
          break;
        case 'added':
          added.push(line);
          break;
        default: {
          const never: never = line;
          throw new Error(`unknown diff line ${JSON.stringify(never)}`);
        }
      }
    }
    flush();
  }
  return `${out}</table>`;
}
