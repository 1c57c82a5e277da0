import { diffText, type TextDiff } from '../diff/diff-text.js';
import { type ParseSectionsOptions, parseSections, type Section } from './parse-sections.js';

/** Options of {@link compareSections}. */
export interface CompareSectionsOptions {
  /**
   * Passed to {@link parseSections} for both texts.
   * @default {}
   */
  readonly parse?: ParseSectionsOptions;
  /**
   * Smallest body similarity (0 to 1, Dice coefficient over non-blank lines) for a section whose
   * heading changed to count as renamed rather than removed and added.
   * @default 0.5
   */
  readonly renameSimilarity?: number;
  /**
   * Smallest share (0 to 1) of a new section's non-blank lines taken from one old section that
   * continues elsewhere for it to be reported as split from it (and the reverse for merges).
   * @default 0.5
   */
  readonly splitShare?: number;
}

/**
 * What happened to a section between two revisions.
 *
 * - `added` / `removed`: only on one side.
 * - `split`: a new section whose lines come mostly from an old section that also continues (under
 *   its own heading) elsewhere; `before` is that old section.
 * - `merged`: an old section whose heading is gone and whose lines now mostly sit in another
 *   section; `after` is that section.
 * - `renamed`: the heading text changed, the body is mostly the same (`textChanged` says whether
 *   the body changed too).
 * - `moved`: the same section (same title) at another place among the others, possibly edited.
 * - `modified`: same title, same place, different text.
 * - `unchanged`: same title, same place, same text.
 */
export type SectionChangeKind =
  | 'added'
  | 'removed'
  | 'split'
  | 'merged'
  | 'renamed'
  | 'moved'
  | 'modified'
  | 'unchanged';

/** One section's fate between two revisions. */
export interface SectionChange {
  readonly kind: SectionChangeKind;
  /** The section in the old text; `null` for `added` and `split`-off sections' own side. */
  readonly before: Section | null;
  /** The section in the new text; `null` for `removed`. */
  readonly after: Section | null;
  /** Lines of the line diff added inside `after`'s lines. */
  readonly linesAdded: number;
  /** Lines of the line diff deleted inside `before`'s lines (when this change owns `before`). */
  readonly linesRemoved: number;
  /** `before.title`, or `null`. */
  readonly oldTitle: string | null;
  /** `after.title`, or `null`. */
  readonly newTitle: string | null;
  /** Both sides exist and their texts differ (trailing blank lines aside). */
  readonly textChanged: boolean;
}

const MAX_UNMATCHED = 400;

// The sections of the last texts compared (with default parse options), frozen since several
// results share them. A history is compared pair by pair, so each text comes back once as the
// old side of the next pair; repeated calls on one pair (a check per autocomment, a report and
// its verification) parse nothing again. Bounded: two texts of wiki page size at most.
const RECENT_TEXTS = 2;
const MAX_RECENT_CHARS = 2 * 1024 * 1024;
const recentTexts: string[] = [];
const recentSections: (readonly Section[])[] = [];

/** Sections (not the lead) chained by title, in order: each title's first, each one's next. */
interface TitleChains {
  readonly firstOfTitle: ReadonlyMap<string, number>;
  readonly nextSame: Int32Array;
}
// Kept with the sections they index (the recent texts' come back): no map rebuilt a call.
const chainsOfSections = new WeakMap<readonly Section[], TitleChains>();

function titleChains(sections: readonly Section[]): TitleChains {
  let chains = chainsOfSections.get(sections);
  if (chains !== undefined) return chains;
  const firstOfTitle = new Map<string, number>();
  const nextSame = new Int32Array(sections.length).fill(-1);
  // Each chain's last link while building, at its first position.
  const last = new Int32Array(sections.length);
  for (let k = 1; k < sections.length; k++) {
    const first = firstOfTitle.get(sections[k]!.title);
    if (first === undefined) {
      firstOfTitle.set(sections[k]!.title, k);
      last[k] = k;
    } else {
      nextSame[last[first]!] = k;
      last[first] = k;
    }
  }
  chains = { firstOfTitle, nextSame };
  chainsOfSections.set(sections, chains);
  return chains;
}

/** `parseSections(text, options)`, from the recent texts when they hold it. */
function sectionsOf(text: string, options: ParseSectionsOptions | undefined): readonly Section[] {
  if (options !== undefined || text.length > MAX_RECENT_CHARS) return parseSections(text, options);
  for (let k = 0; k < recentTexts.length; k++) {
    if (recentTexts[k] === text) return recentSections[k]!;
  }
  const sections = parseSections(text);
  for (const s of sections) {
    Object.freeze(s.children);
    Object.freeze(s);
  }
  Object.freeze(sections);
  if (recentTexts.length === RECENT_TEXTS) {
    recentTexts.pop();
    recentSections.pop();
  }
  recentTexts.unshift(text);
  recentSections.unshift(sections);
  return sections;
}

/** Non-blank body lines (the heading line excluded), trimmed, as a multiset. */
function bodyLines(text: string, s: Section): Map<string, number> {
  const lines = text.slice(s.offset, s.endOffset).split('\n');
  const counts = new Map<string, number>();
  for (const line of s.index === 0 ? lines : lines.slice(1)) {
    const key = line.trim();
    if (key !== '') counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function size(m: Map<string, number>): number {
  let n = 0;
  for (const c of m.values()) n += c;
  return n;
}

function common(a: Map<string, number>, b: Map<string, number>): number {
  let n = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [k, c] of small) n += Math.min(c, large.get(k) ?? 0);
  return n;
}

/**
 * Flags (by position in `seq`) the members of one longest increasing subsequence of the
 * non-negative values of `seq` (the others, -1, are skipped): O(n log n). Null when those values
 * all increase (every one a member: most edits move nothing).
 */
function longestIncreasing(seq: Int32Array): Uint8Array | null {
  let previous = -1;
  let k = 0;
  for (; k < seq.length; k++) {
    const v = seq[k]!;
    if (v < 0) continue;
    if (v <= previous) break;
    previous = v;
  }
  if (k === seq.length) return null;
  const tails: number[] = [];
  const prev = new Int32Array(seq.length).fill(-1);
  for (let k = 0; k < seq.length; k++) {
    const v = seq[k]!;
    if (v < 0) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1]!;
    tails[lo] = k;
  }
  const keep = new Uint8Array(seq.length);
  for (let k = tails.length > 0 ? tails[tails.length - 1]! : -1; k !== -1; k = prev[k]!)
    keep[k] = 1;
  return keep;
}

/** Position in `sections` of the section holding 1-based `line` (sections cover every line). */
function sectionAtLine(sections: readonly Section[], line: number): number {
  let lo = 0;
  let hi = sections.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sections[mid]!.startLine <= line) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

const sectionText = (text: string, s: Section) => text.slice(s.offset, s.endOffset).trimEnd();

/** JavaScript's `\s` (what `trimEnd` removes), without a string for the ASCII cases. */
const isSpace = (c: number): boolean =>
  c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c >= 0xa0 && /\s/.test(String.fromCharCode(c));

/**
 * `sectionText(a, x) === sectionText(b, y)`, without trimming copies. Equal lengths are compared
 * as substrings (views into the texts, not copies), which V8 compares in native code, much
 * faster than a loop over `charCodeAt` (docs/05-sections.md).
 */
function sameSectionText(a: string, x: Section, b: string, y: Section): boolean {
  let endA = x.endOffset;
  while (endA > x.offset && isSpace(a.charCodeAt(endA - 1))) endA--;
  let endB = y.endOffset;
  while (endB > y.offset && isSpace(b.charCodeAt(endB - 1))) endB--;
  const length = endA - x.offset;
  if (length !== endB - y.offset) return false;
  return length === 0 || a.substring(x.offset, endA) === b.substring(y.offset, endB);
}

const bodyText = (text: string, s: Section) => {
  const t = sectionText(text, s);
  return s.index === 0 ? t : t.slice(t.indexOf('\n') + 1 || t.length);
};

function checkShare(name: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new RangeError(`compareSections: options.${name} must be a number from 0 to 1`);
  }
  return value;
}

/**
 * Matches the sections of two revisions and says what happened to each: added, removed, split,
 * merged, renamed, moved, modified or unchanged, with the line diff's added and deleted lines
 * attributed to the sections they fall in (over all changes they sum to the diff's totals).
 *
 * Sections are matched by heading text first (the k-th `Notes` with the k-th `Notes`), then, for
 * the rest, by body similarity (a rename); the lead always matches the lead. A matched section
 * out of order with the others (outside their longest common order) has moved.
 *
 * @param oldText - The older revision's wikitext.
 * @param newText - The newer revision's wikitext.
 * @param options - Parse options and thresholds.
 * @returns One change per section, in the new text's order (removed ones after their old
 *   predecessor).
 * @example
 * ```ts
 * compareSections('L\n== A ==\na\n== B ==\nb', 'L\n== A ==\na2\n== C ==\nb')
 *   .map((c) => [c.kind, c.oldTitle, c.newTitle, c.linesAdded, c.linesRemoved])
 * // [['unchanged', '', '', 0, 0], ['modified', 'A', 'A', 1, 1], ['renamed', 'B', 'C', 1, 1]]
 * ```
 */
export function compareSections(
  oldText: string,
  newText: string,
  options: CompareSectionsOptions = {},
): readonly SectionChange[] {
  return sectionComparison(oldText, newText, options).changes;
}

/** {@link compareSections}' changes with both texts' sections and the change owning each. */
export interface SectionComparison {
  /** `parseSections(oldText)`. */
  readonly before: readonly Section[];
  /** `parseSections(newText)`. */
  readonly after: readonly Section[];
  /** What `compareSections` returns. */
  readonly changes: readonly SectionChange[];
  /** By position in `before`: the change counting that section's lines (never a split). */
  readonly oldOwner: readonly SectionChange[];
  /** By position in `after`: the change counting that section's lines (never a merge). */
  readonly newOwner: readonly SectionChange[];
}

/**
 * What a caller of {@link sectionComparison} already has (not exported from the package): a
 * revision's sections serve as the `after` of one comparison and the `before` of the next.
 */
export interface GivenSections {
  /** `parseSections(oldText, options.parse)`, already computed. @default parsed here */
  readonly before?: readonly Section[];
  /** `parseSections(newText, options.parse)`, already computed. @default parsed here */
  readonly after?: readonly Section[];
  /**
   * False: no line diff, every change's `linesAdded`/`linesRemoved` left 0 (for callers that
   * use only the kinds and titles).
   * @default true
   */
  readonly countLines?: boolean;
  /**
   * `diffText(oldText, newText, …)` already computed (any context, words, moves: only its added
   * and deleted lines are read, which those options do not change).
   * @default computed here, lines only
   */
  readonly diff?: TextDiff;
}

/**
 * {@link compareSections} with what it built on the way, for `verifyAutocomment` (not exported
 * from the package).
 *
 * @example
 * ```ts
 * sectionComparison('L\n== A ==\na', 'L\n== A ==\nb').oldOwner[1].kind // 'modified'
 * ```
 */
export function sectionComparison(
  oldText: string,
  newText: string,
  options: CompareSectionsOptions = {},
  given: GivenSections = {},
): SectionComparison {
  if (typeof oldText !== 'string' || typeof newText !== 'string') {
    throw new TypeError('compareSections: oldText and newText must be strings');
  }
  const renameSimilarity = checkShare('renameSimilarity', options.renameSimilarity ?? 0.5);
  const splitShare = checkShare('splitShare', options.splitShare ?? 0.5);
  const before = given.before ?? sectionsOf(oldText, options.parse);
  const after = given.after ?? sectionsOf(newText, options.parse);

  // 1. The lead, then headings by title and rank among equal titles.
  const oldMatch = new Int32Array(before.length).fill(-1);
  const newMatch = new Int32Array(after.length).fill(-1);
  oldMatch[0] = 0;
  newMatch[0] = 0;
  matchTitles(before, after, oldMatch, newMatch);
  let unmatchedOld = 0;
  let unmatchedNew = 0;
  for (let k = 1; k < before.length; k++) if (oldMatch[k] === -1) unmatchedOld++;
  for (let k = 1; k < after.length; k++) if (newMatch[k] === -1) unmatchedNew++;
  // 2. Renames, splits and merges, for what is left: apart, since most edits leave nothing (a
  // smaller hot function to compile, no closures nor maps a call).
  const rest =
    unmatchedOld + unmatchedNew === 0
      ? null
      : new Unmatched(oldText, newText, before, after, oldMatch, newMatch, splitShare);
  rest?.pairRenames(renameSimilarity);

  // 3. Order: pairs outside the longest common order have moved.
  const inOrder = longestIncreasing(oldMatch);

  // 4. The changes, each owning the old and new sections whose diff lines it counts.
  const oldOwner: Draft[] = new Array(before.length);
  const newOwner: Draft[] = new Array(after.length);
  for (let k = 0; k < before.length; k++) {
    const p = oldMatch[k]!;
    if (p === -1) continue;
    const b = before[k]!;
    const a = after[p]!;
    const textChanged = !sameSectionText(oldText, b, newText, a);
    const renamed = rest !== null && rest.renamed[k] === 1;
    const d = change(
      renamed
        ? 'renamed'
        : inOrder !== null && inOrder[k] === 0
          ? 'moved'
          : textChanged
            ? 'modified'
            : 'unchanged',
      b,
      a,
    );
    d.textChanged = renamed ? bodyText(oldText, b) !== bodyText(newText, a) : textChanged;
    oldOwner[k] = d;
    newOwner[p] = d;
  }
  const placed = rest === null ? null : rest.own(oldOwner, newOwner);

  // 5. The line diff's lines, attributed by line number to the section they fall in.
  if (given.countLines !== false) {
    const diff =
      given.diff ?? diffText(oldText, newText, { context: 0, wordDiff: false, detectMoves: false });
    for (const hunk of diff.hunks) {
      for (const line of hunk.lines) {
        if (line.kind === 'deleted') oldOwner[sectionAtLine(before, line.oldLine)]!.linesRemoved++;
        else if (line.kind === 'added') newOwner[sectionAtLine(after, line.newLine)]!.linesAdded++;
      }
    }
  }

  const changes: SectionChange[] = [];
  for (let k = 0; k < after.length; k++) {
    changes.push(newOwner[k]!);
    if (placed === null) continue;
    for (let o = placed.first[k]!; o !== -1; o = placed.next[o]!) changes.push(oldOwner[o]!);
  }
  return { before, after, changes, oldOwner, newOwner };
}

type Draft = { -readonly [K in keyof SectionChange]: SectionChange[K] };

function change(kind: SectionChangeKind, b: Section | null, a: Section | null): Draft {
  return {
    kind,
    before: b,
    after: a,
    linesAdded: 0,
    linesRemoved: 0,
    oldTitle: b?.title ?? null,
    newTitle: a?.title ?? null,
    textChanged: false,
  };
}

/** Up to this many sections a side, titles are paired by comparing them: no map built. */
const FEW_TITLES = 32;

/**
 * Pairs headings by title and rank among equal titles (the k-th `Notes` with the k-th `Notes`):
 * each new section takes the first old section of its title not yet taken.
 */
function matchTitles(
  before: readonly Section[],
  after: readonly Section[],
  oldMatch: Int32Array,
  newMatch: Int32Array,
): void {
  if (before.length <= FEW_TITLES && after.length <= FEW_TITLES) {
    for (let k = 1; k < after.length; k++) {
      const title = after[k]!.title;
      for (let o = 1; o < before.length; o++) {
        if (oldMatch[o] === -1 && before[o]!.title === title) {
          oldMatch[o] = k;
          newMatch[k] = o;
          break;
        }
      }
    }
    return;
  }
  // The old sections of one title are chained in order; each new section of that title takes
  // the next link.
  const { firstOfTitle, nextSame } = titleChains(before);
  // Per chain (by its first position): the next link to take.
  const cursor = new Int32Array(before.length);
  for (const first of firstOfTitle.values()) cursor[first] = first;
  for (let k = 1; k < after.length; k++) {
    const first = firstOfTitle.get(after[k]!.title);
    if (first === undefined) continue;
    const o = cursor[first]!;
    if (o === -1) continue;
    cursor[first] = nextSame[o]!;
    oldMatch[o] = k;
    newMatch[k] = o;
  }
}

/**
 * The sections left unmatched by title: renames by body similarity, then splits (new sections
 * whose lines come mostly from one old section) and merges (the reverse), then where removed
 * sections are listed. Body lines are read on demand, once each.
 */
class Unmatched {
  readonly renamed: Uint8Array;
  readonly unmatchedOld: number[] = [];
  readonly unmatchedNew: number[] = [];
  /** Past MAX_UNMATCHED sections (a page rewritten wholesale), plain added/removed. */
  readonly few: boolean;
  readonly #oldBodies: (Map<string, number> | undefined)[];
  readonly #newBodies: (Map<string, number> | undefined)[];

  constructor(
    readonly oldText: string,
    readonly newText: string,
    readonly before: readonly Section[],
    readonly after: readonly Section[],
    readonly oldMatch: Int32Array,
    readonly newMatch: Int32Array,
    readonly splitShare: number,
  ) {
    this.renamed = new Uint8Array(before.length);
    for (let k = 1; k < before.length; k++) if (oldMatch[k] === -1) this.unmatchedOld.push(k);
    for (let k = 1; k < after.length; k++) if (newMatch[k] === -1) this.unmatchedNew.push(k);
    this.few = this.unmatchedOld.length + this.unmatchedNew.length <= MAX_UNMATCHED;
    this.#oldBodies = new Array(before.length);
    this.#newBodies = new Array(after.length);
  }

  oldBody(k: number): Map<string, number> {
    return this.#body(this.#oldBodies, this.oldText, this.before, k);
  }

  newBody(k: number): Map<string, number> {
    return this.#body(this.#newBodies, this.newText, this.after, k);
  }

  #body(
    bodies: (Map<string, number> | undefined)[],
    text: string,
    sections: readonly Section[],
    k: number,
  ): Map<string, number> {
    let body = bodies[k];
    if (body === undefined) {
      body = bodyLines(text, sections[k]!);
      bodies[k] = body;
    }
    return body;
  }

  /** Pairs the remaining sections by body similarity (best pairs first). */
  pairRenames(renameSimilarity: number): void {
    const { before, after, oldMatch, newMatch, unmatchedOld, unmatchedNew } = this;
    // Lines found in many sections (`}}`, `|-`) say nothing and are left out of the candidates.
    const lineOwners = new Map<string, number[]>();
    for (const k of unmatchedOld) {
      for (const line of this.oldBody(k).keys()) {
        const owners = lineOwners.get(line) ?? [];
        if (owners.length <= 20) owners.push(k);
        lineOwners.set(line, owners);
      }
    }
    const candidates: { old: number; new: number; score: number }[] = [];
    for (const k of unmatchedNew) {
      const seen = new Set<number>();
      for (const line of this.newBody(k).keys()) {
        for (const o of lineOwners.get(line) ?? []) seen.add(o);
      }
      for (const o of seen) {
        const total = size(this.oldBody(o)) + size(this.newBody(k));
        const score = total === 0 ? 0 : (2 * common(this.oldBody(o), this.newBody(k))) / total;
        if (score >= renameSimilarity && score > 0) candidates.push({ old: o, new: k, score });
      }
    }
    if (this.few && unmatchedOld.length > 0 && unmatchedNew.length > 0) {
      // Heading-only sections (no body) renamed in place: the one unmatched old and the one
      // unmatched new section between the same matched neighbours (the gap, named by the old
      // neighbour's position), counted in one pass per side.
      const gapOld = new Int32Array(before.length);
      const oldInGap = new Int32Array(before.length);
      const newInGap = new Int32Array(after.length);
      const firstNewInGap = new Int32Array(after.length).fill(-1);
      for (let k = 1, left = 0; k < before.length; k++) {
        if (oldMatch[k] !== -1) left = k;
        else {
          gapOld[k] = left;
          oldInGap[left]!++;
        }
      }
      for (let k = 1, left = 0; k < after.length; k++) {
        if (newMatch[k] !== -1) left = k;
        else if (newInGap[left]!++ === 0) firstNewInGap[left] = k;
      }
      for (const o of unmatchedOld) {
        if (size(this.oldBody(o)) !== 0) continue;
        const left = gapOld[o]!;
        const right = oldMatch[left]!;
        const n = firstNewInGap[right]!;
        if (oldInGap[left] === 1 && newInGap[right] === 1 && size(this.newBody(n)) === 0) {
          candidates.push({ old: o, new: n, score: 1 });
        }
      }
    }
    candidates.sort((a, b) => b.score - a.score || a.new - b.new);
    for (const c of candidates) {
      if (oldMatch[c.old] !== -1 || newMatch[c.new] !== -1) continue;
      oldMatch[c.old] = c.new;
      newMatch[c.new] = c.old;
      this.renamed[c.old] = 1;
    }
  }

  /**
   * Where one section's lines went (or came from): the section of the other side holding most
   * of them (the first of equals), found through an index of that side's lines, built on first
   * use; -1 if none holds `splitShare` of them.
   */
  holder(lines: Map<string, number>, side: 'old' | 'new'): number {
    const total = size(lines);
    if (total === 0 || !this.few) return -1;
    const sections = side === 'old' ? this.before.length : this.after.length;
    const matched = side === 'old' ? this.oldMatch : this.newMatch;
    let holders = side === 'old' ? this.#oldHolders : this.#newHolders;
    if (holders === null) {
      const index = new Map<string, number[]>();
      for (let j = 0; j < sections; j++) {
        if (matched[j] === -1) continue;
        for (const [line, count] of side === 'old' ? this.oldBody(j) : this.newBody(j)) {
          const postings = index.get(line);
          if (postings === undefined) index.set(line, [j, count]);
          else postings.push(j, count);
        }
      }
      holders = { index, shared: new Int32Array(sections) };
      if (side === 'old') this.#oldHolders = holders;
      else this.#newHolders = holders;
    }
    const { index, shared } = holders;
    const touched: number[] = [];
    for (const [line, count] of lines) {
      const postings = index.get(line);
      if (postings === undefined) continue;
      for (let p = 0; p < postings.length; p += 2) {
        const j = postings[p]!;
        if (shared[j] === 0) touched.push(j);
        shared[j]! += Math.min(count, postings[p + 1]!);
      }
    }
    let best = -1;
    let bestCommon = 0;
    for (const j of touched) {
      const c = shared[j]!;
      shared[j] = 0;
      if (c > bestCommon || (c === bestCommon && j < best)) {
        best = j;
        bestCommon = c;
      }
    }
    return bestCommon / total >= this.splitShare && bestCommon > 0 ? best : -1;
  }

  #oldHolders: { index: Map<string, number[]>; shared: Int32Array } | null = null;
  #newHolders: { index: Map<string, number[]>; shared: Int32Array } | null = null;

  /**
   * The changes of the sections still unmatched (added or split, removed or merged), and where
   * each removed or merged one is listed: after the new position of its nearest matched
   * predecessor, chained by that position, in old order.
   */
  own(oldOwner: Draft[], newOwner: Draft[]): { first: Int32Array; next: Int32Array } {
    const { before, after, oldMatch, newMatch } = this;
    for (const k of this.unmatchedNew) {
      if (newMatch[k] !== -1) continue;
      const from = this.holder(this.newBody(k), 'old');
      newOwner[k] = change(
        from === -1 ? 'added' : 'split',
        from === -1 ? null : before[from]!,
        after[k]!,
      );
    }
    const first = new Int32Array(after.length).fill(-1);
    const last = new Int32Array(after.length).fill(-1);
    const next = new Int32Array(before.length).fill(-1);
    for (let k = 1, left = 0; k < before.length; k++) {
      if (oldMatch[k] !== -1) {
        left = k;
        continue;
      }
      const into = this.holder(this.oldBody(k), 'new');
      oldOwner[k] = change(
        into === -1 ? 'removed' : 'merged',
        before[k]!,
        into === -1 ? null : after[into]!,
      );
      const at = oldMatch[left]!;
      if (last[at] === -1) first[at] = k;
      else next[last[at]!] = k;
      last[at] = k;
    }
    return { first, next };
  }
}
