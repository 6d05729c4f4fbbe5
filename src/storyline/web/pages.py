"""Server-rendered pages: stories, a story, an event, an article, search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from storyline.api.routes import (
    MAX_ID,
    FiltersDep,
    ReaderDep,
    SummaryLang,
    article_data,
    event_data,
    story_data,
)
from storyline.store import search
from storyline.web.render import timeline_chart

router = APIRouter(include_in_schema=False)

PER_PAGE = 30
PageNo = Annotated[int, Query(ge=1, le=100_000, description="Page number.")]


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_html(request, template, **context), status_code=status)


def _html(request: Request, template: str, **context: Any) -> str:
    """The page as text; it depends on the context only, so it can be cached."""
    return str(request.app.state.templates.get_template(template).render(**context))


def cached_page(request: Request, key: tuple[Any, ...], build: Callable[[], tuple[int, str]]) -> Response:
    """A page from the versioned cache: ``build`` returns (200, html) or (301, location)."""
    status, body = request.app.state.db.cache.get(("page", *key), build)
    if status == 301:
        return RedirectResponse(body, status_code=301)
    return HTMLResponse(body, status_code=status)


def render_error(request: Request, status: int, message: str, details: list[dict[str, Any]]) -> Response:
    return render(request, "error.html", status=status, status_code=status, message=message, details=details)


def _pager(request: Request, page: int, total: int, per_page: int = PER_PAGE) -> dict[str, Any]:
    last = max(1, -(-total // per_page))
    return {
        "page": page, "last": last, "total": total,
        "prev": str(request.url.include_query_params(page=page - 1)) if page > 1 else None,
        "next": str(request.url.include_query_params(page=page + 1)) if page < last else None,
    }


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, engine: ReaderDep, f: FiltersDep, page: PageNo = 1) -> Response:
    result = search.search_stories(engine.store.conn, f, PER_PAGE, (page - 1) * PER_PAGE)
    return render(request, "stories.html", stories=result.items, pager=_pager(request, page, result.total),
                  filters=f, facets=search.facets(engine.store.conn, max_sources=0))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, engine: ReaderDep, story_id: Annotated[int, PathParam(ge=1, le=MAX_ID)],
               lang: SummaryLang = None) -> Response:
    def build() -> tuple[int, str]:
        s = story_data(engine, story_id, lang)
        if s["id"] != story_id:
            return 301, f"/stories/{s['id']}"
        rows = [(d["date"], d["language"], d["count"]) for d in s["articles_per_day"]]
        return 200, _html(request, "story.html", story=s, chart=timeline_chart(rows, s["undated_articles"]))

    return cached_page(request, ("story", story_id, lang), build)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, engine: ReaderDep, event_id: Annotated[int, PathParam(ge=1, le=MAX_ID)],
               lang: SummaryLang = None) -> Response:
    def build() -> tuple[int, str]:
        e = event_data(engine, event_id, lang)
        if e["id"] != event_id:
            return 301, f"/events/{e['id']}"
        story = engine.store.story(e["story_id"]) if e.get("story_id") else None
        return 200, _html(request, "event.html", event=e, story=story, analysis=e.get("analysis"))

    return cached_page(request, ("event", event_id, lang), build)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, engine: ReaderDep,
                 article_id: Annotated[int, PathParam(ge=1, le=MAX_ID)]) -> Response:
    def build() -> tuple[int, str]:
        a = article_data(engine, article_id)
        event = engine.store.event(a["event_id"]) if a.get("event_id") else None
        return 200, _html(request, "article.html", article=a, event=event)

    return cached_page(request, ("article", article_id), build)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, engine: ReaderDep, f: FiltersDep, page: PageNo = 1,
                kind: Annotated[str, Query(alias="type", pattern="^(articles|events|stories)$")] = "articles",
                ) -> Response:
    conn = engine.store.conn
    offset = (page - 1) * PER_PAGE
    result = None
    if f.active():
        if kind == "stories":
            result = search.search_stories(conn, f, PER_PAGE, offset)
        elif kind == "events":
            result = search.search_events(conn, f, PER_PAGE, offset)
        else:
            result = search.search_articles(conn, f, PER_PAGE, offset)
    return render(request, "search.html", filters=f, kind=kind, result=result, facets=search.facets(conn),
                  pager=_pager(request, page, result.total) if result else None)
