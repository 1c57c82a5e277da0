/**
 * `wikirev diff`: the diff of two revisions of a page found in feeds.
 */
import { diffRevisions, type RevisionDiff } from '../diff/diff-revisions.js';
import { formatUnifiedDiff } from '../diff/unified.js';
import type { PageHistory, Revision } from '../model.js';
import { escapeHtml } from '../report/escape-html.js';
import { isolateBidi } from '../report/isolate-bidi.js';
import { escapeMarkdown } from '../report/render-markdown.js';
import { normalizeTitle } from '../revisions/titles.js';
import { type CommandIo, InputError, UsageError } from './cli-io.js';
import { loadHistory } from './load-history.js';
import {
  COMMON_OPTIONS,
  choice,
  commonLoadOptions,
  parseOptions,
  revisionOption,
} from './parse-options.js';
import { checkOutput, writeOutput } from './write-output.js';

/** `wikirev diff --help`. */
export const DIFF_HELP = `Usage: wikirev diff <inputs...> --page TITLE [--from REV] [--to REV]

The line diff of two revisions of a page, from the texts the feeds give or allow to rebuild.

Options:
  --page TITLE                 the page (required)
  --to REV                     the newer revision (default: the page's newest)
  --from REV                   the older revision (default: the parent of --to, or the
                               previous revision the feeds show)
  --format unified|md|html|json  output format (default unified, a patch git apply accepts)
  --context N                  unchanged lines around each change (default 3)
  --out FILE                   write to FILE instead of standard output
  --strict[=info]              fail (exit 1) on warnings and errors; =info: on any
                               diagnostic
  --timeout SECONDS            HTTP timeout (default 30)
  --max-input-bytes N          bytes of one input: file, stdin, HTTP body (default 256M;
                               K, M, G allowed)
  -h, --help                   this help

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

function html(d: RevisionDiff, patch: string): string {
  const rows = patch
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const cls = l.startsWith('+') ? 'a' : l.startsWith('-') ? 'd' : l.startsWith('@') ? 'h' : 'c';
      return `<div class="${cls}">${escapeHtml(l)}</div>`;
    });
  const page = d.newer.pageTitle;
  const title = `${isolateBidi(page)}: r${d.older.id} → r${d.newer.id}`;
  const heading = `<bdi>${escapeHtml(page)}</bdi>: r${d.older.id} → r${d.newer.id}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>body{margin:1rem;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace}div{white-space:pre-wrap;overflow-wrap:anywhere}.a{background:#dafbe1}.d{background:#ffebe9}.h{color:#59636e;background:#f6f8fa}</style>
</head>
<body>
<h1>${heading}</h1>
<p>+${d.added} / −${d.removed} lines</p>
${rows.join('\n')}
</body>
</html>
`;
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
  const { values, positionals } = parseOptions(args, {
    ...COMMON_OPTIONS,
    page: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string' },
    context: { type: 'string' },
    out: { type: 'string', short: 'o' },
  });
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
  const { history } = await loadHistory(positionals, io, commonLoadOptions(values));
  const title = normalizeTitle(values.page);
  const page = history.pages.find((p) => p.title === title);
  const inputName = positionals.length === 1 ? (positionals[0] ?? '') : 'inputs';
  if (page === undefined) {
    const known = history.pages.map((p) => `'${p.title}'`).join(', ');
    throw new InputError(
      `${inputName}: no page '${title}' in the inputs (pages: ${known || 'none'})`,
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
      throw new InputError(
        `${inputName}: the text of revision ${r.id} is not known from these feeds`,
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
      text = html(d, patch);
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
