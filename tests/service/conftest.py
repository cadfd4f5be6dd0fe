"""An app on a fresh, migrated database per test, on SQLite and on PostgreSQL (the real server
on 127.0.0.1:5432), and a worker that runs in the test's process."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from service.api.problems import KINDS, TYPE_PATH
from service.core import api_keys
from service.core.config import Settings
from service.core.db import Database
from service.core.migrate import upgrade_to_head
from service.core.tables import (
    Dataset,
    EpochRecord,
    IdempotencyKey,
    Job,
    JobClaim,
    Model,
    ModelAlias,
    ModelName,
    ModelVersion,
    Sweep,
)
from service.jobs.worker import Worker
from service.main import create_app
from tests.postgres import fresh_database

TINY_CSV = b"id,x1,x2,label\n" + b"".join(
    f"{i},{(i % 7) / 7:.3f},{(i % 5) / 5:.3f},{'yes' if (i % 7) / 7 + (i % 5) / 5 > 1 else 'no'}\n".encode()
    for i in range(60)
)


TABLES = (
    "cost_history",
    "job_claim",
    "idempotency_key",
    "model_alias",
    "model_version",
    "model_name",
    "model",
    "job",
    "sweep",
    "dataset",
    "api_key",
)


@pytest.fixture(scope="session")
def postgres_url():
    """A database of this test run's own on the PostgreSQL server, migrated once, dropped at the end."""
    with fresh_database("nnservice_test") as url:
        database = Database(url)
        upgrade_to_head(database)
        database.dispose()
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request, tmp_path) -> Settings:
    url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else ""
    return Settings(
        database_url=url, data_dir=tmp_path, heartbeat_seconds=0.05, poll_seconds=0.05, lease_seconds=30, workers=0
    )


@pytest.fixture
def db(settings) -> Database:
    database = Database(settings.resolved_database_url)
    if database.is_sqlite:
        upgrade_to_head(database)
    else:  # migrated once per run: start every test from empty tables
        with database.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {', '.join(TABLES)} CASCADE"))
    yield database
    database.dispose()


def bearer(db: Database, owner: str, *, admin: bool = False, scope: str = "write") -> dict[str, str]:
    """Headers with a new API key of `owner`: of `scope`, or an admin key."""
    _, key = api_keys.create(db, owner=owner, scope=api_keys.Scope.ADMIN if admin else api_keys.Scope(scope))
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def app(settings, db):
    return create_app(settings, db)


@pytest.fixture
def client(app, db) -> TestClient:
    """A client with the key of owner "alice"."""
    with TestClient(app, headers=bearer(db, "alice")) as test_client:
        yield test_client


@pytest.fixture
def anonymous(app) -> TestClient:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def worker(db, settings) -> Worker:
    return Worker(db, settings, worker_id="test-worker")


@pytest.fixture
def trained(client, worker) -> dict:
    """A classifier trained on the tiny dataset (labels "yes"/"no")."""
    dataset = upload_csv(client)
    job = client.post(
        "/v1/jobs",
        json={
            "dataset_id": dataset["id"],
            "target": "label",
            "exclude": ["id"],
            "hyperparameters": {"epochs": 50, "learning_rate": 0.01},
        },
    ).json()
    run_next_job(worker)
    job = client.get(f"/v1/jobs/{job['id']}").json()
    assert job["status"] == "succeeded", job["error"]
    return {"dataset": dataset, "job": job, "model_id": job["model_id"]}


RESOURCE_TABLES = (
    Dataset,
    Job,
    Model,
    EpochRecord,
    JobClaim,
    IdempotencyKey,
    ModelName,
    ModelVersion,
    ModelAlias,
    Sweep,
)


def rows_in(db) -> dict:
    """Rows per table: the same before and after a refused request, or something was half written."""
    return {table.__tablename__: count(db, table) for table in RESOURCE_TABLES}


def assert_refused(response, status: int, *words: str) -> dict:
    """A problem body of `status` whose detail or errors hold every one of `words`."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert problem["type"] == TYPE_PATH + KINDS[status].slug and problem["title"] == KINDS[status].title
    text = problem["detail"] + " " + " ".join(f"{e['field']} {e['message']}" for e in problem["errors"])
    for word in words:
        assert word in text, text
    return problem


def count(db: Database, table) -> int:
    with db.read_session() as session:
        return session.scalar(select(func.count()).select_from(table))


def upload_csv(client: TestClient, content: bytes = TINY_CSV, filename: str = "tiny.csv") -> dict:
    response = client.post("/v1/datasets", files={"file": (filename, content, "text/csv")})
    assert response.status_code == 201, response.text
    return response.json()


def run_job(client: TestClient, worker: Worker, body: dict, headers: dict | None = None) -> dict:
    """Queue a job with `body`, run it in this process as a worker would; the job as it ended."""
    response = client.post("/v1/jobs", json=body, headers=headers or {})
    assert response.status_code == 202, response.text
    run_next_job(worker)
    return client.get(f"/v1/jobs/{response.json()['id']}", headers=headers or {}).json()


@pytest.fixture
def train_job(client, worker):
    """`train_job(body, headers=None)`: run_job with this test's client and worker."""
    return lambda body, headers=None: run_job(client, worker, body, headers)


def run_next_job(worker: Worker) -> str | None:
    """Claim and run one queued job in this process, as a worker process would."""
    from service.jobs import queue

    claim = queue.claim(worker.db, worker_id=worker.worker_id, lease_seconds=worker.settings.lease_seconds)
    if claim is None:
        return None
    worker.process(claim)
    return claim.job_id
