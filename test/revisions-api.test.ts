/**
 * buildHistory over revisions from MediaWiki's Action API (`options.revisions`): hand-built
 * cases for each rule, then the oracle corpus's own API answers
 * (fixtures/mediawiki-oracle/truth/revisions/*.anon.json, read as `fetchRevisions` reads them,
 * through readApiRevision) alone and merged with the real feeds, every result checked against
 * truth/.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../src/errors.js';
import { parseFeed } from '../src/feed/parse-feed.js';
import { readApiRevision } from '../src/fetch/api-revision.js';
import type { Feed, History, Revision } from '../src/model.js';
import { buildHistory } from '../src/revisions/build-history.js';

const ORACLE = new URL('../fixtures/mediawiki-oracle/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ORACLE));
const wikitext = (id: number) => read(`truth/wikitext/${id}.wiki`).toString('utf8');
const feedsIn = (folder: string, suffix: string): Feed[] =>
  readdirSync(new URL(folder, ORACLE))
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => parseFeed(read(`${folder}${name}`)));

interface TruthRevision {
  readonly revid: number;
  readonly parentid: number;
  readonly timestamp: string;
  readonly user?: string;
  readonly userhidden?: boolean;
  readonly sha1?: string;
  readonly sha1hidden?: boolean;
}
interface TruthPage {
  readonly title: string;
  readonly revisions: readonly TruthRevision[];
}

/** Every existing page as the anonymous API answered `prop=revisions` (all batches merged). */
const truthPages: TruthPage[] = readdirSync(new URL('truth/revisions/', ORACLE))
  .filter((name) => name.endsWith('.anon.json'))
  .sort()
  .map(
    (name) =>
      (JSON.parse(read(`truth/revisions/${name}`).toString('utf8')) as { page: TruthPage }).page,
  );
const hiddenNotes: Diagnostic[] = [];
/** The same revisions `fetchRevisions` yields for each page, oldest first. */
const apiRevisions: Revision[] = truthPages.flatMap((p) =>
  p.revisions.map((raw) =>
    readApiRevision(raw, p.title, { onDiagnostic: (d) => hiddenNotes.push(d) }),
  ),
);
const contributions = feedsIn('feeds/contributions/', '.limit500.atom.xml');
const histories = feedsIn('feeds/history/', '.limit500.atom.xml');
const recentChanges = parseFeed(read('feeds/recentchanges/limit500.atom.xml'));

function page(history: History, title: string) {
  const found = history.pages.find((p) => p.title === title);
  assert.ok(found, `page ${title} is in the history`);
  return found;
}

/** Every page of truth/ is there with the API's ids, parents, times, users and texts. */
function assertMatchesTruth(history: History, expectComplete: boolean): void {
  assert.deepEqual(history.pages.map((p) => p.title).sort(), truthPages.map((p) => p.title).sort());
  for (const truth of truthPages) {
    const found = page(history, truth.title);
    assert.deepEqual(
      found.revisions.map((r) => r.id),
      truth.revisions.map((r) => r.revid),
      truth.title,
    );
    found.revisions.forEach((revision, i) => {
      const t = truth.revisions[i]!;
      assert.equal(revision.parentKnown, true, `parent of ${t.revid} known`);
      assert.equal(revision.parentId, t.parentid === 0 ? null : t.parentid, `parent of ${t.revid}`);
      assert.equal(revision.timestamp, t.timestamp, `time of ${t.revid}`);
      assert.equal(revision.user, t.userhidden ? null : (t.user ?? null), `user of ${t.revid}`);
      assert.equal(revision.pageTitle, truth.title);
      if (t.sha1hidden) {
        assert.equal(revision.text, null, `text of ${t.revid} is hidden`);
      } else {
        assert.equal(revision.text, wikitext(t.revid), `text of ${t.revid}`);
        assert.equal(revision.sha1, t.sha1, `sha1 of ${t.revid}`);
        assert.equal(revision.textOrigin, 'api');
      }
    });
    assert.deepEqual(found.gaps, [], `${truth.title} has no gap`);
    assert.equal(found.complete, expectComplete, `${truth.title} complete`);
  }
}

describe('buildHistory with API revisions of the oracle corpus', () => {
  it('reads the 70 revisions of 17 pages, two texts hidden', () => {
    assert.equal(truthPages.length, 17);
    assert.equal(apiRevisions.length, 70);
    assert.deepEqual(
      hiddenNotes.filter((d) => d.code === 'REVISION_TEXT_HIDDEN').map((d) => d.revisionId),
      [56, 58],
    );
  });

  it('alone: every page whole, every text byte for byte, complete once the newest is declared', () => {
    const history = buildHistory([], { revisions: apiRevisions, revisionsIncludeNewest: true });
    assertMatchesTruth(history, true);
    assert.deepEqual(
      history.diagnostics.filter((d) => d.severity !== 'info'),
      [],
    );
    assert.deepEqual(page(history, 'New name').moves, [
      { from: 'Old name', to: 'New name', timestamp: '2026-11-21T20:55:48Z', revisionId: 47 },
    ]);
    // The hidden texts keep their proven parents and leave no gap.
    const revdel = page(history, 'Revdel target').revisions;
    assert.deepEqual(
      revdel.filter((r) => r.text === null).map((r) => [r.id, r.parentId, r.parentKnown]),
      [
        [56, 55, true],
        [58, 57, true],
      ],
    );
    assert.deepEqual(revdel[0]!.sources, [
      {
        feedIndex: -1,
        feedKind: 'api',
        entryIndex: apiRevisions.findIndex((r) => r.id === 55),
        gave: 'text',
      },
    ]);
  });

  it('alone, without the newest declared: whole chains but nothing complete', () => {
    const history = buildHistory([], { revisions: apiRevisions });
    assertMatchesTruth(history, false);
  });

  it('declared newest for some titles only: those pages complete', () => {
    const history = buildHistory([], {
      revisions: apiRevisions,
      revisionsIncludeNewest: ['Sandbox', 'revdel_target'],
    });
    assert.deepEqual(
      history.pages.filter((p) => p.complete).map((p) => p.title),
      ['Revdel target', 'Sandbox'],
    );
  });

  it('with every feed: one consistent history, the API text winning, no conflict', () => {
    const history = buildHistory([...contributions, ...histories, recentChanges], {
      revisions: apiRevisions,
    });
    // The history feeds prove the newest revisions.
    assertMatchesTruth(history, true);
    const serious = history.diagnostics.filter((d) => d.severity !== 'info');
    assert.deepEqual(
      serious.map((d) => [d.code, d.pageTitle]),
      [['HISTORY_PAGE_MISSING', 'Gone page']],
    );
    const sandbox = page(history, 'Sandbox').revisions[0]!;
    assert.ok(sandbox.sources.some((s) => s.feedKind === 'api'));
    assert.ok(sandbox.sources.some((s) => s.feedKind === 'history'));
  });

  it('with the contributions feeds only: complete only where declared', () => {
    const history = buildHistory(contributions, {
      revisions: apiRevisions,
      revisionsIncludeNewest: true,
    });
    assertMatchesTruth(history, true);
  });

  it('fetched from a later point (since): a gap at the start, never complete', () => {
    const later = apiRevisions.filter((r) => r.pageTitle !== 'Sandbox' || r.id >= 10);
    const history = buildHistory([], { revisions: later, revisionsIncludeNewest: true });
    const sandbox = page(history, 'Sandbox');
    assert.deepEqual(sandbox.gaps, [{ after: null, before: 10, missing: null }]);
    assert.equal(sandbox.complete, false);
  });
});

const revision = (fields: Partial<Revision> & Pick<Revision, 'id'>): Revision => ({
  pageTitle: 'Sandbox',
  parentId: null,
  parentKnown: true,
  timestamp: `2026-01-01T00:00:${String(fields.id).padStart(2, '0')}Z`,
  user: 'Alice',
  comment: '',
  autocomments: [],
  text: `text ${fields.id}`,
  textOrigin: 'api',
  sha1: null,
  size: null,
  sources: [],
  revert: null,
  ...fields,
});

describe('buildHistory with hand-built API revisions', () => {
  it('keeps a proven "no parent" for a creation whose text is hidden', () => {
    const history = buildHistory([], {
      revisions: [revision({ id: 1, text: null }), revision({ id: 2, parentId: 1 })],
      revisionsIncludeNewest: true,
    });
    const [first, second] = history.pages[0]!.revisions;
    assert.deepEqual([first!.parentId, first!.parentKnown, first!.text], [null, true, null]);
    assert.deepEqual(
      [second!.parentId, second!.sha1],
      [1, createHash('sha1').update('text 2', 'utf8').digest('hex')],
    );
    assert.deepEqual(history.pages[0]!.gaps, []);
    assert.equal(history.pages[0]!.complete, true);
  });

  it('keeps a parent newer than its child (outside a cycle) with HISTORY_PARENT_NEWER', () => {
    // 3's parent is 2, whose time is after 3's: an imported revision's link, or wrong times.
    const history = buildHistory([], {
      revisions: [
        revision({ id: 1 }),
        revision({ id: 2, parentId: 1, timestamp: '2026-01-01T00:00:30Z' }),
        revision({ id: 3, parentId: 2, timestamp: '2026-01-01T00:00:20Z' }),
      ],
    });
    const parents = history.pages[0]!.revisions.map((r) => [r.id, r.parentId, r.parentKnown]);
    assert.deepEqual(parents, [
      [1, null, true],
      [3, 2, true],
      [2, 1, true],
    ]);
    const newer = history.diagnostics.filter((d) => d.code === 'HISTORY_PARENT_NEWER');
    assert.deepEqual(
      newer.map((d) => [d.severity, d.revisionId]),
      [['warning', 3]],
    );
    assert.match(
      newer[0]!.message,
      /revision 3 \(2026-01-01T00:00:20Z\) has as parent 2, which is newer \(2026-01-01T00:00:30Z\), in the API revisions \(options\.revisions\[2\]\)/,
    );
    // Equal times are no contradiction.
    const same = buildHistory([], {
      revisions: [
        revision({ id: 1 }),
        revision({ id: 2, parentId: 1, timestamp: revision({ id: 1 }).timestamp }),
      ],
    });
    assert.deepEqual(
      same.diagnostics.filter((d) => d.code === 'HISTORY_PARENT_NEWER'),
      [],
    );
  });

  it('leaves a parent unknown where the API did not give it, and then claims nothing', () => {
    const history = buildHistory([], {
      revisions: [revision({ id: 1, parentKnown: false }), revision({ id: 2, parentId: 1 })],
      revisionsIncludeNewest: true,
    });
    assert.deepEqual(history.pages[0]!.gaps, [{ after: null, before: 1, missing: null }]);
    assert.equal(history.pages[0]!.complete, false);
  });

  it('does not call a page complete when a feed knows a newer revision', () => {
    const feedXml = read('feeds/recentchanges/limit500.atom.xml');
    const rc = parseFeed(feedXml);
    // Sandbox 4..23 from the API (declared newest, wrongly: 24 exists), 24 from recent changes.
    const sandbox = apiRevisions.filter((r) => r.pageTitle === 'Sandbox' && r.id < 24);
    const history = buildHistory([rc], { revisions: sandbox, revisionsIncludeNewest: true });
    const found = page(history, 'Sandbox');
    assert.equal(found.revisions.at(-1)!.id, 24);
    assert.equal(found.complete, false);
  });

  it('takes the API text over a feed text and names both sources when they differ', () => {
    const contributionsFeed = contributions.find((f) => f.entries.some((e) => e.revisionId === 4))!;
    const history = buildHistory([contributionsFeed], {
      revisions: [revision({ id: 4, text: 'not the stored text' })],
    });
    const found = page(history, 'Sandbox').revisions.find((r) => r.id === 4)!;
    assert.equal(found.text, 'not the stored text');
    assert.equal(found.textOrigin, 'api');
    const conflict = history.diagnostics.find((d) => d.code === 'HISTORY_TEXT_CONFLICT');
    assert.ok(conflict);
    assert.match(conflict.message, /options\.revisions\[0\]/);
    assert.match(conflict.message, /feed 0 \(contributions\)/);
  });

  it('names the sources by sourceNames: the file for a feed, the run of revisions for the API', () => {
    const contributionsFeed = contributions.find((f) => f.entries.some((e) => e.revisionId === 4))!;
    const history = buildHistory([contributionsFeed], {
      revisions: [revision({ id: 1 }), revision({ id: 4, text: 'not the stored text' })],
      sourceNames: {
        feeds: ['alice.contributions.xml'],
        revisions: [
          { name: 'https://wiki.example.org/w/api.php', count: 1 },
          { name: 'pages.xml.bz2', count: 1 },
        ],
      },
    });
    const conflict = history.diagnostics.find((d) => d.code === 'HISTORY_TEXT_CONFLICT');
    assert.ok(conflict);
    assert.match(
      conflict.message,
      /^revision 4: the text in pages\.xml\.bz2 \(\d+ characters\) differs from the one in alice\.contributions\.xml \(contributions\) entry \d+ /,
    );
    // A feed past the names, and names that are not names.
    const mixed = buildHistory([histories[0]!], {
      revisionsSiteUrl: 'https://other.example.org/w/api.php',
      sourceNames: { revisions: [{ name: 'unused', count: 3 }] },
    });
    assert.match(mixed.diagnostics[0]!.message, /^feed 0 \(/);
    assert.throws(
      () => buildHistory([], { sourceNames: { feeds: [1 as unknown as string] } }),
      /TypeError: buildHistory: options\.sourceNames\.feeds/,
    );
  });

  it('names the page by the API title and reports a time that differs from a feed', () => {
    const rc = parseFeed(read('feeds/recentchanges/limit500.atom.xml'));
    const history = buildHistory([rc], {
      revisions: [revision({ id: 45, pageTitle: 'New name', timestamp: '2000-01-01T00:00:00Z' })],
    });
    const found = history.pages.find((p) => p.revisions.some((r) => r.id === 45))!;
    assert.equal(found.title, 'New name');
    assert.equal(found.revisions.find((r) => r.id === 45)!.timestamp, '2000-01-01T00:00:00Z');
    const conflict = history.diagnostics.find(
      (d) => d.code === 'HISTORY_METADATA_CONFLICT' && d.revisionId === 45,
    );
    assert.ok(conflict);
    assert.match(conflict.message, /options\.revisions\[0\].*feed 0 \(recentchanges\)/);
  });

  it('leaves out feeds of another wiki than revisionsSiteUrl', () => {
    const history = buildHistory(histories.slice(0, 1), {
      revisions: [revision({ id: 1 })],
      revisionsSiteUrl: 'https://other.example.org/w/api.php',
    });
    assert.deepEqual(
      history.diagnostics.map((d) => d.code),
      ['HISTORY_MIXED_WIKIS'],
    );
    assert.deepEqual(
      history.pages.map((p) => p.revisions.map((r) => r.id)),
      [[1]],
    );
  });

  it('throws a TypeError for revisions that are not revisions', () => {
    assert.throws(
      () => buildHistory([], { revisions: [{ id: 'x' } as unknown as Revision] }),
      TypeError,
    );
  });
});
