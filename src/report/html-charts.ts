/**
 * The HTML report's charts as inline SVG: no script and no request to view them, a `<title>` on
 * every bar and point for its value on hover. Horizontal positions are percentages of the
 * chart's width and text sizes are pixels, so labels stay readable from a 390 px phone to a
 * desktop instead of shrinking with a scaled viewBox; colours come from the page's CSS variables
 * (light and dark).
 */
import { displayTime } from './dates.js';
import { escapeHtml as e } from './escape-html.js';
import type { PeriodReport } from './history-report.js';
import { isolateBidi } from './isolate-bidi.js';

/** The formatting the report uses for counts. */
export function num(n: number): string {
  return n.toLocaleString('en-US');
}

const plural = (n: number, word: string) => `${num(n)} ${word}${n === 1 ? '' : 's'}`;

/** Percent with at most 3 decimals: SVG coordinates stay short. */
const pct = (x: number) => `${Math.round(x * 1000) / 1000}%`;

/** The axis top and its tick step: 1, 2 or 5 times a power of ten, at most 4 steps. */
function axis(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  for (let p = 1; ; p *= 10) {
    for (const m of [1, 2, 5]) {
      const step = m * p;
      if (step * 4 >= max) return { top: Math.ceil(max / step) * step, step };
    }
  }
}

/** Horizontal grid lines (drawn under the data) and their values above them at the left
 *  edge (drawn over it, on a halo of the background). */
function grid(
  top: number,
  step: number,
  y0: number,
  height: number,
  unit: string,
): { lines: string; values: string } {
  const lines: string[] = [];
  const values: string[] = [];
  for (let v = step; v <= top; v += step) {
    const y = Math.round(y0 + height - (v / top) * height) + 0.5;
    lines.push(`<line class="grid" x1="0" x2="100%" y1="${y}" y2="${y}"></line>`);
    values.push(`<text class="tick value" x="2" y="${y - 3}">${num(v)}${unit}</text>`);
  }
  return { lines: lines.join(''), values: values.join('') };
}

/** Up to `max` evenly spread indices of `n` items, first and last included. */
function spread(n: number, max: number): number[] {
  if (n <= max) return [...Array(n).keys()];
  return [...Array(max).keys()].map((i) => Math.round((i * (n - 1)) / (max - 1)));
}

/** An x-axis label: the first is anchored at its start, the last at its end, so none is cut;
 *  every other one is `opt` (the CSS hides those on a phone). */
function xLabel(x: number, y: number, text: string, index: number, count: number): string {
  if (count === 1)
    return `<text class="tick" x="${pct(x)}" y="${y}" text-anchor="middle">${e(text)}</text>`;
  const anchor = index === 0 ? 'start' : index === count - 1 ? 'end' : 'middle';
  const cls = index === 0 || index === count - 1 || index % 2 === 0 ? 'tick' : 'tick opt';
  const at = index === 0 ? 0 : index === count - 1 ? 100 : x;
  return `<text class="${cls}" x="${pct(at)}" y="${y}" text-anchor="${anchor}">${e(text)}</text>`;
}

/**
 * Edits per period as bars on a value axis, a label under evenly spread periods, and each
 * period's edits and bytes in its `<title>` (the whole column is the hover target).
 */
export function editsChart(periods: readonly PeriodReport[], period: string): string {
  const n = periods.length;
  // A loop, not `Math.max(...periods)`: one period per day of 500 years overflows the stack.
  const most = periods.reduce((m, p) => Math.max(m, p.edits), 0);
  const { top, step } = axis(most);
  const y0 = 14;
  const height = 130;
  const base = y0 + height;
  const slot = 100 / Math.max(n, 1);
  // A bar is at most 5 % wide, centred in its slot: a few periods do not make slabs.
  const width = Math.min(slot * (n > 60 ? 0.9 : 0.75), 5);
  const bars = periods.map((p, k) => {
    const h = Math.round((p.edits / top) * height);
    const x = pct(k * slot);
    const w = pct(width);
    const value = `${p.label}: ${plural(p.edits, 'edit')}, +${num(p.bytesAdded)} / −${num(p.bytesRemoved)} bytes`;
    return `<g class="col"><title>${e(value)}</title><rect class="hit" x="${x}" y="${y0}" width="${pct(slot)}" height="${height}"></rect><rect class="bar" x="${pct(k * slot + (slot - width) / 2)}" y="${base - h}" width="${w}" height="${h}"></rect></g>`;
  });
  const picked = spread(n, 7);
  const labels = picked.map((k, i) =>
    xLabel((k + 0.5) * slot, base + 15, periods[k]?.label ?? '', i, picked.length),
  );
  const g = grid(top, step, y0, height, '');
  const total = periods.reduce((s, p) => s + p.edits, 0);
  const label = `Edits per ${period}: ${plural(total, 'edit')} in ${plural(n, period)}, at most ${num(most)} in one ${period}`;
  return `<svg class="chart edits" width="100%" height="${base + 20}" role="img" aria-label="${e(label)}"><title>${e(label)}</title>${g.lines}${bars.join('')}<line class="axis" x1="0" x2="100%" y1="${base + 0.5}" y2="${base + 0.5}"></line>${g.values}${labels.join('')}</svg>`;
}

/** One revision on a size chart. */
export interface SizePoint {
  readonly id: number;
  readonly timestamp: string;
  readonly size: number;
}

/**
 * A page's size in bytes over time (XTools' size chart): a step line, a dot per revision with
 * its id, time and size in its `<title>`, the first and last dates under the axis.
 */
export function sizeChart(points: readonly SizePoint[], timeZone: string): string {
  const times = points.map((p) => Date.parse(p.timestamp));
  // Loops, not `Math.min(...times)`: a spread of 150,000 revisions overflows the stack.
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  let largest = 0;
  for (const [k, t] of times.entries()) {
    t0 = Math.min(t0, t);
    t1 = Math.max(t1, t);
    largest = Math.max(largest, points[k]!.size);
  }
  const span = t1 - t0;
  const { top, step } = axis(largest);
  const y0 = 14;
  const height = 90;
  const base = y0 + height;
  // With one revision (or all at one instant) the dots stand in the middle.
  const xOf = (k: number) => (span === 0 ? 50 : (((times[k] ?? t0) - t0) / span) * 100);
  const yOf = (size: number) => height - (size / top) * height;
  let path = '';
  points.forEach((p, k) => {
    const x = Math.round(xOf(k) * 10);
    const y = Math.round(yOf(p.size) * 10) / 10;
    path += k === 0 ? `M${x} ${y}` : `H${x}V${y}`;
  });
  const last = points[points.length - 1];
  if (last !== undefined) path += 'H1000';
  const area = `${path}V${height}H${Math.round(xOf(0) * 10)}Z`;
  const dots = points.map((p, k) => {
    const value = `r${p.id} · ${displayTime(p.timestamp, timeZone)} · ${num(p.size)} bytes`;
    return `<circle class="dot" cx="${pct(xOf(k))}" cy="${Math.round(y0 + yOf(p.size))}" r="3"><title>${e(value)}</title></circle>`;
  });
  const first = points[0];
  const dates =
    first === undefined || last === undefined
      ? []
      : span === 0
        ? [xLabel(50, base + 15, displayTime(first.timestamp, timeZone).slice(0, 10), 0, 1)]
        : [
            xLabel(0, base + 15, displayTime(first.timestamp, timeZone).slice(0, 10), 0, 2),
            xLabel(100, base + 15, displayTime(last.timestamp, timeZone).slice(0, 10), 1, 2),
          ];
  const g = grid(top, step, y0, height, ' B');
  const label = `Page size over time: ${plural(points.length, 'revision')}, from ${num(first?.size ?? 0)} to ${num(last?.size ?? 0)} bytes, at most ${num(largest)}`;
  return `<svg class="chart size" width="100%" height="${base + 20}" role="img" aria-label="${e(label)}"><title>${e(label)}</title>${g.lines}<svg y="${y0}" width="100%" height="${height}" viewBox="0 0 1000 ${height}" preserveAspectRatio="none"><path class="area" d="${area}"></path><path class="line" d="${path}" vector-effect="non-scaling-stroke"></path></svg><line class="axis" x1="0" x2="100%" y1="${base + 0.5}" y2="${base + 0.5}"></line>${dots.join('')}${g.values}${dates.join('')}</svg>`;
}

/** Colours of the share chart (CSS classes `c0`…`c7`, light and dark in the stylesheet). */
const SHARE_COLOURS = 8;

/** One slice of the share chart. */
export interface ShareSlice {
  /** Already-escaped HTML of the slice's name (a user, or "others"). */
  readonly nameHtml: string;
  /** Plain text of the name, for the hover title. */
  readonly name: string;
  readonly edits: number;
}

/**
 * Share of edits per user: one bar split in proportion (a `<title>` per part), and a legend
 * in HTML under it, where long names wrap instead of being cut.
 */
export function shareChart(slices: readonly ShareSlice[]): string {
  const total = slices.reduce((s, x) => s + x.edits, 0);
  if (total === 0) return '';
  let x = 0;
  const parts: string[] = [];
  const legend: string[] = [];
  slices.forEach((s, k) => {
    const share = (s.edits / total) * 100;
    const c = `c${k % SHARE_COLOURS}`;
    const value = `${isolateBidi(s.name)}: ${plural(s.edits, 'edit')} (${share.toFixed(1)} %)`;
    parts.push(
      `<rect class="${c}" x="${pct(x)}" y="0" width="${pct(share)}" height="22"><title>${e(value)}</title></rect>`,
    );
    legend.push(
      `<li><span class="sw ${c}"></span>${s.nameHtml} <span class="muted">${num(s.edits)} · ${share.toFixed(1)} %</span></li>`,
    );
    x += share;
  });
  return `<svg class="chart share" width="100%" height="22" role="img" aria-label="Share of edits per user"><title>Share of edits per user</title>${parts.join('')}</svg><ol class="legend">${legend.join('')}</ol>`;
}
