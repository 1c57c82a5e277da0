/**
 * How one GET is sent where it runs. MediaWiki's rules for browsers
 * (https://www.mediawiki.org/wiki/API:Etiquette, API:Cross-site_requests): a page cannot set
 * `User-Agent`, so the agent goes in `Api-User-Agent`; a cross-site read of the Action API needs
 * `origin=*` (anonymous CORS), which index.php does not offer; and a browser's `redirect:
 * 'manual'` hides the `Location` (an opaque answer), so the browser follows redirects itself.
 * Node, Deno and Bun send `User-Agent` and the redirects are followed by hand.
 */

/** The URL, headers and redirect mode of one request. */
export interface RequestShape {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly redirect: 'manual' | 'follow';
}

/**
 * True in a browser page or a Web Worker. Node, Deno and Bun have neither `document` nor
 * `importScripts`, and all three report `process.versions.node`, which also keeps a test DOM
 * (jsdom, happy-dom) in Node on Node's rules.
 */
export function runsInBrowser(): boolean {
  const scope = globalThis as {
    document?: unknown;
    importScripts?: unknown;
    process?: { versions?: { node?: unknown } };
  };
  if (typeof scope.process?.versions?.node === 'string') return false;
  return typeof scope.document === 'object' || typeof scope.importScripts === 'function';
}

/**
 * The shape of a GET of `url` with wikirev's User-Agent.
 *
 * @param url - The absolute URL.
 * @param userAgent - The agent string (see `userAgentOf`).
 * @param accept - The `Accept` header.
 * @param browser - Whether the browser's rules apply (detected by default).
 * @returns The URL to fetch, its headers and the redirect mode.
 * @example
 * ```ts
 * requestShape('https://w.example/w/api.php?action=query', 'wikirev/0.1.0', 'application/json', true).url
 * // 'https://w.example/w/api.php?action=query&origin=*'
 * ```
 */
export function requestShape(
  url: string,
  userAgent: string,
  accept: string,
  browser: boolean = runsInBrowser(),
): RequestShape {
  if (!browser) {
    return { url, headers: { 'User-Agent': userAgent, Accept: accept }, redirect: 'manual' };
  }
  const target = new URL(url);
  if (
    target.pathname.endsWith('/api.php') &&
    target.searchParams.has('action') &&
    !target.searchParams.has('origin')
  ) {
    target.searchParams.set('origin', '*');
  }
  return {
    url: target.href,
    headers: { 'Api-User-Agent': userAgent, Accept: accept },
    redirect: 'follow',
  };
}
