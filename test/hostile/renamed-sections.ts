/**
 * Issue 13, the sections class: `compareSections` on a page of `n` sections (default 20,000)
 * where 199 sections are renamed with their bodies kept, 199 others renamed with their bodies
 * rewritten (left unmatched: each was compared with every section of the other text for a
 * split or merge, 400 × n), and 199 heading-only sections renamed in place (each gap was
 * measured again for every section). Prints the kinds found and each case's CPU time.
 */
import { compareSections } from '../../src/sections/compare-sections.js';
import { reportCases } from './report.js';

const n = Number(process.argv[2] ?? 20_000);
const every = Math.floor(n / 199);
const picked = (i: number, shift: number) => i % every === shift && i / every < 199;
const page = (title: (i: number) => string, body: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => `== ${title(i)} ==\n${body(i)}`).join('');
const oldText = page(
  (i) => `S${i}`,
  (i) => `body ${i} a\nbody ${i} b\n`,
);
const newText = page(
  (i) => (picked(i, 0) || picked(i, 1) ? `R${i}` : `S${i}`),
  (i) => (picked(i, 1) ? `new ${i} a\nnew ${i} b\n` : `body ${i} a\nbody ${i} b\n`),
);
const emptyOld = page(
  (i) => `S${i}`,
  () => '',
);
const emptyNew = page(
  (i) => (picked(i, 0) ? `R${i}` : `S${i}`),
  () => '',
);
const kinds = (a: string, b: string) => {
  const count = new Map<string, number>();
  for (const c of compareSections(a, b)) count.set(c.kind, (count.get(c.kind) ?? 0) + 1);
  return Object.fromEntries([...count].sort());
};
const cases = {
  'renamed, bodies kept or rewritten': () => kinds(oldText, newText),
  'heading-only sections renamed in place': () => kinds(emptyOld, emptyNew),
};
reportCases(cases);
