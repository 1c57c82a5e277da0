/**
 * `renderBlameHtml`: a revision's text as one self-contained HTML page with every token
 * coloured by the editor who wrote it first, and its revision, user and date on hover (the
 * `title` attribute: no script). Same safety as the report: a Content-Security-Policy forbids
 * scripts and every fetch, and all text is escaped.
 */

import type { Blame } from '../authorship/create-authorship.js';
import { editorColor } from './authorship-colors.js';
import { byName } from './authorship-report.js';
import { displayTime } from './dates.js';
import { escapeHtml } from './escape-html.js';
import { htmlDocument } from './html-document.js';
import { isolateBidi } from './isolate-bidi.js';

/** Options of {@link renderBlameHtml}. */
export interface RenderBlameHtmlOptions {
  /**
   * The page's title, for the heading.
   * @default none (the heading names only the revision)
   */
  readonly title?: string;
  /**
   * IANA time zone the dates on hover are shown in.
   * @default 'UTC'
   */
  readonly timeZone?: string;
}

const CSS = `
:root{color-scheme:light}
body{margin:0 auto;max-width:72rem;padding:1rem;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff}
h1{font-size:1.4rem;margin:.2rem 0 .5rem}
.muted{color:#59636e}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem .8rem;margin:.5rem 0 1rem}
ul.legend li{white-space:nowrap}
ul.legend i{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;margin-right:.3em}
pre.blame{font:13px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #d1d9e0;border-radius:6px;padding:.6rem .8rem;margin:0}
pre.blame span{border-radius:2px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
pre.blame span:hover{outline:1px solid #1f2328}
@media (max-width:40rem){body{padding:.5rem}pre.blame{font-size:12px}}
`;

const e = escapeHtml;

interface Editor {
  readonly user: string | null;
  characters: number;
  index: number;
}

/**
 * Renders a blame as one self-contained HTML page: the text in its exact form, each run of
 * tokens from one revision in a span coloured by its editor (ranked by share of the text,
 * colours as in the report's authorship chart), with `r123 · User · 2024-01-01 12:00` on hover,
 * and a legend of editors with their shares.
 *
 * @param blame - From `blame` or a tracker's `blame()`.
 * @param options - See {@link RenderBlameHtmlOptions}.
 * @returns The HTML document.
 * @example
 * ```ts
 * const html = renderBlameHtml(blame(page.revisions)!, { title: 'Sandbox' });
 * html.includes('title="r1 · Ann') // true
 * ```
 */
export function renderBlameHtml(blame: Blame, options: RenderBlameHtmlOptions = {}): string {
  const tz = options.timeZone ?? 'UTC';
  const { text, tokens } = blame;
  const editors = new Map<string | null, Editor>();
  let total = 0;
  for (const t of tokens) {
    let ed = editors.get(t.originUser);
    if (ed === undefined) {
      ed = { user: t.originUser, characters: 0, index: 0 };
      editors.set(t.originUser, ed);
    }
    ed.characters += t.end - t.start;
    total += t.end - t.start;
  }
  const ranked = [...editors.values()].sort(
    (a, b) => b.characters - a.characters || byName(a.user, b.user),
  );
  ranked.forEach((ed, k) => {
    ed.index = k;
  });
  const name = (user: string | null) => user ?? '(hidden)';
  const classes = ranked.map(
    (ed) => `.e${ed.index}{background:${editorColor(ed.index).background}}`,
  );
  const legend = ranked.map(
    (ed) =>
      `<li><i style="background:${editorColor(ed.index).bar}"></i><bdi>${e(name(ed.user))}</bdi> <span class="muted">${total > 0 ? ((100 * ed.characters) / total).toFixed(1) : '0.0'} %</span></li>`,
  );
  const out: string[] = [];
  let at = 0;
  for (let k = 0; k < tokens.length; ) {
    const first = tokens[k]!;
    let last = first;
    let j = k + 1;
    while (j < tokens.length && tokens[j]!.originRevisionId === first.originRevisionId) {
      last = tokens[j]!;
      j++;
    }
    out.push(e(text.slice(at, first.start)));
    const when =
      first.originTimestamp === null ? 'unknown time' : displayTime(first.originTimestamp, tz);
    const hover = `r${first.originRevisionId} · ${isolateBidi(name(first.originUser))} · ${when}`;
    out.push(
      `<span class="e${editors.get(first.originUser)!.index}" title="${e(hover)}">${e(text.slice(first.start, last.end))}</span>`,
    );
    at = last.end;
    k = j;
  }
  out.push(e(text.slice(at)));
  const heading = `${options.title === undefined ? '' : `${options.title} · `}r${blame.revisionId}`;
  return htmlDocument({
    title: isolateBidi(`Blame: ${heading}`),
    css: `${CSS}${classes.join('')}`,
    body: `<h1>Who wrote <bdi>${e(heading)}</bdi></h1>
<p class="muted">${tokens.length.toLocaleString('en-US')} tokens by ${ranked.length} editor${ranked.length === 1 ? '' : 's'}; hover over the text for the revision, user and date that wrote it.</p>
<ul class="legend">${legend.join('')}</ul>
<pre class="blame">${out.join('')}</pre>`,
  });
}
