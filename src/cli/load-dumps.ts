/**
 * XML dumps among a command's inputs: told from feeds by name (`.bz2`, `.gz`, `.7z`) or by a
 * `<mediawiki` root in their first bytes, and read into revisions for `buildHistory` (a dump,
 * like the Action API, gives whole revisions and each page's newest one).
 */
import { open } from 'node:fs/promises';
import { historyFromDump } from '../dump.js';
import type { Diagnostic } from '../errors.js';
import type { Revision } from '../model.js';

const COMPRESSED = /\.(bz2|gz|7z)$/i;

async function looksLikeDump(name: string): Promise<boolean> {
  if (name === '-' || /^https?:/i.test(name)) return false;
  if (COMPRESSED.test(name)) return true;
  const file = await open(name, 'r').catch(() => null);
  if (file === null) return false;
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return /<mediawiki[\s>]/.test(head.toString('utf8', 0, bytesRead));
  } finally {
    await file.close();
  }
}

/** Splits input names into dumps and the rest, keeping their order. */
export async function splitDumpInputs(
  names: readonly string[],
): Promise<{ readonly dumps: readonly string[]; readonly others: readonly string[] }> {
  const dumps: string[] = [];
  const others: string[] = [];
  for (const name of names) ((await looksLikeDump(name)) ? dumps : others).push(name);
  return { dumps, others };
}

/** The revisions of dumps, the titles whose newest revision they hold, their diagnostics. */
export interface LoadedDumps {
  readonly revisions: readonly Revision[];
  readonly newest: readonly string[];
  readonly diagnostics: readonly { readonly name: string; readonly diagnostic: Diagnostic }[];
}

/**
 * Reads every revision of the dumps (held in memory: a report covers them all).
 *
 * @example
 * ```ts
 * const { revisions } = await loadDumps(['pages.xml.bz2']);
 * revisions.length // 286
 * ```
 */
export async function loadDumps(names: readonly string[]): Promise<LoadedDumps> {
  const revisions: Revision[] = [];
  const newest: string[] = [];
  const diagnostics: { name: string; diagnostic: Diagnostic }[] = [];
  for (const name of names) {
    for await (const page of historyFromDump(name)) {
      revisions.push(...page.revisions);
      newest.push(page.title);
      for (const diagnostic of page.diagnostics) diagnostics.push({ name, diagnostic });
    }
  }
  return { revisions, newest, diagnostics };
}
