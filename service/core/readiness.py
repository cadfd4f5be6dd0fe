"""Readiness's look at the database, kept off the shared thread pool and the app's connections.

The routes' blocking work runs in AnyIO's thread pool (40 threads) on the app's connection pool;
when they are all taken (many event streams connecting, writes waiting on SQLite's lock), a check
queued behind them would answer late or never. This one has a thread and a connection of its own,
and an answer within READINESS_TIMEOUT_SECONDS whatever the database does: a check still running
then is awaited by the next probes rather than started again, so a stalled database holds one
thread, never more.
"""

import asyncio
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from sqlalchemy import text

from service.core.db import Database
from service.core.migrate import head_revision, revision_of

READINESS_TIMEOUT_SECONDS = 2.0  # a probe's answer, ready or not, comes within this


@dataclass(frozen=True)
class Schema:
    current: str | None  # the migration the database is at (None before the first)
    head: str  # the latest migration this release has


class DatabaseNotReady(Exception):
    """The database did not answer within the timeout, or failed: `reason` says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class ReadinessCheck:
    def __init__(self, database: Database, timeout_seconds: float = READINESS_TIMEOUT_SECONDS):
        self.timeout_seconds = timeout_seconds
        self._engine = database.probe_engine(timeout_seconds)
        self._owns_engine = self._engine is not database.engine
        self._executor: ThreadPoolExecutor | None = None  # made at the first check, again after close()
        self._running: Future[Schema] | None = None

    async def schema(self) -> Schema:
        """The database's migration and the latest one; DatabaseNotReady when it is unreachable or slow."""
        if self._running is None or self._running.done():
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nnservice-readiness")
            self._running = self._executor.submit(self._read)
        check = asyncio.wrap_future(self._running)
        check.add_done_callback(_retrieve)  # its failure, when this probe gave up before, is the next one's
        try:
            # shielded: a probe that gives up leaves the check running for the next one
            return await asyncio.wait_for(asyncio.shield(check), self.timeout_seconds)
        except TimeoutError:
            raise DatabaseNotReady(f"no answer within {self.timeout_seconds:g} s") from None
        except Exception as exc:
            raise DatabaseNotReady(type(exc).__name__) from exc

    def _read(self) -> Schema:
        with self._engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            current = revision_of(connection)
        return Schema(current=current, head=head_revision())

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor, self._running = None, None
        if self._owns_engine:
            self._engine.dispose()


def _retrieve(future: "asyncio.Future[Schema]") -> None:
    if not future.cancelled():
        future.exception()  # so that asyncio does not log "exception was never retrieved"
