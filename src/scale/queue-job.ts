/**
 * What one queue job carries: a work unit and where its output goes. JSON in Redis, checked
 * when read back (a queue is shared, so its content is input like any other).
 */
import { createHash } from 'node:crypto';
import { WikirevError } from '../errors.js';
import { DEFAULT_LIMITS } from '../index.js';
import type { QueueJson } from './queue-engine.js';
import type { UnitResult } from './run-unit.js';
import type { WorkUnit } from './work-unit.js';

/**
 * What a unit's pages are analysed with for a report: `analyzeHistory`'s per-page options
 * (`report --page --user --since --until --no-diffs`), as JSON. The whole-report ones
 * (`timeZone`, `period`, `top`, `now`) are the collector's.
 */
export interface QueueUnitAnalysis {
  readonly pages?: readonly string[];
  readonly users?: readonly string[];
  /** An ISO 8601 time. */
  readonly since?: string;
  /** An ISO 8601 time. */
  readonly until?: string;
  readonly diffs?: boolean;
}

const strings = (name: string, v: unknown): readonly string[] => {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new TypeError(`queue: analysis.${name} must be an array of strings`);
  }
  return [...v];
};

const isoTime = (name: string, v: unknown): string => {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(t)) throw new RangeError(`queue: analysis.${name} must be an ISO 8601 time`);
  return new Date(t).toISOString();
};

/**
 * The per-page analysis options in one form (times in UTC ISO, the default `diffs` left
 * out), or `undefined` when there is none: what a job stores and compares.
 *
 * @throws TypeError or RangeError naming a malformed option.
 * @example
 * ```ts
 * queueUnitAnalysis({ since: '2024-05-01', diffs: true }) // { since: '2024-05-01T00:00:00.000Z' }
 * queueUnitAnalysis({}) // undefined
 * ```
 */
export function queueUnitAnalysis(
  options: QueueUnitAnalysis | undefined,
): QueueUnitAnalysis | undefined {
  if (options === undefined) return undefined;
  const a: { -readonly [K in keyof QueueUnitAnalysis]: QueueUnitAnalysis[K] } = {};
  if (options.pages !== undefined) a.pages = strings('pages', options.pages);
  if (options.users !== undefined) a.users = strings('users', options.users);
  if (options.since !== undefined) a.since = isoTime('since', options.since);
  if (options.until !== undefined) a.until = isoTime('until', options.until);
  if (options.diffs === false) a.diffs = false;
  return Object.keys(a).length === 0 ? undefined : a;
}

/** The data of one job. */
export interface QueueJobData {
  readonly unit: WorkUnit;
  /** The folder the unit's output is written to: a path every worker and the collector see. */
  readonly outDir: string;
  /** Analyse pages for the report (md, html, json). */
  readonly report: boolean;
  /** Compute the per-revision rows (csv, parquet). */
  readonly rows: boolean;
  /** The per-page analysis options, when any was given. */
  readonly analysis?: QueueUnitAnalysis;
  /** Fill the rows' authorship columns (`runUnit`'s `authorship`); only when true. */
  readonly authorship?: true;
  /** `runUnit`'s `maxHistoryBytes`, when not the default. */
  readonly maxHistoryBytes?: number;
  /** `runUnit`'s `maxEntryBytes`, when not the default. */
  readonly maxEntryBytes?: number;
}

/** What, besides the per-page analysis, changes a unit's output: part of its id and folder. */
export type QueueUnitSettings = Pick<
  QueueJobData,
  'authorship' | 'maxHistoryBytes' | 'maxEntryBytes'
>;

/**
 * The settings of a job in one form: the defaults left out, so that giving a default changes
 * neither the job id nor the folder.
 *
 * @throws RangeError for a limit that is not a positive whole number.
 * @example
 * ```ts
 * queueUnitSettings({ authorship: true, maxHistoryBytes: 1 << 30 }) // { authorship: true }
 * ```
 */
export function queueUnitSettings(options: {
  readonly authorship?: boolean | undefined;
  readonly maxHistoryBytes?: number | undefined;
  readonly maxEntryBytes?: number | undefined;
}): QueueUnitSettings {
  const limit = (name: 'maxHistoryBytes' | 'maxEntryBytes'): number | undefined => {
    const n = options[name];
    if (n === undefined || n === DEFAULT_LIMITS[name]) return undefined;
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new RangeError(`queue: ${name} must be a positive whole number, got ${n}`);
    }
    return n;
  };
  const maxHistoryBytes = limit('maxHistoryBytes');
  const maxEntryBytes = limit('maxEntryBytes');
  return {
    ...(options.authorship === true ? { authorship: true } : {}),
    ...(maxHistoryBytes === undefined ? {} : { maxHistoryBytes }),
    ...(maxEntryBytes === undefined ? {} : { maxEntryBytes }),
  };
}

/**
 * The job id of a unit: from its file, range and what is computed (not its place in a plan),
 * so that adding the same files again, in any order or company, finds the jobs already there.
 *
 * @example
 * ```ts
 * queueJobId({ unit: { id: 'u000000-a.xml-0', index: 0, source: '/dumps/a.xml', range: { kind: 'whole' } },
 *   outDir: '/shared/units/all', report: true, rows: true })
 * // 'unit-5d41402abc4b2a76b9719d91'
 * ```
 */
export function queueJobId(data: QueueJobData): string {
  const settings = settingsKey(data);
  const key = JSON.stringify([
    data.unit.source,
    data.unit.range,
    data.report,
    data.rows,
    ...(data.analysis === undefined ? [] : [data.analysis]),
    // Absent for the defaults: the ids of jobs added without them stay as they were.
    ...(settings === undefined ? [] : [settings]),
  ]);
  return `unit-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

/** The settings of a job as JSON, or `undefined` for the defaults. */
function settingsKey(data: QueueUnitSettings): string | undefined {
  const settings = queueUnitSettings(data);
  return Object.keys(settings).length === 0 ? undefined : JSON.stringify(settings);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const optionalLimit = (v: unknown) =>
  v === undefined || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1);

/**
 * Reads a job's data back, refusing what no `queueAdd` wrote.
 *
 * @throws WikirevError `QUEUE_INCOMPLETE` naming the job when its data is not a unit.
 * @example
 * ```ts
 * queueJobData('unit-…', { unit, outDir: '/shared/out' }).outDir // '/shared/out'
 * ```
 */
export function queueJobData(id: string, data: QueueJson): QueueJobData {
  const unit = isObject(data) ? data.unit : undefined;
  if (
    !isObject(data) ||
    typeof data.outDir !== 'string' ||
    typeof data.report !== 'boolean' ||
    typeof data.rows !== 'boolean' ||
    !isObject(unit) ||
    typeof unit.id !== 'string' ||
    typeof unit.index !== 'number' ||
    typeof unit.source !== 'string' ||
    !isObject(unit.range) ||
    typeof unit.range.kind !== 'string' ||
    (unit.pageIds !== undefined &&
      (!isObject(unit.pageIds) ||
        !Number.isSafeInteger(unit.pageIds.first) ||
        !Number.isSafeInteger(unit.pageIds.last))) ||
    (data.analysis !== undefined && !isObject(data.analysis)) ||
    (data.authorship !== undefined && data.authorship !== true) ||
    !optionalLimit(data.maxHistoryBytes) ||
    !optionalLimit(data.maxEntryBytes)
  ) {
    throw new WikirevError('QUEUE_INCOMPLETE', `job ${id} is not a wikirev work unit`);
  }
  return data as unknown as QueueJobData;
}

/**
 * Reads a finished job's result back (what `runUnit` returned).
 *
 * @throws WikirevError `QUEUE_INCOMPLETE` naming the job when it is not a unit's result.
 * @example
 * ```ts
 * queueJobResult('unit-…', result).output // '/shared/out/u000000-a.xml-0.jsonl'
 * ```
 */
export function queueJobResult(id: string, result: QueueJson): UnitResult {
  if (
    !isObject(result) ||
    typeof result.output !== 'string' ||
    typeof result.pages !== 'number' ||
    typeof result.revisions !== 'number' ||
    !Array.isArray(result.errors)
  ) {
    throw new WikirevError('QUEUE_INCOMPLETE', `job ${id} has no unit result`);
  }
  return result as unknown as UnitResult;
}

/**
 * A unit for people: its file, and the part of it when it is not the whole.
 *
 * @example
 * ```ts
 * unitLabel({ …, source: 'a.xml', range: { kind: 'bytes', start: 0, end: 1024, headerEnd: 300 } })
 * // 'a.xml bytes 0-1024'
 * ```
 */
export function unitLabel(unit: WorkUnit): string {
  const r = unit.range;
  switch (r.kind) {
    case 'whole':
      return unit.source;
    case 'bytes':
    case 'streams':
      return `${unit.source} ${r.kind} ${r.start}-${r.end}`;
    case 'pages':
      return `${unit.source} pages ${r.firstPageId}-${r.lastPageId}`;
    default: {
      const never: never = r;
      return String(never);
    }
  }
}
