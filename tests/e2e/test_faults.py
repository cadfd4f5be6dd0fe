"""Scale-out under faults, on PostgreSQL and on SQLite, with real processes: the API (`serve --workers 0`) and
worker processes of the test's own, which it kills, stops, pauses and resumes, and a database
that is cut off and restarted. The queue's audit trail (`job_claim`) shows who held each job when.
"""

import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import bindparam, create_engine, text

from .conftest import REPO, service_env

LEASE_SECONDS = 2  # short, so a lost worker's job is rescued quickly
WORKER_ENV = {
    "NNSERVICE_LEASE_SECONDS": str(LEASE_SECONDS),
    "NNSERVICE_HEARTBEAT_SECONDS": "0.2",
    "NNSERVICE_LISTEN_POLL_SECONDS": "0.5",
    "NNSERVICE_SHUTDOWN_FINISH_SECONDS": "0",  # SIGTERM always hands the job back
    "NNSERVICE_BLAS_THREADS": "1",
}
SLOW = {"hidden_layers": [64, 64], "batch_size": 100}  # a few ms per epoch on the 2,000-row dataset


def synthetic_csv(rows: int) -> bytes:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(rows, 16))
    y = X[:, 0] + X[:, 1] * X[:, 2] > 0
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([f"x{i}" for i in range(16)] + ["label"])
    writer.writerows([*map("{:.4f}".format, x), "yes" if label else "no"] for x, label in zip(X, y, strict=True))
    return out.getvalue().encode()


class Workers:
    """Worker processes (`nnservice worker`), one per process, as on separate hosts."""

    def __init__(self, database_url: str, log_dir: Path):
        self.env = service_env(database_url, WORKER_ENV)
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen] = []

    def start(self, count: int = 1, env: dict | None = None) -> list[subprocess.Popen]:
        started = []
        for _ in range(count):
            log = open(self.log_dir / f"worker-{len(self.processes)}.log", "w")  # noqa: SIM115
            process = subprocess.Popen(
                [sys.executable, "-m", "service", "worker"],
                cwd=REPO,
                env={**self.env, **(env or {})},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            process.log_path = Path(log.name)
            log.close()
            self.processes.append(process)
            started.append(process)
        return started

    def holding(self, worker_id: str | None) -> subprocess.Popen | None:
        """The process whose worker id (host:pid) this is."""
        return next((p for p in self.processes if worker_id and worker_id.endswith(f":{p.pid}")), None)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGCONT)  # a paused one must run to hear SIGTERM
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Cluster:
    def __init__(self, api, workers: Workers, database_url: str):
        self.api, self.workers = api, workers
        self.engine = create_engine(database_url, pool_pre_ping=True)

    def upload(self, content: bytes) -> str:
        response = self.api.client.post("/v1/datasets", files={"file": ("data.csv", content, "text/csv")})
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def submit(self, dataset_id: str, count: int, **hyperparameters) -> list[str]:
        body = {"dataset_id": dataset_id, "target": "label", "hyperparameters": hyperparameters}
        ids = []
        for _ in range(count):
            response = self.api.client.post("/v1/jobs", json=body)
            assert response.status_code == 202, response.text
            ids.append(response.json()["id"])
        return ids

    def query(self, sql: str, **params) -> list:
        with self.engine.connect() as connection:
            return connection.execute(text(sql), params).all()

    def jobs(self, ids: list[str]) -> dict[str, object]:
        statement = text("SELECT * FROM job WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))
        with self.engine.connect() as connection:
            return {row.id: row for row in connection.execute(statement, {"ids": ids})}

    def wait_until_ended(self, ids: list[str], timeout: float, while_waiting=None) -> dict[str, object]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if while_waiting:
                while_waiting()
            jobs = self.jobs(ids)
            if all(j.status in ("succeeded", "failed", "cancelled") for j in jobs.values()):
                return jobs
            time.sleep(0.1)
        pending = {j.id: j.status for j in self.jobs(ids).values() if j.status in ("queued", "running")}
        raise AssertionError(f"{len(pending)} job(s) not ended in {timeout} s: {pending}")

    def wait_running(self, job_id: str, *, on=None, timeout: float = 60) -> object:
        """Until the job is running, on worker process `on` if given, past its first epoch."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.jobs([job_id])[job_id]
            holder = self.workers.holding(job.worker_id)
            if job.status == "running" and job.epoch >= 1 and (on is None or holder is on):
                return job
            time.sleep(0.05)
        raise AssertionError(f"job {job_id} not seen running in {timeout} s")

    def claims(self, job_id: str) -> list:
        return self.query("SELECT * FROM job_claim WHERE job_id = :id ORDER BY claimed_at, attempt", id=job_id)

    def models(self) -> dict[str, list[str]]:
        """Job id -> ids of the models it left."""
        found: dict[str, list[str]] = {}
        for row in self.query("SELECT id, job_id FROM model"):
            found.setdefault(row.job_id, []).append(row.id)
        return found

    def assert_no_job_held_twice(self) -> None:
        """Every claim of a job ended before the next began, and at most one is open."""
        rows = self.query("SELECT * FROM job_claim ORDER BY job_id, claimed_at, attempt")
        by_job: dict[str, list] = {}
        for row in rows:
            by_job.setdefault(row.job_id, []).append(row)
        for job_id, claims in by_job.items():
            for earlier, later in zip(claims, claims[1:], strict=False):
                assert earlier.ended_at is not None and earlier.ended_at <= later.claimed_at, (job_id, claims)
            assert sum(c.outcome is None for c in claims) <= 1, (job_id, claims)

    def epochs_seen(self, job_id: str) -> list[int]:
        history = self.api.client.get(f"/v1/jobs/{job_id}/cost-history").json()
        return [row["epoch"] for row in history["data"]]


@pytest.fixture(params=["postgresql", "sqlite"])
def cluster(request, start_server, tmp_path):
    """The API and the test's workers on one database: PostgreSQL, or a SQLite file they share."""
    env = {"NNSERVICE_MAX_ATTEMPTS": "3", "NNSERVICE_MAX_ACTIVE_JOBS_PER_OWNER": "1000"}  # 500 jobs at once
    if request.param == "postgresql":
        database_url = request.getfixturevalue("postgres_database")
        api = start_server(workers=0, database_url=database_url, env=env)
    else:
        api = start_server(workers=0, env=env)  # SQLite under tmp_path
        database_url = f"sqlite:///{tmp_path / 'nnservice.db'}"
    workers = Workers(database_url, tmp_path)
    cluster = Cluster(api, workers, database_url)
    yield cluster
    workers.stop_all()
    cluster.engine.dispose()


def test_500_jobs_through_4_workers_each_run_exactly_once(cluster):
    dataset_id = cluster.upload(synthetic_csv(60))
    cluster.workers.start(4, env={"NNSERVICE_LEASE_SECONDS": "30"})  # no rescue: any second claim is a bug
    ids = cluster.submit(dataset_id, 500, hidden_layers=[2], epochs=2)
    jobs = cluster.wait_until_ended(ids, timeout=300)
    assert {j.status for j in jobs.values()} == {"succeeded"}
    models = cluster.models()
    assert sorted(models) == sorted(ids) and all(len(m) == 1 for m in models.values())
    assert all(jobs[i].model_id == models[i][0] for i in ids)
    claims = cluster.query("SELECT job_id, outcome, worker_id FROM job_claim")
    assert len(claims) == 500 and {c.job_id for c in claims} == set(ids)  # one claim each, none twice
    assert {c.outcome for c in claims} == {"succeeded"}
    assert len({c.worker_id for c in claims}) == 4  # all four took their share
    cluster.assert_no_job_held_twice()


def test_workers_killed_mid_training_lose_no_job(cluster):
    """At least 10 SIGKILLs: one job's worker is killed on every attempt (it fails as lost after
    3), eight others once each (they are rescued and succeed), a fresh worker replacing each."""
    dataset_id = cluster.upload(synthetic_csv(2000))
    cluster.workers.start(4)
    epochs = 400
    victim, *others = cluster.submit(dataset_id, 12, epochs=epochs, **SLOW)
    killed: dict[str, int] = {}

    def kill_some() -> None:
        for job in cluster.query("SELECT id, worker_id, epoch FROM job WHERE status = 'running'"):
            wanted = job.id == victim or (len(killed) < 9 and job.id not in killed)
            process = cluster.workers.holding(job.worker_id)
            if wanted and job.epoch >= 1 and process is not None and process.poll() is None:
                process.kill()
                process.wait()
                cluster.workers.start(1)
                # The job it really held when it died (it may have moved on since the query): its
                # claim stays open until the job is rescued.
                held = cluster.query(
                    "SELECT job_id FROM job_claim WHERE worker_id = :w AND outcome IS NULL", w=job.worker_id
                )
                for (job_id,) in held:
                    killed[job_id] = killed.get(job_id, 0) + 1

    jobs = cluster.wait_until_ended([victim, *others], timeout=240, while_waiting=kill_some)
    assert sum(killed.values()) >= 10, killed
    lost = jobs[victim]
    assert lost.status == "failed" and lost.attempts == 3 and "worker running this job was lost" in lost.error
    assert [c.outcome for c in cluster.claims(victim)] == ["lost"] * 3
    models = cluster.models()
    assert victim not in models
    for job_id in others:
        assert jobs[job_id].status == "succeeded", jobs[job_id].error
        assert len(models[job_id]) == 1
        assert cluster.epochs_seen(job_id) == list(range(1, epochs + 1))  # no epoch twice
        outcomes = [c.outcome for c in cluster.claims(job_id)]
        assert outcomes == ["lost"] * killed.get(job_id, 0) + ["succeeded"]
    cluster.assert_no_job_held_twice()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopping_worker_hands_its_job_to_another(cluster, signum):
    dataset_id = cluster.upload(synthetic_csv(2000))
    (first,) = cluster.workers.start(1)
    (job_id,) = cluster.submit(dataset_id, 1, epochs=1500, **SLOW)
    cluster.wait_running(job_id, on=first)
    (second,) = cluster.workers.start(1)
    first.send_signal(signum)
    assert first.wait(timeout=20) == 0  # it ended its epoch, handed the job back and exited
    job = cluster.wait_until_ended([job_id], timeout=120)[job_id]
    assert job.status == "succeeded" and job.attempts == 1  # the hand-back spent no attempt
    assert [(cluster.workers.holding(c.worker_id), c.outcome) for c in cluster.claims(job_id)] == [
        (first, "released"),
        (second, "succeeded"),
    ]
    assert len(cluster.models()[job_id]) == 1
    assert cluster.epochs_seen(job_id) == list(range(1, 1501))


def test_a_paused_worker_past_its_lease_writes_nothing_when_it_resumes(cluster):
    dataset_id = cluster.upload(synthetic_csv(2000))
    (stale,) = cluster.workers.start(1)
    (job_id,) = cluster.submit(dataset_id, 1, epochs=1500, **SLOW)
    cluster.wait_running(job_id, on=stale)
    stale.send_signal(signal.SIGSTOP)
    (fresh,) = cluster.workers.start(1)
    cluster.wait_running(job_id, on=fresh, timeout=60)  # the lease ran out and the job was rescued
    stale_rows = cluster.query("SELECT count(*) AS n FROM cost_history WHERE job_id = :id AND attempt = 1", id=job_id)
    stale.send_signal(signal.SIGCONT)

    job = cluster.wait_until_ended([job_id], timeout=120)[job_id]
    assert job.status == "succeeded" and job.attempts == 2
    assert cluster.models() == {job_id: [job.model_id]}  # the new attempt's model only
    assert [(cluster.workers.holding(c.worker_id), c.attempt, c.outcome) for c in cluster.claims(job_id)] == [
        (stale, 1, "lost"),
        (fresh, 2, "succeeded"),
    ]
    after = cluster.query("SELECT count(*) AS n FROM cost_history WHERE job_id = :id AND attempt = 1", id=job_id)
    assert after == stale_rows  # its late heartbeats were refused
    assert cluster.epochs_seen(job_id) == list(range(1, 1501))
    assert stale.poll() is None and "lease lost" in stale.log_path.read_text()  # it lives on, and said so
    cluster.assert_no_job_held_twice()


def postgres_cluster(action: str) -> None:
    """Stop or start the local PostgreSQL cluster (Debian's tools, as this machine kind runs it)."""
    version = next(Path("/etc/postgresql").iterdir()).name
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action], check=True, capture_output=True
    )


@pytest.mark.skipif(
    shutil.which("pg_ctlcluster") is None or not Path("/etc/postgresql").is_dir() or os.geteuid() != 0,
    reason="stopping PostgreSQL needs root and Debian's pg_ctlcluster beside the local server",
)
@pytest.mark.parametrize("cluster", ["postgresql"], indirect=True)
def test_connections_cut_and_a_database_restart_lose_nothing(cluster):
    """Connections cut with pg_terminate_backend, then PostgreSQL stopped for a while and started:
    while it is down the API answers 503 with a problem body; afterwards every job runs, once."""
    dataset_id = cluster.upload(synthetic_csv(2000))
    cluster.workers.start(2)
    ids = cluster.submit(dataset_id, 8, epochs=300, **SLOW)
    first = cluster.wait_until_ended(ids[:1], timeout=60)[ids[0]]
    assert first.status == "succeeded"

    for _ in range(3):
        cluster.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        time.sleep(0.5)

    postgres_cluster("stop")
    try:
        down = cluster.api.client.get("/v1/jobs")
        assert down.status_code == 503 and down.headers["Retry-After"]
        assert down.headers["content-type"].startswith("application/problem+json")
        assert "database" in down.json()["detail"]
        refused = cluster.api.client.post("/v1/jobs", json={"dataset_id": dataset_id, "target": "label"})
        assert refused.status_code == 503
        time.sleep(3)  # workers keep retrying meanwhile
    finally:
        postgres_cluster("start")

    jobs = cluster.wait_until_ended(ids, timeout=180)
    assert {j.status for j in jobs.values()} == {"succeeded"}
    models = cluster.models()
    assert sorted(models) == sorted(ids) and all(len(m) == 1 for m in models.values())
    assert models[ids[0]] == [first.model_id]  # the model finished before the outage is intact
    assert all(p.poll() is None for p in cluster.workers.processes)  # the workers rode it out
    assert cluster.api.client.get("/readyz").status_code == 200
    cluster.assert_no_job_held_twice()
