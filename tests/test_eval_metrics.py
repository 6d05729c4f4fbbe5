"""B-cubed and pairwise clustering metrics."""

from __future__ import annotations

import random
from itertools import combinations

import pytest

from storyline.errors import EvalError
from storyline.eval.metrics import ClusterScores, Scores, bcubed, pairwise, score_clustering


def approx(scores: Scores, precision: float, recall: float, f1: float | None = None) -> None:
    assert scores.precision == pytest.approx(precision)
    assert scores.recall == pytest.approx(recall)
    expected_f1 = f1 if f1 is not None else 2 * precision * recall / (precision + recall)
    assert scores.f1 == pytest.approx(expected_f1)


def labels(clusters: list[list[str]]) -> dict[str, str]:
    return {item: f"c{i}" for i, members in enumerate(clusters) for item in members}


# Bagga & Baldwin (1998), figure 2: gold {1-5} {6,7} {8,9,A,B,C}; response merges the last two.
BB_GOLD = labels([["1", "2", "3", "4", "5"], ["6", "7"], ["8", "9", "A", "B", "C"]])
BB_PRED = labels([["1", "2", "3", "4", "5"], ["6", "7", "8", "9", "A", "B", "C"]])

# A small mixed case: gold {a,b,c} {d,e}; pred {a,b} {c,d,e}.
MIX_GOLD = labels([["a", "b", "c"], ["d", "e"]])
MIX_PRED = labels([["a", "b"], ["c", "d", "e"]])


def brute_force(gold: dict[str, str], pred: dict[str, str]) -> tuple[Scores, Scores]:
    """The definitions, item by item and pair by pair (O(n^2)), to check the fast versions."""
    items = list(gold)
    p_sum = r_sum = 0.0
    for i in items:
        same_pred = {j for j in items if pred[j] == pred[i]}
        same_gold = {j for j in items if gold[j] == gold[i]}
        both = len(same_pred & same_gold)
        p_sum += both / len(same_pred)
        r_sum += both / len(same_gold)
    b3 = Scores.from_pr(p_sum / len(items), r_sum / len(items))
    tp = fp = fn = 0
    for i, j in combinations(items, 2):
        g, p = gold[i] == gold[j], pred[i] == pred[j]
        tp += g and p
        fp += p and not g
        fn += g and not p
    pw = Scores.from_pr(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)
    return b3, pw


def test_bagga_baldwin_example() -> None:
    # precision: 5 items at 5/5, 2 at 2/7, 5 at 5/7 -> (5 + 4/7 + 25/7) / 12 = 64/84; recall 1
    approx(bcubed(BB_GOLD, BB_PRED), 64 / 84, 1.0)
    # pairs: gold 10 + 1 + 10 = 21, predicted 10 + 21 = 31, all gold pairs found
    approx(pairwise(BB_GOLD, BB_PRED), 21 / 31, 1.0)


def test_mixed_example() -> None:
    # per item precision 1, 1, 1/3, 2/3, 2/3 and recall 2/3, 2/3, 1/3, 1, 1 -> both 11/15
    approx(bcubed(MIX_GOLD, MIX_PRED), 11 / 15, 11 / 15, 11 / 15)
    # TP = {a,b} {d,e}; predicted pairs 1 + 3; gold pairs 3 + 1
    approx(pairwise(MIX_GOLD, MIX_PRED), 0.5, 0.5, 0.5)


def test_swapping_gold_and_pred_swaps_precision_and_recall() -> None:
    forward, backward = score_clustering(BB_GOLD, BB_PRED), score_clustering(BB_PRED, BB_GOLD)
    assert forward.bcubed.precision == pytest.approx(backward.bcubed.recall)
    assert forward.pairwise.recall == pytest.approx(backward.pairwise.precision)


def test_perfect_clustering() -> None:
    pred = {item: f"other-{label}" for item, label in BB_GOLD.items()}
    result = score_clustering(BB_GOLD, pred)
    approx(result.bcubed, 1.0, 1.0, 1.0)
    approx(result.pairwise, 1.0, 1.0, 1.0)
    assert (result.n_items, result.n_gold_clusters, result.n_pred_clusters) == (12, 3, 3)


def test_all_singletons_prediction() -> None:
    pred = {item: item for item in BB_GOLD}
    # B-cubed: precision 1; recall averages 1/|G| per item: (5*1/5 + 2*1/2 + 5*1/5) / 12 = 3/12
    approx(bcubed(BB_GOLD, pred), 1.0, 3 / 12)
    # no predicted pairs: precision 1 by convention, recall 0
    approx(pairwise(BB_GOLD, pred), 1.0, 0.0, 0.0)


def test_all_in_one_prediction() -> None:
    pred = dict.fromkeys(BB_GOLD, "all")
    # B-cubed precision = sum |G|^2 / n^2 = (25 + 4 + 25) / 144; recall 1
    approx(bcubed(BB_GOLD, pred), 54 / 144, 1.0)
    approx(pairwise(BB_GOLD, pred), 21 / 66, 1.0)


def test_singleton_gold_and_singleton_prediction_is_perfect() -> None:
    gold = {str(i): str(i) for i in range(5)}
    pred = {str(i): f"p{i}" for i in range(5)}
    approx(pairwise(gold, pred), 1.0, 1.0, 1.0)
    approx(bcubed(gold, pred), 1.0, 1.0, 1.0)


def test_singleton_gold_with_merged_prediction() -> None:
    gold = {str(i): str(i) for i in range(4)}
    pred = dict.fromkeys(gold, "x")
    approx(pairwise(gold, pred), 0.0, 1.0, 0.0)  # no gold pairs: recall 1 by convention
    approx(bcubed(gold, pred), 0.25, 1.0)


def test_single_item() -> None:
    result = score_clustering({"a": "g"}, {"a": "p"})
    approx(result.bcubed, 1.0, 1.0, 1.0)
    approx(result.pairwise, 1.0, 1.0, 1.0)


def test_label_permutation_invariance() -> None:
    rng = random.Random(7)
    gold = {f"i{k}": f"g{rng.randrange(6)}" for k in range(60)}
    pred = {f"i{k}": rng.randrange(8) for k in range(60)}
    renamed_pred = {item: f"renamed-{(label * 5) % 8}" for item, label in pred.items()}
    renamed_gold = {item: label[::-1] + "!" for item, label in gold.items()}
    base = score_clustering(gold, pred)
    assert score_clustering(renamed_gold, renamed_pred) == base
    shuffled = dict(rng.sample(list(pred.items()), len(pred)))  # iteration order does not matter
    assert score_clustering(gold, shuffled) == base


@pytest.mark.parametrize("seed", range(5))
def test_matches_brute_force_definitions(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randrange(1, 40)
    gold = {f"i{k}": f"g{rng.randrange(1 + n // 3)}" for k in range(n)}
    pred = {f"i{k}": f"p{rng.randrange(1 + n // 4)}" for k in range(n)}
    b3, pw = brute_force(gold, pred)
    result = score_clustering(gold, pred)
    approx(result.bcubed, b3.precision, b3.recall, b3.f1)
    approx(result.pairwise, pw.precision, pw.recall, pw.f1)


def test_missing_prediction_raises_with_item_id() -> None:
    pred = dict(MIX_PRED)
    del pred["d"]
    for fn in (bcubed, pairwise, score_clustering):
        with pytest.raises(EvalError, match="'d'"):
            fn(MIX_GOLD, pred)


def test_many_missing_items_are_summarised() -> None:
    gold = {f"i{k}": "g" for k in range(20)}
    with pytest.raises(EvalError, match="20 gold item.*and 15 more"):
        bcubed(gold, {})


def test_extra_predicted_items_are_ignored() -> None:
    pred = dict(MIX_PRED) | {"unlabelled1": "c0", "unlabelled2": "c1"}
    assert score_clustering(MIX_GOLD, pred) == score_clustering(MIX_GOLD, MIX_PRED)


def test_empty_gold_raises() -> None:
    with pytest.raises(EvalError):
        score_clustering({}, {"a": "x"})


def test_large_input_is_fast() -> None:
    n = 200_000  # an O(n^2) implementation would never finish
    gold = {str(i): str(i // 7) for i in range(n)}
    pred = {str(i): str(i // 5) for i in range(n)}
    result = score_clustering(gold, pred)
    assert isinstance(result, ClusterScores)
    assert 0 < result.bcubed.f1 < 1
    assert result.n_gold_clusters == (n + 6) // 7


def test_scores_as_dict() -> None:
    result = score_clustering(MIX_GOLD, MIX_PRED).as_dict()
    assert result["bcubed"]["f1"] == pytest.approx(11 / 15)
    assert result["n_items"] == 5
