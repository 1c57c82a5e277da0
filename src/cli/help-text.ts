/**
 * The `--help` lines of options several commands share, each written once, and the one layout
 * every command's option list is composed with.
 */

/** One option's help: the flags as typed, and what it does (`\n` where the text wraps). */
export type HelpLine = readonly [flags: string, text: string];

/** The options several commands share. */
export const HELP_LINES = {
  help: ['-h, --help', 'this help'],
  quiet: ['-q, --quiet', 'no progress line (it is shown only when standard error is a terminal)'],
  strict: [
    '--strict[=LEVEL]',
    'fail (exit 1) on warnings and errors; =info: on any diagnostic,\n=error: on errors only',
  ],
  timeout: ['--timeout SECONDS', 'HTTP timeout (default 30)'],
  maxInputBytes: [
    '--max-input-bytes N',
    'bytes of one input read whole: a file, stdin, an HTTP body (default\n256M; K, M, G allowed); XML dump files are streamed, not counted',
  ],
  out: ['-o, --out FILE', 'write to FILE instead of standard output'],
  contact: [
    '--contact EMAIL|URL',
    "added to the User-Agent, so the wiki's operators can reach you",
  ],
  maxRequests: [
    '--max-requests N',
    "requests of one page's or user's fetch with --api (default 10000)",
  ],
  title: ['--title TEXT', 'report title (default "Revision report")'],
  formatText: ['--format text|json', 'output format (default text)'],
} as const satisfies Record<string, HelpLine>;

/** The help of `COMMON_OPTIONS` (parse-options.ts), last in the lists of the commands that read inputs. */
export const COMMON_LINES: readonly HelpLine[] = [
  HELP_LINES.strict,
  HELP_LINES.quiet,
  HELP_LINES.timeout,
  HELP_LINES.maxInputBytes,
  HELP_LINES.help,
];

/** Where the texts start: two spaces, the flags padded to 21, two spaces. */
const COLUMN = 25;

/**
 * An option list as `--help` prints it: texts aligned at one column, wrapped lines indented to
 * it, flags too long for the column followed by two spaces (or by the text on the next line,
 * when it starts with `\n`).
 *
 * @example
 * ```ts
 * optionsHelp([HELP_LINES.out, HELP_LINES.help])
 * // '  --out FILE             write to FILE instead of standard output\n  -h, --help             this help'
 * ```
 */
export function optionsHelp(lines: readonly HelpLine[]): string {
  return lines
    .map(([flags, text]) => {
      const [first, ...rest] = text.split('\n');
      // A text starting with a line break starts under the column (flags too long for it).
      const head = first === '' ? `  ${flags}` : `  ${flags.padEnd(COLUMN - 4)}  ${first}`;
      return [head, ...rest.map((line) => `${' '.repeat(COLUMN)}${line}`)].join('\n');
    })
    .join('\n');
}
