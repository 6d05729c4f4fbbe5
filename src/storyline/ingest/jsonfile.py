"""JSON (``.json``) and JSON Lines (``.jsonl``/``.ndjson``) article records.

A ``.json`` file holds one record, an array of records, or an object with an ``articles`` array (the
NewsAPI shape). A ``.jsonl`` file holds one record per line, read as a stream; blank lines are skipped.
Record fields: ``text`` (required; aliases ``body``, ``content``), ``title``, ``published`` (aliases
``date``, ``published_at``, ``publishedAt``; a number is read as a Unix timestamp), ``source`` (a string,
or an object with a ``name``), ``url``, ``language`` (alias ``lang``), ``id`` (string or integer).
Other scalar fields (``author``, ...) go to ``RawDocument.meta``.

A bad record yields an :class:`IngestError` naming ``file:N`` (line number in JSON Lines, 1-based index in
an array) and the reason; the other records still come through.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from typing import Any

from storyline.errors import IngestError
from storyline.ingest import sniff
from storyline.ingest.base import IngestItem, InputFile, register_reader
from storyline.model import RawDocument

log = logging.getLogger(__name__)

TEXT_KEYS = ("text", "body", "content")
TITLE_KEYS = ("title",)
DATE_KEYS = ("published", "date", "published_at", "publishedAt")
SOURCE_KEYS = ("source",)
URL_KEYS = ("url",)
LANGUAGE_KEYS = ("language", "lang")
ID_KEYS = ("id",)
_KNOWN = frozenset(TEXT_KEYS + TITLE_KEYS + DATE_KEYS + SOURCE_KEYS + URL_KEYS + LANGUAGE_KEYS + ID_KEYS)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null" if value is None else type(value).__name__


def _wrong_type(where: str, key: str, expected: str, value: Any) -> IngestError:
    return IngestError(where, f"field '{key}' must be {expected}, not {_json_type(value)}")


def _string_field(record: dict[str, Any], keys: tuple[str, ...], where: str) -> str | None:
    """The first non-blank string among ``keys``; a non-string, non-null value is an error."""
    for key in keys:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise _wrong_type(where, key, "a string", value)
        if value.strip():
            return value.strip()
    return None


def _text_field(record: dict[str, Any], where: str) -> str:
    blank: str | None = None
    for key in TEXT_KEYS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise _wrong_type(where, key, "a string", value)
        if value.strip():
            return value.strip()
        blank = blank or key
    if blank is not None:
        raise IngestError(where, f"no article text: field '{blank}' is empty")
    raise IngestError(where, "missing 'text' field (also accepted: 'body', 'content')")


def _published_field(record: dict[str, Any], where: str) -> str | None:
    for key in DATE_KEYS:
        value = record.get(key)
        if value is None:
            continue
        if isinstance(value, str):
            if value.strip():
                return value.strip()
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            seconds = value / 1000 if abs(value) > 1e11 else value  # milliseconds
            try:
                return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).isoformat()
            except (OverflowError, OSError, ValueError):
                raise IngestError(where, f"field '{key}' is not a valid timestamp: {value}") from None
        raise _wrong_type(where, key, "a string or a Unix timestamp", value)
    return None


def _source_field(record: dict[str, Any], where: str) -> str | None:
    value = record.get("source")
    if isinstance(value, dict):
        name = value.get("name")
        if name is None:
            return None
        if isinstance(name, str):
            return name.strip() or None
        raise _wrong_type(where, "source.name", "a string", name)
    return _string_field(record, SOURCE_KEYS, where)


def _id_field(record: dict[str, Any], where: str) -> str | None:
    value = record.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _wrong_type(where, "id", "a string or an integer", value)
    return str(value)


def record_to_document(record: Any, where: str, fmt: str) -> RawDocument:
    """Turn one parsed JSON value into a document; raises :class:`IngestError` naming ``where``."""
    if not isinstance(record, dict):
        raise IngestError(where, f"expected a JSON object, got {_json_type(record)}")
    text = _text_field(record, where)
    published = _published_field(record, where)
    meta = {
        key: value
        for key, value in record.items()
        if key not in _KNOWN and isinstance(value, (str, int, float, bool)) and value != ""
    }
    return RawDocument(
        text=text,
        path=where,
        title=_string_field(record, TITLE_KEYS, where),
        published=published,
        published_origin="metadata" if published else "none",
        source=_source_field(record, where),
        url=_string_field(record, URL_KEYS, where),
        language=_string_field(record, LANGUAGE_KEYS, where),
        external_id=_id_field(record, where),
        format=fmt,
        meta=meta,
    )


def _record_or_error(record: Any, where: str, fmt: str) -> IngestItem:
    try:
        return record_to_document(record, where, fmt)
    except IngestError as err:
        return err


def _invalid(err: json.JSONDecodeError, *, with_line: bool) -> str:
    where = f"line {err.lineno} column {err.colno}" if with_line else f"column {err.colno}"
    return f"invalid JSON: {err.msg} at {where}"


def iter_json_lines(
    lines: Iterator[tuple[int, str | None]], path: str, fmt: str = "jsonl"
) -> Iterator[IngestItem]:
    """Records from ``(line_number, text)`` pairs; errors name ``path:line``."""
    seen = False
    for number, line in lines:
        where = f"{path}:{number}"
        if line is None:
            seen = True
            yield IngestError(where, "not valid text: could not decode line as UTF-8")
            continue
        if not line.strip():
            continue
        seen = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield IngestError(where, _invalid(err, with_line=False))
            continue
        yield _record_or_error(record, where, fmt)
    if not seen:
        raise IngestError(path, "empty file")


class JsonReader:
    name = "json"
    extensions: tuple[str, ...] = (".json",)
    streaming = False

    def read(self, src: InputFile) -> Iterator[IngestItem]:
        text = src.read_text()
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            if err.msg == "Extra data" and sniff.sniff_format(text) == "jsonl":
                log.debug("%s: JSON Lines content in a .json file", src.path)
                lines = ((n, line) for n, line in enumerate(text.split("\n"), start=1))
                yield from iter_json_lines(lines, src.path, "jsonl")
                return
            raise IngestError(src.path, _invalid(err, with_line=True)) from None
        if (
            isinstance(data, dict)
            and isinstance(data.get("articles"), list)
            and not any(key in data for key in TEXT_KEYS)
        ):
            data = data["articles"]
        if isinstance(data, dict):
            yield _record_or_error(data, src.path, self.name)
        elif isinstance(data, list):
            if not data:
                raise IngestError(src.path, "no records found (empty array)")
            for index, record in enumerate(data, start=1):
                yield _record_or_error(record, f"{src.path}:{index}", self.name)
        else:
            raise IngestError(src.path, f"expected a JSON object or array, got {_json_type(data)}")


class JsonLinesReader:
    name = "jsonl"
    extensions: tuple[str, ...] = (".jsonl", ".ndjson")
    streaming = True

    def read(self, src: InputFile) -> Iterator[IngestItem]:
        yield from iter_json_lines(src.iter_text_lines(), src.path, self.name)


register_reader(JsonReader())
register_reader(JsonLinesReader())
