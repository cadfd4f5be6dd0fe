"""Issue 8's training options through HTTP: dropout, sample and class weights, early stopping on a
metric, warm starts, cancelling with the best weights kept, the cost history's L2 split and
diagnostics, the reproducibility record and replays."""

import hashlib
import threading
import time

import pytest
from threadpoolctl import threadpool_limits

from service.core.tables import Dataset
from service.jobs.worker import Worker
from tests.service.conftest import TINY_CSV, assert_refused, bearer, rows_in, run_job, run_next_job, upload_csv

WEIGHTED_CSV = b"id,x1,x2,w,label\n" + b"".join(
    f"{i},{(i % 7) / 7:.3f},{(i % 5) / 5:.3f},{1 + i % 3},{'yes' if (i % 7) / 7 + (i % 5) / 5 > 1 else 'no'}\n".encode()
    for i in range(60)
)
FAST = {"epochs": 30, "learning_rate": 0.01}


@pytest.fixture
def dataset(client) -> dict:
    return upload_csv(client)


def train(client, worker, dataset, **body) -> dict:
    """Queue a job on the tiny dataset, run it here; the job as it ended."""
    hyperparameters = {**FAST, **body.pop("hyperparameters", {})}
    base = {"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], "hyperparameters": hyperparameters}
    return run_job(client, worker, base | body)


def model_of(client, job: dict) -> dict:
    assert job["status"] == "succeeded", job["error"]
    return client.get(f"/v1/models/{job['model_id']}").json()


def refused_job(client, db, dataset, status: int, *words, **body):
    """The job is refused with `status`, naming `words`, and nothing is written."""
    before = rows_in(db)
    response = client.post("/v1/jobs", json={"dataset_id": dataset["id"], "target": "label", "exclude": ["id"]} | body)
    assert_refused(response, status, *words)
    assert rows_in(db) == before


# -- dropout -------------------------------------------------------------------------------------------------------


def test_dropout_per_layer_is_recorded_and_prediction_is_deterministic(client, worker, dataset):
    model = model_of(
        client, train(client, worker, dataset, hyperparameters={"hidden_layers": [8, 4], "dropout": [0.3, 0.1]})
    )
    assert model["hyperparameters"]["dropout"] == [0.3, 0.1]
    assert model["architecture"]["dropout"] == [0.3, 0.1]
    assert model["reproducibility"]["hyperparameters"]["dropout"] == [0.3, 0.1]
    rows = {"instances": [[0.1, 0.2], [0.9, 0.8]]}
    first = client.post(f"/v1/models/{model['id']}/predict", json=rows).json()
    assert client.post(f"/v1/models/{model['id']}/predict", json=rows).json() == first  # off at prediction


def test_one_dropout_rate_applies_to_every_hidden_layer(client, worker, dataset):
    model = model_of(client, train(client, worker, dataset, hyperparameters={"hidden_layers": [8, 4], "dropout": 0.2}))
    assert model["architecture"]["dropout"] == [0.2, 0.2]


@pytest.mark.parametrize(
    "hyperparameters, words",
    [
        ({"hidden_layers": [8, 4], "dropout": [0.3]}, ("1 rates for 2 hidden layers",)),
        ({"dropout": 1.0}, ("dropout",)),
        ({"dropout": -0.5}, ("dropout",)),
        ({"dropout": "half"}, ("dropout",)),
    ],
)
def test_bad_dropout_is_422(client, db, dataset, hyperparameters, words):
    refused_job(client, db, dataset, 422, *words, hyperparameters=hyperparameters)


# -- sample and class weights ------------------------------------------------------------------------------------


def test_a_weight_column_weighs_rows_and_is_not_a_feature(client, worker):
    weighted = upload_csv(client, WEIGHTED_CSV)
    job = train(client, worker, weighted, sample_weight_column="w")
    assert job["sample_weight_column"] == "w"
    model = model_of(client, job)
    assert model["features"] == ["x1", "x2"]
    assert model["metrics"]["weighted"] is True
    plain = model_of(client, train(client, worker, weighted, exclude=["id", "w"]))
    assert "weighted" not in plain["metrics"]
    assert model["metrics"]["log_loss"] != plain["metrics"]["log_loss"]


@pytest.mark.parametrize(
    "column, words",
    [("nope", ("no column 'nope'",)), ("label", ("is the target",)), ("id", ())],
)
def test_a_bad_weight_column_is_422(client, db, column, words):
    weighted = upload_csv(client, WEIGHTED_CSV.replace(b",1,", b",-1,", 1) if column == "id" else WEIGHTED_CSV)
    if column == "id":
        column, words = "w", ("negative values",)
    refused_job(client, db, weighted, 422, "sample_weight_column", *words, sample_weight_column=column)


def test_a_text_weight_column_is_422(client, db):
    text = upload_csv(
        client, b"x1,x2,w,label\n" + b"".join(f"{i},{i % 3},a{i % 2},{i % 2}\n".encode() for i in range(20))
    )
    refused_job(client, db, text, 422, "weights must be numbers", sample_weight_column="w", exclude=[])


def test_balanced_class_weight_trains_and_weighs_the_metrics(client, worker, dataset):
    model = model_of(client, train(client, worker, dataset, hyperparameters={"class_weight": "balanced"}))
    assert model["hyperparameters"]["class_weight"] == "balanced"
    assert model["metrics"]["weighted"] is True
    mapped = model_of(client, train(client, worker, dataset, hyperparameters={"class_weight": {"yes": 3}}))
    assert mapped["hyperparameters"]["class_weight"] == {"yes": 3.0}


def test_class_weight_naming_an_unknown_label_fails_the_job_saying_so(client, worker, dataset):
    job = train(client, worker, dataset, hyperparameters={"class_weight": {"maybe": 2}})
    assert job["status"] == "failed"
    assert "not in y" in job["error"] and "maybe" in job["error"]


def test_class_weight_on_regression_and_negative_weights_are_422(client, db, dataset):
    refused_job(
        client,
        db,
        dataset,
        422,
        "class_weight",
        target="x1",
        task="regression",
        exclude=["id", "label"],
        hyperparameters={"class_weight": "balanced"},
    )
    refused_job(client, db, dataset, 422, "class_weight", hyperparameters={"class_weight": {"yes": -1}})
    refused_job(client, db, dataset, 422, "class_weight", hyperparameters={"class_weight": "heavy"})


# -- early stopping on a metric ----------------------------------------------------------------------------------


def test_early_stopping_on_accuracy_is_reported_as_such(client, worker, dataset):
    job = train(
        client,
        worker,
        dataset,
        hyperparameters={
            "early_stopping": True,
            "early_stopping_metric": "accuracy",
            "patience": 3,
            "epochs": 500,
            "validation_fraction": 0.25,
        },
    )
    architecture = model_of(client, job)["architecture"]
    assert architecture["monitor"] == "accuracy"
    assert architecture["stop_reason"] == "early_stopping"
    assert 0 <= architecture["best_score"] <= 1 and architecture["best_epoch"] < architecture["n_epochs"]


@pytest.mark.parametrize(
    "body, words",
    [
        ({"hyperparameters": {"early_stopping_metric": "r2"}}, ("'r2' does not suit classification",)),
        (
            {"hyperparameters": {"early_stopping_metric": "accuracy", "validation_fraction": 0}},
            ("validation_fraction",),
        ),
        ({"hyperparameters": {"early_stopping_metric": "speed"}}, ("early_stopping_metric",)),
        (
            {
                "target": "x1",
                "task": "regression",
                "exclude": ["id", "label"],
                "hyperparameters": {"early_stopping_metric": "accuracy"},
            },
            ("does not suit regression",),
        ),
    ],
)
def test_a_metric_that_cannot_be_watched_is_422(client, db, dataset, body, words):
    refused_job(client, db, dataset, 422, *words, **body)


# -- warm start --------------------------------------------------------------------------------------------------


def test_a_warm_start_continues_from_the_model_with_its_own_history(client, worker, dataset):
    first_job = train(client, worker, dataset, hyperparameters={"hidden_layers": [6], "epochs": 60})
    first = model_of(client, first_job)
    warm_job = train(client, worker, dataset, init_model_id=first["id"], hyperparameters={"epochs": 5})
    assert warm_job["init_model_id"] == first["id"]
    assert warm_job["hyperparameters"]["hidden_layers"] == [6]  # taken from the model
    warm = model_of(client, warm_job)
    assert warm["architecture"]["init"] == "warm_start"
    assert warm["reproducibility"]["init_model_id"] == first["id"]
    fresh = model_of(client, train(client, worker, dataset, hyperparameters={"hidden_layers": [6], "epochs": 5}))
    history = lambda job_id: client.get(f"/v1/jobs/{job_id}/cost-history").json()["data"]  # noqa: E731
    assert len(history(warm_job["id"])) == 5 and len(history(first_job["id"])) == 60
    assert history(warm_job["id"])[0]["train_cost"] < history(fresh["job_id"])[0]["train_cost"]
    assert warm["preprocessing"]["feature_scaling"] == first["preprocessing"]["feature_scaling"]


def test_a_warm_start_that_does_not_fit_the_model_is_422(client, db, worker, dataset, trained):
    model_id = trained["model_id"]  # hidden_layers [14], relu, features x1, x2
    cases = [
        ({"hyperparameters": {"hidden_layers": [7]}}, ("hidden_layers=[14]",)),
        ({"hyperparameters": {"activation": "tanh"}}, ("activation='relu'",)),
        ({"exclude": ["id", "x2"]}, ("takes the column(s) ['x2']",)),
        ({"target": "x1", "task": "regression", "exclude": ["id", "label"]}, ("classification model",)),
    ]
    for body, words in cases:
        refused_job(client, db, dataset, 422, "init_model_id", *words, init_model_id=model_id, **body)
    missing = "00000000-0000-4000-8000-000000000000"
    refused_job(client, db, dataset, 422, "does not exist", init_model_id=missing)
    other = client.post(
        "/v1/jobs",
        headers=bearer(db, "mallory"),
        json={"dataset_id": dataset["id"], "target": "label", "init_model_id": model_id},
    )
    assert other.status_code == 422  # neither her dataset nor her model: as if missing


# -- cancelling, keeping the best weights -----------------------------------------------------------------------


def run_in_background(worker) -> threading.Thread:
    """The worker in a thread of this process. Its beats are spaced out: in one process, the
    training thread's hold on the GIL can keep a beat's SQLite write open long enough to lock out
    the API's cancel (separate worker processes do not share a GIL)."""
    slower = Worker(worker.db, worker.settings.model_copy(update={"heartbeat_seconds": 0.3}), worker_id="test-worker")
    thread = threading.Thread(target=run_next_job, args=(slower,))
    thread.start()
    return thread


def wait_for_epochs(client, job_id: str, epochs: int) -> None:
    deadline = time.monotonic() + 30
    while client.get(f"/v1/jobs/{job_id}").json()["progress"]["epoch"] < epochs:
        assert time.monotonic() < deadline, "the job made no progress"
        time.sleep(0.02)


@pytest.mark.parametrize("keep", [True, False])
def test_cancelling_a_running_job_keeps_its_best_weights_when_asked(client, worker, dataset, keep):
    job = client.post(
        "/v1/jobs",
        json={
            "dataset_id": dataset["id"],
            "target": "label",
            "exclude": ["id"],
            "hyperparameters": {"epochs": 100000, "validation_fraction": 0.2, "learning_rate": 0.01},
        },
    ).json()
    thread = run_in_background(worker)
    wait_for_epochs(client, job["id"], 20)
    response = client.post(f"/v1/jobs/{job['id']}/cancel", params={"keep_partial": keep})
    assert response.status_code == 202 and response.json()["keep_partial"] is keep
    thread.join(timeout=30)
    ended = client.get(f"/v1/jobs/{job['id']}").json()
    assert ended["status"] == "cancelled"
    if not keep:
        assert ended["model_id"] is None
        return
    model = client.get(f"/v1/models/{ended['model_id']}").json()
    assert model["partial"] is True and model["architecture"]["stop_reason"] == "callback"
    history = client.get(f"/v1/jobs/{job['id']}/cost-history").json()["data"]
    costs = [row["validation_cost"] for row in history]
    best_epoch = model["architecture"]["best_epoch"]
    assert best_epoch <= len(costs) and costs[best_epoch - 1] <= min(costs) + 1e-4  # min_delta: a smaller gain waits
    assert client.post(f"/v1/models/{model['id']}/predict", json={"instances": [[0.5, 0.5]]}).status_code == 200


def test_keep_partial_on_a_queued_job_keeps_nothing(client, worker, dataset):
    job = client.post("/v1/jobs", json={"dataset_id": dataset["id"], "target": "label", "exclude": ["id"]}).json()
    response = client.post(f"/v1/jobs/{job['id']}/cancel", params={"keep_partial": True})
    assert response.status_code == 200 and response.json()["model_id"] is None


# -- history: the L2 split and diagnostics -------------------------------------------------------------------------


def test_the_history_splits_data_loss_and_l2_and_carries_diagnostics(client, worker, dataset):
    job = train(
        client,
        worker,
        dataset,
        hyperparameters={"hidden_layers": [8, 4], "activation": "tanh", "l2": 0.5, "validation_fraction": 0.2},
    )
    rows = client.get(f"/v1/jobs/{job['id']}/cost-history").json()["data"]
    assert len(rows) == 30
    for row in rows:
        assert row["train_loss"] + row["train_l2"] == pytest.approx(row["train_cost"])
        assert row["train_l2"] > 0 and row["validation_l2"] > 0 and row["validation_cost"] > 0
        assert len(row["grad_norms"]) == 3 and len(row["saturation"]) == 2 and row["dead_units"] is None
    relu = train(client, worker, dataset, hyperparameters={"hidden_layers": [8]})
    row = client.get(f"/v1/jobs/{relu['id']}/cost-history").json()["data"][0]
    assert len(row["dead_units"]) == 1 and row["saturation"] is None and row["validation_l2"] is None


def test_the_plot_draws_the_split_and_the_gradient_norms(client, worker, dataset):
    job = train(client, worker, dataset, hyperparameters={"l2": 0.5, "validation_fraction": 0.2})
    svg = client.get(f"/v1/jobs/{job['id']}/cost-history.svg").text
    for label in ("training data loss", "L2 penalty", "validation cost", "gradient norm, layer 1"):
        assert label in svg, label


# -- reproducibility and replays ---------------------------------------------------------------------------------


def test_every_model_records_how_to_train_it_again(client, worker, dataset, db):
    model = model_of(client, train(client, worker, dataset))
    record = model["reproducibility"]
    with db.read_session() as session:
        content = session.get(Dataset, dataset["id"]).content
    assert record["dataset_sha256"] == hashlib.sha256(content).hexdigest()
    assert record["seed"] == 0
    resolved = record["hyperparameters"]
    assert resolved["init"] == "he_uniform" and resolved["validation_fraction"] == 0.0 and resolved["dropout"] == [0.0]
    versions = record["versions"]
    assert {"nn_engine", "numpy", "python", "blas"} <= set(versions)
    assert versions["blas"] and {"library", "version", "threads"} <= set(versions["blas"][0])


def test_a_replay_with_one_blas_thread_is_bit_identical(client, worker, dataset):
    with threadpool_limits(limits=1, user_api="blas"):
        original = train(
            client,
            worker,
            dataset,
            hyperparameters={
                "hidden_layers": [16, 8],
                "dropout": 0.2,
                "class_weight": "balanced",
                "validation_fraction": 0.2,
            },
        )
        response = client.post(f"/v1/jobs/{original['id']}/replay")
        assert response.status_code == 202 and response.headers["location"].startswith("/v1/jobs/")
        replay = response.json()
        assert replay["replay_of"] == original["id"] and replay["hyperparameters"] == original["hyperparameters"]
        run_next_job(worker)
    ended = client.get(f"/v1/jobs/{replay['id']}").json()
    assert ended["status"] == "succeeded", ended["error"]
    report = ended["replay"]
    assert report["identical"] is True and report["cost_history_identical"] and report["weights_identical"]
    assert report["first_differing_epoch"] is None and report["max_abs_weight_difference"] == 0.0
    assert report["blas_now"][0]["threads"] == 1


def test_a_replay_that_differs_says_where(client, worker, dataset, db):
    original = train(client, worker, dataset)
    replay = client.post(f"/v1/jobs/{original['id']}/replay").json()
    # Change the stored dataset's bytes: the replay then trains on other data.
    with db.write_session() as session:
        session.get(Dataset, dataset["id"]).content = session.get(
            Dataset, upload_csv(client, TINY_CSV.replace(b"0.143", b"0.150"))["id"]
        ).content
    run_next_job(worker)
    report = client.get(f"/v1/jobs/{replay['id']}").json()["replay"]
    assert report["identical"] is False and report["first_differing_epoch"] == 1
    assert report["max_abs_weight_difference"] > 0


def test_only_a_job_that_succeeded_can_be_replayed(client, db, worker, dataset):
    queued = client.post("/v1/jobs", json={"dataset_id": dataset["id"], "target": "label", "exclude": ["id"]}).json()
    before = rows_in(db)
    assert_refused(client.post(f"/v1/jobs/{queued['id']}/replay"), 409, "queued", "only a job that succeeded")
    assert_refused(client.post("/v1/jobs/00000000-0000-4000-8000-000000000000/replay"), 404)
    assert rows_in(db) == before
    run_next_job(worker)
    other = client.post(f"/v1/jobs/{queued['id']}/replay", headers=bearer(db, "mallory"))
    assert_refused(other, 404)
