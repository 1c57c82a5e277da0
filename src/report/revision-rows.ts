/**
 * `revisionRows`: one flat row per revision, the table behind `--format csv` and `parquet`
 * (docs/17-scaling.md, *Per-revision rows*). Pure, like the rest of the report stage.
 */
import { createAuthorship } from '../authorship/create-authorship.js';
import { diffPasses } from '../diff/diff-text.js';
import { ALONE, ASCII, classify, WORD } from '../diff/tokenize.js';
import type { WordChange } from '../diff/word-change.js';
import type { PageHistory, Revision } from '../model.js';
import { sectionComparison } from '../sections/compare-sections.js';
import { type SectionsOf, sectionsCache } from './sections-cache.js';

/** What a dump knows of a revision beyond the `Revision` model (`wikirev/dump`'s fields). */
export interface RevisionExtra {
  readonly userId: number | null;
  readonly anonymous: boolean | null;
  readonly minor: boolean | null;
  /**
   * The stored size and SHA-1 as the dump records them, for a text the model holds as unknown
   * (a dump text whose SHA-1 mismatches: MediaWiki exported it NFC-normalised).
   */
  readonly size?: number | null;
  readonly sha1?: string | null;
}

/**
 * One revision as a flat row. Every field is a string, a number, a boolean or `null`
 * (unknown), so the row maps one to one onto a CSV line and a Parquet row.
 */
export interface RevisionRow {
  readonly pageId: number | null;
  readonly namespace: number | null;
  readonly title: string;
  readonly revisionId: number;
  readonly parentId: number | null;
  /** ISO 8601 UTC. */
  readonly timestamp: string | null;
  readonly user: string | null;
  readonly userId: number | null;
  readonly anonymous: boolean | null;
  readonly minor: boolean | null;
  /** Size of the stored text in UTF-8 bytes (the API's `size`). */
  readonly bytes: number | null;
  /** `bytes` minus the parent's (a creation: `bytes`). */
  readonly bytesDelta: number | null;
  readonly linesAdded: number | null;
  readonly linesRemoved: number | null;
  /** Word tokens (the word diff's, whitespace left out) inserted in changed lines and added lines. */
  readonly wordsAdded: number | null;
  readonly wordsRemoved: number | null;
  /** Lines in moved blocks. */
  readonly movedLines: number | null;
  /** Sections that changed (added, removed, renamed, moved, split, merged or modified). */
  readonly sectionsTouched: number | null;
  /** Their titles (the new one, or the old one for a removed section) as a JSON array. */
  readonly sections: string | null;
  /** `identity`, `undo` or `rollback` when the revision is a revert. */
  readonly revertKind: string | null;
  /** The revision whose content the revert restores. */
  readonly revertRestores: number | null;
  /** 40 hex digits. */
  readonly sha1: string | null;
  /** With `authorship`: tokens in the text (WikiWho's tokens, docs/16-authorship.md). */
  readonly tokens: number | null;
  /** With `authorship`: tokens the revision wrote first. */
  readonly tokensAdded: number | null;
  /** With `authorship`: tokens of the previous revision it deleted. */
  readonly tokensRemoved: number | null;
  /** With `authorship`: the share of the text's tokens first written by this revision's user. */
  readonly userShare: number | null;
}

/** The columns of a {@link RevisionRow}, in their output order. */
export const REVISION_COLUMNS = [
  'pageId',
  'namespace',
  'title',
  'revisionId',
  'parentId',
  'timestamp',
  'user',
  'userId',
  'anonymous',
  'minor',
  'bytes',
  'bytesDelta',
  'linesAdded',
  'linesRemoved',
  'wordsAdded',
  'wordsRemoved',
  'movedLines',
  'sectionsTouched',
  'sections',
  'revertKind',
  'revertRestores',
  'sha1',
  'tokens',
  'tokensAdded',
  'tokensRemoved',
  'userShare',
] as const satisfies readonly (keyof RevisionRow)[];

/** Options of {@link revisionRows}. */
export interface RevisionRowsOptions {
  /**
   * The page's id and namespace (a dump's), else `null` in the rows.
   * @default null
   */
  readonly pageId?: number | null;
  /** @default null */
  readonly namespace?: number | null;
  /**
   * What is known beyond the model, by revision id (a dump's user ids and flags).
   * @default none (`null` in the rows)
   */
  readonly extra?: ReadonlyMap<number, RevisionExtra>;
  /**
   * Attribute every token (`createAuthorship`, WikiWho's algorithm) for the authorship columns
   * (left `null` for hidden revisions and those WikiWho's vandalism filters reject).
   * @default false (the authorship columns are `null`)
   */
  readonly authorship?: boolean;
}

interface AuthorshipCells {
  readonly tokens: number | null;
  readonly tokensAdded: number | null;
  readonly tokensRemoved: number | null;
  readonly userShare: number | null;
}

const NO_AUTHORSHIP: AuthorshipCells = {
  tokens: null,
  tokensAdded: null,
  tokensRemoved: null,
  userShare: null,
};

/**
 * The word diff's tokens in `text` that are not whitespace (`tokenizeWords`' runs of word
 * characters and single other characters), counted without making them: the tokens and their
 * trimmed copies were a tenth of the rows' allocation.
 */
function words(text: string): number {
  let n = 0;
  let previous = -1;
  for (let k = 0; k < text.length; ) {
    const code = text.codePointAt(k)!;
    const c = code < 128 ? ASCII[code]! : classify(code);
    if (c === ALONE || (c === WORD && previous !== WORD)) n++;
    previous = c;
    k += code > 0xffff ? 2 : 1;
  }
  return n;
}

/**
 * Words a changed line adds or removes: all of an unpaired one, the changed segments of a paired
 * one; a line paired without word changes (moved or re-paired unchanged) none.
 */
function lineWords(changes: readonly WordChange[] | undefined, partner: number, text: string) {
  if (changes !== undefined) {
    let n = 0;
    for (const w of changes) if (w.kind !== 'equal') n += words(w.text);
    return n;
  }
  return partner < 0 ? words(text) : 0;
}

function diffCounts(before: string, after: string, sectionsOf: SectionsOf) {
  // The diff's passes without its hunks: the rows read the changed lines from the state.
  const d = diffPasses(before, after);
  const { s, blocks } = d;
  let wordsAdded = 0;
  let wordsRemoved = 0;
  for (let b = 0; b < blocks.length; b += 4) {
    for (let i = blocks[b]!; i < blocks[b + 1]!; i++) {
      wordsRemoved += lineWords(s.oldWords.get(i), s.oldPartner[i]!, s.oldLines[i]!);
    }
    for (let j = blocks[b + 2]!; j < blocks[b + 3]!; j++) {
      wordsAdded += lineWords(s.newWords.get(j), s.newPartner[j]!, s.newLines[j]!);
    }
  }
  // Only the kinds and titles are used: no per-section line counts (a second line diff).
  const changed = sectionComparison(
    before,
    after,
    {},
    { before: sectionsOf(before), after: sectionsOf(after), countLines: false },
  ).changes.filter((c) => c.kind !== 'unchanged');
  return {
    linesAdded: d.added,
    linesRemoved: d.removed,
    wordsAdded,
    wordsRemoved,
    movedLines: s.moves.reduce((n, m) => n + m.lines, 0),
    sectionsTouched: changed.length,
    sections: JSON.stringify(changed.map((c) => c.newTitle ?? c.oldTitle ?? '')),
  };
}

function row(
  r: Revision,
  base: Revision | null,
  created: boolean,
  page: PageHistory,
  o: RevisionRowsOptions,
  authorship: AuthorshipCells,
  sectionsOf: SectionsOf,
): RevisionRow {
  const baseText = created ? '' : (base?.text ?? null);
  const sizeOf = (x: Revision) => x.size ?? o.extra?.get(x.id)?.size ?? null;
  const baseSize = created ? 0 : base === null ? null : sizeOf(base);
  const size = sizeOf(r);
  const counts =
    r.text !== null && baseText !== null ? diffCounts(baseText, r.text, sectionsOf) : null;
  const extra = o.extra?.get(r.id);
  return {
    pageId: o.pageId ?? null,
    namespace: o.namespace ?? null,
    title: page.title,
    revisionId: r.id,
    parentId: r.parentId,
    timestamp: r.timestamp,
    user: r.user,
    userId: extra?.userId ?? null,
    anonymous: extra?.anonymous ?? null,
    minor: extra?.minor ?? null,
    bytes: size,
    bytesDelta: size !== null && baseSize !== null ? size - baseSize : null,
    linesAdded: counts?.linesAdded ?? null,
    linesRemoved: counts?.linesRemoved ?? null,
    wordsAdded: counts?.wordsAdded ?? null,
    wordsRemoved: counts?.wordsRemoved ?? null,
    movedLines: counts?.movedLines ?? null,
    sectionsTouched: counts?.sectionsTouched ?? null,
    sections: counts?.sections ?? null,
    revertKind: r.revert?.kind ?? null,
    revertRestores: r.revert?.restores ?? null,
    sha1: r.sha1 ?? extra?.sha1 ?? null,
    ...authorship,
  };
}

/** The authorship cells of the next revision, attributed by the page's tracker. */
function attribute(tracker: ReturnType<typeof createAuthorship>, r: Revision): AuthorshipCells {
  const stats = tracker.add({
    id: r.id,
    text: r.text,
    user: r.user,
    timestamp: r.timestamp,
    comment: r.comment,
  });
  if (stats.kind !== 'analysed') return NO_AUTHORSHIP;
  const blame = tracker.blame();
  let own = 0;
  for (const t of blame?.tokens ?? []) if (r.user !== null && t.originUser === r.user) own++;
  return {
    tokens: stats.tokens,
    tokensAdded: stats.added,
    tokensRemoved: stats.removed,
    userShare: r.user === null || stats.tokens === 0 ? null : own / stats.tokens,
  };
}

/**
 * One row per revision of a page, oldest first: sizes, line, word and move counts against the
 * parent, sections touched, revert, SHA-1. A revision is compared with its parent when the
 * parent is known and present (a creation with the empty text); otherwise the counts are `null`.
 *
 * @param page - A page's history (`buildHistory`, `historyFromDump`).
 * @param options - The page's id and namespace, and dump-only fields.
 * @returns The rows, in the page's revision order.
 * @example
 * ```ts
 * const [page] = buildHistory(parseFeed(xml)).pages;
 * revisionRows(page, { pageId: 7 })[1]
 * // { pageId: 7, title: 'Sandbox', revisionId: 102, linesAdded: 3, wordsAdded: 12, … }
 * ```
 */
export function revisionRows(
  page: PageHistory,
  options: RevisionRowsOptions = {},
): readonly RevisionRow[] {
  const byId = new Map<number, Revision>();
  for (const r of page.revisions) byId.set(r.id, r);
  const tracker = options.authorship === true ? createAuthorship() : null;
  const sectionsOf = sectionsCache();
  return page.revisions.map((r) => {
    const created = r.parentKnown && r.parentId === null;
    const base = r.parentId === null ? null : (byId.get(r.parentId) ?? null);
    return row(
      r,
      base,
      created,
      page,
      options,
      tracker === null ? NO_AUTHORSHIP : attribute(tracker, r),
      sectionsOf,
    );
  });
}
