"""Each dependency declared once, so a route's signature says what it needs."""

from typing import Annotated

from fastapi import Depends, Header, Path, Query, Request

from ..config import Settings
from ..db import Database
from ..idempotency import HEADER as IDEMPOTENCY_HEADER
from ..schemas import ID_PATTERN
from ..trained_models import ModelCache


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_model_cache(request: Request) -> ModelCache:
    return request.app.state.model_cache


DatabaseDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ModelCacheDep = Annotated[ModelCache, Depends(get_model_cache)]
ResourceId = Annotated[str, Path(pattern=ID_PATTERN, description="the resource's id, a UUID")]
Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Offset = Annotated[int, Query(ge=0, description="rows to skip")]
IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        alias=IDEMPOTENCY_HEADER,
        description="a unique key per request (a UUID): a retry with the same key answers with the "
        "resource the first request created instead of creating another; kept NNSERVICE_IDEMPOTENCY_KEY_HOURS "
        "(24 by default)",
    ),
]
