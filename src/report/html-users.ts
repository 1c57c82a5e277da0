/**
 * The HTML report's one users table (it replaces the former "Top editors" list, which repeated
 * it): edits, minor and bot edits where known, pages, bytes, reverts done and suffered, first
 * and last edit, each user linked to
 * their user page and contributions. Sortable by a click on a heading (the report's script);
 * the order without it is the report's, most edits first.
 */

import type { HistoryReport } from './history-report.js';
import { num } from './html-charts.js';
import { type HtmlLinks, link } from './html-links.js';

/** Reverts one user made and suffered, counted on the report's revisions. */
function revertCounts(report: HistoryReport): Map<string, { done: number; suffered: number }> {
  const counts = new Map<string, { done: number; suffered: number }>();
  const of = (user: string) => {
    const c = counts.get(user) ?? { done: 0, suffered: 0 };
    counts.set(user, c);
    return c;
  };
  for (const p of report.pages)
    for (const r of p.revisions) {
      if (r.user === null) continue;
      if (r.revert !== null) of(r.user).done++;
      if (r.revertedBy.length > 0) of(r.user).suffered++;
    }
  return counts;
}

/**
 * The users table.
 *
 * @param report - The report.
 * @param links - Links to the wiki.
 * @param text - Renders feed text (escaped, isolated).
 * @param time - Renders a time.
 * @returns The table, wrapped to scroll sideways on narrow screens.
 */
export function usersTable(
  report: HistoryReport,
  links: HtmlLinks,
  text: (s: string) => string,
  time: (iso: string | null) => string,
): string {
  const reverts = revertCounts(report);
  const n = (v: number, shown = num(v)) => `<td class="n" data-v="${v}">${shown}</td>`;
  // Minor and bot columns only where some source gave the flags (feeds never do), as in Markdown.
  const minor = report.totals.minorKnown > 0;
  const bot = report.totals.botKnown > 0;
  const rows = report.users.map((u) => {
    const c = reverts.get(u.user) ?? { done: 0, suffered: 0 };
    const contribs = links.contributions(u.user);
    const name = `${link(links.user(u.user), text(u.user))}${contribs === null ? '' : ` ${link(contribs, 'contribs', 'muted')}`}`;
    return `<tr><td>${name}</td>${n(u.edits)}${minor ? n(u.minorEdits) : ''}${bot ? n(u.botEdits) : ''}${n(u.pages.length)}${n(u.bytesAdded, u.bytesAdded === 0 ? '0' : `+${num(u.bytesAdded)}`)}${n(u.bytesRemoved, u.bytesRemoved === 0 ? '0' : `−${num(u.bytesRemoved)}`)}${n(c.done)}${n(c.suffered)}<td data-v="${u.firstEdit ?? ''}">${time(u.firstEdit)}</td><td data-v="${u.lastEdit ?? ''}">${time(u.lastEdit)}</td></tr>`;
  });
  const head = [
    ['user', ''],
    ['edits', 'n'],
    ...(minor ? [['minor edits', 'n']] : []),
    ...(bot ? [['bot edits', 'n']] : []),
    ['pages', 'n'],
    ['bytes added', 'n'],
    ['bytes removed', 'n'],
    ['reverts done', 'n'],
    ['reverted', 'n'],
    ['first edit', ''],
    ['last edit', ''],
  ]
    .map(
      ([label, cls], k) =>
        `<th${cls === '' ? '' : ` class="${cls}"`}${k === 1 ? ' aria-sort="descending"' : ''}><button type="button">${label}</button></th>`,
    )
    .join('');
  return `<div class="scroll"><table class="sortable users"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}
