/**
 * A diff as MediaWiki's diff view shows it: old text left, new text right, a line changed in
 * place side by side with its words marked, moved paragraphs linked to each other both ways,
 * `Line N:` above each hunk, long unchanged stretches folded in a `<details>`. Every text is
 * escaped here. Reads `diffText`'s results or a report's diffs (the same shape).
 */
import { escapeHtml as e } from './escape-html.js';

/** A line of a diff (a `DiffLine` of `diffText`, or a report's `ReportDiffLine`). */
export interface SideBySideLine {
  readonly kind: 'context' | 'deleted' | 'added';
  readonly text: string;
  readonly oldLine?: number | null;
  readonly newLine?: number | null;
  readonly words?: readonly { readonly kind: string; readonly text: string }[] | null;
  readonly moveId?: number | null;
}

/** A diff (a `TextDiff` of `diffText`, or a report's `ReportDiff`). */
export interface SideBySideDiff {
  readonly hunks: readonly {
    readonly oldStart: number;
    readonly newStart: number;
    readonly lines: readonly SideBySideLine[];
  }[];
  readonly moves: readonly {
    readonly id: number;
    readonly oldStart: number;
    readonly newStart: number;
  }[];
  readonly truncated?: boolean;
}

/** Unchanged lines shown on each side of a fold; longer stretches fold what is between. */
const FOLD_KEEP = 3;

/** A line's text, its changed words in `<del>`/`<ins>`. */
function words(l: SideBySideLine): string {
  if (l.words === undefined || l.words === null) return e(l.text);
  return l.words
    .map((w) =>
      w.kind === 'inserted'
        ? `<ins>${e(w.text)}</ins>`
        : w.kind === 'deleted'
          ? `<del>${e(w.text)}</del>`
          : e(w.text),
    )
    .join('');
}

type Row =
  | { readonly kind: 'context'; readonly line: SideBySideLine }
  | {
      readonly kind: 'change';
      readonly old: SideBySideLine | null;
      readonly new: SideBySideLine | null;
    };

/** Pairs a run of deleted and added lines as MediaWiki shows it: lines changed in place side
 *  by side (in order; in-place pairs never cross), the others alone on their side. */
function pairRun(run: readonly SideBySideLine[]): Row[] {
  const dels = run.filter((l) => l.kind === 'deleted');
  const adds = run.filter((l) => l.kind === 'added');
  const inPlace = (l: SideBySideLine) => l.words != null && l.moveId == null;
  const pd = dels.filter(inPlace);
  const pa = adds.filter(inPlace);
  const rows: Row[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k < Math.min(pd.length, pa.length); k++) {
    for (; dels[i] !== pd[k]; i++) rows.push({ kind: 'change', old: dels[i] ?? null, new: null });
    for (; adds[j] !== pa[k]; j++) rows.push({ kind: 'change', old: null, new: adds[j] ?? null });
    rows.push({ kind: 'change', old: dels[i++] ?? null, new: adds[j++] ?? null });
  }
  for (; i < dels.length; i++) rows.push({ kind: 'change', old: dels[i] ?? null, new: null });
  for (; j < adds.length; j++) rows.push({ kind: 'change', old: null, new: adds[j] ?? null });
  return rows;
}

function rowsOf(lines: readonly SideBySideLine[]): Row[] {
  const rows: Row[] = [];
  let run: SideBySideLine[] = [];
  for (const l of lines) {
    if (l.kind === 'context') {
      // Row by row, not `push(...run)`: a run of 150,000 changed lines overflows the stack.
      for (const r of pairRun(run)) rows.push(r);
      rows.push({ kind: 'context', line: l });
      run = [];
    } else run.push(l);
  }
  for (const r of pairRun(run)) rows.push(r);
  return rows;
}

/**
 * Renders a diff as a two-column table.
 *
 * @param diff - The diff.
 * @param id - Prefix of the moved paragraphs' anchors, unique in the document (`r123-`).
 * @returns The `<table class="diff">` (and its folds).
 */
export function sideBySideDiff(diff: SideBySideDiff, id: string): string {
  const shown = new Set<string>();
  for (const h of diff.hunks)
    for (const l of h.lines) {
      if (l.kind === 'deleted' && l.oldLine != null) shown.add(`o${l.oldLine}`);
      if (l.kind === 'added' && l.newLine != null) shown.add(`n${l.newLine}`);
    }
  /** Where each moved block starts on each side, when both ends are on the page. */
  const moveStart = new Map<string, { id: number; to: number }>();
  for (const m of diff.moves) {
    if (!shown.has(`o${m.oldStart}`) || !shown.has(`n${m.newStart}`)) continue;
    moveStart.set(`o${m.oldStart}`, { id: m.id, to: m.newStart });
    moveStart.set(`n${m.newStart}`, { id: m.id, to: m.oldStart });
  }
  const cell = (l: SideBySideLine | null, side: 'o' | 'n'): string => {
    if (l === null) return '<td class="ln"></td><td class="mk"></td><td class="tx empty"></td>';
    const n = side === 'o' ? l.oldLine : l.newLine;
    if (l.kind === 'context')
      return `<td class="ln">${n ?? ''}</td><td class="mk"></td><td class="tx">${e(l.text)}</td>`;
    const del = l.kind === 'deleted';
    let mark = del ? '−' : '+';
    let cls = del ? 'del' : 'add';
    if (l.moveId != null) {
      cls += ' moved';
      const start = moveStart.get(`${side}${n}`);
      if (start !== undefined) {
        const here = `${id}m${start.id}${side}`;
        const there = `${id}m${start.id}${side === 'o' ? 'n' : 'o'}`;
        const title = del ? `moved to line ${start.to}` : `moved from line ${start.to}`;
        mark = `<a id="${here}" href="#${there}" class="mv" title="${title}" aria-label="${title}">${del ? '→' : '←'}</a>`;
      }
    }
    return `<td class="ln">${n ?? ''}</td><td class="mk ${cls}">${mark}</td><td class="tx ${cls}">${words(l)}</td>`;
  };
  const row = (r: Row): string =>
    r.kind === 'context'
      ? `<tr class="ctx">${cell(r.line, 'o')}${cell(r.line, 'n')}</tr>`
      : `<tr>${cell(r.old, 'o')}${cell(r.new, 'n')}</tr>`;
  const cols =
    '<colgroup><col class="ln"><col class="mk"><col class="tx"><col class="ln"><col class="mk"><col class="tx"></colgroup>';
  const out: string[] = [`<table class="diff">${cols}`];
  for (const h of diff.hunks) {
    out.push(
      `<tr class="hunk"><td colspan="3">Line ${h.oldStart}:</td><td colspan="3">Line ${h.newStart}:</td></tr>`,
    );
    const rows = rowsOf(h.lines);
    for (let k = 0; k < rows.length; ) {
      let end = k;
      while (rows[end]?.kind === 'context') end++;
      if (end - k > 2 * FOLD_KEEP + 1) {
        const inner = rows.slice(k + FOLD_KEEP, end - FOLD_KEEP);
        out.push(...rows.slice(k, k + FOLD_KEEP).map(row));
        out.push(
          `<tr class="fold"><td colspan="6"><details><summary>${inner.length} unchanged lines</summary><table class="diff">${cols}${inner.map(row).join('')}</table></details></td></tr>`,
        );
        out.push(...rows.slice(end - FOLD_KEEP, end).map(row));
        k = end;
      } else if (end > k) {
        out.push(...rows.slice(k, end).map(row));
        k = end;
      } else out.push(row(rows[k++] as Row));
    }
  }
  if (diff.truncated === true)
    out.push('<tr class="hunk"><td colspan="6">… diff cut here (maxDiffLines)</td></tr>');
  out.push('</table>');
  return out.join('');
}
