"""Main-text extraction from HTML: storyline's ingest path beside trafilatura called directly, in one run.

Corpora (read from ../shared/data, never copied into the repository):

* scrapinghub article-extraction-benchmark (181 news pages, gold ``articleBody``). Score as upstream's
  ``evaluate.py`` (scrapinghub/article-extraction-benchmark, commit 4a3bc979): ``\\w+`` tokens, 4-gram
  shingles counted as a multiset, per page tp/fp/fn normalised to sum 1; precision is the mean over pages
  with tp+fp > 0, recall the mean over pages with tp+fn > 0, F1 the harmonic mean of the two means.
  trafilatura as upstream runs it (``extractors/run_trafilatura.py``): ``extract(html, include_comments=False)``.
* trafilatura evaluation set (990 pages, per page snippets that must appear, ``with``, and must not,
  ``without``). Score as upstream's ``tests/comparison_small.py`` (adbar/trafilatura): a snippet counts when it
  is a substring of the output; tp/fn/fp/tn are summed over pages; precision tp/(tp+fp), recall tp/(tp+fn),
  F1 2tp/(2tp+fp+fn). Upstream skips pages where the extractor returns nothing ("skipped_instances");
  that rule is applied, and a strict variant (an empty output misses every ``with`` snippet) is shown too.
  trafilatura with upstream's settings for the "trafilatura + X" row (fallbacks on): ``extract(html,
  include_comments=False, include_tables=True, include_formatting=False)``.

storyline: ``storyline.ingest.html.parse_html`` (exactly what ingest runs on an HTML file; a page without
article text raises IngestError and counts as an empty output), then ``BoilerplateCleaner().clean`` with the
language and format ingest would pass (the page's ``lang`` attribute, ``fmt="html"``: the light cleaning of
extracted text); the output is the clean body, what is stored and clustered. Pages are decoded once with
the ingest decoder and the same string goes to both extractors.

    python bench/extraction.py                  # both corpora, all pages
    python bench/extraction.py --split dev      # the half used for any tuning (sha1 of the page id, even)
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from common import data_dir_or_exit, machine
from storyline.clean import BoilerplateCleaner
from storyline.enrich.language import normalise_code
from storyline.errors import IngestError
from storyline.ingest.base import decode_bytes
from storyline.ingest.html import parse_html

_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)

Extractor = Callable[[str, str], str]


# -- scoring (reproductions of the upstream evaluations) ---------------------------------------------------
def shingle_tp_fp_fn(true: str, pred: str, n: int = 4) -> tuple[float, float, float]:
    def grams(text: str) -> Counter[tuple[str, ...]]:
        tokens = _TOKEN_RE.findall(text or "")
        return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])

    t, p = grams(true), grams(pred)
    tp = fp = fn = 0.0
    for key in set(t) | set(p):
        tp += min(t[key], p[key])
        fp += max(0, p[key] - t[key])
        fn += max(0, t[key] - p[key])
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s > 0 else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def shingle_scores(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    p = statistics.mean(_precision(*r) for r in rows if r[0] + r[1] > 0)
    r = statistics.mean(_recall(*x) for x in rows if x[0] + x[2] > 0)
    return p, r, 2 * p * r / (p + r)


def snippet_counts(result: str, item: dict) -> tuple[int, int, int, int]:
    """(tp, fn, fp, tn) of one page."""
    tp = sum(1 for s in item["with"] if s in result)
    fp = sum(1 for s in item["without"] if s in result)
    return tp, len(item["with"]) - tp, fp, len(item["without"]) - fp


def snippet_scores(counts: list[tuple[int, int, int, int]]) -> tuple[float, float, float]:
    tp, fn, fp, _ = (sum(c[i] for c in counts) for i in range(4))
    return tp / (tp + fp), tp / (tp + fn), 2 * tp / (2 * tp + fp + fn)


# -- extractors ---------------------------------------------------------------------------------------------
def storyline_extract(page: str, path: str) -> str:
    try:
        doc = parse_html(page, path)
    except IngestError:
        return ""
    return _CLEANER.clean(doc.text, normalise_code(doc.language), fmt=doc.format).body


_CLEANER = BoilerplateCleaner()


def trafilatura_scrapinghub(page: str, path: str) -> str:
    import trafilatura

    return trafilatura.extract(page, include_comments=False) or ""


def trafilatura_evalset(page: str, path: str) -> str:
    import trafilatura

    return trafilatura.extract(page, include_comments=False, include_tables=True, include_formatting=False) or ""


# -- corpora -----------------------------------------------------------------------------------------------
def _in_split(key: str, split: str) -> bool:
    if split == "all":
        return True
    even = int(hashlib.sha1(key.encode()).hexdigest(), 16) % 2 == 0
    return even if split == "dev" else not even


def _read(path: Path) -> str:
    return decode_bytes(gzip.decompress(path.read_bytes()), str(path))


def scrapinghub(data: Path, split: str) -> list[tuple[str, str, dict]]:
    root = data / "article-extraction-benchmark"
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    return [(key, _read(root / "html" / f"{key}.html.gz"), item) for key, item in sorted(gold.items())
            if _in_split(key, split)]


def evalset(data: Path, split: str) -> list[tuple[str, str, dict]]:
    root = data / "trafilatura-eval"
    gold = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    out = []
    for url, item in sorted(gold.items()):
        path = root / "html" / f"{item['file']}.gz"
        if path.is_file() and _in_split(url, split):
            out.append((url, _read(path), item))
    return out


def run(name: str, pages: list[tuple[str, str, dict]], extractors: dict[str, Extractor]) -> dict[str, dict]:
    results: dict[str, dict] = {}
    for label, fn in extractors.items():
        outputs, t0 = [], time.perf_counter()
        for key, page, _ in pages:
            outputs.append(fn(page, key))
        seconds = time.perf_counter() - t0
        if name == "scrapinghub":
            p, r, f = shingle_scores([shingle_tp_fp_fn(item.get("articleBody", ""), out)
                                      for (_, _, item), out in zip(pages, outputs, strict=True)])
            results[label] = {"precision": p, "recall": r, "f1": f, "seconds": seconds,
                              "empty": sum(1 for o in outputs if not o)}
        else:
            counts = [snippet_counts(out, item) for (_, _, item), out in zip(pages, outputs, strict=True)]
            kept = [c for c, out in zip(counts, outputs, strict=True) if out]
            p, r, f = snippet_scores(kept)
            _, rs, fs = snippet_scores(counts)
            results[label] = {"precision": p, "recall": r, "f1": f, "recall_strict": rs, "f1_strict": fs,
                              "seconds": seconds, "empty": len(counts) - len(kept)}
        results[label]["outputs"] = outputs
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["all", "dev", "test"], default="all")
    ap.add_argument("--corpus", choices=["both", "scrapinghub", "evalset"], default="both")
    ap.add_argument("--dump", type=Path, help="write every page's outputs as JSON Lines (error analysis)")
    args = ap.parse_args()
    data = data_dir_or_exit()
    import trafilatura

    print(f"trafilatura {trafilatura.__version__}; split {args.split}; {machine()}")
    corpora = []
    if args.corpus in ("both", "scrapinghub"):
        corpora.append(("scrapinghub", scrapinghub(data, args.split), trafilatura_scrapinghub))
    if args.corpus in ("both", "evalset"):
        corpora.append(("evalset", evalset(data, args.split), trafilatura_evalset))
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for name, pages, traf in corpora:
        res = run(name, pages, {"trafilatura": traf, "storyline": storyline_extract})
        print(f"\n{name}: {len(pages)} pages")
        head = f"{'extractor':<12} {'P':>6} {'R':>6} {'F1':>6} {'empty':>6} {'ms/page':>8}"
        print(head + ("   strict R / F1" if name == "evalset" else ""))
        for label, r in res.items():
            line = (f"{label:<12} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['empty']:>6} "
                    f"{1000 * r['seconds'] / len(pages):8.1f}")
            if name == "evalset":
                line += f"   {r['recall_strict']:.3f} / {r['f1_strict']:.3f}"
            print(line)
        if dump:
            for i, (key, _, item) in enumerate(pages):
                dump.write(json.dumps({"corpus": name, "key": key, "gold": item,
                                       **{label: r["outputs"][i] for label, r in res.items()}},
                                      ensure_ascii=False) + "\n")
    if dump:
        dump.close()


if __name__ == "__main__":
    main()
