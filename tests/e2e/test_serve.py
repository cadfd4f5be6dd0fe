"""The whole loop against the real server and real worker processes, as the README walks it."""

import csv
import os
import sqlite3
import stat
import subprocess
import sys
import time

import psutil

from .conftest import EXAMPLES, REPO, wait_for_status

BIG_JOB = {"hidden_layers": [256, 256], "epochs": 100000, "batch_size": 1}  # runs until cancelled


def test_upload_train_follow_cancel_predict_and_shut_down(start_server):
    server = start_server(workers=2)
    client = server.client
    with open(EXAMPLES / "breast_cancer.csv", "rb") as f:
        dataset = client.post("/v1/datasets", files={"file": ("breast_cancer.csv", f, "text/csv")}).json()
    assert dataset["row_count"] == 569 and dataset["dropped_columns"]

    job = client.post("/v1/jobs", json={"dataset_id": dataset["id"], "target": "diagnosis", "exclude": ["id"]})
    assert job.status_code == 202
    job_id = job.json()["id"]
    doomed = client.post(
        "/v1/jobs",
        json={"dataset_id": dataset["id"], "target": "diagnosis", "exclude": ["id"], "hyperparameters": BIG_JOB},
    ).json()

    # Follow progress: the epoch only moves forward, until the job succeeds.
    epochs_seen, deadline = [], time.monotonic() + 120
    while time.monotonic() < deadline:
        current = client.get(f"/v1/jobs/{job_id}").json()
        epochs_seen.append(current["progress"]["epoch"])
        if current["status"] in ("succeeded", "failed"):
            break
        time.sleep(0.05)
    assert current["status"] == "succeeded", current["error"]
    assert epochs_seen == sorted(epochs_seen) and epochs_seen[-1] == 200
    assert client.get(f"/v1/jobs/{job_id}/cost-history").json()["count"] == 200

    # Cancel the big job once it has run a few epochs: it ends within about a second.
    running = wait_for_status(client, doomed["id"], {"running"}, timeout=30)
    assert running["status"] == "running"
    cancel = client.post(f"/v1/jobs/{doomed['id']}/cancel")
    assert cancel.status_code == 202 and cancel.json()["cancel_requested"]
    asked_at = time.monotonic()
    cancelled = wait_for_status(client, doomed["id"], {"cancelled", "failed", "succeeded"}, timeout=15)
    assert cancelled["status"] == "cancelled"
    assert time.monotonic() - asked_at < 5

    model = client.get(f"/v1/models/{current['model_id']}").json()
    assert model["classes"] == ["B", "M"]
    assert model["metrics"]["accuracy"] >= 0.93
    with open(EXAMPLES / "breast_cancer_new_rows.csv") as f:
        records = [{k: float(v) for k, v in row.items()} for row in csv.DictReader(f)]
    predicted = client.post(f"/v1/models/{model['id']}/predict", json={"records": records})
    assert predicted.status_code == 200
    assert set(predicted.json()["predictions"]) <= {"B", "M"} and len(predicted.json()["predictions"]) == len(records)

    workers = psutil.Process(server.process.pid).children(recursive=True)
    assert len(workers) == 2
    assert server.stop() == 0
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, "worker processes outlived the server"


def test_jobs_queued_before_a_restart_run_after_it(start_server):
    api_only = start_server(workers=0)
    with open(EXAMPLES / "breast_cancer.csv", "rb") as f:
        dataset = api_only.client.post("/v1/datasets", files={"file": ("breast_cancer.csv", f, "text/csv")}).json()
    body = {"dataset_id": dataset["id"], "target": "diagnosis", "exclude": ["id"], "hyperparameters": {"epochs": 20}}
    ids = [api_only.client.post("/v1/jobs", json=body).json()["id"] for _ in range(2)]
    assert api_only.stop() == 0

    restarted = start_server(workers=1)
    for job_id in ids:
        assert wait_for_status(restarted.client, job_id, {"succeeded", "failed"}, timeout=60)["status"] == "succeeded"


def test_workers_stop_when_the_server_is_killed_outright(start_server):
    server = start_server(workers=2)
    workers = psutil.Process(server.process.pid).children(recursive=True)
    assert len(workers) == 2
    server.process.kill()  # SIGKILL: no chance to stop its workers itself
    gone, alive = psutil.wait_procs(workers, timeout=15)
    assert not alive, "orphaned workers kept running"


def test_the_same_loop_on_postgresql_with_two_workers(start_server, postgres_database):
    server = start_server(workers=2, database_url=postgres_database)
    client = server.client
    assert client.get("/readyz").json()["schema"]
    with open(EXAMPLES / "breast_cancer.csv", "rb") as f:
        dataset = client.post("/v1/datasets", files={"file": ("breast_cancer.csv", f, "text/csv")}).json()
    body = {"dataset_id": dataset["id"], "target": "diagnosis", "exclude": ["id"], "hyperparameters": {"epochs": 50}}
    ids = [client.post("/v1/jobs", json=body).json()["id"] for _ in range(4)]
    jobs = [wait_for_status(client, job_id, {"succeeded", "failed"}, timeout=60) for job_id in ids]
    assert [j["status"] for j in jobs] == ["succeeded"] * 4
    assert all(j["attempts"] == 1 for j in jobs)  # each ran once, by one worker
    assert client.get(f"/v1/jobs/{ids[0]}/cost-history").json()["count"] == 50
    prediction = client.post(f"/v1/models/{jobs[0]['model_id']}/predict", json={"instances": [[0.0] * 30]})
    assert prediction.status_code == 200
    assert server.stop() == 0


def test_a_worker_that_dies_is_replaced_and_its_job_still_runs(start_server):
    server = start_server(workers=2, env={"NNSERVICE_LEASE_SECONDS": "2"})
    workers = psutil.Process(server.process.pid).children()
    with open(EXAMPLES / "breast_cancer.csv", "rb") as f:
        dataset = server.client.post("/v1/datasets", files={"file": ("breast_cancer.csv", f, "text/csv")}).json()
    body = {"dataset_id": dataset["id"], "target": "diagnosis", "exclude": ["id"], "hyperparameters": {"epochs": 3000}}
    job_id = server.client.post("/v1/jobs", json=body).json()["id"]
    assert wait_for_status(server.client, job_id, {"running"}, timeout=30)["status"] == "running"
    with sqlite3.connect(server.data_dir / "nnservice.db") as db:  # worker ids are not in the API
        (worker_id,) = db.execute("SELECT worker_id FROM job WHERE id = ?", (job_id,)).fetchone()
    victim = next(w for w in workers if worker_id.endswith(f":{w.pid}"))
    victim.kill()  # as the OOM killer would
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        current = psutil.Process(server.process.pid).children()
        if len(current) == 2 and victim.pid not in {p.pid for p in current}:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("the dead worker was not replaced")
    done = wait_for_status(server.client, job_id, {"succeeded", "failed"}, timeout=120)
    assert done["status"] == "succeeded" and done["attempts"] == 2
    assert "exited (code -9); starting another" in server.output()
    assert server.stop() == 0


def nnservice(*args: str, data_dir) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "service", *args, "--data-dir", str(data_dir)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_first_start_makes_an_admin_key_and_keys_are_managed_from_the_cli(start_server):
    server = start_server(workers=0)
    key_file = server.data_dir / "admin.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600  # readable by its owner only
    assert key_file.read_text().strip() in server.output()  # printed once, at that start
    assert server.client.get("/v1/jobs").status_code == 200  # the fixture's client uses that key

    created = nnservice("keys", "create", "--owner", "erin", "--name", "laptop", data_dir=server.data_dir)
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip()
    erin = {"Authorization": f"Bearer {key}"}
    assert server.client.get("/v1/datasets", headers=erin).json() == {"data": [], "count": 0}
    assert "scope write" in created.stderr  # what every key could do before scopes

    scoped = nnservice(
        "keys",
        "create",
        "--owner",
        "erin",
        "--name",
        "app",
        "--scope",
        "read",
        "--expires-in",
        "2d",
        data_dir=server.data_dir,
    )
    assert scoped.returncode == 0 and "scope read, expires at " in scoped.stderr, scoped.stderr
    reader = {"Authorization": f"Bearer {scoped.stdout.strip()}"}
    assert server.client.get("/v1/datasets", headers=reader).status_code == 200
    refused = server.client.post("/v1/jobs", headers=reader, json={})
    assert refused.status_code == 403 and "needs 'write'" in refused.json()["detail"]

    listed = nnservice("keys", "list", data_dir=server.data_dir)
    assert "erin\tlaptop" in listed.stdout and key not in listed.stdout
    assert listed.stdout.splitlines()[0].split("\t")[4:7] == ["scope", "created_at", "expires_at"]
    app_line = next(line.split("\t") for line in listed.stdout.splitlines() if "\tapp\t" in line)
    assert app_line[4] == "read" and app_line[6] > app_line[5]  # expires two days after it was made
    erin_id = next(line.split("\t")[0] for line in listed.stdout.splitlines() if "\terin\t" in line)
    assert nnservice("keys", "revoke", erin_id, data_dir=server.data_dir).returncode == 0
    deadline = time.monotonic() + 15  # servers remember a verified key for a few seconds
    while server.client.get("/v1/datasets", headers=erin).status_code != 401:
        assert time.monotonic() < deadline, "a revoked key still works"
        time.sleep(0.5)

    bad = nnservice("keys", "create", "--owner", "no spaces allowed", data_dir=server.data_dir)
    assert bad.returncode == 2 and "owner" in bad.stderr
    for option, value in (("--expires-in", "3w"), ("--expires-in", "0d"), ("--scope", "root")):
        bad = nnservice("keys", "create", "--owner", "erin", option, value, data_dir=server.data_dir)
        assert bad.returncode == 2 and option.removeprefix("--") in bad.stderr, bad.stderr
    assert server.stop() == 0
    assert start_server(workers=0).output().count("admin key was created") == 0  # only on the first start


def worker_blas_lines(server, count: int) -> list[str]:
    """The `worker ... started (BLAS: ...)` lines of the server's log, once `count` workers have written theirs."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        lines = [line for line in server.output().splitlines() if "started (BLAS: " in line]
        if len(lines) >= count:
            return lines
        time.sleep(0.2)
    raise AssertionError(f"fewer than {count} workers said what BLAS they got:\n{server.output()}")


def test_workers_share_the_cores_out_as_blas_threads(start_server):
    # two workers on this machine's cores: each holds its BLAS to its share of them (one thread on two cores)
    share = max(1, len(os.sched_getaffinity(0)) // 2)
    server = start_server(workers=2)
    lines = worker_blas_lines(server, 2)
    assert all(f", {share} thread" in line for line in lines), lines
    server.stop()


def test_a_lone_worker_uses_every_core_unless_told_otherwise(start_server):
    cores = len(os.sched_getaffinity(0))
    server = start_server(workers=1)
    (line,) = worker_blas_lines(server, 1)
    assert f", {cores} thread" in line, line
    server.stop()
    told = start_server(workers=1, env={"NNSERVICE_BLAS_THREADS": "1"})  # a log file of its own
    (line,) = worker_blas_lines(told, 1)
    assert ", 1 thread)" in line, line
