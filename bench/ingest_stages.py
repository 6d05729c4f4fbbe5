"""Where the time of one ingest goes: the whole GVA corpus through `Engine.ingest`, with the engine's
stages timed.

    python bench/ingest_stages.py [--limit N]

Prints the total and the time spent in event assignment and storage (`_add_window`, the articles of each
window of up to 5,000, in date order), consolidation (`_consolidate`) and story linking
(`_link_stories`). The rest of the total is reading, cleaning, enrichment and embedding (the embedding
runs in a worker thread beside the other stages). One run; the timing wrappers add almost nothing.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine  # noqa: E402
from ingest_speed import corpus_file  # noqa: E402

STAGES = ("_add_window", "_consolidate", "_link_stories")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="only the first N records")
    args = ap.parse_args()
    from storyline import Engine

    spent: dict[str, float] = dict.fromkeys(STAGES, 0.0)

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*a: Any, **k: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[name] += time.perf_counter() - t

        return wrapper

    for name in STAGES:
        setattr(Engine, name, timed(name, getattr(Engine, name)))
    path = str(corpus_file(args.limit))
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, Engine(Path(tmp) / "stages.db") as engine:
        report = engine.ingest([path])
    total = time.perf_counter() - t0
    print(f"machine: {machine()}")
    print(f"{len(report.added)} articles added in {total:.1f}s")
    print(f"  reading, cleaning, enrichment, embedding: {total - sum(spent.values()):.1f}s")
    for name in STAGES:
        print(f"  {name.strip('_').replace('_', ' ')}: {spent[name]:.1f}s")


if __name__ == "__main__":
    main()
