/**
 * `wikirev entries`: one line per feed entry or dump revision, for a quick look or `grep`/`cut`;
 * dumps are streamed, one revision at a time.
 */
import { type DumpRevision, readDump } from '../dump.js';
import { WikirevError } from '../errors.js';
import type { FeedEntry } from '../model.js';
import { revisionCsv } from '../report/revision-csv.js';
import { revisionRows } from '../report/revision-rows.js';
import { analyzeDumpsCommand, SCALE_LINES, SCALE_OPTIONS } from './analyze-dumps-command.js';
import type { CommandIo } from './cli-io.js';
import { namedInputError, UsageError } from './cli-io.js';
import { dumpProgress } from './dump-progress.js';
import { COMMON_LINES, HELP_LINES, optionsHelp } from './help-text.js';
import { splitDumpInputs } from './load-dumps.js';
import { loadHistory } from './load-history.js';
import { checkStrict, countSeverities, loadInputs, printDiagnostics } from './load-inputs.js';
import {
  COMMON_OPTIONS,
  choice,
  commonLoadOptions,
  maxInputBytesOption,
  type OptionSpec,
  parseOptions,
  strictOption,
  timeoutOption,
} from './parse-options.js';
import { checkOutput, writeOutput } from './write-output.js';

/** The options `wikirev entries` accepts (each documented in its help). */
export const ENTRIES_OPTIONS = {
  ...COMMON_OPTIONS,
  format: { type: 'string' },
  out: { type: 'string', short: 'o' },
  ...SCALE_OPTIONS,
} as const satisfies OptionSpec;

/** `wikirev entries --help`. */
export const ENTRIES_HELP = `Usage: wikirev entries <inputs...>

One line per feed entry, tab-separated: revision id, time (UTC), page, user, content kind
(wikitext, diff, cutoff, unavailable, log, empty), comment. "-" stands for an unknown value.
XML dumps (.xml, .xml.bz2, .xml.gz, .7z) give one line per revision, read as a stream: kind
wikitext where the dump holds the text, unavailable where not (deleted, a stub dump); with
--format json their revisions as readDump gives them.

With --format csv: one row per revision (page id, namespace, title, revision id, parent,
time, user, sizes, lines, words, moved lines, sections, revert, SHA-1: docs/17-scaling.md),
from feeds or XML dumps (dumps over worker threads).

Options:
${optionsHelp([
  ['--format tsv|json|csv', 'output format (default tsv)'],
  HELP_LINES.out,
  ...SCALE_LINES,
  ...COMMON_LINES,
])}

Example:
  wikirev entries contributions.atom.xml | cut -f1,3
`;

const clean = (s: string | null) => (s === null ? '-' : s.replace(/[\t\r\n]+/g, ' '));

const line = (
  id: number | null,
  timestamp: string | null,
  page: string | null,
  user: string | null,
  kind: string,
  comment: string | null,
) =>
  `${[id === null ? '-' : String(id), clean(timestamp), clean(page), clean(user), kind, comment === null ? '' : clean(comment)].join('\t')}\n`;

const feedLine = (e: FeedEntry) =>
  line(e.revisionId, e.timestamp, e.pageTitle, e.user, e.content.kind, e.comment);

const dumpLine = (r: DumpRevision) =>
  line(
    r.id,
    r.timestamp,
    r.pageTitle,
    r.user,
    r.text === null ? 'unavailable' : 'wikitext',
    r.comment,
  );

/** Writes a JSON array item by item, as `JSON.stringify(items, null, 2)` would print it. */
function jsonArray(io: CommandIo) {
  let count = 0;
  return {
    item(value: unknown) {
      const text = JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
      io.stdout.write(`${count++ === 0 ? '[\n  ' : ',\n  '}${text}`);
    },
    end() {
      io.stdout.write(count === 0 ? '[]\n' : '\n]\n');
    },
  };
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
  const { values, positionals } = parseOptions(args, ENTRIES_OPTIONS);
  if (values.help === true) {
    io.stdout.write(ENTRIES_HELP);
    return 0;
  }
  const format = choice('--format', values.format, ['tsv', 'json', 'csv']);
  if (positionals.length === 0)
    throw new UsageError('no input given (a feed or dump file, - or a URL)');
  if (values.authorship === true && format !== 'csv') {
    throw new UsageError('--authorship goes with --format csv (the rows)');
  }
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
          strict: strictOption(values),
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
  const limits = {
    timeoutSeconds: timeoutOption(values.timeout),
    maxInputBytes: maxInputBytesOption(values['max-input-bytes']),
  };
  const strict = strictOption(values);
  const { dumps } = await splitDumpInputs(positionals);
  // Counted, not kept: a dump may have a diagnostic on every revision.
  const counts = countSeverities([]);
  const readFeeds = async (names: readonly string[]) => {
    const feeds = await loadInputs(names, io, limits);
    for (const { name, feed } of feeds) {
      printDiagnostics(name, feed.diagnostics, io, feed.entries);
      countSeverities(feed.diagnostics, counts);
    }
    return feeds;
  };
  // Feeds only: all read first, so that --strict fails before anything is printed.
  const preread = dumps.length === 0 ? await readFeeds(positionals) : null;
  if (preread !== null) checkStrict(counts, strict);
  const json = format === 'json' ? jsonArray(io) : null;
  const show = dumpProgress(io, io.isTTY);
  try {
    // Inputs in the order given; a feed is read whole, a dump streamed revision by revision.
    for (const [index, name] of positionals.entries()) {
      if (!dumps.includes(name)) {
        const [loaded] = preread === null ? await readFeeds([name]) : [preread[index]];
        const entries = loaded!.feed.entries;
        if (json === null) io.stdout.write(entries.map(feedLine).join(''));
        else for (const e of entries) json.item(e);
        continue;
      }
      show.start();
      const reader = readDump(name);
      let pages = 0;
      let revisions = 0;
      try {
        for await (const page of reader) {
          pages++;
          for await (const r of page.revisions) {
            revisions++;
            json === null ? io.stdout.write(dumpLine(r)) : json.item(r);
            printDiagnostics(name, r.diagnostics, io);
            countSeverities(r.diagnostics, counts);
            if ((revisions & 255) === 0) show.update(name, reader, pages, revisions);
          }
        }
        // The dump's own notes (a log dump's items skipped): why a result may be empty.
        printDiagnostics(name, reader.diagnostics, io);
        countSeverities(reader.diagnostics, counts);
      } catch (error) {
        if (error instanceof WikirevError) throw namedInputError(name, error);
        throw error;
      }
    }
  } finally {
    show.done();
  }
  json?.end();
  checkStrict(counts, strict);
  return 0;
}
