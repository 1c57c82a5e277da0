/**
 * Access to the MediaWiki 1.39 oracle corpus copied into fixtures/ (see its MANIFEST.md):
 * feeds and the API's ground truth.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS = join(import.meta.dirname, '..', '..', 'fixtures', 'mediawiki-oracle');
export const SEED = join(
  import.meta.dirname,
  '..',
  '..',
  'fixtures',
  'seed-openvz',
  'openvz-dlezcano.contributions.atom.xml',
);

/**
 * The users the corpus captured contributions of (`truth/usercontribs/SLUG.anon.json`), as the
 * slugs its file names use (`carol-smith`, `ip-127.0.0.1`), sorted.
 */
export const contributors: readonly string[] = readdirSync(join(CORPUS, 'truth', 'usercontribs'))
  .filter((name) => name.endsWith('.anon.json'))
  .map((name) => name.slice(0, -'.anon.json'.length))
  .sort();

/** Every feed file under a corpus folder, sorted. */
export function corpusFeeds(folder: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return walk(path);
        // `feed-invalid.xml` is the HTML page MediaWiki answers for an unknown feed type.
        return path.endsWith('.xml') && !path.endsWith('feed-invalid.xml') ? [path] : [];
      });
  return walk(join(CORPUS, folder));
}

/** The stored wikitext of a revision (`truth/wikitext/REV.wiki`), or undefined. */
export function storedText(revid: number): string | undefined {
  try {
    return readFileSync(join(CORPUS, 'truth', 'wikitext', `${revid}.wiki`), 'utf8');
  } catch {
    return undefined;
  }
}

export interface TruthRevision {
  readonly revid: number;
  readonly parentid: number;
  readonly user?: string;
  readonly timestamp: string;
  readonly comment?: string;
  readonly size: number;
  readonly sha1?: string;
  readonly texthidden?: boolean;
  readonly userhidden?: boolean;
  readonly commenthidden?: boolean;
  readonly slots?: { readonly main?: { readonly texthidden?: boolean } };
}

export interface TruthPage {
  readonly slug: string;
  readonly title: string;
  readonly exists: boolean;
  readonly revids?: readonly number[];
}

export const pages: readonly TruthPage[] = JSON.parse(
  readFileSync(join(CORPUS, 'truth', 'pages.json'), 'utf8'),
);

/** Every revision of every existing page as a sysop sees it, by id, with its page title. */
export function truthRevisions(): Map<number, TruthRevision & { readonly title: string }> {
  const all = new Map<number, TruthRevision & { readonly title: string }>();
  for (const page of pages) {
    if (!page.exists) continue;
    const file = JSON.parse(
      readFileSync(join(CORPUS, 'truth', 'revisions', `${page.slug}.admin.json`), 'utf8'),
    ) as { page: { title: string; revisions: TruthRevision[] } };
    for (const rev of file.page.revisions) all.set(rev.revid, { ...rev, title: file.page.title });
  }
  return all;
}

/** Revisions whose text is revision-deleted (feeds show it empty or not at all). */
export function hiddenTextRevisions(): Set<number> {
  const hidden = new Set<number>();
  for (const rev of truthRevisions().values()) {
    if (rev.texthidden || rev.slots?.main?.texthidden) hidden.add(rev.revid);
  }
  return hidden;
}
