/**
 * Real-shaped wikitext pages for the diff benches (issue 19): a small vocabulary, many blank
 * lines and short repeated lines (`|-`, `}}`, list markers), tables and citations, and the edits
 * made to them. Deterministic (mulberry32 seeds), so every run benches the same texts.
 */
import { prng } from './generate-feed.js';

/** A case: two texts and what was done to the first. */
export interface PagePair {
  readonly name: string;
  readonly a: string;
  readonly b: string;
}

/** 20 words: sentences drawn from them repeat words often, as a page about one subject does. */
const VOCABULARY =
  'the of and to in is was river town hills history school church railway station north south bridge market castle'.split(
    ' ',
  );

type Rand = () => number;

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function words(r: Rand, min: number, max: number): string {
  const n = min + Math.floor(r() * (max - min + 1));
  const out: string[] = [];
  for (let k = 0; k < n; k++) out.push(pick(r, VOCABULARY));
  return out.join(' ');
}

/**
 * The mix of a low-vocabulary page's lines: the share that recurs (`|-`, `}}`, one-word list
 * items, table cells and template parameters) and the words of a prose line.
 */
export interface PageShape {
  readonly recurring: number;
  readonly minWords: number;
  readonly maxWords: number;
}

/** 60 % recurring lines, prose of 40 to 80 words: about 105 characters a line, 1.1 MB for 9,464. */
export const PROSE_SHAPE: PageShape = { recurring: 0.6, minWords: 40, maxWords: 80 };

/**
 * 63 % recurring lines, prose of 8 to 30 words (0.32 MB for 9,464 lines): the page as
 * its profile describes it, where most lines of a rewrite have equals on both sides. Harder for
 * the line diff than {@link PROSE_SHAPE}: more lines survive setting aside those of one side.
 */
export const DENSE_SHAPE: PageShape = { recurring: 0.63, minWords: 8, maxWords: 30 };

/**
 * One line of a low-vocabulary page: 7 % blank, `shape.recurring` short lines that recur (in
 * five kinds), the rest prose. Most lines then have equals on both sides of a rewrite, where
 * setting aside the lines of one side leaves a long edit script.
 */
function lowVocabularyLine(r: Rand, shape: PageShape): string {
  const x = r();
  if (x < 0.07) return '';
  const kind = (x - 0.07) / shape.recurring;
  if (kind < 0.2) return '|-';
  if (kind < 0.4) return '}}';
  if (kind < 0.6) return `* ${pick(r, VOCABULARY)}`;
  if (kind < 0.8) return `| ${pick(r, VOCABULARY)}`;
  if (kind < 1) return `|| ${pick(r, VOCABULARY)}`;
  return `${words(r, shape.minWords, shape.maxWords)}.`;
}

/** A low-vocabulary page of `lines` lines. */
export function lowVocabularyPage(lines: number, seed: number, shape = PROSE_SHAPE): string[] {
  const r = prng(seed);
  return Array.from({ length: lines }, () => lowVocabularyLine(r, shape));
}

/** `share` of the lines replaced by fresh ones of the same kind, in runs of 1 to `maxRun`. */
export function rewriteRuns(
  lines: readonly string[],
  share: number,
  maxRun: number,
  seed: number,
  shape = PROSE_SHAPE,
) {
  const r = prng(seed);
  const out = [...lines];
  let k = 0;
  while (k < out.length) {
    const run = 1 + Math.floor(r() * maxRun);
    if (r() < share)
      for (let q = k; q < Math.min(k + run, out.length); q++) out[q] = lowVocabularyLine(r, shape);
    k += run;
  }
  return out;
}

/** `count` lines, spread over the page, each with one word replaced. */
function editLines(lines: readonly string[], count: number, seed: number): string[] {
  const r = prng(seed);
  const out = [...lines];
  for (let e = 0; e < count; e++) {
    let at = Math.floor(((e + 0.5) * out.length) / count);
    while (out[at]!.length < 20) at++;
    const w = out[at]!.split(' ');
    w[Math.floor(r() * w.length)] = 'edited';
    out[at] = w.join(' ');
  }
  return out;
}

/** A wikitext table of `rows` rows, one line a row, and column `col` changed in every row. */
function table(rows: number, seed: number, edited: boolean): string {
  const r = prng(seed);
  const out = ['{| class="wikitable sortable"', '! Name !! Built !! Population !! Notes'];
  for (let k = 0; k < rows; k++) {
    const name = `[[${pick(r, VOCABULARY)} ${pick(r, VOCABULARY)} ${k}]]`;
    const built = 1800 + Math.floor(r() * 200);
    const population = Math.floor(r() * 100_000);
    const shown = edited ? Math.round(population * (0.9 + r() * 0.2)) : population;
    if (!edited) r();
    out.push('|-', `| ${name} || ${built} || ${shown} || ${words(r, 2, 8)}`);
  }
  out.push('|}');
  return out.join('\n');
}

/** A citation. */
function cite(r: Rand, k: number, accessed: string): string {
  return `<ref name="c${k}">{{cite web |url=https://example.org/${pick(r, VOCABULARY)}/${k} |title=${words(r, 2, 5)} |publisher=${pick(r, VOCABULARY)} |date=${2000 + (k % 24)}-0${1 + (k % 9)}-1${k % 10} |access-date=${accessed}}}</ref>`;
}

/**
 * A citation-heavy page: paragraphs each ending in one to three `<ref>`s, a references list of
 * `{{reflist}}`, and in the new revision every tenth citation's access date refreshed and every
 * twentieth paragraph reworded.
 */
function citationPage(paragraphs: number, seed: number, edited: boolean): string {
  const r = prng(seed);
  const e = prng(seed + 1);
  const out: string[] = [];
  let ref = 0;
  for (let p = 0; p < paragraphs; p++) {
    if (p % 12 === 0) out.push(`== ${words(r, 1, 3)} ==`, '');
    let line = '';
    const sentences = 2 + Math.floor(r() * 3);
    for (let s = 0; s < sentences; s++) {
      let text = `${words(r, 8, 20)}.`;
      if (edited && p % 20 === 7 && s === 0) text = `${words(e, 8, 20)}.`;
      line += text;
      for (let c = Math.floor(r() * 2); c > 0; c--) {
        ref++;
        line += cite(r, ref, edited && ref % 10 === 0 ? '2026-12-01' : '2024-05-17');
      }
      line += ' ';
    }
    out.push(line.trimEnd(), '');
  }
  out.push('== References ==', '{{reflist}}');
  return out.join('\n');
}

/** The cases of issue 19, and the shapes it asked to add. */
export function realShapedPairs(): PagePair[] {
  const base = lowVocabularyPage(9464, 19);
  const text = base.join('\n');
  // The same page, a 200-line block moved from a quarter of the way to three quarters.
  const moved = [...base];
  const block = moved.splice(2300, 200);
  moved.splice(7000, 0, ...block);
  const dense = lowVocabularyPage(9464, 26, DENSE_SHAPE);
  const hundred = lowVocabularyPage(950, 100);
  const ten = lowVocabularyPage(94_640, 1919);
  return [
    {
      name: '1 MB low-vocabulary page, 30% rewritten in runs of 1–20',
      a: text,
      b: rewriteRuns(base, 0.3, 20, 20).join('\n'),
    },
    { name: 'same page, 200-line block moved', a: text, b: moved.join('\n') },
    {
      name: 'denser 0.32 MB page (63% recurring lines), 30% rewritten in runs of 1–20',
      a: dense.join('\n'),
      b: rewriteRuns(dense, 0.3, 20, 27, DENSE_SHAPE).join('\n'),
    },
    {
      name: 'two unrelated 5,000-line texts',
      a: lowVocabularyPage(5000, 21).join('\n'),
      b: lowVocabularyPage(5000, 22).join('\n'),
    },
    {
      name: '100 KB page, 5 lines edited',
      a: hundred.join('\n'),
      b: editLines(hundred, 5, 101).join('\n'),
    },
    {
      name: 'table of 2,000 rows, one column edited',
      a: table(2000, 23, false),
      b: table(2000, 23, true),
    },
    {
      name: 'citation-heavy page (600 refs), 10% refreshed',
      a: citationPage(400, 24, false),
      b: citationPage(400, 24, true),
    },
    {
      name: '10 MB low-vocabulary page, 3% rewritten in runs of 1–20',
      a: ten.join('\n'),
      b: rewriteRuns(ten, 0.03, 20, 25).join('\n'),
    },
  ];
}
