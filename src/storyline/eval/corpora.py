"""Loaders that turn labelled evaluation corpora into one common record, :class:`LabelledArticle`.

* :func:`load_labelled_jsonl` reads the generic format ``storyline eval`` accepts (see its docstring).
* :func:`load_ecbplus`, :func:`load_gva` and :func:`load_multinews` read the benchmark corpora kept
  outside the repository (see :func:`shared_data_dir`); each takes either the corpus folder itself or
  the shared data folder that contains it.

Gold labels live in ``event`` (the unit B-cubed is computed over) and ``story`` (a group of events).
Article ids are the corpora's own ids; in ECB+ they spell out the topic (``1_10ecbplus``), so never
feed ids to a model as features.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from storyline.errors import EvalError
from storyline.model import RawDocument

logger = logging.getLogger(__name__)

__all__ = [
    "LabelledArticle",
    "count_gva_empty",
    "detokenise",
    "load_ecbplus",
    "load_gva",
    "load_labelled_jsonl",
    "load_multinews",
    "shared_data_dir",
]

SPLITS = ("dev", "test")
SHARED_DATA_ENV = "STORYLINE_SHARED_DATA"


@dataclass
class LabelledArticle:
    """One article with its gold event (and optionally story) label."""

    id: str
    text: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    language: str | None
    event: str
    story: str | None
    split: str | None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_raw_document(self) -> RawDocument:
        """The article as the ingestion stage would have read it (gold labels left out)."""
        return RawDocument(
            text=self.text,
            path=self.meta.get("path"),
            title=self.title,
            published=self.published,
            source=self.source,
            url=self.url,
            language=self.language,
            external_id=self.id,
            format=str(self.meta.get("format", "txt")),
            html=self.meta.get("html"),
        )


# --------------------------------------------------------------------------------------------------
# shared helpers


def shared_data_dir() -> Path | None:
    """The benchmark data folder: ``$STORYLINE_SHARED_DATA`` if set, else ``../shared/data`` next to the
    repository root (tried from the source tree, then from the working directory). None if absent."""
    env = os.environ.get(SHARED_DATA_ENV)
    if env:
        path = Path(env).expanduser()
        if path.is_dir():
            return path
        logger.warning("$%s=%s is not a folder", SHARED_DATA_ENV, env)
        return None
    candidates: list[Path] = []
    for start in (Path(__file__).resolve(), Path.cwd().resolve()):
        for parent in (start, *start.parents):
            if (parent / "pyproject.toml").is_file():
                candidates.append(parent.parent / "shared" / "data")
                break
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None


def _corpus_file(data_dir: str | os.PathLike[str], subdir: str, name: str) -> Path:
    """``data_dir/name``, or ``data_dir/subdir/name`` when given the shared data folder."""
    base = Path(data_dir)
    for candidate in (base / name, base / subdir / name):
        if candidate.is_file():
            return candidate
    raise EvalError(f"{base}: no {name} here or in {subdir}/")


def _iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; EvalError names ``file:line`` on bad JSON."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise EvalError(f"{path}: cannot read: {exc}") from exc
    with handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}:{lineno}: invalid JSON: {exc.msg}") from exc
            if not isinstance(obj, dict):
                raise EvalError(f"{path}:{lineno}: expected a JSON object, got {type(obj).__name__}")
            yield lineno, obj


def _check_split(split: str | None) -> None:
    if split is not None and split not in SPLITS:
        raise EvalError(f"unknown split {split!r}: expected one of {', '.join(SPLITS)} or None for all")


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


# --------------------------------------------------------------------------------------------------
# generic JSON Lines

_OPTIONAL_FIELDS = ("title", "published", "source", "url", "language", "story", "split")
_KNOWN_FIELDS = {"id", "text", "event", *_OPTIONAL_FIELDS}


def _label(value: Any, where: str, name: str) -> str:
    """A required id-like field: non-empty string (integers are accepted and turned into strings)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        if value is None:
            raise EvalError(f"{where}: field {name!r} is required")
        raise EvalError(f"{where}: field {name!r} must be a string, got {type(value).__name__}")
    text = str(value).strip()
    if not text:
        raise EvalError(f"{where}: field {name!r} is empty")
    return text


def load_labelled_jsonl(path: str | os.PathLike[str]) -> list[LabelledArticle]:
    """Read the generic labelled format: one JSON object per line.

    Fields: ``id`` (string or integer, unique), ``text`` (string), ``event`` (the gold event label,
    required) and optionally ``title``, ``published``, ``source``, ``url``, ``language``, ``story``,
    ``split`` (strings or null). Other fields are kept in ``meta``. Blank lines are skipped. A bad row
    raises :class:`EvalError` naming ``file:line`` and the field.
    """
    file = Path(path)
    articles: list[LabelledArticle] = []
    seen: dict[str, int] = {}
    for lineno, obj in _iter_jsonl(file):
        where = f"{file}:{lineno}"
        article_id = _label(obj.get("id"), where, "id")
        if article_id in seen:
            raise EvalError(
                f"{where}: field 'id': duplicate id {article_id!r} (first on line {seen[article_id]})"
            )
        seen[article_id] = lineno
        text = obj.get("text")
        if not isinstance(text, str):
            problem = "is required" if text is None else f"must be a string, got {type(text).__name__}"
            raise EvalError(f"{where}: field 'text' {problem}")
        event = _label(obj.get("event"), where, "event")
        optional: dict[str, str | None] = {}
        for name in _OPTIONAL_FIELDS:
            value = obj.get(name)
            if value is not None and not isinstance(value, str):
                raise EvalError(
                    f"{where}: field {name!r} must be a string or null, got {type(value).__name__}"
                )
            optional[name] = value if value else None
        meta = {k: v for k, v in obj.items() if k not in _KNOWN_FIELDS}
        meta["path"] = where
        articles.append(
            LabelledArticle(
                id=article_id,
                text=text,
                title=optional["title"],
                published=optional["published"],
                source=optional["source"],
                url=optional["url"],
                language=optional["language"],
                event=event,
                story=optional["story"],
                split=optional["split"],
                meta=meta,
            )
        )
    if not articles:
        raise EvalError(f"{file}: no records")
    logger.info("loaded %d labelled articles from %s", len(articles), file)
    return articles


# --------------------------------------------------------------------------------------------------
# ECB+

_URL_LINE = re.compile(r"^\s*(?:https?\s*:\s*/\s*/|www\s*\.\s*\w)")
_CLOSING_PUNCT = re.compile(r"^(?:[.,;:?!%)\]}]+|\.\.\.|…)$")
_OPENING = frozenset({"(", "[", "{", "$", "#", "¿", "¡"})
_CONTRACTIONS = frozenset(
    {"'s", "'re", "'ve", "'ll", "'d", "'m", "n't", "’s", "’re", "’ve", "’ll", "’d", "’m", "n’t"}
)
_CONTRACTION_TAILS = frozenset({"s", "re", "ve", "ll", "d", "m", "t"})
_SMALL_NUMBER = re.compile(r"^\d{1,3}$")
_THOUSANDS = re.compile(r"^\d{3}(?!\d)")
_DIGITS = re.compile(r"^\d+$")


def _is_word_end(token: str) -> bool:
    return bool(token) and token[-1].isalnum()


def _is_word_start(token: str) -> bool:
    return bool(token) and token[0].isalnum()


def _detokenise_line(line: str) -> str:
    if _URL_LINE.match(line):
        return "".join(line.split())
    tokens = line.split()
    n = len(tokens)
    if n == 0:
        return ""
    out = list(tokens)
    glue = [False] * (n + 1)  # glue[i]: no space before token i

    def attach_left(i: int) -> None:
        glue[i] = i > 0

    def attach_right(i: int) -> None:
        glue[i + 1] = True

    quotes_seen = 0
    single_open = False
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i > 0 else ""
        nxt = tokens[i + 1] if i + 1 < n else ""
        if tok == "``":
            out[i] = '"'
            attach_right(i)
        elif tok == "''":
            out[i] = '"'
            attach_left(i)
        elif tok == '"':
            closing = i == n - 1 or (
                i > 0 and (quotes_seen % 2 == 1 or _CLOSING_PUNCT.match(nxt) is not None)
            )
            if closing:
                attach_left(i)
            else:
                attach_right(i)
        elif tok == "“":
            attach_right(i)
        elif tok == "”":
            attach_left(i)
        elif tok.lower() in _CONTRACTIONS:
            attach_left(i)
        elif tok in ("’", "‘") and _is_word_end(prev) and nxt.lower() in _CONTRACTION_TAILS:
            out[i] = "’"
            attach_left(i)
            attach_right(i)
        elif tok == "’":
            attach_left(i)
        elif tok == "‘":
            attach_right(i)
        elif tok == "'":
            if single_open or prev[-1:] in ("s", "S", ",", ".", "!", "?") or i == n - 1:
                attach_left(i)  # closing quote, or plural possessive: "companies ' computer"
                single_open = False
            elif i + 1 < n:
                attach_right(i)
                single_open = True
        elif tok in ("-", "/") and _is_word_end(prev) and _is_word_start(nxt):
            attach_left(i)
            attach_right(i)
        elif tok == "," and _SMALL_NUMBER.match(prev) and _THOUSANDS.match(nxt):
            attach_left(i)
            attach_right(i)
        elif tok in (".", ":") and _DIGITS.match(prev) and nxt[:1].isdigit():
            attach_left(i)
            attach_right(i)
        elif _CLOSING_PUNCT.match(tok):
            attach_left(i)
        elif tok in _OPENING:
            attach_right(i)
        elif "``" in tok or "''" in tok:  # Treebank quotes glued to a word: ``bagman''
            out[i] = tok.replace("``", '"').replace("''", '"')
        quotes_seen += out[i].count('"')
        if len(tok) > 1 and tok[0] == "'" and tok[1].isalpha() and tok.lower() not in _CONTRACTIONS:
            single_open = True  # 'party (opening quote glued to its word)
    pieces: list[str] = []
    for i, tok in enumerate(out):
        if i > 0 and not glue[i]:
            pieces.append(" ")
        pieces.append(tok)
    return "".join(pieces)


def detokenise(text: str) -> str:
    """Undo Penn-Treebank-style tokenisation (spaces around punctuation) so text reads normally.

    ``" ,"`` -> ``","``, ``" 's"`` / ``" n't"`` attach to the word before, ````` `` ````` and ``''``
    become ``"``, straight quotes attach by position and parity, brackets and ``$`` attach to the next
    word, ``a - b`` and ``a / b`` between word characters become ``a-b`` / ``a/b``, ``1 , 000`` ->
    ``1,000``, ``6 . 1`` -> ``6.1``, ``09 : 01`` -> ``09:01``. A line that is a tokenised URL loses all
    its spaces. Line breaks are kept. It is a heuristic: a spaced dash between two words (``area - off``)
    is joined like a hyphen, because the corpus does not tell them apart.
    """
    return "\n".join(_detokenise_line(line) for line in text.split("\n"))


def load_ecbplus(data_dir: str | os.PathLike[str], split: str | None = None) -> list[LabelledArticle]:
    """ECB+ (``docs.jsonl``): event = story = ``subtopic`` (each seminal event is its own story).

    Text is detokenised (:func:`detokenise`). Newer (``ecbplus``) documents start with the page URL on
    a line of its own: it is moved into ``url`` (and its domain into ``source``) rather than left in
    the text. ``meta`` holds ``topic``.
    """
    _check_split(split)
    path = _corpus_file(data_dir, "ecbplus", "docs.jsonl")
    articles: list[LabelledArticle] = []
    for lineno, row in _iter_jsonl(path):
        where = f"{path}:{lineno}"
        if row.get("split") not in SPLITS:
            raise EvalError(f"{where}: field 'split' must be one of {SPLITS}, got {row.get('split')!r}")
        if split is not None and row["split"] != split:
            continue
        doc_id = _label(row.get("doc_id"), where, "doc_id")
        subtopic = _label(row.get("subtopic"), where, "subtopic")
        raw = row.get("text")
        if not isinstance(raw, str):
            raise EvalError(f"{where}: field 'text' must be a string")
        lines = raw.split("\n")
        url: str | None = None
        if lines and _URL_LINE.match(lines[0]):
            url = "".join(lines[0].split())
            lines = lines[1:]
        articles.append(
            LabelledArticle(
                id=doc_id,
                text=detokenise("\n".join(lines)).strip(),
                title=None,
                published=None,
                source=_domain(url),
                url=url,
                language="en",
                event=subtopic,
                story=subtopic,
                split=row["split"],
                meta={"topic": row.get("topic"), "path": where},
            )
        )
    logger.info("loaded %d ECB+ documents (split=%s) from %s", len(articles), split or "all", path)
    return articles


# --------------------------------------------------------------------------------------------------
# GVA long-tail pilot

_WAYBACK = re.compile(r"^https?://web\.archive\.org/web/\d+[a-z_]*/(.+)$")


def load_gva(data_dir: str | os.PathLike[str], split: str | None = None) -> list[LabelledArticle]:
    """GVA long-tail pilot (``docs.jsonl``): event = story = ``incident_id``; published = ``dct``.

    Rows with empty text are skipped (the count is logged at INFO). The same document sometimes appears
    under two incidents; such rows stay separate items, and repeats of a ``doc_id`` get ``#2``,
    ``#3``... appended so ids stay unique. ``url`` is the original address (unwrapped from the Wayback
    Machine link, which is kept in ``meta['archive_url']``); ``source`` is its domain.
    """
    _check_split(split)
    path = _corpus_file(data_dir, "gva-longtail-pilot", "docs.jsonl")
    articles: list[LabelledArticle] = []
    id_counts: dict[str, int] = {}
    empty = 0
    for lineno, row in _iter_jsonl(path):
        where = f"{path}:{lineno}"
        if row.get("split") not in SPLITS:
            raise EvalError(f"{where}: field 'split' must be one of {SPLITS}, got {row.get('split')!r}")
        doc_id = _label(row.get("doc_id"), where, "doc_id")
        incident = _label(row.get("incident_id"), where, "incident_id")
        # count every row so ids do not depend on the split asked for
        id_counts[doc_id] = id_counts.get(doc_id, 0) + 1
        if split is not None and row["split"] != split:
            continue
        text = row.get("text") or ""
        if not isinstance(text, str):
            raise EvalError(f"{where}: field 'text' must be a string")
        if not text.strip():
            empty += 1
            continue
        archive_url = row.get("uri") or None
        url = archive_url
        if archive_url:
            match = _WAYBACK.match(archive_url)
            if match:
                url = match.group(1)
        count = id_counts[doc_id]
        articles.append(
            LabelledArticle(
                id=doc_id if count == 1 else f"{doc_id}#{count}",
                text=text,
                title=row.get("title") or None,
                published=row.get("dct") or None,
                source=_domain(url),
                url=url,
                language="en",
                event=incident,
                story=incident,
                split=row["split"],
                meta={"archive_url": archive_url, "doc_id": doc_id, "path": where},
            )
        )
    logger.info(
        "loaded %d GVA documents (split=%s) from %s; skipped %d with empty text",
        len(articles),
        split or "all",
        path,
        empty,
    )
    return articles


def count_gva_empty(data_dir: str | os.PathLike[str], split: str | None = None) -> int:
    """How many GVA rows :func:`load_gva` skips for having empty text."""
    _check_split(split)
    path = _corpus_file(data_dir, "gva-longtail-pilot", "docs.jsonl")
    return sum(
        1
        for _, row in _iter_jsonl(path)
        if (split is None or row.get("split") == split) and not str(row.get("text") or "").strip()
    )


# --------------------------------------------------------------------------------------------------
# multinews-dev


def load_multinews(data_dir: str | os.PathLike[str]) -> list[LabelledArticle]:
    """multinews-dev (``articles.jsonl`` + ``gold.jsonl``): event, story and language from gold.

    ``meta`` keeps ``format`` and, for HTML items, the whole page in ``html`` (``text`` is then the
    clean article), plus the gold ``date``, ``entities`` and ``figures``. ``split`` is None: the whole
    set is for development.
    """
    articles_path = _corpus_file(data_dir, "multinews-dev", "articles.jsonl")
    gold_path = _corpus_file(data_dir, "multinews-dev", "gold.jsonl")
    gold: dict[str, dict[str, Any]] = {}
    for lineno, row in _iter_jsonl(gold_path):
        where = f"{gold_path}:{lineno}"
        gid = _label(row.get("id"), where, "id")
        _label(row.get("event"), where, "event")
        if gid in gold:
            raise EvalError(f"{where}: field 'id': duplicate id {gid!r}")
        gold[gid] = row
    articles: list[LabelledArticle] = []
    for lineno, row in _iter_jsonl(articles_path):
        where = f"{articles_path}:{lineno}"
        aid = _label(row.get("id"), where, "id")
        g = gold.pop(aid, None)
        if g is None:
            raise EvalError(f"{where}: article {aid!r} has no row in {gold_path.name}")
        text = row.get("text")
        if not isinstance(text, str):
            raise EvalError(f"{where}: field 'text' must be a string")
        meta: dict[str, Any] = {"format": row.get("format") or "txt", "path": where}
        if row.get("html") is not None:
            meta["html"] = row["html"]
        for key in ("date", "entities", "figures"):
            if key in g:
                meta[f"gold_{key}"] = g[key]
        articles.append(
            LabelledArticle(
                id=aid,
                text=text,
                title=row.get("title") or None,
                published=row.get("published") or None,
                source=row.get("source") or None,
                url=row.get("url") or None,
                language=g.get("language") or None,
                event=str(g["event"]),
                story=str(g["story"]) if g.get("story") else None,
                split=None,
                meta=meta,
            )
        )
    if gold:
        logger.warning("%d gold rows have no article: %s", len(gold), ", ".join(sorted(gold)[:5]))
    logger.info("loaded %d multinews-dev articles from %s", len(articles), articles_path)
    return articles
