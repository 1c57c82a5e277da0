/**
 * What an entry's link says (FORMAT.md 5): the page (`title=`), the revision (`diff=`) and the
 * older end of its diff (`oldid=`).
 */

/** The parts of an entry URL wikirev reads. */
export interface EntryUrl {
  readonly title: string | null;
  readonly diff: number | null;
  /** `'prev'` in history feeds, a number in recent changes, `null` for none (or `oldid=0`). */
  readonly oldid: number | 'prev' | null;
  /** The raw `diff=` value when it is present but not a revision id. */
  readonly badDiff: string | null;
  readonly badOldid: string | null;
  /** The URL has an `oldid=` parameter (even `oldid=0`, which recent changes use for creations). */
  readonly hasOldid: boolean;
}

const REVISION_ID = /^[1-9][0-9]{0,15}$/;

/** A revision id, or null: digits only, and at most 2^53 - 1, past which two ids read as one. */
const revisionId = (raw: string | undefined): number | null =>
  raw !== undefined && REVISION_ID.test(raw) && Number.isSafeInteger(Number(raw))
    ? Number(raw)
    : null;

/** Percent-decoding that keeps malformed sequences as they are instead of throwing. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A title from a URL: percent-decoded, underscores to spaces (MediaWiki's DB key → text). */
export function titleFromUrlPart(part: string): string {
  return safeDecode(part.replace(/\+/g, '%20')).replace(/_/g, ' ');
}

/** Reads an entry URL; never throws. */
export function parseEntryUrl(url: string | null): EntryUrl {
  const none: EntryUrl = {
    title: null,
    diff: null,
    oldid: null,
    badDiff: null,
    badOldid: null,
    hasOldid: false,
  };
  if (!url) return none;
  const hash = url.indexOf('#');
  const bare = hash === -1 ? url : url.slice(0, hash);
  const q = bare.indexOf('?');
  const params = new Map<string, string>();
  if (q !== -1) {
    for (const pair of bare.slice(q + 1).split('&')) {
      const eq = pair.indexOf('=');
      const key = eq === -1 ? pair : pair.slice(0, eq);
      if (!params.has(key)) params.set(key, eq === -1 ? '' : pair.slice(eq + 1));
    }
  }
  let title: string | null = null;
  const titleParam = params.get('title');
  if (titleParam !== undefined) title = titleFromUrlPart(titleParam);
  else {
    // An article URL: `$wgArticlePath`, commonly `/index.php/T` or `/wiki/T`.
    const path = (q === -1 ? bare : bare.slice(0, q)).replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
    const m = /\/(?:index\.php|wiki)\/(.+)$/.exec(path);
    if (m?.[1]) title = titleFromUrlPart(m[1]);
  }
  const diffRaw = params.get('diff');
  const oldRaw = params.get('oldid');
  const diff = revisionId(diffRaw);
  let oldid: number | 'prev' | null = null;
  let badOldid: string | null = null;
  if (oldRaw === 'prev') oldid = 'prev';
  else if (revisionId(oldRaw) !== null) oldid = revisionId(oldRaw);
  else if (oldRaw !== undefined && oldRaw !== '0') badOldid = oldRaw;
  return {
    title,
    diff,
    oldid,
    badDiff: diffRaw !== undefined && diff === null ? diffRaw : null,
    badOldid,
    hasOldid: oldRaw !== undefined,
  };
}
