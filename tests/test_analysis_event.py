"""Event analysis end to end: summary, coverage and timeline units; Engine, CLI and export on the demo corpus."""

from __future__ import annotations

import json

from click.testing import CliRunner

from conftest import DEMO
from storyline import Engine
from storyline.analyse.coverage import coverage_table, source_name
from storyline.analyse.event import analyse_event
from storyline.analyse.summary import summarise
from storyline.analyse.timeline import event_date
from storyline.cli import cli
from storyline.embed import HashingEmbedder
from storyline.pipeline import Pipeline

MOROCCO = ["en/morocco-earthquake-high-atlas.txt", "fr/seisme-maroc-bilan-2000-morts.txt",
           "es/terremoto-marruecos-balance.txt", "ar/zilzal-almaghrib-hasila.txt"]


def _articles():
    return [
        {"id": 1, "title": "Quake in the old town", "language": "en", "published": "2023-02-07", "source": "bbc.co.uk",
         "clean_text": "An earthquake struck the region on Monday and destroyed many buildings in the old town. "
                       "The quake killed 137 people, according to the health ministry, and rescuers searched "
                       "the rubble through the night."},
        {"id": 2, "title": "Séisme dans la vieille ville", "language": "fr", "published": "2023-02-09", "source": None,
         "url": "https://www.lemonde.example/x",
         "clean_text": "Le séisme a fait plus de 150 morts, selon une agence humanitaire, et les secours "
                       "continuent de fouiller les décombres des immeubles effondrés dans la vieille ville."},
        {"id": 3, "title": "Séisme dans la vieille ville", "language": "fr", "published": "2023-02-09",
         "source": "copy", "duplicate_of": 2,
         "clean_text": "Le séisme a fait plus de 150 morts, selon une agence humanitaire."},
    ]


def test_event_analysis_flags_the_issue_conflict_and_skips_duplicates():
    a = analyse_event(7, _articles(), HashingEmbedder(), "fr")
    assert a["skipped_duplicates"] == [3] and a["n_articles"] == 2
    [dead] = [g for g in a["figures"] if g["quantity"] == "dead"]
    assert dead["conflict"] and len(dead["claims"]) == 2
    assert dead["conflict_reason"] == ("137 (health ministry, bbc.co.uk, 2023-02-07) vs more than 150 "
                                       "(agence humanitaire, lemonde.example, 2023-02-09)")
    assert a["conflicts"] == [dead]
    rows = {r["source"]: r for r in a["coverage"]}
    assert set(rows) == {"bbc.co.uk", "lemonde.example", "copy"}  # the copy's outlet is coverage too...
    assert rows["copy"]["article_ids"] == [] and rows["copy"]["copies"] == [{"article_id": 3, "copy_of": 2}]
    assert rows["copy"]["unique"] == {"entities": [], "figures": [], "quotes": []}  # ...adding nothing
    assert a["summary"]["language"] == "fr" and all(s["language"] == "fr" for s in a["summary"]["sentences"])
    with_dups = analyse_event(7, _articles(), HashingEmbedder(), skip_duplicates=False)
    assert with_dups["n_articles"] == 3


def test_summary_language_fallback_and_coverage_uniques():
    arts = _articles()[:2]
    for a in arts:
        a["source_name"] = source_name(a)
    s = summarise(arts, HashingEmbedder(), "de")
    assert s["language"] is None and s["requested"] == "de" and s["sentences"]  # no German: originals
    assert len({x["text"] for x in s["sentences"]}) == len(s["sentences"])
    rows = coverage_table(arts, [], [], [])
    assert [r["source"] for r in rows] == ["bbc.co.uk", "lemonde.example"]  # by first publication


def test_event_date_precision():
    ev = {"id": 1, "start": "2023-09-09"}
    arts = [{"published": "2023-09-09", "published_precision": "month"},
            {"published": "2023-09-09", "published_precision": "day"}]
    assert event_date(ev, arts) == ("2023-09-09", "day")
    assert event_date({"id": 2, "start": None}, arts) == (None, "unknown")


def _morocco_event(engine: Engine) -> int:
    ids = {a["event_id"] for a in engine.articles() if any(a["path"].endswith(p) for p in MOROCCO)}
    assert len(ids) == 1
    return ids.pop()


def test_engine_analysis_on_demo_corpus(demo_db):
    with Engine(demo_db[0]) as engine:
        eid = _morocco_event(engine)
        a = engine.event_analysis(eid, "en")
        assert engine.event_analysis(eid, "en") == a  # the cached copy
        [dead] = [g for g in a["figures"] if g["quantity"] == "dead"]
        assert dead["conflict"] and "820 (interior ministry, Atlas Wire, 2023-09-09)" in dead["conflict_reason"]
        values = {(c["language"], c["qualifier"], c["value"]) for c in dead["claims"]}
        assert {("en", "exact", 820), ("fr", "more_than", 2000), ("ar", "exact", 2122),
                ("es", "at_least", 2862)} <= values
        speakers = {q["speaker"] for q in a["quotes"]}
        assert {"Fatima Aït Lahcen", "Caroline Holt", "محمد أوحمو"} <= speakers
        assert {r["languages"][0] for r in a["coverage"]} == {"en", "fr", "es", "ar"}
        assert a["summary"]["language"] == "en" and a["summary"]["sentences"]
        assert any(e["type"] == "place" for e in a["entities"])
        story = engine.event(eid)["story_id"]
        timeline = engine.story_timeline(story, "en")
        assert timeline[0]["event_id"] == eid and timeline[0]["precision"] == "day"
        assert timeline[0]["date"] == "2023-09-09" and timeline[0]["summary"]


def test_cli_show_event_and_story_on_demo_corpus(demo_db):
    db = str(demo_db[0])
    with Engine(db) as engine:
        eid = _morocco_event(engine)
        sid = engine.event(eid)["story_id"]
    run = CliRunner().invoke
    r = run(cli, ["--db", db, "show", f"e{eid}", "--lang", "fr"], catch_exceptions=False)
    assert r.exit_code == 0
    for section in ("entities", "figures", "quotes", "coverage", "summary (fr)"):
        assert f"\n{section}" in r.output
    assert "CONFLICT: 820 (interior ministry" in r.output
    data = json.loads(run(cli, ["--db", db, "show", f"e{eid}", "--json"]).output)
    assert data["analysis"]["event_id"] == eid and "articles" in data
    s = run(cli, ["--db", db, "show", f"s{sid}"], catch_exceptions=False)
    assert "\ntimeline" in s.output and "(day" in s.output
    plain = run(cli, ["--db", db, "show", f"e{eid}", "--no-analysis"], catch_exceptions=False)
    assert "\nfigures" not in plain.output


def test_export_keeps_its_keys_and_adds_analysis(tmp_path):
    engine = Engine(tmp_path / "m.db", pipeline=Pipeline(embedder=HashingEmbedder()))
    with engine:
        engine.ingest([str(DEMO / p) for p in MOROCCO])
        plain = engine.export(analysis=False)
        full = engine.export(lang="es")
    assert set(plain) == set(full) == {"articles", "events", "stories"}
    for e_plain, e_full in zip(plain["events"], full["events"], strict=True):
        assert {k: e_full[k] for k in e_plain} == e_plain and e_full["analysis"]["event_id"] == e_plain["id"]
    assert all(s["timeline"] and s["timeline"][0]["event_id"] in s["event_ids"] for s in full["stories"])
    # the hashing embedder has no cross-lingual power: the articles may stay apart, each with its figures
    assert any(f["quantity"] == "dead" for e in full["events"] for f in e["analysis"]["figures"])
