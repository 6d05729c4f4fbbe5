"""Informal check of the place gazetteer against multinews-dev gold entities.

For each article, the gold ``entities`` that are places (their canonical English name is the name of a
gazetteer place) are compared with the places found in the text. Prints per-language recall, the number of
found places that are not among the article's gold entities ("extra": false hits, or true mentions that
the gold list leaves out), and the most frequent misses and extras.

Run from the repository root: ``python bench/places_check.py [--data ../shared/data]``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

logger = logging.getLogger("places_check")


def _fold(s: str) -> str:
    d = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in d if not unicodedata.combining(c)).replace("-", " ")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[1] / ".." / "shared" / "data"))
    ap.add_argument("--show", type=int, default=15, help="how many misses/extras to list")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)

    root = Path(args.data) / "multinews-dev"
    arts_path, gold_path = root / "articles.jsonl", root / "gold.jsonl"
    if not arts_path.is_file() or not gold_path.is_file():
        logger.info("multinews-dev not found under %s; skipping", root)
        return 0

    from storyline.enrich.places import default_gazetteer

    t0 = time.perf_counter()
    gaz = default_gazetteer()
    logger.info("gazetteer ready in %.2fs (%d names)", time.perf_counter() - t0, len(gaz))
    place_names = {_fold(p.name) for p in gaz.places}

    gold = {g["id"]: g for g in map(json.loads, gold_path.read_text(encoding="utf-8").splitlines())}
    arts = [json.loads(line) for line in arts_path.read_text(encoding="utf-8").splitlines()]

    for art in arts:  # warm up: load each language's word-frequency list once
        g = gold.get(art["id"])
        if g is not None:
            gaz.find(art.get("text") or "", g["language"])

    per_lang: dict[str, Counter[str]] = defaultdict(Counter)
    misses: Counter[str] = Counter()
    extras: Counter[str] = Counter()
    elapsed = 0.0
    chars = 0
    for art in arts:
        g = gold.get(art["id"])
        if g is None:
            continue
        lang = g["language"]
        text = (art.get("title") or "") + "\n" + (art.get("text") or "")
        chars += len(text)
        t = time.perf_counter()
        found = gaz.find(text, lang)
        elapsed += time.perf_counter() - t
        found_names = {_fold(p.name) for p, _s in found}
        gold_all = {_fold(e) for e in g["entities"]}
        gold_places = gold_all & place_names
        c = per_lang[lang]
        c["articles"] += 1
        c["gold"] += len(gold_places)
        c["hit"] += len(gold_places & found_names)
        for name in gold_places - found_names:
            misses[f"{lang}:{name}"] += 1
        extra = found_names - gold_all
        c["extra"] += len(extra)
        c["found"] += len(found_names)
        for name in extra:
            surfaces = sorted({s for p, s in found if _fold(p.name) == name})
            extras[f"{lang}:{name} <- {'/'.join(surfaces)[:40]}"] += 1

    total: Counter[str] = Counter()
    logger.info("gold = gold entities that are gazetteer places; found/extra = distinct places per article")
    logger.info("%-5s %5s %6s %6s %7s %6s", "lang", "docs", "gold", "recall", "found", "extra")
    for lang in sorted(per_lang):
        c = per_lang[lang]
        total.update(c)
        logger.info(
            "%-5s %5d %6d %6.2f %7d %6d",
            lang,
            c["articles"],
            c["gold"],
            c["hit"] / max(1, c["gold"]),
            c["found"],
            c["extra"],
        )
    logger.info(
        "%-5s %5d %6d %6.2f %7d %6d",
        "all",
        total["articles"],
        total["gold"],
        total["hit"] / max(1, total["gold"]),
        total["found"],
        total["extra"],
    )
    logger.info(
        "speed: %.0f articles/s, %.2f ms per 3 KB", total["articles"] / elapsed, elapsed / chars * 3000 * 1000
    )
    logger.info("most frequent misses: %s", ", ".join(f"{k} x{v}" for k, v in misses.most_common(args.show)))
    logger.info(
        "most frequent extras (place found, not among the article's gold entities: false hits, or true "
        "mentions the gold list leaves out; judge by the surface forms):"
    )
    for k, v in extras.most_common(args.show):
        logger.info("  %s x%d", k, v)
    return 0


if __name__ == "__main__":
    sys.exit(main())
