/**
 * The HTML report: one self-contained file (inline CSS, inline SVG timeline, no script, no
 * external request), readable on a phone and in print. A Content-Security-Policy meta tag forbids
 * scripts and every fetch, so even a mistake in escaping could run or load nothing.
 */
import { authorshipHtml } from './authorship-html.js';
import { displayTime } from './dates.js';
import { escapeHtml } from './escape-html.js';
import type {
  HistoryReport,
  PageReport,
  PeriodReport,
  ReportDiff,
  ReportDiffLine,
  RevisionRef,
  RevisionReport,
} from './history-report.js';
import { isolateBidi } from './isolate-bidi.js';

/** Options of {@link renderHtml}. */
export interface RenderHtmlOptions {
  /**
   * The document's title and heading.
   * @default 'Revision report'
   */
  readonly title?: string;
  /**
   * Show each revision's diff.
   * @default true
   */
  readonly diffs?: boolean;
}

const CSS = `
:root{color-scheme:light;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--add:#dafbe1;--addw:#aceebb;--del:#ffebe9;--delw:#ffcecb;--move:#ddf4ff;--bar:#0969da}
*{box-sizing:border-box}
body{margin:0 auto;max-width:72rem;padding:1rem;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:#fff}
h1{font-size:1.6rem;margin:.2rem 0 .5rem}h2{font-size:1.25rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.1rem;margin-top:1.5rem}h4{font-size:1rem;margin:1.2rem 0 .3rem}
.muted{color:var(--muted)}
table{border-collapse:collapse;margin:.5rem 0;display:block;overflow-x:auto;max-width:100%}
th,td{border:1px solid var(--line);padding:.2rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.rev{border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem;margin:.8rem 0;break-inside:avoid-page}
.rev h4{margin-top:0}
blockquote{margin:.3rem 0;padding:.1rem .6rem;border-left:3px solid var(--line);color:var(--muted);overflow-wrap:anywhere}
.diff{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;width:100%;display:table;table-layout:fixed}
.diff td{border:0;padding:0 .4rem;white-space:pre-wrap;overflow-wrap:anywhere}
.diff td.ln{width:3.5em;color:var(--muted);text-align:right;user-select:none}
.diff td.op{width:1.2em;user-select:none}
.diff tr.hunk td{background:#f6f8fa;color:var(--muted)}
.diff tr.added td.tx{background:var(--add)}.diff tr.deleted td.tx{background:var(--del)}
.diff ins{background:var(--addw);text-decoration:none}.diff del{background:var(--delw);text-decoration:none}
.diff tr.moved td.tx{background:var(--move)}
.tag{display:inline-block;border:1px solid var(--line);border-radius:1em;padding:0 .5em;font-size:.8em;margin-right:.3em}
.bad{border-color:#cf222e;color:#cf222e}
svg.timeline{width:100%;height:auto;max-height:10rem}
svg.timeline rect{fill:var(--bar)}
svg.timeline text{font:10px system-ui,sans-serif;fill:var(--muted)}
@media (max-width:40rem){body{padding:.5rem;font-size:14px}.diff td.ln{display:none}}
@media print{body{max-width:none;font-size:10pt}a{color:inherit;text-decoration:none}.rev{border-color:#999}
.diff tr.added td.tx,.diff tr.deleted td.tx,.diff ins,.diff del,.diff tr.moved td.tx{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

const e = escapeHtml;

/** Feed text (titles, user names, summaries): escaped, and in `<bdi>` so that right-to-left
 *  text or a bidi override in it cannot reorder the text around it. */
function feedText(text: string): string {
  return `<bdi>${e(text)}</bdi>`;
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

function signed(n: number | null): string {
  if (n === null) return '?';
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${num(Math.abs(n))}`;
}

function time(iso: string | null, tz: string): string {
  if (iso === null) return '<span class="muted">unknown time</span>';
  return `<time datetime="${e(iso)}">${e(displayTime(iso, tz))}</time>`;
}

function user(name: string | null): string {
  return name === null ? '<span class="muted">(hidden)</span>' : feedText(name);
}

/** The timeline as SVG bars: one per period, height proportional to the edits. */
function timelineSvg(periods: readonly PeriodReport[], unit: string): string {
  const max = Math.max(1, ...periods.map((p) => p.edits));
  const bar = 12;
  const gap = 4;
  const height = 100;
  const width = Math.max(periods.length * (bar + gap), 200);
  const rects = periods.map((p, k) => {
    const h = Math.round((p.edits / max) * height);
    const x = k * (bar + gap);
    return `<g><title>${e(p.label)}: ${p.edits} edit${p.edits === 1 ? '' : 's'}</title><rect x="${x}" y="${height - h}" width="${bar}" height="${h}"></rect></g>`;
  });
  const first = periods[0];
  const last = periods[periods.length - 1];
  const labels =
    first === undefined || last === undefined
      ? ''
      : `<text x="0" y="${height + 14}">${e(first.label)}</text><text x="${width}" y="${height + 14}" text-anchor="end">${e(last.label)}</text>`;
  return `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height + 18}" role="img" aria-label="Edits per ${e(unit)}, up to ${max}">${rects.join('')}${labels}</svg>`;
}

/** A diff line's text: escaped; no `<bdi>`, as each line is a table cell, its own bidi
 *  paragraph, shown as the wiki stores it. */
function lineText(l: ReportDiffLine): string {
  if (l.words === null) return e(l.text);
  return l.words
    .map((w) =>
      w.kind === 'equal'
        ? e(w.text)
        : w.kind === 'inserted'
          ? `<ins>${e(w.text)}</ins>`
          : `<del>${e(w.text)}</del>`,
    )
    .join('');
}

function diffTable(r: RevisionReport, diff: ReportDiff): string {
  const rows: string[] = [];
  const movedStart = new Map<string, number>();
  for (const m of diff.moves) {
    movedStart.set(`o${m.oldStart}`, m.id);
    movedStart.set(`n${m.newStart}`, m.id);
  }
  for (const h of diff.hunks) {
    rows.push(
      `<tr class="hunk"><td class="ln"></td><td class="ln"></td><td class="op"></td><td class="tx">@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@</td></tr>`,
    );
    for (const l of h.lines) {
      const op = l.kind === 'context' ? ' ' : l.kind === 'deleted' ? '−' : '+';
      let note = '';
      let cls: string = l.kind;
      if (l.moveId !== null) {
        cls = `${l.kind} moved`;
        const side = l.kind === 'deleted' ? 'o' : 'n';
        const line = l.kind === 'deleted' ? l.oldLine : l.newLine;
        if (movedStart.get(`${side}${line}`) === l.moveId) {
          const here = `r${r.id}-m${l.moveId}${side}`;
          const there = `r${r.id}-m${l.moveId}${side === 'o' ? 'n' : 'o'}`;
          note = `<a id="${here}" href="#${there}" class="tag">${l.kind === 'deleted' ? 'moved to' : 'moved from'} ↕</a>`;
        }
      }
      rows.push(
        `<tr class="${cls}"><td class="ln">${l.oldLine ?? ''}</td><td class="ln">${l.newLine ?? ''}</td><td class="op">${op}</td><td class="tx">${note}${lineText(l)}</td></tr>`,
      );
    }
  }
  if (diff.truncated)
    rows.push(
      '<tr class="hunk"><td class="ln"></td><td class="ln"></td><td class="op"></td><td class="tx">… diff cut here (maxDiffLines)</td></tr>',
    );
  return `<table class="diff">${rows.join('')}</table>`;
}

function revisionHtml(r: RevisionReport, report: HistoryReport, diffs: boolean): string {
  const tz = report.timeZone;
  const out: string[] = [`<section class="rev" id="r${r.id}">`];
  const lines = r.linesAdded === null ? '' : ` · +${r.linesAdded}/−${r.linesRemoved ?? 0} lines`;
  out.push(
    `<h4>r${r.id} · ${time(r.timestamp, tz)} · ${user(r.user)} · ${signed(r.sizeChange)} bytes${lines}</h4>`,
  );
  if (r.comment !== null && r.comment !== '')
    out.push(`<blockquote>${feedText(r.comment)}</blockquote>`);
  const tags: string[] = [];
  tags.push(`size ${r.size === null ? 'unknown' : `${num(r.size)} bytes`}`);
  if (r.created) tags.push('page created');
  else if (r.base !== null && !r.baseIsParent)
    tags.push(`compared with r${r.base} (parent unknown)`);
  else if (r.base === null) tags.push('no earlier revision known');
  if (!r.textKnown) tags.push('text not known');
  const badges = tags.map((t) => `<span class="tag">${t}</span>`);
  if (r.autocomment !== null && r.autocomment !== 'no-claim') {
    badges.push(
      `<span class="tag${r.autocomment === 'disagrees' ? ' bad' : ''}">autocomment ${r.autocomment}</span>`,
    );
  }
  if (r.revert !== null) {
    const restores = r.revert.restores === null ? '' : `, restores r${r.revert.restores}`;
    const undone = r.revert.reverted.map((id) => `<a href="#r${id}">r${id}</a>`).join(', ');
    badges.push(
      `<span class="tag">revert (${r.revert.kind}${restores})${undone === '' ? '' : `: undoes ${undone}`}</span>`,
    );
  }
  if (r.revertedBy.length > 0) {
    const by = r.revertedBy.map((id) => `<a href="#r${id}">r${id}</a>`).join(', ');
    badges.push(`<span class="tag bad">reverted by ${by}</span>`);
  }
  out.push(`<p>${badges.join('')}</p>`);
  if (r.sections === null) {
    out.push(
      `<p class="muted">Sections: ${r.textKnown ? 'not compared (no earlier text known)' : 'unknown (text not known)'}</p>`,
    );
  } else if (r.sections.length > 0) {
    const items = r.sections.map((s) => {
      const name =
        s.kind === 'renamed'
          ? `${feedText(s.oldTitle ?? '')} → ${feedText(s.newTitle ?? '')}`
          : (s.newTitle ?? s.oldTitle ?? '') === ''
            ? '<i>(lead)</i>'
            : feedText(s.newTitle ?? s.oldTitle ?? '');
      return `<li>${name} <span class="muted">${s.kind}, +${s.linesAdded}/−${s.linesRemoved}</span></li>`;
    });
    out.push(`<ul class="sections">${items.join('')}</ul>`);
  }
  if (diffs && r.diff !== null && r.diff.hunks.length > 0) out.push(diffTable(r, r.diff));
  out.push('</section>');
  return out.join('\n');
}

function pageHtml(p: PageReport, report: HistoryReport, diffs: boolean): string {
  const tz = report.timeZone;
  const out = [`<h3>${feedText(p.title)}</h3>`, '<ul>'];
  out.push(
    `<li>${p.revisions.length} revision${p.revisions.length === 1 ? '' : 's'} by ${p.editors.map(feedText).join(', ') || 'hidden users'}, ${time(p.firstEdit, tz)} to ${time(p.lastEdit, tz)}</li>`,
  );
  out.push(`<li>Bytes +${num(p.bytesAdded)} / −${num(p.bytesRemoved)}</li>`);
  if (p.mostEditedSections.length > 0) {
    const top = p.mostEditedSections
      .slice(0, 5)
      .map((s) => `${s.title === '' ? '<i>(lead)</i>' : feedText(s.title)} (${s.edits})`);
    out.push(`<li>Most edited sections: ${top.join(', ')}</li>`);
  }
  if (p.reverts.length > 0)
    out.push(
      `<li>Reverts: ${p.reverts.map((id) => `<a href="#r${id}">r${id}</a>`).join(', ')}</li>`,
    );
  for (const m of p.moves)
    out.push(
      `<li>Moved from ${feedText(m.from)} to ${feedText(m.to)} (${time(m.timestamp, tz)})</li>`,
    );
  out.push(
    p.complete
      ? '<li>History complete: the feeds prove no revision is missing</li>'
      : `<li>History may be incomplete: ${p.gaps.length} gap${p.gaps.length === 1 ? '' : 's'} where revisions may be missing</li>`,
  );
  out.push('</ul>', authorshipHtml(p.authorship));
  for (const r of [...p.revisions].reverse()) out.push(revisionHtml(r, report, diffs));
  return out.join('\n');
}

function refList(refs: readonly RevisionRef[], tz: string): string {
  const items = refs.map((r) => {
    const comment = r.comment === null || r.comment === '' ? '' : ` — ${feedText(r.comment)}`;
    return `<li><a href="#r${r.id}">r${r.id}</a> ${feedText(r.pageTitle)}, ${user(r.user)}, ${time(r.timestamp, tz)}: ${signed(r.sizeChange)} bytes${comment}</li>`;
  });
  return `<ul>${items.join('')}</ul>`;
}

/**
 * Renders a report as one self-contained HTML file: inline CSS and SVG, no script, no external
 * request (a Content-Security-Policy says so to the browser), every piece of feed content escaped;
 * diffs with word-level highlights and moved blocks; media queries for phones and print.
 *
 * @param report - From `analyzeHistory`.
 * @param options - See {@link RenderHtmlOptions}.
 * @returns The HTML document, ending in a newline.
 * @example
 * ```ts
 * renderHtml(report).startsWith('<!DOCTYPE html>') // true
 * ```
 */
export function renderHtml(report: HistoryReport, options: RenderHtmlOptions = {}): string {
  const tz = report.timeZone;
  const diffs = options.diffs ?? true;
  const title = options.title ?? 'Revision report';
  const t = report.totals;
  const body: string[] = [`<h1>${feedText(title)}</h1>`];
  const span =
    t.firstEdit === null ? '' : `, ${time(t.firstEdit, tz)} to ${time(t.lastEdit, tz)} (${e(tz)})`;
  body.push(
    `<p>${t.revisions} revision${t.revisions === 1 ? '' : 's'} on ${t.pages} page${t.pages === 1 ? '' : 's'} by ${t.users} user${t.users === 1 ? '' : 's'}${span}. Bytes +${num(t.bytesAdded)} / −${num(t.bytesRemoved)}; texts known for ${t.textsKnown} of ${t.revisions}.</p>`,
  );
  const f = report.filters;
  const filters = [
    f.pages === null ? null : `pages ${f.pages.map(feedText).join(', ')}`,
    f.users === null ? null : `users ${f.users.map(feedText).join(', ')}`,
    f.since === null ? null : `since ${feedText(f.since)}`,
    f.until === null ? null : `until ${feedText(f.until)}`,
  ].filter((x) => x !== null);
  if (filters.length > 0) body.push(`<p class="muted">Filtered: ${filters.join('; ')}.</p>`);
  if (report.generatedAt !== null)
    body.push(`<p class="muted">Generated ${e(report.generatedAt)}.</p>`);
  if (report.timeline.length > 0) {
    body.push(
      `<h2>Timeline (per ${report.period})</h2>`,
      timelineSvg(report.timeline, report.period),
    );
  }
  if (report.topEditorsByEdits.length > 0) {
    body.push(
      '<h2>Top editors</h2><table><thead><tr><th>user</th><th class="n">edits</th><th class="n">bytes added</th></tr></thead><tbody>',
    );
    for (const u of report.topEditorsByEdits)
      body.push(
        `<tr><td>${feedText(u.user)}</td><td class="n">${u.edits}</td><td class="n">${num(u.bytesAdded)}</td></tr>`,
      );
    body.push('</tbody></table>');
  }
  if (report.largestAdditions.length > 0)
    body.push('<h2>Largest additions</h2>', refList(report.largestAdditions, tz));
  if (report.largestRemovals.length > 0)
    body.push('<h2>Largest removals</h2>', refList(report.largestRemovals, tz));
  if (report.autocommentMismatches.length > 0)
    body.push(
      '<h2>Summaries naming a section that did not change</h2>',
      refList(report.autocommentMismatches, tz),
    );
  if (report.users.length > 0) {
    body.push(
      '<h2>Users</h2><table><thead><tr><th>user</th><th class="n">edits</th><th class="n">pages</th><th class="n">bytes added</th><th class="n">bytes removed</th><th>first edit</th><th>last edit</th></tr></thead><tbody>',
    );
    for (const u of report.users) {
      body.push(
        `<tr><td>${feedText(u.user)}</td><td class="n">${u.edits}</td><td class="n">${u.pages.length}</td><td class="n">${num(u.bytesAdded)}</td><td class="n">${num(u.bytesRemoved)}</td><td>${time(u.firstEdit, tz)}</td><td>${time(u.lastEdit, tz)}</td></tr>`,
      );
    }
    body.push('</tbody></table>');
  }
  body.push('<h2>Pages</h2>');
  for (const p of report.pages) body.push(pageHtml(p, report, diffs));
  if (report.diagnostics.length > 0) {
    body.push('<h2>Diagnostics</h2><ul>');
    for (const d of report.diagnostics)
      body.push(`<li>${e(d.severity)} <code>${e(d.code)}</code>: ${feedText(d.message)}</li>`);
    body.push('</ul>');
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="wikirev">
<title>${e(isolateBidi(title))}</title>
<style>${CSS}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
