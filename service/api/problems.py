"""Every error as `application/problem+json` (RFC 9457): status, title, a detail a person can
act on, and the offending fields in `errors`."""

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.body_limit import MAX_BODY_SIZE_SCOPE_KEY

from service.core.errors import ServiceError

PROBLEM_JSON = "application/problem+json"
RETRY_AFTER_SECONDS = 1  # what a client is told to wait when the database is busy or unreachable
log = logging.getLogger("nnservice.api")

# For the OpenAPI document: the body every error response carries.
PROBLEM_SCHEMA = {
    "content": {
        PROBLEM_JSON: {
            "schema": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "title": {"type": "string"},
                    "status": {"type": "integer"},
                    "detail": {"type": "string"},
                    "errors": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                        },
                    },
                },
            },
            "example": {
                "type": "about:blank",
                "title": "Not Found",
                "status": 404,
                "detail": "job 0b7e... does not exist",
                "errors": [],
            },
        }
    }
}


def problem(
    status: int, title: str, detail: str, errors: list[dict] | None = None, headers: dict | None = None
) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "errors": errors or []}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def too_large_detail(limit: int) -> str:
    return f"the request body is larger than this route's limit of {limit} bytes"


def _field(loc: tuple) -> str:
    """('body', 'hyperparameters', 'learning_rate') -> 'hyperparameters.learning_rate'."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:] or parts
    return ".".join(parts)


def _validation_error(error: dict) -> dict:
    if error["type"] == "json_invalid":  # loc is ("body", character position)
        reason = error.get("ctx", {}).get("error", "")
        return {"field": "body", "message": f"is not valid JSON: {reason} at character {error['loc'][-1]}"}
    return {"field": _field(error["loc"]), "message": error["msg"]}


def install(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def service_error(_request: Request, exc: ServiceError) -> JSONResponse:
        errors = [{"field": e.field, "message": e.message} for e in exc.errors]
        return problem(exc.status, exc.title, exc.detail, errors, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [_validation_error(e) for e in exc.errors()]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        return problem(422, "Unprocessable Content", detail or "the request is invalid", errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = str(exc.detail)
        if exc.status_code == 413 and MAX_BODY_SIZE_SCOPE_KEY in request.scope:  # Starlette's streaming limiter
            detail = too_large_detail(request.scope[MAX_BODY_SIZE_SCOPE_KEY])
        elif exc.status_code == 400 and isinstance(exc.__cause__, RecursionError):  # FastAPI's JSON parsing
            detail = "the JSON body is nested too deeply to read"
        return problem(
            exc.status_code, HTTPStatus(exc.status_code).phrase, detail, headers=getattr(exc, "headers", None)
        )

    @app.exception_handler(DataError)
    async def unstorable_value(_request: Request, exc: DataError) -> JSONResponse:
        # A value the database refuses (a NUL character in text, a number out of its range): nothing was written.
        log.info("value refused by the database: %s", exc.orig)
        return problem(422, "Unprocessable Content", f"a value cannot be stored: {str(exc.orig).splitlines()[0]}")

    @app.exception_handler(OperationalError)
    async def database_unavailable(_request: Request, exc: OperationalError) -> JSONResponse:
        # SQLite busy past its timeout, or PostgreSQL unreachable: nothing was written; retrying is safe.
        log.warning("database unavailable: %s", exc.orig)
        return problem(
            503,
            "Service Unavailable",
            "the database is busy or unreachable; retry shortly",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return problem(500, "Internal Server Error", "an unexpected error occurred; it has been logged")
