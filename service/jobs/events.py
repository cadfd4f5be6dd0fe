"""A job's live progress as Server-Sent Events.

However many clients follow one job, an API process reads the database for it once per
`events_poll_seconds` (a `Feed`), and hands what it read to every follower. A follower first reads
what it missed (all of it, or what came after its `Last-Event-ID`) and then takes the feed's
reads, skipping what it already sent, so each epoch reaches it once and in order.

Event ids are `attempt.epoch`: a job rescued after its worker died starts a new attempt at epoch 1.
"""

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import TypeVar

import anyio
import anyio.to_thread
from sqlalchemy import select

from service.core.db import Database
from service.core.status import ENDED
from service.core.tables import EpochRecord, Job
from service.jobs import history

T = TypeVar("T")
KEEPALIVE_SECONDS = 15.0  # a comment line, so that proxies keep an idle stream open
# Threads the streams' reads may take at once, of the pool's 40: many streams connecting together
# would otherwise fill it, and 40 threads busy in Python starve the event loop of the GIL, so that
# every other route (and the probes) answered seconds late.
STREAM_READ_THREADS = 4


POSITION_PATTERN = r"^[0-9]{1,9}\.[0-9]{1,9}$"  # a Position on the wire, as Last-Event-ID sends it back


@dataclass(frozen=True)
class Position:
    """The last epoch a client has: `attempt.epoch` on the wire."""

    attempt: int = 0
    epoch: int = 0

    @classmethod
    def parse(cls, event_id: str | None) -> "Position":
        if not event_id:
            return cls()
        attempt, epoch = event_id.split(".")
        return cls(int(attempt), int(epoch))


@dataclass(frozen=True)
class Snapshot:
    """One read of a job: its state, and the current attempt's epochs after a position."""

    status: str
    attempt: int
    epochs: int
    rows: list[dict]
    model_id: str | None
    error: str | None


def read_since(db: Database, job_id: str, after: Position) -> Snapshot | None:
    with db.read_session() as session:
        job = session.get(Job, job_id)
        if job is None:
            return None
        first = after.epoch if job.attempts == after.attempt else 0
        rows = session.scalars(
            select(EpochRecord)
            .where(EpochRecord.job_id == job_id, EpochRecord.attempt == job.attempts, EpochRecord.epoch > first)
            .order_by(EpochRecord.epoch)
        ).all()
        return Snapshot(
            status=job.status,
            attempt=job.attempts,
            epochs=job.epochs,
            rows=[history.row(r) for r in rows],
            model_id=job.model_id,
            error=job.error,
        )


class Feeds:
    """The API process's feeds, one per followed job, each ending with its last follower."""

    def __init__(self, db: Database, poll_seconds: float):
        self.db, self.poll_seconds = db, poll_seconds
        self._followers: dict[str, set[asyncio.Queue]] = {}
        self.reads = 0  # database reads made by feeds, for tests and metrics
        self._limiter: anyio.CapacityLimiter | None = None  # made in the event loop, at the first read

    async def read(self, function: Callable[..., T], *args) -> T:
        """`function(*args)` in the thread pool, taking at most STREAM_READ_THREADS of its threads."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(STREAM_READ_THREADS)
        return await anyio.to_thread.run_sync(function, *args, limiter=self._limiter)

    def subscribe(self, job_id: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        if job_id not in self._followers:
            self._followers[job_id] = set()
            asyncio.get_running_loop().create_task(self._feed(job_id))
        self._followers[job_id].add(queue)
        return queue

    def unsubscribe(self, job_id: str, queue: asyncio.Queue) -> None:
        self._followers.get(job_id, set()).discard(queue)

    async def _feed(self, job_id: str) -> None:
        position = Position()
        try:
            while self._followers.get(job_id):
                snapshot = await self.read(read_since, self.db, job_id, position)
                self.reads += 1
                for queue in self._followers[job_id]:
                    queue.put_nowait(snapshot)
                if snapshot is None or snapshot.status in ENDED:
                    return
                if snapshot.rows:
                    position = Position(snapshot.attempt, snapshot.rows[-1]["epoch"])
                await asyncio.sleep(self.poll_seconds)
        except Exception as exc:  # the database went away: followers end their streams
            for queue in self._followers.get(job_id, ()):
                queue.put_nowait(exc)
        finally:
            self._followers.pop(job_id, None)


async def follow(feeds: Feeds, job_id: str, after: Position) -> AsyncIterator[str]:
    """The job's events in the SSE wire format, from `after` until the job ends."""
    queue = feeds.subscribe(job_id)
    try:
        sent, status = after, None
        snapshot = await feeds.read(read_since, feeds.db, job_id, after)
        while snapshot is not None:
            if isinstance(snapshot, Exception):
                yield _event("error", {"detail": "the database is unreachable; reconnect shortly"})
                return
            rows = _new_rows(snapshot, sent)
            if rows:
                sent = Position(snapshot.attempt, rows[-1]["epoch"])
                data = {"attempt": snapshot.attempt, "epochs_total": snapshot.epochs, "epochs": rows}
                yield _event("progress", data, f"{sent.attempt}.{sent.epoch}")
            if snapshot.status != status:
                status = snapshot.status
                if status in ENDED:
                    end = {"status": status, "model_id": snapshot.model_id, "error": snapshot.error}
                    yield _event("end", end)
                    return
                yield _event("status", {"status": status, "attempt": snapshot.attempt})
            while True:
                try:
                    snapshot = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
                    break
                except TimeoutError:
                    yield ": keep-alive\n\n"
    finally:
        feeds.unsubscribe(job_id, queue)


def _new_rows(snapshot: Snapshot, sent: Position) -> list[dict]:
    if snapshot.attempt < sent.attempt:
        return []
    first = sent.epoch if snapshot.attempt == sent.attempt else 0
    return [row for row in snapshot.rows if row["epoch"] > first]


def _event(kind: str, data: dict, event_id: str | None = None) -> str:
    lines = [f"event: {kind}"] + ([f"id: {event_id}"] if event_id else []) + [f"data: {json.dumps(data)}"]
    return "\n".join(lines) + "\n\n"
