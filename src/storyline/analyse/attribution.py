"""Who says it: "according to X", "X said", "selon X", "laut X", "según X", "据X", "Xによると" ...

Used by :mod:`storyline.analyse.figures` (who states a number) and :mod:`storyline.analyse.quotes`
(who speaks a quote). Each pattern captures the source phrase in the group ``who``; the phrase is then
trimmed to a short noun phrase (at most :data:`MAX_WORDS` words, leading articles removed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

MAX_WORDS = 7

# A source phrase after a cue ("according to the health ministry, ..."): up to a clause break.
_AFTER = (r"(?P<who>[^,.;:!?。，、；：！？،؛؟»«\"“”„()\n\d]{2,80}?)"
          r"(?=\s*(?:[,.;:!?。，、；：！？،؛؟»«\"“”„()\n]"
          r"|$|\s+\d| (?:that|que|dass|che|że|что|أن|إن)\b))")
# A source phrase before a verb ("the health ministry said"): a few words back to a clause break.
_BEFORE = r"(?P<who>(?:[\w'’\-]+\s+){0,6}?[\w'’\-]+)"

_LATIN_AFTER_CUES = [
    r"according to", r"as reported by", r"citing", r"per(?=(?-i:\s(?:the\s|[A-Z])))", r"quoted by",
    r"selon", r"d'après", r"d’après", r"a (?:déclaré|indiqué|annoncé|affirmé|précisé|expliqué|ajouté|dit|estimé|"
    r"assuré|souligné|confirmé)",
    r"laut", r"nach Angaben (?:des|der|von)", r"sagte", r"erklärte", r"teilte", r"berichtete",
    r"según", r"de acuerdo con", r"(?:dijo|afirmó|declaró|señaló|informó|explicó|aseguró|indicó|confirmó)",
    r"secondo", r"(?:ha|hanno) (?:detto|dichiarato|affermato|spiegato|riferito|annunciato|confermato)",
    r"segundo", r"de acordo com", r"conforme", r"(?:disse|afirmou|declarou|informou|explicou)",
    r"według", r"jak (?:podał|podała|podało|podali|poinformował|poinformowała|powiedział|powiedziała)",
    r"(?:powiedział|powiedziała|poinformował|poinformowała|oświadczył|oświadczyła|podał|podała)",
    r"по данным", r"по словам", r"по информации", r"как (?:сообщил|сообщила|сообщили|заявил|заявила|заявили)",
    r"(?:сообщил|сообщила|сообщили|заявил|заявила|заявили|сказал|сказала|отметил|отметила|сообщает|сообщают)",
]
_LATIN_BEFORE_VERBS = [
    r"said", r"says", r"told", r"reported", r"confirmed", r"announced", r"stated", r"estimated",
    r"added", r"warned", r"explained", r"wrote",
    r"a (?:déclaré|indiqué|annoncé|affirmé|précisé|expliqué|ajouté|dit|estimé|assuré|souligné|confirmé)",
    r"sagte", r"erklärte", r"teilte mit", r"berichtete", r"zufolge", r"(?:hat|haben) (?:gesagt|erklärt|mitgeteilt)",
    r"(?:dijo|afirmó|declaró|señaló|informó|explicó|aseguró|indicó|confirmó)",
    r"(?:ha|hanno) (?:detto|dichiarato|affermato|spiegato|riferito|annunciato|confermato)",
    r"(?:disse|afirmou|declarou|informou|explicou)",
    r"(?:powiedział|powiedziała|poinformował|poinformowała|oświadczył|oświadczyła)",
    r"(?:заявил|заявила|заявили|сообщил|сообщила|сообщили|сказал|сказала|отметил|отметила)",
    r"(?:dedi|açıkladı|bildirdi|söyledi)",
]

_LATIN_AFTER = regex.compile(r"(?i)\b(?:" + "|".join(_LATIN_AFTER_CUES) + r")\s+" + _AFTER)
_LATIN_BEFORE = regex.compile(_BEFORE + r",?\s+(?i:" + "|".join(_LATIN_BEFORE_VERBS) + r")\b")
# The verb alone: a text without it cannot match the "before" patterns, which are slow to try (a few
# words back from every position), so they are only run on texts that have one.
_LATIN_VERB = regex.compile(r"(?i:" + "|".join(_LATIN_BEFORE_VERBS) + r")\b")
# "X, speaking from his home, said": the name before an appositive clause.
_LATIN_BEFORE_APPOS = regex.compile(
    r"(?P<who>(?:[\w'’\-]+\s+){0,3}?[\w'’\-]+),\s[^,.;:\"“”«»\n]{3,60},\s+(?i:" + "|".join(_LATIN_BEFORE_VERBS) + r")\b"
)
# Inverted, right after a quote: ", said a student", "— заявил министр", ", dijo el presidente".
INVERTED = regex.compile(
    r"^\s*[,—–-]*\s*(?i:said|says|added|told reporters|asked|wrote|" + "|".join(_LATIN_AFTER_CUES[4:]) + r")\s+"
    + _AFTER
)
_APPOSITIVE_NAME = regex.compile(r"^,\s*(?P<name>(?:\p{Lu}[\p{L}'’\-]+\s?){1,4})"
                             r"(?=\s*(?:[,.;:]|$|\s(?:lors|am|on|in|en|a|à|\p{Ll})))")
# Turkish "X'a göre" / "X'e göre", German "X zufolge" are postpositions: handled as "before" cues.
_TR_GORE = regex.compile(r"(?P<who>(?:[\w\-]+\s+){0,4}?[\w\-]+?)['’]?(?:[ae]|ya|ye|na|ne|ın|in|un|ün)? göre\b")

_AR_AFTER = regex.compile(
    r"(?:(?<=\s)|^)[وف]?(?:(?:وفقا|وفقاً|طبقا|طبقاً)\s?لـ?|نقلا عن\s+|نقلاً عن\s+|"
    r"(?:بحسب|حسب|قالت|قال|أعلنت|أعلن|ذكرت|ذكر|أفادت|أفاد|أكدت|أكد|صرحت|صرح|أوضحت|أوضح)\s+)" + _AFTER
)
_CJK_AFTER = regex.compile(r"(?:据|據|根据|根據)(?P<who>[^，。、；：！？「」“”\n]{1,20}?)"
                       r"(?:报道|報道|消息|统计|統計|数据|數據|称|稱|表示|介绍|通报|公布|，|。)")
_CJK_VERBS = (r"(?:表示|称|稱|说|說|宣布|指出|介绍|强调|によると|によれば|"
              r"は述べた|が明らかにした|は発表した|が発表した|は語った)")
_CJK_BEFORE = regex.compile(r"(?P<who>[^，。、；：！？「」『』“”\n]{1,20}?)" + _CJK_VERBS)
_CJK_VERB = regex.compile(_CJK_VERBS)  # see _LATIN_VERB
_JA_TO = regex.compile(r"(?:と|って)(?:述べた|語った|話した|強調した|発表した|説明した)")

_LEADING = re.compile(
    r"^(?:the|a|an|le|la|les|l'|l’|der|die|das|den|dem|des|el|los|las|il|lo|gli|i|o|os|as|un|une|ein|eine|"
    r"and|et|und|y|e|but|mais|aber|pero|ma|mas|while|as)\s+",
    re.IGNORECASE,
)
_STOP_TAIL = re.compile(r"\s+(?:on|in|at|this|last|le|am|el|il|в|yesterday|today|hier|gestern|ayer|ieri|ontem|"
                        r"who|which|qui|der|welche|quien|que|che|który|która|который|которая|которые|"
                        r"este|esta|this|ce|cette|dieses|questo|difundido|publicado|published|released|publié|"
                        r"veröffentlicht|مساء|صباح|يوم|أمس|اليوم)(?!\w).*$",
                        re.IGNORECASE)
PRONOUNS = {"he", "she", "they", "it", "we", "i", "il", "elle", "ils", "elles", "er", "sie", "es", "él", "ella",
             "ellos", "lui", "lei", "ele", "ela", "on", "ona", "oni", "он", "она", "они", "who", "which", "that",
             "this", "officials", "he also", "she also"}


_CONJ = re.compile(r"(?i)^(?:that|que|qu'|dass|che|że|что|أن|إن|if|si|ob|whether)\b")
_CJK_TAIL = re.compile(r"(?:\d+日|当晚|当天|今天|昨天|日前|周[一二三四五六日])?"
                       r"(?:在[^，。]*)?(?:对[^，。]*|向[^，。]*)?$")


_HEAD_OF = regex.compile(r"^(?:\p{Ll}[\p{L}'’]*\s+){1,3}(?:del|de la|de los|de las|du|de l'|des|of the|of|der|"
                         r"della|dello|do|da)\s+(?=\p{Lu})")


@dataclass
class Attribution:
    who: str
    start: int
    end: int  # span of the whole cue + source phrase in the text


def trim(who: str) -> str:
    who = who.strip(" \t\n-–—'’,")
    who = _STOP_TAIL.sub("", who)
    who = re.sub(r"\s+mit$", "", who)  # "teilte das Innenministerium mit"
    who = _HEAD_OF.sub("", who)  # "último balance del Ministerio ..." -> "Ministerio ..."
    for _ in range(2):
        who = _LEADING.sub("", who)
    words = who.split()
    if len(words) > MAX_WORDS:
        who = " ".join(words[-MAX_WORDS:]) if not who[:1].isupper() else " ".join(words[:MAX_WORDS])
    return who.strip(" ,")


def find_attributions(text: str, language: str | None = None) -> list[Attribution]:
    """Every attribution cue in ``text`` with its source phrase, in text order."""
    lang = (language or "").split("-")[0]
    out: list[Attribution] = []
    patterns: list[regex.Pattern[str]]
    if lang in ("zh", "ja"):
        patterns = [_CJK_AFTER, _CJK_BEFORE]
    elif lang == "ar":
        patterns = [_AR_AFTER]
    else:
        patterns = [_LATIN_AFTER, _LATIN_BEFORE, _LATIN_BEFORE_APPOS]
        if lang == "tr":
            patterns.append(_TR_GORE)
    has_verb = (_CJK_VERB if lang in ("zh", "ja") else _LATIN_VERB).search(text) is not None
    for pat in patterns:
        if not has_verb and pat in (_LATIN_BEFORE, _LATIN_BEFORE_APPOS, _CJK_BEFORE):
            continue
        for m in pat.finditer(text, overlapped=False):
            who = trim(m.group("who"))
            if lang in ("zh", "ja"):
                who = _CJK_TAIL.sub("", who) or who
            if not who or who.lower() in PRONOUNS or who.isdigit() or _CONJ.match(who):
                continue
            if pat in (_LATIN_BEFORE, _LATIN_BEFORE_APPOS) and not looks_like_source(who):
                continue
            out.append(Attribution(with_appositive(who, text, m.end()), m.start(), m.end()))
    out.sort(key=lambda a: a.start)
    return out


def with_appositive(who: str, text: str, end: int) -> str:
    """ "le Premier ministre, Yoshihide Suga, ..." -> "Premier ministre, Yoshihide Suga"."""
    m = _APPOSITIVE_NAME.match(text[end:end + 80])
    return f"{who}, {m.group('name').strip()}" if m else who


def looks_like_source(who: str) -> bool:
    """A phrase before "said" is a source when it has a capitalised word or a role noun, not just any words."""
    if any(w[:1].isupper() for w in who.split()):
        return True
    return bool(_ROLE.search(who))


_ROLE = re.compile(
    r"(?i)(minist|official|spokes|police|authorit|agenc|government|president|director|governor|mayor|"
    r"ministr|министр|وزير|porte-parole|sprecher|portavoz|portavoce|porta-voz|rzeczni|представител|متحدث|"
    r"presiden|prezyden|президент|رئيس|premier|gouvern|regier|gobierno|governo|rząd|правительств|حكوم|"
    r"polic|polizei|polizia|полиц|شرط|autorit|behörd|autorid|władz|власт|سلطات|chef|leiter|jefe|capo|"
    r"resident|witness|expert|scientist|volcanolog|doctor|hospital|army|military|ministry|office|"
    r"captain|student|fisherm|survivor|source|media|company|operator|prosecutor|court|judge)"
)


def nearest(attrs: list[Attribution], start: int, end: int, window: int = 400) -> Attribution | None:
    """The attribution closest to the span ``start:end`` (within ``window`` characters), if any."""
    best: tuple[int, Attribution] | None = None
    for a in attrs:
        if a.end <= start:
            d = start - a.end
        elif a.start >= end:
            d = a.start - end
        else:
            d = 0
        if d <= window and (best is None or d < best[0]):
            best = (d, a)
    return best[1] if best else None
