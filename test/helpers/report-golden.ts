/**
 * Golden files of reports under fixtures/golden/: compared byte for byte; `UPDATE_GOLDEN=1`
 * rewrites them (then read the diff by eye before committing).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFeed } from '../../src/feed/parse-feed.js';
import type { History } from '../../src/model.js';
import { buildHistory } from '../../src/revisions/build-history.js';

export const GOLDEN = join(import.meta.dirname, '..', '..', 'fixtures', 'golden');
export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** Asserts `actual` equals the golden file `name` (or writes it under UPDATE_GOLDEN=1). */
export function assertGolden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    writeFileSync(path, actual);
    if (process.env.UPDATE_GOLDEN !== '1')
      assert.fail(`golden file ${name} was missing: written, review it`);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${name} differs (UPDATE_GOLDEN=1 to rewrite)`);
}

/** The history of feed files given relative to fixtures/. */
export function historyOf(...files: string[]): History {
  return buildHistory(files.map((f) => parseFeed(readFileSync(join(FIXTURES, f)))));
}
