/**
 * Issue 13 row 2: every decoder (the feed's and the anchors') on `bytes` (default 4 MB) of each
 * reference-like shape: the ones that made a scan for the end of a reference quadratic, and
 * floods of small references, complete or not, known or not, that made the garbage collector
 * do most of the work. Prints, per case, its time and the output's length.
 */
import { decodeCharReferences } from '../../src/sections/char-references.js';
import {
  decodeEscapedWikitext,
  decodeHtmlEntities,
  decodeWikitextHtml,
  unescapeXml,
} from '../../src/wikitext/decode.js';
import { report, timed } from './report.js';

const bytes = Number(process.argv[2] ?? 4_000_000);
const SHAPES = [
  '&#',
  '&#1',
  '&amp;#',
  '&',
  '&a',
  '&ab',
  '&a;',
  '&zz;',
  '&#x',
  '&#xFFFFFFFFF',
  '&#xFFFFFFFFF;',
  '&#1;',
  '&#0000000039;',
  '&amp;',
  '&amp;amp;',
  '&amp;#1',
  '&lt;b',
  '&lt;br /&gt;\n',
  '&#60;br /&gt;\n',
  '&nbsp',
  '&notin',
  '&aelig;x',
];
const DECODERS = {
  unescapeXml,
  decodeWikitextHtml,
  decodeHtmlEntities,
  decodeEscapedWikitext,
  decodeCharReferences,
};

const cases: { shape: string; decoder: string; ms: number; outputLength: number }[] = [];
for (const shape of SHAPES) {
  const input = shape.repeat(Math.ceil(bytes / shape.length));
  for (const [decoder, decode] of Object.entries(DECODERS)) {
    const run = timed(() => decode(input));
    if (run.value === undefined) throw run.error;
    cases.push({ shape, decoder, ms: run.ms, outputLength: run.value.length });
  }
}
const slowest = cases.reduce((a, b) => (b.ms > a.ms ? b : a));
report(`ok, slowest ${slowest.decoder}(${slowest.shape} × ${bytes / 1e6} MB)`, slowest.ms, cases);
