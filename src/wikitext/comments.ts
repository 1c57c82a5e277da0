/**
 * Autocomments: the `/* Section *\/` parts of an edit summary.
 */

/**
 * The autocomments of an edit summary, in order, as MediaWiki reads them: the text between
 * `/*` and the next `*\/`, trimmed (`Linker::formatAutocomments` uses the non-greedy
 * `!/\*\s*(.*?)\s*\*\/!`, so an autocomment does not span lines and may be empty).
 *
 * @param comment - A raw edit summary.
 * @returns The autocomment texts, possibly empty strings (`/* *\/` names the top of the page).
 * @example
 * ```ts
 * parseAutocomments('/* Agenda *\/ fix date, /* See also *\/') // ['Agenda', 'See also']
 * ```
 */
export function parseAutocomments(comment: string): string[] {
  return autocommentSpans(comment).map((a) => a.text);
}

/** One autocomment of an edit summary: its text, trimmed, and where its `*\/` ends. */
export interface AutocommentSpan {
  readonly text: string;
  /** UTF-16 index just past the closing `*\/`. */
  readonly end: number;
}

/** PHP's `\s` without the `u` flag: ASCII whitespace. */
const isPhpSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/**
 * The matches of `!/\*\s*(.*?)\s*\*\/!` found in one linear pass. The pattern itself
 * backtracks cubically on `/*` followed by a long run of spaces and no `*\/` (34 s for 5,000
 * spaces in V8). A match from a `/*` exists iff the first `*\/` after its leading spaces can be
 * reached without the lazy group crossing a newline; that `*\/` ends it, and the group stops
 * at the spaces before it. The next `*\/` and newline are remembered, so that many `/*`
 * without an end cost one scan.
 *
 * @param comment - A raw edit summary.
 * @returns Each autocomment's text and end, in order.
 * @example
 * ```ts
 * autocommentSpans('/* A *\/ x') // [{ text: 'A', end: 7 }]
 * ```
 */
export function autocommentSpans(comment: string): AutocommentSpan[] {
  const found: AutocommentSpan[] = [];
  const n = comment.length;
  // The first `*/` at or after the last group start, and the start of the spaces before it.
  let close = -1;
  let closeSpaces = -1;
  // The first newline at or after the last group start (n when none).
  let newline = -1;
  for (let p = comment.indexOf('/*'); p !== -1; ) {
    let start = p + 2;
    while (start < n && isPhpSpace(comment.charCodeAt(start))) start++;
    if (close < start) {
      close = comment.indexOf('*/', start);
      if (close === -1) break;
      closeSpaces = close;
      while (closeSpaces > 0 && isPhpSpace(comment.charCodeAt(closeSpaces - 1))) closeSpaces--;
    }
    if (newline < start) {
      newline = comment.indexOf('\n', start);
      if (newline === -1) newline = n;
    }
    const end = Math.max(start, closeSpaces);
    if (end <= newline) {
      found.push({ text: comment.slice(start, end), end: close + 2 });
      p = comment.indexOf('/*', close + 2);
    } else {
      p = comment.indexOf('/*', p + 1);
    }
  }
  return found;
}
