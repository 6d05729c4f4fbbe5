"""Check publication-date resolution on the shared corpora: ``python bench/dates_check.py [-v]``.

multinews-dev (115 articles, 10 languages): the resolver is run three ways --
``kept`` (published field and URL as given), ``no-published`` (published removed, URL kept) and
``text-only`` (published and URL removed: datelines and text evidence only). For each it prints coverage
(share with any date), exact-day accuracy among day-precision answers, and the number of wrong answers
(a date, month or year that does not contain the true publication date), overall and by language.

gva-longtail-pilot (English local news with a document creation date), when present: the same figures
for ``url`` (URL kept) and ``text-only``, on the dev and test splits separately.

The corpora live in ``../shared/data`` relative to the repository root; without them the script says so
and exits 0. Nothing from them is copied anywhere.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.enrich.dates import MetadataOnlyDateResolver, RuleDateResolver, TextPolicy
from storyline.model import PubDate, RawDocument

ROOT = Path(__file__).resolve().parents[1]
DATA = (ROOT / ".." / "shared" / "data").resolve()


@dataclass
class Tally:
    n: int = 0
    dated: int = 0
    day: int = 0
    day_exact: int = 0
    coarse_ok: int = 0
    wrong: int = 0
    origins: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    wrong_ids: list[str] = field(default_factory=list)

    def add(self, key: str, got: PubDate, gold: dt.date) -> None:
        self.n += 1
        if got.date is None or got.precision == "unknown":
            return
        self.dated += 1
        self.origins[got.origin] += 1
        if got.precision == "day":
            self.day += 1
            ok = got.date == gold
            self.day_exact += ok
        elif got.precision == "month":
            ok = (got.date.year, got.date.month) == (gold.year, gold.month)
            self.coarse_ok += ok
        else:
            ok = got.date.year == gold.year
            self.coarse_ok += ok
        if not ok:
            self.wrong += 1
            self.wrong_ids.append(f"{key}:{got.iso()}/{got.precision}/{got.origin} gold {gold}")

    def row(self, label: str) -> str:
        cov = self.dated / self.n if self.n else 0.0
        acc = self.day_exact / self.day if self.day else float("nan")
        coarse = self.dated - self.day
        return (
            f"{label:<14} n={self.n:<5} coverage={cov:6.1%}  day={self.day:<5} exact-day={acc:6.1%}"
            f"  month/year={coarse:<4} (ok {self.coarse_ok:<4})  wrong={self.wrong}"
        )


def _report(title: str, tallies: dict[str, Tally], total: Tally, seconds: float, verbose: bool) -> None:
    print(
        f"\n== {title}  ({total.n / seconds:,.0f} articles/s, {1000 * seconds / max(total.n, 1):.2f} ms each)"
    )
    print(total.row("all"))
    print("   origins: " + ", ".join(f"{k}={v}" for k, v in sorted(total.origins.items())))
    for lang in sorted(tallies):
        print(tallies[lang].row("  " + lang))
    if verbose and total.wrong_ids:
        print("   wrong: " + "; ".join(total.wrong_ids[:40]))


def _run(
    resolver: RuleDateResolver | MetadataOnlyDateResolver,
    items: Iterable[tuple[str, str, RawDocument, dt.date]],
) -> tuple[dict[str, Tally], Tally, float]:
    by_lang: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    elapsed = 0.0
    for key, lang, doc, gold in items:
        t0 = time.perf_counter()
        got = resolver.resolve(doc, doc.text, lang)
        elapsed += time.perf_counter() - t0
        by_lang[lang].add(key, got, gold)
        total.add(key, got, gold)
    return by_lang, total, max(elapsed, 1e-9)


def _warm_up() -> None:
    """Compile the per-language patterns once so that the timings show the steady state."""
    for lang in ("en", "ar", "fr", "de", "es", "ru", "zh", "tr", "pl", "it", None):
        RuleDateResolver().resolve(RawDocument(text="x"), "x", lang)


def multinews(verbose: bool) -> bool:
    folder = DATA / "multinews-dev"
    if not (folder / "articles.jsonl").exists():
        print(f"multinews-dev not found at {folder}: skipping the date check.")
        return False
    articles = [json.loads(line) for line in (folder / "articles.jsonl").open(encoding="utf-8")]
    gold = {g["id"]: g for g in map(json.loads, (folder / "gold.jsonl").open(encoding="utf-8"))}

    def items(keep_published: bool, keep_url: bool) -> list[tuple[str, str, RawDocument, dt.date]]:
        out = []
        for a in articles:
            g = gold[a["id"]]
            doc = RawDocument(
                text=a["text"],
                title=a.get("title") or None,
                published=a.get("published") if keep_published else None,
                url=a.get("url") if keep_url else None,
                source=a.get("source"),
                format=a.get("format", "txt"),
            )
            out.append((a["id"], g["language"], doc, dt.date.fromisoformat(g["date"])))
        return out

    _warm_up()
    runs: tuple[tuple[str, bool, bool, TextPolicy], ...] = (
        ("multinews-dev: kept (published + URL)", True, True, "anchored"),
        ("multinews-dev: no-published (URL kept)", False, True, "anchored"),
        ("multinews-dev: text-only (no published, no URL)", False, False, "anchored"),
        ("multinews-dev: text-only, text_policy=month", False, False, "month"),
        ("multinews-dev: text-only, text_policy=latest (naive baseline)", False, False, "latest"),
    )
    for title, kp, ku, policy in runs:
        _report(title, *_run(RuleDateResolver(text_policy=policy), items(kp, ku)), verbose)
    _report(
        "multinews-dev: MetadataOnlyDateResolver", *_run(MetadataOnlyDateResolver(), items(True, True)), False
    )
    return True


def gva(verbose: bool) -> None:
    path = DATA / "gva-longtail-pilot" / "docs.jsonl"
    if not path.exists():
        print(f"\ngva-longtail-pilot not found at {path}: skipping it.")
        return
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = [r for r in rows if r.get("text") and r.get("dct")]
    for split in ("dev", "test"):
        part = [r for r in rows if r["split"] == split]
        runs: tuple[tuple[str, bool, TextPolicy], ...] = (
            ("url + text", True, "anchored"),
            ("text-only", False, "anchored"),
            ("text-only, text_policy=month", False, "month"),
            ("text-only, text_policy=latest (naive baseline)", False, "latest"),
        )
        for title, keep_url, policy in runs:
            resolver = RuleDateResolver(text_policy=policy)
            items = [
                (
                    r["doc_id"],
                    "en",
                    RawDocument(text=r["text"], title=r.get("title"), url=r["uri"] if keep_url else None),
                    dt.date.fromisoformat(r["dct"][:10]),
                )
                for r in part
            ]
            by_lang, total, secs = _run(resolver, items)
            _report(f"gva-longtail-pilot {split}: {title}", {}, total, secs, verbose)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list the wrong answers")
    ap.add_argument("--no-gva", action="store_true", help="skip the English GVA corpus")
    args = ap.parse_args(argv)
    if not multinews(args.verbose):
        return 0
    if not args.no_gva:
        gva(args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
