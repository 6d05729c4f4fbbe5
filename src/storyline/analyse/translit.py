"""Romanisation and sound skeletons, to match one name across scripts.

A name is romanised with ``anyascii`` (Arabic without vowels: "ماكرون" -> "mkrwn"; Chinese as pinyin:
"马克龙" -> "MaKeLong"; Cyrillic and kana phonetically) and reduced to a consonant *skeleton*: vowels and
glides dropped, consonants merged into classes that transliteration confuses (k/c/q/g, b/p/f/v, d/t,
s/z/x/j/sh/ch, r/l, final "ng" -> "n"). "Macron", "Макрон", "ماكرون", "马克龙" and "マクロン" all give "mkln";
"Guterres", "Гутерриш", "غوتيريش" and "古特雷斯" give "ktls". Two skeletons match when equal, or within one
edit when both have four consonants or more.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_DIGRAPHS = (
    ("sch", "s"), ("tch", "s"), ("kh", "k"), ("gh", "k"), ("ch", "s"), ("sh", "s"), ("zh", "s"), ("ph", "p"),
    ("th", "t"), ("dh", "t"), ("ts", "s"), ("tz", "s"), ("ck", "k"), ("qu", "k"), ("ng", "n"), ("x", "ks"),
)
_CLASSES = str.maketrans({
    "c": "k", "q": "k", "g": "k", "b": "p", "f": "p", "v": "p", "d": "t", "z": "s", "j": "s", "r": "l",
})
_DROP_RE = re.compile(r"[aeiouyhw'\W_\d]+")


@lru_cache(maxsize=65536)
def romanise(text: str) -> str:
    """Lower-case ASCII romanisation of ``text`` (accents stripped, any script)."""
    return anyascii(unicodedata.normalize("NFC", text)).lower()


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """The consonant skeleton of a (single-word) name in any script, e.g. "Macron" -> "mkln"."""
    s = romanise(text)
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    s = _DROP_RE.sub("", s.translate(_CLASSES))
    # doubled consonants ("Guterres", "Эмманюэль") count once
    return re.sub(r"(.)\1+", r"\1", s)


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance between two short strings, capped at ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def skeletons_match(a: str, b: str) -> bool:
    """Whether two skeletons are the same name: equal, or one edit apart when both are 4+ consonants."""
    if len(a) < 2 or len(b) < 2:
        return False
    if a == b:
        return True
    return min(len(a), len(b)) >= 4 and edit_distance(a, b, 1) <= 1


def slug(text: str) -> str:
    """An ASCII slug for ids: "Emmanuel Macron" -> "emmanuel-macron"."""
    return re.sub(r"[^a-z0-9]+", "-", romanise(text)).strip("-")
