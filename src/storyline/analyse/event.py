"""One event's analysis from its articles: entities, figures (grouped, conflicts flagged), quotes,
coverage comparison and an extractive summary. Pure: no database; the engine caches the result."""

from __future__ import annotations

import copy
import functools
import logging
from collections.abc import Sequence
from typing import Any

from threadpoolctl import threadpool_limits

from storyline.analyse import vectors
from storyline.analyse.coverage import coverage_table, source_name
from storyline.analyse.entities import ArticleText, article_mentions, link_entities
from storyline.analyse.figures import Claim, attach_article, extract_claims, group_claims
from storyline.analyse.quotes import Quote, extract_quotes, link_speakers
from storyline.analyse.summary import candidates, summarise
from storyline.analyse.text import article_text
from storyline.analyse.vectors import CachedEmbedder
from storyline.embed import Embedder

logger = logging.getLogger(__name__)

# Bump when the output of any analyser changes: cached analyses of an older version are recomputed.
ANALYSIS_VERSION = 2


@functools.lru_cache(maxsize=1024)
def _claims_and_quotes(text: str, language: str | None) -> tuple[tuple[Claim, ...], tuple[Quote, ...]]:
    """One article's figures and quotes, extracted once per process (see :func:`article_mentions`);
    callers get deep copies, as the analysis fills in their article fields."""
    return tuple(extract_claims(text, language)), tuple(extract_quotes(text, language))


def clear_caches() -> None:
    """Forget the per-article work kept in this process (mentions, figures, quotes, sentence vectors)."""
    article_mentions.cache_clear()
    _claims_and_quotes.cache_clear()
    vectors.clear()


def analyse_event(
    event_id: int,
    articles: Sequence[dict[str, Any]],
    embedder: Embedder,
    lang: str | None = None,
    *,
    skip_duplicates: bool = True,
) -> dict[str, Any]:
    """``articles`` are article rows (id, title, clean_text, language, published, published_precision,
    source, url, and ``duplicate_of`` when known). With ``skip_duplicates`` an article marked as a
    near-duplicate of another is left out, so that its figures, quotes and source are not counted twice."""
    # one BLAS thread: the matrices are small, and a second thread mostly spins (on a 2-core machine
    # shared with other work that made the analysis slower, never faster)
    with threadpool_limits(limits=1, user_api="blas"):
        return _analyse(event_id, articles, embedder, lang, skip_duplicates)


def _analyse(event_id: int, articles: Sequence[dict[str, Any]], embedder: Embedder, lang: str | None,
             skip_duplicates: bool) -> dict[str, Any]:
    kept = [dict(a) for a in articles if not (skip_duplicates and a.get("duplicate_of"))]
    for a in kept:
        a["source_name"] = source_name(a)
        a["text"] = article_text(a.get("title"), a.get("clean_text"))
    entities = link_entities([ArticleText(int(a["id"]), a["text"], a.get("language") or "") for a in kept])
    claims: list[Claim] = []
    quotes: list[Quote] = []
    for a in kept:
        found_claims, found_quotes = copy.deepcopy(_claims_and_quotes(a["text"], a.get("language")))
        attach_article(found_claims, a, a["source_name"])
        claims.extend(found_claims)
        for q in found_quotes:
            q.article_id, q.source, q.published = int(a["id"]), a["source_name"], a.get("published")
            quotes.append(q)
    link_speakers(quotes, entities)
    groups = group_claims(claims)
    # every sentence the event needs (summary candidates and quotes) embedded in one call; vectors seen
    # before (another summary language, an earlier analysis of the same articles) are not recomputed
    embedder = CachedEmbedder(embedder)
    embedder.encode([c.text for c in candidates(kept)] + [q.text for q in quotes])
    quote_vectors = embedder.encode([q.text for q in quotes]) if quotes else None
    figures = [g.to_dict() for g in groups]
    return {
        "event_id": event_id,
        "n_articles": len(kept),
        "skipped_duplicates": [int(a["id"]) for a in articles if skip_duplicates and a.get("duplicate_of")],
        "entities": [e.to_dict() for e in entities],
        "figures": figures,
        "conflicts": [f for f in figures if f["conflict"]],
        "quotes": [q.to_dict() for q in quotes],
        "coverage": coverage_table(kept, entities, claims, quotes, quote_vectors,
                                   copies=[a for a in articles if skip_duplicates and a.get("duplicate_of")]),
        "summary": summarise(kept, embedder, lang),
    }
