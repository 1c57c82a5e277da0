/**
 * `renderReport`: one entry point for the three report formats.
 */
import type { HistoryReport } from './history-report.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import type { WikiLinks } from './wiki-links.js';

/** A report format. */
export type ReportFormat = 'markdown' | 'html' | 'json';

/** Options of {@link renderReport}. */
export interface RenderReportOptions {
  /**
   * The output format.
   * @default 'markdown'
   */
  readonly format?: ReportFormat;
  /**
   * Title of the Markdown and HTML documents.
   * @default 'Revision report'
   */
  readonly title?: string;
  /**
   * Show each revision's diff (Markdown and HTML; JSON always carries what the report holds).
   * @default true
   */
  readonly diffs?: boolean;
  /**
   * Where the wiki's pages are (see `wikiLinksOf`), for the HTML report's links to the wiki.
   * @default no links to the wiki
   */
  readonly wiki?: WikiLinks | null;
  /**
   * HTML: include the report's one small script (see `RenderHtmlOptions.script`).
   * @default true
   */
  readonly script?: boolean;
}

const FORMATS: readonly ReportFormat[] = ['markdown', 'html', 'json'];

/**
 * Renders a report as Markdown (GFM, diffs in `diff` fences), one self-contained HTML file, or
 * JSON (`docs/report.schema.json`).
 *
 * @param report - From `analyzeHistory`.
 * @param options - See {@link RenderReportOptions}.
 * @returns The document, ending in a newline.
 * @throws RangeError for an unknown `format`.
 * @example
 * ```ts
 * renderReport(report, { format: 'markdown' }).split('\n')[0] // '# Revision report'
 * renderReport(report, { format: 'json' }).startsWith('{\n  "schemaVersion": 2') // true
 * ```
 */
export function renderReport(report: HistoryReport, options: RenderReportOptions = {}): string {
  if (typeof report !== 'object' || report === null || report.schemaVersion !== 2) {
    throw new TypeError('renderReport: report must be a HistoryReport (from analyzeHistory)');
  }
  const format = options.format ?? 'markdown';
  if (!FORMATS.includes(format)) {
    throw new RangeError(`renderReport: options.format must be one of ${FORMATS.join(', ')}`);
  }
  const common = {
    ...(options.title === undefined ? {} : { title: options.title }),
    ...(options.diffs === undefined ? {} : { diffs: options.diffs }),
  };
  switch (format) {
    case 'markdown':
      return renderMarkdown(report, common);
    case 'html':
      return renderHtml(report, {
        ...common,
        ...(options.wiki === undefined ? {} : { wiki: options.wiki }),
        ...(options.script === undefined ? {} : { script: options.script }),
      });
    case 'json':
      return renderJson(report);
    default: {
      const never: never = format;
      throw new RangeError(`renderReport: unknown format ${String(never)}`);
    }
  }
}
