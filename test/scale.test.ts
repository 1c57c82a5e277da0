/**
 * wikirev/scale: units planned from dump files, each run on its own and merged, give exactly
 * the output of the whole file read as one unit (pages ordered by id), in every format.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  mergeUnitOutputs,
  planUnits,
  runUnit,
  type ScaleFormat,
  type UnitResult,
  type WorkUnit,
} from '../src/scale.js';

const fixture = (name: string) =>
  join(import.meta.dirname, '..', 'fixtures', 'dump-mediawiki-1.39', name);
const work = mkdtempSync(join(tmpdir(), 'wikirev-scale-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

let dirs = 0;
async function runAll(units: readonly WorkUnit[]): Promise<UnitResult[]> {
  const outDir = join(work, `run-${dirs++}`);
  const results: UnitResult[] = [];
  for (const unit of units) results.push(await runUnit(unit, { outDir }));
  return results;
}

const FORMATS: readonly ScaleFormat[] = ['json', 'md', 'html', 'csv', 'parquet'];

describe('planUnits, runUnit, mergeUnitOutputs', () => {
  it('cuts a plain dump at <page> and merges the parts to the bytes of the whole file', async () => {
    const file = fixture('full-0.11.xml');
    const whole = await planUnits([file]);
    const split = await planUnits([file], { unitBytes: 20_000 });
    assert.deepEqual(
      whole.map((u) => u.range.kind),
      ['whole'],
    );
    assert.ok(split.length >= 2, `${split.length} units`);
    for (const unit of split) assert.equal(unit.range.kind, 'bytes');
    const a = await runAll(whole);
    const b = await runAll(split);
    assert.deepEqual(
      [a.reduce((n, r) => n + r.pages, 0), a.reduce((n, r) => n + r.revisions, 0)],
      [13, 286],
    );
    assert.deepEqual(
      [b.reduce((n, r) => n + r.pages, 0), b.reduce((n, r) => n + r.revisions, 0)],
      [13, 286],
    );
    for (const format of FORMATS) {
      const x = await mergeUnitOutputs(
        a.map((r) => r.output),
        { format },
      );
      // Given in any order: the plan's order decides.
      const y = await mergeUnitOutputs(b.map((r) => r.output).reverse(), { format });
      assert.ok(x.output !== null && y.output !== null);
      assert.equal(Buffer.compare(x.output, y.output), 0, format);
      assert.equal(x.pages, 13);
    }
  });
});
