"""The worker processes that `serve` (or `worker --workers N`) starts, kept running: a worker that
dies (killed by the OOM killer, say: any exit but a clean one after a stop signal) is replaced,
and its job is rescued by the queue when its lease runs out. On stop, every worker is sent SIGTERM and given time to hand its job back.
"""

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from typing import cast

from service.core import blas
from service.jobs.worker import PARENT_PID_ENV

BLAS_THREADS_ENV = "NNSERVICE_BLAS_THREADS"

log = logging.getLogger("nnservice")
STOP_SECONDS = 30  # how long a stopping worker gets to end its epoch and hand back its job
CHECK_SECONDS = 1.0
SHORT_LIFE_SECONDS = 10.0  # a worker that dies younger than this is restarted with a growing delay
MAX_RESTART_DELAY_SECONDS = 60.0


class WorkerProcesses:
    def __init__(self, count: int):
        self.env = {**os.environ, PARENT_PID_ENV: str(os.getpid())}
        # N workers on N cores: one BLAS thread each, or they fight over the cores (a setting wins).
        self.env.setdefault(BLAS_THREADS_ENV, str(blas.threads_per_worker(count)))
        self.children = [self._spawn() for _ in range(count)]
        self._started_at = [time.monotonic()] * count
        self._delays = [0.0] * count
        self._restart_at: list[float | None] = [None] * count  # when a dead worker's slot is refilled
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._watcher = threading.Thread(target=self._watch, name="worker-supervisor", daemon=True)
        self._watcher.start()

    def _spawn(self) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "service", "worker", "--workers", "1"], env=self.env)

    def _watch(self) -> None:
        while not self._stopping.wait(CHECK_SECONDS):
            for slot, child in enumerate(self.children):
                if child.poll() not in (None, 0):  # 0: it was told to stop (Ctrl-C reaches it too)
                    self._replace(slot, child)

    def _replace(self, slot: int, child: subprocess.Popen) -> None:
        now = time.monotonic()
        if self._restart_at[slot] is None:
            lived = now - self._started_at[slot]
            short = lived < SHORT_LIFE_SECONDS  # crashing at start: wait longer each time
            delay = min(max(self._delays[slot] * 2, 1.0), MAX_RESTART_DELAY_SECONDS) if short else 0.0
            self._delays[slot], self._restart_at[slot] = delay, now + delay
            log.warning(
                "worker process %d exited (code %s); starting another in %.0f s", child.pid, child.returncode, delay
            )
        if now < cast(float, self._restart_at[slot]):  # set above, if it was not
            return
        with self._lock:
            if not self._stopping.is_set():
                self.children[slot] = self._spawn()
                self._started_at[slot], self._restart_at[slot] = now, None

    def wait(self) -> None:
        """Until stopped (the workers are replaced when they exit, so this outlasts any one)."""
        while not self._stopping.wait(CHECK_SECONDS):
            pass

    def stop(self) -> None:
        """SIGTERM: each worker ends its epoch, hands its job back to the queue (or finishes it, when
        nearly done), and exits."""
        with self._lock:
            self._stopping.set()
        for child in self.children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in self.children:
            try:
                child.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                child.kill()
