/**
 * The Markdown report: GitHub-flavoured, for a ticket or a code host; diffs in `diff` fences.
 */
import { authorshipMarkdown } from './authorship-markdown.js';
import { displayTime } from './dates.js';
import type {
  HistoryReport,
  PageReport,
  ReportDiff,
  RevisionRef,
  RevisionReport,
} from './history-report.js';
import { isolateBidi } from './isolate-bidi.js';

/** Options of {@link renderMarkdown}. */
export interface RenderMarkdownOptions {
  /**
   * The report's heading.
   * @default 'Revision report'
   */
  readonly title?: string;
  /**
   * Show each revision's diff in a `diff` fence.
   * @default true
   */
  readonly diffs?: boolean;
}

/**
 * Feed text inside Markdown prose: every character GFM could read as markup (emphasis, links,
 * tables, raw HTML, entity references) is backslash-escaped, and line breaks (a lone carriage
 * return is one in CommonMark) become spaces, so a summary like `<script>` or
 * `[x](javascript:…)` shows as typed; right-to-left text and bidi controls are isolated
 * (FSI…PDI), so they cannot reorder what surrounds them.
 *
 * @param text - A title, user name, summary.
 * @returns The text, safe in Markdown prose, headings and table cells.
 * @example
 * ```ts
 * escapeMarkdown('X <img src=x> Y') // 'X \\<img src=x\\> Y'
 * ```
 */
export function escapeMarkdown(text: string): string {
  return isolateBidi(text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>#|~&]/g, '\\$&'));
}

/** A fence longer than any backtick run in the content, so the content cannot close it. */
function fence(content: string): string {
  let longest = 0;
  for (const m of content.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

function signed(n: number | null, unit: string): string {
  if (n === null) return '?';
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toLocaleString('en-US')}${unit}`;
}

function time(iso: string | null, tz: string): string {
  return iso === null ? 'unknown time' : displayTime(iso, tz);
}

function user(name: string | null): string {
  return name === null ? '*(hidden)*' : escapeMarkdown(name);
}

/** Unified-diff lines of a report diff (no file header: the revision heading says what it is). */
function diffBody(diff: ReportDiff): string {
  const out: string[] = [];
  for (const h of diff.hunks) {
    out.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    for (const l of h.lines) {
      const prefix = l.kind === 'context' ? ' ' : l.kind === 'deleted' ? '-' : '+';
      out.push(prefix + l.text);
    }
  }
  if (diff.truncated) out.push('# … diff cut here (maxDiffLines)');
  return out.join('\n');
}

function refLine(r: RevisionRef, tz: string): string {
  const comment = r.comment === null || r.comment === '' ? '' : ` — ${escapeMarkdown(r.comment)}`;
  return `- [r${r.id}](#r${r.id}) ${escapeMarkdown(r.pageTitle)}, ${user(r.user)}, ${time(r.timestamp, tz)}: ${signed(r.sizeChange, ' bytes')}${comment}`;
}

function sectionList(r: RevisionReport): string {
  if (r.sections === null)
    return r.textKnown ? 'not compared (no earlier text known)' : 'unknown (text not known)';
  if (r.sections.length === 0) return 'none';
  return r.sections
    .map((s) => {
      const name =
        s.kind === 'renamed'
          ? `${escapeMarkdown(s.oldTitle ?? '')} → ${escapeMarkdown(s.newTitle ?? '')}`
          : escapeMarkdown(s.newTitle ?? s.oldTitle ?? '') || '(lead)';
      return `${name} (${s.kind}, +${s.linesAdded}/−${s.linesRemoved})`;
    })
    .join('; ');
}

function revisionBlock(r: RevisionReport, report: HistoryReport, diffs: boolean): string[] {
  const tz = report.timeZone;
  const out: string[] = [];
  const lines = r.linesAdded === null ? '' : ` · +${r.linesAdded}/−${r.linesRemoved ?? 0} lines`;
  out.push(
    `#### <a id="r${r.id}"></a>r${r.id} · ${time(r.timestamp, tz)} · ${user(r.user)} · ${signed(r.sizeChange, ' bytes')}${lines}`,
  );
  out.push('');
  if (r.comment !== null && r.comment !== '') out.push(`> ${escapeMarkdown(r.comment)}`, '');
  const facts: string[] = [];
  facts.push(`size ${r.size === null ? 'unknown' : `${r.size.toLocaleString('en-US')} bytes`}`);
  if (r.created) facts.push('page created');
  else if (r.base !== null && !r.baseIsParent)
    facts.push(`compared with r${r.base}, the previous revision shown (parent unknown)`);
  else if (r.base === null) facts.push('no earlier revision known');
  if (!r.textKnown) facts.push('text not known');
  out.push(`- ${facts.join(' · ')}`);
  out.push(`- Sections: ${sectionList(r)}`);
  if (r.autocomment !== null && r.autocomment !== 'no-claim')
    out.push(`- Autocomment: ${r.autocomment}`);
  if (r.revert !== null) {
    const restores = r.revert.restores === null ? '' : `, restores r${r.revert.restores}`;
    const undone = r.revert.reverted.map((id) => `r${id}`).join(', ');
    out.push(`- Revert (${r.revert.kind}${restores})${undone === '' ? '' : `: undoes ${undone}`}`);
  }
  if (r.revertedBy.length > 0)
    out.push(`- Reverted by ${r.revertedBy.map((id) => `[r${id}](#r${id})`).join(', ')}`);
  out.push('');
  if (diffs && r.diff !== null && r.diff.hunks.length > 0) {
    const body = diffBody(r.diff);
    const f = fence(body);
    out.push(`${f}diff`, body, f, '');
  }
  return out;
}

function pageBlock(p: PageReport, report: HistoryReport, diffs: boolean): string[] {
  const tz = report.timeZone;
  const out = [`### ${escapeMarkdown(p.title)}`, ''];
  out.push(
    `- ${p.revisions.length} revision${p.revisions.length === 1 ? '' : 's'} by ${p.editors.map(user).join(', ') || 'hidden users'}, ${time(p.firstEdit, tz)} to ${time(p.lastEdit, tz)}`,
  );
  out.push(
    `- Bytes: +${p.bytesAdded.toLocaleString('en-US')} / −${p.bytesRemoved.toLocaleString('en-US')}`,
  );
  if (p.mostEditedSections.length > 0) {
    const top = p.mostEditedSections
      .slice(0, 5)
      .map((s) => `${escapeMarkdown(s.title) || '(lead)'} (${s.edits})`);
    out.push(`- Most edited sections: ${top.join(', ')}`);
  }
  if (p.reverts.length > 0) out.push(`- Reverts: ${p.reverts.map((id) => `r${id}`).join(', ')}`);
  for (const m of p.moves)
    out.push(
      `- Moved from ${escapeMarkdown(m.from)} to ${escapeMarkdown(m.to)} (${time(m.timestamp, tz)})`,
    );
  out.push(
    p.complete
      ? '- History complete: the feeds prove no revision is missing'
      : `- History may be incomplete: ${p.gaps.length} gap${p.gaps.length === 1 ? '' : 's'} where revisions may be missing`,
  );
  out.push('', ...authorshipMarkdown(p.authorship, user));
  for (const r of [...p.revisions].reverse()) out.push(...revisionBlock(r, report, diffs));
  return out;
}

/**
 * Renders a report as GitHub-flavoured Markdown: summary, timeline, rankings, users, then each
 * page with its revisions (newest first) and their diffs in `diff` fences. Feed text in prose is
 * escaped so that it shows as typed.
 *
 * @param report - From `analyzeHistory`.
 * @param options - See {@link RenderMarkdownOptions}.
 * @returns The Markdown document, ending in a newline.
 * @example
 * ```ts
 * renderMarkdown(report).split('\n')[0] // '# Revision report'
 * ```
 */
export function renderMarkdown(report: HistoryReport, options: RenderMarkdownOptions = {}): string {
  const tz = report.timeZone;
  const diffs = options.diffs ?? true;
  const t = report.totals;
  const out: string[] = [`# ${escapeMarkdown(options.title ?? 'Revision report')}`, ''];
  const span =
    t.firstEdit === null ? '' : `, ${time(t.firstEdit, tz)} to ${time(t.lastEdit, tz)} (${tz})`;
  out.push(
    `${t.revisions} revision${t.revisions === 1 ? '' : 's'} on ${t.pages} page${t.pages === 1 ? '' : 's'} by ${t.users} user${t.users === 1 ? '' : 's'}${span}. Bytes +${t.bytesAdded.toLocaleString('en-US')} / −${t.bytesRemoved.toLocaleString('en-US')}; texts known for ${t.textsKnown} of ${t.revisions}.`,
  );
  const f = report.filters;
  const filters = [
    f.pages === null ? null : `pages ${f.pages.map(escapeMarkdown).join(', ')}`,
    f.users === null ? null : `users ${f.users.map(escapeMarkdown).join(', ')}`,
    f.since === null ? null : `since ${escapeMarkdown(f.since)}`,
    f.until === null ? null : `until ${escapeMarkdown(f.until)}`,
  ].filter((x) => x !== null);
  if (filters.length > 0) out.push('', `Filtered: ${filters.join('; ')}.`);
  if (report.generatedAt !== null) out.push('', `Generated ${report.generatedAt}.`);
  out.push('');

  if (report.timeline.length > 0) {
    out.push(`## Timeline (per ${report.period})`, '');
    out.push(
      `| ${report.period} | edits | bytes added | bytes removed |`,
      '| --- | ---: | ---: | ---: |',
    );
    for (const p of report.timeline)
      out.push(`| ${p.label} | ${p.edits} | ${p.bytesAdded} | ${p.bytesRemoved} |`);
    out.push('');
  }
  if (report.topEditorsByEdits.length > 0) {
    out.push('## Top editors', '', '| user | edits | bytes added |', '| --- | ---: | ---: |');
    for (const e of report.topEditorsByEdits)
      out.push(`| ${escapeMarkdown(e.user)} | ${e.edits} | ${e.bytesAdded} |`);
    out.push('');
    if (report.topEditorsByBytes.length > 0) {
      const list = report.topEditorsByBytes.map(
        (e) => `${escapeMarkdown(e.user)} (${e.bytesAdded})`,
      );
      out.push(`By bytes added: ${list.join(', ')}.`, '');
    }
  }
  if (report.largestAdditions.length > 0) {
    out.push('## Largest additions', '', ...report.largestAdditions.map((r) => refLine(r, tz)), '');
  }
  if (report.largestRemovals.length > 0) {
    out.push('## Largest removals', '', ...report.largestRemovals.map((r) => refLine(r, tz)), '');
  }
  if (report.autocommentMismatches.length > 0) {
    out.push(
      '## Summaries naming a section that did not change',
      '',
      ...report.autocommentMismatches.map((r) => refLine(r, tz)),
      '',
    );
  }
  if (report.users.length > 0) {
    out.push(
      '## Users',
      '',
      '| user | edits | pages | bytes added | bytes removed | first edit | last edit |',
    );
    out.push('| --- | ---: | ---: | ---: | ---: | --- | --- |');
    for (const u of report.users) {
      out.push(
        `| ${escapeMarkdown(u.user)} | ${u.edits} | ${u.pages.length} | ${u.bytesAdded} | ${u.bytesRemoved} | ${time(u.firstEdit, tz)} | ${time(u.lastEdit, tz)} |`,
      );
    }
    out.push('');
  }
  out.push('## Pages', '');
  for (const p of report.pages) out.push(...pageBlock(p, report, diffs));
  if (report.diagnostics.length > 0) {
    out.push('## Diagnostics', '');
    for (const d of report.diagnostics)
      out.push(`- ${d.severity} \`${d.code}\`: ${escapeMarkdown(d.message)}`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
