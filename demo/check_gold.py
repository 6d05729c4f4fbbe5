#!/usr/bin/env python3
"""Check that demo/gold.jsonl and demo/corpus/ agree (standard library only).

Every article in the corpus must have exactly one gold row and every gold row must name an article:

* ``.txt``, ``.md``, ``.html``/``.htm`` files are one article each (path relative to the corpus folder);
* ``.jsonl`` files hold one article per non-blank line, named ``path:N`` (N = 1-based line number);
* ``.json`` files hold one article object (named ``path``) or an array of them (``path:N``, 1-based).

It also checks the gold fields (ISO 639-1 language, real dates, each event in exactly one story), that
``has_date_metadata`` matches what the file actually carries (a ``Date:``/``Published:`` header line, a
``published`` field, an ``article:published_time`` meta tag, ...), that a ``language`` field or a
language-named folder agrees with the gold language, and prints counts per language, event and story.

Warnings (errors with ``--strict``): article length outside 120-450 words (250-700 characters for
Chinese and Japanese), and events with 4 or more articles in fewer than 3 languages.

Usage: python demo/check_gold.py [--corpus DIR] [--gold FILE] [--strict]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD_FIELDS = {
    "path": str,
    "language": str,
    "event": str,
    "story": str,
    "date": str,
    "has_date_metadata": bool,
}
ISO_639_1 = set(
    "aa ab af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv "
    "dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie "
    "ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv "
    "mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm "
    "rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts "
    "tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu".split()
)
CJK_LANGS = {"zh", "ja"}
WORD_RANGE = (120, 450)
CJK_CHAR_RANGE = (250, 700)

# Text/Markdown header lines, as the storyline text reader accepts them.
_COLON_LINE = re.compile(
    r"^\s*(title|date|published|source|url|language|lang|author|by)\s*:\s*(.*?)\s*$", re.IGNORECASE
)
_SPACE_LINE = re.compile(r"^\s*(date|published|url|language|lang)\s+(.+?)\s*$", re.IGNORECASE)
_DATE_VALUE = re.compile(r"^(?=.*\d)[\w ,./:+\-]{4,40}$")
_URL_VALUE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_LANG_VALUE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$", re.IGNORECASE)
_FRONT_MATTER_LINE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")

# HTML date metadata: Open Graph / schema.org / common meta names / <time datetime>.
_HTML_DATE = re.compile(
    r"""article:published_time|["']datePublished["']|itemprop\s*=\s*["']datePublished|<time\b[^>]*\bdatetime\s*=|"""
    r"""<meta\b[^>]*\bname\s*=\s*["'](?:date|pubdate|publishdate|dc\.date(?:\.issued)?|sailthru\.date)["']""",
    re.IGNORECASE,
)
_HTML_ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article\s*>", re.IGNORECASE | re.DOTALL)
_HTML_DROP = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"\w+")
JSON_DATE_KEYS = ("published", "date", "published_at", "publishedAt")
JSON_TEXT_KEYS = ("text", "body", "content")


class Article:
    def __init__(self, path: str, text: str, has_date: bool, language: str | None = None) -> None:
        self.path = path
        self.text = text
        self.has_date = has_date
        self.language = language


def _header_entry(line: str) -> tuple[str, str] | None:
    match = _COLON_LINE.match(line)
    if match:
        return match.group(1).lower(), match.group(2)
    match = _SPACE_LINE.match(line)
    if match:
        key, value = match.group(1).lower(), match.group(2)
        if key in ("date", "published"):
            ok = bool(_DATE_VALUE.match(value)) and len(value.split()) <= 5
        elif key == "url":
            ok = bool(_URL_VALUE.match(value))
        else:
            ok = bool(_LANG_VALUE.match(value))
        return (key, value) if ok else None
    return None


def read_text_article(path: Path, rel: str) -> Article:
    lines = path.read_text(encoding="utf-8").splitlines()
    keys: dict[str, str] = {}
    if lines and lines[0].strip() == "---" and path.suffix == ".md":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                for line in lines[1:index]:
                    match = _FRONT_MATTER_LINE.match(line)
                    if match and match.group(2):
                        keys.setdefault(match.group(1).lower(), match.group(2))
                lines = lines[index + 1 :]
                break
    body_start = len(lines)
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        entry = _header_entry(line)
        if entry is None:
            body_start = index
            break
        if entry[1].strip():
            keys.setdefault(entry[0], entry[1])
    body = "\n".join(lines[body_start:])
    has_date = any(keys.get(k) for k in ("date", "published"))
    language = keys.get("language") or keys.get("lang")
    return Article(rel, body, has_date, language.lower()[:2] if language else None)


def read_html_article(path: Path, rel: str) -> Article:
    page = path.read_text(encoding="utf-8")
    match = _HTML_ARTICLE.search(page)
    fragment = match.group(1) if match else page
    text = html.unescape(_TAG.sub(" ", _HTML_DROP.sub(" ", fragment)))
    return Article(rel, text, bool(_HTML_DATE.search(page)))


def _record_article(record: object, rel: str, errors: list[str]) -> Article | None:
    if not isinstance(record, dict):
        errors.append(f"{rel}: record is not a JSON object")
        return None
    text = next(
        (record[k] for k in JSON_TEXT_KEYS if isinstance(record.get(k), str) and record[k].strip()), None
    )
    if text is None:
        errors.append(f"{rel}: record has no text")
        return None
    has_date = any(record.get(k) not in (None, "") for k in JSON_DATE_KEYS)
    language = record.get("language") or record.get("lang")
    return Article(rel, text, has_date, language.lower()[:2] if isinstance(language, str) else None)


def read_corpus(corpus: Path, errors: list[str]) -> dict[str, Article]:
    articles: dict[str, Article] = {}
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        rel = path.relative_to(corpus).as_posix()
        ext = path.suffix.lower()
        if path.name.startswith("."):
            continue
        try:
            if ext in (".txt", ".md"):
                found = [read_text_article(path, rel)]
            elif ext in (".html", ".htm"):
                found = [read_html_article(path, rel)]
            elif ext == ".jsonl":
                found = []
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                    if line.strip():
                        article = _record_article(json.loads(line), f"{rel}:{number}", errors)
                        if article:
                            found.append(article)
            elif ext == ".json":
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, list):
                    found = [
                        a
                        for i, rec in enumerate(data, start=1)
                        if (a := _record_article(rec, f"{rel}:{i}", errors))
                    ]
                else:
                    found = [a for a in [_record_article(data, rel, errors)] if a]
            else:
                errors.append(f"{rel}: unexpected file type in corpus")
                continue
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            errors.append(f"{rel}: cannot read ({exc})")
            continue
        for article in found:
            articles[article.path] = article
    return articles


def read_gold(gold: Path, errors: list[str]) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for number, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"gold.jsonl line {number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON ({exc})")
            continue
        missing = [k for k, t in GOLD_FIELDS.items() if not isinstance(row.get(k), t)]
        extra = sorted(set(row) - set(GOLD_FIELDS))
        if missing or extra:
            errors.append(f"{where}: missing/mistyped fields {missing}, unexpected fields {extra}")
            continue
        if row["language"] not in ISO_639_1:
            errors.append(f"{where}: language {row['language']!r} is not ISO 639-1")
        try:
            dt.date.fromisoformat(row["date"])
            if len(row["date"]) != 10:
                raise ValueError
        except ValueError:
            errors.append(f"{where}: date {row['date']!r} is not YYYY-MM-DD")
        for key in ("event", "story"):
            if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", row[key]):
                errors.append(f"{where}: {key} {row[key]!r} is not a lowercase slug")
        if row["path"] in rows:
            errors.append(f"{where}: duplicate gold row for {row['path']}")
        rows[row["path"]] = row
    return rows


def length_problem(article: Article, language: str) -> str | None:
    if language in CJK_LANGS:
        n, (low, high), unit = len(_CJK_CHAR.findall(article.text)), CJK_CHAR_RANGE, "CJK characters"
    else:
        n, (low, high), unit = len(_WORD.findall(article.text)), WORD_RANGE, "words"
    return None if low <= n <= high else f"{n} {unit} (expected {low}-{high})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    parser.add_argument("--gold", type=Path, default=HERE / "gold.jsonl")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    args = parser.parse_args(argv)

    errors: list[str] = []
    warnings: list[str] = []
    articles = read_corpus(args.corpus, errors)
    gold = read_gold(args.gold, errors)

    for path in sorted(set(articles) - set(gold)):
        errors.append(f"{path}: article has no gold row")
    for path in sorted(set(gold) - set(articles)):
        errors.append(f"{path}: gold row names no article in the corpus")

    story_of: dict[str, str] = {}
    for path, row in sorted(gold.items()):
        known = story_of.setdefault(row["event"], row["story"])
        if known != row["story"]:
            errors.append(
                f"{path}: event {row['event']} is in story {row['story']} here but {known} elsewhere"
            )
        article = articles.get(path)
        if article is None:
            continue
        if article.has_date != row["has_date_metadata"]:
            errors.append(
                f"{path}: has_date_metadata is {row['has_date_metadata']} in gold, "
                f"but the file {'has' if article.has_date else 'has no'} date metadata"
            )
        if article.language and article.language != row["language"]:
            errors.append(f"{path}: language field {article.language!r} != gold {row['language']!r}")
        folder = path.split("/", 1)[0]
        if "/" in path and folder in ISO_639_1 and folder != row["language"]:
            errors.append(f"{path}: in folder {folder}/ but gold language is {row['language']!r}")
        problem = length_problem(article, row["language"])
        if problem:
            warnings.append(f"{path}: length {problem}")

    by_event: dict[str, list[dict]] = defaultdict(list)
    for row in gold.values():
        by_event[row["event"]].append(row)
    for event, rows in sorted(by_event.items()):
        langs = {r["language"] for r in rows}
        if len(rows) >= 4 and len(langs) < 3:
            warnings.append(f"event {event}: {len(rows)} articles but only {len(langs)} languages")

    rows = list(gold.values())
    print(f"articles in corpus: {len(articles)}   gold rows: {len(gold)}")
    undated = sum(not r["has_date_metadata"] for r in rows)
    print(f"without date metadata: {undated}")
    formats = Counter(r["path"].split(":")[0].rsplit(".", 1)[-1] for r in rows)
    print("formats:", ", ".join(f"{k} {v}" for k, v in sorted(formats.items())))
    print("\nper language:")
    for lang, n in sorted(Counter(r["language"] for r in rows).items(), key=lambda x: (-x[1], x[0])):
        print(f"  {lang:4} {n:3}")
    print("\nper story / event (articles, languages, dates):")
    events_of: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        events_of[row["story"]].add(row["event"])
    for story in sorted(events_of, key=lambda s: (-len(events_of[s]), s)):
        n_story = sum(len(by_event[e]) for e in events_of[story])
        print(f"  {story}  ({len(events_of[story])} events, {n_story} articles)")
        for event in sorted(events_of[story], key=lambda e: min(r["date"] for r in by_event[e])):
            ev_rows = by_event[event]
            langs = ",".join(sorted({r["language"] for r in ev_rows}))
            dates = sorted({r["date"] for r in ev_rows})
            span = dates[0] if len(dates) == 1 else f"{dates[0]}..{dates[-1]}"
            print(f"    {event:36} {len(ev_rows):3}  [{langs}]  {span}")

    for message in warnings:
        print(f"WARNING: {message}", file=sys.stderr)
    for message in errors:
        print(f"ERROR: {message}", file=sys.stderr)
    failed = bool(errors) or (args.strict and bool(warnings))
    print("\nFAILED" if failed else "\nOK: gold and corpus agree")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
