/**
 * Edit summaries as MediaWiki 1.39 shows them in history feeds (FORMAT.md 6.2), without a page
 * context: escaped text, autocomment spans without arrow or section link, wiki links as `<a>`.
 * Private to `src/testing/`.
 */
import { decodeCharReferences } from '../sections/char-references.js';
import { escapeWithQuotes, titleUrl } from './mediawiki-escape.js';

/**
 * The comment HTML of the `<p>` of a history entry.
 *
 * Every link is written as a link to an existing page (MediaWiki writes `class="new"` red links
 * for missing pages; buildFeed cannot know which pages exist). Both read back as their text.
 */
export function formatCommentHtml(comment: string, articlePath: string): string {
  // `Sanitizer::escapeHtmlAllowEntities`: typed references are decoded, then all is escaped.
  let html = escapeWithQuotes(decodeCharReferences(comment));
  // `CommentParser::doSectionLinks`: `- ` before a heading with text before it, `: ` after one
  // with text after it; every span is closed at the very end of the comment.
  let append = '';
  html = html.replace(
    /\/\*\s*(.*?)\s*\*\//g,
    (_all, heading: string, offset: number, whole: string) => {
      let auto = heading;
      if (offset > 0) auto = `- ${auto}`;
      if (offset + _all.length < whole.length) auto += ': ';
      if (auto === '') return '';
      append += '</span>';
      return `<span dir="auto"><span class="autocomment">${auto}</span>`;
    },
  );
  html += append;
  return html.replace(
    /\[\[:?([^\]|]+)(?:\|([^\]]*))?\]\]/g,
    (all, target: string, text?: string) => {
      const name = target.trim();
      if (name === '') return all;
      const title = name.charAt(0).toUpperCase() + name.slice(1);
      const href = articlePath.replace('$1', titleUrl(title));
      return `<a href="${href}" title="${title}">${text === undefined || text === '' ? target : text}</a>`;
    },
  );
}
