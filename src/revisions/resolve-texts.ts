/** Each revision's text: full texts by authority, then diff tables applied from known neighbours. */
import type { Diagnostic } from '../errors.js';
import type { Revision } from '../model.js';
import { applyDiffTable } from './apply-diff-table.js';
import { byParentAuthority, describeSource } from './authority.js';
import type { DiffClaim, RevisionClaims } from './claims.js';
import type { ResolvedParent } from './resolve-parents.js';

/** A decided text and where it came from. */
export interface ResolvedText {
  readonly text: string;
  readonly origin: NonNullable<Revision['textOrigin']>;
}

/** The texts known, and what disagreed or could not be applied. */
export interface ResolvedTexts {
  readonly texts: ReadonlyMap<number, ResolvedText>;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Decide the texts: the full texts first (a disagreement is a `HISTORY_TEXT_CONFLICT`), then
 * the diff tables, forward from a known parent or backward from a known child, until nothing
 * changes. A table that does not apply is a `HISTORY_DIFF_MISMATCH`, never a guessed text.
 * A table is read only across the parent link its entry claims: where another source's parent
 * won (a `HISTORY_PARENT_CONFLICT`) or the link was cut (a cycle), its older side is unknown.
 */
export function resolveTexts(
  revisions: ReadonlyMap<number, RevisionClaims>,
  diffs: readonly DiffClaim[],
  parents: ReadonlyMap<number, ResolvedParent>,
): ResolvedTexts {
  const diagnostics: Diagnostic[] = [];
  const texts = fullTexts(revisions, diagnostics);
  const usable = diffs.filter((d) => d.merged || parents.get(d.to)?.parentId === d.from);
  applyDiffs(usable, texts, diagnostics);
  for (const revision of revisions.values()) {
    if (!texts.has(revision.id) && revision.texts.some((t) => t.ambiguous)) {
      diagnostics.push({
        severity: 'info',
        code: 'HISTORY_TEXT_AMBIGUOUS',
        message: `revision ${revision.id}: a contributions feed shows an empty text, which is also how it shows a revision-deleted text; left unknown`,
        revisionId: revision.id,
      });
    }
  }
  return { texts, diagnostics };
}

function fullTexts(
  revisions: ReadonlyMap<number, RevisionClaims>,
  diagnostics: Diagnostic[],
): Map<number, ResolvedText> {
  const texts = new Map<number, ResolvedText>();
  for (const revision of revisions.values()) {
    const claims = byParentAuthority(revision.texts.filter((t) => !t.ambiguous));
    const best = claims[0];
    if (best === undefined) continue;
    const other = claims.find((c) => c.text !== best.text);
    if (other !== undefined) {
      diagnostics.push({
        severity: 'warning',
        code: 'HISTORY_TEXT_CONFLICT',
        message: `revision ${revision.id}: the text in ${describeSource(best.source)} (${best.text.length} characters) differs from the one in ${describeSource(other.source)} (${other.text.length} characters); the first was kept`,
        revisionId: revision.id,
      });
    }
    const origin = best.source.feedKind === 'api' ? 'api' : 'feed';
    texts.set(revision.id, { text: best.text, origin });
  }
  return texts;
}

/** Apply every diff table that has a known side, in passes, until a pass applies none. */
function applyDiffs(
  diffs: readonly DiffClaim[],
  texts: Map<number, ResolvedText>,
  diagnostics: Diagnostic[],
): void {
  const pending = new Set(diffs);
  let progress = true;
  while (progress) {
    progress = false;
    for (const diff of pending) {
      if (!texts.has(diff.from) && !texts.has(diff.to)) continue;
      pending.delete(diff);
      progress = true;
      applyDiff(diff, texts, diagnostics);
    }
  }
}

/** Apply one diff table to whichever side is known (the older one first). */
function applyDiff(
  diff: DiffClaim,
  texts: Map<number, ResolvedText>,
  diagnostics: Diagnostic[],
): void {
  const from = texts.get(diff.from);
  const direction = from !== undefined ? 'forward' : 'backward';
  const [baseId, target] = from !== undefined ? [diff.from, diff.to] : [diff.to, diff.from];
  const base = from ?? texts.get(diff.to)!;
  const result = applyDiffTable(base.text, diff.hunks, { direction });
  const mismatch = (message: string): void => {
    diagnostics.push({
      severity: 'warning',
      code: 'HISTORY_DIFF_MISMATCH',
      message: `the diff ${diff.from}→${diff.to} in ${describeSource(diff.source)} ${message}`,
      entryIndex: diff.source.entryIndex,
      revisionId: diff.to,
    });
  };
  if (result.kind === 'mismatch') {
    mismatch(
      `does not apply ${direction} to the known text of revision ${baseId}: ${result.reason}`,
    );
    return;
  }
  const known = texts.get(target);
  if (known === undefined) {
    texts.set(target, { text: result.text, origin: 'reconstructed' });
  } else if (known.text !== result.text) {
    mismatch(`applied to revision ${baseId} does not give the known text of revision ${target}`);
  }
}
