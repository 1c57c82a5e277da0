"""Runs WikiWho (wikiwho/WikiWho, MIT) on page histories for bench/authorship.bench.ts.

Reads JSON lines from stdin, one page each: {"revisions": [{"id", "text", "user", "timestamp",
"comment", "minor"}...]} (text null = hidden). Writes one JSON line per page: the last
attributed revision's id, its tokens as [value, origin revision, outbound, inbound], how many
revisions were attributed, how many tokens each revision wrote first over the whole history
(`added`, by revision id, from `Wikiwho.tokens`), and the CPU seconds one `analyse_article` of the
page takes (`seconds`: the fastest batch, `median`: the median batch; see `timed`; not timed, 0,
with WIKIWHO_TIMING=0). WIKIWHO_DIR is the folder holding the `WikiWho` package.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.environ["WIKIWHO_DIR"])
sys.setrecursionlimit(100000)  # Differ's _fancy_replace recurses once per synchronised pair

from WikiWho.utils import iter_rev_tokens  # noqa: E402
from WikiWho.wikiwho import Wikiwho  # noqa: E402

# The timing method of the bench's own child (authorship-time-child.ts), so that both sides are
# measured alike: warm-up batches for at least WARMUP of CPU time and until SETTLED batches in a
# row were no faster than the fastest before them by 5 % (at most WARMUP_MAX); then batches of
# calls of at least BATCH each, at least MIN_SAMPLES of them and more up to MAX_SAMPLES while the
# samples have taken under SAMPLING in all; per call, the fastest batch and the median.
WARMUP, WARMUP_MAX, SETTLED = 0.3, 3.0, 3
BATCH, MIN_SAMPLES, MAX_SAMPLES, SAMPLING = 0.03, 3, 9, 1.5


def analyse(revs, last):
    ww = Wikiwho("page")
    ww.analyse_article(revs)
    last[0] = ww


def batch(fn, seconds):
    """CPU seconds per call of calling fn in doubling steps until `seconds` have passed."""
    t0 = time.process_time()
    calls = 0
    step = 1
    spent = 0.0
    while spent < seconds:
        for _ in range(step):
            fn()
        calls += step
        step *= 2
        spent = time.process_time() - t0
    return spent / calls


def timed(fn):
    t0 = time.process_time()
    best = float("inf")
    settled = 0
    while time.process_time() - t0 < WARMUP_MAX and (
        settled < SETTLED or time.process_time() - t0 < WARMUP
    ):
        per_call = batch(fn, BATCH)
        settled = 0 if per_call < 0.95 * best else settled + 1
        best = min(best, per_call)
    times = []
    t0 = time.process_time()
    while len(times) < MIN_SAMPLES or (
        len(times) < MAX_SAMPLES and time.process_time() - t0 < SAMPLING
    ):
        times.append(batch(fn, BATCH))
    times.sort()
    return times[0], times[len(times) // 2], len(times)


for line in sys.stdin:
    page = json.loads(line)
    revs = []
    for r in page["revisions"]:
        d = {"revid": r["id"], "user": r.get("user") or "", "userid": 0,
             "timestamp": r.get("timestamp") or ""}
        if r.get("text") is None:
            d["texthidden"] = ""
        else:
            d["*"] = r["text"]
        if r.get("comment"):
            d["comment"] = r["comment"]
        if r.get("minor"):
            d["minor"] = ""
        revs.append(d)
    last = [None]
    if os.environ.get("WIKIWHO_TIMING") == "0":  # agreement only (bench/authorship-agree.ts)
        analyse(revs, last)
        seconds, median, samples = 0.0, 0.0, 0
    else:
        seconds, median, samples = timed(lambda: analyse(revs, last))
    ww = last[0]
    added = {}
    for w in ww.tokens:
        added[w.origin_rev_id] = added.get(w.origin_rev_id, 0) + 1
    out = {"seconds": seconds, "median": median, "samples": samples, "revisionId": None, "tokens": [],
           "revisions": len(ww.ordered_revisions), "added": added}
    if ww.ordered_revisions:
        last = ww.ordered_revisions[-1]
        out["revisionId"] = last
        out["tokens"] = [[w.value, w.origin_rev_id, w.outbound, w.inbound]
                         for w in iter_rev_tokens(ww.revisions[last])]
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()
