/**
 * The "Authorship" part of a page in the Markdown report (see `authorshipReport`).
 */
import type { AuthorshipEditorReport, AuthorshipReport } from './authorship-report.js';
import { markdownTable } from './markdown-table.js';

/** Editors listed by name; the rest are summed in one row. */
export const AUTHORSHIP_EDITORS_SHOWN = 10;

/** A share as a percentage with one decimal (`52.3 %`). */
export function percent(share: number): string {
  return `${(100 * share).toFixed(1)} %`;
}

/** The editors shown by name and the rest summed up (`null` when there is no rest). */
export function shownEditors(a: AuthorshipReport): {
  readonly shown: readonly AuthorshipEditorReport[];
  readonly rest: (AuthorshipEditorReport & { readonly count: number }) | null;
} {
  const shown = a.editors.slice(0, AUTHORSHIP_EDITORS_SHOWN);
  const others = a.editors.slice(AUTHORSHIP_EDITORS_SHOWN);
  if (others.length === 0) return { shown, rest: null };
  const sum = (f: (e: AuthorshipEditorReport) => number) => others.reduce((n, e) => n + f(e), 0);
  return {
    shown,
    rest: {
      count: others.length,
      user: null,
      tokens: sum((e) => e.tokens),
      characters: sum((e) => e.characters),
      share: sum((e) => e.share),
      added: sum((e) => e.added),
      surviving: sum((e) => e.surviving),
      removed: sum((e) => e.removed),
    },
  };
}

const num = (n: number) => n.toLocaleString('en-US');

/** The caveats under the heading: which revision, what was left out. */
export function authorshipFacts(a: AuthorshipReport): string {
  const facts = [
    `Current text (r${a.revisionId}): ${num(a.tokens)} tokens, ${num(a.characters)} characters`,
    `${num(a.revisionsAttributed)} revision${a.revisionsAttributed === 1 ? '' : 's'} attributed`,
  ];
  if (a.revisionsFlagged > 0) facts.push(`${num(a.revisionsFlagged)} flagged as vandalism`);
  if (a.revisionsWithoutText > 0) {
    facts.push(
      `${num(a.revisionsWithoutText)} without a known text (their words count for the next known revision)`,
    );
  }
  return `${facts.join('; ')}.`;
}

/**
 * The Markdown lines of a page's "Authorship" part: the facts, then a table of editors by share
 * of the current text with the tokens they added, still there and removed.
 *
 * @param a - The page's authorship, or `null` (no text known: nothing is shown).
 * @param name - Renders a user name safely in a Markdown table cell (the report's own escaping,
 *   `|` included).
 * @returns Lines to append to the page's block (none for `null`).
 * @example
 * ```ts
 * authorshipMarkdown(report.pages[0]!.authorship, escapeMarkdown)[0] // '#### Authorship'
 * ```
 */
export function authorshipMarkdown(
  a: AuthorshipReport | null,
  name: (user: string | null) => string,
): string[] {
  if (a === null) return [];
  const out = ['#### Authorship', '', authorshipFacts(a), ''];
  const { shown, rest } = shownEditors(a);
  const row = (who: string, e: AuthorshipEditorReport) => [
    who,
    percent(e.share),
    num(e.tokens),
    num(e.added),
    num(e.surviving),
    num(e.removed),
  ];
  const rows = shown.map((e) => row(name(e.user), e));
  if (rest !== null) rows.push(row(`${rest.count} others`, rest));
  const b = a.beforeHistory;
  if (b !== null) {
    const label = `*before r${b.revisionId} (earlier history not known)*`;
    rows.push([label, percent(b.share), num(b.tokens), '', '', '']);
  }
  out.push(
    ...markdownTable(
      ['editor', 'share of the current text', 'tokens now', 'tokens added', 'surviving', 'removed'],
      ['l', 'r', 'r', 'r', 'r', 'r'],
      rows,
    ),
  );
  out.push('');
  return out;
}
