"""Near-duplicate detection on GVA: how many copies are found and how often a copy and its canonical
article share the gold incident (a proxy for the precision of the detection).

Runs the product's path: each article is cleaned by the ingest cleaner, then looked up with
:class:`storyline.dedup.DuplicateFinder` in a SQLite store (``minhash_bands``), in publication order, and
remembered. Exact repeats of a text (skipped by ingest as "already present") are counted apart.
A threshold sweep over every candidate pair found by the bands (exact Jaccard of word 5-gram shingles)
shows how the pair count and the incident agreement move with the threshold; the MinHash estimate is
compared with the exact value on the same pairs.

    python bench/dedup_check.py --split dev
    python bench/dedup_check.py --split test
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import statistics
import time

from common import load_corpus, machine
from storyline.clean import BoilerplateCleaner
from storyline.dedup import THRESHOLD, DuplicateFinder, Fingerprint, band_keys, estimate, jaccard
from storyline.eval.corpora import LabelledArticle
from storyline.store import Store

SWEEP = (0.5, 0.6, 0.7, 0.8, 0.9)


def run(items: list[LabelledArticle]) -> None:
    cleaner = BoilerplateCleaner()
    items = sorted(items, key=lambda a: (a.published or "", a.id))
    store = Store(":memory:")
    finder = DuplicateFinder(store.conn)
    seen: dict[str, str] = {}
    exact_same = exact_pairs = 0
    found: list[tuple[LabelledArticle, LabelledArticle, float, float]] = []
    fps: dict[int, tuple[LabelledArticle, Fingerprint]] = {}
    event_of: dict[int, LabelledArticle] = {}
    t_fp = t_find = 0.0
    for a in items:
        digest = hashlib.sha256(" ".join(a.text.split()).encode()).hexdigest()
        if digest in seen:
            exact_pairs += 1
            exact_same += seen[digest] == a.event
            continue
        seen[digest] = a.event
        body = cleaner.clean(a.text).body
        t0 = time.perf_counter()
        fp = Fingerprint.of(body)
        t1 = time.perf_counter()
        day = dt.date.fromisoformat(a.published[:10]) if a.published else None
        match = finder.find(fp, day)
        t_find += time.perf_counter() - t1
        t_fp += t1 - t0
        aid = store.insert_article({
            "content_hash": digest, "format": "txt", "title": a.title or "", "raw_text": a.text,
            "clean_text": body, "language": "en", "external_id": a.id,
            "duplicate_of": match.canonical if match else None,
            "published": day.isoformat() if day else None, "published_precision": "day" if day else "unknown",
        })
        finder.remember(aid, fp)
        fps[aid] = (a, fp)
        event_of[aid] = a
        if match:
            found.append((a, event_of[match.canonical], match.jaccard, match.estimate))
    n = len(fps)
    print(f"{len(items)} articles, {n} distinct texts ({exact_pairs} exact repeats, "
          f"{exact_same} of them under the same incident)")
    print(f"fingerprint {1000 * t_fp / n:.2f} ms/article, lookup {1000 * t_find / n:.2f} ms/article")
    same = sum(1 for a, c, _, _ in found if a.event == c.event)
    print(f"product path (threshold {THRESHOLD}): {len(found)} articles marked as copies of an earlier one; "
          f"{same}/{len(found)} = {same / max(1, len(found)):.3f} share the canonical's incident")
    for a, c, j, _ in found:
        if a.event != c.event:
            print(f"  different incidents: {a.id} ({a.event}) ~ {c.id} ({c.event}), Jaccard {j:.2f}: "
                  f"{(a.title or '')[:60]!r} / {(c.title or '')[:60]!r}")
    # every candidate pair the bands produce, for the sweep (the day-gap rule is not applied here)
    pairs: list[tuple[float, float, bool]] = []
    for aid, (a, fp) in fps.items():
        if fp.signature is None:
            continue
        keys = band_keys(fp.signature)
        others = {int(r[0]) for b, key in enumerate(keys) for r in store.conn.execute(
            "SELECT article_id FROM minhash_bands WHERE band = ? AND key = ? AND article_id > ?", (b, key, aid))}
        for other in others:
            b_art, b_fp = fps[other]
            assert b_fp.signature is not None
            j = jaccard(fp.shingles, b_fp.shingles)
            pairs.append((j, estimate(fp.signature, b_fp.signature), a.event == b_art.event))
    print(f"\ncandidate pairs from the bands: {len(pairs)}")
    print(f"{'threshold':>9} {'pairs':>6} {'same incident':>14}")
    for t in SWEEP:
        sel = [p for p in pairs if p[0] >= t]
        ok = sum(1 for p in sel if p[2])
        print(f"{t:>9.1f} {len(sel):>6} {ok / max(1, len(sel)):>14.3f}")
    near = [abs(j - e) for j, e, _ in pairs if j >= 0.5]
    if near:
        print(f"MinHash estimate vs exact Jaccard on pairs >= 0.5: mean abs error {statistics.mean(near):.3f}, "
              f"max {max(near):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    args = ap.parse_args()
    items = load_corpus("gva", None if args.split == "all" else args.split)
    print(f"GVA {args.split}; {machine()}")
    run(items)


if __name__ == "__main__":
    main()
