"""What the service benchmarks share: a free port, and a server process run until it answers."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Process:
    """A server process, ready once `ready_path` answers; stopped with SIGTERM."""

    def __init__(self, command: list[str], *, cwd: Path, env: dict, port: int, ready_path: str, log: Path):
        self.url = f"http://127.0.0.1:{port}"
        self.log = open(log, "w")  # noqa: SIM115
        self.process = subprocess.Popen(command, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, log.read_text()
            try:
                if httpx.get(self.url + ready_path, timeout=1).status_code < 500:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        raise RuntimeError(f"{command} did not start:\n{log.read_text()}")

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)
        self.log.close()


def admin_key(data_dir: Path) -> str:
    """The admin key that `serve` wrote on its first start with `data_dir`."""
    return (data_dir / "admin.key").read_text().strip()


def start_service(data_dir: Path, workers: int, env: dict | None = None) -> Process:
    """`nnservice serve` on SQLite under `data_dir`; the API runs in this process itself (its `pid`)."""
    port = free_port()
    environment = {**os.environ, "NNSERVICE_LOG_FORMAT": "json", **(env or {})}
    environment.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "service", "serve", "--port", str(port), "--data-dir", str(data_dir)]
    command += ["--workers", str(workers)]
    return Process(
        command, cwd=REPO, env=environment, port=port, ready_path="/readyz", log=data_dir / f"serve-{port}.log"
    )
