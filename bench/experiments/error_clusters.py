"""Where a model's grouping errors are: the predicted events that cost the most B-cubed precision (wrong
merges) and the gold events that cost the most recall (wrong splits), on a dev split.

    python bench/experiments/error_clusters.py --corpus gva --split dev [--weights W] [--show 5]

Each article's B-cubed precision loss is 1 - (articles of its own gold event in its predicted event) /
(size of its predicted event); a predicted event's loss is the sum over its articles (and the same for
recall over gold events). Prints the totals, the share of the precision loss in the worst ten predicted
events, and the worst events with two articles of each gold (or predicted) event: id, date, first places
and names, title. Run it on dev splits only: reading test errors to choose features is tuning on test.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import cached_pipeline, grouping_scorers, load_corpus, prepare_all  # noqa: E402
from storyline.eval.runner import predict  # noqa: E402


def losses(members: dict[object, list[dict]], key: str) -> list[tuple[float, object, int, int]]:
    """(loss, cluster, size, number of clusters of the other side) for each cluster with a loss."""
    out = []
    for cid, rows in members.items():
        other = Counter(r[key] for r in rows)
        loss = sum(1 - other[r[key]] / len(rows) for r in rows)
        if loss:
            out.append((loss, cid, len(rows), len(other)))
    return sorted(out, key=lambda t: -t[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="gva")
    ap.add_argument("--split", default="dev", help="dev (multinews: all)")
    ap.add_argument("--weights", type=Path, default=None, help="a weights file instead of the shipped one")
    ap.add_argument("--show", type=int, default=5, help="worst events of each kind to print")
    args = ap.parse_args()
    split = None if args.split == "all" else args.split
    items = load_corpus(args.corpus, split)
    pipe = cached_pipeline(args.corpus, split)
    event, story, merge = grouping_scorers(args.weights)
    pred, _failed = predict(items, pipeline=pipe, scorers=(event, story), merge_scorer=merge)
    rows = []
    for a, p in zip(items, prepare_all(pipe, items), strict=True):
        f = p.features
        # an article that failed is a cluster of its own, as in the scores
        rows.append({"id": a.id, "gold": a.event, "pred": pred.get(a.id, (f"failed:{a.id}",))[0],
                     "date": f.date, "places": sorted(f.places)[:3], "names": sorted(f.names)[:5],
                     "title": (a.title or "")[:70]})
    by_gold: dict[object, list[dict]] = defaultdict(list)
    by_pred: dict[object, list[dict]] = defaultdict(list)
    for r in rows:
        by_gold[r["gold"]].append(r)
        by_pred[r["pred"]].append(r)
    merges, splits = losses(by_pred, "gold"), losses(by_gold, "pred")
    n = len(rows)
    p_loss, r_loss = sum(t[0] for t in merges), sum(t[0] for t in splits)
    print(f"{args.corpus}/{args.split}: {n} articles; B-cubed P {1 - p_loss / n:.4f} R {1 - r_loss / n:.4f}")
    print(f"precision lost in {len(merges)} predicted events, {sum(t[0] for t in merges[:10]) / p_loss:.0%} "
          f"of it in the worst ten; recall lost in {len(splits)} gold events")
    for title, worst, members, inner in (("wrong merges", merges, by_pred, "gold"),
                                         ("wrong splits", splits, by_gold, "pred")):
        print(f"== {title}")
        for loss, cid, size, k in worst[: args.show]:
            print(f"{'predicted' if inner == 'gold' else 'gold'} event {cid}: {size} articles of {k} "
                  f"{'gold' if inner == 'gold' else 'predicted'} events, loss {loss:.1f}")
            seen: Counter[object] = Counter()
            for r in sorted(members[cid], key=lambda r: str(r[inner])):
                seen[r[inner]] += 1
                if seen[r[inner]] <= 2:
                    print(f"    {inner} {r[inner]}  {r['id']} {r['date']} places={r['places']} "
                          f"names={r['names']} | {r['title']!r}")


if __name__ == "__main__":
    main()
