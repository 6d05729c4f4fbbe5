import sqlite3

import pytest

from storyline.errors import NotFoundError, StoreError
from storyline.store import Store, migrations


def _article(h: str) -> dict:
    return {"content_hash": h, "format": "txt", "title": "t", "raw_text": "r", "clean_text": "c", "language": "en"}


def test_migrations_are_recorded_and_applied_once(tmp_path):
    db = tmp_path / "s.db"
    with Store(db) as s:
        assert s.schema_version() == max(v for v, _, _ in migrations())
        assert s.migrate() == []  # nothing new the second time
        tables = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"articles", "events", "stories", "article_features", "schema_migrations"} <= tables


def test_transaction_rolls_back_on_error(tmp_path):
    with Store(tmp_path / "s.db") as s:
        with pytest.raises(RuntimeError):
            with s.transaction():
                s.insert_article(_article("a"))
                raise RuntimeError("boom")
        assert s.count("articles") == 0
        with s.transaction():
            s.insert_article(_article("a"))
        assert s.has_hash("a") is not None
        with pytest.raises(sqlite3.IntegrityError):
            with s.transaction():
                s.insert_article(_article("a"))
        assert s.count("articles") == 1


def test_not_found_and_bad_paths(tmp_path):
    with Store(tmp_path / "s.db") as s:
        with pytest.raises(NotFoundError):
            s.event(42)
        with pytest.raises(NotFoundError):
            s.story(1)
        with pytest.raises(NotFoundError):
            s.article(7)
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing" / "s.db")
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="bad.db"):
        Store(bad)


def test_events_and_stories_round_trip(tmp_path):
    with Store(tmp_path / "s.db") as s:
        with s.transaction():
            sid = s.create_story()
            eid = s.create_event()
            s.update_event(eid, story_id=sid, title="Quake", languages=["en", "ar"], n_articles=1)
            aid = s.insert_article(_article("h"))
            s.set_article_event(aid, eid, 0.9, {"decision": "opened"})
        e = s.event(eid)
        assert e["languages"] == ["en", "ar"] and e["article_ids"] == [aid] and e["story_id"] == sid
        assert s.story(sid)["event_ids"] == [eid]
        assert s.article(aid)["explanation"] == {"decision": "opened"}
