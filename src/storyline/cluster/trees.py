"""A gradient-boosted tree scorer stored as plain JSON (no pickles, no model files).

The event-consolidation scorer (:mod:`storyline.cluster.merge`) needs interactions a linear model cannot
express: a shared name means a lot between two clean articles and little between two scraped pages
whose only names are the site's menu. ``bench/train_weights.py`` fits scikit-learn's
``GradientBoostingClassifier`` on dev data and stores its trees in ``weights.json``; scoring walks them
here. Each feature's part of a score is read along the decision paths (the change of the node value at
each split is credited to the split's feature); the parts add up to the score's log-odds less a constant
(the sum of the trees' root values and the prior).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from storyline.cluster.scorer import top_contributions

MISSING = -1.0  # what a missing value (NaN) becomes before the trees see it


@dataclass
class Tree:
    left: list[int]  # child index, -1 at a leaf
    right: list[int]
    feature: list[int]
    threshold: list[float]
    value: list[float]  # the node's output (learning rate applied), internal nodes too

    def path(self, x: list[float]) -> list[int]:
        node, out = 0, [0]
        while self.left[node] >= 0:
            node = self.left[node] if x[self.feature[node]] <= self.threshold[node] else self.right[node]
            out.append(node)
        return out

    def to_json(self) -> dict[str, list[Any]]:
        return {"left": self.left, "right": self.right, "feature": self.feature,
                "threshold": self.threshold, "value": self.value}


def _depth(t: Tree, node: int = 0) -> int:
    if t.left[node] < 0:
        return 0
    return 1 + max(_depth(t, t.left[node]), _depth(t, t.right[node]))


def _fill(t: Tree, node: int, slot: int, levels: int, feature: np.ndarray, threshold: np.ndarray,
          leaf: np.ndarray) -> None:
    """Copy the subtree at ``node`` into heap ``slot``; a leaf above the last level fills every leaf slot
    below it (the padding splits above it send every row left)."""
    if levels == 0:
        leaf[slot - len(threshold)] = t.value[node]
        return
    if t.left[node] < 0:
        _fill(t, node, 2 * slot + 1, levels - 1, feature, threshold, leaf)
        _fill(t, node, 2 * slot + 2, levels - 1, feature, threshold, leaf)
        return
    feature[slot], threshold[slot] = t.feature[node], t.threshold[node]
    _fill(t, t.left[node], 2 * slot + 1, levels - 1, feature, threshold, leaf)
    _fill(t, t.right[node], 2 * slot + 2, levels - 1, feature, threshold, leaf)


@dataclass
class TreeScorer:
    """Probability = sigmoid(base + sum of one leaf value per tree)."""

    features: tuple[str, ...]
    base: float
    trees: list[Tree]
    threshold: float
    info: dict[str, Any] = field(default_factory=dict)
    # the trees as complete binary trees in heap order (node i has children 2i+1, 2i+2), so that many rows
    # descend all trees at once: split features and thresholds (tree x split), leaf values (tree x leaf)
    _heap: tuple[np.ndarray, np.ndarray, np.ndarray] = field(init=False, repr=False, compare=False)
    _depth: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        depth = max((_depth(t) for t in self.trees), default=0)
        n_split, n_leaf = 2**depth - 1, 2**depth
        feature = np.zeros((len(self.trees), n_split), dtype=np.int64)
        threshold = np.full((len(self.trees), n_split), np.inf)  # padding splits send every row left
        leaf = np.zeros((len(self.trees), n_leaf))
        for i, t in enumerate(self.trees):
            _fill(t, 0, 0, depth, feature[i], threshold[i], leaf[i])
        self._heap = (feature, threshold, leaf)
        self._depth = depth

    @property
    def feature_names(self) -> tuple[str, ...]:
        return self.features

    def margins(self, xs: Sequence[dict[str, float]]) -> np.ndarray:
        """The log-odds of many rows: the same leaves as :meth:`Tree.path`, found for all rows and trees
        at once."""
        feature, threshold, leaf = self._heap
        v = np.array([[x.get(f, 0.0) for f in self.features] for x in xs], dtype=np.float64).reshape(len(xs), -1)
        # sklearn's trees compare float32 values with their thresholds
        v = np.where(np.isnan(v), MISSING, v.astype(np.float32).astype(np.float64))
        goes_left = v[:, feature] <= threshold  # rows x trees x splits
        node = np.zeros(goes_left.shape[:2], dtype=np.int64)
        for _ in range(self._depth):
            left = np.take_along_axis(goes_left, node[:, :, None], axis=2)[:, :, 0]
            node = 2 * node + 2 - left
        values = np.take_along_axis(leaf[None, :, :], (node - (2**self._depth - 1))[:, :, None], axis=2)
        return np.asarray(self.base + values[:, :, 0].sum(axis=1))

    def scores(self, xs: Sequence[dict[str, float]]) -> list[float]:
        if not xs:
            return []
        z = np.clip(self.margins(xs), -50.0, 50.0)
        return [float(p) for p in 1.0 / (1.0 + np.exp(-z))]

    def _vector(self, x: dict[str, float]) -> list[float]:
        out = []
        for f in self.features:
            v = x.get(f, 0.0)
            # sklearn's trees compare float32 values with their thresholds
            out.append(MISSING if math.isnan(v) else float(np.float32(v)))
        return out

    def margin(self, x: dict[str, float]) -> float:
        """One row's log-odds, walking the trees (faster than :meth:`margins` for a single row)."""
        v = self._vector(x)
        return self.base + sum(t.value[t.path(v)[-1]] for t in self.trees)

    def score(self, x: dict[str, float]) -> float:
        z = self.margin(x)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def contributions(self, x: dict[str, float]) -> dict[str, float]:
        """Each feature's part of the log-odds, relative to the average training example."""
        v = self._vector(x)
        out = dict.fromkeys(self.features, 0.0)
        for t in self.trees:
            nodes = t.path(v)
            for parent, child in zip(nodes, nodes[1:], strict=False):
                out[self.features[t.feature[parent]]] += t.value[child] - t.value[parent]
        return out

    def explain(self, x: dict[str, float], top: int = 4) -> list[dict[str, float | str | None]]:
        return top_contributions(x, self.contributions(x), top)

    def to_json(self) -> dict[str, Any]:
        return {"kind": "gradient-boosted-trees", "features": list(self.features), "base": self.base,
                "threshold": self.threshold, "info": self.info, "trees": [t.to_json() for t in self.trees]}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> TreeScorer:
        trees = [Tree([int(i) for i in t["left"]], [int(i) for i in t["right"]], [int(i) for i in t["feature"]],
                      [float(v) for v in t["threshold"]], [float(v) for v in t["value"]]) for t in d["trees"]]
        return cls(tuple(d["features"]), float(d["base"]), trees, float(d["threshold"]), dict(d.get("info", {})))

    @classmethod
    def from_sklearn(cls, model: Any, features: tuple[str, ...], x_sample: np.ndarray, threshold: float = 0.5,
                     info: dict[str, Any] | None = None) -> TreeScorer:
        """Convert a fitted binary ``GradientBoostingClassifier`` (its rows must use :data:`MISSING`)."""
        rate = float(model.learning_rate)
        trees = []
        for est in model.estimators_[:, 0]:
            t = est.tree_
            trees.append(Tree(
                left=[int(i) for i in t.children_left],
                right=[int(i) for i in t.children_right],
                feature=[max(0, int(i)) for i in t.feature],
                threshold=[float(v) for v in t.threshold],
                value=[rate * float(v) for v in t.value[:, 0, 0]],
            ))
        # the model's starting log-odds (its prior), read back from one prediction
        row = x_sample[:1]
        raw = float(model.decision_function(row)[0])
        leaves = sum(rate * float(est.predict(row)[0]) for est in model.estimators_[:, 0])
        return cls(tuple(features), raw - leaves, trees, threshold, dict(info or {}))
