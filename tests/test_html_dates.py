"""Publication dates of saved HTML pages through the ingest path (tests/data/html_dates, gold.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.clean import BoilerplateCleaner
from storyline.enrich.dates import RuleDateResolver
from storyline.enrich.language import normalise_code
from storyline.errors import IngestError
from storyline.ingest.html import parse_html, visible_date_line

DATA = Path(__file__).resolve().parent / "data" / "html_dates"
GOLD = [json.loads(line) for line in (DATA / "gold.jsonl").read_text(encoding="utf-8").splitlines()]


def _day(page: str, path: str) -> str | None:
    doc = parse_html(page, path)
    lang = normalise_code(doc.language)
    body = BoilerplateCleaner().clean(doc.text, lang).body
    d = RuleDateResolver().resolve(doc, body, lang)
    return d.iso() if d.precision == "day" else None


def test_fixture_set_is_varied() -> None:
    assert len(GOLD) >= 30
    assert len({g["language"] for g in GOLD}) >= 10


def test_exact_day_accuracy_floor_and_no_wrong_day() -> None:
    results = {g["file"]: _day((DATA / g["file"]).read_text(encoding="utf-8"), g["file"]) for g in GOLD}
    right = [g["file"] for g in GOLD if results[g["file"]] == g["date"]]
    wrong = {f: d for f, d in results.items() if d is not None and f not in right}
    assert len(right) / len(GOLD) >= 0.90, {g["file"]: results[g["file"]] for g in GOLD if g["file"] not in right}
    assert not wrong  # a wrong day is worse than none


@pytest.mark.parametrize("name", ["mis_updated_visible", "mis_sidebar", "mis_copyright", "jsonld_it"])
def test_misleading_later_dates_are_not_taken(name: str) -> None:
    gold = next(g["date"] for g in GOLD if g["file"] == f"{name}.html")
    assert _day((DATA / f"{name}.html").read_text(encoding="utf-8"), name) == gold


def test_visible_date_line_ignores_updated_labels_and_asides() -> None:
    page = ("<html><body><article><h1>T</h1><p class='date'>Updated: March 3, 2021</p>"
            "<aside><span class='date'>4 March 2021</span></aside><p>text</p></article></body></html>")
    assert visible_date_line(page, "en") is None
    page = page.replace("</h1>", "</h1><span class='byline'>Publicado el 2 de marzo de 2021</span>")
    assert visible_date_line(page, "es") == "Publicado el 2 de marzo de 2021"


@pytest.mark.parametrize("page", ["", "<<<>>>", "<html><article>", "\x00\x01 not html at all", "<h1></h1>" * 3])
def test_malformed_pages_never_crash(page: str) -> None:
    assert visible_date_line(page, None) is None
    try:
        parse_html(page, "bad.html")
    except IngestError as exc:
        assert exc.path == "bad.html" and exc.reason
