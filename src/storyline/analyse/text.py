"""Article text helpers shared by the analysers: the text an article is analysed on, sentences with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

import blingfire

_CJK_SPLIT = re.compile(r"(?<=[。！？!?])(?![」』”\"）)])")


@dataclass
class Sentence:
    text: str
    start: int  # offset in the text it was split from
    end: int


def article_text(title: str | None, body: str | None) -> str:
    """Title and body as the pipeline joins them (the title once)."""
    title = (title or "").strip()
    body = body or ""
    return f"{title}\n\n{body}" if title and not body.startswith(title) else body


def split_sentences(text: str, language: str | None = None) -> list[Sentence]:
    """Sentences with their character offsets; paragraphs (blank lines, line breaks) always end a sentence."""
    out: list[Sentence] = []
    cjk = (language or "")[:2] in ("zh", "ja")
    for para in re.finditer(r"[^\n]+", text):
        chunk = para.group(0)
        if not chunk.strip():
            continue
        pieces = _CJK_SPLIT.split(chunk) if cjk else blingfire.text_to_sentences(chunk).split("\n")
        pos = 0
        for piece in pieces:
            piece = piece.strip()
            if not piece:
                continue
            i = chunk.find(piece, pos)
            if i < 0:  # blingfire normalised the whitespace: fall back to a search on the first characters
                i = chunk.find(piece[:10], pos)
                if i < 0:
                    i = pos
            out.append(Sentence(piece, para.start() + i, para.start() + i + len(piece)))
            pos = i + len(piece)
    return out
