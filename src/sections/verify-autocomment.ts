import { headingAnchor } from './anchors.js';
import {
  type CompareSectionsOptions,
  compareSections,
  type SectionChange,
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

/** One `/* … *\/` part of a summary and the section it names. */
export interface NamedSection {
  /** The autocomment text, trimmed as MediaWiki trims it. */
  readonly text: string;
  /** `/* T *\/ new section`: the summary MediaWiki writes when a section is added. */
  readonly newSection: boolean;
  /** The section named, in the old text (a new section: in the new text); `null` if none. */
  readonly section: Section | null;
  /** Which text `section` is from. */
  readonly side: 'old' | 'new' | null;
  /** The change of that section; `null` when no section is named. */
  readonly change: SectionChange | null;
  /** The named section changed in this edit (added, for a new section). */
  readonly changed: boolean;
}

/**
 * The verdict of {@link verifyAutocomment}.
 *
 * - `agrees`: every section the summary names changed.
 * - `disagrees`: a named section exists and did not change.
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
  /** Changed sections no autocomment names. */
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
  const found: Autocomment[] = [];
  const re = /\/\*[ \t\n\v\f\r]*([^\n]*?)[ \t\n\v\f\r]*\*\//g;
  for (let m = re.exec(comment); m !== null; m = re.exec(comment)) {
    found.push({ text: m[1] ?? '', after: comment.slice(m.index + m[0].length) });
  }
  return found;
}

/** How the edit form pre-fills a summary from a heading: `Parser::stripSectionName`. */
function stripSectionName(title: string): string {
  return title
    .replace(/\[\[:?([^[|]+)\|([^[]+)\]\]/g, '$2')
    .replace(/\[\[:?([^[]+)\|?\]\]/g, '$1')
    .replace(/\[(?:[a-zA-Z][a-zA-Z0-9+.-]*:|\/\/)([^ \]]+?) ([^[]+)\]/g, '$2')
    .replace(/'{5}|'{3}|'{2}/g, '')
    .replace(/<[^<>]*>/g, '');
}

/** Whitespace and underscores as one space, as section links normalize them. */
const normalize = (s: string) => s.replace(/[ _\t]+/g, ' ').trim();

/** The anchor an autocomment links to (`/* [[x]] *\/`: link brackets removed first). */
const autocommentAnchor = (text: string) =>
  headingAnchor(text.replace(/\[\[:?|\]\]/g, '').replace(/[<>]/g, ''));
/** A section's anchor without its `_2` duplicate suffix. */
const baseAnchor = (s: Section) => headingAnchor(s.title);

function findSection(sections: readonly Section[], text: string): Section | null {
  if (text === '') return sections[0] ?? null;
  const wanted = normalize(text);
  const byTitle = sections.find(
    (s) => s.index !== 0 && normalize(stripSectionName(s.title)) === wanted,
  );
  if (byTitle !== undefined) return byTitle;
  // A hand-typed or differently marked-up name: MediaWiki links it by anchor, first match wins.
  const anchor = autocommentAnchor(text);
  return sections.find((s) => s.index !== 0 && baseAnchor(s) === anchor) ?? null;
}

/**
 * Checks an edit summary's `/* Section *\/` autocomments against what really changed between two
 * revisions. The edit form pre-fills the summary *before* the edit, so a section renamed in that
 * very edit is named by its old title (and still agrees); `/* *\/` names the top (section 0);
 * `/* T *\/ new section` claims an added section titled T. A summary without autocomment claims
 * nothing: verdict `no-claim`.
 *
 * @param comment - The edit summary, as plain text.
 * @param oldText - The parent revision's wikitext.
 * @param newText - The revision's wikitext.
 * @param options - Passed on to {@link compareSections}.
 * @returns The verdict, what each autocomment names, and which sections changed.
 * @example
 * ```ts
 * const check = verifyAutocomment('/* B *\/ fix', 'L\n== A ==\na\n== B ==\nb', 'L\n== A ==\na\n== B ==\nb2');
 * check.verdict // 'agrees'
 * check.named[0].section?.index // 2
 * ```
 */
export function verifyAutocomment(
  comment: string,
  oldText: string,
  newText: string,
  options: VerifyAutocommentOptions = {},
): AutocommentCheck {
  if (typeof comment !== 'string') {
    throw new TypeError('verifyAutocomment: comment must be a string');
  }
  const changes = compareSections(oldText, newText, options.compare);
  const changed = changes.filter((c) => c.kind !== 'unchanged');
  const autocomments = readAutocomments(comment);
  if (autocomments.length === 0) {
    return { verdict: 'no-claim', named: [], changed, unnamed: changed };
  }
  const oldSections = changes.flatMap((c) => (c.before === null ? [] : [c.before]));
  const newSections = changes.flatMap((c) => (c.after === null ? [] : [c.after]));
  const uniqueOld = [...new Map(oldSections.map((s) => [s.index, s])).values()].sort(
    (a, b) => a.index - b.index,
  );
  const uniqueNew = [...new Map(newSections.map((s) => [s.index, s])).values()].sort(
    (a, b) => a.index - b.index,
  );
  const ownerOfOld = (s: Section) =>
    changes.find((c) => c.before === s && c.kind !== 'split') ?? null;
  const ownerOfNew = (s: Section) =>
    changes.find((c) => c.after === s && c.kind !== 'merged') ?? null;

  const named = autocomments.map((a): NamedSection => {
    const newSection = /^\s*new section\b/.test(a.after);
    if (newSection) {
      // Added by this edit: look for it among the sections of the new text.
      const s = findSection(uniqueNew.slice(1), a.text);
      const change = s === null ? null : ownerOfNew(s);
      return {
        text: a.text,
        newSection,
        section: s,
        side: s === null ? null : 'new',
        change,
        changed: change !== null && change.kind !== 'unchanged',
      };
    }
    let s = findSection(uniqueOld, a.text);
    let side: 'old' | 'new' = 'old';
    let change = s === null ? null : ownerOfOld(s);
    if (s === null) {
      // Typed by hand with the new heading.
      s = findSection(uniqueNew, a.text);
      side = 'new';
      change = s === null ? null : ownerOfNew(s);
    }
    return {
      text: a.text,
      newSection,
      section: s,
      side: s === null ? null : side,
      change,
      changed: change !== null && change.kind !== 'unchanged',
    };
  });
  const unnamed = changed.filter((c) => !named.some((n) => n.change === c));
  const verdict: AutocommentVerdict = named.some((n) => n.section !== null && !n.changed)
    ? 'disagrees'
    : named.some((n) => n.section === null)
      ? 'unresolved'
      : 'agrees';
  return { verdict, named, changed, unnamed };
}
