"""Plain data objects that flow through the pipeline and out of the store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Precision = Literal["day", "month", "year", "unknown"]
DateOrigin = Literal["metadata", "header", "dateline", "text", "none"]


@dataclass
class RawDocument:
    """What a reader produces: one article as found in the input, before any processing.

    ``text`` is the article text as found (for HTML input: the text extracted from the page);
    ``html`` keeps the whole page when the input was HTML. ``published`` is the raw metadata string
    (ISO date or free text), if the input carried one. ``path`` is the file path as given on the command
    line joined with the relative path inside a folder, plus ``:LINE`` for JSON Lines records.
    """

    text: str
    path: str | None = None
    title: str | None = None
    published: str | None = None
    published_origin: DateOrigin = "metadata"
    source: str | None = None
    url: str | None = None
    language: str | None = None
    external_id: str | None = None
    format: str = "txt"
    html: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class PubDate:
    """A publication date with how precise it is and where it came from."""

    date: dt.date | None
    precision: Precision = "unknown"
    origin: DateOrigin = "none"

    def iso(self) -> str | None:
        return self.date.isoformat() if self.date else None

    @classmethod
    def unknown(cls) -> PubDate:
        return cls(None, "unknown", "none")


@dataclass
class Cleaned:
    """Result of boilerplate removal: the article body, embedded quoted material, what was removed."""

    body: str
    quoted: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class Article:
    id: int | None
    title: str
    raw_text: str
    clean_text: str
    language: str
    published: PubDate
    content_hash: str
    source: str | None = None
    url: str | None = None
    path: str | None = None
    external_id: str | None = None
    format: str = "txt"
    quoted: list[str] = field(default_factory=list)
    event_id: int | None = None
    score: float | None = None
    explanation: dict[str, Any] = field(default_factory=dict)


@dataclass
class Event:
    id: int
    title: str
    start: dt.date | None
    end: dt.date | None
    story_id: int | None
    article_ids: list[int]
    languages: list[str]


@dataclass
class Story:
    id: int
    title: str
    start: dt.date | None
    end: dt.date | None
    event_ids: list[int]
