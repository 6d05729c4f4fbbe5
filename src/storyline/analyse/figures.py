"""Figures and claims: numeric statements with what they count, the value (ranges and "more than" kept),
the unit and who states them; grouping of claims about one quantity and conflict detection.

A claim is kept only when the number counts something the lexicons know (dead, injured, evacuated,
homes, tonnes, euros ...): ages, times, dates and bare numbers are left out. Quantities are canonical
English keys, so that "137 dead", "plus de 150 morts", "mehr als 150 Tote" and "超过150人死亡" group together.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from storyline.analyse.attribution import find_attributions, nearest
from storyline.analyse.numbers import Number, find_numbers, normalise_digits
from storyline.analyse.text import Sentence, split_sentences

# -- lexicons ------------------------------------------------------------------------------------
# Specific event quantities: the word may stand before the number ("killing 632", "death toll rose to")
# or after it ("137 people were killed", "trois morts", "2000人死亡"). Patterns match word starts.
EVENT_QUANTITIES: dict[str, str] = {
    "dead": r"dead|deaths?|death toll|killed|killing|kills|died|fatalit|lives|bodies|"
            r"morts?|mortes|tués?|tuées?|décès|décédé|victimes mortelles|bilan|"
            r"tote[nr]?|todesopfer|getötet|ums leben|starben|gestorben|"
            r"muert[oa]s?|murieron|fallecid|víctimas mortales|"
            r"mort[io]|vittime|uccis|decedut|"
            r"mortos|mortes|morreram|óbitos|"
            r"zabit|zginęł|zginęli|ofiar|zmarł|nie żyj|"
            r"погиб|жертв|убит|умер|смерт|"
            r"ölü|öldü|hayatını kaybet|can kaybı|"
            r"قتيل|قتلى|قتلوا|قتل|وفاة|وفيات|حتفهم|مصرع|ضحايا|الموتى|"
            r"死亡|遇难|遇難|罹难|罹難|丧生|喪生|死者|身亡|亡くな|犠牲",
    "injured": r"injur|wounded|hurt|blessé|verletzt|herid|ferit|ferid|rann|ранен|пострадавш|yaralı|"
               r"جريح|جرحى|مصاب|إصاب|受伤|受傷|伤者|負傷|けが",
    "missing": r"missing|disparu|vermisst|desaparecid|dispers|zaginion|пропа|kayıp|مفقود|失踪|下落不明|行方不明",
    "evacuated": r"evacu|évacu|evakuier|in sicherheit gebracht|desalojad|sfollat|ewakuowa|эвакуир|tahliye|"
                 r"إجلاء|أجلي|疏散|撤离|撤離|避難",
    "displaced": r"displaced|homeless|sans-abri|déplacé|obdachlos|sin hogar|desplazad|senzatetto|sfollati|"
                 r"desalojados|bezdomn|бездомн|evsiz|مشرد|نازح|无家可归|流离失所|家を失",
    "arrested": r"arrest|detained|arrêté|interpellé|festgenommen|detenid|arrestat|pres[oa]s|zatrzyma|задержа|"
                r"gözaltı|اعتقال|معتقل|逮捕|拘留",
    "homes": r"homes?|houses?|dwellings|maisons?|habitations?|logements?|häuser|wohnhäuser|wohnungen|"
             r"casas?|viviendas?|abitazion|domów|domy|дом|жил|evler|منزل|منازل|بيوت|房屋|民房|住宅|家屋",
    "buildings": r"buildings?|structures|bâtiments?|édifices?|gebäude|edificios?|edificaciones|edifici|edifícios|"
                 r"budynk|здани|строени|bina|مبنى|مباني|建筑|建築|建物",
}
# Generic count nouns: a claim on its own ("a town of 30,000 people"), upgraded by a nearby event word.
PEOPLE = (r"people|persons|residents|inhabitants|personnes|habitants|menschen|personen|einwohner|"
          r"personas|habitantes|persone|abitanti|pessoas|osób|ludzi|mieszkańc|человек|людей|жител|"
          r"kişi|insan|شخص|أشخاص|اشخاص|نسمة|مواطن|人|名")
# Measurement units right after the number: quantity, unit.
UNITS: list[tuple[str, str, str]] = [
    (r"km²|km2|square kilomet|kilomètres carrés|quadratkilometer|kilómetros cuadrados", "area", "km2"),
    (r"hectares?|ha\b|hektar|hectáreas?|ettari|гектар|هكتار|公顷|公頃|ヘクタール", "area", "ha"),
    (r"cubic met|m³|m3\b|mètres cubes|kubikmeter|metros cúbicos|metri cubi|кубометр|кубических метров|"
     r"متر مكعب|立方米|立方メートル|トン", "volume", "m3"),
    (r"tonnes?|tons?\b|tonnen|toneladas|tonnellate|тонн|طن|吨|噸", "mass", "t"),
    (r"litres?|liters?|litros|litri|литр|لتر|升|リットル", "volume", "l"),
    (r"km\b|kilomet|kilomèt|kilómet|chilomet|quilômet|километр|كيلومتر|كلم|公里|千米|キロ", "distance", "km"),
    (r"met(?:re|er)s?\b|m\b|mètres?|meter\b|metros?|metri|метр|متر|米|メートル", "distance", "m"),
    (r"per ?cent|percent|%|pour cent|prozent|por ciento|per cento|por cento|procent|процент|بالمئة|في المئة|"
     r"في المائة|٪", "percent", "%"),
    (r"years? old|-year-old|ans\b|-?jährig|años de edad|anni|-?letni|-?летн|лет|yaşında|عاما|عامًا|岁|歳", "age",
     "years"),
]
CURRENCIES: list[tuple[str, str]] = [
    (r"US\$|\$|dollars?|dólares|dollari|долл|دولار|美元|ドル", "USD"),
    (r"€|euros?|evro|евро|يورو|欧元|ユーロ", "EUR"),
    (r"£|pounds? sterling|pounds?|livres sterling", "GBP"),
    (r"¥|yen|円|日元", "JPY"),
    (r"yuan|元|人民币", "CNY"),
]
CONFLICT_QUANTITIES = {"dead", "injured", "missing", "evacuated", "displaced", "arrested", "homes", "buildings"}

# Qualifiers: (pattern, qualifier, position) — "pre" must end right before the number, "post" start right after.
QUALIFIERS: list[tuple[str, str, str]] = [
    (r"more than|over|upwards of|in excess of|exceeding|plus de|au-delà de|mehr als|über|más de|"
     r"più di|oltre|mais de|ponad|więcej niż|powyżej|более чем|более|больше|свыше|أكثر من|ما يزيد على|"
     r"ما يزيد عن|أزيد من|超过|超過|逾|多于|多於|exceeds|exceeded|tops|topped|passes|passed|dépasse(?: les)?|"
     r"a dépassé(?: les)?|übersteigt|überschreitet|supera(?: los| las)?|superó(?: los| las)?|supera i|ultrapassa|"
     r"przekroczył[a]?|превысил[ао]?|превышает|تجاوز|يتجاوز|تخطى", "more_than", "pre"),
    (r"以上|を超え|超|余|餘|多|['’]?[dt][ae]n fazla|aşkın|üzerinde|or more|et plus|"
     r"und mehr|o más", "more_than", "post"),
    (r"at least|au moins|mindestens|wenigstens|al menos|por lo menos|almeno|pelo menos|ao menos|"
     r"co najmniej|przynajmniej|по меньшей мере|не менее|как минимум|en az|"
     r"على الأقل|至少|少なくとも", "at_least", "pre"),
    (r"على الأقل", "at_least", "post"),
    (r"less than|fewer than|under|below|moins de|weniger als|unter|menos de|meno di|mniej niż|менее|меньше|"
     r"أقل من|不到|少于|少於|未満", "less_than", "pre"),
    (r"未満|以下|'?[dt][ae]n az", "less_than", "post"),
    (r"up to|as many as|jusqu'à|jusqu’à|bis zu|hasta|fino a|até|aż do|do|до|حتى|多达|多達|最大", "up_to", "pre"),
    (r"about|around|approximately|roughly|some|nearly|almost|close to|an estimated|environ|quelque|près de|"
     r"presque|etwa|rund|ungefähr|circa|fast|knapp|unos|unas|cerca de|alrededor de|aproximadamente|casi|"
     r"quasi|intorno a|quase|około|prawie|blisko|примерно|около|почти|порядка|yaklaşık|قرابة|حوالي|نحو|"
     r"زهاء|ما يقرب من|约|約|大约|大約|近|およそ|ほぼ", "about", "pre"),
    (r"程度|左右|前後|civarında|kadar|or so", "about", "post"),
]
_RANGE = re.compile(
    r"^\s*(?:-|–|—|to|à|a|bis|y|e|и|до|و|至|到|から|～|~|ila|and|et|und)\s*$", re.IGNORECASE
)
_BETWEEN = re.compile(r"(?:between|entre|zwischen|tra|fra|między|od|от|بين|arasında)\s*$", re.IGNORECASE)

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
APPROX_REL = 0.1  # "about 140" covers 126..154
ROUND_REL = 0.05  # a round exact number (5,000) is read as +-5%


def _alt(p: str) -> re.Pattern[str]:
    return re.compile(p, re.IGNORECASE)


_EVENT_RES = {q: _alt("(?:" + p + ")") for q, p in EVENT_QUANTITIES.items()}
_PEOPLE_RE = _alt(r"^\s*(?:[\w\-]+\s+){0,2}?(?:" + PEOPLE + r")")
_UNIT_RES = [(_alt(r"^\s?(?:de |d'|of )?(?:" + p + r")"), q, u) for p, q, u in UNITS]
_CUR_PRE = [(_alt(r"(?:" + p + r")\s?$"), u) for p, u in CURRENCIES]
_CUR_POST = [(_alt(r"^\s?(?:de |d'|of )?(?:" + p + r")"), u) for p, u in CURRENCIES]
_NOT_AFTER_LETTER = r"(?<![A-Za-z\u00c0-\u024f\u0400-\u04ff])"
_QUAL_PRE = [(_alt(_NOT_AFTER_LETTER + r"(?:" + p + r")\s*$"), q) for p, q, pos in QUALIFIERS if pos == "pre"]
_QUAL_POST = [(_alt(r"^\s*(?:[人名]|people|personnes|personas|человек)?\s*(?:" + p + r")"), q)
              for p, q, pos in QUALIFIERS if pos == "post"]


@dataclass
class Claim:
    """One numeric statement in one article."""

    quantity: str
    unit: str
    value: float
    low: float
    high: float
    qualifier: str
    text: str
    sentence: str
    attribution: str | None = None
    article_id: int | None = None
    source: str | None = None
    language: str | None = None
    published: str | None = None
    published_precision: str | None = None

    def interval(self) -> tuple[float, float]:
        """The values this claim allows, with its rounding tolerance."""
        if self.qualifier == "about":
            return self.low * (1 - APPROX_REL), self.high * (1 + APPROX_REL)
        if self.qualifier in ("more_than", "at_least"):
            return self.low, math.inf
        if self.qualifier in ("less_than", "up_to"):
            return 0.0, self.high
        if self.qualifier == "exact" and self.value >= 1000 and self.value % 100 == 0:
            return self.value * (1 - ROUND_REL), self.value * (1 + ROUND_REL)
        return self.low, self.high

    def describe(self) -> str:
        words = {"more_than": "more than ", "at_least": "at least ", "less_than": "less than ",
                 "up_to": "up to ", "about": "about "}
        if self.qualifier == "range":
            val = f"{_fmt(self.low)}-{_fmt(self.high)}"
        else:
            val = words.get(self.qualifier, "") + _fmt(self.value)
        who = ", ".join(x for x in (self.attribution, self.source, self.published) if x)
        return f"{val} ({who})" if who else val

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("value", "low", "high"):
            d[k] = _num(d[k])
        return d


@dataclass
class FigureGroup:
    quantity: str
    unit: str
    claims: list[Claim] = field(default_factory=list)
    conflict: bool = False
    conflict_reason: str | None = None
    conflicting_pairs: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "quantity": self.quantity,
            "unit": self.unit,
            "claims": [c.to_dict() for c in self.claims],
            "conflict": self.conflict,
            "conflict_reason": self.conflict_reason,
            "conflicting_pairs": [list(p) for p in self.conflicting_pairs],
        }


def _num(v: float) -> float | int:
    return int(v) if float(v).is_integer() else round(v, 4)


def _fmt(v: float) -> str:
    n = _num(v)
    return f"{n:,}" if isinstance(n, int) else str(n)


# -- extraction ----------------------------------------------------------------------------------
def _qualifier(text: str, num: Number, after_end: int) -> str:
    before = text[max(0, num.start - 30):num.start]
    for rx, q in _QUAL_PRE:
        if rx.search(before):
            return q
    after = text[after_end:after_end + 12]
    for rx, q in _QUAL_POST:
        if rx.search(after):
            return q
    return "exact"


def _unit_after(text: str, end: int) -> tuple[str, str, int] | None:
    after = text[end:end + 40]
    for rx, u in _CUR_POST:
        m = rx.search(after)
        if m:
            return "money", u, end + m.end()
    for rx, q, u in _UNIT_RES:
        m = rx.search(after)
        if m:
            return q, u, _word_end(text, end + m.end())
    return None


def _word_end(text: str, i: int) -> int:
    while i < len(text) and text[i].isalpha() and not _CJK.match(text[i]):
        i += 1
    return i


def _currency_before(text: str, start: int) -> str | None:
    before = text[max(0, start - 5):start]
    for rx, u in _CUR_PRE:
        if rx.search(before):
            return u
    return None


def _event_quantity(text: str, start: int, end: int, lo: int, hi: int, cjk: bool) -> tuple[str, int] | None:
    """The nearest event word to the number within the clause ``lo:hi``: (quantity, distance)."""
    span_b = 12 if cjk else 45
    span_a = 14 if cjk else 60
    best: tuple[int, str] | None = None
    b0 = max(lo, start - span_b)
    before = text[b0:start]
    after = text[end:min(hi, end + span_a)]
    for q, rx in _EVENT_RES.items():
        for m in rx.finditer(after):
            if not cjk and m.start() > 0 and after[m.start() - 1].isalpha():
                continue
            d = m.start()
            if best is None or d < best[0]:
                best = (d, q)
            break
        for m in rx.finditer(before):
            if not cjk and m.start() > 0 and before[m.start() - 1].isalpha():
                continue
            d = len(before) - m.end()
            if best is None or d < best[0]:
                best = (d + 1, q)
    return (best[1], best[0]) if best else None


_CLAUSE = re.compile(r"[;:()\[\]]|,\s(?:and|while|but|et|und|y|e|и|o|or)\s|, |، |，|、|。")


def extract_claims(text: str, language: str | None) -> list[Claim]:
    """Every figure in an article's text, with qualifier, quantity, unit and attribution."""
    text = normalise_digits(text)
    lang = (language or "").split("-")[0]
    cjk = lang in ("zh", "ja")
    out: list[Claim] = []
    for sent in split_sentences(text, lang):
        out.extend(_sentence_claims(sent, lang, cjk))
    return out


def _sentence_claims(sent: Sentence, lang: str, cjk: bool) -> list[Claim]:
    s = sent.text
    nums = find_numbers(s, lang)
    if not nums:
        return []
    attrs = find_attributions(s, lang)
    claims: list[Claim] = []
    used: set[int] = set()
    for i, num in enumerate(nums):
        if i in used:
            continue
        low = high = num.value
        end = num.end
        qualifier: str | None = None
        # ranges: "10-20", "between 10 and 20", "entre 10 et 20", "10至20"
        if i + 1 < len(nums) and _RANGE.match(s[num.end:nums[i + 1].start]) and nums[i + 1].value > num.value:
            nxt = nums[i + 1]
            joiner = s[num.end:nxt.start].strip().lower()
            if joiner not in ("and", "et", "und", "y", "e", "и", "و") or _BETWEEN.search(s[:num.start]):
                high, end, qualifier = nxt.value, nxt.end, "range"
                used.add(i + 1)
        if _is_date_or_time(s, num, end):
            continue
        lo_clause, hi_clause = _clause_bounds(s, num.start, end)
        unit_hit = _unit_after(s, end)
        currency = _currency_before(s, num.start)
        quantity: str | None = None
        unit = ""
        text_end = end
        if currency:
            quantity, unit = "money", currency
        elif unit_hit:
            quantity, unit, text_end = unit_hit
            if quantity == "age":
                continue
        else:
            ev = _event_quantity(s, num.start, end, lo_clause, hi_clause, cjk)
            people = _PEOPLE_RE.search(s[end:end + 30]) if not cjk else re.match(r"^\s*(?:多|余|餘)?(?:人|名)",
                                                                                    s[end:end + 4])
            if ev is not None and people and ev[0] in ("homes", "buildings"):
                ev = None  # "5000 Menschen mussten ihre Häuser verlassen", "home to 85,000 people"
            if ev is not None:
                quantity, unit = ev[0], ("people" if ev[0] not in ("homes", "buildings") else ev[0])
            elif people:
                quantity, unit = "people", "people"
            if people:
                text_end = max(text_end, _word_end(s, end + people.end()))
        if quantity is None or (num.is_word and quantity in ("money",) and False):
            continue
        if num.is_word and num.value <= 1:
            continue
        if qualifier is None:
            qualifier = _qualifier(s, num, text_end)
            if qualifier == "exact" and num.vague:
                qualifier = num.vague
        who = nearest(attrs, num.start, end, window=len(s))
        claims.append(Claim(
            quantity=quantity, unit=unit, value=num.value if qualifier != "range" else (low + high) / 2,
            low=low, high=high, qualifier=qualifier,
            text=_claim_text(s, num.start, text_end, lo_clause, hi_clause, cjk),
            sentence=s.strip(), attribution=who.who if who else None,
        ))
    return claims


def _clause_bounds(s: str, start: int, end: int) -> tuple[int, int]:
    lo, hi = 0, len(s)
    for m in _CLAUSE.finditer(s):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def _claim_text(s: str, start: int, end: int, lo: int, hi: int, cjk: bool) -> str:
    """A short phrase around the figure: its clause, cut to a few words either side."""
    if cjk:
        return s[max(lo, start - 8):min(hi, end + 10)].strip()
    left = s[lo:start].split()[-4:]
    right = s[end:hi].split()[:5]
    return " ".join([*left, s[start:end].strip(), *right]).strip(" ,.")


_TIME = re.compile(r"^\s*(?::\d\d|h\d\d|\s?(?:am|pm|a\.m\.|p\.m\.|uhr|heures?|horas?|ore|час|時|点|点钟|時間|日|月|年|"
                   r"de (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)))",
                   re.IGNORECASE)


_MONTHS = (r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|avr|mai|juin|juil|août|déc|januar|februar|"
           r"märz|juni|juli|oktober|dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
           r"noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|janeiro|"
           r"fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|stycz|lut|kwie|maj|czerw|lip|sierp|"
           r"wrze|paźdz|listop|grud|январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр|ocak|"
           r"şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık|يناير|فبراير|مارس|أبريل|إبريل|"
           r"مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر")
_MONTH_AFTER = re.compile(r"^\.?\s(?:de\s)?(?:" + _MONTHS + r")", re.IGNORECASE)
_MONTH_BEFORE = re.compile(r"(?<![^\W\d_])(?:" + _MONTHS + r")[a-zäöüéèûçñãõıšğ\u0400-\u04ff]*\.?\s$",
                           re.IGNORECASE)


def _is_date_or_time(s: str, num: Number, end: int) -> bool:
    if _TIME.match(s[end:end + 14]) or _MONTH_AFTER.match(s[end:end + 16]):
        return True
    if not num.is_word and num.value <= 31 and _MONTH_BEFORE.search(s[max(0, num.start - 14):num.start]):
        return True
    v = num.value
    if not (1900 <= v <= 2100 and float(v).is_integer() and "," not in num.text and " " not in num.text.strip()):
        return False
    # a year, unless a count noun follows at once ("2012 قتيلا", "2000人死亡", "1950 homes")
    after = s[end:end + 16]
    return not (_PEOPLE_RE.match(after) or any(rx.match(after.lstrip()) for rx in _EVENT_RES.values())
                or re.match(r"^\s*(?:多|余)?[人名]", after))


# -- grouping and conflicts ----------------------------------------------------------------------
def group_claims(claims: Iterable[Claim]) -> list[FigureGroup]:
    """Claims grouped by (quantity, unit), conflicts flagged; groups with the most claims first."""
    groups: dict[tuple[str, str], FigureGroup] = {}
    for c in claims:
        g = groups.setdefault((c.quantity, c.unit), FigureGroup(c.quantity, c.unit))
        g.claims.append(c)
    out = list(groups.values())
    for g in out:
        g.claims.sort(key=lambda c: (c.published or "9999", c.article_id or 0, c.value))
        if g.quantity in CONFLICT_QUANTITIES:
            _flag_conflicts(g)
    out.sort(key=lambda g: (g.quantity not in CONFLICT_QUANTITIES, -len(g.claims), g.quantity))
    return out


def conflicts(a: Claim, b: Claim) -> bool:
    """Two claims about one quantity conflict when no value is compatible with both."""
    lo_a, hi_a = a.interval()
    lo_b, hi_b = b.interval()
    strict_a = a.qualifier == "more_than"
    strict_b = b.qualifier == "more_than"
    if hi_a < lo_b or (strict_b and hi_a <= lo_b and not math.isinf(hi_a)):
        return True
    return hi_b < lo_a or (strict_a and hi_b <= lo_a and not math.isinf(hi_b))


def _flag_conflicts(g: FigureGroup) -> None:
    pairs: list[tuple[float, int, int]] = []
    for i, a in enumerate(g.claims):
        for j in range(i + 1, len(g.claims)):
            b = g.claims[j]
            if a.source is not None and a.source == b.source and a.article_id == b.article_id:
                continue  # one article revising its own figure is not a conflict between sources
            if conflicts(a, b):
                gap = abs(math.log((b.low + 1) / (a.low + 1)))
                pairs.append((gap, i, j))
    if not pairs:
        return
    pairs.sort(key=lambda p: -p[0])
    g.conflict = True
    g.conflicting_pairs = sorted((i, j) for _, i, j in pairs)
    _, i, j = pairs[0]
    g.conflict_reason = f"{g.claims[i].describe()} vs {g.claims[j].describe()}"


def attach_article(claims: Sequence[Claim], article: dict[str, Any], source: str) -> None:
    for c in claims:
        c.article_id = article.get("id")
        c.source = source
        c.language = article.get("language")
        c.published = article.get("published")
        c.published_precision = article.get("published_precision")
