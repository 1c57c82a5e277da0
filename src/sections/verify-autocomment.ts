import { autocommentSpans } from '../wikitext/comments.js';
import { type AnchorContext, anchorContext, anchorOf } from './anchors.js';
import {
  type CompareSectionsOptions,
  type GivenSections,
  type SectionChange,
  sectionComparison,
} from './compare-sections.js';
import type { Section } from './parse-sections.js';

/** Options of {@link verifyAutocomment}. */
export interface VerifyAutocommentOptions {
  /**
   * Passed to {@link compareSections} (and through it to `parseSections`).
   * @default {}
   */
  readonly compare?: CompareSectionsOptions;
}

/**
 * Sections `first` to `last` (by position in `parseSections`' result) of one text: a section and
 * its subsections, the text `action=edit&section=N` edits.
 */
export interface SectionRange {
  /** `index` of the named section. */
  readonly first: number;
  /** `index` of the last subsection in the range (`first` when it has none). */
  readonly last: number;
  /** UTF-16 offset where the range starts (the heading's first `=`). */
  readonly offset: number;
  /** UTF-16 offset where it ends: the next section of the same or a higher level, or the end. */
  readonly endOffset: number;
}

/** One `/* … *\/` part of a summary and the section it names. */
export interface NamedSection {
  /** The autocomment text, trimmed as MediaWiki trims it. */
  readonly text: string;
  /** `/* T *\/ new section`: the summary MediaWiki writes when a section is added. */
  readonly newSection: boolean;
  /**
   * The section named, in the old text (a new section: in the new text); `null` if none. Of
   * several sections with that title, the first whose range changed (else the first).
   */
  readonly section: Section | null;
  /** Which text `section` is from. */
  readonly side: 'old' | 'new' | null;
  /** The change of that section itself; `null` when no section is named. */
  readonly change: SectionChange | null;
  /**
   * What was compared: the named section with its subsections in the old text (`before`) and
   * where that text is in the new one (`after`; null when it cannot be located, e.g. removed).
   */
  readonly compared: { readonly before: SectionRange | null; readonly after: SectionRange | null };
  /** The named section or one of its subsections changed in this edit (added, for a new one). */
  readonly changed: boolean;
}

/**
 * The verdict of {@link verifyAutocomment}.
 *
 * - `agrees`: every section the summary names changed (with its subsections).
 * - `disagrees`: a named section exists and neither it nor a subsection changed.
 * - `unresolved`: a name matches no section of either revision (and none disagrees).
 * - `no-claim`: the summary has no autocomment, so it claims no section (section 0 edits and
 *   API edits pre-fill none); nothing is guessed.
 */
export type AutocommentVerdict = 'agrees' | 'disagrees' | 'unresolved' | 'no-claim';

/** What an edit summary's autocomments claim, and what the texts show. */
export interface AutocommentCheck {
  readonly verdict: AutocommentVerdict;
  /** One entry per autocomment, in order. */
  readonly named: readonly NamedSection[];
  /** Every section that changed (`kind` other than `unchanged`). */
  readonly changed: readonly SectionChange[];
  /** Changed sections neither named nor inside a named section's range. */
  readonly unnamed: readonly SectionChange[];
}

interface Autocomment {
  readonly text: string;
  readonly after: string;
}

/**
 * `/* … *\/` parts as `CommentParser::doSectionLinks` reads them (`!/\*\s*(.*?)\s*\*\/!`, PHP
 * `\s` = ASCII whitespace, `.` stops at a newline), with the text that follows each.
 */
function readAutocomments(comment: string): Autocomment[] {
  return autocommentSpans(comment).map((a) => ({ text: a.text, after: comment.slice(a.end) }));
}

/** How the edit form pre-fills a summary from a heading: `Parser::stripSectionName`. */
function stripSectionName(title: string): string {
  // Most headings hold no markup: nothing to strip.
  if (!/[[\]'<]/.test(title)) return title;
  return title
    .replace(/\[\[:?([^[|]+)\|([^[]+)\]\]/g, '$2')
    .replace(/\[\[:?([^[]+)\|?\]\]/g, '$1')
    .replace(/\[(?:[a-zA-Z][a-zA-Z0-9+.-]*:|\/\/)([^ \]]+?) ([^[]+)\]/g, '$2')
    .replace(/'{5}|'{3}|'{2}/g, '')
    .replace(/<[^<>]*>/g, '');
}

/** Whitespace and underscores as one space, as section links normalize them. */
const normalize = (s: string) =>
  // Most titles have single inner spaces only: nothing to replace (no new string).
  /[_\t]| {2}/.test(s) ? s.replace(/[ _\t]+/g, ' ').trim() : s.trim();

/** The anchor an autocomment links to (`/* [[x]] *\/`: link brackets removed first). */
const autocommentAnchor = (text: string, context: AnchorContext) =>
  anchorOf(text.replace(/\[\[:?|\]\]/g, '').replace(/[<>]/g, ''), context).anchor;

/**
 * Sections (not the lead) grouped by a key: the position of each group's first section, and of
 * each section's next one in its group (a chain, not an array a group).
 */
type Groups = readonly [first: ReadonlyMap<string, number>, next: Int32Array];

/** What indexes one text's sections, whatever the other text: built once a sections array. */
interface Outline {
  /** Position in `sections` of the last subsection of each section. */
  readonly last: Int32Array;
  /** Built on the first lookup: most edits name a section of one text only. */
  byTitle: Groups | null;
}
// The recent texts' sections come back (compareSections keeps them): so do their outlines.
const outlines = new WeakMap<readonly Section[], Outline>();

function outlineOf(sections: readonly Section[]): Outline {
  let outline = outlines.get(sections);
  if (outline !== undefined) return outline;
  const last = new Int32Array(sections.length);
  const open: number[] = [];
  for (let k = 0; k < sections.length; k++) {
    const s = sections[k]!;
    last[k] = k;
    while (open.length > 0 && sections[open[open.length - 1]!]!.level >= s.level) open.pop();
    for (const o of open) last[o] = k;
    if (s.index !== 0) open.push(k);
  }
  outline = { last, byTitle: null };
  outlines.set(sections, outline);
  return outline;
}

function group(sections: readonly Section[], key: (s: Section) => string): Groups {
  const first = new Map<string, number>();
  const next = new Int32Array(sections.length).fill(-1);
  // While building: each group's last position, kept at its first position's slot.
  const last = new Int32Array(sections.length);
  for (let k = 1; k < sections.length; k++) {
    const s = sections[k]!;
    if (s.index === 0) continue;
    const g = key(s);
    const head = first.get(g);
    if (head === undefined) {
      first.set(g, k);
      last[k] = k;
    } else {
      next[last[head]!] = k;
      last[head] = k;
    }
  }
  return [first, next];
}

/** Sections of one text indexed once by pre-filled title and by anchor (without `_2`). */
class SectionIndex {
  readonly sections: readonly Section[];
  /** The change owning each section, by position. */
  readonly #owners: readonly SectionChange[];
  readonly #outline: Outline;
  // Not kept with the outline: anchors spend this call's template expansion budget.
  #byAnchor: Groups | null = null;

  constructor(sections: readonly Section[], owners: readonly SectionChange[]) {
    this.sections = sections;
    this.#owners = owners;
    this.#outline = outlineOf(sections);
  }

  /** The sections of the group starting at `head`, in order. */
  #chain(head: number | undefined, next: Int32Array): Section[] {
    const found: Section[] = [];
    for (let k = head ?? -1; k !== -1; k = next[k]!) found.push(this.sections[k]!);
    return found;
  }

  /** The sections an autocomment names: by title, else (hand-typed) by anchor. */
  find(text: string): readonly Section[] {
    if (text === '') return this.sections.slice(0, 1);
    const outline = this.#outline;
    outline.byTitle ??= group(this.sections, (s) => normalize(stripSectionName(s.title)));
    const [firstByTitle, nextByTitle] = outline.byTitle;
    const byTitle = firstByTitle.get(normalize(text));
    if (byTitle !== undefined) return this.#chain(byTitle, nextByTitle);
    const context = anchorContext({});
    this.#byAnchor ??= group(this.sections, (s) => anchorOf(s.title, context).anchor);
    const [firstByAnchor, nextByAnchor] = this.#byAnchor;
    return this.#chain(firstByAnchor.get(autocommentAnchor(text, context)), nextByAnchor);
  }

  /** Position in `sections` of the section numbered `index` (sorted by index: a binary search). */
  #position(index: number): number {
    let lo = 0;
    let hi = this.sections.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sections[mid]!.index < index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The sections starting in [from, to) (sorted by offset: a binary search, then a slice). */
  within(from: number, to: number): readonly Section[] {
    const first = (at: number) => {
      let lo = 0;
      let hi = this.sections.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.sections[mid]!.offset < at) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return this.sections.slice(first(from), first(to));
  }

  /** The change owning the section numbered `index`. */
  owner(index: number): SectionChange | undefined {
    return this.#owners[this.#position(index)];
  }

  /** Whether a section of a range of this text, from its first to its last, changed. */
  spanChanged(range: SectionRange): boolean {
    const last = this.#position(range.last);
    for (let k = this.#position(range.first); k <= last; k++) {
      if (this.#owners[k]?.kind !== 'unchanged') return true;
    }
    return false;
  }

  /** The section with its subsections (section 0: the lead alone, as `section=0` edits it). */
  range(s: Section): SectionRange {
    const k = this.#position(s.index);
    const last = this.sections[s.index === 0 ? k : this.#outline.last[k]!]!;
    return { first: s.index, last: last.index, offset: s.offset, endOffset: last.endOffset };
  }
}

/** Half-open ranges of numbers, merged once, then searched (binary search). */
class Coverage {
  readonly #ranges: [number, number][] = [];
  #merged: number[] | null = null;

  add(from: number, to: number): void {
    if (from < to) this.#ranges.push([from, to]);
    this.#merged = null;
  }

  has(at: number): boolean {
    if (this.#merged === null) {
      const merged: number[] = [];
      for (const [from, to] of this.#ranges.sort((a, b) => a[0] - b[0])) {
        const last = merged.length - 1;
        if (last > 0 && from <= merged[last]!) merged[last] = Math.max(merged[last]!, to);
        else merged.push(from, to);
      }
      this.#merged = merged;
    }
    const merged = this.#merged;
    // The last range starting at or before `at`.
    let lo = 0;
    let hi = merged.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (merged[2 * mid]! <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && at < merged[2 * (lo - 1) + 1]!;
  }
}

/**
 * Checks an edit summary's `/* Section *\/` autocomments against what really changed between two
 * revisions. A section edit (`action=edit&section=N`) covers the section with its subsections, so
 * a change anywhere in that range agrees; of several sections with the same title, any one that
 * changed agrees. The edit form pre-fills the summary *before* the edit, so a section renamed in
 * that very edit is named by its old title (and still agrees); `/* *\/` names the top (section
 * 0); `/* T *\/ new section` claims an added section titled T. A summary without autocomment
 * claims nothing: verdict `no-claim`.
 *
 * @param comment - The edit summary, as plain text.
 * @param oldText - The parent revision's wikitext.
 * @param newText - The revision's wikitext.
 * @param options - Passed on to {@link compareSections}.
 * @returns The verdict, what each autocomment names, the ranges compared, which sections changed.
 * @example
 * ```ts
 * const check = verifyAutocomment('/* A *\/ fix', 'L\n== A ==\na\n=== A1 ===\nx\n== B ==\nb', 'L\n== A ==\na\n=== A1 ===\nx2\n== B ==\nb');
 * check.verdict // 'agrees'
 * check.named[0].section?.index // 1
 * check.named[0].compared.before // { first: 1, last: 2, offset: 2, endOffset: 25 }
 * ```
 */
export function verifyAutocomment(
  comment: string,
  oldText: string,
  newText: string,
  options: VerifyAutocommentOptions = {},
): AutocommentCheck {
  return autocommentCheck(comment, oldText, newText, options, {});
}

/**
 * {@link verifyAutocomment} with the texts' sections already parsed (not exported from the
 * package): the report parses each revision's sections once per page, as the rows do.
 * Kept apart because taking `given` in `verifyAutocomment` would put it in the published types.
 *
 * @example
 * ```ts
 * autocommentCheck('/* A *\/ fix', 'L\n== A ==\na', 'L\n== A ==\nb', {}, {}).verdict // 'agrees'
 * ```
 */
export function autocommentCheck(
  comment: string,
  oldText: string,
  newText: string,
  options: VerifyAutocommentOptions,
  given: GivenSections,
): AutocommentCheck {
  if (typeof comment !== 'string') {
    throw new TypeError('verifyAutocomment: comment must be a string');
  }
  const comparison = sectionComparison(oldText, newText, options.compare, given);
  const changes = comparison.changes;
  const changed = changes.filter((c) => c.kind !== 'unchanged');
  const autocomments = readAutocomments(comment);
  if (autocomments.length === 0) {
    return { verdict: 'no-claim', named: [], changed, unnamed: changed };
  }
  // Both texts' sections indexed once, with the change owning each.
  const oldIndex = new SectionIndex(comparison.before, comparison.oldOwner);
  const newIndex = new SectionIndex(comparison.after, comparison.newOwner);

  // The texts' common prefix and suffix, measured once: an edit confined to a range leaves
  // everything before and after it as it was.
  let prefix = 0;
  const shorter = Math.min(oldText.length, newText.length);
  while (prefix < shorter && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) ===
      newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }

  /** Where the old range's text is in the new text, and whether anything in it changed. */
  const compareRange = (range: SectionRange) => {
    const tail = oldText.length - range.endOffset;
    if (prefix >= range.offset && suffix >= tail) {
      // Everything outside the range is as it was: the edit is confined to it.
      const endOffset = newText.length - tail;
      // The lead starts at 0 too when the text opens with a heading: it is in no other range.
      const inner = newIndex
        .within(range.offset, endOffset)
        .filter((s) => s.index !== 0 || range.first === 0);
      const after: SectionRange = {
        first: inner[0]?.index ?? range.first,
        last: inner.at(-1)?.index ?? range.first,
        offset: range.offset,
        endOffset,
      };
      return { after, changed: newText !== oldText };
    }
    // Changes elsewhere too: the range changed if one of its sections did, or a section was
    // added inside its counterpart in the new text.
    let rangeChanged = oldIndex.spanChanged(range);
    const start = oldIndex.owner(range.first)?.after ?? null;
    const after =
      start === null || (start.index === 0 && range.first !== 0) ? null : newIndex.range(start);
    if (after !== null && !rangeChanged) {
      rangeChanged = newIndex.spanChanged(after);
    }
    return { after, changed: rangeChanged };
  };

  // A summary may repeat a name: each is looked up once (its candidates can be many sections).
  const seen = new Map<string, NamedSection>();
  const named = autocomments.map((a): NamedSection => {
    const newSection = /^\s*new section\b/.test(a.after);
    const key = `${newSection ? 'new' : 'old'}:${a.text}`;
    let entry = seen.get(key);
    if (entry === undefined) {
      entry = nameSection(a.text, newSection);
      seen.set(key, entry);
    }
    return entry;
  });
  function nameSection(text: string, newSection: boolean): NamedSection {
    if (newSection) {
      // Added by this edit: look for it among the sections of the new text.
      const found = newIndex.find(text).filter((s) => s.index !== 0);
      const s =
        found.find((x) => newIndex.owner(x.index)?.kind !== 'unchanged') ?? found[0] ?? null;
      const change = s === null ? null : (newIndex.owner(s.index) ?? null);
      return {
        text,
        newSection,
        section: s,
        side: s === null ? null : 'new',
        change,
        compared: { before: null, after: s === null ? null : newIndex.range(s) },
        changed: change !== null && change.kind !== 'unchanged',
      };
    }
    const candidates = oldIndex.find(text);
    if (candidates.length > 0) {
      let first: NamedSection | null = null;
      for (const s of candidates) {
        const before = oldIndex.range(s);
        const { after, changed: rangeChanged } = compareRange(before);
        const entry: NamedSection = {
          text,
          newSection,
          section: s,
          side: 'old',
          change: oldIndex.owner(s.index) ?? null,
          compared: { before, after },
          changed: rangeChanged,
        };
        if (rangeChanged) return entry;
        first ??= entry;
      }
      return first!;
    }
    // Typed by hand with the new heading.
    const found = newIndex.find(text);
    const s = found.find((x) => newIndex.owner(x.index)?.kind !== 'unchanged') ?? found[0] ?? null;
    const change = s === null ? null : (newIndex.owner(s.index) ?? null);
    return {
      text,
      newSection,
      section: s,
      side: s === null ? null : 'new',
      change,
      compared: { before: null, after: s === null ? null : newIndex.range(s) },
      changed: change !== null && change.kind !== 'unchanged',
    };
  }
  // A change is covered when it is a named section's own, or falls in a compared range: the
  // ranges are merged once and searched, not tried one by one for every change.
  const namedChanges = new Set(named.map((n) => n.change));
  const oldRanges = new Coverage();
  const newRanges = new Coverage();
  let leadInNew = false;
  for (const { compared } of named) {
    const { before, after } = compared;
    if (before !== null) oldRanges.add(before.first, before.last + 1);
    if (after !== null) newRanges.add(after.offset, after.endOffset);
    // The lead (offset 0) counts only in a range that starts with it.
    if (after !== null && after.first === 0 && after.offset <= 0 && after.endOffset > 0) {
      leadInNew = true;
    }
  }
  const covered = (c: SectionChange) =>
    namedChanges.has(c) ||
    (c.before !== null && oldRanges.has(c.before.index)) ||
    (c.after !== null && (c.after.index === 0 ? leadInNew : newRanges.has(c.after.offset)));
  const unnamed = changed.filter((c) => !covered(c));
  const verdict: AutocommentVerdict = named.some((n) => n.section !== null && !n.changed)
    ? 'disagrees'
    : named.some((n) => n.section === null)
      ? 'unresolved'
      : 'agrees';
  return { verdict, named, changed, unnamed };
}
