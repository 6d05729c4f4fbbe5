"""Grouping quality on the bundled demo corpus (demo/corpus + demo/gold.jsonl), through `Engine.ingest`.

    python bench/demo_quality.py [--weights FILE]

Prints B-cubed and pairwise scores for events and stories, language accuracy and date accuracy.
Needs no outside data.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from common import add_weights_option, grouping_scorers
from storyline import Engine
from storyline.eval.metrics import score_clustering

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "corpus"


def main() -> None:
    gold = {}
    for line in (ROOT / "demo" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["path"]] = row
    ap = argparse.ArgumentParser(description=__doc__)
    add_weights_option(ap)
    args = ap.parse_args()
    event, story, merge = grouping_scorers(args.weights)
    with tempfile.TemporaryDirectory() as tmp, Engine(Path(tmp) / "demo.db", scorers=(event, story),
                                                      merge_scorer=merge, consolidate=merge is not None) as engine:
        report = engine.ingest([str(DEMO)])
        events = {e["id"]: e for e in engine.events()}
        arts = engine.articles()
    key = {a["id"]: a["path"][len(str(DEMO)) + 1 :] for a in arts}
    pred_e = {key[a["id"]]: f"e{a['event_id']}" for a in arts}
    pred_s = {key[a["id"]]: f"s{events[a['event_id']]['story_id']}" for a in arts}
    print(f"demo corpus: {len(report.added)} articles, {len(report.errors)} failed, "
          f"{len(events)} events, {len({e['story_id'] for e in events.values()})} stories")
    for level, label, pred in (("events", "event", pred_e), ("stories", "story", pred_s)):
        sc = score_clustering({k: g[label] for k, g in gold.items()}, pred)
        print(f"  {level:<8} B-cubed P/R/F1 {sc.bcubed.precision:.3f}/{sc.bcubed.recall:.3f}/{sc.bcubed.f1:.3f}  "
              f"pairwise F1 {sc.pairwise.f1:.3f}  gold {sc.n_gold_clusters} / predicted {sc.n_pred_clusters}")
    lang_ok = sum(a["language"] == gold[key[a["id"]]]["language"] for a in arts)
    dated = [a for a in arts if a["published"] and a["published_precision"] == "day"]
    right = sum(a["published"] == gold[key[a["id"]]]["date"] for a in dated)
    print(f"  language {lang_ok}/{len(arts)} right; dates: {len(dated)} dated to the day, {right} right, "
          f"{len(arts) - len(dated)} unknown or coarser")


if __name__ == "__main__":
    main()
