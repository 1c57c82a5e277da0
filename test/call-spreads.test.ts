/**
 * Issue 13: no data-sized array spread into a call's arguments (`out.push(...lines)`,
 * `Math.max(...sizes)`). Each argument takes stack: past about 120,000 the call throws an
 * untyped RangeError, which a page of 40,000 revisions reached in the Markdown report. Arrays
 * are copied with loops instead; the spreads left are of arrays bounded by a constant, listed
 * here with their bound.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const SRC = join(import.meta.dirname, '..', 'src');
const CALLEES = /\b(?:push|unshift|splice|min|max|fromCharCode|fromCodePoint|apply)\($/;

/** Spreads whose array is bounded, by file and the line's text. */
const BOUNDED: readonly [file: string, snippet: string, bound: string][] = [
  ['wikitext/text-builder.ts', 'buffer.subarray(k, Math.min(length, k + 8192))', '8,192 units'],
  ['report/html-diff.ts', 'rows.slice(k, k + FOLD_KEEP)', 'FOLD_KEEP rows'],
  ['report/html-diff.ts', 'rows.slice(end - FOLD_KEEP, end)', 'FOLD_KEEP rows'],
  ['report/html-diff.ts', 'rows.slice(k, end)', '2 × FOLD_KEEP + 1 rows (else folded)'],
  ['report/authorship-html.ts', 'rows.map((r) => r.e.added)', 'the editors shown, and 2'],
  ['report/render-markdown.ts', 'authorshipMarkdown(p.authorship, cellUser)', 'the editors shown'],
];

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** The text before each `...` up to its innermost open bracket, when that is a call's `(`. */
function spreadCalls(line: string): string[] {
  const found: string[] = [];
  for (let at = line.indexOf('...'); at !== -1; at = line.indexOf('...', at + 3)) {
    let depth = 0;
    for (let k = at - 1; k >= 0; k--) {
      const c = line[k]!;
      if (c === ')' || c === ']' || c === '}') depth++;
      else if (c === '(' || c === '[' || c === '{') {
        if (depth > 0) {
          depth--;
          continue;
        }
        if (c === '(' && CALLEES.test(line.slice(0, k + 1))) found.push(line.trim());
        break;
      }
    }
  }
  return found;
}

test('no array spread into call arguments in src/ unless bounded', () => {
  const unbounded: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const name = relative(SRC, file).replaceAll('\\', '/');
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, k) => {
        if (line.trim().startsWith('//') || line.trim().startsWith('*')) return;
        for (const call of spreadCalls(line)) {
          if (!BOUNDED.some(([f, snippet]) => f === name && call.includes(snippet))) {
            unbounded.push(`${name}:${k + 1}: ${call}`);
          }
        }
      });
  }
  assert.deepEqual(unbounded, []);
});

test('the check finds a spread into push, Math.max and fromCharCode', () => {
  assert.equal(spreadCalls('out.push(...lines);').length, 1);
  assert.equal(spreadCalls("out.push('a', ...f(x), 'b');").length, 1);
  assert.equal(spreadCalls('Math.max(0, ...sizes.map((s) => s.n))').length, 1);
  assert.equal(spreadCalls('String.fromCharCode(...codes)').length, 1);
  assert.equal(spreadCalls('list.push({ ...move, id })').length, 0);
  assert.equal(spreadCalls('const all = [...a, ...b];').length, 0);
  assert.equal(spreadCalls('f(...args)').length, 0);
});
