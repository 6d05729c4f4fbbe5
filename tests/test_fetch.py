"""The HTTP client: address checks, redirects, limits, retries, timeouts; only a local server is used."""

from __future__ import annotations

import gzip
import time

import pytest
from click.testing import CliRunner

from local_http import ARTICLE, html, serve
from storyline.cli import cli
from storyline.errors import IngestError
from storyline.ingest import IngestOptions, iter_documents
from storyline.ingest import fetch as fetch_module
from storyline.ingest.fetch import USER_AGENT, Fetcher, FetchOptions, address_refusal, is_url
from storyline.model import RawDocument


def local(**kw) -> Fetcher:
    kw.setdefault("allow_private", True)
    kw.setdefault("timeout", 2.0)
    kw.setdefault("backoff", 0.01)
    return Fetcher(FetchOptions(**kw))


@pytest.fixture()
def server():
    with serve() as s:
        yield s


@pytest.mark.parametrize("ip, label", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.7", "private"),
    ("172.16.5.5", "private"), ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"), ("0.0.0.0", "unspecified"),
    ("224.0.0.1", "multicast"), ("100.64.0.1", "address"), ("fd00::1", "private"), ("240.0.0.1", "reserved"),
])
def test_non_public_addresses_are_refused(ip, label):
    reason = address_refusal(ip)
    assert reason is not None and label in reason


@pytest.mark.parametrize("ip", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"])
def test_public_addresses_pass(ip):
    assert address_refusal(ip) is None


def test_is_url():
    assert is_url("https://example.com/a") and is_url("HTTP://x")
    assert not is_url("news/http.txt") and not is_url("ftp://x")


def test_page_fetched_with_honest_user_agent_and_name_in_host_header(server):
    server.routes["/page"] = html()
    resolved = []

    def resolver(host, port):
        resolved.append(host)
        return ["127.0.0.1"]

    result = local(resolver=resolver).fetch(f"http://news.test:{server.port}/page")
    assert result.status == 200 and b"river road" in result.body and result.content_type == "text/html"
    assert resolved == ["news.test"]
    req = server.requests[-1]
    # connected to the checked address, with the name in the Host header
    assert req["host"] == f"news.test:{server.port}" and req["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("storyline/") and "+https://" in USER_AGENT


def test_loopback_refused_without_allow_private(server):
    server.routes["/page"] = html()
    with pytest.raises(IngestError, match="loopback address 127.0.0.1.*--allow-private"):
        Fetcher(FetchOptions()).fetch(server.url("/page"))
    assert "/page" not in server.hits  # refused before connecting


def test_redirect_to_private_address_refused_after_the_hop(server, monkeypatch):
    real = address_refusal
    monkeypatch.setattr(fetch_module, "address_refusal", lambda ip: None if ip == "127.0.0.1" else real(ip))
    server.routes["/go"] = lambda h: (302, {"Location": f"http://intranet.test:{server.port}/page"}, b"")
    server.routes["/page"] = html()
    hosts = {"public.test": ["127.0.0.1"], "intranet.test": ["10.0.0.5"]}
    fetcher = Fetcher(FetchOptions(resolver=lambda host, port: hosts[host], timeout=2))
    with pytest.raises(IngestError) as info:
        fetcher.fetch(f"http://public.test:{server.port}/go")
    assert "intranet.test resolves to private address 10.0.0.5" in info.value.reason
    assert server.hits == {"/go": 1}


def test_redirect_chain_followed_and_limit_enforced(server):
    def hop(target):
        return lambda h: (301, {"Location": target}, b"")
    for n in range(1, 4):
        server.routes[f"/r{n}"] = hop(f"/r{n - 1}" if n > 1 else "/page")
    server.routes["/page"] = html()
    server.routes["/loop"] = lambda h: (302, {"Location": "/loop"}, b"")
    result = local().fetch(server.url("/r3"))
    assert result.url == server.url("/page") and result.status == 200
    with pytest.raises(IngestError, match=r"too many redirects \(more than 5\)"):
        local().fetch(server.url("/loop"))
    assert server.hits["/loop"] == 6
    with pytest.raises(IngestError, match="too many redirects"):
        local(max_redirects=2).fetch(server.url("/r3"))


def test_oversize_body_refused_while_streaming(server):
    def big(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/plain")
        h.end_headers()  # no Content-Length: the cap must act while reading
        for _ in range(50):
            h.wfile.write(b"x" * 10_000)
    server.routes["/big"] = big
    server.routes["/declared"] = lambda h: (200, {"Content-Type": "text/plain", "Content-Length": "999999"}, b"")
    with pytest.raises(IngestError, match="response too large"):
        local(max_bytes=100_000).fetch(server.url("/big"))
    with pytest.raises(IngestError, match="Content-Length 999999"):
        local(max_bytes=100_000).fetch(server.url("/declared"))


def test_gzip_bomb_stopped_at_the_cap(server):
    bomb = gzip.compress(b"<p>" + b"a" * 20_000_000, compresslevel=9)
    assert len(bomb) < 50_000
    server.routes["/bomb"] = lambda h: (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, bomb)
    small = gzip.compress(ARTICLE.encode())
    server.routes["/gz"] = lambda h: (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, small)
    with pytest.raises(IngestError, match="gzip-decoded body more than 1000000 bytes"):
        local(max_bytes=1_000_000).fetch(server.url("/bomb"))
    assert local().fetch(server.url("/gz")).body == ARTICLE.encode()


def test_wrong_content_type_refused(server):
    server.routes["/img"] = lambda h: (200, {"Content-Type": "image/png"}, b"\x89PNG....")
    with pytest.raises(IngestError, match="unsupported content type image/png"):
        local().fetch(server.url("/img"))


def test_url_that_never_answers_times_out_quickly(server):
    def hang(h):
        time.sleep(3)
        return 200, {"Content-Type": "text/html"}, b"late"
    server.routes["/hang"] = hang
    start = time.monotonic()
    with pytest.raises(IngestError, match=r"no response within 0.5 s"):
        local(timeout=0.5).fetch(server.url("/hang"))
    assert time.monotonic() - start < 2.5
    assert server.hits["/hang"] == 1  # a read timeout is not retried


def test_503_then_200_is_retried_and_persistent_503_reported(server):
    def flaky(h):
        if server.hits["/flaky"] == 1:
            return 503, {"Retry-After": "0", "Content-Type": "text/html"}, b"busy"
        return 200, {"Content-Type": "text/html"}, ARTICLE.encode()
    server.routes["/flaky"] = flaky
    server.routes["/down"] = lambda h: (503, {"Content-Type": "text/html"}, b"down")
    assert local().fetch(server.url("/flaky")).status == 200 and server.hits["/flaky"] == 2
    with pytest.raises(IngestError, match="HTTP 503 after 3 attempts"):
        local(retries=2).fetch(server.url("/down"))
    assert server.hits["/down"] == 3


def test_connection_refused_is_retried_then_reported():
    with serve() as s:
        url = s.url("/page")
    with pytest.raises(IngestError, match="cannot connect to 127.0.0.1.*after 2 attempts"):
        local(retries=1).fetch(url)


def test_conditional_request_gives_not_modified(server):
    def cond(h):
        if h.headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        modified = "Mon, 01 Jan 2024 00:00:00 GMT"
        return 200, {"Content-Type": "text/html", "ETag": '"v1"', "Last-Modified": modified}, b"x"
    server.routes["/c"] = cond
    first = local().fetch(server.url("/c"))
    assert first.etag == '"v1"' and first.last_modified
    again = local().fetch(server.url("/c"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and server.requests[-1]["if-modified-since"] == first.last_modified


def test_url_inputs_through_the_readers_and_the_cli(server, tmp_path):
    server.routes["/page"] = html()
    server.routes["/broken.html"] = html("<html><body><div><p>Storm <b>warning for the <i>coast" + " and" * 40
                                         + " the harbour</div></table></p>")
    server.routes["/img"] = lambda h: (200, {"Content-Type": "image/png"}, b"\x89PNG")
    opts = IngestOptions(fetch=FetchOptions(allow_private=True, timeout=2, backoff=0.01))
    items = list(iter_documents([server.url("/page"), server.url("/img")], options=opts))
    assert isinstance(items[0], RawDocument) and items[0].url == server.url("/page")
    assert items[0].source == "127.0.0.1" and items[0].title == "Flood closes the river road"
    assert isinstance(items[1], IngestError) and items[1].path == server.url("/img")

    good = tmp_path / "good.txt"
    good.write_text("Title: Bridge reopens\n\nThe bridge over the river reopened on Friday after repairs "
                    "that took three weeks, the county said.\n", encoding="utf-8")
    db = str(tmp_path / "t.db")
    r = CliRunner().invoke(cli, ["--db", db, "ingest", "--allow-private", "--timeout", "0.5",
                                 server.url("/page"), server.url("/img"), server.url("/broken.html"),
                                 str(good)])
    assert r.exit_code == 1, r.output
    assert f"error: {server.url('/img')}: unsupported content type image/png" in r.output
    assert "ingested 3 new articles" in r.output
    refused = CliRunner().invoke(cli, ["--db", db, "ingest", server.url("/page")])
    assert refused.exit_code == 1 and "loopback address" in refused.output
