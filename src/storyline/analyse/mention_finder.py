"""Entity mentions in one article: the layers behind :func:`storyline.analyse.entities.extract_mentions`.

No multilingual NER model ships offline, so evidence is combined, strongest first:

1. well-known organisations by name or acronym in many scripts (``entity_lexicon.KNOWN_ORGS``);
2. Russian: natasha's NER (its wheel carries the slovnet/navec weights), names normalised to the nominative;
3. the place gazetteer (``storyline.enrich.places``): places with ISO country codes and GeoNames ids;
4. scripts with case: runs of capitalised words (the pattern of ``storyline.enrich.names``), typed by title
   words in front ("President", "M.", "Präsident", "президент": person), organisation words inside
   ("Ministry", "Bank", "Partei": organisation), a speech verb after ("said", "a déclaré": person), or the
   shape of the run (two to four uncommon words: person); a sentence's first word counts only if it is no
   common word;
5. scripts without case: Chinese/Japanese foreign names with a middle dot or before a title ("马克龙总统"),
   Arabic names after a title ("الرئيس الفرنسي إيمانويل ماكرون") and organisations after a head word
   ("وزارة الصحة").

Overlaps are resolved by layer order, except that a capitalised run with an organisation word beats a place
inside it ("University of Geneva").
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

from storyline.analyse import entity_lexicon as lex
from storyline.enrich import names as nm
from storyline.enrich.places import _AR_NISBA, Place, default_gazetteer

logger = logging.getLogger(__name__)

UNCASED_LANGS = frozenset({"ar", "fa", "ur", "he", "zh", "ja", "ko", "th", "hi", "bn", "ta", "te", "am", "ka"})
_INFLECTING = frozenset({"ru", "uk", "be", "bg", "pl", "cs", "sk", "sl", "hr"})


@dataclass
class Found:
    """A mention with the evidence used to link it."""

    start: int
    end: int
    text: str
    type: str
    place: Place | None = None
    org: str | None = None  # canonical name of a well-known organisation
    norm: str = ""  # normalised name (nominative for Russian), for linking
    layer: int = 9


_LOCK = threading.Lock()
_RESOURCES: dict[str, Any] = {}


def _known_orgs() -> tuple[re.Pattern[str], dict[str, str], list[tuple[str, str]]]:
    """Regex over cased-script aliases, alias -> canonical map, and uncased-script aliases."""
    res = _RESOURCES.get("orgs")
    if res is None:
        cased: dict[str, str] = {}
        uncased: list[tuple[str, str]] = []
        for canon, aliases in lex.KNOWN_ORGS.items():
            for a in (canon, *aliases):
                if re.search(r"[\u0600-\u06ff\u3040-\u30ff\u4e00-\u9fff]", a):
                    uncased.append((a, canon))
                    if a.startswith("ال"):  # "للأمم المتحدة": to the United Nations
                        uncased.append(("لل" + a[2:], canon))
                else:
                    cased[a] = canon
        alt = "|".join(re.escape(a) for a in sorted(cased, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w.])(?:{alt})(?![\w])")
        uncased.sort(key=lambda p: -len(p[0]))
        res = (pattern, cased, uncased)
        _RESOURCES["orgs"] = res
    return res  # type: ignore[no-any-return]


def _natasha() -> tuple[Any, ...] | None:
    """natasha's segmenter, NER tagger, morph tagger and vocabulary, loaded once; None if unavailable."""
    if "natasha" not in _RESOURCES:
        with _LOCK:
            if "natasha" not in _RESOURCES:
                try:
                    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

                    emb = NewsEmbedding()
                    _RESOURCES["natasha"] = (Segmenter(), NewsNERTagger(emb), NewsMorphTagger(emb), MorphVocab())
                except (ImportError, OSError, ValueError) as exc:  # pragma: no cover - optional model missing
                    logger.warning("natasha unavailable, Russian falls back to capitalisation: %s", exc)
                    _RESOURCES["natasha"] = None
    return _RESOURCES["natasha"]  # type: ignore[no-any-return]


def base_lang(language: str | None) -> str:
    return re.split(r"[-_]", (language or "en").lower())[0] or "en"


def find_mentions(text: str, language: str | None) -> list[Found]:
    """Entity mentions of ``text`` in text order, overlaps resolved."""
    if not text:
        return []
    lang = base_lang(language)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    cands: list[Found] = []
    cands.extend(_org_layer(text))
    if lang == "ru":
        cands.extend(_natasha_layer(text))
    cands.extend(_place_layer(text, lang))
    if lang in UNCASED_LANGS:
        cands.extend(_uncased_layer(text, lang))
    else:
        cands.extend(_cased_layer(text, lang))
    return _resolve(cands)


def _resolve(cands: list[Found]) -> list[Found]:
    cands.sort(key=lambda f: (f.layer, -(f.end - f.start), f.start))
    taken: list[Found] = []
    for f in cands:
        if all(f.end <= g.start or f.start >= g.end for g in taken):
            taken.append(f)
    taken.sort(key=lambda f: f.start)
    return taken


# -- layers -----------------------------------------------------------------------------------------------


def _org_layer(text: str) -> list[Found]:
    pattern, cased, uncased = _known_orgs()
    out = [Found(m.start(), m.end(), m.group(), "organisation", org=cased[m.group()], layer=1)
           for m in pattern.finditer(text)]
    if not text.isascii():
        for alias, canon in uncased:
            for m in re.finditer(re.escape(alias), text):
                out.append(Found(m.start(), m.end(), alias, "organisation", org=canon, layer=1))
    return out


_NATASHA_TYPES = {"PER": "person", "ORG": "organisation", "LOC": "place"}


def _natasha_layer(text: str) -> list[Found]:
    tools = _natasha()
    if tools is None:
        return []
    from natasha import Doc
    from threadpoolctl import threadpool_limits

    segmenter, ner, morph, vocab = tools
    doc = Doc(text)
    # the models are small: one BLAS thread is ~20x faster than many on a busy machine
    with threadpool_limits(1):
        doc.segment(segmenter)
        doc.tag_ner(ner)
        if not doc.spans:
            return []
        doc.tag_morph(morph)
    gaz = default_gazetteer()
    out: list[Found] = []
    for span in doc.spans:
        try:
            span.normalize(vocab)
        except (ValueError, KeyError, IndexError, AttributeError):  # pragma: no cover - odd morphology
            span.normal = span.text
        normal = span.normal or span.text
        typ = _NATASHA_TYPES.get(span.type, "other")
        place = None
        if typ == "place":
            cands = gaz.lookup(normal) or gaz.lookup(span.text)
            place = cands[0] if cands else None
        out.append(Found(span.start, span.stop, span.text, typ, place=place, norm=normal, layer=2))
    return out


def _place_layer(text: str, lang: str) -> list[Found]:
    gaz = default_gazetteer()
    demonyms = getattr(gaz, "_demonyms", {}).get(lang) or {}
    out: list[Found] = []
    pos = 0
    for place, surface in gaz.find(text, lang):
        k = text.find(surface, pos)
        if k < 0:
            continue
        pos = k + len(surface)
        if surface in demonyms or surface[:1].islower() or (lang == "ar" and _ar_nisba(surface, place)):
            continue  # "French", "libanais", "الفرنسي": an adjective, not a mention of the place
        out.append(Found(k, k + len(surface), surface, "place", place=place, layer=3))
    return out


def _ar_nisba(surface: str, place: Place) -> bool:
    """An Arabic adjective of a country ("الفرنسي", "اللبنانية"), not its name."""
    word = re.sub(r"^(?:[وفب]?ال|لل)", "", surface)
    return (
        place.kind == "country"
        and place.country in _AR_NISBA
        and word.endswith(("ي", "ية", "يه", "يين", "يون", "يات"))
    )


_WORD_RE = re.compile(r"\S+")


def _fold(s: str) -> str:
    return nm._fold(s).rstrip(".")


def _is_title(key: str) -> bool:
    """A title word, also hyphenated ("secretary-general", "un-generalsekretar")."""
    if key in lex.PERSON_TITLES or key in nm._TITLES:
        return True
    parts = key.split("-")
    return len(parts) > 1 and parts[-1] in lex.PERSON_TITLES


def _next_word(text: str, end: int) -> str:
    m = re.match(r"[\s,]*(\w+)", text[end : end + 40])
    return _fold(m.group(1)) if m else ""


def _cased_layer(text: str, lang: str) -> list[Found]:
    wf_lang = nm._wordfreq_lang(lang)
    freqs = nm._freqs(wf_lang)
    months = nm._calendar_words()
    german = lang in ("de", "lb")
    title_lines: dict[int, bool] = {}
    segments: list[tuple[list[tuple[str, int, int]], bool, bool]] = []  # (words, initial, title evidence)
    for m in nm._RUN_RE.finditer(text):
        start = m.start()
        k = start - 1
        while k >= 0 and text[k] in " \t":
            k -= 1
        initial = k < 0 or text[k] in nm._SENTENCE_BREAKS
        # a title just before the run in lower case ("le président Macron", "президент Путин")
        prev = re.search(r"(\w+)\.?\s+$", text[max(0, start - 30) : start])
        titled = bool(prev and _is_title(_fold(prev.group(1))))
        line_start = text.rfind("\n", 0, start) + 1
        headline = title_lines.get(line_start)
        if headline is None:
            headline = nm._title_case_line(text, line_start)
            title_lines[line_start] = headline
        cur: list[tuple[str, int, int]] = []
        cur_acronym = False
        for w in _WORD_RE.finditer(m.group()):
            word, ws = w.group(), start + w.start()
            e = nm._ELISION_RE.match(word)
            if e and word[e.end()].isupper():
                word, ws = word[e.end() :], ws + e.end()
            stripped = nm._strip_suffix(word)
            acronym = len(stripped) >= 2 and stripped.isupper() and stripped.isalpha()
            skip = (
                word[0].isupper()
                and not acronym
                and _fold(stripped) not in lex.ORG_WORDS
                and (
                    (headline and nm._zipf_in(freqs, stripped.lower()) >= 4.0)
                    or (german and nm._german_noun(stripped, freqs))
                )
            )
            if cur and (skip or acronym != cur_acronym):
                segments.append((cur, initial and cur[0][1] == start, titled))
                cur, titled = [], False
            if skip:
                continue
            cur.append((stripped, ws, ws + len(stripped)))
            cur_acronym = acronym
            if stripped != word:  # a possessive or case suffix ends the name
                segments.append((cur, initial and cur[0][1] == start, titled))
                cur, titled = [], False
        if cur:
            segments.append((cur, initial and cur[0][1] == start, titled))
    out: list[Found] = []
    for words, initial, titled in segments:
        f = _segment(words, initial, titled, text, lang, freqs, months)
        if f is not None:
            out.append(f)
    return _drop_doubtful(_join_orgs(out, text))


_CONNECTOR_RE = re.compile(
    r"\s+(?:of|for|of the|on|de|de la|du|des|für|der|des|del|de los|della|dei|do|da|dos|das)\s+$"
)


def _join_orgs(found: list[Found], text: str) -> list[Found]:
    """Join an organisation word and the name after it ("Ministry of Health", "Banque de France")."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type == "organisation"
            and prev.layer in (2, 7)
            and f.start - prev.end <= 12
            and _CONNECTOR_RE.match(" " + text[prev.end : f.start])
        ):
            prev.end, prev.text, prev.layer = f.end, text[prev.start : f.end], 2
            prev.norm = _fold(prev.text)
            continue
        out.append(f)
    return [f for f in out if f.layer != 7]


def _segment(
    words: list[tuple[str, int, int]],
    initial: bool,
    titled: bool,
    text: str,
    lang: str,
    freqs: dict[str, float],
    months: frozenset[str],
) -> Found | None:
    keys = [_fold(w) for w, _, _ in words]
    # a title inside the run starts a person's name ("Superior Court Judge James Dabney")
    inner = [k for k in range(1, len(keys) - 1) if _is_title(keys[k]) and not _is_title(keys[k + 1])]
    if inner and not any(k in lex.ORG_WORDS for k in keys[inner[-1] + 1 :]):
        words, keys, titled, initial = words[inner[-1] + 1 :], keys[inner[-1] + 1 :], True, False
    org = any(k in lex.ORG_WORDS for k in keys)
    # titles in front ("President Emmanuel Macron", "Prime Minister Rishi Sunak")
    if not org:
        n = 0
        while n < len(keys) - 1 and _is_title(keys[n]):
            n += 1
        if n:
            titled, initial = True, False
            words, keys = words[n:], keys[n:]
    while initial and len(keys) > 1 and keys[0] in nm._ARTICLES:
        words, keys, initial = words[1:], keys[1:], False
    while keys and (keys[-1] in months or keys[-1] in nm._ARTICLES) and len(keys) > 1:
        words, keys = words[:-1], keys[:-1]
    while keys and (keys[0] in months or words[0][0][0].islower()):
        words, keys, initial = words[1:], keys[1:], False
    while keys and words[-1][0][0].islower() and not nm._PREFIX_RE.match(words[-1][0]):
        words, keys = words[:-1], keys[:-1]
    if not keys:
        return None
    start, end = words[0][1], words[-1][2]
    surface = text[start:end]
    speech = _next_word(text, end) in lex.SPEECH_VERBS
    if len(keys) == 1:
        word, key = words[0][0], keys[0]
        if len(word) < 2 or key in months or key in nm._TITLES or key in lex.PERSON_TITLES:
            return None
        if nm._ROMAN_RE.match(word):
            return None
        z = nm._zipf_in(freqs, word.lower())
        if word.isupper():
            if len(word) > 6 or z >= 5.0:
                return None
            return Found(start, end, surface, "organisation", norm=key, layer=5)
        if org:  # "Ministry" alone is a common noun, unless "of Health" follows (see _join_orgs)
            return Found(start, end, surface, "organisation", norm=key, layer=7)
        if initial and z >= 4.0 and not titled:
            return None  # "Rescuers found ...": a common word capitalised by the sentence
        if lang in ("de", "lb") and z >= 4.0 and not titled:
            return None
        typ = "person" if titled or speech else "other"
        f = Found(start, end, surface, typ, norm=_norm(key, lang), layer=5)
        f.layer = 6 if initial else 5  # layer 6: doubtful, kept only if confirmed elsewhere
        return f
    norm = _norm(" ".join(keys), lang)
    if org:
        return Found(start, end, surface, "organisation", norm=norm, layer=2)
    last = words[-1][0]
    person_shape = len(keys) <= 4 and nm._zipf_in(freqs, last.lower()) < 4.0 and not last.isupper()
    typ = "person" if titled or speech or person_shape else "other"
    return Found(start, end, surface, typ, norm=norm, layer=4)


def _norm(key: str, lang: str) -> str:
    return nm._stem(key, lang) if lang in _INFLECTING else key


def _drop_doubtful(found: list[Found]) -> list[Found]:
    """A sentence's first word stays only if the text also has it where its capital means a name; a single
    word that ends a person's name in the text is that person ("Lohan" after "Lindsay Lohan")."""
    surnames = {f.norm.split(" ")[-1] for f in found if f.type == "person" and " " in f.norm}
    for f in found:
        if f.type == "other" and f.norm in surnames:
            f.type = "person"
    sure = set()
    for f in found:
        if f.layer != 6:
            sure.add(f.norm)
            sure.update(f.norm.split(" "))
    out = []
    for f in found:
        if f.layer == 6:
            if f.norm not in sure:
                continue
            f.layer = 5
        out.append(f)
    return out


# -- scripts without case ----------------------------------------------------------------------------------

_AR_WORD = r"[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06fa-\u06ff]+"
_AR_TITLE_RE = re.compile(
    rf"(?:{'|'.join(sorted(lex.AR_TITLES, key=len, reverse=True))})(?:\s+ال{_AR_WORD})*\s+"
    rf"((?!ال)(?!لل)(?!في\b)(?!من\b)(?!على\b){_AR_WORD}(?:\s+(?!ال)(?!في\b)(?!من\b)(?!على\b)(?!قال)(?!إن){_AR_WORD}){{0,2}})"
)
_AR_ORG_RE = re.compile(rf"(?:{'|'.join(lex.AR_ORG_WORDS)})(?:\s+ال{_AR_WORD}){{1,2}}")
_CJK_NAME_BEFORE_TITLE = re.compile(
    rf"([{nm._ZH_TRANSLIT}]{{2,6}}|[\u30a1-\u30fa\u30fc]{{2,12}})(?:{'|'.join(lex.CJK_TITLES)})"
)


def _uncased_layer(text: str, lang: str) -> list[Found]:
    out: list[Found] = []
    if lang in ("ar", "fa", "ur"):
        freqs = nm._freqs(nm._wordfreq_lang(lang))
        for m in _AR_TITLE_RE.finditer(text):
            words = list(re.finditer(_AR_WORD, m.group(1)))
            while len(words) > 1 and nm._zipf_in(freqs, words[-1].group()) >= 4.0:
                words.pop()  # a common word after the name ("إلى", "يوم")
            s, e = m.start(1), m.start(1) + words[-1].end()
            out.append(Found(s, e, text[s:e], "person", norm=text[s:e], layer=4))
        for m in _AR_ORG_RE.finditer(text):
            out.append(Found(m.start(), m.end(), m.group(), "organisation", norm=m.group(), layer=4))
    if any(d in text for d in nm._DOTS):
        for m in [*nm._ZH_DOT_NAME_RE.finditer(text), *nm._JA_DOT_NAME_RE.finditer(text)]:
            out.append(Found(m.start(), m.end(), m.group(), "person", norm=m.group(), layer=4))
    if lang in ("zh", "ja"):
        for m in _CJK_NAME_BEFORE_TITLE.finditer(text):
            out.append(Found(m.start(1), m.end(1), m.group(1), "person", norm=m.group(1), layer=5))
    return out
