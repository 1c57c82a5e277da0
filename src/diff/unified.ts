/**
 * Unified patches: format a diff as one, apply one to a text. The one file of `src/` importing
 * jsdiff (`diff`): the engine is our own Myers port (`myers.ts`), jsdiff writes and applies
 * the patches, as the issue asks ("`diff` stays the dependency for patch formatting").
 *
 * Texts vs files: a text is its lines joined by `\n` (MediaWiki stores no final newline), while a
 * patch speaks of files whose lines end in `\n`. So the text's last line, when not empty, is a
 * file line without a final newline (`\ No newline at end of file` follows it in the patch), and
 * when empty (a text ending in `\n`, or the empty text) it is no file line at all. Where one side
 * of an unchanged line is the file's unterminated last line and the other is not, the bytes
 * differ, so the patch shows that line as removed and added.
 */
import { applyPatch, FILE_HEADERS_ONLY, formatPatch, parsePatch } from 'diff';
import type { RevisionDiff } from './diff-revisions.js';
import type { TextDiff } from './diff-text.js';

/** Options of {@link formatUnifiedDiff}. */
export interface FormatUnifiedDiffOptions {
  /**
   * Name on the `---` line. `git apply` strips its first path component (`-p1`).
   * @default `a/<page title>` for a revision diff (spaces as `_`), else `a/old`
   */
  readonly oldName?: string;
  /**
   * Name on the `+++` line.
   * @default `b/<page title>` for a revision diff (spaces as `_`), else `b/new`
   */
  readonly newName?: string;
  /**
   * Text after a tab on the `---` line (GNU diff puts the date there).
   * @default `revision ID, TIMESTAMP, USER` for a revision diff, else none
   */
  readonly oldHeader?: string;
  /**
   * Text after a tab on the `+++` line.
   * @default `revision ID, TIMESTAMP, USER` for a revision diff, else none
   */
  readonly newHeader?: string;
}

const NO_EOL = '\\ No newline at end of file';

function isRevisionDiff(d: TextDiff): d is RevisionDiff {
  return 'older' in d && 'newer' in d;
}

function describe(side: RevisionDiff['older']): string {
  return [`revision ${side.id}`, side.timestamp, side.user].filter((x) => x !== null).join(', ');
}

// Feed strings may carry decoded CR/LF/ESC: in a header they would start `+++`/`@@` lines that
// patch and git apply read, or drive a terminal.
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;

function headerText(text: string): string {
  return text.replace(CONTROL, ' ');
}

function fileName(prefix: string, title: string): string {
  // Spaces would end the name for `git apply`; MediaWiki itself shows titles with `_` in URLs.
  return `${prefix}/${title.replace(/\s/g, '_').replace(CONTROL, '_')}`;
}

interface PatchLine {
  readonly op: ' ' | '-' | '+';
  readonly text: string;
  readonly noEolOld: boolean;
  readonly noEolNew: boolean;
}

/**
 * Formats a diff as a unified patch that GNU `patch` and `git apply` accept and that turns the
 * old text into the new one byte for byte, final newline or not.
 *
 * The hunks are those of the diff (its `context`); a diff made with `ignoreWhitespace` carries the
 * old text on lines that changed in whitespace only, so its patch does not restore those changes.
 *
 * @param diff - A `diffText` or `diffRevisions` result.
 * @param options - See {@link FormatUnifiedDiffOptions}.
 * @returns The patch text (empty string when the texts are equal).
 * @example
 * ```ts
 * formatUnifiedDiff(diffText('a\nb', 'a\nc'), { oldName: 'a/Page', newName: 'b/Page' })
 * // '--- a/Page\n+++ b/Page\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n'
 * ```
 */
export function formatUnifiedDiff(diff: TextDiff, options: FormatUnifiedDiffOptions = {}): string {
  const rev = isRevisionDiff(diff) ? diff : null;
  const oldName = headerText(
    options.oldName ?? (rev ? fileName('a', rev.older.pageTitle) : 'a/old'),
  );
  const newName = headerText(
    options.newName ?? (rev ? fileName('b', rev.newer.pageTitle) : 'b/new'),
  );
  const old = options.oldHeader ?? (rev ? describe(rev.older) : undefined);
  const neu = options.newHeader ?? (rev ? describe(rev.newer) : undefined);
  const oldHeader = old === undefined ? undefined : headerText(old);
  const newHeader = neu === undefined ? undefined : headerText(neu);
  const n = diff.oldLineCount;
  const m = diff.newLineCount;
  const hunks = [];
  for (const hunk of diff.hunks) {
    // The last line of a side: a phantom when empty, else a line without final newline.
    const out: PatchLine[] = [];
    let pendingDel: PatchLine[] = [];
    let pendingAdd: PatchLine[] = [];
    const flush = (): void => {
      // Line by line: a spread of 150,000 deleted lines overflows the stack.
      for (const l of pendingDel) out.push(l);
      for (const l of pendingAdd) out.push(l);
      pendingDel = [];
      pendingAdd = [];
    };
    let oldCount = 0;
    let newCount = 0;
    for (const line of hunk.lines) {
      const oldLast = line.kind !== 'added' && line.oldLine === n;
      const newLast = line.kind !== 'deleted' && line.newLine === m;
      const oldPhantom = oldLast && line.text === '';
      const newPhantom = newLast && line.text === '';
      switch (line.kind) {
        case 'deleted':
          if (!oldPhantom) {
            pendingDel.push({ op: '-', text: line.text, noEolOld: oldLast, noEolNew: false });
            oldCount++;
          }
          break;
        case 'added':
          if (!newPhantom) {
            pendingAdd.push({ op: '+', text: line.text, noEolOld: false, noEolNew: newLast });
            newCount++;
          }
          break;
        case 'context':
          if (oldLast === newLast && oldPhantom === newPhantom) {
            if (!oldPhantom) {
              flush();
              out.push({ op: ' ', text: line.text, noEolOld: oldLast, noEolNew: newLast });
              oldCount++;
              newCount++;
            }
          } else {
            // Same text, different bytes: one side ends the file without a newline, or is none.
            if (!oldPhantom) {
              pendingDel.push({ op: '-', text: line.text, noEolOld: oldLast, noEolNew: false });
              oldCount++;
            }
            if (!newPhantom) {
              pendingAdd.push({ op: '+', text: line.text, noEolOld: false, noEolNew: newLast });
              newCount++;
            }
          }
          break;
        default: {
          const never: never = line;
          throw new TypeError(`formatUnifiedDiff: unknown line ${JSON.stringify(never)}`);
        }
      }
    }
    flush();
    if (!out.some((l) => l.op !== ' ')) continue;
    const lines: string[] = [];
    for (const l of out) {
      lines.push(l.op + l.text);
      if ((l.op !== '+' && l.noEolOld) || (l.op !== '-' && l.noEolNew)) lines.push(NO_EOL);
    }
    hunks.push({
      oldStart: hunk.oldStart,
      oldLines: oldCount,
      newStart: hunk.newStart,
      newLines: newCount,
      lines,
    });
  }
  if (hunks.length === 0) return '';
  return formatPatch(
    { oldFileName: oldName, newFileName: newName, oldHeader, newHeader, hunks },
    FILE_HEADERS_ONLY,
  );
}

/**
 * Applies a unified patch (one file) to a text, exactly: no fuzz, context must match.
 *
 * @param text - The old text.
 * @param patch - A unified patch, such as `formatUnifiedDiff` writes.
 * @returns The new text, or `null` when the patch does not apply.
 * @throws TypeError when `patch` holds more than one file's changes.
 * @example
 * ```ts
 * applyUnifiedDiff('a\nb', formatUnifiedDiff(diffText('a\nb', 'a\nc'))) // 'a\nc'
 * ```
 */
export function applyUnifiedDiff(text: string, patch: string): string | null {
  if (patch === '') return text;
  const parsed = parsePatch(patch);
  if (parsed.length !== 1) {
    throw new TypeError(`applyUnifiedDiff: the patch holds ${parsed.length} files, expected 1`);
  }
  // Exact bytes: no line-ending conversion (a text may hold `\r\n` lines on purpose).
  const result = applyPatch(text, parsed[0]!, { autoConvertLineEndings: false });
  return result === false ? null : result;
}
