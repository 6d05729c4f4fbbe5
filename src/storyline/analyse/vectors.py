"""Sentence vectors for the analysis, computed once per text and kept in a bounded in-process cache.

Embedding sentences is most of the cost of analysing an event. The analysis is cached per summary
language, so asking for another language (or analysing an event again after one article was added)
would embed the same sentences again; with this cache only the new ones are embedded. The cache key is
the embedder's name and the text, so a vector is always the one that embedder gives for that text.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from storyline.embed import Embedder

MAX_VECTORS = 20_000  # about 40 MB of 512-d float32 vectors

_CACHE: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_LOCK = threading.Lock()


def clear() -> None:
    """Forget every cached vector (benchmarks use this to time a truly cold analysis)."""
    with _LOCK:
        _CACHE.clear()


class CachedEmbedder:
    """An :class:`~storyline.embed.Embedder` that encodes only the texts not seen before, all in one call."""

    def __init__(self, embedder: Embedder) -> None:
        self.inner = embedder
        self.name = embedder.name
        self.dim = embedder.dim

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        with _LOCK:
            for i, t in enumerate(texts):
                v = _CACHE.get((self.name, t))
                if v is None:
                    missing.setdefault(t, []).append(i)
                else:
                    _CACHE.move_to_end((self.name, t))
                    out[i] = v
        if missing:
            new = list(missing)
            vecs = self.inner.encode(new)
            with _LOCK:
                for t, v in zip(new, vecs, strict=True):
                    _CACHE[(self.name, t)] = v.copy()
                    for i in missing[t]:
                        out[i] = v
                while len(_CACHE) > MAX_VECTORS:
                    _CACHE.popitem(last=False)
        return out
