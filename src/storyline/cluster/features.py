"""Per-article features for grouping, per-event state, and the article-vs-event feature vector."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from storyline.enrich.terms import cosine, norm


@dataclass
class ArticleFeatures:
    """What the clusterer knows about one article."""

    embedding: np.ndarray
    language: str
    terms: dict[str, float]
    places: dict[str, int] = field(default_factory=dict)  # city/region place id -> mentions
    countries: dict[str, int] = field(default_factory=dict)  # ISO country code -> mentions
    names: dict[str, int] = field(default_factory=dict)  # normalised proper-name key -> mentions
    numbers: list[str] = field(default_factory=list)
    date: dt.date | None = None
    precision: str = "unknown"

    def to_json(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "terms": {k: round(v, 5) for k, v in self.terms.items()},
            "places": self.places,
            "countries": self.countries,
            "names": self.names,
            "numbers": self.numbers,
            "date": self.date.isoformat() if self.date else None,
            "precision": self.precision,
        }

    @classmethod
    def from_json(cls, embedding: np.ndarray, d: dict[str, Any]) -> ArticleFeatures:
        return cls(
            embedding=embedding,
            language=d["language"],
            terms=d["terms"],
            places=d.get("places", {}),
            countries=d.get("countries", {}),
            names=d.get("names", {}),
            numbers=d.get("numbers", []),
            date=dt.date.fromisoformat(d["date"]) if d.get("date") else None,
            precision=d.get("precision", "unknown"),
        )

    @property
    def day(self) -> dt.date | None:
        """The date, when it is precise to the day (month-precision dates do not count for gaps)."""
        return self.date if self.precision == "day" else None


class GroupState:
    """Aggregated features of a group of articles (an event) or of events (a story)."""

    def __init__(self, gid: int, dim: int) -> None:
        self.id = gid
        self.members: list[int] = []
        self.features: list[ArticleFeatures] = []
        self.embeddings = np.zeros((0, dim), dtype=np.float32)
        self.centroid_sum = np.zeros(dim, dtype=np.float32)
        self._centroid: np.ndarray | None = None
        self.terms: dict[str, dict[str, float]] = {}
        self._term_norms: dict[str, float] = {}
        self.places: Counter[str] = Counter()
        self.countries: Counter[str] = Counter()
        self.names: Counter[str] = Counter()
        self.numbers: Counter[str] = Counter()
        self.days: list[dt.date] = []
        self.languages: Counter[str] = Counter()

    def add(self, member_id: int, f: ArticleFeatures) -> None:
        self.members.append(member_id)
        self.features.append(f)
        self.embeddings = np.vstack([self.embeddings, f.embedding[None, :]])
        self.centroid_sum += f.embedding
        self._centroid = None
        bag = self.terms.setdefault(f.language, {})
        for k, v in f.terms.items():
            bag[k] = bag.get(k, 0.0) + v
        self._term_norms.pop(f.language, None)
        self.places.update(f.places.keys())
        self.countries.update(f.countries.keys())
        self.names.update(f.names.keys())
        self.numbers.update(f.numbers)
        if f.day:
            self.days.append(f.day)
        self.languages[f.language] += 1

    def term_norm(self, language: str) -> float:
        n = self._term_norms.get(language)
        if n is None:
            n = self._term_norms[language] = norm(self.terms.get(language, {}))
        return n

    @property
    def size(self) -> int:
        return len(self.members)

    def centroid(self) -> np.ndarray:
        if self._centroid is None:
            n = float(np.linalg.norm(self.centroid_sum))
            self._centroid = self.centroid_sum / n if n else self.centroid_sum.copy()
        return self._centroid

    def start(self) -> dt.date | None:
        return min(self.days) if self.days else None

    def end(self) -> dt.date | None:
        return max(self.days) if self.days else None

    def central_member(self) -> int:
        """The member closest to the centroid among those in the group's main language (the most
        frequent one; English wins a tie, then alphabetical order): a title readers of the group share."""
        top = max(self.languages.values())
        lang = min((x for x, n in self.languages.items() if n == top), key=lambda x: (x != "en", x))
        sims = self.embeddings @ self.centroid()
        best = max((i for i, f in enumerate(self.features) if f.language == lang), key=lambda i: sims[i])
        return self.members[best]


def _overlap(a: dict[str, int], b: Counter[str]) -> tuple[float, float, int]:
    """(share of a's keys found in b, conflict flag: both non-empty and disjoint, shared count)."""
    if not a:
        return 0.0, 0.0, 0
    shared = sum(1 for k in a if k in b)
    conflict = 1.0 if (shared == 0 and len(b) > 0) else 0.0
    return shared / len(a), conflict, shared


def _support(a: dict[str, int], b: Counter[str], size: int) -> float:
    """The largest share of the group's members that carry one of a's keys (0 when none is shared):
    a key every member of a pure event repeats scores 1, one member of a long chain scores 1/size."""
    best = max((b.get(k, 0) for k in a), default=0)
    return best / size if size else 0.0


def _median_day(days: list[dt.date]) -> dt.date:
    return sorted(days)[len(days) // 2]


def _day_gap(day: dt.date | None, days: list[dt.date]) -> float | None:
    if day is None or not days:
        return None
    return float(min(abs((day - d).days) for d in days))


BASE_FEATURES = (
    "emb_max",
    "emb_centroid",
    "lex",
    "lex_missing",
    "names_share",
    "names_shared_log",
    "names_conflict",
    "places_share",
    "places_conflict",
    "countries_share",
    "countries_conflict",
    "numbers_shared_log",
    "day_gap_log",
    "day_gap_missing",
    "size_log",
)
# How much of the event supports the match, rather than its union of keys: a long chain of look-alike
# incidents holds every place and date in its union, but each one in only one or two of its articles.
SUPPORT_FEATURES = (
    "emb_mean",
    "names_support",
    "places_support",
    "day_gap_median_log",
)
# How rare the shared keys are among all events: "Chicago Police" and a city's hospitals are named in
# hundreds of shooting reports, a victim's name or a street in one or two.
RARITY_FEATURES = (
    "names_rare_share",
    "names_rare_max",
    "places_rare_share",
    "places_count_log",
)
FEATURE_NAMES = BASE_FEATURES + SUPPORT_FEATURES + RARITY_FEATURES


def optional_features(names: Iterable[str]) -> tuple[bool, bool]:
    """(support, rarity): whether a scorer reading these features needs :data:`SUPPORT_FEATURES` (a
    pass over the event's members) and :data:`RARITY_FEATURES` (an ``idf`` for :func:`pair_features`)."""
    used = set(names)
    return bool(used & set(SUPPORT_FEATURES)), bool(used & set(RARITY_FEATURES))


def pair_features(
    f: ArticleFeatures, g: GroupState, support: bool = True, idf: Callable[[str], float] | None = None
) -> dict[str, float]:
    """Features of an article against a group, each roughly in [0, 1] or a small log value.
    ``support=False`` leaves out :data:`SUPPORT_FEATURES` (for scorers that do not use them); with
    ``idf`` (inverse event frequency of a key ``n:name`` or ``p:place``, scaled to [0, 1]) the
    :data:`RARITY_FEATURES` are added."""
    sims = g.embeddings @ f.embedding
    emb_max = float(sims.max()) if sims.size else 0.0
    emb_centroid = float(g.centroid() @ f.embedding)
    same_lang = g.terms.get(f.language)
    lex = cosine(f.terms, same_lang, 1.0, g.term_norm(f.language)) if same_lang else 0.0
    names_share, names_conflict, names_shared = _overlap(f.names, g.names)
    places_share, places_conflict, _ = _overlap(f.places, g.places)
    countries_share, countries_conflict, _ = _overlap(f.countries, g.countries)
    numbers_shared = sum(1 for n in f.numbers if n in g.numbers)
    gap = _day_gap(f.day, g.days)
    x = {
        "emb_max": emb_max,
        "emb_centroid": emb_centroid,
        "lex": lex,
        "lex_missing": 0.0 if same_lang else 1.0,
        "names_share": names_share,
        "names_shared_log": math.log1p(names_shared),
        "names_conflict": names_conflict,
        "places_share": places_share,
        "places_conflict": places_conflict,
        "countries_share": countries_share,
        "countries_conflict": countries_conflict,
        "numbers_shared_log": math.log1p(numbers_shared),
        "day_gap_log": math.log1p(gap) if gap is not None else math.nan,  # missing: scored as the mean
        "day_gap_missing": 1.0 if gap is None else 0.0,
        "size_log": math.log1p(g.size),
    }
    if support:
        x["emb_mean"] = float(sims.sum()) / sims.size if sims.size else 0.0
        x["names_support"] = _support(f.names, g.names, g.size)
        x["places_support"] = _support(f.places, g.places, g.size)
        x["day_gap_median_log"] = (
            math.log1p(abs((f.day - _median_day(g.days)).days)) if f.day and g.days else math.nan
        )
    if idf is not None:
        x["names_rare_share"], x["names_rare_max"] = _rare_overlap(f.names, g.names, "n:", idf)
        x["places_rare_share"], _ = _rare_overlap(f.places, g.places, "p:", idf)
        x["places_count_log"] = math.log1p(len(f.places))
    return x


def _rare_overlap(
    a: dict[str, int], b: Counter[str], prefix: str, idf: Callable[[str], float]
) -> tuple[float, float]:
    """(idf-weighted share of a's keys found in b, the largest idf among the shared keys)."""
    total = shared = top = 0.0
    for k in a:
        w = idf(prefix + k)
        total += w
        if k in b:
            shared += w
            top = max(top, w)
    return (shared / total if total else 0.0), top
