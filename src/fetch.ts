/**
 * `wikirev/fetch`: the I/O edge for live wikis. Feeds and whole revision histories from a
 * running MediaWiki (Action API), politely (User-Agent, maxlag, backoff) and robustly
 * (timeouts, retries, clear errors), into the same `Revision` model as the pure core.
 * @packageDocumentation
 */

export type { Sha1MismatchPolicy } from './fetch/api-revision.js';
export type {
  ContributionsQuery,
  FetchContributionsOptions,
} from './fetch/fetch-contributions.js';
export { fetchContributions } from './fetch/fetch-contributions.js';
export type { FetchErrorCode, FetchErrorDetails } from './fetch/fetch-error.js';
export { FetchError } from './fetch/fetch-error.js';
export type { FetchFeedOptions } from './fetch/fetch-feed.js';
export { fetchFeed } from './fetch/fetch-feed.js';
export type { FetchOptions, FetchProgress } from './fetch/fetch-options.js';
export type { FetchRevisionsOptions, RevisionsQuery } from './fetch/fetch-revisions.js';
export { fetchRevisions } from './fetch/fetch-revisions.js';
export { fetchWikiLinks } from './fetch/fetch-wiki-links.js';
export type { RevisionsToFeedOptions } from './fetch/revisions-to-feed.js';
export { revisionsToFeed } from './fetch/revisions-to-feed.js';
export type {
  WatchChangesOptions,
  WatchedRevision,
  WatchSource,
} from './fetch/watch-changes.js';
export { watchChanges } from './fetch/watch-changes.js';
