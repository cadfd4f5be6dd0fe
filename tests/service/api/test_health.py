"""Liveness, readiness, the OpenAPI document, and errors on unknown routes."""

from service.core.db import Database
from service.main import create_app
from tests.service.conftest import bearer


def test_healthz_and_readyz(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["schema"]


def test_readyz_is_503_before_migrations(settings, tmp_path):
    from fastapi.testclient import TestClient

    database = Database(f"sqlite:///{tmp_path / 'empty.db'}")
    with TestClient(create_app(settings, database)) as client:
        response = client.get("/readyz")
    assert response.status_code == 503 and response.headers["content-type"] == "application/problem+json"
    assert "nnservice migrate" in response.json()["detail"]


def test_openapi_documents_every_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/v1/datasets",
        "/v1/datasets/{dataset_id}",
        "/v1/jobs",
        "/v1/jobs/{job_id}",
        "/v1/jobs/{job_id}/cancel",
        "/v1/jobs/{job_id}/replay",
        "/v1/jobs/{job_id}/cost-history",
        "/v1/models",
        "/v1/models/{model_id}",
        "/v1/models/{model_id}/predict",
        "/v1/models/{model_id}/evaluate",
        "/v1/models/{model_id}/export",
        "/healthz",
        "/readyz",
    } <= set(paths)
    assert "multipart/form-data" in paths["/v1/datasets"]["post"]["requestBody"]["content"]
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    for name in (
        "JobCreate",
        "JobRead",
        "DatasetRead",
        "CostHistory",
        "PredictBody",
        "PredictResponse",
        "EvaluateResponse",
    ):
        assert schemas[name].get("examples"), f"{name} has no example in the API docs"


def test_unknown_route_and_wrong_method_are_problems(client):
    missing = client.get("/v1/nothing")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    wrong = client.put("/v1/jobs")
    assert wrong.status_code == 405 and wrong.json()["status"] == 405


def test_busy_sqlite_answers_503_with_retry_after_and_writes_nothing(settings, tmp_path):
    import sqlite3

    from fastapi.testclient import TestClient

    from service.core.migrate import upgrade_to_head

    path = tmp_path / "busy.db"
    database = Database(f"sqlite:///{path}", busy_timeout_ms=100)
    upgrade_to_head(database)
    headers = bearer(database, "alice")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        with TestClient(create_app(settings, database), headers=headers) as client:
            response = client.post("/v1/datasets", json={"columns": ["a"], "rows": [[1], [2]]})
            assert response.status_code == 503
            assert response.headers["retry-after"] == "1"
            assert response.headers["content-type"] == "application/problem+json"
            holder.execute("ROLLBACK")
            assert client.get("/v1/datasets").json()["count"] == 0
    finally:
        holder.close()
        database.dispose()
