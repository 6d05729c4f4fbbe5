"""Check the clean stage on the shared corpora: ``python bench/clean_check.py [--sample N] [--seed S]``.

multinews-dev (``format == "html"`` items; their ``text`` is the clean reference article): the page is
turned into text two ways -- ``product`` (the HTML reader, trafilatura, exactly as ``storyline ingest``
does) and ``naive`` (every text node of the page, one line per block element: a raw scrape with menus,
cookie banner, share bars, captions and footer) -- and each is compared with the reference at the
sentence level, as extracted, after :class:`PassThroughCleaner` and after :class:`BoilerplateCleaner`
(``product`` text is cleaned as ingest cleans it, ``fmt="html"``; ``naive`` text as a raw scrape).
Recall = share of reference sentences present; precision = share of output sentences that are in the
reference. Reference sentences the cleaner dropped are listed (they should not exist).

multinews-dev (all 115 items): removed lines by rule, and the gold figures (numbers) that occur in the
raw text and survive in the cleaned body -- a cheap check that real content is not dropped.

gva-longtail-pilot (6,335 English local-news scrapes, no reference): lines removed by rule, characters
removed, quoted posts, and a seeded random sample of removed lines printed for a human to audit
precision. Timing: milliseconds per document and per 3,000 characters, best of three passes.

The corpora live in ``../shared/data`` relative to the repository root (or ``$STORYLINE_SHARED_DATA``);
without them the script says so and exits 0. Nothing from them is copied anywhere.
"""

from __future__ import annotations

import argparse
import html as htmllib
import json
import os
import random
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

from storyline.clean import BoilerplateCleaner, Cleaner, PassThroughCleaner

ROOT = Path(__file__).resolve().parents[1]

_SENT = re.compile(r"(?<=[.!?؟…])[\"'”’»)\]]*\s+|(?<=[。！？])|\n+")
_NORM = re.compile(r"[\W_]+")
_NUM = re.compile(r"\d(?:[\d,.\u00a0\u202f ]*\d)?")
_BLOCK_END = re.compile(
    r"(?i)</(?:p|div|h[1-6]|li|figcaption|figure|section|aside|header|footer|nav|ul|ol|tr|button|article"
    r"|main|form|blockquote|span|a|label|time)>|<br\s*/?>"
)


def data_dir() -> Path | None:
    env = os.environ.get("STORYLINE_SHARED_DATA")
    path = Path(env).expanduser() if env else (ROOT / ".." / "shared" / "data").resolve()
    return path if path.is_dir() else None


def sentences(text: str) -> list[str]:
    """Normalised sentences (letters and digits only, case-folded); very short fragments are dropped."""
    out = []
    for s in _SENT.split(unicodedata.normalize("NFC", text)):
        key = _NORM.sub(" ", s.casefold()).strip()
        if len(key) >= 12:
            out.append(key)
    return out


def naive_text(page: str) -> str:
    """Every text node of a page, one line per block element (a raw scrape)."""
    page = re.sub(r"(?is)<(script|style|head|noscript|svg)\b.*?</\1\s*>", " ", page)
    page = _BLOCK_END.sub("\n", page)
    page = re.sub(r"<[^>]+>", " ", page)
    return htmllib.unescape(page)


def product_text(page: str, path: str) -> str:
    from storyline.errors import IngestError
    from storyline.ingest.html import parse_html

    try:
        return parse_html(page, path).text
    except IngestError:
        return ""


def numbers(text: str) -> set[int]:
    out = set()
    for m in _NUM.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if digits and len(digits) <= 9:
            out.add(int(digits))
        for part in re.split(r"[\s\u00a0\u202f]+", m.group()):  # "2 012" read either way
            d = re.sub(r"\D", "", part)
            if d and len(d) <= 9:
                out.add(int(d))
    return out


def check_multinews(data: Path, cleaner: BoilerplateCleaner) -> None:
    folder = data / "multinews-dev"
    if not (folder / "articles.jsonl").is_file():
        print(f"multinews-dev not found in {data}: skipped")
        return
    rows = [json.loads(line) for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    gold = {}
    if (folder / "gold.jsonl").is_file():
        for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            gold[g["id"]] = g
    html_rows = [r for r in rows if r.get("format") == "html" and r.get("html")]
    print(f"== multinews-dev: {len(html_rows)} HTML pages with a reference text ==")
    stages: list[tuple[str, Cleaner | None]] = [
        ("extracted", None),
        ("passthrough", PassThroughCleaner()),
        ("boilerplate", cleaner),
    ]
    losses: list[tuple[str, str, str]] = []
    for mode in ("product", "naive"):
        totals = {name: [0, 0, 0] for name, _ in stages}  # matched, reference, output
        for r in html_rows:
            ref = set(sentences(r["text"]))
            raw = product_text(r["html"], f"{r['id']}.html") if mode == "product" else naive_text(r["html"])
            for name, stage in stages:
                fmt = "html" if mode == "product" else None  # as ingest: the reader's text is extracted
                out_text = raw if stage is None else stage.clean(raw, None, fmt=fmt).body
                title = (r.get("title") or "").strip()
                out = [s for s in sentences(out_text) if s != _NORM.sub(" ", title.casefold()).strip()]
                hit = sum(1 for s in set(out) if s in ref)
                t = totals[name]
                t[0] += hit
                t[1] += len(ref)
                t[2] += len(set(out))
                if name == "boilerplate":
                    kept = set(out)
                    raw_sents = set(sentences(raw))
                    for s in sorted(ref & raw_sents - kept):
                        losses.append((mode, r["id"], s))
        print(f"  {mode:8s} (titles excluded)   sentence recall  precision")
        for name, _ in stages:
            hit, nref, nout = totals[name]
            rec = hit / nref if nref else 0.0
            prec = hit / nout if nout else 0.0
            print(f"    {name:28s} {rec:8.3f}  {prec:9.3f}   ({hit}/{nref} ref, {nout} out)")
    if losses:
        print(f"  reference sentences present in the extraction but dropped by the cleaner: {len(losses)}")
        for mode, rid, s in losses[:20]:
            print(f"    [{mode} {rid}] {s[:140]}")
    else:
        print("  no reference sentence present in an extraction was dropped by the cleaner")

    print(f"== multinews-dev: all {len(rows)} items (raw text as scraped) ==")
    by_rule: Counter[str] = Counter()
    fig_raw = fig_kept = 0
    lost_figs: list[tuple[str, int]] = []
    for r in rows:
        text = r["text"] if r.get("format") != "html" else naive_text(r["html"])
        for decision, _line in cleaner.explain(text):
            if decision != "keep":
                by_rule[decision] += 1
        g = gold.get(r["id"])
        if g and r.get("format") != "html":
            raw_nums = numbers(r["text"])
            body_nums = numbers(cleaner.clean(r["text"]).body)
            for f in g.get("figures", []):
                v = f.get("value")
                if isinstance(v, int) and v in raw_nums:
                    fig_raw += 1
                    if v in body_nums:
                        fig_kept += 1
                    else:
                        lost_figs.append((r["id"], v))
    print(
        "  line decisions (html items as naive scrapes): "
        + ", ".join(f"{k} {v}" for k, v in by_rule.most_common())
    )
    print(
        f"  gold figures found in raw text (non-html items): {fig_raw}; kept in the cleaned body: {fig_kept}"
    )
    for rid, v in lost_figs[:10]:
        print(f"    lost: {rid} {v}")


def check_gva(data: Path, cleaner: BoilerplateCleaner, sample: int, seed: int) -> None:
    path = data / "gva-longtail-pilot" / "docs.jsonl"
    if not path.is_file():
        print(f"gva-longtail-pilot not found in {data}: skipped")
        return
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    texts = [t for t in texts if t.strip()]
    by_rule: Counter[str] = Counter()
    removed: list[tuple[str, str]] = []
    n_lines = chars_in = chars_body = n_quoted = docs_changed = 0
    for t in texts:
        trace = cleaner.explain(t)
        body = cleaner.clean(t).body
        n_lines += len(trace)
        chars_in += sum(len(line) for line in t.split("\n") if line.strip())
        chars_body += len(body.replace("\n\n", ""))
        changed = False
        for decision, line in trace:
            by_rule[decision] += 1
            if decision == "quote":
                n_quoted += 1
            if decision not in ("keep",):
                changed = True
                if decision != "quote":
                    removed.append((decision, line))
        docs_changed += changed
    n_removed = sum(v for k, v in by_rule.items() if k not in ("keep", "edit", "quote"))
    print(f"== gva-longtail-pilot: {len(texts)} non-empty documents, {n_lines} lines ==")
    print(f"  documents changed: {docs_changed} ({docs_changed / len(texts):.1%})")
    print(
        f"  lines removed: {n_removed} ({n_removed / n_lines:.1%}); lines edited (sentences removed): "
        f"{by_rule['edit']}; posts quoted: {n_quoted}"
    )
    print(f"  characters kept in body: {chars_body / chars_in:.1%} of non-empty input lines")
    print("  decisions: " + ", ".join(f"{k} {v}" for k, v in by_rule.most_common()))
    rng = random.Random(seed)
    pick = rng.sample(removed, min(sample, len(removed)))
    print(f"  random sample of {len(pick)} removed lines (seed {seed}) -- audit these for precision:")
    for decision, line in sorted(pick):
        print(f"    [{decision}] {line[:150]!r}")


def timing(data: Path, cleaner: BoilerplateCleaner) -> None:
    print("== timing (best of 3 passes) ==")
    corpora = [
        ("gva-longtail-pilot", data / "gva-longtail-pilot" / "docs.jsonl"),
        ("multinews-dev", data / "multinews-dev" / "articles.jsonl"),
    ]
    for name, path in corpora:
        if not path.is_file():
            continue
        texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
        texts = [t for t in texts if t.strip()]
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            for t in texts:
                cleaner.clean(t)
            best = min(best, time.perf_counter() - t0)
        chars = sum(len(t) for t in texts)
        print(
            f"  {name:20s} {len(texts):5d} docs, mean {chars / len(texts):6.0f} chars: "
            f"{best / len(texts) * 1000:.3f} ms/doc, {best / (chars / 3000) * 1000:.3f} ms per 3,000 chars"
        )
    t0 = time.perf_counter()
    for _ in range(1000):
        sum(range(1000))
    print(f"  (machine speed: sum(range(1000)) takes {(time.perf_counter() - t0) * 1000:.1f} µs)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--sample", type=int, default=60, help="removed GVA lines to print for auditing")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args(argv)
    data = data_dir()
    if data is None:
        print(
            "benchmark data not found: expected ../shared/data beside the repository "
            "(or set STORYLINE_SHARED_DATA); skipping."
        )
        return 0
    cleaner = BoilerplateCleaner()
    check_multinews(data, cleaner)
    check_gva(data, cleaner, args.sample, args.seed)
    if not args.no_timing:
        timing(data, cleaner)
    return 0


if __name__ == "__main__":
    sys.exit(main())
