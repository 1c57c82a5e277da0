/**
 * `wikirev watch` and `watchChanges` against a real MediaWiki 1.39 (test/helpers/mediawiki-wiki.ts):
 * a page is edited through the wiki's API while the watch runs, and the watch must print that
 * revision (its size change and section as the wiki stored them), keep the HTML report on disk,
 * send conditional requests to a history feed (MediaWiki answers 304), and stop on Ctrl-C / abort.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeAtomically } from '../src/cli/node-io.js';
import { watchChanges } from '../src/fetch/watch-changes.js';
import { mediawikiMissing, startWiki, type TestWiki } from './helpers/mediawiki-wiki.js';
import { runCli } from './helpers/run-cli.js';

const missing = mediawikiMissing();

/** An anonymous edit through the wiki's API; returns the new revision id. */
async function edit(wiki: TestWiki, title: string, text: string, summary: string) {
  const body = new URLSearchParams({
    action: 'edit',
    title,
    text,
    summary,
    token: '+\\',
    format: 'json',
    formatversion: '2',
  });
  const answer = await fetch(wiki.api, { method: 'POST', body });
  const json = (await answer.json()) as { edit?: { newrevid?: number; oldrevid?: number } };
  assert.ok(json.edit?.newrevid, JSON.stringify(json));
  return { id: json.edit.newrevid, parent: json.edit.oldrevid ?? 0 };
}

/** A fetch that records every answer's status and the conditional headers sent. */
function recordingFetch() {
  const log: { url: string; status: number; conditional: boolean }[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const answer = await fetch(input, init);
    log.push({
      url: String(input),
      status: answer.status,
      conditional: 'If-Modified-Since' in headers || 'If-None-Match' in headers,
    });
    return answer;
  };
  return { log, fetch: wrapped };
}

/** Resolves once `check` holds (polled every 50 ms), or fails after `ms`. */
async function until(check: () => boolean, ms = 20_000, what = 'condition') {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('wikirev watch on a real MediaWiki', { skip: missing ?? false }, () => {
  let wiki: TestWiki;
  let dir: string;
  before(async () => {
    wiki = await startWiki({ populate: false });
    dir = await mkdtemp(join(tmpdir(), 'wikirev-watch-'));
    await edit(wiki, 'Sandbox', 'Lead.\n\n== History ==\nOld.\n\n== Notes ==\nN.', 'create');
  });
  after(async () => {
    await wiki?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('prints a revision saved while it watches (--api), keeps --html, stops on Ctrl-C', async () => {
    const stop = new AbortController();
    const net = recordingFetch();
    const html = join(dir, 'watch.html');
    const running = runCli(['watch', '--api', wiki.api, '--interval', '1s', '--html', html], {
      fetch: net.fetch,
      interrupt: () => stop.signal,
      writeFile: writeAtomically,
    });
    let out = '';
    // The first poll sets the baseline: the page's creation is not new to the watch.
    await until(() => net.log.length >= 1, 20_000, 'the first poll');
    const saved = await edit(
      wiki,
      'Sandbox',
      'Lead.\n\n== History ==\nOld.\nNew line & more.\n\n== Notes ==\nN.',
      '/* History */ add a line',
    );
    await until(
      () => net.log.some((l) => l.url.includes(`revids=`) && l.url.includes(String(saved.id))),
      20_000,
      'the revision to be fetched',
    );
    // Let the HTML be written before stopping.
    await until(() => net.log.length >= 3);
    await new Promise((r) => setTimeout(r, 300));
    stop.abort();
    const r = await running;
    out = r.stdout;
    assert.equal(r.code, 0, r.stderr);
    const lines = out.trim().split('\n');
    assert.equal(lines.length, 1, out);
    assert.match(
      lines[0]!,
      new RegExp(
        `^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} r${saved.id} Sandbox · 127\\.0\\.0\\.1 · \\+17 bytes, \\+1/−0 lines · sections: History · “/\\* History \\*/ add a line”$`,
      ),
    );
    assert.match(r.stderr, /wikirev: stopped watching \S+ after 1 new revision\n$/);
    const page = await readFile(html, 'utf8');
    assert.match(page, new RegExp(`r${saved.id}`));
    // Every request carried maxlag (the API's politeness parameter).
    assert.ok(net.log.every((l) => /[?&]maxlag=5(&|$)/.test(l.url)));
  });

  it('watchChanges on a history feed: conditional requests (304), then the new revision; ends on abort', async () => {
    const stop = new AbortController();
    const net = recordingFetch();
    const feed = `${wiki.index}?title=Sandbox&action=history&feed=atom`;
    const seen: number[] = [];
    const watching = (async () => {
      for await (const { revision, parent } of watchChanges(
        { kind: 'feed', url: feed },
        { fetch: net.fetch, intervalMs: 1000, signal: stop.signal },
      )) {
        seen.push(revision.id);
        assert.equal(revision.parentId, parent?.id ?? null);
      }
    })();
    await until(() => net.log.length >= 2, 20_000, 'two polls');
    assert.equal(net.log[1]?.conditional, true);
    assert.equal(
      net.log[1]?.status,
      304,
      'MediaWiki answers a history feed If-Modified-Since with 304',
    );
    // MediaWiki's Last-Modified has one-second precision: an edit in the same second as the last
    // answer would be hidden by a 304.
    await new Promise((r) => setTimeout(r, 1100));
    const saved = await edit(wiki, 'Sandbox', 'Lead changed.\n\n== History ==\nOld.', 'trim');
    await until(() => seen.includes(saved.id), 20_000, 'the new revision from the feed');
    stop.abort();
    await watching;
    assert.deepEqual(seen, [saved.id]);
  });

  it('refuses what it cannot watch (usage errors)', async () => {
    assert.equal((await runCli(['watch'])).code, 2);
    assert.equal((await runCli(['watch', 'feed.xml'])).code, 2);
    assert.equal((await runCli(['watch', '--api', wiki.api, '--interval', '0.5s'])).code, 2);
    assert.equal((await runCli(['watch', 'http://x/feed', '--page', 'A'])).code, 2);
  });
});
