/**
 * The page ids a Wikimedia dump file holds, read from its name: a full-history dump is split
 * into files such as `enwiki-20240201-pages-meta-history1.xml-p1p812.7z`, pages 1 to 812.
 */
import type { Diagnostic } from '../errors.js';
import type { WorkUnit } from './work-unit.js';

interface PageRecord {
  readonly pageId: number;
  readonly title: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** The first and last page id a file's name gives (both included). */
export interface FilePageIds {
  readonly first: number;
  readonly last: number;
}

// `…xml-p<first>p<last>` then the compression's extension, if any (as dumps.wikimedia.org names them).
const NAME = /\.xml-p(\d{1,15})p(\d{1,15})(?:\.(?:7z|bz2|gz))?$/i;

/**
 * The page ids in a Wikimedia dump file's name, or `null` for a name without them.
 *
 * @param name - A path or URL (its last part is read; a URL's query is ignored).
 * @returns `{ first, last }`, or `null` (no range, or a range that ends before it starts).
 * @example
 * ```ts
 * filePageIds('/dumps/enwiki-20240201-pages-meta-history1.xml-p1p812.7z') // { first: 1, last: 812 }
 * filePageIds('pages.xml.gz') // null
 * ```
 */
export function filePageIds(name: string): FilePageIds | null {
  const base = (
    name
      .replace(/[?#].*$/, '')
      .split(/[\\/]/)
      .pop() ?? ''
  ).trim();
  const match = NAME.exec(base);
  if (match === null) return null;
  const first = Number(match[1]);
  const last = Number(match[2]);
  return first <= last ? { first, last } : null;
}

/**
 * A unit's page record with a warning added when its page lies outside the ids its file's
 * name gives (a renamed or mislabelled file: its pages may double those of another file).
 * The page is kept, as read.
 *
 * @example
 * ```ts
 * checkFilePageIds({ …, pageIds: { first: 1, last: 812 } }, { kind: 'page', pageId: 900, … })
 * // { kind: 'page', pageId: 900, …, diagnostics: [{ code: 'DUMP_PAGE_OUTSIDE_FILE_RANGE', … }] }
 * ```
 */
export function checkFilePageIds<R extends { readonly kind: string }>(
  unit: WorkUnit,
  record: R,
): R {
  const ids = unit.pageIds;
  if (record.kind !== 'page' || ids === undefined) return record;
  // A unit record's shape, not its type: run-unit.ts imports this file.
  const page = record as unknown as PageRecord;
  if (page.pageId >= ids.first && page.pageId <= ids.last) return record;
  const diagnostic: Diagnostic = {
    severity: 'warning',
    code: 'DUMP_PAGE_OUTSIDE_FILE_RANGE',
    message: `${unit.source}: page ${page.pageId} is outside the pages ${ids.first} to ${ids.last} its file name gives`,
    pageTitle: page.title,
  };
  return { ...page, diagnostics: [...page.diagnostics, diagnostic] } as unknown as R;
}
