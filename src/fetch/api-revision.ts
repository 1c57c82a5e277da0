/**
 * One revision of an API answer (`prop=revisions`, `rvslots=main`, `formatversion=2`) as a
 * {@link Revision}: hidden fields as `null` and reported, the text checked against the `sha1`.
 */
import type { Diagnostic } from '../errors.js';
import type { Revision } from '../model.js';
import { sha1Hex } from '../revisions/sha1.js';
import { utf8Length } from '../revisions/utf8-length.js';
import { parseAutocomments } from '../wikitext/comments.js';
import { FetchError } from './fetch-error.js';

/** What to do when a text does not hash to the API's `sha1`. */
export type Sha1MismatchPolicy = 'throw' | 'report';

/** How {@link readApiRevision} reads a revision. */
export interface ReadApiRevisionOptions {
  /** @default 'throw' */
  readonly sha1Mismatch?: Sha1MismatchPolicy;
  /** @default none */
  readonly onDiagnostic?: (diagnostic: Diagnostic) => void;
  /** The request URL, for error messages. @default none */
  readonly url?: string;
}

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads one API revision.
 *
 * Hidden fields (revision deletion: `texthidden`, `userhidden`, `commenthidden`,
 * `sha1hidden`) give `null` even when a privileged session was sent the value anyway, so that
 * suppressed content never ends up in a report; each is reported as an `info` diagnostic
 * (`REVISION_TEXT_HIDDEN`, `REVISION_USER_HIDDEN`, `REVISION_COMMENT_HIDDEN`,
 * `REVISION_SHA1_HIDDEN`).
 *
 * @param raw - The revision object of the answer.
 * @param pageTitle - The page's title (from the answer's page object).
 * @param options - See {@link ReadApiRevisionOptions}.
 * @returns The revision (`textOrigin: 'api'`).
 * @throws FetchError `NOT_MEDIAWIKI` without a `revid`; `ID_OUT_OF_RANGE` for a `revid` past
 *   2^53 − 1 (a `parentid` past it leaves the parent unknown, with a `FETCH_ID_OUT_OF_RANGE`
 *   warning); `SHA1_MISMATCH` under `'throw'`.
 * @example
 * ```ts
 * readApiRevision({ revid: 4, parentid: 0, user: 'Alice', timestamp: '2026-11-21T20:55:04Z',
 *   comment: 'Create', sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
 *   slots: { main: { content: '' } } }, 'Sandbox').parentKnown // true
 * ```
 */
export function readApiRevision(
  raw: unknown,
  pageTitle: string,
  options: ReadApiRevisionOptions = {},
): Revision {
  if (!isObject(raw) || typeof raw.revid !== 'number') {
    throw new FetchError('NOT_MEDIAWIKI', `${options.url ?? 'the API'}: a revision without revid`, {
      ...(options.url === undefined ? {} : { url: options.url }),
    });
  }
  const id = raw.revid;
  const where = options.url === undefined ? {} : { url: options.url };
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new FetchError(
      'ID_OUT_OF_RANGE',
      `${options.url ?? 'the API'}: revision id ${id} of "${pageTitle}" is not an integer from 1 to 2^53 − 1, so it cannot be told apart from its neighbours`,
      where,
    );
  }
  const main = isObject(raw.slots) && isObject(raw.slots.main) ? raw.slots.main : null;
  const report = (field: string) => {
    options.onDiagnostic?.({
      severity: 'info',
      code: `REVISION_${field.toUpperCase()}_HIDDEN`,
      message: `revision ${id} of "${pageTitle}": the ${field} is hidden (revision deletion${raw.suppressed === true ? ', suppressed' : ''})`,
      revisionId: id,
      pageTitle,
    });
  };

  let user: string | null = typeof raw.user === 'string' && raw.user !== '' ? raw.user : null;
  if (raw.userhidden === true) {
    user = null;
    report('user');
  }
  let comment: string | null = typeof raw.comment === 'string' ? raw.comment : null;
  if (raw.commenthidden === true) {
    comment = null;
    report('comment');
  }
  let text: string | null = typeof main?.content === 'string' ? main.content : null;
  if (main?.texthidden === true || raw.texthidden === true) {
    text = null;
    report('text');
  }
  let apiSha1: string | null =
    typeof main?.sha1 === 'string' ? main.sha1 : typeof raw.sha1 === 'string' ? raw.sha1 : null;
  if (main?.sha1hidden === true || raw.sha1hidden === true) {
    apiSha1 = null;
    report('sha1');
  }

  let sha1: string | null = null;
  let size: number | null = null;
  if (text !== null) {
    const computed = sha1Hex(text);
    if (apiSha1 !== null && apiSha1 !== computed) {
      const message = `revision ${id} of "${pageTitle}": the text (${text.length} characters) hashes to ${computed}, the API says ${apiSha1}`;
      if (options.sha1Mismatch !== 'report') {
        throw new FetchError('SHA1_MISMATCH', message, {
          ...(options.url === undefined ? {} : { url: options.url }),
        });
      }
      options.onDiagnostic?.({
        severity: 'error',
        code: 'FETCH_SHA1_MISMATCH',
        message: `${message}; the text was left out`,
        revisionId: id,
        pageTitle,
      });
      text = null;
    } else {
      sha1 = computed;
      size = utf8Length(text);
    }
  }
  // A hidden text keeps the size MediaWiki records (its history shows it), as a dump's `bytes`.
  if (text === null) {
    const given = typeof main?.size === 'number' ? main.size : raw.size;
    if (typeof given === 'number' && Number.isSafeInteger(given) && given >= 0) size = given;
  }
  // `parentid` 0 means a page creation; a missing one (old wikis) leaves the parent unknown.
  let parentKnown = typeof raw.parentid === 'number';
  let parentId = typeof raw.parentid === 'number' && raw.parentid > 0 ? raw.parentid : null;
  if (parentId !== null && !Number.isSafeInteger(parentId)) {
    options.onDiagnostic?.({
      severity: 'warning',
      code: 'FETCH_ID_OUT_OF_RANGE',
      message: `revision ${id} of "${pageTitle}": its parent id ${parentId} is past 2^53 − 1 and cannot be read exactly; the parent was left unknown`,
      revisionId: id,
      pageTitle,
    });
    [parentId, parentKnown] = [null, false];
  }
  return {
    id,
    pageTitle,
    parentId,
    parentKnown,
    timestamp: typeof raw.timestamp === 'string' ? raw.timestamp : null,
    user,
    comment,
    autocomments: comment === null ? [] : parseAutocomments(comment),
    text,
    textOrigin: text === null ? null : 'api',
    sha1,
    size,
    sources: [],
    revert: null,
    ...(typeof raw.minor === 'boolean' ? { minor: raw.minor } : {}),
  };
}
