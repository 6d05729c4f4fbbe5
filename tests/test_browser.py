"""Headless Chromium (Debian's, driven by Playwright) against a real server on a free loopback port:
click from the stories list to a story, an event and an article; phone width; injected script inert.

`make test` installs /usr/bin/chromium when it is missing and it runs as root; elsewhere, without it,
these tests are skipped. Playwright never downloads a browser here.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from storyline import Engine
from storyline.api import create_app
from storyline.embed import HashingEmbedder
from storyline.model import RawDocument
from storyline.pipeline import Pipeline

CHROMIUM = os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} not installed (make test "
                                                                       "installs it when run as root)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(db: Path, pipeline: Pipeline | None = None) -> Iterator[str]:
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(str(db), pipeline=pipeline), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def demo_server(demo_db, tmp_path_factory):
    path, _ = demo_db
    copy = tmp_path_factory.mktemp("browser") / "demo.db"
    shutil.copy(path, copy)
    with serve(copy) as url:
        yield url


def no_horizontal_overflow(page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_click_through_stories_event_article(browser, demo_server, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(90_000)  # an event's analysis is computed on its first view
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(demo_server + "/")
    first = page.locator("ol.stories a.title").first
    story_title = first.inner_text()
    first.click()
    page.wait_for_url("**/stories/*")
    assert page.locator("h1").inner_text() == story_title
    assert page.locator("figure.chart svg rect").count() >= 1

    event_link = page.locator("ol.timeline a.title").first
    event_title = event_link.inner_text()
    event_link.click()
    page.wait_for_url("**/events/*")
    assert page.locator("h1").inner_text() == event_title
    event_id = int(page.url.rsplit("/", 1)[1])
    n_sources = page.locator("#sources li.source").count()
    api = page.request.get(f"{demo_server}/api/v1/events/{event_id}").json()
    assert n_sources == len(api["articles"]) >= 1
    page.locator("#why details").first.locator("summary").click()  # expands natively
    assert page.locator("#why details").first.get_attribute("open") is not None
    page.screenshot(path=str(tmp_path / "event.png"), full_page=True)

    article_link = page.locator("#sources li.source a.title").first
    article_title = article_link.inner_text()
    article_link.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("h1").inner_text() == article_title
    assert page.locator("dl.metadata").is_visible() and page.locator(".article-text p").count() >= 1
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)
    assert (tmp_path / "event.png").stat().st_size > 10_000
    assert not errors


def test_static_script_runs_under_the_policy(browser, demo_server):
    """The one script comes from /static, so the CSP lets it run: a filter menu submits on change."""
    page = browser.new_page()
    page.goto(demo_server + "/")
    option = page.locator("select[name=language] option").nth(1)
    code = option.get_attribute("value")
    page.select_option("select[name=language]", code)
    page.wait_for_url(f"**language={code}**")
    shown = page.locator("ol.stories li").count()
    api = page.request.get(f"{demo_server}/api/v1/stories?language={code}&limit=100").json()
    assert shown == min(api["total"], 30) >= 1


def test_phone_width_has_no_horizontal_overflow(browser, demo_server):
    page = browser.new_page(viewport={"width": 360, "height": 740}, is_mobile=True)
    page.goto(demo_server + "/")
    assert no_horizontal_overflow(page)
    page.locator("ol.stories a.title").first.click()
    page.wait_for_url("**/stories/*")
    assert no_horizontal_overflow(page)
    page.set_default_timeout(90_000)
    page.locator("ol.timeline a.title").first.click()
    page.wait_for_url("**/events/*")
    assert no_horizontal_overflow(page)
    article = page.locator("#sources li.source a.title").first.get_attribute("href")
    for url in (article, "/search?q=the"):
        page.goto(demo_server + url)
        assert no_horizontal_overflow(page), url


def test_injected_script_does_not_run(browser, tmp_path):
    db = tmp_path / "hostile.db"
    pipeline = Pipeline(embedder=HashingEmbedder())
    title = '<img src=x onerror="window.__pwned=1">Bridge <b>reopens</b>'
    text = ("The bridge over the river reopened on Monday after repairs, officials said. "
            "<script>window.__pwned=2</script><img src=x onerror=\"window.__pwned=3;alert(3)\"> "
            "<svg onload=\"window.__pwned=4\"></svg> The repairs cost 3 million euros.")
    with Engine(db, pipeline=pipeline) as engine:
        aid = engine.ingest_documents([RawDocument(text=text, title=title, published="2024-03-04",
                                                   source="<b>Wire</b>", url="javascript:window.__pwned=5",
                                                   format="json")]).added[0]
    dialogs: list[str] = []
    with serve(db, pipeline) as url:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in (f"/articles/{aid}", "/", "/search?q=bridge", "/events/1", "/stories/1"):
            page.goto(url + path)
            page.wait_for_load_state("load")
            assert page.evaluate("typeof window.__pwned") == "undefined", path
        page.goto(url + f"/articles/{aid}")
        assert page.locator("h1").inner_text() == title  # the markup shows as text
        page.locator("#original summary").click()
        assert "<script>window.__pwned=2</script>" in page.locator("pre.original").inner_text()
        assert page.locator("main img, main script, main svg[onload]").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
        page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
    assert dialogs == []
