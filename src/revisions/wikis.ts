/** Which wiki a feed comes from, so that feeds of two wikis are never merged. */
import type { Feed } from '../model.js';

/** A wiki as its URLs tell it. */
export interface Wiki {
  /** Lowercased host with port. */
  readonly host: string;
}

/** The wiki of a feed, by its HTML page or request URL; `null` when neither is a URL. */
export function wikiOfFeed(feed: Feed): Wiki | null {
  for (const url of [feed.siteUrl, feed.selfUrl]) {
    const wiki = wikiOfUrl(url);
    if (wiki !== null) return wiki;
  }
  return null;
}

/** The wiki of a URL (an `api.php`, a page), or `null` when it is not a URL. */
export function wikiOfUrl(url: string | null): Wiki | null {
  if (url === null) return null;
  try {
    return { host: new URL(url).host.toLowerCase() };
  } catch {
    return null;
  }
}

/** Whether `other` is provably another wiki than `wiki`. */
export function isOtherWiki(wiki: Wiki, other: Wiki): boolean {
  return wiki.host !== other.host;
}

/** A wiki as diagnostics name it. */
export function describeWiki(wiki: Wiki): string {
  return wiki.host;
}
