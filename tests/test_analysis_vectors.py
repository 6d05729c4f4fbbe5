"""The analysis' speed-ups must not change what it computes."""

from __future__ import annotations

import numpy as np

from storyline.analyse import vectors
from storyline.analyse.attribution import find_attributions
from storyline.embed import HashingEmbedder
from storyline.enrich.places import _ar_norm, _with_ar_norm


class CountingEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return super().encode(texts)


def test_cached_embedder_encodes_each_new_text_once() -> None:
    vectors.clear()
    inner = CountingEmbedder()
    cached = vectors.CachedEmbedder(inner)
    texts = ["the quake killed 12 people", "rescue teams arrived", "the quake killed 12 people"]
    got = cached.encode(texts)
    assert inner.calls == [["the quake killed 12 people", "rescue teams arrived"]]
    assert np.array_equal(got, HashingEmbedder().encode(texts))
    again = cached.encode(["rescue teams arrived", "a new sentence"])
    assert inner.calls[1] == ["a new sentence"]
    assert np.array_equal(again[0], got[1])
    vectors.clear()
    cached.encode(["rescue teams arrived"])
    assert inner.calls[2] == ["rescue teams arrived"]


def test_arabic_frequency_normalisation_matches_word_by_word() -> None:
    freqs = {"أحمد": 1e-5, "احمد": 2e-6, "مدينة": 3e-5, "مدينه": 1e-4, "كتب": 1e-5, "كُتُب": 2e-5, "وَ": 1e-3}
    expected = dict(freqs)
    for w, f in freqs.items():
        nw = _ar_norm(w)
        if nw != w and expected.get(nw, 0.0) < f:
            expected[nw] = f
    assert _with_ar_norm(freqs) == expected
    assert _with_ar_norm(freqs)["احمد"] == 1e-5 and _with_ar_norm(freqs)["كتب"] == 2e-5


def test_attributions_without_a_verb_skip_the_before_patterns_but_keep_the_rest() -> None:
    found = find_attributions("At least 12 people died, according to the health ministry.", "en")
    assert [a.who for a in found] == ["health ministry"]
    found = find_attributions("The health ministry said 12 people died.", "en")
    assert [a.who for a in found] == ["health ministry"]
    assert find_attributions("12 people died in the flood.", "en") == []
