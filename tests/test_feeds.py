"""RSS/Atom feeds: entries, linked pages for summary-only entries, broken XML, and `watch` with restarts."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from local_http import html, serve
from storyline.cli import cli
from storyline.embed import HashingEmbedder
from storyline.engine import Engine
from storyline.errors import IngestError
from storyline.ingest import IngestOptions, iter_documents
from storyline.ingest.fetch import FetchOptions
from storyline.model import RawDocument
from storyline.pipeline import Pipeline
from storyline.watch import FeedWatcher

LONG = " ".join(["The harbour authority said the storm damaged three piers and two cranes overnight."] * 8)
OPTS = IngestOptions(fetch=FetchOptions(allow_private=True, timeout=2, backoff=0.01))


def rss(base: str, items: list[tuple[str, str, str]]) -> bytes:
    """items: (guid, title, description); the guid doubles as the path of the linked page."""
    body = "".join(
        f"<item><guid>{base}{guid}</guid><link>{base}{guid}</link><title>{title}</title>"
        f"<pubDate>Tue, 02 Mar 2021 10:00:00 GMT</pubDate><description>{desc}</description></item>"
        for guid, title, desc in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Coast News</title>'
            f"<language>en</language>{body}</channel></rss>").encode()


def feed_route(data_ref: dict):
    def route(h):
        etag = data_ref["etag"]
        if h.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": etag}, data_ref["body"]
    return route


@pytest.fixture()
def server():
    with serve() as s:
        yield s


def test_feed_entries_with_full_text_summary_fetch_and_fallback(server):
    server.routes["/a1"] = html()
    server.routes["/a3"] = lambda h: (500, {"Content-Type": "text/html"}, b"oops")
    body = rss(server.base, [("/a1", "River road closed", "Short teaser."),
                             ("/a2", "Storm hits harbour", LONG),
                             ("/a3", "Ferry cancelled", "The morning ferry was cancelled because of high winds.")])
    server.routes["/feed"] = lambda h: (200, {"Content-Type": "application/rss+xml"}, body)
    items = list(iter_documents([server.url("/feed")], options=OPTS))
    assert all(isinstance(i, RawDocument) for i in items), items
    a1, a2, a3 = items
    assert a1.path == server.url("/feed") + "!1" and "old mill" in a1.text  # linked page fetched
    assert a1.meta["text_from"] == "page" and a1.title == "River road closed"
    assert a1.url == server.url("/a1") and a1.source == "127.0.0.1" and a1.published.startswith("2021-03-02")
    assert a2.meta["text_from"] == "feed" and a2.text.startswith("The harbour authority") and "/a2" not in server.hits
    assert a3.meta["text_from"] == "summary" and "ferry was cancelled" in a3.text  # fetch failed: summary
    assert a1.language == "en"


def test_atom_feed_file_and_broken_xml(tmp_path):
    atom = tmp_path / "news.atom"
    atom.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        f'<entry><id>urn:1</id><title>Storm</title><updated>2021-03-02T10:00:00Z</updated>'
        f'<content type="html">&lt;p&gt;{LONG}&lt;/p&gt;</content></entry></feed>', encoding="utf-8")
    broken = tmp_path / "broken.rss"
    broken.write_text(f'<rss version="2.0"><channel><title>B</title><item><guid>g1</guid><title>One & two</title>'
                      f"<description>{LONG}</description></item><item><title>cut", encoding="utf-8")
    notfeed = tmp_path / "other.xml"
    notfeed.write_text("<config><a>1</a></config>", encoding="utf-8")
    items = list(iter_documents([str(atom), str(broken), str(notfeed)], options=OPTS))
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert docs[0].path == f"{atom}!1" and docs[0].text.startswith("The harbour") and docs[0].external_id == "urn:1"
    assert any(d.path == f"{broken}!1" for d in docs)  # what could be read was read
    assert any(e.path == str(broken) and "malformed feed XML" in e.reason for e in errors)
    assert any(e.path == str(notfeed) and "not a readable RSS or Atom feed" in e.reason for e in errors)


def test_watch_conditional_requests_and_restart(server, tmp_path):
    for n in range(1, 4):
        server.routes[f"/s{n}"] = html()
    state = {"etag": '"v1"', "body": rss(server.base, [
        ("/s1", "Storm hits harbour", LONG), ("/s2", "Piers damaged", LONG.replace("three", "four"))])}
    server.routes["/feed"] = feed_route(state)
    db = tmp_path / "w.db"
    pipeline = Pipeline(embedder=HashingEmbedder())
    with Engine(db, pipeline=pipeline) as engine:
        watcher = FeedWatcher(engine, OPTS)
        first = watcher.poll(server.url("/feed"))
        assert first.status == "ok" and first.new == 2 and len(first.report.added) == 2
        second = watcher.poll(server.url("/feed"))
        assert second.status == "not-modified" and server.requests[-1]["if-none-match"] == '"v1"'
    # the feed gains an entry; a new engine (a restarted watcher) sees only that one
    state.update(etag='"v2"', body=rss(server.base, [
        ("/s3", "Cranes toppled", LONG.replace("two cranes", "five cranes")), ("/s1", "Storm hits harbour", LONG),
        ("/s2", "Piers damaged", LONG.replace("three", "four"))]))
    with Engine(db, pipeline=pipeline) as engine:
        third = FeedWatcher(engine, OPTS).poll(server.url("/feed"))
        assert third.new == 1 and len(third.report.added) == 1
        assert engine.store.count("articles") == 3
        assert "entries, 1 new: 1 added" in third.line()


def test_watch_command_once_and_failing_feed(server, tmp_path):
    state = {"etag": '"a"', "body": rss(server.base, [("/x1", "Storm hits harbour", LONG)])}
    server.routes["/feed"] = feed_route(state)
    server.routes["/bad"] = lambda h: (200, {"Content-Type": "application/rss+xml"}, b"<rss><channel><item")
    db = str(tmp_path / "c.db")
    args = ["--db", db, "watch", "--once", "--allow-private", "--timeout", "1", server.url("/feed")]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 0, r.output
    assert "1 entries, 1 new: 1 added" in r.output
    r2 = CliRunner().invoke(cli, ["--db", db, "watch", "--allow-private", "--interval", "0", "--max-polls", "2",
                                  server.url("/feed"), server.url("/bad")])
    lines = [ln for ln in r2.output.splitlines() if "/feed:" in ln]
    assert lines and all("not modified" in ln for ln in lines) and len(lines) == 2
    assert r2.exit_code == 1 and "not a readable RSS or Atom feed" in r2.output
