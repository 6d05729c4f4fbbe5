"""Content sniffing: is it binary, which Unicode BOM does it carry, and which format is it.

These functions look at bytes or text only; they never touch the file system. They are used for files
whose extension names no reader, and for the binary check that every file goes through.
"""

from __future__ import annotations

import codecs
import json
import re

__all__ = [
    "bom_encoding",
    "looks_binary",
    "sniff_format",
    "text_looks_binary",
    "utf16_without_bom",
]

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Magic numbers of common binary formats that may slip past the NUL/control-character test.
_MAGIC: tuple[bytes, ...] = (
    b"%PDF-",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
)

# Control characters that do not occur in text (tab, LF, VT, FF, CR and ESC do).
_BINARY_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_BINARY_CONTROL_CHARS = frozenset(chr(b) for b in _BINARY_CONTROLS)
_CONTROL_SHARE = 0.05
_SAMPLE = 8192

_HTML_START = ("<!doctype html", "<html")
_HTML_TAG = re.compile(r"<(?:body|p)(?:\s[^<>]*)?>", re.IGNORECASE)


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a leading byte-order mark (``utf-8-sig``, ``utf-16``, ``utf-32``), if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """Recognise mostly-Latin UTF-16 without a BOM by where its NUL bytes fall (every other byte)."""
    sample = head[:_SAMPLE]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.3 and zeros_even < 0.02:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.02:
        return "utf-16-be"
    return None


def looks_binary(head: bytes) -> bool:
    """True if the first bytes of a file look like binary data rather than text in some encoding.

    Files with a UTF-16/32 BOM (or NUL-patterned like BOM-less UTF-16) are not judged here: they are
    full of NUL bytes by design and are checked after decoding with :func:`text_looks_binary`.
    """
    if not head:
        return False
    encoding = bom_encoding(head)
    if encoding in ("utf-16", "utf-32") or (encoding is None and utf16_without_bom(head)):
        return False
    if head.startswith(_MAGIC) or b"\x00" in head:
        return True
    sample = head[:_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROLS))
    return controls / len(sample) > _CONTROL_SHARE


def text_looks_binary(text: str) -> bool:
    """The same test on decoded text: NUL characters or a high share of control characters."""
    sample = text[:_SAMPLE]
    if not sample:
        return False
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ch in _BINARY_CONTROL_CHARS)
    return controls / len(sample) > _CONTROL_SHARE


def _looks_like_json_lines(text: str) -> bool:
    """Every non-empty line looks like a JSON object and the first one parses as one.

    Lines are only checked for their braces (not parsed) so that one malformed record in a big file does
    not turn the whole file into a plain-text document; the JSON Lines reader reports that line instead.
    """
    first: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not (stripped.startswith("{") and stripped.endswith("}")):
            return False
        if first is None:
            first = stripped
    if first is None:
        return False
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def sniff_format(text: str) -> str:
    """Guess the format of decoded text: ``"html"``, ``"json"``, ``"jsonl"`` or ``"txt"``.

    Order: an HTML document start wins; then JSON (a whole object or array), then JSON Lines; then HTML
    again if ``<body>`` or ``<p>`` tags appear anywhere in the first 64 KiB (checked after JSON so that
    JSON records carrying HTML markup stay JSON); anything else is plain text.
    """
    stripped = text.lstrip("\ufeff \t\r\n")
    beginning = stripped[:256].lower()
    if beginning.startswith(_HTML_START) or (beginning.startswith("<?xml") and "<html" in beginning):
        return "html"
    if stripped[:1] in ("{", "["):
        try:
            value = json.loads(stripped)
        except ValueError:
            value = None
        if isinstance(value, (dict, list)):
            return "json"
        if _looks_like_json_lines(stripped):
            return "jsonl"
    if _HTML_TAG.search(stripped, 0, 65536):
        return "html"
    return "txt"
