"""Plain-text (``.txt``) and Markdown (``.md``) articles with an optional metadata header.

A file may start with metadata lines such as::

    Title: Floods hit northern Italy
    Date: 2023-05-17
    Source: ANSA

Keys (any case): ``Title``, ``Date``/``Published``, ``Source``, ``URL``, ``Language``/``Lang``,
``Author``/``By``, followed by ``:``; ``Date``/``Published``, ``URL`` and ``Language``/``Lang`` may also
be followed by just a space when the value looks like a date, URL or language code (``date 2021-03-12``) so
that ordinary first lines such as "Date palms ..." or "Language barriers ..." stay text. Header lines only
count before the first body line (blank lines in between are fine) and are removed from the text.
Markdown files may instead (or also) carry a YAML-style front matter block between ``---`` lines.

Without a ``Title:`` the first body line is the title (and is removed from the text) if it is short
(at most 200 characters) and more text follows; a long first line is a paragraph, not a headline, and
stays in the text with no title.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from storyline.errors import IngestError
from storyline.ingest.base import IngestItem, InputFile, register_reader
from storyline.model import RawDocument

log = logging.getLogger(__name__)

MAX_TITLE_CHARS = 200
_MAX_HEADER_VALUE = 300

_KEYS = {
    "title": "title",
    "date": "published",
    "published": "published",
    "source": "source",
    "url": "url",
    "language": "language",
    "lang": "language",
    "author": "author",
    "by": "author",
}
_COLON_LINE = re.compile(
    r"^\s*(title|date|published|source|url|language|lang|author|by)\s*:\s*(.*?)\s*$", re.IGNORECASE
)
_SPACE_LINE = re.compile(r"^\s*(date|published|url|language|lang)\s+(.+?)\s*$", re.IGNORECASE)
_DATE_VALUE = re.compile(r"^(?=.*\d)[\w ,./:+\-]{4,40}$")
_URL_VALUE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_LANG_VALUE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$", re.IGNORECASE)


@dataclass
class _Header:
    fields: dict[str, str] = field(default_factory=dict)

    def set(self, key: str, value: str) -> None:
        target = _KEYS.get(key.lower(), key.lower())
        value = value.strip()
        if value and target not in self.fields:
            self.fields[target] = value


def _header_entry(line: str) -> tuple[str, str] | None:
    """``(key, value)`` if the line is a metadata header line, else None."""
    match = _COLON_LINE.match(line)
    if match:
        value = match.group(2)
        return (match.group(1), value) if len(value) <= _MAX_HEADER_VALUE else None
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


def split_header(lines: list[str], header: _Header) -> list[str]:
    """Consume leading metadata lines into ``header``; return the remaining (body) lines."""
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        entry = _header_entry(line)
        if entry is None:
            return lines[index:]
        header.set(*entry)
    return []


# ---------------------------------------------------------------- markdown

_FRONT_MATTER_LINE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_RULE_OR_UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-+|(?:[-*_]\s*){3,})\s*$")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_BLOCKQUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS_STAR = re.compile(r"(?<![*\w])\*(?=\S)([^*]+?)(?<=\S)\*(?![*\w])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![_\w])_(?=\S)([^_]+?)(?<=\S)_(?![_\w])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE = re.compile(r"`([^`]+)`")


def split_front_matter(lines: list[str], header: _Header, meta: dict[str, str]) -> list[str]:
    """Consume a ``---`` ... ``---`` front matter block at the very top, if there is one."""
    if not lines or lines[0].strip() != "---":
        return lines
    for end in range(1, min(len(lines), 100)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return lines
    for line in lines[1:end]:
        match = _FRONT_MATTER_LINE.match(line)
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2).strip().strip("'\"")
        if key in _KEYS or key in ("published_at", "publishdate", "pubdate"):
            header.set("published" if key not in _KEYS else key, value)
        elif value:
            meta[key] = value
    return lines[end + 1 :]


def strip_markdown_inline(line: str) -> str:
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _CODE.sub(r"\1", line)
    line = _STRONG.sub(r"\2", line)
    line = _EMPHASIS_STAR.sub(r"\1", line)
    line = _EMPHASIS_UNDERSCORE.sub(r"\1", line)
    return _STRIKE.sub(r"\1", line)


def strip_markdown(lines: list[str]) -> list[str]:
    """Remove simple Markdown: heading markers, rules, fences, quotes, bullets, emphasis, links, images."""
    out: list[str] = []
    for line in lines:
        if _FENCE.match(line) or _REF_DEFINITION.match(line):
            continue
        if _RULE_OR_UNDERLINE.match(line) and line.strip():
            continue
        heading = _HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = _BLOCKQUOTE.sub("", line)
        line = _BULLET.sub(r"\1", line)
        out.append(strip_markdown_inline(line).rstrip())
    return out


# ---------------------------------------------------------------- readers


def _normalise_newlines(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_text(text: str, path: str, *, markdown: bool = False) -> RawDocument:
    """Build a document from the text of a ``.txt`` or ``.md`` file (see the module docstring)."""
    lines = _normalise_newlines(text).split("\n")
    header = _Header()
    meta: dict[str, str] = {}
    if markdown:
        lines = split_front_matter(lines, header, meta)
        lines = strip_markdown(lines)
    body = split_header(lines, header)
    fields = header.fields

    title = fields.get("title")
    if title is None:
        first = next((i for i, line in enumerate(body) if line.strip()), None)
        if first is not None:
            candidate = body[first].strip()
            rest_has_text = any(line.strip() for line in body[first + 1 :])
            if len(candidate) <= MAX_TITLE_CHARS and rest_has_text:
                title = candidate
                body = body[first + 1 :]
    text_out = "\n".join(line.rstrip() for line in body).strip("\n")
    if not text_out.strip():
        raise IngestError(path, "no article text found")
    if "author" in fields:
        meta["author"] = fields["author"]
    if "language" in fields:
        meta["language"] = fields["language"]
    published = fields.get("published")
    return RawDocument(
        text=text_out,
        path=path,
        title=title,
        published=published,
        published_origin="header" if published else "none",
        source=fields.get("source"),
        url=fields.get("url"),
        language=fields.get("language"),
        format="md" if markdown else "txt",
        meta=dict(meta),
    )


class TextReader:
    name = "txt"
    extensions: tuple[str, ...] = (".txt", ".text")
    streaming = False

    def read(self, src: InputFile) -> Iterator[IngestItem]:
        yield parse_text(src.read_text(), src.path, markdown=False)


class MarkdownReader:
    name = "md"
    extensions: tuple[str, ...] = (".md", ".markdown")
    streaming = False

    def read(self, src: InputFile) -> Iterator[IngestItem]:
        yield parse_text(src.read_text(), src.path, markdown=True)


register_reader(TextReader())
register_reader(MarkdownReader())
