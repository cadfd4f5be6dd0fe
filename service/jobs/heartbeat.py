"""A claimed job's heartbeat: a thread beside the training that, every `interval` seconds, renews the
lease, writes the epochs' costs in one batch and reads whether the job was cancelled. The training
thread hands it costs and progress; it never waits on the database."""

import contextvars
import logging
import threading

from service.core.db import UNREACHABLE, Database, out_of_space
from service.jobs import queue
from service.jobs.queue import Claim, EpochCosts, EpochProgress, LeaseLost

log = logging.getLogger("nnservice.worker")


class Heartbeat(threading.Thread):
    """Renews the lease and flushes costs every `interval` seconds until stopped."""

    def __init__(self, db: Database, claim: Claim, *, interval: float, lease_seconds: float):
        context = contextvars.copy_context()  # the job's ids, for its log records
        super().__init__(name=f"heartbeat-{claim.job_id[:8]}", daemon=True, target=lambda: context.run(self._beat))
        self.db, self.claim, self.interval, self.lease_seconds = db, claim, interval, lease_seconds
        self.pending: list[EpochCosts] = []  # appended by the training thread
        self.progress: EpochProgress | None = None  # set by the training thread, every epoch of every training
        self.lock = threading.Lock()
        self.cancel_requested = threading.Event()
        self.lease_lost = threading.Event()
        self.out_of_space: Exception | None = None  # set when the database refused a beat for lack of space
        self._stop_beating = threading.Event()

    def add(self, costs: EpochCosts) -> None:
        with self.lock:
            self.pending.append(costs)

    def at(self, progress: EpochProgress) -> None:
        with self.lock:
            self.progress = progress

    def take(self) -> list[EpochCosts]:
        with self.lock:
            taken, self.pending = self.pending, []
        return taken

    def latest(self) -> EpochProgress | None:
        with self.lock:
            return self.progress

    def _beat(self) -> None:
        while not self._stop_beating.wait(self.interval):
            costs, progress = self.take(), self.latest()
            try:
                if queue.heartbeat(
                    self.db, self.claim, lease_seconds=self.lease_seconds, costs=costs, progress=progress
                ):
                    self.cancel_requested.set()
            except LeaseLost:
                self.lease_lost.set()
                return
            except Exception as exc:  # a busy or briefly unreachable database: keep the costs, try next beat
                if out_of_space(exc):  # no beat will land until space is freed: the training stops, the job fails
                    self.out_of_space = exc
                    log.error("heartbeat for job %s: the database is out of space (%s)", self.claim.job_id, exc)
                elif isinstance(exc, UNREACHABLE):
                    log.warning("heartbeat for job %s failed: database unavailable (%s)", self.claim.job_id, exc.orig)
                else:
                    log.exception("heartbeat failed for job %s", self.claim.job_id)
                with self.lock:
                    self.pending[:0] = costs

    def stop(self) -> list[EpochCosts]:
        """Stop beating; return the costs not yet written."""
        self._stop_beating.set()
        self.join()
        return self.take()
