"""Start the real `nnservice serve` (API + worker processes) on a temporary SQLite file."""

import time
from pathlib import Path

import httpx
import pytest

from tests.postgres import fresh_database
from tests.server_process import REPO, admin_key, free_port, start_nnservice
from tests.server_process import service_env as process_env

EXAMPLES = REPO / "examples"
__all__ = ["REPO", "EXAMPLES", "admin_key", "free_port"]  # for the tests that import them from here


class Server:
    """`nnservice serve` on `data_dir`, with a client that carries the admin key it made."""

    def __init__(self, data_dir: Path, workers: int, database_url: str | None = None, env: dict | None = None):
        self.data_dir = data_dir
        self.server = start_nnservice(data_dir, workers=workers, env=service_env(database_url, env))
        self.port, self.url, self.process = self.server.port, self.server.url, self.server.process
        self.client = httpx.Client(base_url=self.url, timeout=30)
        self.client.headers["Authorization"] = f"Bearer {admin_key(data_dir)}"

    def output(self) -> str:
        return self.server.output()

    def stop(self) -> int:
        """SIGTERM, as a container runtime sends it; the exit code."""
        self.client.close()
        return self.server.stop()


def service_env(database_url: str | None, extra: dict | None = None) -> dict:
    """The environment of a service process: quick beats and polls, so tests need not wait long."""
    quick = {"NNSERVICE_HEARTBEAT_SECONDS": "0.2", "NNSERVICE_POLL_SECONDS": "0.1"}
    return process_env(database_url, {**quick, **(extra or {})})


@pytest.fixture
def start_server(tmp_path):
    servers: list[Server] = []

    def start(workers: int = 2, database_url: str | None = None, env: dict | None = None) -> Server:
        server = Server(tmp_path, workers, database_url, env)
        servers.append(server)
        return server

    yield start
    for server in servers:
        if server.process.poll() is None:
            server.stop()


def wait_for_status(client: httpx.Client, job_id: str, statuses: set[str], timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/v1/jobs/{job_id}").json()
        if job["status"] in statuses or time.monotonic() > deadline:
            return job
        time.sleep(0.1)


@pytest.fixture
def postgres_database():
    """An empty database on the PostgreSQL server for one test; `serve` migrates it."""
    with fresh_database("nnservice_e2e") as url:
        yield url


def upload_breast_cancer(client: httpx.Client) -> dict:
    with open(EXAMPLES / "breast_cancer.csv", "rb") as f:
        response = client.post("/v1/datasets", files={"file": ("breast_cancer.csv", f, "text/csv")})
    response.raise_for_status()
    return response.json()


def queue_breast_cancer_job(client: httpx.Client, headers: dict | None = None, **hyperparameters) -> dict:
    """Upload the example and queue a job predicting its diagnosis."""
    dataset = upload_breast_cancer(client)
    body = {"dataset_id": dataset["id"], "target": "diagnosis", "exclude": ["id"], "hyperparameters": hyperparameters}
    response = client.post("/v1/jobs", json=body, headers=headers)
    assert response.status_code == 202, response.text
    return response.json()
