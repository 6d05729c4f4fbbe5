"""Baseline clusterers for the benchmark table: TF-IDF or sentence embeddings + average linkage.

Every baseline builds a cosine-distance matrix over the articles, runs average-linkage agglomerative
clustering (:func:`scipy.cluster.hierarchy.linkage`) and cuts the dendrogram at a distance threshold:
two groups are merged only while their average pairwise cosine distance is at most ``threshold``
(the same cut as scikit-learn's ``AgglomerativeClustering(distance_threshold=...)``, up to ties).
Cluster labels are 0-based ints numbered in order of first appearance.

The dendrogram does not depend on the threshold, so it is cached (a few recent inputs, keyed by a hash
of the texts or embeddings) and a threshold grid search costs one linkage plus one cheap cut per
threshold. The thresholds themselves are chosen on a development split with :func:`choose_threshold`.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import islice
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.errors import EvalError
from storyline.eval.corpora import LabelledArticle
from storyline.eval.metrics import Scores, bcubed

logger = logging.getLogger(__name__)

__all__ = [
    "ClusterFn",
    "choose_threshold",
    "clear_cache",
    "default_grid",
    "first_words",
    "grid_search",
    "mean_agglomerative",
    "tfidf_agglomerative",
    "tfidf_distances",
    "use_agglomerative",
    "use_input_text",
]

Level = Literal["event", "story"]
ClusterFn = Callable[[Sequence[LabelledArticle], float], Sequence[Hashable]]
"""A clusterer under tuning: (articles, threshold) -> one label per article."""

_CACHE_SIZE = 8
_linkage_cache: OrderedDict[str, NDArray[np.float64]] = OrderedDict()


# --------------------------------------------------------------------------------------------------
# distances and the dendrogram


def _hash_texts(texts: Sequence[str], tag: str) -> str:
    digest = hashlib.sha256(tag.encode())
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _hash_array(array: NDArray[np.floating], tag: str) -> str:
    data = np.ascontiguousarray(array)
    digest = hashlib.sha256(tag.encode())
    digest.update(str((data.shape, data.dtype.str)).encode())
    digest.update(data.tobytes())
    return digest.hexdigest()


def _cached_linkage(key: str, distances: Callable[[], NDArray[np.float64]]) -> NDArray[np.float64]:
    cached = _linkage_cache.get(key)
    if cached is not None:
        _linkage_cache.move_to_end(key)
        return cached
    square = distances()
    np.fill_diagonal(square, 0.0)
    square = (square + square.T) / 2.0  # exact symmetry for squareform
    tree = linkage(squareform(square, checks=False), method="average")
    _linkage_cache[key] = tree
    if len(_linkage_cache) > _CACHE_SIZE:
        _linkage_cache.popitem(last=False)
    return tree


def clear_cache() -> None:
    """Forget cached dendrograms (for timing runs from scratch)."""
    _linkage_cache.clear()


def _cut(tree: NDArray[np.float64] | None, n: int, threshold: float) -> list[int]:
    if n == 0:
        return []
    if n == 1 or tree is None:
        return [0] * n
    raw = fcluster(tree, t=threshold, criterion="distance")
    renumber: dict[int, int] = {}
    return [renumber.setdefault(int(label), len(renumber)) for label in raw]


def tfidf_distances(texts: Sequence[str], *, multilingual: bool = False) -> NDArray[np.float64]:
    """Square cosine-distance matrix of TF-IDF vectors (sublinear tf, fitted on ``texts``).

    English: word unigrams, scikit-learn's English stop words, accents stripped. Multilingual: character
    2-4-grams within word boundaries, no stop words, which works for any script including Chinese
    (no word segmentation needed) but cannot link articles across languages.
    """
    if multilingual:
        vectorizer = TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(2, 4))
    else:
        vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", strip_accents="unicode")
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # empty vocabulary: every text is empty or stop words only
        logger.warning("TF-IDF: empty vocabulary over %d texts; all distances are 1", len(texts))
        return np.ones((len(texts), len(texts)))
    similarity = np.asarray((matrix @ matrix.T).todense(), dtype=np.float64)
    return np.clip(1.0 - similarity, 0.0, 1.0)


def _embedding_distances(embeddings: NDArray[np.floating]) -> NDArray[np.float64]:
    emb = np.asarray(embeddings, dtype=np.float64)
    norms = np.linalg.norm(emb, axis=1, keepdims=True)
    emb = emb / np.where(norms > 0, norms, 1.0)
    return np.clip(1.0 - emb @ emb.T, 0.0, 2.0)


def _check_embeddings(embeddings: NDArray[np.floating]) -> None:
    if embeddings.ndim != 2:
        raise EvalError(f"embeddings must be a 2-D array, got shape {embeddings.shape}")


# --------------------------------------------------------------------------------------------------
# the baselines


def tfidf_agglomerative(texts: Sequence[str], threshold: float, *, multilingual: bool = False) -> list[int]:
    """Average-linkage clustering of TF-IDF vectors (see :func:`tfidf_distances`) cut at ``threshold``."""
    texts = list(texts)
    if len(texts) < 2:
        return _cut(None, len(texts), threshold)
    key = _hash_texts(texts, f"tfidf:{multilingual}")
    tree = _cached_linkage(key, lambda: tfidf_distances(texts, multilingual=multilingual))
    return _cut(tree, len(texts), threshold)


def use_agglomerative(embeddings: NDArray[np.floating], threshold: float) -> list[int]:
    """Average-linkage clustering of embeddings (rows, cosine distance) cut at ``threshold``."""
    embeddings = np.asarray(embeddings)
    _check_embeddings(embeddings)
    n = embeddings.shape[0]
    if n < 2:
        return _cut(None, n, threshold)
    tree = _cached_linkage(_hash_array(embeddings, "emb"), lambda: _embedding_distances(embeddings))
    return _cut(tree, n, threshold)


def mean_agglomerative(
    texts: Sequence[str],
    embeddings: NDArray[np.floating],
    threshold: float,
    *,
    multilingual: bool = False,
) -> list[int]:
    """Average linkage over the mean of the TF-IDF and embedding cosine distances."""
    texts = list(texts)
    embeddings = np.asarray(embeddings)
    _check_embeddings(embeddings)
    if embeddings.shape[0] != len(texts):
        raise EvalError(f"{len(texts)} texts but {embeddings.shape[0]} embeddings")
    if len(texts) < 2:
        return _cut(None, len(texts), threshold)
    key = _hash_texts(texts, f"mean:{multilingual}:{_hash_array(embeddings, 'emb')}")

    def distances() -> NDArray[np.float64]:
        return (tfidf_distances(texts, multilingual=multilingual) + _embedding_distances(embeddings)) / 2.0

    return _cut(_cached_linkage(key, distances), len(texts), threshold)


# --------------------------------------------------------------------------------------------------
# inputs

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORDISH = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+")
_CJK_CHAR = re.compile(rf"[{_CJK}]")


def first_words(text: str, n: int = 150) -> str:
    """The first ``n`` whitespace-separated words of ``text`` (each CJK character counts as a word)."""
    if n <= 0:
        return ""
    head = text.split(None, n)[:n]
    if not _CJK_CHAR.search(" ".join(head)):
        return " ".join(head)
    words = [m.group() for m in islice(_WORDISH.finditer(text), n)]
    out: list[str] = []
    for word in words:
        if out and not (_CJK_CHAR.match(word) and _CJK_CHAR.match(out[-1][-1])):
            out.append(" ")  # no spaces between CJK characters
        out.append(word)
    return "".join(out)


def use_input_text(article: LabelledArticle, n_words: int = 150) -> str:
    """What the embedding baseline embeds: the title (if any) and the first ``n_words`` words."""
    body = first_words(article.text, n_words)
    return f"{article.title}\n{body}" if article.title else body


# --------------------------------------------------------------------------------------------------
# threshold selection


def default_grid(start: float = 0.05, stop: float = 0.95, step: float = 0.025) -> list[float]:
    """Evenly spaced thresholds from ``start`` to ``stop`` inclusive."""
    count = int(round((stop - start) / step)) + 1
    return [round(start + i * step, 6) for i in range(count)]


def _gold(items: Sequence[LabelledArticle], level: Level) -> dict[str, str]:
    if level == "story":
        return {a.id: a.story or a.event for a in items}
    return {a.id: a.event for a in items}


def grid_search(
    fn: ClusterFn,
    dev_items: Sequence[LabelledArticle],
    grid: Iterable[float],
    *,
    level: Level = "event",
) -> list[tuple[float, Scores]]:
    """B-cubed scores of ``fn`` on ``dev_items`` at each threshold of ``grid``, in grid order."""
    items = list(dev_items)
    if not items:
        raise EvalError("no development items to choose a threshold on")
    gold = _gold(items, level)
    results: list[tuple[float, Scores]] = []
    for threshold in grid:
        labels = list(fn(items, threshold))
        if len(labels) != len(items):
            raise EvalError(f"clusterer returned {len(labels)} labels for {len(items)} items")
        scores = bcubed(gold, {a.id: label for a, label in zip(items, labels, strict=True)})
        logger.debug("threshold %.4f: B-cubed %s", threshold, scores)
        results.append((threshold, scores))
    if not results:
        raise EvalError("empty threshold grid")
    return results


def choose_threshold(
    fn: ClusterFn,
    dev_items: Sequence[LabelledArticle],
    grid: Iterable[float],
    *,
    level: Level = "event",
) -> float:
    """The threshold of ``grid`` at which ``fn`` scores the highest B-cubed F1 on ``dev_items``.

    Ties go to the earliest threshold in grid order.
    """
    results = grid_search(fn, dev_items, grid, level=level)
    best_threshold, best = results[0]
    for threshold, scores in results[1:]:
        if scores.f1 > best.f1:
            best_threshold, best = threshold, scores
    logger.info("chose threshold %.4f (dev B-cubed F1 %.4f)", best_threshold, best.f1)
    return best_threshold
