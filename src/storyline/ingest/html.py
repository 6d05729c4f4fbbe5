"""HTML pages (``.html``/``.htm``/``.xhtml``): main text, title, site and date via trafilatura/htmldate.

One parse, one pass: ``trafilatura.bare_extraction`` parses the page once, extracts the main text and
the metadata, and calls ``htmldate.find_date`` on the same tree with ``extensive_search=False,
original_date=True`` (the original publication date from markup and structured data, not a free-text
scan that would pick up any date mentioned in the article; ``url`` is the canonical/og URL, whose date
pattern htmldate may read, never fetch). Nothing is ever downloaded: trafilatura's loader does not fetch
and htmldate only gets the parsed tree, never a URL string it could fetch.

Extraction options: ``include_comments=False`` (reader comments are not the article and would pull
unrelated text into clustering); ``include_tables=False`` (news tables are mostly scoreboards, result
grids and sidebars that flatten into token soup and skew language detection and embeddings; we accept
losing the rare table of substance); ``favor_precision``/``favor_recall`` both off (trafilatura's balanced
default: the cleaner stage removes leftover boilerplate, while lost paragraphs cannot be recovered);
fallback extractors stay on for odd layouts.

trafilatura is recall-oriented and returns *something* for almost any page (a menu, a cookie notice, a
404 message), so a page counts as having no article when the extracted text, without the headline, is
only link labels from the page or shorter than :data:`MIN_ARTICLE_CHARS` (CJK characters count three
times, roughly a word each). The headline is removed from the start of the text when trafilatura repeats
it there, as for the other readers.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from storyline.errors import IngestError
from storyline.ingest.base import IngestItem, InputFile, register_reader
from storyline.model import RawDocument

log = logging.getLogger(__name__)

DATE_PARAMS = {"extensive_search": False, "original_date": True}
MIN_ARTICLE_CHARS = 80
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_ANCHOR = re.compile(r"<a\b[^>]*>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_HTML_LANG = re.compile(
    r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)", re.IGNORECASE
)


def domain_of(url: str | None) -> str | None:
    """``https://www.example.co.uk/a`` -> ``example.co.uk``; None for a URL without a host."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def article_size(text: str) -> int:
    """Non-space characters, CJK characters counted three times."""
    return sum(1 for ch in text if not ch.isspace()) + 2 * len(_CJK.findall(text))


def _drop_headline(text: str, title: str | None) -> str:
    if not title:
        return text
    first, _, rest = text.partition("\n")
    return rest.lstrip("\n") if _norm(first) == _norm(title) else text


def _only_link_labels(text: str, page: str) -> bool:
    lines = [_norm(line) for line in text.split("\n") if line.strip()]
    if not lines:
        return True
    labels = {_norm(_TAG.sub(" ", label)) for label in _ANCHOR.findall(page)}
    return all(line in labels for line in lines)


def _as_document_html(page: str) -> str:
    """trafilatura rejects input that does not mention ``html`` near the start: wrap fragments."""
    if "html" in page.lstrip()[:50].lower():
        return page
    return f"<html>{page}</html>"


def parse_html(page: str, path: str) -> RawDocument:
    """Build a document from a page; raises :class:`IngestError` if no article text is found."""
    import trafilatura  # deferred: a quarter of a second to import, and only HTML input needs it

    extracted = trafilatura.bare_extraction(
        _as_document_html(page),
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=False,
        favor_recall=False,
        deduplicate=False,
        date_extraction_params=dict(DATE_PARAMS),
    )
    text = (getattr(extracted, "text", None) or "").strip() if extracted is not None else ""
    title = (getattr(extracted, "title", None) or "").strip() or None
    text = _drop_headline(text, title).strip()
    if article_size(text) < MIN_ARTICLE_CHARS or _only_link_labels(text, page):
        log.debug("%s: extracted text too short or only links: %r", path, text[:200])
        raise IngestError(path, "no article text found")
    url = getattr(extracted, "url", None) or None
    sitename = (getattr(extracted, "sitename", None) or "").strip() or None
    published = getattr(extracted, "date", None) or None
    lang = _HTML_LANG.search(page, 0, 4096)
    meta: dict[str, str] = {}
    for key in ("author", "description"):
        value = getattr(extracted, key, None)
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    return RawDocument(
        text=text,
        path=path,
        title=title,
        published=published,
        published_origin="metadata" if published else "none",
        source=sitename or domain_of(url),
        url=url,
        language=lang.group(1) if lang else None,
        format="html",
        html=page,
        meta=meta,
    )


class HtmlReader:
    name = "html"
    extensions: tuple[str, ...] = (".html", ".htm", ".xhtml")
    streaming = False

    def read(self, src: InputFile) -> Iterator[IngestItem]:
        yield parse_html(src.read_text(), src.path)


register_reader(HtmlReader())
