"""What the service benchmarks share: a free port, and a server process run until it answers. The
process helper is the tests' own (`tests/server_process.py`), so tests and benchmarks start servers alike."""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the scripts run from benchmarks/: make the repository's packages importable

from tests.server_process import ServerProcess, admin_key, free_port, service_env, start_nnservice  # noqa: E402


class Process(ServerProcess):
    """A server that is up once it answers anything below 500 (the MLflow reference's /ping, the ceiling app)."""

    def __init__(self, command: list[str], **options):
        super().__init__(command, ready=lambda status: status < 500, **options)


__all__ = ["REPO", "Process", "admin_key", "free_port", "start_nnservice", "start_service"]


def start_service(data_dir: Path, workers: int, env: dict | None = None) -> ServerProcess:
    """`nnservice serve` on SQLite under `data_dir`; the API runs in this process itself (its `pid`)."""
    return start_nnservice(
        data_dir, workers=workers, env=service_env(extra={"NNSERVICE_LOG_FORMAT": "json", **(env or {})})
    )
