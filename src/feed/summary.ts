/**
 * Reads the summary of one entry (FORMAT.md 6): the comment paragraph and the body, a full
 * text, a diff table, a link, a notice or nothing. Shapes are told apart by structure, since
 * every visible word (`New page`, `Show changes`, `Can't load revision`) is localised.
 */
import type { EntryContent } from '../model.js';
import { parseAutocomments } from '../wikitext/comments.js';
import {
  decodeEscapedWikitext,
  decodeHtmlEntities,
  decodeWikitextHtml,
  unescapeXml,
} from '../wikitext/decode.js';
import { htmlToText, parseDiffTable } from './diff-table.js';
import { parseLocalizedInteger } from './localized-number.js';

/** What one summary says. */
export interface ReadSummary {
  readonly comment: string | null;
  readonly autocomments: readonly string[];
  /** What the body carries (full text, diff table, link, notice, nothing). */
  readonly content: EntryContent;
  /** Shapes that were not as MediaWiki writes them; they become entry diagnostics. */
  readonly problems: readonly string[];
}

/** Where the summary comes from, as far as it changes the reading. */
export interface SummaryContext {
  /** The entry's author, used to split `USER: COMMENT` and `COMMENT (USER)`. */
  readonly author: string | null;
  /** The entry's URL names a revision (`diff=`). */
  readonly hasRevision: boolean;
  /** Watchlist summaries are plain text, not HTML (FORMAT.md 6.5). */
  readonly plain: boolean;
}

// The separator between the user paragraph and the text in contributions and new-pages
// summaries, still XML-escaped: `</p>\n<hr />\n<div>` (FORMAT.md 6.1).
const FULL_TEXT_SEPARATOR = '&lt;/p&gt;\n&lt;hr /&gt;\n&lt;div&gt;';
const RAW_DIV_END = '&lt;/div&gt;';
const RAW_P = '&lt;p&gt;';

/** Splits `USER: COMMENT` (HTML) into the comment, knowing the user where we can. */
function commentAfterUser(paragraph: string, author: string | null): string {
  let rest: string | null = null;
  if (author && paragraph.startsWith(author)) rest = paragraph.slice(author.length);
  else {
    // IPv6 users contain colons; other user names cannot (`$wgInvalidUsernameCharacters`).
    const ipv6 = /^[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?=[\s\u00a0]*[:：])/.exec(paragraph);
    const at = ipv6 ? ipv6[0].length : paragraph.search(/[\s\u00a0]*[:：]/);
    rest = at === -1 ? paragraph : paragraph.slice(at);
  }
  // The content language's `colon-separator`: `: ` in English, ` : ` in French, `：` in CJK.
  return rest.replace(/^[\s\u00a0\u202f]*[:：][\s\u00a0\u202f]?/, '');
}

/**
 * A formatted comment (history and recent changes, FORMAT.md 6.2) back to its plain form, the
 * autocomment spans back to `/* … *\/` so that both feed kinds give the same comment text.
 */
export function formattedCommentToText(html: string): string {
  const withAutocomments = html.replace(
    /<span class="autocomment">([\s\S]*?)<\/span>/g,
    (_all, inner: string, offset: number) => {
      let heading = htmlToText(inner)
        // With a page context the heading is a link `→‎Heading`: arrow and LRM are decoration.
        .replace(/^[\u2192\u2190][\u200e\u200f]?/, '')
        // `colon-separator` after the heading when text follows.
        .replace(/[\s\u00a0\u202f]*[:：][\s\u00a0\u202f]?$/, '');
      // `autocomment-prefix` (`- `) before a heading that text precedes.
      if (htmlToText(html.slice(0, offset)).trim() !== '') heading = heading.replace(/^- /, '');
      // Keep the text out of the tag-stripping below by escaping it back.
      return `/* ${heading.replace(/&/g, '&amp;').replace(/</g, '&lt;')} */`;
    },
  );
  return htmlToText(withAutocomments);
}

/** Interprets the raw (XML-escaped) summary of one entry. */
export function readSummary(raw: string | null, context: SummaryContext): ReadSummary {
  if (raw === null || raw.trim() === '')
    return { comment: null, autocomments: [], content: { kind: 'empty' }, problems: [] };
  if (context.plain) return readPlain(raw, context);
  const separator = raw.startsWith(RAW_P) ? raw.indexOf(FULL_TEXT_SEPARATOR) : -1;
  if (separator !== -1) return readFullText(raw, separator, context);
  return readFormatted(unescapeXml(raw), context);
}

/** Watchlist: `COMMENT (USER)` as plain text. */
function readPlain(raw: string, context: SummaryContext): ReadSummary {
  let comment = unescapeXml(raw);
  const suffix = context.author !== null ? ` (${context.author})` : null;
  if (suffix && comment.endsWith(suffix)) comment = comment.slice(0, -suffix.length);
  return {
    comment,
    autocomments: parseAutocomments(comment),
    content: { kind: 'empty' },
    problems: [],
  };
}

/** Contributions and new pages: `<p>USER: COMMENT</p>\n<hr />\n<div>TEXT</div>`. */
function readFullText(raw: string, separator: number, context: SummaryContext): ReadSummary {
  const problems: string[] = [];
  const paragraph = decodeHtmlEntities(unescapeXml(raw.slice(RAW_P.length, separator)));
  const comment = commentAfterUser(paragraph, context.author);
  const start = separator + FULL_TEXT_SEPARATOR.length;
  let end = raw.length - RAW_DIV_END.length;
  if (!raw.endsWith(RAW_DIV_END)) {
    problems.push('the full-text summary does not end with </div>: the text may be cut short');
    end = raw.length;
  }
  return {
    comment,
    autocomments: parseAutocomments(comment),
    content: { kind: 'wikitext', text: decodeEscapedWikitext(raw.slice(start, end)) },
    problems,
  };
}

/** History and recent changes: `<p>FORMATTED COMMENT</p>\n` and a body. */
function readFormatted(html: string, context: SummaryContext): ReadSummary {
  const problems: string[] = [];
  let commentHtml = '';
  let body = html;
  if (html.startsWith('<p>')) {
    const close = html.indexOf('</p>');
    commentHtml = close === -1 ? html.slice(3) : html.slice(3, close);
    body = close === -1 ? '' : html.slice(close + 4).replace(/^\n/, '');
  } else {
    problems.push('the summary does not start with a comment paragraph');
  }
  const comment = formattedCommentToText(commentHtml);
  const autocomments = parseAutocomments(comment);
  const trimmed = body.trim();
  let content: EntryContent;
  if (trimmed === '') {
    content = context.hasRevision ? { kind: 'empty' } : { kind: 'log', text: comment };
    if (!context.hasRevision) return { comment: null, autocomments: [], content, problems };
  } else if (/^<table\b/i.test(trimmed)) {
    const table = parseDiffTable(trimmed);
    for (const p of table.problems) problems.push(p);
    content = {
      kind: 'diff',
      hunks: table.hunks,
      intermediateNote: table.intermediateNote,
      intermediateCount: table.intermediateCount,
      noDifference: table.noDifference,
    };
  } else if (/^<p><b>[\s\S]*?<\/b><\/p>\s*<div>/.test(trimmed)) {
    // `<p><b>New page</b></p><div>TEXT</div>` (FORMAT.md 6.2 case 2), text escaped with quotes.
    const start = trimmed.indexOf('<div>') + 5;
    const end = trimmed.lastIndexOf('</div>');
    if (end < start) problems.push('the new-page text does not end with </div>');
    content = {
      kind: 'wikitext',
      text: decodeWikitextHtml(trimmed.slice(start, end < start ? undefined : end)),
    };
  } else if (/^<a\b[^>]*\bhref="[^"]*"[^>]*>[^<]*<\/a>$/.test(trimmed)) {
    // A `Show changes` link in place of a diff longer than `$wgFeedDiffCutoff` (6.4).
    const href = /\bhref="([^"]*)"/.exec(trimmed)?.[1] ?? '';
    content = { kind: 'cutoff', url: htmlToText(href) };
  } else if (/^<p>[\s\S]*<\/p>$/.test(trimmed) && !/<(?:table|div)\b/.test(trimmed)) {
    // `<p>Can't load revision REV</p>`: one side's text is revision-deleted (6.2 case 4).
    const notice = htmlToText(trimmed);
    const revisionId = parseLocalizedInteger(notice);
    if (revisionId === null && /\p{Nd}/u.test(notice)) {
      problems.push('the revision id of the notice is too large to be read exactly');
    }
    content = { kind: 'unavailable', revisionId };
  } else {
    problems.push('the summary body has an unknown shape');
    content = { kind: 'empty' };
  }
  return { comment, autocomments, content, problems };
}
