/**
 * Issue 13, the sections class beyond row 4 (found hunting for more): a summary naming every
 * section of a page whose sections all changed (each autocomment was tried against every
 * change: quadratic), and a run of `{{` closed by a run of `}}` (the closing run was measured
 * again from each of the pieces it closes: quadratic, as in MediaWiki). `n` default 20,000.
 */
import { parseSections } from '../../src/sections/parse-sections.js';
import { verifyAutocomment } from '../../src/sections/verify-autocomment.js';
import { reportCases } from './report.js';

const n = Number(process.argv[2] ?? 20_000);
const oldText = Array.from({ length: n }, (_, i) => `== S${i} ==\na\n`).join('');
const newText = oldText.replaceAll('\na\n', '\nb\n');
const everySection = Array.from({ length: n }, (_, i) => `/* S${i} */`).join(' ');
const oneSection = '/* S1 */ '.repeat(n);
const braces = `${'{{'.repeat(n * 10)}${'}}'.repeat(n * 10)}\n== h ==\n`;

const cases = {
  'verifyAutocomment, every section named': () => {
    const check = verifyAutocomment(everySection, oldText, newText);
    return `${check.verdict}, ${check.named.length} named, ${check.unnamed.length} unnamed`;
  },
  'verifyAutocomment, one section named n times': () => {
    const check = verifyAutocomment(oneSection, oldText, newText);
    return `${check.verdict}, ${check.named.length} named, ${check.unnamed.length} unnamed`;
  },
  'parseSections, {{ × 10n then }} × 10n': () => `${parseSections(braces).length} sections`,
};
reportCases(cases);
