"""The REST API under ``/api/v1``: lists with filters and pagination, single items, POST of articles."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi import Path as PathParam

from storyline import __version__
from storyline.api import schemas
from storyline.api.errors import ApiError
from storyline.api.state import Database
from storyline.engine import Engine
from storyline.errors import IngestError
from storyline.ingest.jsonfile import record_to_document
from storyline.model import RawDocument
from storyline.store import search
from storyline.store.search import Filters

MAX_ID = 2**63 - 1
# The language summaries are written in (an ISO 639 code); pages and API routes take it alike.
SummaryLang = Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,3}$",
                                          description="Language of the summaries (ISO 639 code).")]
MAX_POST = 100  # articles per request
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": schemas.ErrorResponse} for code in (401, 403, 404, 413, 422, 500, 503)
}

router = APIRouter(prefix="/api/v1", responses={422: {"model": schemas.ErrorResponse},
                                               500: {"model": schemas.ErrorResponse}})


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def reader(db: Annotated[Database, Depends(get_db)]) -> Engine:
    return db.reader()


def list_filters(
    q: Annotated[str | None, Query(max_length=500, description="Words that must all occur (the last as a "
                                   "prefix) in the title or text; for events and stories, in one of "
                                   "their articles.")] = None,
    language: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})?$",
                                          description="ISO 639 code, e.g. 'fr'.")] = None,
    source: Annotated[str | None, Query(max_length=300, description="Outlet exactly as stored.")] = None,
    date_from: Annotated[dt.date | None, Query(alias="from", description="On or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to", description="On or before (YYYY-MM-DD).")] = None,
) -> Filters:
    if date_from and date_to and date_from > date_to:
        raise ApiError(422, f"'from' ({date_from}) is after 'to' ({date_to})", field="from")
    return Filters(q=(q or "").strip() or None, language=language, source=source or None,
                   date_from=date_from.isoformat() if date_from else None,
                   date_to=date_to.isoformat() if date_to else None)


Limit = Annotated[int, Query(ge=1, le=100, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
FiltersDep = Annotated[Filters, Depends(list_filters)]
ReaderDep = Annotated[Engine, Depends(reader)]


@router.get("/health", response_model=schemas.Health, summary="Server and database status")
def health(request: Request, engine: ReaderDep) -> dict[str, Any]:
    return {"status": "ok", "version": __version__, "writable": request.app.state.settings.writable,
            "articles": engine.store.count("articles"), "events": engine.store.count("events"),
            "stories": engine.store.count("stories"), "schema_version": engine.store.schema_version()}


@router.get("/stories", response_model=schemas.Page[schemas.StorySummary], summary="List or search stories",
            description="Newest activity first.")
def list_stories(engine: ReaderDep, f: FiltersDep, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    return search.search_stories(engine.store.conn, f, limit, offset).to_json()


@router.get("/events", response_model=schemas.Page[schemas.EventSummary], summary="List or search events",
            description="Latest activity first.")
def list_events(
    engine: ReaderDep, f: FiltersDep, limit: Limit = 20, offset: Offset = 0,
    story: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only the events of this story.")] = None,
) -> dict[str, Any]:
    return search.search_events(engine.store.conn, f, limit, offset, story_id=story).to_json()


@router.get("/articles", response_model=schemas.Page[schemas.ArticleSummary], summary="List or search articles",
            description="Newest first; best match first for a text query.")
def list_articles(
    engine: ReaderDep, f: FiltersDep, limit: Limit = 20, offset: Offset = 0,
    event: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only the articles of this event.")] = None,
) -> dict[str, Any]:
    page = search.search_articles(engine.store.conn, f, limit, offset, event_id=event)
    for a in page.items:
        if a.get("snippet"):
            a["snippet"] = a["snippet"].replace(search.HIT_START, "").replace(search.HIT_END, "")
    return page.to_json()


@router.get("/stories/{story_id}", response_model=schemas.StoryDetail, responses=ERRORS,
            summary="A story with its events, articles per day and timeline")
def get_story(db: Annotated[Database, Depends(get_db)], engine: ReaderDep,
              story_id: Annotated[int, PathParam(ge=1, le=MAX_ID)],
              lang: SummaryLang = None,
              ) -> dict[str, Any]:
    return db.cache.get(("story", story_id, lang), lambda: story_data(engine, story_id, lang))


@router.get("/events/{event_id}", response_model=schemas.EventDetail, responses=ERRORS,
            summary="An event with its articles, why they are grouped, and its analysis")
def get_event(db: Annotated[Database, Depends(get_db)], engine: ReaderDep,
              event_id: Annotated[int, PathParam(ge=1, le=MAX_ID)],
              lang: SummaryLang = None,
              ) -> dict[str, Any]:
    return db.cache.get(("event", event_id, lang), lambda: event_data(engine, event_id, lang))


@router.get("/articles/{article_id}", response_model=schemas.ArticleDetail, responses=ERRORS,
            summary="An article: clean text, detected metadata and the original")
def get_article(engine: ReaderDep, article_id: Annotated[int, PathParam(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    return article_data(engine, article_id)


def require_token(
    request: Request, authorization: Annotated[str | None, Header(description="Bearer <token>")] = None
) -> None:
    settings = request.app.state.settings
    if not settings.writable:
        raise ApiError(403, "this server is read-only: start it with --token (or STORYLINE_TOKEN) to allow "
                            "writes", code="read_only")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not settings.token_ok(given.strip()):
        raise ApiError(401, "missing or wrong token: send 'Authorization: Bearer <token>'",
                       code="unauthorized", field="Authorization", headers={"WWW-Authenticate": "Bearer"})


@router.post("/articles", response_model=schemas.IngestResult, status_code=201, responses=ERRORS,
             summary="Add articles through the full pipeline",
             description="Needs `Authorization: Bearer <token>`. The body is one article or an array of at "
                         f"most {MAX_POST}; either all are valid and go in, or none does (422 naming the "
                         "field). Answers 201 when something was added, 200 when every text was already "
                         "in the database.")
def post_articles(
    response: Response, db: Annotated[Database, Depends(get_db)],
    _: Annotated[None, Depends(require_token)], body: schemas.ArticleIn | list[schemas.ArticleIn],
) -> dict[str, Any]:
    items = body if isinstance(body, list) else [body]
    if not items:
        raise ApiError(422, "the body holds no article", field="body")
    if len(items) > MAX_POST:
        raise ApiError(413, f"at most {MAX_POST} articles per request, got {len(items)}", field="body")
    docs: list[RawDocument] = []
    for i, item in enumerate(items):
        where = f"[{i}]" if isinstance(body, list) else "body"
        record = item.model_dump(exclude_none=True)
        try:
            docs.append(record_to_document(record, where, "api"))
        except IngestError as exc:
            raise ApiError(422, exc.reason, field=_field_in(exc.reason, where)) from None
    report = db.ingest(docs)
    if report.errors:  # validated above, so this is the pipeline failing on an article
        raise ApiError(422, "; ".join(str(e) for e in report.errors), field="text")
    engine = db.reader()
    articles = [engine.article(aid) for aid in report.added]
    if not report.added:
        response.status_code = 200
    return {"added": report.added, "duplicates": report.duplicates, "events_created": report.events_created,
            "events_merged": report.events_merged, "stories_created": report.stories_created,
            "articles": [{**a, "snippet": None} for a in articles]}


def _field_in(reason: str, where: str) -> str:
    """'[2].published' from "field 'published' must be ..." (the ingest reader names fields that way)."""
    name = reason.split("'")[1] if reason.count("'") >= 2 else "text"
    return name if where == "body" else f"{where}.{name}"


# -- data shared with the pages ------------------------------------------------------------------------
def story_data(engine: Engine, story_id: int, lang: str | None = None) -> dict[str, Any]:
    s = engine.story(story_id)
    days, undated = search.articles_per_day(engine.store.conn, s["id"])
    s["articles_per_day"] = [{"date": d, "language": lang_, "count": n} for d, lang_, n in days]
    s["undated_articles"] = undated
    events = search.search_events(engine.store.conn, Filters(), 1000, 0, story_id=s["id"]).items
    by_id = {e["id"]: e for e in events}
    s["events"] = [{**e, "story_id": s["id"]} for e in (by_id.get(e["id"], e) for e in s["events"])]
    timeline = getattr(engine, "story_timeline", None)
    s["timeline"] = timeline(s["id"], lang=lang) if timeline is not None else None
    return s


def event_data(engine: Engine, event_id: int, lang: str | None = None) -> dict[str, Any]:
    e = engine.event(event_id)
    analyse = getattr(engine, "event_analysis", None)
    e["analysis"] = analyse(e["id"], lang=lang) if analyse is not None else None
    return e


def article_data(engine: Engine, article_id: int) -> dict[str, Any]:
    a = engine.article(article_id)
    a["story_id"] = engine.store.story_of(a["event_id"]) if a.get("event_id") else None
    return a
