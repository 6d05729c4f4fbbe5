"""RSS and Atom feeds (``.rss``/``.atom``/``.xml`` files, or a feed URL) via ``feedparser``.

Every entry becomes one document named ``FEED!N`` (N = 1-based position of the entry in the feed) with
the entry's link as ``url``, its domain as ``source``, its title, and its publication (else update) date.
The text is the entry's own content (``content:encoded``/``<content>``, else the description/summary)
when that looks like a whole article (:data:`FULL_TEXT_CHARS` or more); otherwise the linked page is
fetched (same fetcher, same address, size and type checks as any URL) and its main text extracted by
the HTML reader. When that fetch fails, the summary is used and a warning logged.

Broken XML: feedparser falls back to a lenient parser and reads what it can; those entries are ingested
and the feed is also reported as an error (``malformed feed XML ...; N entries read anyway``). A document
with no readable entries and no feed structure is an error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import feedparser

from storyline.errors import IngestError
from storyline.ingest.base import IngestItem, InputFile, decode_bytes, register_reader
from storyline.ingest.fetch import HTML_TYPES, TEXT_TYPES, Fetcher, FetchResult
from storyline.ingest.html import article_size, domain_of, parse_html
from storyline.ingest.text import parse_text
from storyline.model import RawDocument

log = logging.getLogger(__name__)

FULL_TEXT_CHARS = 500
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?(?:rss|feed|RDF)\b")
_BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_BLOCK = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")


def looks_like_feed(data: bytes) -> bool:
    """Whether a document starts like RSS, RDF or Atom (its root element, within the first 2 KB)."""
    head = data[:2048]
    match = _FEED_ROOT.search(head)
    return match is not None and b"<html" not in head[: match.start()].lower()


@dataclass
class FeedEntry:
    """One entry as the feed gives it. ``key`` identifies it across polls (id, else link, else a hash)."""

    index: int
    key: str
    link: str | None
    title: str | None
    published: str | None
    content_html: str
    summary_html: str
    external_id: str | None


@dataclass
class ParsedFeed:
    entries: list[FeedEntry]
    language: str | None
    title: str | None
    problem: str | None  # malformed XML that feedparser read past


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, with a paragraph break after block elements."""
    if not fragment.strip():
        return ""
    if "<" not in fragment:
        return fragment.strip()
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", fragment).strip()
    for el in root.iter(*_BLOCK):
        el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        year, month, day, hour, minute, second = (int(v) for v in parsed[:6])
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.timezone.utc).isoformat()
    except (TypeError, ValueError):
        return None


def _entry(index: int, raw: Any) -> FeedEntry:
    content = raw.get("content") or []
    content_html = max((c.get("value") or "" for c in content), key=len, default="")
    summary_html = raw.get("summary") or ""
    link = (raw.get("link") or "").strip() or None
    title = (raw.get("title") or "").strip() or None
    entry_id = (raw.get("id") or "").strip() or None
    key = entry_id or link
    if key is None:
        digest = hashlib.sha256(f"{title}\n{summary_html}\n{content_html}".encode()).hexdigest()[:24]
        key = f"sha256:{digest}"
    published = _iso(raw.get("published_parsed")) or _iso(raw.get("updated_parsed"))
    if published is None:
        published = (raw.get("published") or raw.get("updated") or "").strip() or None
    return FeedEntry(index, key, link, title, published, content_html, summary_html, entry_id)


def parse_feed(data: bytes, name: str, content_type: str | None = None) -> ParsedFeed:
    """Parse feed bytes; raises :class:`IngestError` when nothing readable is there."""
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    problem = None if exc is None or isinstance(exc, _BENIGN) else f"{exc}"
    entries = [_entry(i, raw) for i, raw in enumerate(parsed.entries, start=1)]
    if not entries and (problem or not parsed.get("version")):
        raise IngestError(name, f"not a readable RSS or Atom feed{': ' + problem if problem else ''}")
    feed = parsed.get("feed") or {}
    language = (feed.get("language") or "").strip() or None
    return ParsedFeed(entries, language, (feed.get("title") or "").strip() or None, problem)


def decode_response(result: FetchResult) -> str:
    """A response body as text: the declared charset if it works, else the file decoding rules."""
    if result.charset:
        try:
            return result.body.decode(result.charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(result.body, result.url)


def fetch_article(url: str, fetcher: Fetcher) -> RawDocument:
    """Fetch a linked page and extract its article (HTML or plain text); raises :class:`IngestError`."""
    result = fetcher.fetch(url)
    text = decode_response(result)
    if result.content_type in TEXT_TYPES:
        doc = parse_text(text, url)
    elif result.content_type in HTML_TYPES or result.content_type is None:
        doc = parse_html(text, url)
    else:
        raise IngestError(url, f"linked page is {result.content_type}, not HTML or text")
    doc.url = doc.url or result.url
    return doc


def entry_document(
    entry: FeedEntry, feed_name: str, feed: ParsedFeed, fetcher: Fetcher | None
) -> RawDocument:
    """The document for one entry (fetching the linked page when the entry has only a summary).

    ``fetcher=None`` never fetches. Raises :class:`IngestError` naming ``FEED!N`` when there is no text.
    """
    where = f"{feed_name}!{entry.index}"
    own = max((html_to_text(entry.content_html), html_to_text(entry.summary_html)), key=article_size)
    doc: RawDocument | None = None
    origin = "feed"
    if article_size(own) < FULL_TEXT_CHARS and entry.link and fetcher is not None:
        try:
            page = fetch_article(entry.link, fetcher)
        except IngestError as err:
            log.warning("%s: linked page %s not used (%s); using the feed's summary", where, entry.link,
                        err.reason)
        else:
            doc, origin = page, "page"
    if doc is None:
        if not own:
            raise IngestError(where, "entry has no text" + ("" if entry.link else " and no link"))
        doc = RawDocument(text=own, format="feed")
        if article_size(own) < FULL_TEXT_CHARS:
            origin = "summary"
    doc.path = where
    doc.url = entry.link or doc.url
    doc.title = entry.title or doc.title
    if entry.published:
        doc.published, doc.published_origin = entry.published, "metadata"
    doc.source = domain_of(doc.url) or doc.source or feed.title
    doc.language = doc.language or feed.language
    doc.external_id = entry.external_id
    doc.meta = {**doc.meta, "feed": feed_name, "text_from": origin}
    return doc


def iter_feed(
    data: bytes, name: str, fetcher: Fetcher | None, content_type: str | None = None
) -> Iterator[IngestItem]:
    """Every entry of a feed as a document or an :class:`IngestError`; a malformed feed is also reported."""
    feed = parse_feed(data, name, content_type)
    for entry in feed.entries:
        try:
            yield entry_document(entry, name, feed, fetcher)
        except IngestError as err:
            yield err
    if feed.problem:
        yield IngestError(name, f"malformed feed XML ({feed.problem}); {len(feed.entries)} entries read anyway")


class FeedReader:
    """Feed files on disk; summary-only entries fetch their linked page under ``options.fetch``."""

    name = "feed"
    extensions: tuple[str, ...] = (".rss", ".atom", ".xml")
    streaming = True  # decoding is feedparser's job (it honours the XML encoding declaration)

    def read(self, src: InputFile) -> Iterator[IngestItem]:
        yield from iter_feed(src.read_bytes(), src.path, Fetcher(src.options.fetch))


register_reader(FeedReader())
