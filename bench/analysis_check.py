"""Event analysis: figures and quotes against hand-labelled sentences, and time per event analysis.

    python bench/analysis_check.py                # figures and quotes P/R on the fixtures
    python bench/analysis_check.py --timing       # plus cold, other-language and cached analysis time per event

Fixtures: tests/fixtures/figures_gold.jsonl (sentences in 12 languages with every figure's quantity,
value, qualifier and attribution) and tests/fixtures/quotes_gold.jsonl (direct quotes and speakers).
A predicted figure is right when quantity, value (low and high for ranges) and qualifier all match;
its attribution is then right when one of gold and predicted contains the other (case-folded), or
both are empty. A predicted quote is right when its text matches the gold text (ignoring end
punctuation); its speaker is right when gold and predicted speaker contain one another.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from common import machine  # noqa: E402
from storyline.analyse.event import clear_caches  # noqa: E402
from storyline.analyse.figures import extract_claims  # noqa: E402
from storyline.analyse.quotes import extract_quotes  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"


def _rows(name: str) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (FIXTURES / name).read_text(encoding="utf-8").splitlines() if x.strip()]


def _same_who(gold: str | None, pred: str | None) -> bool:
    if not gold or not pred:
        return not gold and not pred
    g, p = gold.casefold(), pred.casefold()
    return g in p or p in g


def figures_score() -> dict[str, Any]:
    tp = fp = fn = attr_ok = 0
    misses: list[str] = []
    for row in _rows("figures_gold.jsonl"):
        pred = extract_claims(row["text"], row["language"])
        gold = list(row["figures"])
        for c in pred:
            match = next((g for g in gold if g["quantity"] == c.quantity and g["qualifier"] == c.qualifier
                          and abs(g.get("low", g["value"]) - c.low) < 1e-6
                          and abs(g.get("high", g["value"]) - c.high) < 1e-6), None)
            if match is None:
                fp += 1
                misses.append(f"FP [{row['language']}] {c.quantity} {c.qualifier} {c.value:g}: {row['text'][:60]}")
                continue
            gold.remove(match)
            tp += 1
            attr_ok += _same_who(match["attribution"], c.attribution)
        fn += len(gold)
        misses += [f"FN [{row['language']}] {g['quantity']} {g['qualifier']} {g['value']}: {row['text'][:60]}"
                   for g in gold]
    return _prf(tp, fp, fn) | {"attribution_accuracy": round(attr_ok / tp, 3) if tp else 0.0, "errors": misses}


def quotes_score() -> dict[str, Any]:
    tp = fp = fn = speaker_ok = 0
    misses: list[str] = []
    norm = lambda s: s.strip().rstrip(".,。!?").strip()  # noqa: E731
    for row in _rows("quotes_gold.jsonl"):
        pred = extract_quotes(row["text"], row["language"])
        gold = list(row["quotes"])
        for q in pred:
            match = next((g for g in gold if norm(g["text"]) == norm(q.text)), None)
            if match is None:
                fp += 1
                misses.append(f"FP [{row['language']}] {q.text[:50]}")
                continue
            gold.remove(match)
            tp += 1
            if _same_who(match["speaker"], q.speaker):
                speaker_ok += 1
            else:
                misses.append(f"speaker [{row['language']}] gold {match['speaker']!r} got {q.speaker!r}")
        fn += len(gold)
        misses += [f"FN [{row['language']}] {g['text'][:50]}" for g in gold]
    return _prf(tp, fp, fn) | {"speaker_accuracy": round(speaker_ok / tp, 3) if tp else 0.0, "errors": misses}


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def timing(runs: int) -> dict[str, Any]:
    """Cold analysis (cache emptied, models already loaded) and cached reads for every demo event."""
    from storyline import Engine

    with tempfile.TemporaryDirectory() as tmp, Engine(Path(tmp) / "demo.db") as engine:
        engine.ingest([str(ROOT / "demo" / "corpus")])
        ids = [e["id"] for e in engine.events()]
        engine.pipeline.embedder.encode(["warm-up"])
        for eid in ids:  # loads the entity and place lexicons of every language once (a warm process)
            engine.event_analysis(eid)
        cold: list[float] = []
        other_lang: list[float] = []
        cold_cpu: list[float] = []  # CPU time of this process: less disturbed by other jobs on the machine
        per_event: dict[int, list[float]] = {}
        for _ in range(runs):
            engine.store.conn.execute("DELETE FROM event_analysis")
            clear_caches()  # and the per-article work kept in the process: every article is analysed again
            t0, c0 = time.perf_counter(), time.process_time()
            for eid in ids:
                t1 = time.perf_counter()
                engine.event_analysis(eid)
                per_event.setdefault(eid, []).append(time.perf_counter() - t1)
            cold.append((time.perf_counter() - t0) / len(ids))
            cold_cpu.append((time.process_time() - c0) / len(ids))
            t0 = time.perf_counter()  # the summary in another language: per-article work is reused
            for eid in ids:
                engine.event_analysis(eid, "fr")
            other_lang.append((time.perf_counter() - t0) / len(ids))
        cached: list[float] = []
        for _ in range(runs):
            t0 = time.perf_counter()
            for _ in range(20):
                for eid in ids:
                    engine.event_analysis(eid)
            cached.append((time.perf_counter() - t0) / (20 * len(ids)))
        sizes = [len(engine.store._event_article_ids(eid)) if hasattr(engine.store, "_event_article_ids") else 0
                 for eid in ids]
    big = [statistics.median(per_event[eid]) for eid, n in zip(ids, sizes, strict=True) if n >= 4]
    return {"events": len(ids), "articles_per_event_mean": round(statistics.mean(sizes), 2),
            "events_4_plus_articles": len(big),
            "cold_seconds_per_4_plus_article_event_median": round(statistics.median(big), 3) if big else None,
            "cold_seconds_per_event_median": round(statistics.median(cold), 3),
            "cold_seconds_per_event_runs": [round(x, 3) for x in cold],
            "cold_cpu_seconds_per_event_median": round(statistics.median(cold_cpu), 3),
            "other_language_seconds_per_event_median": round(statistics.median(other_lang), 3),
            "cached_ms_per_event_median": round(statistics.median(cached) * 1000, 3), "runs": runs}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--timing", action="store_true", help="also time the analysis of every demo event")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--errors", action="store_true", help="list every error")
    args = ap.parse_args()
    out: dict[str, Any] = {"machine": machine(), "figures": figures_score(), "quotes": quotes_score()}
    if args.timing:
        out["timing"] = timing(args.runs)
    if not args.errors:
        for k in ("figures", "quotes"):
            out[k]["errors"] = out[k]["errors"][:8]
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
