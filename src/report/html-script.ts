/**
 * The HTML report's one script: sorting the users table by a click on its headings, and the
 * "expand all diffs" box opening every diff. Everything else works without it (the box opens
 * the diffs by CSS alone in browsers with `::details-content`). The Content-Security-Policy
 * allows this script by its SHA-256 hash only, so no other script, inline or not, can run.
 */

/** The script's text, exactly as it goes between `<script>` and `</script>`. */
export const REPORT_SCRIPT = `(function(){var d=document;function key(c){var v=c.getAttribute('data-v');return v===null?c.textContent:v}d.addEventListener('click',function(v){var b=v.target.closest&&v.target.closest('table.sortable th button');if(!b)return;var th=b.parentNode,row=th.parentNode,k=[].indexOf.call(row.children,th),tb=row.closest('table').tBodies[0],down=th.getAttribute('aria-sort')!=='descending',rs=[].slice.call(tb.rows);[].forEach.call(row.children,function(c){c.removeAttribute('aria-sort')});th.setAttribute('aria-sort',down?'descending':'ascending');rs.sort(function(x,y){var a=key(x.cells[k]),c=key(y.cells[k]),r=th.classList.contains('n')?Number(a)-Number(c):a<c?-1:a>c?1:0;return down?-r:r});rs.forEach(function(r){tb.appendChild(r)})});var x=d.getElementById('expand-all');if(x)x.addEventListener('change',function(){[].forEach.call(d.querySelectorAll('details.diffs'),function(e){e.open=x.checked})})})();`;

/**
 * `'sha256-OZQTU9xOsC0ShWTJS3TulypHRPBnj+jGa7HA2liQu54='` of {@link REPORT_SCRIPT} for the CSP's `script-src` (the core computes no
 * hashes; test/report-browser.test.ts checks this one against the text, and Chromium refuses
 * the script if they differ).
 */
export const REPORT_SCRIPT_HASH = "'sha256-OZQTU9xOsC0ShWTJS3TulypHRPBnj+jGa7HA2liQu54='";
