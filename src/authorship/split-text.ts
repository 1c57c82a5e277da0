/**
 * WikiWho's text units (Flöck & Acosta 2014; `WikiWho/utils.py` of wikiwho 1.0.3), with offsets:
 * paragraphs (split at blank lines and around table markup), sentences (split after `. `, `; `,
 * `? `, `! `, `: `, newlines and tabs, around comments, `<ref>`s and URLs) and tokens (runs of
 * word characters; markup symbols one by one, `[[ ]] {{ }} <!-- -->` as pairs). Everything is
 * computed on the lower-cased text, so tokens compare case-insensitively as WikiWho's do.
 *
 * Tokens are separated by spaces and line breaks only, as WikiWho's are: other whitespace (a
 * no-break space, an ideographic space) is stripped at a sentence's ends and is part of a token
 * inside it, so that the tokens, and with them the sentences' hashes and the word diff, are
 * WikiWho's (`blame` reports such a token in pieces, create-authorship.ts). One deliberate
 * difference (docs/16-authorship.md): no character of the text is dropped (WikiWho loses a
 * literal `@@@@`, its own sentence marker).
 */

/** Python's `str.isspace()`, which WikiWho's `strip()` and regexes use. */
export function isSpace(c: number): boolean {
  return c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f)
    : c === 0x85 ||
        c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000;
}

/** The text lower-cased (WikiWho compares lower-cased text) and where its units come from. */
export interface LoweredText {
  readonly lower: string;
  /** For each code unit of `lower`, its offset in the original text; `null` when the same. */
  readonly origin: Int32Array | null;
}

/**
 * Lower-cases a text, keeping a map back to the original offsets where lower-casing changes
 * the length (`İ` becomes `i̇`, two code units).
 */
export function lowerText(text: string): LoweredText {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return { lower, origin: null };
  // The text is lower-cased whole, as Python does it: a capital sigma at the end of a word is
  // then `ς`, where lower-casing it alone gives `σ`. Only the lengths come from the code points
  // one by one (the one context rule, the final sigma, keeps the length).
  const origin = new Int32Array(lower.length + 1);
  // `İ` is the one character whose lower case is longer (two units, `i̇`): when the lengths say
  // it is the only cause, the map is filled between the `İ`s without looking at each character
  // (a loop over every character was a ninth of the time of a history with one `İ`).
  let dotted = 0;
  for (let i = text.indexOf('\u0130'); i !== -1; i = text.indexOf('\u0130', i + 1)) dotted++;
  if (lower.length === text.length + dotted) {
    let k = 0;
    let from = 0;
    for (let i = text.indexOf('\u0130'); i !== -1; i = text.indexOf('\u0130', i + 1)) {
      for (let j = from; j <= i; j++) origin[k++] = j;
      origin[k++] = i;
      from = i + 1;
    }
    for (let j = from; j <= text.length; j++) origin[k++] = j;
    return { lower, origin };
  }
  let k = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    let n = 1;
    let length = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n = 2;
        length = text.slice(i, i + 2).toLowerCase().length;
      }
    } else if (c >= 0x80) length = lowerLength(c);
    for (let j = 0; j < length; j++) origin[k++] = i;
    i += n;
  }
  origin[k] = text.length;
  return { lower, origin };
}

/**
 * Lengths of the lower-cased BMP characters, by code unit, plus one (0: not computed yet): a
 * text with one `İ` in it is mapped character by character, and lower-casing each non-ASCII
 * character alone was a quarter of the time of a history in Cyrillic and Greek.
 */
const LOWER_LENGTH = new Uint8Array(0x10000);

function lowerLength(c: number): number {
  let n = LOWER_LENGTH[c]!;
  if (n === 0) {
    n = String.fromCharCode(c).toLowerCase().length + 1;
    LOWER_LENGTH[c] = n;
  }
  return n - 1;
}

/** A paragraph: `[start, end)` in the lower-cased text, whitespace trimmed, and its text. */
export interface ParagraphSpan {
  readonly start: number;
  readonly end: number;
  /** The paragraph's text with `\r\n` and `\r` read as `\n`, as WikiWho hashes it. */
  key: string;
  /** True when it has a `\r` (its key is then not its exact text). */
  readonly cr: boolean;
}

const NL = 0x0a;
const CR = 0x0d;

/**
 * Splits a lower-cased text into WikiWho's paragraphs. WikiWho inserts `\n\n` before `<table>`,
 * `<tr>`, `{|` and `|-` + newline and after `</table>`, `</tr>`, `|}`, then splits at `\n\n`;
 * since each piece is stripped, that is a cut at each of those places and at every run of two
 * or more line breaks. A `|-` followed by one of the markers that get `\n\n` before them counts
 * too: WikiWho's replacements run one after the other, and the inserted newline completes it.
 * With `from`/`to`, only that stretch is split (both ends must be paragraph boundaries); markup
 * there may still look past `to`.
 */
export function splitParagraphs(lower: string, from = 0, to = lower.length): ParagraphSpan[] {
  if (from === 0 && to === lower.length) return splitWindow(lower, to);
  // Search a window (with room for the look-ahead), not the rest of a long text.
  return splitWindow(lower.slice(from, to + 16), to - from).map((p) => ({
    start: p.start + from,
    end: p.end + from,
    key: p.key,
    cr: p.cr,
  }));
}

/** Paragraphs of `lower` up to `to`; markup may look past it. */
function splitWindow(lower: string, to: number): ParagraphSpan[] {
  const from = 0;
  const cuts: number[] = [];
  const n = lower.length;
  const hit = (i: number) => i !== -1 && i < to;
  // Runs of two or more line breaks (\r\n, \r and \n each count as one).
  for (let i = lower.indexOf('\n', from), r = lower.indexOf('\r', from); hit(i) || hit(r); ) {
    const p = !hit(i) ? r : !hit(r) ? i : Math.min(i, r);
    let q = p;
    let breaks = 0;
    while (q < n) {
      const c = lower.charCodeAt(q);
      if (c === CR) {
        q += lower.charCodeAt(q + 1) === NL ? 2 : 1;
      } else if (c === NL) {
        q++;
      } else break;
      breaks++;
    }
    if (breaks >= 2) cuts.push(p);
    // Each search resumes past the run; the other one's next hit is reused while ahead.
    i = q < n ? lower.indexOf('\n', q) : -1;
    if (r !== -1 && r < q) r = lower.indexOf('\r', q);
  }
  // The line-break cuts are in order; the markup's are sorted in only if there are any. Every
  // marker starts with `<` or has a `|` at or after its start, so a text with neither (most
  // paragraphs) is not searched once per marker.
  const breaks = cuts.length;
  const lt = lower.indexOf('<', from);
  const bar = lower.indexOf('|', from);
  for (const [marker, after] of MARKERS) {
    const first = marker.charCodeAt(0) === 0x3c ? lt : bar === -1 ? -1 : Math.max(from, bar - 1);
    if (!hit(first)) continue;
    for (
      let i = lower.indexOf(marker, first);
      hit(i);
      i = lower.indexOf(marker, i + marker.length)
    ) {
      cuts.push(after ? i + marker.length : i);
    }
  }
  for (let i = hit(bar) ? lower.indexOf('|-', bar) : -1; hit(i); i = lower.indexOf('|-', i + 2)) {
    const c = lower.charCodeAt(i + 2);
    if (
      c === NL ||
      c === CR ||
      lower.startsWith('<table>', i + 2) ||
      lower.startsWith('<tr>', i + 2) ||
      lower.startsWith('{|', i + 2)
    ) {
      cuts.push(i);
    }
  }
  if (cuts.length > breaks) cuts.sort((a, b) => a - b);
  cuts.push(to);
  const out: ParagraphSpan[] = [];
  let last = from;
  for (const cut of cuts) {
    if (cut < last || cut > to) continue;
    let s = last;
    let e = cut;
    while (s < e && isSpace(lower.charCodeAt(s))) s++;
    while (e > s && isSpace(lower.charCodeAt(e - 1))) e--;
    if (s < e) {
      const raw = lower.slice(s, e);
      const cr = raw.includes('\r');
      out.push({ start: s, end: e, key: cr ? normalizeBreaks(raw) : raw, cr });
    }
    last = cut;
  }
  return out;
}

/** Markup WikiWho puts a blank line before (`false`) or after (`true`). */
const MARKERS: readonly (readonly [string, boolean])[] = [
  ['<table>', false],
  ['</table>', true],
  ['<tr>', false],
  ['</tr>', true],
  ['{|', false],
  ['|}', true],
];

function normalizeBreaks(s: string): string {
  return s.split('\r\n').join('\n').split('\r').join('\n');
}

const H1 = 0xdeadbeef;
const H2 = 0x41c6ce57;
const M1 = 2654435761;
const M2 = 1597334677;

function finish(a: number, b: number): number {
  const h1 = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  const h2 = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * 53-bit string hash (cyrb53's mixing, two code units a step, then the length): WikiWho keys
 * paragraphs by an MD5 of their text. Two units a step halve the multiplications: hashing each
 * paragraph and each flagged text was a sixth of the time of the corpus's 158 KB page.
 */
export function hashString(s: string): number {
  let h1 = H1;
  let h2 = H2;
  const n = s.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const c = (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1);
    h1 = Math.imul(h1 ^ c, M1);
    h2 = Math.imul(h2 ^ c, M2);
  }
  const c = i < n ? s.charCodeAt(i) : 0;
  h1 = Math.imul(h1 ^ c ^ (n << 16), M1);
  h2 = Math.imul(h2 ^ c ^ n, M2);
  return finish(h1, h2);
}

/**
 * The sentences and tokens of one paragraph, in buffers shared by every call: valid until the
 * next call of {@link splitSentences} (its callers copy what they keep). Fresh arrays per
 * paragraph were a tenth of the garbage of a small page's analysis.
 */
export interface SentenceSplit {
  /** Sentences. */
  sentences: number;
  /** Tokens of all sentences. */
  tokens: number;
  /**
   * Pieces of them between whitespace, as `blame` reports them: `tokens`, less each token of
   * whitespace alone, plus one for each run of whitespace inside a token.
   */
  pieces: number;
  /**
   * Each sentence's hash: cyrb53 of its tokens joined by one space (what WikiWho hashes),
   * computed without building that string.
   */
  hashes: Float64Array;
  /** Index of the token where each sentence ends (exclusive). */
  ends: Int32Array;
  /** Tokens in order, as `[start, end)` pairs in the lower-cased text (`2 * tokens` entries). */
  offsets: Int32Array;
  /**
   * True when a token holds whitespace: WikiWho separates tokens only at spaces and line
   * breaks, so a no-break space or an ideographic space between two words is inside a token.
   */
  spaced: boolean;
}

const SPLIT: SentenceSplit = {
  sentences: 0,
  tokens: 0,
  pieces: 0,
  hashes: new Float64Array(64),
  ends: new Int32Array(64),
  offsets: new Int32Array(512),
  spaced: false,
};

/**
 * Symbols WikiWho makes tokens of their own (`split_into_tokens`), `|` included, as a table by
 * code unit (all are in the BMP): a lookup per character, where a `Set` cost a hash probe.
 */
const SYMBOLS = new Uint8Array(0x10000);
for (const c of '.,;:?!-_/\\()[]{}*#@&=+%~$^<>"\'´`¸˛’¤₳฿₵¢₡₢₫₯֏₠€ƒ₣₲₴₭₺₾ℳ₥₦₧₱₰£៛₽₹₨₪৳₸₮₩¥§‖¦⟨⟩–—¯»«”÷×′″‴¡¿©℗®℠™|') {
  SYMBOLS[c.charCodeAt(0)] = 1;
}

/**
 * WikiWho's rule `re.sub(r'([^\s\.=][^\s\.=][^\s\.=]\.) ', r'\1@@@@', text)`: the space after a dot
 * that follows three characters none of which is whitespace, `.` or `=` becomes the marker. Each
 * match holds one dot, in its fourth place, and two cannot overlap (a match's space would be
 * among the next one's three characters), so looking at each `. ` is the same as the regular
 * expression, which tried every position and was a tenth of the time of small histories.
 */
function markDots(t: string, m4: string): string {
  let out = '';
  let from = 0;
  for (let d = t.indexOf('. '); d !== -1; d = t.indexOf('. ', d + 2)) {
    if (d < 3 || !dotWord(t.charCodeAt(d - 1))) continue;
    if (!dotWord(t.charCodeAt(d - 2)) || !dotWord(t.charCodeAt(d - 3))) continue;
    out += t.slice(from, d + 1) + m4;
    from = d + 2;
  }
  return from === 0 ? t : out + t.slice(from);
}

const dotWord = (c: number): boolean => c !== 0x2e && c !== 0x3d && !isSpace(c);

/** Replaces every `pattern` (most paragraphs have few of WikiWho's patterns). */
function put(text: string, pattern: string, by: string): string {
  return text.includes(pattern) ? text.replaceAll(pattern, by) : text;
}

/** WikiWho's marker `@@@@` as four of `mark`, and the replacements made with it. */
interface Marks {
  readonly m4: string;
  readonly nl: string;
  readonly punctuation: readonly (readonly [string, string])[];
  readonly tab: string;
  readonly comment: string;
  readonly commentEnd: string;
  readonly ref: string;
  readonly refEnd: string;
}

function marksFor(mark: string): Marks {
  const m4 = mark.repeat(4);
  return {
    m4,
    nl: `\n${m4}`,
    punctuation: ['; ', '? ', '! ', ': '].map((p) => [p, p[0] + m4] as const),
    tab: `\t${m4}`,
    comment: `${m4}<!--`,
    commentEnd: `-->${m4}`,
    ref: `${m4}<ref`,
    refEnd: `/ref>${m4}`,
  };
}

/** The marks of the usual marker, U+E000, made once. */
const MARKS = marksFor('\ue000');

/**
 * Splits one paragraph into WikiWho's sentences and tokens (`split_into_sentences`, then
 * `split_into_tokens` on each stripped sentence). The replacements run literally on the
 * paragraph's text with a private marker in place of WikiWho's `@@@@`; the characters they leave
 * are the paragraph's own, in order, which gives each token its offsets.
 *
 * @param lower - The lower-cased text.
 * @param start - The paragraph's start in `lower`.
 * @param key - The paragraph's text (its `key` from {@link splitParagraphs}).
 * @returns The split, in buffers the next call reuses.
 */
export function splitSentences(lower: string, start: number, key: string): SentenceSplit {
  const mark = key.includes('\ue000') ? markerFor(key) : '\ue000';
  const marks = mark === '\ue000' ? MARKS : marksFor(mark);
  const m4 = marks.m4;
  // WikiWho's replacements in its order.
  let t = put(key, '\n', marks.nl);
  t = markDots(t, m4);
  for (const [p, by] of marks.punctuation) t = put(t, p, by);
  t = put(t, '\t', marks.tab);
  t = put(t, '<!--', marks.comment);
  t = put(t, '-->', marks.commentEnd);
  t = put(t, '<ref', marks.ref);
  t = put(t, '/ref>', marks.refEnd);
  t = markUrls(t, m4);

  const out = SPLIT;
  let hashes = out.hashes;
  let ends = out.ends;
  let offsets = out.offsets;
  let sentences = 0;
  let tokens = 0;
  const markCode = mark.charCodeAt(0);
  let spaced = false;
  let pieces = 0;
  let q = start; // the next character of the paragraph in `lower` not yet in a token
  let h1 = H1;
  let h2 = H2;
  let words = 0; // tokens in the sentence under way
  const n = t.length;
  // A token's characters are contiguous in the paragraph too: the replacements only insert
  // markers and drop whitespace. Between two tokens of a sentence only spaces and line breaks
  // are dropped (and `\r`), so a token that starts with other whitespace is found by its
  // first character; between sentences any whitespace is, and a sentence starts with none.
  for (let i = 0; i <= n; ) {
    const c = i < n ? t.charCodeAt(i) : markCode;
    let to: number;
    if (c === markCode) {
      if (words > 0) {
        if (sentences === hashes.length) {
          hashes = grow64(hashes);
          ends = grow32(ends);
          out.hashes = hashes;
          out.ends = ends;
        }
        hashes[sentences] = finish(h1, h2);
        ends[sentences++] = tokens;
        words = 0;
        h1 = H1;
        h2 = H2;
      }
      i++;
      continue;
    }
    if (c === 0x20 || c === NL) {
      i++;
      continue;
    }
    if (isSpace(c) && (words === 0 || stripped(t, i, markCode))) {
      // Other whitespace is WikiWho's `strip()`ped at a sentence's ends, part of tokens inside.
      i++;
      continue;
    }
    if (SYMBOLS[c] === 1) {
      to = i + symbolLength(t, i, c);
      pieces++;
    } else {
      let inside = false;
      to = i + 1;
      while (to < n) {
        const d = t.charCodeAt(to);
        if (d === markCode || d === 0x20 || d === NL || SYMBOLS[d] === 1) break;
        if (isSpace(d)) {
          if (stripped(t, to, markCode)) break;
          inside = true;
        }
        to++;
      }
      if (inside || isSpace(c)) {
        spaced = true;
        pieces += piecesOf(t, i, to);
      } else pieces++;
    }
    // The token `t[i, to)`: found in `lower`, added, and hashed into its sentence.
    while (lower.charCodeAt(q) !== c && isSpace(lower.charCodeAt(q))) q++;
    if (2 * tokens === offsets.length) {
      offsets = grow32(offsets);
      out.offsets = offsets;
    }
    offsets[2 * tokens] = q;
    q += to - i;
    offsets[2 * tokens + 1] = q;
    tokens++;
    if (words++ > 0) {
      h1 = Math.imul(h1 ^ 0x20, M1);
      h2 = Math.imul(h2 ^ 0x20, M2);
    }
    for (; i < to; i++) {
      const d = t.charCodeAt(i);
      h1 = Math.imul(h1 ^ d, M1);
      h2 = Math.imul(h2 ^ d, M2);
    }
  }
  out.sentences = sentences;
  out.tokens = tokens;
  out.spaced = spaced;
  out.pieces = pieces;
  return out;
}

/** Runs of non-whitespace characters in `t.slice(from, to)`. */
function piecesOf(t: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    if (!isSpace(t.charCodeAt(i)) && (i === from || isSpace(t.charCodeAt(i - 1)))) n++;
  }
  return n;
}

function grow32(a: Int32Array): Int32Array {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}

function grow64(a: Float64Array): Float64Array {
  const b = new Float64Array(2 * a.length);
  b.set(a);
  return b;
}

/** Whether `t` from `i` to the next marker (or its end) is whitespace, stripped by WikiWho. */
function stripped(t: string, i: number, markCode: number): boolean {
  for (let k = i; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c === markCode) return true;
    if (!isSpace(c)) return false;
  }
  return true;
}

/** Length of the symbol token at `i`: `[[`, `]]`, `{{`, `}}`, `<!--` and `-->` stay whole. */
function symbolLength(t: string, i: number, c: number): number {
  switch (c) {
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
      return t.charCodeAt(i + 1) === c ? 2 : 1;
    case 0x3c: // <
      return t.startsWith('!--', i + 1) ? 4 : 1;
    case 0x2d: // -
      return t.charCodeAt(i + 1) === 0x2d && t.charCodeAt(i + 2) === 0x3e ? 3 : 1;
    default:
      return 1;
  }
}

/** A private-use character absent from the paragraph, to stand for WikiWho's `@@@@` marker. */
function markerFor(text: string): string {
  for (let c = 0xe000; ; c++) {
    const m = String.fromCharCode(c);
    if (!text.includes(m)) return m;
  }
}

/**
 * WikiWho's URL rule, `(http.*?://.*?[ \|<>\n\r])` → marker + URL + marker, in one pass: from
 * each `http`, the first `://` on the same line, then the first space, `|`, `<`, `>` or line
 * break after it. Where no `://` follows on that line no later `http` on it matches either, and
 * where no terminator follows nothing later matches, so the scan stays linear.
 */
function markUrls(t: string, m4: string): string {
  let out = '';
  let from = 0;
  let pos = 0;
  for (;;) {
    const h = t.indexOf('http', pos);
    if (h === -1) break;
    let eol = t.indexOf('\n', h);
    if (eol === -1) eol = t.length;
    const c = t.indexOf('://', h + 4);
    if (c === -1 || c + 3 > eol) {
      pos = eol;
      continue;
    }
    let end = -1;
    for (let k = c + 3; k < t.length; k++) {
      const d = t.charCodeAt(k);
      if (d === 0x20 || d === 0x7c || d === 0x3c || d === 0x3e || d === NL || d === CR) {
        end = k + 1;
        break;
      }
    }
    if (end === -1) break;
    out += t.slice(from, h) + m4 + t.slice(h, end) + m4;
    from = end;
    pos = end;
  }
  return from === 0 ? t : out + t.slice(from);
}
