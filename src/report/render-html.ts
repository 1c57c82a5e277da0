/**
 * The HTML report: one self-contained file (inline CSS, inline SVG charts, one small script
 * allowed by its hash, no external request), readable on a phone, in the dark and in print.
 * A Content-Security-Policy meta tag forbids every other script and every fetch, so even a
 * mistake in escaping could run or load nothing. The document is put together from one small
 * function per section.
 */

import { authorshipHtml } from './authorship-html.js';
import { displayTime, periodsBetween } from './dates.js';
import { escapeHtml as e } from './escape-html.js';
import type { HistoryReport, PageReport, RevisionRef, RevisionReport } from './history-report.js';
import { editsChart, num, type ShareSlice, shareChart, sizeChart } from './html-charts.js';
import { sideBySideDiff } from './html-diff.js';
import { htmlDocument } from './html-document.js';
import { type HtmlLinks, htmlLinks, link } from './html-links.js';
import { REPORT_SCRIPT, REPORT_SCRIPT_HASH } from './html-script.js';
import { REPORT_CSS } from './html-style.js';
import { usersTable } from './html-users.js';
import { isolateBidi } from './isolate-bidi.js';
import type { WikiLinks } from './wiki-links.js';

/** Options of {@link renderHtml}. */
export interface RenderHtmlOptions {
  /**
   * The document's title and heading.
   * @default 'Revision report'
   */
  readonly title?: string;
  /**
   * Show each revision's diff (collapsed, with an "expand all").
   * @default true
   */
  readonly diffs?: boolean;
  /**
   * Where the wiki's pages are (see `wikiLinksOf`): revisions, users and pages then link to
   * their permanent links, diffs, user pages, contributions and histories on the wiki.
   * @default no links to the wiki
   */
  readonly wiki?: WikiLinks | null;
  /**
   * Include the report's one small script (sorting the users table, marking every diff open
   * with "expand all"). Leave it out for a frame that may run none (`sandbox` without
   * `allow-scripts`, where the browser would log the blocked script): "expand all" still shows
   * the diffs by CSS alone.
   * @default true
   */
  readonly script?: boolean;
}

/** What every section function reads. */
interface Ctx {
  readonly report: HistoryReport;
  readonly links: HtmlLinks;
  readonly diffs: boolean;
  /** The anchor of each page, by title. */
  readonly pageIds: ReadonlyMap<string, string>;
}

/** Feed text (titles, user names, summaries): escaped, and in `<bdi>` so that right-to-left
 *  text or a bidi override in it cannot reorder the text around it. */
function feedText(text: string): string {
  return `<bdi>${e(text)}</bdi>`;
}

const plural = (n: number, word: string) => `${num(n)} ${word}${n === 1 ? '' : 's'}`;

function signed(n: number | null): string {
  if (n === null) return '?';
  return n === 0 ? '0' : `${n > 0 ? '+' : '−'}${num(Math.abs(n))}`;
}

function timeOf(ctx: Ctx) {
  return (iso: string | null): string =>
    iso === null
      ? '<span class="muted">unknown time</span>'
      : `<time datetime="${e(iso)}">${e(displayTime(iso, ctx.report.timeZone))}</time>`;
}

function userHtml(ctx: Ctx, name: string | null): string {
  if (name === null) return '<span class="muted">(hidden)</span>';
  const contribs = ctx.links.contributions(name);
  return `${link(ctx.links.user(name), feedText(name))}${contribs === null ? '' : ` <span class="muted">(${link(contribs, 'contribs')})</span>`}`;
}

const revLink = (id: number) => `<a href="#r${id}">r${id}</a>`;

/** Anchors of the pages: letters, digits and `_.-` of the title, unique in the document. */
function pageAnchors(pages: readonly PageReport[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const p of pages) {
    const base = `page-${p.title.replace(/[^\p{L}\p{N}_.-]+/gu, '_')}`;
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
    used.add(id);
    ids.set(p.title, id);
  }
  return ids;
}

function tocHtml(ctx: Ctx): string {
  const { report } = ctx;
  const pages = report.pages.map(
    (p) => `<li><a href="#${e(ctx.pageIds.get(p.title) ?? '')}">${feedText(p.title)}</a></li>`,
  );
  const parts = ['<nav class="toc" aria-label="Contents"><a href="#top">Overview</a>'];
  if (report.timeline.length > 0) parts.push('<a href="#timeline">Timeline</a>');
  if (report.users.length > 0) parts.push('<a href="#users">Users</a>');
  parts.push(`<a href="#pages">Pages</a><ol>${pages.join('')}</ol>`);
  if (report.diagnostics.length > 0) parts.push('<a href="#diagnostics">Diagnostics</a>');
  parts.push('</nav>');
  return parts.join('');
}

function overviewHtml(ctx: Ctx, title: string): string {
  const { report } = ctx;
  const time = timeOf(ctx);
  const t = report.totals;
  const out = [`<h1>${feedText(title)}</h1>`];
  const span =
    t.firstEdit === null
      ? ''
      : `<p>${time(t.firstEdit)} to ${time(t.lastEdit)} <span class="muted">(${e(report.timeZone)})</span></p>`;
  out.push(
    span,
    `<ul class="stats"><li><b>${num(t.revisions)}</b> revision${t.revisions === 1 ? '' : 's'}</li><li><b>${num(t.pages)}</b> page${t.pages === 1 ? '' : 's'}</li><li><b>${num(t.users)}</b> user${t.users === 1 ? '' : 's'}</li><li><b>${signed(t.bytesAdded)}</b> bytes added</li><li><b>${signed(-t.bytesRemoved)}</b> bytes removed</li><li><b>${num(t.textsKnown)}</b> of ${num(t.revisions)} texts known</li></ul>`,
  );
  const f = report.filters;
  const filters = [
    f.pages === null ? null : `pages ${f.pages.map(feedText).join(', ')}`,
    f.users === null ? null : `users ${f.users.map(feedText).join(', ')}`,
    f.since === null ? null : `since ${feedText(f.since)}`,
    f.until === null ? null : `until ${feedText(f.until)}`,
  ].filter((x) => x !== null);
  if (filters.length > 0) out.push(`<p class="muted">Filtered: ${filters.join('; ')}.</p>`);
  if (report.generatedAt !== null)
    out.push(`<p class="muted">Generated ${e(report.generatedAt)}.</p>`);
  return out.join('\n');
}

/** Users past the seventh share one slice. */
const SHARE_SLICES = 7;

function timelineHtml(ctx: Ctx): string {
  const { report } = ctx;
  if (report.timeline.length === 0) return '';
  const users = report.users;
  const slices: ShareSlice[] = users
    .slice(0, SHARE_SLICES)
    .map((u) => ({ name: u.user, nameHtml: feedText(u.user), edits: u.edits }));
  const others = users.slice(SHARE_SLICES).reduce((s, u) => s + u.edits, 0);
  const hidden = report.totals.revisions - users.reduce((s, u) => s + u.edits, 0);
  if (others > 0)
    slices.push({
      name: `${users.length - SHARE_SLICES} others`,
      nameHtml: `<i>${users.length - SHARE_SLICES} others</i>`,
      edits: others,
    });
  if (hidden > 0)
    slices.push({ name: 'hidden users', nameHtml: '<i>hidden users</i>', edits: hidden });
  // Past `maxPeriods` the timeline lists only the periods with edits: drawn side by side, the
  // caption must say so, or two edits years apart read as neighbours.
  const t = report.timeline;
  const gaps =
    periodsBetween(t[0]!.start, t[t.length - 1]!.start, report.period, t.length) === null
      ? `, only the ${plural(t.length, e(report.period))} with edits, side by side`
      : '';
  return `<section id="timeline"><h2>Timeline</h2><figure>${editsChart(report.timeline, report.period)}<figcaption>Edits per ${e(report.period)} (${e(report.timeZone)})${gaps}; hover a bar for its numbers.</figcaption></figure><figure>${shareChart(slices)}<figcaption>Share of edits per user.</figcaption></figure></section>`;
}

function usersHtml(ctx: Ctx): string {
  if (ctx.report.users.length === 0) return '';
  return `<section id="users"><h2>Users</h2>${usersTable(ctx.report, ctx.links, feedText, timeOf(ctx))}</section>`;
}

function refList(ctx: Ctx, heading: string, refs: readonly RevisionRef[]): string {
  if (refs.length === 0) return '';
  const time = timeOf(ctx);
  const items = refs.map((r) => {
    const comment = r.comment === null || r.comment === '' ? '' : ` — ${feedText(r.comment)}`;
    return `<li>${revLink(r.id)} ${feedText(r.pageTitle)}, ${r.user === null ? '<span class="muted">(hidden)</span>' : feedText(r.user)}, ${time(r.timestamp)}: ${signed(r.sizeChange)} bytes${comment}</li>`;
  });
  return `<h2>${heading}</h2><ul>${items.join('')}</ul>`;
}

function rankingsHtml(ctx: Ctx): string {
  const r = ctx.report;
  return [
    refList(ctx, 'Largest additions', r.largestAdditions),
    refList(ctx, 'Largest removals', r.largestRemovals),
    refList(ctx, 'Summaries naming a section that did not change', r.autocommentMismatches),
  ].join('');
}

function badgesHtml(r: RevisionReport): string {
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
    const undone = r.revert.reverted.map(revLink).join(', ');
    badges.push(
      `<span class="tag">revert (${r.revert.kind}${restores})${undone === '' ? '' : `: undoes ${undone}`}</span>`,
    );
  }
  if (r.revertedBy.length > 0)
    badges.push(`<span class="tag bad">reverted by ${r.revertedBy.map(revLink).join(', ')}</span>`);
  return `<p>${badges.join('')}</p>`;
}

/** Changed sections listed per revision; the rest are counted. */
const MAX_SECTIONS = 12;

function sectionsHtml(r: RevisionReport): string {
  if (r.sections === null) {
    return `<p class="muted">Sections: ${r.textKnown ? 'not compared (no earlier text known)' : 'unknown (text not known)'}</p>`;
  }
  // A creation adds every section: the "page created" tag says it.
  if (r.sections.length === 0 || r.created) return '';
  const items = r.sections.slice(0, MAX_SECTIONS).map((s) => {
    const name =
      s.kind === 'renamed'
        ? `${feedText(s.oldTitle ?? '')} → ${feedText(s.newTitle ?? '')}`
        : (s.newTitle ?? s.oldTitle ?? '') === ''
          ? '<i>(lead)</i>'
          : feedText(s.newTitle ?? s.oldTitle ?? '');
    return `<span>${name} <span class="muted">${s.kind}, +${s.linesAdded}/−${s.linesRemoved}</span></span>`;
  });
  const more = r.sections.length - MAX_SECTIONS;
  if (more > 0) items.push(`<span class="muted">and ${more} more</span>`);
  return `<p class="sections">Sections: ${items.join(' · ')}</p>`;
}

function revisionDiffHtml(ctx: Ctx, r: RevisionReport): string {
  if (!ctx.diffs || r.diff === null || r.diff.hunks.length === 0) return '';
  const lines =
    r.linesAdded === null ? 'Diff' : `Diff: +${r.linesAdded} / −${r.linesRemoved ?? 0} lines`;
  return `<details class="diffs"><summary>${lines}${r.created ? ' (page created)' : ''}</summary>${sideBySideDiff(r.diff, `r${r.id}-`)}</details>`;
}

function revisionHtml(ctx: Ctx, r: RevisionReport): string {
  const time = timeOf(ctx);
  const { links } = ctx;
  const permalink = link(links.permalink(r.pageTitle, r.id), `r${r.id}`);
  const wikiDiff = r.created ? null : links.diff(r.pageTitle, r.id);
  const lines = r.linesAdded === null ? '' : ` · +${r.linesAdded}/−${r.linesRemoved ?? 0} lines`;
  const out = [
    `<section class="rev" id="r${r.id}">`,
    `<h4 class="rev-head"><span class="id">${permalink}</span><a class="self" href="#r${r.id}" aria-label="link to this revision">#</a> · ${time(r.timestamp)} · ${userHtml(ctx, r.user)} · ${signed(r.sizeChange)} bytes${lines}${wikiDiff === null ? '' : ` · ${link(wikiDiff, 'diff on the wiki')}`}</h4>`,
  ];
  if (r.comment !== null && r.comment !== '')
    out.push(`<blockquote>${feedText(r.comment)}</blockquote>`);
  out.push(badgesHtml(r), sectionsHtml(r), revisionDiffHtml(ctx, r), '</section>');
  return out.join('');
}

function pageFactsHtml(ctx: Ctx, p: PageReport): string {
  const time = timeOf(ctx);
  const facts = [
    `<span>${plural(p.revisions.length, 'revision')}</span>`,
    `<span>${time(p.firstEdit)} → ${time(p.lastEdit)}</span>`,
    `<span>bytes +${num(p.bytesAdded)} / −${num(p.bytesRemoved)}</span>`,
  ];
  const last = p.revisions[p.revisions.length - 1];
  if (last?.size != null) facts.push(`<span>now ${num(last.size)} bytes</span>`);
  facts.push(
    p.complete
      ? '<span>history complete</span>'
      : `<span class="bad">may be incomplete: ${plural(p.gaps.length, 'gap')}</span>`,
  );
  const history = ctx.links.history(p.title);
  if (history !== null) facts.push(link(history, 'history on the wiki'));
  const out = [`<p class="facts">${facts.join('')}</p>`];
  out.push(
    `<p class="note">Editors: ${p.editors.map((u) => feedText(u)).join(', ') || 'hidden users'}</p>`,
  );
  if (p.mostEditedSections.length > 0) {
    const top = p.mostEditedSections
      .slice(0, 5)
      .map((s) => `${s.title === '' ? '<i>(lead)</i>' : feedText(s.title)} (${s.edits})`);
    out.push(`<p class="note">Most edited sections: ${top.join(', ')}</p>`);
  }
  if (p.reverts.length > 0)
    out.push(`<p class="note">Reverts: ${p.reverts.map(revLink).join(', ')}</p>`);
  for (const m of p.moves)
    out.push(
      `<p class="note">Moved from ${feedText(m.from)} to ${feedText(m.to)} (${time(m.timestamp)})</p>`,
    );
  return out.join('');
}

function pageSizeHtml(ctx: Ctx, p: PageReport): string {
  const points = p.revisions.flatMap((r) =>
    r.size === null || r.timestamp === null
      ? []
      : [{ id: r.id, timestamp: r.timestamp, size: r.size }],
  );
  if (points.length === 0) return '';
  return `<figure>${sizeChart(points, ctx.report.timeZone)}<figcaption>Page size in bytes, per revision.</figcaption></figure>`;
}

function pageHtml(ctx: Ctx, p: PageReport): string {
  const id = e(ctx.pageIds.get(p.title) ?? '');
  const card = [
    `<div class="card"><h3>${link(ctx.links.page(p.title), feedText(p.title))} <a class="self" href="#${id}" aria-label="link to this page">#</a></h3>`,
    pageFactsHtml(ctx, p),
    pageSizeHtml(ctx, p),
    authorshipHtml(p.authorship),
    '</div>',
  ];
  const revisions = [...p.revisions].reverse().map((r) => revisionHtml(ctx, r));
  return `<article class="page" id="${id}">${card.join('')}${revisions.join('')}</article>`;
}

function pagesHtml(ctx: Ctx): string {
  const expand =
    ctx.diffs && ctx.report.pages.some((p) => p.revisions.some((r) => r.diff !== null))
      ? '<label class="expand"><input type="checkbox" id="expand-all"> Expand all diffs</label>'
      : '';
  return `<section id="pages"><h2>Pages</h2>${expand}${ctx.report.pages.map((p) => pageHtml(ctx, p)).join('')}</section>`;
}

function diagnosticsHtml(ctx: Ctx): string {
  const list = ctx.report.diagnostics;
  if (list.length === 0) return '';
  const items = list.map(
    (d) => `<li>${e(d.severity)} <code>${e(d.code)}</code>: ${feedText(d.message)}</li>`,
  );
  return `<section id="diagnostics"><h2>Diagnostics</h2><ul>${items.join('')}</ul></section>`;
}

/**
 * Renders a report as one self-contained HTML file: a sticky table of contents, summary cards
 * per page, SVG charts (edits over time, page sizes, share of edits per user), one sortable
 * users table, MediaWiki-style two-column diffs collapsed under each revision, links back to
 * the wiki where its URLs are known, light and dark colours, phone and print layouts. Inline CSS
 * and SVG, one small script allowed by its hash, no external request (a Content-Security-Policy
 * says so to the browser), every piece of feed content escaped.
 *
 * @param report - From `analyzeHistory`.
 * @param options - See {@link RenderHtmlOptions}.
 * @returns The HTML document, ending in a newline.
 * @example
 * ```ts
 * renderHtml(report, { wiki: wikiLinksOf(feeds) }).startsWith('<!DOCTYPE html>') // true
 * ```
 */
export function renderHtml(report: HistoryReport, options: RenderHtmlOptions = {}): string {
  const title = options.title ?? 'Revision report';
  const script = options.script ?? true;
  const ctx: Ctx = {
    report,
    links: htmlLinks(options.wiki ?? null),
    diffs: options.diffs ?? true,
    pageIds: pageAnchors(report.pages),
  };
  const main = [
    overviewHtml(ctx, title),
    timelineHtml(ctx),
    usersHtml(ctx),
    rankingsHtml(ctx),
    pagesHtml(ctx),
    diagnosticsHtml(ctx),
  ];
  return htmlDocument({
    title: isolateBidi(title),
    css: REPORT_CSS,
    body: `<div class="layout">
${tocHtml(ctx)}
<main id="top">
${main.filter((s) => s !== '').join('\n')}
</main>
</div>`,
    ...(script ? { script: { code: REPORT_SCRIPT, hash: REPORT_SCRIPT_HASH } } : {}),
  });
}
