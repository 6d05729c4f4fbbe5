"""Baseline clusterers, threshold selection and the bench script (without the embedding model)."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from storyline.errors import EvalError
from storyline.eval.baselines import (
    choose_threshold,
    clear_cache,
    default_grid,
    first_words,
    grid_search,
    mean_agglomerative,
    tfidf_agglomerative,
    use_agglomerative,
    use_input_text,
)
from storyline.eval.corpora import LabelledArticle

TEXTS = [
    "Earthquake strikes Iran, killing ten villagers near Bandar Abbas",
    "Iran earthquake near Bandar Abbas kills ten, villages damaged",
    "Apple unveils new MacBook Air with Ivy Bridge processors",
    "New MacBook Air from Apple gets Ivy Bridge processors",
    "Lindsay Lohan checks into Betty Ford rehab center",
]
GOLD = ["quake", "quake", "apple", "apple", "lohan"]


def article(i: int, text: str, event: str, title: str | None = None) -> LabelledArticle:
    return LabelledArticle(
        id=f"a{i}",
        text=text,
        title=title,
        published=None,
        source=None,
        url=None,
        language="en",
        event=event,
        story=None,
        split="dev",
    )


def same_partition(labels: Sequence[int], gold: Sequence[str]) -> bool:
    return len(set(zip(labels, gold, strict=True))) == len(set(labels)) == len(set(gold))


def test_tfidf_agglomerative_groups_related_texts() -> None:
    clear_cache()
    assert same_partition(tfidf_agglomerative(TEXTS, 0.8), GOLD)
    assert tfidf_agglomerative(TEXTS, 0.0) == [0, 1, 2, 3, 4]  # nothing merges
    assert tfidf_agglomerative(TEXTS, 1.0) == [0] * 5  # everything merges at distance <= 1
    assert len(tfidf_agglomerative(TEXTS, 0.8, multilingual=True)) == 5  # character n-grams


def test_tfidf_agglomerative_edge_cases() -> None:
    assert tfidf_agglomerative([], 0.5) == []
    assert tfidf_agglomerative(["only one"], 0.5) == [0]
    assert tfidf_agglomerative(["the", "a", "of"], 0.5) == [0, 1, 2]  # stop words only: all distances 1
    labels = tfidf_agglomerative(["same text", "same text"], 0.01)
    assert labels == [0, 0]


def test_use_agglomerative_on_synthetic_embeddings() -> None:
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(3, 16))
    gold = [0, 0, 0, 1, 1, 2]
    emb = np.stack([centres[g] + 0.05 * rng.normal(size=16) for g in gold]).astype(np.float32)
    labels = use_agglomerative(emb, 0.3)
    assert labels[:3] == [0, 0, 0] and labels[3] == labels[4] and len(set(labels)) == 3
    assert use_agglomerative(emb[:1], 0.3) == [0]
    assert use_agglomerative(np.zeros((0, 16)), 0.3) == []
    with pytest.raises(EvalError):
        use_agglomerative(np.zeros(16), 0.3)


def test_mean_agglomerative_checks_shapes() -> None:
    emb = np.eye(5, dtype=np.float32)
    assert len(mean_agglomerative(TEXTS, emb, 0.5)) == 5
    with pytest.raises(EvalError, match="5 texts but 4 embeddings"):
        mean_agglomerative(TEXTS, emb[:4], 0.5)


def test_choose_threshold_picks_best_bcubed() -> None:
    items = [article(i, t, g) for i, (t, g) in enumerate(zip(TEXTS, GOLD, strict=True))]

    def fn(batch: Sequence[LabelledArticle], threshold: float) -> list[int]:
        return tfidf_agglomerative([a.text for a in batch], threshold)

    grid = [0.0, 0.8, 1.0]
    results = grid_search(fn, items, grid)
    assert [t for t, _ in results] == grid
    assert results[1][1].f1 == pytest.approx(1.0)
    assert choose_threshold(fn, items, grid) == 0.8
    # ties go to the first threshold in grid order
    assert choose_threshold(lambda batch, t: [0] * len(batch), items, [0.3, 0.2]) == 0.3
    with pytest.raises(EvalError):
        choose_threshold(fn, [], grid)
    with pytest.raises(EvalError, match="returned 1 labels for 5 items"):
        choose_threshold(lambda batch, t: [0], items, grid)


def test_grid_search_story_level() -> None:
    items = [article(0, "x", "e1"), article(1, "y", "e2")]
    items[0].story = items[1].story = "s"
    together = grid_search(lambda batch, t: [0, 0], items, [0.5], level="story")[0][1]
    assert together.f1 == pytest.approx(1.0)


def test_default_grid() -> None:
    grid = default_grid()
    assert grid[0] == 0.05 and grid[-1] == 0.95 and len(grid) == 37
    assert default_grid(0.1, 0.3, 0.1) == [0.1, 0.2, 0.3]


def test_first_words_and_use_input() -> None:
    assert first_words("one two  three\nfour", 3) == "one two three"
    assert first_words("地震造成 2000 人死亡 Marrakesh", 6) == "地震造成 2000 人"
    assert first_words("text", 0) == ""
    body = " ".join(f"w{i}" for i in range(300))
    assert use_input_text(article(0, body, "e", title="Headline")) == "Headline\n" + " ".join(
        f"w{i}" for i in range(150)
    )
    assert use_input_text(article(0, "short body", "e")) == "short body"


def load_bench_module() -> object:
    path = Path(__file__).resolve().parents[1] / "bench" / "baselines.py"
    spec = importlib.util.spec_from_file_location("bench_baselines", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_bench_script_tfidf_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = []
    for i, (text, gold) in enumerate(zip(TEXTS, GOLD, strict=True)):
        for split in ("dev", "test"):
            rows.append({"doc_id": f"{split}{i}", "topic": 1, "subtopic": gold, "text": text, "split": split})
    (tmp_path / "docs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    bench = load_bench_module()
    out_json = tmp_path / "result.json"
    argv = ["--corpus", "ecbplus", "--data-dir", str(tmp_path), "--no-embeddings", "--json", str(out_json)]
    assert bench.main(argv) == 0  # type: ignore[attr-defined]
    table = capsys.readouterr().out
    assert "TF-IDF words + avg link" in table and "5 articles, 3 gold events" in table
    result = json.loads(out_json.read_text())
    assert result["rows"][0]["scores"]["bcubed"]["f1"] == pytest.approx(1.0)
