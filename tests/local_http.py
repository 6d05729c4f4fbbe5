"""A tiny threaded HTTP server on 127.0.0.1 for fetch, feed and watch tests (no network)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = (
    "<html lang='en'><head><title>Flood closes the river road</title></head><body><article>"
    "<h1>Flood closes the river road</h1>"
    "<p>Heavy rain on Tuesday pushed the river over its banks near the old mill, and the county closed "
    "the river road for the rest of the week while engineers inspect the bridge supports.</p>"
    "<p>Residents of the lower town were asked to move cars to higher ground; the school stayed open and "
    "buses took the long way round through the northern villages.</p></article></body></html>"
)

Route = Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes] | None]


class Server:
    def __init__(self, httpd: ThreadingHTTPServer) -> None:
        self.httpd = httpd
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.requests: list[dict[str, str]] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve() -> Iterator[Server]:
    server: Server

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:  # noqa: N802
            server.hits[self.path] = server.hits.get(self.path, 0) + 1
            server.requests.append({"path": self.path, **{k.lower(): v for k, v in self.headers.items()}})
            route = server.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            answer = route(self)
            if answer is None:  # the route wrote the response itself
                return
            status, headers, body = answer
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server = Server(httpd)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()


def html(body: str = ARTICLE, status: int = 200, **headers: str) -> Route:
    return lambda _h: (status, {"Content-Type": "text/html; charset=utf-8", **headers}, body.encode())
