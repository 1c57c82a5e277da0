/**
 * The JSON report: the {@link HistoryReport} itself, as described by `docs/report.schema.json`.
 */
import type { HistoryReport } from './history-report.js';

/** Options of {@link renderJson}. */
export interface RenderJsonOptions {
  /**
   * Spaces of indentation; 0 writes one line.
   * @default 2
   */
  readonly indent?: number;
}

/**
 * Renders a report as JSON (stable key order: that of the report; `schemaVersion` first).
 *
 * @param report - From `analyzeHistory`.
 * @param options - See {@link RenderJsonOptions}.
 * @returns The JSON text, ending in a newline.
 * @example
 * ```ts
 * JSON.parse(renderJson(report)).schemaVersion // 1
 * ```
 */
export function renderJson(report: HistoryReport, options: RenderJsonOptions = {}): string {
  const indent = options.indent ?? 2;
  if (!Number.isInteger(indent) || indent < 0 || indent > 10) {
    throw new RangeError('renderJson: options.indent must be an integer from 0 to 10');
  }
  return `${JSON.stringify(report, null, indent)}\n`;
}
