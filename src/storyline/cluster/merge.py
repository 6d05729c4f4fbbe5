"""Event consolidation: folding together events that the online pass left apart.

Online assignment decides for one article at a time, against events as they stand at that moment. An
event's first articles often open several small events (they arrive before the evidence that ties them
together exists), and those fragments stay apart because an article is never compared with another event
again. After each ingest, this stage compares every event touched by the ingest with its neighbours,
event against event, with a second learned scorer over features of both groups as a whole (how close
their centroids and members are, which rare names, places and dates they share), and folds pairs that
pass its threshold, best pair first, rescoring after every fold.
"""

from __future__ import annotations

import heapq
import logging
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from storyline.cluster.events import EventIndex, inverse_frequency
from storyline.cluster.features import GroupState
from storyline.cluster.scorer import PairScorer, load_weights, scorer_from_json
from storyline.cluster.stories import main_keys, weighted_jaccard
from storyline.enrich.terms import cosine

logger = logging.getLogger(__name__)

Links = dict[tuple[int, int, int, int], float]  # linkage by (event, event, size, size)

MERGE_FEATURES = (
    "link",
    "emb_centroid",
    "emb_mean",
    "emb_max",
    "lex",
    "lex_missing",
    "names_jaccard",
    "names_rare_shared",
    "names_share_small",
    "names_rare_mean",
    "names_main_conflict",
    "places_jaccard",
    "places_main_conflict",
    "countries_jaccard",
    "countries_conflict",
    "numbers_jaccard",
    "day_gap_log",
    "day_gap_missing",
    "size_small_log",
    "size_big_log",
)


def _range_gap(a: GroupState, b: GroupState) -> float | None:
    """Days between the two events' date ranges (0 when they overlap); None when one has no dates."""
    if not a.days or not b.days:
        return None
    a0, a1, b0, b1 = min(a.days), max(a.days), min(b.days), max(b.days)
    if a1 < b0:
        return float((b0 - a1).days)
    if b1 < a0:
        return float((a0 - b1).days)
    return 0.0


def _main_conflict(a: dict[str, int], b: dict[str, int]) -> float:
    return 1.0 if a and b and not (set(a) & set(b)) else 0.0


def event_pair_features(
    a: GroupState, b: GroupState, idf: Callable[[str], float], link: float = math.nan
) -> dict[str, float]:
    """Features of two events as wholes; symmetric (``a``/``b`` order does not matter). ``link`` is the
    article scorer's mean score of the smaller event's articles against the larger event."""
    small, big = (a, b) if (a.size, a.id) <= (b.size, b.id) else (b, a)
    sims = small.embeddings @ big.embeddings.T
    lex, shared_lang = 0.0, False
    for lang, bag in small.terms.items():
        other = big.terms.get(lang)
        if other:
            shared_lang = True
            lex = max(lex, cosine(bag, other, small.term_norm(lang), big.term_norm(lang)))
    shared_names = [k for k in small.names if k in big.names]
    gap = _range_gap(small, big)
    rare = [idf(k) for k in shared_names]
    return {
        "link": link,
        "emb_centroid": float(small.centroid() @ big.centroid()),
        "emb_mean": float(sims.mean()) if sims.size else 0.0,
        "emb_max": float(sims.max()) if sims.size else 0.0,
        "lex": lex,
        "lex_missing": 0.0 if shared_lang else 1.0,
        "names_jaccard": weighted_jaccard(small.names, big.names),
        "names_rare_shared": math.log1p(sum(idf(k) for k in shared_names)),
        "names_share_small": len(shared_names) / len(small.names) if small.names else 0.0,
        "names_rare_mean": sum(rare) / len(rare) if rare else 0.0,
        "names_main_conflict": _main_conflict(main_keys(small.names, small.size), main_keys(big.names, big.size)),
        "places_jaccard": weighted_jaccard(small.places, big.places),
        "places_main_conflict": _main_conflict(main_keys(small.places, small.size), main_keys(big.places, big.size)),
        "countries_jaccard": weighted_jaccard(small.countries, big.countries),
        "countries_conflict": _main_conflict(small.countries, big.countries),
        "numbers_jaccard": weighted_jaccard(small.numbers, big.numbers),
        "day_gap_log": math.log1p(gap) if gap is not None else math.nan,  # missing: scored as the mean
        "day_gap_missing": 1.0 if gap is None else 0.0,
        "size_small_log": math.log1p(small.size),
        "size_big_log": math.log1p(big.size),
    }


def merge_scorer_from(weights: dict[str, Any]) -> PairScorer | None:
    """The consolidation scorer of a weights file's contents, or None when it has none."""
    data = weights.get("merge")
    return None if data is None else scorer_from_json(data)


def default_merge_scorer() -> PairScorer | None:
    """The shipped consolidation scorer, or None when ``weights.json`` has none (the stage is skipped)."""
    return merge_scorer_from(load_weights())


@dataclass
class Fold:
    """One consolidation step: ``drop`` was folded into ``keep``."""

    keep: int
    drop: int
    score: float
    features: dict[str, float] = field(default_factory=dict)
    explanation: list[dict[str, Any]] = field(default_factory=list)


class EventMerger:
    """Finds the pairs of events to fold together, over an :class:`EventIndex`."""

    def __init__(self, scorer: PairScorer, top_k: int = 8) -> None:
        self.scorer = scorer
        self.top_k = top_k

    def idf(self, index: EventIndex) -> Callable[[str], float]:
        n = max(1, len(index.events))

        def f(name: str) -> float:
            return inverse_frequency(n, index.event_frequency(f"n:{name}"))

        return f

    def neighbours(self, index: EventIndex, eid: int) -> list[int]:
        return index.group_candidates(index.events[eid], self.top_k)

    @staticmethod
    def features(
        index: EventIndex, a: int, b: int, idf: Callable[[str], float], links: Links | None = None
    ) -> dict[str, float]:
        """``links`` caches linkages by the two events and their sizes (events only grow, so an event
        with the same size is the same event)."""
        ga, gb = index.events[a], index.events[b]
        links = {} if links is None else links
        # linkage scores the smaller event against the larger; it is symmetric unless the sizes are equal
        key = (a, b, ga.size, gb.size) if ga.size == gb.size or a < b else (b, a, gb.size, ga.size)
        link = links.get(key)
        if link is None:
            link = links[key] = index.linkage(a, b)
        return event_pair_features(ga, gb, idf, link)

    def pairs(
        self, index: EventIndex, eid: int, links: Links | None = None
    ) -> list[tuple[float, int, int]]:
        idf = self.idf(index)
        others = self.neighbours(index, eid)
        xs = [self.features(index, eid, other, idf, links) for other in others]
        return [(s, min(eid, other), max(eid, other)) for s, other in zip(self.scorer.scores(xs), others, strict=True)]

    def plan(self, index: EventIndex, touched: Iterable[int], fold: Callable[[Fold], None]) -> list[Fold]:
        """Fold pairs (best first) among ``touched`` events and their neighbours while any pair passes the
        threshold. ``fold(step)`` carries out a fold (in the index and wherever else it must); the older
        event (lower ID) is kept."""
        heap: list[tuple[float, int, int]] = []
        links: Links = {}
        for eid in sorted(set(touched)):
            if eid in index.events:
                for s, a, b in self.pairs(index, eid, links):
                    if s >= self.scorer.threshold:
                        heapq.heappush(heap, (-s, a, b))
        done: list[Fold] = []
        idf = self.idf(index)
        while heap:
            _, a, b = heapq.heappop(heap)
            if a not in index.events or b not in index.events:
                continue
            x = self.features(index, a, b, idf, links)
            s = self.scorer.score(x)  # the groups may have grown since the pair was queued
            if s < self.scorer.threshold:
                continue
            step = Fold(a, b, s, x, self.scorer.explain(x))
            fold(step)
            done.append(step)
            for s2, a2, b2 in self.pairs(index, a, links):
                if s2 >= self.scorer.threshold:
                    heapq.heappush(heap, (-s2, a2, b2))
        return done

