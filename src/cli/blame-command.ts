/**
 * `wikirev blame`: who wrote each line of a page's revision, from the texts the inputs give.
 */
import { readDump } from '../dump.js';
import { type Blame, blame, createAuthorship, DEFAULT_LIMITS, renderBlameHtml } from '../index.js';
import { normalizeTitle } from '../revisions/titles.js';
import { type CommandIo, InputError, UsageError } from './cli-io.js';
import { COMMON_LINES, HELP_LINES, optionsHelp } from './help-text.js';
import { splitDumpInputs } from './load-dumps.js';
import { type LoadHistoryOptions, loadHistory } from './load-history.js';
import { checkStrict, countSeverities, printDiagnostics, type StrictLevel } from './load-inputs.js';
import {
  COMMON_OPTIONS,
  choice,
  commonLoadOptions,
  countOption,
  type OptionSpec,
  parseOptions,
  revisionOption,
} from './parse-options.js';
import { checkOutput, writeOutput } from './write-output.js';

/** The options `wikirev blame` accepts (each documented in its help). */
export const BLAME_OPTIONS = {
  ...COMMON_OPTIONS,
  page: { type: 'string' },
  rev: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string', short: 'o' },
  api: { type: 'string' },
  contact: { type: 'string' },
  'max-requests': { type: 'string' },
} as const satisfies OptionSpec;

/** `wikirev blame --help`. */
export const BLAME_HELP = `Usage: wikirev blame [<inputs...>] --page TITLE [--api URL] [--rev REV] [--format text|json|html]

Who wrote what: each token of a revision's text attributed to the revision that first wrote it
(WikiWho's algorithm: text that is deleted and put back keeps its first author). Inputs are
history feeds or XML dumps (plain, .gz, .bz2, .7z), or --api; dumps are streamed, one revision
at a time.

Options:
${optionsHelp([
  ['--page TITLE', 'the page (required)'],
  ['--api URL', "a wiki's api.php: fetch the page's whole history from it"],
  HELP_LINES.contact,
  HELP_LINES.maxRequests,
  ['--rev REV', "the revision (default: the page's newest with a known text)"],
  [
    '--format text|json|html',
    '\ntext: each line with the revision and user who wrote most of it, like\ngit blame; json: every token with its offsets; html: one\nself-contained page, tokens coloured by editor, revision, user and\ndate on hover (default text)',
  ],
  HELP_LINES.out,
  ...COMMON_LINES,
])}

Example:
  wikirev blame history.atom.xml --page Sandbox
`;

/** Control and bidirectional-override characters, shown as U+FFFD on a terminal. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it removes
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const safe = (s: string) => s.replace(UNSAFE, '\ufffd');

/** One line per text line: the revision and user owning most of its characters. */
function textLines(b: Blame): string {
  const owner: ({ rev: number; user: string | null } | null)[] = new Array(b.text.length).fill(
    null,
  );
  for (const t of b.tokens) {
    for (let k = t.start; k < t.end; k++)
      owner[k] = { rev: t.originRevisionId, user: t.originUser };
  }
  const rows: [string, string][] = [];
  let from = 0;
  for (const line of b.text.split('\n')) {
    const counts = new Map<string, number>();
    for (let k = from; k < from + line.length; k++) {
      const o = owner[k];
      if (o) {
        const key = `r${o.rev} ${o.user === null ? '(hidden)' : safe(o.user)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const best = [...counts].sort((x, y) => y[1] - x[1])[0]?.[0] ?? '';
    rows.push([best, safe(line)]);
    from += line.length + 1;
  }
  // A loop, not `Math.max(...rows)`: a row per line, more than a call's arguments may number.
  const width = rows.reduce((w, [who]) => Math.max(w, who.length), 0);
  return rows.map(([who, line]) => `${who.padEnd(width)} | ${line}\n`).join('');
}

/** The blame from a history built of the inputs (feeds, dumps among them). */
async function blameHistory(
  names: readonly string[],
  title: string,
  rev: number | undefined,
  load: LoadHistoryOptions,
  io: CommandIo,
): Promise<Blame> {
  const { history } = await loadHistory(names, io, load);
  const page = history.pages.find((p) => p.title === title);
  if (page === undefined) throw new InputError(`no page '${title}' in the inputs`);
  if (rev !== undefined && !page.revisions.some((r) => r.id === rev && r.text !== null)) {
    throw new InputError(`the text of revision ${rev} of '${title}' is not known from the inputs`);
  }
  const result = blame(page.revisions, rev === undefined ? {} : { revisionId: rev });
  if (result === null) throw new InputError(`no text of '${title}' is known from the inputs`);
  return result;
}

/**
 * The blame from dumps alone, streamed: the page's revisions go through the tracker one at a
 * time as the dump yields them (in dump order, oldest first), so a long history is never held;
 * other pages are skipped without decoding their texts.
 */
async function blameDumps(
  names: readonly string[],
  title: string,
  rev: number | undefined,
  strict: StrictLevel | null,
  io: CommandIo,
): Promise<Blame> {
  const tracker = createAuthorship();
  let found = false;
  let reached = false;
  const counts = countSeverities([]);
  for (const name of names) {
    const dump = readDump(name);
    try {
      for await (const page of dump) {
        if (page.title !== title) continue;
        found = true;
        for await (const revision of page.revisions) {
          printDiagnostics(name, revision.diagnostics, io);
          countSeverities(revision.diagnostics, counts);
          const kind = tracker.add(revision).kind;
          if (rev !== undefined && revision.id === rev) {
            if (kind === 'hidden') {
              throw new InputError(`the text of revision ${rev} of '${title}' is not in the dumps`);
            }
            reached = true;
            break;
          }
        }
        if (reached) break;
      }
    } finally {
      await dump.close();
    }
    if (reached) break;
  }
  checkStrict(counts, strict);
  if (!found) throw new InputError(`no page '${title}' in the inputs`);
  if (rev !== undefined && !reached) {
    throw new InputError(`the text of revision ${rev} of '${title}' is not in the dumps`);
  }
  const result = tracker.blame();
  if (result === null) throw new InputError(`no text of '${title}' is in the dumps`);
  return result;
}

/**
 * Runs `wikirev blame`.
 *
 * @param args - The arguments after `blame`.
 * @param io - The injected streams, files and fetch.
 * @returns The exit code.
 * @throws UsageError, InputError (mapped to exit codes by `run`).
 * @example
 * ```ts
 * await blameCommand(['history.xml', '--page', 'Sandbox'], io) // 0, 'r12 Alice | …' lines
 * ```
 */
export async function blameCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, BLAME_OPTIONS);
  if (values.help === true) {
    io.stdout.write(BLAME_HELP);
    return 0;
  }
  if (values.page === undefined) throw new UsageError('blame needs --page TITLE');
  const format = choice('--format', values.format, ['text', 'json', 'html']);
  const rev = revisionOption('--rev', values.rev);
  await checkOutput(values.out, positionals, io);
  const title = normalizeTitle(values.page);
  if (values.api !== undefined && !/^https?:\/\//i.test(values.api)) {
    throw new UsageError(`--api must be the http(s) URL of api.php, got '${values.api}'`);
  }
  if (values.api === undefined && values.contact !== undefined) {
    throw new UsageError('--contact goes with --api');
  }
  const load = {
    ...commonLoadOptions(values),
    maxRequests: countOption('--max-requests', values['max-requests'], DEFAULT_LIMITS.maxRequests),
    dumpPages: [title],
    ...(values.api === undefined
      ? {}
      : { api: { api: values.api, pages: [values.page], users: [], contact: values.contact } }),
  };
  const { dumps, others } = await splitDumpInputs(positionals);
  const result =
    dumps.length > 0 && others.length === 0 && values.api === undefined
      ? await blameDumps(dumps, title, rev, load.strict, io)
      : await blameHistory(positionals, title, rev, load, io);
  let text: string;
  switch (format) {
    case 'text':
      text = textLines(result);
      break;
    case 'json':
      text = `${JSON.stringify({ page: title, ...result }, null, 2)}\n`;
      break;
    case 'html':
      text = renderBlameHtml(result, { title });
      break;
    default: {
      const never: never = format;
      throw new UsageError(`unknown format ${String(never)}`);
    }
  }
  await writeOutput(text, values.out, io);
  return 0;
}
