"""How far the articles of one gold event lie from the event's median publication date, per dev corpus.

    python bench/experiments/event_date_spread.py

GVA files weeks of follow-up reports under the incident they follow; multinews-dev (like the brief and
the demo corpus) makes a follow-up a new event of the same story. Prints, for each corpus, the share of
dated articles at least 1, 2, 3, 7, 14 and 30 days from their gold event's median date (the dates are
the corpora's own metadata; ECB+ has none).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import load_corpus  # noqa: E402

DAYS = (1, 2, 3, 7, 14, 30)


def main() -> None:
    for name, split in (("ecbplus", "dev"), ("gva", "dev"), ("multinews", None)):
        by_event: dict[str, list[dt.date]] = defaultdict(list)
        for a in load_corpus(name, split):
            if a.published:
                by_event[a.event].append(dt.date.fromisoformat(a.published[:10]))
        gaps = []
        for days in by_event.values():
            days.sort()
            median = days[len(days) // 2]
            gaps += [abs((d - median).days) for d in days]
        if not gaps:
            print(f"{name}: no dated articles")
            continue
        shares = ", ".join(f">= {d} days {sum(g >= d for g in gaps) / len(gaps):.3f}" for d in DAYS)
        print(f"{name}: {len(gaps)} dated articles; {shares}")


if __name__ == "__main__":
    main()
