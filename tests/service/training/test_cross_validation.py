"""k-fold cross-validation of a job (`cv`), through HTTP with the in-process worker."""

import threading
import time

import numpy as np
import pytest

from tests.service.conftest import assert_refused, rows_in, run_next_job, upload_csv

EPOCHS = 20


@pytest.fixture
def dataset(client) -> dict:
    return upload_csv(client)  # 60 rows: 21 "yes", 39 "no"


def post_job(client, dataset, **fields):
    body = {"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], **fields}
    return client.post("/v1/jobs", json=body)


def test_cv_job_reports_fold_metrics_and_keeps_the_model_a_job_without_cv_would_train(client, dataset, worker):
    hyperparameters = {"epochs": EPOCHS, "learning_rate": 0.01}
    created = post_job(client, dataset, cv=3, hyperparameters=hyperparameters)
    assert created.status_code == 202, created.text
    job = created.json()
    assert job["cv"] == 3
    assert job["progress"]["epochs"] == 4 * EPOCHS  # 3 folds, then the final model
    plain = post_job(client, dataset, hyperparameters=hyperparameters).json()
    run_next_job(worker), run_next_job(worker)

    done = client.get(f"/v1/jobs/{job['id']}").json()
    assert done["status"] == "succeeded", done["error"]
    assert done["progress"]["epoch"] == 4 * EPOCHS and done["progress"]["fold"] is None
    history = client.get(f"/v1/jobs/{job['id']}/cost-history").json()
    assert [row["epoch"] for row in history["data"]] == list(range(1, EPOCHS + 1))  # the final training's

    metrics = client.get(f"/v1/models/{done['model_id']}").json()["metrics"]
    cv = metrics.pop("cv")
    assert cv["folds"] == 3 and cv["rows"] == 48  # the 60 rows less the 12 of the test split
    assert set(cv) == {"folds", "rows", "accuracy", "f1_macro", "precision_macro", "recall_macro", "log_loss"}
    for name in ("accuracy", "f1_macro", "precision_macro", "recall_macro", "log_loss"):
        per_fold = cv[name]["per_fold"]
        assert len(per_fold) == 3
        assert cv[name]["mean"] == pytest.approx(np.mean(per_fold), abs=1e-12)
        assert cv[name]["std"] == pytest.approx(np.std(per_fold), abs=1e-12)  # population std, ddof 0
    assert all(0 <= a <= 1 for a in cv["accuracy"]["per_fold"])

    # The stored model is the one trained on all the training rows, exactly as without cv.
    plain_model_id = client.get(f"/v1/jobs/{plain['id']}").json()["model_id"]
    plain_model = client.get(f"/v1/models/{plain_model_id}").json()
    assert metrics == plain_model["metrics"]
    assert metrics["split"] == "test" and metrics["rows"] == 12


def test_cv_folds_are_reproducible_with_the_seed(client, dataset, worker):
    ids = [post_job(client, dataset, cv=4, hyperparameters={"epochs": 5, "seed": 3}).json()["id"] for _ in range(2)]
    run_next_job(worker), run_next_job(worker)
    cvs = []
    for job_id in ids:
        job = client.get(f"/v1/jobs/{job_id}").json()
        cvs.append(client.get(f"/v1/models/{job['model_id']}").json()["metrics"]["cv"])
    assert cvs[0] == cvs[1]


def test_cv_on_a_regression_summarises_r2_mse_and_mae(client, worker):
    rows = b"x,y\n" + b"".join(f"{i / 10},{2 * i / 10 + (i % 3) / 10}\n".encode() for i in range(30))
    dataset = upload_csv(client, rows, "line.csv")
    job = client.post(
        "/v1/jobs", json={"dataset_id": dataset["id"], "target": "y", "cv": 2, "hyperparameters": {"epochs": 10}}
    ).json()
    assert job["task"] == "regression"
    run_next_job(worker)
    done = client.get(f"/v1/jobs/{job['id']}").json()
    assert done["status"] == "succeeded", done["error"]
    cv = client.get(f"/v1/models/{done['model_id']}").json()["metrics"]["cv"]
    assert set(cv) == {"folds", "rows", "r2", "mse", "mae"} and cv["folds"] == 2


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        # 17 "yes" rows are left after the test split: 18 folds cannot each hold one out
        ({"cv": 18}, "cv", "needs at least 18 training rows of each class"),
        ({"cv": 1}, "cv", "greater than or equal to 2"),
        ({"cv": 21}, "cv", "less than or equal to 20"),
        ({"cv": "three"}, "cv", "integer"),
        (
            {"cv": 2, "hyperparameters": {"epochs": 5000, "hidden_layers": [4096, 4096]}},
            "hyperparameters",
            "x 3 trainings",
        ),
    ],
)
def test_folds_that_cannot_be_cut_or_bad_cv_are_refused_and_nothing_is_written(
    client, db, dataset, fields, field, words
):
    before = rows_in(db)
    problem = assert_refused(post_job(client, dataset, **fields), 422, words)
    assert field in [e["field"] for e in problem["errors"]]
    assert rows_in(db) == before


def test_too_few_rows_of_a_class_unknown_at_creation_fail_the_job_with_a_clear_message(client, worker):
    # Whole-number classes: their counts are not in the column statistics, so the worker finds out.
    rows = b"x,y\n" + b"".join(f"{i},{0 if i < 10 else 1 if i < 20 else 2}\n".encode() for i in range(22))
    dataset = upload_csv(client, rows, "few.csv")
    created = client.post(
        "/v1/jobs",
        json={"dataset_id": dataset["id"], "target": "y", "cv": 3, "hyperparameters": {"epochs": 5}},
    )
    assert created.status_code == 202, created.text
    run_next_job(worker)
    job = client.get(f"/v1/jobs/{created.json()['id']}").json()
    assert job["status"] == "failed" and job["model_id"] is None
    assert "cv=3 needs at least 3 training rows of each class" in job["error"] and "2 (2)" in job["error"]


def test_cancel_during_the_folds_stops_the_job_without_a_model(client, dataset, worker):
    # One-row batches: about three seconds a fold, so the cancel lands in fold 2 even when this
    # process's polling and cancel, sharing the GIL with the training thread, take a second or two.
    per_training = 4000
    job = post_job(client, dataset, cv=3, hyperparameters={"epochs": per_training, "batch_size": 1}).json()
    runner = threading.Thread(target=run_next_job, args=(worker,))
    runner.start()
    try:
        deadline, current = time.monotonic() + 60, job
        while time.monotonic() < deadline:  # wait for the second fold: the first has ended
            current = client.get(f"/v1/jobs/{job['id']}").json()
            if current["progress"]["fold"] == 2:
                break
            time.sleep(0.02)
        assert current["progress"]["fold"] == 2, current
        assert current["progress"]["epoch"] > per_training
        cancel = client.post(f"/v1/jobs/{job['id']}/cancel", params={"keep_partial": True})
        assert cancel.status_code == 202
    finally:
        runner.join(timeout=60)
    done = client.get(f"/v1/jobs/{job['id']}").json()
    assert done["status"] == "cancelled"
    assert done["model_id"] is None  # no final model yet: nothing to keep
    assert done["progress"]["fold"] == 2 and done["progress"]["epoch"] < 2 * per_training
    assert client.get(f"/v1/jobs/{job['id']}/cost-history").json()["count"] == 0


def test_a_stopping_worker_hands_a_job_back_from_within_its_folds(client, dataset, worker):
    worker.settings.shutdown_finish_seconds = 0  # never "nearly done": hand it back
    job = post_job(client, dataset, cv=3, hyperparameters={"epochs": 1500, "batch_size": 1}).json()
    runner = threading.Thread(target=run_next_job, args=(worker,))
    runner.start()
    try:
        deadline = time.monotonic() + 60
        while client.get(f"/v1/jobs/{job['id']}").json()["progress"]["fold"] != 1:
            assert time.monotonic() < deadline, "the first fold never started"
            time.sleep(0.02)
        worker.stop_event.set()  # as SIGTERM does
    finally:
        runner.join(timeout=60)
    back = client.get(f"/v1/jobs/{job['id']}").json()
    assert back["status"] == "queued" and back["attempts"] == 0 and back["progress"]["epoch"] == 0
