/**
 * The three date forms of MediaWiki feeds (FORMAT.md 3, 4, 5), computed from an ISO 8601 UTC
 * timestamp in the wiki's time zone taken to be UTC. Private to `src/testing/`.
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A parsed timestamp; throws `RangeError` naming `what` when it cannot be read. */
function read(timestamp: string, what: string): Date {
  const ms = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/.test(timestamp)
    ? Date.parse(timestamp)
    : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(`buildFeed: ${what} must be an ISO 8601 UTC timestamp, got ${timestamp}`);
  }
  return new Date(ms);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Atom `<updated>`: `2026-11-21T20:56:17Z` (whole seconds). */
export function atomDate(timestamp: string, what: string): string {
  return `${read(timestamp, what).toISOString().slice(0, 19)}Z`;
}

/** RSS `<pubDate>`: `Sat, 21 Nov 2026 20:55:25 GMT`, English names, always GMT. */
export function rssDate(timestamp: string, what: string): string {
  const d = read(timestamp, what);
  const month = MONTHS[d.getUTCMonth()]?.slice(0, 3) ?? '';
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${pad(
    d.getUTCHours(),
  )}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`;
}

/** The user-facing minute form: `20:55, 21 November 2026` (diff header, dateless titles). */
export function wikiTime(timestamp: string, what: string): string {
  const d = read(timestamp, what);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}, ${d.getUTCDate()} ${
    MONTHS[d.getUTCMonth()] ?? ''
  } ${d.getUTCFullYear()}`;
}
