/**
 * Bidi isolation of feed text in text outputs: a user name such as `Evil\u202Egnp.exe` (a
 * right-to-left override) must not read as `Evilexe.png`, nor reorder the text around it.
 */

/** Right-to-left scripts and the explicit bidi controls and marks: text without any of them
 *  cannot reorder its neighbours in a left-to-right document. */
const BIDI_RELEVANT =
  /[\p{Bidi_Control}\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

const OPENERS: Readonly<Record<string, 'embedding' | 'isolate'>> = {
  '\u202a': 'embedding',
  '\u202b': 'embedding',
  '\u202d': 'embedding',
  '\u202e': 'embedding',
  '\u2066': 'isolate',
  '\u2067': 'isolate',
  '\u2068': 'isolate',
};

/**
 * Wraps text that holds right-to-left characters or bidi controls in FSI…PDI (U+2068…U+2069),
 * after balancing its own controls: a stray PDF or PDI (which could close the wrapper early) is
 * dropped, and every embedding, override or isolate left open is closed inside the wrapper.
 * Left-to-right text comes back unchanged.
 *
 * @param text - A user name, a title, a summary.
 * @returns The text, isolated where it needs it.
 * @example
 * ```ts
 * isolateBidi('Evil\u202Egnp.exe') // '\u2068Evil\u202Egnp.exe\u202C\u2069'
 * isolateBidi('Alice') // 'Alice'
 * ```
 */
export function isolateBidi(text: string): string {
  if (!BIDI_RELEVANT.test(text)) return text;
  const open: ('embedding' | 'isolate')[] = [];
  let out = '';
  for (const c of text) {
    const opener = OPENERS[c];
    if (opener !== undefined) {
      open.push(opener);
    } else if (c === '\u202c') {
      if (open[open.length - 1] !== 'embedding') continue;
      open.pop();
    } else if (c === '\u2069') {
      // A PDI closes the innermost isolate and every embedding opened inside it (UAX #9, X6a).
      const at = open.lastIndexOf('isolate');
      if (at < 0) continue;
      open.length = at;
    }
    out += c;
  }
  for (let k = open.length - 1; k >= 0; k--) out += open[k] === 'isolate' ? '\u2069' : '\u202c';
  return `\u2068${out}\u2069`;
}
