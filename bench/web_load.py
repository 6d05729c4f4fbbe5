"""Load test of `storyline serve`: story and event pages over a 10,000-article database.

    nice .venv/bin/python bench/web_load.py              # build (cached), warm, measure; prints a table
    .venv/bin/python bench/web_load.py --runs 5 --duration 20 --workers 2

1. Database (cached as bench/out/web-10k.db): every GVA, ECB+ and multinews article (7,321 distinct
   texts) through the real pipeline (multilingual USE), topped up to 10,000 with re-reports: a GVA
   article again under another outlet one day later, its first sentence dropped (so its text is new and it
   is grouped, like syndicated wire copy). `--embedder hashing` builds faster but groups worse.
2. `storyline serve` in another process (`--workers`, read-only); the pages measured are a fixed random
   sample of stories and events (seeded). Each is requested once first: that cold pass computes and caches
   the event analyses (reported separately: cold latency per page type). The load runs after that.
3. wrk (Debian package `wrk`) from another process on loopback, with a Lua script rotating through the
   sampled URLs; `--latency` gives p50/p99. Several runs per page type; medians are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT, ROOT, data_dir_or_exit, machine  # noqa: E402
from storyline.eval.corpora import LabelledArticle, load_ecbplus, load_gva, load_multinews  # noqa: E402
from storyline.model import RawDocument  # noqa: E402

TARGET = 10_000


def corpus_documents(n: int, rereports_from: int = 0) -> list[RawDocument]:
    """The corpus articles, then re-reports (from the ``rereports_from``-th on) up to ``n`` documents."""
    import datetime as dt

    data = data_dir_or_exit()
    gva = load_gva(data)
    items: list[LabelledArticle] = gva + load_ecbplus(data) + load_multinews(data)
    docs = [a.to_raw_document() for a in items] if rereports_from == 0 else []
    rng = random.Random(7)
    pool = [a for a in gva if len(a.text.split(". ")) > 2]
    rng.shuffle(pool)
    for i, a in enumerate(pool[rereports_from:], start=rereports_from):
        if len(docs) >= n:
            break
        d = a.to_raw_document()
        d.text = a.text.split(". ", 1)[1]
        d.source = f"rereport-{i % 40}.example"
        d.path = f"rereport:{a.id}"
        if d.published and re.match(r"\d{4}-\d{2}-\d{2}", d.published):
            d.published = (dt.date.fromisoformat(d.published[:10]) + dt.timedelta(days=1)).isoformat()
        docs.append(d)
    return docs[:n]


def build(db: Path, n: int, embedder: str) -> float:
    """Ingest until the database holds ``n`` articles (texts seen twice in the corpora are skipped, so
    more re-reports are added after the first pass)."""
    from storyline import Engine
    from storyline.embed import get_embedder
    from storyline.pipeline import Pipeline

    tmp = db.with_suffix(".building")
    t = time.perf_counter()
    with Engine(tmp, pipeline=Pipeline(embedder=get_embedder(embedder))) as engine:
        # re-reports already drawn from the (deterministic) pool, so that a resumed build draws new ones
        used = int(engine.store.conn.execute(
            "SELECT COUNT(*) FROM articles WHERE path LIKE 'rereport:%'").fetchone()[0])
        while (have := engine.store.count("articles")) < n:
            docs = corpus_documents(n - have, rereports_from=used) if have else corpus_documents(n)
            if not docs:
                break
            used += sum(1 for d in docs if (d.path or "").startswith("rereport:"))
            report = engine.ingest_documents(docs)
            print(f"{tmp.name}: +{len(report.added)} articles ({len(report.duplicates)} duplicates, "
                  f"{len(report.errors)} failed)", flush=True)
        engine.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        have = engine.store.count("articles")
    seconds = time.perf_counter() - t
    print(f"built {db.name}: {have} articles in {seconds:.0f}s", flush=True)
    tmp.rename(db)
    return seconds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, workers: int, cache_size: int) -> subprocess.Popen:
    env = dict(os.environ)
    env.pop("STORYLINE_TOKEN", None)
    cmd = [str(ROOT / ".venv" / "bin" / "storyline"), "--db", str(db), "serve", "--port", str(port),
           "--workers", str(workers), "--cache-size", str(cache_size)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
    proc.kill()
    raise SystemExit("server did not start")


def sample_urls(db: Path, n: int, seed: int = 11) -> dict[str, list[str]]:
    import sqlite3

    conn = sqlite3.connect(db)
    stories = [r[0] for r in conn.execute("SELECT id FROM stories ORDER BY id")]
    events = [r[0] for r in conn.execute("SELECT id FROM events ORDER BY id")]
    rng = random.Random(seed)
    return {"story": [f"/stories/{i}" for i in rng.sample(stories, min(n, len(stories)))],
            "event": [f"/events/{i}" for i in rng.sample(events, min(n, len(events)))]}


def warm(base: str, urls: list[str]) -> list[float]:
    """Request each page once (computing what is not cached yet); latencies in ms."""
    out = []
    for u in urls:
        t = time.perf_counter()
        with urllib.request.urlopen(base + u, timeout=600) as r:
            r.read()
            assert r.status == 200, u
        out.append((time.perf_counter() - t) * 1000)
    return out


LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
"""


def wrk(base: str, urls: list[str], duration: int, connections: int, threads: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(LUA % ", ".join(json.dumps(u) for u in urls))
        script = fh.name
    try:
        out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency",
                              "-s", script, base + "/"], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    lat = {m.group(1): _ms(m.group(2), m.group(3)) for m in re.finditer(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)",
                                                                        out, re.M)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "p50": lat["50"], "p99": lat["99"], "non2xx": int(errors.group(1)) if errors else 0,
            "socket_errors": socket_errors.group(1) if socket_errors else ""}


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, default=OUT / "web-10k.db")
    ap.add_argument("--articles", type=int, default=TARGET)
    ap.add_argument("--embedder", choices=["use", "hashing"], default="use")
    ap.add_argument("--sample", type=int, default=200, help="stories and events in the URL rotation (each)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2, help="wrk threads")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="server processes to try")
    ap.add_argument("--cache-size", type=int, nargs="+", default=[2000, 0],
                    help="server page caches to try (0: every request computes its page)")
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: apt-get install -y wrk")
    OUT.mkdir(parents=True, exist_ok=True)
    build_seconds = None
    if not args.db.exists():
        build_seconds = build(args.db, args.articles, args.embedder)
    import sqlite3

    conn = sqlite3.connect(args.db)
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("articles", "events", "stories")}
    conn.close()
    urls = sample_urls(args.db, args.sample)
    result: dict = {"machine": machine(), "db": counts, "build_seconds": build_seconds, "sample": args.sample,
                    "connections": args.connections, "duration": args.duration, "runs": args.runs, "by_workers": {}}
    print(json.dumps({"machine": result["machine"], "db": counts}), flush=True)
    for workers, cache_size in [(w, c) for c in args.cache_size for w in args.workers]:
        label = f"workers={workers} cache={cache_size}"
        port = free_port()
        server = start_server(args.db, port, workers, cache_size)
        base = f"http://127.0.0.1:{port}"
        try:
            cold = {kind: warm(base, u) for kind, u in (("event", urls["event"]), ("story", urls["story"]))}
            warm_pass = {kind: warm(base, u) for kind, u in urls.items()}
            row: dict = {"cold_ms": {k: {"median": statistics.median(v), "max": max(v)} for k, v in cold.items()},
                         "single_ms": {k: statistics.median(v) for k, v in warm_pass.items()}}
            for kind, rotation in (("story", urls["story"]), ("event", urls["event"]),
                                   ("mixed", urls["story"] + urls["event"])):
                runs = [wrk(base, rotation, args.duration, args.connections, args.threads) for _ in range(args.runs)]
                row[kind] = {"runs": runs, **{k: statistics.median(r[k] for r in runs) for k in ("rps", "p50", "p99")}}
                print(f"{label} {kind:<6} rps {row[kind]['rps']:7.1f}  p50 {row[kind]['p50']:6.1f} ms  "
                      f"p99 {row[kind]['p99']:6.1f} ms  (runs: {[round(r['rps']) for r in runs]}, "
                      f"non-2xx {sum(r['non2xx'] for r in runs)})", flush=True)
            result["by_workers"][label] = row
            print(f"{label} first view (computes the analysis): "
                  + ", ".join(f"{k} median {v['median']:.0f} ms, max {v['max']:.0f} ms"
                              for k, v in row["cold_ms"].items()), flush=True)
        finally:
            server.terminate()
            server.wait(30)
    (OUT / "web_load.json").write_text(json.dumps(result, indent=2))
    print(f"wrote {OUT / 'web_load.json'}")


if __name__ == "__main__":
    main()
