"""End-to-end ingest speed on the GVA corpus: articles/s, peak RSS, time per article as the database grows.

    python bench/ingest_speed.py [--runs 3] [--limit N]

Each run is two fresh processes. The first ingests the whole corpus (6,335 articles as one JSON Lines
file in storyline's input format: title, text, published, url, id) into a new database in one call of
``Engine.ingest`` - the code path of ``storyline ingest`` - for articles/s and peak RSS. The second feeds
the same articles in successive ingests of 1,000 (as a daily feed would) and times each one, so the time
per article can be read at 1k, 3k and 6k articles in the database. Reports the median of the runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, data_dir_or_exit, machine  # noqa: E402

MARKS = (1000, 3000, 6000)


def corpus_file(limit: int | None) -> Path:
    src = data_dir_or_exit() / "gva-longtail-pilot" / "docs.jsonl"
    OUT.mkdir(parents=True, exist_ok=True)
    dst = OUT / f"gva-input-{limit or 'all'}.jsonl"
    if not dst.exists():
        with src.open(encoding="utf-8") as fh, dst.open("w", encoding="utf-8") as out:
            for i, line in enumerate(fh):
                if limit and i >= limit:
                    break
                r = json.loads(line)
                out.write(json.dumps({"id": r["doc_id"], "title": r["title"], "text": r["text"],
                                      "published": r["dct"], "url": r["uri"]}) + "\n")
    return dst


def one_run(path: str) -> dict:
    from storyline import Engine

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, Engine(Path(tmp) / "bench.db") as engine:
        report = engine.ingest([path])
        total = time.perf_counter() - t0
        n_events = engine.store.count("events")
    inputs = len(report.added) + len(report.duplicates) + len(report.errors)
    return {
        "inputs": inputs,
        "added": len(report.added),
        "failed": len(report.errors),
        "events": n_events,
        "seconds": total,
        "articles_per_s": inputs / total,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def chunked_run(path: str, size: int = 1000) -> dict:
    from storyline import Engine
    from storyline.ingest import iter_documents

    docs = list(iter_documents([path]))
    per_chunk: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp, Engine(Path(tmp) / "bench.db") as engine:
        engine.pipeline.embedder.encode(["warm-up"])  # load the model outside the timings
        for i in range(0, len(docs), size):
            t0 = time.perf_counter()
            engine.ingest_documents(docs[i : i + size])
            n = len(docs[i : i + size])
            per_chunk[str(i + n)] = (time.perf_counter() - t0) / n * 1000
    return {"ms_per_article_at": per_chunk}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None, help="only the first N records (smoke test)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--chunked-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(one_run(args.child)))
        return
    if args.chunked_child:
        print(json.dumps(chunked_run(args.chunked_child)))
        return
    path = corpus_file(args.limit)
    runs = []
    for i in range(args.runs):
        r = _child("--child", path)
        r.update(_child("--chunked-child", path))
        runs.append(r)
        print(f"run {i + 1}: {r['inputs']} inputs, {r['added']} added, {r['failed']} failed, "
              f"{r['seconds']:.1f}s, {r['articles_per_s']:.1f} articles/s, peak RSS {r['peak_rss_mb']:.0f} MB; "
              "ms/article by ingest of 1,000: "
              + ", ".join(f"{k}: {v:.1f}" for k, v in r["ms_per_article_at"].items()), flush=True)
    med = {
        "articles_per_s": statistics.median(r["articles_per_s"] for r in runs),
        "seconds": statistics.median(r["seconds"] for r in runs),
        "peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in runs),
    }
    print(f"\nmachine: {machine()}")
    print(f"median of {len(runs)} runs: {med['articles_per_s']:.1f} articles/s ({med['seconds']:.1f}s), "
          f"peak RSS {med['peak_rss_mb']:.0f} MB")
    for m in MARKS:
        vals = [v for r in runs for k, v in r["ms_per_article_at"].items() if int(k) == m]
        if vals:
            print(f"  ms per article for the ingest that brings the database to {m:,} articles: "
                  f"median {statistics.median(vals):.1f}")


def _child(flag: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, flag, str(path)], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    result: dict = json.loads(out.stdout.strip().splitlines()[-1])
    return result


if __name__ == "__main__":
    main()
