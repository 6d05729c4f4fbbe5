"""Archives: ``.zip``, ``.tar.gz``/``.tgz``/``.tar`` of supported files, and WARC web archives.

Members are named ``ARCHIVE!MEMBER`` (``news.zip!2021/flood.html``; for WARC, ``crawl.warc.gz!N`` with N
the 1-based number of the record in the file) and read by the same readers as files, chosen by the
member's extension or by sniffing. Nothing is extracted to disk. Limits: each member at most
``options.max_bytes``, everything unpacked from one archive at most ``options.max_archive_bytes``
(declared sizes are checked before reading, actual sizes while reading, so a lying header or a
compression bomb is stopped too). Unsafe member names (absolute, ``..``), nested archives, links and
special files are reported and skipped; hidden files and ``__MACOSX`` entries are skipped silently.

WARC: ``response`` (and ``resource``) records with status 200 and an HTML or plain-text type; the
record's ``WARC-Target-URI`` becomes the document URL, and ``WARC-Date`` the date when the page has none.
"""

from __future__ import annotations

import logging
import tarfile
import zipfile
from collections.abc import Iterator
from typing import IO

from storyline.errors import IngestError
from storyline.ingest.base import (
    IngestItem,
    IngestOptions,
    container_for,
    human_size,
    read_bytes,
    register_container,
)
from storyline.ingest.fetch import HTML_TYPES, TEXT_TYPES
from storyline.ingest.html import domain_of
from storyline.model import RawDocument

log = logging.getLogger(__name__)


def unsafe_name(name: str) -> str | None:
    """Why a member name could escape an extraction folder (None: safe)."""
    norm = name.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":"):
        return "unsafe path (absolute)"
    if ".." in norm.split("/"):
        return "unsafe path (contains '..')"
    return None


def _skipped(name: str) -> bool:
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    return not parts or parts[0] == "__MACOSX" or any(p.startswith(".") and p not in (".", "..") for p in parts)


class _Budget:
    """What one archive may still unpack."""

    def __init__(self, archive: str, options: IngestOptions) -> None:
        self.archive, self.options = archive, options
        self.left = options.max_archive_bytes

    def check_member(self, where: str, declared: int) -> IngestError | None:
        if declared > self.options.max_bytes:
            return IngestError(where, f"member too large ({human_size(declared)} > "
                                      f"{human_size(self.options.max_bytes)})")
        return None

    def exhausted(self, declared: int) -> IngestError | None:
        if declared > self.left:
            cap = human_size(self.options.max_archive_bytes)
            return IngestError(self.archive, f"archive unpacks to more than {cap}; the rest was not read")
        return None

    def read(self, where: str, fh: IO[bytes]) -> bytes:
        data = fh.read(self.options.max_bytes + 1)
        self.left -= len(data)
        if len(data) > self.options.max_bytes:
            raise IngestError(where, f"member too large (more than {human_size(self.options.max_bytes)} unpacked)")
        return data


def _member(where: str, name: str) -> IngestError | None:
    reason = unsafe_name(name)
    if reason:
        return IngestError(where, reason)
    if container_for(name) is not None:
        return IngestError(where, "archive inside an archive (not read: unpack it first)")
    return None


class ZipReader:
    name = "zip"
    suffixes: tuple[str, ...] = (".zip",)

    def read_path(self, path: str, options: IngestOptions) -> Iterator[IngestItem]:
        try:
            zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile) as err:
            raise IngestError(path, f"not a readable zip archive: {err}") from None
        budget = _Budget(path, options)
        with zf:
            for info in zf.infolist():
                if info.is_dir() or _skipped(info.filename):
                    continue
                where = f"{path}!{info.filename}"
                problem = _member(where, info.filename) or budget.check_member(where, info.file_size)
                if problem:
                    yield problem
                    continue
                if stop := budget.exhausted(info.file_size):
                    yield stop
                    return
                if info.flag_bits & 0x1:
                    yield IngestError(where, "encrypted member")
                    continue
                try:
                    with zf.open(info) as fh:
                        data = budget.read(where, fh)
                except IngestError as err:
                    yield err
                    continue
                except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as err:
                    yield IngestError(where, f"cannot unpack: {err}")
                    continue
                yield from read_bytes(where, data, options)


class TarReader:
    name = "tar"
    suffixes: tuple[str, ...] = (".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tar.xz")

    def read_path(self, path: str, options: IngestOptions) -> Iterator[IngestItem]:
        budget = _Budget(path, options)
        try:
            tf = tarfile.open(path, mode="r:*")
        except (tarfile.TarError, OSError, EOFError) as err:
            raise IngestError(path, f"not a readable tar archive: {err}") from None
        with tf:
            try:
                yield from self._members(path, tf, budget, options)
            except (tarfile.TarError, EOFError, OSError) as err:
                yield IngestError(path, f"archive is corrupt or truncated: {err}")

    def _members(
        self, path: str, tf: tarfile.TarFile, budget: _Budget, options: IngestOptions
    ) -> Iterator[IngestItem]:
        while (info := tf.next()) is not None:
            if info.isdir() or _skipped(info.name):
                continue
            where = f"{path}!{info.name}"
            if not info.isfile():
                yield IngestError(where, "link or special file (not read)")
                continue
            # Moving past a member unpacks it, so the archive budget counts skipped members too.
            if stop := budget.exhausted(info.size):
                yield stop
                return
            problem = _member(where, info.name) or budget.check_member(where, info.size)
            if problem:
                budget.left -= info.size
                yield problem
                continue
            fh = tf.extractfile(info)
            if fh is None:
                continue
            try:
                data = budget.read(where, fh)
            except IngestError as err:
                yield err
                continue
            yield from read_bytes(where, data, options)


def _warc_documents(where: str, data: bytes, uri: str | None, date: str | None, mime: str,
                    options: IngestOptions) -> Iterator[IngestItem]:
    extension = ".html" if mime in HTML_TYPES else ".txt"
    for item in read_bytes(where, data, options, extension=extension):
        if isinstance(item, RawDocument):
            item.url = uri or item.url
            item.source = item.source or domain_of(uri)
            if not item.published and date:
                item.published, item.published_origin = date, "header"
            item.format = "warc"
        yield item


class WarcReader:
    name = "warc"
    suffixes: tuple[str, ...] = (".warc", ".warc.gz")

    def read_path(self, path: str, options: IngestOptions) -> Iterator[IngestItem]:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        budget = _Budget(path, options)
        found = False
        with open(path, "rb") as fh:
            try:
                for number, record in enumerate(ArchiveIterator(fh), start=1):
                    where = f"{path}!{number}"
                    item = self._record(where, record)
                    if item is None:
                        continue
                    found = True
                    if isinstance(item, IngestError):
                        yield item
                        continue
                    uri, date, mime, stream = item
                    if stop := budget.exhausted(1):  # nothing left at all
                        yield stop
                        return
                    try:
                        data = budget.read(where, stream)
                    except IngestError as err:
                        yield err
                        continue
                    yield from _warc_documents(where, data, uri, date, mime, options)
            except ArchiveLoadFailed as err:
                yield IngestError(path, f"not a readable WARC file: {err}")
                return
        if not found:
            yield IngestError(path, "no HTML or text responses in this WARC file")

    @staticmethod
    def _record(where: str, record: object) -> tuple[str | None, str | None, str, IO[bytes]] | IngestError | None:
        rec_type = getattr(record, "rec_type", None)
        if rec_type not in ("response", "resource"):
            return None
        headers = record.rec_headers  # type: ignore[attr-defined]
        http = getattr(record, "http_headers", None)
        if rec_type == "response":
            if http is None:
                return None
            status = http.get_statuscode()
            if status != "200":
                return None
            content_type = http.get_header("Content-Type")
        else:
            content_type = headers.get_header("Content-Type")
        mime = (content_type or "").split(";")[0].strip().lower()
        if mime not in HTML_TYPES and mime not in TEXT_TYPES:
            return None
        uri = headers.get_header("WARC-Target-URI")
        date = headers.get_header("WARC-Date")
        return uri, date, mime, record.content_stream()  # type: ignore[attr-defined]


register_container(ZipReader())
register_container(TarReader())
register_container(WarcReader())
