"""Server-rendered pages: content, navigation links, the timeline chart, escaping of untrusted text."""

from __future__ import annotations

import re
import sqlite3
import warnings
from html.parser import HTMLParser

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from storyline import Engine
from storyline.api import create_app
from storyline.embed import HashingEmbedder
from storyline.model import RawDocument
from storyline.pipeline import Pipeline
from storyline.web.render import snippet_parts, timeline_chart

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'")
PAYLOAD_TITLE = '<img src=x onerror="window.__pwned=1">Breaking <b>news</b> & "quotes"'
PAYLOAD_TEXT = ("Officials in the city said the bridge reopened on Monday after repairs. "
                "<script>window.__pwned=1</script> <img src=x onerror=alert(1)> "
                '<a href="javascript:alert(2)">click me</a> <iframe src="https://evil.example"></iframe> '
                "<style>body{display:none}</style> The repairs cost 3 million euros, the council said.")
PAYLOAD_HTML = ("<html><head><title>Harbour <script>window.__pwned=1</script> news</title>"
                "<script>window.__pwned=2</script></head><body><article><h1>Harbour reopens</h1>"
                "<p>The harbour of the town reopened on Friday after the storm, the port authority said. "
                "Ships returned to the quay and fishermen unloaded their catch in the morning.</p>"
                "<p onclick=\"window.__pwned=3\">Workers had repaired the breakwater over three weeks, and the "
                "authority thanked the crews.</p><img src=x onerror=\"window.__pwned=4\"></article></body></html>")


class Scan(HTMLParser):
    """What could run in a page: script elements, event-handler attributes, javascript: links, iframes."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict] = []
        self.handlers: list[tuple[str, str]] = []
        self.js_links: list[str] = []
        self.dangerous: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts.append(a)
        if tag in ("iframe", "object", "embed", "img", "style", "base", "meta") and tag != "meta":
            self.dangerous.append(tag)
        for k, v in attrs:
            if k.startswith("on"):
                self.handlers.append((tag, k))
            if k in ("href", "src", "action") and v and v.strip().lower().startswith("javascript:"):
                self.js_links.append(v)
            if k == "style":
                self.handlers.append((tag, k))

    def handle_data(self, data):
        self.text.append(data)


def scan(html: str) -> Scan:
    s = Scan()
    s.feed(html)
    return s


def assert_inert(html: str) -> Scan:
    s = scan(html)
    assert s.scripts == [{"src": "/static/app.js", "defer": None}]
    assert not s.handlers and not s.js_links and not s.dangerous, (s.handlers, s.js_links, s.dangerous)
    return s


@pytest.fixture(scope="module")
def demo(demo_db):
    path, _ = demo_db
    with TestClient(create_app(str(path))) as client:
        yield client, sqlite3.connect(path)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A database holding articles that carry script and HTML injection."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "harbour.html").write_text(PAYLOAD_HTML, encoding="utf-8")
    db = folder / "h.db"
    pipeline = Pipeline(embedder=HashingEmbedder())
    with Engine(db, pipeline=pipeline) as engine:
        report = engine.ingest_documents([RawDocument(
            text=PAYLOAD_TEXT, title=PAYLOAD_TITLE, published="2024-03-04", source='<svg onload=alert(1)>Wire',
            url="javascript:alert(1)", format="json")])
        report2 = engine.ingest([str(folder / "harbour.html")])
        assert len(report.added) == 1 and len(report2.added) == 1, (report.errors, report2.errors)
    with TestClient(create_app(str(db), token="t", pipeline=pipeline)) as client:
        yield client, report.added[0], report2.added[0]


def test_stories_page_lists_stories_with_links(demo):
    client, conn = demo
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-security-policy"].startswith(CSP)
    ids = [int(x) for x in re.findall(r'href="/stories/(\d+)"', r.text)]
    expected = [row[0] for row in conn.execute("SELECT id FROM stories ORDER BY end IS NULL, end DESC, id DESC")]
    assert ids == expected[: len(ids)] and ids
    assert_inert(r.text)


def test_story_page_has_chart_and_events(demo):
    client, conn = demo
    sid, n = conn.execute("SELECT e.story_id, COUNT(a.id) FROM events e JOIN articles a ON a.event_id = e.id "
                          "GROUP BY e.story_id ORDER BY 2 DESC LIMIT 1").fetchone()
    r = client.get(f"/stories/{sid}")
    assert r.status_code == 200
    titles = re.findall(r'<rect class="l\d" [^>]*><title>([^<]*)</title>', r.text)
    counted = sum(int(re.search(r": (\d+) ", t).group(1)) for t in titles)
    undated = conn.execute("SELECT COUNT(*) FROM articles a JOIN events e ON e.id = a.event_id "
                           "WHERE e.story_id = ? AND a.published IS NULL", (sid,)).fetchone()[0]
    assert counted + undated == n
    for (eid,) in conn.execute("SELECT id FROM events WHERE story_id = ?", (sid,)):
        assert f'href="/events/{eid}"' in r.text
    assert_inert(r.text)


def test_event_page_sections(demo):
    client, conn = demo
    eid = conn.execute("SELECT id FROM events ORDER BY n_articles DESC, id LIMIT 1").fetchone()[0]
    r = client.get(f"/events/{eid}")
    assert r.status_code == 200
    for section in ('id="sources"', 'id="why"'):
        assert section in r.text
    for (aid,) in conn.execute("SELECT id FROM articles WHERE event_id = ?", (eid,)):
        assert f'href="/articles/{aid}"' in r.text
    data = client.get(f"/api/v1/events/{eid}").json()
    if data["analysis"] is not None:
        an = data["analysis"]
        assert 'id="entities"' in r.text and an["entities"][0]["name"].replace("'", "&#39;") in r.text
        if an["figures"]:
            assert 'id="figures"' in r.text
        if an["conflicts"]:
            assert 'class="figure card conflict"' in r.text
    assert_inert(r.text)


def test_article_page_shows_text_metadata_and_original(demo):
    client, conn = demo
    aid, lang, title = conn.execute("SELECT id, language, title FROM articles WHERE raw_html IS NOT NULL "
                                    "LIMIT 1").fetchone() or conn.execute(
        "SELECT id, language, title FROM articles LIMIT 1").fetchone()
    r = client.get(f"/articles/{aid}")
    s = assert_inert(r.text)
    text = "".join(s.text)
    assert title in text and f'<span class="lang">{lang}</span>' in r.text
    clean = conn.execute("SELECT clean_text FROM articles WHERE id = ?", (aid,)).fetchone()[0]
    first = clean.split("\n\n")[0].strip()
    assert first in text


def test_search_page_marks_hits(demo):
    client, conn = demo
    title = conn.execute("SELECT title FROM articles WHERE language = 'en' ORDER BY id LIMIT 1").fetchone()[0]
    word = max(title.split(), key=len).strip(".,'\"")
    r = client.get("/search", params={"q": word})
    assert r.status_code == 200 and "<mark>" in r.text
    assert_inert(r.text)
    r = client.get("/search", params={"q": word, "type": "stories"})
    assert r.status_code == 200 and 'href="/stories/' in r.text


def test_bad_page_parameters_are_4xx_pages(demo):
    client, _ = demo
    r = client.get("/search", params={"from": "not-a-date"})
    assert r.status_code == 422 and "from" in r.text and r.headers["content-type"].startswith("text/html")
    r = client.get("/events/0")
    assert r.status_code == 422 and "event_id" in r.text
    r = client.get("/articles/999999")
    assert r.status_code == 404 and "999999" in r.text
    r = client.get("/", params={"page": "x"})
    assert r.status_code == 422 and "page" in r.text


def test_injected_article_is_escaped_everywhere(hostile):
    client, aid, html_aid = hostile
    pages = [f"/articles/{aid}", f"/articles/{html_aid}", "/", "/search?q=bridge", "/search?q=harbour",
             "/search?q=bridge&type=events", "/search?q=bridge&type=stories"]
    eid = client.get(f"/api/v1/articles/{aid}").json()["event_id"]
    sid = client.get(f"/api/v1/articles/{aid}").json()["story_id"]
    pages += [f"/events/{eid}", f"/stories/{sid}"]
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, url
        assert "<script>window" not in r.text and "<img" not in r.text
        assert_inert(r.text)
    article = client.get(f"/articles/{aid}").text
    visible = "".join(scan(article).text)
    assert PAYLOAD_TITLE in visible  # shown as text, character for character
    assert "<script>window.__pwned=1</script>" in visible
    assert "javascript:alert(1)" in visible and 'href="javascript' not in article
    original = client.get(f"/articles/{html_aid}").text
    assert "<script>window.__pwned=2</script>" in "".join(scan(original).text)


def test_snippet_and_chart_helpers():
    assert snippet_parts("a \x02hit\x03 <b>") == [("a ", False), ("hit", True), (" <b>", False)]
    assert snippet_parts(None) == []
    chart = timeline_chart([("2024-01-01", "en", 2), ("2024-01-01", "fr", 1), ("2024-01-03", "fr", 4)], undated=1)
    assert chart is not None and chart.peak == 4 and chart.days == 3 and chart.unit == "day"
    # the most frequent language at the bottom of each stack; the peak day fills the height
    assert [(b.css, b.title, b.y, b.height) for b in chart.bars] == [
        ("l0", "2024-01-01: 1 fr", 120.0, 40.0), ("l1", "2024-01-01: 2 en", 40.0, 80.0),
        ("l0", "2024-01-03: 4 fr", 0.0, 160.0)]
    assert chart.languages == [("fr", "l0", 5), ("en", "l1", 2)]
    long = timeline_chart([("2020-01-01", "en", 1), ("2022-01-01", "en", 1)], undated=0)
    assert long is not None and long.unit == "week" and len(long.bars) == 2
    assert timeline_chart([], 3) is None
