"""Extractive, multilingual event summaries.

Every sentence of the event's articles is embedded with the engine's (multilingual) embedder. A sentence's
centrality is its mean similarity to the sentences of the *other* articles, in every language, so a
sentence is central when many sources, whatever their language, report what it says. Sentences are then
picked by maximal marginal relevance (MMR): central, but not similar to a sentence already picked.

Language: when the user asks for a language the event has sentences in, only those are candidates
(their centrality still counts the other languages); otherwise candidates come from every language and
each sentence stays in its original language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from storyline.analyse.text import split_sentences
from storyline.embed import Embedder

MAX_SENTENCES_PER_ARTICLE = 14
MMR_LAMBDA = 0.7
LEAD_BONUS = 0.04  # earlier sentences carry the news: a small bonus for the first few
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@dataclass
class Candidate:
    text: str
    article_id: int
    source: str | None
    language: str
    position: int


def _usable(text: str, language: str) -> bool:
    n = len(text)
    if language in ("zh", "ja") or _CJK.search(text[:20]):
        return 12 <= n <= 220
    words = len(text.split())
    return 8 <= words <= 70 and not text.rstrip().endswith(":") and n >= 40


def candidates(articles: Sequence[dict[str, Any]]) -> list[Candidate]:
    """Body sentences (the title is left out) of each article, the first few per article."""
    out: list[Candidate] = []
    for a in articles:
        lang = a.get("language") or ""
        n = 0
        for s in split_sentences(a.get("clean_text") or "", lang):
            text = s.text.strip()
            if not _usable(text, lang):
                continue
            out.append(Candidate(text, int(a["id"]), a.get("source_name"), lang, n))
            n += 1
            if n >= MAX_SENTENCES_PER_ARTICLE:
                break
    return out


def summarise(
    articles: Sequence[dict[str, Any]],
    embedder: Embedder,
    lang: str | None = None,
    k: int = 4,
) -> dict[str, Any]:
    """``{"language": lang or None, "requested": lang, "sentences": [{text, article_id, source, language}]}``"""
    cands = candidates(articles)
    requested = lang
    if not cands:
        return {"language": None, "requested": requested, "sentences": []}
    vecs = embedder.encode([c.text for c in cands])
    sims = vecs @ vecs.T
    art = np.array([c.article_id for c in cands])
    other = art[:, None] != art[None, :]
    if other.any(axis=1).all():
        centrality = (sims * other).sum(axis=1) / np.maximum(other.sum(axis=1), 1)
    else:  # a one-article event: similarity to the article's own sentences
        centrality = sims.mean(axis=1)
    centrality = centrality + LEAD_BONUS * np.array([1.0 if c.position < 3 else 0.0 for c in cands])
    pool = [i for i, c in enumerate(cands) if lang and c.language == lang]
    language = lang if pool else None
    if not pool:
        pool = list(range(len(cands)))
    chosen = _mmr(pool, centrality, sims, k)  # most central first
    return {
        "language": language,
        "requested": requested,
        "sentences": [{"text": cands[i].text, "article_id": cands[i].article_id, "source": cands[i].source,
                       "language": cands[i].language} for i in chosen],
    }


def _mmr(pool: list[int], relevance: np.ndarray, sims: np.ndarray, k: int) -> list[int]:
    chosen: list[int] = []
    left = list(pool)
    while left and len(chosen) < k:
        def score(i: int) -> float:
            red = max((float(sims[i, j]) for j in chosen), default=0.0)
            return MMR_LAMBDA * float(relevance[i]) - (1 - MMR_LAMBDA) * red
        best = max(left, key=score)
        if chosen and max(float(sims[best, j]) for j in chosen) > 0.9:  # a near-repeat (or a translation)
            left.remove(best)
            continue
        chosen.append(best)
        left.remove(best)
    return chosen
