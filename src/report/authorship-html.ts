/**
 * The "Authorship" part of a page in the HTML report: an SVG bar chart (no script) of each
 * editor's share of the current text and of their added tokens, surviving against removed,
 * then the same figures as a table.
 */
import { editorColor } from './authorship-colors.js';
import { authorshipFacts, percent, shownEditors } from './authorship-markdown.js';
import type { AuthorshipEditorReport, AuthorshipReport } from './authorship-report.js';
import { escapeHtml } from './escape-html.js';

const e = escapeHtml;
const num = (n: number) => n.toLocaleString('en-US');
const ROW = 20;
const LABEL = 150;
const SHARE = 220;
const GAP = 70;
const ADDED = 220;

/** Bidi controls and marks: SVG has no `<bdi>`, so they are shown as U+FFFD there. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** A name inside the SVG: escaped, bidi controls neutralised (the table has it exact). */
const svgText = (name: string) => e(name.replace(BIDI_CONTROLS, '\ufffd'));

/** A name for an SVG label, cut to fit; the `<text>` isolates it (it may be right-to-left). */
function label(name: string): string {
  const chars = [...name];
  return svgText(chars.length > 22 ? `${chars.slice(0, 21).join('')}…` : name);
}

interface Row {
  readonly name: string;
  readonly e: AuthorshipEditorReport;
  /** Colour index; -1 for the others summed, -2 for the text before the known history. */
  readonly k: number;
}

function chart(rows: readonly Row[]): string {
  const maxAdded = Math.max(1, ...rows.map((r) => r.e.added));
  const width = LABEL + SHARE + GAP + ADDED + 10;
  const height = ROW * (rows.length + 1) + 4;
  const x2 = LABEL + SHARE + GAP;
  const out = [
    `<svg class="authorship" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" style="width:100%;max-width:${width * 1.3}px;height:auto" font-family="system-ui,sans-serif" font-size="11" fill="currentColor" role="img" aria-label="Share of the current text by editor, and tokens added: surviving and removed">`,
    `<text x="${LABEL}" y="12">share of the current text</text>`,
    `<text x="${x2}" y="12">tokens added: surviving | removed</text>`,
  ];
  rows.forEach(({ name, e: ed, k }, i) => {
    const y = ROW * (i + 1);
    const color = k === -2 ? '#d1d9e0' : k < 0 ? '#8c959f' : editorColor(k).bar;
    const w = Math.round(ed.share * SHARE * 10) / 10;
    const ws = Math.round((ed.surviving / maxAdded) * ADDED * 10) / 10;
    const wr = Math.round((ed.removed / maxAdded) * ADDED * 10) / 10;
    const added =
      k === -2
        ? ''
        : `; added ${num(ed.added)}, ${num(ed.surviving)} surviving, ${num(ed.removed)} removed`;
    out.push(
      `<g><title>${svgText(name)}: ${percent(ed.share)} of the current text (${num(ed.tokens)} tokens)${added}</title>`,
      `<text x="${LABEL - 6}" y="${y + 13}" text-anchor="end" unicode-bidi="isolate">${label(name)}</text>`,
      `<rect x="${LABEL}" y="${y + 3}" width="${SHARE}" height="${ROW - 6}" style="fill:var(--soft,#f6f8fa)"></rect>`,
      `<rect x="${LABEL}" y="${y + 3}" width="${w}" height="${ROW - 6}" fill="${color}"></rect>`,
      `<text x="${LABEL + SHARE + 4}" y="${y + 13}">${percent(ed.share)}</text>`,
      `<rect x="${x2}" y="${y + 3}" width="${ws}" height="${ROW - 6}" fill="${color}"></rect>`,
      `<rect x="${x2 + ws}" y="${y + 3}" width="${wr}" height="${ROW - 6}" fill="${color}" fill-opacity="0.3"></rect>`,
      '</g>',
    );
  });
  out.push('</svg>');
  return out.join('');
}

/**
 * The HTML of a page's "Authorship" part: the facts, an SVG chart (share of the current text
 * and tokens added, surviving against removed, per editor; full figures on hover) and a table.
 * Self-contained: inline SVG with presentation attributes, no script, no CSS needed.
 *
 * @param a - The page's authorship, or `null` (no text known: nothing is shown).
 * @returns The HTML, or `''` for `null`.
 * @example
 * ```ts
 * authorshipHtml(report.pages[0]!.authorship).startsWith('<h4>Authorship</h4>') // true
 * ```
 */
export function authorshipHtml(a: AuthorshipReport | null): string {
  if (a === null) return '';
  const { shown, rest } = shownEditors(a);
  const rows: Row[] = shown.map((ed, k) => ({ name: ed.user ?? '(hidden)', e: ed, k }));
  if (rest !== null) rows.push({ name: `${rest.count} others`, e: rest, k: -1 });
  const b = a.beforeHistory;
  if (b !== null) {
    const e0 = { user: null, added: 0, surviving: 0, removed: 0 };
    rows.push({ name: `before r${b.revisionId}`, e: { ...b, ...e0 }, k: -2 });
  }
  const cells = rows.map(({ name, e: ed, k }) => {
    const who = k < 0 || ed.user === null ? `<i>${e(name)}</i>` : `<bdi>${e(name)}</bdi>`;
    const history =
      k === -2
        ? '<td colspan="3" class="muted">earlier history not known</td>'
        : `<td class="n">${num(ed.added)}</td><td class="n">${num(ed.surviving)}</td><td class="n">${num(ed.removed)}</td>`;
    return `<tr><td>${who}</td><td class="n">${percent(ed.share)}</td><td class="n">${num(ed.tokens)}</td>${history}</tr>`;
  });
  return [
    '<section class="authorship">',
    '<h4>Authorship</h4>',
    `<p>${e(authorshipFacts(a))}</p>`,
    chart(rows),
    '<div class="scroll"><table><thead><tr><th>editor</th><th class="n">share of the current text</th><th class="n">tokens now</th><th class="n">tokens added</th><th class="n">surviving</th><th class="n">removed</th></tr></thead><tbody>',
    ...cells,
    '</tbody></table></div>',
    '</section>',
  ].join('\n');
}
