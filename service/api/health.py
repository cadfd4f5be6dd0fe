"""Liveness and readiness."""

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from service.api.deps import ReadinessDep
from service.api.problems import RETRY_AFTER_SECONDS, error_responses, problem
from service.core.readiness import DatabaseNotReady

router = APIRouter(tags=["health"])
RETRY = {"Retry-After": str(RETRY_AFTER_SECONDS)}


class Liveness(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok"}]})

    status: Literal["ok"]


class Readiness(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok", "database": "ok", "schema": "0009"}]})

    status: Literal["ok"]
    database: Literal["ok"]
    # `schema` on the wire: pydantic's BaseModel has an attribute of that name
    schema_: str = Field(alias="schema", description="the migration the database is at")


@router.get("/healthz", response_model=Liveness, summary="Liveness: the process answers")
async def check_liveness():
    # answered by the event loop alone (no thread, no database), so that busy routes cannot delay it
    return {"status": "ok"}


@router.get(
    "/readyz",
    response_model=Readiness,
    summary="Readiness: database reachable, schema at the latest migration",
    responses=error_responses(503, e503="not ready: the database is unreachable, or its schema is behind"),
)
async def check_readiness(readiness: ReadinessDep):
    # read on a thread and a connection of its own, apart from the routes' pools: an answer within
    # READINESS_TIMEOUT_SECONDS, a 503 if the database has not answered by then
    try:
        schema = await readiness.schema()
    except DatabaseNotReady as exc:
        return problem(503, f"the database is unreachable: {exc.reason}", headers=RETRY)
    if schema.current != schema.head:
        detail = f"the database schema is at {schema.current}, expected {schema.head}: run `nnservice migrate`"
        return problem(503, detail, headers=RETRY)
    return {"status": "ok", "database": "ok", "schema": schema.current}
