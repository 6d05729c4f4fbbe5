"""Templates (Jinja2, autoescaped: article text is untrusted and is never marked safe) and the small
helpers they use: date spans, feature labels, search snippets, the timeline chart as SVG shapes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import jinja2

from storyline.store.search import HIT_END, HIT_START

FEATURE_LABELS = {
    "emb_max": "meaning, closest article",
    "emb_centroid": "meaning, whole event",
    "lex": "shared words (same language)",
    "lex_missing": "no article in the same language",
    "names_share": "names in common",
    "names_shared_log": "number of shared names",
    "names_conflict": "conflicting names",
    "places_share": "places in common",
    "places_conflict": "conflicting places",
    "countries_share": "countries in common",
    "countries_conflict": "conflicting countries",
    "numbers_shared_log": "numbers in common",
    "day_gap_log": "days apart",
    "day_gap_missing": "date unknown",
    "size_log": "event size",
}
PALETTE = 8  # CSS classes l0..l7


def span(start: str | None, end: str | None) -> str:
    if not start and not end:
        return "date unknown"
    if start == end or not end:
        return str(start)
    if not start:
        return str(end)
    return f"{start} – {end}"


def snippet_parts(snippet: str | None) -> list[tuple[str, bool]]:
    """[(text, is_hit)] from an FTS snippet with marker characters; the template escapes each part."""
    if not snippet:
        return []
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(snippet.split(HIT_START)):
        if i == 0:
            parts.append((chunk, False))
            continue
        hit, _, rest = chunk.partition(HIT_END)
        parts += [(hit, True), (rest, False)]
    return [p for p in parts if p[0]]


def http_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None: a stored URL is untrusted (``javascript:`` must not be a link)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def feature_label(name: str) -> str:
    return FEATURE_LABELS.get(name, name.replace("_", " "))


def number(value: Any, digits: int = 2) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass
class Chart:
    width: int
    height: int
    bars: list[Bar]
    languages: list[tuple[str, str, int]]  # (language, css class, articles)
    first: str
    last: str
    peak: int
    days: int
    undated: int
    unit: str  # "day" or "week": what one bar counts


def timeline_chart(rows: list[tuple[str, str, int]], undated: int, width: int = 800, height: int = 160,
                   max_days: int = 400) -> Chart | None:
    """Stacked bars, one per day from the first to the last dated article, one colour per language.
    Spans longer than ``max_days`` are drawn per week."""
    if not rows:
        return None
    per_day: dict[dt.date, dict[str, int]] = defaultdict(dict)
    totals: dict[str, int] = defaultdict(int)
    for day, lang, n in rows:
        try:
            d = dt.date.fromisoformat(day)
        except ValueError:
            continue
        per_day[d][lang] = per_day[d].get(lang, 0) + n
        totals[lang] += n
    if not per_day:
        return None
    first, last = min(per_day), max(per_day)
    step = 1 if (last - first).days < max_days else 7
    bins: dict[int, dict[str, int]] = defaultdict(dict)
    for d, counts in per_day.items():
        b = (d - first).days // step
        for lang, n in counts.items():
            bins[b][lang] = bins[b].get(lang, 0) + n
    n_bins = (last - first).days // step + 1
    order = sorted(totals, key=lambda lang: (-totals[lang], lang))
    css = {lang: f"l{i % PALETTE}" for i, lang in enumerate(order)}
    peak = max(sum(c.values()) for c in bins.values())
    bar_w = width / n_bins
    bars: list[Bar] = []
    for b, counts in sorted(bins.items()):
        bin_day = first + dt.timedelta(days=b * step)
        label = bin_day.isoformat() if step == 1 else f"week of {bin_day.isoformat()}"
        y = float(height)
        for lang in order:
            n = counts.get(lang, 0)
            if not n:
                continue
            h = height * n / peak
            y -= h
            bars.append(Bar(round(b * bar_w, 2), round(y, 2), round(max(bar_w * 0.85, 0.5), 2), round(h, 2),
                            css[lang], f"{label}: {n} {lang}"))
    return Chart(width, height, bars, [(lang, css[lang], totals[lang]) for lang in order],
                 first.isoformat(), last.isoformat(), peak, n_bins * step, undated,
                 "day" if step == 1 else "week")


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("storyline.web", "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals.update(span=span, feature_label=feature_label, snippet_parts=snippet_parts, number=number,
                       http_url=http_url, paragraphs=paragraphs)
    return env
