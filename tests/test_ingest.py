"""Tests for storyline.ingest: every format, header variant, encoding and bad-input case, offline."""

from __future__ import annotations

import codecs
import json
import os
import socket
from pathlib import Path
from typing import Any

import pytest
import trafilatura

from storyline.clean import clean
from storyline.errors import IngestError
from storyline.ingest import base as ingest_base
from storyline.ingest import (
    count_inputs,
    decode_bytes,
    iter_documents,
    looks_binary,
    read_file,
    sniff_format,
)
from storyline.model import RawDocument

# ---------------------------------------------------------------- fixtures

EN_TITLE = "Floods force thousands from homes in Emilia-Romagna"
EN_BODY = (
    "Torrential rain has caused rivers to burst their banks across the northern Italian region of "
    "Emilia-Romagna, forcing more than 10,000 people to leave their homes, officials said on Wednesday.\n\n"
    "At least nine people have died, and the Formula One Grand Prix at Imola was cancelled."
)
FR_TITLE = "Grève nationale : les syndicats appellent à manifester jeudi"
FR_BODY = (
    "Les principaux syndicats français ont appelé à une nouvelle journée de grève et de manifestations "
    "jeudi contre la réforme des retraites. Selon la CGT, plus d'un million de personnes sont attendues "
    "dans les rues de Paris, Marseille et Lyon. Le gouvernement a réaffirmé sa détermination."
)
DE_TEXT = (
    "Bundestag beschließt Haushalt für 2024\n\n"
    "Der Bundestag hat am Freitag den Haushalt für das kommende Jahr verabschiedet. Die Ausgaben steigen "
    "auf 476 Milliarden Euro; größter Posten bleibt der Sozialetat. Die Opposition kritisierte die hohe "
    "Neuverschuldung und forderte Einsparungen bei Förderprogrammen."
)
RU_TITLE = "Землетрясение магнитудой 6,1 произошло у берегов Камчатки"
RU_BODY = (
    "Землетрясение магнитудой 6,1 произошло в среду у восточного побережья Камчатки, сообщила "
    "Геофизическая служба РАН. Угрозы цунами нет, разрушений и пострадавших не зафиксировано. "
    "Толчки ощущались в Петропавловске-Камчатском, где жители почувствовали "
    "колебания силой до четырёх баллов."
)
AR_TITLE = "افتتاح معرض الرياض الدولي للكتاب بمشاركة أكثر من ألف دار نشر"
AR_BODY = (
    "افتتح معرض الرياض الدولي للكتاب أبوابه يوم الخميس بمشاركة أكثر من ألف دار نشر من ثلاثين دولة. "
    "ويستمر المعرض عشرة أيام ويتضمن ندوات وأمسيات شعرية وورش عمل للأطفال."
)
ZH_TITLE = "中国成功发射新一代载人飞船试验船"
ZH_BODY = (
    "新华社酒泉5月5日电 中国在文昌航天发射场用长征五号B运载火箭成功发射新一代载人飞船试验船。"
    "火箭飞行约488秒后，试验船与火箭分离，进入预定轨道。"
)
JA_TEXT = "東京で桜が満開に 気象庁が発表\n\n気象庁は22日、東京都心で桜が満開になったと発表した。"

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Floods force thousands from homes in Emilia-Romagna | Example News</title>
<meta property="og:title" content="Floods force thousands from homes in Emilia-Romagna">
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://www.example-news.com/world/italy-floods">
<meta property="article:published_time" content="2023-05-17T08:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Floods force thousands from homes in Emilia-Romagna</h1>
<p>Torrential rain has caused rivers to burst their banks across the northern Italian region of
Emilia-Romagna, forcing more than 10,000 people to leave their homes, officials said on Wednesday.</p>
<p>At least nine people have died, and the Formula One Grand Prix at Imola, scheduled for the weekend,
was cancelled for safety reasons.</p>
<table><tr><td>Bologna rainfall</td><td>120 mm</td></tr></table>
</article>
<section id="comments" class="comments"><div class="comment"><p>Reader comment: thoughts with everyone
there, this is terrible news for the whole region.</p></div></section>
<footer>Copyright 2023 Example News. All rights reserved.</footer>
</body></html>"""

ARABIC_HTML = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{AR_TITLE}</title>
<meta property="og:url" content="https://www.alkhabar.example/culture/book-fair">
<meta name="date" content="2023-09-28">
</head><body><article><h1>{AR_TITLE}</h1><p>{AR_BODY}</p>
<p>وقال رئيس هيئة الأدب والنشر إن المعرض يستقبل أكثر من مليون زائر كل عام من مختلف أنحاء المملكة.</p>
</article></body></html>"""

NO_ARTICLE_HTML = """<!DOCTYPE html><html><head><title>Example News - Home</title></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
</body></html>"""


def write(directory: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def read_all(*paths: str | os.PathLike[str], **kwargs: int) -> list[RawDocument | IngestError]:
    return list(iter_documents(list(paths), **kwargs))


def one_doc(path: str | os.PathLike[str]) -> RawDocument:
    items = read_all(path)
    assert len(items) == 1, items
    item = items[0]
    assert isinstance(item, RawDocument), item
    return item


def one_error(path: str | os.PathLike[str], **kwargs: int) -> IngestError:
    items = read_all(path, **kwargs)
    assert len(items) == 1, items
    item = items[0]
    assert isinstance(item, IngestError), item
    return item


# ---------------------------------------------------------------- plain text


def test_txt_first_line_is_title_and_removed_from_text(tmp_path: Path) -> None:
    doc = one_doc(write(tmp_path, "a.txt", f"\n{EN_TITLE}\n\n{EN_BODY}\n"))
    assert doc.title == EN_TITLE
    assert doc.text == EN_BODY
    assert doc.format == "txt"
    assert doc.published is None and doc.published_origin == "none"
    assert doc.path == str(tmp_path / "a.txt")


def test_txt_full_header(tmp_path: Path) -> None:
    content = (
        f"Title: {FR_TITLE}\nDate: 2023-03-23\nSource: Le Monde\nURL: https://www.lemonde.fr/greve\n"
        f"Language: fr\nAuthor: Claire Dupont\n\n{FR_BODY}\n"
    )
    doc = one_doc(write(tmp_path, "greve.txt", content))
    assert doc.title == FR_TITLE
    assert doc.published == "2023-03-23"
    assert doc.published_origin == "header"
    assert doc.source == "Le Monde"
    assert doc.url == "https://www.lemonde.fr/greve"
    assert doc.language == "fr"
    assert doc.meta == {"author": "Claire Dupont", "language": "fr"}
    assert doc.text == FR_BODY


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("Title: Storm Ciarán hits Brittany", "title", "Storm Ciarán hits Brittany"),
        ("title:Storm Ciarán hits Brittany", "title", "Storm Ciarán hits Brittany"),
        ("   TITLE  :   Storm Ciarán hits Brittany   ", "title", "Storm Ciarán hits Brittany"),
        ("Date: 2021-03-12", "published", "2021-03-12"),
        ("date 2021-03-12", "published", "2021-03-12"),
        ("DATE:12 March 2021", "published", "12 March 2021"),
        ("Published: Fri, 12 Mar 2021 10:00:00 +0100", "published", "Fri, 12 Mar 2021 10:00:00 +0100"),
        ("published 12.03.2021", "published", "12.03.2021"),
        ("Source: Reuters", "source", "Reuters"),
        ("source : AFP", "source", "AFP"),
        ("URL: https://example.org/storm", "url", "https://example.org/storm"),
        ("url https://example.org/storm", "url", "https://example.org/storm"),
        ("Language: de", "language", "de"),
        ("Lang: zh-CN", "language", "zh-CN"),
        ("lang en", "language", "en"),
    ],
)
def test_txt_header_variants(tmp_path: Path, line: str, field: str, value: str) -> None:
    doc = one_doc(write(tmp_path, "a.txt", f"{line}\nHeadline of the day\n\n{EN_BODY}"))
    assert getattr(doc, field) == value
    if field == "published":
        assert doc.published_origin == "header"
    if field == "title":  # the first body line then stays in the text
        assert doc.text == f"Headline of the day\n\n{EN_BODY}"
    else:
        assert doc.title == "Headline of the day"
        assert doc.text == EN_BODY
    assert line.strip() not in doc.text


@pytest.mark.parametrize("line", ["Author: Jane Smith", "By: Jane Smith", "by:Jane Smith"])
def test_txt_author_header_goes_to_meta(tmp_path: Path, line: str) -> None:
    doc = one_doc(write(tmp_path, "a.txt", f"{line}\n{EN_TITLE}\n{EN_BODY}"))
    assert doc.meta["author"] == "Jane Smith"
    assert doc.title == EN_TITLE


def test_txt_title_header_keeps_first_body_line(tmp_path: Path) -> None:
    content = f"Title: {EN_TITLE}\n\nBOLOGNA, Italy (AP) —\n{EN_BODY}"
    doc = one_doc(write(tmp_path, "a.txt", content))
    assert doc.title == EN_TITLE
    assert doc.text.startswith("BOLOGNA, Italy (AP) —\n")


def test_txt_header_only_counts_at_top(tmp_path: Path) -> None:
    content = f"{EN_TITLE}\nDate: 2023-05-17\n{EN_BODY}\nSource: Reuters\n"
    doc = one_doc(write(tmp_path, "a.txt", content))
    assert doc.title == EN_TITLE
    assert doc.published is None and doc.source is None
    assert doc.text == f"Date: 2023-05-17\n{EN_BODY}\nSource: Reuters"


@pytest.mark.parametrize(
    "first",
    [
        "Date palms wilt as the heatwave reaches Basra",
        "By the time rescuers arrived, the river had risen two metres",
        "Language barriers slow aid to earthquake survivors",
        "Published in 2019, the report warned of the risk",
        "Sources close to the ministry confirmed the talks",
    ],
)
def test_txt_body_lines_that_resemble_headers_stay_text(tmp_path: Path, first: str) -> None:
    doc = one_doc(write(tmp_path, "a.txt", f"{first}\n{EN_BODY}"))
    assert doc.title == first
    assert doc.published is None and doc.language is None
    assert doc.meta == {}


def test_txt_long_first_line_is_not_a_title(tmp_path: Path) -> None:
    paragraph = EN_BODY.replace("\n\n", " ")
    doc = one_doc(write(tmp_path, "a.txt", f"{paragraph}\n\nSecond paragraph of the story."))
    assert doc.title is None
    assert doc.text.startswith(paragraph)


def test_txt_single_line_keeps_text(tmp_path: Path) -> None:
    doc = one_doc(write(tmp_path, "a.txt", "Earthquake of magnitude 6.1 strikes off Kamchatka.\n"))
    assert doc.title is None
    assert doc.text == "Earthquake of magnitude 6.1 strikes off Kamchatka."


def test_txt_header_without_body_is_no_article(tmp_path: Path) -> None:
    err = one_error(write(tmp_path, "a.txt", "Title: Nothing here\nDate: 2021-01-01\n"))
    assert err.reason == "no article text found"


def test_txt_crlf_and_arabic(tmp_path: Path) -> None:
    content = f"Title: {AR_TITLE}\r\nSource: الجزيرة\r\n\r\n{AR_BODY}\r\n"
    doc = one_doc(write(tmp_path, "ar.txt", content))
    assert doc.title == AR_TITLE
    assert doc.source == "الجزيرة"
    assert doc.text == AR_BODY


def test_txt_chinese(tmp_path: Path) -> None:
    doc = one_doc(write(tmp_path, "zh.txt", f"日期：2020-05-05\n{ZH_TITLE}\n{ZH_BODY}"))
    # a full-width colon is not a header separator: the line is body, and it becomes the title
    assert doc.title == "日期：2020-05-05"
    doc = one_doc(write(tmp_path, "zh2.txt", f"Date: 2020-05-05\n{ZH_TITLE}\n{ZH_BODY}"))
    assert doc.title == ZH_TITLE and doc.text == ZH_BODY and doc.published == "2020-05-05"


# ---------------------------------------------------------------- markdown


def test_markdown_stripped(tmp_path: Path) -> None:
    content = (
        "# Floods force **thousands** from homes\n\n"
        "Date: 2023-05-17\n\n"
        "![Flooded street](https://img.example/flood.jpg)\n\n"
        "Rivers burst their banks in *Emilia-Romagna*, [officials said](https://example.org/x) on "
        "Wednesday.\n\n"
        "## What we know\n\n"
        "- At least __nine__ people died\n"
        "> The situation is dramatic, said the mayor.\n"
        "Use `snake_case_names` and keep file_name_here intact.\n"
    )
    doc = one_doc(write(tmp_path, "story.md", content))
    assert doc.format == "md"
    assert doc.title == "Floods force thousands from homes"
    assert doc.published is None  # the Date line is not at the top (the heading is)
    assert "Rivers burst their banks in Emilia-Romagna, officials said on Wednesday." in doc.text
    assert "What we know" in doc.text and "##" not in doc.text
    assert "At least nine people died" in doc.text
    assert "The situation is dramatic, said the mayor." in doc.text
    assert "snake_case_names" in doc.text and "file_name_here" in doc.text
    for junk in ("![", "](", "**", "__", "https://", "> ", "- At", "`"):
        assert junk not in doc.text


def test_markdown_header_then_heading(tmp_path: Path) -> None:
    content = f"Date: 2023-05-17\nSource: ANSA\n\n# {EN_TITLE}\n\n{EN_BODY}\n"
    doc = one_doc(write(tmp_path, "story.md", content))
    assert doc.title == EN_TITLE
    assert doc.published == "2023-05-17" and doc.published_origin == "header"
    assert doc.source == "ANSA"
    assert doc.text == EN_BODY


def test_markdown_front_matter_and_setext(tmp_path: Path) -> None:
    content = (
        '---\ntitle: "Storm hits Brittany"\ndate: 2023-11-02\nsource: Ouest-France\ntags: weather\n---\n'
        "Storm hits Brittany\n===================\n\nWinds of 200 km/h were recorded at Pointe du Raz.\n"
    )
    doc = one_doc(write(tmp_path, "storm.markdown", content))
    assert doc.title == "Storm hits Brittany"
    assert doc.published == "2023-11-02" and doc.published_origin == "header"
    assert doc.source == "Ouest-France"
    assert doc.meta["tags"] == "weather"
    assert doc.text == "Storm hits Brittany\n\nWinds of 200 km/h were recorded at Pointe du Raz."


# ---------------------------------------------------------------- JSON / JSON Lines


def test_json_single_object_has_no_suffix(tmp_path: Path) -> None:
    record = {
        "title": RU_TITLE,
        "text": RU_BODY,
        "published": "2023-04-03T10:00:00+12:00",
        "source": "ТАСС",
        "url": "https://tass.ru/proisshestviya/1",
        "language": "ru",
        "id": 1234,
        "author": "Иван Петров",
    }
    path = write(tmp_path, "one.json", json.dumps(record, ensure_ascii=False))
    doc = one_doc(path)
    assert doc.path == str(path)
    assert (doc.title, doc.text, doc.source, doc.language) == (RU_TITLE, RU_BODY, "ТАСС", "ru")
    assert doc.published == "2023-04-03T10:00:00+12:00" and doc.published_origin == "metadata"
    assert doc.url == "https://tass.ru/proisshestviya/1"
    assert doc.external_id == "1234"
    assert doc.format == "json"
    assert doc.meta == {"author": "Иван Петров"}


def test_json_array_with_aliases_and_errors(tmp_path: Path) -> None:
    records = [
        {"title": ZH_TITLE, "body": ZH_BODY, "date": "2020-05-05", "id": "xinhua-1"},
        {"title": "no text here", "published": "2021-01-01"},
        {"content": AR_BODY, "published_at": "2023-09-28", "lang": "ar"},
        "not an object",
        {"text": 5},
        {"text": "Hausse des prix", "title": ["a", "list"]},
        {"text": "   ", "title": "blank"},
    ]
    path = write(tmp_path, "many.json", json.dumps(records, ensure_ascii=False))
    items = read_all(path)
    assert len(items) == 7
    first, missing, third, not_object, wrong_text, wrong_title, blank = items
    assert isinstance(first, RawDocument) and first.path == f"{path}:1"
    assert first.text == ZH_BODY and first.published == "2020-05-05" and first.external_id == "xinhua-1"
    assert isinstance(missing, IngestError) and missing.path == f"{path}:2"
    assert "missing 'text' field" in missing.reason
    assert isinstance(third, RawDocument) and third.path == f"{path}:3"
    assert third.text == AR_BODY and third.language == "ar" and third.published == "2023-09-28"
    assert isinstance(not_object, IngestError) and "expected a JSON object" in not_object.reason
    assert isinstance(wrong_text, IngestError) and wrong_text.path == f"{path}:5"
    assert wrong_text.reason == "field 'text' must be a string, not number"
    assert isinstance(wrong_title, IngestError) and "field 'title'" in wrong_title.reason
    assert isinstance(blank, IngestError) and blank.reason == "no article text: field 'text' is empty"


def test_json_articles_wrapper_newsapi_shape(tmp_path: Path) -> None:
    data = {
        "status": "ok",
        "articles": [
            {
                "source": {"id": "bbc-news", "name": "BBC News"},
                "title": EN_TITLE,
                "publishedAt": "2023-05-17T08:30:00Z",
                "content": EN_BODY,
                "url": "https://www.bbc.co.uk/news/world-europe-1",
            },
            {"source": {"name": None}, "text": DE_TEXT, "published": 1700000000},
        ],
    }
    path = write(tmp_path, "newsapi.json", json.dumps(data))
    docs = read_all(path)
    assert [d.path for d in docs] == [f"{path}:1", f"{path}:2"]
    first, second = docs
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.source == "BBC News" and first.published == "2023-05-17T08:30:00Z"
    assert second.source is None
    assert second.published == "2023-11-14T22:13:20+00:00"


def test_json_invalid_and_empty_array_and_scalar(tmp_path: Path) -> None:
    err = one_error(write(tmp_path, "bad.json", '{"text": "a",\n "title": }'))
    assert err.reason.startswith("invalid JSON:") and "line 2" in err.reason
    assert one_error(write(tmp_path, "empty.json", "[]")).reason.startswith("no records found")
    assert "expected a JSON object or array" in one_error(write(tmp_path, "n.json", "42")).reason


def test_json_file_holding_json_lines(tmp_path: Path) -> None:
    lines = [json.dumps({"text": DE_TEXT}), json.dumps({"text": FR_BODY})]
    path = write(tmp_path, "lines.json", "\n".join(lines))
    docs = read_all(path)
    assert [d.path for d in docs] == [f"{path}:1", f"{path}:2"]
    assert all(isinstance(d, RawDocument) and d.format == "jsonl" for d in docs)


def test_jsonl_line_numbers_blank_lines_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": ZH_TITLE, "text": ZH_BODY, "published": "2020-05-05"}, ensure_ascii=False),
        "",
        '{"text": "broken line", ',
        json.dumps({"title": "no text"}),
        "   ",
        json.dumps({"text": AR_BODY, "source": "Al Jazeera"}, ensure_ascii=False),
        "[1, 2]",
        json.dumps({"text": FR_BODY, "url": 17}),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    items = read_all(path)
    summary = [(type(i).__name__, i.path) for i in items]
    assert summary == [
        ("RawDocument", f"{path}:1"),
        ("IngestError", f"{path}:3"),
        ("IngestError", f"{path}:4"),
        ("RawDocument", f"{path}:6"),
        ("IngestError", f"{path}:7"),
        ("IngestError", f"{path}:8"),
    ]
    assert isinstance(items[0], RawDocument) and items[0].text == ZH_BODY and items[0].format == "jsonl"
    assert isinstance(items[1], IngestError) and items[1].reason.startswith("invalid JSON:")
    assert str(items[1]) == f"{path}:3: {items[1].reason}"
    assert isinstance(items[2], IngestError) and "missing 'text' field" in items[2].reason
    assert isinstance(items[3], RawDocument) and items[3].source == "Al Jazeera"
    assert isinstance(items[4], IngestError) and "got array" in items[4].reason
    assert isinstance(items[5], IngestError) and items[5].reason == "field 'url' must be a string, not number"


def test_jsonl_streams_across_head_boundary(tmp_path: Path) -> None:
    records = [{"id": n, "text": f"Bericht Nummer {n}: {DE_TEXT}"} for n in range(1, 301)]
    path = write(tmp_path, "big.ndjson", "\ufeff" + "\r\n".join(json.dumps(r) for r in records))
    assert path.stat().st_size > ingest_base.HEAD_BYTES
    docs = read_all(path)
    assert len(docs) == 300
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.external_id for d in docs if isinstance(d, RawDocument)] == [str(n) for n in range(1, 301)]
    assert docs[-1].path == f"{path}:300"


def test_jsonl_invalid_utf8_line_is_reported_alone(tmp_path: Path) -> None:
    good = json.dumps({"text": FR_BODY}).encode()
    bad = json.dumps({"text": "café"}, ensure_ascii=False).encode("latin-1")
    lines = [good] * 200 + [bad, good]
    path = write(tmp_path, "mixed.jsonl", b"\n".join(lines))
    assert len(b"\n".join(lines[:200])) > ingest_base.HEAD_BYTES  # the bad line is past the sniffed head
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["RawDocument"] * 200 + ["IngestError", "RawDocument"]
    assert items[200].path == f"{path}:201" and "not valid text" in items[200].reason  # type: ignore[union-attr]


def test_jsonl_in_legacy_encoding_is_decoded_whole(tmp_path: Path) -> None:
    lines = [json.dumps({"text": t}, ensure_ascii=False) for t in (FR_BODY, FR_TITLE)]
    docs = read_all(write(tmp_path, "fr.jsonl", "\n".join(lines), encoding="latin-1"))
    assert [d.text for d in docs if isinstance(d, RawDocument)] == [FR_BODY, FR_TITLE]


def test_jsonl_in_utf16_is_decoded(tmp_path: Path) -> None:
    content = json.dumps({"text": JA_TEXT}, ensure_ascii=False) + "\n"
    path = write(tmp_path, "ja.jsonl", content, encoding="utf-16")
    doc = one_doc(path)
    assert doc.text == JA_TEXT and doc.path == f"{path}:1"


def test_jsonl_blank_only_is_empty(tmp_path: Path) -> None:
    assert one_error(write(tmp_path, "blank.jsonl", "\n\n   \n")).reason == "empty file"


# ---------------------------------------------------------------- HTML


def test_html_article(tmp_path: Path) -> None:
    path = write(tmp_path, "floods.html", ARTICLE_HTML)
    doc = one_doc(path)
    assert doc.format == "html"
    assert doc.title == EN_TITLE
    assert doc.source == "Example News"
    assert doc.published == "2023-05-17" and doc.published_origin == "metadata"
    assert doc.url == "https://www.example-news.com/world/italy-floods"
    assert doc.language == "en-GB"
    assert doc.html == ARTICLE_HTML
    assert doc.text.startswith("Torrential rain has caused rivers")
    assert "was cancelled for safety reasons" in doc.text
    assert EN_TITLE not in doc.text  # the headline is not repeated in the text
    assert "Reader comment" not in doc.text  # comments off
    assert doc.text.endswith("\n| Bologna rainfall | 120 mm |")  # tables in the article are kept, one row a line
    assert "| Bologna rainfall | 120 mm |" in clean(doc.text, "en", fmt=doc.format).body.split("\n\n")
    assert "Home" not in doc.text and "Copyright" not in doc.text


def test_html_arabic_source_from_og_url_domain(tmp_path: Path) -> None:
    doc = one_doc(write(tmp_path, "kitab.htm", ARABIC_HTML))
    assert doc.title == AR_TITLE
    assert doc.language == "ar"
    assert doc.published == "2023-09-28"
    assert doc.url == "https://www.alkhabar.example/culture/book-fair"
    assert doc.source == "alkhabar.example"
    assert AR_BODY in doc.text


def test_html_without_article(tmp_path: Path) -> None:
    assert one_error(write(tmp_path, "home.html", NO_ARTICLE_HTML)).reason == "no article text found"
    assert one_error(write(tmp_path, "blank.html", "<html><body></body></html>")).reason == (
        "no article text found"
    )


def test_html_never_touches_the_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    page = ARTICLE_HTML.replace('content="2023-05-17T08:30:00Z"', 'content=""')
    doc = one_doc(write(tmp_path, "floods.html", page))
    assert doc.title == EN_TITLE


def test_html_reader_crash_becomes_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    path = write(tmp_path, "a.html", ARTICLE_HTML)
    other = write(tmp_path, "b.txt", DE_TEXT)
    items = read_all(path, other)
    assert isinstance(items[0], IngestError)
    assert items[0].reason == "reader failed: RuntimeError: parser exploded"
    assert isinstance(items[1], RawDocument)


# ---------------------------------------------------------------- sniffing


def test_unknown_extensions_are_sniffed(tmp_path: Path) -> None:
    html_doc = one_doc(write(tmp_path, "page.php", ARTICLE_HTML))
    assert html_doc.format == "html" and html_doc.title == EN_TITLE
    fragment = f"<div><p>{EN_BODY}</p><p>{FR_BODY}</p></div>"
    assert one_doc(write(tmp_path, "fragment.dat", fragment)).format == "html"
    json_doc = one_doc(write(tmp_path, "record", json.dumps({"text": DE_TEXT, "title": "Haushalt"})))
    assert json_doc.format == "json" and json_doc.title == "Haushalt"
    lines = "\n".join(json.dumps({"text": t}) for t in (DE_TEXT, FR_BODY))
    jsonl = read_all(write(tmp_path, "dump.log", lines + "\n{broken}\n"))
    assert [type(i).__name__ for i in jsonl] == ["RawDocument", "RawDocument", "IngestError"]
    assert jsonl[2].path == str(tmp_path / "dump.log:3")
    text_doc = one_doc(write(tmp_path, "README", DE_TEXT))
    assert text_doc.format == "txt" and text_doc.title == "Bundestag beschließt Haushalt für 2024"


def test_unknown_binary_is_unsupported(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    err = one_error(write(tmp_path, "photo.png", png))
    assert err.reason.startswith("unsupported file type") and ".png" in err.reason
    err = one_error(write(tmp_path, "blob", bytes(range(256)) * 4))
    assert err.reason.startswith("unsupported file type")


def test_sniff_format_unit() -> None:
    assert sniff_format("  <!DOCTYPE html><html></html>") == "html"
    assert sniff_format("<HTML><body>x</body></HTML>") == "html"
    assert sniff_format("Some text\n<p>para</p>") == "html"
    assert sniff_format('{"text": "<p>markup inside JSON</p>"}') == "json"
    assert sniff_format('[{"text": "a"}]') == "json"
    assert sniff_format('{"text": "a"}\n\n{"text": "b"}\n') == "jsonl"
    assert sniff_format("{not json at all}") == "txt"
    assert sniff_format("Plain words, a <b>bold</b> tag.") == "txt"


def test_looks_binary_unit() -> None:
    assert looks_binary(b"abc\x00def")
    assert looks_binary(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert looks_binary(bytes([1, 2, 3, 4, 5, 6]) + b"abcdefghijklmnopqrst")
    assert not looks_binary(b"Plain text with\ttabs\r\nand \x0c form feeds")
    assert not looks_binary("Hello".encode("utf-16"))
    assert not looks_binary("Plain text without a BOM".encode("utf-16-le"))
    assert not looks_binary(RU_BODY.encode("cp1251"))


# ---------------------------------------------------------------- encodings


def test_latin1_file(tmp_path: Path) -> None:
    doc = one_doc(write(tmp_path, "fr.txt", f"{FR_TITLE}\n\n{FR_BODY}\n", encoding="latin-1"))
    assert doc.title == FR_TITLE and doc.text == FR_BODY


def test_cp1252_german_file(tmp_path: Path) -> None:
    doc = one_doc(write(tmp_path, "de.txt", DE_TEXT, encoding="cp1252"))
    assert doc.title == "Bundestag beschließt Haushalt für 2024"
    assert "größter Posten" in doc.text


def test_cp1251_file(tmp_path: Path) -> None:
    doc = one_doc(write(tmp_path, "ru.txt", f"Источник: ТАСС\n{RU_TITLE}\n{RU_BODY}", encoding="cp1251"))
    assert doc.title == "Источник: ТАСС"  # a Russian key is not a header key: the line is the title
    doc = one_doc(write(tmp_path, "ru2.txt", f"Source: ТАСС\n{RU_TITLE}\n{RU_BODY}", encoding="cp1251"))
    assert doc.source == "ТАСС" and doc.title == RU_TITLE and doc.text == RU_BODY


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_variants_with_bom(tmp_path: Path, encoding: str) -> None:
    content = f"Title: {ZH_TITLE}\n\n{ZH_BODY}\n"
    data = content.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    elif encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    doc = one_doc(write(tmp_path, "zh.txt", data))
    assert doc.title == ZH_TITLE and doc.text == ZH_BODY


def test_utf8_with_a_stray_byte_stays_utf8(tmp_path: Path) -> None:
    data = f"{ZH_TITLE}\n{ZH_BODY}".encode() + b" \xff\n"
    doc = one_doc(write(tmp_path, "zh.txt", data))
    assert doc.title == ZH_TITLE and doc.text == f"{ZH_BODY} \ufffd"


def test_utf16_without_bom(tmp_path: Path) -> None:
    doc = one_doc(write(tmp_path, "en.txt", f"{EN_TITLE}\n{EN_BODY}", encoding="utf-16-le"))
    assert doc.title == EN_TITLE and doc.text == EN_BODY
    lines = "\n".join(json.dumps({"text": t}) for t in (DE_TEXT, FR_BODY))
    docs = read_all(write(tmp_path, "be.jsonl", lines, encoding="utf-16-be"))
    assert [d.text for d in docs if isinstance(d, RawDocument)] == [DE_TEXT, FR_BODY]


def test_utf16_html_and_json(tmp_path: Path) -> None:
    doc = one_doc(write(tmp_path, "a.html", ARABIC_HTML, encoding="utf-16"))
    assert doc.title == AR_TITLE
    doc = one_doc(write(tmp_path, "a.json", json.dumps({"text": ZH_BODY}, ensure_ascii=False), "utf-16"))
    assert doc.text == ZH_BODY


def test_decode_bytes_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoMatch:
        def best(self) -> None:
            return None

    monkeypatch.setattr(ingest_base.charset_normalizer, "from_bytes", lambda data: NoMatch())
    with pytest.raises(IngestError) as info:
        decode_bytes(b"caf\xe9 \x81\x8d", "x.txt")
    assert info.value.reason.startswith("not valid text: could not decode")


# ---------------------------------------------------------------- bad files


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    assert one_error(write(tmp_path, "empty.txt", b"")).reason == "empty file"
    assert one_error(write(tmp_path, "ws.md", " \n\t\r\n  \n")).reason == "empty file"
    assert one_error(write(tmp_path, "bom.txt", codecs.BOM_UTF8 + b"\n")).reason == "empty file"
    assert one_error(write(tmp_path, "ws16.txt", "  \n \n", encoding="utf-16")).reason == "empty file"
    assert one_error(write(tmp_path, "ws.json", "   \n")).reason == "empty file"


def test_binary_files_with_known_extension(tmp_path: Path) -> None:
    assert one_error(write(tmp_path, "nul.txt", b"Reuters\x00\x00\x01report")).reason == "binary file"
    controls = bytes([1, 2, 3, 4, 5, 6, 14, 15, 16]) * 20 + b"some text"
    assert one_error(write(tmp_path, "ctl.json", controls)).reason == "binary file"
    assert one_error(write(tmp_path, "doc.html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3")).reason == "binary file"
    utf16_binary = codecs.BOM_UTF16_LE + "\x00\x01\x02 text".encode("utf-16-le")
    assert one_error(write(tmp_path, "u16.txt", utf16_binary)).reason == "binary file"


def test_too_large_file_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "big.txt", DE_TEXT * 10)
    opened: list[object] = []
    real_open = open

    def spy_open(*args: Any, **kwargs: Any) -> Any:
        opened.append(args)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(ingest_base, "open", spy_open, raising=False)
    err = one_error(path, max_bytes=100)
    assert err.reason.startswith("file too large (") and err.reason.endswith(" > 100 bytes)")
    assert opened == []
    assert ingest_base.human_size(25 * 1024 * 1024) == "25 MB"
    assert ingest_base.human_size(ingest_base.DEFAULT_MAX_BYTES) == "20 MB"
    assert ingest_base.human_size(1536) == "1.5 KB"


def test_missing_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    err = one_error(missing)
    assert (err.path, err.reason) == (missing, "no such file or directory")
    assert list(read_file(missing))[0].reason == "no such file or directory"  # type: ignore[union-attr]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", DE_TEXT)
    path.chmod(0)
    try:
        assert one_error(path).reason == "permission denied"
    finally:
        path.chmod(0o644)


def test_permission_error_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    path = write(tmp_path, "secret.txt", DE_TEXT)
    monkeypatch.setattr(ingest_base, "open", denied, raising=False)
    assert one_error(path).reason == "permission denied"


# ---------------------------------------------------------------- folders, ordering, paths


def _make_corpus(root: Path) -> None:
    write(root, "b.txt", DE_TEXT)
    write(root, "a.txt", f"{EN_TITLE}\n{EN_BODY}")
    write(root, "sub/z.md", f"# {FR_TITLE}\n{FR_BODY}")
    write(root, "sub/deeper/c.json", json.dumps([{"text": ZH_BODY}, {"text": AR_BODY}], ensure_ascii=False))
    write(root, "sub/a.jsonl", json.dumps({"text": RU_BODY}, ensure_ascii=False) + "\n")
    write(root, ".hidden.txt", DE_TEXT)
    write(root, ".git/config.txt", DE_TEXT)
    write(root, "sub/.cache/x.txt", DE_TEXT)


def test_folder_walk_sorted_hidden_skipped_relative_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _make_corpus(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    items = read_all("corpus")
    assert [i.path for i in items] == [
        "corpus/a.txt",
        "corpus/b.txt",
        "corpus/sub/a.jsonl:1",
        "corpus/sub/deeper/c.json:1",
        "corpus/sub/deeper/c.json:2",
        "corpus/sub/z.md",
    ]
    assert all(isinstance(i, RawDocument) for i in items)
    assert count_inputs(["corpus"]) == 5
    # the string the user gave is kept, trailing slash and "./" included
    assert [i.path for i in read_all("corpus/")][0] == "corpus/a.txt"
    assert [i.path for i in read_all("./corpus/sub/deeper")] == [
        "./corpus/sub/deeper/c.json:1",
        "./corpus/sub/deeper/c.json:2",
    ]
    # a hidden file named explicitly is read
    assert one_doc("corpus/.hidden.txt").path == "corpus/.hidden.txt"


def test_inputs_keep_command_line_order_and_errors_inline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _make_corpus(tmp_path / "corpus")
    write(tmp_path, "extra.txt", DE_TEXT)
    write(tmp_path, "empty.txt", b"")
    monkeypatch.chdir(tmp_path)
    items = read_all("extra.txt", "missing.txt", Path("corpus") / "sub", "empty.txt")
    assert [(type(i).__name__, i.path) for i in items] == [
        ("RawDocument", "extra.txt"),
        ("IngestError", "missing.txt"),
        ("RawDocument", "corpus/sub/a.jsonl:1"),
        ("RawDocument", "corpus/sub/deeper/c.json:1"),
        ("RawDocument", "corpus/sub/deeper/c.json:2"),
        ("RawDocument", "corpus/sub/z.md"),
        ("IngestError", "empty.txt"),
    ]
    assert count_inputs(["extra.txt", "missing.txt", "corpus/sub", "empty.txt"]) == 5


def test_single_path_string_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", DE_TEXT)
    assert len(list(iter_documents(str(path)))) == 1  # type: ignore[arg-type]
    assert count_inputs(path) == 1  # type: ignore[arg-type]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loop_is_not_followed_forever(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root, "a.txt", DE_TEXT)
    os.symlink(root, root / "loop")
    os.symlink(root / "gone.txt", root / "broken.txt")
    items = read_all(root)
    assert [(type(i).__name__, i.path) for i in items] == [
        ("RawDocument", str(root / "a.txt")),
        ("IngestError", str(root / "broken.txt")),
    ]
    assert isinstance(items[1], IngestError) and items[1].reason == "no such file or directory"


def test_deterministic_repeat(tmp_path: Path) -> None:
    _make_corpus(tmp_path)
    first = [(i.path, getattr(i, "text", None)) for i in read_all(tmp_path)]
    second = [(i.path, getattr(i, "text", None)) for i in read_all(tmp_path)]
    assert first == second and len(first) == 6
