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
import { markdownTable } from './markdown-table.js';

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

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;
const ENTITY = /^&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{0,31});/;

/** A run of `*`, `_` or `~`: where it is, and whether it could open or close. */
interface Run {
  readonly start: number;
  readonly end: number;
  readonly opens: boolean;
  readonly closes: boolean;
}

/**
 * The delimiter runs of a text with CommonMark's flanking rules (6.2; `_` not inside a word).
 * The text is written after a space or at a line start, and is followed by a space, punctuation
 * or a line end: the unknown neighbour outside it is taken as the one that makes a run more
 * likely to open or close. GitHub's strikethrough extension makes cmark-gfm look past `~`s for
 * the neighbours of a run (its `skip_chars`: `a~_b_` is no emphasis, `a*~~b*` is).
 */
function delimiterRuns(text: string): Run[] {
  const runs: Run[] = [];
  for (const m of text.matchAll(/\*+|_+|~+/g)) {
    const start = m.index;
    const end = start + m[0].length;
    const kind = m[0][0];
    const punct = (c: string | undefined) => c !== undefined && PUNCTUATION.test(c);
    const loose = (c: string | undefined) => c === undefined || SPACE.test(c) || punct(c);
    let b = start - 1;
    while (text[b] === '~') b--;
    let a = end;
    while (text[a] === '~') a++;
    const before = text[b];
    const after = text[a];
    const left = after !== undefined && !SPACE.test(after) && (!punct(after) || loose(before));
    const right = before !== undefined && !SPACE.test(before) && (!punct(before) || loose(after));
    runs.push({
      start,
      end,
      opens: kind === '_' ? left && (!right || punct(before)) : left,
      closes: kind === '_' ? right && (!left || loose(after)) : right,
    });
  }
  return runs;
}

/**
 * GitHub links `@user` and `#12`/`GH-12` after rendering, in each HTML text node outside
 * `pre`, `code` and `a` (the mention pattern: `@` after a non-word character, then a letter or
 * digit; issues: `#` or `gh-` before digits). A backslash cannot stop it, as the text node still
 * reads `@user`; an empty `<wbr>` after the `@`, `#` or `gh-` splits the text node, shows
 * nothing and is kept by GitHub's sanitizer.
 */
const WORD = /[A-Za-z0-9_]/;
const GH = /(?:^|[^A-Za-z0-9_])gh$/i;

/** Markers that start a block when they begin a line: list items, headings, quotes, breaks. */
const BLOCK_START =
  /^([ \t]*)(?:([-+*])(?=[ \t]|$)|(\d{1,9})([.)])(?=[ \t]|$)|(#{1,6})(?=[ \t]|$)|(>)|(~)(?=~~)|(\[)(?=[ xX]\][ \t])|([-*_=])(?=[-*_= \t]*$))/;

/**
 * Feed text inside Markdown prose, escaped where GitHub-flavoured Markdown would read it as
 * markup and nowhere else: `/* Section *\/`, `snake_case`, `[[Link]]`, `a < b` and `Tom & Jerry`
 * stay as typed, while what could open emphasis, strikethrough, a code span, a link (`](`), raw
 * HTML or an autolink (`<` before a letter), an entity reference, or a block (a list marker,
 * `#`, `>` at the start; a closing `#` run at the end) gets a backslash. Line breaks (a lone
 * carriage return is one in CommonMark) become spaces; right-to-left text and bidi controls are
 * isolated (FSI…PDI), so they cannot reorder what surrounds them. `@user`, `#12` and `GH-12`
 * get an invisible `<wbr>` so that GitHub does not turn them into mentions and issue links.
 * Checked against GitHub's own renderer (cmark-gfm) and its mention and issue patterns in
 * test/report-escaping.test.ts.
 *
 * @param text - A title, user name, summary.
 * @returns The text, safe in Markdown prose, headings and (with `|` escaped) table cells.
 * @example
 * ```ts
 * escapeMarkdown('X <img src=x> Y') // 'X \\<img src=x> Y'
 * escapeMarkdown('/* History *\/ fix [[Foo]]') // '/* History *\/ fix [[Foo]]'
 * escapeMarkdown('thanks @alice, see #12') // 'thanks @<wbr>alice, see #<wbr>12'
 * ```
 */
export function escapeMarkdown(text: string): string {
  const s = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  let out = '';
  let k = 0;
  // A block marker at the start: the ordered-list `.`/`)`, else the marker's first character.
  let marker = -1;
  const start = BLOCK_START.exec(s);
  if (start !== null) {
    const lead = start[1] ?? '';
    if (start[3] !== undefined) {
      out = `${lead}${start[3]}\\${start[4]}`;
      k = out.length - 1;
    } else {
      marker = lead.length;
    }
  }
  // A closing sequence of `#`s ends an ATX heading's text; it would vanish from a heading.
  const closing = /(?:^|[ \t])(#+)[ \t]*$/.exec(s);
  const closingAt = closing === null ? -1 : closing.index + closing[0].indexOf('#');
  const runs = delimiterRuns(s);
  while (k < s.length) {
    const c = s[k]!;
    const next = s[k + 1];
    switch (c) {
      case '*':
      case '_':
      case '~': {
        const run = runs.find((r) => r.start === k)!;
        const text = s.slice(k, run.end);
        // Emphasis needs an opener and a later closer: escaping the opener of each such pair
        // is enough, and leaves `/* Section */` and a lone `a*` alone.
        const paired = run.opens && runs.some((r) => r.start > k && r.closes && s[r.start] === c);
        out += paired || k === marker ? text.replace(/./g, '\\$&') : text;
        k = run.end;
        continue;
      }
      case '`':
        out += '\\`';
        break;
      case '\\':
        out += next === undefined || ASCII_PUNCTUATION.test(next) ? '\\\\' : c;
        break;
      case '<':
        out += next === undefined || /[A-Za-z/!?]/.test(next) ? '\\<' : c;
        break;
      case ']':
        out += next === undefined || next === '(' || next === '[' || next === ':' ? '\\]' : c;
        break;
      case '&':
        out += ENTITY.test(s.slice(k, k + 40)) ? '\\&' : c;
        break;
      case '#':
        out += k === closingAt || k === marker ? '\\#' : c;
        // `#12`, `user#12`, `owner/repo#12` link issues on GitHub (see `WORD`).
        if (next !== undefined && /[0-9]/.test(next)) out += '<wbr>';
        break;
      case '@':
        out += c;
        if (next !== undefined && /[A-Za-z0-9]/.test(next) && !WORD.test(s[k - 1] ?? ' '))
          out += '<wbr>';
        break;
      default:
        out += k === marker ? `\\${c}` : c;
        if (c === '-' && next !== undefined && /[0-9]/.test(next) && GH.test(s.slice(0, k)))
          out += '<wbr>';
    }
    k++;
  }
  return isolateBidi(out);
}

/** Feed text in a table cell: {@link escapeMarkdown}, and `|` (which GFM splits cells on). */
function cell(text: string): string {
  return escapeMarkdown(text).replace(/\|/g, '\\|');
}

const count = (n: number) => n.toLocaleString('en-US');

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

/** Minor and bot edit counts, where some revisions had the flags. */
function flagCounts(t: HistoryReport['totals']): string {
  const part = (n: number, known: number, what: string) =>
    known === 0
      ? ''
      : ` ${count(n)} ${what} edit${n === 1 ? '' : 's'} (the flag known for ${count(known)} of ${count(t.revisions)}).`;
  return part(t.minorEdits, t.minorKnown, 'minor') + part(t.botEdits, t.botKnown, 'bot');
}

/** `first to last`, or one time when both read the same. */
function span(first: string | null, last: string | null, tz: string): string {
  const [a, b] = [time(first, tz), time(last, tz)];
  return a === b ? a : `${a} to ${b}`;
}

function user(name: string | null): string {
  return name === null ? '*(hidden)*' : escapeMarkdown(name);
}

/** A user name in a table cell: `|` escaped too, so that it cannot add a cell. */
function cellUser(name: string | null): string {
  return name === null ? user(name) : cell(name);
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
  if (r.minor === true) facts.push('minor edit');
  if (r.bot === true) facts.push('bot edit');
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

/**
 * Whether a page's history is complete, worded for 0, 1 and n gaps: with no gap found the
 * history may still lack its newest revisions (only a history feed or the API proves those).
 *
 * @example
 * ```ts
 * historySummary({ complete: false, gaps: [{ after: 4, before: 7, missing: 2 }] })
 * // 'History incomplete: 2 revisions missing (1 place)'
 * ```
 */
export function historySummary(p: Pick<PageReport, 'complete' | 'gaps'>): string {
  if (p.complete) return 'History complete: the sources prove no revision is missing';
  if (p.gaps.length === 0) {
    return 'History may be incomplete: no gap between the revisions shown, but newer ones may exist';
  }
  const places = `${count(p.gaps.length)} place${p.gaps.length === 1 ? '' : 's'}`;
  let missing: number | null = 0;
  for (const g of p.gaps)
    missing = g.missing === null || missing === null ? null : missing + g.missing;
  if (missing === null) return `History may be incomplete: revisions may be missing in ${places}`;
  return `History incomplete: ${count(missing)} revision${missing === 1 ? '' : 's'} missing (${places})`;
}

function pageBlock(p: PageReport, report: HistoryReport, diffs: boolean): string[] {
  const tz = report.timeZone;
  const out = [`### ${escapeMarkdown(p.title)}`, ''];
  out.push(
    `- ${p.revisions.length} revision${p.revisions.length === 1 ? '' : 's'} by ${p.editors.map(user).join(', ') || 'hidden users'}, ${span(p.firstEdit, p.lastEdit, tz)}`,
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
  out.push(`- ${historySummary(p)}`);
  out.push('', ...authorshipMarkdown(p.authorship, cellUser));
  // Line by line, not `push(...lines)`: a spread of a page's lines overflows the stack.
  for (const r of [...p.revisions].reverse())
    for (const l of revisionBlock(r, report, diffs)) out.push(l);
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
  const when = t.firstEdit === null ? '' : `, ${span(t.firstEdit, t.lastEdit, tz)} (${tz})`;
  out.push(
    `${t.revisions} revision${t.revisions === 1 ? '' : 's'} on ${t.pages} page${t.pages === 1 ? '' : 's'} by ${t.users} user${t.users === 1 ? '' : 's'}${when}. Bytes +${t.bytesAdded.toLocaleString('en-US')} / −${t.bytesRemoved.toLocaleString('en-US')}; texts known for ${t.textsKnown} of ${t.revisions}.${flagCounts(t)}`,
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

  // Minor and bot columns only where some source gave the flags (feeds never do).
  const minor = t.minorKnown > 0;
  const bot = t.botKnown > 0;
  const flagHeads = [...(minor ? ['minor'] : []), ...(bot ? ['bot'] : [])];
  const flagAlign = flagHeads.map(() => 'r' as const);
  const flags = (x: { readonly minorEdits: number; readonly botEdits: number }) => [
    ...(minor ? [count(x.minorEdits)] : []),
    ...(bot ? [count(x.botEdits)] : []),
  ];
  if (report.timeline.length > 0) {
    out.push(`## Timeline (per ${report.period})`, '');
    out.push(
      ...markdownTable(
        [report.period, 'edits', ...flagHeads, 'bytes added', 'bytes removed'],
        ['l', 'r', ...flagAlign, 'r', 'r'],
        report.timeline.map((p) => [
          p.label,
          count(p.edits),
          ...flags(p),
          count(p.bytesAdded),
          count(p.bytesRemoved),
        ]),
      ),
      '',
    );
  }
  if (report.largestAdditions.length > 0) {
    out.push('## Largest additions', '');
    for (const r of report.largestAdditions) out.push(refLine(r, tz));
    out.push('');
  }
  if (report.largestRemovals.length > 0) {
    out.push('## Largest removals', '');
    for (const r of report.largestRemovals) out.push(refLine(r, tz));
    out.push('');
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
    const shown = report.users.slice(0, Math.max(report.top, 1));
    const more = report.users.length - shown.length;
    out.push(
      more > 0
        ? `## Users (top ${count(shown.length)} of ${count(report.users.length)})`
        : '## Users',
      '',
    );
    out.push(
      ...markdownTable(
        [
          'user',
          'edits',
          ...flagHeads,
          'pages',
          'bytes added',
          'bytes removed',
          'first edit',
          'last edit',
        ],
        ['l', 'r', ...flagAlign, 'r', 'r', 'r', 'l', 'l'],
        shown.map((u) => [
          cell(u.user),
          count(u.edits),
          ...flags(u),
          count(u.pages.length),
          count(u.bytesAdded),
          count(u.bytesRemoved),
          time(u.firstEdit, tz),
          time(u.lastEdit, tz),
        ]),
      ),
      '',
    );
    if (report.topEditorsByBytes.length > 0) {
      const list = report.topEditorsByBytes.map(
        (e) => `${escapeMarkdown(e.user)} (${count(e.bytesAdded)})`,
      );
      out.push(`Most bytes added: ${list.join(', ')}.`, '');
    }
  }
  out.push('## Pages', '');
  for (const p of report.pages) for (const l of pageBlock(p, report, diffs)) out.push(l);
  if (report.diagnostics.length > 0) {
    out.push('## Diagnostics', '');
    for (const d of report.diagnostics)
      out.push(`- ${d.severity} \`${d.code}\`: ${escapeMarkdown(d.message)}`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
