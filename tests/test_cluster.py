import datetime as dt
from types import SimpleNamespace

import numpy as np
import pytest

from storyline.cluster.events import EventIndex
from storyline.cluster.features import SUPPORT_FEATURES, ArticleFeatures, GroupState, pair_features
from storyline.cluster.scorer import LogisticScorer
from storyline.cluster.stories import StoryLinker, story_pair_features


def _vec(seed: int, noise: float = 0.0, base: int | None = None) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = rng.normal(size=512).astype(np.float32)
    if base is not None:
        v = np.random.default_rng(base).normal(size=512).astype(np.float32) + noise * v
    return v / np.linalg.norm(v)


def _feat(vec, lang="en", terms=None, places=None, names=None, day=None):
    return ArticleFeatures(
        embedding=vec, language=lang, terms=terms or {}, places=places or {}, countries={},
        names=names or {}, numbers=[], date=day, precision="day" if day else "unknown",
    )


SCORER = LogisticScorer({"emb_max": 20.0, "places_conflict": -3.0}, bias=-14.0, threshold=0.5)


def test_article_joins_similar_event_and_opens_new_one_otherwise():
    idx = EventIndex(SCORER)
    idx.add(1, 10, _feat(_vec(1, 0.2, base=100)))
    d = idx.decide(_feat(_vec(2, 0.2, base=100)))
    assert d.event_id == 1 and d.score > 0.5
    assert d.explanation and d.explanation[0]["feature"] == "emb_max"
    other = idx.decide(_feat(_vec(3)))
    assert other.event_id is None and other.best_event == 1 and other.score < 0.5


def test_place_conflict_keeps_look_alikes_apart():
    idx = EventIndex(SCORER)
    idx.add(1, 10, _feat(_vec(1, 0.5, base=100), places={"geo:turkey-city": 1}))
    near = _vec(2, 0.5, base=100)
    assert idx.decide(_feat(near, places={"geo:turkey-city": 1})).event_id == 1
    assert idx.decide(_feat(near, places={"geo:morocco-city": 1})).event_id is None


def test_pair_features_cover_lexical_language_and_dates():
    g = GroupState(1, 512)
    g.add(1, _feat(_vec(1), terms={"quake": 1.0}, day=dt.date(2023, 2, 6)))
    x = pair_features(_feat(_vec(1), terms={"quake": 1.0}, day=dt.date(2023, 2, 8)), g)
    assert x["lex"] > 0.99 and x["lex_missing"] == 0.0
    assert abs(x["day_gap_log"] - np.log1p(2)) < 1e-9 and x["day_gap_missing"] == 0.0
    y = pair_features(_feat(_vec(1), lang="ar"), g)
    assert y["lex_missing"] == 1.0 and y["day_gap_missing"] == 1.0


def test_candidates_come_from_rare_keys_as_well_as_embeddings():
    idx = EventIndex(SCORER, top_k=1)
    for eid in range(1, 6):
        idx.add(eid, eid, _feat(_vec(eid), names={f"name{eid}": 1}))
    cands = idx.candidates(_feat(_vec(1), names={"name4": 1}))
    assert 1 in cands and 4 in cands


def test_story_linker_prefers_shared_places():
    scorer = LogisticScorer({"emb_centroid": 10.0, "places_jaccard": 8.0}, bias=-12.0, threshold=0.5)
    linker = StoryLinker(scorer)
    first = GroupState(1, 512)
    first.add(1, _feat(_vec(1, 0.3, base=7), places={"geo:beirut": 1}))
    linker.rebuild(100, [first])
    same = GroupState(2, 512)
    same.add(2, _feat(_vec(2, 0.3, base=7), places={"geo:beirut": 1}))
    lookalike = GroupState(3, 512)
    lookalike.add(3, _feat(_vec(3, 0.3, base=7), places={"geo:marrakesh": 1}))
    assert linker.decide(same)[0] == 100
    assert linker.decide(lookalike)[0] is None
    assert story_pair_features(same, linker.stories[100])["places_jaccard"] == 1.0


def test_group_title_comes_from_its_main_language():
    g = GroupState(1, 512)
    g.add(1, _feat(_vec(1, 0.1, base=5), lang="ru"))
    g.add(2, _feat(_vec(2, 0.9, base=5), lang="en"))
    g.add(3, _feat(_vec(3, 0.9, base=5), lang="en"))
    g.add(4, _feat(_vec(4, 0.1, base=5), lang="de"))
    assert g.central_member() in (2, 3)  # English is the main language, though article 1 is more central
    tie = GroupState(2, 512)
    tie.add(5, _feat(_vec(5), lang="fr"))
    tie.add(6, _feat(_vec(6), lang="en"))
    assert tie.central_member() == 6


def test_support_features_tell_a_pure_event_from_a_chain():
    """The union of a long chain's places holds everything; how many members carry a place does not."""
    pure, chain = GroupState(1, 512), GroupState(2, 512)
    for i in range(4):
        day = dt.date(2017, 1, 10 + i)
        pure.add(i, _feat(_vec(i), places={"p:a": 1}, names={"gardner": 1}, day=day))
        chain.add(10 + i, _feat(_vec(10 + i), places={f"p:{'abcd'[i]}": 1}, names={f"n{i}": 1},
                                day=dt.date(2016, 12, 1) + dt.timedelta(days=10 * i)))
    art = _feat(_vec(99), places={"p:a": 1}, names={"gardner": 1}, day=dt.date(2017, 1, 12))
    x, y = pair_features(art, pure), pair_features(art, chain)
    assert x["places_share"] == y["places_share"] == 1.0  # the union cannot tell them apart
    assert x["places_support"] == 1.0 and y["places_support"] == 0.25
    assert x["names_support"] == 1.0 and y["names_support"] == 0.0
    # the nearest day of the chain is 2016-12-01 (42 days), its median 2016-12-21 (22 days)
    assert abs(y["day_gap_median_log"] - np.log1p(22)) < 1e-9 and abs(x["day_gap_median_log"] - np.log1p(0)) < 1e-9
    assert x["emb_mean"] == pytest.approx(float(np.mean(pure.embeddings @ art.embedding)), abs=1e-6)
    undated = pair_features(_feat(_vec(98)), pure)
    assert np.isnan(undated["day_gap_median_log"])


def test_online_event_rows_follow_the_events_the_scorer_builds():
    """Every article joins the first event here (a permissive scorer): the third article, of another
    gold event, meets an event whose majority is not its own (a negative row); the fourth a positive."""
    from storyline.eval.train import online_event_rows
    from storyline.model import PubDate, RawDocument

    permissive = LogisticScorer({"emb_max": 1.0}, bias=10.0, threshold=0.5)
    items, gold = [], []
    for i, g in enumerate("aaba"):
        day = dt.date(2020, 1, 1 + i)
        items.append(SimpleNamespace(doc=RawDocument(text=f"text {i}", published=day.isoformat()),
                                     date=PubDate(day, "day"), features=_feat(_vec(i, 0.1, base=7), day=day)))
        gold.append(g)
    xs, ys = online_event_rows(items, gold, permissive)  # type: ignore[arg-type]
    assert ys == [1, 0, 1]
    assert [round(x["size_log"], 6) for x in xs] == [round(float(np.log1p(n)), 6) for n in (1, 2, 3)]


def test_stored_scorers_load_by_kind():
    from sklearn.ensemble import GradientBoostingClassifier

    from storyline.cluster.scorer import default_scorers, load_weights, scorer_from_json
    from storyline.cluster.trees import TreeScorer

    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 2))
    model = GradientBoostingClassifier(n_estimators=5, max_depth=2).fit(x, (x[:, 0] > 0).astype(int))
    trees = TreeScorer.from_sklearn(model, ("a", "b"), x)
    assert isinstance(scorer_from_json(trees.to_json()), TreeScorer)
    assert isinstance(scorer_from_json(SCORER.to_json()), LogisticScorer)
    # the shipped file's scorers come back as the kind they were stored as
    stored = load_weights()
    event, story = default_scorers()
    assert isinstance(event, TreeScorer) == (stored["event"].get("kind") == "gradient-boosted-trees")
    assert event.threshold == stored["event"]["threshold"] and isinstance(story, LogisticScorer)


def test_batched_logistic_scores_are_the_single_scores_and_support_features_are_optional():
    from storyline.cluster.scorer import default_scorers

    scorer, _ = default_scorers()
    assert isinstance(scorer, LogisticScorer)
    rng = np.random.default_rng(3)
    rows = [{n: float(v) for n, v in zip(scorer.feature_names, rng.normal(0.5, 1.0, len(scorer.weights)),
                                        strict=True)} for _ in range(50)]
    rows[3]["day_gap_log"] = float("nan")  # a missing value counts as the training mean
    rows[4] = {}  # absent features read as 0
    assert scorer.scores(rows) == [scorer.score(r) for r in rows]  # the same floats, not just close
    # the shipped scorer uses none of the support features, so the index does not compute them
    g = GroupState(1, 512)
    g.add(1, _feat(_vec(1), names={"anna": 1}, day=dt.date(2023, 2, 6)))
    art = _feat(_vec(1), names={"anna": 1}, day=dt.date(2023, 2, 8))
    full, lean = pair_features(art, g), pair_features(art, g, support=False)
    assert set(full) - set(lean) == set(SUPPORT_FEATURES) and all(full[k] == lean[k] for k in lean)
    assert not EventIndex(scorer).support
    assert EventIndex(LogisticScorer({"names_support": 1.0}, bias=0.0, threshold=0.5)).support


def test_rarity_features_weigh_shared_names_by_how_few_events_carry_them():
    """A city's police force is named in every event, a victim in one: sharing only the police with an
    event counts for little, sharing the victim for much, whatever the plain share says."""
    from storyline.cluster.features import RARITY_FEATURES

    idx = EventIndex(LogisticScorer({"names_rare_share": 1.0}, bias=0.0, threshold=0.5))
    assert idx.rarity and not idx.support
    for eid in range(1, 9):  # eight events name the police; event 1 also names the victim
        names = {"chicago police": 1, "gardner": 1} if eid == 1 else {"chicago police": 1, f"v{eid}": 1}
        idx.add(eid, eid, _feat(_vec(eid), names=names, places={"geo:chicago": 1}))
    art = _feat(_vec(50), names={"chicago police": 1, "gardner": 1}, places={"geo:chicago": 1, "geo:x": 1})
    own, other = idx.features(art, idx.events[1]), idx.features(art, idx.events[2])
    assert set(RARITY_FEATURES) <= set(own) and not set(SUPPORT_FEATURES) & set(own)
    assert own["names_share"] == 1.0 and other["names_share"] == 0.5  # the plain share: 2 to 1
    assert own["names_rare_share"] == 1.0 and other["names_rare_share"] < 0.1  # weighted: far apart
    assert own["names_rare_max"] == pytest.approx(idx.key_idf("n:gardner"))
    assert idx.key_idf("n:never seen") == pytest.approx(np.log(9) / np.log(10))
    assert idx.key_idf("n:chicago police") < 0.1 < idx.key_idf("n:gardner")
    # the city every event carries weighs nothing, so the unknown place makes the whole weight
    assert own["places_rare_share"] == 0.0 and own["places_count_log"] == pytest.approx(np.log1p(2))
    assert "names_rare_share" not in EventIndex(SCORER).features(art, idx.events[1])
