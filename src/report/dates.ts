/**
 * Calendar work of reports: the one file of `src/` importing date-fns.
 *
 * Time zones: `@date-fns/tz` is not a dependency, so a UTC instant is turned into the wall-clock
 * date of a zone with `Intl.DateTimeFormat` (which carries the IANA database in Node), and date-fns
 * then does the calendar arithmetic (ISO weeks, month lengths) on that wall-clock date. The
 * wall-clock date is built at local noon so that a DST jump of the process's own zone (at most a
 * few hours, never at noon) cannot move it to another day.
 */
// One entry point per function: the `date-fns` barrel loads all of its ~250 modules (about
// 150 ms of a cold `import('wikirev')`); `lightFormat` needs no locale, `format` pulls en-US.
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addWeeks } from 'date-fns/addWeeks';
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { lightFormat } from 'date-fns/lightFormat';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import { startOfMonth } from 'date-fns/startOfMonth';

/** The length of a timeline period. */
export type ReportPeriod = 'hour' | 'day' | 'week' | 'month';

const PERIODS: readonly ReportPeriod[] = ['hour', 'day', 'week', 'month'];

/** Checks a period option value. */
export function checkPeriod(value: unknown, name: string): ReportPeriod {
  if (!PERIODS.includes(value as ReportPeriod)) {
    throw new RangeError(`${name} must be one of ${PERIODS.join(', ')}, got ${String(value)}`);
  }
  return value as ReportPeriod;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The `Intl` formatter of a zone; throws RangeError naming the option for an unknown zone. */
function zoneFormatter(timeZone: string, name: string): Intl.DateTimeFormat {
  const known = formatters.get(timeZone);
  if (known !== undefined) return known;
  let made: Intl.DateTimeFormat;
  try {
    made = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    throw new RangeError(
      `${name} must be an IANA time zone such as 'UTC' or 'Europe/Paris', got ${timeZone}`,
    );
  }
  formatters.set(timeZone, made);
  return made;
}

/** Checks a time zone option value (throws RangeError naming the option). */
export function checkTimeZone(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new RangeError(`${name} must be a non-empty string`);
  }
  zoneFormatter(value, name);
  return value;
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

function wallClock(iso: string, timeZone: string): WallClock {
  const parts = zoneFormatter(timeZone, 'timeZone').formatToParts(new Date(iso));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 'NaN');
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** The local-noon Date of a wall-clock day (see the file comment). */
function noonOf(w: { readonly year: number; readonly month: number; readonly day: number }): Date {
  return new Date(w.year, w.month - 1, w.day, 12);
}

/** The first day of the period holding `day`. */
function periodStart(day: Date, period: ReportPeriod): Date {
  switch (period) {
    case 'hour':
    case 'day':
      return day;
    case 'week':
      return startOfISOWeek(day);
    case 'month':
      return startOfMonth(day);
    default: {
      const never: never = period;
      throw new RangeError(`unknown period ${String(never)}`);
    }
  }
}

function labelOf(start: Date, period: ReportPeriod): string {
  switch (period) {
    case 'hour':
    case 'day':
      return lightFormat(start, 'yyyy-MM-dd');
    case 'week':
      return `${getISOWeekYear(start)}-W${String(getISOWeek(start)).padStart(2, '0')}`;
    case 'month':
      return lightFormat(start, 'yyyy-MM');
    default: {
      const never: never = period;
      throw new RangeError(`unknown period ${String(never)}`);
    }
  }
}

function next(start: Date, period: ReportPeriod): Date {
  switch (period) {
    case 'hour':
    case 'day':
      return addDays(start, 1);
    case 'week':
      return addWeeks(start, 1);
    case 'month':
      return addMonths(start, 1);
    default: {
      const never: never = period;
      throw new RangeError(`unknown period ${String(never)}`);
    }
  }
}

/**
 * A timeline period: its label (`2008-07-18 14:00`, `2008-07-18`, `2008-W29`, `2008-07`) and its
 * first day (an hour: its first minute).
 */
export interface PeriodKey {
  readonly label: string;
  /** First day of the period in the zone, `yyyy-MM-dd`; an hour's is `yyyy-MM-ddTHH:00`. */
  readonly start: string;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Wall-clock hours of a zone: a skipped hour (DST) is listed empty, a repeated one counts both. */
function hourKey(day: Date, hour: number): PeriodKey {
  const date = lightFormat(day, 'yyyy-MM-dd');
  return { label: `${date} ${two(hour)}:00`, start: `${date}T${two(hour)}:00` };
}

/**
 * The period an instant falls in, in a time zone.
 *
 * @param iso - An ISO 8601 UTC timestamp.
 * @param period - Hour (wall clock), day, ISO week (Monday first) or month.
 * @param timeZone - IANA zone name.
 * @returns The period's label and first day.
 * @example
 * ```ts
 * periodOf('2008-07-18T23:30:00Z', 'day', 'Europe/Paris') // { label: '2008-07-19', start: '2008-07-19' }
 * periodOf('2008-07-18T23:30:00Z', 'hour', 'UTC') // { label: '2008-07-18 23:00', start: '2008-07-18T23:00' }
 * ```
 */
export function periodOf(iso: string, period: ReportPeriod, timeZone: string): PeriodKey {
  const wall = wallClock(iso, timeZone);
  if (period === 'hour') return hourKey(noonOf(wall), wall.hour);
  const start = periodStart(noonOf(wall), period);
  return { label: labelOf(start, period), start: lightFormat(start, 'yyyy-MM-dd') };
}

/**
 * Every period from the one starting on `first` to the one starting on `last` (both `yyyy-MM-dd`
 * period starts), at most `limit` of them; `null` when there are more.
 *
 * @param first - First period start.
 * @param last - Last period start.
 * @param period - The period length.
 * @param limit - Largest number of periods returned.
 * @returns The periods in order, or `null` past the limit.
 * @example
 * ```ts
 * periodsBetween('2008-06-01', '2008-08-01', 'month', 100)!.map((p) => p.label) // ['2008-06', '2008-07', '2008-08']
 * ```
 */
export function periodsBetween(
  first: string,
  last: string,
  period: ReportPeriod,
  limit: number,
): PeriodKey[] | null {
  const parse = (s: string) =>
    noonOf({ year: Number(s.slice(0, 4)), month: Number(s.slice(5, 7)), day: Number(s.slice(8)) });
  const end = parse(last.slice(0, 10)).getTime();
  const out: PeriodKey[] = [];
  if (period === 'hour') {
    const from = Number(first.slice(11, 13));
    const to = Number(last.slice(11, 13));
    for (let d = parse(first.slice(0, 10)); d.getTime() <= end; d = addDays(d, 1)) {
      const lastDay = d.getTime() === end;
      for (let h = out.length === 0 ? from : 0; h <= (lastDay ? to : 23); h++) {
        if (out.length >= limit) return null;
        out.push(hourKey(d, h));
      }
    }
    return out;
  }
  for (let d = parse(first); d.getTime() <= end; d = next(d, period)) {
    if (out.length >= limit) return null;
    out.push({ label: labelOf(d, period), start: lightFormat(d, 'yyyy-MM-dd') });
  }
  return out;
}

/**
 * A timestamp as the wall-clock time of a zone, for display: `2008-07-18 11:00`.
 *
 * @param iso - An ISO 8601 UTC timestamp.
 * @param timeZone - IANA zone name.
 * @returns `yyyy-MM-dd HH:mm` in that zone.
 * @example
 * ```ts
 * displayTime('2008-07-18T09:00:26Z', 'Europe/Paris') // '2008-07-18 11:00'
 * ```
 */
export function displayTime(iso: string, timeZone: string): string {
  const w = wallClock(iso, timeZone);
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const RELATIVE = /^(\d+)([hdwm])$/;

/**
 * Reads a `--since`/`--until` bound: an ISO date (midnight UTC), an ISO instant with its offset, or
 * a duration before `now` (`12h`, `30d`, `2w`, `3m`).
 *
 * @param value - The bound as typed.
 * @param now - The instant relative bounds count back from.
 * @returns The bound as an ISO 8601 UTC timestamp, or `null` if it cannot be read.
 * @example
 * ```ts
 * parseDateBound('30d', new Date('2026-11-21T00:00:00Z')) // '2026-10-22T00:00:00.000Z'
 * parseDateBound('2008-07-18', new Date()) // '2008-07-18T00:00:00.000Z'
 * ```
 */
export function parseDateBound(value: string, now: Date): string | null {
  const rel = RELATIVE.exec(value);
  if (rel !== null) {
    const n = Number(rel[1]);
    const unit = rel[2];
    const t = now.getTime();
    const hour = 3_600_000;
    if (unit === 'h') return new Date(t - n * hour).toISOString();
    if (unit === 'd') return new Date(t - n * 24 * hour).toISOString();
    if (unit === 'w') return new Date(t - n * 7 * 24 * hour).toISOString();
    // Calendar months back, in UTC.
    const d = new Date(t);
    d.setUTCMonth(d.getUTCMonth() - n);
    return d.toISOString();
  }
  if (ISO_DATE.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  if (ISO_INSTANT.test(value)) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  return null;
}
