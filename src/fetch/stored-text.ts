/**
 * The stored bytes of a revision whose API text does not hash to the API's `sha1`.
 *
 * The Action API passes every string of its answer through `UtfNormal\Validator::cleanUp`, which
 * normalises it to Unicode NFC, while `sha1` is that of the stored bytes. Web edits are stored
 * in NFC, but imports and maintenance scripts can store other forms (seen on the test wiki: a
 * page saved in NFD); for those the API text is not the stored text. `index.php?action=raw`
 * sends the stored bytes as they are, so that answer is fetched and checked against the `sha1`.
 */
import { sha1Hex } from '../revisions/sha1.js';
import type { FetchOptions } from './fetch-options.js';
import { type RequestCounter, request } from './http-client.js';

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `index.php` beside `api.php` (the wiki's `$wgScript`, which is where `api.php` lives). */
export function indexUrlOf(api: URL): URL {
  return new URL(api.pathname.replace(/api\.php$/, 'index.php'), api);
}

/**
 * The API revision object with its text replaced by the stored bytes, when the API text does not
 * hash to its `sha1` but is the NFC form of a text fetched through `action=raw` that does.
 * Otherwise the object as it was (the mismatch is then handled by `readApiRevision`).
 *
 * @param raw - A revision object of a `prop=revisions` answer (`rvslots=main`).
 * @param api - The API URL.
 * @param options - Fetch options (User-Agent, timeouts, retries).
 * @param counter - The calling function's request counter.
 * @returns The revision object, repaired where it could be.
 */
export async function withStoredText(
  raw: unknown,
  api: URL,
  options: FetchOptions,
  counter: RequestCounter,
): Promise<unknown> {
  // An id past 2^53 − 1 would name another revision: readApiRevision refuses it.
  if (!isObject(raw) || !Number.isSafeInteger(raw.revid) || !isObject(raw.slots)) return raw;
  const main = raw.slots.main;
  if (!isObject(main) || typeof main.content !== 'string') return raw;
  const sha1 = typeof main.sha1 === 'string' ? main.sha1 : raw.sha1;
  if (typeof sha1 !== 'string' || sha1Hex(main.content) === sha1) return raw;
  const url = new URL(indexUrlOf(api));
  url.searchParams.set('action', 'raw');
  url.searchParams.set('oldid', String(raw.revid));
  let stored: string;
  try {
    stored = await request(url.href, 'text/x-wiki, text/plain', options, counter, (answer) =>
      new TextDecoder('utf-8', { fatal: true }).decode(answer.bytes),
    );
  } catch {
    // No raw action (a wiki that turns it off, a proxy): the API's own answer stands.
    return raw;
  }
  if (sha1Hex(stored) !== sha1 || stored.normalize('NFC') !== main.content) return raw;
  return { ...raw, slots: { ...raw.slots, main: { ...main, content: stored } } };
}
