"""Each worker process keeps a row in `worker` fresh, busy or idle, so an operator can count the
workers and see how long ago each was last heard from (/metrics), on any number of hosts. A clean
stop deletes the row; a killed worker's row stays, ageing, until STALE_ROW_SECONDS have passed,
so an alert on the heartbeat age can fire before it goes."""

import logging
import threading

from sqlalchemy import delete

from service.core.db import Database, upsert_insert
from service.core.db_clock import db_now
from service.core.tables import WorkerPresence

log = logging.getLogger("nnservice.worker")
BEAT_SECONDS = 5.0
STALE_ROW_SECONDS = 3600.0


def beat(db: Database, worker_id: str, job_id: str | None) -> None:
    with db.write_session() as session:
        session.execute(
            upsert_insert(session, WorkerPresence)
            .values(id=worker_id, started_at=db_now(), heartbeat_at=db_now(), job_id=job_id)
            .on_conflict_do_update(
                index_elements=[WorkerPresence.id], set_={"heartbeat_at": db_now(), "job_id": job_id}
            )
        )
        session.execute(delete(WorkerPresence).where(WorkerPresence.heartbeat_at < db_now(-STALE_ROW_SECONDS)))


def withdraw(db: Database, worker_id: str) -> None:
    with db.write_session() as session:
        session.execute(delete(WorkerPresence).where(WorkerPresence.id == worker_id))


class Presence(threading.Thread):
    """Beats for one worker every BEAT_SECONDS, and at once when its job changes."""

    def __init__(self, db: Database, worker_id: str, *, interval: float = BEAT_SECONDS):
        super().__init__(name="worker-presence", daemon=True)
        self.db, self.worker_id, self.interval = db, worker_id, interval
        self.job_id: str | None = None
        self._changed = threading.Event()
        self._stopping = threading.Event()

    def holding(self, job_id: str | None) -> None:
        self.job_id = job_id
        self._changed.set()

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                beat(self.db, self.worker_id, self.job_id)
            except Exception as exc:  # the database is away: the row ages, which is what it should show
                log.warning("worker %s: presence beat failed (%s)", self.worker_id, type(exc).__name__)
            self._changed.wait(self.interval)
            self._changed.clear()

    def stop(self) -> None:
        self._stopping.set()
        self._changed.set()
        self.join()
        try:
            withdraw(self.db, self.worker_id)
        except Exception as exc:
            log.warning("worker %s: could not withdraw its presence row (%s)", self.worker_id, type(exc).__name__)
