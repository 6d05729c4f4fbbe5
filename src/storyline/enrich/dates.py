"""Publication dates: the day an article came out, how precisely we know it, and where that came from.

Evidence is taken in this order; the first usable source wins, and a coarser result (month or year) is
refined by a later source only when the two agree:

1. ``metadata`` / ``header``: ``RawDocument.published`` as the reader found it (ISO, RFC 2822, localized
   free text such as "13 avril 2021" or "2021年4月13日", "2021-04" for a month);
2. ``metadata``: a date in the URL path (``/2021/03/29/``, ``/2021/mar/29/``, ``/20210329/``);
3. ``dateline``: a wire dateline ("BEIRUT, Aug 4 (Reuters) -", "PARIS, 15 avril 2019 (AFP) -",
   "Берлин, 3 марта.", "新华社北京3月5日电"), a short date line near the top ("Sunday, 10 September 2023",
   "Haber Merkezi | 24.03.2021 11:42", "2023年9月10日") or a "Published:" line. A dateline without a year
   ("Aug 4") only counts when a year is known from metadata or from a full date in the text;
4. ``text``: reports describe what happened *before* publication, so the latest full date mentioned is a
   lower bound, not the answer. It becomes a day only when the text also pins "today": a full date right
   after "today" ("Today, Thursday March 30, 2017"), or "today/yesterday <weekday>" ("اليوم الأحد",
   "ce dimanche", "yesterday (Saturday)", a lone weekday on the date line) together with a recent anchor
   (the anchor's weekday is named elsewhere, e.g. "on Friday night" and "8 September 2023"): the day is
   the first such weekday on or after the anchor. Otherwise the text gives nothing by default
   (``text_policy="month"`` also claims the anchor's month when the week after it stays in that month;
   ``"latest"`` is the naive baseline, kept for measurement: see ``bench/dates_check.py``).

An "Updated: <date>" label is only an upper bound: it gives a day or month only together with a lower
bound from the text.

A wrong date is worse than an unknown one: every rule prefers ``unknown`` or a coarser precision over a
guess. The text path uses compiled regular expressions per language (month names from babel plus
hand-written variants), never ``dateparser.search_dates``; dateparser is only a fallback for metadata
strings that the fast parsers do not understand.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any, Literal, Protocol
from urllib.parse import unquote, urlsplit

from storyline.model import DateOrigin, Precision, PubDate, RawDocument

log = logging.getLogger(__name__)

__all__ = [
    "DateResolver",
    "MetadataOnlyDateResolver",
    "RuleDateResolver",
    "SUPPORTED_LANGUAGES",
    "TextPolicy",
    "date_from_url",
    "iter_full_dates",
    "parse_date_string",
]

MIN_YEAR = 1900
#: languages with month/weekday lexicons; any other language is handled with the union of all of them
SUPPORTED_LANGUAGES = (
    "en", "ar", "fr", "de", "es", "ru", "zh", "tr", "pl", "it", "pt", "ja", "uk", "fa", "nl", "ko",
)  # fmt: skip
_BABEL_LANGS = ("en", "fr", "de", "es", "it", "pt", "nl", "tr", "pl", "ru", "uk", "ar", "fa")
_CJK_LANGS = ("zh", "ja", "ko")

_MAX_TEXT_SCAN = 20_000  # characters of body searched for full dates and weekday signals
_HEAD_SCAN = 1_500  # characters of the raw text searched for datelines and date lines
_KEYWORD_SCAN = 3_000  # characters of the raw text searched for "Published:" lines
_HEAD_LINES = 8
_BODY_LINE = 160  # a line this long is body text: date lines are looked for above it and in it only
_FRESH_WINDOW = 6  # a "fresh" anchor is at most this many days before publication
_PARTIAL_YEAR_GAP = 45  # a year-less dateline may be at most this many days after the text anchor

_PRECISION_RANK: dict[str, int] = {"unknown": 0, "year": 1, "month": 2, "day": 3}


class DateResolver(Protocol):
    """Anything that turns a raw document (plus its cleaned body and language) into a ``PubDate``."""

    def resolve(self, doc: RawDocument, body: str, language: str | None) -> PubDate: ...


# --------------------------------------------------------------------------------------------------
# normalization
# --------------------------------------------------------------------------------------------------

_CHAR_MAP: dict[int, str | None] = {}
for _i in range(10):
    _CHAR_MAP[0x0660 + _i] = str(_i)  # Arabic-Indic digits
    _CHAR_MAP[0x06F0 + _i] = str(_i)  # Extended Arabic-Indic (Persian, Urdu) digits
for _src, _dst in {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ۀ": "ه",
    "ـ": "", "\u0654": "", "\u200c": " ", "\u200d": "", "\u200f": "", "\u200e": "", "\u00ad": "",
    "ʼ": "'", "’": "'", "‘": "'", "−": "-",
}.items():  # fmt: skip
    _CHAR_MAP[ord(_src)] = _dst or None
for _cp in range(0x064B, 0x0653):  # Arabic harakat
    _CHAR_MAP[_cp] = None


_CHAR_SUBST = {chr(k): v or "" for k, v in _CHAR_MAP.items()}
_CHAR_RE = re.compile("[" + "".join(re.escape(c) for c in _CHAR_SUBST) + "]")


def _normalize(text: str) -> str:
    """NFKC, ASCII digits, one spelling per Arabic/Persian letter; the result is only used for matching."""
    text = unicodedata.normalize("NFKC", text)
    # str.translate with a dict is ten times slower than this on non-ASCII text
    return _CHAR_RE.sub(lambda m: _CHAR_SUBST[m.group()], text)


def _key(token: str) -> str:
    """Lookup key for a month or weekday token, tolerant of case, Turkish dotless i and a final dot."""
    k = _normalize(token).lower().replace("i\u0307", "i").replace("ı", "i").strip().rstrip(".")
    return re.sub(r"\s+", " ", k)


def _alternation(words: Iterable[str]) -> str:
    """One regex matching any of ``words`` (longest first), factored as a trie so that it stays fast.

    A plain ``a|b|c`` alternation of a few hundred month names is tried name by name at every digit or
    word start; the trie shares prefixes. Spaces inside a word match any (or no) white space. Patterns
    built from it are compiled with IGNORECASE, so the words are lowercased here.
    """
    trie: dict[str, Any] = {}
    for word in words:
        form = _normalize(word).strip().rstrip(".").lower()
        if not form:
            continue
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [
            (r"\s*" if ch.isspace() else re.escape(ch)) + build(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


# --------------------------------------------------------------------------------------------------
# lexicons
# --------------------------------------------------------------------------------------------------

_EXTRA_MONTHS: dict[str, dict[int, tuple[str, ...]]] = {
    "en": {6: ("june",), 7: ("july",), 9: ("sept",)},
    "fr": {2: ("fevrier", "fév", "fev"), 8: ("aout",), 12: ("decembre", "dec")},
    "de": {1: ("jänner", "jän"), 3: ("maerz", "mrz")},
    "es": {9: ("setiembre", "sep")},
    "it": {},
    "pt": {3: ("marco",)},
    "nl": {3: ("mrt",)},
    "tr": {},
    "pl": {},
    "ru": {9: ("сент",), 2: ("фев",)},
    "uk": {},
    "ar": {
        1: ("كانون الثاني", "جانفي"),
        2: ("شباط", "فيفري"),
        3: ("آذار",),
        4: ("نيسان", "إبريل", "أفريل"),
        5: ("أيار", "ماي"),
        6: ("حزيران", "يونيه", "جوان"),
        7: ("تموز", "يوليه", "يوليوز", "جويلية"),
        8: ("آب", "غشت", "أوت"),
        9: ("أيلول", "شتنبر"),
        10: ("تشرين الأول",),
        11: ("تشرين الثاني", "نونبر"),
        12: ("كانون الأول", "دجنبر"),
    },
    "fa": {1: ("ژانویه",), 2: ("فوریه",), 5: ("مه", "می"), 7: ("ژوئیه", "جولای"), 8: ("آگوست",)},
}

_JALALI_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip

_EXTRA_WEEKDAYS: dict[str, dict[int, tuple[str, ...]]] = {
    "en": {},
    "fr": {},
    "de": {5: ("sonnabend",)},
    "es": {2: ("miercoles",), 5: ("sabado",)},
    "it": {0: ("lunedi",), 1: ("martedi",), 2: ("mercoledi",), 3: ("giovedi",), 4: ("venerdi",)},
    "pt": {},
    "nl": {},
    "tr": {},
    "pl": {2: ("środę",), 5: ("sobotę",), 6: ("niedzielę",)},
    "ru": {2: ("среду",), 4: ("пятницу",), 5: ("субботу",)},
    "uk": {2: ("середу",), 4: ("п'ятниця", "п'ятницю"), 5: ("суботу",), 6: ("неділю",)},
    "ar": {},
    "fa": {},
}
_CJK_WEEKDAYS: dict[int, tuple[str, ...]] = {
    0: ("星期一", "周一", "礼拜一", "月曜日", "월요일"),
    1: ("星期二", "周二", "礼拜二", "火曜日", "화요일"),
    2: ("星期三", "周三", "礼拜三", "水曜日", "수요일"),
    3: ("星期四", "周四", "礼拜四", "木曜日", "목요일"),
    4: ("星期五", "周五", "礼拜五", "金曜日", "금요일"),
    5: ("星期六", "周六", "礼拜六", "土曜日", "토요일"),
    6: ("星期日", "星期天", "周日", "礼拜天", "日曜日", "일요일"),
}
# German and Dutch glue the part of the day to the weekday: "Montagabend", "zondagochtend".
_WEEKDAY_SUFFIX: dict[str, str] = {
    "de": r"(?:morgen|vormittag|mittag|nachmittag|abend|nacht|früh)?",
    "nl": r"(?:ochtend|morgen|middag|avond|nacht)?",
}

# "today <weekday>" / "yesterday <weekday>" markers (normalized spelling; Arabic proclitics allowed).
_TODAY_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("today",),
    "fr": ("aujourd'hui", "ce"),
    "es": ("hoy", "este"),
    "it": ("oggi",),
    "pt": ("hoje", "nesta", "neste"),
    "de": ("heute", "am heutigen"),
    "nl": ("vandaag",),
    "ru": ("сегодня",),
    "uk": ("сьогодні",),
    "pl": ("dziś", "dzisiaj"),
    "tr": ("bugün",),
    "ar": ("اليوم",),
    "fa": ("امروز",),
    "zh": ("今天", "今日"),
    "ja": ("今日", "本日"),
    "ko": ("오늘",),
}
_THIS_WORDS = ("ce", "este", "nesta", "neste", "am heutigen")  # "this <weekday>": only with a weekday
_YESTERDAY_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("yesterday",),
    "fr": ("hier",),
    "es": ("ayer",),
    "it": ("ieri",),
    "pt": ("ontem",),
    "de": ("gestern",),
    "nl": ("gisteren",),
    "ru": ("вчера",),
    "uk": ("вчора",),
    "pl": ("wczoraj",),
    "tr": ("dün",),
    "ar": ("امس",),
    "fa": ("دیروز",),
    "zh": ("昨天", "昨日"),
    "ja": ("昨日",),
    "ko": ("어제",),
}
_PUBLISHED_WORDS = (
    "posted", "published", "first published", "publication date", "publié le", "publié",
    "mis en ligne", "veröffentlicht", "erschienen", "publicado", "fecha de publicación", "pubblicato",
    "publicação", "gepubliceerd", "опубликовано", "опубліковано", "opublikowano", "data publikacji",
    "yayınlanma", "yayın tarihi", "yayımlanma", "发布时间", "发布日期", "发表时间", "发布于", "公開日",
    "掲載日", "投稿日", "작성일", "입력", "تاريخ النشر", "نشر في", "نشر بتاريخ", "تاریخ انتشار",
)  # fmt: skip
_UPDATED_WORDS = (
    "updated", "last updated", "modified", "mis à jour", "aktualisiert", "stand", "actualizado",
    "aggiornato", "atualizado", "bijgewerkt", "обновлено", "оновлено", "aktualizacja", "zaktualizowano",
    "güncelleme", "güncellenme", "更新时间", "更新日期", "更新日", "수정", "اخر تحديث", "تحديث",
    "بروزرسانی",
)  # fmt: skip


def _babel_names(lang: str, kind: str) -> dict[int, set[str]]:
    from babel.dates import get_day_names, get_month_names

    out: dict[int, set[str]] = {}
    getter: Callable[..., Any] = get_month_names if kind == "month" else get_day_names
    for width in ("wide", "abbreviated"):
        if kind == "weekday" and width == "abbreviated":
            continue
        for context in ("format", "stand-alone"):
            try:
                names = getter(width, context, lang)
            except Exception:  # noqa: BLE001 - babel raises several types for missing data
                continue
            for idx, name in dict(names).items():
                # babel fills some missing stand-alone forms with CJK/numeric root data: skip those
                if lang not in _CJK_LANGS and re.search(r"[\d\u3040-\u9fff]", name):
                    continue
                out.setdefault(int(idx), set()).add(name)
    return out


@cache
def _month_lexicon(lang: str) -> dict[str, int]:
    lex: dict[str, int] = {}
    names = _babel_names(lang, "month")
    for month, extra in _EXTRA_MONTHS.get(lang, {}).items():
        names.setdefault(month, set()).update(extra)
    for month, forms in names.items():
        for form in forms:
            k = _key(form)
            if k and not k.isdigit():
                lex[k] = month
    return lex


@cache
def _weekday_lexicon(lang: str) -> dict[str, int]:
    lex: dict[str, int] = {}
    if lang in _CJK_LANGS:
        for wd, forms in _CJK_WEEKDAYS.items():
            for form in forms:
                lex[_key(form)] = wd
        return lex
    names = _babel_names(lang, "weekday")
    for wd, extra in _EXTRA_WEEKDAYS.get(lang, {}).items():
        names.setdefault(wd, set()).update(extra)
    for wd, wd_forms in names.items():
        for form in wd_forms:
            lex[_key(form)] = wd
    if lang == "pt":  # "segunda" alone also means "second": only the "-feira" forms
        lex = {k: v for k, v in lex.items() if "-" in k or v in (5, 6)}
    return lex


def _merge_lexicons(parts: Iterable[dict[str, int]]) -> dict[str, int]:
    merged: dict[str, int] = {}
    clash: set[str] = set()
    for lex in parts:
        for k, v in lex.items():
            if k in merged and merged[k] != v:
                clash.add(k)
            merged[k] = v
    for k in clash:
        del merged[k]
    return merged


# --------------------------------------------------------------------------------------------------
# grammar: compiled patterns for one language (or for all of them)
# --------------------------------------------------------------------------------------------------

_Y = r"(?P<y>(?:19|20)\d\d)"
_DAY = r"(?P<d>[0-3]?\d)"
_DAY_SUFFIX = r"(?:\.|er|st|nd|rd|th|º|ª|°|-?го)?"
_CJK_NUM = "〇零一二三四五六七八九十"
_TIME = (
    r"\d{1,2}\s*[:.hH]\s*\d{2}(?:\s*[:.]\s*\d{2})?(?:\s*(?:[ap]\.?\s?m\.?|uhr|hs?|ч|saat))?"
    r"|\d{1,2}\s*(?:[ap]\.?\s?m\.?)|\d{1,2}\s*時\s*(?:\d{1,2}\s*分)?|\d{1,2}\s*시\s*(?:\d{1,2}\s*분)?"
)
_TZ = r"\b(?:UTC|GMT|CET|CEST|EET|EEST|MSK|BST|IST|TRT|[ECMP][SD]T)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\b"


# a word start, also right after an Arabic proclitic (و, ب, ل, ف) that follows a space
_AR_START = r"(?:(?<![^\W\d_])|(?<=\sو)|(?<=\sب)|(?<=\sل)|(?<=\sف))"


@dataclass(frozen=True)
class _Grammar:
    months: dict[str, int]
    weekdays: dict[str, int]
    english: bool  # read ambiguous slash dates the US way only when unambiguous; month-day-year order
    full: tuple[re.Pattern[str], ...]
    partial: tuple[re.Pattern[str], ...]
    month_year: re.Pattern[str]
    weekday: re.Pattern[str]
    today: re.Pattern[str] | None
    today_word: re.Pattern[str] | None
    yesterday: re.Pattern[str] | None
    keyword: re.Pattern[str]


@lru_cache(maxsize=64)
def _grammar(language: str | None) -> _Grammar:
    lang = (language or "").lower().split("-")[0].split("_")[0]
    if lang in _BABEL_LANGS:
        langs: tuple[str, ...] = (lang, "en") if lang != "en" else ("en",)
    elif lang in _CJK_LANGS:
        langs = ("en",)
    else:
        langs = _BABEL_LANGS
    months = _merge_lexicons(_month_lexicon(x) for x in langs)
    if lang in _CJK_LANGS:
        wd_langs = langs + (lang,)
    elif lang in _BABEL_LANGS:
        wd_langs = langs
    else:
        wd_langs = langs + _CJK_LANGS
    weekdays = _merge_lexicons(_weekday_lexicon(x) for x in wd_langs)
    mon = _alternation(months)
    english = lang in ("en", "") or lang not in _BABEL_LANGS + _CJK_LANGS
    end = r"(?![^\W\d_])"
    dmy = re.compile(
        rf"(?P<d>\d\d?){_DAY_SUFFIX}\s*(?:de\s+|of\s+|d'\s*)?(?P<m>{mon})\.?{end}"
        rf"(?:\s*/\s*(?:{mon})\.?{end})?(?:\s*,\s*|\s+del?\s+|\s*-\s*|\s+)?{_Y}(?!\d)",
        re.IGNORECASE,
    )
    mdy = re.compile(
        rf"(?<![^\W\d_])(?P<m>{mon})\.?\s+{_DAY}(?:st|nd|rd|th)?(?:\s*,\s*|\s+){_Y}(?!\d)",
        re.IGNORECASE,
    )
    # month-day-year ("March 23, 2021") is English usage; elsewhere it only costs time
    full: list[re.Pattern[str]] = [dmy, mdy] if english else [dmy]
    full.append(
        re.compile(
            rf"(?<![\d.])(?P<y>(?:19|20)\d\d|[{_CJK_NUM}]{{4}})\s*年\s*(?P<m>[01]?\d|十[一二]?|[一二三四五六七八九])"
            rf"\s*月\s*(?P<d>[0-3]?\d|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号號]"
        )
    )
    full.append(re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*년\s*(?P<m>[01]?\d)\s*월\s*(?P<d>[0-3]?\d)\s*일"))
    full.append(
        re.compile(
            r"(?P<era>令和|平成|昭和)\s*(?P<y>\d{1,2}|元)\s*年\s*(?P<m>[01]?\d)\s*月\s*(?P<d>[0-3]?\d)\s*日"
        )
    )
    if lang in ("fa", ""):
        full.append(
            re.compile(
                rf"(?<![\d.,/]){_DAY}\s*(?P<jm>{_alternation(_JALALI_MONTHS)}){end}\s*(?:ماه\s*)?"
                r"(?:سال\s*)?(?P<y>1[34]\d\d)(?!\d)"
            )
        )
    partial = (
        re.compile(
            rf"(?<![\d.,/:]){_DAY}{_DAY_SUFFIX}\s*(?:de\s+|of\s+)?(?P<m>{mon})\.?{end}(?:\s*/\s*(?:{mon})\.?{end})?",
            re.IGNORECASE,
        ),
        re.compile(rf"(?<![^\W\d_])(?P<m>{mon})\.?\s+{_DAY}(?:st|nd|rd|th)?(?!\d)", re.IGNORECASE),
    )
    month_year = re.compile(
        rf"^\s*(?:(?P<m>{mon})\.?(?:\s+de|\s*,)?\s+(?P<y>(?:19|20)\d\d)"
        r"|(?P<y2>(?:19|20)\d\d)\s*[年년]\s*(?P<m2>[01]?\d)\s*[月월])\s*$",
        re.IGNORECASE,
    )
    if lang in _WEEKDAY_SUFFIX:
        wd_suffix = _WEEKDAY_SUFFIX[lang]
    elif lang == "":
        wd_suffix = r"(?:morgen|vormittag|mittag|nachmittag|abend|nacht|früh|ochtend|middag|avond)?"
    else:
        wd_suffix = ""
    wd_alt = f"(?:{_alternation(weekdays)}){wd_suffix}"
    cjk = lang in _CJK_LANGS
    wd_start = "" if cjk else (_AR_START if lang in ("ar", "") else r"(?<![^\W\d_])")
    wd_end = "" if cjk else r"(?![^\W\d_])"
    weekday = re.compile(rf"{wd_start}(?P<wd>{wd_alt}){wd_end}", re.IGNORECASE)
    marker_langs = (lang,) if lang in _TODAY_WORDS else tuple(_TODAY_WORDS)
    today_words = [w for x in marker_langs for w in _TODAY_WORDS.get(x, ())]
    yday_words = [w for x in marker_langs for w in _YESTERDAY_WORDS.get(x, ())]
    pre = "" if cjk else (_AR_START if lang in ("ar", "") else r"(?<![^\W\d_])")
    gap = r"[\s,，(（]*" if cjk else r"[\s,(]+(?:(?:в|во|у|w|we|am|le|el|il|on|,)\s+)?"
    today = (
        re.compile(rf"{pre}(?:{_alternation(today_words)}){gap}(?P<wd>{wd_alt}){wd_end}", re.IGNORECASE)
        if today_words
        else None
    )
    strict_today = [w for w in today_words if w not in _THIS_WORDS]
    today_word = (
        re.compile(rf"{pre}(?:{_alternation(strict_today)}){wd_end}", re.IGNORECASE) if strict_today else None
    )
    yesterday = (
        re.compile(
            rf"{pre}(?:{_alternation(yday_words)})(?:\s+\w+)?{gap}(?P<wd>{wd_alt}){wd_end}", re.IGNORECASE
        )
        if yday_words
        else None
    )
    keyword = re.compile(
        rf"(?<![^\W\d_])(?:(?P<pub>{_alternation(_PUBLISHED_WORDS)})|(?P<upd>{_alternation(_UPDATED_WORDS)}))"
        r"(?![^\W\d_])(?P<colon>\s*[:：])?\s*(?:(?:on|le|am|el|il|em|op|в|w)\s+)?",
        re.IGNORECASE,
    )
    return _Grammar(
        months=months,
        weekdays=weekdays,
        english=english,
        full=tuple(full),
        partial=partial,
        month_year=month_year,
        weekday=weekday,
        today=today,
        today_word=today_word,
        yesterday=yesterday,
        keyword=keyword,
    )


_NUMERIC_ISO = re.compile(
    r"(?<![\d/.\-])(?P<y>(?:19|20)\d\d)(?P<s>[-/.])(?P<m>[01]?\d)(?P=s)(?P<d>[0-3]?\d)(?![\d])"
)
_NUMERIC_DMY = re.compile(
    r"(?<![\d/.\-])(?P<a>[0-3]?\d)(?P<s>[./\-])(?P<b>[01]?\d)(?P=s)(?P<y>(?:19|20)\d\d|\d\d)(?![\d]|[./\-]\d)"
)

# --------------------------------------------------------------------------------------------------
# calendar helpers
# --------------------------------------------------------------------------------------------------


def _cjk_int(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    digits["零"] = 0
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = digits.get(head, 1) if head else 1
        ones = digits.get(tail, 0) if tail else 0
        return tens * 10 + ones
    if all(c in digits for c in s):
        return int("".join(str(digits[c]) for c in s))
    return None


def _jalali_to_gregorian(jy: int, jm: int, jd: int) -> dt.date | None:
    """Solar Hijri (Persian calendar) to Gregorian (the arithmetic of jdf.scr.ir, valid 1-3177 AP)."""
    if not (1 <= jm <= 12 and 1 <= jd <= (31 if jm <= 6 else 30)):
        return None
    jy += 1595
    days = -355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + jd
    days += (jm - 1) * 31 if jm < 7 else (jm - 7) * 30 + 186
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    leap = (gy % 4 == 0 and gy % 100 != 0) or gy % 400 == 0
    month_days = [0, 31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    gm = 1
    while gm <= 12 and gd > month_days[gm]:
        gd -= month_days[gm]
        gm += 1
    try:
        return dt.date(gy, gm, gd)
    except ValueError:
        return None


def _make_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _plausible(date: dt.date, today: dt.date) -> bool:
    return date.year >= MIN_YEAR and date <= today + dt.timedelta(days=1)


def _pub(date: dt.date, precision: Precision, origin: DateOrigin) -> PubDate:
    if precision == "month":
        date = date.replace(day=1)
    elif precision == "year":
        date = date.replace(month=1, day=1)
    return PubDate(date, precision, origin)


def _checked(
    y: int, m: int, d: int | None, precision: Precision, origin: DateOrigin, today: dt.date
) -> PubDate | None:
    """A ``PubDate`` if the parts make a real, non-absurd date, else None."""
    if precision == "day":
        date = _make_date(y, m, d or 0)
        if date is None or not _plausible(date, today):
            return None
        return PubDate(date, "day", origin)
    if precision == "month":
        if not 1 <= m <= 12:
            return None
        date = dt.date(y, m, 1) if MIN_YEAR <= y <= 9999 else None
    else:
        date = dt.date(y, 1, 1) if MIN_YEAR <= y <= 9999 else None
    if date is None or not _plausible(date, today):
        return None
    return PubDate(date, precision, origin)


# --------------------------------------------------------------------------------------------------
# finding dates in text
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    date: dt.date


def _slash_order(a: int, b: int, sep: str, english: bool) -> tuple[int, int] | None:
    """(month, day) for a numeric a<sep>b date, or None when the order cannot be told."""
    if sep in ".-" and not english:
        return (b, a) if b <= 12 else None  # European day-first
    if a > 12 and b <= 12:
        return b, a
    if b > 12 and a <= 12:
        return a, b
    if a == b and a <= 12:
        return a, b
    if sep == "." and b <= 12:  # dots are day-first in every locale that uses them
        return b, a
    if not english and b <= 12:
        return b, a
    return None


_NOT_BEFORE_DAY = frozenset("0123456789.,/:")


def _full_dates(text: str, g: _Grammar, *, two_digit_years: bool = False) -> list[_Hit]:
    """Every complete day-month-year date in normalized ``text`` (no validation against today)."""
    hits: list[_Hit] = []
    for i, pattern in enumerate(g.full):
        for m in pattern.finditer(text):
            if i == 0 and m.start() and text[m.start() - 1] in _NOT_BEFORE_DAY:
                continue  # day-month-year starts with a bare number: not inside 112, 3.14 or 10/12
            gd = m.groupdict()
            date: dt.date | None
            if gd.get("jm"):
                jm = _JALALI_MONTHS_NORM.get(_key(gd["jm"]))
                date = _jalali_to_gregorian(int(gd["y"]), jm, int(gd["d"])) if jm else None
            elif gd.get("era"):
                base = {"令和": 2018, "平成": 1988, "昭和": 1925}[gd["era"]]
                n = 1 if gd["y"] == "元" else int(gd["y"])
                date = _make_date(base + n, int(gd["m"]), int(gd["d"]))
            else:
                y = _cjk_int(gd["y"])
                mon = _month_value(gd["m"], g)
                day = _cjk_int(gd["d"])
                date = _make_date(y, mon, day) if y and mon and day else None
            if date is not None:
                hits.append(_Hit(m.start(), m.end(), date))
    for m in _NUMERIC_ISO.finditer(text):
        date = _make_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if date is not None:
            hits.append(_Hit(m.start(), m.end(), date))
    for m in _NUMERIC_DMY.finditer(text):
        ys = m["y"]
        if len(ys) == 2:
            if not two_digit_years:
                continue
            y = 2000 + int(ys) if int(ys) <= dt.date.today().year % 100 else 1900 + int(ys)
        else:
            y = int(ys)
        order = _slash_order(int(m["a"]), int(m["b"]), m["s"], g.english)
        if order is None:
            continue
        date = _make_date(y, order[0], order[1])
        if date is not None:
            hits.append(_Hit(m.start(), m.end(), date))
    return _dedupe(hits)


def _dedupe(hits: list[_Hit]) -> list[_Hit]:
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[_Hit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


def _month_value(token: str, g: _Grammar) -> int | None:
    if token.isdigit():
        v = int(token)
        return v if 1 <= v <= 12 else None
    cj = _cjk_int(token) if all(c in _CJK_NUM for c in token) else None
    if cj is not None:
        return cj if 1 <= cj <= 12 else None
    return g.months.get(_key(token))


_JALALI_MONTHS_NORM = {_key(n): i + 1 for i, n in enumerate(_JALALI_MONTHS)}


@dataclass(frozen=True)
class _Partial:
    start: int
    end: int
    month: int
    day: int


def _partial_dates(text: str, g: _Grammar) -> list[_Partial]:
    out: list[_Partial] = []
    for pattern in g.partial:
        for m in pattern.finditer(text):
            mon = _month_value(m["m"], g)
            day = int(m["d"])
            if mon and 1 <= day <= 31 and _make_date(2000, mon, day):  # 2000 is a leap year
                out.append(_Partial(m.start(), m.end(), mon, day))
    out.sort(key=lambda p: (p.start, -(p.end - p.start)))
    return out


def _weekday_of(token: str, g: _Grammar) -> int | None:
    k = _key(token)
    if k in g.weekdays:
        return g.weekdays[k]
    for w, v in g.weekdays.items():  # German/Dutch compounds: "montagabend"
        if k.startswith(w):
            return v
    return None


# --------------------------------------------------------------------------------------------------
# metadata strings
# --------------------------------------------------------------------------------------------------

_ISO_RE = re.compile(
    r"^\s*(?P<y>\d{4})(?:(?P<s>[-/.])(?P<m>\d{1,2})(?:(?P=s)(?P<d>\d{1,2}))?|(?P<m8>\d{2})(?P<d8>\d{2}))"
    r"(?:(?:[T\s]+|T?)\d{1,2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?"
    r"\s*(?:\[[^\]]*\]|[A-Za-z/_]+)?\s*$"
)
_YEAR_ONLY_RE = re.compile(r"^\s*(?P<y>\d{4})\s*年?\s*$")
_EPOCH_RE = re.compile(r"^\s*(?P<s>\d{10})(?P<ms>\d{3})?(?:\.\d+)?\s*$")
_NUMERIC_ONLY_RE = re.compile(r"^[\d\s./\-:,TZ+]+$")
_RFC2822_RE = re.compile(r"^\s*(?:[A-Za-z]{3},?\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")
_HAS_YEAR_RE = re.compile(
    r"(?<!\d)(?:19|20)\d\d(?!\d)|令和|平成|昭和|[〇零一二三四五六七八九]{4}\s*年|(?<!\d)1[34]\d\d(?!\d)"
)


def parse_date_string(s: str, language: str | None = None, *, today: dt.date | None = None) -> PubDate | None:
    """Parse one metadata date string; ``None`` when it is not a date or is absurd.

    ISO dates and datetimes keep the calendar day as written in their own time zone; "2021-04" and
    "April 2021" give month precision, "2021" year precision. Localized strings ("13 avril 2021",
    "2021年4月13日", "13 апреля 2021 г.") go through the same month lexicons as the text path, then through
    dateparser (with ``language``) as a last resort. Dates before 1900, more than a day in the future or
    not on the calendar are rejected. The returned origin is "metadata".
    """
    if not s or not s.strip() or len(s) > 300:
        return None
    today = today or dt.date.today()
    raw = s.strip()
    m = _EPOCH_RE.match(raw)
    if m:
        try:
            date = dt.datetime.fromtimestamp(int(m["s"]), tz=dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
        return _checked(date.year, date.month, date.day, "day", "metadata", today)
    m = _ISO_RE.match(raw)
    if m:
        y = int(m["y"])
        if m["m8"]:
            return _checked(y, int(m["m8"]), int(m["d8"]), "day", "metadata", today)
        if m["d"]:
            return _checked(y, int(m["m"]), int(m["d"]), "day", "metadata", today)
        if m["m"]:
            return _checked(y, int(m["m"]), None, "month", "metadata", today)
    m = _YEAR_ONLY_RE.match(raw)
    if m:
        return _checked(int(m["y"]), 1, None, "year", "metadata", today)
    if _RFC2822_RE.match(raw):
        parsed = email.utils.parsedate_tz(raw)
        if parsed:
            y, mon, d = parsed[0], parsed[1], parsed[2]
            if y < 100:
                y += 2000 if y < 50 else 1900
            return _checked(y, mon, d, "day", "metadata", today)
    g = _grammar(language)
    norm = _normalize(raw)
    hits = _full_dates(norm, g, two_digit_years=True)
    if hits:
        # the string should be mostly the date: anything else is a time, weekday or label
        hit = hits[0]
        return _checked(hit.date.year, hit.date.month, hit.date.day, "day", "metadata", today)
    m = g.month_year.match(norm)
    if m:
        year = int(m["y"] or m["y2"])
        month = _month_value(m["m"] or m["m2"], g)
        if month:
            return _checked(year, month, None, "month", "metadata", today)
    if _NUMERIC_ONLY_RE.match(norm):
        # all digits and nothing the fast parsers could place: an ambiguous 04/05/2021 still gives its year
        m = _NUMERIC_DMY.search(norm)
        if m and len(m["y"]) == 4:
            y, a, b = int(m["y"]), int(m["a"]), int(m["b"])
            if _make_date(y, a, b) and _make_date(y, b, a):
                return _checked(y, 1, None, "year", "metadata", today)
        return None
    return _dateparser_fallback(raw, language, today)


@lru_cache(maxsize=32)
def _date_data_parser(language: str | None) -> Any:
    from dateparser.date import DateDataParser

    settings = {
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DATES_FROM": "past",
    }
    lang = (language or "").lower().split("-")[0]
    try:
        return (
            DateDataParser(languages=[lang], settings=settings) if lang else DateDataParser(settings=settings)
        )
    except ValueError:  # a language dateparser does not know
        return DateDataParser(settings=settings)


def _dateparser_fallback(raw: str, language: str | None, today: dt.date) -> PubDate | None:
    if not _HAS_YEAR_RE.search(_normalize(raw)):  # no year: relative ("2 hours ago") or partial
        return None
    try:
        data = _date_data_parser(language).get_date_data(raw)
    except Exception as exc:  # noqa: BLE001 - dateparser raises a variety of errors on odd input
        log.debug("dateparser failed on %r: %s", raw, exc)
        return None
    if data is None or data.date_obj is None:
        return None
    when = data.date_obj
    period = data.period or "day"
    precision: Precision = (
        "day"
        if period in ("day", "time", "hour", "minute", "second")
        else ("month" if period == "month" else "year")
    )
    return _checked(when.year, when.month, when.day, precision, "metadata", today)


# --------------------------------------------------------------------------------------------------
# URLs
# --------------------------------------------------------------------------------------------------

_WAYBACK_RE = re.compile(r"^(?:https?://)?web\.archive\.org/web/\d+[a-z_]*/", re.IGNORECASE)
_URL_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2, "march": 3, "april": 4, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_URL_DAY_RES = (
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?=/|$|[-_.])"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<mn>[a-z]{3,9})/(?P<d>[0-3]?\d)(?=/|$|[-_.])", re.IGNORECASE),
    re.compile(r"(?<![\d])(?P<y>(?:19|20)\d\d)[-_](?P<m>[01]\d)[-_/](?P<d>[0-3]\d)(?![\d])"),
    re.compile(r"(?<=[/_\-])(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?=$|[/_\-.])"),
)
_URL_MONTH_RE = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/")


def date_from_url(url: str, *, today: dt.date | None = None) -> PubDate | None:
    """A publication date written in a URL path (``/2021/03/29/``, ``/2021/mar/29/``, ``-20210325``).

    Web archive prefixes are skipped (their timestamp is the crawl, not the publication). Only the path
    and query are searched; ``/2021/03/`` alone gives month precision. Origin "metadata".
    """
    if not url:
        return None
    today = today or dt.date.today()
    url = _WAYBACK_RE.sub("", url.strip())
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
    except ValueError:
        return None
    path = unquote(parts.path) + ("?" + parts.query if parts.query else "")
    for pattern in _URL_DAY_RES:
        for m in pattern.finditer(path):
            gd = m.groupdict()
            mon = _URL_MONTHS.get(gd["mn"].lower()) if gd.get("mn") else int(gd["m"])
            if not mon:
                continue
            found = _checked(int(gd["y"]), mon, int(gd["d"]), "day", "metadata", today)
            if found:
                return found
    mm = _URL_MONTH_RE.search(path)
    if mm:
        return _checked(int(mm["y"]), int(mm["m"]), None, "month", "metadata", today)
    return None


# --------------------------------------------------------------------------------------------------
# datelines
# --------------------------------------------------------------------------------------------------


@dataclass
class _DatelineResult:
    full: PubDate | None = None
    partial: tuple[int, int] | None = None  # (month, day) without a year
    weekday: int | None = None  # a weekday standing alone on a date line: the day of publication
    updated: dt.date | None = None  # "Updated: <date>": an upper bound only


_ZH_DISPATCH = re.compile(
    r"^[^\n。！？]{0,24}?(?:(?P<y>(?:19|20)\d\d)\s*年\s*)?(?P<m>[01]?\d)\s*月\s*(?P<d>[0-3]?\d)\s*日\s*(?:电|讯|訊|電)"
)
_AGENCY_PREFIX = re.compile(r"^\s*[(\[][^)\]\n]{1,40}[)\]]\s*[-–—:]?\s*")
_DATELINE_POST = re.compile(
    r"^\s*(?:(?:r\.|г\.|года|року|yılı)\s*)?(?:[(\[（][^)\]）\n]{1,60}[)\]）]\s*)?(?:[-–—:|/.]|$)",
    re.IGNORECASE,
)
_DATELINE_PRE = re.compile(r"^[^\W\d_][^\d\n]{0,70}?(?:[,،]|\s[-–—])\s*$")
_TIME_RE = re.compile(_TIME, re.IGNORECASE)
_TZ_RE = re.compile(_TZ)
_RESIDUAL_STRIP = re.compile(r"[\s\-–—|·•/\\,.:;()\[\]（）【】「」<>*_~#=+'\"«»„“”،؛]+")


def _lines(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the first non-empty lines of ``text[:limit]``, stripped."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text[:limit]):
        a, b = m.span()
        line = m.group()
        a += len(line) - len(line.lstrip())
        b -= len(line) - len(line.rstrip())
        if b > a:
            out.append((a, b))
            if len(out) >= _HEAD_LINES:
                break
    return out


def _residual(line: str, spans: Iterable[tuple[int, int]], g: _Grammar) -> str:
    chars = list(line)
    for a, b in spans:
        for i in range(a, min(b, len(chars))):
            chars[i] = " "
    rest = "".join(chars)
    rest = _TIME_RE.sub(" ", rest)
    rest = _TZ_RE.sub(" ", rest)
    rest = g.weekday.sub(" ", rest)
    rest = g.keyword.sub(" ", rest)
    return _RESIDUAL_STRIP.sub(" ", rest).strip()


def _short_residual(rest: str) -> bool:
    return len(rest) <= 60 and len(rest.split()) <= 6


def _label_like(rest: str) -> bool:
    """What is left of a date line besides the date looks like a source or byline, not a sentence.

    "Haber Merkezi", "By Julie Montanaro", "المغرب الآن" pass; "The shooting on", "first quake",
    "home news greenwood" (a site header showing the day of the crawl) do not: in cased scripts a
    lowercase word longer than three letters means running text.
    """
    if not _short_residual(rest):
        return False
    return not any(w[0].islower() and len(w) > 3 for w in rest.split() if w[0].isalpha())


def _weekday_matches(line: str, hit: _Hit, g: _Grammar) -> bool:
    """False when a weekday written right next to the date contradicts it ("Friday, 10 September 2023")."""
    window = line[max(0, hit.start - 20) : hit.end + 20]
    for m in g.weekday.finditer(window):
        wd = _weekday_of(m["wd"], g)
        if wd is not None and wd != hit.date.weekday():
            return False
    return True


_SEPARATORS = "-–—|·•,،/"


def _weekday_line(line: str, g: _Grammar) -> int | None:
    """The weekday of a header line such as "Le Matin - Dimanche" or "Sunday | Politics", else None."""
    if len(line) > 60 or line[-1] in ".!?。":
        return None
    wds = list(g.weekday.finditer(line))
    if len(wds) != 1:
        return None
    before, after = line[: wds[0].start()].rstrip(), line[wds[0].end() :].lstrip()
    if (before and before[-1] not in _SEPARATORS) or (after and after[0] not in _SEPARATORS):
        return None
    if len(_residual(line, [], g).split()) > 4:
        return None
    return _weekday_of(wds[0]["wd"], g)


@dataclass(frozen=True)
class _Label:
    start: int
    published: bool
    date: dt.date


def _labels(text: str, g: _Grammar, today: dt.date) -> list[_Label]:
    """Every "Published: <date>" / "Updated: <date>" in ``text``, in order."""
    out: list[_Label] = []
    for km in g.keyword.finditer(text):
        at_line_start = km.start() == 0 or text[km.start() - 1] in "\n|·•"
        if not (km["colon"] or at_line_start):
            continue
        hits = _full_dates(text[km.end() : km.end() + 60], g, two_digit_years=True)
        if not hits or hits[0].start > 25 or not _plausible(hits[0].date, today):
            continue
        out.append(_Label(km.start(), bool(km["pub"]), hits[0].date))
    return out


def _find_dateline(head: str, g: _Grammar, today: dt.date) -> _DatelineResult:
    res = _DatelineResult()
    labels = _labels(head[:_KEYWORD_SCAN], g, today)
    lines = _lines(head, _HEAD_SCAN)
    top = head[: lines[-1][1]] if lines else ""
    top_hits = [h for h in _full_dates(top, g, two_digit_years=True) if _plausible(h.date, today)]
    top_partials = _partial_dates(top, g)
    date_lines: list[dt.date] = []
    for idx, (a, b) in enumerate(lines):
        line = head[a:b]
        # a labelled date: "Posted: Monday, February 2, 2015 9:45 PM EST Updated: ..."
        here = [lab for lab in labels if a <= lab.start < b]
        pub = next((lab for lab in here if lab.published), None)
        if pub is not None:
            res.full = PubDate(pub.date, "day", "dateline")
            return res
        if here:
            res.updated = res.updated or here[0].date
            continue  # an "Updated:" line says nothing more about publication
        # a news-agency dispatch: "新华社北京3月5日电", "本报开罗3月24日电"
        zh = _ZH_DISPATCH.match(line)
        if zh:
            mon, day = int(zh["m"]), int(zh["d"])
            if zh["y"]:
                res.full = _checked(int(zh["y"]), mon, day, "day", "dateline", today)
                if res.full:
                    return res
            elif _make_date(2000, mon, day):
                res.partial = (mon, day)
                return res
        segment = line[:200]
        end = min(b, a + 200)
        hits = [_Hit(h.start - a, h.end - a, h.date) for h in top_hits if a <= h.start and h.end <= end]
        partials = [
            _Partial(p.start - a, p.end - a, p.month, p.day)
            for p in top_partials
            if a <= p.start and p.end <= min(end, a + 150)
        ]
        # wire dateline: "PLACE[, Country], <date> [(Agency)] -"
        first_full = hits[0] if hits and hits[0].start < 120 else None
        first_partial = partials[0] if partials else None
        for cand in (first_full, first_partial):
            if cand is None:
                continue
            pre = _AGENCY_PREFIX.sub("", segment[: cand.start])
            post = segment[cand.end - 1 : cand.end + 70]  # from the last character: "3 марта." ate its dot
            post = post if post[:1] == "." else post[1:]
            pre_ok = bool(_DATELINE_PRE.match(pre)) and len(pre.split()) <= 6 and not pre[0].islower()
            if pre_ok and _DATELINE_POST.match(post):
                if isinstance(cand, _Hit):
                    if _weekday_matches(segment, cand, g):
                        res.full = PubDate(cand.date, "day", "dateline")
                        return res
                else:
                    if first_full is not None and first_full.start <= cand.start < first_full.end:
                        continue
                    res.partial = (cand.month, cand.day)
                    return res
        # a short line that is (mostly) one date: "Sunday, 10 September 2023", "Source | 24.03.2021 11:42"
        # (two different dates on it are a range, "October 27, 2014 - November 13, 2016": no answer)
        if len(line) <= 140:
            if hits and len({h.date for h in hits}) == 1:
                rest = _residual(segment, [(h.start, h.end) for h in hits], g)
                # "Court date: ...", "Date: Tuesday, ...": a label other than "Published"/"Updated"
                labelled = g.weekday.sub("", segment[: hits[0].start]).rstrip(" ,").endswith((":", "："))
                if not labelled and _label_like(rest) and _weekday_matches(segment, hits[0], g):
                    date_lines.append(hits[0].date)
            elif not hits and 0 < idx <= 3 and res.weekday is None:
                res.weekday = _weekday_line(line, g)
        if len(line) > _BODY_LINE:
            break  # past the first body paragraph: later dates are captions, embeds, related links
    # one date line: the date; several with different dates: a list or timeline, no answer
    if date_lines and len(set(date_lines)) == 1:
        res.full = PubDate(date_lines[0], "day", "dateline")
        return res
    # a labelled date further down (but not past the first few thousand characters)
    pub = next((lab for lab in labels if lab.published), None)
    if pub is not None:
        res.full = PubDate(pub.date, "day", "dateline")
    elif labels:
        res.updated = res.updated or labels[0].date
    return res


# --------------------------------------------------------------------------------------------------
# text evidence
# --------------------------------------------------------------------------------------------------


TextPolicy = Literal["anchored", "month", "latest"]


@dataclass
class _TextEvidence:
    dates: list[dt.date]  # every plausible full date in the text
    latest: dt.date | None
    fresh: bool  # the latest date's weekday is also named in the text, away from the date itself
    today_weekday: int | None  # weekday of publication, from "today <weekday>" / "yesterday <weekday>"
    stated_today: dt.date | None  # a full date written right after "today": "Today, Thursday March 30, 2017"


def _text_evidence(text: str, g: _Grammar, today: dt.date, dateline_weekday: int | None) -> _TextEvidence:
    hits = [h for h in _full_dates(text, g) if _plausible(h.date, today)]
    latest = max((h.date for h in hits), default=None)
    if latest is None:
        return _TextEvidence([], None, False, None, None)
    near_dates = [(h.start - 25, h.end + 25) for h in hits]
    mentioned: set[int] = set()
    for m in g.weekday.finditer(text):
        if any(a <= m.start() <= b for a, b in near_dates):
            continue
        wd = _weekday_of(m["wd"], g)
        if wd is not None:
            mentioned.add(wd)
    signals: set[int] = set()
    if dateline_weekday is not None:
        signals.add(dateline_weekday)
    stated: set[dt.date] = set()
    if g.today is not None:
        for m in g.today.finditer(text):
            wd = _weekday_of(m["wd"], g)
            if wd is not None:
                signals.add(wd)
    if g.today_word is not None:
        starts = {h.start: h for h in hits}
        for m in g.today_word.finditer(text):
            for pos in range(m.end(), min(m.end() + 30, len(text))):
                hit = starts.get(pos)
                if hit is not None:
                    if len(_residual(text[m.end() : pos], [], g)) <= 4:  # "Today, Thursday March 30, 2017"
                        stated.add(hit.date)
                    break
    if g.yesterday is not None:
        for m in g.yesterday.finditer(text):
            wd = _weekday_of(m["wd"], g)
            if wd is not None:
                signals.add((wd + 1) % 7)
    return _TextEvidence(
        [h.date for h in hits],
        latest,
        latest.weekday() in mentioned,
        signals.pop() if len(signals) == 1 else None,
        stated.pop() if len(stated) == 1 else None,
    )


def _text_estimate(ev: _TextEvidence, policy: TextPolicy = "anchored") -> PubDate | None:
    """Turn what the text says into the finest honest claim about the publication date.

    Every full date in a report is at most a lower bound. ``anchored`` (default) only answers when the
    text pins "today": a full date written right after "today", or "today/yesterday <weekday>" (or a lone
    weekday on the date line) with a recent anchor (latest full date whose weekday is also mentioned).
    ``month`` also gives the anchor's month when the week after a recent anchor stays in that month.
    ``latest`` is the naive baseline: the latest full date mentioned, as a day (measurably often wrong).
    """
    if ev.latest is None:
        return None
    if policy == "latest":
        return PubDate(ev.latest, "day", "text")
    if ev.stated_today is not None:
        # a later date than "today" means a future event or a stale "today": no answer then
        return PubDate(ev.stated_today, "day", "text") if ev.stated_today >= ev.latest else None
    if ev.fresh and ev.today_weekday is not None:
        offset = (ev.today_weekday - ev.latest.weekday()) % 7
        return PubDate(ev.latest + dt.timedelta(days=offset), "day", "text")
    if policy != "month" or not ev.fresh:
        return None
    last = ev.latest + dt.timedelta(days=_FRESH_WINDOW)
    if (last.year, last.month) == (ev.latest.year, ev.latest.month):
        return _pub(ev.latest, "month", "text")
    return None


# --------------------------------------------------------------------------------------------------
# resolvers
# --------------------------------------------------------------------------------------------------


def _consistent(coarse: PubDate, fine: PubDate) -> bool:
    if coarse.date is None or fine.date is None:
        return False
    if coarse.precision == "year":
        return coarse.date.year == fine.date.year
    if coarse.precision == "month":
        return (coarse.date.year, coarse.date.month) == (fine.date.year, fine.date.month)
    return coarse.date == fine.date


def _merge(best: PubDate | None, new: PubDate | None) -> PubDate | None:
    """Keep ``best`` unless ``new`` is finer and agrees with it."""
    if new is None or new.date is None:
        return best
    if best is None or best.date is None:
        return new
    if _PRECISION_RANK[new.precision] > _PRECISION_RANK[best.precision] and _consistent(best, new):
        return new
    return best


def _year_for_partial(month: int, day: int, best: PubDate | None, latest: dt.date | None) -> int | None:
    if best is not None and best.date is not None and best.precision in ("year", "month"):
        if best.precision == "month" and best.date.month != month:
            return None
        return best.date.year
    if latest is not None:
        for year in (latest.year, latest.year + 1):
            cand = _make_date(year, month, day)
            if cand is not None and 0 <= (cand - latest).days <= _PARTIAL_YEAR_GAP:
                return year
    return None


def _metadata(doc: RawDocument, language: str | None, today: dt.date) -> PubDate | None:
    if not doc.published:
        return None
    pd = parse_date_string(doc.published, language, today=today)
    if pd is None:
        log.debug("unusable published date %r for %s", doc.published, doc.path or doc.url)
        return None
    origin: DateOrigin = (
        doc.published_origin if doc.published_origin in ("metadata", "header") else "metadata"
    )
    return replace(pd, origin=origin)


class MetadataOnlyDateResolver:
    """Pass-through: the date the reader found in the input's metadata, nothing else."""

    def __init__(self, today: dt.date | None = None) -> None:
        self._today = today

    def resolve(self, doc: RawDocument, body: str, language: str | None) -> PubDate:
        return _metadata(doc, language, self._today or dt.date.today()) or PubDate.unknown()


class RuleDateResolver:
    """Metadata, then the URL, then the dateline, then what the text can honestly say (see module doc).

    ``use_url``: read dates from URL paths. ``use_text``: let dates mentioned in the body give a
    (usually coarse) date when nothing better exists. ``today`` fixes "now" for the future-date check.
    """

    def __init__(
        self,
        *,
        use_url: bool = True,
        use_text: bool = True,
        text_policy: TextPolicy = "anchored",
        today: dt.date | None = None,
    ) -> None:
        self.use_url = use_url
        self.use_text = use_text
        self.text_policy: TextPolicy = text_policy
        self._today = today

    def resolve(self, doc: RawDocument, body: str, language: str | None) -> PubDate:
        today = self._today or dt.date.today()
        language = language or doc.language
        best = _metadata(doc, language, today)
        if _done(best):
            return best  # type: ignore[return-value]
        if self.use_url and doc.url:
            best = _merge(best, date_from_url(doc.url, today=today))
            if _done(best):
                return best  # type: ignore[return-value]
        g = _grammar(language)
        body = body or doc.text or ""
        same = not doc.text or doc.text == body
        norm_body = _normalize(body[:_MAX_TEXT_SCAN]) if same else None
        raw_head = (
            norm_body[:_KEYWORD_SCAN] if norm_body is not None else _normalize(doc.text[:_KEYWORD_SCAN])
        )
        dl = _find_dateline(raw_head, g, today)
        if dl.full is None and dl.partial is None and doc.text and body[:200] not in doc.text[:_KEYWORD_SCAN]:
            alt = _find_dateline(_normalize(body[:_KEYWORD_SCAN]), g, today)
            dl = alt if (alt.full or alt.partial) else replace(dl, weekday=dl.weekday or alt.weekday)
        best = _merge(best, dl.full)
        if _done(best):
            return best  # type: ignore[return-value]
        ev: _TextEvidence | None = None

        def evidence() -> _TextEvidence:
            nonlocal ev
            if ev is None:
                text = norm_body if norm_body is not None else _normalize(body[:_MAX_TEXT_SCAN])
                ev = _text_evidence(text, g, today, dl.weekday)
            return ev

        if dl.partial is not None:
            year = _year_for_partial(*dl.partial, best, None)
            if year is None:
                year = _year_for_partial(*dl.partial, best, evidence().latest)
            if year is not None:
                best = _merge(best, _checked(year, dl.partial[0], dl.partial[1], "day", "dateline", today))
                if _done(best):
                    return best  # type: ignore[return-value]
        if dl.updated is not None:
            # "Updated: D" is an upper bound; with the text's lower bound it can still pin the day or month
            lower = max((d for d in evidence().dates if d != dl.updated), default=None)
            best = _merge(best, _between(lower, dl.updated))
            if _done(best):
                return best  # type: ignore[return-value]
        if self.use_text:
            estimate = _text_estimate(evidence(), self.text_policy)
            if (
                estimate is not None
                and dl.updated is not None
                and estimate.date
                and estimate.date > dl.updated
            ):
                estimate = None
            best = _merge(best, estimate)
        return best or PubDate.unknown()


def _between(lower: dt.date | None, upper: dt.date) -> PubDate | None:
    if lower is None or lower > upper:
        return None
    if lower == upper:
        return PubDate(upper, "day", "dateline")
    if (lower.year, lower.month) == (upper.year, upper.month):
        return _pub(upper, "month", "dateline")
    return None


def _done(pd: PubDate | None) -> bool:
    return pd is not None and pd.precision == "day"


def iter_full_dates(text: str, language: str | None = None) -> Iterator[dt.date]:
    """Every complete date written in ``text`` (for other stages, e.g. event time spans), in order."""
    for hit in _full_dates(_normalize(text), _grammar(language)):
        yield hit.date
