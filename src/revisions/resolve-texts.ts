/** Each revision's text: full texts by authority, then diff tables applied from known neighbours. */
import type { Diagnostic } from '../errors.js';
import type { Revision } from '../model.js';
import { applyDiffTable } from './apply-diff-table.js';
import { byParentAuthority } from './authority.js';
import type { DiffClaim, RevisionClaims } from './claims.js';
import { IndexHeap } from './index-heap.js';
import type { ResolvedParent } from './resolve-parents.js';
import type { SourceNamer } from './source-names.js';

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
 * Every text a table builds, kept or checked, counts against `maxHistoryTextBytes`; past it
 * the remaining tables are not applied (`HISTORY_TEXT_BUDGET`).
 */
export function resolveTexts(
  revisions: ReadonlyMap<number, RevisionClaims>,
  diffs: readonly DiffClaim[],
  parents: ReadonlyMap<number, ResolvedParent>,
  maxHistoryTextBytes: number,
  names: SourceNamer,
): ResolvedTexts {
  const diagnostics: Diagnostic[] = [];
  const texts = fullTexts(revisions, diagnostics, names);
  const usable = diffs.filter((d) => d.merged || parents.get(d.to)?.parentId === d.from);
  const budget: TextBudget = { left: maxHistoryTextBytes, refused: 0 };
  applyDiffs(usable, texts, budget, diagnostics, names);
  if (budget.refused > 0) {
    diagnostics.push({
      severity: 'warning',
      code: 'HISTORY_TEXT_BUDGET',
      message: `the texts built from diff tables reached maxHistoryTextBytes (${maxHistoryTextBytes}): ${budget.refused} diff tables were not applied, and the texts they and the tables after them would give are left unknown`,
    });
  }
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
  names: SourceNamer,
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
        message: `revision ${revision.id}: the text in ${names.source(best.source)} (${best.text.length} characters) differs from the one in ${names.source(other.source)} (${other.text.length} characters); the first was kept`,
        revisionId: revision.id,
      });
    }
    const origin = best.source.feedKind === 'api' ? 'api' : 'feed';
    texts.set(revision.id, { text: best.text, origin });
  }
  return texts;
}

/**
 * Bytes the diff tables may still build (`left`, negative once spent), and how many
 * tables were refused for it. Mutable: every application draws on the one budget.
 */
interface TextBudget {
  left: number;
  refused: number;
}

/**
 * Apply every diff table that has a known side, in passes over the tables in reading order,
 * until a pass applies none. The passes are simulated, not run: a table becomes due when a
 * side's text becomes known, in this pass if it comes later in the order, else in the next,
 * so a long chain read newest first costs n log n instead of a pass per link.
 */
function applyDiffs(
  diffs: readonly DiffClaim[],
  texts: Map<number, ResolvedText>,
  budget: TextBudget,
  diagnostics: Diagnostic[],
  names: SourceNamer,
): void {
  const touching = new Map<number, number[]>();
  for (const [index, diff] of diffs.entries()) {
    for (const id of [diff.from, diff.to]) {
      const list = touching.get(id);
      if (list === undefined) touching.set(id, [index]);
      else if (list[list.length - 1] !== index) list.push(index);
    }
  }
  const done = new Uint8Array(diffs.length);
  let pass = new IndexHeap();
  let next = new IndexHeap();
  diffs.forEach((d, index) => {
    if (texts.has(d.from) || texts.has(d.to)) pass.push(index);
  });
  while (pass.size > 0) {
    for (let index = pass.pop(); index !== undefined; index = pass.pop()) {
      if (done[index] === 1) continue;
      done[index] = 1;
      if (budget.left < 0) {
        budget.refused++;
        continue;
      }
      const learnt = applyDiff(diffs[index]!, texts, budget, diagnostics, names);
      for (const due of learnt === null ? [] : (touching.get(learnt) ?? [])) {
        if (done[due] === 0) (due > index ? pass : next).push(due);
      }
    }
    [pass, next] = [next, pass];
  }
}

/** Apply one diff table to whichever side is known (the older one first); the id learnt. */
function applyDiff(
  diff: DiffClaim,
  texts: Map<number, ResolvedText>,
  budget: TextBudget,
  diagnostics: Diagnostic[],
  names: SourceNamer,
): number | null {
  const from = texts.get(diff.from);
  const direction = from !== undefined ? 'forward' : 'backward';
  const [baseId, target] = from !== undefined ? [diff.from, diff.to] : [diff.to, diff.from];
  const base = from ?? texts.get(diff.to)!;
  const result = applyDiffTable(base.text, diff.hunks, { direction });
  const mismatch = (message: string): void => {
    diagnostics.push({
      severity: 'warning',
      code: 'HISTORY_DIFF_MISMATCH',
      message: `the diff ${diff.from}→${diff.to} in ${names.source(diff.source)} ${message}`,
      entryIndex: diff.source.entryIndex,
      revisionId: diff.to,
    });
  };
  if (result.kind === 'mismatch') {
    mismatch(
      `does not apply ${direction} to the known text of revision ${baseId}: ${result.reason}`,
    );
    return null;
  }
  // Two bytes per UTF-16 code unit: what the string may take in memory, known without a scan.
  budget.left -= 2 * result.text.length;
  if (budget.left < 0) {
    budget.refused++;
    return null;
  }
  const known = texts.get(target);
  if (known === undefined) {
    texts.set(target, { text: result.text, origin: 'reconstructed' });
    return target;
  }
  if (known.text !== result.text) {
    mismatch(`applied to revision ${baseId} does not give the known text of revision ${target}`);
  }
  return null;
}
