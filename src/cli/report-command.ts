/**
 * `wikirev report`: a revision report of feeds in Markdown, HTML or JSON.
 */
import { DEFAULT_LIMITS } from '../limits.js';
import { analyzeHistory, assembleReport, checkOptions } from '../report/analyze-history.js';
import { renderReport } from '../report/render-report.js';
import { revisionCsv } from '../report/revision-csv.js';
import { revisionRows } from '../report/revision-rows.js';
import { wikiLinksOf } from '../report/wiki-links.js';
import { analyzeDumpsCommand, SCALE_LINES, SCALE_OPTIONS } from './analyze-dumps-command.js';
import { type CommandIo, UsageError } from './cli-io.js';
import { COMMON_LINES, HELP_LINES, optionsHelp } from './help-text.js';
import { loadWikiLinks } from './load-api.js';
import { splitDumpInputs } from './load-dumps.js';
import { loadHistory } from './load-history.js';
import {
  COMMON_OPTIONS,
  choice,
  commonLoadOptions,
  countOption,
  type OptionSpec,
  parseOptions,
  strictOption,
} from './parse-options.js';
import {
  ANALYSIS_LINES,
  ANALYSIS_OPTIONS,
  refuseReportOnlyOptions,
  reportAnalysisOptions,
} from './report-analysis-options.js';
import { checkOutput, writeOutput } from './write-output.js';

/** The options `wikirev report` accepts (each documented in its help). */
export const REPORT_OPTIONS = {
  ...COMMON_OPTIONS,
  format: { type: 'string' },
  out: { type: 'string', short: 'o' },
  'out-dir': { type: 'string' },
  ...ANALYSIS_OPTIONS,
  title: { type: 'string' },
  api: { type: 'string' },
  contact: { type: 'string' },
  'max-requests': { type: 'string' },
  'max-history-bytes': { type: 'string' },
  ...SCALE_OPTIONS,
} as const satisfies OptionSpec;

/** `wikirev report --help`. */
export const REPORT_HELP = `Usage: wikirev report [options] <inputs...>

A revision report of MediaWiki feeds: per page, per user, per day, with diffs.
Inputs are feed files, - for standard input, or http(s) URLs of feeds; with --api, revisions
fetched from a live wiki's Action API (whole page histories, or users' contributions) join them.
XML dumps (.xml, .xml.bz2, .xml.gz, .7z) are inputs too, with a progress line on a terminal.

Options:
${optionsHelp([
  [
    '--format md|html|json|csv|parquet',
    '\noutput format (default md); csv and parquet: one row per revision\n(docs/17-scaling.md); parquet needs --out and XML dumps',
  ],
  HELP_LINES.out,
  [
    '--out-dir DIR',
    'csv, parquet on XML dumps: one file per unit in DIR, named after\nthe unit (docs/18-queue.md), instead of one merged file',
  ],
  ...ANALYSIS_LINES,
  HELP_LINES.title,
  [
    '--api URL',
    "a wiki's api.php to fetch revisions from: the histories of the\n--page titles, or (without --page) the --user names' contributions",
  ],
  HELP_LINES.contact,
  HELP_LINES.maxRequests,
  ...SCALE_LINES,
  [
    '--max-history-bytes N',
    'bytes of revision texts of one dump page held in memory; a longer\npage is analysed one revision pair at a time (default 1G)',
  ],
  ...COMMON_LINES,
])}

Examples:
  wikirev report contributions.atom.xml
  wikirev report --format html --out report.html history.atom.xml
  wikirev report --since 30d --user Alice 'https://wiki.example.org/api.php?action=feedcontributions&user=Alice&feedformat=atom'
  wikirev report --api https://wiki.example.org/w/api.php --page 'Main Page' --contact me@example.org
`;

const FORMATS = { md: 'markdown', html: 'html', json: 'json' } as const;
const ALL_FORMATS = ['md', 'html', 'json', 'csv', 'parquet'] as const;

/**
 * Runs `wikirev report`.
 *
 * @param args - The arguments after `report`.
 * @param io - The injected streams, files and fetch.
 * @returns The exit code.
 * @throws UsageError, InputError (mapped to exit codes by `run`).
 * @example
 * ```ts
 * await reportCommand(['feed.xml', '--format', 'json'], io) // 0, JSON on stdout
 * ```
 */
export async function reportCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, REPORT_OPTIONS);
  if (values.help === true) {
    io.stdout.write(REPORT_HELP);
    return 0;
  }
  const formatName = choice('--format', values.format, ALL_FORMATS);
  if (values.authorship === true && formatName !== 'csv' && formatName !== 'parquet') {
    // The report has its Authorship part anyway: the option is for the rows.
    throw new UsageError('--authorship goes with --format csv or parquet (the rows)');
  }
  if (formatName === 'csv' || formatName === 'parquet') {
    // The rows are every revision read: a filter or layout option would be silently ignored.
    // With --api, the page, user and date options say what to fetch.
    refuseReportOnlyOptions(
      values,
      values.api === undefined ? [] : ['page', 'user', 'since', 'until'],
    );
  }
  const analyzeOptions = reportAnalysisOptions(values, io);
  if (values.out !== undefined && io.writeFile === undefined) {
    throw new UsageError('--out is not available here');
  }
  if (values.api !== undefined) {
    if (!/^https?:\/\//i.test(values.api)) {
      throw new UsageError(`--api must be the http(s) URL of api.php, got '${values.api}'`);
    }
    if (values.page === undefined && values.user === undefined) {
      throw new UsageError('--api needs --page TITLE or --user NAME (what to fetch)');
    }
  } else if (values.contact !== undefined) {
    throw new UsageError('--contact goes with --api');
  }
  const maxRequests = countOption(
    '--max-requests',
    values['max-requests'],
    DEFAULT_LIMITS.maxRequests,
  );
  await checkOutput(values.out, positionals, io);
  const maxHistoryBytes = countOption(
    '--max-history-bytes',
    values['max-history-bytes'],
    DEFAULT_LIMITS.maxHistoryBytes,
  );
  // XML dumps alone go over the worker pool (docs/17-scaling.md).
  if (
    values.api === undefined &&
    positionals.length > 0 &&
    (await splitDumpInputs(positionals)).others.length === 0
  ) {
    return analyzeDumpsCommand(
      positionals,
      {
        format: formatName,
        out: values.out,
        workers: values.workers,
        unitBytes: values['unit-bytes'],
        authorship: values.authorship === true,
        analysis: analyzeOptions,
        title: values.title,
        strict: strictOption(values),
        maxHistoryBytes,
        outDir: values['out-dir'],
      },
      io,
    );
  }
  if (values['out-dir'] !== undefined) throw new UsageError('--out-dir needs XML dump inputs');
  if (formatName === 'parquet') throw new UsageError('--format parquet needs XML dump inputs');
  const { feeds, history, analyzed } = await loadHistory(positionals, io, {
    maxRequests,
    ...commonLoadOptions(values),
    maxHistoryBytes,
    largeDumpPages: analyzeOptions,
    ...(values.api === undefined
      ? {}
      : {
          api: {
            api: values.api,
            pages: values.page ?? [],
            users: analyzeOptions.users ?? [],
            since: analyzeOptions.since,
            until: analyzeOptions.until,
            contact: values.contact,
          },
        }),
  });
  for (const p of analyzeOptions.pages ?? []) {
    if (!history.pages.some((h) => h.title === p) && !analyzed.some((a) => a.title === p)) {
      io.stderr.write(`wikirev: warning: no page titled '${p}' in the inputs\n`);
    }
  }
  if (formatName === 'csv') {
    const rows = history.pages.flatMap((page) =>
      revisionRows(page, { authorship: values.authorship === true }),
    );
    await writeOutput(revisionCsv(rows), values.out, io);
    return 0;
  }
  const revisions = history.pages.reduce((n, p) => n + p.revisions.length, 0);
  io.progress(`analyzing ${revisions.toLocaleString('en-US')} revisions`);
  const whole = analyzeHistory(history, analyzeOptions);
  // Dump pages too long to hold come analysed pair by pair (docs/14-dumps.md).
  const report =
    analyzed.length === 0
      ? whole
      : assembleReport(
          [...whole.pages, ...analyzed],
          whole.diagnostics,
          checkOptions(analyzeOptions),
        );
  // API revisions carry no URL: the wiki's own siteinfo says where its pages are.
  const fromFeeds = wikiLinksOf(feeds.map((f) => f.feed));
  const fromApi =
    values.api === undefined || formatName !== 'html'
      ? null
      : await loadWikiLinks({ api: values.api, contact: values.contact }, io, {
          timeoutSeconds: commonLoadOptions(values).timeoutSeconds,
        });
  io.progress(`writing the ${values.format ?? 'md'} report`);
  const text = renderReport(report, {
    format: FORMATS[formatName],
    ...(values.title === undefined ? {} : { title: values.title }),
    diffs: values['no-diffs'] !== true,
    wiki: {
      script: fromFeeds.script ?? fromApi?.script ?? null,
      articlePath: fromFeeds.articlePath ?? fromApi?.articlePath ?? null,
    },
  });
  io.progress('');
  await writeOutput(text, values.out, io);
  return 0;
}
