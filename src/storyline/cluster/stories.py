"""Event -> story linking: events that continue one situation with the same main actors.

A story is compared with an event through its events' centroids and the union of their places, names
and numbers. Look-alike events (two earthquakes) have similar embeddings but different places and
actors, which the learned weights make decisive.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from storyline.cluster.features import GroupState
from storyline.cluster.scorer import LogisticScorer, feature_value
from storyline.enrich.terms import cosine, norm


def weighted_jaccard(a: dict[str, int], b: dict[str, int], total_b: int | None = None) -> float:
    """sum(min) / sum(max) over keys, in O(len(a)): sum(max) = sum(a) + sum(b) - sum(min)."""
    if len(a) > len(b) and total_b is None:
        a, b = b, a
    num = sum(min(v, b.get(k, 0)) for k, v in a.items())
    den = sum(a.values()) + (sum(b.values()) if total_b is None else total_b) - num
    return num / den if den else 0.0


def main_keys(counter: dict[str, int], size: int) -> dict[str, int]:
    """Keys mentioned by at least a third of the group's members (its main actors and places)."""
    floor = max(1, math.ceil(size / 3))
    return {k: v for k, v in counter.items() if v >= floor}


# The features the story scorer is trained on: with only a handful of multi-event stories in the dev data,
# a small model generalises better than one over every feature computed (see bench/train_weights.py).
STORY_MODEL_FEATURES = (
    "emb_centroid",
    "lex_max",
    "places_jaccard",
    "names_jaccard",
    "numbers_jaccard",
    "day_gap_log",
    "day_gap_missing",
)

STORY_FEATURES = (
    "emb_max",
    "emb_centroid",
    "lex_max",
    "places_jaccard",
    "places_main_shared",
    "countries_jaccard",
    "names_jaccard",
    "names_main_shared",
    "numbers_jaccard",
    "day_gap_log",
    "day_gap_missing",
)


def story_pair_features(e: GroupState, s: StoryState) -> dict[str, float]:
    c = e.centroid()
    sims = s.centroids @ c if len(s.centroids) else np.zeros(1)
    emb_centroid = float(s.centroid() @ c)
    lex = 0.0
    for lang, bag in e.terms.items():
        other = s.terms.get(lang)
        if other:
            lex = max(lex, cosine(bag, other, e.term_norm(lang), s.term_norm(lang)))
    e_places, s_places = main_keys(e.places, e.size), main_keys(s.places, s.n_articles)
    e_names, s_names = main_keys(e.names, e.size), main_keys(s.names, s.n_articles)
    gap = None
    if e.days and s.days:
        gap = min(abs((a - b).days) for a in (min(e.days), max(e.days)) for b in (min(s.days), max(s.days)))
    return {
        "emb_max": float(sims.max()),
        "emb_centroid": emb_centroid,
        "lex_max": lex,
        "places_jaccard": weighted_jaccard(e.places, s.places, s.totals["places"]),
        "places_main_shared": float(len(set(e_places) & set(s_places)) > 0),
        "countries_jaccard": weighted_jaccard(e.countries, s.countries, s.totals["countries"]),
        "names_jaccard": weighted_jaccard(e.names, s.names, s.totals["names"]),
        "names_main_shared": float(len(set(e_names) & set(s_names)) > 0),
        "numbers_jaccard": weighted_jaccard(e.numbers, s.numbers, s.totals["numbers"]),
        "day_gap_log": math.log1p(gap) if gap is not None else math.nan,  # missing: scored as the mean
        "day_gap_missing": 1.0 if gap is None else 0.0,
    }


@dataclass
class StoryState:
    id: int
    event_ids: list[int] = field(default_factory=list)
    centroids: np.ndarray = field(default_factory=lambda: np.zeros((0, 512), dtype=np.float32))
    centroid_sum: np.ndarray = field(default_factory=lambda: np.zeros(512, dtype=np.float32))
    terms: dict[str, dict[str, float]] = field(default_factory=dict)
    places: dict[str, int] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)
    names: dict[str, int] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    days: list[Any] = field(default_factory=list)
    n_articles: int = 0
    totals: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("places", "countries", "names", "numbers"), 0)
    )
    _term_norms: dict[str, float] = field(default_factory=dict)

    def term_norm(self, language: str) -> float:
        n = self._term_norms.get(language)
        if n is None:
            n = self._term_norms[language] = norm(self.terms.get(language, {}))
        return n

    def centroid(self) -> np.ndarray:
        n = float(np.linalg.norm(self.centroid_sum))
        return self.centroid_sum / n if n else self.centroid_sum

    def add(self, e: GroupState) -> None:
        self.event_ids.append(e.id)
        c = e.centroid()
        self.centroids = np.vstack([self.centroids, c[None, :]]) if len(self.centroids) else c[None, :].copy()
        self.centroid_sum = self.centroid_sum + c * e.size
        self._term_norms.clear()
        for lang, bag in e.terms.items():
            weights = self.terms.setdefault(lang, {})
            for k, v in bag.items():
                weights[k] = weights.get(k, 0.0) + v
        for name, mine, theirs in (("places", self.places, e.places), ("countries", self.countries, e.countries),
                                   ("names", self.names, e.names), ("numbers", self.numbers, e.numbers)):
            for key, count in theirs.items():
                mine[key] = mine.get(key, 0) + count
            self.totals[name] += sum(theirs.values())
        self.days.extend(e.days)
        self.n_articles += e.size


class StoryLinker:
    """Keeps one StoryState per story and decides where an event belongs."""

    def __init__(self, scorer: LogisticScorer, top_k: int = 10, dim: int = 512) -> None:
        self.scorer = scorer
        self.top_k = top_k
        self.stories: dict[int, StoryState] = {}
        self._ids: list[int] = []
        self._row: dict[int, int] = {}
        self._centroids = np.zeros((256, dim), dtype=np.float32)

    def _set_row(self, story_id: int, vec: np.ndarray) -> None:
        row = self._row.get(story_id)
        if row is None:
            if len(self._ids) == len(self._centroids):
                self._centroids = np.vstack([self._centroids, np.zeros_like(self._centroids)])
            row = self._row[story_id] = len(self._ids)
            self._ids.append(story_id)
        self._centroids[row] = vec

    def rebuild(self, story_id: int, events: list[GroupState]) -> StoryState:
        s = StoryState(story_id)
        for e in events:
            s.add(e)
        self.stories[story_id] = s
        self._set_row(story_id, s.centroid())
        return s

    def add_event(self, story_id: int, e: GroupState) -> StoryState:
        """Add an event to an existing story (incremental), or start the story with it."""
        s = self.stories.get(story_id)
        if s is None:
            return self.rebuild(story_id, [e])
        s.add(e)
        self._set_row(story_id, s.centroid())
        return s

    def drop(self, story_id: int) -> None:
        if self.stories.pop(story_id, None) is not None:
            self._centroids[self._row[story_id]] = 0.0

    def decide(self, e: GroupState, exclude: int | None = None) -> tuple[int | None, float, dict[str, Any]]:
        """(story to join or None, its score, explanation)."""
        n = len(self._ids)
        if not n:
            return None, 0.0, {}
        sims = self._centroids[:n] @ e.centroid()
        k = min(n, self.top_k + 1)
        top = np.argpartition(-sims, k - 1)[:k]
        best: tuple[float, int, dict[str, float]] | None = None
        for i in top[np.argsort(-sims[top])]:
            sid = self._ids[int(i)]
            if sid == exclude or sid not in self.stories:
                continue
            x = story_pair_features(e, self.stories[sid])
            p = self.scorer.score(x)
            if best is None or p > best[0]:
                best = (p, sid, x)
        if best is None:
            return None, 0.0, {}
        p, sid, x = best
        expl = {"score": round(p, 4), "best_story": sid, "top_features": self.scorer.explain(x),
                "features": {k: feature_value(v) for k, v in x.items()}}
        return (sid if p >= self.scorer.threshold else None), p, expl
