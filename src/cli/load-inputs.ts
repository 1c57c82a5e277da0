/**
 * Reading the CLI's inputs: files, `-` (stdin) and http(s) URLs of MediaWiki feeds, each parsed
 * into a feed; diagnostics printed as warnings.
 */
import type { Diagnostic } from '../errors.js';
import { WikirevError } from '../errors.js';
import { parseFeed } from '../feed/parse-feed.js';
import { FetchError } from '../fetch/fetch-error.js';
import { fetchFeed } from '../fetch/fetch-feed.js';
import type { Feed } from '../model.js';
import { type CliIo, InputError } from './cli-io.js';
import { fetchMessage } from './fetch-message.js';

/** Options of {@link loadInputs}. */
export interface LoadInputsOptions {
  /**
   * Seconds an HTTP request may take, redirects included.
   * @default 30
   */
  readonly timeoutSeconds?: number;
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
async function fetchInput(url: string, io: CliIo, timeoutSeconds: number): Promise<Feed> {
  if (io.fetch === undefined) throw new InputError('fetching URLs is not available here');
  try {
    return await fetchFeed(url, { fetch: io.fetch, timeoutMs: timeoutSeconds * 1000 });
  } catch (error) {
    if (error instanceof FetchError) throw new InputError(fetchMessage(error));
    if (error instanceof WikirevError) throw new InputError(error.message);
    throw error;
  }
}

async function readInput(
  name: string,
  io: CliIo,
  timeoutSeconds: number,
): Promise<{ bytes: Uint8Array } | { feed: Feed }> {
  if (name === '-') return { bytes: await io.stdin() };
  if (URL_RE.test(name)) return { feed: await fetchInput(name, io, timeoutSeconds) };
  try {
    return { bytes: await io.readFile(name) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') throw new InputError('no such file');
    if (code === 'EISDIR') throw new InputError('is a directory');
    throw new InputError(`cannot read: ${describe(error)}`);
  }
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
  io: CliIo,
  options: LoadInputsOptions = {},
): Promise<LoadedFeed[]> {
  const timeoutSeconds = options.timeoutSeconds ?? 30;
  const loaded: LoadedFeed[] = [];
  for (const [k, name] of names.entries()) {
    if (io.isTTY && names.length > 1) {
      io.stderr.write(`\rwikirev: reading ${k + 1}/${names.length} ${name.slice(0, 60)}\x1b[K`);
    }
    const display = name === '-' ? '<stdin>' : name;
    try {
      const input = await readInput(name, io, timeoutSeconds);
      try {
        loaded.push({ name: display, feed: 'feed' in input ? input.feed : parseFeed(input.bytes) });
      } catch (error) {
        if (error instanceof WikirevError) throw new InputError(error.message);
        throw error;
      }
    } catch (error) {
      if (error instanceof InputError) throw new InputError(`${display}: ${error.message}`);
      throw error;
    }
  }
  if (io.isTTY && names.length > 1) io.stderr.write('\r\x1b[K');
  return loaded;
}

/**
 * Prints diagnostics as `wikirev: warning: NAME: message` lines.
 *
 * @param name - The input (or `history`) the diagnostics belong to.
 * @param diagnostics - The diagnostics.
 * @param io - Where to print.
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
): number {
  for (const d of diagnostics) {
    io.stderr.write(`wikirev: ${d.severity}: ${name}: ${d.message} [${d.code}]\n`);
  }
  return diagnostics.length;
}
