"""Publication dates of HTML pages through the ingest path: exact-day accuracy.

The path is the one ``storyline ingest page.html`` takes: ``parse_html`` (trafilatura + htmldate on the
markup: meta tags, JSON-LD, ``<time>``, the canonical URL), then the pipeline's first stages (cleaner,
language from the page or detected) and ``RuleDateResolver`` (metadata, URL, dateline, visible date lines).

Sets:
* ``tests/data/html_dates``: 39 small pages written for storyline in 13 languages and several CMS
  conventions (Open Graph, JSON-LD incl. ``@graph``, ``<time>``, microdata, Dublin Core, sailthru/parsely
  meta, URL-only dates, visible bylines only) including misleading later dates (modified/updated labels,
  copyright years, comment dates, sidebars with other articles' dates). Gold in ``gold.jsonl``.
* the trafilatura evaluation set (``../shared/data/trafilatura-eval``): the 728 pages whose ``evaldata.json``
  entry carries a ``date``.

A page counts as right when the resolved date is precise to the day and equal to the gold day; "none" is
a page where no day was found (unknown, or month/year precision); "wrong" a different day.

    python bench/html_dates.py
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import Counter

from common import ROOT
from storyline.clean import BoilerplateCleaner
from storyline.enrich.dates import RuleDateResolver
from storyline.enrich.language import FastTextDetector, LanguageDetector, normalise_code
from storyline.errors import IngestError
from storyline.eval.corpora import shared_data_dir
from storyline.ingest.base import decode_bytes
from storyline.ingest.html import parse_html

FIXTURES = ROOT / "tests" / "data" / "html_dates"


class HtmlDater:
    """The ingest path from page to publication day (what ``Pipeline.prepare`` does up to the date)."""

    def __init__(self, language: LanguageDetector | None = None) -> None:
        self.cleaner = BoilerplateCleaner()
        self.language = language or FastTextDetector()
        self.dates = RuleDateResolver()

    def day(self, page: str, path: str) -> str | None:
        try:
            doc = parse_html(page, path)
        except IngestError:
            return None
        given = normalise_code(doc.language)
        body = self.cleaner.clean(doc.text, given).body
        lang = given or self.language.detect(f"{doc.title or ''}\n{body}")[0]
        d = self.dates.resolve(doc, body, lang)
        return d.iso() if d.date and d.precision == "day" else None


def fixture_cases() -> list[tuple[str, str, str]]:
    """(name, page, gold day) of the fixture set."""
    out = []
    for line in (FIXTURES / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        out.append((row["file"], (FIXTURES / row["file"]).read_text(encoding="utf-8"), row["date"]))
    return out


def evalset_cases() -> list[tuple[str, str, str]]:
    data = shared_data_dir()
    if data is None or not (data / "trafilatura-eval").is_dir():
        return []
    root = data / "trafilatura-eval"
    gold = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    out = []
    for url, item in sorted(gold.items()):
        path = root / "html" / f"{item['file']}.gz"
        if item.get("date") and path.is_file():
            out.append((url, decode_bytes(gzip.decompress(path.read_bytes()), str(path)), item["date"][:10]))
    return out


def score(dater: HtmlDater, cases: list[tuple[str, str, str]], verbose: bool = False) -> Counter[str]:
    c: Counter[str] = Counter()
    for name, page, gold in cases:
        got = dater.day(page, name)
        outcome = "right" if got == gold else ("none" if got is None else "wrong")
        c[outcome] += 1
        if verbose and outcome != "right":
            print(f"  {outcome}: {name}: gold {gold}, got {got}")
    return c


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list the misses")
    args = ap.parse_args()
    dater = HtmlDater()
    for name, cases in (("fixtures (tests/data/html_dates)", fixture_cases()),
                        ("trafilatura-eval pages with a gold date", evalset_cases())):
        if not cases:
            print(f"{name}: not found, skipped")
            continue
        t0 = time.perf_counter()
        c = score(dater, cases, args.verbose)
        n = len(cases)
        print(f"{name}: {n} pages; exact day {c['right']}/{n} = {c['right'] / n:.3f}; "
              f"wrong day {c['wrong']}, no day {c['none']}; {1000 * (time.perf_counter() - t0) / n:.0f} ms/page")


if __name__ == "__main__":
    main()
