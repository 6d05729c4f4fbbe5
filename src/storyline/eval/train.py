"""Learning the grouping weights on labelled dev data (``bench/train_weights.py`` drives this).

Article-to-event examples come two ways. "Teacher forcing": articles arrive in order; each is compared
with the candidate events that the index retrieves among the gold events formed so far; the candidate
that is its gold event is a positive example, the others negative. And "online" rows (as in DAgger):
articles meet the events a scorer itself builds, mixed ones included, each candidate labelled by whether
its gold majority is the article's event; only these teach the scorer what a drifting, many-incident
event looks like (a new article then matches one member of thirty, not the event).
Stories are learned the same way from gold events. The consolidation scorer learns from the events the
online pass really makes on the dev data: pairs of neighbouring events, labelled by their gold majority.
"""

from __future__ import annotations

import logging
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storyline.cluster.events import EventIndex
from storyline.cluster.features import FEATURE_NAMES, GroupState
from storyline.cluster.merge import MERGE_FEATURES, EventMerger
from storyline.cluster.scorer import LogisticScorer, PairScorer
from storyline.cluster.stories import STORY_FEATURES, StoryLinker, story_pair_features
from storyline.cluster.trees import MISSING, TreeScorer
from storyline.engine import Engine
from storyline.eval.corpora import LabelledArticle
from storyline.pipeline import Pipeline, Prepared, arrival_key, content_hash

logger = logging.getLogger(__name__)

Rows = tuple[list[dict[str, float]], list[int]]


def _dummy(features: Sequence[str]) -> LogisticScorer:
    return LogisticScorer({f: 0.0 for f in features}, 0.0, 0.5)


def event_rows(items: Sequence[Prepared], gold: Sequence[str], dim: int = 512) -> Rows:
    index = EventIndex(_dummy(FEATURE_NAMES), dim=dim)
    ids: dict[str, int] = {}
    xs: list[dict[str, float]] = []
    ys: list[int] = []
    for i, (p, g) in enumerate(zip(items, gold, strict=True)):
        f = p.features
        target = ids.get(g)
        cands = index.candidates(f)
        if target is not None and target not in cands:
            cands.append(target)
        for eid in cands:
            xs.append(index.features(f, index.events[eid], extra=True))
            ys.append(int(eid == target))
        if target is None:
            target = ids[g] = len(ids) + 1
        index.add(target, i, f)
    return xs, ys


def online_event_rows(
    items: Sequence[Prepared], gold: Sequence[str], scorer: PairScorer, dim: int = 512
) -> Rows:
    """Rows from the events ``scorer`` builds itself, in the engine's order (by date, then timestamp,
    then text hash): every candidate an article meets, labelled 1 when the candidate's gold majority is
    the article's gold event. Near-duplicate detection and runner-up merges are left out."""
    order = sorted(range(len(items)), key=lambda i: arrival_key(items[i]))
    index = EventIndex(scorer, dim=dim)
    gold_counts: dict[int, Counter[str]] = {}
    xs: list[dict[str, float]] = []
    ys: list[int] = []
    for i in order:
        f = items[i].features
        scored = index.scored_candidates(f, extra=True)  # rows carry every feature, whatever the scorer
        for _, eid, x in scored:
            xs.append(x)
            ys.append(int(gold_counts[eid].most_common(1)[0][0] == gold[i]))
        decision = index.decision(scored)
        eid = decision.event_id if decision.event_id is not None else len(gold_counts) + 1
        index.add(eid, i, f)
        gold_counts.setdefault(eid, Counter())[gold[i]] += 1
    return xs, ys


def gold_event_groups(items: Sequence[Prepared], gold: Sequence[str], dim: int = 512) -> dict[str, GroupState]:
    groups: dict[str, GroupState] = {}
    for i, (p, g) in enumerate(zip(items, gold, strict=True)):
        if g not in groups:
            groups[g] = GroupState(len(groups) + 1, dim)
        groups[g].add(i, p.features)
    return groups


def story_rows(items: Sequence[Prepared], gold_event: Sequence[str], gold_story: Sequence[str]) -> Rows:
    groups = gold_event_groups(items, gold_event)
    story_of = {e: s for e, s in zip(gold_event, gold_story, strict=True)}
    order = sorted(groups, key=lambda g: (groups[g].start() is None, groups[g].start() or 0, groups[g].id))
    linker = StoryLinker(_dummy(STORY_FEATURES))
    story_ids: dict[str, int] = {}
    members: dict[int, list[GroupState]] = {}
    xs: list[dict[str, float]] = []
    ys: list[int] = []
    for g in order:
        e = groups[g]
        target = story_ids.get(story_of[g])
        c = e.centroid()
        sids = list(linker.stories)
        if sids:
            sims = np.array([linker.stories[s].centroid() @ c for s in sids])
            cands = [sids[int(i)] for i in np.argsort(-sims)[: linker.top_k]]
            if target is not None and target not in cands:
                cands.append(target)
            for sid in cands:
                xs.append(story_pair_features(e, linker.stories[sid]))
                ys.append(int(sid == target))
        if target is None:
            target = story_ids[story_of[g]] = len(story_ids) + 1
        members.setdefault(target, []).append(e)
        linker.rebuild(target, members[target])
    return xs, ys


def _stack(row_sets: Sequence[Rows], features: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows as matrices, with sample weights giving each row set (corpus) the same total weight."""
    x_all, y_all, w_all = [], [], []
    for xs, ys in row_sets:
        if not xs:
            continue
        x_all.append(np.array([[x[f] for f in features] for x in xs], dtype=np.float64))
        y_all.append(np.array(ys))
        w_all.append(np.full(len(ys), 1.0 / len(ys)))
    w = np.concatenate(w_all)
    return np.vstack(x_all), np.concatenate(y_all), w * len(w) / w.sum()


def fit_logistic(
    row_sets: Sequence[Rows], features: Sequence[str], c: float = 1.0
) -> LogisticScorer:
    """Standardised logistic regression; each row set (corpus) gets the same total weight."""
    from sklearn.linear_model import LogisticRegression

    x, y, w = _stack(row_sets, features)
    # missing values (a day gap without dates) are imputed with the column mean, as the scorer does
    col_means = np.nanmean(x, axis=0)
    x = np.where(np.isnan(x), col_means[None, :], x)
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit((x - means) / scales, y, sample_weight=w)
    return LogisticScorer(
        weights={f: float(v) for f, v in zip(features, model.coef_[0], strict=True)},
        bias=float(model.intercept_[0]),
        threshold=0.5,
        means={f: float(v) for f, v in zip(features, means, strict=True)},
        scales={f: float(v) for f, v in zip(features, scales, strict=True)},
    )


def online_events(
    articles: Sequence[LabelledArticle],
    pipeline: Pipeline,
    scorers: tuple[PairScorer, LogisticScorer],
) -> tuple[EventIndex, dict[int, str]]:
    """The events the online pass alone makes (consolidation off), through the real engine, and the gold
    event of each stored article."""
    with tempfile.TemporaryDirectory(prefix="storyline-train-") as tmp:
        docs = [a.to_raw_document() for a in articles]
        with Engine(Path(tmp) / "train.db", pipeline=pipeline, scorers=scorers, consolidate=False) as engine:
            engine.ingest_documents(docs)
            index = engine.event_index
            gold_by_hash = {content_hash(d): a.event for a, d in zip(articles, docs, strict=True)}
            gold = {int(aid): gold_by_hash[h] for aid, h in engine.store.conn.execute(
                "SELECT id, content_hash FROM articles")}
    return index, gold


def merge_rows(index: EventIndex, gold: dict[int, str], top_k: int = 8) -> Rows:
    """Event pairs the consolidation stage would compare, labelled by whether the two events' majority
    gold events agree."""
    merger = EventMerger(_dummy(MERGE_FEATURES), top_k=top_k)
    idf = merger.idf(index)
    majority = {eid: Counter(gold[m] for m in g.members).most_common(1)[0][0] for eid, g in index.events.items()}
    seen: set[tuple[int, int]] = set()
    xs: list[dict[str, float]] = []
    ys: list[int] = []
    for eid in sorted(index.events):
        for other in merger.neighbours(index, eid):
            pair = (min(eid, other), max(eid, other))
            if pair in seen:
                continue
            seen.add(pair)
            xs.append(merger.features(index, *pair, idf))
            ys.append(int(majority[eid] == majority[other]))
    return xs, ys


def fit_trees(
    row_sets: Sequence[Rows],
    features: Sequence[str],
    n_estimators: int = 100,
    max_depth: int = 3,
    min_leaf_weight: float = 0.0,
) -> TreeScorer:
    """Gradient-boosted trees; each row set (corpus) gets the same total weight.

    ``min_leaf_weight`` is the least share of the total weight a leaf must hold. Without it a leaf can
    rest on a handful of rows of the smallest corpus (each multinews row weighs as much as about 60 GVA
    rows) and take extreme values: trees trained without it (``--event-model trees``) had leaves worth 6.6
    (article->event) and 69 (consolidation) in log-odds, and joined a Fico article three weeks after the
    shooting to the shooting's event on the demo corpus. 0 keeps the shipped weights reproducible."""
    from sklearn.ensemble import GradientBoostingClassifier

    x, y, w = _stack(row_sets, features)
    x = np.where(np.isnan(x), MISSING, x)
    model = GradientBoostingClassifier(
        n_estimators=n_estimators, max_depth=max_depth, learning_rate=0.1, subsample=0.8, random_state=0,
        min_weight_fraction_leaf=min_leaf_weight,
    )
    model.fit(x, y, sample_weight=w)
    info = {"n_estimators": n_estimators, "max_depth": max_depth, "min_leaf_weight": min_leaf_weight,
            "rows": int(len(y)), "positives": int(y.sum())}
    return TreeScorer.from_sklearn(model, tuple(features), x, info=info)
