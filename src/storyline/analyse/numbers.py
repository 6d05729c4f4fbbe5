"""Numbers in running text, in the demo languages: digits with each language's thousands and decimal
separators, Arabic-Indic and full-width digits, number words ("three", "trois", "drei", "tres", "три",
"ثلاثة", "三"), multipliers ("1.25 million", "5mila", "2 000 тысяч", "3万", "مليون"), CJK numerals.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# Languages writing "1.234,5" (dot thousands, comma decimals); "1 234,5" (space) counts as thousands too.
_COMMA_DECIMAL = {"de", "es", "it", "pt", "tr", "fr", "pl", "ru", "nl", "id"}

_WORDS: dict[str, dict[str, int]] = {}
for _lang, _lang_words in zip(("en", "fr", "de", "es", "it", "pt", "pl", "ru", "tr", "ar"), (
    "one 1 two 2 three 3 four 4 five 5 six 6 seven 7 eight 8 nine 9 ten 10 eleven 11 twelve 12 fifteen 15 "
    "twenty 20 thirty 30 forty 40 fifty 50 hundred 100 dozen 12 dozens 24 hundreds 200 thousands 2000",
    "deux 2 trois 3 quatre 4 cinq 5 sept 7 huit 8 neuf 9 dix 10 onze 11 douze 12 quinze 15 vingt 20 trente 30 "
    "cent 100 centaine 100 dizaine 10 dizaines 20 centaines 200 millier 1000 milliers 2000",
    "zwei 2 drei 3 vier 4 fünf 5 sechs 6 sieben 7 acht 8 neun 9 zehn 10 elf 11 zwölf 12 zwanzig 20 hundert 100 "
    "dutzend 12 dutzende 24 hunderte 200 tausende 2000",
    "dos 2 tres 3 cuatro 4 cinco 5 seis 6 siete 7 ocho 8 nueve 9 diez 10 once 11 doce 12 veinte 20 cien 100 "
    "centenar 100 decenas 20 centenares 200 cientos 200 miles 2000",
    "due 2 tre 3 quattro 4 cinque 5 sei 6 sette 7 otto 8 nove 9 dieci 10 venti 20 cento 100 centinaio 100 "
    "decine 20 centinaia 200 migliaia 2000",
    "duas 2 três 3 quatro 4 cinco 5 seis 6 sete 7 oito 8 nove 9 dez 10 vinte 20 cem 100 dezenas 20 centenas 200 "
    "milhares 2000",
    "dwa 2 dwie 2 trzy 3 cztery 4 pięć 5 sześć 6 siedem 7 osiem 8 dziewięć 9 dziesięć 10 dwudziestu 20 sto 100 "
    "dwóch 2 trzech 3 czterech 4 pięciu 5 setki 200 tysiące 2000",
    "два 2 две 2 три 3 четыре 4 пять 5 шесть 6 семь 7 восемь 8 девять 9 десять 10 двое 2 трое 3 двадцать 20 "
    "сто 100 десятки 20 сотни 200 тысячи 2000 двух 2 трех 3 трёх 3",
    "iki 2 üç 3 dört 4 beş 5 altı 6 yedi 7 sekiz 8 dokuz 9 on 10 yirmi 20 yüz 100 yüzlerce 200 binlerce 2000",
    "اثنان 2 اثنين 2 ثلاثة 3 ثلاث 3 أربعة 4 أربع 4 خمسة 5 خمس 5 ستة 6 سبعة 7 ثمانية 8 تسعة 9 عشرة 10 عشر 10 "
    "عشرين 20 عشرون 20 مئة 100 مائة 100 مئات 200 آلاف 2000",
), strict=True):
    _parts = _lang_words.split()
    _WORDS[_lang] = {w: int(v) for w, v in zip(_parts[::2], _parts[1::2], strict=True)}

_MULT: dict[str, float] = {}
for _entry in (
    "thousand 1e3 million 1e6 millions 1e6 billion 1e9 billions 1e9 bn 1e9 mn 1e6 m 1e6",
    "mille 1e3 milliers 1e3 millier 1e3 milliard 1e9 milliards 1e9",
    "tausend 1e3 mio 1e6 million 1e6 millionen 1e6 mrd 1e9 milliarde 1e9 milliarden 1e9",
    "mil 1e3 millón 1e6 millones 1e6 millon 1e6",
    "mila 1e3 milione 1e6 milioni 1e6 miliardo 1e9 miliardi 1e9",
    "milhão 1e6 milhões 1e6 bilhão 1e9 bilhões 1e9 mil 1e3",
    "tys 1e3 tysiąc 1e3 tysięcy 1e3 tysiące 1e3 mln 1e6 milion 1e6 milionów 1e6 miliony 1e6 mld 1e9 miliard 1e9",
    "тыс 1e3 тысяч 1e3 тысячи 1e3 тысяча 1e3 млн 1e6 миллион 1e6 миллиона 1e6 миллионов 1e6 млрд 1e9 "
    "миллиард 1e9 миллиардов 1e9",
    "bin 1e3 milyon 1e6 milyar 1e9",
    "ألف 1e3 آلاف 1e3 الف 1e3 مليون 1e6 ملايين 1e6 مليار 1e9 مليارات 1e9",
):
    _parts = _entry.split()
    for _w, _v in zip(_parts[::2], _parts[1::2], strict=True):
        _MULT[_w] = float(_v)
_CJK_MULT = {"千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
               "八": 8, "九": 9}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}

# digits with optional separators: 1,234,567.8 / 1.234.567,8 / 1 234 567 / 1'234
_DIGITS = r"\d{1,3}(?:(?:[,.' \u00a0\u202f\u2009])\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_MULT_WORDS = sorted(_MULT, key=len, reverse=True)


@functools.lru_cache(maxsize=32)
def _number_re(lang: str) -> re.Pattern[str]:
    words = _WORDS.get(lang, {})
    word_alt = "|".join(sorted(map(re.escape, words), key=len, reverse=True)) or r"(?!x)x"
    mult_alt = "|".join(map(re.escape, _MULT_WORDS))
    return re.compile(
        r"(?<![0-9.,A-Za-z\u00c0-\u024f\u0400-\u04ff])(?P<digits>" + _DIGITS + r")"
        r"(?:\s?(?P<mult>" + mult_alt + r")\.?(?!\w))?"
        r"(?P<cjkmult>[千万萬亿億])?"
        r"|(?<!\w)(?P<word>" + word_alt + r")(?:\s(?P<wmult>" + mult_alt + r"))?(?!\w)"
        r"|(?P<cjk>[〇零一二两兩三四五六七八九十百千]+[万萬亿億]?)",
        re.IGNORECASE,
    )


# Vague number words: "thousands" is at least 2,000, "une centaine" about 100.
VAGUE_AT_LEAST = {"dozens", "hundreds", "thousands", "dizaines", "centaines", "milliers", "dutzende", "hunderte",
                  "tausende", "decenas", "centenares", "cientos", "miles", "decine", "centinaia", "migliaia",
                  "dezenas", "centenas", "milhares", "setki", "tysiące", "десятки", "сотни", "тысячи", "yüzlerce",
                  "binlerce", "مئات", "آلاف"}
VAGUE_ABOUT = {"dozen", "dizaine", "centaine", "millier", "dutzend", "centenar", "centinaio"}


@dataclass
class Number:
    value: float
    start: int
    end: int
    text: str
    is_word: bool = False
    vague: str | None = None  # "at_least" or "about" for vague number words


def normalise_digits(text: str) -> str:
    """Arabic-Indic, Persian and full-width digits to ASCII, same length (offsets stay valid)."""
    out = []
    for ch in text:
        if ch.isdigit() and not ("0" <= ch <= "9"):
            try:
                out.append(str(unicodedata.digit(ch)))
                continue
            except (TypeError, ValueError):
                pass
        if ch in "٫":
            out.append(".")
        elif ch in "٬":
            out.append(",")
        else:
            out.append(ch)
    return "".join(out)


def parse_digits(s: str, language: str | None) -> float | None:
    s = s.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ").replace("'", "")
    comma_decimal = (language or "").split("-")[0] in _COMMA_DECIMAL
    groups = re.split(r"[ ,.]", s)
    seps = re.findall(r"[ ,.]", s)
    if not seps:
        return float(s)
    if " " in seps:  # a space only ever separates thousands
        head = s.replace(" ", "")
        return parse_digits(head, language)
    if len(set(seps)) == 2:  # both: the last one is the decimal mark
        dec = seps[-1]
        whole = "".join(groups[:-1])
        return float(f"{whole}.{groups[-1]}") if dec else None
    sep = seps[0]
    thousands_like = all(len(g) == 3 for g in groups[1:])
    if len(seps) > 1:
        return float("".join(groups)) if thousands_like else None
    # one separator
    if thousands_like and ((sep == "," and not comma_decimal) or (sep == "." and comma_decimal)):
        return float("".join(groups))
    return float(f"{groups[0]}.{groups[1]}")


def cjk_int(s: str) -> int | None:
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in _CJK_DIGITS:
            digit = _CJK_DIGITS[ch]
        elif ch in _CJK_UNITS:
            section += (digit if digit is not None else 1) * _CJK_UNITS[ch]
            digit = None
        elif ch in ("万", "萬", "亿", "億"):
            section += digit or 0
            total += section * (10_000 if ch in "万萬" else 100_000_000)
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def find_numbers(text: str, language: str | None) -> list[Number]:
    """Every number in ``text`` (which should already have gone through :func:`normalise_digits`)."""
    out = []
    lang = (language or "").split("-")[0]
    words = _WORDS.get(lang, {})
    for m in _number_re(lang).finditer(text):
        if m.group("digits"):
            value = parse_digits(m.group("digits"), language)
            if value is None:
                continue
            mult = m.group("mult")
            if mult:
                key = mult.lower()
                # "m" alone is a multiplier only after a currency ("$1.5m"), never "5 m" (metres)
                if key == "m" and not re.search(r"[$€£]\s*$", text[max(0, m.start() - 3):m.start()]):
                    out.append(Number(value, m.start(), m.start("mult") - (1 if text[m.start("mult") - 1] == " "
                                                                          else 0), m.group("digits")))
                    continue
                value *= _MULT.get(key, 1.0)
            if m.group("cjkmult"):
                value *= _CJK_MULT[m.group("cjkmult")]
            out.append(Number(value, m.start(), m.end(), m.group(0)))
        elif m.group("word"):
            value = float(words[m.group("word").lower()])
            if m.group("wmult"):
                value *= _MULT.get(m.group("wmult").lower(), 1.0)
            w = m.group("word").lower()
            vague = "at_least" if w in VAGUE_AT_LEAST else "about" if w in VAGUE_ABOUT else None
            out.append(Number(value, m.start(), m.end(), m.group(0), is_word=True, vague=vague))
        elif m.group("cjk"):
            if (language or "")[:2] not in ("zh", "ja") or m.group("cjk") in ("一",):
                continue
            v = cjk_int(m.group("cjk"))
            if v:
                out.append(Number(float(v), m.start(), m.end(), m.group(0), is_word=True))
    return out
