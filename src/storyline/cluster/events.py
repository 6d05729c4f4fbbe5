"""Online, incremental article -> event assignment.

Each new article is compared with the events that could be its own (candidates from the embedding
index and from an inverted index of rare keys: names, places, numbers and distinctive words), scored
with the learned scorer, and joins the best event when the score passes the threshold;
otherwise it opens a new event. The work per article is bounded by the number of candidates, not by the
size of the database (apart from one matrix-vector product over event centroids).
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from storyline.cluster.features import ArticleFeatures, GroupState, optional_features, pair_features
from storyline.cluster.scorer import PairScorer, feature_value

logger = logging.getLogger(__name__)


@dataclass
class Decision:
    """Where an article goes and why."""

    event_id: int | None  # None: open a new event
    score: float  # score against the chosen event (or the best candidate when a new event is opened)
    best_event: int | None
    features: dict[str, float] = field(default_factory=dict)
    explanation: list[dict[str, Any]] = field(default_factory=list)
    runners_up: list[tuple[int, float]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "decision": "joined" if self.event_id is not None else "opened",
            "score": round(self.score, 4),
            "best_event": self.best_event,
            "top_features": self.explanation,
            "features": {k: feature_value(v) for k, v in self.features.items()},
            "runners_up": [[e, round(s, 4)] for e, s in self.runners_up],
        }


def inverse_frequency(n: int, df: int) -> float:
    """log((n + 1) / (1 + df)): how rare a key is that ``df`` of ``n`` events carry."""
    return math.log((n + 1) / (1 + df))


class EventAssigner(Protocol):
    def decide(self, f: ArticleFeatures) -> Decision: ...
    def add(self, event_id: int, article_id: int, f: ArticleFeatures) -> GroupState: ...


def article_keys(f: ArticleFeatures, n_terms: int = 6) -> list[str]:
    keys = [f"n:{k}" for k in f.names] + [f"p:{k}" for k in f.places] + [f"#:{k}" for k in f.numbers]
    top_terms = sorted(f.terms.items(), key=lambda kv: -kv[1])[:n_terms]
    keys += [f"t:{f.language}:{t}" for t, _ in top_terms]
    return keys


class EventIndex:
    """In-memory state of all events, rebuilt from the store when the engine opens."""

    def __init__(
        self,
        scorer: PairScorer,
        dim: int = 512,
        top_k: int = 12,
        max_postings: int = 300,
        merge_threshold: float | None = None,
    ) -> None:
        self.scorer = scorer
        # the support features cost a pass over the event's members; most scorers do not use them
        self.support, self.rarity = optional_features(scorer.feature_names)
        # Folding two events into one needs more evidence than joining an article to one.
        self.merge_threshold = merge_threshold if merge_threshold is not None else max(0.6, scorer.threshold)
        self.dim = dim
        self.top_k = top_k
        self.max_postings = max_postings
        self.events: dict[int, GroupState] = {}
        self._ids: list[int] = []
        self._row: dict[int, int] = {}
        self._centroids = np.zeros((1024, dim), dtype=np.float32)
        self._postings: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self.events)

    def _nearest(self, vec: np.ndarray, keys: list[str], k: int) -> dict[int, None]:
        """The ``k`` events with the closest centroids, then the ``k`` sharing most of ``keys`` (keys
        carried by more than ``max_postings`` events are too common to count)."""
        out: dict[int, None] = {}
        n = len(self._ids)
        if n:
            sims = self._centroids[:n] @ vec
            kk = min(k, n)
            top = np.argpartition(-sims, kk - 1)[:kk]
            for i in top[np.argsort(-sims[top])]:
                out[self._ids[int(i)]] = None
        hits: Counter[int] = Counter()
        for key in keys:
            posting = self._postings.get(key)
            if posting and len(posting) <= self.max_postings:
                hits.update(posting)
        for eid, _ in hits.most_common(k):
            out[eid] = None
        return out

    def candidates(self, f: ArticleFeatures) -> list[int]:
        return [eid for eid in self._nearest(f.embedding, article_keys(f), self.top_k) if eid in self.events]

    def group_candidates(self, g: GroupState, k: int) -> list[int]:
        """Events near a whole event: by centroid, and by the names and places its members share."""
        keys = [f"n:{x}" for x in g.names] + [f"p:{x}" for x in g.places]
        # k + 1: the event itself is usually its own nearest
        return [eid for eid in self._nearest(g.centroid(), keys, k + 1) if eid in self.events and eid != g.id]

    def event_frequency(self, key: str) -> int:
        """How many events carry a key (a name ``n:...``, place ``p:...``; counts folded events too)."""
        return len(self._postings.get(key, ()))

    def key_idf(self, key: str) -> float:
        """Inverse event frequency of a key among the ``n`` events, log((n + 1) / (1 + df)) / log(n + 2):
        near 1 for a key no event carries yet, 0 for a key every event carries."""
        n = len(self.events)
        return max(0.0, inverse_frequency(n, self.event_frequency(key))) / math.log(n + 2)

    def features(self, f: ArticleFeatures, g: GroupState, extra: bool | None = None) -> dict[str, float]:
        """:func:`pair_features` of an article against an event, with the support and rarity features
        when the scorer uses them (``extra`` forces them on or off)."""
        support = self.support if extra is None else extra
        rarity = self.rarity if extra is None else extra
        return pair_features(f, g, support, self.key_idf if rarity else None)

    def decide(self, f: ArticleFeatures) -> Decision:
        return self.decision(self.scored_candidates(f))

    def scored_candidates(
        self, f: ArticleFeatures, extra: bool | None = None
    ) -> list[tuple[float, int, dict[str, float]]]:
        """(score, event, features) of each candidate event; ``extra`` forces the support and rarity
        features on or off (default: computed when the scorer uses them)."""
        cands = self.candidates(f)
        xs = [self.features(f, self.events[eid], extra) for eid in cands]
        return list(zip(self.scorer.scores(xs), cands, xs, strict=True))

    def decision(self, scored: list[tuple[float, int, dict[str, float]]]) -> Decision:
        """Join the best-scored candidate when it passes the threshold, else open a new event."""
        if not scored:
            return Decision(None, 0.0, None)
        scored = sorted(scored, key=lambda t: (-t[0], t[1]))
        best_score, best_id, best_x = scored[0]
        runners = [(eid, s) for s, eid, _ in scored[1:4]]
        joined = best_id if best_score >= self.scorer.threshold else None
        return Decision(joined, best_score, best_id, best_x, self.scorer.explain(best_x), runners)

    def add(self, event_id: int, article_id: int, f: ArticleFeatures) -> GroupState:
        g = self.events.get(event_id)
        if g is None:
            g = self.events[event_id] = GroupState(event_id, self.dim)
            if len(self._ids) == len(self._centroids):
                self._centroids = np.vstack([self._centroids, np.zeros_like(self._centroids)])
            self._row[event_id] = len(self._ids)
            self._ids.append(event_id)
        old_keys = set(self._group_keys(g))
        g.add(article_id, f)
        self._centroids[self._row[event_id]] = g.centroid()
        for key in article_keys(f):
            if key not in old_keys:
                posting = self._postings.setdefault(key, [])
                if len(posting) <= self.max_postings:
                    posting.append(event_id)
                old_keys.add(key)
        return g

    def linkage(self, a: int, b: int, max_members: int = 24) -> float:
        """Average score of the smaller event's articles against the larger event."""
        ga, gb = self.events[a], self.events[b]
        small, big = (ga, gb) if ga.size <= gb.size else (gb, ga)
        scores = self.scorer.scores([self.features(f, big) for f in small.features[:max_members]])
        return float(np.mean(scores)) if scores else 0.0

    def should_merge(self, a: int, b: int) -> bool:
        return a in self.events and b in self.events and a != b and self.linkage(a, b) >= self.merge_threshold

    def merge(self, keep: int, drop: int) -> GroupState:
        """Fold event ``drop`` into ``keep``; ``drop`` disappears from the index."""
        gone = self.events.pop(drop)
        self._centroids[self._row[drop]] = 0.0
        g = self.events[keep]
        for member, f in zip(gone.members, gone.features, strict=True):
            self.add(keep, member, f)
        return g

    @staticmethod
    def _group_keys(g: GroupState) -> list[str]:
        keys = [f"n:{k}" for k in g.names] + [f"p:{k}" for k in g.places] + [f"#:{k}" for k in g.numbers]
        for lang, bag in g.terms.items():
            keys += [f"t:{lang}:{t}" for t in bag]
        return keys
