"""Pydantic models of the REST API: what goes in and out, and so what the OpenAPI document says."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

T = TypeVar("T")

Precision = Literal["day", "month", "year", "unknown"]


class ErrorDetail(BaseModel):
    field: str | None = Field(None, description="The offending field, e.g. 'limit' or 'published'.")
    location: str | None = Field(None, description="'query', 'path', 'body' or 'header'.")
    message: str


class ErrorBody(BaseModel):
    status: int = Field(description="The HTTP status, repeated.")
    code: str = Field(description="Machine-readable: not_found, invalid_request, unauthorized, read_only, "
                                  "method_not_allowed, storage_error, internal_error.")
    message: str
    field: str | None = Field(None, description="The first offending field, when the request was at fault.")
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    """Every error, whatever the endpoint."""

    error: ErrorBody


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="Items matching the filters, all pages together.")
    limit: int
    offset: int


class StorySummary(BaseModel):
    id: int
    title: str
    start: str | None
    end: str | None
    n_events: int
    n_articles: int
    languages: list[str]


class EventSummary(BaseModel):
    id: int
    story_id: int | None = None
    title: str
    start: str | None
    end: str | None
    languages: list[str]
    n_articles: int


class ArticleBase(BaseModel):
    """What every listing of an article shows."""

    id: int
    title: str
    language: str
    published: str | None
    published_precision: Precision
    source: str | None


class ArticleSummary(ArticleBase):
    url: str | None
    event_id: int | None
    snippet: str | None = Field(None, description="Passage around the match, for a text query.")


class DayCount(BaseModel):
    date: str
    language: str
    count: int


class TimelineEntry(BaseModel):
    model_config = ConfigDict(extra="allow")
    event_id: int
    date: str | None = None
    precision: str | None = None
    title: str = ""
    summary: str | None = None
    n_articles: int = 0
    languages: list[str] = Field(default_factory=list)


class StoryDetail(BaseModel):
    id: int
    title: str
    start: str | None
    end: str | None
    n_articles: int
    languages: list[str]
    events: list[EventSummary]
    articles_per_day: list[DayCount] = Field(description="Dated articles per day and language.")
    undated_articles: int
    timeline: list[TimelineEntry] | None = Field(None, description="Events in date order with summaries "
                                                                   "(when the analysis is available).")


class FeatureContribution(BaseModel):
    model_config = ConfigDict(extra="allow")
    feature: str
    value: float | None = None
    contribution: float = Field(description="Change in log-odds against the average training pair.")


class Fit(BaseModel):
    score: float
    top_features: list[FeatureContribution]


class EventArticle(ArticleBase):
    path: str | None
    score: float | None = Field(None, description="Score against the event when the article arrived.")
    explanation: dict[str, Any] = Field(description="The decision taken when the article arrived.")
    fit: Fit | None = Field(None, description="Score against the rest of the event now (leave one out).")


class EventDetail(BaseModel):
    id: int
    story_id: int | None
    title: str
    start: str | None
    end: str | None
    languages: list[str]
    n_articles: int
    story_score: float | None = None
    story_explanation: dict[str, Any] = Field(default_factory=dict)
    articles: list[EventArticle]
    analysis: dict[str, Any] | None = Field(
        None, description="Entities, figures (with conflicts), quotes, coverage by source and summary."
    )


class ArticleDetail(BaseModel):
    id: int
    title: str
    language: str
    language_score: float | None
    published: str | None
    published_precision: Precision
    published_origin: str
    source: str | None
    url: str | None
    path: str | None
    external_id: str | None
    format: str
    event_id: int | None
    story_id: int | None = None
    score: float | None
    explanation: dict[str, Any]
    clean_text: str
    quoted: list[str]
    raw_text: str
    raw_html: str | None
    content_hash: str
    ingested_at: str


class SourceObject(BaseModel):
    name: str | None = None


class ArticleIn(BaseModel):
    """One article, with the fields of a JSON ingest record (see docs/cli.md). Other scalar fields
    (author, ...) are kept as metadata."""

    model_config = ConfigDict(extra="allow", json_schema_extra={
        "examples": [{"title": "Flood in Valencia", "text": "Heavy rain flooded ...", "published": "2024-10-30",
                      "source": "elpais.com", "url": "https://elpais.com/...", "language": "es"}]
    })
    text: str = Field(description="The article text (required, not blank).")
    title: str | None = None
    published: StrictStr | StrictInt | StrictFloat | None = Field(
        None, description="ISO date or free text; a number is a Unix timestamp (seconds or milliseconds).")
    source: str | SourceObject | None = None
    url: str | None = None
    language: str | None = Field(None, description="ISO 639-1 code; detected when absent.")
    id: StrictStr | StrictInt | None = Field(None, description="Your own identifier, kept as external_id.")


class IngestResult(BaseModel):
    added: list[int] = Field(description="IDs of the new articles.")
    duplicates: list[str] = Field(description="Inputs whose text was already in the database.")
    events_created: int
    events_merged: int
    stories_created: int
    articles: list[ArticleSummary]


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    writable: bool
    articles: int
    events: int
    stories: int
    schema_version: int
