"""Shared helpers for the benchmark scripts: corpora, cached pipelines, machine description."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
from pathlib import Path

from storyline.cluster.merge import merge_scorer_from
from storyline.cluster.scorer import LogisticScorer, PairScorer, load_weights, scorers_from
from storyline.eval.corpora import LabelledArticle, load_ecbplus, load_gva, load_multinews, shared_data_dir
from storyline.eval.runner import CachedPipeline

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
CACHE_TAG = "features-v1"


def data_dir_or_exit() -> Path:
    data = shared_data_dir()
    if data is None:
        print("benchmark data not found: expected ../shared/data beside the repository "
              "(or set STORYLINE_SHARED_DATA); skipping.")
        sys.exit(0)
    return data


def load_corpus(name: str, split: str | None) -> list[LabelledArticle]:
    data = data_dir_or_exit()
    if name == "ecbplus":
        return load_ecbplus(data, split)
    if name == "gva":
        return load_gva(data, split)
    if name == "multinews":
        return load_multinews(data)
    raise SystemExit(f"unknown corpus {name!r}: choose ecbplus, gva or multinews")


def corpus_hash(items: list[LabelledArticle]) -> str:
    h = hashlib.sha256()
    for a in items:
        h.update(f"{a.id}\t{a.event}\t{a.story}\t{a.text}\n".encode())
    return h.hexdigest()[:16]


def cached_pipeline(name: str, split: str | None) -> CachedPipeline:
    return CachedPipeline(OUT / f"{CACHE_TAG}-{name}-{split or 'all'}.pkl", tag=CACHE_TAG)


def prepare_all(pipeline: CachedPipeline, items: list[LabelledArticle], batch: int = 64) -> list:
    docs = [a.to_raw_document() for a in items]
    prepared = [pipeline.prepare(d) for d in docs]
    for i in range(0, len(prepared), batch):
        pipeline.embed(prepared[i : i + batch])
    pipeline.save()
    return prepared


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            kb = int(fh.readline().split()[1])
            mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}, {platform.system()}"


def add_weights_option(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--weights", type=Path, help="a weights file (bench/train_weights.py --out) instead of "
                                                 "the shipped one")


def grouping_scorers(path: Path | None) -> tuple[PairScorer, LogisticScorer, PairScorer | None]:
    """(article->event, event->story, consolidation) scorers of a weights file, or the shipped ones."""
    weights = json.loads(path.read_text(encoding="utf-8")) if path else load_weights()
    event, story = scorers_from(weights)
    return event, story, merge_scorer_from(weights)
