/**
 * Histories the authorship code was never tuned on, for the comparison with WikiWho
 * (bench/authorship.bench.ts): new seeds and new kinds of text and edits, beside the older
 * generated histories of generate-history.ts.
 *
 * - `realDumpPages`: every page of the real MediaWiki 1.39 export in
 *   fixtures/dump-mediawiki-1.39 (made by the wiki's own edits, undo and rollback included).
 * - `unseenHistory`: seeded histories in one of three flavours —
 *   `unicode`: words in Cyrillic, Greek, Arabic, Hebrew, CJK, with emoji, combining marks, `ß`,
 *   `İ` (lower-cased to two code units), no-break spaces, case-only edits and CRLF line ends;
 *   `markup`: paragraphs from MediaWiki's own parser tests (templates, parameters, headings,
 *   tables) edited, duplicated and moved;
 *   `turbulent`: blanking of the page and of sections, spam, reverts to old states, paragraph
 *   and sentence moves, copies of paragraphs, edits undone and redone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { prng } from './generate-feed.js';
import { copyedit, type GeneratedRevision } from './generate-history.js';

/** The parser tests' wikitext snippets (`!! wikitext` and `!! text` of articles), non-empty. */
function parserTestSnippets(): string[] {
  const dir = '/work/shared/mediawiki-parser-tests/';
  const out: string[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  } catch {
    return out;
  }
  for (const f of files) {
    const lines = readFileSync(dir + f, 'utf8').split('\n');
    for (let k = 0; k < lines.length; k++) {
      const head = lines[k]!.replace(/^!!\s*/, '');
      if (!lines[k]!.startsWith('!!') || (head !== 'wikitext' && head !== 'text')) continue;
      const body: string[] = [];
      for (k++; k < lines.length && !lines[k]!.startsWith('!!'); k++) body.push(lines[k]!);
      k--;
      const text = body.join('\n').trim();
      if (text !== '' && text.length < 600) out.push(text);
    }
  }
  return out;
}

const UNICODE_WORDS = [
  'река',
  'Москва',
  'ЁЖИК',
  'λόγος',
  'ΟΔΟΣ',
  'σοφίας',
  'مدينة',
  'النهر',
  'עיר',
  'שלום',
  '東京',
  '漢字かな',
  'カタカナ',
  '서울',
  'Straße',
  'GROSSE',
  'İstanbul',
  'IĞDIR',
  'café',
  'cafe\u0301',
  'naïve',
  '🙂',
  '👩‍🔬',
  '🇫🇷',
  'Ωmega',
  'Ǆemal',
  '𝔘𝔫𝔦',
  'x²',
  '½',
  'ﬁne',
];

const LATIN = 'ka lo mi ra ven tor sa lin de po ru shi an el mar ost gra fel qu ix'.split(' ');

export type Flavour = 'unicode' | 'markup' | 'turbulent';

/** A seeded history of one flavour, oldest first. */
export function unseenHistory(
  flavour: Flavour,
  seed: number,
  revisions: number,
): GeneratedRevision[] {
  const rnd = prng(seed * 7919 + 17);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const vocab: string[] = [];
  for (let k = 0; k < 900; k++) {
    let w = '';
    for (let s = 0; s < 1 + Math.floor(rnd() * 3); s++) w += pick(LATIN);
    vocab.push(w);
  }
  if (flavour === 'unicode') for (let k = 0; k < 6; k++) vocab.push(...UNICODE_WORDS);
  const snippets = flavour === 'markup' ? parserTestSnippets() : [];
  const space = () => (flavour === 'unicode' && rnd() < 0.05 ? '\u00a0' : ' ');
  const word = () => {
    const w = pick(vocab);
    return rnd() < 0.1 ? w.toUpperCase() : w;
  };
  const sentence = () => {
    const n = 4 + Math.floor(rnd() * 12);
    let s = '';
    for (let k = 0; k < n; k++) {
      const r = rnd();
      const w =
        r < 0.07
          ? `[[${word()}]]`
          : r < 0.1
            ? `{{${word()}|${word()}}}`
            : r < 0.13
              ? `${word()},`
              : word();
      s += (k === 0 ? '' : space()) + w;
    }
    return `${s}${pick(['.', '.', '.', '!', '?', ';'])}`;
  };
  const paragraph = (): string => {
    const r = rnd();
    if (snippets.length > 0 && r < 0.45) return pick(snippets);
    if (r < 0.55) return `== ${word()} ${word()} ==`;
    if (flavour === 'markup' && r < 0.7) {
      const rows = ['{| class="wikitable"', `! ${word()} !! ${word()}`];
      for (let k = 0; k < 2 + rnd() * 4; k++) {
        rows.push('|-', `| {{${word()}|${word()}}} || ${word()} ${word()}`);
      }
      rows.push('|}');
      return rows.join('\n');
    }
    const out: string[] = [];
    for (let k = 0; k < 1 + rnd() * 4; k++) out.push(sentence());
    return out.join(' ');
  };
  const users = Array.from({ length: 9 }, (_, k) =>
    flavour === 'unicode' ? pick(['Борис', 'Ἀλέξανδρος', 'محمد', '李', 'Zoë']) + k : `Editor${k}`,
  );
  let page: string[] = Array.from({ length: 8 + Math.floor(rnd() * 10) }, paragraph);
  const states: string[][] = [page];
  const out: GeneratedRevision[] = [];
  let time = Date.UTC(2021, 5, 1);
  let id = 50_000 + seed * 1000;
  let crlf = false;
  const emit = (text: string, user: string, comment: string, minor = false) => {
    const t = crlf ? text.replace(/\n/g, '\r\n') : text;
    out.push({ id: id++, text: t, user, timestamp: new Date(time).toISOString(), comment, minor });
    time += Math.floor(rnd() * 20 * 3600_000);
  };
  emit(page.join('\n\n'), pick(users), 'create');
  const turbulence = flavour === 'turbulent' ? 3 : 1;
  while (out.length < revisions) {
    const user = pick(users);
    const r = rnd();
    page = page.slice();
    const at = () => Math.floor(rnd() * page.length);
    if (r < 0.03 * turbulence && states.length > 3) {
      page = states[Math.floor(rnd() * (states.length - 1))]!.slice();
      emit(page.join('\n\n'), user, 'Restored an older revision');
    } else if (r < 0.05 * turbulence && page.length > 3) {
      const before = page.slice();
      const kind = rnd();
      const junk =
        kind < 0.3
          ? ''
          : kind < 0.5
            ? 'BLANKED'
            : kind < 0.75
              ? page.slice(0, Math.ceil(page.length / 3)).join('\n\n')
              : `${page.join('\n\n')}\n\n${`${word()} `.repeat(120)}`;
      emit(junk, `Vandal${Math.floor(rnd() * 3)}`, '');
      page = before;
      emit(page.join('\n\n'), pick(users), 'Undo');
    } else if (r < 0.07 * turbulence && page.length > 2) {
      const k = at();
      page.splice(at(), 0, page[k]!);
      emit(page.join('\n\n'), user, 'copy paragraph');
    } else if (r < 0.09 * turbulence && page.length > 2) {
      const parts = page[at()]!.split('. ');
      if (parts.length > 1) {
        const k = at();
        const sentences = page[k]!.split('. ');
        sentences.push(sentences.shift()!);
        page[k] = sentences.join('. ');
      }
      emit(page.join('\n\n'), user, 'reorder sentences');
    } else if (r < 0.12 && flavour === 'unicode') {
      const k = at();
      page[k] = rnd() < 0.5 ? page[k]!.toUpperCase() : page[k]!.toLowerCase();
      emit(page.join('\n\n'), user, 'case', true);
    } else if (r < 0.13 && flavour === 'unicode') {
      crlf = !crlf;
      emit(page.join('\n\n'), user, 'line endings', true);
    } else if (r < 0.5) {
      const k = at();
      const edit = copyedit(page[k]!, rnd, word);
      page[k] = edit.text;
      emit(page.join('\n\n'), user, 'copyedit', edit.minor);
    } else if (r < 0.65) {
      page.splice(at(), 0, paragraph());
      emit(page.join('\n\n'), user, 'add');
    } else if (r < 0.75 && page.length > 2) {
      page.splice(at(), 1);
      emit(page.join('\n\n'), user, 'remove');
    } else if (r < 0.85 && page.length > 2) {
      const [moved] = page.splice(at(), 1);
      page.splice(at(), 0, moved!);
      emit(page.join('\n\n'), user, 'move');
    } else {
      const k = at();
      page[k] = `${page[k]} ${sentence()}`;
      emit(page.join('\n\n'), user, 'extend');
    }
    states.push(page);
  }
  return out.slice(0, revisions);
}

/** The pages of the real MediaWiki 1.39 export, oldest revision first, through `readDump`. */
export async function realDumpPages(): Promise<
  { readonly name: string; readonly revisions: GeneratedRevision[] }[]
> {
  const { readDump } = (await import(
    new URL('../dist/dump.js', import.meta.url).href
  )) as typeof import('../src/dump.js');
  const path = new URL('../fixtures/dump-mediawiki-1.39/full-0.11.xml', import.meta.url).pathname;
  const pages: { name: string; revisions: GeneratedRevision[] }[] = [];
  for await (const page of readDump(path)) {
    const revisions: GeneratedRevision[] = [];
    for await (const r of page.revisions) {
      revisions.push({
        id: r.id,
        text: r.text,
        user: r.user ?? '',
        timestamp: r.timestamp,
        comment: r.comment ?? '',
        minor: r.minor,
      });
    }
    pages.push({ name: page.title, revisions });
  }
  return pages;
}
