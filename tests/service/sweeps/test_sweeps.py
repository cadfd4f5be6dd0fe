"""/v1/sweeps through HTTP with the in-process worker: grid and random search, the leaderboard,
cancel, owners, quota, and every bad input refused before anything is written."""

import itertools
import math
import threading
import time

import pytest

from service.sweeps.schemas import Search
from service.sweeps.search_space import expand
from tests.service.conftest import assert_refused, bearer, rows_in, run_next_job, upload_csv

GRID = {"learning_rate": [0.003, 0.03], "hidden_layers": [[4], [8, 4]]}


@pytest.fixture
def dataset(client) -> dict:
    return upload_csv(client)  # 60 rows: label "yes" / "no"


def post_sweep(client, dataset, search, **fields):
    body = {
        "dataset_id": dataset["id"],
        "target": "label",
        "exclude": ["id"],
        "hyperparameters": {"epochs": 8},
        "search": search,
        **fields,
    }
    return client.post("/v1/sweeps", json=body)


def run_all(worker) -> int:
    ran = 0
    while run_next_job(worker):
        ran += 1
    return ran


def trials_of(client, sweep_id: str) -> list[dict]:
    listing = client.get("/v1/jobs", params={"sweep_id": sweep_id, "limit": 500}).json()
    return sorted(listing["data"], key=lambda job: job["sweep_trial"])


def test_grid_queues_one_job_per_combination_in_order(client, dataset):
    response = post_sweep(client, dataset, {"method": "grid", "parameters": GRID})
    assert response.status_code == 202, response.text
    sweep = response.json()
    assert response.headers["location"] == f"/v1/sweeps/{sweep['id']}"
    assert sweep["status"] == "running" and sweep["trials"] == 4
    assert sweep["counts"] == {"queued": 4, "running": 0, "succeeded": 0, "failed": 0, "cancelled": 0}
    assert sweep["metric"] == "accuracy" and sweep["greater_is_better"] is True
    assert sweep["leaderboard"] == [] and sweep["best"] is None
    jobs = trials_of(client, sweep["id"])
    assert [j["sweep_trial"] for j in jobs] == [1, 2, 3, 4]
    combinations = list(itertools.product(GRID["learning_rate"], GRID["hidden_layers"]))
    assert [(j["hyperparameters"]["learning_rate"], j["hyperparameters"]["hidden_layers"]) for j in jobs] == [
        (lr, layers) for lr, layers in combinations
    ]
    assert all(j["sweep_id"] == sweep["id"] and j["hyperparameters"]["epochs"] == 8 for j in jobs)


def test_leaderboard_fills_as_trials_finish_best_first(client, dataset, worker):
    sweep = post_sweep(client, dataset, {"method": "grid", "parameters": GRID}).json()
    run_next_job(worker)
    partway = client.get(f"/v1/sweeps/{sweep['id']}").json()
    assert partway["status"] == "running" and partway["counts"]["succeeded"] == 1
    assert [row["trial"] for row in partway["leaderboard"]] == [1]
    assert run_all(worker) == 3

    done = client.get(f"/v1/sweeps/{sweep['id']}").json()
    assert done["status"] == "succeeded" and done["counts"]["succeeded"] == 4 and done["finished_at"]
    board = done["leaderboard"]
    assert len(board) == 4
    values = [row["value"] for row in board]
    assert values == sorted(values, reverse=True)
    for row in board:
        model = client.get(f"/v1/models/{row['model_id']}").json()
        assert model["job_id"] == row["job_id"]
        assert row["value"] == model["metrics"]["accuracy"]  # on the test split, without cv
        assert row["parameters"] == {
            "learning_rate": model["hyperparameters"]["learning_rate"],
            "hidden_layers": model["hyperparameters"]["hidden_layers"],
        }
    assert done["best"] == board[0]
    ties = [row["trial"] for row in board if row["value"] == board[0]["value"]]
    assert ties == sorted(ties)  # equal values: in trial order


def test_a_metric_where_lower_is_better_ranks_lowest_first(client, dataset, worker):
    sweep = post_sweep(
        client, dataset, {"method": "grid", "parameters": {"learning_rate": [0.001, 0.05]}}, metric="log_loss"
    ).json()
    assert sweep["greater_is_better"] is False
    run_all(worker)
    board = client.get(f"/v1/sweeps/{sweep['id']}").json()["leaderboard"]
    assert [row["value"] for row in board] == sorted(row["value"] for row in board)


def test_random_search_draws_within_ranges_reproducibly(client, dataset):
    search = {
        "method": "random",
        "parameters": {
            "learning_rate": {"min": 0.0001, "max": 0.1, "log": True},
            "l2": {"min": 0.0, "max": 0.01},
            "batch_size": {"min": 4, "max": 32},
            "hidden_layers": [[4], [8, 4]],
        },
        "trials": 5,
        "seed": 11,
    }
    first = post_sweep(client, dataset, search).json()
    again = post_sweep(client, dataset, search).json()
    other = post_sweep(client, dataset, {**search, "seed": 12}).json()
    assert first["trials"] == 5

    def drawn(sweep):
        return [
            {name: job["hyperparameters"][name] for name in search["parameters"]}
            for job in trials_of(client, sweep["id"])
        ]

    trials = drawn(first)
    assert len(trials) == 5
    assert drawn(again) == trials and drawn(other) != trials
    for trial in trials:
        assert 0.0001 <= trial["learning_rate"] <= 0.1
        assert 0.0 <= trial["l2"] <= 0.01
        assert isinstance(trial["batch_size"], int) and 4 <= trial["batch_size"] <= 32
        assert trial["hidden_layers"] in ([4], [8, 4])


def test_log_uniform_ranges_draw_evenly_across_orders_of_magnitude():
    def share_below_geometric_middle(log: bool) -> float:
        search = Search(
            method="random", parameters={"learning_rate": {"min": 1e-4, "max": 1e-1, "log": log}}, trials=2000, seed=0
        )
        draws = [t["learning_rate"] for t in expand(search, max_trials=2000, check_value=lambda *_: None)]
        return sum(d < 10**-2.5 for d in draws) / len(draws)

    assert share_below_geometric_middle(True) == pytest.approx(0.5, abs=0.05)
    assert share_below_geometric_middle(False) == pytest.approx((10**-2.5 - 1e-4) / (1e-1 - 1e-4), abs=0.02)


def test_cv_sweep_ranks_by_the_mean_over_the_folds(client, dataset, worker):
    sweep = post_sweep(client, dataset, {"method": "grid", "parameters": {"learning_rate": [0.001, 0.03]}}, cv=2)
    assert sweep.status_code == 202, sweep.text
    sweep = sweep.json()
    assert sweep["cv"] == 2
    assert all(job["cv"] == 2 and job["progress"]["epochs"] == 3 * 8 for job in trials_of(client, sweep["id"]))
    run_all(worker)
    board = client.get(f"/v1/sweeps/{sweep['id']}").json()["leaderboard"]
    assert len(board) == 2
    for row in board:
        cv = client.get(f"/v1/models/{row['model_id']}").json()["metrics"]["cv"]
        assert row["value"] == cv["accuracy"]["mean"] and row["std"] == cv["accuracy"]["std"]


def test_cancel_cascades_to_every_queued_and_running_trial(client, dataset, worker):
    search = {"method": "grid", "parameters": {"seed": [1, 2, 3]}}
    sweep = post_sweep(client, dataset, search, hyperparameters={"epochs": 20_000, "batch_size": 1}).json()
    runner = threading.Thread(target=run_next_job, args=(worker,))
    runner.start()
    try:
        deadline = time.monotonic() + 30
        while client.get(f"/v1/sweeps/{sweep['id']}").json()["counts"]["running"] == 0:
            assert time.monotonic() < deadline, "the first trial never started"
            time.sleep(0.02)
        cancel = client.post(f"/v1/sweeps/{sweep['id']}/cancel")
        assert cancel.status_code == 202, cancel.text  # one trial still running: it stops at its next epoch
        answer = cancel.json()
        assert answer["cancel_requested"] and answer["status"] == "running"
        assert answer["counts"]["cancelled"] == 2 and answer["counts"]["queued"] == 0  # at once
    finally:
        runner.join(timeout=60)
    done = client.get(f"/v1/sweeps/{sweep['id']}").json()
    assert done["status"] == "cancelled" and done["counts"]["cancelled"] == 3 and done["leaderboard"] == []
    assert all(job["status"] == "cancelled" for job in trials_of(client, sweep["id"]))
    assert run_next_job(worker) is None
    again = client.post(f"/v1/sweeps/{sweep['id']}/cancel")
    assert again.status_code == 200 and again.json()["status"] == "cancelled"


def test_cancel_keeps_the_trials_that_succeeded_and_a_finished_sweep_is_409(client, dataset, worker):
    sweep = post_sweep(client, dataset, {"method": "grid", "parameters": {"seed": [1, 2, 3]}}).json()
    run_next_job(worker)
    cancelled = client.post(f"/v1/sweeps/{sweep['id']}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["counts"] == {"queued": 0, "running": 0, "succeeded": 1, "failed": 0, "cancelled": 2}
    assert cancelled.json()["best"]["trial"] == 1

    finished = post_sweep(client, dataset, {"method": "grid", "parameters": {"seed": [1]}}).json()
    run_all(worker)
    assert_refused(client.post(f"/v1/sweeps/{finished['id']}/cancel"), 409, "already succeeded")


def test_a_sweep_whose_trials_all_fail_has_failed(client, worker):
    rows = b"x,y\n" + b"".join(f"{i},{0 if i < 10 else 1 if i < 20 else 2}\n".encode() for i in range(22))
    dataset = upload_csv(client, rows, "few.csv")  # class 2 has 2 rows: 3 folds cannot be cut
    body = {
        "dataset_id": dataset["id"],
        "target": "y",
        "cv": 3,
        "search": {"method": "grid", "parameters": {"seed": [1, 2]}},
    }
    sweep = client.post("/v1/sweeps", json={**body, "hyperparameters": {"epochs": 3}}).json()
    run_all(worker)
    done = client.get(f"/v1/sweeps/{sweep['id']}").json()
    assert done["status"] == "failed" and done["counts"]["failed"] == 2 and done["best"] is None


def test_another_owners_sweep_is_not_found_and_lists_are_per_owner(app, db, client, dataset):
    from fastapi.testclient import TestClient

    sweep = post_sweep(client, dataset, {"method": "grid", "parameters": {"seed": [1]}}).json()
    with TestClient(app, headers=bearer(db, "bob")) as bob:
        assert_refused(bob.get(f"/v1/sweeps/{sweep['id']}"), 404, "does not exist")
        assert_refused(bob.post(f"/v1/sweeps/{sweep['id']}/cancel"), 404, "does not exist")
        assert bob.get("/v1/sweeps").json() == {"data": [], "count": 0}
    listing = client.get("/v1/sweeps").json()
    assert listing["count"] == 1 and listing["data"][0]["id"] == sweep["id"]
    assert_refused(client.get("/v1/sweeps/00000000-0000-4000-8000-000000000000"), 404, "does not exist")


def test_idempotency_key_answers_with_the_first_sweep(client, db, dataset):
    headers = {"Idempotency-Key": "sweep-once"}
    search = {"method": "grid", "parameters": {"seed": [1, 2]}}
    body = {"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], "search": search}
    first = client.post("/v1/sweeps", json=body, headers=headers)
    again = client.post("/v1/sweeps", json=body, headers=headers)
    assert again.status_code == 202 and again.headers["idempotent-replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert rows_in(db)["job"] == 2 and rows_in(db)["sweep"] == 1


def test_trials_count_against_the_active_jobs_quota_whole_or_not_at_all(client, db, dataset, settings):
    settings.max_active_jobs_per_owner = 3
    search = {"method": "grid", "parameters": {"seed": [1, 2, 3, 4]}}
    before = rows_in(db)
    assert_refused(post_sweep(client, dataset, search), 422, "4 trials", "at most 3 jobs queued or running")
    assert rows_in(db) == before
    client.post("/v1/jobs", json={"dataset_id": dataset["id"], "target": "label", "exclude": ["id"]})
    before = rows_in(db)
    three = {"method": "grid", "parameters": {"seed": [1, 2, 3]}}
    response = post_sweep(client, dataset, three)
    assert_refused(response, 429, "1 of your jobs are queued or running", "this sweep would add 3", "limit is 3")
    assert response.headers["retry-after"]
    assert rows_in(db) == before  # nothing queued in part
    assert post_sweep(client, dataset, {"method": "grid", "parameters": {"seed": [1, 2]}}).status_code == 202


LIMIT = 200  # NNSERVICE_MAX_SWEEP_TRIALS's default


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        (
            {"search": {"method": "grid", "parameters": {"learning_rte": [0.1]}}},
            "search.parameters.learning_rte",
            "no hyperparameter 'learning_rte'",
        ),
        (
            {"search": {"method": "grid", "parameters": {"learning_rate": []}}},
            "search.parameters.learning_rate",
            "at least 1",
        ),
        ({"search": {"method": "grid", "parameters": {}}}, "search.parameters", "at least 1"),
        (
            {"search": {"method": "grid", "parameters": {"learning_rate": [0.01] * 15, "seed": list(range(15))}}},
            "search.parameters",
            f"15 learning_rate x 15 seed = 225 combinations; this service runs at most {LIMIT}",
        ),
        (
            {"search": {"method": "random", "parameters": {"seed": [1]}, "trials": LIMIT + 1}},
            "search.trials",
            f"at most {LIMIT}",
        ),
        (
            {"search": {"method": "random", "parameters": {"activation": {"min": 0, "max": 1}}, "trials": 2}},
            "search.parameters.activation",
            "'activation' is not a number",
        ),
        (
            {"search": {"method": "grid", "parameters": {"learning_rate": {"min": 0.001, "max": 0.1}}}},
            "search.parameters.learning_rate",
            "a grid takes a list of values",
        ),
        (
            {"search": {"method": "grid", "parameters": {"learning_rate": [0.01, -1]}}},
            "search.parameters.learning_rate",
            "value 2 of 2",
        ),
        (
            {"search": {"method": "random", "parameters": {"learning_rate": {"min": 0.001, "max": 100}}, "trials": 2}},
            "search.parameters.learning_rate",
            "the range's max",
        ),
        (
            {
                "search": {
                    "method": "random",
                    "parameters": {"learning_rate": {"min": 0, "max": 0.1, "log": True}},
                    "trials": 2,
                }
            },
            "search.parameters.learning_rate",
            "needs min > 0",
        ),
        (
            {"search": {"method": "random", "parameters": {"l2": {"min": 0.1, "max": 0.01}}, "trials": 2}},
            "search.parameters.l2",
            "greater than max",
        ),
        (
            {"search": {"method": "random", "parameters": {"epochs": {"min": 1.5, "max": 3}}, "trials": 2}},
            "search.parameters.epochs",
            "whole numbers",
        ),
        (
            {"search": {"method": "random", "parameters": {"seed": [1, 2]}}},
            "search.trials",
            "needs the number of trials",
        ),
        (
            {"search": {"method": "grid", "parameters": {"seed": [1]}, "trials": 3}},
            "search.trials",
            "is for random search",
        ),
        ({"search": {"method": "sobol", "parameters": {"seed": [1]}}}, "search.method", "grid"),
        (
            {
                "hyperparameters": {"epochs": 8, "dropout": [0.1]},
                "search": {"method": "grid", "parameters": {"hidden_layers": [[4], [8, 4]]}},
            },
            "hyperparameters",
            "value 2 of 2 of hidden_layers ([8, 4]): Value error, dropout gives 1 rates",
        ),
        (
            {"search": {"method": "grid", "parameters": {"hidden_layers": [[4], [4096] * 3], "epochs": [10_000]}}},
            "hyperparameters",
            "trial 2 (hidden_layers=[4096, 4096, 4096], epochs=10000): the job is too large",
        ),
        ({"metric": "r2"}, "metric", "does not suit classification"),
        ({"metric": "auc"}, "metric", "accuracy"),
        ({"hyperparameters": {"test_fraction": 0}}, "hyperparameters.test_fraction", "without cv"),
        ({"cv": 18}, "cv", "at least 18 training rows of each class"),
        ({"target": "nope"}, "target", "no column 'nope'"),
        ({"dataset_id": "00000000-0000-4000-8000-000000000000"}, "dataset_id", "does not exist"),
        ({"hyperparameters": {"learning_rte": 0.1}}, "hyperparameters.learning_rte", "Extra inputs"),
    ],
)
def test_bad_sweeps_answer_422_naming_the_field_and_write_nothing(client, db, dataset, fields, field, words):
    body = {"search": {"method": "grid", "parameters": {"seed": [1, 2]}}, **fields}
    before = rows_in(db)
    problem = assert_refused(post_sweep(client, dataset, **body), 422, words)
    assert field in [e["field"] for e in problem["errors"]], problem
    assert rows_in(db) == before


def test_search_space_grid_size_is_the_product_of_the_lists():
    search = Search(method="grid", parameters={"seed": [1, 2, 3], "epochs": [1, 2], "shuffle": [True, False]})
    trials = expand(search, max_trials=12, check_value=lambda *_: None)
    assert len(trials) == math.prod([3, 2, 2]) == 12
    assert trials[0] == {"seed": 1, "epochs": 1, "shuffle": True} and trials[1]["shuffle"] is False


def test_a_finished_sweep_outlives_its_dataset(client, dataset, worker):
    sweep = post_sweep(client, dataset, {"method": "grid", "parameters": {"seed": [1]}}).json()
    assert_refused(client.delete(f"/v1/datasets/{dataset['id']}"), 409)  # its trial is queued
    run_all(worker)
    assert client.delete(f"/v1/datasets/{dataset['id']}").status_code == 204
    after = client.get(f"/v1/sweeps/{sweep['id']}").json()
    assert after["dataset_id"] is None and after["status"] == "succeeded" and after["best"]["model_id"]
