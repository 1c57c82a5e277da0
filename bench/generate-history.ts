/**
 * Generated page histories for the authorship bench: wikitext-like pages (sentences with links,
 * templates, references, headings, lists, tables) edited by a dozen users with word edits,
 * sentence rewrites, paragraph insertions, deletions and moves, reverts to earlier revisions,
 * reinsertions of deleted paragraphs, and vandalism that gets reverted. Seeded, so every run
 * and both implementations see the same histories.
 */
import { prng } from './generate-feed.js';

export interface GeneratedRevision {
  readonly id: number;
  readonly text: string | null;
  readonly user: string;
  readonly timestamp: string;
  readonly comment: string;
  readonly minor: boolean;
}

const SYLLABLES = 'ka lo mi ra ven tor sa lin de po ru shi an el mar ost gra fel qu ix'.split(' ');
const COMMON = 'the of and a in to is was for on as by with from that at which river town'.split(
  ' ',
);

export interface HistoryOptions {
  readonly seed: number;
  readonly revisions: number;
  /** Paragraphs of the first revision. */
  readonly paragraphs: number;
  /** Probability weights scale for reverts and vandalism (0 turns them off). */
  readonly turbulence?: number;
  readonly firstId?: number;
}

/**
 * A copyedit of one word of a paragraph: a word inserted, deleted or replaced; minor one time
 * in ten. (The random numbers are drawn in the same order as when this was inline, so the
 * histories are unchanged.)
 */
export function copyedit(
  paragraph: string,
  rnd: () => number,
  word: () => string,
): { readonly text: string; readonly minor: boolean } {
  const words = paragraph.split(' ');
  const w = Math.floor(rnd() * words.length);
  const op = rnd();
  if (op < 0.4) words.splice(w, 0, word());
  else if (op < 0.7 && words.length > 3) words.splice(w, 1);
  else words[w] = word();
  return { text: words.join(' '), minor: op > 0.9 };
}

/** A generated history, oldest first. */
export function generateHistory(options: HistoryOptions): GeneratedRevision[] {
  const rnd = prng(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const vocab: string[] = [];
  // Natural text has about one distinct word in ten (WikiWho flags a revision whose new text
  // repeats each distinct token over 20 times on average as vandalism).
  for (let k = 0; k < 60 * options.paragraphs; k++) {
    let w = '';
    const n = 1 + Math.floor(rnd() * 4);
    for (let s = 0; s < n; s++) w += pick(SYLLABLES);
    vocab.push(w);
  }
  const word = () => {
    const r = rnd();
    if (r < 0.35) return pick(COMMON);
    const w = pick(vocab);
    return r < 0.45 ? w[0]!.toUpperCase() + w.slice(1) : w;
  };
  const sentence = (): string => {
    const words: string[] = [];
    const n = 4 + Math.floor(rnd() * 14);
    for (let k = 0; k < n; k++) {
      const r = rnd();
      if (r < 0.06) words.push(`[[${word()} ${word()}]]`);
      else if (r < 0.09) words.push(`[[${word()}|${word()}]]`);
      else if (r < 0.11) words.push(`'''${word()}'''`);
      else if (r < 0.13) words.push(String(Math.floor(rnd() * 3000)));
      else if (r < 0.16) words.push(`${word()},`);
      else words.push(word());
    }
    let s = words.join(' ');
    s = s[0]!.toUpperCase() + s.slice(1);
    const end = rnd();
    if (end < 0.1)
      s += `.<ref>{{cite web|title=${word()} ${word()}|year=${1990 + Math.floor(rnd() * 30)}}}</ref>`;
    else if (end < 0.15) s += `; ${word()} ${word()}.`;
    else s += '.';
    return s;
  };
  const paragraph = (): string => {
    const r = rnd();
    if (r < 0.12) return `== ${word()} ${word()} ==`;
    if (r < 0.2) {
      const items: string[] = [];
      for (let k = 0; k < 2 + rnd() * 4; k++) items.push(`* ${sentence()}`);
      return items.join('\n');
    }
    if (r < 0.25) {
      const rows: string[] = ['{| class="wikitable"'];
      for (let k = 0; k < 2 + rnd() * 3; k++) rows.push('|-', `| ${word()} || ${word()} ${word()}`);
      rows.push('|}');
      return rows.join('\n');
    }
    if (r < 0.28)
      return `{{Infobox ${word()}\n| name = ${word()}\n| size = ${Math.floor(rnd() * 99)}\n}}`;
    const sentences: string[] = [];
    for (let k = 0; k < 1 + rnd() * 5; k++) sentences.push(sentence());
    return sentences.join(' ');
  };
  const users = Array.from({ length: 12 }, (_, k) => `User${k}`);
  let page: string[] = [];
  for (let k = 0; k < options.paragraphs; k++) page.push(paragraph());
  const states: string[][] = [page];
  const deleted: string[] = [];
  const out: GeneratedRevision[] = [];
  let time = Date.UTC(2020, 0, 1);
  let id = options.firstId ?? 1000;
  const turbulence = options.turbulence ?? 1;
  const emit = (text: string | null, user: string, comment: string, minor = false) => {
    out.push({ id: id++, text, user, timestamp: new Date(time).toISOString(), comment, minor });
    time += Math.floor(rnd() * 30 * 3600_000);
  };
  emit(page.join('\n\n'), pick(users), 'create');
  while (out.length < options.revisions) {
    const user = pick(users);
    const r = rnd();
    page = page.slice();
    const at = () => Math.floor(rnd() * page.length);
    if (r < 0.04 * turbulence && states.length > 2) {
      // Revert to a state one to three revisions back.
      const back = 1 + Math.floor(rnd() * Math.min(3, states.length - 1));
      page = states[states.length - 1 - back]!.slice();
      emit(page.join('\n\n'), user, 'Reverted edits');
    } else if (r < 0.06 * turbulence && page.length > 3) {
      // Vandalism, reverted by the next revision.
      const before = page.slice();
      const blank = rnd() < 0.5;
      const junk = blank ? 'lol' : `${page.join('\n\n')}\n\n${'poop '.repeat(80)}`;
      emit(junk, 'Vandal', '');
      page = before;
      emit(page.join('\n\n'), pick(users), 'Undid revision by Vandal');
    } else if (r < 0.09 * turbulence && deleted.length > 0) {
      page.splice(at(), 0, deleted.splice(Math.floor(rnd() * deleted.length), 1)[0]!);
      emit(page.join('\n\n'), user, 'restore paragraph');
    } else if (r < 0.5) {
      const k = at();
      const edit = copyedit(page[k]!, rnd, word);
      page[k] = edit.text;
      emit(page.join('\n\n'), user, 'copyedit', edit.minor);
    } else if (r < 0.65) {
      const k = at();
      const parts = page[k]!.split('. ');
      parts[Math.floor(rnd() * parts.length)] = sentence().replace(/\.$/, '');
      page[k] = parts.join('. ');
      emit(page.join('\n\n'), user, 'rewrite');
    } else if (r < 0.78) {
      page.splice(at(), 0, paragraph());
      emit(page.join('\n\n'), user, 'add');
    } else if (r < 0.86 && page.length > 2) {
      deleted.push(page.splice(at(), 1)[0]!);
      emit(page.join('\n\n'), user, 'remove');
    } else if (page.length > 2) {
      const [moved] = page.splice(at(), 1);
      page.splice(at(), 0, moved!);
      emit(page.join('\n\n'), user, 'move');
    }
    states.push(page);
  }
  return out.slice(0, options.revisions);
}
