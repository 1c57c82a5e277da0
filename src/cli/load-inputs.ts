/**
 * Reading the CLI's inputs: files, `-` (stdin) and http(s) URLs of MediaWiki feeds, each parsed
 * into a feed; diagnostics printed as warnings.
 */
import { fileUnreadable } from '../dump/file-unreadable.js';
import { compressionOf } from '../dump/open-dump-source.js';
import type { Diagnostic } from '../errors.js';
import { WikirevError } from '../errors.js';
import { parseFeed } from '../feed/parse-feed.js';
import { FetchError } from '../fetch/fetch-error.js';
import { fetchFeed } from '../fetch/fetch-feed.js';
import { DEFAULT_LIMITS } from '../limits.js';
import type { Feed, FeedEntry } from '../model.js';
import { type CliIo, type CommandIo, InputError, UsageError } from './cli-io.js';
import { fetchMessage } from './fetch-message.js';
import { readBounded } from './read-bounded.js';

/** Options of {@link loadInputs}. */
export interface LoadInputsOptions {
  /**
   * Seconds an HTTP request may take, redirects included.
   * @default 30
   */
  readonly timeoutSeconds?: number;
  /**
   * Bytes of one input (standard input, a file, an HTTP body), counted as they arrive.
   * @default DEFAULT_LIMITS.maxInputBytes (256 MiB)
   */
  readonly maxInputBytes?: number;
}

/** A parsed input and the name it is reported under. */
export interface LoadedFeed {
  readonly name: string;
  readonly feed: Feed;
}

const URL_RE = /^https?:\/\//i;

/** The text of an error cause chain (`EACCES: permission denied …`). */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error && parts.length < 4; e = e.cause) {
    parts.push(e.message);
  }
  return parts.join(': ') || String(error);
}

/** A feed URL through the fetch edge (the one HTTP client): redirects, retries, User-Agent. */
async function fetchInput(
  url: string,
  io: CliIo,
  timeoutSeconds: number,
  maxInputBytes: number,
): Promise<Feed> {
  if (io.fetch === undefined) throw new InputError('fetching URLs is not available here');
  try {
    return await fetchFeed(url, {
      fetch: io.fetch,
      timeoutMs: timeoutSeconds * 1000,
      maxInputBytes,
    });
  } catch (error) {
    if (error instanceof FetchError) throw new InputError(fetchMessage(error));
    if (error instanceof WikirevError) throw new InputError(error.message);
    throw error;
  }
}

/**
 * Checks that `-` can be read: a terminal on standard input means nothing was piped, and
 * waiting for it would look like a hang.
 *
 * @param names - The inputs.
 * @param io - Whether stdin is a terminal.
 * @throws UsageError when `-` is given and stdin is a terminal.
 * @example
 * ```ts
 * checkStdin(['-'], { ...io, stdinIsTTY: true }) // throws UsageError
 * ```
 */
export function checkStdin(names: readonly string[], io: CliIo): void {
  if (io.stdinIsTTY === true && names.includes('-')) {
    throw new UsageError(
      "'-' reads standard input, but it is a terminal: pipe a feed in (wikirev report - < feed.xml) or name a file",
    );
  }
}

/**
 * The bytes of a file or of standard input, at most `maxInputBytes` of them.
 *
 * @param name - A path, or `-` for standard input.
 * @param io - The injected streams and files.
 * @param maxInputBytes - The limit.
 * @returns The bytes.
 * @throws InputError (`no such file`, `permission denied`, too large) without the name.
 * @example
 * ```ts
 * await readLocal('page.wiki', io, 268435456) // Uint8Array(…)
 * ```
 */
export async function readLocal(
  name: string,
  io: CliIo,
  maxInputBytes: number,
): Promise<Uint8Array> {
  if (name === '-') return readBounded(io.stdin(), maxInputBytes);
  try {
    return await readBounded(io.readFile(name), maxInputBytes);
  } catch (error) {
    if (error instanceof InputError) throw error;
    // A file system refusal is worded as a dump file's, by the one helper (the name added by the caller).
    if (typeof (error as { code?: unknown }).code === 'string') {
      throw new InputError(fileUnreadable(name, error).detail);
    }
    throw new InputError(`cannot read: ${describe(error)}`);
  }
}

/**
 * Standard input's bytes, refused when they are a dump or compressed: dumps are streamed from
 * files (cut in units, read by workers), and "not a feed" or "not valid UTF-8" would not say so.
 */
function pipedDump(name: string, bytes: Uint8Array): Uint8Array {
  if (name !== '-') return bytes;
  const compressed = compressionOf(bytes);
  if (compressed !== 'none') {
    throw new InputError(
      `${compressed}-compressed: give a dump as a file path (feeds are read uncompressed; wikirev dump-stats reads a dump from standard input)`,
    );
  }
  if (/<mediawiki[\s>]/.test(new TextDecoder().decode(bytes.subarray(0, 4096)))) {
    throw new InputError(
      'an XML dump, which this command reads from a file: give its path (wikirev dump-stats reads one from standard input)',
    );
  }
  return bytes;
}

/**
 * Reads and parses every input in order; the first unusable one throws an {@link InputError}
 * whose message starts with the input's name.
 *
 * @param names - File paths, `-`, or http(s) URLs.
 * @param io - The injected streams, files and fetch.
 * @param options - See {@link LoadInputsOptions}.
 * @returns The feeds with their names.
 * @throws InputError naming the input.
 * @example
 * ```ts
 * const [first] = await loadInputs(['feed.atom.xml'], io);
 * first.feed.kind // 'contributions'
 * ```
 */
export async function loadInputs(
  names: readonly string[],
  io: CommandIo,
  options: LoadInputsOptions = {},
): Promise<LoadedFeed[]> {
  const timeoutSeconds = options.timeoutSeconds ?? 30;
  const maxInputBytes = options.maxInputBytes ?? DEFAULT_LIMITS.maxInputBytes;
  checkStdin(names, io);
  const loaded: LoadedFeed[] = [];
  for (const [k, name] of names.entries()) {
    if (names.length > 1) io.progress(`reading ${k + 1}/${names.length} ${name.slice(0, 60)}`);
    const display = name === '-' ? '<stdin>' : name;
    try {
      const feed = URL_RE.test(name)
        ? await fetchInput(name, io, timeoutSeconds, maxInputBytes)
        : parseFeed(pipedDump(name, await readLocal(name, io, maxInputBytes)), { maxInputBytes });
      loaded.push({ name: display, feed });
    } catch (error) {
      if (error instanceof InputError) throw new InputError(`${display}: ${error.message}`);
      if (error instanceof WikirevError) throw new InputError(`${display}: ${error.message}`);
      throw error;
    }
  }
  if (names.length > 1) io.progress('');
  return loaded;
}

/**
 * Prints diagnostics as `wikirev: warning: NAME, entry 3, revision 12: message [CODE]` lines:
 * the input, then the entry index and revision id where the diagnostic has them or the feed's
 * entry tells (the revision left out when the message names it already).
 *
 * @param name - The input (or `history`) the diagnostics belong to.
 * @param diagnostics - The diagnostics.
 * @param io - Where to print.
 * @param entries - The feed's entries, for the revision id of an entry's diagnostic.
 * @returns How many were printed.
 * @example
 * ```ts
 * printDiagnostics('feed.xml', feed.diagnostics, io) // 0
 * ```
 */
export function printDiagnostics(
  name: string,
  diagnostics: readonly Diagnostic[],
  io: CliIo,
  entries: readonly FeedEntry[] = [],
): number {
  for (const d of diagnostics) {
    let message = d.message;
    // A history diagnostic may start with the input's name (`FILE is the history of …`).
    const where = message.startsWith(`${name} `) ? [] : [name];
    if (d.entryIndex !== undefined) {
      where.push(`entry ${d.entryIndex}`);
      // Feed diagnostics start with their entry; it is said once, in the location.
      if (message.startsWith(`entry ${d.entryIndex}: `)) {
        message = message.slice(`entry ${d.entryIndex}: `.length);
      }
    }
    const revision =
      d.revisionId ?? (d.entryIndex === undefined ? null : entries[d.entryIndex]?.revisionId);
    if (revision != null && !message.includes(`revision ${revision}`)) {
      where.push(`revision ${revision}`);
    }
    const place = where.length === 0 ? '' : `${where.join(', ')}: `;
    io.stderr.write(`wikirev: ${d.severity}: ${place}${message} [${d.code}]\n`);
  }
  return diagnostics.length;
}

/** The least severity that fails a command under `--strict` (`--strict=info` for all). */
export type StrictLevel = Diagnostic['severity'];

/** Diagnostics counted by severity: all `--strict` needs of them, so that a stream keeps none. */
export type SeverityCounts = Record<StrictLevel, number>;

/**
 * Counts diagnostics by severity.
 *
 * @param diagnostics - The diagnostics to count.
 * @param counts - The counts to add to (changed in place); new ones without.
 * @returns `counts`.
 * @example
 * ```ts
 * countSeverities([{ severity: 'info', code: 'X', message: 'x' }]) // { info: 1, warning: 0, error: 0 }
 * ```
 */
export function countSeverities(
  diagnostics: readonly Diagnostic[],
  counts: SeverityCounts = { info: 0, warning: 0, error: 0 },
): SeverityCounts {
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

const RANK: Readonly<Record<StrictLevel, number>> = { info: 0, warning: 1, error: 2 };

/**
 * Applies `--strict`: fails when a diagnostic is at `level` or above.
 *
 * @param counts - Every diagnostic printed, counted by severity ({@link countSeverities}).
 * @param level - From `--strict` (`warning`), `--strict=info` or `--strict=error`; `null` without.
 * @throws InputError counting them by severity.
 * @example
 * ```ts
 * checkStrict({ info: 1, warning: 0, error: 0 }, 'warning') // no throw
 * checkStrict({ info: 1, warning: 0, error: 0 }, 'info') // throws '1 info (--strict=info)'
 * ```
 */
export function checkStrict(counts: Readonly<SeverityCounts>, level: StrictLevel | null): void {
  if (level === null) return;
  const parts = (['error', 'warning', 'info'] as const)
    .filter((s) => RANK[s] >= RANK[level] && counts[s] > 0)
    .map((s) => `${counts[s]} ${s}${counts[s] === 1 || s === 'info' ? '' : 's'}`);
  if (parts.length === 0) return;
  throw new InputError(`${parts.join(', ')} (--strict${level === 'warning' ? '' : `=${level}`})`);
}
