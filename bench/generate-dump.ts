/**
 * Generates MediaWiki 0.11 XML dumps for benchmarks, shaped and escaped like dumpBackup.php's
 * output (htmlspecialchars on texts, base-36 SHA-1s that match the texts), as a stream of
 * ~1 MiB chunks, so that a 2 GB dump can be read without touching the disk.
 */
import { createHash } from 'node:crypto';
import { generateWikitext, prng } from './generate-feed.js';

/** What to generate. */
export interface GenerateDumpOptions {
  /** Stop after about this many bytes. */
  readonly totalBytes: number;
  /** Revisions per page (a page of 100,000 revisions: set it to 100000). @default 50 */
  readonly revisionsPerPage?: number;
  /** Size of a page's text, in UTF-16 units. @default 8000 */
  readonly textSize?: number;
  /** @default 1 */
  readonly seed?: number;
  /** Id of the first page (files of one dump hold disjoint page ranges). @default 1 */
  readonly firstPageId?: number;
  /** Id of the first revision. @default 1 */
  readonly firstRevisionId?: number;
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );

function base36Sha1(bytes: Buffer): string {
  return BigInt(`0x${createHash('sha1').update(bytes).digest('hex')}`).toString(36);
}

const HEADER = `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.mediawiki.org/xml/export-0.11/ http://www.mediawiki.org/xml/export-0.11.xsd" version="0.11" xml:lang="en">
  <siteinfo>
    <sitename>Bench Wiki</sitename>
    <dbname>benchwiki</dbname>
    <base>http://bench.example/wiki/Main_Page</base>
    <generator>MediaWiki 1.39.17</generator>
    <case>first-letter</case>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="1" case="first-letter">Talk</namespace>
    </namespaces>
  </siteinfo>
`;

/**
 * Yields the dump's bytes in chunks of about 1 MiB.
 *
 * @example
 * ```ts
 * for (const chunk of generateDump({ totalBytes: 10e6 })) process.stdout.write(chunk);
 * ```
 */
export function* generateDump(options: GenerateDumpOptions): Generator<Buffer> {
  const random = prng(options.seed ?? 1);
  const perPage = options.revisionsPerPage ?? 50;
  const textSize = options.textSize ?? 8000;
  let pending: Buffer[] = [Buffer.from(HEADER)];
  let pendingBytes = pending[0]!.length;
  let total = 0;
  let revId = options.firstRevisionId ?? 1;
  let pageId = options.firstPageId ?? 1;
  const out = (s: string | Buffer) => {
    const b = typeof s === 'string' ? Buffer.from(s) : s;
    pending.push(b);
    pendingBytes += b.length;
  };
  while (total + pendingBytes < options.totalBytes) {
    const title = `Page ${pageId} & "friends"`;
    out(
      `  <page>\n    <title>${escapeXml(title)}</title>\n    <ns>${pageId % 7 === 0 ? 1 : 0}</ns>\n    <id>${pageId}</id>\n`,
    );
    const base = generateWikitext(textSize, random);
    const escapedBase = Buffer.from(escapeXml(base));
    for (let k = 0; k < perPage && total + pendingBytes < options.totalBytes; k++) {
      // Each revision appends a line to the page (the text a dump repeats per revision).
      const text = `${base}\nEdit ${k} by user ${revId % 97}: ${random().toString(36).slice(2)}`;
      const raw = Buffer.from(text);
      const anonymous = revId % 11 === 0;
      out(
        `    <revision>\n      <id>${revId}</id>\n${k > 0 ? `      <parentid>${revId - 1}</parentid>\n` : ''}      <timestamp>2024-03-01T12:00:00Z</timestamp>\n      <contributor>\n${
          anonymous
            ? '        <ip>192.0.2.7</ip>\n'
            : `        <username>User ${revId % 97}</username>\n        <id>${revId % 97}</id>\n`
        }      </contributor>\n${k % 5 === 0 ? '      <minor/>\n' : ''}      <comment>/* Section */ edit ${k} &amp; more</comment>\n      <origin>${revId}</origin>\n      <model>wikitext</model>\n      <format>text/x-wiki</format>\n      <text bytes="${raw.length}" sha1="${base36Sha1(raw)}" xml:space="preserve">`,
      );
      // The appended line has nothing to escape: the page's text is escaped once.
      out(escapedBase);
      out(text.slice(base.length));
      out(`</text>\n      <sha1>${base36Sha1(raw)}</sha1>\n    </revision>\n`);
      revId++;
      if (pendingBytes >= 1 << 20) {
        const chunk = Buffer.concat(pending);
        total += chunk.length;
        pending = [];
        pendingBytes = 0;
        yield chunk;
      }
    }
    out('  </page>\n');
    pageId++;
  }
  out('</mediawiki>\n');
  yield Buffer.concat(pending);
}
