/**
 * `Sanitizer::decodeCharReferences` for section anchors: `&name;`, `&#NNN;` and `&#xHHH;` are
 * decoded once, names are case-sensitive and need their `;` (`F&GT` stays as is, T355386),
 * and code points MediaWiki refuses (surrogates, most C0 controls, past U+10FFFF) become U+FFFD.
 *
 * The named set is the part of HTML's list that occurs in headings in practice (HTML 4 Latin-1,
 * symbols and punctuation); a name outside it is kept verbatim, which is also what MediaWiki does
 * for names it does not know.
 */

import { startText, type TextBuilder } from '../wikitext/text-builder.js';

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  iexcl: '¡',
  cent: '¢',
  pound: '£',
  curren: '¤',
  yen: '¥',
  brvbar: '¦',
  sect: '§',
  uml: '¨',
  copy: '©',
  ordf: 'ª',
  laquo: '«',
  not: '¬',
  shy: '\u00ad',
  reg: '®',
  macr: '¯',
  deg: '°',
  plusmn: '±',
  sup2: '²',
  sup3: '³',
  acute: '´',
  micro: 'µ',
  para: '¶',
  middot: '·',
  cedil: '¸',
  sup1: '¹',
  ordm: 'º',
  raquo: '»',
  frac14: '¼',
  frac12: '½',
  frac34: '¾',
  iquest: '¿',
  Agrave: 'À',
  Aacute: 'Á',
  Acirc: 'Â',
  Atilde: 'Ã',
  Auml: 'Ä',
  Aring: 'Å',
  AElig: 'Æ',
  Ccedil: 'Ç',
  Egrave: 'È',
  Eacute: 'É',
  Ecirc: 'Ê',
  Euml: 'Ë',
  Igrave: 'Ì',
  Iacute: 'Í',
  Icirc: 'Î',
  Iuml: 'Ï',
  ETH: 'Ð',
  Ntilde: 'Ñ',
  Ograve: 'Ò',
  Oacute: 'Ó',
  Ocirc: 'Ô',
  Otilde: 'Õ',
  Ouml: 'Ö',
  times: '×',
  Oslash: 'Ø',
  Ugrave: 'Ù',
  Uacute: 'Ú',
  Ucirc: 'Û',
  Uuml: 'Ü',
  Yacute: 'Ý',
  THORN: 'Þ',
  szlig: 'ß',
  agrave: 'à',
  aacute: 'á',
  acirc: 'â',
  atilde: 'ã',
  auml: 'ä',
  aring: 'å',
  aelig: 'æ',
  ccedil: 'ç',
  egrave: 'è',
  eacute: 'é',
  ecirc: 'ê',
  euml: 'ë',
  igrave: 'ì',
  iacute: 'í',
  icirc: 'î',
  iuml: 'ï',
  eth: 'ð',
  ntilde: 'ñ',
  ograve: 'ò',
  oacute: 'ó',
  ocirc: 'ô',
  otilde: 'õ',
  ouml: 'ö',
  divide: '÷',
  oslash: 'ø',
  ugrave: 'ù',
  uacute: 'ú',
  ucirc: 'û',
  uuml: 'ü',
  yacute: 'ý',
  thorn: 'þ',
  yuml: 'ÿ',
  OElig: 'Œ',
  oelig: 'œ',
  Scaron: 'Š',
  scaron: 'š',
  Yuml: 'Ÿ',
  fnof: 'ƒ',
  circ: 'ˆ',
  tilde: '˜',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  zwnj: '\u200c',
  zwj: '\u200d',
  lrm: '\u200e',
  rlm: '\u200f',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  dagger: '†',
  Dagger: '‡',
  bull: '•',
  hellip: '…',
  permil: '‰',
  prime: '′',
  Prime: '″',
  lsaquo: '‹',
  rsaquo: '›',
  oline: '‾',
  frasl: '⁄',
  euro: '€',
  trade: '™',
  larr: '←',
  uarr: '↑',
  rarr: '→',
  darr: '↓',
  harr: '↔',
  minus: '−',
  le: '≤',
  ge: '≥',
  ne: '≠',
  infin: '∞',
  hearts: '♥',
};

/** MediaWiki's `Sanitizer::validateCodepoint`. */
function validCodePoint(cp: number): boolean {
  return (
    cp === 0x09 ||
    cp === 0x0a ||
    cp === 0x0d ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Decodes the reference starting at the `&` at `i` (`&name;`, `&#NNN;`, `&#xHHH;`, as
 * `/&(?:([A-Za-z][A-Za-z0-9]*)|#([0-9]+)|#[xX]([0-9A-Fa-f]+));/` reads them) into `out`, after
 * the text from `last`, and returns its end; returns `i` (writing nothing) when no known
 * reference starts there. Each character is read once: a regular expression with a
 * callback spent about a microsecond a reference, a second on 4 MB of `&a;`.
 */
function referenceAt(text: string, i: number, out: TextBuilder, last: number): number {
  let j = i + 1;
  const first = text.charCodeAt(j);
  if (isLetter(first)) {
    while (isLetter(text.charCodeAt(j)) || isDigit(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== 59 /* ; */) return i;
    const name = text.slice(i + 1, j);
    // An unknown name stays as it is.
    if (!Object.hasOwn(NAMED, name)) return i;
    const value = NAMED[name]!;
    out.append(text, last, i);
    out.append(value, 0, value.length);
    return j + 1;
  }
  if (first !== 35 /* # */) return i;
  j++;
  let base = 10;
  let digit = isDigit;
  if (!isDigit(text.charCodeAt(j)) && (text[j] === 'x' || text[j] === 'X')) {
    base = 16;
    digit = isHex;
    j++;
  }
  const from = j;
  let cp = 0;
  while (digit(text.charCodeAt(j))) {
    // Past U+10FFFF the value only matters as invalid: capped, so that it stays exact.
    cp = Math.min(cp * base + Number.parseInt(text[j]!, 16), 0x110000);
    j++;
  }
  if (j === from || text.charCodeAt(j) !== 59) return i;
  out.append(text, last, i);
  // Sanitizer::decodeChar: a code point it refuses becomes U+FFFD.
  if (!validCodePoint(cp)) out.appendCode(0xfffd);
  else if (cp < 0x10000) out.appendCode(cp);
  else {
    out.appendCode(0xd800 + ((cp - 0x10000) >> 10));
    out.appendCode(0xdc00 + ((cp - 0x10000) & 0x3ff));
  }
  return j + 1;
}

/**
 * Decodes the character references of `text` once, as MediaWiki does for anchors.
 *
 * @param text - HTML-ish text.
 * @returns The text with known references replaced.
 */
export function decodeCharReferences(text: string): string {
  let i = text.indexOf('&');
  if (i === -1) return text;
  const out = startText();
  let last = 0;
  while (i !== -1) {
    const end = referenceAt(text, i, out, last);
    if (end === i) {
      i = text.indexOf('&', i + 1);
      continue;
    }
    last = end;
    i = text.indexOf('&', last);
  }
  out.append(text, last, text.length);
  return out.finish(text);
}
