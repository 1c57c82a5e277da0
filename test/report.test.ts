import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parseFeed } from '../src/feed/parse-feed.js';
import { readApiRevision } from '../src/fetch/api-revision.js';
import { analyzeHistory } from '../src/report/analyze-history.js';
import { parseDateBound, periodOf } from '../src/report/dates.js';
import type { HistoryReport } from '../src/report/history-report.js';
import { historySummary } from '../src/report/render-markdown.js';
import { renderReport } from '../src/report/render-report.js';
import { wikiLinksOf } from '../src/report/wiki-links.js';
import { buildHistory } from '../src/revisions/build-history.js';
import { CORPUS, contributors, truthRevisions } from './helpers/corpus.js';
import { assertGolden, FIXTURES, GOLDEN, historyOf } from './helpers/report-golden.js';

const SEED = 'seed-openvz/openvz-dlezcano.contributions.atom.xml';
const NOW = '2026-11-22T00:00:00Z';
interface UserContrib {
  readonly user: string;
  readonly revid: number;
  readonly size: number;
  readonly sizediff: number;
  readonly title: string;
}

const contribs = (slug: string): UserContrib[] =>
  JSON.parse(readFileSync(join(CORPUS, 'truth', 'usercontribs', `${slug}.anon.json`), 'utf8'));

const allHistoryFeeds = () =>
  readdirSync(join(CORPUS, 'feeds', 'history'))
    .filter((f) => f.endsWith('.limit500.atom.xml'))
    .map((f) => `mediawiki-oracle/feeds/history/${f}`);

const revisionsOf = (r: HistoryReport) => r.pages.flatMap((p) => p.revisions);

describe('analyzeHistory on the oracle corpus', () => {
  const truth = truthRevisions();
  const history = analyzeHistory(historyOf(...allHistoryFeeds()), { diffs: false });

  for (const slug of contributors) {
    it(`edits of ${slug}: the contributions feed and all history feeds agree with usercontribs`, () => {
      const expected = contribs(slug);
      const name = expected[0]?.user;
      assert.ok(name !== undefined);
      const fromContribs = analyzeHistory(
        historyOf(`mediawiki-oracle/feeds/contributions/${slug}.limit500.atom.xml`),
        { diffs: false },
      );
      assert.deepEqual(
        fromContribs.users.map((u) => [u.user, u.edits]),
        [[name, expected.length]],
      );
      const user = history.users.find((u) => u.user === name);
      assert.equal(user?.edits, expected.length);
      assert.deepEqual(user?.pages, [...new Set(expected.map((c) => c.title))].sort());
    });
  }

  it('sizes equal the API size, and size changes against known parents equal its sizediff', () => {
    const sizediff = new Map(contributors.flatMap(contribs).map((c) => [c.revid, c.sizediff]));
    let sizes = 0;
    let diffs = 0;
    for (const r of revisionsOf(history)) {
      const t = truth.get(r.id);
      assert.ok(t, `revision ${r.id} is in the truth`);
      if (r.size !== null) {
        assert.equal(r.size, t.size, `size of ${r.id}`);
        sizes++;
      }
      const expected = sizediff.get(r.id);
      if (r.baseIsParent && r.sizeChange !== null && expected !== undefined) {
        assert.equal(r.sizeChange, expected, `size change of ${r.id}`);
        diffs++;
      }
    }
    // 70 revisions, of which 5 have texts revision-deleted or not recoverable from these feeds.
    assert.equal(history.totals.revisions, 70);
    assert.equal(sizes, 65);
    assert.ok(diffs >= 60, `${diffs} size changes checked`);
  });

  it('counts every revision once in the timeline and sums bytes consistently', () => {
    assert.equal(
      history.timeline.reduce((n, p) => n + p.edits, 0),
      history.totals.revisions,
    );
    assert.equal(
      history.timeline.reduce((n, p) => n + p.bytesAdded, 0),
      history.totals.bytesAdded,
    );
    // Users leave out the revisions whose user is hidden (revision-deleted).
    const named = revisionsOf(history).filter((r) => r.user !== null);
    assert.equal(
      history.users.reduce((n, u) => n + u.bytesAdded, 0),
      named.reduce((n, r) => n + Math.max(0, r.sizeChange ?? 0), 0),
    );
    assert.ok(named.length < history.totals.revisions);
    const largest = history.largestAdditions[0];
    // Revision 34 created "Big page" (~200 KB): the largest addition of the corpus.
    assert.equal(largest?.id, 34);
    assert.equal(largest?.sizeChange, truth.get(34)?.size);
  });

  it('finds no revert where the corpus has none', () => {
    assert.deepEqual(
      revisionsOf(history).filter((r) => r.revert !== null || r.revertedBy.length > 0),
      [],
    );
  });

  it('filters by user, page and time', () => {
    const h = historyOf(...allHistoryFeeds());
    const alice = analyzeHistory(h, { users: ['Alice'], diffs: false });
    assert.equal(alice.totals.users, 1);
    assert.equal(alice.totals.revisions, contribs('alice').length);
    const sandbox = analyzeHistory(h, { pages: ['Sandbox'], diffs: false });
    assert.deepEqual(
      sandbox.pages.map((p) => p.title),
      ['Sandbox'],
    );
    const t = revisionsOf(history)
      .map((r) => r.timestamp ?? '')
      .sort();
    const mid = t[35] ?? '';
    const early = analyzeHistory(h, { until: mid, diffs: false });
    const late = analyzeHistory(h, { since: mid, diffs: false });
    assert.equal(early.totals.revisions + late.totals.revisions, 70);
    assert.ok(revisionsOf(early).every((r) => (r.timestamp ?? '') < mid));
  });
});

describe('analyzeHistory on the seed feed', () => {
  const report = analyzeHistory(historyOf(SEED), { now: NOW });

  it('compares with the previous revision shown when the feed gives no parent', () => {
    const r6197 = revisionsOf(report).find((r) => r.id === 6197);
    assert.equal(r6197?.base, 6196);
    assert.equal(r6197?.baseIsParent, false);
    // 4581 − 5326 bytes: the sizes of the two stored texts.
    assert.equal(r6197?.sizeChange, -745);
    assert.equal(r6197?.autocomment, 'agrees');
    assert.deepEqual(
      r6197?.sections?.map((s) => s.newTitle),
      ['Agenda'],
    );
  });

  it('puts days, weeks and months in the time zone asked for', () => {
    assert.deepEqual(
      report.timeline.map((p) => [p.label, p.edits]),
      [
        ['2008-07-18', 5],
        ['2008-07-19', 0],
        ['2008-07-20', 0],
        ['2008-07-21', 0],
        ['2008-07-22', 1],
      ],
    );
    const weeks = analyzeHistory(historyOf(SEED), { period: 'week', diffs: false });
    assert.deepEqual(
      weeks.timeline.map((p) => [p.label, p.start, p.edits]),
      [
        ['2008-W29', '2008-07-14', 5],
        ['2008-W30', '2008-07-21', 1],
      ],
    );
    // 14:58 UTC on the 22nd is already the 23rd at UTC+14.
    const kiritimati = analyzeHistory(historyOf(SEED), {
      timeZone: 'Pacific/Kiritimati',
      period: 'month',
      diffs: false,
    });
    assert.deepEqual(
      kiritimati.timeline.map((p) => [p.label, p.edits]),
      [['2008-07', 6]],
    );
    assert.equal(periodOf('2008-07-22T14:58:58Z', 'day', 'Pacific/Kiritimati').label, '2008-07-23');
    assert.equal(
      periodOf('2008-07-18T02:00:00Z', 'day', 'America/Los_Angeles').label,
      '2008-07-17',
    );
  });

  it('links a revert to the revisions it undoes', () => {
    // The seed's page with a third revision restoring the first (an identity revert, as
    // buildHistory marks one when the SHA-1 matches).
    const h = historyOf(SEED);
    const page = h.pages[0];
    assert.ok(page !== undefined);
    const [first, second] = page.revisions;
    assert.ok(first !== undefined && second !== undefined);
    const revert = {
      ...first,
      id: 9999,
      parentId: second.id,
      parentKnown: true,
      timestamp: '2008-07-19T10:00:00Z',
      comment: 'Undo',
      revert: { kind: 'identity' as const, restores: first.id, reverted: [second.id] },
    };
    const report = analyzeHistory({
      ...h,
      pages: [{ ...page, revisions: [first, second, revert] }],
    });
    const revs = revisionsOf(report);
    assert.deepEqual(revs.find((r) => r.id === second.id)?.revertedBy, [9999]);
    assert.deepEqual(report.pages[0]?.reverts, [9999]);
    // A revert restoring the first text undoes the second's size change exactly.
    assert.equal(
      revs.find((r) => r.id === 9999)?.sizeChange,
      (first.size ?? 0) - (second.size ?? 0),
    );
  });

  it('lists summaries naming a section that did not change', () => {
    // 6198 changed "See also" only (its real summary says so); claim "Proposal" instead.
    const h = historyOf(SEED);
    const pages = h.pages.map((p) => ({
      ...p,
      revisions: p.revisions.map((r) =>
        r.id === 6198 ? { ...r, comment: '/* Proposal */ typo' } : r,
      ),
    }));
    const report = analyzeHistory({ ...h, pages });
    assert.deepEqual(
      report.autocommentMismatches.map((r) => [r.id, r.comment]),
      [[6198, '/* Proposal */ typo']],
    );
    assert.deepEqual(analyzeHistory(h).autocommentMismatches, []);
    assert.match(
      renderReport(report),
      /## Summaries naming a section that did not change\n\n- \[r6198\]/,
    );
  });

  it('refuses bad options by name', () => {
    const h = historyOf(SEED);
    assert.throws(() => analyzeHistory(h, { timeZone: 'Mars/Olympus' }), /options\.timeZone/);
    assert.throws(() => analyzeHistory(h, { period: 'year' as 'day' }), /options\.period/);
    assert.throws(() => analyzeHistory(h, { since: 'yesterday' }), /options\.since/);
    assert.throws(() => analyzeHistory(h, { now: 'never' }), /options\.now/);
  });

  it('reads relative and absolute date bounds', () => {
    const now = new Date('2026-11-21T00:00:00Z');
    assert.equal(parseDateBound('30d', now), '2026-10-22T00:00:00.000Z');
    assert.equal(parseDateBound('12h', now), '2026-11-20T12:00:00.000Z');
    assert.equal(parseDateBound('2008-07-18', now), '2008-07-18T00:00:00.000Z');
    assert.equal(parseDateBound('2008-07-18T11:00+02:00', now), '2008-07-18T09:00:00.000Z');
    assert.equal(parseDateBound('last week', now), null);
  });
});

describe('renderReport golden files', () => {
  const cases: [string, string][] = [
    ['seed', SEED],
    ['sandbox-history', 'mediawiki-oracle/feeds/history/sandbox.limit500.atom.xml'],
    [
      'carol-smith-contributions',
      'mediawiki-oracle/feeds/contributions/carol-smith.limit500.atom.xml',
    ],
  ];
  for (const [name, file] of cases) {
    it(`${name}: Markdown, HTML and JSON are unchanged`, () => {
      const report = analyzeHistory(historyOf(file), { now: NOW });
      assertGolden(`${name}.md`, renderReport(report, { format: 'markdown' }));
      const wiki = wikiLinksOf([parseFeed(readFileSync(join(FIXTURES, file)))]);
      assertGolden(`${name}.html`, renderReport(report, { format: 'html', wiki }));
      assertGolden(`${name}.json`, renderReport(report, { format: 'json' }));
    });
  }

  it('every Markdown table is padded: its cell borders line up on each row', () => {
    // Plain-text readers see the Markdown as typed (docs/08-cli.md); widths in code points.
    const borders = (line: string) =>
      [...line].flatMap((c, at, all) => (c === '|' && all[at - 1] !== '\\' ? [at] : []));
    for (const [name] of cases) {
      const lines = readFileSync(join(GOLDEN, `${name}.md`), 'utf8').split('\n');
      let tables = 0;
      for (let at = 0; at < lines.length; at++) {
        if (!lines[at]!.startsWith('| ') || lines[at - 1]?.startsWith('|')) continue;
        tables++;
        const first = borders(lines[at]!);
        for (let row = at + 1; lines[row]?.startsWith('|'); row++) {
          assert.deepEqual(borders(lines[row]!), first, `${name}.md line ${row + 1}`);
        }
      }
      assert.ok(tables >= 3, `${name}.md: ${tables} tables`);
    }
  });

  it('Markdown puts diffs in diff fences', () => {
    const md = renderReport(analyzeHistory(historyOf(SEED)), { format: 'markdown' });
    assert.match(md, /^```diff\n@@ -\d+,\d+ \+\d+,\d+ @@\n/m);
    assert.equal(md.split('\n')[0], '# Revision report');
  });

  it('refuses an unknown format', () => {
    const report = analyzeHistory(historyOf(SEED));
    assert.throws(() => renderReport(report, { format: 'pdf' as 'json' }), RangeError);
  });
});

describe('JSON report schema', () => {
  const schema = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'docs', 'report.schema.json'), 'utf8'),
  );
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const check = (report: HistoryReport) => {
    const json: { schemaVersion?: unknown } = JSON.parse(renderReport(report, { format: 'json' }));
    assert.ok(validate(json), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
    return json;
  };

  it('validates the reports of the seed feed and of the whole corpus', () => {
    assert.equal(check(analyzeHistory(historyOf(SEED), { now: NOW })).schemaVersion, 2);
    check(analyzeHistory(historyOf(...allHistoryFeeds()), { period: 'week', maxDiffLines: 20 }));
    check(
      analyzeHistory(
        historyOf(
          'mediawiki-oracle/feeds/recentchanges/limit500.atom.xml',
          'mediawiki-oracle/feeds/contributions/boris.limit500.rss.xml',
        ),
        { users: ['Борис'], since: '2020-01-01' },
      ),
    );
  });

  it('counts minor edits from the API flags (every one the wiki marked), per hour', () => {
    const truth = [...truthRevisions().values()];
    const revisions = truth.map((r) => readApiRevision(r, r.title, { sha1Mismatch: 'report' }));
    const report = analyzeHistory(buildHistory([], { revisions }), { period: 'hour', top: 3 });
    check(report);
    const minor = truth.filter((r) => (r as { minor?: boolean }).minor === true).length;
    assert.ok(minor > 0);
    assert.equal(report.totals.minorEdits, minor);
    assert.equal(report.totals.minorKnown, truth.length);
    assert.equal(report.totals.botKnown, 0, 'revisions carry no bot flag');
    assert.equal(
      report.timeline.reduce((n, p) => n + p.minorEdits, 0),
      minor,
    );
    assert.match(report.timeline[0]?.label ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:00$/);
    assert.equal(report.top, 3);
    assert.equal(report.topEditorsByEdits.length, 3);
    assert.match(
      renderReport(report, { format: 'markdown' }),
      /\| user +\| edits \| minor \| pages/,
    );
    // The HTML users table: a sortable minor column (no bot column: no source gave the flag),
    // each user's cell the wiki's own count of their minor edits.
    const html = renderReport(report, { format: 'html' });
    const users = /<table class="sortable users">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    assert.match(users, /<th class="n"><button type="button">minor edits<\/button><\/th>/);
    assert.doesNotMatch(users, /bot edits/);
    const minorOf = new Map<string, number>();
    for (const r of truth as { user?: string; minor?: boolean }[]) {
      if (r.user !== undefined && r.minor === true)
        minorOf.set(r.user, (minorOf.get(r.user) ?? 0) + 1);
    }
    const rows = [
      ...users.matchAll(
        /<tr><td>.*?<\/td><td class="n" data-v="\d+">[^<]*<\/td><td class="n" data-v="(\d+)">/g,
      ),
    ];
    assert.equal(rows.length, report.users.length);
    assert.deepEqual(
      rows.map((m) => Number(m[1])),
      report.users.map((u) => minorOf.get(u.user) ?? 0),
    );
  });

  it('rejects what the schema forbids (the test can fail)', () => {
    const json = JSON.parse(renderReport(analyzeHistory(historyOf(SEED)), { format: 'json' }));
    assert.equal(validate({ ...json, schemaVersion: 1 }), false);
    assert.equal(validate({ ...json, period: 'year' }), false);
    assert.equal(validate({ ...json, extra: true }), false);
  });
});

describe('history summary wording', () => {
  it('reads right for no gap, one gap and several, counted or not', () => {
    const gap = (missing: number | null) => ({ after: 1, before: 9, missing });
    assert.equal(
      historySummary({ complete: true, gaps: [] }),
      'History complete: the sources prove no revision is missing',
    );
    assert.equal(
      historySummary({ complete: false, gaps: [] }),
      'History may be incomplete: no gap between the revisions shown, but newer ones may exist',
    );
    assert.equal(
      historySummary({ complete: false, gaps: [gap(1)] }),
      'History incomplete: 1 revision missing (1 place)',
    );
    assert.equal(
      historySummary({ complete: false, gaps: [gap(2), gap(3)] }),
      'History incomplete: 5 revisions missing (2 places)',
    );
    assert.equal(
      historySummary({ complete: false, gaps: [gap(2), gap(null)] }),
      'History may be incomplete: revisions may be missing in 2 places',
    );
    assert.equal(
      historySummary({ complete: false, gaps: [gap(null)] }),
      'History may be incomplete: revisions may be missing in 1 place',
    );
  });
});
