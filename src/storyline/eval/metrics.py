"""Clustering quality metrics: B-cubed and pairwise precision/recall/F1.

Both metrics compare a gold clustering with a predicted one, each given as a mapping from item id to
cluster label (labels are opaque: only equality matters, so renaming clusters changes nothing).

Items scored are those in ``gold``. Every gold item must appear in ``pred`` (otherwise
:class:`~storyline.errors.EvalError` names the missing ids); items that appear only in ``pred`` (for
example unlabelled articles clustered alongside the labelled ones) are ignored, and cluster sizes are
counted over the scored items only.

Everything is computed from the contingency table (count of items per (gold label, predicted label)
cell), so the cost is O(n) in the number of items, never O(n^2) in pairs.

B-cubed (Bagga & Baldwin 1998), item-averaged, each item counting itself as a member of its own
clusters: for item i with gold cluster G(i) and predicted cluster P(i)::

    precision(i) = |G(i) & P(i)| / |P(i)|        recall(i) = |G(i) & P(i)| / |G(i)|

averaged over all items. Summed per contingency cell (g, p) of size n_gp this is
``sum n_gp^2 / n_p / n`` and ``sum n_gp^2 / n_g / n``.

Pairwise: over all unordered pairs of distinct items, a pair is *positive* when both items share a
cluster. ``TP = sum C(n_gp, 2)``, predicted positives ``sum C(n_p, 2)``, gold positives
``sum C(n_g, 2)``. Convention when there are no pairs to judge: precision is 1.0 when the prediction
has no positive pairs (it made no wrong claim), recall is 1.0 when gold has no positive pairs (there
was nothing to find). So all-singleton gold against all-singleton prediction scores 1.0/1.0/1.0, while
all-singleton prediction against gold with real pairs scores precision 1.0, recall 0.0, F1 0.0.

F1 is the harmonic mean of precision and recall, 0.0 when both are 0.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from storyline.errors import EvalError

logger = logging.getLogger(__name__)

__all__ = ["ClusterScores", "Scores", "bcubed", "pairwise", "score_clustering"]

_MAX_IDS_IN_ERROR = 5


@dataclass(frozen=True)
class Scores:
    """Precision, recall and their harmonic mean, each in [0, 1]."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def from_pr(cls, precision: float, recall: float) -> Scores:
        total = precision + recall
        f1 = 2.0 * precision * recall / total if total > 0 else 0.0
        return cls(precision, recall, f1)

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class ClusterScores:
    """B-cubed and pairwise scores plus the sizes they were computed over."""

    bcubed: Scores
    pairwise: Scores
    n_items: int
    n_gold_clusters: int
    n_pred_clusters: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class _Contingency:
    n: int
    cells: Counter[tuple[Hashable, Hashable]]
    gold_sizes: Counter[Hashable]
    pred_sizes: Counter[Hashable]


def _contingency(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> _Contingency:
    if not gold:
        raise EvalError("no gold items to score")
    missing = [item for item in gold if item not in pred]
    if missing:
        shown = ", ".join(repr(m) for m in missing[:_MAX_IDS_IN_ERROR])
        more = f" and {len(missing) - _MAX_IDS_IN_ERROR} more" if len(missing) > _MAX_IDS_IN_ERROR else ""
        raise EvalError(f"{len(missing)} gold item(s) missing from the prediction: {shown}{more}")
    extra = len(pred) - len(gold) if len(pred) > len(gold) else 0
    if extra:
        logger.debug("ignoring %d predicted item(s) that have no gold label", extra)
    cells: Counter[tuple[Hashable, Hashable]] = Counter((g, pred[item]) for item, g in gold.items())
    gold_sizes: Counter[Hashable] = Counter()
    pred_sizes: Counter[Hashable] = Counter()
    for (g, p), count in cells.items():
        gold_sizes[g] += count
        pred_sizes[p] += count
    return _Contingency(len(gold), cells, gold_sizes, pred_sizes)


def _bcubed(c: _Contingency) -> Scores:
    precision = sum(count * count / c.pred_sizes[p] for (_, p), count in c.cells.items()) / c.n
    recall = sum(count * count / c.gold_sizes[g] for (g, _), count in c.cells.items()) / c.n
    return Scores.from_pr(precision, recall)


def _pairs(k: int) -> int:
    return k * (k - 1) // 2


def _pairwise(c: _Contingency) -> Scores:
    true_pos = sum(_pairs(count) for count in c.cells.values())
    pred_pos = sum(_pairs(size) for size in c.pred_sizes.values())
    gold_pos = sum(_pairs(size) for size in c.gold_sizes.values())
    precision = true_pos / pred_pos if pred_pos else 1.0
    recall = true_pos / gold_pos if gold_pos else 1.0
    return Scores.from_pr(precision, recall)


def bcubed(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> Scores:
    """Item-averaged B-cubed precision, recall and F1 of ``pred`` against ``gold``."""
    return _bcubed(_contingency(gold, pred))


def pairwise(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> Scores:
    """Pairwise (same-cluster link) precision, recall and F1 of ``pred`` against ``gold``."""
    return _pairwise(_contingency(gold, pred))


def score_clustering(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> ClusterScores:
    """B-cubed and pairwise scores together, from one contingency table."""
    c = _contingency(gold, pred)
    return ClusterScores(
        bcubed=_bcubed(c),
        pairwise=_pairwise(c),
        n_items=c.n,
        n_gold_clusters=len(c.gold_sizes),
        n_pred_clusters=len(c.pred_sizes),
    )
