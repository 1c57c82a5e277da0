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
  const found: string[] = [];
  // PHP's `\s` (no `u` flag) is ASCII whitespace only and its `.` stops only at `\n`.
  for (const match of comment.matchAll(/\/\*[ \t\n\v\f\r]*([^\n]*?)[ \t\n\v\f\r]*\*\//g)) {
    found.push(match[1] ?? '');
  }
  return found;
}
