/**
 * The saved dumps of the real MediaWiki 1.39 (fixtures/dump-mediawiki-1.39/, made by
 * dump-mediawiki.test.ts with WIKIREV_UPDATE_FIXTURES=1) against the Action API's answers
 * saved with them, without starting a wiki.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { historyFromDump, readDump } from '../src/dump.js';
import type { Diagnostic } from '../src/errors.js';
import { readApiRevision } from '../src/fetch/api-revision.js';
import { analyzeHistory, buildHistory, diffRevisions, renderReport } from '../src/index.js';
import type { PageHistory } from '../src/model.js';
import {
  type ApiTruth,
  assertDumpMatchesApi,
  assertLogMatchesApi,
  readAll,
} from './helpers/dump-api.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'dump-mediawiki-1.39');
const fixture = (name: string) => join(DIR, name);
const truth = JSON.parse(readFileSync(fixture('api.json'), 'utf8')) as ApiTruth;

test('fixture dumps (0.11, 0.10, --current) equal the saved API answers', async () => {
  const compared = assertDumpMatchesApi(
    await readAll(fixture('full-0.11.xml')),
    truth,
    'full-0.11',
  );
  assert.equal(
    compared,
    truth.pages.reduce((n, p) => n + p.revisions.length, 0),
  );
  assert.ok(compared > 280, `${compared} revisions`);
  assertDumpMatchesApi(await readAll(fixture('full-0.10.xml')), truth, 'full-0.10');
  assertDumpMatchesApi(await readAll(fixture('current-0.11.xml')), truth, 'current');
});

test('fixture log dump equals the saved list=logevents', async () => {
  assert.ok((await assertLogMatchesApi(fixture('logs-0.11.xml'), truth)) >= 10);
});

test('compressed fixtures read the same as the plain dump (JavaScript bzip2 decoder too)', async () => {
  const plain = await readAll(fixture('full-0.11.xml'));
  for (const name of ['full-0.11.xml.gz', 'full-0.11.multistream.xml.bz2', 'full-0.11.xml.bz2']) {
    assert.deepEqual(await readAll(fixture(name), { bzip2Decoder: 'js' }), plain, name);
  }
});

test('historyFromDump gives the histories buildHistory makes from the same wiki API answers', async () => {
  const apiRevisions = truth.pages.flatMap((page) =>
    page.revisions.map((raw) => readApiRevision(raw, page.title, { sha1Mismatch: 'report' })),
  );
  const fromApi = buildHistory([], { revisions: apiRevisions, revisionsIncludeNewest: true });
  const pick = (p: PageHistory) => ({
    title: p.title,
    complete: p.complete,
    gaps: p.gaps,
    revisions: p.revisions.map((r) => ({
      id: r.id,
      parentId: r.parentId,
      parentKnown: r.parentKnown,
      timestamp: r.timestamp,
      user: r.user,
      comment: r.comment,
      autocomments: r.autocomments,
      text: r.text,
      sha1: r.sha1,
      size: r.size,
      revert: r.revert,
    })),
  });
  const fromDump: PageHistory[] = [];
  for await (const page of historyFromDump(fixture('full-0.11.xml.bz2'))) fromDump.push(page);
  assert.deepEqual(
    fromDump.map(pick),
    truth.pages.map((p) => pick(fromApi.pages.find((h) => h.title === p.title)!)),
  );
  assert.ok(fromDump.some((p) => p.revisions.some((r) => r.revert?.kind === 'rollback')));
  // The core works on them unchanged.
  const report = analyzeHistory({ pages: fromDump, diagnostics: [] });
  assert.match(renderReport(report, { format: 'markdown' }), /Two hundred revisions/);
  const long = fromDump.find((p) => p.title === 'History/Long page')!;
  assert.ok(diffRevisions(long.revisions[0]!, long.revisions[1]!).added >= 1);
  // A --current dump has one revision per page: a gap before it, not complete.
  for await (const page of historyFromDump(fixture('current-0.11.xml'))) {
    const [only] = page.revisions;
    assert.equal(page.complete, only!.parentId === null, page.title);
  }
});

test('fragment: the bzip2 streams of the multistream fixture, each read on its own, make the dump', async () => {
  const file = readFileSync(fixture('full-0.11.multistream.xml.bz2'));
  // Each stream starts with "BZh9" and the block magic 0x314159265359 ("1AY&SY").
  const starts: number[] = [];
  for (let at = file.indexOf('BZh91AY&SY'); at !== -1; at = file.indexOf('BZh91AY&SY', at + 1)) {
    starts.push(at);
  }
  assert.ok(starts.length >= 3, `${starts.length} streams`);
  const plain = await readAll(fixture('full-0.11.xml'));
  const titles: string[] = [];
  let revisions = 0;
  for (const [i, start] of starts.entries()) {
    const stream = file.subarray(start, starts[i + 1] ?? file.length);
    const source = Readable.from([stream]);
    for await (const page of readDump(source, { fragment: true })) {
      titles.push(page.title);
      for await (const _ of page.revisions) revisions++;
    }
  }
  assert.deepEqual(
    titles,
    plain.pages.map((p) => p.title),
  );
  assert.equal(revisions, 286);
});

test('a revision-deleted text keeps the size MediaWiki records: dump, API and report', async () => {
  // The API's `size` of every revision whose text is hidden (r36: 2004 bytes), beside the
  // revision before it: MediaWiki's history shows both, so the byte change is known.
  const hidden = truth.pages.flatMap((page) =>
    page.revisions.filter((r) => r.slots.main?.texthidden === true).map((r) => ({ page, r })),
  );
  assert.ok(hidden.some(({ r }) => r.revid === 36 && r.size === 2004));
  const fromDump: PageHistory[] = [];
  for await (const page of historyFromDump(fixture('full-0.11.xml'))) fromDump.push(page);
  const apiRevisions = truth.pages.flatMap((page) =>
    page.revisions.map((raw) => readApiRevision(raw, page.title, { sha1Mismatch: 'report' })),
  );
  const fromApi = buildHistory([], { revisions: apiRevisions, revisionsIncludeNewest: true });
  for (const { page, r } of hidden) {
    const api = apiRevisions.find((a) => a.id === r.revid)!;
    assert.deepEqual([api.text, api.size], [null, r.size], `readApiRevision r${r.revid}`);
    for (const [name, pages] of [
      ['historyFromDump', fromDump],
      ['buildHistory', fromApi.pages],
    ] as const) {
      const got = pages
        .find((p) => p.title === page.title)!
        .revisions.find((x) => x.id === r.revid)!;
      assert.deepEqual([got.text, got.size], [null, r.size], `${name} r${r.revid}`);
    }
  }
  // The report shows r36's and r37's byte changes (MediaWiki's history: +21, +25).
  const sizes = new Map(truth.pages.flatMap((p) => p.revisions.map((r) => [r.revid, r.size])));
  const report = analyzeHistory({ pages: fromDump, diagnostics: [] });
  const change = (id: number) =>
    report.pages.flatMap((p) => p.revisions).find((r) => r.id === id)!.sizeChange;
  assert.deepEqual(
    [change(36), change(37)],
    [sizes.get(36)! - sizes.get(35)!, sizes.get(37)! - sizes.get(36)!],
  );
});

test('revision-deleted parts of a dump are the info diagnostics --api reports for them', async () => {
  // The API's diagnostics on the saved answers of the same wiki; a dump writes the SHA-1 of a
  // hidden text, so only the text, user and comment are hidden there.
  const fromApi: Diagnostic[] = [];
  for (const page of truth.pages) {
    for (const raw of page.revisions) {
      readApiRevision(raw, page.title, {
        sha1Mismatch: 'report',
        onDiagnostic: (d) => fromApi.push(d),
      });
    }
  }
  const hidden = (d: Diagnostic) => /^REVISION_(TEXT|USER|COMMENT)_HIDDEN$/.test(d.code);
  const expected = fromApi.filter(hidden);
  assert.ok(expected.length >= 3, `${expected.length} hidden parts`);
  const fromDump: Diagnostic[] = [];
  for await (const page of historyFromDump(fixture('full-0.11.xml'))) {
    fromDump.push(...page.diagnostics.filter((d) => d.code.endsWith('_HIDDEN')));
  }
  assert.deepEqual(fromDump, expected);
});
