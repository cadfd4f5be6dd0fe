"""How an idle worker waits for work. On PostgreSQL it LISTENs for the NOTIFY sent when a job is
queued (`queue.announce_queued`) and wakes at once; a slow poll stays as the fallback, for
rescued jobs and a lost listening connection. On SQLite it polls, briefly.
"""

import logging
import threading
import time

import psycopg
from sqlalchemy.engine import URL

from service.core.db import POSTGRES_CONNECT_ARGS
from service.jobs.queue import JOB_QUEUED_CHANNEL

log = logging.getLogger("nnservice.worker")
STOP_CHECK_SECONDS = 0.5  # a waiting worker notices its stop event at least this often


class PollWakeup:
    def __init__(self, stop_event: threading.Event, seconds: float):
        self.stop_event, self.seconds = stop_event, seconds

    def listen(self) -> bool:
        return True

    def wait(self) -> None:
        self.stop_event.wait(self.seconds)

    def close(self) -> None:
        pass


class ListenWakeup:
    """A connection of its own, outside SQLAlchemy's pool, that only LISTENs."""

    def __init__(self, url: URL, stop_event: threading.Event, fallback_seconds: float):
        self.conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.stop_event, self.fallback_seconds = stop_event, fallback_seconds
        self.connection: psycopg.Connection | None = None

    def listen(self) -> bool:
        """Connect and LISTEN (again, after a lost connection); whether it is listening. Jobs queued
        before this returns are not announced to it: the worker claims right after."""
        if self.connection is None:
            try:
                self.connection = psycopg.connect(self.conninfo, autocommit=True, **POSTGRES_CONNECT_ARGS)
                self.connection.execute(f"LISTEN {JOB_QUEUED_CHANNEL}")
            except psycopg.Error as exc:
                log.warning("listening for queued jobs failed (%s); polling until it works", exc)
                self.close()
                return False
        return True

    def wait(self) -> None:
        """Until a job is announced, the fallback poll is due, or the worker is stopping."""
        deadline = time.monotonic() + self.fallback_seconds
        if self.connection is None:
            if self.listen():
                return  # newly listening: claim once, as anything queued before was not heard
            self.stop_event.wait(min(self.fallback_seconds, 1.0))
            return
        try:
            while not self.stop_event.is_set() and (left := deadline - time.monotonic()) > 0:
                for _ in self.connection.notifies(timeout=min(left, STOP_CHECK_SECONDS), stop_after=1):
                    return
        except psycopg.Error as exc:
            log.warning("the listening connection was lost (%s); reconnecting", exc)
            self.close()

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            finally:
                self.connection = None


def wakeup_for(url: URL, stop_event: threading.Event, *, listen: bool, poll_seconds: float, listen_poll_seconds: float):
    if listen and url.get_backend_name() == "postgresql":
        return ListenWakeup(url, stop_event, listen_poll_seconds)
    return PollWakeup(stop_event, poll_seconds)
