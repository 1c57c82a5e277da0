/**
 * `wikirev entries`: one line per feed entry, for a quick look or `grep`/`cut`.
 */
import type { FeedEntry } from '../model.js';
import type { CommandIo } from './cli-io.js';
import { UsageError } from './cli-io.js';
import { checkStrict, loadInputs, printDiagnostics } from './load-inputs.js';
import {
  COMMON_OPTIONS,
  choice,
  maxInputBytesOption,
  parseOptions,
  strictOption,
  timeoutOption,
} from './parse-options.js';

/** `wikirev entries --help`. */
export const ENTRIES_HELP = `Usage: wikirev entries <inputs...>

One line per feed entry, tab-separated: revision id, time (UTC), page, user, content kind
(wikitext, diff, cutoff, unavailable, log, empty), comment. "-" stands for an unknown value.

Options:
  --format tsv|json    output format (default tsv)
  --strict[=info]      fail (exit 1) on warnings and errors; =info: on any
                       diagnostic
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
  });
  if (values.help === true) {
    io.stdout.write(ENTRIES_HELP);
    return 0;
  }
  const format = choice('--format', values.format, ['tsv', 'json']);
  if (positionals.length === 0) throw new UsageError('no input given (a feed file, - or a URL)');
  const feeds = await loadInputs(positionals, io, {
    timeoutSeconds: timeoutOption(values.timeout),
    maxInputBytes: maxInputBytesOption(values['max-input-bytes']),
  });
  for (const { name, feed } of feeds) printDiagnostics(name, feed.diagnostics, io, feed.entries);
  checkStrict(
    feeds.flatMap((f) => f.feed.diagnostics),
    strictOption(values),
  );
  const entries = feeds.flatMap((f) => f.feed.entries);
  io.stdout.write(
    format === 'json' ? `${JSON.stringify(entries, null, 2)}\n` : entries.map(line).join(''),
  );
  return 0;
}
