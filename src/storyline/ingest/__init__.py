"""Readers that turn files and folders into :class:`~storyline.model.RawDocument` objects.

>>> for item in iter_documents(["corpus/", "extra.jsonl"]):
...     if isinstance(item, IngestError):
...         print(f"skipped {item.path}: {item.reason}")
...     else:
...         handle(item)

Bad inputs come out as :class:`~storyline.errors.IngestError` objects (yielded, not raised) so that a
caller can report each on one line and go on. Formats: ``.txt``/``.text``, ``.md``/``.markdown``,
``.json``, ``.jsonl``/``.ndjson``, ``.html``/``.htm``/``.xhtml``, ``.csv``/``.tsv``, feeds
(``.rss``/``.atom``/``.xml``), archives (``.zip``, ``.tar.gz``/``.tgz``/``.tar``, ``.warc``/``.warc.gz``;
members named ``ARCHIVE!MEMBER``) and ``http(s)://`` URLs (pages or feeds, see :mod:`storyline.ingest.fetch`);
anything else is sniffed from its content (HTML, JSON, JSON Lines or plain text) or reported as an
unsupported (binary) file.
"""

from __future__ import annotations

from storyline.errors import IngestError
from storyline.ingest import (  # noqa: F401  (importing registers the readers)
    archives,
    csvfile,
    feeds,
    html,
    jsonfile,
    text,
)
from storyline.ingest.base import (
    DEFAULT_MAX_BYTES,
    IngestItem,
    IngestOptions,
    InputFile,
    Reader,
    count_inputs,
    decode_bytes,
    iter_documents,
    iter_input_files,
    read_file,
    reader_for_extension,
    reader_for_format,
    register_reader,
    registered_extensions,
)
from storyline.ingest.sniff import looks_binary, sniff_format

__all__ = [
    "DEFAULT_MAX_BYTES",
    "IngestError",
    "IngestItem",
    "IngestOptions",
    "InputFile",
    "Reader",
    "count_inputs",
    "decode_bytes",
    "iter_documents",
    "iter_input_files",
    "looks_binary",
    "read_file",
    "reader_for_extension",
    "reader_for_format",
    "register_reader",
    "registered_extensions",
    "sniff_format",
]
