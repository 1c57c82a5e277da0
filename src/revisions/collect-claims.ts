/** The first step of buildHistory: every feed of one wiki, then every API revision, read into claims. */
import type { Feed, Revision } from '../model.js';
import { readApiClaims } from './api-claims.js';
import { type Claims, emptyClaims } from './claims.js';
import { readFeedClaims } from './feed-claims.js';
import type { SourceNamer } from './source-names.js';
import { describeWiki, firstWiki, isOtherWiki, wikiOfFeed, wikiOfUrl } from './wikis.js';

/** What {@link collectClaims} needs of buildHistory's options. */
export interface CollectClaimsInput {
  readonly feeds: readonly Feed[];
  readonly revisions: readonly Revision[];
  /** The API's URL: its wiki decides which feeds are read; else the first feed with a URL. */
  readonly revisionsSiteUrl: string | null;
  readonly norm: (title: string) => string;
  /** Whether an API revision on this (normalised) title is its page's newest. */
  readonly isNewest: (title: string) => boolean;
  /** How diagnostics name the feeds. */
  readonly names: SourceNamer;
}

/**
 * Read every feed, in order, then every API revision into one {@link Claims}. A feed of
 * another wiki (host or script path) than the first is left out with `HISTORY_MIXED_WIKIS`:
 * revision ids of two wikis cannot be merged.
 */
export function collectClaims(input: CollectClaimsInput): Claims {
  const { feeds, norm } = input;
  const claims = emptyClaims();
  const feedWikis = feeds.map(wikiOfFeed);
  const wiki = firstWiki([wikiOfUrl(input.revisionsSiteUrl), ...feedWikis]);
  feeds.forEach((feed, feedIndex) => {
    const other = feedWikis[feedIndex] ?? null;
    if (wiki !== null && other !== null && isOtherWiki(wiki, other)) {
      claims.diagnostics.push({
        severity: 'error',
        code: 'HISTORY_MIXED_WIKIS',
        message: `${input.names.feed(feedIndex)} ("${feed.title}") is from ${describeWiki(other, wiki)}, the others from ${describeWiki(wiki, other)}: revision ids of two wikis cannot be merged, so this feed was left out`,
      });
      return;
    }
    readFeedClaims(claims, feed, feedIndex, norm, input.names);
  });
  input.revisions.forEach((revision, index) => {
    readApiClaims(claims, revision, index, norm, input.isNewest);
  });
  return claims;
}
