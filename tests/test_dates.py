"""Publication-date resolution: metadata strings, URLs, datelines and text evidence in many languages.

Every fixture here is written for these tests. Positive cases check the date, precision and origin;
the "stays unknown" cases check that the resolver does not guess.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from storyline.enrich.dates import (
    DateResolver,
    MetadataOnlyDateResolver,
    RuleDateResolver,
    date_from_url,
    iter_full_dates,
    parse_date_string,
)
from storyline.enrich.dates import _jalali_to_gregorian as jalali
from storyline.model import PubDate, RawDocument

TODAY = dt.date(2025, 6, 1)
D = dt.date


def resolve(
    text: str,
    language: str | None,
    *,
    published: str | None = None,
    origin: str = "metadata",
    url: str | None = None,
    **kwargs: object,
) -> PubDate:
    doc = RawDocument(text=text, published=published, url=url)
    doc.published_origin = origin  # type: ignore[assignment]
    return RuleDateResolver(today=TODAY, **kwargs).resolve(doc, text, language)  # type: ignore[arg-type]


def day(pd: PubDate | None) -> tuple[dt.date | None, str, str] | None:
    return None if pd is None else (pd.date, pd.precision, pd.origin)


# ------------------------------------------------------------------------------------------------
# parse_date_string
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("2021-03-30", None, D(2021, 3, 30)),
        ("2021-03-30T18:20:00Z", None, D(2021, 3, 30)),
        # the calendar day as written in its own time zone, not converted to UTC
        ("2021-03-30T23:30:00-05:00", None, D(2021, 3, 30)),
        ("2021-03-31T01:00:00+09:00", None, D(2021, 3, 31)),
        ("2021-03-30 08:15:00.123456+0200", None, D(2021, 3, 30)),
        ("20210330", None, D(2021, 3, 30)),
        ("2021/03/30", None, D(2021, 3, 30)),
        ("Tue, 30 Mar 2021 23:20:00 -0500", None, D(2021, 3, 30)),
        ("1616544000", None, D(2021, 3, 24)),
        ("April 13, 2021", "en", D(2021, 4, 13)),
        ("Sept. 9, 2023", "en", D(2023, 9, 9)),
        ("Wednesday, March 24th 2021, 11:42 am", None, D(2021, 3, 24)),
        ("13 avril 2021", "fr", D(2021, 4, 13)),
        ("mardi 13 avril 2021 à 10h30", "fr", D(2021, 4, 13)),
        ("1er mai 2020", "fr", D(2020, 5, 1)),
        ("13. April 2021", "de", D(2021, 4, 13)),
        ("13 de abril de 2021", "es", D(2021, 4, 13)),
        ("13 de abril de 2021", "pt", D(2021, 4, 13)),
        ("13 aprile 2021", "it", D(2021, 4, 13)),
        ("13 april 2021", "nl", D(2021, 4, 13)),
        ("13 апреля 2021 г.", "ru", D(2021, 4, 13)),
        ("13 квітня 2021 року", "uk", D(2021, 4, 13)),
        ("13 kwietnia 2021", "pl", D(2021, 4, 13)),
        ("13 Nisan 2021 Salı", "tr", D(2021, 4, 13)),
        ("13 NİSAN 2021", "tr", D(2021, 4, 13)),
        ("13 أبريل 2021", "ar", D(2021, 4, 13)),
        ("١٣ نيسان ٢٠٢١", "ar", D(2021, 4, 13)),
        ("2021年4月13日", "zh", D(2021, 4, 13)),
        ("二〇二一年四月十三日", "zh", D(2021, 4, 13)),
        ("2021年4月13日 10時30分", "ja", D(2021, 4, 13)),
        ("令和3年4月13日", "ja", D(2021, 4, 13)),
        ("2021년 4월 13일", "ko", D(2021, 4, 13)),
        ("۲۴ فروردین ۱۴۰۰", "fa", D(2021, 4, 13)),  # Solar Hijri
        ("24 آوریل 2021", "fa", D(2021, 4, 24)),
        ("13/04/2021", "fr", D(2021, 4, 13)),
        ("04/05/2021", "fr", D(2021, 5, 4)),  # day first outside English
        ("04/13/2021", "en", D(2021, 4, 13)),  # unambiguous
        ("13.04.2021", None, D(2021, 4, 13)),
        ("24/03/21 11:42", "tr", D(2021, 3, 24)),
        ("13-Apr-2021", "en", D(2021, 4, 13)),  # dateparser fallback
        ("13 avril 2021", None, D(2021, 4, 13)),  # no language: every lexicon
    ],
)
def test_parse_day(text: str, language: str | None, expected: dt.date) -> None:
    assert day(parse_date_string(text, language, today=TODAY)) == (expected, "day", "metadata")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("2021-04", None, D(2021, 4, 1)),
        ("avril 2021", "fr", D(2021, 4, 1)),
        ("April 2021", "en", D(2021, 4, 1)),
        ("abril de 2021", "es", D(2021, 4, 1)),
        ("2021年4月", "zh", D(2021, 4, 1)),
    ],
)
def test_parse_month(text: str, language: str | None, expected: dt.date) -> None:
    assert day(parse_date_string(text, language, today=TODAY)) == (expected, "month", "metadata")


def test_parse_year_and_ambiguous_numeric() -> None:
    assert day(parse_date_string("2021", today=TODAY)) == (D(2021, 1, 1), "year", "metadata")
    # 4 May or April 5? In English metadata we cannot tell: only the year is certain
    assert day(parse_date_string("04/05/2021", "en", today=TODAY)) == (D(2021, 1, 1), "year", "metadata")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "garbage",
        "2 days ago",
        "il y a 2 jours",
        "vor 3 Stunden",
        "13 avril",  # no year
        "2030-01-01",  # future
        "2025-06-03",  # more than a day after "today"
        "1850-01-01",  # too old
        "2021-02-30",  # not on the calendar
        "31.04.2021",
        "2021-13",
    ],
)
def test_parse_rejects(text: str) -> None:
    assert parse_date_string(text, "fr", today=TODAY) is None


def test_parse_accepts_tomorrow_but_not_later() -> None:
    assert parse_date_string("2025-06-02", today=TODAY) is not None
    assert parse_date_string("2025-06-03", today=TODAY) is None


def test_jalali_conversion() -> None:
    assert jalali(1400, 1, 1) == D(2021, 3, 21)
    assert jalali(1403, 1, 1) == D(2024, 3, 20)
    assert jalali(1399, 12, 30) == D(2021, 3, 20)
    assert jalali(1402, 6, 19) == D(2023, 9, 10)
    assert jalali(1402, 7, 31) is None


# ------------------------------------------------------------------------------------------------
# URLs
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected", "precision"),
    [
        ("https://news.example.com/world/2023/02/06/quake-turkey", D(2023, 2, 6), "day"),
        ("https://news.example.co.uk/world/2023/feb/25/toll-passes-50000", D(2023, 2, 25), "day"),
        ("https://www.example.cn/2021-03/24/c_ship.html", D(2021, 3, 24), "day"),
        ("https://www.example.cn/guoji/20230225/quake.html", D(2023, 2, 25), "day"),
        ("https://markets.example.com/oil-suez-blockage-20210325", D(2021, 3, 25), "day"),
        ("https://example.org/2021/03/ship-stuck", D(2021, 3, 1), "month"),
        # the archive timestamp is the crawl, not the publication
        (
            "http://web.archive.org/web/20160703083221/http://www.example.com/2015/03/14/x",
            D(2015, 3, 14),
            "day",
        ),
    ],
)
def test_url_dates(url: str, expected: dt.date, precision: str) -> None:
    assert day(date_from_url(url, today=TODAY)) == (expected, precision, "metadata")


@pytest.mark.parametrize(
    "url",
    [
        "http://web.archive.org/web/20151228131412/http://www.example.com/news/story/34494918",
        "https://example.com/story/28591178/police-child-shot",
        "https://example.com/2031/01/05/future",
        "https://example.com/2021/02/30/not-a-day-but-month-2-is-fine",
        "",
    ],
)
def test_url_without_day(url: str) -> None:
    pd = date_from_url(url, today=TODAY)
    assert pd is None or pd.precision != "day"


# ------------------------------------------------------------------------------------------------
# priority and merging
# ------------------------------------------------------------------------------------------------

WIRE_EN = "BEIRUT, Aug 4 (Reuters) - A huge explosion tore through the port of Beirut on Tuesday evening."


def test_metadata_beats_everything() -> None:
    text = "PARIS, 15 avril 2019 (AFP) - Un incendie a ravagé la cathédrale."
    pd = resolve(text, "fr", published="2019-04-16", url="https://x.fr/2019/04/17/a")
    assert day(pd) == (D(2019, 4, 16), "day", "metadata")


def test_header_origin_passes_through() -> None:
    pd = resolve("Some text.", "en", published="Tue, 23 Mar 2021 09:00:00 +0200", origin="header")
    assert day(pd) == (D(2021, 3, 23), "day", "header")


def test_bad_metadata_falls_through_to_dateline() -> None:
    text = "PARIS, 15 avril 2019 (AFP) - Un incendie a ravagé la cathédrale."
    assert day(resolve(text, "fr", published="n/a")) == (D(2019, 4, 15), "day", "dateline")
    assert day(resolve(text, "fr", published="2031-01-01")) == (D(2019, 4, 15), "day", "dateline")


def test_url_when_no_published_and_can_be_turned_off() -> None:
    url = "https://wire.example.com/world/2020/08/04/beirut-port-explosion"
    assert day(resolve(WIRE_EN, "en", url=url)) == (D(2020, 8, 4), "day", "metadata")
    assert resolve(WIRE_EN, "en", url=url, use_url=False).precision == "unknown"


def test_coarse_metadata_is_refined_by_an_agreeing_dateline() -> None:
    assert day(resolve(WIRE_EN, "en", published="2020-08")) == (D(2020, 8, 4), "day", "dateline")
    assert day(resolve(WIRE_EN, "en", published="2020")) == (D(2020, 8, 4), "day", "dateline")
    # a dateline that disagrees with the metadata month does not override it
    assert day(resolve(WIRE_EN, "en", published="2020-09")) == (D(2020, 9, 1), "month", "metadata")


def test_today_is_injectable() -> None:
    pd = RuleDateResolver(today=D(2021, 1, 1)).resolve(RawDocument("x", published="2021-03-24"), "x", "en")
    assert pd.precision == "unknown"


def test_resolvers_follow_the_protocol() -> None:
    resolvers: list[DateResolver] = [RuleDateResolver(), MetadataOnlyDateResolver()]
    for r in resolvers:
        assert r.resolve(RawDocument(text=""), "", None) == PubDate.unknown()


def test_metadata_only_resolver() -> None:
    r = MetadataOnlyDateResolver(today=TODAY)
    text = "PARIS, 15 avril 2019 (AFP) - Un incendie a ravagé la cathédrale."
    assert day(r.resolve(RawDocument(text, published="15/04/2019"), text, "fr")) == (
        D(2019, 4, 15),
        "day",
        "metadata",
    )
    assert r.resolve(RawDocument(text, url="https://x.fr/2019/04/15/a"), text, "fr").precision == "unknown"


# ------------------------------------------------------------------------------------------------
# datelines and date lines
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "WASHINGTON, March 3, 2021 (AP) — Lawmakers voted on Wednesday to extend the program.",
            "en",
            D(2021, 3, 3),
        ),
        (
            "ISMAILIA, Egypt, March 23, 2021 (Wire) - A ship ran aground in the canal on Tuesday.",
            "en",
            D(2021, 3, 23),
        ),
        (
            "PARIS, 15 avril 2019 (AFP) - Un incendie a ravagé la cathédrale Notre-Dame lundi soir.",
            "fr",
            D(2019, 4, 15),
        ),
        ("МОСКВА, 3 марта 2021 года. Правительство в среду объявило о новых мерах.", "ru", D(2021, 3, 3)),
        ("Київ, 24 лютого 2022 року. Уряд у четвер оголосив воєнний стан.", "uk", D(2022, 2, 24)),
        ("Warszawa, 6 lutego 2023 r. – Strażacy w poniedziałek wylecieli do Turcji.", "pl", D(2023, 2, 6)),
        ("SÃO PAULO, 15 de abril de 2019 (Reuters) - O incêndio destruiu o telhado.", "pt", D(2019, 4, 15)),
        (
            "MADRID, 15 de abril de 2019 (EFE).- El incendio destruyó la aguja de la catedral.",
            "es",
            D(2019, 4, 15),
        ),
        (
            "AMSTERDAM, 15 april 2019 (ANP) - De brand verwoestte het dak van de kathedraal.",
            "nl",
            D(2019, 4, 15),
        ),
        (
            "(ANSA) - ROMA, 15 aprile 2019 - L'incendio ha distrutto la guglia della cattedrale.",
            "it",
            D(2019, 4, 15),
        ),
        ("بيروت، 4 آب/أغسطس 2020 (رويترز) - هز انفجار ضخم مرفأ بيروت مساء الثلاثاء.", "ar", D(2020, 8, 4)),
        ("تهران، ۲۴ فروردین ۱۴۰۰ (ایرنا) - دولت امروز اعلام کرد.", "fa", D(2021, 4, 13)),
        ("新华社北京2021年3月5日电 十三届全国人大四次会议5日上午在人民大会堂开幕。", "zh", D(2021, 3, 5)),
        # a short date line under the headline
        (
            "Erdbeben in Marokko\nSonntag, 10. September 2023\n\nDie Zahl der Toten steigt weiter.",
            "de",
            D(2023, 9, 10),
        ),
        (
            "Notre-Dame reopens\nSunday, 8 December 2024\n\nThe cathedral held its first mass.",
            "en",
            D(2024, 12, 8),
        ),
        (
            "Süveyş Kanalı'nda kriz\nHaber Merkezi | 24.03.2021 11:42\n\nDev gemi kanalı kapattı.",
            "tr",
            D(2021, 3, 24),
        ),
        ("摩洛哥强震\n2023年9月10日 10:30 来源：本报\n\n地震已造成两千多人死亡。", "zh", D(2023, 9, 10)),
        ("モロッコ地震\n2023年9月10日 10時30分\n\n死者は2000人を超えた。", "ja", D(2023, 9, 10)),
        ("Seúl\n2023년 9월 10일\n\n지진 피해가 커지고 있다.", "ko", D(2023, 9, 10)),
        ("زلزال المغرب\nالأحد 10 سبتمبر 2023\n\nارتفعت حصيلة الضحايا.", "ar", D(2023, 9, 10)),
        # a labelled date, even on the headline line of a scraped page
        (
            "Man shot in parking lot Posted: Monday, February 2, 2015 9:45 PM EST "
            "Updated: Tuesday, February 3, 2015 10:52 AM EST\n\nPolice said a man was shot.",
            "en",
            D(2015, 2, 2),
        ),
        ("Publié le 12/05/2022 à 10h32\n\nLe gouvernement a annoncé jeudi un plan.", "fr", D(2022, 5, 12)),
        (
            "Veröffentlicht am 12.05.2022\n\nDie Regierung hat am Donnerstag einen Plan vorgestellt.",
            "de",
            D(2022, 5, 12),
        ),
    ],
)
def test_datelines(text: str, language: str, expected: dt.date) -> None:
    assert day(resolve(text, language)) == (expected, "day", "dateline")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # a year-less dateline takes its year from a full date in the text, if it is shortly before
        (
            "Берлин, 3 марта. Канцлер заявил, что переговоры, начатые 1 марта 2021 года, продолжатся.",
            "ru",
            D(2021, 3, 3),
        ),
        ("新华社北京3月5日电 会议于2021年3月1日开始筹备，5日上午开幕。", "zh", D(2021, 3, 5)),
        (
            "ISTANBUL, Feb 25 (Wire) - The toll from the earthquakes of 6 February 2023 passed 50,000.",
            "en",
            D(2023, 2, 25),
        ),
        (
            "MADRID, 2 ene (EFE).- La ola de frío que comenzó el 28 de diciembre de 2020 sigue.",
            "es",
            D(2021, 1, 2),
        ),
    ],
)
def test_partial_datelines_with_year_from_text(text: str, language: str, expected: dt.date) -> None:
    assert day(resolve(text, language)) == (expected, "day", "dateline")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # no year anywhere: a dateline alone cannot give one
        (WIRE_EN, "en"),
        ("MADRID, 15 abr (EFE).- El incendio destruyó la aguja de la catedral.", "es"),
        ("本报开罗3月24日电 一艘集装箱船23日上午在苏伊士运河搁浅。", "zh"),
        ("Берлин, 3 марта. Канцлер в пятницу заявил о новых мерах.", "ru"),
        # the only full date is years before the dateline: an anniversary, not the year
        ("本报巴黎12月7日电 在2019年4月15日遭遇大火五年多之后，圣母院7日晚重新开放。", "zh"),
        # a sentence, not a dateline
        ("On March 23, 2021, a ship ran aground in the Suez Canal, blocking traffic for days.", "en"),
        ("However, 6 February 2023 was the deadliest day in the region's modern history, experts say.", "en"),
        # a timeline near the top
        ("Timeline\n6 February 2023 – first quake\n20 February 2023 – aftershock\n\nThe text goes on.", "en"),
        # a range on a short line
        ("John Smith\nOctober 27, 2014 - November 13, 2016\n\nJohn is survived by his parents.", "en"),
        # a date in an embed after the first paragraph
        (
            "Una bola de fuego y una onda expansiva que arrasó todo a su paso. Así vivieron los habitantes "
            "de Beirut la explosión que el martes por la tarde destruyó el puerto de la capital libanesa.\n\n"
            "Tuit de @vecino - 4 ago. 2020\nTodos los cristales han reventado.\n\nMás texto.",
            "es",
        ),
        # a court date is not a publication date
        ("Two arrested\nCourt Date: March 13, 2017 | Bond: none\n\nPolice arrested two men.", "en"),
        # only an "Updated:" label, and nothing earlier in the text
        ("Police: teen shot\nUpdated: Monday, January 09, 2017 @ 4:40 PM\n\nA woman was shot.", "en"),
        # an ambiguous numeric date in English
        ("Sheriff's report\n04/05/2021\n\nDeputies responded to a call.", "en"),
        # a weekday that contradicts the date
        ("Notre-Dame reopens\nMonday, 8 December 2024\n\nThe cathedral held its first mass.", "en"),
    ],
)
def test_datelines_that_stay_unknown(text: str, language: str) -> None:
    pd = resolve(text, language)
    assert pd.precision == "unknown", pd


def test_updated_label_with_a_lower_bound_in_the_same_month() -> None:
    text = (
        "Police: teen shot\nUpdated: Monday, January 09, 2017 @ 4:40 PM\n\nThe shooting on January 2, 2017."
    )
    assert day(resolve(text, "en")) == (D(2017, 1, 1), "month", "dateline")


# ------------------------------------------------------------------------------------------------
# text evidence
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # a weekday alone on the line under the headline says which day "today" is
        (
            "حصيلة الزلزال تتجاوز 2000 قتيل\nالمغرب الآن - الأحد\n\n"
            "ارتفعت حصيلة ضحايا الزلزال الذي ضرب المغرب ليلة الجمعة، وفق بلاغ صدر مساء أمس السبت. "
            "ويعد زلزال 8 سبتمبر 2023 الأعنف منذ قرن.",
            "ar",
            D(2023, 9, 10),
        ),
        (
            "أعلنت وزارة الداخلية مساء اليوم الأحد حصيلة جديدة للزلزال الذي وقع ليلة الجمعة. "
            "وكان الزلزال قد ضرب في 8 سبتمبر 2023 إقليم الحوز.",
            "ar",
            D(2023, 9, 10),
        ),
        (
            "The earthquake struck on Friday night. Rescuers said yesterday (Saturday) that the toll "
            "had risen. The quake of 8 September 2023 was the strongest in a century.",
            "en",
            D(2023, 9, 10),
        ),
        (
            "Today, Thursday March 30, 2017, a jury found the man guilty of the 2016 shooting.",
            "en",
            D(2017, 3, 30),
        ),
        (
            "Le séisme de vendredi soir a fait plus de 2 000 morts. Ce dimanche, les secours fouillent "
            "encore les décombres. La nuit du 8 septembre 2023 restera dans les mémoires.",
            "fr",
            D(2023, 9, 10),
        ),
        (
            "Das Unglück vom Samstagabend erschüttert das Land. Am 4. März 2023 war der Zug entgleist. "
            "Heute, Montag, trat der Minister zurück.",
            "de",
            D(2023, 3, 6),
        ),
        (
            "La explosión del martes destruyó el puerto. Este jueves, el Gobierno pidió ayuda. "
            "El 4 de agosto de 2020 quedará en la memoria de Beirut.",
            "es",
            D(2020, 8, 6),
        ),
        (
            "A explosão de terça-feira destruiu o porto. Nesta quinta-feira, o governo pediu ajuda. "
            "O dia 4 de agosto de 2020 ficará na memória.",
            "pt",
            D(2020, 8, 6),
        ),
        (
            "Взрыв во вторник разрушил порт. Сегодня, в четверг, правительство попросило помощи. "
            "4 августа 2020 года стало трагическим днём.",
            "ru",
            D(2020, 8, 6),
        ),
        (
            "Wybuch we wtorek zniszczył port. Dziś, w czwartek, rząd poprosił o pomoc. "
            "4 sierpnia 2020 roku zapisze się w historii.",
            "pl",
            D(2020, 8, 6),
        ),
        (
            "Salı günü meydana gelen patlama limanı yok etti. Bugün perşembe hükümet yardım istedi. "
            "4 Ağustos 2020 tarihi unutulmayacak.",
            "tr",
            D(2020, 8, 6),
        ),
        (
            "L'esplosione di martedì ha distrutto il porto. Oggi giovedì il governo ha chiesto aiuto. "
            "Il 4 agosto 2020 resterà nella memoria.",
            "it",
            D(2020, 8, 6),
        ),
        (
            "De explosie van dinsdag verwoestte de haven. Vandaag, donderdag, vroeg de regering om hulp. "
            "4 augustus 2020 blijft in het geheugen.",
            "nl",
            D(2020, 8, 6),
        ),
        (
            "Вибух у вівторок зруйнував порт. Сьогодні, у четвер, уряд попросив допомоги. "
            "4 серпня 2020 року стало трагічним днем.",
            "uk",
            D(2020, 8, 6),
        ),
        (
            "انفجار سه‌شنبه بندر را ویران کرد. امروز پنجشنبه دولت کمک خواست. ۱۴ مرداد ۱۳۹۹ فراموش نمی‌شود.",
            "fa",
            D(2020, 8, 6),
        ),
        ("星期二发生的爆炸摧毁了港口。今天星期四，政府请求援助。2020年8月4日将被铭记。", "zh", D(2020, 8, 6)),
    ],
)
def test_text_evidence_pins_the_day(text: str, language: str, expected: dt.date) -> None:
    assert day(resolve(text, language)) == (expected, "day", "text")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # weekday words with no anchor at all
        ("The earthquake struck on Friday night and rescuers worked through Tuesday.", "en"),
        ("المغرب الآن - الأحد\n\nضرب الزلزال ليلة الجمعة وأعلنت الوزارة أمس السبت الحصيلة.", "ar"),
        # an old anchor: "this Monday" with a date whose weekday nobody mentions
        ("El 4 de agosto de 2020 explotó el puerto. Este lunes, un año después, hubo una marcha.", "es"),
        # a full date but nothing that says when "today" is
        ("The toll from the earthquakes of 6 February 2023 passed 50,000, officials said.", "en"),
        ("Le séisme du 8 septembre 2023 a fait plus de 2 000 morts, selon un bilan publié samedi.", "fr"),
        # "today" with a date, but a later date in the text: stale "today" or a future event
        ("Today, Thursday March 30, 2017, he was charged. The trial is set for June 5, 2017.", "en"),
        # future-looking dates are not evidence
        ("Elections will be held on 14 May 2030, the commission said on Tuesday.", "en"),
        # years without days
        ("The fire of April 2019 destroyed the spire; the cathedral reopened in 2024.", "en"),
        ("", "en"),
    ],
)
def test_text_that_stays_unknown(text: str, language: str) -> None:
    pd = resolve(text, language)
    assert pd.precision == "unknown", pd


def test_text_policies() -> None:
    text = (
        "Rescuers worked through Friday night. The quake of 8 September 2023 was the strongest in a century."
    )
    assert resolve(text, "en").precision == "unknown"
    assert day(resolve(text, "en", text_policy="month")) == (D(2023, 9, 1), "month", "text")
    assert day(resolve(text, "en", text_policy="latest")) == (D(2023, 9, 8), "day", "text")
    # the week after 28 September leaves the month: no month claim either
    late = "Rescuers worked through Thursday night. The quake of 28 September 2023 was strong."
    assert resolve(late, "en", text_policy="month").precision == "unknown"
    assert resolve(text, "en", use_text=False, text_policy="latest").precision == "unknown"


def test_language_none_uses_every_lexicon() -> None:
    assert day(resolve("PARIS, 15 avril 2019 (AFP) - Un incendie a ravagé la cathédrale.", None)) == (
        D(2019, 4, 15),
        "day",
        "dateline",
    )
    assert day(resolve("Berlin\nSonntag, 10. September 2023\n\nText.", "xx")) == (
        D(2023, 9, 10),
        "day",
        "dateline",
    )


def test_iter_full_dates() -> None:
    text = (
        "Le 6 février 2023, puis le 20/02/2023 et enfin le 2023-02-24 ; pas le 3.14 ni le 112 février 2023."
    )
    assert list(iter_full_dates(text, "fr")) == [D(2023, 2, 6), D(2023, 2, 20), D(2023, 2, 24)]


def test_body_differs_from_raw_text() -> None:
    raw = "Headline\nHaber Merkezi | 24.03.2021 11:42\n\nDev gemi kanalı kapattı."
    body = "Dev gemi kanalı kapattı."  # the cleaner dropped the byline with the date
    pd = RuleDateResolver(today=TODAY).resolve(RawDocument(text=raw), body, "tr")
    assert day(pd) == (D(2021, 3, 24), "day", "dateline")


def test_speed() -> None:
    """Well under the 3 ms per article budget on the text path (generous bound for slow CI)."""
    paragraph = (
        "Le séisme de vendredi soir a fait plus de 2 000 morts selon le ministère, qui a publié samedi "
        "un nouveau bilan. Les secours, venus de 4 pays, fouillent les décombres de 12 villages. "
    )
    docs = [RawDocument(text=f"Titre {i}\nPar notre rédaction\n\n" + paragraph * 25) for i in range(60)]
    r = RuleDateResolver(today=TODAY)
    r.resolve(docs[0], docs[0].text, "fr")
    t0 = time.perf_counter()
    for doc in docs:
        r.resolve(doc, doc.text, "fr")
    per_doc = (time.perf_counter() - t0) / len(docs)
    assert per_doc < 0.010, f"{per_doc * 1000:.2f} ms per article"
