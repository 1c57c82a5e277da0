/**
 * `parseFeed`: MediaWiki Atom and RSS feeds to typed entries.
 */
import type { Diagnostic } from '../errors.js';
import { WikirevError } from '../errors.js';
import { limitOption } from '../limits.js';
import type { Feed, FeedEntry, FeedKind } from '../model.js';
import { unescapeXml } from '../wikitext/decode.js';
import { readAtom } from './atom.js';
import { readAtomDate, readRssDate } from './dates.js';
import { parseEntryUrl } from './entry-url.js';
import type { RawEntry, RawFeed } from './raw-feed.js';
import { child } from './raw-feed.js';
import { readRss } from './rss.js';
import { readSummary } from './summary.js';
import { parseXml } from './xml.js';

/** Options of {@link parseFeed}. */
export interface ParseFeedOptions {
  /**
   * Inputs larger than this many bytes (UTF-8; UTF-16 units for strings) are refused with
   * `INPUT_TOO_LARGE` before any parsing.
   * @default 268435456 (256 MiB, `DEFAULT_LIMITS.maxInputBytes`)
   */
  readonly maxInputBytes?: number;
  /**
   * One element's text (an entry's summary, a title; UTF-16 units) larger than this is refused
   * with `ENTRY_TOO_LARGE` while the document is scanned, before any object is built for it.
   * @default 67108864 (64 MiB, `DEFAULT_LIMITS.maxEntryBytes`)
   */
  readonly maxEntryBytes?: number;
  /**
   * A feed with more entries (or RSS items) than this is refused with `INPUT_TOO_LARGE` while
   * the document is scanned: each entry costs about a kilobyte of result, however small.
   * @default 100000 (`DEFAULT_LIMITS.maxFeedEntries`)
   */
  readonly maxFeedEntries?: number;
  /**
   * The feed kind, when the caller knows it better than the document says (an RSS feed has no
   * self URL, so an empty one cannot tell).
   * @default detected from the self URL and the shape of the entries
   */
  readonly kind?: FeedKind;
}

const FEED_KINDS: readonly FeedKind[] = [
  'contributions',
  'history',
  'recentchanges',
  'newpages',
  'watchlist',
  'unknown',
];

function toText(input: string | Uint8Array, maxInputBytes: number): string {
  if (typeof input === 'string') {
    if (input.length > maxInputBytes) {
      throw new WikirevError(
        'INPUT_TOO_LARGE',
        `the input (${input.length} characters) exceeds maxInputBytes (${maxInputBytes})`,
      );
    }
    return input;
  }
  if (!(input instanceof Uint8Array))
    throw new TypeError('parseFeed: input must be a string or a Uint8Array');
  if (input.byteLength > maxInputBytes) {
    throw new WikirevError(
      'INPUT_TOO_LARGE',
      `the input (${input.byteLength} bytes) exceeds maxInputBytes (${maxInputBytes})`,
    );
  }
  // MediaWiki feeds are UTF-8 without a declaration (FORMAT.md 2). The lenient decoder is a
  // third faster than the fatal one; only when it produced U+FFFD (which a valid feed may also
  // hold) is the fatal one asked whether the bytes were invalid.
  const text = new TextDecoder('utf-8').decode(input);
  if (text.includes('\ufffd')) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      throw new WikirevError('INVALID_ENCODING', 'the input is not valid UTF-8');
    }
  }
  return text;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Which feed this is, from its self URL (`action=feedcontributions` …) or, failing that, its entries. */
function detectKind(raw: RawFeed): FeedKind {
  const self = unescapeXml(raw.selfUrl ?? raw.id ?? '');
  if (/[?&]action=feedcontributions\b/.test(self)) return 'contributions';
  if (/[?&]action=feedrecentchanges\b/.test(self)) return 'recentchanges';
  if (/[?&]action=feedwatchlist\b/.test(self)) return 'watchlist';
  if (/[?&]action=history\b/.test(self)) return 'history';
  const votes = new Map<FeedKind, number>();
  for (const entry of raw.entries) {
    const url = parseEntryUrl(unescapeXml(entry.link ?? ''));
    const summary = entry.summary ?? '';
    const fullText =
      summary.startsWith('&lt;p&gt;') && summary.includes('&lt;/p&gt;\n&lt;hr /&gt;\n&lt;div&gt;');
    let kind: FeedKind = 'unknown';
    if (url.oldid === 'prev') kind = 'history';
    else if (url.diff !== null && url.hasOldid) kind = 'recentchanges';
    else if (url.diff !== null && fullText) kind = 'contributions';
    else if (url.diff !== null && summary.trim() !== '' && !summary.startsWith('&lt;p&gt;')) {
      kind = 'watchlist';
    } else if (url.diff === null && fullText) kind = 'newpages';
    votes.set(kind, (votes.get(kind) ?? 0) + 1);
  }
  let best: FeedKind = 'unknown';
  let bestVotes = 0;
  for (const [kind, n] of votes) {
    if (kind !== 'unknown' && n > bestVotes) [best, bestVotes] = [kind, n];
  }
  if (best !== 'unknown') return best;
  // An empty RSS feed: only the channel link is left to go by.
  const site = unescapeXml(raw.siteUrl ?? '');
  if (/[?&]action=history\b/.test(site)) return 'history';
  return 'unknown';
}

function readEntry(
  entry: RawEntry,
  index: number,
  kind: FeedKind,
  format: 'atom' | 'rss',
  diagnostics: Diagnostic[],
): FeedEntry {
  const warn = (code: string, message: string) =>
    diagnostics.push({
      severity: 'warning',
      code,
      message: `entry ${index}: ${message}`,
      entryIndex: index,
    });
  const url = entry.link === null ? null : unescapeXml(entry.link).trim();
  const parts = parseEntryUrl(url);
  // Past 2^53 - 1 two ids would read as one number; such an entry keeps a null id.
  const why = (raw: string) =>
    /^[0-9]+$/.test(raw)
      ? 'is too large to be read exactly (over 2^53 - 1)'
      : 'is not a revision id';
  if (parts.badDiff !== null)
    warn('ENTRY_BAD_REVISION_ID', `diff=${parts.badDiff.slice(0, 40)} ${why(parts.badDiff)}`);
  if (parts.badOldid !== null)
    warn('ENTRY_BAD_PARENT_ID', `oldid=${parts.badOldid.slice(0, 40)} ${why(parts.badOldid)}`);
  const title = entry.title === null ? '' : unescapeXml(entry.title);
  const author = entry.author === null ? null : unescapeXml(entry.author);
  const user = author === null || author.trim() === '' ? null : author;

  let timestamp: string | null = null;
  if (entry.date === null) warn('ENTRY_NO_DATE', 'no date');
  else {
    const date = unescapeXml(entry.date);
    const read = format === 'atom' ? readAtomDate(date) : readRssDate(date);
    timestamp = read.timestamp;
    if (read.problem !== null) {
      warn(
        'ENTRY_BAD_DATE',
        `unreadable date ${JSON.stringify(date.slice(0, 60))}: ${read.problem}`,
      );
    }
  }

  // History entry titles are `USER: COMMENT`; the page is only in the link (FORMAT.md 5).
  let pageTitle: string | null =
    kind === 'history' ? parts.title : title.trim() === '' ? parts.title : title;
  if (pageTitle === null && kind !== 'history' && title !== '') pageTitle = title;
  if (pageTitle === null)
    warn('ENTRY_NO_PAGE', 'the page cannot be told from the title or the link');

  const summary = readSummary(entry.summary, {
    author,
    hasRevision: parts.diff !== null,
    plain: kind === 'watchlist',
  });
  for (const problem of summary.problems) warn('ENTRY_SUMMARY_SHAPE', problem);
  if (entry.summary === null) warn('ENTRY_NO_SUMMARY', 'no summary');
  // A history feed of a page that does not exist has one item, without a revision, whose
  // paragraph is the `history-feed-empty` message (FORMAT.md 7.2), not a comment.
  const noSuchPage = kind === 'history' && parts.diff === null;
  if (noSuchPage) {
    diagnostics.push({
      severity: 'warning',
      code: 'HISTORY_NO_SUCH_PAGE',
      message: `entry ${index}: the history feed says the page does not exist`,
      entryIndex: index,
    });
  }
  // A history entry's title is `USER: COMMENT`, or `USER at HH:MM, …` when the comment is empty
  // or revision-deleted; the summary paragraph prints a deleted comment all the same (a
  // MediaWiki bug, FORMAT.md 8). A comment in the summary with the second form of title was
  // hidden: it is withheld, as the wiki meant it to be.
  const commentHidden =
    kind === 'history' &&
    !noSuchPage &&
    (summary.comment ?? '') !== '' &&
    !new RegExp(`^${escapeRegExp(author ?? '')}[\\s\u00a0]*[:：]`).test(title);
  if (commentHidden) {
    diagnostics.push({
      severity: 'info',
      code: 'ENTRY_COMMENT_HIDDEN',
      message: `entry ${index}: the comment is revision-deleted (withheld, although the feed prints it)`,
      entryIndex: index,
    });
  }
  const withheld = noSuchPage || commentHidden;
  return {
    index,
    revisionId: parts.diff,
    parentRevisionId: parts.oldid,
    pageTitle,
    url,
    timestamp,
    user,
    comment: withheld ? null : summary.comment,
    autocomments: withheld ? [] : summary.autocomments,
    title,
    content: noSuchPage ? { kind: 'empty' } : summary.content,
  };
}

/**
 * Parses a MediaWiki Atom or RSS feed (contributions, history, recent changes, new pages,
 * watchlist) into typed entries, decoding embedded wikitext byte for byte.
 *
 * @param input - The feed document, as text or as UTF-8 bytes.
 * @param options - See {@link ParseFeedOptions}.
 * @returns The feed; recoverable problems are in `diagnostics`.
 * @throws WikirevError `INVALID_XML`, `NOT_A_FEED`, `INPUT_TOO_LARGE`, `ENTRY_TOO_LARGE`,
 *   `ENTITY_DECLARATION`, `INVALID_ENCODING` for input that cannot be used at all.
 * @example
 * ```ts
 * const feed = parseFeed(readFileSync('contributions.atom.xml'));
 * feed.kind                  // 'contributions'
 * feed.entries[0].revisionId // 6226
 * feed.entries[0].content    // { kind: 'wikitext', text: 'Intros (8:36am)\n…' }
 * ```
 */
export function parseFeed(input: string | Uint8Array, options: ParseFeedOptions = {}): Feed {
  const maxInputBytes = limitOption('parseFeed', 'maxInputBytes', options.maxInputBytes);
  const maxEntryBytes = limitOption('parseFeed', 'maxEntryBytes', options.maxEntryBytes);
  const maxFeedEntries = limitOption('parseFeed', 'maxFeedEntries', options.maxFeedEntries);
  if (options.kind !== undefined && !FEED_KINDS.includes(options.kind)) {
    throw new RangeError(`parseFeed: options.kind must be one of ${FEED_KINDS.join(', ')}`);
  }
  let text = toText(input, maxInputBytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // XML parsers normalise line ends (XML 1.0 §2.11); MediaWiki never writes CR (FORMAT.md 9).
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new WikirevError('NOT_A_FEED', 'the input is empty');
  if (!/^\s*</.test(text)) {
    throw new WikirevError('NOT_A_FEED', 'the input is not XML (it does not start with "<")', {
      line: 1,
      column: 1,
    });
  }
  // An HTML error page (a wrong URL, a login wall, `feed=json`) is the commonest non-feed.
  if (/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE\s+html\b|<html\b)/i.test(text)) {
    throw new WikirevError('NOT_A_FEED', 'the input is an HTML page, not a feed', {
      line: 1,
      column: 1,
    });
  }
  const { root: doc, markup } = parseXml(text, { maxEntryBytes, maxFeedEntries });
  let raw: RawFeed;
  const feed = child(doc, 'feed');
  const rss = child(doc, 'rss');
  if (feed !== undefined && typeof feed === 'object') raw = readAtom(feed);
  else if (rss !== undefined && child(rss, 'channel') !== undefined)
    raw = readRss(child(rss, 'channel')!);
  else {
    const root = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('!')) ?? '(none)';
    throw new WikirevError(
      'NOT_A_FEED',
      `the document is not an Atom or RSS feed (root element <${root.slice(0, 40)}>)`,
    );
  }

  const diagnostics: Diagnostic[] = [];
  const kind = options.kind ?? detectKind(raw);
  const entries = raw.entries.map((entry, index) =>
    readEntry(entry, index, kind, raw.format, diagnostics),
  );
  for (const m of markup) {
    const where = m.entry === -1 ? "the feed's" : `entry ${m.entry}:`;
    diagnostics.push({
      severity: 'warning',
      code: 'FEED_MARKUP_IN_TEXT',
      message: `${where} <${m.element}> holds an element <${m.child.slice(0, 40)}>, which feeds never write there: its text is kept, its tags are dropped`,
      ...(m.entry === -1 ? {} : { entryIndex: m.entry }),
    });
  }
  let updated: string | null = null;
  if (raw.updated !== null) {
    const date = unescapeXml(raw.updated);
    const read = raw.format === 'atom' ? readAtomDate(date) : readRssDate(date);
    updated = read.timestamp;
    if (read.problem !== null) {
      diagnostics.push({
        severity: 'warning',
        code: 'FEED_BAD_DATE',
        message: `the feed's date ${JSON.stringify(date.slice(0, 60))} is unreadable: ${read.problem}`,
      });
    }
  }
  const str = (value: string | null) => (value === null ? null : unescapeXml(value).trim() || null);
  return {
    format: raw.format,
    kind,
    title: raw.title === null ? '' : unescapeXml(raw.title),
    siteUrl: str(raw.siteUrl),
    selfUrl: str(raw.selfUrl),
    language: str(raw.language),
    generator: str(raw.generator),
    updated,
    entries,
    diagnostics,
  };
}
