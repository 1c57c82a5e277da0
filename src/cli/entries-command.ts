/**
 * `wikirev entries`: one line per feed entry, for a quick look or `grep`/`cut`.
 */
import type { FeedEntry } from '../model.js';
import { revisionCsv } from '../report/revision-csv.js';
import { revisionRows } from '../report/revision-rows.js';
import { analyzeDumpsCommand, SCALE_OPTIONS, WORKERS_HELP } from './analyze-dumps-command.js';
import type { CommandIo } from './cli-io.js';
import { InputError, UsageError } from './cli-io.js';
import { splitDumpInputs } from './load-dumps.js';
import { loadHistory } from './load-history.js';
import { loadInputs, printDiagnostics } from './load-inputs.js';
import {
  COMMON_OPTIONS,
  choice,
  commonLoadOptions,
  maxInputBytesOption,
  parseOptions,
  timeoutOption,
} from './parse-options.js';
import { checkOutput, writeOutput } from './write-output.js';

/** `wikirev entries --help`. */
export const ENTRIES_HELP = `Usage: wikirev entries <inputs...>

One line per feed entry, tab-separated: revision id, time (UTC), page, user, content kind
(wikitext, diff, cutoff, unavailable, log, empty), comment. "-" stands for an unknown value.

With --format csv: one row per revision (page id, namespace, title, revision id, parent,
time, user, sizes, lines, words, moved lines, sections, revert, SHA-1: docs/17-scaling.md),
from feeds or XML dumps (dumps over worker threads).

Options:
  --format tsv|json|csv  output format (default tsv)
  --out FILE           write the csv to FILE instead of standard output
${WORKERS_HELP.trimEnd()}
  --strict             fail (exit 1) on any diagnostic
  --timeout SECONDS    HTTP timeout (default 30)
  --max-input-bytes N  bytes of one input: file, stdin, HTTP body (default 256M;
                       K, M, G allowed)
  -h, --help           this help

Example:
  wikirev entries contributions.atom.xml | cut -f1,3
`;

const clean = (s: string | null) => (s === null ? '-' : s.replace(/[\t\r\n]+/g, ' '));

function line(e: FeedEntry): string {
  return `${[
    e.revisionId === null ? '-' : String(e.revisionId),
    clean(e.timestamp),
    clean(e.pageTitle),
    clean(e.user),
    e.content.kind,
    e.comment === null ? '' : clean(e.comment),
  ].join('\t')}\n`;
}

/**
 * Runs `wikirev entries`.
 *
 * @param args - The arguments after `entries`.
 * @param io - The injected streams, files and fetch.
 * @returns The exit code.
 * @throws UsageError, InputError (mapped to exit codes by `run`).
 * @example
 * ```ts
 * await entriesCommand(['feed.xml'], io) // 0; stdout '6226\t2008-07-22T14:58:58Z\t…\twikitext\t\n…'
 * ```
 */
export async function entriesCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    ...COMMON_OPTIONS,
    format: { type: 'string' },
    out: { type: 'string', short: 'o' },
    ...SCALE_OPTIONS,
  });
  if (values.help === true) {
    io.stdout.write(ENTRIES_HELP);
    return 0;
  }
  const format = choice('--format', values.format, ['tsv', 'json', 'csv']);
  if (positionals.length === 0) throw new UsageError('no input given (a feed file, - or a URL)');
  if (
    format !== 'csv' &&
    (values.out !== undefined || values.workers !== undefined || values['unit-bytes'] !== undefined)
  ) {
    throw new UsageError('--out, --workers and --unit-bytes go with --format csv');
  }
  if (format === 'csv') {
    await checkOutput(values.out, positionals, io);
    if ((await splitDumpInputs(positionals)).others.length === 0) {
      return analyzeDumpsCommand(
        positionals,
        {
          format: 'csv',
          out: values.out,
          workers: values.workers,
          unitBytes: values['unit-bytes'],
          authorship: values.authorship === true,
          analysis: {},
          title: undefined,
          strict: values.strict === true,
        },
        io,
      );
    }
    const { history } = await loadHistory(positionals, io, commonLoadOptions(values));
    await writeOutput(
      revisionCsv(
        history.pages.flatMap((p) => revisionRows(p, { authorship: values.authorship === true })),
      ),
      values.out,
      io,
    );
    return 0;
  }
  const feeds = await loadInputs(positionals, io, {
    timeoutSeconds: timeoutOption(values.timeout),
    maxInputBytes: maxInputBytesOption(values['max-input-bytes']),
  });
  let count = 0;
  for (const { name, feed } of feeds) count += printDiagnostics(name, feed.diagnostics, io);
  if (values.strict === true && count > 0) {
    throw new InputError(`${count} diagnostic${count === 1 ? '' : 's'} (--strict)`);
  }
  const entries = feeds.flatMap((f) => f.feed.entries);
  io.stdout.write(
    format === 'json' ? `${JSON.stringify(entries, null, 2)}\n` : entries.map(line).join(''),
  );
  return 0;
}
