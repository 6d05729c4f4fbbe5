"""Reader protocol and registry, folder walking, file checks, decoding and dispatch.

A *reader* turns one opened :class:`InputFile` into :class:`~storyline.model.RawDocument` objects.
Readers register themselves by format name and file extensions; :func:`read_file` checks a file (size,
binary content, encoding), picks the reader by extension or, for unknown extensions, by sniffing the
content, and yields documents or :class:`~storyline.errors.IngestError` objects, never raising for bad
input.
"""

from __future__ import annotations

import codecs
import io
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol, TypeAlias

import charset_normalizer

from storyline.errors import IngestError
from storyline.ingest import sniff
from storyline.ingest.fetch import DEFAULT_MAX_BYTES, FetchOptions, is_url
from storyline.model import RawDocument

log = logging.getLogger(__name__)

HEAD_BYTES = 64 * 1024
DEFAULT_MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024

IngestItem: TypeAlias = RawDocument | IngestError
PathInput: TypeAlias = str | os.PathLike[str]


@dataclass(frozen=True)
class IngestOptions:
    """Options for every reader: ``max_bytes`` caps one file, one archive member and one download;
    ``max_archive_bytes`` caps everything unpacked from one archive; ``text_column`` names the CSV column
    with the article text (None: auto-detect); ``fetch`` configures URLs and linked feed pages."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES
    text_column: str | None = None
    fetch: FetchOptions = field(default_factory=FetchOptions)


class Reader(Protocol):
    """Turns one input file into documents.

    ``name`` is the format name (stored in ``RawDocument.format`` and returned by content sniffing),
    ``extensions`` the lower-case file suffixes it handles (with the dot). A non-``streaming`` reader gets
    a file whose text has already been decoded and checked (non-empty, not binary) and reads it with
    :meth:`InputFile.read_text`; a ``streaming`` reader does its own emptiness checks and may use
    :meth:`InputFile.iter_text_lines` instead. ``read`` may yield :class:`IngestError` objects for bad
    records, or raise one for a bad file.
    """

    name: str
    extensions: tuple[str, ...]
    streaming: bool

    def read(self, src: InputFile) -> Iterator[IngestItem]: ...


class ContainerReader(Protocol):
    """Reads a whole file that holds many inputs (an archive), from its path, with its own size caps.

    ``suffixes`` are matched against the end of the lower-case file name (``.tar.gz``, ``.zip``); the file
    is not subject to the single-file size cap or the binary check. Errors are yielded or raised as
    :class:`IngestError`; members are named ``ARCHIVE!MEMBER``.
    """

    name: str
    suffixes: tuple[str, ...]

    def read_path(self, path: str, options: IngestOptions) -> Iterator[IngestItem]: ...


_BY_NAME: dict[str, Reader] = {}
_BY_EXTENSION: dict[str, Reader] = {}
_CONTAINERS: list[ContainerReader] = []


def register_reader(reader: Reader) -> Reader:
    """Add (or replace) a reader for its format name and extensions."""
    _BY_NAME[reader.name] = reader
    for ext in reader.extensions:
        _BY_EXTENSION[ext.lower()] = reader
    return reader


def register_container(reader: ContainerReader) -> ContainerReader:
    """Add a container (archive) reader; longer suffixes are tried first."""
    _CONTAINERS.append(reader)
    _CONTAINERS.sort(key=lambda r: -max(len(s) for s in r.suffixes))
    return reader


def container_for(path: str) -> ContainerReader | None:
    """The container reader whose suffix ends ``path`` (case-insensitive), if any."""
    lower = path.lower()
    for reader in _CONTAINERS:
        if lower.endswith(reader.suffixes):
            return reader
    return None


def reader_for_extension(ext: str) -> Reader | None:
    return _BY_EXTENSION.get(ext.lower())


def reader_for_format(name: str) -> Reader | None:
    return _BY_NAME.get(name)


def registered_extensions() -> list[str]:
    return sorted(_BY_EXTENSION)


# ---------------------------------------------------------------- helpers


def human_size(n: int) -> str:
    """``20 MB``, ``1.5 MB``, ``12 KB``, ``100 bytes`` (binary multiples)."""
    for unit, factor in (("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= factor:
            return f"{n / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def os_reason(err: OSError) -> str:
    """A short lower-case reason for an OS error (``no such file or directory``, ``permission denied``)."""
    if isinstance(err, FileNotFoundError):
        return "no such file or directory"
    if err.strerror:
        return err.strerror.lower()
    return str(err) or type(err).__name__


def decode_bytes(data: bytes, path: str) -> str:
    """Decode file content: BOM (UTF-8/16/32), BOM-less UTF-16, UTF-8 (strict, then lenient if nearly
    all of it is UTF-8), then charset-normalizer's guess.

    Raises :class:`IngestError` with ``not valid text: ...`` when nothing fits. A UTF-8 BOM is removed.
    """
    encoding = sniff.bom_encoding(data)
    candidates = [encoding] if encoding else []
    if encoding == "utf-32" and data.startswith(codecs.BOM_UTF16_LE):
        candidates.append("utf-16")  # FF FE 00 00 is also UTF-16-LE starting with U+0000
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except UnicodeDecodeError as err:
            log.debug("%s: BOM says %s but decoding failed (%s)", path, candidate, err)
    utf16 = sniff.utf16_without_bom(data[:HEAD_BYTES])  # before UTF-8: NUL bytes are valid UTF-8
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few stray bytes (truncated or spliced scrapes): keep it when valid multi-byte
    # characters far outnumber the bad bytes; a legacy 8-bit file almost never has valid UTF-8 sequences.
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    non_ascii = len(lenient) - len(lenient.encode("ascii", errors="ignore"))
    if non_ascii - bad >= 10 * bad:
        log.debug("%s: UTF-8 with %d undecodable bytes replaced", path, bad)
        return lenient
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding:
        log.debug("%s: decoded as %s", path, best.encoding)
        return str(best)
    raise IngestError(path, "not valid text: could not decode as UTF-8, UTF-16 or any detected encoding")


# ---------------------------------------------------------------- input file


class InputFile:
    """One opened input file: its display path, the first :data:`HEAD_BYTES` and lazy full content.

    Each byte is read from disk once: :meth:`read_text` reads the rest after the head and caches the
    decoded text; :meth:`iter_text_lines` streams the rest line by line when the content is UTF-8.
    """

    def __init__(
        self, path: str, fh: BinaryIO, size: int, options: IngestOptions | None = None, *, extension: str | None = None
    ) -> None:
        self.path = path
        self.size = size
        self.options = options or IngestOptions()
        self.extension = (os.path.splitext(path)[1] if extension is None else extension).lower()
        self._fh = fh
        self.head = fh.read(HEAD_BYTES)
        self._consumed = len(self.head) < HEAD_BYTES
        self._text: str | None = None

    @property
    def decoded(self) -> bool:
        """Whether the whole text has been read and decoded already."""
        return self._text is not None

    def _read_all(self) -> bytes:
        if self._consumed:
            return self.head
        self._consumed = True
        rest = self._fh.read()
        return self.head + rest if rest else self.head

    def read_bytes(self) -> bytes:
        """The whole raw content (for readers that decode it themselves); call once, instead of the
        text methods."""
        return self._read_all()

    def read_text(self) -> str:
        """The whole decoded text (cached); raises :class:`IngestError` if undecodable, binary or empty."""
        if self._text is None:
            text = decode_bytes(self._read_all(), self.path)
            if sniff.text_looks_binary(text):
                raise IngestError(self.path, "binary file")
            if not text.strip():
                raise IngestError(self.path, "empty file")
            self._text = text
        return self._text

    def iter_text_lines(self) -> Iterator[tuple[int, str | None]]:
        """``(line_number, text)`` pairs, 1-based; ``text`` is None for a line that is not valid UTF-8.

        Streams from disk when the head decodes as UTF-8 (the JSON Lines case); otherwise decodes the whole
        file with :meth:`read_text` (which may raise) and splits it.
        """
        if self._text is None and self._head_is_utf8():
            yield from self._stream_lines()
            return
        for number, line in enumerate(self.read_text().split("\n"), start=1):
            yield number, line.rstrip("\r")

    def _head_is_utf8(self) -> bool:
        encoding = sniff.bom_encoding(self.head)
        if encoding not in (None, "utf-8-sig") or (encoding is None and sniff.utf16_without_bom(self.head)):
            return False
        try:
            codecs.getincrementaldecoder("utf-8")().decode(self.head, final=self._consumed)
        except UnicodeDecodeError:
            return False
        return True

    def _raw_lines(self) -> Iterator[bytes]:
        lines = self.head.split(b"\n")
        tail = lines.pop()
        yield from lines
        if not self._consumed:
            self._consumed = True
            for raw in self._fh:
                yield tail + raw if tail else raw
                tail = b""
        if tail:
            yield tail

    def _stream_lines(self) -> Iterator[tuple[int, str | None]]:
        for number, raw in enumerate(self._raw_lines(), start=1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                line: str | None = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                line = None
            yield number, line


# ---------------------------------------------------------------- walking


def _as_path_list(paths: Iterable[PathInput] | PathInput) -> Iterable[PathInput]:
    if isinstance(paths, (str, os.PathLike)):
        return [paths]
    return paths


def iter_input_files(paths: Iterable[PathInput]) -> Iterator[tuple[str, int] | IngestError]:
    """``(display_path, size)`` for every regular file the paths name, folders walked recursively.

    Folders are walked in sorted name order, hidden entries (names starting with ``.``) skipped, symlinks
    followed (with loop protection). Missing or unreadable paths come out as :class:`IngestError`.
    """
    for given in _as_path_list(paths):
        path = os.fspath(given)
        try:
            st = os.stat(path)
        except OSError as err:
            yield IngestError(path, os_reason(err))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk_dir(path, {(st.st_dev, st.st_ino)})
        elif stat.S_ISREG(st.st_mode):
            yield path, st.st_size
        else:
            yield IngestError(path, "not a regular file or directory")


def _walk_dir(path: str, ancestors: set[tuple[int, int]]) -> Iterator[tuple[str, int] | IngestError]:
    try:
        with os.scandir(path) as it:
            names = sorted(entry.name for entry in it if not entry.name.startswith("."))
    except OSError as err:
        yield IngestError(path, os_reason(err))
        return
    for name in names:
        child = os.path.join(path, name)
        try:
            st = os.stat(child)
        except OSError as err:
            yield IngestError(child, os_reason(err))
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                log.warning("%s: skipping symlink loop", child)
                continue
            ancestors.add(key)
            yield from _walk_dir(child, ancestors)
            ancestors.discard(key)
        elif stat.S_ISREG(st.st_mode):
            yield child, st.st_size
        else:
            log.debug("%s: skipping special file", child)


def count_inputs(paths: Iterable[PathInput]) -> int:
    """How many files :func:`iter_documents` will read (for a progress bar): walks folders, reads nothing.

    Missing paths are not counted; a URL counts as one input. Pass a list, not a one-shot iterator, if you
    want to read it again.
    """
    paths = list(_as_path_list(paths))
    urls = [p for p in paths if isinstance(p, str) and is_url(p)]
    files = [p for p in paths if not (isinstance(p, str) and is_url(p))]
    return len(urls) + sum(1 for item in iter_input_files(files) if not isinstance(item, IngestError))


# ---------------------------------------------------------------- dispatch


def iter_documents(
    paths: Iterable[PathInput] | PathInput,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    options: IngestOptions | None = None,
) -> Iterator[IngestItem]:
    """Documents from files, folders and ``http(s)://`` URLs (pages or feeds), with an
    :class:`IngestError` (yielded, not raised) per bad input. ``options`` wins over ``max_bytes``."""
    opts = options or IngestOptions(max_bytes=max_bytes)
    for given in _as_path_list(paths):
        if isinstance(given, str) and is_url(given):
            from storyline.ingest.urls import read_url  # deferred: urls imports this module

            yield from read_url(given, opts)
            continue
        for item in iter_input_files([given]):
            if isinstance(item, IngestError):
                yield item
            else:
                path, size = item
                yield from read_file(path, size=size, options=opts)


def _guarded(display: str, items: Iterator[IngestItem]) -> Iterator[IngestItem]:
    """Yield from a reader, turning what it raises into a yielded :class:`IngestError`."""
    try:
        yield from items
    except IngestError as err:
        yield err
    except OSError as err:
        yield IngestError(display, os_reason(err))
    except Exception as err:  # a reader bug or a library crash must not stop the whole run
        log.exception("%s: reader failed", display)
        yield IngestError(display, f"reader failed: {type(err).__name__}: {err}")


def read_bytes(
    path: str, data: bytes, options: IngestOptions | None = None, *, extension: str | None = None
) -> Iterator[IngestItem]:
    """Documents from content already in memory (an archive member, a download); ``path`` names it and
    its extension (or ``extension``) picks the reader, else content sniffing. Errors are yielded."""
    opts = options or IngestOptions()
    if not data:
        yield IngestError(path, "empty file")
        return
    if len(data) > opts.max_bytes:
        yield IngestError(path, f"file too large ({human_size(len(data))} > {human_size(opts.max_bytes)})")
        return
    yield from _guarded(path, _dispatch(path, io.BytesIO(data), len(data), opts, extension))


def read_file(
    path: PathInput,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    size: int | None = None,
    options: IngestOptions | None = None,
) -> Iterator[IngestItem]:
    """Documents from one file (``path`` is also the display path); errors are yielded, not raised.
    Archives (see :func:`register_container`) are read member by member under their own caps."""
    display = os.fspath(path)
    opts = options or IngestOptions(max_bytes=max_bytes)
    max_bytes = opts.max_bytes
    container = container_for(display)
    if container is not None:
        yield from _guarded(display, container.read_path(display, opts))
        return
    if size is None:
        try:
            size = os.stat(display).st_size
        except OSError as err:
            yield IngestError(display, os_reason(err))
            return
    if size > max_bytes:
        yield IngestError(display, f"file too large ({human_size(size)} > {human_size(max_bytes)})")
        return
    if size == 0:
        yield IngestError(display, "empty file")
        return
    try:
        fh = open(display, "rb")
    except OSError as err:
        yield IngestError(display, os_reason(err))
        return
    with fh:
        yield from _guarded(display, _dispatch(display, fh, size, opts))


def _dispatch(
    path: str, fh: BinaryIO, size: int, options: IngestOptions, extension: str | None = None
) -> Iterator[IngestItem]:
    src = InputFile(path, fh, size, options, extension=extension)
    if extension is None and container_for(path) is not None:
        raise IngestError(path, "archive inside an archive (not read: unpack it first)")
    reader = reader_for_extension(src.extension)
    if sniff.looks_binary(src.head):
        if reader is None:
            label = src.extension or "no extension"
            raise IngestError(path, f"unsupported file type ({label}, binary content)")
        raise IngestError(path, "binary file")
    if reader is None:
        fmt = sniff.sniff_format(src.read_text())
        reader = reader_for_format(fmt)
        if reader is None:
            raise IngestError(path, f"unsupported file type ({src.extension or 'no extension'})")
        log.debug("%s: sniffed as %s", path, fmt)
    elif not reader.streaming:
        src.read_text()
    yield from reader.read(src)
