"""storyline's grouping quality on the benchmark corpora, through the product's code path.

    python bench/grouping.py [--corpus ecbplus,gva,multinews] [--split test] [--event-thresholds 0.2,0.4]
                             [--weights FILE]

With --event-thresholds the corpus is scored once per event threshold (a sensitivity analysis: the
shipped threshold is the one learned on dev).

Ingests each corpus split into a fresh temporary database (`storyline.eval.runner.evaluate`, the code
behind `storyline eval`) and prints B-cubed and pairwise scores for events and stories. Embeddings are
cached in bench/out/ so reruns are quick; everything else runs as in the product. "group s" is the time
of the ingest once the articles are prepared (cleaning, dates, features and embedding excluded).
multinews-dev has no test split: its figures are development figures, not evidence.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    add_weights_option,
    cached_pipeline,
    corpus_hash,
    grouping_scorers,
    load_corpus,
    machine,
    prepare_all,
)
from storyline.eval.runner import evaluate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="ecbplus,gva,multinews")
    ap.add_argument("--split", default="test")
    ap.add_argument("--event-thresholds", default=None, help="comma-separated thresholds to try instead")
    add_weights_option(ap)
    args = ap.parse_args()
    event_scorer, story_scorer, merge_scorer = grouping_scorers(args.weights)
    thresholds = ([float(t) for t in args.event_thresholds.split(",")] if args.event_thresholds
                  else [event_scorer.threshold])
    print(f"machine: {machine()}")
    print(f"{'corpus':<16} {'n':>5} {'level':<8} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>7} {'pair F1':>7} "
          f"{'gold':>5} {'pred':>5} {'group s':>8}")
    for name in args.corpus.split(","):
        split = None if name == "multinews" else args.split
        items = load_corpus(name, split)
        pipe = cached_pipeline(name, split)
        prepare_all(pipe, items)
        for t in thresholds:
            t0 = time.perf_counter()
            r = evaluate(items, pipeline=pipe, scorers=(replace(event_scorer, threshold=t), story_scorer),
                         merge_scorer=merge_scorer, consolidate=merge_scorer is not None)
            secs = time.perf_counter() - t0
            label = f"{name}/{split or 'dev'}" + (f"@{t:g}" if args.event_thresholds else "")
            for level, sc in (("events", r.events), ("stories", r.stories)):
                if sc is None:
                    continue
                print(f"{label:<16} {r.n_articles:>5} {level:<8} {sc.bcubed.precision:6.3f} "
                      f"{sc.bcubed.recall:6.3f} {sc.bcubed.f1:7.4f} {sc.pairwise.f1:7.3f} {sc.n_gold_clusters:5d} "
                      f"{sc.n_pred_clusters:5d} {secs:8.1f}")
        print(f"{'':<16} corpus sha256/16 {corpus_hash(items)}")


if __name__ == "__main__":
    main()
