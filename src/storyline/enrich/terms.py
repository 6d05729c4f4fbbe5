"""Same-language lexical features: tokens weighted by TF-IDF, and distinctive numbers.

The IDF comes from ``wordfreq`` (word frequencies of each language measured on large corpora), so a
term's weight does not depend on what is already in the database: the lexical representation of an
article is the same whatever the ingest order. Words more frequent than ``STOP_ZIPF`` on the Zipf scale
(the, de, في, 的 ...) are stop words. Chinese is segmented with jieba (through wordfreq); Japanese,
which wordfreq can only segment with MeCab, falls back to character bigrams.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache

import wordfreq

STOP_ZIPF = 5.0  # zipf >= 5.0: about one occurrence in 100,000 words or more
MAX_IDF = 8.0  # unseen words (names, rare places) get the highest weight
_WF_LANGS = set(wordfreq.available_languages())
_ALNUM = re.compile(r"\w", re.UNICODE)
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]+")


@lru_cache(maxsize=64)
def _frequency_dict(language: str) -> dict[str, float]:
    return wordfreq.get_frequency_dict(language)


@lru_cache(maxsize=400_000)
def idf(token: str, language: str) -> float:
    """IDF-like weight from the token's frequency in the language (0 for stop words)."""
    lang = language if language in _WF_LANGS else "en"
    f = _frequency_dict(lang).get(token, 0.0)
    z = math.log10(f * 1e9) if f > 0 else 0.0  # the Zipf scale
    if z >= STOP_ZIPF:
        return 0.0
    # zipf 0 (unseen) -> MAX_IDF; zipf 5 -> 0.5
    return max(0.5, MAX_IDF - 1.5 * z)


_WORD = re.compile(r"[^\W\d_](?:[\w'’\-]*\w)?", re.UNICODE)
_SEGMENTED = {"zh"}  # languages wordfreq segments (with jieba); others are split on word characters


def tokenize(text: str, language: str | None) -> list[str]:
    """Lower-cased content tokens. Chinese is segmented with jieba; Japanese (which wordfreq could
    only segment with MeCab) becomes character bigrams plus any Latin words."""
    lang = language or "en"
    if lang == "ja":
        out: list[str] = []
        for run in _CJK_RUN.findall(text):
            out.extend(run[i : i + 2] for i in range(max(1, len(run) - 1)))
        out.extend(m.lower() for m in _WORD.findall(_CJK_RUN.sub(" ", text)))
        return out
    if lang in _SEGMENTED:
        return [t for t in wordfreq.tokenize(text, lang) if _ALNUM.search(t) and not t.isdigit()]
    return [t.casefold() for t in _WORD.findall(text)]


def term_weights(text: str, language: str | None, max_terms: int = 200) -> dict[str, float]:
    """L2-normalised sublinear-TF x IDF weights of the text's content words (top ``max_terms``)."""
    lang = language or "en"
    counts = Counter(tokenize(text, lang))
    weights: dict[str, float] = {}
    for tok, n in counts.items():
        w = idf(tok, lang)
        if w > 0 and (len(tok) > 1 or _CJK_RUN.match(tok)):
            weights[tok] = (1.0 + math.log(n)) * w
    if len(weights) > max_terms:
        weights = dict(sorted(weights.items(), key=lambda kv: -kv[1])[:max_terms])
    norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    return {k: v / norm for k, v in weights.items()}


def norm(a: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in a.values()))


def cosine(a: dict[str, float], b: dict[str, float], norm_a: float | None = None, norm_b: float | None = None) -> float:
    """Cosine of two sparse vectors; pass the norms when they are known (they are cached by groups)."""
    # the shared terms are found in C (a key-set intersection); fsum makes the dot product independent of
    # the order they come in (set order varies with string hashing between runs)
    dot = math.fsum(a[k] * b[k] for k in a.keys() & b.keys())
    if dot == 0.0:
        return 0.0
    na = norm(a) if norm_a is None else norm_a
    nb = norm(b) if norm_b is None else norm_b
    return dot / (na * nb) if na and nb else 0.0


# Numbers: digits in any script, with thousands separators (1,234 / 1.234 / 1 234 / 1'234) and decimals.
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[,.\u00a0\u202f' ]\d{3})+|\d+)(?:[.,](\d+))?(?![\w])")


def _ascii_digits(text: str) -> str:
    if text.isascii():
        return text
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in text)


def find_numbers(text: str) -> set[str]:
    """Distinctive numbers of a text, normalised ('2,750' and '2.750' and '٢٧٥٠' -> '2750').

    Years (1900-2099) and numbers below 10 are left out: they are too common to tell events apart.
    """
    out: set[str] = set()
    for m in _NUMBER.finditer(_ascii_digits(text)):
        whole = re.sub(r"\D", "", m.group(1))
        if not whole or len(whole) > 12:
            continue
        value = int(whole)
        if value < 10 or (1900 <= value <= 2099 and not m.group(2)):
            continue
        out.add(str(value) if not m.group(2) else f"{value}.{m.group(2)}")
    return out
