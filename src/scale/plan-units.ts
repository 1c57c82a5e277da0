/**
 * `planUnits`: dump files to units of work, a large file cut at page boundaries so that
 * several workers share it. The plan depends only on the files and `unitBytes`, never on the
 * number of workers, so every run of the same files merges to the same output.
 */
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileUnreadable } from '../dump/file-unreadable.js';
import { readMultistreamIndex } from '../dump.js';
import { WikirevError } from '../errors.js';
import { type FilePageIds, filePageIds } from './file-page-ids.js';
import type { UnitRange, WorkUnit } from './work-unit.js';

/** Options of {@link planUnits}. */
export interface PlanUnitsOptions {
  /**
   * Bytes of a unit, as stored (compressed bytes for a multistream bzip2 file): a file larger
   * than this is cut where it can be (plain XML at `<page>`, multistream bzip2 at its index's
   * streams); gzip, 7z, plain bzip2 and URLs are one unit each.
   * @default 64 MiB
   */
  readonly unitBytes?: number;
}

const DEFAULT_UNIT_BYTES = 64 * 1024 * 1024;
const PAGE = Buffer.from('<page>');
const WINDOW = 1 << 20;

const isUrl = (name: string) => /^https?:\/\//i.test(name);

async function head(path: string, bytes: number): Promise<Buffer> {
  const file = await open(path, 'r').catch((error: unknown) =>
    Promise.reject(fileUnreadable(path, error)),
  );
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await file.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * The offset of the first `<page>` at or after `from`, or `null`. A `<` never appears raw in a
 * dump's texts, titles or comments (it is `&lt;`), so every `<page>` found starts a page.
 */
async function nextPage(path: string, from: number, size: number): Promise<number | null> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(WINDOW + PAGE.length);
    for (let at = from; at < size; at += WINDOW) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, at);
      const k = buffer.subarray(0, bytesRead).indexOf(PAGE);
      if (k !== -1) return at + k;
    }
    return null;
  } finally {
    await file.close();
  }
}

async function plainRanges(path: string, size: number, unitBytes: number): Promise<UnitRange[]> {
  const headerEnd = await nextPage(path, 0, size);
  if (headerEnd === null) return [{ kind: 'whole' }];
  const cuts: number[] = [0];
  for (let target = unitBytes; target < size; ) {
    const at = await nextPage(path, target, size);
    if (at === null) break;
    // Never cut at the first page: the first unit holds the header and some pages.
    if (at > headerEnd) cuts.push(at);
    target = at + unitBytes;
  }
  if (cuts.length === 1) return [{ kind: 'whole' }];
  return cuts.map((start, i) => ({ kind: 'bytes', start, end: cuts[i + 1] ?? size, headerEnd }));
}

/** `x-multistream.xml.bz2` → `x-multistream-index.txt.bz2` or `.txt`, where one exists. */
async function indexOf(path: string): Promise<string | null> {
  const base = path.replace(/(\.xml)?\.bz2$/i, '');
  for (const name of [`${base}-index.txt.bz2`, `${base}-index.txt`]) {
    if (
      await stat(name).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return name;
  }
  return null;
}

async function streamRanges(index: string, size: number, unitBytes: number): Promise<UnitRange[]> {
  const streams = new Map<number, number>();
  for (const entry of await readMultistreamIndex(index)) {
    if (!streams.has(entry.offset)) streams.set(entry.offset, entry.pageId);
  }
  const offsets = [...streams.keys()].filter((o) => o > 0 && o < size).sort((a, b) => a - b);
  if (offsets.length === 0) return [{ kind: 'whole' }];
  // The first unit starts at 0 with the <siteinfo> stream; the last ends with the file's
  // closing stream, which the index does not list.
  const ranges: UnitRange[] = [];
  const headerEnd = offsets[0]!;
  let start = 0;
  let first: number | null = streams.get(offsets[0]!) ?? null;
  for (let i = 1; i < offsets.length; i++) {
    const at = offsets[i]!;
    if (at - start >= unitBytes) {
      ranges.push({ kind: 'streams', start, end: at, headerEnd, firstPageId: first });
      start = at;
      first = streams.get(at) ?? null;
    }
  }
  ranges.push({ kind: 'streams', start, end: size, headerEnd, firstPageId: first });
  return ranges.length === 1 ? [{ kind: 'whole' }] : ranges;
}

async function rangesOf(name: string, unitBytes: number): Promise<UnitRange[]> {
  // A gzip or 7z file cannot be cut: with its pages in its name it is planned unread.
  if (isUrl(name) || (/\.(gz|7z)$/i.test(name) && filePageIds(name) !== null)) {
    return [{ kind: 'whole' }];
  }
  const { size } = await stat(name).catch((error: unknown) =>
    Promise.reject(fileUnreadable(name, error)),
  );
  if (size <= unitBytes) return [{ kind: 'whole' }];
  const magic = await head(name, 3);
  if (magic.toString('latin1') === 'BZh') {
    const index = await indexOf(name);
    return index === null ? [{ kind: 'whole' }] : streamRanges(index, size, unitBytes);
  }
  // Plain XML starts with '<' (after a BOM or blanks); gzip and 7z cannot be cut.
  const text = (await head(name, 64)).toString('utf8').replace(/^\uFEFF?\s*/, '');
  return text.startsWith('<') ? plainRanges(name, size, unitBytes) : [{ kind: 'whole' }];
}

const safe = (name: string) =>
  (name.split(/[\\/]/).pop() ?? 'dump').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);

function unitId(index: number, source: string, range: UnitRange): string {
  const where =
    range.kind === 'bytes' || range.kind === 'streams'
      ? `-${range.start}`
      : range.kind === 'pages'
        ? `-p${range.firstPageId}`
        : '';
  return `u${String(index).padStart(6, '0')}-${safe(source)}${where}`;
}

const pagesOf = (ids: FilePageIds) => `pages ${ids.first} to ${ids.last}`;

/**
 * Refuses files that would give some pages twice: the same file given twice, or files whose
 * Wikimedia part names give overlapping page ranges (one part as `.bz2` and as `.7z`, parts of
 * two dump dates). `mergeUnitOutputs` catches the rest as it meets a page id twice.
 */
function refuseOverlaps(named: readonly { source: string; pageIds: FilePageIds | null }[]): void {
  const seen = new Map<string, string>();
  for (const { source } of named) {
    const key = isUrl(source) ? source : resolve(source);
    const other = seen.get(key);
    if (other !== undefined) {
      throw new WikirevError(
        'OVERLAPPING_DUMPS',
        `${other} is given twice${other === source ? '' : ` (as ${source})`}: its pages would be counted twice`,
      );
    }
    seen.set(key, source);
  }
  const ranged = named.filter((f) => f.pageIds !== null) as {
    source: string;
    pageIds: FilePageIds;
  }[];
  ranged.sort((a, b) => a.pageIds.first - b.pageIds.first);
  let reach: (typeof ranged)[number] | undefined;
  for (const f of ranged) {
    if (reach !== undefined && f.pageIds.first <= reach.pageIds.last) {
      const last = Math.min(f.pageIds.last, reach.pageIds.last);
      throw new WikirevError(
        'OVERLAPPING_DUMPS',
        `${reach.source} (${pagesOf(reach.pageIds)}) and ${f.source} (${pagesOf(f.pageIds)}) both hold ${pagesOf({ first: f.pageIds.first, last })}: those pages would be counted twice; give one of the two files`,
      );
    }
    if (reach === undefined || f.pageIds.last > reach.pageIds.last) reach = f;
  }
}

/**
 * Plans the units of work for dump files: one per file, and a file larger than `unitBytes`
 * cut at page boundaries where its format allows (plain XML at `<page>`; a multistream bzip2
 * file at the streams its `-index.txt(.bz2)` lists, when that file sits beside it).
 *
 * A file named as Wikimedia names a dump's parts (`…-pages-meta-history1.xml-p1p812.7z`) gets
 * those page ids on its units (`pageIds`): a gzip or 7z one is planned without being opened,
 * and when every file has such a name the files are planned in page order, whatever order
 * they were given in.
 *
 * @param files - Dump paths or http(s) URLs, in the order their pages should merge where
 *   page ids tie (page order instead when all names give their pages).
 * @param options - The unit size.
 * @returns The units, in file order then byte order.
 * @throws RangeError for a bad `unitBytes`; WikirevError `OVERLAPPING_DUMPS` naming both files
 *   when a file is given twice or two part names' page ranges overlap; the file system's error
 *   for a missing file.
 * @example
 * ```ts
 * import { planUnits } from 'wikirev/scale';
 * const units = await planUnits(['pages-1.xml', 'pages-2.xml.bz2'], { unitBytes: 32 << 20 });
 * units[0] // { id: 'u000000-pages-1.xml-0', index: 0, source: 'pages-1.xml',
 *          //   range: { kind: 'bytes', start: 0, end: 33554871 } }
 * ```
 */
export async function planUnits(
  files: readonly string[],
  options: PlanUnitsOptions = {},
): Promise<readonly WorkUnit[]> {
  const unitBytes = options.unitBytes ?? DEFAULT_UNIT_BYTES;
  if (!Number.isSafeInteger(unitBytes) || unitBytes < 1) {
    throw new RangeError('planUnits: options.unitBytes must be a positive integer');
  }
  if (!Array.isArray(files) || files.some((f) => typeof f !== 'string' || f === '')) {
    throw new TypeError('planUnits: files must be an array of paths or URLs');
  }
  // Files that all name their pages (a Wikimedia dump's parts) go in page order, however given.
  const named = files.map((source) => ({ source, pageIds: filePageIds(source) }));
  refuseOverlaps(named);
  if (named.every((f) => f.pageIds !== null)) {
    named.sort((a, b) => a.pageIds!.first - b.pageIds!.first || a.pageIds!.last - b.pageIds!.last);
  }
  const units: WorkUnit[] = [];
  for (const { source, pageIds } of named) {
    for (const range of await rangesOf(source, unitBytes)) {
      const index = units.length;
      units.push({
        id: unitId(index, source, range),
        index,
        source,
        range,
        ...(pageIds === null ? {} : { pageIds }),
      });
    }
  }
  return units;
}
