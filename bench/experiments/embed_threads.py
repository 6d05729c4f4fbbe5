"""Ingest speed with one or two embedding threads (why ``USEEmbedder`` defaults to two).

    python bench/experiments/embed_threads.py 2
    python bench/experiments/embed_threads.py 1

Ingests the first 2,000 GVA records (``bench/out/gva-input-2000.jsonl``, written by
``bench/ingest_speed.py``) into a temporary database with the model loaded beforehand, and prints
inputs per second.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from storyline import Engine
from storyline.embed import USEEmbedder
from storyline.ingest import iter_documents
from storyline.pipeline import Pipeline

INPUT = Path(__file__).resolve().parents[1] / "out" / "gva-input-2000.jsonl"


def main() -> None:
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    if not INPUT.is_file():
        sys.exit(f"{INPUT} is missing: run bench/ingest_speed.py --limit 2000 first")
    docs = list(iter_documents([str(INPUT)]))
    with tempfile.TemporaryDirectory() as tmp:
        pipeline = Pipeline(embedder=USEEmbedder(threads=threads))
        with Engine(Path(tmp) / "speed.db", pipeline=pipeline) as engine:
            engine.pipeline.embedder.encode(["warm up"])
            t0 = time.perf_counter()
            report = engine.ingest_documents(docs)
            secs = time.perf_counter() - t0
    print(f"threads {threads}: {len(docs)} inputs, {len(report.added)} added, {secs:.1f}s, "
          f"{len(docs) / secs:.1f} inputs/s")


if __name__ == "__main__":
    main()
