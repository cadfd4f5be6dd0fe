"""docker-compose.yml's services, run as processes with their own commands and environment (this
machine kind has no Docker engine): the API without workers, and two workers, on PostgreSQL."""

import subprocess
import sys
import time
from pathlib import Path

import httpx
import yaml

from tests.server_process import ServerProcess

from .conftest import REPO, admin_key, free_port, service_env, wait_for_status

COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text())


def compose_command(name: str, database_url: str, log_path: Path) -> tuple[list[str], dict]:
    """The command and environment compose gives service `name`, as a local process."""
    service = COMPOSE["services"][name]
    command = service["command"]
    assert command[0] == "nnservice"
    # The compose file's database host is "postgres"; here it is the test's own database.
    env = {k: str(v) for k, v in service.get("environment", {}).items() if k != "DATABASE_URL"}
    env["NNSERVICE_DATA_DIR"] = str(log_path.parent)  # where `serve` writes its first admin key
    return [sys.executable, "-m", "service", *command[1:]], service_env(database_url, env)


def service_process(name: str, database_url: str, log_path: Path) -> subprocess.Popen:
    command, env = compose_command(name, database_url, log_path)
    with open(log_path, "w") as log:
        return subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_for_line(log_path: Path, words: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while words not in log_path.read_text():
        assert time.monotonic() < deadline, f"{log_path.name} never said {words!r}:\n{log_path.read_text()}"
        time.sleep(0.1)


def test_compose_services_run_a_job_end_to_end(postgres_database, tmp_path):
    assert COMPOSE["services"]["api"]["environment"]["DATABASE_URL"].startswith("postgresql+psycopg://")
    port = free_port()
    command, env = compose_command("api", postgres_database, tmp_path / "api.log")
    # ready once /readyz answers 200: what the workers' depends_on waits for
    api = ServerProcess([*command, "--port", str(port)], port=port, env=env, log=tmp_path / "api.log")
    workers: list[subprocess.Popen] = []
    try:
        client = httpx.Client(base_url=api.url, timeout=30)
        client.headers["Authorization"] = f"Bearer {admin_key(tmp_path)}"
        workers = [service_process("worker", postgres_database, tmp_path / f"worker-{i}.log") for i in range(2)]
        # both in their loop, so both stop cleanly at the end (a worker still importing dies of the signal)
        for i in range(2):
            wait_for_line(tmp_path / f"worker-{i}.log", "started (BLAS: ")
        dataset = client.post(
            "/v1/datasets",
            content=b"x,label\n" + b"".join(f"{i},{i % 2}\n".encode() for i in range(40)),
            headers={"Content-Type": "text/csv"},
        ).json()
        body = {"dataset_id": dataset["id"], "target": "label", "hyperparameters": {"epochs": 5}}
        ids = [client.post("/v1/jobs", json=body).json()["id"] for _ in range(4)]
        ended = [wait_for_status(client, job_id, {"succeeded", "failed"}, timeout=60) for job_id in ids]
        assert [job["status"] for job in ended] == ["succeeded"] * 4
        client.close()
    finally:
        for process in [api.process, *workers]:
            process.terminate()
        assert api.stop(timeout=30) == 0
        for process in workers:
            try:
                assert process.wait(timeout=30) == 0
            finally:
                if process.poll() is None:
                    process.kill()
