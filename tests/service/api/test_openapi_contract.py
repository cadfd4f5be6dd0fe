"""The OpenAPI document says what the server does, for every operation there is: each rule is
checked by walking the document or the app's routes, so a route added later is covered."""

import json
import re

import pytest
from fastapi.routing import iter_route_contexts

from service.api.problems import KINDS, PROBLEM_JSON, TYPE_PATH
from service.core.errors import ServiceError

HTTP_METHODS = {"get", "put", "post", "delete", "patch", "options", "head", "trace"}
PROBLEM_REF = "#/components/schemas/Problem"


@pytest.fixture
def document(anonymous) -> dict:
    return anonymous.get("/openapi.json").json()


def operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield method, path, operation


def subclasses(cls: type) -> set[type]:
    return {cls} | {grand for sub in cls.__subclasses__() for grand in subclasses(sub)}


def test_operation_ids_are_chosen_not_fastapis(document):
    ids = [operation["operationId"] for _, _, operation in operations(document)]
    assert len(ids) == len(set(ids)), ids
    defaults = [i for i in ids if "_v1_" in i or re.search(r"_(get|post|put|patch|delete)$", i)]
    assert not defaults, f"FastAPI's default operationIds (name one, e.g. with the endpoint function): {defaults}"
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", i) for i in ids), ids


def test_every_error_answer_is_the_problem_component(document):
    inline = []
    for method, path, operation in operations(document):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                content = response.get("content", {})
                if set(content) != {PROBLEM_JSON} or content[PROBLEM_JSON]["schema"] != {"$ref": PROBLEM_REF}:
                    inline.append(f"{method.upper()} {path} {status}")
    assert not inline, f"error answers that are not a $ref to the Problem component: {inline}"
    assert "HTTPValidationError" not in json.dumps(document)


def test_each_kind_of_problem_has_a_documented_type_uri(document, anonymous):
    documented = set(document["components"]["schemas"]["Problem"]["properties"]["type"]["examples"])
    statuses = {int(s) for _, _, op in operations(document) for s in op["responses"] if int(s) >= 400}
    raised = {cls.status for cls in subclasses(ServiceError)}
    assert statuses | raised <= set(KINDS), "a status with no kind of problem in api/problems.py KINDS"
    assert documented == {TYPE_PATH + kind.slug for kind in KINDS.values()}
    for status, kind in KINDS.items():
        page = anonymous.get(TYPE_PATH + kind.slug)  # the type URI, resolved against the server
        assert page.status_code == 200 and page.text.startswith(f"{status} {kind.title}\n"), page.text
    assert anonymous.get(TYPE_PATH + "no-such-kind").status_code == 422


def test_error_examples_carry_their_own_status(document):
    for method, path, operation in operations(document):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                example = response["content"][PROBLEM_JSON]["example"]
                kind = KINDS[int(status)]
                assert (example["status"], example["title"], example["type"]) == (
                    int(status),
                    kind.title,
                    TYPE_PATH + kind.slug,
                ), f"{method.upper()} {path} {status}"


def test_a_405_lists_every_method_of_its_path(app, client):
    methods_of: dict[str, set[str]] = {}
    for route in iter_route_contexts(app.routes):
        if route.methods and route.path.startswith(("/v1/", "/problems", "/healthz", "/readyz", "/metrics")):
            methods_of.setdefault(route.path, set()).update(route.methods)
    checked = 0
    for path, methods in methods_of.items():
        concrete = re.sub(r"\{[^}]+\}", "0b7e6a52-3f4c-4d8e-9a1b-2c3d4e5f6a7b", path)
        if "{kind}" in path:
            concrete = path.replace("{kind}", "not-found")
        for method in sorted({"GET", "POST", "PUT", "PATCH", "DELETE"} - methods):
            response = client.request(method, concrete)
            assert response.status_code == 405, (method, path, response.text)
            assert set(response.headers["allow"].split(", ")) == methods, (method, path)
            assert response.headers["content-type"] == PROBLEM_JSON and response.json()["status"] == 405
            checked += 1
    assert checked > 20  # the walk found the routes


def test_every_operation_is_tagged_and_the_server_is_named(document):
    tags = {tag["name"] for tag in document["tags"]}
    assert all(set(op["tags"]) <= tags and op["tags"] for _, _, op in operations(document))
    assert document["servers"][0]["url"].startswith("http://")


def test_every_answer_documents_the_request_id_and_creations_their_location(document, client):
    for method, path, operation in operations(document):
        for status, response in operation["responses"].items():
            assert "X-Request-ID" in response.get("headers", {}), f"{method.upper()} {path} {status}"
            if status == "401":
                assert "WWW-Authenticate" in response["headers"]
            if status in ("429", "503"):
                assert "Retry-After" in response["headers"]
    for path in ("/v1/datasets", "/v1/jobs", "/v1/sweeps"):
        created = document["paths"][path]["post"]["responses"]
        headers = next(r["headers"] for s, r in created.items() if s in ("201", "202"))
        assert {"Location", "Idempotent-Replayed"} <= set(headers), path
    answer = client.get("/v1/datasets", headers={"X-Request-ID": "trace-42"})
    assert answer.headers["x-request-id"] == "trace-42"


def test_cancel_documents_both_of_its_answers(document):
    for path, model in (("/v1/jobs/{job_id}/cancel", "JobRead"), ("/v1/sweeps/{sweep_id}/cancel", "SweepRead")):
        responses = document["paths"][path]["post"]["responses"]
        for status in ("200", "202"):
            schema = responses[status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": f"#/components/schemas/{model}"}, (path, status)


def test_answers_that_are_not_json_state_their_media_type(document):
    def content(path: str, status: str = "200", method: str = "get") -> dict:
        return document["paths"][path][method]["responses"][status]["content"]

    assert set(content("/v1/jobs/{job_id}/cost-history")) == {"application/json", "text/csv"}
    assert set(content("/v1/jobs/{job_id}/events")) == {"text/event-stream"}
    assert set(content("/v1/jobs/{job_id}/cost-history.{image_format}")) == {"image/svg+xml", "image/png"}
    assert set(content("/v1/models/{model_id}/export")) == {"application/octet-stream"}
    assert set(content("/metrics")) == {"text/plain"}
    upload = document["paths"]["/v1/datasets"]["post"]["requestBody"]["content"]
    assert {"multipart/form-data", "application/json", "text/csv", "application/vnd.apache.parquet"} <= set(upload)


def test_the_rules_stated_in_prose_are_in_the_schemas(document):
    schemas = document["components"]["schemas"]
    assert '"const":' not in json.dumps(document)  # spelt as one-value enums, which converters read
    rows = schemas["DatasetRowsUpload"]
    assert rows["additionalProperties"] is False and {"name", "columns", "rows"} == set(rows["properties"])
    assert rows["properties"]["rows"]["items"]["type"] == "array"
    alias = schemas["AliasCreate"]["properties"]["alias"]["anyOf"][0]
    assert re.fullmatch(alias["pattern"], "production") and not re.fullmatch(alias["pattern"], "3")
    key = next(p for p in document["paths"]["/v1/jobs"]["post"]["parameters"] if p["name"] == "Idempotency-Key")
    assert key["examples"] and key["schema"]["pattern"]
    last_event = next(
        p for p in document["paths"]["/v1/jobs/{job_id}/events"]["get"]["parameters"] if p["name"] == "Last-Event-ID"
    )
    assert last_event["schema"]["anyOf"][0]["pattern"] == r"^[0-9]{1,9}\.[0-9]{1,9}$"
