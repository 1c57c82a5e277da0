/**
 * `wikirev blame` through `run()`, on the MediaWiki corpus's Sandbox history feed. The expected
 * owners are the revisions that first typed each line, read from the corpus's own revision dump
 * (truth/revisions/sandbox.admin.json): 'Deep detail.' by Alice (4), 'More detail added.' by
 * Carol Smith (6), 'Even more.' by Борис (23).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from './helpers/run-cli.js';

const FEED = 'fixtures/mediawiki-oracle/feeds/history/sandbox.limit500.atom.xml';

const cli = (argv: string[]) => runCli(argv);

describe('wikirev blame', () => {
  it('prints each line with the revision and user who wrote it', async () => {
    const { code, stdout } = await cli(['blame', FEED, '--page', 'Sandbox']);
    assert.equal(code, 0);
    const owner = (text: string) =>
      stdout
        .split('\n')
        .find((l) => l.endsWith(`| ${text}`))
        ?.split('|')[0]
        ?.trim();
    assert.equal(owner('Deep detail.'), 'r4 Alice');
    assert.equal(owner('More detail added.'), 'r6 Carol Smith');
    assert.equal(owner('Even more.'), 'r23 Борис');
  });

  it('names a hidden user (hidden), as the report does, not ?', async () => {
    // r3 of the dump's Sandbox has <contributor deleted="deleted" /> (MediaWiki's own dump).
    const dump = 'fixtures/dump-mediawiki-1.39/full-0.11.xml';
    const { code, stdout } = await cli(['blame', dump, '--page', 'Sandbox']);
    assert.equal(code, 0);
    assert.match(stdout, /^r3 \(hidden\) +\| Play here, Борис was here\.$/m);
  });

  it('gives every token with its offsets in JSON, and an older revision with --rev', async () => {
    const { code, stdout } = await cli([
      'blame',
      FEED,
      '--page',
      'Sandbox',
      '--rev',
      '6',
      '--format',
      'json',
    ]);
    assert.equal(code, 0);
    const result = JSON.parse(stdout) as {
      revisionId: number;
      text: string;
      tokens: { start: number; end: number; originUser: string }[];
    };
    assert.equal(result.revisionId, 6);
    const more = result.text.indexOf('More detail added.');
    const token = result.tokens.find((t) => t.start === more)!;
    assert.deepEqual(
      [result.text.slice(token.start, token.end), token.originUser],
      ['More', 'Carol Smith'],
    );
  });

  it('refuses --out naming an input before reading (exit 2), and honours --max-input-bytes', async () => {
    const out = await cli(['blame', FEED, '--page', 'Sandbox', '--out', FEED]);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /--out/);
    const small = await cli(['blame', FEED, '--page', 'Sandbox', '--max-input-bytes', '1K']);
    assert.equal(small.code, 1);
    assert.match(small.stderr, /exceeds maxInputBytes \(1024\)/);
  });

  it('needs --page (exit 2) and an existing page (exit 1)', async () => {
    assert.equal((await cli(['blame', FEED])).code, 2);
    const missing = await cli(['blame', FEED, '--page', 'Nowhere']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no page 'Nowhere'/);
  });

  it('streams a dump: the page, an older revision with --rev, the same blame as the held history', async () => {
    const DUMP = 'fixtures/dump-mediawiki-1.39/full-0.11.xml.bz2';
    const PAGE = 'Reverts/Made by MediaWiki';
    const { readDump } = await import('../src/dump.js');
    const { blame } = await import('../src/authorship/blame.js');
    const held: { id: number; text: string | null; user: string | null }[] = [];
    for await (const page of readDump(DUMP)) {
      if (page.title !== PAGE) continue;
      for await (const r of page.revisions) held.push(r);
    }
    const mid = held[Math.floor(held.length / 2)]!.id;
    for (const rev of [undefined, mid]) {
      const args = ['blame', DUMP, '--page', PAGE, '--format', 'json'];
      const { code, stdout, stderr } = await cli(
        rev === undefined ? args : [...args, '--rev', String(rev)],
      );
      assert.equal(code, 0, stderr);
      const expected = blame(held, rev === undefined ? {} : { revisionId: rev })!;
      assert.deepEqual(JSON.parse(stdout), JSON.parse(JSON.stringify({ page: PAGE, ...expected })));
    }
    const html = await cli(['blame', DUMP, '--page', PAGE, '--format', 'html']);
    assert.equal(html.code, 0);
    assert.match(html.stdout, /^<!DOCTYPE html>/);
    const missing = await cli(['blame', DUMP, '--page', 'Nowhere']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no page 'Nowhere'/);
    const noRev = await cli(['blame', DUMP, '--page', PAGE, '--rev', '999999']);
    assert.equal(noRev.code, 1);
    assert.match(noRev.stderr, /revision 999999/);
  });
});
