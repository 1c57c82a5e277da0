/**
 * `buildFeed`: MediaWiki-shaped Atom and RSS feeds from revision texts, for test fixtures.
 */
import { WikirevError } from '../errors.js';
import type { FeedFormat } from '../model.js';
import { diffTableHtml } from './diff-table-html.js';
import { atomDate, rssDate, wikiTime } from './feed-dates.js';
import { formatCommentHtml } from './format-comment.js';
import {
  escapeCompat,
  escapeWithQuotes,
  nl2br,
  rawUrlEncode,
  stripCommentLinks,
  talkPage,
  titleUrl,
  xmlText,
} from './mediawiki-escape.js';

/**
 * One revision to put in a feed. A `Revision` of `buildHistory` fits as it is.
 */
export interface FeedRevision {
  /** The revision id (`diff=` in the entry URL). */
  readonly id: number;
  /** The page, with spaces (`Markup & Escapes`). */
  readonly pageTitle: string;
  /**
   * The stored wikitext; `null` for a revision-deleted text (FORMAT.md 8). It must be a text
   * MediaWiki can store: no CR, no control character but tab and LF, no lone surrogate.
   */
  readonly text: string | null;
  /**
   * ISO 8601 UTC timestamp (`2026-11-21T20:55:25Z`); `null` leaves the date out as MediaWiki
   * does for dateless items (parseFeed then reports `ENTRY_NO_DATE`).
   * @default null
   */
  readonly timestamp?: string | null;
  /**
   * The user name; `null` or `''` for a hidden user.
   * @default ''
   */
  readonly user?: string | null;
  /**
   * The edit summary as typed (`/* Section *\/ fix`).
   * @default ''
   */
  readonly comment?: string | null;
}

/** Which feed to write. */
export type BuildFeedKind = 'contributions' | 'history';

/** Options of {@link buildFeed}. */
export interface BuildFeedOptions {
  /**
   * Atom or RSS 2.0.
   * @default 'atom'
   */
  readonly format?: FeedFormat;
  /**
   * A user's contributions (full text of each revision, FORMAT.md 6.1) or a page's history
   * (comment and diff to the previous revision, 6.2).
   * @default 'contributions'
   */
  readonly kind?: BuildFeedKind;
  /**
   * `$wgServer`.
   * @default 'https://wiki.example.org'
   */
  readonly server?: string;
  /**
   * `$wgScriptPath` (`/w` on Wikipedia).
   * @default ''
   */
  readonly scriptPath?: string;
  /**
   * `$wgArticlePath`, `$1` standing for the title (`/wiki/$1` on Wikipedia).
   * @default `${scriptPath}/index.php/$1`
   */
  readonly articlePath?: string;
  /**
   * `$wgSitename`, in the contributions feed's title.
   * @default 'Example Wiki'
   */
  readonly siteName?: string;
  /**
   * `$wgLanguageCode`.
   * @default 'en'
   */
  readonly language?: string;
  /**
   * The `<generator>`.
   * @default 'MediaWiki 1.39.17'
   */
  readonly generator?: string;
  /**
   * When the feed was generated (Atom `<updated>`, RSS `<lastBuildDate>`), ISO 8601 UTC.
   * @default the newest revision's timestamp, else `1970-01-01T00:00:00Z`
   */
  readonly updated?: string;
  /**
   * The user whose contributions these are, for the feed's URLs.
   * @default the newest revision's user
   */
  readonly user?: string;
  /**
   * The feed's request URL (Atom `<id>` and `rel="self"`), as the client sent it.
   * @default the `api.php?action=feedcontributions…` or `index.php?…&action=history&feed=…` URL
   */
  readonly selfUrl?: string;
}

const FORMATS: readonly FeedFormat[] = ['atom', 'rss'];
const KINDS: readonly BuildFeedKind[] = ['contributions', 'history'];

// MediaWiki stores no CR (CRLF and CR become LF) and replaces C0 controls but tab, LF and CR
// with U+FFFD at save time (FORMAT.md 9); a lone surrogate has no UTF-8 form at all. A text
// holding any of them is one MediaWiki cannot have stored, so no feed can carry it.
const UNSTORABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters MediaWiki never stores
  /[\u0000-\u0008\u000b-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

interface Resolved {
  readonly format: FeedFormat;
  readonly kind: BuildFeedKind;
  readonly server: string;
  readonly script: string;
  readonly articlePath: string;
  readonly siteName: string;
  readonly language: string;
  readonly generator: string;
}

function check(revisions: readonly FeedRevision[]): void {
  if (!Array.isArray(revisions)) throw new TypeError('buildFeed: revisions must be an array');
  for (const [index, rev] of revisions.entries()) {
    if (typeof rev !== 'object' || rev === null) {
      throw new TypeError(`buildFeed: revisions[${index}] must be an object`);
    }
    if (!Number.isSafeInteger(rev.id) || rev.id <= 0) {
      throw new RangeError(`buildFeed: revisions[${index}].id must be a positive integer`);
    }
    if (typeof rev.pageTitle !== 'string' || rev.pageTitle.trim() === '') {
      throw new TypeError(`buildFeed: revisions[${index}].pageTitle must be a non-empty string`);
    }
    if (rev.text !== null && typeof rev.text !== 'string') {
      throw new TypeError(`buildFeed: revisions[${index}].text must be a string or null`);
    }
    const bad = rev.text === null ? null : UNSTORABLE.exec(rev.text);
    if (bad) {
      const code = bad[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
      throw new WikirevError(
        'INVALID_TEXT',
        `buildFeed: revision ${rev.id} holds U+${code} at index ${bad.index}, which MediaWiki never stores (CR becomes LF, control characters become U+FFFD); normalise the text first`,
      );
    }
  }
}

function option(value: unknown, name: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') throw new TypeError(`buildFeed: options.${name} must be a string`);
  return value;
}

/** The text of the entry's `<p>` and its body (FORMAT.md 6.1, 6.2), before the XML layer. */
function contributionsSummary(rev: FeedRevision): string {
  const user = escapeWithQuotes(rev.user ?? '');
  const comment = escapeWithQuotes(stripCommentLinks(rev.comment ?? ''));
  const text = rev.text === null ? '' : nl2br(escapeCompat(rev.text));
  return `<p>${user}: ${comment}</p>\n<hr />\n<div>${text}</div>`;
}

function historySummary(
  rev: FeedRevision,
  previous: FeedRevision | undefined,
  o: Resolved,
): string {
  const head = `<p>${formatCommentHtml(rev.comment ?? '', o.articlePath)}</p>\n`;
  if (previous === undefined) {
    // The first revision: `New page` and the text escaped WITH quotes (6.2 case 2).
    if (rev.text === null) return `${head}<p>Can't load revision ${rev.id}</p>`;
    return `${head}<p><b>New page</b></p><div>${nl2br(escapeWithQuotes(rev.text))}</div>`;
  }
  // Either side hidden: the diff cannot be shown to readers (6.2 case 4).
  if (rev.text === null || previous.text === null) {
    return `${head}<p>Can't load revision ${rev.id}</p>`;
  }
  const time = rev.timestamp ? wikiTime(rev.timestamp, `revision ${rev.id} timestamp`) : '';
  return head + diffTableHtml(previous.text, rev.text, time);
}

/** `USER: COMMENT` or, without a comment, `USER at HH:MM, D Month YYYY` (FORMAT.md 5). */
function historyTitle(rev: FeedRevision): string {
  const comment = stripCommentLinks(rev.comment ?? '');
  if (comment !== '') return `${rev.user ?? ''}: ${comment}`;
  const time = rev.timestamp ? wikiTime(rev.timestamp, `revision ${rev.id} timestamp`) : '';
  return `${rev.user ?? ''} at ${time}`;
}

/**
 * Writes a MediaWiki 1.39 contributions or history feed, Atom or RSS, escaped byte for byte as
 * MediaWiki does (FORMAT.md 2–6): tab indentation, `&#039;`, `<br />` before each line break of a
 * text, the blank line after an Atom entry's `<updated>`, no final newline.
 *
 * Revisions are given oldest first and written newest first, as MediaWiki lists them. In a
 * history feed all revisions belong to one page; the first is shown as `New page` with its
 * text and each later one as a diff table against the one before it (wikidiff2 markup from
 * `diffText`: hunks, line numbers and context as wikidiff2 writes them, pairing of changed
 * lines and the inline `<ins>`/`<del>` by `diffText`). Comments are written as typed
 * (contributions: links simplified) or as MediaWiki formats them (history: autocomment spans,
 * links as `<a>` to existing pages).
 *
 * Texts are not normalised: a text MediaWiki cannot have stored (CR, control characters, lone
 * surrogates) is refused, so that `parseFeed(buildFeed(x))` gives every text back exactly.
 *
 * @param revisions - The revisions, oldest first.
 * @param options - See {@link BuildFeedOptions}.
 * @returns The feed document.
 * @throws WikirevError `INVALID_TEXT` for a text MediaWiki never stores; TypeError/RangeError
 *   for a malformed revision or option.
 * @example
 * ```ts
 * const xml = buildFeed(
 *   [{ id: 7, pageTitle: 'Sandbox', text: "Tom & Jerry's\n<b>bold</b>", user: 'Alice',
 *      comment: 'first', timestamp: '2026-11-21T20:55:25Z' }],
 *   { server: 'http://127.0.0.1:8089' },
 * );
 * // xml contains (the text HTML-escaped with `'` kept, then the XML layer escapes it all):
 * // '<summary type="html">&lt;p&gt;Alice: first&lt;/p&gt;\n&lt;hr /&gt;\n&lt;div&gt;Tom
 * //  &amp;amp; Jerry&#039;s&lt;br /&gt;\n&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt;&lt;/div&gt;</summary>'
 * parseFeed(xml).entries[0].content // { kind: 'wikitext', text: "Tom & Jerry's\n<b>bold</b>" }
 * ```
 */
export function buildFeed(
  revisions: readonly FeedRevision[],
  options: BuildFeedOptions = {},
): string {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('buildFeed: options must be an object');
  }
  check(revisions);
  const format = options.format ?? 'atom';
  if (!FORMATS.includes(format))
    throw new RangeError('buildFeed: options.format must be atom or rss');
  const kind = options.kind ?? 'contributions';
  if (!KINDS.includes(kind)) {
    throw new RangeError('buildFeed: options.kind must be contributions or history');
  }
  const script = option(options.scriptPath, 'scriptPath', '');
  const o: Resolved = {
    format,
    kind,
    server: option(options.server, 'server', 'https://wiki.example.org'),
    script,
    articlePath: option(options.articlePath, 'articlePath', `${script}/index.php/$1`),
    siteName: option(options.siteName, 'siteName', 'Example Wiki'),
    language: option(options.language, 'language', 'en'),
    generator: option(options.generator, 'generator', 'MediaWiki 1.39.17'),
  };
  if (kind === 'history') {
    const titles = new Set(revisions.map((r) => r.pageTitle));
    if (titles.size > 1) {
      throw new RangeError('buildFeed: a history feed holds the revisions of one page only');
    }
  }
  const newest = revisions.at(-1);
  const updated = option(options.updated, 'updated', newest?.timestamp ?? '1970-01-01T00:00:00Z');
  const article = (title: string): string =>
    o.server + o.articlePath.replace('$1', titleUrl(title));
  const index = `${o.server}${o.script}/index.php`;

  let title: string;
  let subtitle: string;
  let selfUrl: string;
  let siteUrl: string;
  if (kind === 'contributions') {
    const user = option(options.user, 'user', newest?.user ?? '');
    title = `${o.siteName} - User contributions [${o.language}]`;
    subtitle = 'User contributions';
    selfUrl = `${o.server}${o.script}/api.php?action=feedcontributions&feedformat=${format}&user=${rawUrlEncode(user)}`;
    siteUrl = article(`Special:Contributions/${user}`);
  } else {
    const page = newest?.pageTitle ?? '';
    title = `${page} - Revision history`;
    subtitle = 'Revision history for this page on the wiki';
    selfUrl = `${index}?title=${titleUrl(page)}&action=history&feed=${format}`;
    siteUrl = `${index}?title=${titleUrl(page)}&action=history`;
  }
  selfUrl = option(options.selfUrl, 'selfUrl', selfUrl);

  const entries: string[] = [];
  for (let k = revisions.length - 1; k >= 0; k--) {
    const rev = revisions[k]!;
    const what = `revision ${rev.id} timestamp`;
    const url =
      kind === 'contributions'
        ? `${index}?title=${titleUrl(rev.pageTitle)}&diff=${rev.id}`
        : `${index}?title=${titleUrl(rev.pageTitle)}&diff=${rev.id}&oldid=prev`;
    const entryTitle = kind === 'contributions' ? rev.pageTitle : historyTitle(rev);
    const summary =
      kind === 'contributions'
        ? contributionsSummary(rev)
        : historySummary(rev, revisions[k - 1], o);
    const user = rev.user ?? '';
    const ts = rev.timestamp ?? null;
    if (format === 'atom') {
      entries.push(
        '\t<entry>\n' +
          `\t\t<id>${xmlText(url)}</id>\n` +
          `\t\t<title>${xmlText(entryTitle)}</title>\n` +
          `\t\t<link rel="alternate" type="text/html" href="${xmlText(url)}"/>\n` +
          (ts === null ? '\t\t\n' : `\t\t<updated>${atomDate(ts, what)}</updated>\n`) +
          '\n' +
          `\t\t<summary type="html">${xmlText(summary)}</summary>\n` +
          `\t\t<author><name>${xmlText(user)}</name></author>\n` +
          '\t</entry>\n',
      );
    } else {
      const talk = talkPage(rev.pageTitle);
      entries.push(
        '\t\t<item>\n' +
          `\t\t\t<title>${xmlText(entryTitle)}</title>\n` +
          `\t\t\t<link>${xmlText(url)}</link>\n` +
          `\t\t\t<guid isPermaLink="false">${xmlText(url)}</guid>\n` +
          `\t\t\t<description>${xmlText(summary)}</description>\n` +
          (ts === null ? '\t\t\t\n' : `\t\t\t<pubDate>${rssDate(ts, what)}</pubDate>\n`) +
          `\t\t\t<dc:creator>${xmlText(user)}</dc:creator>\n` +
          (talk === null ? '' : `\t\t\t<comments>${xmlText(article(talk))}</comments>\n`) +
          '\t\t</item>\n',
      );
    }
  }

  if (format === 'atom') {
    return (
      '<?xml version="1.0"?>\n' +
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(o.language)}">\n` +
      `\t<id>${xmlText(selfUrl)}</id>\n` +
      `\t<title>${xmlText(title)}</title>\n` +
      `\t<link rel="self" type="application/atom+xml" href="${xmlText(selfUrl)}"/>\n` +
      `\t<link rel="alternate" type="text/html" href="${xmlText(siteUrl)}"/>\n` +
      `\t<updated>${atomDate(updated, 'options.updated')}</updated>\n` +
      `\t<subtitle>${xmlText(subtitle)}</subtitle>\n` +
      `\t<generator>${xmlText(o.generator)}</generator>\n` +
      entries.join('') +
      '</feed>'
    );
  }
  return (
    '<?xml version="1.0"?>\n' +
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">\n' +
    '\t<channel>\n' +
    `\t\t<title>${xmlText(title)}</title>\n` +
    `\t\t<link>${xmlText(siteUrl)}</link>\n` +
    `\t\t<description>${xmlText(subtitle)}</description>\n` +
    `\t\t<language>${xmlText(o.language)}</language>\n` +
    `\t\t<generator>${xmlText(o.generator)}</generator>\n` +
    `\t\t<lastBuildDate>${rssDate(updated, 'options.updated')}</lastBuildDate>\n` +
    entries.join('') +
    '</channel></rss>'
  );
}
