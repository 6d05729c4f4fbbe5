"""The per-article stages, each behind a small interface so it can be swapped or skipped.

clean -> language -> publication date -> places, names, numbers, terms -> embedding
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from storyline.clean import BoilerplateCleaner, Cleaner
from storyline.cluster.features import ArticleFeatures
from storyline.embed import Embedder, USEEmbedder
from storyline.enrich.dates import DateResolver, RuleDateResolver
from storyline.enrich.language import FastTextDetector, LanguageDetector, normalise_code
from storyline.enrich.names import find_names
from storyline.enrich.places import Gazetteer, default_gazetteer
from storyline.enrich.terms import find_numbers, term_weights
from storyline.model import Cleaned, PubDate, RawDocument

logger = logging.getLogger(__name__)

_WS = re.compile(r"\s+")


def text_hash(doc: RawDocument) -> str:
    """Hash of the article text alone, whitespace folded (an arbitrary but stable order key)."""
    return hashlib.sha256(_WS.sub(" ", doc.text).strip().encode("utf-8")).hexdigest()


def content_hash(doc: RawDocument) -> str:
    """Hash of the article's title and text with whitespace folded: the same content ingested twice is a
    no-op. The title counts: scraped pages of different articles often share one body text (a paywall or
    cookie notice), and they are still different articles. Without a title it is :func:`text_hash`."""
    title = _WS.sub(" ", doc.title or "").strip()
    if not title:
        return text_hash(doc)
    text = _WS.sub(" ", doc.text).strip()
    return hashlib.sha256(f"{title}\x1f{text}".encode()).hexdigest()


def lead(text: str, max_words: int = 80, max_chars: int = 260) -> str:
    """The first ``max_words`` words (or ``max_chars`` characters for scripts written without spaces)."""
    words = text.split()
    if len(words) >= 20 or sum(len(w) for w in words) < 4 * max(1, len(words)):
        return " ".join(words[:max_words])
    return text[:max_chars]


@dataclass
class Prepared:
    """An article after every stage but the embedding."""

    doc: RawDocument
    hash: str
    title: str
    cleaned: Cleaned
    language: str
    language_score: float
    date: PubDate
    features: ArticleFeatures
    embed_text: str
    meta: dict[str, object] = field(default_factory=dict)


def arrival_key(p: Prepared) -> tuple[bool, dt.date | int, str, str]:
    """The order in which the engine groups a window of articles: by date (undated last); on the same
    day by the raw timestamp (ISO strings sort in time order), so that the first of several copies of a
    wire story is the canonical one; ties (and undated articles) in an arbitrary but stable order, the
    hash of the text."""
    return (p.date.date is None, p.date.date or 0, p.doc.published or "", text_hash(p.doc))


NamesFinder = Callable[[str, "str | None"], list[str]]


class Pipeline:
    def __init__(
        self,
        cleaner: Cleaner | None = None,
        language: LanguageDetector | None = None,
        dates: DateResolver | None = None,
        gazetteer: Gazetteer | None = None,
        names: NamesFinder | None = None,
        embedder: Embedder | None = None,
    ) -> None:
        self.cleaner: Cleaner = cleaner or BoilerplateCleaner()
        self.language: LanguageDetector = language or FastTextDetector()
        self.dates: DateResolver = dates or RuleDateResolver()
        self._gazetteer = gazetteer
        self.names: NamesFinder = names or find_names
        self.embedder: Embedder = embedder or USEEmbedder()

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def prepare(self, doc: RawDocument) -> Prepared:
        chash = content_hash(doc)
        given_lang = normalise_code(doc.language)
        cleaned = self.cleaner.clean(doc.text, given_lang, fmt=doc.format)
        body = cleaned.body
        title = (doc.title or "").strip()
        if not title:
            first = next((ln.strip() for ln in body.splitlines() if ln.strip()), "")
            title = first[:200]
        if given_lang:
            lang, lang_score = given_lang, 1.0
        else:
            lang, lang_score = self.language.detect(f"{title}\n{body}")
        date = self.dates.resolve(doc, body, lang)
        text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
        places: Counter[str] = Counter()
        countries: Counter[str] = Counter()
        for place, _surface in self.gazetteer.find(text, lang):
            if place.kind == "country":
                countries[place.country] += 1
            else:
                places[place.id] += 1
                countries[place.country] += 1
        names = Counter(self.names(text, lang))
        features = ArticleFeatures(
            embedding=np.zeros(0, dtype=np.float32),
            language=lang,
            terms=term_weights(text, lang),
            places=dict(places),
            countries=dict(countries),
            names=dict(names),
            numbers=sorted(find_numbers(text)),
            date=date.date,
            precision=date.precision,
        )
        return Prepared(doc, chash, title, cleaned, lang, lang_score, date, features,
                        f"{title}. {lead(body)}" if title else lead(body))

    def embed(self, items: list[Prepared]) -> None:
        if not items:
            return
        vectors = self.embedder.encode([p.embed_text for p in items])
        for p, v in zip(items, vectors, strict=True):
            p.features.embedding = v
