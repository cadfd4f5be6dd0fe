"""Start a server process and wait until it answers: the one helper the end-to-end tests and the
benchmarks share (`benchmarks/harness.py` re-exports it)."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
START_TIMEOUT = 60  # seconds for migrations and the first answer
STOP_TIMEOUT = 45  # seconds for a clean shutdown: workers end their epoch and exit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def admin_key(data_dir: Path) -> str:
    """The admin key that `serve` wrote on its first start with `data_dir`."""
    return (data_dir / "admin.key").read_text().strip()


class ServerProcess:
    """A server process, ready once `ready_path` answers a status that `ready` accepts; its output
    goes to `log`. Stopped with SIGTERM, as a container runtime stops it."""

    def __init__(
        self,
        command: list[str],
        *,
        port: int,
        env: dict,
        log: Path,
        cwd: Path = REPO,
        ready_path: str = "/readyz",
        ready: Callable[[int], bool] = lambda status: status == 200,
    ):
        import httpx  # a test dependency; imported here so that this module's constants load without it

        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log = open(log, "w")  # noqa: SIM115
        self.process = subprocess.Popen(command, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            try:
                if ready(httpx.get(self.url + ready_path, timeout=2).status_code):
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise AssertionError(f"{command} not ready in {START_TIMEOUT} s:\n{self.output()}")

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text()

    def stop(self, timeout: float = STOP_TIMEOUT) -> int:
        """SIGTERM, then SIGKILL if it has not exited within `timeout`; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.log.close()


def start_nnservice(data_dir: Path, *, workers: int, env: dict, port: int | None = None) -> ServerProcess:
    """`nnservice serve` with `workers` worker processes, its SQLite file under `data_dir` (or the
    database `env` names in DATABASE_URL)."""
    port = port or free_port()
    command = [sys.executable, "-m", "service", "serve", "--port", str(port), "--data-dir", str(data_dir)]
    command += ["--workers", str(workers)]
    return ServerProcess(command, port=port, env=env, log=data_dir / f"serve-{port}.log")


def service_env(database_url: str | None = None, extra: dict | None = None) -> dict:
    """This process's environment for a service process, without a DATABASE_URL of its own unless given."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return {**env, **(extra or {})}
