/**
 * Editor colours shared by the report's authorship chart and the blame page: the n-th editor
 * (by share) gets a hue a golden angle away from the previous one, so neighbours never look
 * alike however many editors there are.
 */

/**
 * The colour of the `index`-th editor: a saturated one for bars, a light one behind text
 * (dark text stays readable on it).
 *
 * @param index - The editor's rank, from 0.
 * @returns CSS colours `{ bar, background }`.
 * @example
 * ```ts
 * editorColor(0) // { bar: 'hsl(210 65% 45%)', background: 'hsl(210 80% 88%)' }
 * ```
 */
export function editorColor(index: number): { readonly bar: string; readonly background: string } {
  const hue = Math.round((210 + index * 137.508) % 360);
  return { bar: `hsl(${hue} 65% 45%)`, background: `hsl(${hue} 80% 88%)` };
}
