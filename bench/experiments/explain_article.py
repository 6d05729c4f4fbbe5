"""Why one dev article scores low against the rest of its own gold event: the shipped scorer's
feature contributions (log-odds), most negative first.

    python bench/experiments/explain_article.py ecbplus 1_12ecb
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import cached_pipeline, load_corpus, prepare_all  # noqa: E402
from storyline.cluster.features import GroupState, pair_features  # noqa: E402
from storyline.cluster.scorer import default_scorers  # noqa: E402


def main() -> None:
    name, target = sys.argv[1], sys.argv[2]
    split = None if name == "multinews" else "dev"
    items = load_corpus(name, split)
    prep = {a.id: p for a, p in zip(items, prepare_all(cached_pipeline(name, split), items), strict=True)}
    scorer = default_scorers()[0]
    article = next(a for a in items if a.id == target)
    rest = GroupState(1, len(prep[target].features.embedding))
    for b in items:
        if b.event == article.event and b.id != target:
            rest.add(0, prep[b.id].features)
    x = pair_features(prep[target].features, rest)
    print(f"{target} against the {rest.size} other articles of {article.event}: score {scorer.score(x):.3f} "
          f"(threshold {scorer.threshold})")
    for k, v in sorted(scorer.contributions(x).items(), key=lambda kv: kv[1]):
        print(f"  {k:22s} {x[k]:8.3f} -> {v:+.2f}")


if __name__ == "__main__":
    main()
