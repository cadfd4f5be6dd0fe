"""Every error as `application/problem+json` (RFC 9457): a `type` URI per kind of problem, status,
title, a detail a person can act on, and the offending fields in `errors`.

This module is the one place that says what an error answer is: its body (`Problem`), its kind
(`KINDS`, one per status, each documented at its `type` URI, `GET /problems/{kind}`), and how the
OpenAPI document declares it (`error_responses`)."""

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, FastAPI, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DataError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.body_limit import MAX_BODY_SIZE_SCOPE_KEY
from starlette.routing import Match

from service.core.errors import ServiceError
from service.core.schemas import one_of

PROBLEM_JSON = "application/problem+json"
RETRY_AFTER_SECONDS = 1  # what a client is told to wait when the database is busy or unreachable
TYPE_PATH = "/problems/"  # a problem's `type` is this plus its kind: a relative URI this server answers
log = logging.getLogger("nnservice.api")


@dataclass(frozen=True)
class Kind:
    """One kind of problem: what it means, and an example answer for the OpenAPI document."""

    slug: str
    title: str
    meaning: str
    example_detail: str
    example_errors: tuple[tuple[str, str], ...] = ()


EXAMPLE_ID = "0b7e6a52-3f4c-4d8e-9a1b-2c3d4e5f6a7b"
KINDS: dict[int, Kind] = {
    400: Kind(
        "bad-request",
        "Bad Request",
        "The request cannot be read: a body that is not valid JSON, a bad header value, a malformed Content-Length.",
        "the JSON body is nested too deeply to read",
    ),
    401: Kind(
        "unauthorized",
        "Unauthorized",
        "No API key, or one that is unknown, revoked or expired. Send `Authorization: Bearer <key>`.",
        "send an API key: Authorization: Bearer <key> (create one with `nnservice keys create`)",
    ),
    403: Kind(
        "forbidden",
        "Forbidden",
        "The API key is valid but its scope (predict, read, write, admin) does not include what the route needs; "
        "the detail names the scope it needs.",
        "this key has scope 'predict'; POST /v1/jobs needs 'write' (a key of that scope or a wider one: "
        "predict < read < write < admin)",
    ),
    404: Kind(
        "not-found",
        "Not Found",
        "The resource does not exist, or belongs to another API key owner (which is not told apart).",
        f"job {EXAMPLE_ID} does not exist",
    ),
    405: Kind(
        "method-not-allowed",
        "Method Not Allowed",
        "The path exists but not with this method; `Allow` lists the methods it takes.",
        "Method Not Allowed",
    ),
    409: Kind(
        "conflict",
        "Conflict",
        "The resource is in a state that does not allow this (cancelling a job that has succeeded, deleting a "
        "dataset that running jobs read, registering a model under a second name).",
        f"job {EXAMPLE_ID} has already succeeded",
    ),
    413: Kind(
        "content-too-large",
        "Content Too Large",
        "The body is larger than the route's limit (NNSERVICE_MAX_UPLOAD_BYTES for uploads, "
        "NNSERVICE_MAX_BODY_BYTES for other bodies).",
        "the request body is larger than this route's limit of 1048576 bytes",
    ),
    415: Kind(
        "unsupported-media-type",
        "Unsupported Media Type",
        "The body's Content-Type is not one the route reads; the detail lists those it does.",
        "content type 'application/x-www-form-urlencoded' is not accepted; send the body as application/json "
        "(with curl: -H 'Content-Type: application/json')",
    ),
    422: Kind(
        "unprocessable-content",
        "Unprocessable Content",
        "The request is well formed but a value in it cannot be used; `errors` names each offending field "
        "(a dotted path into the body, a query parameter or a header) and says what to change.",
        "hyperparameters.learning_rate: Input should be greater than 0",
        (("hyperparameters.learning_rate", "Input should be greater than 0"),),
    ),
    429: Kind(
        "too-many-requests",
        "Too Many Requests",
        "The owner has as many queued and running jobs as it may (NNSERVICE_MAX_ACTIVE_JOBS_PER_OWNER); "
        "retry after `Retry-After` seconds.",
        "owner alice has 8 queued or running jobs, the most it may have; retry when one ends",
    ),
    500: Kind(
        "internal-error",
        "Internal Server Error",
        "A fault of the server's: it is logged under the answer's `X-Request-ID`; please report it.",
        "an unexpected error occurred; it has been logged",
    ),
    503: Kind(
        "service-unavailable",
        "Service Unavailable",
        "The database is busy or unreachable; nothing was written and retrying after `Retry-After` seconds is safe.",
        "the database is busy or unreachable; retry shortly",
    ),
}


def kind_of(status: int) -> Kind:
    return KINDS.get(status) or KINDS[500 if status >= 500 else 400]


class ProblemField(BaseModel):
    field: str = Field(description='a dotted path: "hyperparameters.learning_rate", "rows.3.1", "Idempotency-Key"')
    message: str = Field(description="what is wrong with it and what to change")


class Problem(BaseModel):
    """An error (RFC 9457). Every 4xx and 5xx answer has this body, as `application/problem+json`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "/problems/not-found",
                    "title": "Not Found",
                    "status": 404,
                    "detail": f"job {EXAMPLE_ID} does not exist",
                    "errors": [],
                }
            ]
        }
    )

    type: str = Field(
        description=f"the kind of problem, a URI reference ({TYPE_PATH}<kind>) whose page says what it means",
        # the kinds as examples, not an enum: a client generated today must read a kind added later
        json_schema_extra={"format": "uri-reference", "examples": [TYPE_PATH + k.slug for k in KINDS.values()]},
    )
    title: str = Field(description="the status's phrase")
    status: int = Field(ge=400, le=599, description="the HTTP status, as answered")
    detail: str = Field(description="what went wrong, and what to change")
    errors: list[ProblemField] = Field(description="each offending field; empty when the problem is not about one")


def problem_body(status: int, detail: str, errors: list[dict] | None = None) -> dict:
    return {
        "type": TYPE_PATH + kind_of(status).slug,
        "title": kind_of(status).title,
        "status": status,
        "detail": detail,
        "errors": errors or [],
    }


def problem(status: int, detail: str, errors: list[dict] | None = None, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(
        problem_body(status, detail, errors), status_code=status, media_type=PROBLEM_JSON, headers=headers
    )


# The headers some error answers carry, as the OpenAPI document declares them.
RETRY_AFTER = {
    "required": True,
    "description": "seconds to wait before retrying",
    "schema": {"type": "integer", "minimum": 0},
}
ERROR_HEADERS: dict[int, dict] = {
    401: {
        "WWW-Authenticate": {
            "required": True,
            "description": 'the Bearer challenge: `Bearer realm="nnservice"`, with `error="invalid_token"` for a bad key',
            "schema": {"type": "string"},
        }
    },
    405: {"Allow": {"required": True, "description": "the methods the path takes", "schema": {"type": "string"}}},
    429: {"Retry-After": RETRY_AFTER},
    503: {"Retry-After": RETRY_AFTER},
}


def error_response(status: int, description: str | None = None) -> dict:
    """The OpenAPI response of one error status: a `Problem` body, its example and its headers."""
    kind = kind_of(status)
    example = problem_body(status, kind.example_detail, [{"field": f, "message": m} for f, m in kind.example_errors])
    response: dict = {
        "description": description or kind.meaning,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}, "example": example}},
    }
    if status in ERROR_HEADERS:
        response["headers"] = ERROR_HEADERS[status]
    return response


def error_responses(*statuses: int, **descriptions: str) -> dict[int | str, dict]:
    """`responses=` for a route: its error statuses; a description by keyword (`e409="..."`) where the
    kind's own meaning does not say enough."""
    return {status: error_response(status, descriptions.get(f"e{status}")) for status in statuses}


def too_large_detail(limit: int) -> str:
    return f"the request body is larger than this route's limit of {limit} bytes"


# pydantic names the member of a union that failed ("literal['balanced']", "dict[str,float]",
# "function-after[...]"): a client's field path has no use for those.
UNION_MEMBER = re.compile(r"^[a-z][a-z0-9_-]*\[.*\]$|^(str|int|float|bool|none|list|dict|json-or-python)$")


def _field(loc: tuple) -> str:
    """('body', 'hyperparameters', 'learning_rate') -> 'hyperparameters.learning_rate'."""
    parts = [str(p) for p in loc if not (isinstance(p, str) and UNION_MEMBER.match(p))]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:] or parts
    return ".".join(parts)


def _validation_error(error: dict) -> dict:
    if error["type"] == "json_invalid":  # loc is ("body", character position)
        reason = error.get("ctx", {}).get("error", "")
        return {"field": "body", "message": f"is not valid JSON: {reason} at character {error['loc'][-1]}"}
    return {"field": _field(error["loc"]), "message": error["msg"]}


def allowed_methods(request: Request) -> str:
    """Every method of every route on this path: Starlette's 405 names only the first route's."""
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.router.routes):  # the routes of included routers too
        if route.methods and route.route.matches(request.scope)[0] != Match.NONE:  # PARTIAL: the path, not the method
            methods |= route.methods
    return ", ".join(sorted(methods))


if TYPE_CHECKING:
    KindSlug = str
else:
    KindSlug = one_of(kind.slug for kind in KINDS.values())
router = APIRouter(tags=["problems"])


@router.get(
    TYPE_PATH + "{kind}",
    operation_id="describe_problem",
    summary="What a kind of problem means",
    response_class=PlainTextResponse,
    responses={
        200: {"content": {"text/plain": {"schema": {"type": "string"}, "example": KINDS[404].meaning}}},
        **error_responses(404),
    },
)
async def describe_problem(
    kind: Annotated[
        KindSlug,
        Path(description="the last part of a problem's `type`"),
    ],
) -> PlainTextResponse:
    """The page a problem's `type` URI points at: the kind's status, title and meaning."""
    status = next(s for s, k in KINDS.items() if k.slug == kind)
    return PlainTextResponse(f"{status} {KINDS[status].title}\n\n{KINDS[status].meaning}\n")


def install(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def service_error(_request: Request, exc: ServiceError) -> JSONResponse:
        errors = [{"field": e.field, "message": e.message} for e in exc.errors]
        return problem(exc.status, exc.detail, errors, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [_validation_error(e) for e in exc.errors()]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        return problem(422, detail or "the request is invalid", errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail, headers = str(exc.detail), getattr(exc, "headers", None)
        if exc.status_code == 413 and MAX_BODY_SIZE_SCOPE_KEY in request.scope:  # Starlette's streaming limiter
            detail = too_large_detail(request.scope[MAX_BODY_SIZE_SCOPE_KEY])
        elif exc.status_code == 400 and isinstance(exc.__cause__, RecursionError):  # FastAPI's JSON parsing
            detail = "the JSON body is nested too deeply to read"
        elif exc.status_code == 405:
            allow = allowed_methods(request)
            headers, detail = {"Allow": allow}, f"{request.method} is not a method of this path; it takes {allow}"
        return problem(exc.status_code, detail, headers=headers)

    @app.exception_handler(DataError)
    async def unstorable_value(_request: Request, exc: DataError) -> JSONResponse:
        # A value the database refuses (a NUL character in text, a number out of its range): nothing was written.
        log.info("value refused by the database: %s", exc.orig)
        return problem(422, f"a value cannot be stored: {str(exc.orig).splitlines()[0]}")

    @app.exception_handler(OperationalError)
    async def database_unavailable(_request: Request, exc: OperationalError) -> JSONResponse:
        # SQLite busy past its timeout, or PostgreSQL unreachable: nothing was written; retrying is safe.
        log.warning("database unavailable: %s", exc.orig)
        return problem(503, KINDS[503].example_detail, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return problem(500, KINDS[500].example_detail)
