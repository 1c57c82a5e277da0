/**
 * Issue 13, sections class, found probing more of it: headings whose anchors nest template
 * calls. `n` (default 10,000) levels of `{{#if:x|` overflowed the stack (an untyped RangeError
 * out of `parseSections`, at 1,000 levels already for calls of unknown templates); a template
 * using its parameter twice doubled its text at each level unbounded by the size budget
 * ("Invalid string length" at 100 levels); `{{{`×n `}}}`×n expanded each name twice a level
 * (exponential: 1.8 s at 100 levels, stopped only by the budget) and measured the closing run
 * again at each piece (quadratic). Also the preprocessor rows of `npm run bench -- sections`:
 * n unclosed `{{`, `[[`, `-{` and `<ref>` each before a heading (CPU grew 16–28x from n to 10n,
 * from the collector copying three objects a stack piece).
 */
import { parseSections } from '../../src/sections/parse-sections.js';
import { reportCases } from './report.js';

const n = Number(process.argv[2] ?? 10_000);
const described = (text: string, options = {}) => {
  const sections = parseSections(text, options);
  const last = sections[sections.length - 1]!;
  return `${sections.length} sections, last anchor ${last.anchorExact ? 'exact' : 'inexact'}`;
};
const ifs = `== ${'{{#if:x|'.repeat(n)}y${'}}'.repeat(n)} ==\n`;
const unknown = `== ${'{{Unknown|'.repeat(n)}y${'}}'.repeat(n)} ==\n`;
const doubling = `== ${'{{Twice|'.repeat(n)}y${'}}'.repeat(n)} ==\n`;
const parameters = `== ${'{{{'.repeat(n)}y${'}}}'.repeat(n)} ==\n`;
const twice = { templates: { Twice: '{{{1}}}{{{1}}}' } };

reportCases({
  '{{#if:x| × n in a heading': () => described(ifs),
  '{{Unknown| × n in a heading': () => described(unknown, { resolveTemplate: () => undefined }),
  '{{Twice| × n, Twice = {{{1}}}{{{1}}}': () => described(doubling, twice),
  '{{{ × n }}} × n in a heading': () => described(parameters),
  '{{a|\\n== h ==\\n × 10n, never closed': () => described('{{a|\n== h ==\n'.repeat(10 * n)),
  '[[a|\\n== h ==\\n × 10n': () => described('[[a|\n== h ==\n'.repeat(10 * n)),
  '-{a\\n== h ==\\n × 10n': () => described('-{a\n== h ==\n'.repeat(10 * n)),
  '<ref>\\n== h ==\\n × 10n': () => described('<ref>\n== h ==\n'.repeat(10 * n)),
});
