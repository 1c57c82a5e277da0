/**
 * `writeUnitTables`: the per-revision table of each unit in a file of its own (`--out-dir`),
 * for tools that read a folder of Parquet or CSV files as one table (DuckDB, Spark, pandas).
 */
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type MergeResult, mergeUnitOutputs } from './merge-unit-outputs.js';

/** Options of {@link writeUnitTables}. */
export interface WriteUnitTablesOptions {
  /** @default 'parquet' */
  readonly format?: 'csv' | 'parquet';
  /**
   * The CSV formula guard (see `revisionCsv`).
   * @default true
   */
  readonly formulaGuard?: boolean;
}

/** What {@link writeUnitTables} wrote: the counts of a merge, and the files. */
export interface UnitTablesResult extends MergeResult {
  /** One file per unit, in plan order. */
  readonly files: readonly string[];
}

/**
 * Writes the rows of each unit output to `<dir>/<unit id>.<format>` (a unit's id names its
 * file and part: `u000003-enwiki-…-history4.xml-p3p40.7z.parquet`), each under a temporary
 * name renamed at the end, so that a folder never holds half a file. A unit's rows are in its
 * pages' order, as the merged table has them; all the files together hold the merged table's
 * rows.
 *
 * @param outputs - Output files of `runUnit` run with `rows` (named `<unit id>.jsonl`).
 * @param dir - The folder (created if missing).
 * @param options - The format.
 * @returns The counts, the units' page errors and diagnostics, and the files written.
 * @throws RangeError for a format other than csv or parquet; Error for an output without rows.
 * @example
 * ```ts
 * await writeUnitTables(results.map((r) => r.output), 'tables', { format: 'parquet' })
 * // { files: ['tables/u000000-a.xml-p1p812.gz.parquet', …], pages: 812, revisions: 9120, … }
 * ```
 */
export async function writeUnitTables(
  outputs: readonly string[],
  dir: string,
  options: WriteUnitTablesOptions = {},
): Promise<UnitTablesResult> {
  const format = options.format ?? 'parquet';
  if (format !== 'csv' && format !== 'parquet') {
    throw new RangeError('writeUnitTables: options.format must be csv or parquet');
  }
  await mkdir(dir, { recursive: true });
  const ordered = [...outputs].sort((a, b) => (basename(a) < basename(b) ? -1 : 1));
  const files: string[] = [];
  const errors: MergeResult['errors'][number][] = [];
  const diagnostics: MergeResult['diagnostics'][number][] = [];
  let pages = 0;
  let revisions = 0;
  for (const output of ordered) {
    const file = join(dir, `${basename(output).replace(/\.jsonl$/, '')}.${format}`);
    const result = await mergeUnitOutputs([output], {
      format,
      out: file,
      ...(options.formulaGuard === undefined ? {} : { formulaGuard: options.formulaGuard }),
    });
    files.push(file);
    pages += result.pages;
    revisions += result.revisions;
    for (const e of result.errors) errors.push(e);
    for (const d of result.diagnostics) diagnostics.push(d);
  }
  return { pages, revisions, errors, diagnostics, output: null, files };
}
