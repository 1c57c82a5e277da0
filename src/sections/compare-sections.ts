import { diffText } from '../diff/diff-text.js';
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

interface Pair {
  old: number;
  new: number;
  renamed: boolean;
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

/** `bodyLines` of each section, computed on first use. */
function lazyBodies(text: string, sections: readonly Section[]) {
  const bodies: (Map<string, number> | undefined)[] = new Array(sections.length);
  return (k: number): Map<string, number> => {
    let body = bodies[k];
    if (body === undefined) {
      body = bodyLines(text, sections[k]!);
      bodies[k] = body;
    }
    return body;
  };
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

/** Positions (in `seq`) of one longest increasing subsequence: O(n log n). */
function longestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Int32Array(seq.length).fill(-1);
  for (let k = 0; k < seq.length; k++) {
    const v = seq[k]!;
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
  const keep = new Set<number>();
  for (let k = tails.length > 0 ? tails[tails.length - 1]! : -1; k !== -1; k = prev[k]!)
    keep.add(k);
  return keep;
}

const sectionText = (text: string, s: Section) => text.slice(s.offset, s.endOffset).trimEnd();

/** JavaScript's `\s` (what `trimEnd` removes), without a string for the ASCII cases. */
const isSpace = (c: number): boolean =>
  c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c >= 0xa0 && /\s/.test(String.fromCharCode(c));

/** `sectionText(a, x) === sectionText(b, y)`, compared in place (no slice per section). */
function sameSectionText(a: string, x: Section, b: string, y: Section): boolean {
  let endA = x.endOffset;
  while (endA > x.offset && isSpace(a.charCodeAt(endA - 1))) endA--;
  let endB = y.endOffset;
  while (endB > y.offset && isSpace(b.charCodeAt(endB - 1))) endB--;
  const length = endA - x.offset;
  if (length !== endB - y.offset) return false;
  for (let k = 0; k < length; k++) {
    if (a.charCodeAt(x.offset + k) !== b.charCodeAt(y.offset + k)) return false;
  }
  return true;
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
  if (typeof oldText !== 'string' || typeof newText !== 'string') {
    throw new TypeError('compareSections: oldText and newText must be strings');
  }
  const renameSimilarity = checkShare('renameSimilarity', options.renameSimilarity ?? 0.5);
  const splitShare = checkShare('splitShare', options.splitShare ?? 0.5);
  const before = parseSections(oldText, options.parse);
  const after = parseSections(newText, options.parse);
  // Body lines are needed only for sections left unmatched by title and for the ones that may
  // hold their lines: read on demand, once each.
  const oldBodies = lazyBodies(oldText, before);
  const newBodies = lazyBodies(newText, after);

  // 1. The lead, then headings by title and rank among equal titles.
  const pairs: Pair[] = [{ old: 0, new: 0, renamed: false }];
  const oldMatch = new Int32Array(before.length).fill(-1);
  const newMatch = new Int32Array(after.length).fill(-1);
  oldMatch[0] = 0;
  newMatch[0] = 0;
  const byTitle = new Map<string, number[]>();
  for (let k = 1; k < before.length; k++) {
    const list = byTitle.get(before[k]!.title) ?? [];
    list.push(k);
    byTitle.set(before[k]!.title, list);
  }
  const rank = new Map<string, number>();
  for (let k = 1; k < after.length; k++) {
    const title = after[k]!.title;
    const r = rank.get(title) ?? 0;
    rank.set(title, r + 1);
    const o = byTitle.get(title)?.[r];
    if (o !== undefined) {
      pairs.push({ old: o, new: k, renamed: false });
      oldMatch[o] = k;
      newMatch[k] = o;
    }
  }

  // 2. Renames: the remaining sections, paired by body similarity (best pairs first); lines
  // found in many sections (`}}`, `|-`) say nothing and are left out of the candidates.
  const lineOwners = new Map<string, number[]>();
  for (let k = 1; k < before.length; k++) {
    if (oldMatch[k] !== -1) continue;
    for (const line of oldBodies(k).keys()) {
      const owners = lineOwners.get(line) ?? [];
      if (owners.length <= 20) owners.push(k);
      lineOwners.set(line, owners);
    }
  }
  const candidates: { old: number; new: number; score: number }[] = [];
  for (let k = 1; k < after.length; k++) {
    if (newMatch[k] !== -1) continue;
    const seen = new Set<number>();
    for (const line of newBodies(k).keys()) {
      for (const o of lineOwners.get(line) ?? []) seen.add(o);
    }
    for (const o of seen) {
      const total = size(oldBodies(o)) + size(newBodies(k));
      const score = total === 0 ? 0 : (2 * common(oldBodies(o), newBodies(k))) / total;
      if (score >= renameSimilarity && score > 0) candidates.push({ old: o, new: k, score });
    }
  }
  // Heading-only sections (no body) renamed in place: the one unmatched old and the one
  // unmatched new section between the same matched neighbours.
  const gapOf = (matchOf: Int32Array, k: number): number => {
    for (let j = k - 1; j >= 0; j--) if (matchOf[j] !== -1) return j;
    return 0;
  };
  const unmatchedOld = [...before.keys()].filter((k) => oldMatch[k] === -1);
  const unmatchedNew = [...after.keys()].filter((k) => newMatch[k] === -1);
  // The gap and split/merge searches are quadratic in the unmatched sections: a page rewritten
  // wholesale (hundreds of new headings) gets plain added/removed instead.
  const fewUnmatched = unmatchedOld.length + unmatchedNew.length <= MAX_UNMATCHED;
  for (const o of fewUnmatched ? unmatchedOld : []) {
    if (size(oldBodies(o)) !== 0) continue;
    const left = gapOf(oldMatch, o);
    const sameGapOld = unmatchedOld.filter((x) => gapOf(oldMatch, x) === left);
    const sameGapNew = unmatchedNew.filter((x) => gapOf(newMatch, x) === oldMatch[left]);
    const n = sameGapNew[0];
    if (sameGapOld.length === 1 && sameGapNew.length === 1 && size(newBodies(n!)) === 0) {
      candidates.push({ old: o, new: n!, score: 1 });
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.new - b.new);
  for (const c of candidates) {
    if (oldMatch[c.old] !== -1 || newMatch[c.new] !== -1) continue;
    pairs.push({ old: c.old, new: c.new, renamed: true });
    oldMatch[c.old] = c.new;
    newMatch[c.new] = c.old;
  }

  // 3. Order: pairs outside the longest common order have moved.
  pairs.sort((a, b) => a.old - b.old);
  const inOrder = longestIncreasing(pairs.map((p) => p.new));

  // 4. The changes, each owning the old and new sections whose diff lines it counts.
  interface Draft {
    kind: SectionChangeKind;
    before: Section | null;
    after: Section | null;
    textChanged: boolean;
    linesAdded: number;
    linesRemoved: number;
    sortKey: number;
  }
  const drafts: Draft[] = [];
  const oldOwner: (Draft | undefined)[] = new Array(before.length);
  const newOwner: (Draft | undefined)[] = new Array(after.length);
  pairs.forEach((p, k) => {
    const b = before[p.old]!;
    const a = after[p.new]!;
    const textChanged = !sameSectionText(oldText, b, newText, a);
    const kind: SectionChangeKind = p.renamed
      ? 'renamed'
      : !inOrder.has(k)
        ? 'moved'
        : textChanged
          ? 'modified'
          : 'unchanged';
    const d: Draft = {
      kind,
      before: b,
      after: a,
      textChanged: p.renamed ? bodyText(oldText, b) !== bodyText(newText, a) : textChanged,
      linesAdded: 0,
      linesRemoved: 0,
      sortKey: p.new,
    };
    drafts.push(d);
    oldOwner[p.old] = d;
    newOwner[p.new] = d;
  });
  // Where one section's lines went (or came from): the section holding most of them.
  const bestHolder = (
    lines: Map<string, number>,
    others: (k: number) => Map<string, number>,
    matched: Int32Array,
  ): number => {
    const total = size(lines);
    if (total === 0 || !fewUnmatched) return -1;
    let best = -1;
    let bestCommon = 0;
    for (let j = 0; j < matched.length; j++) {
      if (matched[j] === -1) continue;
      const c = common(lines, others(j));
      if (c > bestCommon) {
        best = j;
        bestCommon = c;
      }
    }
    return bestCommon / total >= splitShare && bestCommon > 0 ? best : -1;
  };
  for (const k of unmatchedNew) {
    if (newMatch[k] !== -1) continue;
    const from = bestHolder(newBodies(k), oldBodies, oldMatch);
    const d: Draft = {
      kind: from === -1 ? 'added' : 'split',
      before: from === -1 ? null : before[from]!,
      after: after[k]!,
      textChanged: false,
      linesAdded: 0,
      linesRemoved: 0,
      sortKey: k,
    };
    drafts.push(d);
    newOwner[k] = d;
  }
  for (const k of unmatchedOld) {
    if (oldMatch[k] !== -1) continue;
    const into = bestHolder(oldBodies(k), newBodies, newMatch);
    // Placed after the new position of its nearest matched predecessor.
    let j = k - 1;
    while (j > 0 && oldMatch[j] === -1) j--;
    const d: Draft = {
      kind: into === -1 ? 'removed' : 'merged',
      before: before[k]!,
      after: into === -1 ? null : after[into]!,
      textChanged: false,
      linesAdded: 0,
      linesRemoved: 0,
      sortKey: (oldMatch[j] ?? 0) + 0.5 + k / (before.length + 1) / 2,
    };
    drafts.push(d);
    oldOwner[k] = d;
  }

  // 5. The line diff's lines, attributed by line number to the section they fall in.
  const ownerByLine = (sections: readonly Section[], owners: (Draft | undefined)[]) => {
    const byLine: Draft[] = [];
    sections.forEach((s, k) => {
      for (let line = s.startLine; line <= s.endLine; line++) byLine[line] = owners[k]!;
    });
    return byLine;
  };
  const oldByLine = ownerByLine(before, oldOwner);
  const newByLine = ownerByLine(after, newOwner);
  const diff = diffText(oldText, newText, { context: 0, wordDiff: false, detectMoves: false });
  for (const hunk of diff.hunks) {
    for (const line of hunk.lines) {
      if (line.kind === 'deleted') oldByLine[line.oldLine]!.linesRemoved++;
      else if (line.kind === 'added') newByLine[line.newLine]!.linesAdded++;
    }
  }

  drafts.sort((a, b) => a.sortKey - b.sortKey);
  return drafts.map(
    (d): SectionChange => ({
      kind: d.kind,
      before: d.before,
      after: d.after,
      linesAdded: d.linesAdded,
      linesRemoved: d.linesRemoved,
      oldTitle: d.before?.title ?? null,
      newTitle: d.after?.title ?? null,
      textChanged: d.textChanged,
    }),
  );
}
