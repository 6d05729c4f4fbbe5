"""HTML pages (``.html``/``.htm``/``.xhtml``): main text, title, site and date via trafilatura/htmldate.

One parse, one pass: ``trafilatura.bare_extraction`` parses the page once, extracts the main text and
the metadata, and calls ``htmldate.find_date`` on the same tree with ``extensive_search=False,
original_date=True`` (the original publication date from markup and structured data, not a free-text
scan that would pick up any date mentioned in the article; ``url`` is the canonical/og URL, whose date
pattern htmldate may read, never fetch). Nothing is ever downloaded: trafilatura's loader does not fetch
and htmldate only gets the parsed tree, never a URL string it could fetch.

Extraction options: ``include_comments=False`` (reader comments are not the article and would pull
unrelated text into clustering); ``include_tables=True`` (tables inside the article -- standings, vote
counts, casualty figures -- are part of what was reported; rows come out as ``| cell | cell |`` lines,
which the cleaner keeps for ``html`` input; measured with ``bench/extraction.py --split dev``, tables on
raise F1 on both benchmarks: scrapinghub 0.952 -> 0.957 and the trafilatura eval set 0.925 -> 0.931,
reader text before cleaning); ``favor_precision``/``favor_recall`` both off (trafilatura's balanced
default; ``favor_recall`` lowered F1 on both dev halves: the cleaner stage removes leftover boilerplate,
while lost paragraphs cannot be recovered); fallback extractors stay on for odd layouts. The text is
cleaned as ``fmt="html"`` (see :mod:`storyline.clean`: a light cleaning for extracted text).

trafilatura is recall-oriented and returns *something* for almost any page (a menu, a cookie notice, a
404 message), so a page counts as having no article when the extracted text, without the headline, is
only link labels from the page or shorter than :data:`MIN_ARTICLE_CHARS` (CJK characters count three
times, roughly a word each). The headline is removed from the start of the text when trafilatura repeats
it there, as for the other readers.

When htmldate finds no date in the markup, the page's own visible date line is looked for (many sites
print "Publicado el 9 de julio de 2020" or "2021年4月13日 10:20" above the article and nothing in the
markup, and trafilatura drops that line from the text): within the ``<article>`` (or the block around
the ``<h1>``), outside asides, footers, navigation and comments, the first short element that is a
``<time>`` or whose class, id or itemprop names a date/byline, that parses to a day and is not an
"updated" label. It becomes ``published`` as page metadata.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from storyline.enrich.dates import parse_date_string
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


_DATE_HINT = re.compile(r"date|time|publi|posted|byline|dateline|submitted|meta|datum|fecha|data|info", re.I)
_SKIP_BLOCK = re.compile(r"comment|related|sidebar|teaser|recommend|widget|footer|share", re.I)
_UPDATED = re.compile(
    r"updat|modifi|aktualisiert|mis à jour|actualiza|aggiornat|atualizad|bijgewerkt|zaktualizowan|"
    r"обновлен|güncellen|تحديث|更新",
    re.I,
)


def visible_date_line(page: str, language: str | None) -> str | None:
    """The page's visible publication-date line near its headline (see the module doc), or None."""
    import lxml.html  # trafilatura's own parser

    try:
        tree = lxml.html.fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return None
    scopes = tree.xpath("//article")
    if not scopes:
        h1 = tree.xpath("//h1")
        scopes = [h1[0].getparent()] if h1 and h1[0].getparent() is not None else []
    if not scopes:
        return None
    for el in scopes[0].iter():
        if not isinstance(el.tag, str):
            continue
        hints = " ".join(el.get(a, "") for a in ("class", "id", "itemprop"))
        if el.tag != "time" and not _DATE_HINT.search(hints):
            continue
        if any(a.tag in ("aside", "footer", "nav") or _SKIP_BLOCK.search(f"{a.get('class', '')} {a.get('id', '')}")
               for a in el.iterancestors()):
            continue
        text = _SPACE.sub(" ", el.text_content()).strip()
        if not 6 <= len(text) <= 120 or not any(ch.isdigit() for ch in text) or _UPDATED.search(text):
            continue
        found = parse_date_string(text, language)
        if found is not None and found.precision == "day":
            return text
    return None


def parse_html(page: str, path: str) -> RawDocument:
    """Build a document from a page; raises :class:`IngestError` if no article text is found."""
    import trafilatura  # deferred: a quarter of a second to import, and only HTML input needs it

    extracted = trafilatura.bare_extraction(
        _as_document_html(page),
        with_metadata=True,
        include_comments=False,
        include_tables=True,
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
    if not published:
        published = visible_date_line(page, lang.group(1) if lang else None) or None
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
