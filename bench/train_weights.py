"""Learn the article->event and event->story weights on the dev splits and write weights.json.

    python bench/train_weights.py            # ECB+ dev, GVA dev, multinews-dev

Only `dev` data is used (multinews-dev is a development set as a whole). The thresholds are chosen by
running the real engine on each dev corpus and maximising the mean B-cubed F1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, cached_pipeline, corpus_hash, load_corpus, prepare_all  # noqa: E402
from storyline.cluster.features import FEATURE_NAMES  # noqa: E402
from storyline.cluster.stories import STORY_MODEL_FEATURES  # noqa: E402
from storyline.eval.runner import evaluate  # noqa: E402
from storyline.eval.train import event_rows, fit_logistic, story_rows  # noqa: E402

CORPORA = [("ecbplus", "dev"), ("gva", "dev"), ("multinews", None)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "src/storyline/cluster/weights.json"))
    ap.add_argument("--event-grid", default="0.2,0.25,0.3,0.35,0.4,0.5")
    ap.add_argument("--story-grid", default="0.1,0.15,0.2,0.3,0.5")
    args = ap.parse_args()

    corpora = []
    for name, split in CORPORA:
        items = load_corpus(name, split)
        pipe = cached_pipeline(name, split)
        t0 = time.perf_counter()
        prepared = prepare_all(pipe, items)
        print(f"{name}/{split or 'all'}: {len(items)} articles prepared in {time.perf_counter() - t0:.1f}s")
        corpora.append((name, split, items, pipe, prepared))

    ev_rows = [event_rows(p, [a.event for a in items]) for _, _, items, _, p in corpora]
    st_rows = [story_rows(p, [a.event for a in items], [a.story or a.event for a in items])
               for _, _, items, _, p in corpora]
    for (name, *_), (_xs, ys), (_sx, sy) in zip(corpora, ev_rows, st_rows, strict=True):
        print(f"{name}: {len(ys)} event rows ({sum(ys)} positive), {len(sy)} story rows ({sum(sy)} positive)")
    ev = fit_logistic(ev_rows, FEATURE_NAMES)
    st = fit_logistic(st_rows, STORY_MODEL_FEATURES, c=0.3)
    print("event weights:", {k: round(v, 2) for k, v in ev.weights.items()}, "bias", round(ev.bias, 2))
    print("story weights:", {k: round(v, 2) for k, v in st.weights.items()}, "bias", round(st.bias, 2))

    def run(ev_t: float, st_t: float) -> list[dict]:
        out = []
        for name, _split, items, pipe, _ in corpora:
            r = evaluate(items, pipeline=pipe, scorers=(replace(ev, threshold=ev_t), replace(st, threshold=st_t)))
            out.append({"corpus": name, "events_f1": r.events.bcubed.f1,
                        "stories_f1": r.stories.bcubed.f1 if r.stories else None})
        return out

    best_ev = None
    for t in [float(x) for x in args.event_grid.split(",")]:
        res = run(t, 0.5)
        mean = sum(r["events_f1"] for r in res) / len(res)
        print(f"event threshold {t:.2f}: " + ", ".join(f"{r['corpus']} {r['events_f1']:.3f}" for r in res)
              + f" | mean {mean:.3f}")
        if best_ev is None or mean > best_ev[0]:
            best_ev = (mean, t)
    assert best_ev is not None
    best_st = None
    for t in [float(x) for x in args.story_grid.split(",")]:
        res = run(best_ev[1], t)
        vals = [r["stories_f1"] for r in res if r["stories_f1"] is not None]
        mean = sum(vals) / len(vals)
        print(f"story threshold {t:.2f}: " + ", ".join(f"{r['corpus']} {r['stories_f1']:.3f}" for r in res)
              + f" | mean {mean:.3f}")
        if best_st is None or mean > best_st[0]:
            best_st = (mean, t)
    assert best_st is not None
    ev.threshold, st.threshold = best_ev[1], best_st[1]
    final = run(ev.threshold, st.threshold)
    data = {
        "note": "learned by bench/train_weights.py on dev data only; do not edit by hand",
        "trained": dt.date.today().isoformat(),
        "corpora": [{"name": n, "split": s or "all", "articles": len(i), "sha256_16": corpus_hash(i)}
                    for n, s, i, _, _ in corpora],
        "dev_scores": final,
        "event": ev.to_json(),
        "story": st.to_json(),
    }
    Path(args.out).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: event threshold {ev.threshold}, story threshold {st.threshold}")
    for r in final:
        print(f"  {r['corpus']}: events B3 F1 {r['events_f1']:.3f}, stories B3 F1 {r['stories_f1']:.3f}")


if __name__ == "__main__":
    main()
