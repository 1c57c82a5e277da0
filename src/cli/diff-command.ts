/**
 * `wikirev diff`: the diff of two revisions of a page found in feeds.
 */

import { diffRevisions, type RevisionDiff } from '../diff/diff-revisions.js';
import { formatUnifiedDiff } from '../diff/unified.js';
import type { PageHistory, Revision } from '../model.js';
import { escapeHtml } from '../report/escape-html.js';
import { sideBySideDiff } from '../report/html-diff.js';
import { htmlDocument } from '../report/html-document.js';
import { type HtmlLinks, htmlLinks, link } from '../report/html-links.js';
import { REPORT_CSS } from '../report/html-style.js';
import { isolateBidi } from '../report/isolate-bidi.js';
import { escapeMarkdown } from '../report/render-markdown.js';
import { wikiLinksOf } from '../report/wiki-links.js';
import { normalizeTitle } from '../revisions/titles.js';
import { type CommandIo, InputError, UsageError } from './cli-io.js';
import { COMMON_LINES, HELP_LINES, optionsHelp } from './help-text.js';
import { loadHistory } from './load-history.js';
import {
  COMMON_OPTIONS,
  choice,
  commonLoadOptions,
  type OptionSpec,
  parseOptions,
  revisionOption,
} from './parse-options.js';
import { checkOutput, writeOutput } from './write-output.js';

/** The options `wikirev diff` accepts (each documented in its help). */
export const DIFF_OPTIONS = {
  ...COMMON_OPTIONS,
  page: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  context: { type: 'string' },
  out: { type: 'string', short: 'o' },
} as const satisfies OptionSpec;

/** `wikirev diff --help`. */
export const DIFF_HELP = `Usage: wikirev diff <inputs...> --page TITLE [--from REV] [--to REV]

The line diff of two revisions of a page, from the texts the feeds give or allow to rebuild.
Inputs are feeds, XML dumps (.xml, .xml.bz2, .xml.gz, .7z), - or http(s) URLs of feeds.

Options:
${optionsHelp([
  ['--page TITLE', 'the page (required)'],
  ['--to REV', "the newer revision (default: the page's newest)"],
  [
    '--from REV',
    'the older revision (default: the parent of --to, or the previous\nrevision the feeds show)',
  ],
  ['--format unified|md|html|json', '\noutput format (default unified, a patch git apply accepts)'],
  ['--context N', 'unchanged lines around each change (default 3)'],
  HELP_LINES.out,
  ...COMMON_LINES,
])}

Example:
  wikirev diff history.atom.xml --page Sandbox --from 10 --to 12
`;

function findRevision(page: PageHistory, id: number, name: string): Revision {
  const found = page.revisions.find((r) => r.id === id);
  if (found === undefined) {
    throw new InputError(`${name}: revision ${id} of '${page.title}' is not in the inputs`);
  }
  return found;
}

function fence(body: string): string {
  let longest = 0;
  for (const m of body.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** One end of the diff in the page header: id (linked to the wiki), time, user, summary. */
function sideHtml(r: RevisionDiff['older'], links: HtmlLinks): string {
  const text = (t: string) => `<bdi>${escapeHtml(t)}</bdi>`;
  const when =
    r.timestamp === null
      ? ''
      : ` · <time datetime="${escapeHtml(r.timestamp)}">${escapeHtml(r.timestamp.replace('T', ' ').replace(/:\d\dZ$/, ' UTC'))}</time>`;
  const who =
    r.user === null
      ? '<span class="muted">(hidden)</span>'
      : link(links.user(r.user), text(r.user));
  const comment =
    r.comment === null || r.comment === '' ? '' : `<blockquote>${text(r.comment)}</blockquote>`;
  return `<div><b>${link(links.permalink(r.pageTitle, r.id), `r${r.id}`)}</b>${when} · ${who}${comment}</div>`;
}

/** The diff as the wiki's diff view shows it, in one self-contained page (the report's CSS). */
function html(d: RevisionDiff, links: HtmlLinks): string {
  const page = d.newer.pageTitle;
  const title = `${isolateBidi(page)}: r${d.older.id} → r${d.newer.id}`;
  const onWiki = links.compare(page, d.older.id, d.newer.id);
  const heading = `${link(links.page(page), `<bdi>${escapeHtml(page)}</bdi>`)}: r${d.older.id} → r${d.newer.id}`;
  const body = d.hunks.length === 0 ? '<p>No difference.</p>' : sideBySideDiff(d, 'd-');
  return htmlDocument({
    title,
    css: REPORT_CSS,
    body: `<main>
<h1>${heading}</h1>
<div class="sides">${sideHtml(d.older, links)}${sideHtml(d.newer, links)}</div>
<p>+${d.added} / −${d.removed} lines${onWiki === null ? '' : ` · ${link(onWiki, 'this diff on the wiki')}`}</p>
${body}
</main>`,
  });
}

/**
 * Runs `wikirev diff`.
 *
 * @param args - The arguments after `diff`.
 * @param io - The injected streams, files and fetch.
 * @returns The exit code.
 * @throws UsageError, InputError (mapped to exit codes by `run`).
 * @example
 * ```ts
 * await diffCommand(['history.xml', '--page', 'Sandbox'], io) // 0, a unified diff on stdout
 * ```
 */
export async function diffCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, DIFF_OPTIONS);
  if (values.help === true) {
    io.stdout.write(DIFF_HELP);
    return 0;
  }
  if (values.page === undefined) throw new UsageError('diff needs --page TITLE');
  const format = choice('--format', values.format, ['unified', 'md', 'html', 'json']);
  const from = revisionOption('--from', values.from);
  const to = revisionOption('--to', values.to);
  const context = values.context === undefined ? 3 : Number(values.context);
  if (!Number.isInteger(context) || context < 0) {
    throw new UsageError(`--context must be a non-negative integer, got '${values.context}'`);
  }
  await checkOutput(values.out, positionals, io);
  const title = normalizeTitle(values.page);
  const { feeds, history } = await loadHistory(positionals, io, {
    ...commonLoadOptions(values),
    dumpPages: [title],
  });
  const page = history.pages.find((p) => p.title === title);
  const inputName = positionals.length === 1 ? (positionals[0] ?? '') : 'inputs';
  if (page === undefined) {
    // Dump pages other than --page are skipped unread: only the pages read are listed.
    const known = history.pages.map((p) => `'${p.title}'`).join(', ');
    throw new InputError(
      `${inputName}: no page '${title}' in the inputs${known === '' ? '' : ` (pages: ${known})`}`,
    );
  }
  const last = page.revisions[page.revisions.length - 1];
  const newer = to === undefined ? last : findRevision(page, to, inputName);
  if (newer === undefined) throw new InputError(`${inputName}: '${title}' has no revision`);
  let older: Revision | undefined;
  if (from !== undefined) older = findRevision(page, from, inputName);
  else if (newer.parentKnown && newer.parentId !== null)
    older = page.revisions.find((r) => r.id === newer.parentId);
  else older = page.revisions[page.revisions.indexOf(newer) - 1];
  if (older === undefined) {
    throw new InputError(
      `${inputName}: no revision before ${newer.id} of '${title}' in the inputs; give --from`,
    );
  }
  for (const r of [older, newer]) {
    if (r.text === null) {
      // Feeds, dumps (revision-deleted texts) and the API all leave texts out: say which input.
      const before =
        newer.parentKnown && newer.parentId !== null ? 'the parent' : 'the revision before';
      const chosen = r === older && from === undefined ? `, ${before} of ${newer.id},` : '';
      const hint = chosen === '' ? '' : '; give --from';
      throw new InputError(
        `${inputName}: the text of revision ${r.id}${chosen} is not known from the inputs${hint}`,
      );
    }
  }
  const d = diffRevisions(older, newer, { context });
  const patch = formatUnifiedDiff(d);
  let text: string;
  switch (format) {
    case 'unified':
      text = patch;
      break;
    case 'md': {
      const f = fence(patch);
      text = `### ${escapeMarkdown(title)}: r${older.id} → r${newer.id}\n\n+${d.added} / −${d.removed} lines\n\n${f}diff\n${patch}${f}\n`;
      break;
    }
    case 'html':
      text = html(d, htmlLinks(wikiLinksOf(feeds.map((f) => f.feed))));
      break;
    case 'json':
      text = `${JSON.stringify(d, null, 2)}\n`;
      break;
    default: {
      const never: never = format;
      throw new UsageError(`unknown format ${String(never)}`);
    }
  }
  await writeOutput(text, values.out, io);
  return 0;
}
