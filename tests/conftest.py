from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "corpus"
GOLD = ROOT / "demo" / "gold.jsonl"


def demo_gold() -> dict[str, dict]:
    """Gold rows keyed by path relative to demo/corpus (with ':N' for records)."""
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["path"]: r for r in rows}


def relative_demo_path(path: str) -> str:
    prefix = str(DEMO) + "/"
    assert path.startswith(prefix), path
    return path[len(prefix):]


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """The demo corpus ingested once, in sorted order, shared by read-only tests."""
    from storyline import Engine

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Engine(path) as engine:
        report = engine.ingest([str(DEMO)])
    return path, report
