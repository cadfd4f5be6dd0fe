"""Key scopes and expiry, on every route the app has: the walk is over the app's own routes and each
route's scope is read from its own declaration (api/auth.py `route_scope`), so a route added later is
covered without touching this file."""

import re
import time
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.routing import iter_route_contexts
from sqlalchemy import update

from service.api.auth import route_scope
from service.core import api_keys
from service.core.api_keys import Scope
from service.core.tables import ApiKey
from tests.service.conftest import assert_refused

ORDER = ["predict", "read", "write", "admin"]  # each scope includes the ones before it (docs/api-keys.md)
# The routes any client may call: probes, metrics, the problem pages, the document and the dashboard.
OPEN = {"/healthz", "/readyz", "/metrics", "/problems/{kind}", "/openapi.json", "/docs", "/docs/oauth2-redirect"}
OPEN |= {"/redoc", "/", "/dashboard"}
MISSING = "00000000-0000-0000-0000-000000000000"


def routes(app) -> list[tuple[str, str, Scope | None]]:
    """Every method and path of the app, with the scope its route declares."""
    found = []
    for context in iter_route_contexts(app.routes):
        for method in sorted(context.methods or {"GET"}):  # a mount (the dashboard's files) has no methods
            if method != "HEAD":
                found.append((method, context.path, route_scope(context)))
    assert len(found) > 30  # the walk found the included routers' routes
    return found


def protected(app) -> list[tuple[str, str, Scope]]:
    return [(method, path, scope) for method, path, scope in routes(app) if scope is not None]


@pytest.fixture
def ids(client, trained) -> dict[str, str]:
    """Real values for every path parameter: alice's dataset, job, model, sweep and model name."""
    sweep = client.post(
        "/v1/sweeps",
        json={
            "dataset_id": trained["dataset"]["id"],
            "target": "label",
            "exclude": ["id"],
            "hyperparameters": {"epochs": 2},
            "search": {"method": "grid", "parameters": {"seed": [1, 2]}},
        },
    )
    assert sweep.status_code == 202, sweep.text
    named = client.post(f"/v1/models/{trained['model_id']}/aliases", json={"name": "tiny", "alias": "production"})
    assert named.status_code == 201, named.text
    return {
        "dataset_id": trained["dataset"]["id"],
        "job_id": trained["job"]["id"],
        "model_id": trained["model_id"],
        "sweep_id": sweep.json()["id"],
        "name": "tiny",
        "alias": "production",
        "image_format": "svg",
    }


def concrete(path: str, ids: dict[str, str]) -> str:
    """The path with its parameters filled; one this file does not know gets a missing id or a word."""

    def value(match: re.Match) -> str:
        name = match[1]
        return ids.get(name, MISSING if name.endswith("_id") else "x")

    return re.sub(r"\{([^}]+)\}", value, path)


def call(client, method: str, path: str, headers: dict):
    body = {"json": {}} if method in ("POST", "PUT", "PATCH") else {}  # read only after the key is checked
    return client.request(method, path, headers=headers, **body)


def key_of(db, scope: str, owner: str = "alice", **options) -> tuple[ApiKey, dict[str, str]]:
    row, key = api_keys.create(db, owner=owner, scope=Scope(scope), **options)
    return row, {"Authorization": f"Bearer {key}"}


def test_every_route_is_open_or_declares_a_scope_and_every_v1_route_declares_one(app):
    for method, path, scope in routes(app):
        if path.startswith("/v1/"):
            assert scope is not None, f"{method} {path} declares no scope: give it a caller from api/auth.py"
        else:
            assert path in OPEN, f"{method} {path} is neither a /v1 route nor one of the open routes"
            assert scope is None, f"{method} {path} is open, yet declares a scope"


def test_scopes_follow_the_rule_stated_in_the_docs(app):
    # GETs need read at most; a route that changes something needs write; predict's routes only read models
    # (predict and evaluate are POSTs that change nothing: predict needs predict, evaluate reads a dataset)
    writes_nothing = {"/v1/models/{model_id}/predict": Scope.PREDICT, "/v1/models/{model_id}/evaluate": Scope.READ}
    for method, path, scope in protected(app):
        if method == "GET":
            assert ORDER.index(scope) <= ORDER.index("read"), (method, path, scope)
        else:
            assert scope == writes_nothing.get(path, Scope.WRITE), (method, path, scope)
        if scope == Scope.PREDICT:
            assert path.startswith(("/v1/models", "/v1/model-names")) and "export" not in path, path


@pytest.mark.parametrize("scope", ORDER)
def test_a_key_is_refused_with_a_403_exactly_where_its_scope_does_not_reach(app, client, db, ids, scope):
    _, headers = key_of(db, scope, owner="root" if scope == "admin" else "alice")
    refused = allowed = 0
    for method, path, needed in protected(app):
        response = call(client, method, concrete(path, ids), headers)
        if ORDER.index(scope) < ORDER.index(needed):
            assert_refused(response, 403, f"this key has scope '{scope}'", f"{method} {path} needs '{needed}'")
            refused += 1
        else:
            assert response.status_code not in (401, 403), (scope, method, path, response.text)
            assert response.status_code < 500, (scope, method, path, response.text)
            allowed += 1
    assert allowed and (refused or scope in ("write", "admin")), (refused, allowed)


def test_an_expired_key_is_a_401_on_every_route_whatever_its_scope(app, anonymous, db, ids):
    row, headers = key_of(db, "admin", owner="root", expires_in=timedelta(days=1))
    with db.write_session() as session:
        session.execute(update(ApiKey).where(ApiKey.id == row.id).values(expires_at=datetime(2026, 1, 1, tzinfo=UTC)))
    for method, path, _ in protected(app):
        response = call(anonymous, method, concrete(path, ids), headers)
        assert_refused(response, 401, "expired at 2026-01-01T00:00:00")
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="nnservice", error="invalid_token"'
    key = headers["Authorization"].removeprefix("Bearer ")
    assert_refused(anonymous.get(f"/v1/jobs/{ids['job_id']}/events?access_token={key}"), 401, "expired")


def test_a_key_expires_on_time_even_while_the_server_remembers_it(anonymous, db):
    row, headers = key_of(db, "read", expires_in=timedelta(seconds=1))
    assert row.expires_at is not None and row.expires_at > datetime.now(UTC)  # set by the database's clock
    assert anonymous.get("/v1/datasets", headers=headers).status_code == 200  # now in the key cache (5 s)
    time.sleep(1.2)
    response = anonymous.get("/v1/datasets", headers=headers)
    assert_refused(response, 401, "the API key expired at")
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_the_event_streams_access_token_gets_the_same_scope_check(anonymous, db, trained):
    path = f"/v1/jobs/{trained['job']['id']}/events"
    for scope, status in (("predict", 403), ("read", 200)):
        key = key_of(db, scope)[1]["Authorization"].removeprefix("Bearer ")
        response = anonymous.get(f"{path}?access_token={key}")
        assert response.status_code == status, (scope, response.text)
        if status == 403:
            assert_refused(response, 403, "GET /v1/jobs/{job_id}/events needs 'read'")


def test_a_predict_key_predicts_and_reads_models_and_nothing_else(client, db, trained):
    _, predict = key_of(db, "predict")
    model = trained["model_id"]
    assert (
        client.post(f"/v1/models/{model}/predict", headers=predict, json={"instances": [[0.1, 0.2]]}).status_code == 200
    )
    assert client.get(f"/v1/models/{model}", headers=predict).status_code == 200
    assert client.get("/v1/models", headers=predict).json()["count"] == 1
    refused = client.get(f"/v1/datasets/{trained['dataset']['id']}", headers=predict)
    assert_refused(refused, 403, "this key has scope 'predict'; GET /v1/datasets/{dataset_id} needs 'read'")
    assert trained["dataset"]["id"] not in refused.text  # the template is named, not the id


def test_only_an_admin_key_sees_other_owners(client, db, trained):
    model = f"/v1/models/{trained['model_id']}"
    for scope, status in (("predict", 404), ("read", 404), ("write", 404), ("admin", 200)):
        assert client.get(model, headers=key_of(db, scope, owner="mallory")[1]).status_code == status, scope


def test_the_document_declares_each_routes_403_with_the_scope_it_needs(app):
    document = app.openapi()
    for method, path, scope in protected(app):
        response = document["paths"][path][method.lower()]["responses"]["403"]
        assert f"`{scope}`" in response["description"], (method, path)
        example = response["content"]["application/problem+json"]["example"]["detail"]
        assert scope == Scope.PREDICT or f"{method} {path} needs '{scope}'" in example, (method, path, example)
