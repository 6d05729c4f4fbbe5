"""Direct quotes and their speakers.

Quotes are spans in quotation marks ("…", “…”, «…», „…“, »…«, ‹…›, 「…」, 『…』) long enough to be
speech (at least four words, or ten characters in Chinese and Japanese; shorter ones only when a speaker
is found, so scare quotes and titles stay out). The speaker is the nearest attribution ("X said",
"said X", "a déclaré X", "sagte X", "dijo X", "заявил X", "قال X", "X表示", "Xは…と述べた") in the
quote's sentence or the one before; it is linked to an entity when an entity's alias occurs in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from storyline.analyse.attribution import (
    INVERTED,
    PRONOUNS,
    Attribution,
    find_attributions,
    looks_like_source,
    nearest,
    trim,
    with_appositive,
)
from storyline.analyse.text import split_sentences

_PAIRS = [("“", "”"), ("\"", "\""), ("«", "»"), ("„", "“"), ("„", "”"), ("»", "«"), ("‹", "›"), ("「", "」"),
          ("『", "』"), ("”", "”")]
_QUOTE_RE = re.compile("|".join(
    re.escape(o) + r"\s*(?P<q" + str(i) + r">[^\n" + re.escape(o + c) + r"]{2,800}?)\s*" + re.escape(c)
    for i, (o, c) in enumerate(_PAIRS)
))
# Japanese "「…」と述べた": the speaker is the topic before the quote ("菅首相は「…」と述べた").
_JA_SPEAKER_BEFORE = re.compile(r"(?P<who>[^、。「」\s]{1,15}?)(?:は|が)(?:[^「」。]{0,20})$")
_JA_VERB_AFTER = re.compile(r"^\s*(?:と|って)(?:述べ|語|話|強調|発表|説明|明らかに|訴え)")


_CASED = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]")


@dataclass
class Quote:
    text: str
    speaker: str | None
    start: int
    end: int
    speaker_entity_id: str | None = None
    article_id: int | None = None
    source: str | None = None
    language: str | None = None
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("start")
        d.pop("end")
        return d


def _long_enough(q: str, cjk: bool, has_speaker: bool) -> bool:
    """Speech, not a scare quote or a title: long, or shorter with a speaker."""
    if cjk:
        return len(q) >= (6 if has_speaker else 20)
    return len(q.split()) >= (2 if has_speaker else 6)


def extract_quotes(text: str, language: str | None) -> list[Quote]:
    """Direct quotes in one article's text, each with its speaker when one is found."""
    lang = (language or "").split("-")[0]
    cjk = lang in ("zh", "ja")
    sentences = split_sentences(text, lang)
    out: list[Quote] = []
    for m in _QUOTE_RE.finditer(text):
        q = next(g for g in m.groups() if g is not None).strip().rstrip(",，、")
        if not q or q.isdigit():
            continue
        speaker = _speaker(text, m.start(), m.end(), sentences, lang, q)
        if speaker is not None and _CASED.search(speaker) and not looks_like_source(speaker):
            speaker = None
        if not _long_enough(q, cjk, speaker is not None):
            continue
        out.append(Quote(q, speaker, m.start(), m.end(), language=lang or None))
    return out


def _speaker(text: str, start: int, end: int, sentences: Sequence[Any], lang: str, quote: str) -> str | None:
    # the sentence(s) around the quote; the quote itself is blanked so its words are not taken as a speaker
    lo, hi = start, end
    for i, s in enumerate(sentences):
        if s.start <= start < s.end or s.start < end <= s.end:
            lo = min(lo, sentences[i - 1].start if i > 0 and s.start >= start - 1 else s.start)
            hi = max(hi, s.end)
    ctx = text[lo:start] + " " * (end - start) + text[end:hi]
    if lang == "ja":
        if _JA_VERB_AFTER.match(text[end:end + 12]):
            m = _JA_SPEAKER_BEFORE.search(text[max(lo, start - 40):start])
            if m:
                return m.group("who")
    inv = INVERTED.match(text[end:end + 120])
    if inv and lang not in ("zh", "ja"):
        who = trim(inv.group("who"))
        if who and who.lower() not in PRONOUNS:
            return with_appositive(who, text, end + inv.end())
    attrs: list[Attribution] = [a for a in find_attributions(ctx, lang)
                                if not (a.start >= start - lo and a.end <= end - lo)]
    a = nearest(attrs, start - lo, end - lo, window=300)
    if a is None or a.who.strip() in quote:
        return None
    return a.who


def link_speakers(quotes: Sequence[Quote], entities: Sequence[Any]) -> None:
    """Set ``speaker_entity_id`` (and a canonical speaker name) when an entity's alias occurs in the speaker
    phrase; people first, then organisations, then the rest; the longest alias wins."""
    order = {"person": 0, "organisation": 1, "place": 3}
    for q in quotes:
        if not q.speaker:
            continue
        best: tuple[int, int, Any] | None = None
        sp = q.speaker.casefold()
        for e in entities:
            for alias in {e.name, *e.aliases}:
                a = alias.casefold()
                if len(a) < 3 or not _contains_word(sp, a):
                    continue
                key = (order.get(e.type, 2), -len(a))
                if best is None or key < best[:2]:
                    best = (*key, e)
        if best is not None:
            ent = best[2]
            q.speaker_entity_id = ent.id
            # the canonical name replaces the phrase when it is at least as complete as what matched
            if ent.type == "person" and ent.name in ent.aliases and len(ent.name) >= -best[1]:
                q.speaker = ent.name


def _contains_word(hay: str, needle: str) -> bool:
    i = hay.find(needle)
    while i >= 0:
        before = hay[i - 1] if i > 0 else " "
        after = hay[i + len(needle)] if i + len(needle) < len(hay) else " "
        if not (before.isalnum() and needle[0].isascii()) and not (after.isalnum() and needle[-1].isascii()):
            return True
        i = hay.find(needle, i + 1)
    return False
