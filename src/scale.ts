/**
 * `wikirev/scale` (Node only): dump files cut into units of work, run over worker threads (or
 * anywhere: a unit is plain data and its output a file), and merged into exactly the output
 * of one process. docs/17-scaling.md.
 * @packageDocumentation
 */

export type { AnalyzeDumpsOptions, AnalyzeDumpsResult } from './scale/analyze-dumps.js';
export { analyzeDumps } from './scale/analyze-dumps.js';
export type {
  MergeResult,
  MergeUnitOutputsOptions,
  ScaleFormat,
} from './scale/merge-unit-outputs.js';
export { mergeUnitOutputs } from './scale/merge-unit-outputs.js';
export type { PlanUnitsOptions } from './scale/plan-units.js';
export { planUnits } from './scale/plan-units.js';
export type { QueueAddOptions, QueueAddResult } from './scale/queue-add.js';
export { queueAdd } from './scale/queue-add.js';
export type { QueueCollectOptions } from './scale/queue-collect.js';
export { queueCollect } from './scale/queue-collect.js';
export type { QueueConnectionOptions, QueueEndpoint } from './scale/queue-connection.js';
export { queueEndpoint } from './scale/queue-connection.js';
export type { QueueJobState, QueueJson } from './scale/queue-engine.js';
export type { QueueUnitAnalysis } from './scale/queue-job.js';
export type { QueueRetryOptions } from './scale/queue-retry.js';
export { queueRetry } from './scale/queue-retry.js';
export type {
  QueueStatus,
  QueueStatusOptions,
  QueueUnitStatus,
} from './scale/queue-status.js';
export { queueStatus } from './scale/queue-status.js';
export type {
  QueueWorkerEvent,
  QueueWorkerOptions,
  QueueWorkerSummary,
} from './scale/queue-worker.js';
export { queueWorker } from './scale/queue-worker.js';
export type { RunUnitOptions, UnitError, UnitRecord, UnitResult } from './scale/run-unit.js';
export { runUnit } from './scale/run-unit.js';
export type { UnitRange, WorkUnit } from './scale/work-unit.js';
export type { UnitTablesResult, WriteUnitTablesOptions } from './scale/write-unit-tables.js';
export { writeUnitTables } from './scale/write-unit-tables.js';
