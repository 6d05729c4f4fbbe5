"""A logistic scorer over named features whose weights are learned on the dev splits.

The weights live in ``weights.json`` beside this file, written by ``bench/train_weights.py`` together
with the corpora (and their hashes) they were learned on.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Protocol

import numpy as np

from storyline.errors import ClusterError


class PairScorer(Protocol):
    """What the grouping stages need from a learned scorer."""

    threshold: float

    @property
    def feature_names(self) -> tuple[str, ...]: ...
    def score(self, x: dict[str, float]) -> float: ...
    def scores(self, xs: Sequence[dict[str, float]]) -> list[float]: ...
    def explain(self, x: dict[str, float], top: int = 4) -> list[dict[str, float | str | None]]: ...


@dataclass
class LogisticScorer:
    weights: dict[str, float]
    bias: float
    threshold: float
    means: dict[str, float] = field(default_factory=dict)
    scales: dict[str, float] = field(default_factory=dict)

    @property
    def feature_names(self) -> tuple[str, ...]:
        return tuple(self.weights)

    def contributions(self, x: dict[str, float]) -> dict[str, float]:
        """Each feature's share of the log-odds, relative to the average training example.

        A missing value (NaN, e.g. a day gap when a date is unknown) is taken as the training mean: it
        contributes nothing, and the matching ``*_missing`` indicator carries what missing means.
        """
        out = {}
        for name, w in self.weights.items():
            raw = x.get(name, 0.0)
            if math.isnan(raw):
                out[name] = 0.0
                continue
            v = (raw - self.means.get(name, 0.0)) / (self.scales.get(name, 1.0) or 1.0)
            out[name] = w * v
        return out

    def score(self, x: dict[str, float]) -> float:
        z = self.bias + sum(self.contributions(x).values())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def scores(self, xs: Sequence[dict[str, float]]) -> list[float]:
        """:meth:`score` of many rows, the arithmetic done a column at a time (the same operations in the
        same order, so the same floats)."""
        if len(xs) < 16:  # below that, numpy's per-call cost outweighs the loop
            return [self.score(x) for x in xs]
        names = list(self.weights)
        raw = np.array([[x.get(n, 0.0) for n in names] for x in xs], dtype=np.float64)
        total = np.zeros(len(xs))
        for j, n in enumerate(names):
            part = self.weights[n] * ((raw[:, j] - self.means.get(n, 0.0)) / (self.scales.get(n, 1.0) or 1.0))
            total = total + np.where(np.isnan(part), 0.0, part)
        return [1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, self.bias + float(t))))) for t in total]

    def explain(self, x: dict[str, float], top: int = 4) -> list[dict[str, float | str | None]]:
        return top_contributions(x, self.contributions(x), top)

    def to_json(self) -> dict[str, Any]:
        return {
            "weights": self.weights,
            "bias": self.bias,
            "threshold": self.threshold,
            "means": self.means,
            "scales": self.scales,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> LogisticScorer:
        return cls(
            weights={k: float(v) for k, v in d["weights"].items()},
            bias=float(d["bias"]),
            threshold=float(d["threshold"]),
            means={k: float(v) for k, v in d.get("means", {}).items()},
            scales={k: float(v) for k, v in d.get("scales", {}).items()},
        )


def top_contributions(
    x: dict[str, float], contrib: dict[str, float], top: int = 4
) -> list[dict[str, float | str | None]]:
    """The ``top`` features with the largest parts of a score, for explanations."""
    best = sorted(contrib.items(), key=lambda kv: -abs(kv[1]))[:top]
    return [{"feature": k, "value": feature_value(x.get(k, 0.0)), "contribution": round(v, 4)} for k, v in best]


def feature_value(v: float) -> float | None:
    """A feature value for explanations and JSON: rounded, None when missing."""
    return None if math.isnan(v) else round(v, 4)


def load_weights(name: str = "weights.json") -> dict[str, Any]:
    try:
        text = resources.files("storyline.cluster").joinpath(name).read_text(encoding="utf-8")
        data: dict[str, Any] = json.loads(text)
    except (OSError, ValueError) as exc:
        raise ClusterError(f"cannot load clustering weights {name}: {exc}") from exc
    return data


def scorer_from_json(data: dict[str, Any]) -> PairScorer:
    """A stored scorer: gradient-boosted trees when marked so, logistic otherwise."""
    if data.get("kind") == "gradient-boosted-trees":
        from storyline.cluster.trees import TreeScorer  # trees.py builds on this module

        return TreeScorer.from_json(data)
    return LogisticScorer.from_json(data)


def scorers_from(data: dict[str, Any]) -> tuple[PairScorer, LogisticScorer]:
    """(article-to-event scorer, event-to-story scorer) from the contents of a weights file."""
    return scorer_from_json(data["event"]), LogisticScorer.from_json(data["story"])


def default_scorers() -> tuple[PairScorer, LogisticScorer]:
    """(article-to-event scorer, event-to-story scorer) from the shipped weights."""
    return scorers_from(load_weights())
