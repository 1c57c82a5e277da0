/**
 * `wikirev/testing`: helpers for users' own test suites (node:test, vitest, jest), throwing
 * `node:assert`'s `AssertionError`, and `buildFeed` to write MediaWiki-shaped feed fixtures.
 * @packageDocumentation
 */

export type { ExpectedLineChange } from './testing/assert-diff.js';
export { assertDiff } from './testing/assert-diff.js';
export type {
  AssertSectionsChangedOptions,
  SectionRef,
} from './testing/assert-sections-changed.js';
export { assertSectionsChanged } from './testing/assert-sections-changed.js';
export type { BuildFeedKind, BuildFeedOptions, FeedRevision } from './testing/build-feed.js';
export { buildFeed } from './testing/build-feed.js';
export type { FormatDiffSnapshotOptions } from './testing/format-diff-snapshot.js';
export { formatDiffSnapshot } from './testing/format-diff-snapshot.js';
