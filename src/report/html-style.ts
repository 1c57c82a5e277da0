/**
 * The HTML report's stylesheet: light and dark (`prefers-color-scheme`), a sticky table of
 * contents beside the text on wide screens and above it on phones, two-column diffs, print.
 */

/** The report's CSS, inlined in its `<style>`. */
export const REPORT_CSS = `
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--link:#0969da;--add:#dafbe1;--addw:#aceebb;--del:#ffebe9;--delw:#ffcecb;--move:#ddf4ff;--bar:#0969da;--barh:#0550ae;--c0:#0969da;--c1:#1a7f37;--c2:#bf3989;--c3:#9a6700;--c4:#8250df;--c5:#cf222e;--c6:#1b7c83;--c7:#6e7781;--bad:#cf222e}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;--soft:#151b23;--link:#4493f8;--add:#12261e;--addw:#1f6f3b;--del:#25171c;--delw:#8e1519;--move:#0f2a4a;--bar:#4493f8;--barh:#79b8ff;--c0:#4493f8;--c1:#3fb950;--c2:#db61a2;--c3:#d29922;--c4:#a371f7;--c5:#f85149;--c6:#39c5cf;--c7:#8b949e;--bad:#f85149}}
*{box-sizing:border-box}
html{scroll-padding-top:3.2rem}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link)}
.layout{max-width:88rem;margin:0 auto}
main{padding:0 1rem 2rem;min-width:0}
nav.toc{position:sticky;top:0;z-index:2;background:var(--bg);border-bottom:1px solid var(--line);padding:.4rem 1rem;display:flex;gap:1rem;overflow-x:auto;white-space:nowrap;font-size:.9rem}
nav.toc ol{display:none}
nav.toc a{text-decoration:none}
@media (min-width:64rem){html{scroll-padding-top:.5rem}.layout{display:grid;grid-template-columns:15rem minmax(0,1fr)}
nav.toc{display:block;height:100vh;overflow:auto;border-bottom:0;border-right:1px solid var(--line);padding:1rem;white-space:normal}
nav.toc>a{display:block;font-weight:600;margin:.1rem 0}nav.toc ol{display:block;margin:.2rem 0 .6rem;padding-left:1.1rem;font-size:.85rem}nav.toc li{margin:.15rem 0;overflow-wrap:anywhere}}
h1{font-size:1.6rem;margin:1rem 0 .5rem}h2{font-size:1.25rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.15rem;margin:0}
.muted{color:var(--muted)}
.stats{display:flex;flex-wrap:wrap;gap:.5rem;margin:.6rem 0;padding:0;list-style:none}
.stats li{border:1px solid var(--line);border-radius:6px;padding:.3rem .7rem;background:var(--soft)}
.stats b{display:block;font-size:1.2rem;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.2rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
table.sortable th{white-space:nowrap}table.users a.muted{font-size:.85em}table.sortable th button{all:unset;cursor:pointer}
table.sortable th button::after{content:" ⇅";color:var(--muted);font-size:.8em}
th[aria-sort=descending] button::after{content:" ↓"}th[aria-sort=ascending] button::after{content:" ↑"}
.card{border:1px solid var(--line);border-radius:8px;padding:.7rem 1rem;margin:1.2rem 0;background:var(--soft)}
.card .facts{display:flex;flex-wrap:wrap;gap:.1rem 1.2rem;margin:.3rem 0;font-size:.92rem}.card .note{margin:.3rem 0;font-size:.92rem}
.rev{border-top:1px solid var(--line);padding:.5rem 0;margin:0}
.rev-head{margin:0;font-size:.95rem;font-weight:400}
.rev-head .id{font-weight:600}
.self{color:var(--muted);text-decoration:none;margin-left:.2rem}
main>.sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem;margin:.5rem 0}
blockquote{margin:.3rem 0;padding:.1rem .6rem;border-left:3px solid var(--line);color:var(--muted);overflow-wrap:anywhere}
#diagnostics li{overflow-wrap:anywhere}
.tag{display:inline-block;border:1px solid var(--line);border-radius:1em;padding:0 .5em;font-size:.8em;margin:.1em .3em .1em 0}
.bad{border-color:var(--bad);color:var(--bad)}
.rev p{margin:.25rem 0}.rev blockquote{margin:.25rem 0}p.sections{font-size:.92rem}
details.diffs>summary{cursor:pointer;color:var(--link);font-size:.9rem}
.expand{display:inline-flex;gap:.4rem;align-items:center;margin:.5rem 0;font-size:.95rem}
body:has(#expand-all:checked) details.diffs::details-content{content-visibility:visible}
table.diff{width:100%;table-layout:fixed;font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;margin:.4rem 0}
table.diff col.ln{width:3.2em}table.diff col.mk{width:1.4em}
table.diff td{border:0;padding:0 .3rem;white-space:pre-wrap;overflow-wrap:anywhere;height:1.45em}
table.diff td.ln{color:var(--muted);text-align:right;user-select:none;font-size:11px}
table.diff td.mk{text-align:center;user-select:none;color:var(--muted)}
table.diff td.tx{border-left:1px solid var(--line)}
table.diff tr.hunk td{background:var(--soft);color:var(--muted);font-weight:600;padding:.1rem .4rem}
table.diff td.tx.add{background:var(--add)}table.diff td.tx.del{background:var(--del)}
table.diff td.tx.moved{background:var(--move)}
table.diff td.tx.empty{background:transparent}
table.diff ins{background:var(--addw);text-decoration:none;border-radius:2px}table.diff del{background:var(--delw);text-decoration:none;border-radius:2px}
table.diff a.mv{text-decoration:none;font-weight:700;font-size:14px;color:var(--link)}
table.diff tr.fold td{padding:0}table.diff tr.fold summary{color:var(--muted);background:var(--soft);padding:0 .4rem;cursor:pointer}
table.diff tr.fold table.diff{margin:0}
figure{margin:.6rem 0 1rem}figcaption{color:var(--muted);font-size:.85rem}
svg.chart{display:block;overflow:visible}
svg.chart .grid{stroke:var(--line);stroke-width:1}
svg.chart .axis{stroke:var(--muted);stroke-width:1}
svg.chart text{font:11px system-ui,sans-serif;fill:var(--muted)}svg.chart .value{paint-order:stroke;stroke:var(--bg);stroke-width:3px;stroke-linejoin:round}
svg.chart .hit{fill:transparent}
svg.chart .bar{fill:var(--bar)}
svg.chart .col:hover .bar{fill:var(--barh)}svg.chart .col:hover .hit{fill:var(--soft)}
svg.chart .line{fill:none;stroke:var(--bar);stroke-width:2}
svg.chart .area{fill:var(--bar);opacity:.12}
svg.chart .dot{fill:var(--bg);stroke:var(--bar);stroke-width:2}svg.chart .dot:hover{fill:var(--bar)}
.c0{fill:var(--c0);background:var(--c0)}.c1{fill:var(--c1);background:var(--c1)}.c2{fill:var(--c2);background:var(--c2)}.c3{fill:var(--c3);background:var(--c3)}
.c4{fill:var(--c4);background:var(--c4)}.c5{fill:var(--c5);background:var(--c5)}.c6{fill:var(--c6);background:var(--c6)}.c7{fill:var(--c7);background:var(--c7)}
ol.legend{list-style:none;padding:0;margin:.4rem 0;display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.9rem}
.sw{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.3em;vertical-align:-.05em}
@media (max-width:40rem){body{font-size:14px}main{padding:0 .5rem 1rem}svg.chart .opt{display:none}
table.diff col.ln{width:0}table.diff td.ln{font-size:0;padding:0}table.diff col.mk{width:1.1em}table.diff td{padding:0 .15rem}}
@media print{nav.toc,.expand{display:none}.layout{display:block}body{font-size:10pt}a{color:inherit;text-decoration:none}
details.diffs::details-content{content-visibility:visible}.card{break-inside:avoid-page;background:none}.rev{break-inside:avoid-page}
table.diff td.tx.add,table.diff td.tx.del,table.diff ins,table.diff del,table.diff td.tx.moved,svg.chart,.sw{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;
