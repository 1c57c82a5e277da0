/**
 * A second set of histories the authorship code was never tuned on (session 8), for the
 * comparison with WikiWho (bench/authorship.bench.ts) and the check that two builds agree
 * (bench/authorship-same.ts). Each is driven by a seed; the kinds of text and edit differ from
 * those of authorship-histories.ts and generate-history.ts:
 *
 * - `talk`: a talk page. Threads of signed comments (`[[User:…|…]] ([[User talk:…|talk]])
 *   12:34, 5 June 2021 (UTC)`) one per line, `:`/`::` indents, replies inserted mid-thread,
 *   `{{od}}` outdents, struck votes, unsigned notes, threads archived away and new ones added.
 * - `tables`: an infobox edited parameter by parameter, a wikitable edited row by row with rows
 *   inserted, deleted, reordered and sorted, bullet and numbered lists reordered, `<ref>`
 *   citations (`{{cite web |url=https://…?a=1&b=2 |…}}`, named and reused), runs of punctuation
 *   (`...`, `?!`, `----`, `''' '''`, `&nbsp;`).
 * - `scripts`: text without spaces (Chinese, Japanese, Thai) mixed with Latin, Korean, Hindi and
 *   Arabic with combining marks, emoji with ZWJ, skin tones, flags and keycaps, full-width
 *   punctuation, ideographic and other Unicode spaces, tabs, CRLF line ends, very long single
 *   lines; edits inside a run of text without spaces.
 * - `restore`: pages blanked and restored, a paragraph or sentence copied from elsewhere in the
 *   page, text deleted and put back many revisions later (not as a whole older state), reverts
 *   of reverts, whitespace-only and punctuation-only edits, null edits, text pasted twice.
 */
import { prng } from './generate-feed.js';
import type { GeneratedRevision } from './generate-history.js';

export type FreshKind = 'talk' | 'tables' | 'scripts' | 'restore';

/**
 * The histories whose WikiWho attribution is kept in fixtures/authorship-wikiwho/fresh.json
 * (bench/authorship-fixture.ts) for test/authorship-wikiwho.test.ts: kind, seed, revisions.
 */
export const FRESH_FIXTURE: readonly (readonly [FreshKind, number, number])[] = [
  ['talk', 41, 60],
  ['talk', 42, 45],
  ['tables', 41, 60],
  ['tables', 42, 45],
  ['scripts', 41, 60],
  ['scripts', 42, 45],
  ['restore', 41, 60],
  ['restore', 42, 45],
];

const MONTHS =
  'January February March April May June July August September October November December'.split(
    ' ',
  );
const SYL = 'ba re ti lo mu san kor vel din ash pel tro miq zu hen cal fo rid nes yal'.split(' ');

/** A seeded history of one kind, oldest first. */
export function freshHistory(
  kind: FreshKind,
  seed: number,
  revisions: number,
): GeneratedRevision[] {
  const rnd = prng(seed * 15485863 + 101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (n: number) => Math.floor(rnd() * n);
  const vocab: string[] = [];
  for (let k = 0; k < 700; k++) {
    let w = '';
    for (let s = 0; s < 1 + int(3); s++) w += pick(SYL);
    vocab.push(w);
  }
  const word = () => {
    const w = pick(vocab);
    const r = rnd();
    return r < 0.08 ? w[0]!.toUpperCase() + w.slice(1) : r < 0.1 ? w.toUpperCase() : w;
  };
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  const sentence = () => {
    let s = words(3 + int(12));
    s = s[0]!.toUpperCase() + s.slice(1);
    return `${s}${pick(['.', '.', '.', '?', '!', '...', ';', ':', '?!'])}`;
  };
  const users = Array.from(
    { length: 8 },
    (_, k) => `${pick(['Ann', 'Bo', 'Cy', 'Di'])}${word()}${k}`,
  );
  let time = Date.UTC(2019, 2, 1) + seed * 3600_000;
  let id = 900_000 + seed * 1000;
  const out: GeneratedRevision[] = [];
  const emit = (text: string, user: string, comment: string, minor = false) => {
    out.push({ id: id++, text, user, timestamp: new Date(time).toISOString(), comment, minor });
    time += 60_000 + int(30 * 3600_000);
  };
  const gen =
    kind === 'talk' ? talk : kind === 'tables' ? tables : kind === 'scripts' ? scripts : restore;
  gen();
  return out.slice(0, revisions);

  function stamp(user: string): string {
    const d = new Date(time);
    const hh = String(d.getUTCHours()).padStart(2, '0');
    const mm = String(d.getUTCMinutes()).padStart(2, '0');
    const date = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    return `[[User:${user}|${user}]] ([[User talk:${user}|talk]]) ${hh}:${mm}, ${date} (UTC)`;
  }

  function talk(): void {
    type Thread = { title: string; lines: string[] };
    const comment = (user: string, depth: number) => {
      const r = rnd();
      const body =
        r < 0.15
          ? `'''${pick(['Support', 'Oppose', 'Comment', 'Neutral'])}''' ${sentence()}`
          : r < 0.25
            ? `I disagree: ${sentence()} See [[WP:${word().toUpperCase()}]].`
            : `${sentence()} ${rnd() < 0.5 ? sentence() : ''}`.trim();
      const sig = rnd() < 0.08 ? `{{unsigned|${user}}}` : stamp(user);
      const bullet = rnd() < 0.2 ? '*' : '';
      return `${':'.repeat(depth)}${bullet}${bullet ? ' ' : ''}${body} ${sig}`;
    };
    const thread = (user: string): Thread => ({
      title: `== ${words(2 + int(3))} ==`,
      lines: [comment(user, 0)],
    });
    let threads: Thread[] = [thread(pick(users)), thread(pick(users))];
    let archived = 0;
    const text = () =>
      [
        '{{Talk header}}\n{{WikiProject banner shell|class=B|\n{{WikiProject Rivers|importance=low}}\n}}',
        archived > 0 ? `{{Archive box|[[/Archive ${archived}]]}}` : '',
        ...threads.map((t) => `${t.title}\n${t.lines.join('\n')}`),
      ]
        .filter((p) => p !== '')
        .join('\n\n');
    emit(text(), pick(users), 'new section');
    while (out.length < revisions) {
      const user = pick(users);
      const r = rnd();
      threads = threads.map((t) => ({ title: t.title, lines: t.lines.slice() }));
      const t = pick(threads);
      if (r < 0.45) {
        // A reply under a comment somewhere in the thread, one level deeper than it.
        const at = int(t.lines.length);
        const depth = Math.min(6, (t.lines[at]!.match(/^:*/)?.[0].length ?? 0) + 1);
        let end = at + 1;
        while (end < t.lines.length && (t.lines[end]!.match(/^:*/)?.[0].length ?? 0) >= depth)
          end++;
        t.lines.splice(end, 0, comment(user, depth));
        emit(text(), user, `/* ${t.title.slice(3, -3)} */ reply`);
      } else if (r < 0.55) {
        t.lines.push(`{{od}}${comment(user, 0)}`);
        emit(text(), user, `/* ${t.title.slice(3, -3)} */ outdent`);
      } else if (r < 0.68) {
        threads.push(thread(user));
        emit(text(), user, 'new section');
      } else if (r < 0.74 && threads.length > 3) {
        threads = threads.slice(1 + int(2));
        archived++;
        emit(text(), 'ArchiveBot', `Archiving to [[/Archive ${archived}]]`);
      } else if (r < 0.82) {
        // Someone strikes or edits their comment (the signature is kept).
        const at = int(t.lines.length);
        const line = t.lines[at]!;
        const cut = line.indexOf('[[User:');
        if (cut > 0) {
          const body = line.slice(0, cut);
          t.lines[at] =
            rnd() < 0.5
              ? `${body.replace(/^(:*)(.*?)\s*$/, '$1<s>$2</s>')} ${words(3)}. ${line.slice(cut)}`
              : `${body}${sentence()} ${line.slice(cut)}`;
        }
        emit(text(), user, 'clarify', true);
      } else if (r < 0.88 && t.lines.length > 2) {
        // A reply moved to the right place, or a thread's comments refactored.
        const [moved] = t.lines.splice(1 + int(t.lines.length - 1), 1);
        t.lines.splice(int(t.lines.length + 1), 0, moved!);
        emit(text(), user, 'refactor');
      } else if (r < 0.93 && out.length > 3) {
        // A reply removed as off-topic, then restored.
        const before = threads.map((x) => ({ title: x.title, lines: x.lines.slice() }));
        t.lines.splice(int(t.lines.length), 1);
        emit(text(), user, 'rm off-topic');
        threads = before;
        emit(text(), pick(users), 'Undid revision');
      } else {
        t.lines.push(comment(user, 1 + int(3)));
        emit(text(), user, 'reply');
      }
    }
  }

  function tables(): void {
    const params = [
      'name',
      'image',
      'caption',
      'country',
      'population',
      'area_km2',
      'elevation_m',
      'website',
      'founded',
      'mayor',
    ];
    const value = (p: string) => {
      if (p === 'population' || p === 'area_km2')
        return `${int(900)},${String(int(1000)).padStart(3, '0')}`;
      if (p === 'website')
        return `{{URL|https://www.${word()}.example.org/${word()}?id=${int(99)}&lang=en}}`;
      if (p === 'founded') return `{{start date|${1200 + int(800)}|${1 + int(12)}|${1 + int(28)}}}`;
      if (p === 'image') return `${word()}_${word()}.jpg`;
      return rnd() < 0.3 ? `[[${word()} ${word()}]]` : words(1 + int(3));
    };
    const info = new Map(params.map((p) => [p, value(p)] as const));
    const row = () =>
      `| [[${word()}]] || ${int(100000).toLocaleString('en-US')} || ${words(2)} || {{flagicon|${word().toUpperCase().slice(0, 3)}}}`;
    let rows = Array.from({ length: 4 + int(6) }, row);
    let items = Array.from({ length: 3 + int(5) }, () => `* ${words(2 + int(5))}`);
    const ref = () => {
      const r = rnd();
      if (r < 0.4) {
        return `<ref name="${word()}${int(9)}">{{cite web |url=https://${word()}.example.com/${word()}/${word()}-${int(999)}.html?a=1&b=${word()} |title=${words(3)} – ${words(2)} |access-date=${2000 + int(24)}-0${1 + int(9)}-1${int(9)} |publisher=${word()}}}</ref>`;
      }
      if (r < 0.7) return `<ref>${words(3)}, ''${words(2)}'', p.&nbsp;${int(400)}.</ref>`;
      return `<ref>[http://${word()}.example.net/${word()}#${word()} ${words(2)}]...</ref>`;
    };
    const prose = () => {
      const s = sentence();
      const r = rnd();
      if (r < 0.3) return `${s}${ref()}`;
      if (r < 0.4) return `'''${words(2)}''' -- ${s}!!!`;
      if (r < 0.5) return `${s.slice(0, -1)}?!... ${sentence()}`;
      return s;
    };
    let paras = Array.from({ length: 3 + int(4) }, () =>
      Array.from({ length: 1 + int(3) }, prose).join(' '),
    );
    const text = () =>
      [
        `{{Infobox settlement\n${[...info].map(([k, v]) => `| ${k.padEnd(12)}= ${v}`).join('\n')}\n}}`,
        ...paras.slice(0, 2),
        '== Districts ==',
        `{| class="wikitable sortable"\n|+ ${words(2)}\n|-\n! Name !! Population !! Notes !! Flag\n${rows.map((r) => `|-\n${r}`).join('\n')}\n|}`,
        ...paras.slice(2),
        '== See also ==',
        items.join('\n'),
        '----',
        '== References ==\n{{reflist}}',
      ].join('\n\n');
    emit(text(), pick(users), 'create');
    while (out.length < revisions) {
      const user = pick(users);
      const r = rnd();
      rows = rows.slice();
      items = items.slice();
      paras = paras.slice();
      if (r < 0.15) {
        const p = pick(params);
        info.set(p, value(p));
        emit(text(), user, `update ${p}`, rnd() < 0.5);
      } else if (r < 0.3) {
        rows[int(rows.length)] = row();
        emit(text(), user, 'update row');
      } else if (r < 0.38) {
        rows.splice(int(rows.length + 1), 0, row());
        emit(text(), user, 'add row');
      } else if (r < 0.43 && rows.length > 2) {
        rows.splice(int(rows.length), 1);
        emit(text(), user, 'remove row');
      } else if (r < 0.5) {
        if (rnd() < 0.5) rows.sort();
        else {
          const [m] = rows.splice(int(rows.length), 1);
          rows.splice(int(rows.length + 1), 0, m!);
        }
        emit(text(), user, 'reorder rows');
      } else if (r < 0.58) {
        if (rnd() < 0.4) items.sort();
        else if (rnd() < 0.5) items.push(`* ${words(2 + int(4))}`);
        else items.reverse();
        if (rnd() < 0.3) items = items.map((i) => i.replace(/^\*/, '#'));
        emit(text(), user, 'list');
      } else if (r < 0.7) {
        const k = int(paras.length);
        paras[k] = `${paras[k]} ${prose()}`;
        emit(text(), user, 'expand');
      } else if (r < 0.78) {
        // A citation refreshed: the URL's query or the access date changes.
        const k = int(paras.length);
        paras[k] = paras[k]!.replace(
          /access-date=[0-9-]+/,
          `access-date=20${10 + int(15)}-11-0${int(9)}`,
        ).replace(/\?a=1/, `?a=${int(9)}`);
        emit(text(), user, 'refresh citations', true);
      } else if (r < 0.86) {
        const k = int(paras.length);
        const ws = paras[k]!.split(' ');
        ws.splice(int(ws.length), 1 + int(3), ...words(1 + int(3)).split(' '));
        paras[k] = ws.join(' ');
        emit(text(), user, 'copyedit');
      } else if (r < 0.92 && paras.length > 2) {
        const [m] = paras.splice(int(paras.length), 1);
        paras.splice(int(paras.length + 1), 0, m!);
        emit(text(), user, 'move paragraph');
      } else {
        paras.splice(int(paras.length + 1), 0, Array.from({ length: 1 + int(3) }, prose).join(' '));
        emit(text(), user, 'add paragraph');
      }
    }
  }

  function scripts(): void {
    const runs = [
      '東京都は日本の首都であり人口は約千四百万人である',
      '中华人民共和国成立于一九四九年',
      '漢字仮名交じり文はカタカナとひらがなを含む',
      'ภาษาไทยไม่มีการเว้นวรรคระหว่างคำ',
      'กรุงเทพมหานครเป็นเมืองหลวง',
      '서울특별시는 대한민국의 수도이다',
      'हिन्दी भाषा देवनागरी लिपि में लिखी जाती है',
      'اللُّغَةُ العَرَبِيَّةُ',
      'Tiếng Việt có dấu thanh',
      'Ελληνικά ΚΕΦΑΛΑΙΑ τελικόΣ',
      '𠀋𡈽𡌛𡑮',
    ];
    const emoji = ['👨‍👩‍👧‍👦', '👍🏽', '🇯🇵', '1️⃣', '🏳️‍🌈', '🧑🏿‍🚀', '❤️', '☃'];
    const punct = ['。', '、', '！', '？', '：', '；', '「', '」', '（', '）', '…', '·'];
    const spaces = process.env.XSP
      ? [' ', '\t']
      : [' ', ' ', ' ', ' ', '\u3000', '\u00a0', '\u2009', '\t'];
    const piece = () => {
      const r = rnd();
      if (r < 0.35) {
        // Cut at code points: a lone surrogate is not text (WikiWho cannot even hash it).
        const s = Array.from(pick(runs));
        const a = int(s.length);
        return s.slice(a, a + 2 + int(s.length)).join('');
      }
      if (r < 0.45) return pick(emoji);
      if (r < 0.55) return pick(punct);
      return word();
    };
    const line = (n: number) => {
      let s = '';
      for (let k = 0; k < n; k++) {
        const p = piece();
        // Text without spaces runs on; Latin and the rest get a space of some kind.
        s += k === 0 || rnd() < 0.35 ? p : pick(spaces) + p;
      }
      return s + pick(['。', '.', '！', '?', '', '. ']);
    };
    const para = () => {
      const r = rnd();
      if (r < 0.1) return line(300 + int(400)); // one very long line
      if (r < 0.2) return `== ${line(2)} ==`;
      if (r < 0.3) return Array.from({ length: 2 + int(4) }, () => `*\t${line(3)}`).join('\n');
      return Array.from({ length: 1 + int(3) }, () => line(4 + int(15))).join(
        rnd() < 0.3 ? '\n' : ' ',
      );
    };
    let paras = Array.from({ length: 5 + int(6) }, para);
    let crlf = false;
    const text = () => {
      const t = paras.join('\n\n');
      return crlf ? t.replace(/\n/g, '\r\n') : t;
    };
    emit(text(), pick(users), 'create');
    while (out.length < revisions) {
      const user = pick(users);
      const r = rnd();
      paras = paras.slice();
      const k = int(paras.length);
      const p = paras[k]!;
      if (r < 0.3) {
        // An edit inside a run: characters inserted, removed or replaced at a code point.
        let at = int(p.length);
        if (at > 0 && p.charCodeAt(at) >= 0xdc00 && p.charCodeAt(at) <= 0xdfff) at--;
        const op = rnd();
        paras[k] =
          op < 0.4
            ? p.slice(0, at) + piece() + p.slice(at)
            : op < 0.7
              ? p.slice(0, at) + p.slice(at + 1 + int(3)).replace(/^[\udc00-\udfff]/, '')
              : p.slice(0, at) + piece() + p.slice(at + 2).replace(/^[\udc00-\udfff]/, '');
        emit(text(), user, 'edit');
      } else if (r < 0.45) {
        paras[k] = `${p}${pick(spaces)}${line(3 + int(6))}`;
        emit(text(), user, 'extend');
      } else if (r < 0.55) {
        paras.splice(int(paras.length + 1), 0, para());
        emit(text(), user, 'add');
      } else if (r < 0.6 && paras.length > 3) {
        paras.splice(k, 1);
        emit(text(), user, 'remove');
      } else if (r < 0.66) {
        // Spacing changed: tabs to spaces, ideographic spaces, no-break spaces.
        const from = pick(spaces);
        const to = pick(spaces);
        paras[k] = p.split(from).join(to);
        emit(text(), user, 'spacing', true);
      } else if (r < 0.7) {
        crlf = !crlf;
        emit(text(), user, 'line ends', true);
      } else if (r < 0.76) {
        paras[k] = rnd() < 0.5 ? p.toUpperCase() : p.toLowerCase();
        emit(text(), user, 'case', true);
      } else if (r < 0.84 && paras.length > 2) {
        const [m] = paras.splice(k, 1);
        paras.splice(int(paras.length + 1), 0, m!);
        emit(text(), user, 'move');
      } else if (r < 0.9) {
        // Two paragraphs joined into one long line, or one split at a sentence end.
        if (k + 1 < paras.length && rnd() < 0.5) paras.splice(k, 2, `${p} ${paras[k + 1]}`);
        else paras.splice(k, 1, ...p.split('。'));
        emit(text(), user, 'join or split');
      } else {
        const ws = p.split(' ');
        ws[int(ws.length)] = piece();
        paras[k] = ws.join(' ');
        emit(text(), user, 'word');
      }
    }
  }

  function restore(): void {
    const para = () => {
      const r = rnd();
      if (r < 0.15) return `== ${words(1 + int(3))} ==`;
      if (r < 0.25) return `* ${sentence()}\n* ${sentence()}`;
      return Array.from({ length: 1 + int(5) }, sentence).join(' ');
    };
    let paras = Array.from({ length: 6 + int(8) }, para);
    const states: string[][] = [];
    const removed: string[] = [];
    const text = () => paras.join('\n\n');
    const push = (user: string, comment: string, minor = false) => {
      states.push(paras);
      emit(text(), user, comment, minor);
    };
    push(pick(users), 'create');
    while (out.length < revisions) {
      const user = pick(users);
      const r = rnd();
      paras = paras.length > 0 ? paras.slice() : [para()];
      const k = int(paras.length);
      if (r < 0.06) {
        // Blanked (whole or all but a stub), then restored one or a few revisions later.
        const before = paras;
        paras = rnd() < 0.5 ? [] : [words(2)];
        push(`Vandal${int(4)}`, '');
        if (rnd() < 0.4) {
          paras = [...paras, sentence()];
          push(`Vandal${int(4)}`, '');
        }
        paras = before;
        push(pick(users), 'Reverted to last good version');
      } else if (r < 0.14 && paras.length > 1) {
        // A paragraph copied from elsewhere in the page (and sometimes edited after).
        const copy = pick(paras);
        paras.splice(int(paras.length + 1), 0, rnd() < 0.3 ? `${copy} ${sentence()}` : copy);
        push(user, 'copy paragraph');
      } else if (r < 0.2) {
        // A sentence copied from another paragraph into this one.
        const src = pick(paras).split('. ');
        paras[k] = `${paras[k]} ${pick(src)}${rnd() < 0.5 ? '.' : ''}`;
        push(user, 'copy sentence');
      } else if (r < 0.28 && paras.length > 2) {
        removed.push(...paras.splice(k, 1));
        push(user, 'remove');
      } else if (r < 0.36 && removed.length > 0) {
        // Text removed long ago put back, not as a whole older state.
        paras.splice(int(paras.length + 1), 0, removed.splice(int(removed.length), 1)[0]!);
        push(user, 'restore removed text');
      } else if (r < 0.42 && states.length > 4) {
        // A revert to some revisions back, then sometimes the revert reverted.
        const back = states.length - 2 - int(Math.min(8, states.length - 2));
        const undone = paras;
        paras = states[back]!.slice();
        push(user, 'Reverted edits');
        if (rnd() < 0.4) {
          paras = undone;
          push(pick(users), 'Undid revert');
        }
      } else if (r < 0.48) {
        // Whitespace only: doubled spaces, trailing space, a space before punctuation.
        const p = paras[k]!;
        const op = rnd();
        paras[k] = op < 0.3 ? p.replace(/ /g, '  ') : op < 0.6 ? `${p} ` : p.replace(/\./, ' .');
        push(user, 'ws', true);
      } else if (r < 0.54) {
        // Punctuation only.
        const p = paras[k]!;
        paras[k] = rnd() < 0.5 ? p.replace(/ /, ', ') : p.replace(/\.(\s|$)/, ';$1');
        push(user, 'punct', true);
      } else if (r < 0.57) {
        push(user, 'null edit');
      } else if (r < 0.62) {
        // The same text pasted twice in a row (a double save), then the copy removed.
        const extra = para();
        paras.splice(k, 0, extra, extra);
        push(user, 'add');
        paras = paras.slice();
        paras.splice(k, 1);
        push(pick(users), 'rm duplicate');
      } else if (r < 0.8) {
        const ws = paras[k]!.split(' ');
        const at = int(ws.length);
        const op = rnd();
        if (op < 0.4) ws.splice(at, 0, ...words(1 + int(4)).split(' '));
        else if (op < 0.7 && ws.length > 3) ws.splice(at, 1 + int(2));
        else ws[at] = word();
        paras[k] = ws.join(' ');
        push(user, 'copyedit', op > 0.9);
      } else if (r < 0.9) {
        paras.splice(int(paras.length + 1), 0, para());
        push(user, 'add');
      } else {
        const [m] = paras.splice(k, 1);
        paras.splice(int(paras.length + 1), 0, m!);
        push(user, 'move');
      }
    }
  }
}
