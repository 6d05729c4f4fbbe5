"""Run the real ingest pipeline on a labelled corpus, in a fresh temporary database, and score it.

This is what ``storyline eval`` and the benchmark scripts call: the grouping measured is the grouping
the product makes.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from storyline.cluster.scorer import LogisticScorer, PairScorer
from storyline.engine import Engine
from storyline.eval.corpora import LabelledArticle
from storyline.eval.metrics import ClusterScores, score_clustering
from storyline.model import RawDocument
from storyline.pipeline import Pipeline, Prepared, content_hash

logger = logging.getLogger(__name__)


@dataclass
class EvalResult:
    events: ClusterScores
    stories: ClusterScores | None
    n_articles: int
    seconds: float
    failed: list[str] = field(default_factory=list)
    predicted: dict[str, tuple[int, int | None]] = field(default_factory=dict)  # id -> (event, story)

    def to_json(self) -> dict[str, Any]:
        return {
            "n_articles": self.n_articles,
            "seconds": round(self.seconds, 2),
            "failed": self.failed,
            "events": self.events.as_dict(),
            "stories": self.stories.as_dict() if self.stories else None,
        }


def predict(
    articles: Sequence[LabelledArticle],
    *,
    pipeline: Pipeline | None = None,
    scorers: tuple[PairScorer, LogisticScorer] | None = None,
    db_path: str | Path | None = None,
    progress: Callable[[int], None] | None = None,
    merge_scorer: PairScorer | None = None,
    consolidate: bool = True,
) -> tuple[dict[str, tuple[int, int | None]], list[str]]:
    """Ingest ``articles`` into a fresh database; returns (article id -> (event id, story id), failed ids)."""
    with tempfile.TemporaryDirectory(prefix="storyline-eval-") as tmp:
        path = Path(db_path) if db_path else Path(tmp) / "eval.db"
        docs = [a.to_raw_document() for a in articles]
        with Engine(path, pipeline=pipeline, scorers=scorers, merge_scorer=merge_scorer,
                    consolidate=consolidate) as engine:
            report = engine.ingest_documents(docs, progress=progress)
            rows = engine.store.conn.execute(
                "SELECT a.content_hash, a.event_id, e.story_id FROM articles a JOIN events e ON e.id = a.event_id"
            ).fetchall()
        by_hash = {h: (int(e), None if s is None else int(s)) for h, e, s in rows}
    failed_paths = {e.path for e in report.errors}
    out: dict[str, tuple[int, int | None]] = {}
    failed: list[str] = []
    for a, doc in zip(articles, docs, strict=True):
        got = by_hash.get(content_hash(doc))
        if got is None or (doc.path and doc.path in failed_paths):
            failed.append(a.id)
        else:
            out[a.id] = got
    return out, failed


def evaluate(
    articles: Sequence[LabelledArticle],
    *,
    pipeline: Pipeline | None = None,
    scorers: tuple[PairScorer, LogisticScorer] | None = None,
    progress: Callable[[int], None] | None = None,
    merge_scorer: PairScorer | None = None,
    consolidate: bool = True,
) -> EvalResult:
    """B-cubed and pairwise scores for events (and stories where every article has a story label).

    Articles the pipeline could not ingest each count as a singleton cluster, so failures cost recall.
    """
    t0 = time.perf_counter()
    pred, failed = predict(articles, pipeline=pipeline, scorers=scorers, progress=progress,
                           merge_scorer=merge_scorer, consolidate=consolidate)
    seconds = time.perf_counter() - t0
    gold_e = {a.id: a.event for a in articles}
    pred_e = {a.id: (f"e{pred[a.id][0]}" if a.id in pred else f"failed:{a.id}") for a in articles}
    events = score_clustering(gold_e, pred_e)
    stories = None
    if all(a.story for a in articles):
        gold_s = {a.id: str(a.story) for a in articles}
        pred_s = {a.id: (f"s{pred[a.id][1]}" if a.id in pred else f"failed:{a.id}") for a in articles}
        stories = score_clustering(gold_s, pred_s)
    return EvalResult(events, stories, len(articles), seconds, failed, pred)


class CachedPipeline(Pipeline):
    """A pipeline that remembers embeddings on disk and prepared articles in memory.

    For tuning and benchmarks only: rerunning the clustering on the same corpus then skips the
    expensive stage (the embedding, keyed by the hash of the embedded text and the embedder's name),
    while every other stage runs as in the product (once per process and document).
    """

    def __init__(self, cache_file: str | Path, base: Pipeline | None = None, tag: str = "v1") -> None:
        base = base or Pipeline()
        super().__init__(base.cleaner, base.language, base.dates, base._gazetteer, base.names, base.embedder)
        self.cache_file = Path(cache_file)
        self.tag = f"{tag}|{self.embedder.name}"
        self._vectors: dict[str, np.ndarray] = {}
        self._prepared: dict[str, Prepared] = {}
        self._dirty = False
        if self.cache_file.is_file():
            with self.cache_file.open("rb") as fh:
                data = pickle.load(fh)
            if data.get("tag") == self.tag:
                self._vectors = data["vectors"]

    @staticmethod
    def _doc_key(doc: RawDocument) -> str:
        return f"{content_hash(doc)}|{doc.title}|{doc.published}|{doc.language}|{doc.path}"

    @staticmethod
    def _text_key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def prepare(self, doc: RawDocument) -> Prepared:
        key = self._doc_key(doc)
        hit = self._prepared.get(key)
        if hit is None:
            hit = self._prepared[key] = super().prepare(doc)
        hit.doc = doc
        return hit

    def embed(self, items: list[Prepared]) -> None:
        todo = []
        for p in items:
            if p.features.embedding.size:
                continue
            vec = self._vectors.get(self._text_key(p.embed_text))
            if vec is None:
                todo.append(p)
            else:
                p.features.embedding = vec
        super().embed(todo)
        for p in todo:
            self._vectors[self._text_key(p.embed_text)] = p.features.embedding
        if todo:
            self._dirty = True

    @property
    def has_unsaved(self) -> bool:
        """True when embeddings were computed (not read from the cache) since the last save."""
        return self._dirty

    def save(self) -> None:
        if self._dirty:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_file.with_suffix(".tmp")
            with tmp.open("wb") as fh:
                pickle.dump({"tag": self.tag, "vectors": self._vectors}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(self.cache_file)
            self._dirty = False
