import datetime as dt

import numpy as np

from storyline.cluster.events import EventIndex
from storyline.cluster.features import ArticleFeatures, GroupState, pair_features
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
