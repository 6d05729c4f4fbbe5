"""End-to-end: the demo corpus through the real pipeline (USE embeddings, gazetteer, learned weights)."""

from __future__ import annotations

import json
import random

from conftest import DEMO, demo_gold, relative_demo_path
from storyline import Engine
from storyline.cluster.scorer import default_scorers
from storyline.eval.metrics import bcubed
from storyline.ingest import iter_documents

# Quality floors on the demo corpus (measured values are in docs/benchmarks.md). Lowering them needs an
# explicit change here.
EVENT_F1_FLOOR = 0.90  # measured 0.956
STORY_F1_FLOOR = 0.85  # measured 0.914


def _predicted(engine: Engine) -> tuple[dict[str, str], dict[str, str]]:
    events = {e["id"]: e for e in engine.events()}
    ev, st = {}, {}
    for a in engine.articles():
        key = relative_demo_path(a["path"])
        ev[key] = f"e{a['event_id']}"
        st[key] = f"s{events[a['event_id']]['story_id']}"
    return ev, st


def test_every_demo_article_is_ingested(demo_db):
    path, report = demo_db
    assert report.errors == []
    assert len(report.added) == len(demo_gold()) == 57
    with Engine(path) as engine:
        assert {relative_demo_path(a["path"]) for a in engine.articles()} == set(demo_gold())


def test_grouping_quality_on_demo(demo_db):
    gold = demo_gold()
    with Engine(demo_db[0]) as engine:
        ev, st = _predicted(engine)
    ev_f1 = bcubed({k: g["event"] for k, g in gold.items()}, ev).f1
    st_f1 = bcubed({k: g["story"] for k, g in gold.items()}, st).f1
    assert ev_f1 >= EVENT_F1_FLOOR, ev_f1
    assert st_f1 >= STORY_F1_FLOOR, st_f1


def _majority(pred: dict[str, str], keys: list[str]) -> str:
    labels = [pred[k] for k in keys]
    return max(set(labels), key=labels.count)


def test_look_alike_eruptions_are_different_stories_and_years_apart_events_one_story(demo_db):
    gold = demo_gold()
    with Engine(demo_db[0]) as engine:
        ev, st = _predicted(engine)

    def keys(event: str) -> list[str]:
        return [k for k, g in gold.items() if g["event"] == event]

    la_palma = _majority(st, keys("la-palma-eruption-begins"))
    tonga = _majority(st, keys("tonga-eruption-and-tsunami"))
    assert la_palma != tonga
    fuku_2021 = keys("fukushima-release-approved-2021")
    fuku_2023 = keys("fukushima-release-starts-2023")
    assert _majority(ev, fuku_2021) != _majority(ev, fuku_2023)  # two events ...
    assert _majority(st, fuku_2021) == _majority(st, fuku_2023)  # ... of one story


def test_reingesting_is_a_no_op(demo_db, tmp_path):
    path, _ = demo_db
    with Engine(path) as engine:
        before = engine.export()
        report = engine.ingest([str(DEMO)])
        assert report.added == [] and len(report.duplicates) == 57
        assert engine.export() == before


def _shuffled_ingest(path, docs, seed: int, chunks: int) -> dict[str, str]:
    docs = docs[:]
    random.Random(seed).shuffle(docs)
    size = -(-len(docs) // chunks)
    with Engine(path) as engine:
        for i in range(0, len(docs), size):
            engine.ingest_documents(docs[i : i + size])
        return _predicted(engine)[0]


def test_ingest_order_does_not_matter_within_one_ingest(demo_db, tmp_path):
    """One ingest of the corpus in two other orders gives the same grouping: the engine groups each
    window of articles in publication order, whatever order the files come in."""
    docs = list(iter_documents([str(DEMO)]))
    with Engine(demo_db[0]) as engine:
        sorted_order, _ = _predicted(engine)
    one = _shuffled_ingest(tmp_path / "one.db", docs, seed=1, chunks=1)
    two = _shuffled_ingest(tmp_path / "two.db", docs, seed=2, chunks=1)
    assert bcubed(one, two).f1 >= 0.95
    assert bcubed(sorted_order, one).f1 >= 0.95


def test_ingest_order_matters_little_across_separate_ingests(tmp_path):
    """The harder case: a shuffled corpus fed in four separate ingests (so four separate windows).
    Measured 0.891 for these two seeds (0.828 for seeds 3 and 4: `bench/order_robustness.py --corpus demo`).
    This is a regression guard for fixed seeds, not a claim about every order: across separate ingests the
    grouping is still order-sensitive (docs/benchmarks.md)."""
    docs = list(iter_documents([str(DEMO)]))
    one = _shuffled_ingest(tmp_path / "one.db", docs, seed=1, chunks=4)
    two = _shuffled_ingest(tmp_path / "two.db", docs, seed=2, chunks=4)
    assert bcubed(one, two).f1 >= 0.85


def test_ids_stay_stable_when_new_articles_arrive(tmp_path):
    docs = list(iter_documents([str(DEMO)]))
    random.Random(3).shuffle(docs)
    half = len(docs) // 2
    with Engine(tmp_path / "stable.db") as engine:
        engine.ingest_documents(docs[:half])
        early = {a["id"]: a["event_id"] for a in engine.articles()}
        early_events = {e["id"]: e["title"] for e in engine.events()}
        early_stories = {s["id"] for s in engine.stories()}
        engine.ingest_documents(docs[half:])
        later = {a["id"]: a["event_id"] for a in engine.articles()}
        # every event ID shown before still leads to an event holding the same articles
        for eid in early_events:
            event = engine.event(eid)
            assert {a for a, e in early.items() if e == eid} <= set(event["article_ids"])
        for sid in early_stories:
            assert engine.story(sid)["event_ids"]
    # articles only ever move when their event is folded into an older one
    moved = {a: (e, later[a]) for a, e in early.items() if later[a] != e}
    assert all(new < old for old, new in moved.values())


def test_show_event_explains_each_article(demo_db):
    with Engine(demo_db[0]) as engine:
        biggest = max(engine.events(), key=lambda e: e["n_articles"])
        event = engine.event(biggest["id"])
    assert len(event["articles"]) == biggest["n_articles"] >= 3
    decisions = [a["explanation"]["decision"] for a in event["articles"]]
    assert decisions.count("opened") == 1 and decisions.count("joined") == len(decisions) - 1
    for a in event["articles"]:
        x = a["explanation"]
        assert 0.0 <= x["score"] <= 1.0
        if x["decision"] == "joined":
            # an article joins only when its score passed the event threshold
            assert x["score"] >= default_scorers()[0].threshold and x["top_features"]
            assert {"feature", "value", "contribution"} <= set(x["top_features"][0])



def test_why_grouped_reads_the_features_the_scorer_uses(demo_db):
    """A scorer reading the rarity features gets them in the leave-one-out fit (from the event index's
    key frequencies), not a row without them."""
    from storyline.cluster.scorer import LogisticScorer

    rare = LogisticScorer({"names_rare_share": 4.0}, bias=-2.0, threshold=0.5)
    with Engine(demo_db[0], scorers=(rare, default_scorers()[1])) as engine:
        biggest = max(engine.events(), key=lambda e: e["n_articles"])
        fits = [a["fit"] for a in engine.event(biggest["id"])["articles"]]
    values = [f["top_features"][0]["value"] for f in fits]
    assert all(f["top_features"][0]["feature"] == "names_rare_share" for f in fits)
    assert all(0.0 <= v <= 1.0 for v in values) and max(values) > 0.0

def test_export_schema(demo_db):
    with Engine(demo_db[0]) as engine:
        data = engine.export()
    assert set(data) == {"articles", "events", "stories"}
    a = data["articles"][0]
    assert {"id", "title", "language", "published", "published_precision", "source", "url", "path",
            "event_id"} <= set(a)
    assert {"id", "title", "start", "end", "story_id", "article_ids", "languages"} <= set(data["events"][0])
    assert {"id", "title", "start", "end", "event_ids"} <= set(data["stories"][0])
    ids = {x["id"] for x in data["articles"]}
    assert sorted(i for e in data["events"] for i in e["article_ids"]) == sorted(ids)
    json.dumps(data)  # serialisable
    for art in data["articles"]:
        assert art["published"] is None or len(art["published"]) == 10
        assert art["published_precision"] in ("day", "month", "year", "unknown")


def test_languages_and_dates_on_demo(demo_db):
    gold = demo_gold()
    with Engine(demo_db[0]) as engine:
        arts = engine.articles()
    right_lang = sum(a["language"] == gold[relative_demo_path(a["path"])]["language"] for a in arts)
    assert right_lang == len(arts)
    dated = [a for a in arts if a["published"] and a["published_precision"] == "day"]
    wrong = [a["path"] for a in dated if a["published"] != gold[relative_demo_path(a["path"])]["date"]]
    assert len(dated) >= 35 and len(wrong) <= 2, wrong
