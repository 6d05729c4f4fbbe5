"""People, organisations and places in articles, linked across languages and spellings to canonical entities.

:func:`extract_mentions` finds the mentions of one article (see :mod:`storyline.analyse.mention_finder`).
:func:`link_entities` links the mentions of a set of articles (one event) into entities:

* places by gazetteer id (``cc:FR`` for countries, ``geo:<GeoNames id>`` for cities and US states), so
  "Geneva", "Genève", "Genf", "Женева" and "جنيف" are one place;
* well-known organisations by their canonical name ("UN", "ONU", "ООН", "الأمم المتحدة" -> United Nations);
* other names by their folded (and, in inflecting languages, stemmed) form; a shorter name joins a longer
  one that ends with it ("Macron" -> "Emmanuel Macron", "M. Macron" -> "Emmanuel Macron");
* across scripts by sound: names in Cyrillic or with a Chinese/Japanese middle dot join a Latin name whose
  surname has the same consonant skeleton (:mod:`storyline.analyse.translit`); then every article in a
  script without case (Arabic, Chinese, Japanese ...) is searched for the surnames of the event's people and
  organisations by skeleton ("ماكرون", "马克龙" -> Macron), so a name that recurs across the event's
  articles in several languages is found where no pattern finds it.

Ids are deterministic: gazetteer ids for places, ``per:``/``org:``/``oth:`` + the slug of the canonical
(Latin-script when there is one) name for the others.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from storyline.analyse.mention_finder import UNCASED_LANGS, Found, base_lang, find_mentions
from storyline.analyse.translit import romanise, skeleton, skeletons_match, slug
from storyline.enrich import names as nm

__all__ = ["ArticleText", "Entity", "Mention", "extract_mentions", "link_entities"]

TYPES = ("person", "organisation", "place", "other")
_PREFIX = {"person": "per", "organisation": "org", "other": "oth"}


@dataclass
class Mention:
    text: str  # surface form as in the text
    start: int  # char offset in the article's clean text
    end: int
    type: str  # "person" | "organisation" | "place" | "other"


@dataclass
class Entity:
    id: str
    name: str
    type: str
    country: str | None = None
    geonames_id: int | None = None
    aliases: list[str] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ArticleText:
    id: int
    text: str
    language: str


def extract_mentions(text: str, language: str) -> list[Mention]:
    """Entity mentions of one article's clean text, in text order."""
    return [Mention(f.text, f.start, f.end, f.type) for f in find_mentions(text, language)]


# -- linking ------------------------------------------------------------------------------------------------


@dataclass
class _Group:
    key: str
    types: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)  # dictionary forms (nominative) for the display name
    articles: set[int] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)
    words: tuple[str, ...] = ()  # folded name words (for suffix and sound matching)
    place: Any = None
    org: str | None = None
    mentions: int = 0
    merged_into: str | None = None

    def add(self, f: Found, article: int, lang: str) -> None:
        self.types[f.type] += 1
        self.forms[f.text] += 1
        self.names[f.norm if f.norm and f.norm[:1].isupper() else f.text] += 1
        self.articles.add(article)
        self.languages.add(lang)
        self.mentions += 1

    def absorb(self, other: _Group) -> None:
        self.types.update(other.types)
        self.forms.update(other.forms)
        self.names.update(other.names)
        self.articles |= other.articles
        self.languages |= other.languages
        self.mentions += other.mentions
        other.merged_into = self.key

    @property
    def type(self) -> str:
        if self.place is not None:
            return "place"
        if self.org is not None:
            return "organisation"
        votes = {t: n for t, n in self.types.items() if t != "other"}
        return max(sorted(votes), key=lambda t: votes[t]) if votes else "other"


@functools.lru_cache(maxsize=1024)
def article_mentions(text: str, lang: str) -> tuple[Found, ...]:
    """The mentions of one article's text, found once per process: an event is analysed again for each
    summary language, and again with every article it gains. The mentions are not modified when linked."""
    return tuple(find_mentions(text, lang))


def link_entities(articles: Sequence[ArticleText]) -> list[Entity]:
    """Entities of a set of articles (one event), linked across languages; most-mentioned first."""
    groups: dict[str, _Group] = {}
    texts: list[tuple[ArticleText, str, list[Found]]] = []
    for a in articles:
        lang = base_lang(a.language)
        found = list(article_mentions(a.text, lang))
        texts.append((a, lang, found))
        for f in found:
            key, words = _key(f)
            g = groups.get(key)
            if g is None:
                g = groups[key] = _Group(key, words=words, place=f.place, org=f.org)
            g.add(f, a.id, lang)
    _merge_within(groups)
    _merge_across_scripts(groups)
    _align_uncased(groups, texts)
    live = [g for g in groups.values() if g.merged_into is None]
    out = [_entity(g) for g in live]
    out.sort(key=lambda e: (-e.mentions, e.name))
    return out


def _key(f: Found) -> tuple[str, tuple[str, ...]]:
    if f.place is not None:
        return f.place.id, ()
    if f.org is not None:
        return "org:" + slug(f.org), ()
    norm = f.norm or nm._fold(f.text)
    words = tuple(w for w in re.split(r"[\s\-]+", norm) if w)
    return "name:" + " ".join(words), words


def _is_latin(word: str) -> bool:
    return bool(word) and word.isascii() or bool(re.match(r"[A-Za-z\u00c0-\u024f]", word))


def _merge_within(groups: dict[str, _Group]) -> None:
    """A name joins the longest name of the same script that ends with it ("Macron" -> "Emmanuel Macron")."""
    names = sorted((g for g in groups.values() if g.words), key=lambda g: (-len(g.words), -g.mentions, g.key))
    by_tail: dict[tuple[str, ...], list[_Group]] = {}
    for g in names:
        for n in range(1, len(g.words)):
            by_tail.setdefault(g.words[-n:], []).append(g)
    for g in sorted(names, key=lambda g: (len(g.words), g.key)):
        if g.merged_into is not None or g.type == "organisation" and len(g.words) == 1 and g.key.isupper():
            continue
        targets = [t for t in by_tail.get(g.words, []) if t is not g and _compatible(t, g)]
        if not targets:
            continue
        best = max(targets, key=lambda t: (t.mentions, len(t.words), t.key))
        root = _root(groups, best)
        if root is not g:
            root.absorb(g)


def _compatible(a: _Group, b: _Group) -> bool:
    ta, tb = a.type, b.type
    return ta == tb or "other" in (ta, tb)


def _root(groups: dict[str, _Group], g: _Group) -> _Group:
    while g.merged_into is not None:
        g = groups[g.merged_into]
    return g


def _surname_skeleton(g: _Group) -> str:
    return skeleton(g.words[-1]) if g.words else ""


def _merge_across_scripts(groups: dict[str, _Group]) -> None:
    """Names in another script join a Latin name with the same surname (and first name) skeleton."""
    live = [g for g in groups.values() if g.merged_into is None and g.words]
    latin = [g for g in live if _is_latin(g.words[-1])]
    for g in live:
        if g in latin or g.merged_into is not None:
            continue
        words = g.words
        if len(words) == 1 and "·" in words[0]:
            words = tuple(w for w in re.split("[·•・‧]", words[0]) if w)
        sk = skeleton(words[-1])
        if len(sk) < 3:
            continue
        best = None
        for t in latin:
            if t.merged_into is not None or not _compatible(t, g):
                continue
            if not skeletons_match(sk, _surname_skeleton(t)):
                continue
            if (
                len(words) > 1
                and len(t.words) > 1
                and len(sk) < 4
                and not any(skeletons_match(skeleton(words[0]), skeleton(w)) for w in t.words[:-1])
            ):
                continue  # a short surname needs the first name to agree too
            if best is None or (len(t.words), t.mentions) > (len(best.words), best.mentions):
                best = t
        if best is not None:
            best.absorb(g)


_AR_CLITICS = ("وال", "بال", "لل", "فال", "ال", "و", "ب", "ل", "ف")
_UNCASED_WORD = re.compile(r"[\u0600-\u06ff]+|[\u30a1-\u30fa\u30fc]+|[\u4e00-\u9fff]+")


def _align_uncased(groups: dict[str, _Group], texts: list[tuple[ArticleText, str, list[Found]]]) -> None:
    """Find the event's Latin/Cyrillic names in its Arabic, Chinese, Japanese ... articles by sound."""
    targets = []
    for g in groups.values():
        if g.merged_into is None and g.words and g.type in ("person", "organisation") and _is_latin(g.words[-1]):
            sk = skeleton(g.words[-1])
            if len(sk) >= 3:
                targets.append((g, sk))
    if not targets:
        return
    for a, lang, found in texts:
        if lang not in UNCASED_LANGS:
            continue
        covered = [(f.start, f.end) for f in found]
        for m in _UNCASED_WORD.finditer(a.text):
            for s, e in _candidates(m.group(), m.start(), lang):
                if any(s < ce and e > cs for cs, ce in covered):
                    continue
                sk = skeleton(a.text[s:e])
                hit = _best_target(targets, sk, a.text[s:e], lang)
                if hit is None:
                    continue
                hit.add(Found(s, e, a.text[s:e], hit.type), a.id, lang)
                covered.append((s, e))


def _candidates(word: str, offset: int, lang: str) -> list[tuple[int, int]]:
    """Spans inside an uncased word that may be a transliterated name, longest first."""
    if "\u0600" <= word[0] <= "\u06ff":
        out = [(offset, offset + len(word))]
        for c in _AR_CLITICS:
            if word.startswith(c) and len(word) - len(c) >= 3:
                out.append((offset + len(c), offset + len(word)))
        return out
    if "\u30a1" <= word[0] <= "\u30fc":
        return [(offset, offset + len(word))]
    # Chinese: sub-runs of characters used in transliteration, 2-5 characters
    out = []
    translit = nm._ZH_TRANSLIT
    n = len(word)
    for i in range(n):
        for j in range(min(n, i + 5), i + 1, -1):
            if all(c in translit for c in word[i:j]):
                out.append((offset + i, offset + j))
    return out


def _best_target(targets: list[tuple[_Group, str]], sk: str, surface: str, lang: str) -> _Group | None:
    if len(sk) < 3:
        return None
    best = None
    for g, gsk in targets:
        ok = sk == gsk if len(gsk) < 5 else skeletons_match(sk, gsk)
        if ok and (best is None or g.mentions > best.mentions):
            best = g
    if best is not None and lang in ("ar", "fa", "ur") and _common_word(surface, lang):
        return None
    return best


def _common_word(word: str, lang: str) -> bool:
    freqs = nm._freqs(nm._wordfreq_lang(lang))
    return nm._zipf_in(freqs, word) >= 4.5


def _entity(g: _Group) -> Entity:
    typ = g.type
    aliases = sorted(g.forms, key=lambda s: (-g.forms[s], s))
    if g.place is not None:
        p = g.place
        geo = int(p.id[4:]) if p.id.startswith("geo:") and p.id[4:].isdigit() else None
        return Entity(p.id, p.name, "place", country=p.country or None, geonames_id=geo, aliases=aliases,
                      article_ids=sorted(g.articles), languages=sorted(g.languages), mentions=g.mentions)
    name = g.org or _canonical_name(g.names)
    eid = f"{_PREFIX.get(typ, 'oth')}:{slug(name) or slug(g.key)}"
    return Entity(eid, name, typ, aliases=aliases, article_ids=sorted(g.articles),
                  languages=sorted(g.languages), mentions=g.mentions)


def _canonical_name(forms: Counter[str]) -> str:
    """The most words, then most frequent, Latin-script form when there is one."""
    def rank(s: str) -> tuple[int, int, int, str]:
        latin = s.isascii() or bool(re.fullmatch(r"[\sA-Za-z\u00c0-\u024f'’.\-]+", s))
        return (int(latin), len(s.split()), forms[s], s)

    best = max(forms, key=rank)
    if not (best.isascii() or re.fullmatch(r"[\sA-Za-z\u00c0-\u024f'’.\-]+", best)):
        return romanise(best).title() if romanise(best).strip() else best
    return best
