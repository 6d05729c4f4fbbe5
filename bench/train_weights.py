"""Learn the grouping weights on the dev splits and write weights.json.

    python bench/train_weights.py            # ECB+ dev, GVA dev, multinews-dev

Three scorers, in pipeline order:
1. article -> event (logistic, teacher-forced rows; or, with --event-model trees, gradient-boosted trees
   on those rows plus the rows of the events a logistic scorer builds online), its threshold chosen with
   consolidation off;
2. event consolidation (gradient-boosted trees) on the pairs of events that step 1 really makes on
   each dev corpus, its threshold chosen with the whole engine;
3. event -> story (logistic, rows from gold events), its threshold chosen last.
Only `dev` data is used (multinews-dev is a development set as a whole). Every threshold is chosen by
running the real engine on each dev corpus and maximising the mean B-cubed F1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, cached_pipeline, corpus_hash, load_corpus, prepare_all  # noqa: E402
from storyline.cluster.features import BASE_FEATURES, RARITY_FEATURES, SUPPORT_FEATURES  # noqa: E402
from storyline.cluster.merge import MERGE_FEATURES  # noqa: E402
from storyline.cluster.scorer import LogisticScorer  # noqa: E402
from storyline.cluster.stories import STORY_MODEL_FEATURES  # noqa: E402
from storyline.cluster.trees import TreeScorer  # noqa: E402
from storyline.eval.runner import evaluate  # noqa: E402
from storyline.eval.train import (  # noqa: E402
    event_rows,
    fit_logistic,
    fit_trees,
    merge_rows,
    online_event_rows,
    online_events,
    story_rows,
)

CORPORA = [("ecbplus", "dev"), ("gva", "dev"), ("multinews", None)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "src/storyline/cluster/weights.json"))
    ap.add_argument("--event-grid", default="0.25,0.3,0.35,0.4,0.5")
    ap.add_argument("--event-model", choices=["logistic", "trees"], default="logistic",
                    help="article->event scorer: logistic on teacher-forced rows (shipped), or trees that also "
                         "learn from the events a scorer builds online (an experiment: docs/benchmarks.md)")
    ap.add_argument("--bootstrap-threshold", type=float, default=0.4,
                    help="trees: threshold of the logistic scorer whose events give the online rows")
    ap.add_argument("--min-leaf-weight", type=float, default=0.0,
                    help="least share of the training weight in a tree leaf (both tree scorers)")
    ap.add_argument("--rarity", action="store_true",
                    help="the article->event scorer also uses the rarity features (idf-weighted shared names "
                         "and places; cluster.features.RARITY_FEATURES)")
    ap.add_argument("--merge-grid", default="0.3,0.4,0.5,0.6,0.7,0.8")
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
        print(f"{name}: {len(ys)} teacher-forced event rows ({sum(ys)} positive), "
              f"{len(sy)} story rows ({sum(sy)} positive)")
    rarity = RARITY_FEATURES if args.rarity else ()
    ev: LogisticScorer | TreeScorer
    if args.event_model == "logistic":
        ev = fit_logistic(ev_rows, BASE_FEATURES + rarity)
        print("event weights:", {k: round(v, 2) for k, v in ev.weights.items()}, "bias", round(ev.bias, 2))
    else:
        # A logistic scorer on the teacher-forced rows builds events the way the engine would; the rows
        # those (partly mixed) events give are added, and the trees learn from both.
        learned = BASE_FEATURES + SUPPORT_FEATURES + rarity
        boot = replace(fit_logistic(ev_rows, learned), threshold=args.bootstrap_threshold)
        for (name, _split, items, _, p), (xs, ys) in zip(corpora, ev_rows, strict=True):
            oxs, oys = online_event_rows(p, [a.event for a in items], boot)
            xs.extend(oxs)
            ys.extend(oys)
            print(f"{name}: {len(oys)} online event rows ({sum(oys)} positive)")
        t0 = time.perf_counter()
        ev = fit_trees(ev_rows, learned, min_leaf_weight=args.min_leaf_weight)
        print(f"event trees fitted in {time.perf_counter() - t0:.1f}s")
    st = fit_logistic(st_rows, STORY_MODEL_FEATURES, c=0.3)
    print("story weights:", {k: round(v, 2) for k, v in st.weights.items()}, "bias", round(st.bias, 2))

    def run(ev_t: float, st_t: float, mg: TreeScorer | None = None) -> list[dict]:
        out = []
        for name, _split, items, pipe, _ in corpora:
            r = evaluate(items, pipeline=pipe, scorers=(replace(ev, threshold=ev_t), replace(st, threshold=st_t)),
                         merge_scorer=mg, consolidate=mg is not None)
            out.append({"corpus": name, "events_f1": r.events.bcubed.f1,
                        "stories_f1": r.stories.bcubed.f1 if r.stories else None})
        return out

    def pick(stage: str, grid: str, run_at: Callable[[float], list[dict]], key: str) -> float:
        """The grid point with the best mean of ``key`` over the corpora (each point printed)."""
        best: tuple[float, float] | None = None
        for t in [float(x) for x in grid.split(",")]:
            res = [r for r in run_at(t) if r[key] is not None]
            mean = sum(r[key] for r in res) / len(res)
            print(f"{stage} threshold {t:.2f}: " + ", ".join(f"{r['corpus']} {r[key]:.3f}" for r in res)
                  + f" | mean {mean:.3f}")
            if best is None or mean > best[0]:
                best = (mean, t)
        assert best is not None
        return best[1]

    ev.threshold = pick("event", args.event_grid, lambda t: run(t, 0.5), "events_f1")

    t0 = time.perf_counter()
    mg_rows = []
    for name, _split, items, pipe, _ in corpora:
        index, gold = online_events(items, pipe, (ev, st))
        mg_rows.append(merge_rows(index, gold))
        print(f"{name}: {len(index)} online events, {len(mg_rows[-1][1])} event pairs "
              f"({sum(mg_rows[-1][1])} positive)")
    mg = fit_trees(mg_rows, MERGE_FEATURES, min_leaf_weight=args.min_leaf_weight)
    print(f"consolidation trees fitted in {time.perf_counter() - t0:.1f}s")
    mg.threshold = pick("merge", args.merge_grid, lambda t: run(ev.threshold, 0.5, replace(mg, threshold=t)),
                        "events_f1")
    st.threshold = pick("story", args.story_grid, lambda t: run(ev.threshold, t, mg), "stories_f1")
    final = run(ev.threshold, st.threshold, mg)
    data = {
        "note": "learned by bench/train_weights.py on dev data only; do not edit by hand",
        "trained": dt.date.today().isoformat(),
        "corpora": [{"name": n, "split": s or "all", "articles": len(i), "sha256_16": corpus_hash(i)}
                    for n, s, i, _, _ in corpora],
        "dev_scores": final,
        "event": ev.to_json(),
        "story": st.to_json(),
        "merge": mg.to_json(),
    }
    Path(args.out).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: event threshold {ev.threshold}, merge threshold {mg.threshold}, "
          f"story threshold {st.threshold}")
    for r in final:
        print(f"  {r['corpus']}: events B3 F1 {r['events_f1']:.3f}, stories B3 F1 {r['stories_f1']:.3f}")


if __name__ == "__main__":
    main()
