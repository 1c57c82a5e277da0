/**
 * The one wording of a file that cannot be opened, shared by the dump reader, the unit plan
 * and the CLI so that every command prints `a.xml: no such file` the same way.
 */
import { WikirevError } from '../errors.js';

/**
 * A file system error on `path` as a `FILE_UNREADABLE` {@link WikirevError} whose `file` is
 * the path and whose message says why without repeating it (Node's messages do).
 *
 * @param path - The file that could not be opened or read.
 * @param error - The error `open`, `stat` or `readFile` threw.
 * @returns The error to throw.
 * @example
 * ```ts
 * fileUnreadable('a.xml', Object.assign(new Error('ENOENT: …'), { code: 'ENOENT' })).message
 * // 'a.xml: no such file'
 * ```
 */
export function fileUnreadable(path: string, error: unknown): WikirevError {
  return new WikirevError('FILE_UNREADABLE', problem(error), undefined, { file: path });
}

function problem(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return `cannot open it (${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)})`;
  }
}
