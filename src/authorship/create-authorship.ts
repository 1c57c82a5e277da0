/**
 * Token authorship the way WikiWho computes it (Flöck & Acosta, WWW 2014; wikiwho 1.0.3,
 * `WikiWho/wikiwho.py`), incrementally: each revision is split into paragraphs, sentences and
 * tokens (split-text.ts); unchanged paragraphs, then unchanged sentences, are matched by their
 * text against the previous revision and then against every paragraph and sentence ever seen on
 * the page, and only the tokens of the sentences left over are diffed (differ-pairs.ts). A
 * deleted token is never forgotten, so text that comes back (a revert, an undo, a paragraph
 * moved back) keeps its first author. docs/16-authorship.md describes the algorithm and where
 * the results differ from WikiWho's.
 */
import { limitOption } from '../limits.js';
import { differPairs } from './differ-pairs.js';
import {
  hashString,
  isSpace,
  type LoweredText,
  lowerText,
  type ParagraphSpan,
  type SentenceSplit,
  splitParagraphs,
  splitSentences,
} from './split-text.js';

/** A revision as the tracker reads it: a `Revision`, a dump revision or a plain object. */
export interface AuthorshipInput {
  readonly id: number;
  /** The full wikitext; `null` when it is hidden (revision-deleted): the revision is skipped. */
  readonly text: string | null;
  readonly user?: string | null;
  /** ISO 8601 UTC; used by the persistence measures of {@link AuthorshipStats}. */
  readonly timestamp?: string | null;
  /** With `minor`, exempts the revision from the mass-deletion check (as in WikiWho). */
  readonly comment?: string | null;
  readonly minor?: boolean | null;
}

/** Options of {@link createAuthorship}. */
export interface AuthorshipOptions {
  /**
   * Apply WikiWho's vandalism filters: a revision that cuts a page of over 1,000 characters
   * by 40 % or more to under 1,000 (unless it is a minor edit with a summary), a revision whose
   * new text repeats each distinct token over 20 times on average, and any later revision with
   * the same text as one so flagged, are not attributed; the next revision is compared with the
   * one before them. `false` attributes every revision.
   * @default true
   */
  readonly detectVandalism?: boolean;
  /**
   * Token pairs the word diff may score for similarity in one revision (WikiWho's `Differ`
   * compares every pair of a replaced block); past it, replaced blocks are left unpaired (their
   * tokens count as new) and the revision's stats say `pairBudgetExceeded`.
   * @default DEFAULT_LIMITS.maxAuthorshipPairs (10,000,000)
   */
  readonly maxAuthorshipPairs?: number;
}

/** What one revision did to the page's tokens, returned by {@link AuthorshipTracker.add}. */
export interface AuthorshipRevisionStats {
  readonly revisionId: number;
  /**
   * `'analysed'`: attributed; `'hidden'`: text `null`, skipped; `'vandalism'`: flagged by the
   * vandalism filters, not attributed (the counts say what it would have done).
   */
  readonly kind: 'analysed' | 'hidden' | 'vandalism';
  /**
   * Tokens in the revision, as `blame` reports them. (A token of WikiWho's with whitespace
   * inside, such as `12\u00a0km`, counts once per piece here, and once in the counts below.)
   */
  readonly tokens: number;
  /** Tokens the revision wrote first. */
  readonly added: number;
  /** Tokens that were deleted earlier and that the revision put back. */
  readonly reinserted: number;
  /** Tokens of the previous attributed revision that this one deleted. */
  readonly removed: number;
  /** The revisions whose tokens were deleted, with how many, oldest first. */
  readonly removedFrom: readonly { readonly revisionId: number; readonly tokens: number }[];
  /** True when `maxAuthorshipPairs` cut the word diff short (some tokens count as new). */
  readonly pairBudgetExceeded: boolean;
}

/** One token of a revision's text, with its authorship. */
export interface BlameToken {
  /** UTF-16 offsets into the revision's exact text: `text.slice(start, end)` is the token. */
  readonly start: number;
  readonly end: number;
  /** The revision that wrote the token first. */
  readonly originRevisionId: number;
  /** That revision's user, or `null` if unknown. */
  readonly originUser: string | null;
  /** That revision's timestamp (ISO 8601), or `null` if unknown. */
  readonly originTimestamp: string | null;
  /** The revisions that deleted the token, oldest first. */
  readonly outbound: readonly number[];
  /** The revisions that put it back after a deletion, oldest first. */
  readonly inbound: readonly number[];
}

/** The authorship of every token of one revision's text. */
export interface Blame {
  readonly revisionId: number;
  readonly text: string;
  /** In text order; whitespace is never part of a token. */
  readonly tokens: readonly BlameToken[];
}

/** An incremental authorship tracker, made by {@link createAuthorship}. */
export interface AuthorshipTracker {
  /**
   * Attributes the next revision (oldest first) and returns what it did.
   * @throws TypeError when `revision` has no numeric `id` or its `text` is not a string or `null`.
   */
  add(revision: AuthorshipInput): AuthorshipRevisionStats;
  /** The authorship of the last revision added that had a text, or `null` before any. */
  blame(): Blame | null;
  /** Every token the page ever had, for the persistence measures (see `authorshipStats`). */
  history(): AuthorshipHistory;
  /**
   * Tokens the tracker holds: those of every distinct sentence the page has had (a token in
   * several versions of a sentence counts once per version). Its memory grows linearly with
   * it (docs/16-authorship.md, Memory); `analyzeDumpPage` bounds it with `maxAuthorshipTokens`.
   */
  readonly tokensKept: number;
}

/** The tracker's record of the revisions it attributed and of every token ever written. */
export interface AuthorshipHistory {
  /** The attributed revisions, oldest first. */
  readonly revisions: readonly {
    readonly id: number;
    readonly user: string | null;
    readonly timestamp: string | null;
  }[];
  /** For each token ever written, the index in `revisions` of the revision that wrote it. */
  readonly origin: Int32Array;
  /** For each token, the index of the first revision that deleted it, or -1. */
  readonly firstRemoval: Int32Array;
  /** Revisions added without a text (hidden or unknown), skipped. */
  readonly hidden: number;
  /** Revisions flagged by the vandalism filters, not attributed. */
  readonly flagged: number;
}

interface Sentence {
  readonly hash: number;
  /** Word ids; during an analysis, a new token is `-1 - valueId`. */
  readonly words: number[];
  mark: number;
}

interface Paragraph {
  readonly hash: number;
  readonly sentences: Sentence[];
  /** Epoch of the analysis that matched it (or found all its words matched). */
  mark: number;
  /** Index of the last attributed revision that contained it; -1 before its first. */
  last: number;
  /** Tokens in it. */
  size: number;
  /** Its tokens' pieces between whitespace, as blamed (`SentenceSplit.pieces`). */
  pieces: number;
  /** Its index among the paragraphs of the last revision that contained it. */
  pos: number;
  /** Its tokens' `[start, end)` pairs relative to its start, for blame (null: split again). */
  offsets: number[] | Int32Array | null;
  /** Whether a token of it holds whitespace (`SentenceSplit.spaced`): blamed in pieces. */
  spaced: boolean;
}

/** A revision's analysis, kept until it is committed (or, for a flagged revision, blamed). */
interface Analysis {
  readonly text: string;
  /** Paragraphs in `text`'s own offsets (keys are lower-cased; see `spansOf`). */
  readonly spans: readonly ParagraphSpan[];
  readonly paragraphs: readonly Paragraph[];
  readonly newParagraphs: readonly Paragraph[];
  /** The spans of `newParagraphs`. */
  readonly newSpans: readonly ParagraphSpan[];
  readonly newSentences: readonly Sentence[];
  /** True when the token density filter flagged it. */
  readonly dense: boolean;
  /** Paragraphs kept in place from the previous revision at the start and at the end. */
  readonly head: number;
  readonly tail: number;
}

/** What {@link Tracker.#reuse} keeps of the previous revision. */
interface Reuse {
  readonly spans: ParagraphSpan[];
  /** Paragraphs kept at the start and at the end. */
  readonly head: number;
  readonly tail: number;
}

/** Characters around a change within which paragraph boundaries are worked out again. */
const MARGIN = 16;

/** Length of the longest common prefix, compared a chunk at a time (1,024, then 64 units). */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + 1024 <= n && a.slice(i, i + 1024) === b.slice(i, i + 1024)) i += 1024;
  while (i + 64 <= n && a.slice(i, i + 64) === b.slice(i, i + 64)) i += 64;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the longest common suffix, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  const m = a.length;
  const n = b.length;
  let i = 0;
  while (i + 1024 <= max && a.slice(m - i - 1024, m - i) === b.slice(n - i - 1024, n - i)) {
    i += 1024;
  }
  while (i + 64 <= max && a.slice(m - i - 64, m - i) === b.slice(n - i - 64, n - i)) i += 64;
  while (i < max && a.charCodeAt(m - i - 1) === b.charCodeAt(n - i - 1)) i++;
  return i;
}

interface RevisionInfo {
  readonly id: number;
  readonly user: string | null;
  readonly timestamp: string | null;
}

const PREVIOUS_LENGTH = 1000;
const CURRENT_LENGTH = 1000;
const CHANGE_PERCENTAGE = -0.4;
const TOKEN_DENSITY_LIMIT = 20;
/** Tokens WikiWho leaves out of the token density (`compute_avg_word_freq`). */
const DENSITY_IGNORED = new Set([
  '<',
  '>',
  'tr',
  'td',
  '[',
  ']',
  '"',
  '*',
  '==',
  '{',
  '}',
  '|',
  '-',
]);

const LEAD_SURROGATE = /[\ud800-\udbff]/;

/** Lead surrogates in `s.slice(from, to)`: the length in code points is the length less them. */
function leads(s: string, from: number, to: number): number {
  let n = 0;
  // The regular expression finds the first lead surrogate 4-5 times faster than a loop (most
  // texts have none): counting each text of 1,000 to 2,000 units was 8 % of their histories.
  const first = from === 0 ? s.search(LEAD_SURROGATE) : from;
  for (let i = first === -1 ? to : first; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n++;
  }
  return n;
}

/** A copy that does not keep the (large) string it was sliced from alive. */
const detach = (s: string): string => (s.length > 12 ? ` ${s}`.slice(1) : s);

/** Words past which a {@link Growable} holds its integers in a typed array. */
const SMALL = 4096;

/**
 * Integers by word id. A plain array while the page is small: a typed array over 64 bytes gets
 * a buffer of its own, which cost about 0.6 µs to allocate and was a third of the time of a
 * small page; past {@link SMALL} words a typed array, half the memory of an array of numbers.
 */
class Growable {
  data: number[] | Int32Array = [];
  length = 0;
  push(v: number): void {
    const d = this.data;
    if (Array.isArray(d)) {
      d.push(v);
      if (++this.length === SMALL) {
        const typed = new Int32Array(2 * SMALL);
        typed.set(d);
        this.data = typed;
      }
      return;
    }
    if (this.length === d.length) {
      const next = new Int32Array(d.length * 2);
      next.set(d);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** The first `n` integers, as a typed array of their own. */
  copy(n: number): Int32Array {
    return Array.isArray(this.data)
      ? Int32Array.from(this.data.slice(0, n))
      : this.data.slice(0, n);
  }
}

class Tracker implements AuthorshipTracker {
  readonly #detectVandalism: boolean;
  readonly #maxPairs: number;
  // Token values, interned: id → text, text → id, id → code points (for the similarity ratio).
  readonly #values: string[] = [];
  // Open addressing over value ids + 1 (0: empty), looked up by a stretch of a text, so that
  // a token seen before costs no string (a slice per token was a tenth of a large page's time).
  // 16 entries to start: a typed array of up to 64 bytes lives on V8's heap, a larger one gets
  // a buffer of its own, which was 5 % of the time of a one-revision page.
  #valueTable = new Int32Array(16);
  readonly #valueHashes: number[] = [];
  readonly #points: (number[] | undefined)[] = [];
  // Words (tokens ever written), by id.
  readonly #wordValue = new Growable();
  readonly #wordOrigin = new Growable();
  readonly #wordMark = new Growable();
  /** The paragraph each word was in at its last use (see `#matched`). */
  readonly #owner: Paragraph[] = [];
  // The revisions that deleted and put back each word: per word the head of a list, newest
  // first, of `[revision index, next]` pairs in one pool (0: none), where an array per word
  // cost about 60 bytes and turned the sparse array of them into a dictionary.
  readonly #outHead = new Growable();
  readonly #inHead = new Growable();
  readonly #events = new Growable();
  /** Tokens of every sentence kept (see `tokensKept`). */
  #kept = 0;
  /** Whether the analysis under way matched a paragraph that was not in the previous revision. */
  #foreign = false;
  /** Whether the analysis under way ran out of `maxAuthorshipPairs`. */
  #exceeded = false;
  // Every paragraph and sentence ever written, by hash of its text.
  readonly #paragraphsHt = new Map<number, Paragraph[]>();
  readonly #sentencesHt = new Map<number, Sentence[]>();
  readonly #revisions: RevisionInfo[] = [];
  #epoch = 0;
  #hidden = 0;
  #flaggedCount = 0;
  /** The last text whose lead surrogates were counted, and their number (`#leadsOf`). */
  #leadsText: string | null = null;
  #leads = 0;
  /** The last pair of texts compared by `#common`, and their common prefix and suffix. */
  #commonA: string | null = null;
  #commonB: string | null = null;
  #pre = 0;
  #suf = 0;
  readonly #densityStamp: number[] = [];
  readonly #densityCounts: number[] = [];
  // The last attributed revision.
  #prev: Analysis | null = null;
  readonly #prevMap = new Map<string, Paragraph | Paragraph[]>();
  // Texts flagged (hashes and lengths), made at the first flag: most pages have none.
  #spamTexts: Set<number> | null = null;
  /** Tokens removed by the revision under way, by origin revision index, and those indexes. */
  readonly #removedBy: number[] = [];
  readonly #removedOrigins: number[] = [];
  #spamLengths: Set<number> | null = null;
  // The last revision added with a text, when it was flagged (blamed without committing).
  #flagged: { readonly info: RevisionInfo; text: string; analysis: Analysis | null } | null = null;
  /**
   * The last revision flagged by the token density filter, and its new paragraphs by text: the
   * next revision is split and tokenized from it where unchanged (a page whose every revision
   * is flagged, such as a long low-vocabulary one, is otherwise analysed whole each time).
   */
  #dense: { readonly analysis: Analysis; readonly byKey: Map<string, Paragraph> } | null = null;

  constructor(options: AuthorshipOptions) {
    this.#detectVandalism = options.detectVandalism ?? true;
    this.#maxPairs = limitOption(
      'createAuthorship',
      'maxAuthorshipPairs',
      options.maxAuthorshipPairs,
    );
  }

  add(revision: AuthorshipInput): AuthorshipRevisionStats {
    if (revision === null || typeof revision !== 'object' || typeof revision.id !== 'number') {
      throw new TypeError('AuthorshipTracker.add: revision must be an object with a numeric id');
    }
    const { id, text } = revision;
    if (text === null || text === undefined) {
      this.#hidden++;
      return empty(id, 'hidden');
    }
    if (typeof text !== 'string') {
      throw new TypeError(`AuthorshipTracker.add: revision ${id}: text must be a string or null`);
    }
    const info: RevisionInfo = {
      id,
      user: revision.user ?? null,
      timestamp: revision.timestamp ?? null,
    };
    this.#flagged = null;
    if (this.#detectVandalism && this.#isMassDeletion(revision, text)) {
      this.#flag(text);
      this.#flagged = { info, text, analysis: null };
      return empty(id, 'vandalism');
    }
    const analysis = this.#analyse(text);
    this.#dense = null;
    if (analysis.dense && this.#detectVandalism) {
      this.#flag(text);
      this.#flagged = { info, text, analysis };
      const byKey = new Map<string, Paragraph>();
      for (let k = 0; k < analysis.newParagraphs.length; k++) {
        const span = analysis.newSpans[k]!;
        if (!span.cr) byKey.set(span.key, analysis.newParagraphs[k]!);
      }
      this.#dense = { analysis, byKey };
      return this.#counts(id, 'vandalism', analysis, false);
    }
    return this.#counts(id, 'analysed', analysis, true, info);
  }

  #flag(text: string): void {
    this.#flaggedCount++;
    this.#spamTexts ??= new Set();
    this.#spamLengths ??= new Set();
    this.#spamTexts.add(hashString(text));
    this.#spamLengths.add(text.length);
  }

  #isMassDeletion(revision: AuthorshipInput, text: string): boolean {
    // Hashing every text would cost a pass over it; a flagged text's length is checked first.
    if (this.#spamLengths?.has(text.length) && this.#spamTexts!.has(hashString(text))) return true;
    if (revision.comment && revision.minor) return false;
    const prevText = this.#prev?.text ?? '';
    if (prevText.length <= PREVIOUS_LENGTH || text.length >= 2 * CURRENT_LENGTH) return false;
    // Code points are counted only when the UTF-16 lengths leave the answer open, the current
    // text's first: a text of 1,000 to 2,000 units is usually 1,000 code points or more.
    const length = text.length - this.#leadsOf(prevText, text);
    if (length >= CURRENT_LENGTH) return false;
    const prevLength = prevText.length - leads(prevText, 0, prevText.length);
    return prevLength > PREVIOUS_LENGTH && (length - prevLength) / prevLength <= CHANGE_PERCENTAGE;
  }

  /**
   * Lead surrogates of `text`, counted where it differs from `prevText` when that was counted
   * last (most texts of a page whose size the mass-deletion check looks at are counted in turn,
   * and counting each whole was a twelfth of the time of a history in many scripts).
   */
  #leadsOf(prevText: string, text: string): number {
    let n: number;
    if (prevText === this.#leadsText) {
      this.#common(prevText, text);
      const pre = this.#pre;
      const suf = this.#suf;
      n =
        this.#leads -
        leads(prevText, pre, prevText.length - suf) +
        leads(text, pre, text.length - suf);
    } else n = leads(text, 0, text.length);
    this.#leadsText = text;
    this.#leads = n;
    return n;
  }

  /** The common prefix and suffix of `a` and `b` in `#pre`, `#suf`, kept for the same pair. */
  #common(a: string, b: string): void {
    if (a === this.#commonA && b === this.#commonB) return;
    const pre = commonPrefix(a, b);
    this.#pre = pre;
    this.#suf = commonSuffix(a, b, Math.min(a.length, b.length) - pre);
    this.#commonA = a;
    this.#commonB = b;
  }

  /** A buffer twice the size with `buffer`'s values, kept for the next analyses. */
  #grow(buffer: Int32Array): Int32Array {
    const next = new Int32Array(2 * buffer.length);
    next.set(buffer);
    CURR = next;
    return next;
  }

  /** The id of the value `source.slice(from, to)`, interned. */
  #valueId(source: string, from: number, to: number): number {
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ source.charCodeAt(i), 0x01000193);
    const table = this.#valueTable;
    const mask = table.length - 1;
    const values = this.#values;
    const length = to - from;
    for (let k = h & mask; ; k = (k + 1) & mask) {
      const entry = table[k]!;
      if (entry === 0) break;
      const id = entry - 1;
      if (this.#valueHashes[id] !== h) continue;
      const v = values[id]!;
      if (v.length !== length) continue;
      let i = 0;
      while (i < length && v.charCodeAt(i) === source.charCodeAt(from + i)) i++;
      if (i === length) return id;
    }
    const id = values.length;
    values.push(detach(source.slice(from, to)));
    this.#valueHashes.push(h);
    if (2 * values.length > table.length) this.#rehash(2 * table.length);
    else this.#place(table, id);
    return id;
  }

  #place(table: Int32Array, id: number): void {
    const mask = table.length - 1;
    let k = this.#valueHashes[id]! & mask;
    while (table[k] !== 0) k = (k + 1) & mask;
    table[k] = id + 1;
  }

  #rehash(size: number): void {
    const table = new Int32Array(size);
    for (let id = 0; id < this.#values.length; id++) this.#place(table, id);
    this.#valueTable = table;
  }

  #pointsOf = (valueId: number): readonly number[] => {
    let p = this.#points[valueId];
    if (p === undefined) {
      // A loop, not `Array.from(text, fn)`: no iterator and no call per character (3 % of a
      // tiny page's time); `codePointAt` reads a pair as one, a lone surrogate as itself.
      const v = this.#values[valueId]!;
      p = [];
      for (let i = 0; i < v.length; i++) {
        const c = v.codePointAt(i)!;
        p.push(c);
        if (c > 0xffff) i++;
      }
      this.#points[valueId] = p;
    }
    return p;
  };

  /**
   * Whether word `w` is matched in the current analysis: marked itself, or held by the
   * paragraph it was in at its last use when that paragraph is matched whole (words of the
   * paragraphs matched from the previous revision are not marked one by one).
   */
  #matched(w: number): boolean {
    return this.#wordMark.data[w] === this.#epoch || this.#owner[w]!.mark === this.#epoch;
  }

  /** True when no word of `sentences` is matched yet; marks `holder` when all are. */
  #free(sentences: readonly Sentence[], holder: { mark: number }): boolean {
    let one = false;
    let all = true;
    for (const s of sentences) {
      for (const w of s.words) {
        if (this.#matched(w)) one = true;
        else all = false;
      }
    }
    if (!one) return true;
    if (all) holder.mark = this.#epoch;
    return false;
  }

  #take(sentence: Sentence): void {
    const marks = this.#wordMark.data;
    sentence.mark = this.#epoch;
    for (const w of sentence.words) marks[w] = this.#epoch;
  }

  /**
   * The previous revision's paragraphs that the current text keeps verbatim at its start and
   * end (outside the stretch that changed, with a margin for WikiWho's look-ahead), so that
   * only the changed stretch is lower-cased and split again.
   */
  #reuse(prev: Analysis, text: string): Reuse | null {
    const old = prev.text;
    const m = old.length;
    const n = text.length;
    this.#common(old, text);
    const pre = this.#pre;
    const suf = this.#suf;
    const spans = prev.spans;
    let head = 0;
    while (head + 1 < spans.length && spans[head + 1]!.start <= pre - MARGIN) head++;
    let tail = head + 1;
    while (tail <= spans.length && spans[tail - 1]!.end < m - suf + MARGIN) tail++;
    // A change near the end (an addition at the bottom, the commonest edit) keeps no end.
    if (tail > spans.length) tail = spans.length;
    const x = head > 0 ? spans[head - 1]!.end : 0;
    const yOld = tail < spans.length ? spans[tail]!.start : m;
    const delta = n - m;
    const y = yOld + delta;
    if (y < x) return null;
    // The changed stretch, lower-cased with room for the look-ahead of the paragraph rules.
    const changed = lowerText(text.slice(x, y));
    const look = text.slice(y, Math.min(n, y + MARGIN)).toLowerCase();
    const fresh = spansOf(changed, x, changed.lower + look, changed.lower.length, true);
    // Pushed one by one: `concat` took the generic path, a sixth of this function's time.
    const out = spans.slice(0, head);
    for (const p of fresh) out.push(p);
    for (let k = tail; k < spans.length; k++) {
      const p = spans[k]!;
      out.push(
        delta === 0 ? p : { start: p.start + delta, end: p.end + delta, key: p.key, cr: p.cr },
      );
    }
    return {
      spans: out,
      head,
      tail: spans.length - tail,
    };
  }

  /** WikiWho's `determine_authorship`, without changing anything that outlives the analysis. */
  #analyse(text: string): Analysis {
    const e = ++this.#epoch;
    const prevIndex = this.#revisions.length - 1;
    this.#foreign = false;
    this.#exceeded = false;
    const prev = this.#prev;
    // Paragraphs are split from the last revision analysed, kept in place from the last one
    // attributed.
    const after = this.#dense;
    const base = after?.analysis ?? prev;
    const reuse = base !== null ? this.#reuse(base, text) : null;
    let spans = reuse?.spans;
    if (spans === undefined) {
      const lowered = lowerText(text);
      spans = spansOf(lowered, 0, lowered.lower, lowered.lower.length, false);
    }
    const head = after === null ? (reuse?.head ?? 0) : 0;
    const tail = after === null ? (reuse?.tail ?? 0) : 0;
    const prevParagraphs = prev?.paragraphs ?? [];
    const paragraphs: Paragraph[] = [];
    const newParagraphs: Paragraph[] = [];
    const newSpans: ParagraphSpan[] = [];
    // The kept start: WikiWho would match each to the same paragraph of the previous revision.
    for (let k = 0; k < head; k++) {
      const p = prevParagraphs[k]!;
      p.mark = e;
      paragraphs.push(p);
    }
    // Paragraphs: the previous revision's first, then any earlier one with the same text.
    const byKey = after?.byKey;
    /** For each new paragraph, its copy in the flagged revision before, if any. */
    const newWas: (Paragraph | undefined)[] = [];
    const match = (span: ParagraphSpan) => {
      let found: Paragraph | null = null;
      // An empty map still hashes the key (a whole first revision's text, once per paragraph).
      const fromPrev = this.#prevMap.size > 0 ? this.#prevMap.get(span.key) : undefined;
      if (fromPrev !== undefined) {
        found = this.#matchParagraph(Array.isArray(fromPrev) ? fromPrev : [fromPrev], prevIndex);
      }
      if (found === null) {
        // After a flagged revision, an unchanged paragraph's hash is that of its copy there.
        const was = span.cr ? undefined : byKey?.get(span.key);
        const hash = was?.hash ?? hashString(span.key);
        const older = this.#paragraphsHt.get(hash);
        if (older !== undefined) found = this.#matchParagraph(older, prevIndex);
        if (found === null) {
          found = {
            hash,
            sentences: [],
            mark: 0,
            last: -1,
            size: 0,
            pieces: 0,
            pos: 0,
            offsets: null,
            spaced: false,
          };
          newParagraphs.push(found);
          newSpans.push(span);
          newWas.push(was);
        }
      }
      paragraphs.push(found);
    };
    for (let k = head; k < spans.length - tail; k++) match(spans[k]!);
    // The kept end likewise, unless the changed stretch took one of its paragraphs or left a
    // paragraph with the same text as one of them free (WikiWho's first-free-candidate rule
    // would then pair them differently), or matched an older paragraph that may share words.
    const oldTail = prevParagraphs.length - tail;
    let inOrder = !this.#foreign;
    for (let k = oldTail; inOrder && k < prevParagraphs.length; k++) {
      if (prevParagraphs[k]!.mark === e) inOrder = false;
    }
    if (inOrder && tail > 0) {
      const free = new Set<string>();
      for (let k = head; k < oldTail; k++) {
        if (prevParagraphs[k]!.mark !== e) free.add(prev!.spans[k]!.key);
      }
      for (let k = spans.length - tail; inOrder && free.size > 0 && k < spans.length; k++) {
        if (free.has(spans[k]!.key)) inOrder = false;
      }
    }
    for (let k = spans.length - tail; k < spans.length; k++) {
      if (inOrder) {
        const p = prevParagraphs[oldTail + k - (spans.length - tail)]!;
        p.mark = e;
        paragraphs.push(p);
      } else match(spans[k]!);
    }
    const newSentences: Sentence[] = [];
    let dense = false;
    if (newParagraphs.length > 0) {
      const unmatchedPrev = (this.#prev?.paragraphs ?? []).filter((p) => p.mark !== e);
      // Sentences: those of the previous revision's unmatched paragraphs, then any earlier one.
      const prevSentences = new Map<number, Sentence[]>();
      for (const p of unmatchedPrev) for (const s of p.sentences) push(prevSentences, s.hash, s);
      // The new sentences' value ids, in a buffer shared by every analysis.
      let curr = CURR;
      let n = 0;
      const sentence = (hash: number): Sentence | null => {
        let found: Sentence | null = null;
        const fromPrev = prevSentences.get(hash);
        if (fromPrev !== undefined) found = this.#matchSentence(fromPrev);
        if (found === null) {
          const older = this.#sentencesHt.get(hash);
          if (older !== undefined) found = this.#matchSentence(older);
        }
        return found;
      };
      const wordValues = this.#wordValue.data;
      for (let k = 0; k < newParagraphs.length; k++) {
        const span = newSpans[k]!;
        const paragraph = newParagraphs[k]!;
        const was = newWas[k];
        if (was?.offsets) {
          // Split already in the flagged revision before: its sentences and values again.
          paragraph.size = was.size;
          paragraph.pieces = was.pieces;
          paragraph.offsets = was.offsets;
          paragraph.spaced = was.spaced;
          for (const old of was.sentences) {
            let found = sentence(old.hash);
            if (found === null) {
              const words = old.words.slice();
              for (let t = 0; t < words.length; t++) {
                const w = words[t]!;
                const v = w < 0 ? -1 - w : wordValues[w]!;
                words[t] = -1 - v;
                if (n === curr.length) curr = this.#grow(curr);
                curr[n++] = v;
              }
              found = { hash: old.hash, words, mark: 0 };
              newSentences.push(found);
            }
            paragraph.sentences.push(found);
          }
          continue;
        }
        const source = sourceOf(text, span);
        const split = splitSentences(source, 0, span.key);
        const offsets = tokenOffsets(split);
        paragraph.size = split.tokens;
        paragraph.pieces = split.pieces;
        paragraph.offsets = span.cr ? null : offsets;
        paragraph.spaced = split.spaced;
        let from = 0;
        for (let s = 0; s < split.sentences; s++) {
          const to = split.ends[s]!;
          const hash = split.hashes[s]!;
          let found = sentence(hash);
          if (found === null) {
            const words: number[] = [];
            for (let t = from; t < to; t++) {
              const v = this.#valueId(source, offsets[2 * t]!, offsets[2 * t + 1]!);
              words.push(-1 - v);
              if (n === curr.length) curr = this.#grow(curr);
              curr[n++] = v;
            }
            found = { hash, words, mark: 0 };
            newSentences.push(found);
          }
          paragraph.sentences.push(found);
          from = to;
        }
      }
      if (n > 0) {
        dense = this.#density(curr, n) > TOKEN_DENSITY_LIMIT;
        this.#diffWords(unmatchedPrev, newSentences, curr, n);
      }
      // A buffer grown by a huge revision is not kept for the small ones after it.
      if (CURR.length > 1 << 16) CURR = new Int32Array(1024);
    }
    return {
      text,
      spans,
      paragraphs,
      newParagraphs,
      newSpans,
      newSentences,
      dense,
      head,
      tail: inOrder ? tail : 0,
    };
  }

  #matchParagraph(candidates: readonly Paragraph[], prevIndex: number): Paragraph | null {
    const e = this.#epoch;
    for (const p of candidates) {
      if (p.mark === e) continue;
      // A paragraph of the previous revision shares no word with the others matched so far,
      // unless an older paragraph was matched too.
      const inPrev = p.last === prevIndex;
      if ((this.#foreign || !inPrev) && !this.#free(p.sentences, p)) continue;
      p.mark = e;
      if (!inPrev) {
        this.#foreign = true;
        for (const s of p.sentences) this.#take(s);
      }
      return p;
    }
    return null;
  }

  #matchSentence(candidates: readonly Sentence[]): Sentence | null {
    const e = this.#epoch;
    for (const s of candidates) {
      if (s.mark === e || !this.#free([s], s)) continue;
      this.#take(s);
      return s;
    }
    return null;
  }

  /** `compute_avg_word_freq`: tokens per distinct token, some markup left out. */
  #density(values: Int32Array, n: number): number {
    // Counted by value id in arrays kept between revisions (a first revision has every token
    // of the page), an entry counting only when stamped with this analysis's epoch: plain
    // arrays of small integers, which cost the GC nothing to keep, and nothing to reset.
    const e = this.#epoch;
    const stamp = this.#densityStamp;
    const counts = this.#densityCounts;
    while (stamp.length < this.#values.length) {
      stamp.push(0);
      counts.push(0);
    }
    let total = 0;
    let distinct = 0;
    for (let k = 0; k < n; k++) {
      const v = values[k]!;
      if (stamp[v] !== e) {
        stamp[v] = e;
        if (DENSITY_IGNORED.has(this.#values[v]!)) {
          counts[v] = -1;
          continue;
        }
        counts[v] = 0;
        distinct++;
      } else if (counts[v]! < 0) continue;
      counts[v]!++;
      total++;
    }
    return distinct > 0 ? total / distinct : 0;
  }

  /** The word diff: new sentences' tokens against the unmatched words of unmatched sentences. */
  #diffWords(
    unmatchedPrev: readonly Paragraph[],
    newSentences: readonly Sentence[],
    curr: Int32Array,
    n: number,
  ): void {
    const e = this.#epoch;
    const values = this.#wordValue.data;
    const prevWords: number[] = [];
    for (const p of unmatchedPrev) {
      for (const s of p.sentences) {
        if (s.mark === e) continue;
        for (const w of s.words) if (!this.#matched(w)) prevWords.push(w);
      }
    }
    if (prevWords.length === 0) return;
    // A view made only here: making one was most of the analysis's own time on a tiny page.
    const currValues = curr.subarray(0, n);
    const prevValues = prevWords.map((w) => values[w]!);
    const { pairs, exceeded } = differPairs(prevValues, currValues, this.#pointsOf, {
      maxPairs: this.#maxPairs,
    });
    this.#exceeded = exceeded;
    const marks = this.#wordMark.data;
    let k = 0;
    for (const s of newSentences) {
      for (let t = 0; t < s.words.length; t++, k++) {
        const p = pairs[k]!;
        if (p >= 0) {
          const w = prevWords[p]!;
          marks[w] = e;
          s.words[t] = w;
        }
      }
    }
  }

  /** Counts what the analysis does and, when `commit`, makes it the page's state. */
  #counts(
    id: number,
    kind: 'analysed' | 'vandalism',
    a: Analysis,
    commit: boolean,
    info?: RevisionInfo,
  ): AuthorshipRevisionStats {
    const revIndex = this.#revisions.length;
    const prevIndex = revIndex - 1;
    // Deleted: words of the previous revision's unmatched paragraphs not used now, counted by
    // origin revision in an array kept between revisions (a Map per revision cost more than the
    // counting), and reset after.
    const removedBy = this.#removedBy;
    const origins = this.#removedOrigins;
    let removed = 0;
    const e = this.#epoch;
    for (const p of this.#prev?.paragraphs ?? []) {
      if (p.mark === e) continue;
      // Offsets serve only blame of the current text: a paragraph leaving it drops them (split
      // again if it ever comes back), so a paragraph edited in every revision does not keep a
      // copy of its offsets per revision.
      if (commit) p.offsets = null;
      for (const s of p.sentences) {
        for (const w of s.words) {
          if (this.#matched(w)) continue;
          removed++;
          const origin = this.#wordOrigin.data[w]!;
          while (removedBy.length <= origin) removedBy.push(0);
          if (removedBy[origin]!++ === 0) origins.push(origin);
          if (commit) this.#addEvent(this.#outHead, w, revIndex);
        }
      }
    }
    let tokens = 0;
    let added = 0;
    let reinserted = 0;
    const owner = this.#owner;
    for (const p of a.paragraphs) {
      // Counted as blamed: a token with whitespace inside once per piece.
      tokens += p.pieces;
      // Matched from the previous revision: every word was there.
      if (p.last === prevIndex && p.last >= 0) continue;
      for (const s of p.sentences) {
        const words = s.words;
        for (let t = 0; t < words.length; t++) {
          const w = words[t]!;
          if (w < 0) {
            added++;
            if (commit) words[t] = this.#newWord(-1 - w, revIndex, p);
            continue;
          }
          if (owner[w]!.last !== prevIndex) {
            reinserted++;
            if (commit) this.#addEvent(this.#inHead, w, revIndex);
          }
          if (commit) owner[w] = p;
        }
      }
    }
    if (origins.length > 1) origins.sort((x, y) => x - y);
    const removedFrom = origins.map((index) => {
      const n = removedBy[index]!;
      removedBy[index] = 0;
      return { revisionId: this.#revisions[index]!.id, tokens: n };
    });
    origins.length = 0;
    if (commit && info !== undefined) {
      this.#revisions.push(info);
      for (const p of a.paragraphs) p.last = revIndex;
      for (const p of a.newParagraphs) push(this.#paragraphsHt, p.hash, p);
      for (const s of a.newSentences) {
        push(this.#sentencesHt, s.hash, s);
        this.#kept += s.words.length;
      }
      this.#updatePrevMap(this.#prev, a);
      this.#prev = a;
    }
    return {
      revisionId: id,
      kind,
      tokens,
      added,
      reinserted,
      removed,
      removedFrom,
      pairBudgetExceeded: this.#exceeded,
    };
  }

  /**
   * The previous-revision lookup (text → paragraphs in text order) for the revision just
   * accepted: where paragraphs were kept in place, only the changed stretch's entries change.
   */
  #updatePrevMap(prev: Analysis | null, a: Analysis): void {
    const map = this.#prevMap;
    const n = a.paragraphs.length;
    if (prev === null || a.head + a.tail === 0) {
      map.clear();
      for (let k = 0; k < n; k++) {
        a.paragraphs[k]!.pos = k;
        addEntry(map, a.spans[k]!.key, a.paragraphs[k]!);
      }
      return;
    }
    for (let k = a.head; k < prev.paragraphs.length - a.tail; k++) {
      removeEntry(map, prev.spans[k]!.key, prev.paragraphs[k]!);
    }
    for (let k = a.head; k < n; k++) a.paragraphs[k]!.pos = k;
    for (let k = a.head; k < n - a.tail; k++) addEntry(map, a.spans[k]!.key, a.paragraphs[k]!);
  }

  #newWord(valueId: number, revIndex: number, paragraph: Paragraph): number {
    const w = this.#wordValue.length;
    this.#wordValue.push(valueId);
    this.#wordOrigin.push(revIndex);
    this.#wordMark.push(0);
    this.#outHead.push(0);
    this.#inHead.push(0);
    this.#owner.push(paragraph);
    return w;
  }

  /** Records that revision `revIndex` deleted (or put back) word `w`. */
  #addEvent(heads: Growable, w: number, revIndex: number): void {
    const events = this.#events;
    events.push(revIndex);
    events.push(heads.data[w]!);
    heads.data[w] = events.length - 1;
  }

  /** The ids of the revisions in word `w`'s list, oldest first. */
  #eventIds(heads: Growable, w: number): readonly number[] {
    let h = heads.data[w]!;
    if (h === 0) return NONE;
    const events = this.#events.data;
    const ids: number[] = [];
    while (h !== 0) {
      ids.push(this.#revisions[events[h - 1]!]!.id);
      h = events[h]!;
    }
    return ids.reverse();
  }

  get tokensKept(): number {
    return this.#kept;
  }

  blame(): Blame | null {
    const flagged = this.#flagged;
    if (flagged !== null) {
      // Attribute a flagged revision as if it were accepted, without keeping it.
      flagged.analysis ??= this.#analyse(flagged.text);
      return this.#blame(flagged.analysis, flagged.info);
    }
    const prev = this.#prev;
    return prev === null ? null : this.#blame(prev, this.#revisions.at(-1)!);
  }

  #blame(a: Analysis, info: RevisionInfo): Blame {
    const tokens: BlameToken[] = [];
    const revisions = this.#revisions;
    const wordOrigin = this.#wordOrigin.data;
    for (let k = 0; k < a.spans.length; k++) {
      const span = a.spans[k]!;
      const paragraph = a.paragraphs[k]!;
      let offsets = span.cr ? null : paragraph.offsets;
      let spaced = paragraph.spaced;
      if (offsets === null) {
        const split = splitSentences(sourceOf(a.text, span), 0, span.key);
        offsets = tokenOffsets(split);
        spaced = split.spaced;
      }
      // Offsets are in the lower-cased paragraph; where that is longer (`İ`), map them back.
      const origin =
        span.cr || span.key.length !== span.end - span.start
          ? lowerText(a.text.slice(span.start, span.end)).origin
          : null;
      const base = span.start;
      let t = 0;
      for (const s of paragraph.sentences) {
        for (const w of s.words) {
          const start = base + (origin === null ? offsets[t]! : origin[offsets[t]!]!);
          const end = base + (origin === null ? offsets[t + 1]! : origin[offsets[t + 1]!]!);
          t += 2;
          const rev = w < 0 ? info : revisions[wordOrigin[w]!]!;
          const outbound = w >= 0 ? this.#eventIds(this.#outHead, w) : NONE;
          const inbound = w >= 0 ? this.#eventIds(this.#inHead, w) : NONE;
          if (!spaced) {
            tokens.push({
              start,
              end,
              originRevisionId: rev.id,
              originUser: rev.user,
              originTimestamp: rev.timestamp,
              outbound,
              inbound,
            });
            continue;
          }
          // A token with whitespace in it is reported as its pieces between the whitespace,
          // each with the token's authorship (one of whitespace alone, as none).
          for (let p = start; p < end; ) {
            while (p < end && isSpace(a.text.charCodeAt(p))) p++;
            let q = p;
            while (q < end && !isSpace(a.text.charCodeAt(q))) q++;
            if (q > p) {
              tokens.push({
                start: p,
                end: q,
                originRevisionId: rev.id,
                originUser: rev.user,
                originTimestamp: rev.timestamp,
                outbound,
                inbound,
              });
            }
            p = q;
          }
        }
      }
    }
    return { revisionId: info.id, text: a.text, tokens };
  }

  history(): AuthorshipHistory {
    const n = this.#wordValue.length;
    const firstRemoval = new Int32Array(n).fill(-1);
    for (let w = 0; w < n; w++) {
      // The list is newest first: its last entry is the first removal.
      const events = this.#events.data;
      let h = this.#outHead.data[w]!;
      while (h !== 0) {
        firstRemoval[w] = events[h - 1]!;
        h = events[h]!;
      }
    }
    return {
      revisions: this.#revisions.slice(),
      origin: this.#wordOrigin.copy(n),
      firstRemoval,
      hidden: this.#hidden,
      flagged: this.#flaggedCount,
    };
  }
}

const NONE: readonly number[] = Object.freeze([]);

/**
 * The value ids of an analysis's new sentences, shared by every tracker (an analysis runs to
 * its end before the next starts): a buffer per tracker was a sixth of a tiny page's setup.
 */
let CURR: Int32Array = new Int32Array(1024);

/**
 * A paragraph's tokens as `[start, end)` pairs relative to its start: a plain array up to 256 tokens
 * (a typed array over 64 bytes gets a buffer of its own, costly to allocate per paragraph), a
 * typed one, half the memory, when longer.
 */
function tokenOffsets(split: SentenceSplit): number[] | Int32Array {
  const n = 2 * split.tokens;
  if (n > 512) return split.offsets.slice(0, n);
  const offsets = new Array<number>(n);
  const from = split.offsets;
  for (let t = 0; t < n; t++) offsets[t] = from[t]!;
  return offsets;
}

/**
 * The paragraphs of a lower-cased stretch of the text that starts at `at`, split up to `to` in
 * `lower` (which may run on for the look-ahead), with offsets mapped back to the text's own:
 * lower-casing can lengthen a text (`İ` becomes `i̇`), and paragraphs are kept and compared
 * between revisions by their place in the text itself.
 */
function spansOf(
  lowered: LoweredText,
  at: number,
  lower: string,
  to: number,
  own: boolean,
): ParagraphSpan[] {
  const spans = splitParagraphs(lower, 0, to);
  const origin = lowered.origin;
  if (origin === null && at === 0 && !own) return spans;
  for (let k = 0; k < spans.length; k++) {
    const p = spans[k]!;
    spans[k] = {
      start: at + (origin === null ? p.start : origin[p.start]!),
      end: at + (origin === null ? p.end : origin[p.end]!),
      // A key sliced from a window is copied, so that it does not keep the window alive.
      key: own ? detach(p.key) : p.key,
      cr: p.cr,
    };
  }
  return spans;
}

/** Adds a paragraph to its text's entry, keeping the entry in text order (most are single). */
function addEntry(map: Map<string, Paragraph | Paragraph[]>, key: string, p: Paragraph): void {
  const there = map.get(key);
  if (there === undefined) map.set(key, p);
  else if (Array.isArray(there)) {
    let k = there.length;
    while (k > 0 && there[k - 1]!.pos > p.pos) k--;
    there.splice(k, 0, p);
  } else map.set(key, there.pos < p.pos ? [there, p] : [p, there]);
}

function removeEntry(map: Map<string, Paragraph | Paragraph[]>, key: string, p: Paragraph): void {
  const there = map.get(key);
  if (there === p) map.delete(key);
  else if (Array.isArray(there)) {
    const k = there.indexOf(p);
    if (k !== -1) there.splice(k, 1);
    if (there.length === 1) map.set(key, there[0]!);
  }
}

/**
 * The lower-cased characters of a paragraph: its key when that is its exact text, else (line
 * breaks with `\r`) the paragraph lower-cased again.
 */
function sourceOf(text: string, span: ParagraphSpan): string {
  return span.cr ? text.slice(span.start, span.end).toLowerCase() : span.key;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function empty(revisionId: number, kind: 'hidden' | 'vandalism'): AuthorshipRevisionStats {
  return {
    revisionId,
    kind,
    tokens: 0,
    added: 0,
    reinserted: 0,
    removed: 0,
    removedFrom: [],
    pairBudgetExceeded: false,
  };
}

/**
 * Creates an incremental token-authorship tracker: feed it a page's revisions oldest first
 * (`add`) and ask at any point who wrote each token of the latest one (`blame`). It keeps only
 * what attribution needs (every token ever written and the paragraphs and sentences they form),
 * so a dump can be streamed through it page by page.
 *
 * @param options - See {@link AuthorshipOptions}.
 * @returns A new tracker.
 * @example
 * ```ts
 * const tracker = createAuthorship();
 * tracker.add({ id: 1, user: 'Ann', text: 'The river flows.' });
 * tracker.add({ id: 2, user: 'Bob', text: 'The wide river flows.' }).added // 1
 * tracker.blame()!.tokens.map((t) => t.originUser) // ['Ann', 'Bob', 'Ann', 'Ann', 'Ann']
 * ```
 */
export function createAuthorship(options: AuthorshipOptions = {}): AuthorshipTracker {
  return new Tracker(options);
}
