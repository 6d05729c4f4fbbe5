"""The FastAPI application: REST API under ``/api/v1``, pages at ``/``, static files at ``/static``.

``create_app(db, token=...)`` builds it; ``app_from_env()`` is the factory uvicorn imports in each worker
process when ``storyline serve --workers N`` runs more than one (settings come from the environment).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline import __version__
from storyline.api import errors
from storyline.api.routes import router as api_router
from storyline.api.state import Database, Settings
from storyline.pipeline import Pipeline
from storyline.web.pages import render_error
from storyline.web.pages import router as pages_router
from storyline.web.render import environment

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
ENV_DB, ENV_TOKEN, ENV_READ_ONLY = "STORYLINE_DB", "STORYLINE_TOKEN", "STORYLINE_SERVE_READ_ONLY"
ENV_CACHE = "STORYLINE_SERVE_CACHE"


class SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every response (pure ASGI: no per-request task)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class DropEmptyParams:
    """``?from=&language=`` (what an HTML form sends for an empty field) means no filter, not a bad value."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        qs = scope.get("query_string", b"") if scope["type"] == "http" else b""
        if qs and (b"=&" in qs or qs.endswith(b"=")):
            pairs = [(k, v) for k, v in parse_qsl(qs.decode("latin-1"), keep_blank_values=True) if v.strip()]
            scope = dict(scope, query_string=urlencode(pairs).encode("latin-1"))
        await self.app(scope, receive, send)


def create_app(db: str, token: str | None = None, *, pipeline: Pipeline | None = None,
               cache_size: int = 2000) -> FastAPI:
    """The server for database ``db``; writes (POST /api/v1/articles) need ``token``, none means read-only.
    ``cache_size`` pages and items are kept per process, each valid until the database changes."""
    settings = Settings(db=db, token=token or None, pipeline=pipeline, cache_size=cache_size)
    database = Database(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        database.close()

    app = FastAPI(
        title="storyline",
        version=__version__,
        description="Multilingual news: articles grouped into events and stories, with their analysis. "
                    "Reads are open; POST needs `Authorization: Bearer <token>`. Every error has the shape "
                    "`{\"error\": {\"status\", \"code\", \"message\", \"field\", \"details\"}}`.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: not offline, not CSP-clean
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = database
    app.state.templates = environment()
    errors.install(app, render_error)
    app.include_router(api_router)
    app.include_router(pages_router)
    static = resources.files("storyline.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_middleware(DropEmptyParams)
    app.add_middleware(SecurityHeaders)
    return app


def app_from_env() -> FastAPI:
    """For uvicorn worker processes: database from STORYLINE_DB; writes only when not read-only."""
    read_only = os.environ.get(ENV_READ_ONLY) == "1"
    token = None if read_only else os.environ.get(ENV_TOKEN)
    return create_app(os.environ.get(ENV_DB) or "storyline.db", token,
                      cache_size=int(os.environ.get(ENV_CACHE) or 2000))
