/**
 * A unit of work: one dump file, or a part of one that holds whole pages. Plain, JSON-safe
 * data, so that it crosses a worker thread or a Redis queue as it is.
 */

/**
 * Which part of the file a unit reads.
 *
 * - `whole`: the whole file.
 * - `bytes`: bytes `[start, end)` of an uncompressed file, cut before a `<page>` (the first
 *   unit holds the `<siteinfo>`, the last the closing `</mediawiki>`; the others read the
 *   file's head for its `<siteinfo>`, whose schema version and namespaces they need).
 * - `streams`: bytes `[start, end)` of a multistream bzip2 file: whole bzip2 streams, as its
 *   `-index.txt` file gives them; `firstPageId` is the first page of the range, from the index.
 * - `pages`: the whole file is read, and only pages with `firstPageId <= id <= lastPageId`
 *   analysed (for files that cannot be cut, such as gzip or 7z).
 */
export type UnitRange =
  | { readonly kind: 'whole' }
  | {
      readonly kind: 'bytes';
      readonly start: number;
      readonly end: number;
      /** Bytes `[0, headerEnd)` hold the `<siteinfo>`: read before a range that starts later. */
      readonly headerEnd: number;
    }
  | {
      readonly kind: 'streams';
      readonly start: number;
      readonly end: number;
      /** The stream(s) `[0, headerEnd)` hold the `<siteinfo>`: read before a later range. */
      readonly headerEnd: number;
      readonly firstPageId: number | null;
    }
  | { readonly kind: 'pages'; readonly firstPageId: number; readonly lastPageId: number };

/** One unit of work of a plan (see `planUnits`). */
export interface WorkUnit {
  /**
   * Stable and unique within a plan, safe in a file name (`u000003-pages-2.xml-1048576`): the
   * name of the unit's output, so a unit run twice writes the same file.
   */
  readonly id: string;
  /** The unit's position in the plan: outputs merge in this order where page ids tie. */
  readonly index: number;
  /** A path, or an http(s) URL (a range is then read with a `Range` request). */
  readonly source: string;
  readonly range: UnitRange;
  /**
   * The page ids the file's name gives (Wikimedia's `…xml-p1p812.7z`, see `filePageIds`): a
   * page read outside them is a `DUMP_PAGE_OUTSIDE_FILE_RANGE` warning. Absent for other names.
   */
  readonly pageIds?: { readonly first: number; readonly last: number };
}
