/**
 * Feed dates to ISO 8601 UTC (`2026-11-21T20:55:25Z`), strictly: Atom's RFC 3339 and RSS's
 * RFC 822 (`Sat, 21 Nov 2026 20:55:25 GMT`, English names, FORMAT.md 4).
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function iso(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  offsetMin: number,
): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59)) - offsetMin * 60_000;
  const date = new Date(ms);
  // Reject dates such as 31 February that Date.UTC would roll over.
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d || Number.isNaN(ms)) return null;
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** An Atom date (`2026-11-21T20:56:17Z`, or with an offset) as ISO 8601 UTC, or `null`. */
export function parseAtomDate(value: string): string | null {
  const m =
    /^\s*(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})\s*$/i.exec(
      value,
    );
  if (!m) return null;
  const zone = m[7]!.toUpperCase();
  const offset =
    zone === 'Z'
      ? 0
      : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
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

/** An RSS date (`Sat, 21 Nov 2026 20:55:25 GMT`) as ISO 8601 UTC, or `null`. */
export function parseRssDate(value: string): string | null {
  const m =
    /^\s*(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC?|Z|[+-]\d{4})\s*$/.exec(
      value,
    );
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
  const zone = m[7]!;
  const offset = /^[+-]/.test(zone)
    ? (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)))
    : 0;
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
