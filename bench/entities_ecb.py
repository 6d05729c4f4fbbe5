"""English entity-mention precision/recall against the ECB+ entity annotations.

Usage: .venv/bin/python bench/entities_ecb.py [--split dev|test|all] [--show N]

Gold: ECB+ markables whose tag maps to an entity type (HUMAN_PART_PER -> person, HUMAN_PART_ORG ->
organisation, HUMAN_PART_GPE, LOC_GEO, LOC_FAC, LOC_OTHER -> place) and that are *named*: they contain a
capitalised token that is no pronoun and, when it starts the sentence, no common word (wordfreq zipf >= 4:
"Police", "Officials"). Other markables (pronouns, "the actress", generic, vehicle, non-human participants)
are no named-entity mentions and are left out. ECB+ annotates participants of the seminal events only, in
the sentences listed in ECBplus_coreference_sentences.csv; predictions and gold are both restricted to those
sentences, and a name that is no event participant is unannotated, so precision is a lower bound.

Text is the tokens joined by single spaces, sentences by newlines (so gold offsets map exactly). Matching:
*exact* (same character span), *core* (the gold span cut to its first and last capitalised
tokens, "in the Betty Ford Center" -> "Betty Ford Center", equals the predicted span),
*overlap* (spans share a character; each gold and predicted mention used once), and *typed overlap*
(overlap and same type). The dev split (docs.jsonl ``split``) was used while writing the rules; the
test split was not looked at.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from storyline.analyse.entities import extract_mentions  # noqa: E402
from storyline.eval.corpora import shared_data_dir  # noqa: E402

TAG_TYPES = {
    "HUMAN_PART_PER": "person",
    "HUMAN_PART_ORG": "organisation",
    "HUMAN_PART_GPE": "place",
    "LOC_GEO": "place",
    "LOC_FAC": "place",
    "LOC_OTHER": "place",
}
PRONOUNS = frozenset("i we he she they it you me us him her them his its their our my your who".split())


def _zipf(word: str) -> float:
    import wordfreq

    return wordfreq.zipf_frequency(word, "en")


Doc = tuple[str, str, list[tuple[int, int, str, int, int]], list[tuple[int, int]]]


def load(folder: Path, split: str) -> list[Doc]:
    """(doc id, text, gold spans, selected sentence spans) per document of the split."""
    splits = {}
    for line in (folder / "docs.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        splits[row["doc_id"]] = row["split"]
    selected: dict[str, set[int]] = {}
    with (folder / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            selected.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    docs = []
    for path in sorted((folder / "ECB+").glob("*/*.xml")):
        doc_id = path.stem
        if split != "all" and splits.get(doc_id) != split:
            continue
        root = ET.parse(path).getroot()
        offsets: dict[str, tuple[int, int, int, int]] = {}  # t_id -> (start, end, sentence, number)
        parts: list[str] = []
        pos = 0
        sent_spans: dict[int, list[int]] = {}
        prev_sent = None
        for tok in root.iter("token"):
            s = int(tok.get("sentence", "0"))
            if prev_sent is not None:
                sep = "\n" if s != prev_sent else " "
                parts.append(sep)
                pos += 1
            word = tok.text or ""
            offsets[tok.get("t_id", "")] = (pos, pos + len(word), s, int(tok.get("number", "0")))
            span = sent_spans.setdefault(s, [pos, pos])
            span[1] = pos + len(word)
            parts.append(word)
            pos += len(word)
            prev_sent = s
        text = "".join(parts)
        sel = selected.get(doc_id, set())
        gold = []
        markables = root.find("Markables")
        for m in markables if markables is not None else []:
            typ = TAG_TYPES.get(m.tag)
            anchors = [offsets[a.get("t_id", "")] for a in m.findall("token_anchor") if a.get("t_id") in offsets]
            if typ is None or not anchors or anchors[0][2] not in sel:
                continue
            anchors.sort()
            words = [text[a:b] for a, b, _, _ in anchors]
            if _named(words, anchors[0][3] == 0):
                caps = [a for a, w in zip(anchors, words, strict=True) if w[:1].isupper()]
                gold.append((anchors[0][0], anchors[-1][1], typ, caps[0][0], caps[-1][1]))
        docs.append((doc_id, text, sorted(set(gold)), [tuple(sent_spans[s]) for s in sorted(sel) if s in sent_spans]))
    return docs  # type: ignore[return-value]


def _named(words: list[str], sentence_initial: bool) -> bool:
    for k, w in enumerate(words):
        if not w[:1].isupper() or w.lower() in PRONOUNS:
            continue
        if k == 0 and sentence_initial and _zipf(w.lower()) >= 4.0:
            continue
        return True
    return False


def match(gold: list[tuple[int, int, str, int, int]], pred: list[tuple[int, int, str]], mode: str) -> int:
    if mode == "exact":
        return len({(g[0], g[1]) for g in gold} & {(a, b) for a, b, _ in pred})
    if mode == "core":
        return len({(g[3], g[4]) for g in gold} & {(a, b) for a, b, _ in pred})
    used: set[int] = set()
    n = 0
    for ga, gb, gt, _, _ in gold:
        for k, (pa, pb, pt) in enumerate(pred):
            if k in used or pb <= ga or pa >= gb or (mode == "typed" and pt != gt):
                continue
            used.add(k)
            n += 1
            break
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=["dev", "test", "all"])
    ap.add_argument("--show", type=int, default=0, help="print N documents' misses and false alarms")
    args = ap.parse_args()
    data = shared_data_dir()
    if data is None or not (data / "ecbplus" / "ECB+").is_dir():
        print("ECB+ not found under ../shared/data/ecbplus; skipping.")
        return
    docs = load(data / "ecbplus", args.split)
    extract_mentions("Warm-up in Geneva.", "en")
    totals = {"exact": 0, "core": 0, "overlap": 0, "typed": 0}
    n_gold = n_pred = 0
    t0 = time.perf_counter()
    shown = 0
    for doc_id, text, gold, sents in docs:
        pred = [
            (m.start, m.end, m.type)
            for m in extract_mentions(text, "en")
            if m.type != "other" and any(a <= m.start < b for a, b in sents)
        ]
        n_gold += len(gold)
        n_pred += len(pred)
        for mode in totals:
            totals[mode] += match(gold, pred, mode)
        if shown < args.show:
            shown += 1
            gs = {(g[3], g[4]) for g in gold}
            ps = {(a, b) for a, b, _ in pred}
            miss = [text[a:b] for a, b in sorted(gs - ps)]
            print(doc_id, "MISS", miss, "EXTRA", [text[a:b] for a, b in sorted(ps - gs)])
    elapsed = time.perf_counter() - t0
    print(f"ECB+ {args.split}: {len(docs)} documents, {n_gold} gold named mentions, {n_pred} predicted "
          f"(person/organisation/place, selected sentences), {1000 * elapsed / max(1, len(docs)):.1f} ms/doc")
    for mode, hit in totals.items():
        p = hit / n_pred if n_pred else 0.0
        r = hit / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {mode:8s} P={p:.3f} R={r:.3f} F1={f:.3f}")
    if math.isnan(elapsed):  # pragma: no cover
        sys.exit(1)


if __name__ == "__main__":
    main()
