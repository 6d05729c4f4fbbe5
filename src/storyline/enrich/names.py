"""Proper-name candidates found with patterns, as clustering features.

No multilingual NER model is available offline, so names are found by capitalisation in scripts that have
case (Latin, Cyrillic, Greek, Armenian ...):

* a name is a maximal run of capitalised words ("Hassan Diab", "Ever Given", "Süleyman Soylu"), acronyms
  included ("AFAD", "NATO"); up to two lowercase particles may join capitalised words ("Charles de Gaulle",
  "Ursula von der Leyen", "Osama bin Laden") and Arabic article prefixes or French elisions may start one
  ("al-Sisi", "l'Élysée" -> "Élysée");
* a run is split at possessives and case suffixes ("Egypt's Abdel Fattah al-Sisi"), at acronyms ("МЧС
  Александр Куренков"), in Title Case headlines at common words, and in German at common nouns;
* titles in front are dropped anywhere ("President Emmanuel Macron", "Bundeskanzler Olaf Scholz"),
  articles and conjunctions only at a sentence start ("The Ever Given", but "Los Angeles" stays), month
  and weekday names everywhere (from babel, in 15 languages);
* a single word that starts a sentence is dropped if it is a frequent word (per wordfreq: "However",
  "Police") and otherwise kept only if the text also has it where its capital means a name ("Rescuers
  found ..." yields nothing, "Rabie said ..." counts when "Osama Rabie" is there too);
* German: single words that are frequent, have a noun ending (-ung, -heit ...) or are compounds of common
  words ("Feuerwehrleute", "Geberkonferenz") are nouns, not names; genitive -s is cut ("Beiruts");
* possessives and Turkish case suffixes after an apostrophe are cut ("Macron's", "Erdoğan'ın").

Keys are casefolded, accent-free, with ASCII apostrophes and single spaces ("Recep Tayyip Erdoğan" ->
"recep tayyip erdogan"). In languages that inflect names (ru uk be bg pl cs sk sl hr) a case ending is cut
from each word, so "Путин", "Путина" and "Путину" give one key ("путин").

Surnames: a name of two to four words whose last word is no common word (wordfreq zipf < 4) also yields its
last word as a second key right after the full one ("Emmanuel Macron" -> "emmanuel macron", "macron"). News
names a person in full once and by surname afterwards; the extra key lets an article that names the person
only in full meet one that uses the surname. Organisation names end in common words ("United Nations",
"Red Cross") and get no extra key; very famous surnames are frequent words to wordfreq and get none either
(their later bare mentions give the key anyway).

Scripts without case: Chinese and Japanese write foreign names with a middle dot, a sound pattern
("埃马纽埃尔·马克龙", "エマニュエル・マクロン"): the full name and its last part are returned
(Chinese parts are runs of characters used in transliteration). Arabic, Persian, Hebrew, and
Chinese/Japanese names without the dot have no reliable surface pattern and yield nothing. Keys are per
script ("macron" and "马克龙" do not meet): cross-lingual matching relies on places.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import unicodedata

logger = logging.getLogger(__name__)

# Lowercase particles allowed between two capitalised words of one name.
_PARTICLES = frozenset(
    "de del della dei degli di da das dos do du des la le van von der den ter ten zu bin ibn ben abu bint "
    "al el af av".split()
)
# Lowercase prefixes that may start a capitalised word: "al-Assad", "el-Sisi", "d'Estaing", "bin-Salman".
_PREFIX_RE = re.compile(r"^(?:al|el|ad|as|ash|at|az|an|ar|bin|ibn|abu|d|l)[-'’]\w", re.IGNORECASE)
# Words that start a sentence, quotation, line or list item before them.
_SENTENCE_BREAKS = frozenset(".!?:;\"“”«»„—–•|()[]\n'`‘’")
# Titles dropped in front of a name wherever they stand (casefolded, without accents).
_TITLES = frozenset(
    """
    mr mrs ms dr prof sir dame lord lady president prime minister secretary chancellor king queen prince
    princess emir sheikh sultan pope cardinal archbishop bishop imam rabbi colonel captain lieutenant sergeant
    admiral commander judge justice senator representative governor mayor ambassador envoy spokesman
    spokeswoman spokesperson director chairman chairwoman ceo founder coach officer detective inspector
    herr frau prasident prasidentin bundeskanzler bundeskanzlerin kanzler kanzlerin minister ministerin
    aussenminister aussenministerin innenminister innenministerin ministerprasident regierungschef staatschef
    burgermeister papst konig sprecher sprecherin generalsekretar erzbischof
    m mme president presidente ministre roi reine pape maire
    senor don dona rey reina papa alcalde signor ministro
    senhor
    pan pani prezydent ministrem krol papiez
    sayin bakan bakani baskan baskani cumhurbaskani
    президент премьер министр глава мэр король папа господин госпожа
    """.split()
)
# Articles dropped from the front of a run that starts a sentence ("The Ever Given"); other languages'
# articles are left, as they start place names ("Los Angeles", "Le Havre", "Il Cairo").
_ARTICLES = frozenset(
    """
    the a an this that these those his her its their our my your but and or so yet then now when while after
    before if as in on at for with from by to of also meanwhile however although though since because
    der die das den dem des ein eine einer und aber auch doch dann als wenn nach vor im am um mit fur von bei
    mais et puis selon pour dans avec apres avant pero segun para con tras ma secondo per dopo
    ale w we po dla ve ama ile но и в во по после для
    """.split()
)
_FREQ_LOCK = threading.Lock()
_MONTHS: frozenset[str] | None = None
_CALENDAR_LANGS = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "tr", "sv", "da", "nb", "cs")

# Chinese/Japanese foreign names written with a middle dot between the parts. Chinese has no spaces, so
# a part is a run of characters commonly used to transliterate foreign names; Japanese parts are katakana.
_DOTS = "·•・‧"
_ZH_TRANSLIT = (
    "阿埃艾爱安昂奥澳巴芭拜班邦保鲍贝本比彼毕别宾波伯博布采查柴达戴丹当道德登迪蒂丁东杜敦多厄恩尔法凡范菲费"
    "芬丰弗福富盖甘冈高戈哥格根古瓜圭哈海汉豪赫黑亨洪胡华霍基吉季加贾杰捷金久居卡凯坎康考柯科克肯库夸奎拉"
    "莱赖兰朗劳勒雷蕾里理利莉丽连列林琳卢鲁路伦罗洛马玛迈麦曼梅美蒙孟米密敏明摩莫姆穆纳娜奈南内妮尼宁纽"
    "努诺欧帕派潘庞佩彭皮珀普奇齐恰乔切钦琴丘屈让热瑞若萨塞赛桑瑟森沙莎山尚绍舍申什施史斯宋苏索塔泰坦唐"
    "陶特提廷通图托瓦万旺威韦维魏温文沃乌伍武西希锡夏谢辛休雅亚扬耶叶伊易因英尤于约泽扎詹珍朱兹佐"
    "龙隆京嘉佳凯荷赫鹏蓬鹿露璐茨茲策岑津泰坎坦廷奥勃德弗兰雷姆斯基夫娃科维奇娅缇芙"
)
_ZH_DOT_NAME_RE = re.compile(rf"[{_ZH_TRANSLIT}]{{1,8}}(?:[{_DOTS}][{_ZH_TRANSLIT}]{{1,8}})+")
_JA_DOT_NAME_RE = re.compile(rf"[\u30a1-\u30fa\u30fc]{{1,12}}(?:[{_DOTS}][\u30a1-\u30fa\u30fc]{{1,12}})+")


_FOLD_EXTRA = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "’": "'", "‘": "'"})


_FOLD_CACHE: dict[str, str] = {}


def _fold(s: str) -> str:
    """Casefold, strip accents, unify apostrophes: the key of a name."""
    if s.isascii():
        return s.lower()
    f = _FOLD_CACHE.get(s)
    if f is None:
        d = unicodedata.normalize("NFKD", s.casefold())
        f = "".join(c for c in d if not unicodedata.combining(c)).translate(_FOLD_EXTRA)
        if len(_FOLD_CACHE) > 100_000:
            _FOLD_CACHE.clear()
        _FOLD_CACHE[s] = f
    return f


def _calendar_words() -> frozenset[str]:
    """Month and weekday names (wide and abbreviated) in many languages, folded."""
    global _MONTHS
    if _MONTHS is not None:
        return _MONTHS
    with _FREQ_LOCK:
        if _MONTHS is None:
            words: set[str] = set()
            try:
                from babel import Locale

                for lang in _CALENDAR_LANGS:
                    loc = Locale.parse(lang)
                    for table in (loc.months, loc.days):
                        for context in ("format", "stand-alone"):
                            for width in ("wide", "abbreviated"):
                                for name in table.get(context, {}).get(width, {}).values():
                                    words.add(_fold(name).rstrip("."))
            except (ImportError, ValueError, LookupError) as exc:  # pragma: no cover - babel missing
                logger.warning("no month names from babel: %s", exc)
            _MONTHS = frozenset(w for w in words if w)
    return _MONTHS


def _zipf(word: str, lang: str) -> float:
    try:
        import wordfreq

        freqs = wordfreq.get_frequency_dict(lang, wordlist="best")  # cached by wordfreq
    except (ImportError, LookupError, ValueError, OSError):
        return 0.0
    f = freqs.get(word)
    return math.log10(f) + 9.0 if f else 0.0


_WF_LANGS: frozenset[str] | None = None


def _wordfreq_lang(language: str | None) -> str:
    global _WF_LANGS
    if _WF_LANGS is None:
        try:
            import wordfreq

            _WF_LANGS = frozenset(wordfreq.available_languages())
        except ImportError:  # pragma: no cover
            _WF_LANGS = frozenset()
    lang = re.split(r"[-_]", language or "en")[0].lower()
    return lang if lang in _WF_LANGS else "en"


def _strip_suffix(word: str) -> str:
    """Cut a possessive or Turkish case suffix after an apostrophe ("Macron's", "Erdoğan'ın") and a
    lowercase hyphenated tail ("Beirut-based")."""
    for apo in ("'", "’"):
        k = word.rfind(apo)
        if k > 0:
            tail = word[k + 1 :]
            if tail and tail.islower() and len(tail) <= 5:
                word = word[:k]
                break
    k = word.rfind("-")
    if k > 0 and word[k + 1 :].islower() and not word[:k].islower() and "-" not in word[:k]:
        word = word[:k]
    return word


def _upper_class() -> str:
    chars = [chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) in ("Lu", "Lt")]
    ranges: list[str] = []
    start = prev = ord(chars[0])
    for ch in chars[1:] + ["\U0010ffff"]:
        o = ord(ch)
        if o != prev + 1:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
            start = o
        prev = o
    return "".join(ranges)


_UP = _upper_class()
_L = r"[^\W\d_]"  # a letter (texts are NFC-normalised first, so accents are part of their letters)
# A capitalised word, possibly after an elided article or an Arabic-style prefix ("l'Élysée", "al-Sisi"),
# possibly hyphenated or with an apostrophe inside or after ("Notre-Dame", "O'Brien", "Macron's").
_CAP_WORD = rf"(?:(?:[lLdD]|[aA][lnrstz]|[eE]l|[aA]sh|[bB]in|[iI]bn|[aA]bu)[-'’])?[{_UP}]{_L}*(?:[-'’]{_L}+)*"
_PARTICLE_ALT = "|".join(sorted(_PARTICLES, key=len, reverse=True))
# A run of capitalised words, with up to two lowercase particles between two of them.
_RUN_RE = re.compile(rf"\b{_CAP_WORD}(?:(?:[ \t]+(?:{_PARTICLE_ALT})){{0,2}}[ \t]+{_CAP_WORD})*")
_SPLIT_WORDS_RE = re.compile(r"[ \t]+")
_ELISION_RE = re.compile(r"^(?:[lLdDjJnNsScCmMtT]|[qQ]u|[dDnNaAsS]ell|[dD]all|[uU]n)['’](?=\w)")
_ROMAN_RE = re.compile(r"^[IVXLCDM]+$")
_LINE_CAPS_RE = re.compile(rf"\b[{_UP}]")
_LINE_WORDS_RE = re.compile(rf"\b{_L}{{2,}}")


def find_names(text: str, language: str | None = None) -> list[str]:
    """Normalised proper-name keys in ``text``, one per mention, in text order (see the module doc).

    A multi-word person-like name is followed by its last word as a second key.
    """
    if not text:
        return []
    lang = _wordfreq_lang(language)
    out: list[str] = []
    if any(d in text for d in _DOTS):
        found = sorted(
            [*_ZH_DOT_NAME_RE.finditer(text), *_JA_DOT_NAME_RE.finditer(text)], key=lambda m: m.start()
        )
        for m in found:
            parts = re.split(f"[{_DOTS}]", m.group())
            out.append("·".join(parts))
            out.append(parts[-1])
    if text != text.lower():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        out.extend(_cased_names(text, lang))
    return out


def _freqs(lang: str) -> dict[str, float]:
    try:
        import wordfreq

        return wordfreq.get_frequency_dict(lang, wordlist="best")  # cached by wordfreq
    except (ImportError, LookupError, ValueError, OSError):  # pragma: no cover
        return {}


_RUN_CACHE: dict[tuple[str, str, bool, bool], tuple[tuple[str, bool], ...]] = {}


def _cased_names(text: str, lang: str) -> list[str]:
    months = _calendar_words()
    freqs = _freqs(lang)
    title_lines: dict[int, bool] = {}
    cache = _RUN_CACHE
    found: list[tuple[str, bool]] = []  # (key, doubtful)
    for m in _RUN_RE.finditer(text):
        start = m.start()
        # the run starts a sentence if only spaces separate it from a sentence break or the text start
        k = start - 1
        while k >= 0 and text[k] in " \t":
            k -= 1
        initial = k < 0 or text[k] in _SENTENCE_BREAKS
        line_start = text.rfind("\n", 0, start) + 1
        title = title_lines.get(line_start)
        if title is None:
            title = _title_case_line(text, line_start)
            title_lines[line_start] = title
        run = m.group()
        ck = (lang, run, initial, title)
        keys = cache.get(ck)
        if keys is None:
            keys = tuple(_names_in_run(_SPLIT_WORDS_RE.split(run), initial, title, lang, freqs, months))
            if len(cache) > 100_000:
                cache.clear()
            cache[ck] = keys
        found.extend(keys)
    # a doubtful word (capitalised only because it starts a sentence) counts if the text also has it
    # where the capital means a name
    sure = {key for key, doubtful in found if not doubtful}
    return [key for key, doubtful in found if not doubtful or key in sure]


def _names_in_run(
    run: list[str], initial: bool, title: bool, lang: str, freqs: dict[str, float], months: frozenset[str]
) -> list[tuple[str, bool]]:
    """Split a run of capitalised words into names: at possessives ("Egypt's Abdel Fattah al-Sisi"), at
    acronyms ("МЧС Александр Куренков"), in Title Case headlines at common words, and in German at nouns
    ("Millionen Euro Soforthilfe")."""
    german = lang in ("de", "lb")
    segments: list[list[str]] = []
    cur: list[str] = []
    cur_acronym = False
    for w in run:
        e = _ELISION_RE.match(w)
        if e and w[e.end()].isupper():
            w = w[e.end() :]
        stripped = _strip_suffix(w)
        if german and stripped.endswith("s") and not stripped.endswith("ss"):
            base = stripped[:-1]  # genitive: "Beiruts", "Hafens"
            if _zipf_in(freqs, base.lower()) > _zipf_in(freqs, stripped.lower()) + 0.5:
                stripped = base
        acronym = len(stripped) >= 2 and stripped.isupper() and stripped.isalpha()
        skip = (
            w[0].isupper()
            and not acronym
            and (
                (title and _zipf_in(freqs, stripped.lower()) >= 4.0)
                or (german and _german_noun(stripped, freqs))
            )
        )
        if cur and (acronym != cur_acronym or skip):
            segments.append(cur)
            cur = []
        if skip:
            continue
        cur.append(stripped)
        cur_acronym = acronym
        if stripped != w and not german:  # a possessive or case suffix ends the name
            segments.append(cur)
            cur = []
    if cur:
        segments.append(cur)
    out: list[tuple[str, bool]] = []
    for n, seg in enumerate(segments):
        out.extend(_names_in_segment(seg, (initial and n == 0) or title, lang, freqs, months))
    return out


# Endings cut from the words of a key in languages that inflect names ("Путина" -> "путин").
_ENDINGS = {
    "ru": "ами ями ого его ому ему ыми ими ой ей ом ем ую юю ая яя ое ее ые ие ых их ым им ах ях "
    "а я у ю е ы и о ь й",
    "pl": "ami ach owi iem em ego emu ej ą ę a u y i e o",
    "cs": "ami ovi em ou ech y u e a i o",
}
for _lang, _alias in (("uk", "ru"), ("be", "ru"), ("bg", "ru"), ("sk", "cs"), ("sl", "cs"), ("hr", "cs")):
    _ENDINGS[_lang] = _ENDINGS[_alias]
_ENDING_LISTS = {k: sorted(v.split(), key=len, reverse=True) for k, v in _ENDINGS.items()}


def _stem(key: str, lang: str) -> str:
    """Cut a case ending from each word of a key, so that the cases of one name meet."""
    endings = _ENDING_LISTS.get(lang)
    if not endings:
        return key
    out = []
    for word in key.split(" "):
        for e in endings:
            if word.endswith(e) and len(word) - len(e) >= 3:
                word = word[: -len(e)]
                break
        out.append(word)
    return " ".join(out)


# Word ends that make a German word a noun rather than a name, and compound tails common in names.
_DE_NOUN_SUFFIXES = (
    "ung",
    "heit",
    "keit",
    "schaft",
    "tion",
    "tät",
    "ium",
    "ismus",
    "ien",
    "nen",
    "ern",
    "rung",
)
_DE_NAME_TAILS = frozenset(
    "berg burg dorf feld stadt heim hausen mann bach stein hof thal tal see ow itz".split()
)


def _german_noun(word: str, freqs: dict[str, float]) -> bool:
    """A common German noun or a compound of common words ("Feuerwehrleute", "Geberkonferenz")."""
    w = word.lower()
    z = _zipf_in(freqs, w)
    if z >= 4.0 and w.endswith(_DE_NOUN_SUFFIXES):
        return True
    return _german_compound(word, freqs)


def _title_case_line(text: str, line_start: int) -> bool:
    """A headline in Title Case: no final full stop, four words or more, three in four capitalised."""
    line_end = text.find("\n", line_start)
    line = text[line_start : line_end if line_end >= 0 else len(text)].rstrip()
    if not line or line[-1] in '.!?;:»”"' or len(line) > 300:
        return False
    n_words = len(_LINE_WORDS_RE.findall(line))
    return n_words >= 4 and len(_LINE_CAPS_RE.findall(line)) >= 0.75 * n_words


def _zipf_in(freqs: dict[str, float], word: str) -> float:
    f = freqs.get(word)
    return math.log10(f) + 9.0 if f else 0.0


def _german_compound(word: str, freqs: dict[str, float]) -> bool:
    """A German compound ending in a common word ("Feuerwehrleute", "Sandsturm"), not a name."""
    w = word.lower()
    for k in range(4, len(w) - 3):
        tail = w[k:]
        if tail not in _DE_NAME_TAILS and _zipf_in(freqs, tail) >= 4.0:
            return True
    return False


def _names_in_segment(
    words: list[str], initial: bool, lang: str, freqs: dict[str, float], months: frozenset[str]
) -> list[tuple[str, bool]]:
    german = lang in ("de", "lb")
    keys = [_fold(w) for w in words]
    # drop titles and articles in front ("President Emmanuel Macron"), calendar words at the ends
    cut = 0
    for k, key in enumerate(keys[:-1]):
        if (key in _TITLES or key in months) and not words[k][0].islower():
            cut = k + 1
    if cut:
        words, keys, initial = words[cut:], keys[cut:], False
    while keys and keys[-1] in months and (len(words) < 2 or not words[-2][0].islower()):
        words, keys = words[:-1], keys[:-1]  # "Hassan Diab Monday" but not "Rio de Janeiro"
    while initial and len(keys) > 1 and keys[0] in _ARTICLES:
        words, keys, initial = words[1:], keys[1:], False
    while keys and words[0][0].islower() and not _PREFIX_RE.match(words[0]):
        words, keys = words[1:], keys[1:]
    while keys and words[-1][0].islower() and not _PREFIX_RE.match(words[-1]):
        words, keys = words[:-1], keys[:-1]  # a particle left at an end
    if not keys:
        return []
    if len(keys) == 1:
        word = words[0]
        if len(word) < 2 or keys[0] in months or keys[0] in _TITLES or _ROMAN_RE.match(word):
            return []
        if word.isupper():  # an acronym, unless a shouted word ("IT", "WE", "THE")
            return [] if len(word) > 6 or _zipf_in(freqs, keys[0]) >= 5.0 else [(keys[0], False)]
        z = _zipf_in(freqs, word.lower())
        if initial:
            # "Rescuers found ...": a sentence's first word is a name only if the text also has it
            # where its capital means a name
            return [] if z >= 4.0 else [(_stem(keys[0], lang), True)]
        if german and z >= 4.0:
            return []
        return [(_stem(keys[0], lang), False)]
    out = [(_stem(" ".join(keys), lang), False)]
    last = words[-1]
    if 2 <= len(keys) <= 4 and len(last) >= 3 and not last.isupper() and _zipf_in(freqs, last.lower()) < 4.0:
        out.append((_stem(keys[-1], lang), False))
    return out
