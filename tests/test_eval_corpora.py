"""Loaders for labelled corpora: tiny fixtures here, real benchmark data when it is present."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from storyline.errors import EvalError
from storyline.eval.corpora import (
    LabelledArticle,
    count_gva_empty,
    detokenise,
    load_ecbplus,
    load_gva,
    load_labelled_jsonl,
    load_multinews,
    shared_data_dir,
)


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------------
# generic JSON Lines


def test_labelled_jsonl_reads_all_fields(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {
                "id": "a1",
                "text": "Body one.",
                "title": "T1",
                "published": "2024-01-02",
                "source": "Example News",
                "url": "https://example.com/1",
                "language": "en",
                "event": "e1",
                "story": "s1",
                "split": "test",
                "extra": 5,
            },
            {"id": 2, "text": "Body two.", "event": "e1"},
        ],
    )
    (tmp_path / "gold.jsonl").write_text(path.read_text() + "\n\n", encoding="utf-8")  # blank lines skipped
    first, second = load_labelled_jsonl(path)
    assert first.id == "a1" and first.title == "T1" and first.published == "2024-01-02"
    assert (first.source, first.url, first.language) == ("Example News", "https://example.com/1", "en")
    assert (first.event, first.story, first.split) == ("e1", "s1", "test")
    assert first.meta["extra"] == 5
    assert second.id == "2" and second.title is None and second.story is None and second.split is None
    raw = first.to_raw_document()
    assert raw.external_id == "a1" and raw.text == "Body one." and raw.title == "T1"


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({"id": "x", "text": "t"}, "event"),
        ({"id": "x", "text": "t", "event": ""}, "event"),
        ({"id": "x", "text": "t", "event": ["e"]}, "event"),
        ({"text": "t", "event": "e"}, "id"),
        ({"id": "x", "event": "e"}, "text"),
        ({"id": "x", "text": 3, "event": "e"}, "text"),
        ({"id": "x", "text": "t", "event": "e", "title": 5}, "title"),
        ({"id": "x", "text": "t", "event": "e", "story": {"a": 1}}, "story"),
    ],
)
def test_labelled_jsonl_bad_rows_name_file_line_and_field(
    tmp_path: Path, row: dict[str, Any], field: str
) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", [{"id": "ok", "text": "fine", "event": "e"}, row])
    with pytest.raises(EvalError, match=rf"bad\.jsonl:2: field '{field}'") as info:
        load_labelled_jsonl(path)
    assert str(path) in str(info.value)


def test_labelled_jsonl_invalid_json_and_non_objects(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": "a", "text": "t", "event": "e"}\n{not json\n', encoding="utf-8")
    with pytest.raises(EvalError, match=r"broken\.jsonl:2: invalid JSON"):
        load_labelled_jsonl(path)
    write_jsonl(path, [[1, 2]])
    with pytest.raises(EvalError, match=r"broken\.jsonl:1: expected a JSON object"):
        load_labelled_jsonl(path)


def test_labelled_jsonl_duplicate_ids(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "dup.jsonl",
        [{"id": "a", "text": "t", "event": "e"}, {"id": "a", "text": "u", "event": "e"}],
    )
    with pytest.raises(EvalError, match=r"dup\.jsonl:2: field 'id': duplicate id 'a' \(first on line 1\)"):
        load_labelled_jsonl(path)


def test_labelled_jsonl_missing_or_empty_file(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="cannot read"):
        load_labelled_jsonl(tmp_path / "nope.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(EvalError, match="no records"):
        load_labelled_jsonl(tmp_path / "empty.jsonl")


# --------------------------------------------------------------------------------------------------
# detokenisation


@pytest.mark.parametrize(
    ("tokenised", "expected"),
    [
        (
            "Reid checked into Promises , her rep told People .",
            "Reid checked into Promises, her rep told People.",
        ),
        (
            "`` We appreciate it , '' the actress 's rep said .",
            '"We appreciate it," the actress\'s rep said.',
        ),
        ("He did n't go ; she 's gone !", "He didn't go; she's gone!"),
        ('He said " no way " and left .', 'He said "no way" and left.'),
        ('" Stop , " she said .', '"Stop," she said.'),
        (
            "a 90 - day stay ( court - mandated ) cost $ 1 , 000 , 000",
            "a 90-day stay (court-mandated) cost $1,000,000",
        ),
        ("magnitude 6 . 1 at 09 : 01 ; 40 % of homes", "magnitude 6.1 at 09:01; 40% of homes"),
        ("They ’ re at the team ’ s base", "They’re at the team’s base"),
        ("“ It is over , ” he said", "“It is over,” he said"),
        ("the companies ' computers and / or phones", "the companies' computers and/or phones"),
        ("wait ... what ?", "wait... what?"),
        ("poverty -- and worse", "poverty -- and worse"),
        (
            "http : / / www . bbc . co . uk / news / world - 24104939",
            "http://www.bbc.co.uk/news/world-24104939",
        ),
    ],
)
def test_detokenise(tokenised: str, expected: str) -> None:
    assert detokenise(tokenised) == expected


def test_detokenise_keeps_lines() -> None:
    assert detokenise("One , two .\n\nThree .") == "One, two.\n\nThree."


# --------------------------------------------------------------------------------------------------
# corpus fixtures


def ecb_rows() -> list[dict[str, Any]]:
    return [
        {
            "doc_id": "1_1ecb",
            "topic": 1,
            "subtopic": "1_ecb",
            "text": "Tara Reid 's rep said so .",
            "split": "dev",
        },
        {
            "doc_id": "1_1ecbplus",
            "topic": 1,
            "subtopic": "1_ecbplus",
            "text": "http : / / www . example . com / 2013 / lohan - rehab\n"
            "Lohan checks in\nShe did , again .",
            "split": "dev",
        },
        {"doc_id": "36_1ecb", "topic": 36, "subtopic": "36_ecb", "text": "A quake hit .", "split": "test"},
    ]


def test_load_ecbplus_fixture(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "ecbplus" / "docs.jsonl", ecb_rows())
    docs = load_ecbplus(tmp_path / "ecbplus", None)
    assert [d.id for d in docs] == ["1_1ecb", "1_1ecbplus", "36_1ecb"]
    first, second, _ = docs
    assert first.text == "Tara Reid's rep said so."
    assert first.event == first.story == "1_ecb" and first.language == "en" and first.meta["topic"] == 1
    assert second.url == "http://www.example.com/2013/lohan-rehab" and second.source == "example.com"
    assert second.text == "Lohan checks in\nShe did, again."
    # the shared data folder works too, and splits filter
    assert [d.id for d in load_ecbplus(tmp_path, "test")] == ["36_1ecb"]
    assert len(load_ecbplus(tmp_path, "dev")) == 2


def test_load_ecbplus_errors(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="no docs.jsonl"):
        load_ecbplus(tmp_path, None)
    write_jsonl(tmp_path / "docs.jsonl", ecb_rows())
    with pytest.raises(EvalError, match="unknown split"):
        load_ecbplus(tmp_path, "train")
    write_jsonl(tmp_path / "docs.jsonl", [{"doc_id": "x", "text": "t", "split": "dev"}])
    with pytest.raises(EvalError, match=r"docs\.jsonl:1: field 'subtopic' is required"):
        load_ecbplus(tmp_path, None)


def gva_rows() -> list[dict[str, Any]]:
    base = {"title": "Man shot", "dct": "2016-03-01"}
    return [
        base
        | {
            "incident_id": "101",
            "doc_id": "d1",
            "uri": "http://web.archive.org/web/20151030223013/http://www.wral.com/story/1/",
            "text": "A man was shot.",
            "split": "dev",
        },
        base
        | {"incident_id": "101", "doc_id": "d2", "uri": "http://x.org/a", "text": "  \n", "split": "dev"},
        base | {"incident_id": "202", "doc_id": "d1", "uri": "", "text": "A man was shot.", "split": "test"},
        base | {"incident_id": "303", "doc_id": "d3", "uri": "", "text": "Two hurt.", "split": "test"},
    ]


def test_load_gva_fixture(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write_jsonl(tmp_path / "gva-longtail-pilot" / "docs.jsonl", gva_rows())
    with caplog.at_level("INFO", logger="storyline.eval.corpora"):
        docs = load_gva(tmp_path, None)
    assert "skipped 1 with empty text" in caplog.text
    assert [d.id for d in docs] == ["d1", "d1#2", "d3"]  # repeated doc ids stay unique
    first = docs[0]
    assert (
        first.event == first.story == "101" and first.published == "2016-03-01" and first.title == "Man shot"
    )
    assert first.url == "http://www.wral.com/story/1/" and first.source == "wral.com"
    assert first.meta["archive_url"].startswith("http://web.archive.org/")
    assert docs[2].url is None
    assert [d.id for d in load_gva(tmp_path, "test")] == ["d1#2", "d3"]  # ids do not depend on the split
    assert count_gva_empty(tmp_path) == 1 and count_gva_empty(tmp_path, "test") == 0


def test_load_multinews_fixture(tmp_path: Path) -> None:
    folder = tmp_path / "multinews-dev"
    write_jsonl(
        folder / "articles.jsonl",
        [
            {
                "id": "A1",
                "format": "json",
                "title": "Quake",
                "text": "زلزال",
                "published": None,
                "source": "S",
                "url": None,
            },
            {
                "id": "A2",
                "format": "html",
                "title": "Fire",
                "text": "Clean body",
                "published": "2019-04-15",
                "source": "T",
                "url": "https://t.example/fire",
                "html": "<html><body><p>Clean body</p></body></html>",
            },
        ],
    )
    write_jsonl(
        folder / "gold.jsonl",
        [
            {"id": "A2", "language": "fr", "event": "nd-fire", "story": "notre-dame", "date": "2019-04-15"},
            {"id": "A1", "language": "ar", "event": "mq-strikes", "story": "morocco", "date": "2023-09-09"},
        ],
    )
    first, second = load_multinews(tmp_path)
    assert (first.id, first.language, first.event, first.story) == ("A1", "ar", "mq-strikes", "morocco")
    assert first.published is None and first.meta["format"] == "json" and "html" not in first.meta
    assert second.meta["html"].startswith("<html>") and second.meta["gold_date"] == "2019-04-15"
    assert second.to_raw_document().format == "html"
    write_jsonl(folder / "gold.jsonl", [{"id": "A1", "language": "ar", "event": "e", "story": "s"}])
    with pytest.raises(EvalError, match=r"articles\.jsonl:2: article 'A2' has no row in gold\.jsonl"):
        load_multinews(folder)


def test_shared_data_dir_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_SHARED_DATA", str(tmp_path))
    assert shared_data_dir() == tmp_path
    monkeypatch.setenv("STORYLINE_SHARED_DATA", str(tmp_path / "missing"))
    assert shared_data_dir() is None


# --------------------------------------------------------------------------------------------------
# the real benchmark data, when present


def real_data() -> Path:
    data = shared_data_dir()
    if data is None:
        pytest.skip("benchmark data not found (../shared/data or $STORYLINE_SHARED_DATA)")
    return data


def test_real_ecbplus_counts() -> None:
    data = real_data()
    docs = load_ecbplus(data, None)
    assert len(docs) == 982
    assert len({d.event for d in docs}) == 86
    test = load_ecbplus(data, "test")
    assert len(test) == 210 and len({d.event for d in test}) == 20
    assert len(load_ecbplus(data, "dev")) == 772
    # detokenised: no Treebank quotes or split clitics left
    text = "\n".join(d.text for d in docs)
    assert "``" not in text and " 's " not in text and " n't " not in text and " ," not in text


def test_real_gva_counts() -> None:
    data = real_data()
    docs = load_gva(data, None)
    assert count_gva_empty(data) == 111
    assert len(docs) == 6335 - 111
    assert len({d.id for d in docs}) == len(docs)
    assert Counter(d.split for d in docs) == Counter(
        {"dev": 3063 - count_gva_empty(data, "dev"), "test": 3272 - count_gva_empty(data, "test")}
    )
    assert all(isinstance(d, LabelledArticle) and d.text.strip() for d in docs)


def test_real_multinews_counts() -> None:
    docs = load_multinews(real_data())
    assert len(docs) == 115
    assert len({d.language for d in docs}) == 10
    assert sum(1 for d in docs if d.meta["format"] == "html" and d.meta.get("html")) == 13
