/**
 * Text for a terminal: what came from a feed, a file name or a server must not move the cursor,
 * recolour, retitle the window or reorder the line (ANSI escapes, C1 controls, bidi overrides).
 */

/** C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings, overrides,
 *  isolates and marks (Trojan Source, CVE-2021-42574). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Escapes every character that a terminal would act on instead of showing: `\x1b` for ESC and
 * the other C0/C1 controls, `\u202e` for the bidi controls. Tabs and newlines stay.
 *
 * @param text - Any text.
 * @returns The text, showing what it holds.
 * @example
 * ```ts
 * terminalText('a\x1b[31mred\u202e') // 'a\\x1b[31mred\\u202e'
 * ```
 */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
