/**
 * buildHistory on the real feeds of the oracle corpus, every result checked against the
 * MediaWiki API's own answers in fixtures/mediawiki-oracle/truth/.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseFeed } from '../src/feed/parse-feed.js';
import type { Feed, History, Revision } from '../src/model.js';
import { buildHistory } from '../src/revisions/build-history.js';
import { buildFeed, type FeedRevision } from '../src/testing/build-feed.js';

const ORACLE = new URL('../fixtures/mediawiki-oracle/', import.meta.url);
const SEED = new URL(
  '../fixtures/seed-openvz/openvz-dlezcano.contributions.atom.xml',
  import.meta.url,
);

interface TruthRevision {
  readonly revid: number;
  readonly parentid: number;
  readonly timestamp: string;
  readonly user: string;
  readonly sha1: string;
  readonly userhidden?: boolean;
  readonly sha1hidden?: boolean;
}
interface TruthPage {
  readonly title: string;
  readonly slug: string;
  readonly exists: boolean;
}

const read = (path: string) => readFileSync(new URL(path, ORACLE));
const feed = (path: string): Feed => parseFeed(read(path));
const feedsIn = (folder: string, suffix: string): Feed[] =>
  readdirSync(new URL(folder, ORACLE))
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => feed(`${folder}${name}`));
const truthPages = (JSON.parse(read('truth/pages.json').toString('utf8')) as TruthPage[]).filter(
  (page) => page.exists,
);
const truthRevisions = (slug: string): TruthRevision[] =>
  (
    JSON.parse(read(`truth/revisions/${slug}.admin.json`).toString('utf8')) as {
      page: { revisions: TruthRevision[] };
    }
  ).page.revisions;
const wikitext = (id: number) => read(`truth/wikitext/${id}.wiki`).toString('utf8');

const contributions = feedsIn('feeds/contributions/', '.limit500.atom.xml');
const histories = feedsIn('feeds/history/', '.limit500.atom.xml');

function page(history: History, title: string) {
  const found = history.pages.find((p) => p.title === title);
  assert.ok(found, `page ${title} is in the history`);
  return found;
}

/** Every text that is there equals the stored wikitext; hidden texts are null. */
function assertNoWrongText(history: History): { known: number; reconstructed: number } {
  let known = 0;
  let reconstructed = 0;
  const hidden = new Set<number>();
  for (const truth of truthPages) {
    for (const r of truthRevisions(truth.slug)) if (r.sha1hidden) hidden.add(r.revid);
  }
  for (const p of history.pages) {
    for (const revision of p.revisions) {
      if (revision.text === null) {
        assert.equal(revision.sha1, null);
        continue;
      }
      assert.ok(!hidden.has(revision.id), `revision ${revision.id}'s text is revision-deleted`);
      assert.equal(revision.text, wikitext(revision.id), `text of revision ${revision.id}`);
      known++;
      if (revision.textOrigin === 'reconstructed') reconstructed++;
    }
  }
  return { known, reconstructed };
}

describe('buildHistory on every contributions feed and every full history feed', () => {
  const history = buildHistory([...contributions, ...histories]);

  it('has every revision of every existing page with the API id, parent, time and user', () => {
    assert.deepEqual(
      history.pages.map((p) => p.title).sort(),
      truthPages.map((p) => p.title).sort(),
    );
    for (const truth of truthPages) {
      const found = page(history, truth.title);
      const expected = truthRevisions(truth.slug);
      assert.deepEqual(
        found.revisions.map((r) => r.id),
        expected.map((r) => r.revid),
        truth.title,
      );
      found.revisions.forEach((revision: Revision, i) => {
        const t = expected[i]!;
        assert.equal(revision.parentKnown, true, `parent of ${t.revid} known`);
        assert.equal(
          revision.parentId,
          t.parentid === 0 ? null : t.parentid,
          `parent of ${t.revid}`,
        );
        assert.equal(revision.timestamp, t.timestamp, `time of ${t.revid}`);
        // Anonymous feeds never show a revision-deleted user name.
        assert.equal(revision.user, t.userhidden ? null : t.user, `user of ${t.revid}`);
        assert.equal(revision.pageTitle, truth.title);
        if (!t.sha1hidden) assert.equal(revision.sha1, t.sha1, `sha1 of ${t.revid}`);
      });
      assert.equal(found.complete, true, `${truth.title} is complete`);
      assert.deepEqual(found.gaps, []);
    }
  });

  it('knows every text byte for byte, except the two revision-deleted ones (null)', () => {
    const { known, reconstructed } = assertNoWrongText(history);
    const total = truthPages.reduce((n, p) => n + truthRevisions(p.slug).length, 0);
    assert.equal(total, 70);
    assert.equal(known, 68);
    assert.equal(page(history, 'Revdel target').revisions.find((r) => r.id === 56)?.text, null);
    assert.equal(page(history, 'Revdel target').revisions.find((r) => r.id === 58)?.text, null);
    // Revision 38 (blanked) is shown empty by contributions, like a hidden text: only the
    // history feed's diff from 37 proves it empty.
    console.log(`texts recovered only through diff tables: ${reconstructed} of ${known}`);
    assert.ok(reconstructed >= 1);
  });

  it('reports the missing page and nothing else worse than info', () => {
    const serious = history.diagnostics.filter((d) => d.severity !== 'info');
    assert.deepEqual(
      serious.map((d) => [d.code, d.pageTitle]),
      [['HISTORY_PAGE_MISSING', 'Gone page']],
    );
  });

  it('records the move on the moved page only, and finds no revert where the corpus has none', () => {
    assert.deepEqual(page(history, 'New name').moves, [
      { from: 'Old name', to: 'New name', timestamp: '2026-11-21T20:55:48Z', revisionId: 47 },
    ]);
    assert.deepEqual(page(history, 'Old name').moves, []);
    // The only repeated SHA-1s of the corpus are null revisions (protection 21 = 20, move
    // 47 = 46; truth/revisions/*.admin.json), and actions.json has no undo or rollback.
    const reverts = history.pages.flatMap((p) => p.revisions.filter((r) => r.revert !== null));
    assert.deepEqual(reverts, []);
  });
});

describe('buildHistory on the history feeds alone', () => {
  const history = buildHistory(histories);

  it('recovers every text from the creation on, and none wrongly', () => {
    const { known } = assertNoWrongText(history);
    const unknown = history.pages.flatMap((p) =>
      p.revisions.filter((r) => r.text === null).map((r) => r.id),
    );
    // Revdel target: 56 and 58 are hidden; 57's and 59's entries say "Can't load revision"
    // (FORMAT.md §8), and 60's diff needs 59. Everything else follows from the New page blocks.
    assert.deepEqual(
      unknown.sort((a, b) => a - b),
      [56, 57, 58, 59, 60],
    );
    assert.equal(known, 65);
  });

  it('gives the same texts with the PHP diff engine, and no wrong text with cut-off diffs', () => {
    const php = buildHistory(feedsIn('variants/diff-engine-php/history/', '.atom.xml'));
    assert.equal(assertNoWrongText(php).known, 65);
    const cut = buildHistory(feedsIn('variants/feed-diff-cutoff-32768/history/', '.atom.xml'));
    assertNoWrongText(cut);
    const none = buildHistory(feedsIn('variants/feed-diff-cutoff-0/history/', '.atom.xml'));
    assert.equal(assertNoWrongText(none).known, 0);
    // With every diff replaced by a "Show changes" link, the links still give the parents.
    for (const truth of truthPages) {
      const expected = truthRevisions(truth.slug);
      assert.deepEqual(
        page(none, truth.title).revisions.map((r) => [
          r.id,
          r.parentKnown ? r.parentId : 'unknown',
        ]),
        expected.map((r) => [r.revid, r.parentid === 0 ? null : r.parentid]),
      );
    }
  });

  it('leaves the parent of a truncated feed’s oldest entry unknown (Sandbox, limit=3)', () => {
    const short = buildHistory(feed('feeds/history/options/sandbox.limit3.atom.xml'));
    const sandbox = page(short, 'Sandbox');
    assert.deepEqual(
      sandbox.revisions.map((r) => [r.id, r.parentKnown, r.parentId]),
      [
        [22, false, null],
        [23, true, 22],
        [24, true, 23],
      ],
    );
    assert.deepEqual(sandbox.gaps, [{ after: null, before: 22, missing: null }]);
    assert.equal(sandbox.complete, false);
    assert.ok(sandbox.revisions.every((r) => r.text === null));
  });
});

describe('buildHistory on the recent-changes feed', () => {
  const history = buildHistory(feed('feeds/recentchanges/limit500.atom.xml'));

  it('records merged items as spans without inventing the revisions between', () => {
    const sandbox = page(history, 'Sandbox');
    const ids = sandbox.revisions.map((r) => r.id);
    assert.ok(!ids.includes(8) && !ids.includes(16));
    assert.deepEqual(
      sandbox.gaps.filter((g) => g.after === 7 || g.after === 15),
      [
        { after: 7, before: 9, missing: 1 },
        { after: 15, before: 17, missing: 1 },
      ],
    );
    assert.equal(sandbox.revisions.find((r) => r.id === 9)?.parentKnown, false);
    assertNoWrongText(history);
  });

  it('puts rows made under the old title on the moved page', () => {
    const moved = page(history, 'New name');
    assert.deepEqual(
      moved.revisions.map((r) => r.id),
      [45, 46, 47, 49],
    );
    // 47 is the move's log row (`oldid=0` like a creation): not taken for a first revision.
    assert.equal(moved.revisions.find((r) => r.id === 47)?.parentKnown, false);
    assert.equal(moved.revisions.find((r) => r.id === 45)?.parentKnown, true);
  });
});

describe('buildHistory on one user’s contributions (the seed feed)', () => {
  const history = buildHistory(parseFeed(readFileSync(SEED)));

  it('groups by page, oldest first, marks the gaps and invents no parent', () => {
    assert.deepEqual(
      history.pages.map((p) => [p.title, p.revisions.map((r) => r.id)]),
      [
        ['Containers/Mini-summit 2008', [6196, 6197, 6198, 6199, 6200]],
        ['Containers/Mini-summit 2008 notes', [6226]],
      ],
    );
    for (const p of history.pages) {
      assert.equal(p.complete, false);
      assert.equal(p.gaps.length, p.revisions.length);
      assert.ok(p.revisions.every((r) => !r.parentKnown && r.parentId === null));
      assert.ok(p.revisions.every((r) => r.text !== null && r.textOrigin === 'feed'));
    }
    assert.deepEqual(history.diagnostics, []);
  });
});

describe('buildHistory on bad combinations', () => {
  it('refuses to merge two wikis', () => {
    const history = buildHistory([parseFeed(readFileSync(SEED)), histories[0]!]);
    assert.deepEqual(
      history.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code),
      ['HISTORY_MIXED_WIKIS'],
    );
    assert.ok(history.pages.every((p) => p.title.startsWith('Containers/')));
  });

  it('reports a history feed of a page that does not exist', () => {
    const history = buildHistory(feed('feeds/history/options/never-existed.atom.xml'));
    assert.deepEqual(history.pages, []);
    assert.deepEqual(
      history.diagnostics.map((d) => [d.code, d.pageTitle]),
      [['HISTORY_PAGE_MISSING', 'Never existed']],
    );
  });

  /** Carol's contributions with the text of one revision replaced. */
  function tampered(id: number, text: string): Feed {
    const carol = feed('feeds/contributions/carol-smith.limit500.atom.xml');
    return {
      ...carol,
      entries: carol.entries.map((e) =>
        e.revisionId === id ? { ...e, content: { kind: 'wikitext', text } } : e,
      ),
    };
  }

  it('reports the same revision with two texts, naming both sources', () => {
    const history = buildHistory([
      tampered(25, 'not what was saved'),
      feed('feeds/history/unicode-page.limit500.atom.xml'),
    ]);
    const conflict = history.diagnostics.find((d) => d.code === 'HISTORY_TEXT_CONFLICT');
    assert.ok(conflict);
    assert.equal(conflict.revisionId, 25);
    assert.match(
      conflict.message,
      /feed 1 \(history\) entry 4 .* feed 0 \(contributions\) entry 9/,
    );
    // Both are full texts; the history feed's New page block is preferred (it also sets the
    // parent), and here it is the right one.
    const unicode = page(history, 'Ünïcödé 日本語 🎉');
    assert.equal(unicode.revisions.find((r) => r.id === 25)?.text, wikitext(25));
  });

  it('reports a diff that does not apply to its base and leaves the text unknown', () => {
    const history = buildHistory([
      tampered(22, 'not what was saved'),
      feed('feeds/history/options/sandbox.limit3.atom.xml'),
    ]);
    const mismatch = history.diagnostics.find((d) => d.code === 'HISTORY_DIFF_MISMATCH');
    assert.ok(mismatch);
    const sandbox = page(history, 'Sandbox');
    assert.equal(sandbox.revisions.find((r) => r.id === 23)?.text, null);
    assert.equal(sandbox.revisions.find((r) => r.id === 24)?.text, null);
  });

  it('throws a TypeError for something that is not a feed', () => {
    assert.throws(() => buildHistory([{} as Feed]), TypeError);
  });
});

describe('buildHistory on parents that contradict themselves', () => {
  /** The recent-changes feed with one link's `oldid` rewritten, as a broken proxy might. */
  function recentChangesWith(from: string, to: string): Feed {
    const xml = read('feeds/recentchanges/limit500.atom.xml').toString('utf8');
    assert.ok(xml.includes(from), `the feed links ${from}`);
    return parseFeed(xml.replaceAll(from, to));
  }

  /** Every text that is there is the stored one: a contradiction never yields a wrong text. */
  function assertNoWrongText(history: History): void {
    for (const r of history.pages.flatMap((p) => p.revisions)) {
      if (r.text !== null) assert.equal(r.text, wikitext(r.id), `text of ${r.id}`);
    }
  }

  it('keeps a revision that names itself as its parent, with its parent unknown', () => {
    const history = buildHistory(recentChangesWith('diff=71&amp;oldid=70', 'diff=71&amp;oldid=71'));
    const lineEndings = page(history, 'Line endings');
    const r71 = lineEndings.revisions.find((r) => r.id === 71);
    assert.ok(r71, 'revision 71 is kept');
    assert.deepEqual([r71.parentKnown, r71.parentId], [false, null]);
    assert.deepEqual(
      lineEndings.gaps.find((g) => g.before === 71),
      { after: 70, before: 71, missing: null },
    );
    const cycle = history.diagnostics.filter((d) => d.code === 'HISTORY_PARENT_CYCLE');
    assert.deepEqual(
      cycle.map((d) => [d.severity, d.revisionId]),
      [['warning', 71]],
    );
    assert.match(cycle[0]!.message, /revision 71 .*its own parent.*feed 0 \(recentchanges\) entry/);
    assertNoWrongText(history);
  });

  it('reports a parent cycle and drops the parent that is newer than its child', () => {
    // 71's parent is 70 (true); 70 now claims 71 too.
    const history = buildHistory(recentChangesWith('diff=70&amp;oldid=69', 'diff=70&amp;oldid=71'));
    const lineEndings = page(history, 'Line endings');
    const parents = lineEndings.revisions.map((r) => [r.id, r.parentKnown ? r.parentId : '?']);
    assert.deepEqual(parents, [
      [68, null],
      [69, 68],
      [70, '?'],
      [71, 70],
      [72, 71],
    ]);
    const cycle = history.diagnostics.filter((d) => d.code === 'HISTORY_PARENT_CYCLE');
    assert.deepEqual(
      cycle.map((d) => d.revisionId),
      [70],
    );
    assert.match(cycle[0]!.message, /70 → 71 → 70/);
    assertNoWrongText(history);
  });

  it('finds a longer cycle, unless a more authoritative feed gives the parent', () => {
    // 70's parent is 69 and 71's is 70 (true); 69 now claims 71.
    const rc = recentChangesWith('diff=69&amp;oldid=68', 'diff=69&amp;oldid=71');
    const alone = buildHistory(rc);
    const cycle = alone.diagnostics.filter((d) => d.code === 'HISTORY_PARENT_CYCLE');
    assert.deepEqual(
      cycle.map((d) => d.revisionId),
      [69],
    );
    assert.match(cycle[0]!.message, /69 → 71 → 70 → 69/);
    const parents = page(alone, 'Line endings').revisions.map((r) => [
      r.id,
      r.parentKnown ? r.parentId : '?',
    ]);
    assert.deepEqual(parents, [
      [68, null],
      [69, '?'],
      [70, 69],
      [71, 70],
      [72, 71],
    ]);
    assertNoWrongText(alone);
    // The history feed's `oldid=prev` outranks recent changes: a conflict, and no cycle.
    const merged = buildHistory([rc, feed('feeds/history/line-endings.limit500.atom.xml')]);
    assert.deepEqual(
      merged.diagnostics.map((d) => [d.code, d.revisionId]),
      [
        ['HISTORY_ENTRIES_WITHOUT_REVISION', undefined],
        ['HISTORY_PARENT_CONFLICT', 69],
      ],
    );
    assertNoWrongText(merged);
  });
});

describe('buildHistory on two wikis of one host', () => {
  const revisions = (text: string): FeedRevision[] => [
    { id: 1, pageTitle: 'Main Page', text, timestamp: '2024-01-01T00:00:00Z', user: 'Ann' },
  ];
  const wikiFeed = (scriptPath: string, text: string, format: 'atom' | 'rss' = 'atom') =>
    parseFeed(
      buildFeed(revisions(text), {
        server: 'https://wikis.example.org',
        scriptPath,
        articlePath: `${scriptPath}/index.php/$1`,
        format,
      }),
    );

  it('leaves out a feed of another wiki under another path of the same host', () => {
    for (const format of ['atom', 'rss'] as const) {
      const history = buildHistory([
        wikiFeed('/wiki-a', 'text on wiki A'),
        wikiFeed('/wiki-b', 'text on wiki B', format),
      ]);
      assert.deepEqual(
        history.diagnostics.map((d) => [d.severity, d.code]),
        [['error', 'HISTORY_MIXED_WIKIS']],
        format,
      );
      assert.match(
        history.diagnostics[0]!.message,
        /wikis\.example\.org\/wiki-b\/.*wikis\.example\.org\/wiki-a\//,
      );
      assert.deepEqual(
        history.pages.flatMap((p) => p.revisions.map((r) => r.text)),
        ['text on wiki A'],
      );
    }
  });

  it('leaves out feeds of another path than revisionsSiteUrl', () => {
    const history = buildHistory([wikiFeed('/wiki-a', 'text on wiki A')], {
      revisionsSiteUrl: 'https://wikis.example.org/wiki-b/api.php',
    });
    assert.deepEqual(
      history.diagnostics.map((d) => d.code),
      ['HISTORY_MIXED_WIKIS'],
    );
    assert.deepEqual(history.pages, []);
  });

  it('sees one wiki in short URLs (/wiki/Page) and script URLs (/w/index.php)', () => {
    const options = { server: 'https://en.example.org', scriptPath: '/w', articlePath: '/wiki/$1' };
    const texts: FeedRevision[] = [
      {
        id: 1,
        pageTitle: 'Main Page',
        text: 'one',
        timestamp: '2024-01-01T00:00:00Z',
        user: 'Ann',
      },
      {
        id: 2,
        pageTitle: 'Main Page',
        text: 'two',
        timestamp: '2024-01-02T00:00:00Z',
        user: 'Bob',
      },
    ];
    const feeds = (['atom', 'rss'] as const).flatMap((format) =>
      (['contributions', 'history'] as const).map((kind) =>
        parseFeed(buildFeed(texts, { ...options, format, kind })),
      ),
    );
    const history = buildHistory(feeds, { revisionsSiteUrl: 'https://en.example.org/w/api.php' });
    assert.deepEqual(history.diagnostics, []);
    assert.deepEqual(
      history.pages.map((p) => [p.title, p.revisions.map((r) => r.text), p.complete]),
      [['Main Page', ['one', 'two'], true]],
    );
  });
});

describe('buildHistory within maxHistoryTextBytes', () => {
  // A 20-revision history feed of a ~10 KB page: one full text, 19 diff tables.
  const line = (i: number) => `Line ${i}: ${'lorem ipsum '.repeat(8)}`;
  const page = Array.from({ length: 100 }, (_, i) => line(i));
  const revisions: FeedRevision[] = Array.from({ length: 20 }, (_, k) => ({
    id: 100 + k,
    pageTitle: 'Long page',
    text: page.map((l, i) => (i === k * 5 ? `${l} edited` : l)).join('\n'),
    timestamp: `2024-01-01T00:${String(k).padStart(2, '0')}:00Z`,
    user: 'Ann',
  }));
  const history = parseFeed(buildFeed(revisions, { kind: 'history' }));
  const bytes = (text: string) => 2 * text.length; // two per UTF-16 code unit

  it('builds texts from diff tables up to the limit, then leaves them unknown and says so', () => {
    const limit = 50_000;
    const result = buildHistory(history, { maxHistoryTextBytes: limit });
    const texts = result.pages[0]!.revisions.map((r) => r.text);
    // Revision 100 is the feed's full text; the next ones are built while their sum fits.
    let fits = 0;
    for (let sum = 0, k = 1; k < 20 && sum + bytes(revisions[k]!.text!) <= limit; k++) {
      sum += bytes(revisions[k]!.text!);
      fits = k;
    }
    assert.ok(fits >= 1 && fits < 19, `the limit falls inside the history (${fits})`);
    assert.deepEqual(
      texts,
      revisions.map((r, k) => (k <= fits ? r.text : null)),
    );
    assert.deepEqual(
      result.diagnostics.map((d) => [d.severity, d.code]),
      [['warning', 'HISTORY_TEXT_BUDGET']],
    );
    assert.match(result.diagnostics[0]!.message, /maxHistoryTextBytes \(50000\): 1 diff tables/);
  });

  it('builds every text by default, and refuses a limit that is not a positive integer', () => {
    const result = buildHistory(history);
    assert.deepEqual(
      result.pages[0]!.revisions.map((r) => r.text),
      revisions.map((r) => r.text),
    );
    assert.deepEqual(result.diagnostics, []);
    assert.throws(() => buildHistory(history, { maxHistoryTextBytes: -1 }), RangeError);
  });
});
