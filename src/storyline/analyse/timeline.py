"""A story's timeline: its events in date order, each with a one-line summary and how precise its date is."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_RANK = {"day": 0, "month": 1, "year": 2, "unknown": 3}
ONE_LINE = 220


def event_date(event: dict[str, Any], articles: Sequence[dict[str, Any]]) -> tuple[str | None, str]:
    """The event's date (its earliest article date) and the best precision among the articles dated then."""
    start = event.get("start")
    if not start:
        return None, "unknown"
    precisions = [a.get("published_precision") or "unknown" for a in articles if a.get("published") == start]
    return start, min(precisions or ["day"], key=lambda p: _RANK.get(p, 3))


def one_line(summary: dict[str, Any], fallback: str) -> str:
    sentences = summary.get("sentences") or []
    text = sentences[0]["text"] if sentences else fallback
    text = " ".join(text.split())
    return text if len(text) <= ONE_LINE else text[: ONE_LINE - 1].rsplit(" ", 1)[0] + "…"


def timeline_entry(event: dict[str, Any], articles: Sequence[dict[str, Any]], analysis: dict[str, Any]) -> dict:
    date, precision = event_date(event, articles)
    summary = analysis.get("summary") or {}
    return {
        "event_id": event["id"],
        "date": date,
        "end": event.get("end"),
        "precision": precision,
        "title": event.get("title") or "",
        "summary": one_line(summary, event.get("title") or ""),
        "summary_language": (summary.get("sentences") or [{}])[0].get("language"),
        "n_articles": event.get("n_articles", len(articles)),
        "languages": event.get("languages", []),
    }


def order(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Date order; undated events last, by id."""
    return sorted(entries, key=lambda e: (e["date"] is None, e["date"] or "", e["event_id"]))
