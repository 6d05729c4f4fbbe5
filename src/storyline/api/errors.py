"""One error shape for every failure: ``{"error": {"status", "code", "message", "field", "details"}}``.

Bad input is a 4xx naming the field; a missing item a 404; a database problem a 503; anything else a
500 with no internals in the body (they go to the log). Pages (outside ``/api/``) get the same facts
as an HTML page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.errors import IngestError, NotFoundError, StoreError, StorylineError

logger = logging.getLogger(__name__)

HtmlRenderer = Callable[[Request, int, str, list[dict[str, Any]]], Response]

_CODES = {
    400: "invalid_request", 401: "unauthorized", 403: "read_only", 404: "not_found", 405: "method_not_allowed",
    413: "too_large", 415: "unsupported_media_type", 422: "invalid_request", 503: "storage_error",
}


class ApiError(Exception):
    """Raised by handlers for a deliberate error response."""

    def __init__(self, status: int, message: str, *, code: str | None = None, field: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or _CODES.get(status, "error")
        self.field = field
        self.headers = headers


def error_body(status: int, message: str, *, code: str | None = None, field: str | None = None,
               details: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    return {"error": {"status": status, "code": code or _CODES.get(status, "internal_error" if status >= 500
                                                                       else "error"),
                      "message": message, "field": field, "details": list(details)}}


def _field_of(loc: Sequence[Any]) -> tuple[str | None, str | None]:
    """('published', 'body') from a pydantic location like ('body', 0, 'published')."""
    if not loc:
        return None, None
    where = str(loc[0]) if loc[0] in ("query", "path", "body", "header", "cookie") else None
    rest = list(loc[1:] if where else loc)
    parts: list[str] = []
    for p in rest:
        if isinstance(p, int):
            parts.append(f"[{p}]")
        elif p in ("str", "int", "float", "SourceObject", "list[ArticleIn]", "ArticleIn") or "[" in str(p):
            continue  # union member names pydantic adds to the location
        else:
            parts.append(("." if parts else "") + str(p))
    name = "".join(parts) or None
    return name, where


def validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    """One entry per offending field. A body that may be one article or an array is validated against
    both; an error saying only "not an object" / "not an array" is dropped when the other branch names a
    field, and all of them become one message when the body is neither."""
    details: list[dict[str, Any]] = []
    branch_mismatch = False
    seen = set()
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        name, where = _field_of(loc)
        msg = str(err.get("msg", "invalid value"))
        if err.get("type") == "json_invalid":
            msg = f"the body is not valid JSON: {err.get('ctx', {}).get('error', msg)}"
            name, where = None, "body"
        elif where == "body" and name is None and err.get("type") in ("model_attributes_type", "list_type",
                                                                        "dict_type", "model_type"):
            branch_mismatch = True
            continue
        if (name, where) in seen:  # one entry per field (unions report each member)
            continue
        seen.add((name, where))
        details.append({"field": name, "location": where, "message": msg})
    if branch_mismatch and not details:
        details.append({"field": "body", "location": "body",
                        "message": "the body must be a JSON object (one article) or an array of them"})
    return details


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def install(app: FastAPI, render_html: HtmlRenderer | None = None) -> None:
    """Register the handlers that turn every exception into the error shape."""

    def respond(request: Request, status: int, message: str, *, code: str | None = None,
                field: str | None = None, details: Sequence[dict[str, Any]] = (),
                headers: dict[str, str] | None = None) -> Response:
        if render_html is not None and not _is_api(request):
            page = render_html(request, status, message, list(details))
            if headers:
                page.headers.update(headers)
            return page
        return JSONResponse(error_body(status, message, code=code, field=field, details=details),
                            status_code=status, headers=headers)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc.status, exc.message, code=exc.code, field=exc.field, headers=exc.headers,
                       details=[{"field": exc.field, "location": None, "message": exc.message}] if exc.field else ())

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = validation_details(exc)
        first = details[0] if details else {"field": None, "location": None, "message": "invalid request"}
        where = {"query": "query parameter ", "path": "path parameter ", "header": "header "}.get(
            first["location"] or "", "field ")
        message = (f"{where}'{first['field']}': {first['message']}" if first["field"]
                   else str(first["message"]))
        return respond(request, 422, message, field=first["field"], details=details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail) if exc.detail else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return respond(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return respond(request, 404, str(exc))

    @app.exception_handler(IngestError)
    async def bad_article(request: Request, exc: IngestError) -> Response:
        return respond(request, 422, str(exc), field=exc.path)

    @app.exception_handler(StoreError)
    async def storage(request: Request, exc: StoreError) -> Response:
        logger.error("database error on %s: %s", request.url.path, exc)
        return respond(request, 503, "the database could not be read or written", code="storage_error")

    @app.exception_handler(StorylineError)
    async def storyline_error(request: Request, exc: StorylineError) -> Response:
        logger.error("error on %s: %s", request.url.path, exc)
        return respond(request, 500, str(exc), code="internal_error")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        logger.exception("unexpected error on %s", request.url.path)
        return respond(request, 500, "internal error", code="internal_error")
