/** Reading one revision of MediaWiki's Action API (`options.revisions`) into claims. */
import type { Revision, RevisionSource } from '../model.js';
import { type Claims, claimsOf } from './claims.js';

/**
 * Add what API revision `index` claims to `claims`; `isNewest` says whether the caller declared
 * it its page's newest (`revisionsIncludeNewest`).
 */
export function readApiClaims(
  claims: Claims,
  revision: Revision,
  index: number,
  norm: (title: string) => string,
  isNewest: (title: string) => boolean,
): void {
  const source: RevisionSource = {
    feedIndex: -1,
    feedKind: 'api',
    entryIndex: index,
    gave: revision.text === null ? 'metadata' : 'text',
  };
  const claimed = claimsOf(claims, revision.id);
  claimed.sources.push(source);
  const title = norm(revision.pageTitle);
  // The API names a revision's page by the page table's title: the current one.
  claimed.titles.push({ title, current: true, source });
  if (revision.timestamp !== null) claimed.timestamps.push({ value: revision.timestamp, source });
  if (revision.user !== null && revision.user !== '') {
    claimed.users.push({ value: revision.user, source });
  }
  if (revision.comment !== null) {
    const { comment, autocomments } = revision;
    claimed.comments.push({ value: comment, autocomments, source });
    if (comment.includes(' moved ')) {
      // API comments keep the `[[links]]`, which parseMoveComment reads without known titles.
      const { pageTitle, timestamp, id } = revision;
      claims.moveTexts.push({ text: comment, isLog: false, pageTitle, timestamp, revisionId: id });
    }
  }
  if (revision.text !== null) claimed.texts.push({ text: revision.text, ambiguous: false, source });
  else if (revision.size !== null) claimed.hiddenSize = revision.size;
  // `parentid` is the revision table's rev_parent_id: 0 (null here) is a creation whatever
  // the text, so even a creation whose text is hidden keeps a proven "no parent".
  if (revision.parentKnown) {
    claimed.parents.push({ parentId: revision.parentId, weak: false, source });
  }
  if (revision.minor !== undefined) claimed.flags.minor = revision.minor;
  if (revision.bot !== undefined) claimed.flags.bot = revision.bot;
  if (isNewest(title)) claims.apiNewest.add(revision.id);
}
