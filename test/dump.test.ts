/**
 * wikirev/dump on small inputs: the scanner's edge cases (chunk boundaries, references, CR
 * bytes, CDATA), hostile and broken inputs, limits, laziness and early release.
 * Real dumpBackup.php output is checked against the Action API in dump-mediawiki.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type DumpPage, type DumpRevision, readDump } from '../src/dump.js';
import { WikirevError } from '../src/errors.js';

const base36 = (text: string) =>
  BigInt(`0x${createHash('sha1').update(text, 'utf8').digest('hex')}`).toString(36);
const hex = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A 0.11 dump of one page with the given texts (escaped as dumpBackup.php does). */
function dump(texts: readonly string[], title = 'Page'): string {
  const revisions = texts
    .map(
      (text, i) => `    <revision>
      <id>${i + 1}</id>
${i > 0 ? `      <parentid>${i}</parentid>\n` : ''}      <timestamp>2024-03-01T12:0${i}:00Z</timestamp>
      <contributor>
        <username>Alice</username>
        <id>3</id>
      </contributor>
      <comment>edit ${i}</comment>
      <origin>${i + 1}</origin>
      <model>wikitext</model>
      <format>text/x-wiki</format>
      <text bytes="${Buffer.byteLength(text)}" sha1="${base36(text)}" xml:space="preserve">${escapeXml(text)}</text>
      <sha1>${base36(text)}</sha1>
    </revision>
`,
    )
    .join('');
  return `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">
  <siteinfo>
    <sitename>Test</sitename>
  </siteinfo>
  <page>
    <title>${escapeXml(title)}</title>
    <ns>0</ns>
    <id>7</id>
${revisions}  </page>
</mediawiki>
`;
}

/** The input cut into chunks of `size` bytes (boundaries inside tags, references, UTF-8). */
async function* chunked(input: string | Buffer, size: number): AsyncGenerator<Uint8Array> {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  for (let i = 0; i < bytes.length; i += size) yield new Uint8Array(bytes.subarray(i, i + size));
}

async function revisionsOf(source: Parameters<typeof readDump>[0], options = {}) {
  const out: DumpRevision[] = [];
  for await (const page of readDump(source, options)) {
    for await (const revision of page.revisions) out.push(revision);
  }
  return out;
}

const TEXTS = [
  'Plain & <b>bold</b> "q" \'s\' &amp; ]]> 🦊 Ünïcödé 中文',
  'Line one\r\nLine two with CR\rend\ttab   ',
  '',
];

test('texts are byte-exact at every chunk size (references, CR bytes, UTF-8 cut anywhere)', async () => {
  const input = dump(TEXTS);
  for (const size of [1, 2, 3, 5, 7, 64, 1 << 20]) {
    const revisions = await revisionsOf(chunked(input, size));
    assert.deepEqual(
      revisions.map((r) => r.text),
      TEXTS,
      `chunks of ${size}`,
    );
    assert.deepEqual(
      revisions.map((r) => r.sha1),
      TEXTS.map(hex),
    );
    assert.deepEqual(
      revisions.map((r) => r.size),
      TEXTS.map((t) => Buffer.byteLength(t)),
    );
    assert.deepEqual(
      revisions.flatMap((r) => r.diagnostics),
      [],
    );
  }
});

test("the input's bytes are left as they were (texts are decoded in place only in the reader's own copies)", async () => {
  const input = Buffer.from(dump(TEXTS));
  const before = Buffer.from(input);
  // Views of the caller's buffer, not copies (the reader copies the first chunk, which it
  // sniffs, and markup cut by a chunk's end): a text decoded in place would change the input.
  const cut = input.indexOf('<page>');
  async function* views(): AsyncGenerator<Uint8Array> {
    yield input.subarray(0, cut);
    yield input.subarray(cut);
  }
  const revisions = await revisionsOf(views());
  assert.deepEqual(
    revisions.map((r) => r.text),
    TEXTS,
  );
  assert.ok(input.equals(before));
});

test('a file is read through two reused buffers: a text cut by a comment or CDATA across chunks stays whole', async () => {
  // 1 MiB chunks: the text spans three, and its first piece (before the comment) ends inside
  // the first chunk, whose buffer holds the third chunk by the time the field closes.
  const dir = mkdtempSync(join(tmpdir(), 'wikirev-reuse-'));
  try {
    const head = 'head '.repeat(20);
    const long = 'x'.repeat(1 << 20).concat('y'.repeat(1 << 20), 'z'.repeat(600_000));
    for (const [cut, inside] of [
      ['<!-- a comment -->', ''],
      ['<![CDATA[c&d]]>', 'c&d'],
    ] as const) {
      const text = head + inside + long;
      const input = dump([text, 'after']).replace(`>${head}${escapeXml(inside)}`, `>${head}${cut}`);
      const file = join(dir, 'reuse.xml');
      writeFileSync(file, input);
      const revisions = await revisionsOf(file);
      assert.equal(revisions[0]!.text?.length, text.length, cut);
      assert.ok(revisions[0]!.text === text, `${cut}: the text read back is the text written`);
      assert.equal(revisions[1]!.text, 'after');
      assert.deepEqual(
        revisions.flatMap((r) => r.diagnostics),
        [],
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('numeric references, CDATA and a BOM decode to the characters they stand for', async () => {
  const text = 'a&#13;b&#x1F98A;c<![CDATA[<x> & y]]>d';
  const input = `\ufeff${dump(['X']).replace('>X</text>', `>${text}</text>`)}`;
  const [revision] = await revisionsOf(chunked(input, 4));
  assert.equal(revision?.text, 'a\rb🦊c<x> & yd');
  assert.equal(revision?.diagnostics[0]?.code, 'DUMP_SHA1_MISMATCH');
});

test('a text whose SHA-1 differs is a diagnostic, or an error on request', async () => {
  const input = dump(['right']).replaceAll(base36('right'), base36('wrong'));
  const [revision] = await revisionsOf(chunked(input, 100));
  assert.equal(revision?.text, 'right');
  assert.equal(revision?.sha1, hex('wrong'), 'the dump says so; the API would too');
  assert.equal(revision?.diagnostics[0]?.code, 'DUMP_SHA1_MISMATCH');
  await assert.rejects(revisionsOf(chunked(input, 100), { sha1Mismatch: 'throw' }), {
    code: 'SHA1_MISMATCH',
  });
});

test('hostile and broken inputs are typed errors', async () => {
  const cases: [string, string][] = [
    [
      '<!DOCTYPE x [<!ENTITY a "aaaaaaaa">]><mediawiki><page><title>&a;</title></page></mediawiki>',
      'ENTITY_DECLARATION',
    ],
    ['<feed xmlns="http://www.w3.org/2005/Atom"></feed>', 'NOT_A_DUMP'],
    [dump(['abc']).slice(0, -60), 'INVALID_XML'],
    [dump(['abc']).replace('</comment>', '</commentx>'), 'INVALID_XML'],
    [dump(['abc']).replace('>abc<', '>a &foo; c<'), 'INVALID_XML'],
    [dump(['abc']).replace('>abc<', '>a & c<'), 'INVALID_XML'],
    [dump(['abc']).replace('<id>1</id>', '<id>one</id>'), 'NOT_A_DUMP'],
    ['', 'INVALID_XML'],
  ];
  for (const [input, code] of cases) {
    await assert.rejects(revisionsOf(chunked(input, 16)), { code }, input.slice(0, 60));
  }
  // Not XML at all (a JSON file whose string holds a tag): said from its first non-space byte,
  // not from a tag found inside it; a text starting with '<' after a BOM and spaces reads on.
  for (const [input, first] of [
    ['\n  {"html": "<strong>x</strong>", "dump": "<mediawiki>"}', "'{'"],
    ['[1, 2]', "'['"],
    ['\u00e9t\u00e9 <mediawiki>', 'byte 0xc3'],
  ] as const) {
    await assert.rejects(
      revisionsOf(chunked(input, 4)),
      (error: WikirevError) =>
        error.code === 'NOT_A_DUMP' &&
        error.message === `not an XML dump: it starts with ${first}, where XML starts with '<'`,
      input,
    );
  }
  for (const size of [1, 2, 3, 64]) {
    assert.equal(
      (await revisionsOf(chunked(`\ufeff \n${dump(['a'])}`, size))).length,
      1,
      `${size}`,
    );
  }
  // Ids past 2^53 - 1 would read as their neighbours: an error, never a collision.
  for (const [from, to] of [
    ['<id>1</id>', '<id>9007199254740993</id>'],
    ['<id>7</id>', '<id>9007199254740992</id>'],
    ['<parentid>1</parentid>', '<parentid>18446744073709551615</parentid>'],
    ['<id>3</id>', '<id>99999999999999999999999</id>'],
  ] as const) {
    await assert.rejects(
      revisionsOf(chunked(dump(['a', 'b']).replace(from, to), 64)),
      (error: WikirevError) =>
        error.code === 'NOT_A_DUMP' &&
        /too large to be read exactly \(over 2\^53 - 1\)/.test(error.message),
      to,
    );
  }
  const safe = await revisionsOf(
    chunked(dump(['a']).replace('<id>1</id>', '<id>9007199254740991</id>'), 64),
  );
  assert.equal(safe[0]!.id, Number.MAX_SAFE_INTEGER);
  const invalid = Buffer.concat([
    Buffer.from(dump(['ab']).split('>ab<')[0]!),
    Buffer.from([0x3e, 0xff, 0xfe, 0x3c]),
    Buffer.from(dump(['ab']).split('>ab<')[1]!),
  ]);
  await assert.rejects(revisionsOf(chunked(invalid, 16)), { code: 'INVALID_ENCODING' });
});

test('a text over maxEntryBytes is an error, or skipped with a diagnostic, never held whole', async () => {
  const big = 'x'.repeat(5000);
  const input = dump(['small', big, 'after']);
  await assert.rejects(revisionsOf(chunked(input, 256), { maxEntryBytes: 1000 }), (e) => {
    assert.ok(e instanceof WikirevError);
    assert.equal(e.code, 'ENTRY_TOO_LARGE');
    assert.match(e.message, /revision 2 on page "Page".*maxEntryBytes \(1000\)/);
    return true;
  });
  const revisions = await revisionsOf(chunked(input, 256), {
    maxEntryBytes: 1000,
    entryTooLarge: 'skip',
  });
  assert.deepEqual(
    revisions.map((r) => [r.text, r.size, r.sha1]),
    [
      ['small', 5, hex('small')],
      [null, 5000, hex(big)],
      ['after', 5, hex('after')],
    ],
  );
  assert.equal(revisions[1]?.diagnostics[0]?.code, 'DUMP_TEXT_SKIPPED');
  assert.throws(() => readDump('x', { maxEntryBytes: -1 }), RangeError);
});

test('pages are lazy: unread revisions are skipped, and reading them later throws', async () => {
  const input =
    dump(['a1', 'a2', 'a3'], 'A').replace('</mediawiki>\n', '') +
    dump(['b1', 'b2'], 'B').replace(/^[\s\S]*?<\/siteinfo>\n/, '');
  const reader = readDump(chunked(input, 10));
  assert.equal((await reader.siteinfo()).sitename, 'Test');
  const seen: string[] = [];
  const pages: DumpPage[] = [];
  for await (const page of reader) {
    pages.push(page);
    if (page.title === 'A') {
      for await (const revision of page.revisions) {
        seen.push(revision.text ?? '');
        break;
      }
    } else {
      for await (const revision of page.revisions) seen.push(revision.text ?? '');
    }
  }
  assert.deepEqual(seen, ['a1', 'b1', 'b2']);
  await assert.rejects(async () => {
    for await (const _ of pages[0]!.revisions) {
      // never reached
    }
  }, TypeError);
});

test('a page of 100,000 revisions streams through one revision at a time', async () => {
  const count = 100_000;
  const text = 'Same text.';
  const revision = (i: number) =>
    `<revision><id>${i}</id><timestamp>2024-03-01T12:00:00Z</timestamp><contributor><ip>192.0.2.1</ip></contributor><text bytes="10" sha1="${base36(text)}" xml:space="preserve">${text}</text><sha1>${base36(text)}</sha1></revision>\n`;
  async function* source() {
    yield Buffer.from('<mediawiki version="0.11"><page><title>Long</title><ns>0</ns><id>1</id>\n');
    for (let i = 1; i <= count; i += 1000) {
      let batch = '';
      for (let j = i; j < i + 1000; j++) batch += revision(j);
      yield Buffer.from(batch);
    }
    yield Buffer.from('</page></mediawiki>');
  }
  let n = 0;
  let last = 0;
  for await (const page of readDump(source())) {
    for await (const r of page.revisions) {
      n++;
      assert.equal(r.id, last + 1);
      last = r.id;
      assert.equal(r.anonymous, true);
    }
  }
  assert.equal(n, count);
});

test('log dumps read as log items; pages and log items tell about each other', async () => {
  const input = `<mediawiki version="0.11"><siteinfo></siteinfo>
<logitem><id>1</id><timestamp>2024-03-01T12:00:00Z</timestamp><contributor><username>Admin</username><id>1</id></contributor><comment>why &amp; how</comment><type>move</type><action>move</action><logtitle>Old</logtitle><params xml:space="preserve">a:0:{}</params></logitem>
<logitem><id>2</id><timestamp>2024-03-01T12:01:00Z</timestamp><contributor deleted="deleted" /><comment deleted="deleted" /><type>delete</type><action>delete</action><text deleted="deleted" /></logitem>
</mediawiki>`;
  const reader = readDump(chunked(input, 7));
  const items = [];
  for await (const item of reader.logItems()) items.push(item);
  assert.deepEqual(items, [
    {
      id: 1,
      timestamp: '2024-03-01T12:00:00Z',
      user: 'Admin',
      userId: 1,
      anonymous: false,
      comment: 'why & how',
      type: 'move',
      action: 'move',
      title: 'Old',
      params: 'a:0:{}',
      deleted: { text: false, comment: false, user: false },
    },
    {
      id: 2,
      timestamp: '2024-03-01T12:01:00Z',
      user: null,
      userId: null,
      anonymous: false,
      comment: null,
      type: 'delete',
      action: 'delete',
      title: null,
      params: null,
      deleted: { text: true, comment: true, user: true },
    },
  ]);
  const pagesReader = readDump(chunked(input, 7));
  for await (const _ of pagesReader) assert.fail('no pages');
  assert.equal(pagesReader.diagnostics[0]?.code, 'DUMP_LOG_ITEMS_SKIPPED');
});

test('sources: a Readable, a web ReadableStream, a misuse', async () => {
  const input = dump(['one']);
  assert.equal((await revisionsOf(Readable.from([Buffer.from(input)])))[0]?.text, 'one');
  const web = new Blob([input]).stream();
  assert.equal((await revisionsOf(web))[0]?.text, 'one');
  assert.throws(() => readDump(null as never), TypeError);
  await assert.rejects(revisionsOf(42 as never), TypeError);
  await assert.rejects(revisionsOf(new URL('http://example.org/x.xml')), TypeError);
});

/** Files under `dir` this process has open (Linux). */
const openFiles = (dir: string) =>
  readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.startsWith(dir));
/** Live child processes of this process (Linux `ps`, itself excluded). */
const children = () =>
  spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((l) => l.trim() !== '' && !/\bps -o\b|esbuild --service/.test(l));

const tools = ['bzip2', 'lbzip2', 'gzip', '7z'].filter(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0,
);

describe('compressed dumps', {
  skip: tools.length > 0 && `not installed: ${tools.join(', ')}`,
}, () => {
  const dir = mkdtempSync(join(tmpdir(), 'wikirev-dump-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  // Two pages in two bzip2 streams (as multistream dumps are made), and many revisions so the
  // decompressors are still running when a consumer stops early.
  const texts = Array.from({ length: 400 }, (_, i) => `Revision ${i} ${'text '.repeat(i)}`);
  const first = dump(texts, 'First').replace('</mediawiki>\n', '');
  const second = dump(['b1', 'b2'], 'Second').replace(/^[\s\S]*?<\/siteinfo>\n/, '');
  const xml = join(dir, 'pages.xml');
  writeFileSync(xml, first + second);
  const sh = (command: string) => {
    const r = spawnSync('sh', ['-c', command], { cwd: dir });
    assert.equal(r.status, 0, r.stderr.toString());
  };
  writeFileSync(join(dir, 'part1.xml'), first);
  writeFileSync(join(dir, 'part2.xml'), second);
  sh('bzip2 -kc part1.xml > multi.xml.bz2 && bzip2 -kc part2.xml >> multi.xml.bz2');
  sh('bzip2 -kc pages.xml > pages.xml.bz2 && gzip -kc pages.xml > pages.xml.gz');
  sh('7z a -bd -bb0 pages.7z pages.xml > /dev/null');
  sh('head -c 3000 pages.xml.bz2 > cut.xml.bz2 && cp pages.xml.bz2 mislabelled.xml.gz');

  const expected = [...texts, 'b1', 'b2'];
  const textsOf = async (source: Parameters<typeof readDump>[0], options = {}) =>
    (await revisionsOf(source, options)).map((r) => r.text);

  test('gzip, bzip2 (every decoder, multistream read to the end), 7z give the plain texts', async () => {
    assert.deepEqual(await textsOf(xml), expected);
    for (const file of ['pages.xml.gz', 'pages.7z', 'pages.xml.bz2', 'multi.xml.bz2']) {
      assert.deepEqual(await textsOf(join(dir, file)), expected, file);
      assert.deepEqual(await textsOf(pathToFileURL(join(dir, file))), expected, file);
    }
    for (const bzip2Decoder of ['lbzip2', 'bzip2', 'js'] as const) {
      assert.deepEqual(
        await textsOf(join(dir, 'multi.xml.bz2'), { bzip2Decoder }),
        expected,
        bzip2Decoder,
      );
      assert.deepEqual(
        await textsOf(createReadStream(join(dir, 'multi.xml.bz2')), { bzip2Decoder }),
        expected,
        `${bzip2Decoder} from a stream`,
      );
    }
    assert.deepEqual(await textsOf(createReadStream(join(dir, 'pages.xml.gz'))), expected);
    const reader = readDump(join(dir, 'multi.xml.bz2'), { bzip2Decoder: 'js' });
    await reader.siteinfo();
    assert.deepEqual([reader.compression, reader.decoder], ['bzip2', 'unbzip2-stream']);
    await reader.close();
  });

  test('a corrupt, truncated or mislabelled file is a typed error', async () => {
    for (const bzip2Decoder of ['lbzip2', 'bzip2', 'js'] as const) {
      await assert.rejects(
        textsOf(join(dir, 'cut.xml.bz2'), { bzip2Decoder }),
        (e: WikirevError) => ['DECOMPRESSION_FAILED', 'INVALID_XML'].includes(e.code),
        bzip2Decoder,
      );
    }
    await assert.rejects(textsOf(join(dir, 'mislabelled.xml.gz')), {
      code: 'DECOMPRESSION_FAILED',
    });
    // A missing file: its own code, the path as the place, named once.
    const missing = join(dir, 'missing.xml');
    await assert.rejects(textsOf(missing), {
      code: 'FILE_UNREADABLE',
      file: missing,
      detail: 'no such file',
      message: `${missing}: no such file`,
    });
    await assert.rejects(textsOf(createReadStream(join(dir, 'pages.7z'))), {
      code: 'DECOMPRESSION_FAILED',
    });
    const path = process.env.PATH;
    process.env.PATH = dir;
    try {
      await assert.rejects(textsOf(join(dir, 'pages.7z')), { code: 'DECOMPRESSOR_MISSING' });
      await assert.rejects(textsOf(join(dir, 'pages.xml.bz2'), { bzip2Decoder: 'lbzip2' }), {
        code: 'DECOMPRESSOR_MISSING',
      });
      // No tool at all: auto falls back to the JavaScript decoder.
      assert.deepEqual(await textsOf(join(dir, 'pages.xml.bz2')), expected);
    } finally {
      process.env.PATH = path;
    }
  });

  test('stopping early kills the decompressor and closes the file', async () => {
    assert.deepEqual(children(), []);
    for (const [file, bzip2Decoder] of [
      ['pages.xml', 'auto'],
      ['pages.xml.gz', 'auto'],
      ['pages.7z', 'auto'],
      ['multi.xml.bz2', 'lbzip2'],
      ['multi.xml.bz2', 'bzip2'],
      ['multi.xml.bz2', 'js'],
    ] as const) {
      for await (const page of readDump(join(dir, file), { bzip2Decoder })) {
        for await (const _ of page.revisions) break;
        break;
      }
      assert.deepEqual(children(), [], `${file} ${bzip2Decoder}: no child left`);
      assert.deepEqual(openFiles(dir), [], `${file} ${bzip2Decoder}: no file left open`);
    }
    const stream = createReadStream(join(dir, 'multi.xml.bz2'));
    for await (const _ of readDump(stream)) break;
    assert.deepEqual(children(), []);
    assert.ok(stream.destroyed);
  });
});

test('an old schema (0.3, Special:Export of 2007): no <ns>, <parentid>, <sha1> or <model>', async () => {
  const text = '#REDIRECT [[Computer accessibility]] {{R from CamelCase}}';
  const input = `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.3/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="0.3" xml:lang="en">
  <siteinfo>
    <sitename>Wikipedia</sitename>
    <base>http://en.wikipedia.org/wiki/Main_Page</base>
    <generator>MediaWiki 1.11alpha</generator>
    <case>first-letter</case>
      <namespaces>
      <namespace key="0" />
      <namespace key="1">Talk</namespace>
    </namespaces>
  </siteinfo>
  <page>
    <title>AccessibleComputing</title>
    <id>10</id>
    <redirect />
    <restrictions>move=:edit=</restrictions>
    <revision>
      <id>133452289</id>
      <timestamp>2007-05-25T17:12:12Z</timestamp>
      <contributor>
        <username>Gurch</username>
        <id>241822</id>
      </contributor>
      <minor />
      <comment>Revert edit(s) by [[Special:Contributions/205.206.13.81|205.206.13.81]]</comment>
      <text xml:space="preserve">${text}</text>
    </revision>
  </page>
  <page>
    <title>Talk:AccessibleComputing</title>
    <id>11</id>
    <revision>
      <id>5</id>
      <timestamp>2007-05-25T17:12:13Z</timestamp>
      <contributor>
        <ip>127.0.0.1</ip>
      </contributor>
      <text xml:space="preserve" />
    </revision>
  </page>
</mediawiki>
`;
  const pages = [];
  for await (const page of readDump(chunked(input, 50))) {
    const revisions = [];
    for await (const revision of page.revisions) revisions.push(revision);
    pages.push({ ...page, revisions });
  }
  assert.deepEqual(
    pages.map((p) => [p.id, p.namespace, p.title, p.redirect, p.restrictions]),
    [
      [10, 0, 'AccessibleComputing', '', 'move=:edit='],
      [11, 1, 'Talk:AccessibleComputing', null, null],
    ],
  );
  const [first] = pages[0]!.revisions;
  assert.deepEqual(
    [first?.parentId, first?.minor, first?.model, first?.text, first?.sha1, first?.size],
    [null, true, null, text, hex(text), Buffer.byteLength(text)],
  );
  const [second] = pages[1]!.revisions;
  assert.deepEqual(
    [second?.user, second?.anonymous, second?.comment, second?.text, second?.sha1],
    ['127.0.0.1', true, '', '', hex('')],
  );
});

test('fragment: a run of pages cut from a dump (a multistream bzip2 group) reads on its own', async () => {
  const whole = `${dump(['a1', 'a2'], 'A').replace('</mediawiki>\n', '')}${dump(['b1'], 'B')
    .replace(/^[\s\S]*?<\/siteinfo>\n/, '')
    .replace('<id>7</id>', '<id>8</id>')}`;
  const at = whole.indexOf('  <page>', whole.indexOf('</page>'));
  const titles = async (input: string) => {
    const out: string[] = [];
    for await (const page of readDump(chunked(input, 9), { fragment: true })) {
      for await (const revision of page.revisions) out.push(`${page.title}:${revision.text}`);
    }
    return out;
  };
  // The head (root and siteinfo, no end), the tail (pages and </mediawiki>), a middle part.
  assert.deepEqual(await titles(whole.slice(0, at)), ['A:a1', 'A:a2']);
  assert.deepEqual(await titles(whole.slice(at)), ['B:b1']);
  assert.deepEqual(await titles(whole.slice(at).replace('</mediawiki>\n', '')), ['B:b1']);
  assert.deepEqual(await titles(whole), ['A:a1', 'A:a2', 'B:b1']);
  // Without the option a cut dump is an error; with it, a page cut in two still is.
  await assert.rejects(revisionsOf(chunked(whole.slice(at), 9)), { code: 'NOT_A_DUMP' });
  await assert.rejects(titles(whole.slice(0, at + 40)), { code: 'INVALID_XML' });
});
