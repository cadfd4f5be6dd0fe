"""Liveness and readiness."""

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import text

from service.api.deps import DatabaseDep
from service.api.problems import RETRY_AFTER_SECONDS, error_responses, problem
from service.core.migrate import current_revision, head_revision

router = APIRouter(tags=["health"])
RETRY = {"Retry-After": str(RETRY_AFTER_SECONDS)}


class Liveness(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok"}]})

    status: Literal["ok"]


class Readiness(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok", "database": "ok", "schema": "0008"}]})

    status: Literal["ok"]
    database: Literal["ok"]
    # `schema` on the wire: pydantic's BaseModel has an attribute of that name
    schema_: str = Field(alias="schema", description="the migration the database is at")


@router.get("/healthz", response_model=Liveness, summary="Liveness: the process answers")
def check_liveness():
    return {"status": "ok"}


@router.get(
    "/readyz",
    response_model=Readiness,
    summary="Readiness: database reachable, schema at the latest migration",
    responses=error_responses(503, e503="not ready: the database is unreachable, or its schema is behind"),
)
def check_readiness(db: DatabaseDep):
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        current, head = current_revision(db), head_revision()
    except Exception as exc:
        return problem(503, f"the database is unreachable: {type(exc).__name__}", headers=RETRY)
    if current != head:
        detail = f"the database schema is at {current}, expected {head}: run `nnservice migrate`"
        return problem(503, detail, headers=RETRY)
    return {"status": "ok", "database": "ok", "schema": current}
