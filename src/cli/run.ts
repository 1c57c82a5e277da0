/**
 * `run`: the whole `wikirev` command line as a function of its arguments and injected I/O, so it
 * is tested in process; `main.ts` only wires the real process in. Nothing here exits the process.
 */
import { WikirevError } from '../errors.js';
import { BLAME_HELP, blameCommand } from './blame-command.js';
import { type CliIo, type CommandIo, InputError, UsageError } from './cli-io.js';
import { DIFF_HELP, diffCommand } from './diff-command.js';
import { DUMP_STATS_HELP, dumpStatsCommand } from './dump-stats-command.js';
import { ENTRIES_HELP, entriesCommand } from './entries-command.js';
import { isQueueSubcommand, QUEUE_HELP, queueCommand } from './queue-command.js';
import { REPORT_HELP, reportCommand } from './report-command.js';
import { SECTIONS_HELP, sectionsCommand } from './sections-command.js';
import { terminalText } from './terminal-text.js';
import { packageVersion } from './version.js';
import { WATCH_HELP, watchCommand } from './watch-command.js';
import { WORKER_HELP, workerCommand } from './worker-command.js';

export type { CliIo } from './cli-io.js';

/** `wikirev --help`. */
export const MAIN_HELP = `Usage: wikirev <command> [options] <inputs...>

MediaWiki feeds, XML dumps and live wikis to revision history: reports, diffs, sections,
authorship.

Commands:
  report <inputs...>               revision report (Markdown, HTML, JSON; CSV or Parquet rows)
  diff <inputs...> --page P        diff of two revisions of a page
  sections <file.wiki>             sections of wikitext (or of a feed's or dump's revision: --rev N)
  entries <inputs...>              one line per feed entry or dump revision
  dump-stats <dump files...>       pages, revisions, editors of XML dumps (.xml, .bz2, .gz, .7z)
  blame <inputs...> --page P       who wrote each line of a page's revision
  watch <feed-url> | --api URL     follow a live wiki: each new revision as it is saved
  queue add|status|collect|retry   dumps analysed on many machines through Redis
  worker --redis URL               runs queued units on this machine

Inputs are feed files, XML dumps (.xml, .bz2, .gz, .7z), - for standard input, or http(s)
URLs of MediaWiki feeds.
Run 'wikirev <command> --help' for a command's options.

Options:
  -h, --help       this help
  -v, --version    the version
  -q, --quiet      (any command) no progress line; it is shown only when stderr is a terminal

Exit codes: 0 ok, 1 bad input (or warnings under --strict), 2 usage error.
`;

const COMMANDS = {
  report: { run: reportCommand, help: REPORT_HELP },
  diff: { run: diffCommand, help: DIFF_HELP },
  sections: { run: sectionsCommand, help: SECTIONS_HELP },
  entries: { run: entriesCommand, help: ENTRIES_HELP },
  'dump-stats': { run: dumpStatsCommand, help: DUMP_STATS_HELP },
  blame: { run: blameCommand, help: BLAME_HELP },
  watch: { run: watchCommand, help: WATCH_HELP },
  queue: { run: queueCommand, help: QUEUE_HELP },
  worker: { run: workerCommand, help: WORKER_HELP },
} as const;

type CommandName = keyof typeof COMMANDS;

const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

/**
 * Runs the `wikirev` command line.
 *
 * @param argv - The arguments after the program name (`process.argv.slice(2)`).
 * @param io - Streams, files, fetch and clock (see {@link CliIo}).
 * @returns The exit code: 0 ok, 1 bad input (or diagnostics under `--strict`), 2 usage error.
 * @example
 * ```ts
 * const out: string[] = [];
 * await run(['--version'], { ...io, stdout: { write: (s) => out.push(s) } }) // 0; out: ['0.1.0\n']
 * ```
 */
export async function run(argv: readonly string[], given: CliIo): Promise<number> {
  // Messages quote feed text, file names and servers' answers: escaped, so that none of them
  // can drive the terminal. The progress line alone writes its own \r and erase sequence.
  const [first, ...rest] = argv;
  // The progress line: on a terminal only, and not with --quiet (before a `--`).
  const end = rest.indexOf('--');
  const options = end === -1 ? rest : rest.slice(0, end);
  const showProgress = given.isTTY && !options.includes('--quiet') && !options.includes('-q');
  let shown = false;
  const io: CommandIo = {
    ...given,
    stderr: {
      write: (text: string) => {
        // A message clears the progress line first, so that it is not written over it.
        if (shown) given.stderr.write('\r\x1b[K');
        shown = false;
        return given.stderr.write(terminalText(text));
      },
    },
    progress: (text: string) => {
      if (!showProgress || (text === '' && !shown)) return;
      given.stderr.write(`\r${text === '' ? '' : `wikirev: ${terminalText(text)}`}\x1b[K`);
      shown = text !== '';
    },
  };
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0];
    io.stdout.write(topic !== undefined && isCommand(topic) ? COMMANDS[topic].help : MAIN_HELP);
    return 0;
  }
  if (first === undefined) {
    io.stderr.write(MAIN_HELP);
    return 2;
  }
  if (!isCommand(first)) {
    io.stderr.write(`wikirev: unknown command '${first}'\nTry 'wikirev --help'.\n`);
    return 2;
  }
  try {
    return await COMMANDS[first].run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      // A queue subcommand's usage error points at that subcommand's help.
      const sub = first === 'queue' && isQueueSubcommand(rest[0]) ? ` ${rest[0]}` : '';
      io.stderr.write(`wikirev: ${error.message}\nTry 'wikirev ${first}${sub} --help'.\n`);
      return 2;
    }
    if (error instanceof InputError || error instanceof WikirevError) {
      io.stderr.write(`wikirev: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(
      `wikirev: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
