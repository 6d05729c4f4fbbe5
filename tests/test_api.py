"""REST API: lists, filters, pagination, single items, errors, token-guarded POST, the search index."""

from __future__ import annotations

import shutil
import sqlite3
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from storyline.api import create_app
from storyline.embed import HashingEmbedder
from storyline.pipeline import Pipeline
from storyline.store import Store

TOKEN = "test-token-123"


@pytest.fixture(scope="module")
def demo(demo_db):
    path, _ = demo_db
    app = create_app(str(path))
    with TestClient(app) as client:
        yield client, sqlite3.connect(path)


@pytest.fixture()
def writable(tmp_path):
    """A fresh database and a server that accepts writes (light embedder: fast, no model)."""
    db = tmp_path / "w.db"
    app = create_app(str(db), token=TOKEN, pipeline=Pipeline(embedder=HashingEmbedder()))
    with TestClient(app) as client:
        yield client, db


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_error(r, status: int, field: str | None = None) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    err = r.json()["error"]
    assert set(err) == {"status", "code", "message", "field", "details"}
    assert err["status"] == status and err["message"]
    if field is not None:
        assert err["field"] == field, err
    return err


# -- lists and filters ----------------------------------------------------------------------------------
def test_stories_newest_first_with_counts(demo):
    client, conn = demo
    r = client.get("/api/v1/stories", params={"limit": 100})
    body = r.json()
    assert r.status_code == 200
    assert body["total"] == conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0] == len(body["items"])
    ends = [s["end"] or "" for s in body["items"]]
    assert ends == sorted(ends, reverse=True)
    for s in body["items"]:
        n = conn.execute("SELECT COUNT(*) FROM articles a JOIN events e ON e.id = a.event_id WHERE e.story_id = ?",
                         (s["id"],)).fetchone()[0]
        assert s["n_articles"] == n
        langs = {r[0] for r in conn.execute(
            "SELECT DISTINCT a.language FROM articles a JOIN events e ON e.id = a.event_id WHERE e.story_id = ?",
            (s["id"],))}
        assert set(s["languages"]) == langs


def test_pagination_covers_every_item_once(demo):
    client, conn = demo
    total = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    seen = []
    for offset in range(0, total + 7, 7):
        page = client.get("/api/v1/articles", params={"limit": 7, "offset": offset}).json()
        assert page["total"] == total and page["limit"] == 7 and page["offset"] == offset
        seen += [a["id"] for a in page["items"]]
    assert sorted(seen) == sorted(r[0] for r in conn.execute("SELECT id FROM articles"))


def test_filters_language_source_dates(demo):
    client, conn = demo
    lang, n_lang = conn.execute(
        "SELECT language, COUNT(*) FROM articles GROUP BY language ORDER BY 2 DESC LIMIT 1").fetchone()
    page = client.get("/api/v1/articles", params={"language": lang, "limit": 100}).json()
    assert page["total"] == n_lang and {a["language"] for a in page["items"]} == {lang}

    source, n_src = conn.execute("SELECT source, COUNT(*) FROM articles WHERE source IS NOT NULL "
                                 "GROUP BY source ORDER BY 2 DESC, 1 LIMIT 1").fetchone()
    page = client.get("/api/v1/articles", params={"source": source}).json()
    assert page["total"] == n_src and {a["source"] for a in page["items"]} == {source}

    day = conn.execute("SELECT MIN(published) FROM articles WHERE published IS NOT NULL").fetchone()[0][:10]
    n_day = conn.execute("SELECT COUNT(*) FROM articles WHERE substr(published, 1, 10) = ?", (day,)).fetchone()[0]
    page = client.get("/api/v1/articles", params={"from": day, "to": day}).json()
    assert page["total"] == n_day > 0 and all(a["published"].startswith(day) for a in page["items"])

    events = client.get("/api/v1/events", params={"language": lang, "limit": 100}).json()
    assert events["total"] > 0 and all(lang in e["languages"] for e in events["items"])
    stories = client.get("/api/v1/stories", params={"source": source, "limit": 100}).json()
    expected = {r[0] for r in conn.execute(
        "SELECT DISTINCT e.story_id FROM articles a JOIN events e ON e.id = a.event_id WHERE a.source = ?", (source,))}
    assert {s["id"] for s in stories["items"]} == expected


def test_text_search_articles_events_stories(demo):
    client, conn = demo
    aid, title, eid = conn.execute(
        "SELECT id, title, event_id FROM articles WHERE language = 'en' ORDER BY id LIMIT 1").fetchone()
    word = max(title.split(), key=len).strip(".,'\"")
    page = client.get("/api/v1/articles", params={"q": word}).json()
    assert aid in [a["id"] for a in page["items"]]
    assert all(word.lower() in (a["title"] + " " + (a["snippet"] or "")).lower() for a in page["items"][:1])
    assert eid in [e["id"] for e in client.get("/api/v1/events", params={"q": word}).json()["items"]]
    sid = conn.execute("SELECT story_id FROM events WHERE id = ?", (eid,)).fetchone()[0]
    assert sid in [s["id"] for s in client.get("/api/v1/stories", params={"q": word}).json()["items"]]
    # prefix of the last word
    assert aid in [a["id"] for a in client.get("/api/v1/articles", params={"q": word[:-2]}).json()["items"]]
    # a word that occurs nowhere
    assert client.get("/api/v1/articles", params={"q": "zzqxjv"}).json()["total"] == 0


def test_search_in_scripts_without_spaces(demo):
    client, conn = demo
    aid, title = conn.execute("SELECT id, title FROM articles WHERE language = 'zh' ORDER BY id LIMIT 1").fetchone()
    term = title.strip()[:2]
    ids = [a["id"] for a in client.get("/api/v1/articles", params={"q": term, "limit": 100}).json()["items"]]
    assert aid in ids


@pytest.mark.parametrize("q", ['"', 'AND OR NOT', "a* OR (b", "NEAR(x y)", "title:foo", "'; DROP TABLE articles; --"])
def test_query_syntax_is_never_an_error(demo, q):
    client, _ = demo
    for kind in ("articles", "events", "stories"):
        r = client.get(f"/api/v1/{kind}", params={"q": q})
        assert r.status_code == 200, (kind, q, r.text)


# -- single items ---------------------------------------------------------------------------------------
def test_story_event_article_details(demo):
    client, conn = demo
    eid, n = conn.execute("SELECT id, n_articles FROM events ORDER BY n_articles DESC, id LIMIT 1").fetchone()
    e = client.get(f"/api/v1/events/{eid}").json()
    assert e["id"] == eid and len(e["articles"]) == n
    assert all(a["explanation"]["decision"] in ("opened", "joined") for a in e["articles"])
    assert all(a["fit"] and a["fit"]["top_features"] for a in e["articles"])
    assert "analysis" in e

    s = client.get(f"/api/v1/stories/{e['story_id']}").json()
    assert eid in [x["id"] for x in s["events"]]
    per_day = sum(d["count"] for d in s["articles_per_day"]) + s["undated_articles"]
    assert per_day == s["n_articles"]

    aid = e["articles"][0]["id"]
    a = client.get(f"/api/v1/articles/{aid}").json()
    row = conn.execute("SELECT clean_text, raw_text, language FROM articles WHERE id = ?", (aid,)).fetchone()
    assert (a["clean_text"], a["raw_text"], a["language"]) == tuple(row)
    assert a["event_id"] == eid and a["story_id"] == e["story_id"]


def test_errors_have_one_shape_and_name_the_field(demo):
    client, _ = demo
    assert_error(client.get("/api/v1/events/999999"), 404)
    assert_error(client.get("/api/v1/stories/0"), 422, "story_id")
    assert_error(client.get("/api/v1/articles/abc"), 422, "article_id")
    assert_error(client.get(f"/api/v1/articles/{2**70}"), 422, "article_id")
    assert_error(client.get("/api/v1/stories", params={"limit": 0}), 422, "limit")
    assert_error(client.get("/api/v1/stories", params={"limit": "many"}), 422, "limit")
    assert_error(client.get("/api/v1/events", params={"offset": -1}), 422, "offset")
    assert_error(client.get("/api/v1/articles", params={"from": "yesterday"}), 422, "from")
    assert_error(client.get("/api/v1/articles", params={"from": "2024-02-01", "to": "2024-01-01"}), 422, "from")
    assert_error(client.get("/api/v1/articles", params={"language": "<script>"}), 422, "language")
    assert_error(client.get("/api/v1/nothing-here"), 404)
    assert_error(client.delete("/api/v1/stories"), 405)


def test_openapi_document_describes_the_api(demo):
    client, _ = demo
    doc = client.get("/api/v1/openapi.json").json()
    paths = doc["paths"]
    for p in ("/api/v1/stories", "/api/v1/events", "/api/v1/articles", "/api/v1/stories/{story_id}",
              "/api/v1/events/{event_id}", "/api/v1/articles/{article_id}"):
        assert "get" in paths[p], p
    assert "post" in paths["/api/v1/articles"]
    params = {p["name"] for p in paths["/api/v1/articles"]["get"]["parameters"]}
    assert {"q", "language", "source", "from", "to", "limit", "offset"} <= params
    schemas = doc["components"]["schemas"]
    assert {"ArticleIn", "ErrorResponse", "EventDetail", "StoryDetail", "ArticleDetail"} <= set(schemas)
    assert schemas["ArticleIn"]["required"] == ["text"]
    assert not any(p.startswith("/stories") or p == "/" for p in paths)  # pages stay out of the API doc


def test_security_headers_on_every_response(demo):
    client, _ = demo
    for url in ("/api/v1/stories", "/api/v1/events/999999", "/"):
        h = client.get(url).headers
        assert "script-src 'self'" in h["content-security-policy"]
        assert "object-src 'none'" in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"]


# -- writes ---------------------------------------------------------------------------------------------
ARTICLE = {"title": "Dam bursts near Derna after storm Daniel",
           "text": "A dam burst near the city of Derna in eastern Libya after storm Daniel brought heavy rain. "
                   "Officials said at least 2,000 people were killed and thousands are missing.",
           "published": "2023-09-12", "source": "example.org", "url": "https://example.org/derna", "language": "en",
           "id": "ext-1", "author": "A. Writer"}


def test_read_only_server_refuses_writes(demo):
    client, conn = demo
    before = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    err = assert_error(client.post("/api/v1/articles", json=ARTICLE, headers=auth()), 403)
    assert err["code"] == "read_only"
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == before


def test_writes_need_the_right_token(writable):
    client, _ = writable
    assert_error(client.post("/api/v1/articles", json=ARTICLE), 401, "Authorization")
    r = client.post("/api/v1/articles", json=ARTICLE, headers=auth("wrong"))
    assert_error(r, 401) and r.headers["www-authenticate"] == "Bearer"
    assert_error(client.post("/api/v1/articles", json=ARTICLE, headers={"Authorization": TOKEN}), 401)
    assert client.get("/api/v1/articles").json()["total"] == 0


def test_post_goes_through_the_pipeline(writable):
    client, db = writable
    r = client.post("/api/v1/articles", json=ARTICLE, headers=auth())
    assert r.status_code == 201, r.text
    body = r.json()
    assert len(body["added"]) == 1 and body["events_created"] == 1 and body["stories_created"] == 1
    aid = body["added"][0]
    a = client.get(f"/api/v1/articles/{aid}").json()
    assert a["title"] == ARTICLE["title"] and a["source"] == "example.org" and a["external_id"] == "ext-1"
    assert a["published"] == "2023-09-12" and a["format"] == "api" and a["event_id"] and a["story_id"]
    # a second report of the same event in another outlet joins it; the search index follows
    second = dict(ARTICLE, title="Derna dam collapse: thousands killed in Libya floods", source="other.net", id=None,
                  text="Thousands were killed in Derna, Libya, when a dam collapsed after storm Daniel. Officials "
                       "said at least 2,000 people were killed and thousands are missing after the dam burst.")
    r2 = client.post("/api/v1/articles", json=[second], headers=auth())
    assert r2.status_code == 201
    assert r2.json()["articles"][0]["event_id"] == a["event_id"]
    hits = client.get("/api/v1/articles", params={"q": "collapse"}).json()["items"]
    assert [h["id"] for h in hits] == r2.json()["added"]
    # the same text again is a duplicate, not an error
    r3 = client.post("/api/v1/articles", json=ARTICLE, headers=auth())
    assert r3.status_code == 200 and r3.json()["added"] == [] and len(r3.json()["duplicates"]) == 1


@pytest.mark.parametrize("body, field", [
    ({"title": "no text"}, "text"),
    ({"text": "   "}, "text"),
    ({"text": "ok", "published": True}, "published"),
    ({"text": "ok", "published": [2023]}, "published"),
    ({"text": "ok", "source": 12}, "source"),
    ({"text": "ok", "id": 1.5}, "id"),
    ([{"text": "fine"}, {"text": "fine too", "title": ["x"]}], "[1].title"),
    ([], "body"),
    ("just a string", None),
])
def test_bad_articles_are_rejected_whole(writable, body, field):
    client, _ = writable
    r = client.post("/api/v1/articles", json=body, headers=auth())
    err = assert_error(r, 422)
    if field is not None:
        assert err["field"] == field or (err["field"] or "").endswith(field), err
    assert client.get("/api/v1/articles").json()["total"] == 0


def test_malformed_json_is_a_422(writable):
    client, _ = writable
    r = client.post("/api/v1/articles", content=b'{"text": "unterminated', headers={**auth(),
                    "Content-Type": "application/json"})
    assert "JSON" in assert_error(r, 422)["message"]


def test_writer_follows_ingests_from_other_processes(writable):
    client, db = writable
    assert client.post("/api/v1/articles", json=ARTICLE, headers=auth()).status_code == 201
    from storyline import Engine

    with Engine(db, pipeline=Pipeline(embedder=HashingEmbedder())) as other:
        from storyline.model import RawDocument

        rep = other.ingest_documents([RawDocument(text="Volcano erupts on La Palma; lava reaches the sea near "
                                                  "Tazacorte.", title="La Palma eruption", published="2021-09-20")])
        assert len(rep.added) == 1
    r = client.post("/api/v1/articles", json={"text": "Lava from the La Palma volcano reached the sea near "
                                              "Tazacorte on Tuesday.", "title": "Lava reaches the sea",
                                              "published": "2021-09-28"}, headers=auth())
    assert r.status_code == 201
    events = {e["id"]: e for e in client.get("/api/v1/events").json()["items"]}
    assert len(events) == 2 and sorted(e["n_articles"] for e in events.values()) == [1, 2]


# -- the search index migration -----------------------------------------------------------------------------
def test_search_migration_backfills_an_existing_database(demo_db, tmp_path):
    path, _ = demo_db
    copy = tmp_path / "old.db"
    shutil.copy(path, copy)
    conn = sqlite3.connect(copy)
    for name in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE articles_fts")
    conn.execute("DELETE FROM schema_migrations WHERE name = '0006_search.sql'")
    conn.commit()
    conn.close()
    with Store(copy) as store:
        assert 6 in {r[0] for r in store.conn.execute("SELECT version FROM schema_migrations")}
        n = store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        assert store.conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == n
        title = store.conn.execute("SELECT title FROM articles WHERE language = 'en' LIMIT 1").fetchone()[0]
        word = max(title.split(), key=len).strip(".,'\"")
        hits = store.conn.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?",
                                  (f'"{word}"',)).fetchone()[0]
        assert hits >= 1


def test_cached_pages_follow_the_database(writable):
    """Event pages and data are cached per database version: a write shows at once."""
    client, db = writable
    first = client.post("/api/v1/articles", json=ARTICLE, headers=auth()).json()["articles"][0]
    eid = first["event_id"]
    assert len(client.get(f"/api/v1/events/{eid}").json()["articles"]) == 1
    page = client.get(f"/events/{eid}").text
    assert page == client.get(f"/events/{eid}").text and page.count('class="source card"') == 1
    second = dict(ARTICLE, source="other.net", id=None, text=ARTICLE["text"] + " Rescue teams reached Derna.")
    assert client.post("/api/v1/articles", json=second, headers=auth()).json()["articles"][0]["event_id"] == eid
    assert len(client.get(f"/api/v1/events/{eid}").json()["articles"]) == 2
    assert client.get(f"/events/{eid}").text.count('class="source card"') == 2
    # and a change made by another process
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE events SET title = 'Renamed elsewhere' WHERE id = ?", (eid,))
    assert "Renamed elsewhere" in client.get(f"/events/{eid}").text


def test_serve_command_refuses_writes_with_several_workers(tmp_path):
    from click.testing import CliRunner

    from storyline.cli import cli

    r = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "serve", "--workers", "2", "--token", "t"],
                           obj={})
    assert r.exit_code == 2 and "read-only" in r.output
    r = CliRunner().invoke(cli, ["--db", str(tmp_path / "no" / "such" / "x.db"), "serve"], obj={})
    assert r.exit_code == 3 and "does not exist" in r.output
