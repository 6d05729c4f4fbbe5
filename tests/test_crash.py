"""kill -9 during an ingest loses nothing committed; running the command again completes the rest."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

from conftest import DEMO


def _count(db) -> int:
    try:
        con = sqlite3.connect(db, timeout=1)
        try:
            return int(con.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _corpus(tmp_path, copies: int = 4):
    """The demo corpus plus variants of its text files (a distinct last line each), so that the commit
    phase lasts long enough to be interrupted."""
    folder = tmp_path / "in"
    shutil.copytree(DEMO, folder / "demo")
    texts = sorted(p for p in DEMO.rglob("*.txt"))
    for i in range(copies):
        for p in texts:
            dst = folder / f"copy{i}" / p.relative_to(DEMO)
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_text(p.read_text(encoding="utf-8") + f"\n\n(Republished, edition {i}.)\n", encoding="utf-8")
    return folder, 57 + copies * len(texts)


def test_kill_9_then_rerun(tmp_path):
    db = tmp_path / "crash.db"
    folder, total = _corpus(tmp_path)
    cmd = [sys.executable, "-m", "storyline.cli", "--db", str(db), "ingest", "--quiet", str(folder)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None and _count(db) < 5:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    committed = _count(db)
    assert 5 <= committed < total

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # every committed article is whole: it has its features and its event
    assert con.execute(
        "SELECT COUNT(*) FROM articles a LEFT JOIN article_features f ON f.article_id = a.id "
        "WHERE f.article_id IS NULL OR a.event_id IS NULL"
    ).fetchone()[0] == 0
    con.close()

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM articles").fetchone() == (total, total)
    assert con.execute("SELECT COUNT(*) FROM events WHERE story_id IS NULL").fetchone()[0] == 0
    con.close()
