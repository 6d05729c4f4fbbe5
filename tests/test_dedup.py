"""Near-duplicates: syndicated copies of one wire story are stored as coverage of their canonical article."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storyline import Engine
from storyline.cli import cli
from storyline.dedup import THRESHOLD, Fingerprint, estimate, jaccard, shingles
from storyline.embed import HashingEmbedder
from storyline.pipeline import Pipeline

WIRE = (
    "Firefighters in northern Portugal were battling a large forest fire on Tuesday that forced the "
    "evacuation of three villages near the town of Arouca, the civil protection agency said.\n\n"
    "More than 400 firefighters, supported by 120 vehicles and six water-bombing aircraft, were "
    "deployed against the blaze, which broke out late on Monday in a eucalyptus plantation and spread "
    "quickly on strong easterly winds.\n\n"
    "Local mayor Margarida Belém told reporters that about 250 residents had spent the night in a sports "
    "hall and that two houses and several barns had been destroyed. No injuries had been reported by "
    "midday, although one firefighter was treated for smoke inhalation.\n\n"
    "Temperatures in the region reached 38 degrees Celsius on Monday and the national weather institute "
    "kept the districts of Aveiro, Viseu and Porto under a red warning for fire risk until Thursday.\n\n"
    "Portugal has been hit by devastating wildfires in recent years. In 2017 more than 100 people were "
    "killed in two separate outbreaks, prompting the government to overhaul its forest management and "
    "firefighting services.\n\n"
    "Prime Minister Luís Montenegro cancelled a planned visit to Brussels to follow the operation from the "
    "national emergency command centre in Carnaxide, his office said in a statement."
)

ADDED = (
    "Spain sent two Canadair aircraft on Tuesday afternoon under a European civil protection agreement."
)

OTHER = (
    "A forest fire that burned for two days near Arouca in northern Portugal was brought under control on "
    "Thursday, and the 250 evacuated residents were allowed to return home, officials said.\n\n"
    "The civil protection agency said rain overnight and a drop in wind speed helped the 400 firefighters "
    "on the ground contain the flames, which destroyed about 1,800 hectares of eucalyptus and pine.\n\n"
    "Mayor Margarida Belém thanked volunteers who had brought food and blankets to the sports hall where "
    "families slept and said the municipality would ask the government for emergency funds to rebuild "
    "two homes and several farm buildings.\n\n"
    "Police said they were investigating the cause of the fire and did not rule out arson. Prime Minister "
    "Luís Montenegro is expected to visit the area on Friday, his office said."
)


def _copy(byline: str, extra: str = "", tail: str = "") -> str:
    paras = WIRE.split("\n\n")
    if extra:
        paras.insert(3, extra)
    return "\n\n".join([byline, *paras, *([tail] if tail else [])])


def _records() -> list[dict]:
    return [
        {"id": "wire-1", "title": "Forest fire forces evacuation of villages in northern Portugal",
         "text": WIRE, "published": "2024-08-06T09:00:00Z", "source": "Wire Service"},
        {"id": "copy-2", "title": "Villages evacuated as blaze rages near Arouca",
         "text": _copy("By Staff and Agencies", ADDED, "Subscribe to our newsletter for daily updates."),
         "published": "2024-08-06T11:30:00Z", "source": "Daily Courier"},
        {"id": "copy-3", "title": "Portugal: hundreds flee wildfire",
         "text": _copy("Reuters | Lisbon", tail="Copyright 2024 Reuters. All rights reserved."),
         "published": "2024-08-06T14:00:00Z", "source": "Morning Herald"},
        {"id": "other-4", "title": "Arouca forest fire under control, residents return",
         "text": OTHER, "published": "2024-08-08T10:00:00Z", "source": "Wire Service"},
    ]


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def _engine(db: Path) -> Engine:
    return Engine(db, pipeline=Pipeline(embedder=HashingEmbedder()))


def _by_external(engine: Engine) -> dict[str, dict]:
    return {a["external_id"]: a for a in engine.articles()}


def test_minhash_estimate_follows_exact_jaccard() -> None:
    a, b, c = Fingerprint.of(WIRE), Fingerprint.of(_copy("By Staff", ADDED)), Fingerprint.of(OTHER)
    assert a.signature is not None and b.signature is not None and c.signature is not None
    j_copy, j_other = jaccard(a.shingles, b.shingles), jaccard(a.shingles, c.shingles)
    assert j_copy >= THRESHOLD > 0.3 > j_other
    assert abs(estimate(a.signature, b.signature) - j_copy) < 0.15
    assert estimate(a.signature, c.signature) < 0.3
    assert Fingerprint.of("too short to compare").signature is None
    assert shingles("One two three four five six") == {b"one two three four five", b"two three four five six"}


def test_wire_copies_are_duplicates_of_the_first(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.jsonl", _records())
    with _engine(tmp_path / "db.sqlite") as engine:
        report = engine.ingest([str(src)])
        assert len(report.added) == 4 and len(report.near_duplicates) == 2
        arts = _by_external(engine)
        first = arts["wire-1"]["id"]
        assert arts["wire-1"]["duplicate_of"] is None
        assert arts["copy-2"]["duplicate_of"] == first and arts["copy-3"]["duplicate_of"] == first
        assert arts["other-4"]["duplicate_of"] is None  # same topic, places and people: not a copy
        # coverage: the copies are in the canonical's event, counted as articles there
        eid = arts["wire-1"]["event_id"]
        assert arts["copy-2"]["event_id"] == arts["copy-3"]["event_id"] == eid
        event = engine.event(eid)
        assert event["n_articles"] == len(event["articles"]) >= 3
        copy2 = next(a for a in event["articles"] if a["id"] == arts["copy-2"]["id"])
        assert copy2["duplicate_of"] == first
        assert copy2["explanation"]["decision"] == "duplicate"
        assert copy2["explanation"]["reason"].startswith(f"near-duplicate of article {first}, Jaccard ~0.")
        # not double-counted: the event's grouping state holds only the canonical article
        index, _ = engine._load_state()
        assert arts["copy-2"]["id"] not in index.events[eid].members
        assert first in index.events[eid].members
        assert engine.article(first)["duplicates"] == [arts["copy-2"]["id"], arts["copy-3"]["id"]]
        exported = {a["id"]: a for a in engine.export()["articles"]}
        assert exported[arts["copy-3"]["id"]]["duplicate_of"] == first
        assert exported[first]["duplicate_of"] is None


def test_canonical_is_the_earliest_published_whatever_the_input_order(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.jsonl", list(reversed(_records())))
    with _engine(tmp_path / "db.sqlite") as engine:
        engine.ingest([str(src)])
        arts = _by_external(engine)
    assert arts["wire-1"]["duplicate_of"] is None
    assert arts["copy-2"]["duplicate_of"] == arts["copy-3"]["duplicate_of"] == arts["wire-1"]["id"]


def test_detection_works_across_ingests_and_a_new_engine(tmp_path: Path) -> None:
    rows = _records()
    db = tmp_path / "db.sqlite"
    with _engine(db) as engine:
        engine.ingest([str(_write(tmp_path / "a.jsonl", rows[:1] + rows[3:]))])
    with _engine(db) as engine:
        report = engine.ingest([str(_write(tmp_path / "b.jsonl", rows[1:3]))])
        assert len(report.near_duplicates) == 2
        arts = _by_external(engine)
        # the copy of a copy points at the canonical article, not at the copy
        assert arts["copy-2"]["duplicate_of"] == arts["copy-3"]["duplicate_of"] == arts["wire-1"]["id"]
        assert arts["other-4"]["duplicate_of"] is None
        # exact re-ingest is still skipped as already present
        again = engine.ingest([str(tmp_path / "b.jsonl")])
        assert not again.added and len(again.duplicates) == 2


def test_databases_from_before_dedup_are_backfilled(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    with _engine(db) as engine:
        engine.ingest([str(_write(tmp_path / "a.jsonl", _records()[:1]))])
        engine.store.conn.execute("DELETE FROM minhash_bands")
        engine.store.conn.execute("DELETE FROM minhash_signatures")
        engine.store.conn.execute("DELETE FROM meta WHERE key = 'minhash_backfilled'")
    with _engine(db) as engine:
        report = engine.ingest([str(_write(tmp_path / "b.jsonl", _records()[1:2]))])
        assert len(report.near_duplicates) == 1


def test_cli_show_marks_copies(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.jsonl", _records())
    db = tmp_path / "db.sqlite"
    with _engine(db) as engine:
        engine.ingest([str(src)])
        arts = _by_external(engine)
    first, copy = arts["wire-1"], arts["copy-2"]
    runner = CliRunner()
    out = runner.invoke(cli, ["--db", str(db), "show", f"e{first['event_id']}"])
    assert out.exit_code == 0, out.output
    assert f"= copy of a{first['id']}" in out.output
    out = runner.invoke(cli, ["--db", str(db), "show", f"a{first['id']}"])
    assert out.exit_code == 0, out.output
    assert f"a{copy['id']}" in out.output and "near-duplicates" in out.output
    out = runner.invoke(cli, ["--db", str(db), "show", f"a{copy['id']}", "--json"])
    assert json.loads(out.output)["duplicate_of"] == first["id"]


def test_same_text_months_apart_is_not_a_copy(tmp_path: Path) -> None:
    """Near-identical texts far apart in time are boilerplate around two different stories (a paywall
    notice), not syndication."""
    rows = _records()[:2]
    rows[1] = dict(rows[1], published="2024-11-20T08:00:00Z")
    with _engine(tmp_path / "db.sqlite") as engine:
        report = engine.ingest([str(_write(tmp_path / "in.jsonl", rows))])
        assert not report.near_duplicates
        assert all(a["duplicate_of"] is None for a in engine.articles())


def test_same_body_under_different_titles_is_two_articles(tmp_path: Path) -> None:
    """Scrapes of different articles often share one body (a paywall or cookie notice): the title is part
    of an article's identity, so only a record with the same title and text is an exact duplicate."""
    notice = "You are the owner of this article. Subscribe to read the whole story."
    rows = [
        {"id": "a", "title": "Teen's shooting was not intentional, sheriff says", "text": notice,
         "published": "2014-06-11"},
        {"id": "b", "title": "Two men responsible for quadruple shooting, police say", "text": notice,
         "published": "2014-12-25"},
        {"id": "c", "title": "Teen's shooting was not intentional, sheriff says", "text": notice,
         "published": "2014-06-11"},
    ]
    with _engine(tmp_path / "db.sqlite") as engine:
        report = engine.ingest([str(_write(tmp_path / "in.jsonl", rows))])
        assert len(report.added) == 2 and len(report.duplicates) == 1
        assert sorted(a["external_id"] for a in engine.articles()) == ["a", "b"]


def test_copies_are_coverage_in_the_analysis_but_not_counted_twice(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.jsonl", _records())
    with _engine(tmp_path / "db.sqlite") as engine:
        engine.ingest([str(src)])
        arts = _by_external(engine)
        first, eid = arts["wire-1"]["id"], arts["wire-1"]["event_id"]
        copies = {arts["copy-2"]["id"], arts["copy-3"]["id"]}
        analysis = engine.event_analysis(eid)
        assert set(analysis["skipped_duplicates"]) == copies
        rows = {r["source"]: r for r in analysis["coverage"]}
        for outlet in ("Daily Courier", "Morning Herald"):  # the copies' outlets carried the story
            assert [c["copy_of"] for c in rows[outlet]["copies"]] == [first]
            assert rows[outlet]["unique"] == {"entities": [], "figures": [], "quotes": []}
        # every claim comes from an article that is not a copy: the wire's figures count once
        claim_articles = {c["article_id"] for g in analysis["figures"] for c in g["claims"]}
        assert claim_articles and not claim_articles & copies
        with_copies = engine.event_analysis(eid, skip_duplicates=False)
        assert {c["article_id"] for g in with_copies["figures"] for c in g["claims"]} & copies
