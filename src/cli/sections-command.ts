/**
 * `wikirev sections`: the sections of a wikitext file, or of a revision found in feeds.
 */
import { compressionOf } from '../dump/open-dump-source.js';
import { parseSections, type Section } from '../sections/parse-sections.js';
import { type CommandIo, InputError, UsageError } from './cli-io.js';
import { COMMON_LINES, HELP_LINES, optionsHelp } from './help-text.js';
import { loadHistory } from './load-history.js';
import { checkStdin, readLocal } from './load-inputs.js';
import {
  COMMON_OPTIONS,
  choice,
  commonLoadOptions,
  maxInputBytesOption,
  type OptionSpec,
  parseOptions,
} from './parse-options.js';
import { writeOutput } from './write-output.js';

/**
 * The root element (`feed`, `rss`, `mediawiki`) after an XML declaration and comments, as
 * `/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(feed|rss|mediawiki)[\s>]/` finds it, in
 * one pass: that pattern backtracked exponentially over a run of comments (2.2 s for 28
 * `<!---->`). A run of comments can end after any `-->` past its first `<!--`.
 */
function xmlRoot(head: string): string | null {
  const rootAt = (at: number) => /^<(feed|rss|mediawiki)[\s>]/.exec(head.slice(at))?.[1] ?? null;
  const skipSpaces = (at: number) => {
    while (at < head.length && /\s/.test(head[at]!)) at++;
    return at;
  };
  const at = skipSpaces(0);
  const declaration = /^<\?xml[^>]*\?>/.exec(head.slice(at));
  const starts = declaration === null ? [at] : [at, skipSpaces(at + declaration[0].length)];
  for (const start of starts) {
    const root = rootAt(start);
    if (root !== null) return root;
    if (!head.startsWith('<!--', start)) continue;
    for (let end = head.indexOf('-->', start + 4); end !== -1; end = head.indexOf('-->', end + 1)) {
      const found = rootAt(skipSpaces(end + 3));
      if (found !== null) return found;
    }
  }
  return null;
}

/** The options `wikirev sections` accepts (each documented in its help). */
export const SECTIONS_OPTIONS = {
  ...COMMON_OPTIONS,
  rev: { type: 'string' },
  format: { type: 'string' },
} as const satisfies OptionSpec;

/** `wikirev sections --help`. */
export const SECTIONS_HELP = `Usage: wikirev sections <file.wiki>
       wikirev sections <inputs...> --rev N

The sections of a page as MediaWiki numbers them (action=edit&section=N): one line each with
number, level, lines (- when none), anchor and title, tab-separated.

Options:
${optionsHelp([
  [
    '--rev N',
    'the revision to read from the feeds or dumps (without it the input\nmust be wikitext: a feed or a dump is a usage error)',
  ],
  HELP_LINES.formatText,
  ...COMMON_LINES,
])}

Examples:
  wikirev sections page.wiki
  wikirev sections contributions.atom.xml --rev 6197
`;

/**
 * What a feed or a dump given as wikitext is (`an Atom feed`, `a compressed XML dump`…), or `null`
 * for anything else: wikitext does not start with an XML declaration, a feed's root element or a
 * compressor's magic bytes.
 */
function xmlInputKind(bytes: Uint8Array): string | null {
  if (compressionOf(bytes) !== 'none') {
    return 'a compressed file (an XML dump?)';
  }
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  const root = xmlRoot(head);
  if (root !== null) {
    return root === 'feed' ? 'an Atom feed' : root === 'rss' ? 'an RSS feed' : 'an XML dump';
  }
  return /^\s*<\?xml[\s?]/.test(head) ? 'an XML document' : null;
}

function line(s: Section): string {
  const title = s.index === 0 ? '(lead)' : `${'  '.repeat(Math.max(0, s.level - 2))}${s.title}`;
  // An empty section (a page starting with a heading has an empty lead) has no lines: `-`.
  const lines = s.endLine < s.startLine ? '-' : `${s.startLine}-${s.endLine}`;
  return `${s.index}\t${s.level}\t${lines}\t${s.anchor === '' ? '-' : `#${s.anchor}`}\t${title.replace(/[\t\n]/g, ' ')}\n`;
}

/**
 * Runs `wikirev sections`.
 *
 * @param args - The arguments after `sections`.
 * @param io - The injected streams, files and fetch.
 * @returns The exit code.
 * @throws UsageError, InputError (mapped to exit codes by `run`).
 * @example
 * ```ts
 * await sectionsCommand(['page.wiki'], io) // 0; stdout '0\t0\t1-2\t-\t(lead)\n1\t2\t3-5\t#A\tA\n'
 * ```
 */
export async function sectionsCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, SECTIONS_OPTIONS);
  if (values.help === true) {
    io.stdout.write(SECTIONS_HELP);
    return 0;
  }
  const format = choice('--format', values.format, ['text', 'json']);
  let text: string;
  if (values.rev === undefined) {
    const [name, ...rest] = positionals;
    if (name === undefined) throw new UsageError('no input given (a .wiki file or -)');
    if (rest.length > 0) throw new UsageError('one wikitext file at a time, or feeds with --rev N');
    checkStdin([name], io);
    let bytes: Uint8Array;
    try {
      bytes = await readLocal(name, io, maxInputBytesOption(values['max-input-bytes']));
    } catch (error) {
      if (error instanceof InputError) {
        throw new InputError(`${name === '-' ? '<stdin>' : name}: ${error.message}`);
      }
      throw error;
    }
    const kind = xmlInputKind(bytes);
    if (kind !== null) {
      throw new UsageError(
        `${name === '-' ? '<stdin>' : name} is ${kind}, not wikitext: give --rev N to read a revision's sections from it`,
      );
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new InputError(`${name === '-' ? '<stdin>' : name}: not valid UTF-8`);
    }
  } else {
    const id = Number(values.rev.replace(/^r/, ''));
    if (!Number.isInteger(id) || id <= 0) {
      throw new UsageError(`--rev must be a revision id, got '${values.rev}'`);
    }
    const { history } = await loadHistory(positionals, io, commonLoadOptions(values));
    const inputName = positionals.length === 1 ? (positionals[0] ?? '') : 'inputs';
    const rev = history.pages.flatMap((p) => p.revisions).find((r) => r.id === id);
    if (rev === undefined) throw new InputError(`${inputName}: no revision ${id} in the inputs`);
    if (rev.text === null) {
      throw new InputError(`${inputName}: the text of revision ${id} is not known from the inputs`);
    }
    text = rev.text;
  }
  const sections = parseSections(text);
  await writeOutput(
    format === 'json' ? `${JSON.stringify(sections, null, 2)}\n` : sections.map(line).join(''),
    undefined,
    io,
  );
  return 0;
}
