"""``http(s)://`` inputs: fetch (see :mod:`storyline.ingest.fetch`), then read by content type.

An RSS/Atom/XML response (or any response whose root element is ``rss``, ``feed`` or ``rdf:RDF``) is
read as a feed, one document per entry (``URL!N``); HTML, plain text and JSON go through the same
readers as files, named by the URL as given. Documents get the final URL (after redirects) as ``url``
when the page names none, and its domain as ``source``.
"""

from __future__ import annotations

from collections.abc import Iterator

from storyline.errors import IngestError
from storyline.ingest.base import IngestItem, IngestOptions, read_bytes
from storyline.ingest.feeds import decode_response, iter_feed, looks_like_feed
from storyline.ingest.fetch import FEED_TYPES, HTML_TYPES, JSON_TYPES, TEXT_TYPES, Fetcher, FetchResult
from storyline.ingest.html import domain_of
from storyline.model import RawDocument

_EXTENSION = {**dict.fromkeys(HTML_TYPES, ".html"), **dict.fromkeys(TEXT_TYPES, ".txt"),
              **dict.fromkeys(JSON_TYPES, ".json")}


def read_url(url: str, options: IngestOptions) -> Iterator[IngestItem]:
    """Documents from one URL, or an :class:`IngestError` naming it (yielded, never raised)."""
    fetcher = Fetcher(options.fetch)
    try:
        result = fetcher.fetch(url)
    except IngestError as err:
        yield err
        return
    yield from read_response(url, result, options, fetcher)


def read_response(name: str, result: FetchResult, options: IngestOptions, fetcher: Fetcher) -> Iterator[IngestItem]:
    """Documents from a fetched response (``name`` is the URL as given)."""
    if result.content_type in FEED_TYPES or looks_like_feed(result.body):
        try:
            yield from iter_feed(result.body, name, fetcher, result.content_type)
        except IngestError as err:
            yield err
        return
    try:
        data = decode_response(result).encode("utf-8")
    except IngestError as err:
        yield IngestError(name, err.reason)
        return
    extension = _EXTENSION.get(result.content_type or "", "")  # "": no reader by name, sniff the content
    for item in read_bytes(name, data, options, extension=extension):
        if isinstance(item, RawDocument):
            item.url = item.url or result.url
            item.source = item.source or domain_of(result.url)
        yield item
