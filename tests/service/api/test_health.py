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


def test_readiness_answers_503_within_its_timeout_and_runs_one_check_at_a_time(settings, db, monkeypatch):
    import threading
    import time

    from fastapi.testclient import TestClient

    from service.core.readiness import ReadinessCheck

    release, calls = threading.Event(), []

    def stalled(self):  # the database takes a lock, or PostgreSQL stops answering
        calls.append(1)
        release.wait(10)
        return original(self)

    original = ReadinessCheck._read
    monkeypatch.setattr(ReadinessCheck, "_read", stalled)
    app = create_app(settings, db)
    app.state.readiness = ReadinessCheck(db, timeout_seconds=0.3)
    with TestClient(app) as client:
        for _ in range(2):
            started = time.monotonic()
            response = client.get("/readyz")
            assert 0.25 < time.monotonic() - started < 2
            assert response.status_code == 503 and response.headers["retry-after"]
            assert response.json()["detail"] == "the database is unreachable: no answer within 0.3 s"
            assert client.get("/healthz").status_code == 200
        assert len(calls) == 1  # the second probe awaited the check still running
        release.set()
        time.sleep(0.1)
        assert client.get("/readyz").status_code == 200


def test_readiness_connection_cannot_write(db):
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    engine = db.probe_engine(1.0)
    with engine.connect() as connection, pytest.raises(DBAPIError, match="read-only|readonly"):
        connection.execute(text("CREATE TABLE readiness_wrote (a integer)"))
    if engine is not db.engine:
        engine.dispose()
