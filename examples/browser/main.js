// The example page's script: fetch a page's revisions from a wiki's Action API (wikirev/fetch
// sends `origin=*` and `Api-User-Agent` as MediaWiki asks of browsers), build the history, and
// show wikirev's HTML report. Bundled by build.mjs (esbuild) into app.js.
import { analyzeHistory, buildHistory, renderReport } from 'wikirev';
import { FetchError, fetchRevisions } from 'wikirev/fetch';

const form = document.getElementById('query');
const status = document.getElementById('status');
const frame = document.getElementById('report');
let running = null;

const params = new URLSearchParams(location.search);
for (const name of ['api', 'title']) {
  if (params.has(name)) form.elements[name].value = params.get(name);
}

function say(text, error = false) {
  status.textContent = text;
  status.classList.toggle('error', error);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const api = form.elements.api.value.trim();
  const title = form.elements.title.value.trim();
  delete status.dataset.revisions;
  say(`Fetching the history of ${title}…`);
  try {
    const revisions = [];
    const options = {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.kind === 'wait') say(`The wiki asks to wait (${p.reason}); retrying…`);
      },
    };
    for await (const revision of fetchRevisions({ api, title }, options)) {
      revisions.push(revision);
      say(`Fetched ${revisions.length} revisions…`);
    }
    const history = buildHistory([], {
      revisions,
      revisionsIncludeNewest: true,
      revisionsSiteUrl: api,
    });
    const report = analyzeHistory(history, { now: new Date() });
    // The frame may run no script: the report without its own (expand all works by CSS).
    frame.srcdoc = renderReport(report, { format: 'html', script: false });
    frame.hidden = false;
    const { totals } = report;
    say(
      `${totals.revisions} revisions by ${totals.users} users, ` +
        `+${totals.bytesAdded} / −${totals.bytesRemoved} bytes.`,
    );
    status.dataset.revisions = String(totals.revisions);
    status.dataset.users = String(totals.users);
  } catch (error) {
    if (controller.signal.aborted) return;
    const where = error instanceof FetchError ? ` (${error.code})` : '';
    say(`${error.message}${where}`, true);
  }
});

// The frame takes the height of the report, so the page scrolls as one.
frame.addEventListener('load', () => {
  const doc = frame.contentDocument;
  if (doc !== null) frame.style.height = `${doc.documentElement.scrollHeight + 2}px`;
});
