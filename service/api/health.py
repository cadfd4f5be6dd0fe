"""Liveness and readiness."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from service.api.deps import DatabaseDep
from service.core.migrate import current_revision, head_revision

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Liveness: the process answers")
def healthz():
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="Readiness: database reachable, schema at the latest migration",
    responses={503: {"description": "not ready"}},
)
def readyz(db: DatabaseDep):
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
