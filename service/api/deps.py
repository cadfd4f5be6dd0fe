"""Each dependency declared once, so a route's signature says what it needs.

They are `async def` because none of them blocks: FastAPI runs a plain `def` dependency in its
thread pool, a hop that cost the one-row prediction more than all its own work."""

from typing import Annotated

from fastapi import Depends, Header, Path, Query, Request
from starlette.datastructures import Headers

from service.core.config import Settings
from service.core.db import Database
from service.core.errors import UnsupportedMediaType
from service.core.idempotency import HEADER as IDEMPOTENCY_HEADER
from service.core.idempotency import KEY_PATTERN as IDEMPOTENCY_KEY_PATTERN
from service.core.idempotency import MAX_KEY_LENGTH
from service.core.readiness import ReadinessCheck
from service.core.schemas import ALIAS_PATTERN, ID_PATTERN, MODEL_REF_PATTERN, NAME_PATTERN
from service.models.service import ModelCache
from service.observability.metrics import ServiceMetrics


async def get_db(request: Request) -> Database:
    return request.app.state.db


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_readiness(request: Request) -> ReadinessCheck:
    return request.app.state.readiness


async def get_model_cache(request: Request) -> ModelCache:
    return request.app.state.model_cache


async def get_metrics(request: Request) -> ServiceMetrics:
    return request.app.state.metrics


def media_type(headers: Headers) -> str:
    """'multipart/form-data' of 'multipart/form-data; boundary=...'; '' when there is none."""
    return headers.get("content-type", "").split(";")[0].strip().lower()


def is_json(sent_media_type: str) -> bool:
    return sent_media_type == "application/json" or sent_media_type.endswith("+json")


async def require_json(request: Request) -> None:
    """A JSON route answers 415 to another content type (curl -d sends a form), rather than a
    validation error about a body it never read."""
    sent = media_type(request.headers)
    if not is_json(sent):
        raise UnsupportedMediaType(
            f"content type {sent or '(none)'!r} is not accepted; send the body as application/json "
            "(with curl: -H 'Content-Type: application/json')"
        )


DatabaseDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ReadinessDep = Annotated[ReadinessCheck, Depends(get_readiness)]
ModelCacheDep = Annotated[ModelCache, Depends(get_model_cache)]
MetricsDep = Annotated[ServiceMetrics, Depends(get_metrics)]
ResourceId = Annotated[str, Path(pattern=ID_PATTERN, description="the resource's id, a UUID")]
# Where a model may be named as well as by id (see model_names.resolve): get and predict.
ModelRef = Annotated[
    str,
    Path(
        pattern=MODEL_REF_PATTERN,
        description="the model's id (a UUID), or name@alias (cancer@production), or name@version (cancer@3)",
    ),
]
NamePath = Annotated[str, Path(pattern=NAME_PATTERN, max_length=64, description="a model name")]
AliasPath = Annotated[str, Path(pattern=ALIAS_PATTERN, max_length=64, description="an alias of the model's name")]
JSON_BODY = Depends(require_json)
Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="rows to skip")]
IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        alias=IDEMPOTENCY_HEADER,
        description="a unique key per request (a UUID): a retry with the same key answers with the "
        "resource the first request created instead of creating another; kept NNSERVICE_IDEMPOTENCY_KEY_HOURS "
        "(24 by default)",
        # the rule is idempotency.check_key's, stated for the document (a 422 names the header)
        json_schema_extra={"pattern": IDEMPOTENCY_KEY_PATTERN, "maxLength": MAX_KEY_LENGTH},
        openapi_examples={"a UUID": {"value": "5f0c6c1e-8f3a-4b7e-9d2a-1c3b5d7e9f00"}},
    ),
]
