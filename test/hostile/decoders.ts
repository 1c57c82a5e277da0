/**
 * Issue 13 row 2: every decoder on `bytes` (default 4 MB) of each reference-like shape that
 * made a scan for the end of a reference quadratic. Prints, per case, its time and whether the
 * output is the expected one (none of these shapes is a complete reference but `&#1`).
 */
import {
  decodeEscapedWikitext,
  decodeHtmlEntities,
  decodeWikitextHtml,
  unescapeXml,
} from '../../src/wikitext/decode.js';
import { report, timed } from './report.js';

const bytes = Number(process.argv[2] ?? 4_000_000);
const SHAPES = ['&#', '&#1', '&amp;#', '&', '&a', '&#x', '&amp;#1', '&lt;b'];
const DECODERS = { unescapeXml, decodeWikitextHtml, decodeHtmlEntities, decodeEscapedWikitext };

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
