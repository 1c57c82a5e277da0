/**
 * `wikirev/scale` (Node only): dump files cut into units of work, run over worker threads (or
 * anywhere: a unit is plain data and its output a file), and merged into exactly the output
 * of one process. docs/17-scaling.md.
 * @packageDocumentation
 */

export type {
  MergeResult,
  MergeUnitOutputsOptions,
  ScaleFormat,
} from './scale/merge-unit-outputs.js';
export { mergeUnitOutputs } from './scale/merge-unit-outputs.js';
export type { PlanUnitsOptions } from './scale/plan-units.js';
export { planUnits } from './scale/plan-units.js';
export type { RunUnitOptions, UnitError, UnitRecord, UnitResult } from './scale/run-unit.js';
export { runUnit } from './scale/run-unit.js';
export type { UnitRange, WorkUnit } from './scale/work-unit.js';
