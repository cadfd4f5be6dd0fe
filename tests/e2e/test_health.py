"""Liveness and readiness on the real server answer from the event loop: while 300 event streams
connect and stay open, while a SQLite write lock is held and the writes waiting on it fill the thread
pool, and (readiness 503 within its timeout) while PostgreSQL stalls."""

import asyncio
import resource
import socket
import sqlite3
import threading
import time

import httpx
from sqlalchemy.engine import make_url

from service.core.readiness import READINESS_TIMEOUT_SECONDS

from .conftest import admin_key, free_port, queue_breast_cancer_job, wait_for_status

STREAMS = 300
PROBES = 20  # of each of /healthz and /readyz
PROBE_DEADLINE = 1.0  # seconds a probe may take while the server is busy
MARGIN = 1.0  # seconds past readiness's own timeout for its 503 to arrive


def ensure_open_files(needed: int) -> None:
    """Raise this process's open-file limit (the server, started after, inherits it) to `needed`."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        assert hard == resource.RLIM_INFINITY or hard >= needed, f"the open-file limit {hard} is below {needed}"
        resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


def server_open_file_limit(pid: int) -> int:
    with open(f"/proc/{pid}/limits") as limits:
        line = next(line for line in limits if line.startswith("Max open files"))
    return int(line.split()[3])


def probes(url: str, count: int, interval: float) -> list[tuple[str, int, float]]:
    """`count` probes of each path, one pair every `interval` seconds, each on a connection of its own
    (as kubelet sends them): (path, status, seconds), a status 0 for a probe that timed out."""
    results: list[tuple[str, int, float]] = []
    # one client made beforehand (making one loads CA certificates: 40 at once would time this process)
    client = httpx.Client(base_url=url, timeout=10, limits=httpx.Limits(max_keepalive_connections=0))

    def one(path: str) -> None:
        started = time.monotonic()
        try:
            status = client.get(path).status_code
        except httpx.TimeoutException:
            status = 0
        results.append((path, status, time.monotonic() - started))

    threads = []
    for _ in range(count):
        for path in ("/healthz", "/readyz"):
            threads.append(threading.Thread(target=one, args=(path,)))
            threads[-1].start()
        time.sleep(interval)
    for thread in threads:
        thread.join()
    client.close()
    return results


def slow(results: list[tuple[str, int, float]]) -> list[tuple[str, int, float]]:
    return [r for r in results if r[1] != 200 or r[2] > PROBE_DEADLINE]


class Streams:
    """`count` event streams of one job over raw sockets (light on this process's CPU, so the probes'
    times are the server's), on an event loop in a thread of their own; `opened` once each has had
    its first event. They stay open until `close()`."""

    def __init__(self, port: int, path: str, key: str, count: int):
        self.request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {key}\r\n\r\n".encode()
        self.port, self.left = port, count
        self.opened = threading.Event()
        self.started = time.monotonic()
        self.opened_after = float("nan")
        self._loop = asyncio.new_event_loop()
        self._tasks: list[asyncio.Task] = []
        self._thread = threading.Thread(target=self._run, args=(count,), daemon=True)
        self._thread.start()

    async def _follow(self) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        try:
            writer.write(self.request)
            assert (await reader.readline()).startswith(b"HTTP/1.1 200")
            while not (await reader.readline()).startswith(b"event: "):
                pass
            self.left -= 1
            if self.left == 0:
                self.opened_after = time.monotonic() - self.started
                self.opened.set()
            await asyncio.Event().wait()  # until cancelled by close()
        finally:
            writer.close()

    def _run(self, count: int) -> None:
        async def follow_all() -> None:
            self._tasks = [asyncio.create_task(self._follow()) for _ in range(count)]
            await asyncio.gather(*self._tasks, return_exceptions=True)

        self._loop.run_until_complete(follow_all())

    def close(self) -> None:
        for task in self._tasks:
            self._loop.call_soon_threadsafe(task.cancel)
        self._thread.join(timeout=30)


def test_probes_answer_within_a_second_while_300_event_streams_connect_and_stay_open(start_server):
    ensure_open_files(4 * STREAMS + 256)  # each stream is a socket here and one in the server
    server = start_server(workers=1)
    assert server_open_file_limit(server.process.pid) >= 2 * STREAMS
    # a running job, whose epochs (batches of one row) come slowly: each stream first reads all of
    # them, so a long history would make the streams themselves slow to open
    job = queue_breast_cancer_job(server.client, epochs=50_000, batch_size=1)
    assert wait_for_status(server.client, job["id"], {"running"}, timeout=30)["status"] == "running"
    path = f"/v1/jobs/{job['id']}/events"

    streams = Streams(server.port, path, admin_key(server.data_dir), STREAMS)
    try:
        connecting = probes(server.url, PROBES, interval=0.05)  # while the streams connect ...
        assert streams.opened.wait(timeout=40), "the streams did not all open in 40 s"
        open_ = probes(server.url, PROBES, interval=0.05)  # ... and while all of them are open
        started = time.monotonic()
        assert server.client.get(f"/v1/jobs/{job['id']}").status_code == 200  # a route of the thread pool
        pool_route = time.monotonic() - started
    finally:
        streams.close()
    print(f"{STREAMS} streams open after {streams.opened_after:.2f} s; GET /v1/jobs/{{id}} then: {pool_route:.3f} s")
    for phase, results in (("connecting", connecting), ("open", open_)):
        for probed in ("/healthz", "/readyz"):
            times = sorted(t for p, _, t in results if p == probed)
            print(
                f"  {probed} while the streams are {phase}: median {times[len(times) // 2]:.3f} s, max {times[-1]:.3f} s"
            )
    assert len(connecting) == len(open_) == 2 * PROBES
    assert slow(connecting) == [] and slow(open_) == []


def timed_get(client: httpx.Client, path: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def test_probes_answer_at_once_while_writes_wait_on_a_held_sqlite_write_lock(start_server):
    server = start_server(workers=1)
    database = server.data_dir / "nnservice.db"
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    writers: list[threading.Thread] = []
    statuses: list[int] = []
    try:
        # 50 uploads, each waiting out the busy timeout (5 s) in a thread of the pool: all 40 of them taken
        for i in range(50):
            body = {"columns": ["a", "y"], "rows": [[i, 0], [i + 1, 1]]}
            post = lambda body=body: statuses.append(server.client.post("/v1/datasets", json=body).status_code)  # noqa: E731
            writers.append(threading.Thread(target=post))
            writers[-1].start()
        time.sleep(1.0)
        assert statuses == [], "the uploads should still be waiting on the lock"
        probe = httpx.Client(base_url=server.url, timeout=10)
        for _ in range(5):
            live, live_seconds = timed_get(probe, "/healthz")
            assert live.status_code == 200 and live_seconds < PROBE_DEADLINE, live_seconds
            # a write lock does not stop reads (WAL): ready, and at once, without a thread of the pool
            ready, ready_seconds = timed_get(probe, "/readyz")
            assert ready.status_code == 200 and ready_seconds < PROBE_DEADLINE, (ready.text, ready_seconds)
        assert statuses == [], "the probes should have answered while the uploads still waited"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        for writer in writers:
            writer.join(timeout=30)
    assert set(statuses) <= {201, 503} and len(statuses) == 50
    assert probe.get("/readyz").status_code == 200


class Relay:
    """A TCP forwarder to PostgreSQL that can stall: paused, it keeps every connection open and
    reads what is sent (so TCP acknowledges it) but forwards nothing, as a hung server would."""

    def __init__(self, target: tuple[str, int]):
        self.target, self.port = target, free_port()
        self.flowing = threading.Event()
        self.flowing.set()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._sockets: list[socket.socket] = [self._listener]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self._sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                self.flowing.wait()
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self.flowing.set()
        for s in self._sockets:
            s.close()


def test_readiness_answers_503_within_its_timeout_while_postgresql_stalls(start_server, postgres_database):
    url = make_url(postgres_database)
    relay = Relay((url.host or "127.0.0.1", url.port or 5432))
    server = None
    try:
        server = start_server(
            workers=1, database_url=url.set(host="127.0.0.1", port=relay.port).render_as_string(False)
        )
        probe = httpx.Client(base_url=server.url, timeout=30)
        assert probe.get("/readyz").status_code == 200
        relay.flowing.clear()  # PostgreSQL stops answering
        for _ in range(3):  # a check still stuck is awaited by the next probes, not started again
            live, live_seconds = timed_get(probe, "/healthz")
            assert live.status_code == 200 and live_seconds < PROBE_DEADLINE, live_seconds
            ready, ready_seconds = timed_get(probe, "/readyz")
            assert ready.status_code == 503, ready.text
            assert READINESS_TIMEOUT_SECONDS - 0.1 < ready_seconds < READINESS_TIMEOUT_SECONDS + MARGIN, ready_seconds
            assert ready.headers["content-type"] == "application/problem+json" and ready.headers["retry-after"]
            assert "unreachable" in ready.json()["detail"]
        relay.flowing.set()
        deadline = time.monotonic() + 10
        while (status := probe.get("/readyz").status_code) != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert status == 200
        probe.close()
    finally:
        relay.flowing.set()
        if server is not None:
            server.stop()  # while the relay still forwards, so that the shutdown is clean
        relay.close()
