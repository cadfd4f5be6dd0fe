"""A sweep against the real server: its trials are ordinary jobs, and both worker processes run them."""

import sqlite3
import time

from .conftest import upload_breast_cancer

SEARCH = {"method": "grid", "parameters": {"learning_rate": [0.001, 0.003, 0.01], "hidden_layers": [[8], [16, 8]]}}


def workers_up(server, count: int, timeout: float = 30) -> None:
    """Wait until `count` workers have announced themselves (worker ids are not in the API)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with sqlite3.connect(server.data_dir / "nnservice.db") as db:
            if db.execute("SELECT count(*) FROM worker").fetchone()[0] >= count:
                return
        time.sleep(0.1)
    raise AssertionError(f"{count} workers did not start in {timeout} s:\n{server.output()}")


def test_a_sweeps_trials_are_shared_by_both_workers_and_fill_the_leaderboard(start_server):
    server = start_server(workers=2)
    client = server.client
    dataset = upload_breast_cancer(client)
    workers_up(server, 2)
    body = {
        "dataset_id": dataset["id"],
        "target": "diagnosis",
        "exclude": ["id"],
        "hyperparameters": {"epochs": 200, "batch_size": 16},  # most of a second a trial
        "search": SEARCH,
    }
    created = client.post("/v1/sweeps", json=body)
    assert created.status_code == 202, created.text
    sweep_id = created.json()["id"]

    filled, deadline = [], time.monotonic() + 120
    while time.monotonic() < deadline:
        sweep = client.get(f"/v1/sweeps/{sweep_id}").json()
        filled.append(len(sweep["leaderboard"]))
        if sweep["status"] != "running":
            break
        time.sleep(0.1)
    assert sweep["status"] == "succeeded", sweep
    assert sweep["counts"]["succeeded"] == 6
    assert filled == sorted(filled) and filled[-1] == 6  # it fills as trials finish, never loses a row
    values = [row["value"] for row in sweep["leaderboard"]]
    assert values == sorted(values, reverse=True)
    best = client.get(f"/v1/models/{sweep['best']['model_id']}").json()
    assert best["metrics"]["accuracy"] == values[0] >= 0.9

    with sqlite3.connect(server.data_dir / "nnservice.db") as db:
        claims = db.execute(
            "SELECT job_claim.worker_id, job_claim.outcome FROM job_claim JOIN job ON job.id = job_claim.job_id "
            "WHERE job.sweep_id = ?",
            (sweep_id,),
        ).fetchall()
    assert len(claims) == 6 and {outcome for _, outcome in claims} == {"succeeded"}  # each trial ran once
    assert len({worker for worker, _ in claims}) == 2, claims  # by both workers
    assert server.stop() == 0
