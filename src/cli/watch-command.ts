/**
 * `wikirev watch`: follows a live wiki and prints each new revision as it is saved, with its diff
 * stats and the sections it touched; optionally keeps an HTML report of them up to date on disk.
 */
import type { Diagnostic } from '../errors.js';
import { FetchError } from '../fetch/fetch-error.js';
import { type WatchedRevision, type WatchSource, watchChanges } from '../fetch/watch-changes.js';
import type { Revision } from '../model.js';
import { analyzeHistory } from '../report/analyze-history.js';
import { displayTime } from '../report/dates.js';
import type { RevisionReport } from '../report/history-report.js';
import { renderReport } from '../report/render-report.js';
import { buildHistory } from '../revisions/build-history.js';
import { type CommandIo, InputError, UsageError } from './cli-io.js';
import { fetchMessage } from './fetch-message.js';
import { HELP_LINES, optionsHelp } from './help-text.js';
import { printDiagnostics } from './load-inputs.js';
import {
  COMMON_OPTIONS,
  countOption,
  maxInputBytesOption,
  type OptionSpec,
  parseOptions,
  timeoutOption,
} from './parse-options.js';
import { terminalText } from './terminal-text.js';
import { writeOutput } from './write-output.js';

/** The options `wikirev watch` accepts (each documented in its help). */
export const WATCH_OPTIONS = {
  // No --strict: a watch has no end at which to fail.
  help: COMMON_OPTIONS.help,
  quiet: COMMON_OPTIONS.quiet,
  timeout: COMMON_OPTIONS.timeout,
  'max-input-bytes': COMMON_OPTIONS['max-input-bytes'],
  api: { type: 'string' },
  page: { type: 'string' },
  user: { type: 'string' },
  interval: { type: 'string' },
  html: { type: 'string' },
  'max-revisions': { type: 'string' },
  contact: { type: 'string' },
} as const satisfies OptionSpec;

/** `wikirev watch --help`. */
export const WATCH_HELP = `Usage: wikirev watch <feed-url>
       wikirev watch --api URL [--page TITLE] [--user NAME]

Follows a live wiki: prints each new revision as it is saved (time, id, page, user, bytes and
lines changed, sections touched, summary), until Ctrl-C. With --api, the wiki's recent changes
(of one page or one user if given); else any feed URL (recent changes, a page's history, a
user's contributions). Polls politely: one request at a time, maxlag, backoff after failures,
conditional requests where the feed allows them.

Options:
  --api URL              a wiki's api.php: follow its recent changes
  --page TITLE           with --api: only this page
  --user NAME            with --api: only this user's edits
  --interval TIME        time between polls: 60s (default), 5m, 1h, or seconds
  --html FILE            keep an HTML report of the revisions seen in FILE (replaced whole
                         after each new revision)
  --max-revisions N      revisions kept for --html, oldest dropped first (default 5000)
${optionsHelp([
  HELP_LINES.contact,
  HELP_LINES.quiet,
  HELP_LINES.timeout,
  // watch reads no file, standard input or dump: only the wiki's answers.
  ['--max-input-bytes N', 'bytes of one answer of the wiki (default 256M; K, M, G allowed)'],
  HELP_LINES.help,
])}

Examples:
  wikirev watch --api https://wiki.example.org/w/api.php --contact me@example.org
  wikirev watch --interval 5m --html sandbox.html 'https://wiki.example.org/w/index.php?title=Sandbox&action=history&feed=atom'
`;

const UNITS: Readonly<Record<string, number>> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * The `--interval` value in milliseconds: `60s`, `5m`, `1h` or seconds, at least one second.
 *
 * @example
 * ```ts
 * intervalOption('5m') // 300000
 * ```
 */
export function intervalOption(value: string | undefined): number {
  if (value === undefined) return 60_000;
  const m = /^\s*(\d{1,6}(?:\.\d+)?)\s*([smh]?)\s*$/i.exec(value);
  const ms = m === null ? Number.NaN : Number(m[1]) * (UNITS[(m[2] ?? '').toLowerCase()] ?? 1000);
  if (!(ms >= 1000)) {
    throw new UsageError(`--interval must be a time of at least 1s (60s, 5m, 1h), got '${value}'`);
  }
  return ms;
}

function signed(n: number | null): string {
  if (n === null) return '? bytes';
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toLocaleString('en-US')} bytes`;
}

/** One line per revision: what a person scanning the terminal wants first. */
function line(r: RevisionReport): string {
  const when = r.timestamp === null ? 'unknown time' : displayTime(r.timestamp, 'UTC');
  const lines = r.linesAdded === null ? '' : `, +${r.linesAdded}/−${r.linesRemoved ?? 0} lines`;
  const flags = [r.created ? 'new page' : null, r.minor ? 'minor' : null, r.bot ? 'bot' : null]
    .filter((f) => f !== null)
    .join(', ');
  const sections =
    r.sections === null
      ? ''
      : ` · sections: ${
          r.sections.length === 0
            ? 'none'
            : r.sections
                .map(
                  (s) =>
                    (s.kind === 'renamed'
                      ? `${s.oldTitle} → ${s.newTitle}`
                      : (s.newTitle ?? s.oldTitle)) || '(lead)',
                )
                .join(', ')
        }`;
  const comment = r.comment === null || r.comment === '' ? '' : ` · “${r.comment}”`;
  const text = `${when} r${r.id} ${r.pageTitle} · ${r.user ?? '(hidden)'} · ${signed(r.sizeChange)}${lines}${flags === '' ? '' : ` (${flags})`}${sections}${comment}`;
  return `${text.replace(/[\r\n]+/g, ' ')}\n`;
}

/** The report line of one watched revision (its parent given so that sizes and diffs are known). */
function analyzeOne(change: WatchedRevision): RevisionReport | null {
  const revisions = change.parent === null ? [change.revision] : [change.parent, change.revision];
  const report = analyzeHistory(buildHistory([], { revisions }), { diffs: false });
  const found = report.pages.flatMap((p) => p.revisions).find((r) => r.id === change.revision.id);
  if (found === undefined) return null;
  // A revision from a feed keeps the flags buildHistory does not carry from feeds.
  return {
    ...found,
    minor: change.revision.minor ?? found.minor,
    bot: change.revision.bot ?? found.bot,
  };
}

/**
 * Runs `wikirev watch` until Ctrl-C (`io.interrupt`).
 *
 * @param args - The arguments after `watch`.
 * @param io - The injected streams, fetch, clock, sleep and Ctrl-C.
 * @returns The exit code: 0 when stopped.
 * @throws UsageError, InputError (mapped to exit codes by `run`).
 * @example
 * ```ts
 * await watchCommand(['--api', 'http://127.0.0.1:8089/api.php', '--interval', '10s'], io)
 * // stdout: '2026-12-06 01:50 r12 Sandbox · 127.0.0.1 · +5 bytes, +1/−0 lines · sections: (lead)\n'
 * ```
 */
export async function watchCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, WATCH_OPTIONS);
  if (values.help === true) {
    io.stdout.write(WATCH_HELP);
    return 0;
  }
  let source: WatchSource;
  if (values.api !== undefined) {
    if (positionals.length > 0) throw new UsageError('give --api URL or a feed URL, not both');
    if (!/^https?:\/\//i.test(values.api)) {
      throw new UsageError(`--api must be the http(s) URL of api.php, got '${values.api}'`);
    }
    source = {
      kind: 'api',
      api: values.api,
      ...(values.page === undefined ? {} : { title: values.page }),
      ...(values.user === undefined ? {} : { user: values.user }),
    };
  } else {
    const [url, ...rest] = positionals;
    if (url === undefined) throw new UsageError('nothing to watch: give a feed URL or --api URL');
    if (rest.length > 0) throw new UsageError('one feed URL at a time');
    if (!/^https?:\/\//i.test(url)) {
      throw new UsageError(`watch follows a live wiki: give an http(s) feed URL, got '${url}'`);
    }
    if (values.page !== undefined || values.user !== undefined) {
      throw new UsageError('--page and --user go with --api (a feed URL names its own)');
    }
    source = { kind: 'feed', url };
  }
  if (io.fetch === undefined) throw new InputError('fetching URLs is not available here');
  if (values.html !== undefined && io.writeFile === undefined) {
    throw new UsageError('--html is not available here');
  }
  const intervalMs = intervalOption(values.interval);
  const maxRevisions = countOption('--max-revisions', values['max-revisions'], 5000);
  const name = source.kind === 'api' ? source.api : source.url;
  const progress = io.progress;
  const signal = io.interrupt?.() ?? new AbortController().signal;
  const kept = new Map<number, Revision>();
  let count = 0;
  const diagnostics: Diagnostic[] = [];
  const changes = watchChanges(source, {
    fetch: io.fetch,
    intervalMs,
    signal,
    timeoutMs: timeoutOption(values.timeout) * 1000,
    maxInputBytes: maxInputBytesOption(values['max-input-bytes']),
    ...(values.contact === undefined ? {} : { contact: values.contact }),
    ...(io.sleep === undefined ? {} : { sleep: io.sleep }),
    onDiagnostic: (d) => {
      progress('');
      printDiagnostics(name, [d], io);
      diagnostics.push(d);
    },
    onProgress: (p) => {
      if (p.kind === 'request') progress(`watching ${name}: ${count} new revisions; polling`);
      else if (p.kind === 'wait') {
        progress(`watching ${name}: waiting ${Math.ceil(p.delayMs / 1000)} s (${p.reason})`);
      }
    },
  });
  try {
    progress(`watching ${name}`);
    for await (const change of changes) {
      count++;
      progress('');
      const report = analyzeOne(change);
      if (report !== null) {
        io.stdout.write(io.stdoutIsTTY === true ? terminalText(line(report)) : line(report));
      }
      if (values.html !== undefined) {
        for (const r of [change.parent, change.revision]) if (r !== null) kept.set(r.id, r);
        while (kept.size > maxRevisions) kept.delete(kept.keys().next().value!);
        const history = buildHistory([], { revisions: [...kept.values()] });
        const html = renderReport(
          analyzeHistory(history, { ...(io.now === undefined ? {} : { now: io.now() }) }),
          { format: 'html', title: `Watching ${name}` },
        );
        await writeOutput(html, values.html, io);
      }
      progress(`watching ${name}: ${count} new revision${count === 1 ? '' : 's'}`);
    }
  } catch (error) {
    if (error instanceof FetchError) throw new InputError(`${name}: ${fetchMessage(error)}`);
    if (error instanceof TypeError) throw new InputError(`${name}: ${error.message}`);
    throw error;
  } finally {
    progress('');
  }
  io.stderr.write(
    `wikirev: stopped watching ${name} after ${count} new revision${count === 1 ? '' : 's'}\n`,
  );
  return 0;
}
