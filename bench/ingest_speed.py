"""End-to-end ingest speed on the GVA corpus: articles/s, peak RSS, time per article as the database grows.

    python bench/ingest_speed.py [--runs 3] [--limit N]

Each run is a fresh process that ingests the whole corpus (6,335 articles as one JSON Lines file in
storyline's input format: title, text, published, url, id) into a new database through
``Engine.ingest`` - the code path of ``storyline ingest``. Reports the median of the runs.
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
    stamps: list[tuple[int, float]] = [(0, 0.0)]
    done = 0

    def progress(n: int) -> None:
        nonlocal done
        done += n
        stamps.append((done, time.perf_counter() - t0))

    with tempfile.TemporaryDirectory() as tmp, Engine(Path(tmp) / "bench.db") as engine:
        report = engine.ingest([path], progress=progress)
        total = time.perf_counter() - t0
        n_events = engine.store.count("events")
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def rate_around(mark: int, width: int = 1000) -> float | None:
        lo = [t for n, t in stamps if n <= mark - width]
        hi = [t for n, t in stamps if n >= mark]
        if not lo or not hi:
            return None
        n_lo = max(n for n, _ in stamps if n <= mark - width)
        n_hi = min(n for n, _ in stamps if n >= mark)
        return (hi[0] - lo[-1]) / (n_hi - n_lo) * 1000  # ms per article

    return {
        "inputs": done,
        "added": len(report.added),
        "failed": len(report.errors),
        "events": n_events,
        "seconds": total,
        "articles_per_s": done / total,
        "peak_rss_mb": rss_mb,
        "ms_per_article_at": {str(m): rate_around(m) for m in MARKS},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None, help="only the first N records (smoke test)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(one_run(args.child)))
        return
    path = corpus_file(args.limit)
    runs = []
    for i in range(args.runs):
        out = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(out.stderr)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        runs.append(r)
        print(f"run {i + 1}: {r['inputs']} inputs, {r['added']} added, {r['failed']} failed, "
              f"{r['seconds']:.1f}s, {r['articles_per_s']:.1f} articles/s, peak RSS {r['peak_rss_mb']:.0f} MB, "
              f"ms/article at " + ", ".join(f"{k}: {v:.1f}" if v else f"{k}: -"
                                            for k, v in r["ms_per_article_at"].items()), flush=True)
    med = {
        "articles_per_s": statistics.median(r["articles_per_s"] for r in runs),
        "seconds": statistics.median(r["seconds"] for r in runs),
        "peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in runs),
    }
    print(f"\nmachine: {machine()}")
    print(f"median of {len(runs)} runs: {med['articles_per_s']:.1f} articles/s ({med['seconds']:.1f}s), "
          f"peak RSS {med['peak_rss_mb']:.0f} MB")
    for m in MARKS:
        vals = [r["ms_per_article_at"][str(m)] for r in runs if r["ms_per_article_at"][str(m)]]
        if vals:
            print(f"  ms per article for the 1,000 articles up to {m:,}: median {statistics.median(vals):.1f}")


if __name__ == "__main__":
    main()
