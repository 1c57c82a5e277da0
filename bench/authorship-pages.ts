/**
 * The page histories of the authorship bench (bench/authorship.bench.ts), shared with its timing
 * child and with the check that two builds attribute them alike (bench/authorship-same.ts): the
 * MediaWiki corpus's pages (the revision-deleted one also in its anonymous view, one text
 * hidden), generated long histories, reverts, the real 1.39 dump's pages, the unseen unicode,
 * markup and turbulent histories, the fresh talk, tables, scripts and restore histories
 * (authorship-fresh.ts), and a 1 MB page with 150 revisions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { freshHistory } from './authorship-fresh.js';
import { realDumpPages, unseenHistory } from './authorship-histories.js';
import { generateHistory } from './generate-history.js';

export interface Rev {
  readonly id: number;
  readonly text: string | null;
  readonly user: string | null;
  readonly timestamp: string | null;
  readonly comment: string | null;
  readonly minor: boolean;
}
export interface Page {
  readonly group: string;
  readonly name: string;
  readonly revisions: readonly Rev[];
}

/** Every page of the bench, in the order it prints them. */
export async function authorshipPages(): Promise<Page[]> {
  const pages: Page[] = [];
  const truth = new URL('../fixtures/mediawiki-oracle/truth/revisions/', import.meta.url);
  for (const file of readdirSync(truth).sort()) {
    const anon = file.endsWith('.anon.json');
    if (!file.endsWith('.admin.json') && !(anon && file.startsWith('revdel-target'))) continue;
    const { page } = JSON.parse(readFileSync(new URL(file, truth), 'utf8')) as {
      page?: {
        revisions?: {
          revid: number;
          user?: string;
          timestamp: string;
          comment?: string;
          minor?: boolean;
          slots?: { main?: { content?: string } };
        }[];
      };
    };
    if (!page?.revisions?.length) continue;
    pages.push({
      group: 'corpus',
      name: file.replace('.json', ''),
      revisions: page.revisions.map((r) => ({
        id: r.revid,
        text: r.slots?.main?.content ?? null,
        user: r.user ?? null,
        timestamp: r.timestamp,
        comment: r.comment ?? null,
        minor: r.minor ?? false,
      })),
    });
  }
  for (const seed of [1, 2, 3, 4]) {
    pages.push({
      group: 'generated',
      name: `seed ${seed}, 300 revisions`,
      revisions: generateHistory({ seed, revisions: 300, paragraphs: 40 }),
    });
  }
  pages.push({
    group: 'reverts',
    name: 'reverts and reinsertions, 200 revisions',
    revisions: generateHistory({ seed: 7, revisions: 200, paragraphs: 25, turbulence: 6 }),
  });
  pages.push({ group: 'reverts', name: 'hand-made reverts', revisions: handMade() });
  // Histories never used while the code was written (bench/authorship-histories.ts).
  for (const page of await realDumpPages()) {
    pages.push({ group: 'real dump', name: page.name, revisions: page.revisions });
  }
  for (const flavour of ['unicode', 'markup', 'turbulent'] as const) {
    for (const seed of [101, 202]) {
      pages.push({
        group: `unseen ${flavour}`,
        name: `${flavour}, seed ${seed}, 200 revisions`,
        revisions: unseenHistory(flavour, seed, 200),
      });
    }
  }
  // Histories of session 8 (bench/authorship-fresh.ts).
  for (const kind of ['talk', 'tables', 'scripts', 'restore'] as const) {
    for (const seed of [301, 302]) {
      pages.push({
        group: `fresh ${kind}`,
        name: `${kind}, seed ${seed}, 200 revisions`,
        revisions: freshHistory(kind, seed, 200),
      });
    }
  }
  pages.push({
    group: '1 MB',
    name: '1 MB page, 150 revisions',
    revisions: generateHistory({ seed: 11, revisions: 150, paragraphs: 4200, turbulence: 0 }),
  });

  return pages;
}

/** A short history whose attribution is obvious: an undo, a revert, a move, a reinsertion. */
function handMade(): Rev[] {
  const a = 'The river rises in the hills. It flows north.';
  const b = 'Its valley is wide and green.';
  const c = '== History ==\nA mill was built in 1820.';
  const d = 'Fishermen use the lower reaches.';
  const texts: [string, string][] = [
    ['Ann', [a, b].join('\n\n')],
    ['Bob', [a, b, c].join('\n\n')],
    ['Vandal', [a, 'THE RIVER IS STUPID'].join('\n\n')],
    ['Ann', [a, b, c].join('\n\n')],
    ['Cat', [a, b, c, d].join('\n\n')],
    ['Dan', [c, a, b, d].join('\n\n')],
    ['Eve', [c, a, d].join('\n\n')],
    ['Fay', [c, a, b, d].join('\n\n')],
    ['Gus', [c, a.replace('north', 'north-east'), b, d].join('\n\n')],
    ['Hal', [c, a, b, d].join('\n\n')],
  ];
  return texts.map(([user, text], k) => ({
    id: 1 + k,
    text,
    user,
    timestamp: new Date(Date.UTC(2024, 0, 1 + k)).toISOString(),
    comment: null,
    minor: false,
  }));
}
