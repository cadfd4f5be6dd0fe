"""Every example in /openapi.json holds against the schema it illustrates, and every operation shows
examples of its answers: generated clients, Postman and its mock servers take them as the truth.

The checks walk the whole document, so a route added later is covered without a line here."""

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, unquote

import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from service.api import health, problems
from service.datasets import schemas as dataset_schemas
from service.jobs import schemas as job_schemas
from service.models import schemas as model_schemas
from service.sweeps import schemas as sweep_schemas

# The document is built from the code alone, whatever the database: SQLite is enough.
on_sqlite = pytest.mark.parametrize("settings", ["sqlite"], indirect=True)

DOCUMENT_URI = "urn:nnservice:openapi"  # where the checker finds the document, so `#/components/...` resolves
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
JSON_MEDIA = re.compile(r"^application/(.+\+)?json$")
# A schema's subschemas, by how a keyword holds them (JSON Schema 2020-12).
ONE_SCHEMA = ("items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames")
ONE_SCHEMA += ("unevaluatedItems", "unevaluatedProperties", "contentSchema")
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "dependentSchemas")

Found = tuple[str, str, Any]  # where (for a person), the JSON pointer of the schema, the example


@pytest.fixture
def document(anonymous) -> dict:
    return anonymous.get("/openapi.json").json()


@on_sqlite
def test_every_example_holds_against_its_schema(document):
    problems = example_problems(document)
    assert not problems, "examples that contradict their schema:\n" + "\n".join(problems)


@on_sqlite
def test_every_success_has_an_example(document):
    missing = missing_success_examples(document)
    assert not missing, "successes without an example:\n" + "\n".join(missing)


@on_sqlite
def test_every_error_status_has_an_example_of_it(document):
    missing = missing_error_examples(document)
    assert not missing, "error statuses without an example of them:\n" + "\n".join(missing)


@on_sqlite
def test_a_later_route_is_checked_and_named(document):
    """A route nobody wrote a test for: its wrong example is named with the operation and the JSON path,
    through the `$ref` of its schema, and its error without an example is named too."""
    progress = {"$ref": "#/components/schemas/Progress"}
    wrong = {"epoch": "3", "epochs": 3, "train_cost": 0.23, "validation_cost": 0.12}  # epoch is an integer
    document["paths"]["/v1/later"] = {
        "get": {
            "responses": {
                "200": {"content": {"application/json": {"schema": progress, "example": wrong}}},
                "404": {"description": "no body documented"},
            }
        }
    }
    assert "GET /v1/later 200 application/json example: $.epoch: '3' is not of type 'integer'" in example_problems(
        document
    )
    assert "GET /v1/later 200 application/json: no example" not in " ".join(missing_success_examples(document))
    assert "GET /v1/later 404: no example of this status" in missing_error_examples(document)


def models_with_examples() -> list[type[BaseModel]]:
    modules = (health, problems, dataset_schemas, job_schemas, model_schemas, sweep_schemas)  # where models are
    models = [
        m
        for module in modules
        for m in vars(module).values()
        if isinstance(m, type) and m.__module__ == module.__name__
    ]
    return [m for m in models if issubclass(m, BaseModel) and "examples" in m.model_json_schema()]


@pytest.mark.parametrize("model", models_with_examples(), ids=lambda model: model.__name__)
def test_every_model_accepts_its_own_examples(model):
    """What JSON Schema cannot say (a model validator: one predict input, a dropout rate per layer) is
    checked by the model itself, on the examples as written (the document drops their nulls)."""
    for example in model.model_json_schema()["examples"]:
        model.model_validate(example)


# --- every example, where it is, and the schema it illustrates


def example_problems(document: dict) -> list[str]:
    """One line per way an example contradicts its schema: where, the JSON path in the example, why."""
    registry = Registry().with_resource(DOCUMENT_URI, DRAFT202012.create_resource(document))
    problems = []
    for where, pointer, example in examples_in(document):
        validator = Draft202012Validator(
            {"$ref": f"{DOCUMENT_URI}#{quote(pointer)}"},
            registry=registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        for error in sorted(validator.iter_errors(example), key=lambda e: e.json_path):
            problems.append(f"{where}: {error.json_path}: {error.message}")
    return problems


def examples_in(document: dict) -> Iterator[Found]:
    """Every example of the document. An object reached by `$ref` is checked once, where it is defined."""
    components = document.get("components", {})
    for name in components.get("schemas", {}):
        yield from schema_examples(components["schemas"][name], f"/components/schemas/{escape(name)}", f"schema {name}")
    for kind in ("parameters", "headers"):
        for name, item in components.get(kind, {}).items():
            yield from parameter_examples(
                document, item, f"/components/{kind}/{escape(name)}", f"components.{kind}.{name}"
            )
    for kind in ("requestBodies", "responses"):
        for name, item in components.get(kind, {}).items():
            yield from body_examples(document, item, f"/components/{kind}/{escape(name)}", f"components.{kind}.{name}")
    for path, item in document.get("paths", {}).items():
        for i, parameter in enumerate(item.get("parameters", [])):  # shared by the path's operations
            yield from parameter_examples(document, parameter, f"/paths/{escape(path)}/parameters/{i}", path)
        for method, operation, pointer in operations(path, item):
            label = f"{method.upper()} {path}"
            for i, parameter in enumerate(operation.get("parameters", [])):
                yield from parameter_examples(document, parameter, f"{pointer}/parameters/{i}", label)
            if "requestBody" in operation:
                yield from body_examples(
                    document, operation["requestBody"], f"{pointer}/requestBody", f"{label} request"
                )
            for status, response in operation.get("responses", {}).items():
                yield from body_examples(document, response, f"{pointer}/responses/{status}", f"{label} {status}")


def operations(path: str, item: dict) -> Iterator[tuple[str, dict, str]]:
    for method in METHODS:
        if method in item:
            yield method, item[method], f"/paths/{escape(path)}/{method}"


def parameter_examples(document: dict, parameter: dict, pointer: str, label: str) -> Iterator[Found]:
    """A parameter's or a header's: its own `example(s)`, its schema's, or its `content`'s."""
    if "$ref" in parameter:
        return
    if "in" in parameter:  # a header is named by its key, outside it
        label = f"{label} {parameter['in']} {parameter['name']}"
    if "schema" in parameter:
        yield from schema_examples(parameter["schema"], f"{pointer}/schema", label)
        yield from own_examples(document, parameter, f"{pointer}/schema", label)
    yield from content_examples(document, parameter.get("content", {}), f"{pointer}/content", label)


def body_examples(document: dict, body: dict, pointer: str, label: str) -> Iterator[Found]:
    """A request body's or a response's: those of each media type, and of each response header."""
    if "$ref" in body:
        return
    yield from content_examples(document, body.get("content", {}), f"{pointer}/content", label)
    for name, header in body.get("headers", {}).items():
        yield from parameter_examples(document, header, f"{pointer}/headers/{escape(name)}", f"{label} header {name}")


def content_examples(document: dict, content: dict, pointer: str, label: str) -> Iterator[Found]:
    for media, item in content.items():
        where, at = f"{label} {media}", f"{pointer}/{escape(media)}"
        if "schema" not in item:
            continue  # nothing states what the body must be
        yield from schema_examples(item["schema"], f"{at}/schema", where)
        text = resolve(document, item["schema"]).get("type") == "string"
        for found in own_examples(document, item, f"{at}/schema", where):
            if not (text and isinstance(found[2], str)):  # a CSV or an event stream is text, not a JSON string
                yield found


def own_examples(document: dict, item: dict, schema_pointer: str, label: str) -> Iterator[Found]:
    """A media type's or a parameter's `example`, and the `value` of each of its `examples`."""
    if "example" in item:
        yield f"{label} example", schema_pointer, item["example"]
    for name, example in item.get("examples", {}).items():
        example = resolve(document, example)
        if "value" in example:  # an `externalValue` is not in the document to check
            yield f"{label} examples[{name!r}]", schema_pointer, example["value"]


def schema_examples(schema: Any, pointer: str, label: str) -> Iterator[Found]:
    """A schema's `examples` (a list of instances) and its deprecated `example`, and its subschemas'."""
    if not isinstance(schema, dict):
        return  # `true`, `false`
    for i, example in enumerate(schema.get("examples", [])):
        yield f"{label} examples[{i}]", pointer, example
    if "example" in schema:
        yield f"{label} example", pointer, schema["example"]
    for keyword in ONE_SCHEMA:
        if keyword in schema:
            yield from schema_examples(schema[keyword], f"{pointer}/{keyword}", f"{label}.{keyword}")
    for keyword in SCHEMA_LISTS:
        for i, subschema in enumerate(schema.get(keyword, [])):
            yield from schema_examples(subschema, f"{pointer}/{keyword}/{i}", f"{label}.{keyword}[{i}]")
    for keyword in SCHEMA_MAPS:
        for name, subschema in schema.get(keyword, {}).items():
            yield from schema_examples(subschema, f"{pointer}/{keyword}/{escape(name)}", f"{label}.{keyword}.{name}")


# --- which answers have examples


def answers(document: dict) -> Iterator[tuple[str, str, dict]]:
    """(operation and status, status, content) of every response of every operation."""
    for path, item in document.get("paths", {}).items():
        for method, operation, _ in operations(path, item):
            for status, response in operation.get("responses", {}).items():
                yield f"{method.upper()} {path} {status}", status, resolve(document, response).get("content", {})


def missing_success_examples(document: dict) -> list[str]:
    """A success with a JSON body needs an example of that body."""
    return [
        f"{label} {media}: no example (neither the media type's nor its schema's)"
        for label, status, content in answers(document)
        if status.startswith("2")
        for media, body in content.items()
        if JSON_MEDIA.match(media) and not answer_examples(document, body)
    ]


def missing_error_examples(document: dict) -> list[str]:
    """An error status needs an example of its own: a 401 shown with a 404's body is no example of a 401."""
    missing = []
    for label, status, content in answers(document):
        examples = [example for body in content.values() for example in answer_examples(document, body)]
        if status[0] in "45" and not any(of_status(example, status) for example in examples):
            shown = sorted({str(problem_status(e)) for e in examples if problem_status(e) is not None})
            missing.append(
                f"{label}: no example of this status" + (f" (its examples show {', '.join(shown)})" if shown else "")
            )
    return missing


def answer_examples(document: dict, body: dict) -> list[Any]:
    """A media type's examples, or else those of its schema (through its `$ref`)."""
    own = ([body["example"]] if "example" in body else []) + [
        resolve(document, e).get("value") for e in body.get("examples", {}).values()
    ]
    schema = resolve(document, body.get("schema", {}))
    return own or schema.get("examples", []) + ([schema["example"]] if "example" in schema else [])


def of_status(example: Any, status: str) -> bool:
    """An example of `status`: a problem of that status, or a body that shows none."""
    shown = problem_status(example)
    return shown is None or re.fullmatch(status.replace("X", r"\d"), str(shown)) is not None  # "4XX" matches 404


def problem_status(example: Any) -> int | None:
    """The HTTP status a problem body shows, an integer (readiness answers `"status": "unavailable"`)."""
    status = example.get("status") if isinstance(example, dict) else None
    return status if isinstance(status, int) else None


# --- the document's references


def resolve(document: dict, item: Any) -> Any:
    """What a local `$ref` points at (followed to its end), or the item itself."""
    while isinstance(item, dict) and str(item.get("$ref", "")).startswith("#/"):
        target: Any = document
        for segment in item["$ref"][2:].split("/"):
            target = target[unquote(segment).replace("~1", "/").replace("~0", "~")]
        item = target
    return item


def escape(key: str) -> str:
    """A key as one segment of a JSON pointer (RFC 6901)."""
    return key.replace("~", "~0").replace("/", "~1")
