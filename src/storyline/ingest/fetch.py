"""A careful HTTP(S) client for ``storyline ingest URL`` and ``storyline watch FEED``.

Every request goes through the same checks:

- **Addresses**: the host name is resolved, every address is checked, and the connection is made to the
  checked address (the ``Host`` header and TLS SNI/certificate check use the name), so a DNS answer that
  changes between check and connect (DNS rebinding) cannot lead elsewhere. Loopback, private, link-local,
  shared (CGNAT), multicast, reserved and unspecified addresses, IPv4 and IPv6, including IPv4-mapped
  IPv6, are refused unless ``allow_private`` is set. Redirects are followed by our own loop (at most
  ``max_redirects``), and every hop is resolved and checked again.
- **Time**: a connect/read timeout per socket operation and a total deadline per fetch (redirects and
  retries included); a server that accepts and never answers fails after ``timeout`` seconds.
- **Size**: ``max_bytes`` caps the body as received and again after ``gzip``/``deflate`` decoding (done
  here, in bounded steps, so a gzip bomb is stopped after ``max_bytes`` of output). Other encodings are
  not requested and are refused.
- **Type**: only HTML, XHTML, plain text, RSS/Atom/XML and JSON are read (a missing type is let through
  and left to content sniffing).
- **Retries**: connection failures, HTTP 429 and 5xx are retried ``retries`` times with exponential
  backoff, honouring ``Retry-After`` up to ``max_retry_after`` seconds. A read timeout is not retried.
- **Identity**: an honest ``User-Agent`` naming storyline, its version and its home page.

Failures raise :class:`~storyline.errors.IngestError` naming the URL and the reason.
"""

from __future__ import annotations

import email.utils
import ipaddress
import logging
import socket
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from storyline import __version__
from storyline.errors import IngestError

log = logging.getLogger(__name__)

USER_AGENT = f"storyline/{__version__} (+https://github.com/storyline-news/storyline; news story engine)"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
RETRY_CODES = frozenset({429, 500, 502, 503, 504})
CHUNK = 64 * 1024

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
JSON_TYPES = frozenset({"application/json"})
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/x-rss+xml",
    "application/xml", "text/xml",
})
ALLOWED_TYPES = HTML_TYPES | TEXT_TYPES | JSON_TYPES | FEED_TYPES

Resolver = Callable[[str, int], list[str]]


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6), in the system's order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True)
class FetchOptions:
    """Limits and switches of :class:`Fetcher` (all times in seconds)."""

    allow_private: bool = False
    timeout: float = 10.0
    total_timeout: float = 60.0
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 30.0
    user_agent: str = USER_AGENT
    resolver: Resolver = field(default=system_resolver, compare=False)


@dataclass
class FetchResult:
    """A response: ``url`` is the final URL after redirects; ``body`` is decoded (no gzip) and capped."""

    url: str
    status: int
    content_type: str | None
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def is_url(text: str) -> bool:
    """Whether a command-line input is an ``http://`` or ``https://`` URL rather than a path."""
    return text[:8].lower().startswith(("http://", "https://"))


def address_refusal(ip: str) -> str | None:
    """Why a connection to ``ip`` is refused without ``allow_private`` (None: a global address)."""
    try:
        addr: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(addr, ipaddress.IPv6Address):
        mapped = addr.ipv4_mapped or addr.sixtofour
        if mapped is not None:
            addr = mapped
    for test, label in (
        (addr.is_unspecified, "unspecified"),
        (addr.is_loopback, "loopback"),
        (addr.is_link_local, "link-local"),
        (addr.is_multicast, "multicast"),
        (addr.is_reserved, "reserved"),
        (addr.is_private, "private"),
    ):
        if test:
            return f"{label} address"
    if not addr.is_global:
        return "non-public address"
    return None


class _Body:
    """Accumulates a response body, decoding gzip/deflate in bounded steps, refusing past ``limit``."""

    def __init__(self, url: str, encoding: str, limit: int) -> None:
        self.url, self.limit = url, limit
        self.encoding = encoding
        self.raw = 0
        self.out = bytearray()
        self._raw_deflate_tried = False
        if encoding in ("", "identity"):
            self._zlib: zlib._Decompress | None = None
        elif encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise IngestError(url, f"unsupported Content-Encoding {encoding!r}")

    def _too_large(self, what: str) -> IngestError:
        return IngestError(self.url, f"response too large ({what} more than {self.limit} bytes)")

    def feed(self, chunk: bytes) -> None:
        self.raw += len(chunk)
        if self.raw > self.limit:
            raise self._too_large("body")
        if self._zlib is None:
            self.out += chunk
            return
        try:
            piece = self._zlib.decompress(chunk, self.limit - len(self.out) + 1)
        except zlib.error as err:
            if self.encoding == "deflate" and not self.out and not self._raw_deflate_tried:
                self._raw_deflate_tried = True  # servers that send raw deflate without the zlib wrapper
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                self.raw -= len(chunk)
                self.feed(chunk)
                return
            raise IngestError(self.url, f"corrupt {self.encoding} body: {err}") from None
        self.out += piece
        if len(self.out) > self.limit:
            raise self._too_large(f"{self.encoding}-decoded body")

    def finish(self) -> bytes:
        if self._zlib is not None:
            self.out += self._zlib.flush()
            if len(self.out) > self.limit:
                raise self._too_large(f"{self.encoding}-decoded body")
        return bytes(self.out)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _mime(content_type: str | None) -> tuple[str | None, str | None]:
    """``text/html; charset=UTF-8`` -> (``text/html``, ``UTF-8``)."""
    if not content_type:
        return None, None
    parts = [p.strip() for p in content_type.split(";")]
    charset = None
    for param in parts[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return parts[0].lower() or None, charset


@dataclass
class _Failure:
    """One attempt failed in a way worth retrying: why, and the server's ``Retry-After`` if any."""

    reason: str
    delay: float | None = None


class Fetcher:
    """Fetches URLs under :class:`FetchOptions`; reusable and cheap (one connection per request)."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()

    # -- public -------------------------------------------------------------------------------------
    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url`` (conditionally when ``etag``/``last_modified`` are given: a 304 comes back as a
        result with :attr:`FetchResult.not_modified`). Raises :class:`IngestError`."""
        opts = self.options
        deadline = time.monotonic() + opts.total_timeout
        headers = {"User-Agent": opts.user_agent, "Accept-Encoding": "gzip, deflate",
                   "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
                             "application/xml;q=0.9, text/plain;q=0.8, application/json;q=0.8"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(opts.max_redirects + 1):
            pool, resp = self._response(url, current, headers, deadline)
            try:
                if resp.status not in REDIRECT_CODES:
                    return self._result(url, current, resp, deadline)
                location = resp.headers.get("Location")
                if not location:
                    raise IngestError(url, f"HTTP {resp.status} redirect without a Location header")
                current = urljoin(current, location.strip())
                log.debug("%s: redirected to %s", url, current)
            finally:
                resp.release_conn()
                pool.close()
        raise IngestError(url, f"too many redirects (more than {opts.max_redirects})")

    # -- one hop, with retries ------------------------------------------------------------------------
    def _response(
        self, url: str, current: str, headers: dict[str, str], deadline: float
    ) -> tuple[urllib3.HTTPConnectionPool, urllib3.BaseHTTPResponse]:
        opts = self.options
        attempt = 0
        while True:
            outcome = self._attempt(url, current, headers, deadline)
            if not isinstance(outcome, _Failure):
                pool, resp = outcome
                if resp.status not in RETRY_CODES:
                    return pool, resp
                outcome = _Failure(f"HTTP {resp.status}", _retry_after(resp.headers.get("Retry-After")))
                resp.release_conn()
                pool.close()
            if attempt >= opts.retries:
                tries = f" after {attempt + 1} attempts" if attempt else ""
                raise IngestError(url, f"{outcome.reason}{tries}")
            delay = opts.backoff * (2**attempt)
            if outcome.delay is not None:
                delay = max(delay, min(outcome.delay, opts.max_retry_after))
            if time.monotonic() + delay > deadline:
                raise IngestError(url, f"{outcome.reason}; no time left to retry "
                                       f"(total timeout {opts.total_timeout:g} s)")
            log.info("%s: %s, retrying in %.1f s", url, outcome.reason, delay)
            time.sleep(delay)
            attempt += 1

    def _attempt(
        self, url: str, current: str, headers: dict[str, str], deadline: float
    ) -> tuple[urllib3.HTTPConnectionPool, urllib3.BaseHTTPResponse] | _Failure:
        opts = self.options
        try:
            parts = urlsplit(current)
            port = parts.port
        except ValueError as err:
            raise IngestError(url, f"invalid URL {current!r}: {err}") from None
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise IngestError(url, f"unsupported URL scheme {scheme!r} in {current}")
        host = parts.hostname
        if not host:
            raise IngestError(url, f"no host name in {current}")
        default_port = 443 if scheme == "https" else 80
        port = port or default_port
        ip = self._checked_address(url, host, port)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise IngestError(url, f"took longer than the total timeout ({opts.total_timeout:g} s)")
        step = min(opts.timeout, remaining)
        timeout = urllib3.Timeout(connect=step, read=step)
        pool: urllib3.HTTPConnectionPool
        if scheme == "https":
            pool = urllib3.HTTPSConnectionPool(ip, port, timeout=timeout, retries=False, maxsize=1,
                                               server_hostname=host, assert_hostname=host,
                                               cert_reqs="CERT_REQUIRED")
        else:
            pool = urllib3.HTTPConnectionPool(ip, port, timeout=timeout, retries=False, maxsize=1)
        name = f"[{host}]" if ":" in host else host
        host_header = name if port == default_port else f"{name}:{port}"
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            resp = pool.urlopen("GET", target, headers={**headers, "Host": host_header}, redirect=False,
                                preload_content=False, decode_content=False, assert_same_host=False)
        except ReadTimeoutError:
            pool.close()
            raise IngestError(url, f"no response within {step:g} s (read timeout)") from None
        except SSLError as err:
            pool.close()
            raise IngestError(url, f"TLS error: {err}") from None
        except (NewConnectionError, ConnectTimeoutError) as err:
            pool.close()
            return _Failure(f"cannot connect to {host} ({ip}): {_short(err)}")
        except (ProtocolError, HTTPError) as err:
            pool.close()
            return _Failure(f"connection failed: {_short(err)}")
        return pool, resp

    def _checked_address(self, url: str, host: str, port: int) -> str:
        try:
            addresses = self.options.resolver(host, port)
        except (OSError, UnicodeError) as err:
            raise IngestError(url, f"cannot resolve host {host}: {_short(err)}") from None
        if not addresses:
            raise IngestError(url, f"cannot resolve host {host}: no addresses")
        if self.options.allow_private:
            return addresses[0]
        refusals = []
        for ip in addresses:
            reason = address_refusal(ip)
            if reason is None:
                return ip
            refusals.append(f"{reason} {ip}")
        raise IngestError(url, f"refused: {host} resolves to {', '.join(refusals)} "
                               "(use --allow-private to allow)")

    # -- body -----------------------------------------------------------------------------------------
    def _result(self, url: str, final: str, resp: urllib3.BaseHTTPResponse, deadline: float) -> FetchResult:
        opts = self.options
        mime, charset = _mime(resp.headers.get("Content-Type"))
        etag, modified = resp.headers.get("ETag"), resp.headers.get("Last-Modified")
        if resp.status == 304:
            return FetchResult(final, 304, mime, charset, b"", etag, modified)
        if not 200 <= resp.status < 300:
            reason = f" {resp.reason}" if resp.reason else ""
            raise IngestError(url, f"HTTP {resp.status}{reason}")
        if mime is not None and mime not in ALLOWED_TYPES:
            raise IngestError(url, f"unsupported content type {mime}")
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > opts.max_bytes:
            raise IngestError(url, f"response too large (Content-Length {declared} > {opts.max_bytes} bytes)")
        body = _Body(url, (resp.headers.get("Content-Encoding") or "").strip().lower(), opts.max_bytes)
        try:
            while True:
                if time.monotonic() > deadline:
                    raise IngestError(url, f"took longer than the total timeout ({opts.total_timeout:g} s)")
                chunk = resp.read(CHUNK, decode_content=False)
                if not chunk:
                    break
                body.feed(chunk)
        except ReadTimeoutError:
            raise IngestError(url, f"response stalled (no data for {opts.timeout:g} s)") from None
        except (ProtocolError, HTTPError) as err:
            raise IngestError(url, f"connection failed while reading the body: {_short(err)}") from None
        return FetchResult(final, resp.status, mime, charset, body.finish(), etag, modified)


def _short(err: BaseException) -> str:
    """The innermost useful message of a urllib3/socket error."""
    text = str(err)
    for marker in ("Failed to establish a new connection: ", "Caused by "):
        if marker in text:
            text = text.split(marker, 1)[1]
    return text.strip("()") or type(err).__name__
