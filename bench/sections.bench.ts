/**
 * parseSections and compareSections on a 1 MB page with 2,000 headings, next to the naive peer
 * (a `^(={1,6})(.+?)\1\s*$` regex over lines, what a quick script does, blind to comments,
 * `<nowiki>`, templates), run side by side in this process; then adversarial inputs at n and
 * 10·n: a linear parser takes about 10 times as long at 10·n (the `×10` column).
 *
 * Prints medians in ms. Run with `npm run bench -- sections`.
 */
import { lib } from './lib.js';

const { compareSections, parseSections, verifyAutocomment } = lib;

/** Milliseconds of wall-clock time since `performance.now()` gave `from`. */
const wallMs = () => {
  const from = performance.now();
  return () => performance.now() - from;
};

/**
 * CPU milliseconds since the call: the n → 10·n ratios use it, so that a loaded machine's other
 * processes count less than in wall-clock time.
 */
const cpuMs = () => {
  const from = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(from);
    return (used.user + used.system) / 1000;
  };
};

/** The median time (ms) of `runs` calls of `fn` after a first one, by `clock`. */
function median(fn: () => unknown, runs: number, clock = wallMs): number {
  const times: number[] = [];
  fn();
  for (let k = 0; k < runs; k++) {
    const elapsed = clock();
    fn();
    times.push(elapsed());
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : 1);

/** The naive peer: every line that looks like a heading is one. */
function naiveSections(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(/^(={1,6})(.+?)\1\s*$/gm)) count++;
  return count;
}

/** A page of about 1 MB with 2,000 sections: paragraphs, lists, templates, comments. */
function bigPage(): string {
  const parts: string[] = ['Lead paragraph with a {{Template|arg=1}} and <!-- a comment -->.'];
  for (let k = 1; k <= 2000; k++) {
    parts.push(k % 5 === 0 ? `=== Sub ${k} ===` : `== Section ${k} ==`);
    parts.push(
      `Text of section ${k} with [[a link|label]] and '''bold''' words, `.repeat(4),
      `* item ${k}\n* {{cite|title=x ${k}}}\n`,
      `<ref>note ${k}</ref> more text `.repeat(3),
      'Paragraph text that fills the section to a realistic size. '.repeat(3),
      '',
    );
  }
  return parts.join('\n');
}

const page = bigPage();
const edited = page.replace('Text of section 1000 with', 'Edited text of section 1000 with');
const rows: string[][] = [];
const tParse = median(() => parseSections(page), 5);
const tNaive = median(() => naiveSections(page), 5);
rows.push([
  `1 MB page, ${parseSections(page).length - 1} headings (${(page.length / 1e6).toFixed(2)} M chars)`,
  fmt(tParse),
  fmt(tNaive),
  (tParse / tNaive).toFixed(1),
]);
const tCompare = median(() => compareSections(page, edited), 3);
rows.push(['compareSections, one section edited', fmt(tCompare), '', '']);
console.log('| input | parseSections ms | naive regex ms | ratio ours/naive |');
console.log('| --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);

// Issue 13 row 4: verifyAutocomment on a page of n sections with k autocomments. Sections are
// indexed by title and anchor once per call, so the time is compareSections' plus O(k), not k × n.
/** A page of `n` level-2 sections with a subsection every fifth; `k` names, one edit. */
function autocommentCase(n: number, k: number) {
  const parts = ['Lead.'];
  for (let j = 1; j <= n; j++) {
    parts.push(j % 5 === 0 ? `=== Sub ${j} ===` : `== Section ${j} ==`, `Text ${j}.`);
  }
  const oldText = parts.join('\n');
  const newText = oldText.replace(`Text ${n >> 1}.`, `Text ${n >> 1}, edited.`);
  const names: string[] = [];
  for (let j = 0; j < k; j++) names.push(`/* Section ${(n >> 1) - (j % 4 === 0 ? 0 : j)} */`);
  return { comment: names.join(' '), oldText, newText };
}
console.log(
  '\n| verifyAutocomment (fastest of 9) | ms | compareSections alone ms | difference ms |',
);
console.log('| --- | --- | --- | --- |');
for (const [n, k] of [
  [4000, 50],
  [4000, 1],
  [400, 50],
  [4000, 500],
] as const) {
  const c = autocommentCase(n, k);
  // Interleaved, the fastest of 9 each: on a loaded machine medians of separate series differ
  // by more than the difference measured.
  let tVerify = Number.POSITIVE_INFINITY;
  let tCompare = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 9; r++) {
    let t0 = performance.now();
    verifyAutocomment(c.comment, c.oldText, c.newText);
    tVerify = Math.min(tVerify, performance.now() - t0);
    t0 = performance.now();
    compareSections(c.oldText, c.newText);
    tCompare = Math.min(tCompare, performance.now() - t0);
  }
  console.log(
    `| ${n} sections, ${k} autocomments | ${fmt(tVerify)} | ${fmt(tCompare)} | ${fmt(tVerify - tCompare)} |`,
  );
}

const adversarial: [string, (n: number) => string, number][] = [
  ['`=` × n on one line', (n) => '='.repeat(n), 100_000],
  ['`== h =` + `=` × n, then text', (n) => `== h ${'='.repeat(n)} x\n== ok ==`, 100_000],
  ['unclosed comment, n heading lines after', (n) => `<!--\n${'== h ==\n'.repeat(n)}`, 20_000],
  ['`{{` × n unclosed, headings inside', (n) => '{{a|\n== h ==\n'.repeat(n), 20_000],
  ['`{{` × n then `}}` × n', (n) => `${'{{a|'.repeat(n)}\n== h ==\n${'}}'.repeat(n)}`, 20_000],
  ['`[[` × n unclosed, headings inside', (n) => '[[a|\n== h ==\n'.repeat(n), 20_000],
  ['`<ref>` × n, never closed', (n) => '<ref>\n== h ==\n'.repeat(n), 20_000],
  ['`<ref ` × n, no `>` at all', (n) => '<ref \n== h ==\n'.repeat(n), 20_000],
  ['`x<!---->` × n on one line', (n) => `x${'<!---->'.repeat(n)}\n== h ==`, 20_000],
  ['`-{` × n', (n) => '-{a\n== h ==\n'.repeat(n), 20_000],
  ['a heading with n spaces inside', (n) => `== a${' '.repeat(n)}b ==`, 100_000],
  [
    '`{{#if:x|` × n in a heading (anchor)',
    (n) => `== ${'{{#if:x|'.repeat(n)}y${'}}'.repeat(n)} ==`,
    2_000,
  ],
  [
    '`{{{` × n `}}}` × n in a heading (anchor)',
    (n) => `== ${'{{{'.repeat(n)}y${'}}}'.repeat(n)} ==`,
    2_000,
  ],
  ['plain `== h ==` lines × n', (n) => 'x\n== h ==\n'.repeat(n), 20_000],
  ['`== [http://x` + n spaces (anchor regexes)', (n) => `== [http://x${' '.repeat(n)}`, 100_000],
];
console.log('\n| adversarial input | n | CPU ms at n | CPU ms at 10·n | ×10 |');
console.log('| --- | --- | --- | --- | --- |');
for (const [name, make, n] of adversarial) {
  const small = make(n);
  const large = make(10 * n);
  const t1 = median(() => parseSections(small), 5, cpuMs);
  const t10 = median(() => parseSections(large), 3, cpuMs);
  console.log(`| ${name} | ${n} | ${fmt(t1)} | ${fmt(t10)} | ${(t10 / t1).toFixed(1)} |`);
}
