/** Which wiki a feed comes from, so that feeds of two wikis are never merged. */
import type { Feed } from '../model.js';

/** A wiki as its URLs tell it. */
export interface Wiki {
  /** Lowercased host with port. */
  readonly host: string;
  /**
   * The folder of `index.php` and `api.php` (`$wgScriptPath` + `/`, e.g. `/w/`), or `null`
   * when no URL seen shows it: article URLs (`/wiki/Page`, `/Page`) do not.
   */
  readonly scriptPath: string | null;
}

/**
 * The wiki of a feed. The host comes from its HTML page or request URL; the script path from
 * the first of those or of its entry links that is a script URL. RSS feeds have no request
 * URL and name their page by its article URL, but their entry links are `index.php?…&diff=`.
 */
export function wikiOfFeed(feed: Feed): Wiki | null {
  let host: string | null = null;
  for (const url of [feed.siteUrl, feed.selfUrl]) {
    const wiki = wikiOfUrl(url);
    if (wiki === null) continue;
    host ??= wiki.host;
    if (wiki.host === host && wiki.scriptPath !== null) return wiki;
  }
  if (host === null) return null;
  for (const entry of feed.entries) {
    const wiki = wikiOfUrl(entry.url);
    if (wiki?.host === host && wiki.scriptPath !== null) return wiki;
  }
  return { host, scriptPath: null };
}

/** The wiki of a URL (an `api.php`, a page), or `null` when it is not a URL. */
export function wikiOfUrl(url: string | null): Wiki | null {
  if (url === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // `/w/index.php?title=…`, `/w/index.php/Page`, `/w/api.php?…`: the script path is the folder.
  const script = /^(.*\/)(?:index|api)\.php(?:\/|$)/.exec(parsed.pathname);
  return { host: parsed.host.toLowerCase(), scriptPath: script?.[1] ?? null };
}

/**
 * Whether `other` is provably another wiki than `wiki`: another host, or another script path
 * on the same host (`/wiki-a/` and `/wiki-b/`). An unknown script path proves nothing.
 */
export function isOtherWiki(wiki: Wiki, other: Wiki): boolean {
  if (wiki.host !== other.host) return true;
  return (
    wiki.scriptPath !== null && other.scriptPath !== null && wiki.scriptPath !== other.scriptPath
  );
}

/** The reference wiki: the first one given, its script path from the first that shows it. */
export function firstWiki(wikis: readonly (Wiki | null)[]): Wiki | null {
  const first = wikis.find((wiki) => wiki !== null) ?? null;
  if (first === null || first.scriptPath !== null) return first;
  return wikis.find((wiki) => wiki?.host === first.host && wiki.scriptPath !== null) ?? first;
}

/** A wiki as diagnostics name it: the host, and the script path where it tells two apart. */
export function describeWiki(wiki: Wiki, other: Wiki): string {
  return wiki.host === other.host ? `${wiki.host}${wiki.scriptPath ?? ''}` : wiki.host;
}
