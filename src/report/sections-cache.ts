/**
 * `sectionsCache`: each text of a page's history parsed into sections once, for the rows and
 * the report alike (a revision's sections are the `after` of its comparison and the `before` of
 * its child's).
 */
import { parseSections, type Section } from '../sections/parse-sections.js';

/** `parseSections(text)`, from the cache when the text is one of the last two asked for. */
export type SectionsOf = (text: string) => readonly Section[];

/**
 * A cache of the last two texts' sections: parsing both sides of every pair was ~40 % of a
 * dump's CPU time and half its allocations (docs/17-scaling.md); the parent is nearly always
 * the revision before. One per page, dropped with it.
 *
 * @returns A function giving `parseSections(text)`.
 * @example
 * ```ts
 * const sectionsOf = sectionsCache();
 * sectionsOf('L\n== A ==\na') === sectionsOf('L\n== A ==\na') // true
 * ```
 */
export function sectionsCache(): SectionsOf {
  let lastText: string | null = null;
  let last: readonly Section[] = [];
  let olderText: string | null = null;
  let older: readonly Section[] = [];
  return (text) => {
    if (text === lastText) return last;
    if (text === olderText) return older;
    olderText = lastText;
    older = last;
    lastText = text;
    last = parseSections(text);
    return last;
  };
}
