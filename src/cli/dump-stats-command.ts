/**
 * `wikirev dump-stats`: pages, revisions, bytes, editors and per-namespace counts of MediaWiki
 * XML dumps, streamed (plain, gzip, bzip2, 7z), with a progress line on a terminal.
 */
import { readDump } from '../dump.js';
import type { CommandIo } from './cli-io.js';
import { UsageError } from './cli-io.js';
import { dumpProgress } from './dump-progress.js';
import { HELP_LINES, optionsHelp } from './help-text.js';
import { checkStdin, printDiagnostics } from './load-inputs.js';
import { choice, type OptionSpec, parseOptions } from './parse-options.js';

/** The options `wikirev dump-stats` accepts (each documented in its help). */
export const DUMP_STATS_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  quiet: { type: 'boolean', short: 'q' },
  format: { type: 'string' },
} as const satisfies OptionSpec;

/** `wikirev dump-stats --help`. */
export const DUMP_STATS_HELP = `Usage: wikirev dump-stats <dump files...>

Counts of MediaWiki XML dumps (dumpBackup.php, Special:Export, Wikimedia dumps; .xml, .xml.bz2
including multistream, .xml.gz, .7z; - for standard input): pages, revisions, bytes of text
(stored sizes), distinct editors, and pages and revisions per namespace. Texts are SHA-1
checked while reading.

Options:
${optionsHelp([HELP_LINES.formatText, HELP_LINES.quiet, HELP_LINES.help])}

Example:
  wikirev dump-stats enwiki-20260101-pages-meta-history1.xml.bz2
`;

interface Stats {
  file: string;
  pages: number;
  revisions: number;
  bytes: number;
  editors: number;
  sha1Mismatches: number;
  namespaces: Record<string, { pages: number; revisions: number }>;
}

async function statsOf(
  file: string,
  show: ReturnType<typeof dumpProgress>,
  io: CommandIo,
): Promise<Stats> {
  const editors = new Set<string>();
  const stats: Stats = {
    file: file === '-' ? '<stdin>' : file,
    pages: 0,
    revisions: 0,
    bytes: 0,
    editors: 0,
    sha1Mismatches: 0,
    namespaces: {},
  };
  const reader = readDump(file === '-' ? io.stdin() : file);
  for await (const page of reader) {
    stats.pages++;
    const ns = stats.namespaces[String(page.namespace)] ?? { pages: 0, revisions: 0 };
    stats.namespaces[String(page.namespace)] = ns;
    ns.pages++;
    for await (const revision of page.revisions) {
      stats.revisions++;
      ns.revisions++;
      stats.bytes += revision.size ?? 0;
      if (revision.user !== null) editors.add(revision.user);
      if (revision.diagnostics.some((d) => d.code === 'DUMP_SHA1_MISMATCH')) {
        stats.sha1Mismatches++;
      }
      if ((stats.revisions & 255) === 0) {
        show.update(stats.file, reader, stats.pages, stats.revisions);
      }
    }
  }
  stats.editors = editors.size;
  printDiagnostics(stats.file, reader.diagnostics, io); // a log dump's items skipped: why 0 pages
  return stats;
}

function text(stats: Stats): string {
  const counts: [string, number][] = [
    ['pages', stats.pages],
    ['revisions', stats.revisions],
    ['bytes', stats.bytes],
    ['editors', stats.editors],
    ['sha1 mismatches', stats.sha1Mismatches],
  ];
  const width = counts.reduce((w, [, n]) => Math.max(w, String(n).length), 0);
  const rows = Object.entries(stats.namespaces)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([ns, c]) => [ns, String(c.pages), String(c.revisions)] as const);
  // Columns as wide as their heading or their widest number, numbers right-aligned.
  const heads = ['namespace', 'pages', 'revisions'] as const;
  const widths = heads.map((h, k) => rows.reduce((w, r) => Math.max(w, r[k]!.length), h.length));
  const row = (cells: readonly string[]) =>
    `  ${cells.map((c, k) => c.padStart(widths[k]!)).join('  ')}`;
  const lines = [
    stats.file,
    ...counts.map(([label, n]) => `  ${label.padEnd(16)}${String(n).padStart(width)}`),
    row(heads),
    ...rows.map(row),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Runs `wikirev dump-stats`.
 *
 * @param args - The arguments after `dump-stats`.
 * @param io - The injected streams (files are streamed from disk by `readDump`).
 * @returns The exit code.
 * @throws UsageError; WikirevError for an unusable dump (mapped to exit 1 by `run`).
 * @example
 * ```ts
 * await dumpStatsCommand(['pages.xml.bz2'], io) // 0; stdout 'pages.xml.bz2\n  pages      10\n…'
 * ```
 */
export async function dumpStatsCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, DUMP_STATS_OPTIONS);
  if (values.help === true) {
    io.stdout.write(DUMP_STATS_HELP);
    return 0;
  }
  const format = choice('--format', values.format, ['text', 'json']);
  if (positionals.length === 0) throw new UsageError('no dump file given');
  checkStdin(positionals, io);
  const show = dumpProgress(io, io.isTTY && values.quiet !== true);
  const all: Stats[] = [];
  try {
    for (const file of positionals) {
      show.start();
      all.push(await statsOf(file, show, io));
    }
  } finally {
    show.done();
  }
  io.stdout.write(format === 'json' ? `${JSON.stringify(all, null, 2)}\n` : all.map(text).join(''));
  return 0;
}
