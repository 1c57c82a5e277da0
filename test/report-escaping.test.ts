/**
 * Feed content is text, never markup: the HTML and Markdown reports of a feed whose title, user,
 * summaries and wikitext carry `<script>`, `<img onerror>`, `<svg onload>`, `<iframe>`,
 * `javascript:` links and a `</style>` breakout show it all escaped (fixtures/cli-xss/).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { run } from '../src/cli/run.js';
import { parseFeed } from '../src/feed/parse-feed.js';
import { analyzeHistory } from '../src/report/analyze-history.js';
import { escapeHtml } from '../src/report/escape-html.js';
import { REPORT_SCRIPT } from '../src/report/html-script.js';
import { isolateBidi } from '../src/report/isolate-bidi.js';
import { escapeMarkdown } from '../src/report/render-markdown.js';
import { renderReport } from '../src/report/render-report.js';
import { wikiLinksOf } from '../src/report/wiki-links.js';
import { buildHistory } from '../src/revisions/build-history.js';
import { FIXTURES, historyOf } from './helpers/report-golden.js';

const HOSTILE = 'cli-xss/hostile.contributions.atom.xml';
const report = analyzeHistory(historyOf(HOSTILE));

/** Elements the HTML report itself writes; anything else would come from feed content. */
const OWN_TAGS = new Set(
  'html head meta title style script body h1 h2 h3 h4 p span time svg g rect text line path circle figure figcaption nav main article details summary label input button colgroup col table thead tbody tr th td ul ol li a b blockquote section ins del i code div bdi'.split(
    ' ',
  ),
);

describe('HTML report escaping', () => {
  const wiki = wikiLinksOf([parseFeed(readFileSync(join(FIXTURES, HOSTILE)))]);
  const html = renderReport(report, { format: 'html', wiki });
  /** The document without its own script, the one the CSP allows by hash. */
  const withoutOwnScript = html.replace(`<script>${REPORT_SCRIPT}</script>`, '');

  it('reads the hostile feed as data (the test input is what it claims)', () => {
    const rev = report.pages[0]?.revisions[1];
    assert.equal(report.pages[0]?.title, 'Sandbox <script>alert("title")</script>');
    assert.equal(rev?.user, 'Mallory<img src=x onerror=alert("user")>');
    assert.match(rev?.comment ?? '', /<script>alert\("comment"\)<\/script>/);
    assert.ok(rev?.diff?.hunks.some((h) => h.lines.some((l) => l.text.includes('<svg onload'))));
  });

  it('writes only its own elements, no event handler, no script, no external URL', () => {
    const tags = [...withoutOwnScript.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) =>
      m[1]?.toLowerCase(),
    );
    assert.deepEqual(
      tags.filter((t) => t === undefined || !OWN_TAGS.has(t)),
      [],
    );
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.doesNotMatch(withoutOwnScript, /<script|<img|<iframe|<svg onload/i);
    for (const m of withoutOwnScript.matchAll(/<[^>]*>/g)) {
      assert.doesNotMatch(m[0], /\son[a-z]+\s*=/i, `event handler in ${m[0]}`);
      assert.doesNotMatch(m[0], /javascript:/i, `javascript: URL in ${m[0]}`);
    }
    // Links go to the page itself or to the wiki the feed names, its title percent-encoded.
    assert.equal(wiki.script, 'http://127.0.0.1:8089/index.php');
    const hrefs = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1] ?? '');
    assert.ok(hrefs.some((h) => h.startsWith('http:')));
    for (const h of hrefs)
      assert.match(h, /^(?:#|http:\/\/127\.0\.0\.1:8089\/index\.php[/?])[^"<>\s]*$/);
    assert.ok(
      hrefs.includes(
        'http://127.0.0.1:8089/index.php?title=Sandbox_%3Cscript%3Ealert(%22title%22)%3C/script%3E&amp;action=history',
      ),
    );
    // The one <style> element is ours: a `</style>` in the feed did not close it early.
    assert.equal(html.match(/<\/style>/g)?.length, 1);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });

  it('shows the hostile text escaped', () => {
    assert.ok(html.includes(escapeHtml('<script>alert("comment")</script>')));
    assert.ok(html.includes(escapeHtml('Mallory<img src=x onerror=alert("user")>')));
    assert.ok(html.includes('&lt;/style&gt;&lt;script&gt;alert(5)&lt;/script&gt;'));
  });

  it('escapes the five HTML characters', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&</a>`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('Markdown report escaping', () => {
  const md = renderReport(report, { format: 'markdown' });

  it('has no raw HTML or link outside diff fences, except its own anchors', () => {
    const prose = md.replace(/^(`{3,})diff\n[\s\S]*?^\1$/gm, '');
    const raw = [...prose.matchAll(/(?<!\\)<([a-zA-Z/][^>]*)>/g)].map((m) => m[0]);
    assert.ok(raw.length > 0);
    assert.deepEqual(
      raw.filter((t) => !/^<a id="r\d+">$/.test(t) && t !== '</a>'),
      [],
    );
    assert.doesNotMatch(prose, /(?<!\\)\]\(javascript:/);
    assert.ok(prose.includes('\\<script>alert("comment")\\</script>'));
  });

  it('keeps the feed text literal inside diff fences', () => {
    assert.ok(md.includes('+<svg onload=alert(4)></svg>'));
  });

  it('a | in a user name cannot add a cell to a table (Users, Authorship)', () => {
    const xml = readFileSync(join(FIXTURES, HOSTILE), 'utf8').replaceAll(
      'Mallory&lt;img src=x onerror=alert("user")&gt;',
      'Mallory | x',
    );
    const piped = renderReport(analyzeHistory(buildHistory([parseFeed(xml)])), {
      format: 'markdown',
    });
    const cells = (line: string) => line.split(/(?<!\\)\|/).length;
    const lines = piped.split('\n');
    let rows = 0;
    for (const [at, line] of lines.entries()) {
      if (!line.startsWith('|')) continue;
      let head = at;
      while (lines[head - 1]?.startsWith('|')) head--;
      assert.equal(cells(line), cells(lines[head]!), line);
      if (line.includes('Mallory')) rows++;
    }
    assert.equal(rows, 2, 'the user in the Users and the Authorship table');
  });
});

describe('every Markdown output escapes feed text (row 9)', () => {
  it('a title in `wikirev diff --format md`: escaped in the heading', async () => {
    const title = 'Sandbox <script>alert("title")</script>';
    let out = '';
    const code = await run(['diff', join(FIXTURES, HOSTILE), '--page', title, '--format', 'md'], {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => true },
      stdin: async function* () {},
      readFile: (path) => createReadStream(path),
      isTTY: false,
    });
    assert.equal(code, 0);
    const heading = out.split('\n')[0] ?? '';
    assert.equal(heading.startsWith(`### ${escapeMarkdown(title)}: r`), true, heading);
    assert.doesNotMatch(heading, /(?<!\\)<script/);
  });

  it('a lone carriage return (a CommonMark line ending) cannot start a new block', () => {
    assert.equal(escapeMarkdown('a\r# b\r\n- c\u2028d'), 'a # b - c\u2028d');
    assert.equal(escapeMarkdown('# b\r\n- c'), '\\# b - c');
  });
});

/** The hostile feed with a right-to-left override in the user name and the page title. */
const BIDI_USER = 'Evil\u202Egnp.exe';
const BIDI_TITLE = 'Report \u202Efdp.exe\u2069 \u2067x';
const bidiReport = analyzeHistory(
  buildHistory([
    parseFeed(
      readFileSync(join(FIXTURES, HOSTILE), 'utf8')
        .replaceAll('Mallory&lt;img src=x onerror=alert("user")&gt;', BIDI_USER)
        .replaceAll('Sandbox &lt;script&gt;alert("title")&lt;/script&gt;', BIDI_TITLE),
    ),
  ]),
);
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

describe('bidi controls in user names and titles are isolated (row 10)', () => {
  it('reads the names as given', () => {
    assert.equal(bidiReport.pages[0]?.title, BIDI_TITLE);
    assert.equal(bidiReport.pages[0]?.revisions[0]?.user, BIDI_USER);
  });

  it('HTML: every one inside <bdi>, none outside (but in the diff lines, each its own cell)', () => {
    const html = renderReport(bidiReport, { format: 'html' });
    const body = html.slice(html.indexOf('<body>'));
    const user = escapeHtml(BIDI_USER);
    // SVG `<title>` tooltips are plain text: there the names are isolated by FSI…PDI.
    const tooltips = [...body.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1] ?? '');
    assert.ok(tooltips.some((t) => t.includes(escapeHtml(isolateBidi(BIDI_USER)))));
    for (const t of tooltips)
      assert.equal(t.split(user).length, t.split(escapeHtml(isolateBidi(BIDI_USER))).length);
    const shown = body.replace(/<title>[^<]*<\/title>/g, '');
    assert.ok(shown.split(user).length > 3);
    assert.equal(shown.split(user).length, shown.split(`<bdi>${user}</bdi>`).length);
    const outside = body
      .replace(/<bdi>[^<]*<\/bdi>/g, '')
      .replace(/\u2068(?:[^\u2066-\u2069]|[\u2066-\u2068][^\u2069]*\u2069)*\u2069/g, '')
      .replace(/<table class="diff">[\s\S]*?<\/table>/g, '');
    assert.doesNotMatch(outside, BIDI);
    const head = html.slice(0, html.indexOf('<body>'));
    assert.doesNotMatch(head, BIDI);
  });

  it('Markdown: each wrapped in FSI…PDI with its own controls balanced', () => {
    const md = renderReport(bidiReport, { format: 'markdown' });
    const prose = md.replace(/^(`{3,})diff\n[\s\S]*?^\1$/gm, '');
    const user = escapeMarkdown(BIDI_USER);
    assert.equal(isolateBidi(BIDI_USER), '\u2068Evil\u202Egnp.exe\u202C\u2069');
    assert.equal(isolateBidi(BIDI_TITLE), '\u2068Report \u202Efdp.exe \u2067x\u2069\u202C\u2069');
    assert.equal(isolateBidi('a\u2069b\u202Cc'), '\u2068abc\u2069');
    assert.equal(isolateBidi('Alice'), 'Alice', 'left-to-right text is left alone');
    assert.ok(prose.split(user).length > 3);
    const outside = prose.replace(
      /\u2068(?:[^\u2066-\u2069]|[\u2066-\u2068][^\u2069]*\u2069)*\u2069/g,
      '',
    );
    assert.doesNotMatch(outside, BIDI);
  });
});

/**
 * GitHub's own Markdown renderer (Debian's cmark-gfm), with the extensions GitHub enables and
 * raw HTML passed through as GitHub does (its sanitizer then keeps a list of elements, `wbr`
 * among them; any other raw HTML fails the test below, which accepts only `<wbr>`).
 */
function cmarkGfm(markdown: string): string | null {
  const r = spawnSync(
    'cmark-gfm',
    ['--unsafe', '--extension', 'table', '--extension', 'strikethrough', '--extension', 'autolink'],
    { input: markdown, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return r.error === undefined && r.status === 0 ? r.stdout : null;
}

const HTML_TEXT: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"' };

/**
 * What GitHub links after rendering, in each text node outside `pre`, `code` and `a`: its
 * mention pattern (html-pipeline's MentionFilter, `@` after a non-word character) and its issue
 * references (`#12`, `GH-12`, `user#12`, `owner/repo#12`).
 */
const GITHUB_MENTION =
  /(?:^|[^A-Za-z0-9_])@[a-z0-9][a-z0-9-]*(?![a-z0-9-])(?!\/)(?=\.+[ \t]|\.+$|[^0-9a-zA-Z_.]|$)/im;
const GITHUB_ISSUE = /#\d|(?:^|[^A-Za-z0-9_])gh-\d/i;

/** Tokens whose mixes exercise every Markdown construct (but bare-URL and e-mail autolinks). */
const TOKENS = [
  ...'*_~`[]()<>&#!|\\-+=:;./\'" abcé1'.split(''),
  '**',
  '__',
  '~~',
  '``',
  '***',
  '\n',
  '\r',
  '  ',
  'amp;',
  'lt;',
  '#65;',
  '#x41;',
  'copy;',
  'script',
  'img ',
  '</',
  '<!--',
  '-->',
  '<?',
  '1.',
  '2)',
  '[^1]',
  '[ ] ',
  '[x] ',
  ']: ',
  '](',
  '][',
  '![',
  '\u05d0',
  '\u202e',
  '/* a */',
  'snake_case',
  '#1',
  '@',
  '@a',
  'x@',
  'gh-',
  'GH-1',
];

describe("escapeMarkdown against GitHub's renderer (cmark-gfm, fast-check)", () => {
  const available = cmarkGfm('x') !== null;
  it('shows every generated text as typed in headings, list items, quotes and table cells', {
    skip: available ? false : 'cmark-gfm is not installed (apt-get install cmark-gfm)',
  }, () => {
    const texts = fc
      .sample(
        fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }).map((t) => t.join('')),
        {
          numRuns: 3000,
          seed: 16,
        },
      )
      // E-mail autolinks are GFM's, left out like bare URLs: `x@a.b` stays out of the sample.
      .filter((t) => t.trim() !== '' && !/[\w.+-]@[\w.-]*\./.test(t));
    const contexts = [
      (e: string): readonly [string, RegExp] => [`### ${e}`, /^<h3>(.*)<\/h3>$/s],
      (e: string): readonly [string, RegExp] => [
        `- r1 ${e}, x`,
        /^<ul>\n<li>r1 (.*), x<\/li>\n<\/ul>$/s,
      ],
      (e: string): readonly [string, RegExp] => [
        `> ${e}`,
        /^<blockquote>\n<p>(.*)<\/p>\n<\/blockquote>$/s,
      ],
      (e: string): readonly [string, RegExp] => [
        `| ${e.replace(/\|/g, '\\|')} | y |\n| --- | --- |`,
        /^<table>\n<thead>\n<tr>\n<th>(.*)<\/th>\n<th>y<\/th>\n<\/tr>\n<\/thead>\n<\/table>$/s,
      ],
    ] as const;
    const SPLIT = '\n\nZZSPLITZZ\n\n';
    for (const context of contexts) {
      const blocks = texts.map((t) => context(escapeMarkdown(t)));
      const html = cmarkGfm(blocks.map(([md]) => md).join(SPLIT));
      assert.ok(html !== null);
      const parts = html.split('<p>ZZSPLITZZ</p>\n').map((p) => p.trim());
      assert.equal(parts.length, texts.length);
      parts.forEach((part, k) => {
        const text = texts[k]!;
        const [md, shape] = blocks[k]!;
        const nodes = shape.exec(part)?.[1]?.split('<wbr>');
        for (const node of nodes ?? []) {
          assert.doesNotMatch(node, GITHUB_MENTION, `${JSON.stringify(text)} gave ${part}`);
          assert.doesNotMatch(node, GITHUB_ISSUE, `${JSON.stringify(text)} gave ${part}`);
        }
        const inner = nodes?.join('');
        const shown = inner?.includes('<')
          ? null
          : inner?.replace(/&(amp|lt|gt|quot);/g, (_: string, name: string) => HTML_TEXT[name]!);
        const typed = isolateBidi(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
        assert.equal(shown, typed, `${JSON.stringify(text)} as ${JSON.stringify(md)} gave ${part}`);
      });
    }
  });
});
