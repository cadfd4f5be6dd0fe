"""The OpenAPI document: FastAPI's, completed where FastAPI cannot see what the server does, so
that Postman collections and generated clients can work from it alone.

Each rule here applies to every operation, so a route added later is covered: errors are the one
`Problem` component (FastAPI's own 422 schema is replaced), every answer carries `X-Request-ID`,
operationIds are the endpoint functions' names, a request body's example sits on its media type,
examples keep their nulls, `const` is spelt as a one-value `enum`, which converters read, and each
route's 403 names the scope the route needs."""

from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel

from service.api.auth import forbidden_detail, route_scope
from service.api.observe import HEADER_NAME as REQUEST_ID_HEADER
from service.api.problems import PROBLEM_JSON, Problem, error_response
from service.core.api_keys import Scope

SERVERS = [{"url": "http://127.0.0.1:8000", "description": "`nnservice serve` at its default address"}]
TAGS = [
    {"name": "datasets", "description": "Upload tables (CSV, JSON, Parquet); each column's type and statistics."},
    {"name": "jobs", "description": "Training jobs: queued, run by the workers, followed, cancelled, replayed."},
    {"name": "sweeps", "description": "Hyperparameter searches: one job per trial, and a leaderboard."},
    {"name": "models", "description": "Trained models: read, predict, evaluate, export."},
    {"name": "model names", "description": "Names, versions and aliases of models (`cancer@production`)."},
    {"name": "health", "description": "Liveness, readiness and Prometheus metrics: no key needed."},
    {"name": "problems", "description": "What each kind of error means: the pages problems' `type` URIs point at."},
]
FASTAPI_VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError")
REQUEST_ID = {
    "required": True,
    "description": "the request's id (the client's own if it sent a sane one): the server's logs of it carry it",
    "schema": {"type": "string"},
}


def operation_id(route: APIRoute) -> str:
    """`create_job`, not FastAPI's `create_job_v1_jobs_post`: the name a generated client's method gets."""
    return route.name


def document(app: FastAPI, read_by_hand: tuple[type[BaseModel], ...]) -> dict[str, Any]:
    """The app's document, built once. `read_by_hand`: the schemas of bodies that a route reads
    itself (FastAPI sees no model for them), and any other component the routes refer to."""
    if app.openapi_schema is None:
        document = FastAPI.openapi(app)  # stores it in app.openapi_schema: we complete it in place
        schemas = document["components"]["schemas"]
        _examples_as_written(app, schemas)
        models: tuple[type[BaseModel], ...] = (Problem, *read_by_hand)
        for model in models:
            schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(schema.pop("$defs", {}))  # the models it nests, where its references point
            schemas[model.__name__] = schema
        for name in FASTAPI_VALIDATION_SCHEMAS:
            schemas.pop(name, None)
        _scopes_on_their_403s(app, document["paths"])
        for operations in document["paths"].values():
            for operation in operations.values():
                _complete_responses(operation["responses"])
                _example_on_the_body(operation, schemas)
        _const_as_enum(document)
    assert app.openapi_schema is not None
    return app.openapi_schema


def _examples_as_written(app: FastAPI, schemas: dict[str, Any]) -> None:
    """FastAPI drops every null from its document, examples' too (fastapi#5559): put back the
    examples of the routes' models as pydantic writes them, so a queued job keeps `"model_id": null`."""
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if not isinstance(route, APIRoute):
            continue
        body = route.body_field.field_info.annotation if route.body_field else None
        for model in (route.response_model, body):
            if isinstance(model, type) and issubclass(model, BaseModel):
                generated = model.model_json_schema(mode="serialization")
                for name, schema in {model.__name__: generated, **generated.get("$defs", {})}.items():
                    if "examples" in schema and name in schemas:
                        schemas[name]["examples"] = schema["examples"]


def _scopes_on_their_403s(app: FastAPI, paths: dict[str, Any]) -> None:
    """Each operation's 403 says which scope its route needs, as the route declares it (api/auth.py)."""
    order = list(Scope)
    for context in iter_route_contexts(app.routes):
        scope = route_scope(context)
        if scope is None or context.path is None:
            continue
        for method in context.methods or ():
            responses = paths.get(context.path, {}).get(method.lower(), {}).get("responses", {})
            if "403" not in responses:
                continue
            wider = " < ".join(order)
            responses["403"] = response = error_response(
                403, f"The key's scope does not include `{scope}`, which this route needs ({wider})."
            )
            if scope is not order[0]:  # what a key of the scope below it is told
                below = order[order.index(scope) - 1]
                example = response["content"][PROBLEM_JSON]["example"]
                example["detail"] = forbidden_detail(below, f"{method} {context.path}", scope)


def _complete_responses(responses: dict[str, dict]) -> None:
    for status, response in responses.items():
        if int(status) >= 400 and _is_fastapi_error(response):
            # FastAPI's own 422, or an error status a route declared without a body: ours is a Problem
            description = response.get("description")
            responses[status] = response = error_response(
                int(status), None if description == "Validation Error" else description
            )
        response.setdefault("headers", {})[REQUEST_ID_HEADER] = REQUEST_ID


def _example_on_the_body(operation: dict[str, Any], schemas: dict[str, Any]) -> None:
    """A request body's example where Postman's importer looks for it: on the media type, not only in
    the schema it refers to (without it, the importer invents `"target": "string"`)."""
    for media in operation.get("requestBody", {}).get("content", {}).values():
        ref = media.get("schema", {}).get("$ref", "")
        examples = schemas.get(ref.rsplit("/", 1)[-1], {}).get("examples") if ref else None
        if examples and "example" not in media and "examples" not in media:
            media["example"] = examples[0]


def _is_fastapi_error(response: dict) -> bool:
    content = response.get("content")
    return not content or any(
        media.get("schema", {}).get("$ref", "").endswith(FASTAPI_VALIDATION_SCHEMAS) for media in content.values()
    )


def _const_as_enum(node: Any) -> None:
    """pydantic writes `Literal["balanced"]` as `const`; openapi-to-postmanv2 and older generators read `enum`."""
    if isinstance(node, dict):
        if "const" in node:
            node["enum"] = [node.pop("const")]
        for value in node.values():
            _const_as_enum(value)
    elif isinstance(node, list):
        for value in node:
            _const_as_enum(value)


# The headers of success answers, as routes declare them: `responses={202: answer_headers("Location")}`.
SUCCESS_HEADERS = {
    "Location": {
        "required": True,
        "description": "the path of the resource the request created",
        "schema": {"type": "string"},
    },
    "Idempotent-Replayed": {
        "description": "`true` when the answer replays an earlier request with the same Idempotency-Key",
        "schema": {"type": "string", "enum": ["true"]},
    },
    "Content-Disposition": {
        "required": True,
        "description": "the file name to save the answer as",
        "schema": {"type": "string"},
    },
}


def answer_headers(*names: str, description: str | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {"headers": {name: SUCCESS_HEADERS[name] for name in names}}
    if description:
        response["description"] = description
    return response
