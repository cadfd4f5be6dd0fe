"""Request bodies are held to a size at the door, by route: a CSV or Parquet upload may be large,
every other body (JSON included) has the smaller limit.

A declared Content-Length over the limit is refused before a byte is read; a body without one
(chunked) is counted as it streams in, by Starlette's own limiter, and refused as soon as it passes
the limit, so an oversized upload never sits whole in memory. Either way the answer is a 413
problem body (see `problems.py`).
"""

from starlette.middleware.body_limit import MAX_BODY_SIZE_SCOPE_KEY, RequestBodyLimitResponder
from starlette.types import ASGIApp, Receive, Scope, Send

from ..config import Settings
from .problems import problem, too_large_detail

UPLOAD_PATH = "/v1/datasets"


def body_limit_for(scope: Scope, settings: Settings) -> int:
    if scope["method"] == "POST" and scope["path"].rstrip("/") == UPLOAD_PATH and not _is_json(scope):
        return settings.max_upload_bytes
    return settings.max_body_bytes


class BodyLimit:
    def __init__(self, app: ASGIApp, settings: Settings):
        self.app, self.settings = app, settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = body_limit_for(scope, self.settings)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            scope[MAX_BODY_SIZE_SCOPE_KEY] = limit
            return await problem(413, "Content Too Large", too_large_detail(limit))(scope, receive, send)
        await RequestBodyLimitResponder(self.app, limit)(scope, receive, send)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None


def _is_json(scope: Scope) -> bool:
    content_type = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
    return content_type == "application/json"


def _content_length(scope: Scope) -> int | None:
    try:
        return int(_header(scope, b"content-length") or "")
    except ValueError:
        return None
