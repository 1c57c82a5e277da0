/** How buildHistory's diagnostics name its sources: by position, or by names the caller gives. */
import type { RevisionSource } from '../model.js';

/**
 * The names diagnostics give to `buildHistory`'s sources, so that a program with inputs of its
 * own (files, URLs, dumps) gets messages naming them instead of positions.
 *
 * @example
 * ```ts
 * const names: SourceNames = {
 *   feeds: ['sandbox.atom.xml', 'alice.rss.xml'],
 *   revisions: [{ name: 'https://wiki.example.org/w/api.php', count: 40 }],
 * };
 * buildHistory([sandbox, alice], { revisions, sourceNames: names });
 * // '… in sandbox.atom.xml (history) entry 4 …' instead of '… in feed 0 (history) entry 4 …'
 * ```
 */
export interface SourceNames {
  /**
   * Each feed's name, by its position in `feeds`; a feed past the end keeps the default.
   * @default [] (`feed 2`)
   */
  readonly feeds?: readonly string[];
  /**
   * Names of consecutive runs of `options.revisions`, in order: `{ name, count }` names the
   * next `count` revisions (the API's URL for the first 40, a dump for the next 286). A
   * revision past the runs keeps the default.
   * @default [] (`the API revisions (options.revisions[5])`)
   */
  readonly revisions?: readonly { readonly name: string; readonly count: number }[];
}

/** Names a feed by its index, and a revision's source as diagnostics print it. */
export interface SourceNamer {
  readonly feed: (feedIndex: number) => string;
  readonly source: (source: RevisionSource) => string;
}

/**
 * The namer of `names`, checked (a misuse is a `TypeError` naming the option).
 *
 * @example
 * ```ts
 * sourceNamer({ feeds: ['a.xml'] }).source({ feedIndex: 0, feedKind: 'history', entryIndex: 4, gave: 'diff' })
 * // 'a.xml (history) entry 4'
 * ```
 */
export function sourceNamer(names: SourceNames = {}): SourceNamer {
  const feeds = checkNames(names);
  const runs = names.revisions ?? [];
  const feed = (feedIndex: number): string => feeds[feedIndex] ?? `feed ${feedIndex}`;
  const revision = (index: number): string => {
    let start = 0;
    for (const run of runs) {
      if (index < start + run.count) return run.name;
      start += run.count;
    }
    return `the API revisions (options.revisions[${index}])`;
  };
  return {
    feed,
    source: (source) =>
      source.feedKind === 'api'
        ? revision(source.entryIndex)
        : `${feed(source.feedIndex)} (${source.feedKind}) entry ${source.entryIndex}`,
  };
}

function checkNames(names: SourceNames): readonly string[] {
  const wrong = (what: string) => new TypeError(`buildHistory: options.sourceNames.${what}`);
  if (typeof names !== 'object' || names === null) throw wrong('must be an object');
  const feeds = names.feeds ?? [];
  if (!Array.isArray(feeds) || feeds.some((f) => typeof f !== 'string')) {
    throw wrong('feeds must be an array of strings');
  }
  const runs = names.revisions ?? [];
  if (
    !Array.isArray(runs) ||
    runs.some(
      (r) =>
        typeof r !== 'object' ||
        r === null ||
        typeof r.name !== 'string' ||
        !Number.isSafeInteger(r.count) ||
        r.count < 0,
    )
  ) {
    throw wrong('revisions must be an array of { name: string, count: non-negative integer }');
  }
  return feeds;
}
