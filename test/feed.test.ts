import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { WikirevError } from '../src/errors.js';
import { parseFeed } from '../src/feed/parse-feed.js';
import type { Feed, FeedEntry } from '../src/model.js';
import { parseAutocomments } from '../src/wikitext/comments.js';
import {
  CORPUS,
  corpusFeeds,
  hiddenTextRevisions,
  pages,
  SEED,
  storedText,
  truthRevisions,
} from './helpers/corpus.js';

const load = (file: string): Feed => parseFeed(readFileSync(file));
const truth = truthRevisions();
const hidden = hiddenTextRevisions();

/** Walks a diff entry's rows with their 1-based old and new line numbers. */
function* rowsWithLines(entry: FeedEntry) {
  if (entry.content.kind !== 'diff') return;
  for (const hunk of entry.content.hunks) {
    let oldLine = hunk.oldLine;
    let newLine = hunk.newLine;
    for (const row of hunk.rows) {
      yield { row, oldLine, newLine };
      if (row.kind !== 'added') oldLine++;
      if (row.kind !== 'deleted') newLine++;
    }
  }
}

describe('parseFeed on the MediaWiki 1.39 corpus', () => {
  const allFeeds = [...corpusFeeds('feeds'), ...corpusFeeds('variants')];

  test('every contributions and New page text equals the stored wikitext byte for byte', () => {
    let checked = 0;
    for (const file of allFeeds) {
      if (file.includes('/newpages/')) continue; // shows the current text, checked below
      for (const entry of load(file).entries) {
        if (entry.content.kind !== 'wikitext' || entry.revisionId === null) continue;
        const stored = storedText(entry.revisionId);
        if (stored === undefined) continue;
        // A revision-deleted text shows as `<div></div>` (FORMAT.md 8).
        const expected = hidden.has(entry.revisionId) ? '' : stored;
        assert.equal(entry.content.text, expected, `${file} revision ${entry.revisionId}`);
        checked++;
      }
    }
    assert.ok(checked > 500, `checked ${checked} texts`);
  });

  test('new-pages entries carry the current text of the page', () => {
    // The entry title is the title at creation (the recent-changes row), the text that of the
    // page now: for a page moved since, the text of the page under its new name.
    const moved: Record<string, string> = { 'Old name': 'New name' };
    let checked = 0;
    for (const file of corpusFeeds('feeds/newpages')) {
      const feed = load(file);
      assert.equal(feed.kind, 'newpages');
      assert.ok(feed.entries.length > 5);
      for (const entry of feed.entries) {
        const title = moved[entry.pageTitle ?? ''] ?? entry.pageTitle;
        const page = pages.find((p) => p.title === title);
        assert.ok(page?.revids, `${file}: unknown page ${entry.pageTitle}`);
        const latest = page.revids.at(-1)!;
        assert.equal(entry.content.kind, 'wikitext');
        if (entry.content.kind === 'wikitext') {
          assert.equal(entry.content.text, storedText(latest), `${file}: ${entry.pageTitle}`);
        }
        checked++;
      }
    }
    assert.ok(checked > 30);
  });

  test('every diff-table row equals the stored line at its line number (wikidiff2 and PHP engine)', () => {
    let rows = 0;
    let phpRows = 0;
    for (const file of allFeeds) {
      for (const entry of load(file).entries) {
        if (entry.content.kind !== 'diff' || entry.revisionId === null) continue;
        const newText = storedText(entry.revisionId)?.split('\n');
        const parent =
          typeof entry.parentRevisionId === 'number'
            ? entry.parentRevisionId
            : truth.get(entry.revisionId)?.parentid;
        const oldText = parent ? storedText(parent)?.split('\n') : undefined;
        assert.ok(newText && oldText, `${file}: texts of ${entry.revisionId}`);
        for (const { row, oldLine, newLine } of rowsWithLines(entry)) {
          const where: string = `${file} r${entry.revisionId} ${row.kind} -${oldLine} +${newLine}`;
          if (row.kind === 'context' || row.kind === 'deleted') {
            assert.equal(row.text, oldText[oldLine - 1], where);
          }
          if (row.kind === 'context' || row.kind === 'added') {
            assert.equal(row.text, newText[newLine - 1], where);
          }
          if (row.kind === 'changed') {
            assert.equal(row.oldText, oldText[oldLine - 1], where);
            assert.equal(row.newText, newText[newLine - 1], where);
          }
          rows++;
          if (file.includes('diff-engine-php')) phpRows++;
        }
      }
    }
    assert.ok(rows > 5000 && phpRows > 900, `${rows} rows, ${phpRows} from the PHP engine`);
  });

  test('ids, pages, timestamps and users equal the API', () => {
    let checked = 0;
    for (const file of allFeeds) {
      const feed = load(file);
      for (const entry of feed.entries) {
        if (entry.revisionId === null) continue;
        const rev = truth.get(entry.revisionId);
        if (!rev) continue;
        // Log rows of recent changes carry their (null) revision under the log's target title:
        // a move's null revision is listed under the old name.
        if (entry.content.kind === 'log' || /moved page/.test(rev.comment ?? '')) continue;
        // Recent changes and watchlists list a change under the title it had then.
        const titles = rev.title === 'New name' ? ['New name', 'Old name'] : [rev.title];
        assert.ok(titles.includes(entry.pageTitle ?? ''), `${file} r${entry.revisionId} page`);
        assert.equal(entry.timestamp, rev.timestamp, `${file} r${entry.revisionId} time`);
        if (feed.kind !== 'newpages') {
          assert.equal(
            entry.user,
            rev.userhidden ? null : (rev.user ?? null),
            `${file} r${entry.revisionId} user`,
          );
        }
        if (typeof entry.parentRevisionId === 'number' && feed.kind === 'history') {
          assert.equal(entry.parentRevisionId, rev.parentid);
        }
        checked++;
      }
    }
    assert.ok(checked > 900, `checked ${checked} entries`);
  });

  test('comments equal the API comment (contributions feeds: links simplified)', () => {
    let checked = 0;
    for (const file of corpusFeeds('feeds/contributions')) {
      for (const entry of load(file).entries) {
        const rev = entry.revisionId === null ? undefined : truth.get(entry.revisionId);
        if (!rev || rev.commenthidden || rev.comment === undefined) continue;
        const simplified = rev.comment.replace(/\[\[([^\]]*\|)?([^\]]+)\]\]/g, '$2');
        assert.equal(entry.comment, simplified, `${file} r${entry.revisionId}`);
        assert.deepEqual(entry.autocomments, parseAutocomments(rev.comment));
        checked++;
      }
    }
    assert.ok(checked > 100);
  });

  test('history and recent-changes comments give back the autocomments of the API comment', () => {
    for (const file of [...corpusFeeds('feeds/history'), ...corpusFeeds('feeds/recentchanges')]) {
      for (const entry of load(file).entries) {
        const rev = entry.revisionId === null ? undefined : truth.get(entry.revisionId);
        if (!rev || rev.comment === undefined || entry.content.kind === 'log') continue;
        assert.deepEqual(
          entry.autocomments,
          parseAutocomments(rev.comment),
          `${file} r${entry.revisionId}`,
        );
      }
    }
  });

  test('a revision-deleted comment that a history feed still prints is withheld', () => {
    let hiddenSeen = 0;
    for (const file of corpusFeeds('feeds/history')) {
      const feed = load(file);
      for (const entry of feed.entries) {
        const rev = entry.revisionId === null ? undefined : truth.get(entry.revisionId);
        if (!rev) continue;
        if (rev.commenthidden) {
          assert.equal(entry.comment, null, `${file} r${entry.revisionId}`);
          assert.ok(
            feed.diagnostics.some(
              (d) => d.code === 'ENTRY_COMMENT_HIDDEN' && d.entryIndex === entry.index,
            ),
          );
          hiddenSeen++;
        } else {
          assert.notEqual(entry.comment, null, `${file} r${entry.revisionId}`);
        }
      }
    }
    assert.ok(hiddenSeen >= 8, `${hiddenSeen} hidden comments`);
  });

  test('feed kinds are recognised from self URLs and, in RSS, from the entries', () => {
    const expect: [string, string][] = [
      ['feeds/contributions', 'contributions'],
      ['feeds/history', 'history'],
      ['feeds/recentchanges', 'recentchanges'],
      ['feeds/newpages', 'newpages'],
      ['feeds/watchlist', 'watchlist'],
    ];
    for (const [folder, kind] of expect) {
      for (const file of corpusFeeds(folder)) {
        if (file.endsWith('feed-invalid.xml')) continue;
        const feed = load(file);
        if (feed.entries.length === 0 && feed.format === 'rss') continue;
        assert.equal(feed.kind, kind, file);
        assert.equal(
          feed.format,
          file.includes('.rss') || file.endsWith('feedformat-missing.xml') ? 'rss' : 'atom',
          file,
        );
      }
    }
  });

  test('feed header fields', () => {
    const feed = load(
      corpusFeeds('feeds/contributions').find((f) => f.endsWith('/dan-oneil.atom.xml'))!,
    );
    assert.equal(feed.title, 'Oracle Wiki - User contributions [en]');
    assert.equal(feed.language, 'en');
    assert.equal(feed.generator, 'MediaWiki 1.39.17');
    assert.equal(feed.updated, '2026-11-21T20:56:23Z');
    assert.equal(
      feed.selfUrl,
      'http://127.0.0.1:8089/api.php?action=feedcontributions&feedformat=atom&user=Dan%20%26%20O%27Neil',
    );
    assert.equal(
      feed.siteUrl,
      'http://127.0.0.1:8089/index.php/Special:Contributions/Dan_%26_O%27Neil',
    );
    assert.equal(feed.entries[0]?.user, "Dan & O'Neil");
    assert.deepEqual(feed.diagnostics, []);
  });

  test('cut-off diffs become links, hidden texts "unavailable", merged items keep their note', () => {
    const cutoff = load(
      corpusFeeds('variants/feed-diff-cutoff-0').find((f) => f.includes('history/sandbox'))!,
    );
    assert.ok(cutoff.entries.every((e) => e.content.kind === 'cutoff'));
    const first = cutoff.entries.at(-1)!;
    assert.deepEqual(first.content, {
      kind: 'cutoff',
      url: 'http://127.0.0.1:8089/index.php?title=Sandbox&diff=4',
    });

    const revdel = load(
      corpusFeeds('feeds/history').find((f) => f.endsWith('revdel-target.limit500.atom.xml'))!,
    );
    const unavailable = revdel.entries.filter((e) => e.content.kind === 'unavailable');
    assert.ok(unavailable.length >= 2);
    for (const e of unavailable)
      assert.deepEqual(e.content, { kind: 'unavailable', revisionId: e.revisionId });

    const rc = load(
      corpusFeeds('feeds/recentchanges').find((f) => f.endsWith('/limit500.atom.xml'))!,
    );
    const merged = rc.entries.filter(
      (e) => e.content.kind === 'diff' && e.content.intermediateNote !== null,
    );
    assert.equal(merged.length, 2, 'the recent-changes feed has two merged items');
    for (const e of merged) {
      if (e.content.kind !== 'diff') continue;
      assert.match(e.content.intermediateNote!, /intermediate revision/);
      assert.ok(e.content.intermediateCount! >= 1);
      const rev = truth.get(e.revisionId!)!;
      assert.notEqual(
        e.parentRevisionId,
        rev.parentid,
        'a merged item spans more than one revision',
      );
    }
  });

  test('moved paragraphs and inline changes are kept', () => {
    let moved = 0;
    let inline = 0;
    for (const file of corpusFeeds('feeds/history')) {
      for (const entry of load(file).entries) {
        for (const { row } of rowsWithLines(entry)) {
          if ((row.kind === 'added' || row.kind === 'deleted') && row.moved) {
            assert.match(row.moved.target, /^movedpara_\d+_\d+_(lhs|rhs)$/);
            moved++;
          }
          if (row.kind === 'changed') {
            for (const r of [...row.oldChanges, ...row.newChanges]) assert.ok(r.start < r.end);
            inline += row.oldChanges.length + row.newChanges.length;
          }
        }
      }
    }
    assert.ok(moved >= 2, `${moved} moved rows`);
    assert.ok(inline > 20, `${inline} inline ranges`);
  });

  test('a history feed of a page that never existed is one entry with a diagnostic', () => {
    const feed = load(
      corpusFeeds('feeds/history/options').find((f) => f.endsWith('never-existed.atom.xml'))!,
    );
    assert.equal(feed.kind, 'history');
    assert.equal(feed.entries.length, 1);
    assert.equal(feed.entries[0]?.revisionId, null);
    assert.equal(feed.entries[0]?.content.kind, 'empty');
    assert.equal(feed.diagnostics[0]?.code, 'HISTORY_NO_SUCH_PAGE');
  });
});

describe('parseFeed on the seed feed (wiki.openvz.org, MediaWiki 1.31)', () => {
  const feed = load(SEED);
  test('six entries with their revision ids', () => {
    assert.equal(feed.kind, 'contributions');
    assert.equal(feed.generator, 'MediaWiki 1.31.1');
    assert.deepEqual(
      feed.entries.map((e) => e.revisionId),
      [6226, 6200, 6199, 6198, 6197, 6196],
    );
    assert.deepEqual(feed.diagnostics, []);
  });
  test('wikitext decoded exactly: a typed <br/> stays, nl2br breaks go', () => {
    const texts = feed.entries.map((e) => (e.content.kind === 'wikitext' ? e.content.text : ''));
    const withWhen = texts.find((t) => t.includes("'''When'''"));
    assert.ok(withWhen?.includes("'''When''': 22nd of July 2008<br/>\n"));
    for (const text of texts) {
      assert.ok(!text.includes('<br />\n'), 'no nl2br break left');
      assert.ok(!/&(?:lt|gt|amp|quot);/.test(text) || text.includes('&nbsp;'), 'no escaping left');
    }
    // The raw entry minus its escaping, computed independently with a naive two-step decode.
    const raw = readFileSync(SEED, 'utf8');
    const summaries = [...raw.matchAll(/<summary type="html">([\s\S]*?)<\/summary>/g)].map(
      (m) => m[1]!,
    );
    assert.equal(summaries.length, 6);
    summaries.forEach((summary, i) => {
      const html = summary
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#039;/g, "'")
        .replace(/&amp;/g, '&');
      const body = html.slice(html.indexOf('</p>\n<hr />\n<div>') + 17, html.lastIndexOf('</div>'));
      const text = body
        .replace(/<br \/>\n/g, '\n')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
      assert.equal(texts[i], text);
    });
  });
  test('pages, times and users', () => {
    assert.equal(feed.entries[1]?.pageTitle, 'Containers/Mini-summit 2008');
    assert.equal(feed.entries[0]?.timestamp, '2008-07-22T14:58:58Z');
    assert.ok(feed.entries.every((e) => e.user === 'Dlezcano'));
  });
});

describe('parseFeed on other languages (structure, not English words)', () => {
  test('localised line numbers, New page and Show changes texts read the same', () => {
    const file = corpusFeeds('feeds/history').find((f) =>
      f.endsWith('big-page.limit500.atom.xml'),
    )!;
    const original = readFileSync(file, 'utf8');
    assert.ok(original.includes('Line 1,389:'), 'the fixture has a grouped line number');
    const german = original
      .replace(/Line (\d+),(\d{3}):/g, 'Zeile $1.$2:')
      .replace(/Line (\d+):/g, 'Zeile $1:')
      .replace(/New page/g, 'Neue Seite');
    const arabicDigits = (s: string) =>
      s.replace(/\d/g, (d) => String.fromCharCode(0x660 + Number(d)));
    const arabic = original.replace(
      /Line ([\d,]+):/g,
      (_m, n: string) => `سطر ${arabicDigits(n.replace(',', '٬'))}:`,
    );
    // A table whose line numbers were never localised keeps DifferenceEngine's `<!--LINE N-->`.
    const unlocalised = original.replace(
      /Line ([\d,]+):/g,
      (_m, n: string) => `&lt;!--LINE ${n.replace(',', '')}--&gt;`,
    );
    const a = parseFeed(original);
    assert.deepEqual(parseFeed(german).entries, a.entries);
    assert.deepEqual(parseFeed(arabic).entries, a.entries);
    assert.deepEqual(parseFeed(unlocalised).entries, a.entries);
  });
});

describe('parseFeed on the diff markup of other MediaWiki versions', () => {
  test('text markers and web classes (before 1.35 and on index.php?diff=) read the same', () => {
    const file = corpusFeeds('feeds/history').find((f) => f.endsWith('sandbox.limit500.atom.xml'))!;
    const original = readFileSync(file, 'utf8');
    // Older MediaWiki wrote the marker as cell text (`−`, `+`, a no-break space for context);
    // the web view keeps the classes that feeds rewrite to inline styles (FORMAT.md 6.3).
    const older = original
      .replace(/ data-marker=&quot;−&quot;&gt;&lt;\/td&gt;/g, '&gt;−&lt;/td&gt;')
      .replace(/ data-marker=&quot;\+&quot;&gt;&lt;\/td&gt;/g, '&gt;+&lt;/td&gt;')
      .replace(
        /class=&quot;diff-marker&quot;&gt;&lt;\/td&gt;/g,
        'class=&quot;diff-marker&quot;&gt;&amp;#160;&lt;/td&gt;',
      )
      .replace(
        /style=&quot;[^&]*border-color: #a3d3ff;[^&]*&quot;/g,
        'class=&quot;diff-addedline&quot;',
      )
      .replace(
        /style=&quot;[^&]*border-color: #ffe49c;[^&]*&quot;/g,
        'class=&quot;diff-deletedline&quot;',
      )
      .replace(
        /style=&quot;[^&]*border-color: #eaecf0;[^&]*&quot;/g,
        'class=&quot;diff-context&quot;',
      );
    assert.ok(older.includes('&gt;−&lt;/td&gt;') && older.includes('diff-context'));
    assert.deepEqual(parseFeed(older).entries, parseFeed(original).entries);
  });
});

describe('parseFeed on hostile and broken input', () => {
  const code = (input: string | Uint8Array, expected: string) =>
    assert.throws(
      () => parseFeed(input),
      (e: unknown) => e instanceof WikirevError && e.code === expected,
    );
  const atom = (entries: string) =>
    `<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>T</title>${entries}</feed>`;

  test('not XML', () => code('hello, world', 'NOT_A_FEED'));
  test('empty input', () => code('', 'NOT_A_FEED'));
  test('an HTML error page', () => {
    code(
      readFileSync(join(CORPUS, 'feeds', 'history', 'options', 'sandbox.feed-invalid.xml')),
      'NOT_A_FEED',
    );
  });
  test('a truncated document, with its location', () => {
    const text = readFileSync(SEED, 'utf8');
    const cut = text.slice(0, text.length / 2);
    assert.throws(
      () => parseFeed(cut),
      (e: unknown) =>
        e instanceof WikirevError &&
        e.code === 'INVALID_XML' &&
        e.line !== undefined &&
        e.line > 10,
    );
  });
  test('mismatched tags, with their location', () => {
    assert.throws(
      () => parseFeed('<feed>\n<entry><title>a</titl></entry></feed>'),
      (e: unknown) =>
        e instanceof WikirevError && e.code === 'INVALID_XML' && e.line === 2 && e.column === 16,
    );
  });
  test('billion laughs fails fast without expansion', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><feed><title>&lol9;</title></feed>`;
    code(lol, 'ENTITY_DECLARATION');
  });
  test('an external entity is refused, never fetched', () => {
    code(
      '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]><feed><title>&x;</title></feed>',
      'ENTITY_DECLARATION',
    );
  });
  test('prototype names do no harm', () => {
    const feed = parseFeed(
      atom(
        '<__proto__><polluted>yes</polluted></__proto__><constructor>x</constructor><entry><title>P</title><__proto__>1</__proto__></entry>',
      ),
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(feed.entries.length, 1);
    assert.equal(feed.entries[0]?.pageTitle, 'P');
  });
  test('wrong root element', () => code('<?xml version="1.0"?><html><body/></html>', 'NOT_A_FEED'));
  test('wrong root element (XML)', () =>
    code('<?xml version="1.0"?><catalog><book/></catalog>', 'NOT_A_FEED'));
  test('invalid UTF-8', () =>
    code(new Uint8Array([0x3c, 0x66, 0xff, 0xfe, 0x3e]), 'INVALID_ENCODING'));
  test('too large', () =>
    assert.throws(
      () => parseFeed(atom(''), { maxInputBytes: 10 }),
      (e: unknown) => e instanceof WikirevError && e.code === 'INPUT_TOO_LARGE',
    ));
  test('an empty feed', () => {
    const feed = parseFeed(
      readFileSync(
        corpusFeeds('feeds/contributions/options').find((f) =>
          f.endsWith('nonexistent-user.atom.xml'),
        )!,
      ),
    );
    assert.equal(feed.entries.length, 0);
    assert.equal(feed.kind, 'contributions');
    assert.deepEqual(feed.diagnostics, []);
  });
  test('an entry missing every field is kept, with diagnostics', () => {
    const feed = parseFeed(atom('<entry></entry>'));
    assert.equal(feed.entries.length, 1);
    const entry = feed.entries[0]!;
    assert.equal(entry.revisionId, null);
    assert.equal(entry.timestamp, null);
    assert.equal(entry.user, null);
    assert.equal(entry.content.kind, 'empty');
    const codes = feed.diagnostics.map((d) => d.code).sort();
    assert.deepEqual(codes, ['ENTRY_NO_DATE', 'ENTRY_NO_PAGE', 'ENTRY_NO_SUMMARY']);
    assert.ok(feed.diagnostics.every((d) => d.entryIndex === 0));
  });
  test('invalid dates and non-numeric ids are diagnostics', () => {
    const entry = (date: string, link: string) =>
      `<entry><title>P</title><link rel="alternate" href="${link}"/><updated>${date}</updated><summary type="html"></summary><author><name>U</name></author></entry>`;
    const feed = parseFeed(
      atom(
        entry('2026-02-30T10:00:00Z', 'http://w/index.php?title=P&amp;diff=abc') +
          entry('yesterday', 'http://w/index.php?title=P&amp;diff=12&amp;oldid=x1') +
          entry('2026-11-21T20:56:17+01:00', 'http://w/index.php?title=P&amp;diff=13'),
      ),
    );
    assert.deepEqual(
      feed.diagnostics.map((d) => [d.code, d.entryIndex]),
      [
        ['ENTRY_BAD_REVISION_ID', 0],
        ['ENTRY_BAD_DATE', 0],
        ['ENTRY_BAD_PARENT_ID', 1],
        ['ENTRY_BAD_DATE', 1],
      ],
    );
    assert.equal(feed.entries[0]?.revisionId, null);
    assert.equal(feed.entries[1]?.revisionId, 12);
    assert.equal(feed.entries[2]?.timestamp, '2026-11-21T19:56:17Z');
  });
  test('CDATA sections (feeds re-served by other software) read like escaped text', () => {
    const original = readFileSync(SEED, 'utf8');
    const reserved = original
      .replace(
        /<summary type="html">([\s\S]*?)<\/summary>/g,
        (_m, raw: string) =>
          `<summary type="html"><![CDATA[${raw
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&#039;/g, "'")
            .replace(/&amp;/g, '&')}]]></summary>`,
      )
      .replace(/<title>([^<]*)<\/title>/g, '<title><![CDATA[$1]]></title>');
    assert.notEqual(reserved, original);
    assert.deepEqual(parseFeed(reserved).entries, parseFeed(original).entries);
  });
  test('misuse of the API is a TypeError or RangeError', () => {
    assert.throws(() => parseFeed(42 as unknown as string), TypeError);
    assert.throws(() => parseFeed(atom(''), { maxInputBytes: -1 }), RangeError);
  });
});
