/**
 * assertSectionsChanged, assertDiff and formatDiffSnapshot on the section edits of the oracle
 * corpus: the autocomment MediaWiki's section edit form wrote names the section edited
 * (FORMAT.md 10), the section numbers come from `truth/sections/`, the line diffs from GNU diff.
 */
import { AssertionError } from 'node:assert';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { diffText } from '../src/diff/diff-text.js';
import { formatUnifiedDiff } from '../src/diff/unified.js';
import { assertDiff } from '../src/testing/assert-diff.js';
import { assertSectionsChanged } from '../src/testing/assert-sections-changed.js';
import { formatDiffSnapshot } from '../src/testing/format-diff-snapshot.js';
import { CORPUS, storedText, truthRevisions } from './helpers/corpus.js';

const text = (revid: number): string => {
  const t = storedText(revid);
  assert.ok(t !== undefined, `truth/wikitext/${revid}.wiki`);
  return t;
};

/** Section edits of the corpus: revisions whose summary starts with an autocomment. */
const sectionEdits = [...truthRevisions().values()].flatMap((rev) => {
  const heading = /^\/\*\s*(.*?)\s*\*\//.exec(rev.comment ?? '')?.[1];
  if (heading === undefined || !rev.parentid) return [];
  const before = storedText(rev.parentid);
  const after = storedText(rev.revid);
  if (before === undefined || after === undefined) return [];
  return [{ revid: rev.revid, heading, before, after }];
});

/** MediaWiki's own number of a section (`truth/sections/REV.json`). */
function sectionIndex(revid: number, line: string): number {
  const file = JSON.parse(
    readFileSync(join(CORPUS, 'truth', 'sections', `${revid}.json`), 'utf8'),
  ) as { parse: { sections: { line: string; index: string }[] } };
  const found = file.parse.sections.find((s) => s.line === line);
  assert.ok(found, `section ${line} of revision ${revid}`);
  return Number(found.index);
}

const work = mkdtempSync(join(tmpdir(), 'wikirev-testing-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** GNU `diff -u` of two texts, from its first `@@` (exit status 1 means "different"). */
function gnuDiff(a: string, b: string): string {
  writeFileSync(join(work, 'a'), a);
  writeFileSync(join(work, 'b'), b);
  try {
    return execFileSync('diff', ['-u', join(work, 'a'), join(work, 'b')], { encoding: 'utf8' });
  } catch (e) {
    const out = (e as { stdout?: string }).stdout ?? '';
    return out.slice(out.search(/^@@/m));
  }
}

describe('assertSectionsChanged', () => {
  it('passes for every section edit of the corpus, naming the section of its autocomment', () => {
    assert.ok(sectionEdits.length >= 15, `${sectionEdits.length} section edits`);
    for (const edit of sectionEdits) {
      assertSectionsChanged(edit.before, edit.after, [edit.heading], {
        message: `revision ${edit.revid}`,
      });
    }
  });

  it('names sections by MediaWiki section number (truth/sections)', () => {
    // Sandbox revision 5: `/* Early years */ expand`.
    assertSectionsChanged(text(4), text(5), [sectionIndex(5, 'Early years')]);
    assert.throws(() => assertSectionsChanged(text(4), text(5), [sectionIndex(5, 'History')]));
  });

  it('fails with the unexpected and missing sections and the diff', () => {
    let error: unknown;
    try {
      assertSectionsChanged(text(4), text(5), ['Details']);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof AssertionError);
    const message = error.message;
    assert.match(message, /unexpected \(changed, not expected\):\n {4}"Early years" \(modified/);
    assert.match(message, /missing \(expected, not changed\):\n {4}"Details"/);
    assert.match(message, /\n {4}-Small beginnings\.\n {4}\+Small but ambitious beginnings\./);
  });

  it('allowOthers lets more sections change, but every expected one must', () => {
    // Revision 10 renames `Geography` (FORMAT.md example edits).
    assertSectionsChanged(text(9), text(10), ['Geography and climate']);
    assertSectionsChanged(text(9), text(10), ['Geography']);
    assertSectionsChanged(text(4), text(10), ['Early years'], { allowOthers: true });
    assert.throws(
      () =>
        assertSectionsChanged(text(4), text(5), ['Early years', 'Notes'], { allowOthers: true }),
      /missing[^\n]*\n {4}"Notes"/,
    );
  });

  it('rejects misuse with TypeError', () => {
    assert.throws(() => assertSectionsChanged('a', 'b', 'A' as unknown as string[]), TypeError);
  });
});

describe('assertDiff', () => {
  it('accepts the patch GNU diff -u writes for the corpus section edits', () => {
    for (const edit of sectionEdits) {
      assertDiff(edit.before, edit.after, gnuDiff(edit.before, edit.after));
    }
  });

  it('accepts the list of changed lines, with or without line numbers', () => {
    assertDiff(text(4), text(5), [
      { kind: 'removed', text: 'Small beginnings.', line: 8 },
      { kind: 'added', text: 'Small but ambitious beginnings.', line: 8 },
    ]);
    assertDiff(text(9), text(10), [
      { kind: 'removed', text: '== Geography ==' },
      { kind: 'added', text: '== Geography and climate ==' },
    ]);
    assertDiff('same', 'same', []);
    assertDiff('same', 'same', '');
  });

  it('fails showing expected and actual, one line each', () => {
    assert.throws(
      () => assertDiff(text(4), text(5), [{ kind: 'added', text: 'Small beginnings.' }]),
      (e: unknown) =>
        e instanceof AssertionError &&
        e.message.includes('expected:\n    + "Small beginnings."') &&
        e.message.includes('actual:\n    -8: "Small beginnings."\n    +8: "Small but ambitious'),
    );
    // The amount of context does not matter, the changed lines and their numbers do.
    assertDiff('a\nb\nc', 'a\nB\nc', '@@ -2 +2 @@\n-b\n+B\n');
    assert.throws(
      () => assertDiff('a\nb\nc', 'a\nB\nc', '@@ -1,3 +1,3 @@\n a\n-b\n+X\n c\n'),
      (e: unknown) =>
        e instanceof AssertionError &&
        e.message.includes('expected:\n    @@ -1,3 +1,3 @@\n     a\n    -b\n    +X') &&
        e.message.includes('actual:\n    @@ -1,3 +1,3 @@\n     a\n    -b\n    +B'),
    );
    assert.throws(() => assertDiff('a\nb', 'a\nB', '@@ -1 +1 @@\n-b\n+B\n'), AssertionError);
  });
});

describe('formatDiffSnapshot', () => {
  it('counts lines as GNU diff does and names the changed section', () => {
    for (const edit of sectionEdits) {
      const snapshot = formatDiffSnapshot(edit.before, edit.after);
      const gnu = gnuDiff(`${edit.before}\n`, `${edit.after}\n`).split('\n');
      const added = gnu.filter((l) => l.startsWith('+')).length;
      const removed = gnu.filter((l) => l.startsWith('-')).length;
      assert.ok(
        snapshot.startsWith(`lines: +${added} -${removed} `),
        `revision ${edit.revid}: ${snapshot.split('\n')[0]} vs GNU +${added} -${removed}`,
      );
      assert.ok(snapshot.split('\n')[1]?.includes(JSON.stringify(edit.heading)), snapshot);
    }
  });

  it('is deterministic and shows the texts lines as they are', () => {
    const a = formatDiffSnapshot(text(4), text(5));
    assert.equal(formatDiffSnapshot(text(4), text(5)), a);
    assert.equal(
      formatDiffSnapshot('Intro\n== A ==\nold', 'Intro\n== A ==\nnew', { context: 1 }),
      'lines: +1 -1 =2\nsections: modified "A" (+1 -1)\n@@ -2,2 +2,2 @@\n == A ==\n-old\n+new',
    );
    assert.equal(formatDiffSnapshot('x', 'x', { sections: false }), 'lines: +0 -0 =1');
    // The hunk body is the unified patch's, minus the file-level `\ No newline` lines.
    const patch = formatUnifiedDiff(diffText(text(4), text(5)));
    assert.ok(patch.includes(a.split('\n').slice(3).join('\n')));
  });
});
