/**
 * Fuzzing `buildHistory` with fast-check (fixed seed, bounded runs: seconds). Feeds are written by
 * `buildFeed` from random revisions (few ids, titles and lines, so duplicates, shared texts and
 * empty pages are common), then their links are scrambled (`oldid=` of any id, the entry's own
 * included: self-parents and cycles) before `parseFeed` reads them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseFeed } from '../src/feed/parse-feed.js';
import type { Feed, History } from '../src/model.js';
import { buildHistory } from '../src/revisions/build-history.js';
import { buildFeed, type FeedRevision } from '../src/testing/build-feed.js';

const SEED = 13;

const line = fc.constantFrom('== A ==', '== B ==', 'text', 'more text', '', '* item', '|-', '}}');
const text = fc.array(line, { maxLength: 8 }).map((lines) => lines.join('\n'));
const revisionAt = (id: number) =>
  fc.record({
    id: fc.constant(id),
    pageTitle: fc.constantFrom('Alpha', 'Beta', 'Gamma/Sub'),
    // Not '': a contributions feed shows a hidden text as empty too (FORMAT.md 8).
    text: fc.option(
      text.filter((t) => t !== ''),
      { freq: 6 },
    ),
    timestamp: fc.option(
      fc.integer({ min: 0, max: 50 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString()),
      { freq: 8 },
    ),
    user: fc.constantFrom('Alice', 'Борис', '', '192.0.2.1'),
    comment: fc.constantFrom(
      '',
      '/* A */ x',
      'Undo revision 3 by [[Special:Contributions/Alice|Alice]]',
    ),
  });

/** Unique ids in ascending time, as one page's real history would have them. */
const uniqueRevisions = fc
  .uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 })
  .chain((ids) => fc.tuple(...ids.sort((a, b) => a - b).map(revisionAt)));

function invariants(history: History): void {
  const seen = new Set<number>();
  for (const page of history.pages) {
    for (const revision of page.revisions) {
      assert.ok(!seen.has(revision.id), `revision ${revision.id} appears twice`);
      seen.add(revision.id);
      assert.notEqual(revision.parentId, revision.id, `revision ${revision.id} is its own parent`);
    }
  }
  // Parent links must never loop: follow each chain, at most once per revision.
  const parent = new Map<number, number | null>();
  for (const page of history.pages) for (const r of page.revisions) parent.set(r.id, r.parentId);
  for (const start of parent.keys()) {
    const visited = new Set<number>();
    let at: number | null | undefined = start;
    while (at !== null && at !== undefined && parent.has(at)) {
      assert.ok(!visited.has(at), `parent cycle through revision ${at}`);
      visited.add(at);
      at = parent.get(at);
    }
  }
}

describe('buildHistory on random feeds (fast-check)', () => {
  test('contributions and history feeds of one history: every known text comes back exactly', () => {
    fc.assert(
      fc.property(uniqueRevisions, fc.constantFrom('atom', 'rss'), (revisions, format) => {
        // One page per title, revisions in id order: the history feed's diffs are then real.
        const byTitle = new Map<string, FeedRevision[]>();
        for (const r of revisions)
          byTitle.set(r.pageTitle, [...(byTitle.get(r.pageTitle) ?? []), r]);
        const feeds: Feed[] = [parseFeed(buildFeed(revisions, { format }))];
        for (const pageRevisions of byTitle.values()) {
          feeds.push(parseFeed(buildFeed(pageRevisions, { format, kind: 'history' })));
        }
        const history = buildHistory(feeds);
        invariants(history);
        const texts = new Map(history.pages.flatMap((p) => p.revisions.map((r) => [r.id, r.text])));
        for (const r of revisions) {
          if (r.text !== null) assert.equal(texts.get(r.id), r.text, `text of revision ${r.id}`);
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  test('scrambled links, duplicate ids: a history with diagnostics, no loop, no throw', () => {
    const anyRevisions = fc.array(
      fc.integer({ min: 1, max: 8 }).chain((id) => revisionAt(id)),
      { minLength: 1, maxLength: 10 },
    );
    fc.assert(
      fc.property(
        anyRevisions,
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 }),
        fc.constantFrom<'contributions' | 'history'>('contributions', 'history'),
        (revisions, oldids, kind) => {
          let k = 0;
          // A history feed is one page's.
          const inFeed =
            kind === 'history' ? revisions.map((r) => ({ ...r, pageTitle: 'Alpha' })) : revisions;
          const xml = buildFeed(inFeed, { kind }).replace(
            /&amp;diff=(\d+)(&amp;oldid=prev)?/g,
            (_all, id: string) => `&amp;diff=${id}&amp;oldid=${oldids[k++ % oldids.length]}`,
          );
          invariants(buildHistory([parseFeed(xml), parseFeed(buildFeed(revisions))]));
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});
