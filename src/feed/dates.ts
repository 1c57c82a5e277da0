/**
 * Feed dates to ISO 8601 UTC (`2026-11-21T20:55:25Z`), strictly: Atom's RFC 3339 and RSS's
 * RFC 822 (`Sat, 21 Nov 2026 20:55:25 GMT`, English names, FORMAT.md 4). Years are read as
 * written (`0050` is 50, not 1950), and only dates whose UTC time falls in the years 0000–9999
 * are kept: an ISO 8601 string outside them is not four digits of year, so it would not sort.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A date read: its ISO 8601 UTC form, or why there is none. */
export type FeedDate =
  | { readonly timestamp: string; readonly problem: null }
  | { readonly timestamp: null; readonly problem: string };

const refuse = (problem: string): FeedDate => ({ timestamp: null, problem });

/** Minutes east of UTC of an `hh` `mm` offset, or null when out of range (`+99:99`). */
function offsetMinutes(sign: string, hh: string, mm: string): number | null {
  const [h, m] = [Number(hh), Number(mm)];
  if (h > 23 || m > 59) return null;
  return (sign === '-' ? -1 : 1) * (h * 60 + m);
}

function iso(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  offsetMin: number,
): FeedDate {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) {
    return refuse('a field out of range');
  }
  // A leap second ends a minute (RFC 3339 5.7); Date has none, so it reads as :59.
  if (s === 60 && mi !== 59) return refuse('second 60 outside a leap second');
  const local = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years 0–99 as written.
  local.setUTCFullYear(y, mo - 1, d);
  if (local.getUTCDate() !== d) return refuse('no such day in that month');
  local.setUTCHours(h, mi, Math.min(s, 59));
  const utc = new Date(local.getTime() - offsetMin * 60_000);
  const year = utc.getUTCFullYear();
  if (year < 0 || year > 9999) return refuse('outside the years 0000–9999 in UTC');
  return { timestamp: `${utc.toISOString().slice(0, 19)}Z`, problem: null };
}

/**
 * An Atom date (`2026-11-21T20:56:17Z`, or with an offset) as ISO 8601 UTC, or why not.
 *
 * @example
 * ```ts
 * readAtomDate('0050-06-01T00:00:00+01:00').timestamp // '0050-05-31T23:00:00Z'
 * readAtomDate('2026-01-01T00:00:00+99:99').problem   // 'offset +99:99 out of range'
 * ```
 */
export function readAtomDate(value: string): FeedDate {
  const m =
    /^\s*(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:(Z)|([+-])(\d{2}):(\d{2}))\s*$/i.exec(
      value,
    );
  if (!m) return refuse('not an RFC 3339 date');
  const offset = m[7] ? 0 : offsetMinutes(m[8]!, m[9]!, m[10]!);
  if (offset === null) return refuse(`offset ${m[8]}${m[9]}:${m[10]} out of range`);
  return iso(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
    offset,
  );
}

/**
 * An RSS date (`Sat, 21 Nov 2026 20:55:25 GMT`) as ISO 8601 UTC, or why not.
 *
 * @example
 * ```ts
 * readRssDate('Sat, 21 Nov 2026 20:55:25 GMT').timestamp // '2026-11-21T20:55:25Z'
 * ```
 */
export function readRssDate(value: string): FeedDate {
  const m =
    /^\s*(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(?:(GMT|UTC?|Z)|([+-])(\d{2})(\d{2}))\s*$/.exec(
      value,
    );
  if (!m) return refuse('not an RFC 822 date');
  const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
  if (month === 0) return refuse(`no month ${m[2]}`);
  const offset = m[7] ? 0 : offsetMinutes(m[8]!, m[9]!, m[10]!);
  if (offset === null) return refuse(`offset ${m[8]}${m[9]}${m[10]} out of range`);
  return iso(
    Number(m[3]),
    month,
    Number(m[1]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
    offset,
  );
}
