"""Request bodies are held to a size at the door, by route: a CSV or Parquet upload may be large,
every other body (JSON included) has the smaller limit.

A declared Content-Length over the limit is refused before a byte is read; a body without one
(chunked) is counted as it streams in, by Starlette's own limiter, and refused as soon as it passes
the limit, so an oversized upload never sits whole in memory. Either way the answer is a 413
problem body (see `problems.py`).
"""

from starlette.datastructures import Headers
from starlette.middleware.body_limit import MAX_BODY_SIZE_SCOPE_KEY, RequestBodyLimitResponder
from starlette.types import ASGIApp, Receive, Scope, Send

from service.api.deps import media_type
from service.api.problems import problem, too_large_detail
from service.core.config import Settings

UPLOAD_PATH = "/v1/datasets"


def body_limit_for(scope: Scope, headers: Headers, settings: Settings) -> int:
    upload = scope["method"] == "POST" and scope["path"].rstrip("/") == UPLOAD_PATH
    if upload and media_type(headers) != "application/json":
        return settings.max_upload_bytes
    return settings.max_body_bytes


class BodyLimit:
    def __init__(self, app: ASGIApp, settings: Settings):
        self.app, self.settings = app, settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        limit = body_limit_for(scope, headers, self.settings)
        declared = _content_length(headers)
        if declared is not None and declared > limit:
            scope[MAX_BODY_SIZE_SCOPE_KEY] = limit
            return await problem(413, too_large_detail(limit))(scope, receive, send)
        await RequestBodyLimitResponder(self.app, limit)(scope, receive, send)


def _content_length(headers: Headers) -> int | None:
    try:
        return int(headers.get("content-length", ""))
    except ValueError:
        return None
