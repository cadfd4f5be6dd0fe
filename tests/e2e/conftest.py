"""Start the real `nnservice serve` (API + worker processes) on a temporary SQLite file."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from ..postgres import fresh_database

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
START_TIMEOUT = 60  # seconds for migrations and the first /readyz
STOP_TIMEOUT = 45  # seconds for a clean shutdown: workers end their epoch and exit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, data_dir: Path, workers: int, database_url: str | None = None, env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = data_dir
        env = service_env(database_url, env)
        self.log = open(data_dir / f"server-{self.port}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "service",
                "serve",
                "--port",
                str(self.port),
                "--data-dir",
                str(data_dir),
                "--workers",
                str(workers),
            ],
            cwd=REPO,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.client = httpx.Client(base_url=self.url, timeout=30)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            try:
                if self.client.get("/readyz").status_code == 200:
                    # the admin key that `serve` made on its first start
                    self.client.headers["Authorization"] = f"Bearer {admin_key(data_dir)}"
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"server not ready in {START_TIMEOUT} s:\n{self.output()}")

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text()

    def stop(self) -> int:
        """SIGTERM, as a container runtime sends it; the exit code."""
        self.client.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=STOP_TIMEOUT)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.log.close()


def admin_key(data_dir: Path) -> str:
    return (data_dir / "admin.key").read_text().strip()


def service_env(database_url: str | None, extra: dict | None = None) -> dict:
    """The environment of a service process: quick beats and polls, so tests need not wait long."""
    env = {**os.environ, "NNSERVICE_HEARTBEAT_SECONDS": "0.2", "NNSERVICE_POLL_SECONDS": "0.1"}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return {**env, **(extra or {})}


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
