"""How much does the ingest order change the grouping?

    python bench/order_robustness.py [--corpus gva|ecbplus|multinews|demo] [--split dev] [--seeds 1,2]

Ingests the corpus in two shuffled orders into fresh databases, (a) in one ingest call each and (b) in
four separate ingest calls each, and prints the B-cubed F1 between the two groupings (1.0 = identical)
and of each against the gold labels. Embeddings are cached in bench/out/.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, cached_pipeline, load_corpus, prepare_all  # noqa: E402
from storyline import Engine  # noqa: E402
from storyline.errors import IngestError  # noqa: E402
from storyline.eval.corpora import LabelledArticle  # noqa: E402
from storyline.eval.metrics import bcubed  # noqa: E402
from storyline.ingest import iter_documents  # noqa: E402
from storyline.pipeline import content_hash  # noqa: E402


def grouping(items, pipe, seed: int, chunks: int) -> dict[str, str]:
    order = items[:]
    random.Random(seed).shuffle(order)
    docs = [a.to_raw_document() for a in order]
    size = -(-len(docs) // chunks)
    with tempfile.TemporaryDirectory() as tmp, Engine(Path(tmp) / "o.db", pipeline=pipe) as engine:
        for i in range(0, len(docs), size):
            engine.ingest_documents(docs[i : i + size])
        by_hash = dict(engine.store.conn.execute("SELECT content_hash, event_id FROM articles").fetchall())
    return {a.id: f"e{by_hash[content_hash(d)]}" for a, d in zip(order, docs, strict=True)
            if content_hash(d) in by_hash}


def load_demo() -> list[LabelledArticle]:
    """The bundled demo corpus as labelled articles, read by the product's own readers."""
    gold = {}
    for line in (ROOT / "demo" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["path"]] = row
    corpus = ROOT / "demo" / "corpus"
    out = []
    for doc in iter_documents([str(corpus)]):
        assert not isinstance(doc, IngestError), doc
        key = str(doc.path)[len(str(corpus)) + 1 :]
        g = gold[key]
        out.append(LabelledArticle(id=key, text=doc.text, title=doc.title, published=doc.published,
                                   source=doc.source, url=doc.url, language=doc.language, event=g["event"],
                                   story=g["story"], split=None,
                                   meta={"path": doc.path, "format": doc.format, "html": doc.html,
                                         "published_origin": doc.published_origin}))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="gva")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--seeds", default="1,2")
    args = ap.parse_args()
    split = None if args.corpus in ("multinews", "demo") else args.split
    items = load_demo() if args.corpus == "demo" else load_corpus(args.corpus, split)
    pipe = cached_pipeline(args.corpus, split)
    prepare_all(pipe, items)
    gold = {a.id: a.event for a in items}
    s1, s2 = (int(x) for x in args.seeds.split(","))
    print(f"{args.corpus}/{split or 'all'}: {len(items)} articles, seeds {s1} and {s2}")
    for chunks in (1, 4):
        g1, g2 = grouping(items, pipe, s1, chunks), grouping(items, pipe, s2, chunks)
        common = set(g1) & set(g2)
        between = bcubed({k: g1[k] for k in common}, {k: g2[k] for k in common}).f1
        print(f"  {chunks} ingest call(s) per order: B-cubed F1 between orders {between:.3f}; "
              f"vs gold {bcubed({k: gold[k] for k in g1}, g1).f1:.3f} / {bcubed({k: gold[k] for k in g2}, g2).f1:.3f}")


if __name__ == "__main__":
    main()
