"""Coverage comparison: one row per source (outlet) with its languages and articles, and for each what it
reports that no other source of the event does (entities, figures, quotes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse

import numpy as np

from storyline.analyse.figures import Claim
from storyline.analyse.quotes import Quote

UNKNOWN = "(unknown)"
SAME_QUOTE = 0.8  # cosine above which two quotes (in any language) are taken to be the same words


def source_name(article: dict[str, Any]) -> str:
    """The outlet: the article's source, else its URL's domain, else "(unknown)"."""
    src = (article.get("source") or "").strip()
    if src:
        return src
    host = urlparse(article.get("url") or "").hostname or ""
    return host.removeprefix("www.") or UNKNOWN


def figure_key(c: Claim) -> str:
    words = {"more_than": "more than ", "at_least": "at least ", "less_than": "less than ",
             "up_to": "up to ", "about": "about "}
    n = c.value if float(c.value).is_integer() else round(c.value, 2)
    val = f"{c.low:g}-{c.high:g}" if c.qualifier == "range" else f"{words.get(c.qualifier, '')}{n:g}"
    unit = "" if c.unit in ("people", c.quantity) else f" {c.unit}"
    return f"{c.quantity}: {val}{unit}"


def coverage_table(
    articles: Sequence[dict[str, Any]],
    entities: Sequence[Any],
    claims: Sequence[Claim],
    quotes: Sequence[Quote],
    quote_vectors: np.ndarray | None = None,
    copies: Sequence[dict[str, Any]] = (),
) -> list[dict[str, Any]]:
    """Rows sorted by first publication (undated last), then by source.

    ``copies`` are near-duplicates (syndicated copies) left out of the analysis: each is shown in its
    outlet's row under ``copies`` (with the article it copies), so the outlet counts as coverage, but
    it adds nothing to what is unique (its words are another outlet's)."""
    rows: dict[str, dict[str, Any]] = {}
    by_article: dict[int, str] = {}
    for a in articles:
        src = source_name(a)
        by_article[int(a["id"])] = src
        row = rows.setdefault(src, {"source": src, "languages": [], "article_ids": [], "first_published": None})
        if a.get("language") and a["language"] not in row["languages"]:
            row["languages"].append(a["language"])
        row["article_ids"].append(int(a["id"]))
        pub = a.get("published")
        if pub and (row["first_published"] is None or pub < row["first_published"]):
            row["first_published"] = pub
    # entities
    ent_sources: dict[str, set[str]] = {}
    for e in entities:
        ent_sources[e.id] = {by_article[i] for i in e.article_ids if i in by_article}
    # figures: a figure is the same when quantity, qualifier and value agree
    fig_sources: dict[str, set[str]] = {}
    for c in claims:
        if c.article_id in by_article:
            fig_sources.setdefault(figure_key(c), set()).add(by_article[c.article_id])
    # quotes: the same words (in any language, by embedding when vectors are given) count once
    quote_sources: list[set[str]] = []
    for i, q in enumerate(quotes):
        srcs = {by_article.get(q.article_id or -1, UNKNOWN)}
        for j, other in enumerate(quotes):
            if i == j:
                continue
            same = other.text == q.text or (
                quote_vectors is not None and float(quote_vectors[i] @ quote_vectors[j]) >= SAME_QUOTE)
            if same:
                srcs.add(by_article.get(other.article_id or -1, UNKNOWN))
        quote_sources.append(srcs)
    for a in copies:
        src = source_name(a)
        row = rows.setdefault(src, {"source": src, "languages": [], "article_ids": [], "first_published": None})
        if a.get("language") and a["language"] not in row["languages"]:
            row["languages"].append(a["language"])
        row.setdefault("copies", []).append({"article_id": int(a["id"]), "copy_of": a.get("duplicate_of")})
        pub = a.get("published")
        if pub and (row["first_published"] is None or pub < row["first_published"]):
            row["first_published"] = pub
    for src, row in rows.items():
        row.setdefault("copies", [])
        row["n_articles"] = len(row["article_ids"])
        row["unique"] = {
            "entities": [e.id for e in entities if ent_sources.get(e.id) == {src}],
            "figures": sorted(k for k, s in fig_sources.items() if s == {src}),
            "quotes": list(dict.fromkeys(q.text for q, s in zip(quotes, quote_sources, strict=True) if s == {src})),
        }
        row["languages"].sort()
    return sorted(rows.values(), key=lambda r: (r["first_published"] is None, r["first_published"] or "",
                                                r["source"]))
