"""A full disk while a job's model is saved is "out of space", not "unreachable": the job fails at
once with that reason (not `running` until its lease runs out, then "the worker was lost"), and no
model is half written. On SQLite, a real full disk: the database on a small tmpfs this test mounts,
filled up before the model is saved. On PostgreSQL, the server's own disk_full error (SQLSTATE
53100), raised inside the model's INSERT by a trigger on this test run's database."""

import os
import subprocess
import time
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from service.core.config import Settings
from service.core.db import Database, out_of_space
from service.core.migrate import upgrade_to_head
from service.core.tables import Model
from service.jobs import queue
from service.jobs.worker import Worker
from service.main import create_app
from tests.service.conftest import bearer, count, run_job, upload_csv

TMPFS_BYTES = 16 * 1024 * 1024
SLACK_BYTES = 96 * 1024  # left free: room for a small write (failing the job), not for the model
BIG = {"hidden_layers": [256, 256], "epochs": 2, "learning_rate": 0.01}  # a model of about 530 kB


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


@pytest.fixture
def small_disk(tmp_path):
    """A directory on a tmpfs of TMPFS_BYTES, mounted for this test and unmounted after."""
    where = tmp_path / "disk"
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_BYTES}", "tmpfs", str(where)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        reason = f"cannot mount a tmpfs (root is needed): {mounted.stderr.strip()}"
        if in_ci():
            pytest.fail(f"{reason}; under CI=true a skipped out-of-space test is a failure")
        pytest.skip(reason)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


def fill(where, *, leave: int) -> None:
    """Write a file taking all but `leave` bytes of the file system's free space."""
    stat = os.statvfs(where)
    free = stat.f_bavail * stat.f_frsize
    with open(where / "filler", "wb") as filler:
        chunk = b"\0" * (1024 * 1024)
        remaining = free - leave
        while remaining > 0:
            remaining -= filler.write(chunk[: min(len(chunk), remaining)])


def test_a_full_disk_while_saving_the_model_fails_the_job_at_once_as_out_of_space(small_disk):
    settings = Settings(
        database_url=f"sqlite:///{small_disk / 'nnservice.db'}",
        data_dir=small_disk,
        heartbeat_seconds=60,  # no beat during the short training: the model's write is the first to meet the full disk
        lease_seconds=30,
        workers=0,
    )
    db = Database(settings.resolved_database_url)
    try:
        upgrade_to_head(db)
        with TestClient(create_app(settings, db), headers=bearer(db, "alice")) as client:
            dataset = upload_csv(client)
            created = client.post(
                "/v1/jobs",
                json={"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], "hyperparameters": BIG},
            )
            assert created.status_code == 202, created.text
            claim = queue.claim(db, worker_id="test-worker", lease_seconds=settings.lease_seconds)
            assert claim is not None
            fill(small_disk, leave=SLACK_BYTES)
            started = time.monotonic()
            Worker(db, settings, worker_id="test-worker").process(claim)
            elapsed = time.monotonic() - started
            job = client.get(f"/v1/jobs/{claim.job_id}").json()
            assert job["status"] == "failed", job
            assert job["error"].startswith("the database is out of space: storing the model of job"), job["error"]
            assert "database or disk is full" in job["error"] and "free space" in job["error"]
            assert job["model_id"] is None and count(db, Model) == 0  # nothing half written
            assert client.get("/v1/models").json()["count"] == 0
            assert elapsed < 20, f"{elapsed:.1f} s: the write was retried as if the database were unreachable"
            (small_disk / "filler").unlink()  # space freed: the same job, submitted again, succeeds
            again = run_job(
                client,
                Worker(db, settings, worker_id="test-worker"),
                {"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], "hyperparameters": BIG},
            )
            assert again["status"] == "succeeded", again["error"]
    finally:
        db.dispose()


DISK_FULL_TRIGGER = """
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'could not extend file "base/1/2": No space left on device' USING ERRCODE = 'disk_full';
END $$;
CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();
"""


@pytest.mark.parametrize("settings", ["postgresql"], indirect=True)  # SQLite's full disk: the tmpfs test above
def test_postgresqls_disk_full_fails_the_job_at_once_as_out_of_space(client, db, worker, settings):
    name = f"disk_full_{uuid.uuid4().hex[:8]}"
    dataset = upload_csv(client)
    job = client.post(
        "/v1/jobs", json={"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], "hyperparameters": BIG}
    ).json()
    with db.engine.begin() as connection:
        connection.execute(text(DISK_FULL_TRIGGER.format(name=name, table="model")))
    try:
        claim = queue.claim(db, worker_id=worker.worker_id, lease_seconds=settings.lease_seconds)
        started = time.monotonic()
        worker.process(claim)
        elapsed = time.monotonic() - started
    finally:
        with db.engine.begin() as connection:
            connection.execute(text(f"DROP TRIGGER {name} ON model; DROP FUNCTION {name}()"))
    failed = client.get(f"/v1/jobs/{job['id']}").json()
    assert failed["status"] == "failed" and failed["model_id"] is None
    assert failed["error"].startswith("the database is out of space: storing the model of job"), failed["error"]
    assert "No space left on device" in failed["error"]
    history = client.get(f"/v1/jobs/{job['id']}/cost-history").json()
    assert [row["epoch"] for row in history["data"]] == [1, 2]  # the failure is written with its history
    assert count(db, Model) == 0
    assert elapsed < 20


def test_unreachable_is_not_out_of_space(db, tmp_path):
    """The classification itself, on real errors: a database that cannot be reached (a closed port;
    a file that cannot be opened) is not a full disk."""
    from sqlalchemy.exc import OperationalError

    url = f"sqlite:///{tmp_path}" if db.is_sqlite else "postgresql+psycopg://postgres@127.0.0.1:1/none"
    broken = Database(url)  # on SQLite, a directory where the database file should be
    try:
        with pytest.raises(OperationalError) as info:
            with broken.read_session() as session:
                session.execute(text("SELECT 1"))
        assert not out_of_space(info.value)
    finally:
        broken.dispose()


@pytest.mark.parametrize("settings", ["postgresql"], indirect=True)
def test_a_full_disk_while_writing_the_history_stops_the_training_and_fails_the_job(client, db, worker, settings):
    name = f"disk_full_{uuid.uuid4().hex[:8]}"
    dataset = upload_csv(client)
    # minutes of training, were it not stopped (batch_size 1: 60 steps an epoch, not one)
    hyperparameters = {"epochs": 20_000, "hidden_layers": [8], "batch_size": 1}
    job = client.post(
        "/v1/jobs",
        json={"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], "hyperparameters": hyperparameters},
    ).json()
    with db.engine.begin() as connection:
        connection.execute(text(DISK_FULL_TRIGGER.format(name=name, table="cost_history")))
    try:
        claim = queue.claim(db, worker_id=worker.worker_id, lease_seconds=settings.lease_seconds)
        started = time.monotonic()
        worker.process(claim)  # heartbeats every 0.05 s: the first one meets the full disk
        elapsed = time.monotonic() - started
    finally:
        with db.engine.begin() as connection:
            connection.execute(text(f"DROP TRIGGER {name} ON cost_history; DROP FUNCTION {name}()"))
    failed = client.get(f"/v1/jobs/{job['id']}").json()
    assert failed["status"] == "failed" and failed["model_id"] is None, failed
    assert failed["error"].startswith("the database is out of space: writing the job's cost history failed")
    assert "No space left on device" in failed["error"]
    # The epochs whose costs the full disk refused are named as lost, unless (under load) the training
    # stopped before it finished another: then nothing is left unstored and nothing is claimed
    if failed["progress"]["epoch"] > 0:
        assert "epochs' costs are not stored" in failed["error"], failed["error"]
    assert failed["progress"]["epoch"] < 20_000
    assert count(db, Model) == 0 and elapsed < 20
