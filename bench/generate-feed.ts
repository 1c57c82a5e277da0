/**
 * Generates MediaWiki-shaped contributions feeds for benchmarks, escaped exactly as
 * MediaWiki 1.39 does (FORMAT.md 2 and 6.1): the wikitext is HTML-escaped without `'`,
 * `nl2br`-ed, wrapped in the summary HTML, which is then XML-escaped as a whole.
 */

/** A small deterministic PRNG (mulberry32) so every run measures the same bytes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'wiki',
  'page',
  'the',
  'container',
  'kernel',
  "O'Neil",
  'a & b',
  '<ref>',
  '{{cite}}',
  '[[Link|text]]',
  "'''bold'''",
  'Ünïcödé',
  '日本語',
  '🎉',
  '"quoted"',
  'namespace',
  'cgroup',
];

/** Generates a wikitext page of about `bytes` UTF-16 units, headings included. */
export function generateWikitext(bytes: number, random: () => number): string {
  const lines: string[] = [];
  let size = 0;
  let n = 0;
  while (size < bytes) {
    let line: string;
    if (n % 25 === 0) line = `== Section ${n / 25} ==`;
    else if (random() < 0.1) line = '';
    else {
      const words: string[] = [];
      const count = 3 + Math.floor(random() * 15);
      for (let i = 0; i < count; i++) words.push(WORDS[Math.floor(random() * WORDS.length)]!);
      line = words.join(' ');
    }
    lines.push(line);
    size += line.length + 1;
    n++;
  }
  return lines.join('\n');
}

const xmlEscape = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#039;');

const htmlEscapeCompat = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A contributions feed of about `totalBytes`, entries of about `entryBytes` of wikitext. */
export function generateContributionsFeed(
  totalBytes: number,
  entryBytes: number,
  seed = 1,
): string {
  const random = prng(seed);
  const parts = [
    '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n',
    '\t<id>http://wiki.example/api.php?action=feedcontributions&amp;feedformat=atom&amp;user=Bench</id>\n',
    '\t<title>Bench Wiki - User contributions [en]</title>\n',
    '\t<link rel="self" type="application/atom+xml" href="http://wiki.example/api.php?action=feedcontributions&amp;feedformat=atom&amp;user=Bench"/>\n',
    '\t<link rel="alternate" type="text/html" href="http://wiki.example/index.php/Special:Contributions/Bench"/>\n',
    '\t<updated>2026-11-21T20:56:23Z</updated>\n\t<subtitle>User contributions</subtitle>\n\t<generator>MediaWiki 1.39.17</generator>\n',
  ];
  let size = parts.join('').length;
  let rev = 100000;
  while (size < totalBytes) {
    const text = generateWikitext(entryBytes, random);
    const html = `<p>Bench: edit ${rev}</p>\n<hr />\n<div>${htmlEscapeCompat(text).replace(/\n/g, '<br />\n')}</div>`;
    const url = `http://wiki.example/index.php?title=Page_${rev % 97}&amp;diff=${rev}`;
    const entry = `\t<entry>\n\t\t<id>${url}</id>\n\t\t<title>Page ${rev % 97}</title>\n\t\t<link rel="alternate" type="text/html" href="${url}"/>\n\t\t<updated>2026-11-21T20:56:17Z</updated>\n\n\t\t<summary type="html">${xmlEscape(html)}</summary>\n\t\t<author><name>Bench</name></author>\n\t</entry>\n`;
    parts.push(entry);
    size += entry.length;
    rev++;
  }
  parts.push('</feed>');
  return parts.join('');
}
