"""Event consolidation: pair features, the tree scorer, the fold plan and the engine stage."""

import datetime as dt
import json
import math

import numpy as np
import pytest

from storyline.cluster.events import EventIndex
from storyline.cluster.features import ArticleFeatures
from storyline.cluster.merge import MERGE_FEATURES, EventMerger, default_merge_scorer, event_pair_features
from storyline.cluster.scorer import LogisticScorer
from storyline.cluster.trees import MISSING, TreeScorer


def _vec(base: int, seed: int, noise: float = 0.3) -> np.ndarray:
    v = np.random.default_rng(base).normal(size=512) + noise * np.random.default_rng(seed).normal(size=512)
    return (v / np.linalg.norm(v)).astype(np.float32)


def _feat(vec, names=None, places=None, day=None):
    return ArticleFeatures(embedding=vec, language="en", terms={}, places=places or {}, countries={},
                           names=names or {}, numbers=[], date=day, precision="day" if day else "unknown")


# joins nothing online: every article opens its own event
NEVER = LogisticScorer({"emb_max": 0.0}, bias=-10.0, threshold=0.5)
# folds two events when most of the smaller one's names are in the larger one
BY_NAMES = LogisticScorer({"names_share_small": 20.0, "names_main_conflict": -20.0}, bias=-9.0, threshold=0.5)


def _index() -> EventIndex:
    idx = EventIndex(NEVER)
    idx.add(1, 10, _feat(_vec(1, 10), names={"tara reid": 2, "promises": 1}))
    idx.add(2, 11, _feat(_vec(1, 11), names={"tara reid": 1}))
    idx.add(3, 12, _feat(_vec(1, 12), names={"tara reid": 1, "malibu": 1}))
    idx.add(4, 13, _feat(_vec(1, 13), names={"lindsay lohan": 3}))  # a look-alike with another actor
    return idx


def test_pair_features_are_symmetric_and_read_dates():
    idx = _index()
    idx.add(5, 14, _feat(_vec(2, 14), day=dt.date(2020, 1, 1)))
    idx.add(6, 15, _feat(_vec(2, 15), day=dt.date(2020, 1, 11)))
    idf = EventMerger(BY_NAMES).idf(idx)
    a = event_pair_features(idx.events[1], idx.events[3], idf)
    b = event_pair_features(idx.events[3], idx.events[1], idf)
    assert a == b and set(a) == set(MERGE_FEATURES)
    assert a["names_share_small"] == 0.5 and a["names_main_conflict"] == 0.0  # "tara reid" of two names
    assert event_pair_features(idx.events[2], idx.events[3], idf)["names_share_small"] == 1.0
    assert math.isnan(a["day_gap_log"]) and a["day_gap_missing"] == 1.0
    c = event_pair_features(idx.events[1], idx.events[4], idf)
    assert c["names_share_small"] == 0.0 and c["names_main_conflict"] == 1.0
    d = event_pair_features(idx.events[5], idx.events[6], idf)
    assert d["day_gap_log"] == pytest.approx(math.log1p(10)) and d["day_gap_missing"] == 0.0


def test_plan_folds_fragments_of_one_event_and_keeps_look_alike_apart():
    idx = _index()
    folds = []

    def fold(step):
        folds.append((step.keep, step.drop))
        idx.merge(step.keep, step.drop)

    done = EventMerger(BY_NAMES).plan(idx, [1, 2, 3, 4], fold)
    assert sorted(idx.events) == [1, 4]
    assert sorted(idx.events[1].members) == [10, 11, 12]
    assert len(done) == 2 and all(f.keep < f.drop for f in done) and all(f.score >= 0.5 for f in done)
    assert done[0].explanation and done[0].explanation[0]["feature"] in {"names_share_small", "names_main_conflict"}


def test_plan_does_nothing_below_threshold():
    idx = _index()
    strict = LogisticScorer({"names_share_small": 1.0}, bias=-10.0, threshold=0.5)
    assert EventMerger(strict).plan(idx, list(idx.events), lambda s: idx.merge(s.keep, s.drop)) == []
    assert len(idx) == 4


def test_tree_scorer_reproduces_sklearn_and_survives_json():
    from sklearn.ensemble import GradientBoostingClassifier

    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, 3))
    x[rng.random(600) < 0.2, 2] = MISSING
    y = (x[:, 0] + x[:, 1] * (x[:, 2] > 0) > 0.2).astype(int)
    model = GradientBoostingClassifier(n_estimators=30, max_depth=3, random_state=0).fit(x, y)
    feats = ("a", "b", "c")
    scorer = TreeScorer.from_json(json.loads(json.dumps(TreeScorer.from_sklearn(model, feats, x).to_json())))
    got = np.array([scorer.score(dict(zip(feats, row, strict=True))) for row in x])
    assert np.abs(got - model.predict_proba(x)[:, 1]).max() < 1e-9
    # many rows at once (all trees descended together, shallow leaves padded) give the same scores
    rows = [dict(zip(feats, r, strict=True)) for r in x]
    rows[1] = {**rows[1], "c": math.nan}
    assert np.abs(np.array(scorer.scores(rows)) - np.array([scorer.score(r) for r in rows])).max() < 1e-12
    assert scorer.scores([]) == []
    # a missing value is read as MISSING, as in training
    row = dict(zip(feats, x[0], strict=True))
    assert scorer.score({**row, "c": math.nan}) == scorer.score({**row, "c": MISSING})
    # the parts of an explanation add up to the log-odds, less a constant
    const = scorer.base + sum(t.value[0] for t in scorer.trees)
    for r in x[:20]:
        xd = dict(zip(feats, r, strict=True))
        assert sum(scorer.contributions(xd).values()) == pytest.approx(scorer.margin(xd) - const)


def test_shipped_weights_have_a_consolidation_scorer():
    scorer = default_merge_scorer()
    assert isinstance(scorer, TreeScorer)
    assert set(scorer.features) == set(MERGE_FEATURES) and 0.0 < scorer.threshold < 1.0
    # the same rare name, a close centroid, the same day: fold; a different actor and place: keep apart
    same = dict.fromkeys(MERGE_FEATURES, 0.0) | {
        "link": 0.6, "emb_centroid": 0.9, "emb_mean": 0.85, "emb_max": 0.95, "lex": 0.6, "names_jaccard": 0.6,
        "names_rare_shared": 3.0, "names_share_small": 0.9, "names_rare_mean": 5.0, "places_jaccard": 0.7,
        "countries_jaccard": 1.0, "day_gap_log": 0.0, "size_small_log": math.log(3), "size_big_log": math.log(6)}
    other = same | {"link": 0.05, "emb_centroid": 0.6, "emb_mean": 0.55, "emb_max": 0.65, "lex": 0.1,
                    "names_jaccard": 0.0, "names_rare_shared": 0.0, "names_share_small": 0.0, "names_rare_mean": 0.0,
                    "names_main_conflict": 1.0, "places_jaccard": 0.0, "places_main_conflict": 1.0,
                    "day_gap_log": math.log1p(400)}
    assert scorer.score(same) > scorer.threshold > scorer.score(other)


def _docs():
    from storyline.model import RawDocument

    reid = [
        "Actress Tara Reid checked into the Promises treatment centre in Malibu on Tuesday, her publicist said.",
        "Tara Reid has entered rehab at Promises in Malibu, California, a spokesman for the actress confirmed.",
        "Her representative said Tara Reid is receiving treatment at the Promises centre in Malibu.",
    ]
    lohan = ["Lindsay Lohan began a court-ordered stay at the Betty Ford Center in Rancho Mirage on Friday."]
    return [RawDocument(text=t, path=f"doc{i}.txt", published="2009-03-10") for i, t in enumerate(reid + lohan)]


@pytest.mark.parametrize("consolidate", [True, False])
def test_engine_folds_events_and_explains_the_fold(tmp_path, consolidate):
    from storyline import Engine
    from storyline.cluster.scorer import default_scorers

    story = default_scorers()[1]
    with Engine(tmp_path / "m.db", scorers=(NEVER, story), merge_scorer=BY_NAMES, consolidate=consolidate) as eng:
        report = eng.ingest_documents(_docs())
        events = {a["path"]: a["event_id"] for a in eng.articles()}
        if not consolidate:
            assert len(set(events.values())) == 4 and report.events_merged == 0
            return
        assert report.events_merged == 2
        assert events["doc0.txt"] == events["doc1.txt"] == events["doc2.txt"] != events["doc3.txt"]
        event = eng.event(events["doc0.txt"])
        folded = [a for a in event["articles"] if "folded" in a["explanation"]]
        assert len(folded) == 2
        note = folded[0]["explanation"]["folded"]
        assert note["into_event"] == events["doc0.txt"] and note["score"] >= 0.5 and note["top_features"]
        # the folded events' IDs lead to the event that absorbed them
        assert eng.store.redirect("event", note["from_event"]) == events["doc0.txt"]


def test_cli_and_web_show_a_fold(tmp_path):
    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from storyline import Engine
    from storyline.api import create_app
    from storyline.cli import cli
    from storyline.cluster.scorer import default_scorers

    db = tmp_path / "m.db"
    with Engine(db, scorers=(NEVER, default_scorers()[1]), merge_scorer=BY_NAMES) as eng:
        eng.ingest_documents(_docs())
        eid = next(a["event_id"] for a in eng.articles() if a["path"] == "doc0.txt")
    out = CliRunner().invoke(cli, ["--db", str(db), "show", f"e{eid}"], catch_exceptions=False).output
    assert out.count("folded:  event e") == 2 and f"into e{eid}" in out and "names_share_small" in out
    with TestClient(create_app(str(db))) as client:
        page = client.get(f"/events/{eid}").text
    assert page.count("was folded into e") == 2


def test_linkages_are_cached_by_events_and_sizes_and_give_the_same_features():
    idx = _index()
    idx.add(1, 14, _feat(_vec(1, 14), names={"tara reid": 1}))  # event 1 now has two members
    merger, links = EventMerger(BY_NAMES), {}
    idf = merger.idf(idx)
    plain = merger.features(idx, 2, 1, idf)
    assert merger.features(idx, 2, 1, idf, links) == plain and len(links) == 1
    # the other order reads the same linkage (the smaller event is scored against the larger either way)
    links[next(iter(links))] = 0.123
    assert merger.features(idx, 1, 2, idf, links)["link"] == 0.123 and len(links) == 1
    # a grown event is a new key
    idx.add(2, 15, _feat(_vec(1, 15), names={"tara reid": 1}))
    assert merger.features(idx, 1, 2, idf, links)["link"] == idx.linkage(1, 2) and len(links) == 2
