"""Cross-lingual entity linking on tests/fixtures/entities_xling.jsonl.

Usage: .venv/bin/python bench/entities_xling.py [--verbose]

Each line of the fixture is a group of articles in several languages about one happening, with gold
entities and the surface forms (article id, text) that must end in one entity. ``link_entities`` runs on
each group; a gold form is *found* when a predicted entity has it among its aliases for that article.
Linking is scored on pairs of gold forms: a pair is predicted linked when both forms are found in the same
predicted entity. Precision = correctly linked pairs / predicted linked pairs, recall = correctly linked
pairs / gold linked pairs (unfound forms count as unlinked, so recall includes extraction misses). Places
also check the country code and GeoNames id. Timing: median of 5 runs over all groups, after warm-up.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from storyline.analyse.entities import ArticleText, Entity, link_entities  # noqa: E402

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "entities_xling.jsonl"


def load() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.open(encoding="utf-8") if line.strip()]


def assign(entities: list[Entity], article: int, form: str) -> int | None:
    """Index of the predicted entity holding ``form`` for ``article`` (exact alias, else alias within form)."""
    for k, e in enumerate(entities):
        if article in e.article_ids and form in e.aliases:
            return k
    for k, e in enumerate(entities):
        if article in e.article_ids and any(a in form or form in a for a in e.aliases if len(a) >= 2):
            return k
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    groups = load()
    tp = n_pred = n_gold = found = total = 0
    place_ok = place_n = 0
    by_lang: dict[str, list[int]] = {}
    for g in groups:
        arts = [ArticleText(a["id"], a["text"], a["language"]) for a in g["articles"]]
        langs = {a.id: a.language for a in arts}
        ents = link_entities(arts)
        mentions = []  # (gold index, predicted index or None)
        for gi, ge in enumerate(g["entities"]):
            for aid, form in ge["forms"]:
                k = assign(ents, aid, form)
                mentions.append((gi, k))
                total += 1
                found += k is not None
                stat = by_lang.setdefault(langs[aid], [0, 0])
                stat[0] += k is not None
                stat[1] += 1
                if args.verbose and k is None:
                    print(f"  {g['group']}: not found {form!r} (article {aid})")
            if ge["type"] == "place":
                place_n += 1
                ks = [assign(ents, aid, f) for aid, f in ge["forms"]]
                ks = [k for k in ks if k is not None]
                if ks:
                    e = ents[max(set(ks), key=ks.count)]
                    place_ok += e.country == ge.get("country") and (
                        "geonames_id" not in ge or e.geonames_id == ge["geonames_id"]
                    )
        for (ga, pa), (gb, pb) in combinations(mentions, 2):
            gold_same = ga == gb
            pred_same = pa is not None and pa == pb
            n_gold += gold_same
            n_pred += pred_same
            tp += gold_same and pred_same
        if args.verbose:
            for e in ents:
                print(f"  {g['group']}: {e.id} {e.type} {e.aliases}")
    arts_all = [[ArticleText(a["id"], a["text"], a["language"]) for a in g["articles"]] for g in groups]
    for a in arts_all:
        link_entities(a)
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        for a in arts_all:
            link_entities(a)
        runs.append(time.perf_counter() - t0)
    n_articles = sum(len(a) for a in arts_all)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{len(groups)} groups, {n_articles} articles, {total} gold forms of "
          f"{sum(len(g['entities']) for g in groups)} entities")
    print(f"forms found: {found}/{total} = {found / total:.3f}")
    print("  by language: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(by_lang.items())))
    print(f"linking pairs: P={p:.3f} R={r:.3f} F1={f:.3f} ({tp} correct of {n_pred} predicted, {n_gold} gold)")
    print(f"places with the right country code (and GeoNames id): {place_ok}/{place_n}")
    print(f"link_entities: {1000 * statistics.median(runs) / n_articles:.1f} ms/article (median of 5 runs)")


if __name__ == "__main__":
    main()
