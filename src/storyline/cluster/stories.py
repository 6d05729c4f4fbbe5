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
from storyline.cluster.scorer import LogisticScorer
from storyline.enrich.terms import cosine


def _weighted_jaccard(a: dict[str, int], b: dict[str, int]) -> float:
    keys = set(a) | set(b)
    if not keys:
        return 0.0
    num = sum(min(a.get(k, 0), b.get(k, 0)) for k in keys)
    den = sum(max(a.get(k, 0), b.get(k, 0)) for k in keys)
    return num / den if den else 0.0


def _main(counter: dict[str, int], size: int) -> dict[str, int]:
    """Keys mentioned by at least a third of the group's members (its main actors and places)."""
    floor = max(1, math.ceil(size / 3))
    return {k: v for k, v in counter.items() if v >= floor}


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
            lex = max(lex, cosine(bag, other))
    e_places, s_places = _main(e.places, e.size), _main(s.places, s.n_articles)
    e_names, s_names = _main(e.names, e.size), _main(s.names, s.n_articles)
    gap = None
    if e.days and s.days:
        gap = min(abs((a - b).days) for a in (min(e.days), max(e.days)) for b in (min(s.days), max(s.days)))
    return {
        "emb_max": float(sims.max()),
        "emb_centroid": emb_centroid,
        "lex_max": lex,
        "places_jaccard": _weighted_jaccard(e.places, s.places),
        "places_main_shared": float(len(set(e_places) & set(s_places)) > 0),
        "countries_jaccard": _weighted_jaccard(e.countries, s.countries),
        "names_jaccard": _weighted_jaccard(e.names, s.names),
        "names_main_shared": float(len(set(e_names) & set(s_names)) > 0),
        "numbers_jaccard": _weighted_jaccard(e.numbers, s.numbers),
        "day_gap_log": math.log1p(gap) if gap is not None else 0.0,
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

    def centroid(self) -> np.ndarray:
        n = float(np.linalg.norm(self.centroid_sum))
        return self.centroid_sum / n if n else self.centroid_sum

    def add(self, e: GroupState) -> None:
        self.event_ids.append(e.id)
        c = e.centroid()
        self.centroids = np.vstack([self.centroids, c[None, :]]) if len(self.centroids) else c[None, :].copy()
        self.centroid_sum = self.centroid_sum + c * e.size
        for lang, bag in e.terms.items():
            mine = self.terms.setdefault(lang, {})
            for k, v in bag.items():
                mine[k] = mine.get(k, 0.0) + v
        for mine, theirs in ((self.places, e.places), (self.countries, e.countries),
                             (self.names, e.names), (self.numbers, e.numbers)):
            for k, v in theirs.items():
                mine[k] = mine.get(k, 0) + v
        self.days.extend(e.days)
        self.n_articles += e.size


class StoryLinker:
    """Keeps one StoryState per story and decides where an event belongs."""

    def __init__(self, scorer: LogisticScorer, top_k: int = 10) -> None:
        self.scorer = scorer
        self.top_k = top_k
        self.stories: dict[int, StoryState] = {}

    def rebuild(self, story_id: int, events: list[GroupState]) -> StoryState:
        s = StoryState(story_id)
        for e in events:
            s.add(e)
        self.stories[story_id] = s
        return s

    def drop(self, story_id: int) -> None:
        self.stories.pop(story_id, None)

    def decide(self, e: GroupState, exclude: int | None = None) -> tuple[int | None, float, dict[str, Any]]:
        """(story to join or None, its score, explanation)."""
        ids = [sid for sid in self.stories if sid != exclude]
        if not ids:
            return None, 0.0, {}
        c = e.centroid()
        mat = np.vstack([self.stories[sid].centroid() for sid in ids])
        order = np.argsort(-(mat @ c))[: self.top_k]
        best: tuple[float, int, dict[str, float]] | None = None
        for i in order:
            sid = ids[int(i)]
            x = story_pair_features(e, self.stories[sid])
            p = self.scorer.score(x)
            if best is None or p > best[0]:
                best = (p, sid, x)
        assert best is not None
        p, sid, x = best
        expl = {"score": round(p, 4), "best_story": sid, "top_features": self.scorer.explain(x),
                "features": {k: round(v, 4) for k, v in x.items()}}
        return (sid if p >= self.scorer.threshold else None), p, expl
