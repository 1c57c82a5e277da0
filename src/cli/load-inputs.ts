/**
 * Reading the CLI's inputs: files, `-` (stdin) and http(s) URLs of MediaWiki feeds, each parsed
 * into a feed; diagnostics printed as warnings.
 */
import type { Diagnostic } from '../errors.js';
import { WikirevError } from '../errors.js';
import { parseFeed } from '../feed/parse-feed.js';
import type { Feed } from '../model.js';
import { type CliIo, InputError } from './cli-io.js';
import { packageVersion } from './version.js';

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

/** The text of an error cause chain (`fetch failed: connect ECONNREFUSED …`). */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error && parts.length < 4; e = e.cause) {
    parts.push(e.message);
  }
  return parts.join(': ') || String(error);
}

async function fetchFeed(url: string, io: CliIo, timeoutSeconds: number): Promise<Uint8Array> {
  if (io.fetch === undefined) throw new InputError('fetching URLs is not available here');
  let response: Response;
  try {
    // MediaWiki redirects `Special:Contributions/U?feed=atom` to api.php (a 301): followed.
    response = await io.fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutSeconds * 1000),
      headers: {
        'User-Agent': `wikirev/${packageVersion()} (+https://www.npmjs.com/package/wikirev)`,
        Accept: 'application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.1',
      },
    });
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new InputError(`no answer within ${timeoutSeconds} s (use --timeout to wait longer)`);
    }
    throw new InputError(`cannot fetch: ${describe(error)}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    const where = response.url !== '' && response.url !== url ? ` (from ${response.url})` : '';
    throw new InputError(`HTTP ${response.status} ${response.statusText}${where}`.trimEnd());
  }
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new InputError(`no complete answer within ${timeoutSeconds} s`);
    }
    throw new InputError(`cannot read the answer: ${describe(error)}`);
  }
}

async function readInput(
  name: string,
  io: CliIo,
  timeoutSeconds: number,
): Promise<{ bytes: Uint8Array; remote: boolean }> {
  if (name === '-') return { bytes: await io.stdin(), remote: false };
  if (URL_RE.test(name)) return { bytes: await fetchFeed(name, io, timeoutSeconds), remote: true };
  try {
    return { bytes: await io.readFile(name), remote: false };
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
      const { bytes, remote } = await readInput(name, io, timeoutSeconds);
      try {
        loaded.push({ name: display, feed: parseFeed(bytes) });
      } catch (error) {
        if (error instanceof WikirevError) {
          const what =
            remote && (error.code === 'NOT_A_FEED' || error.code === 'INVALID_XML')
              ? 'the answer is not a MediaWiki feed: '
              : '';
          throw new InputError(`${what}${error.message}`);
        }
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
