"""Why articles miss their own event: the teacher-forced positive examples of a dev corpus that the
shipped scorer puts below its threshold, and how many of them are days away or have a conflict.

    python bench/experiments/missed_positives.py [--corpus gva] [--split dev]
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import cached_pipeline, load_corpus, prepare_all  # noqa: E402
from storyline.cluster.scorer import default_scorers  # noqa: E402
from storyline.eval.train import event_rows  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="gva")
    ap.add_argument("--split", default="dev")
    args = ap.parse_args()
    scorer = default_scorers()[0]
    split = None if args.corpus == "multinews" else args.split
    items = load_corpus(args.corpus, split)
    prep = prepare_all(cached_pipeline(args.corpus, split), items)
    order = sorted(range(len(prep)), key=lambda i: (prep[i].date.date is None, prep[i].date.date or 0, prep[i].hash))
    xs, ys = event_rows([prep[i] for i in order], [items[i].event for i in order])
    pos = [x for x, y in zip(xs, ys, strict=True) if y]
    missed = [x for x in pos if scorer.score(x) < scorer.threshold]
    print(f"{args.corpus}/{split or 'all'}: {len(pos)} positives, {len(missed)} below the threshold")
    for f in ("places_conflict", "countries_conflict", "names_conflict"):
        share_all = sum(x[f] for x in pos) / len(pos)
        share_missed = sum(x[f] for x in missed) / max(1, len(missed))
        print(f"  {f}: {share_all:.3f} of all positives, {share_missed:.3f} of the missed")
    far = sum(1 for x in missed if not math.isnan(x["day_gap_log"]) and x["day_gap_log"] > math.log1p(3))
    print(f"  more than 3 days from the event: {far / max(1, len(missed)):.3f} of the missed")


if __name__ == "__main__":
    main()
