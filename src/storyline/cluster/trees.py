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


@dataclass
class TreeScorer:
    """Probability = sigmoid(base + sum of one leaf value per tree)."""

    features: tuple[str, ...]
    base: float
    trees: list[Tree]
    threshold: float
    info: dict[str, Any] = field(default_factory=dict)

    def _vector(self, x: dict[str, float]) -> list[float]:
        out = []
        for f in self.features:
            v = x.get(f, 0.0)
            # sklearn's trees compare float32 values with their thresholds
            out.append(MISSING if math.isnan(v) else float(np.float32(v)))
        return out

    def margin(self, x: dict[str, float]) -> float:
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
