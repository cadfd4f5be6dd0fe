"""Liveness and readiness."""

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import text

from service.api.deps import DatabaseDep
from service.core.migrate import current_revision, head_revision

router = APIRouter(tags=["health"])


class Liveness(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok"}]})

    status: Literal["ok"]


class Readiness(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"status": "ok", "database": "ok", "schema": "0008"},
                {"status": "unavailable", "database": "unreachable: OperationalError"},
            ]
        }
    )

    status: Literal["ok", "unavailable"]
    database: str
    # `schema` on the wire: pydantic's BaseModel has an attribute of that name
    schema_: str | None = Field(default=None, alias="schema", description="the migration the database is at")


@router.get("/healthz", response_model=Liveness, summary="Liveness: the process answers")
def check_liveness():
    return {"status": "ok"}


@router.get(
    "/readyz",
    response_model=Readiness,
    response_model_exclude_none=True,
    summary="Readiness: database reachable, schema at the latest migration",
    responses={503: {"model": Readiness, "description": "not ready: the database is unreachable or behind"}},
)
def check_readiness(db: DatabaseDep):
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        current, head = current_revision(db), head_revision()
    except Exception as exc:
        return JSONResponse(
            {"status": "unavailable", "database": f"unreachable: {type(exc).__name__}"}, status_code=503
        )
    if current != head:
        return JSONResponse(
            {
                "status": "unavailable",
                "database": "ok",
                "schema": f"at {current}, expected {head}: run `nnservice migrate`",
            },
            status_code=503,
        )
    return {"status": "ok", "database": "ok", "schema": current}
