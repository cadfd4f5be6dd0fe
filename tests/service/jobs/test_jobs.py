"""/v1/jobs through HTTP: create and its validation, list, get, cancel, cost history."""

import csv
import io

import pytest

from service.core.tables import EpochRecord, Job
from tests.service.conftest import assert_refused, count, rows_in, run_next_job, upload_csv


@pytest.fixture
def dataset(client) -> dict:
    return upload_csv(client)


def post_job(client, dataset, **fields):
    body = {"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], **fields}
    return client.post("/v1/jobs", json=body)


def test_create_job_answers_202_queued_with_location_and_resolved_defaults(client, dataset):
    response = post_job(client, dataset, hyperparameters={"epochs": 5})
    assert response.status_code == 202
    job = response.json()
    assert response.headers["location"] == f"/v1/jobs/{job['id']}"
    assert job["status"] == "queued"
    assert job["task"] == "classification"  # inferred from the text labels
    assert job["features"] == ["x1", "x2"]
    assert job["hyperparameters"]["epochs"] == 5
    assert job["hyperparameters"]["hidden_layers"] == [14]  # documented default filled in
    assert job["progress"] == {"epoch": 0, "epochs": 5, "train_cost": None, "validation_cost": None, "fold": None}
    assert client.get(response.headers["location"]).json()["id"] == job["id"]


@pytest.mark.parametrize(
    ("hyperparameters", "field"),
    [
        ({"learning_rate": -0.1}, "hyperparameters.learning_rate"),
        ({"learning_rate": 0}, "hyperparameters.learning_rate"),
        ({"epochs": 0}, "hyperparameters.epochs"),
        ({"hidden_layers": []}, "hyperparameters.hidden_layers"),
        ({"hidden_layers": [14, 0]}, "hyperparameters.hidden_layers.1"),
        ({"activation": "swish"}, "hyperparameters.activation"),
        ({"batch_size": 0}, "hyperparameters.batch_size"),
        ({"momentum": 1.5}, "hyperparameters.momentum"),
        ({"test_fraction": 1.0}, "hyperparameters.test_fraction"),
        ({"dtype": "float16"}, "hyperparameters.dtype"),
        ({"learning_rte": 0.1}, "hyperparameters.learning_rte"),  # a typo is rejected, not ignored
    ],
)
def test_bad_hyperparameters_answer_422_naming_the_field_and_queue_nothing(client, db, dataset, hyperparameters, field):
    response = post_job(client, dataset, hyperparameters=hyperparameters)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert field in [e["field"] for e in problem["errors"]]
    assert count(db, Job) == 0


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"target": "nope"}, "target", "no column 'nope'"),
        ({"dataset_id": "00000000-0000-0000-0000-000000000000"}, "dataset_id", "does not exist"),
        ({"exclude": ["idd"]}, "exclude", "'idd'"),
        ({"exclude": [], "features": ["x1", "label"]}, "features", "cannot also be a feature"),
        ({"task": "regression"}, "task", "numeric target"),
    ],
)
def test_job_that_does_not_fit_the_dataset_answers_422_and_queues_nothing(client, db, dataset, fields, field, words):
    response = post_job(client, dataset, **fields)
    assert response.status_code == 422, response.text
    assert field in [e["field"] for e in response.json()["errors"]]
    assert words in response.json()["detail"]
    assert count(db, Job) == 0


def test_a_text_feature_is_encoded_but_a_single_class_target_is_refused(client, db):
    dataset = client.post(
        "/v1/datasets", json={"columns": ["x", "colour", "y"], "rows": [[1, "red", "a"], [2, "blue", "a"]]}
    ).json()
    response = client.post("/v1/jobs", json={"dataset_id": dataset["id"], "target": "y"})
    assert response.status_code == 422
    assert "single class" in response.json()["detail"]
    assert count(db, Job) == 0


def test_list_filters_by_status_and_dataset_and_pages(client, dataset):
    other = upload_csv(client)
    ids = [post_job(client, dataset, hyperparameters={"epochs": 1}).json()["id"] for _ in range(3)]
    post_job(client, other, hyperparameters={"epochs": 1})
    client.post(f"/v1/jobs/{ids[0]}/cancel")
    listing = client.get("/v1/jobs", params={"dataset_id": dataset["id"]}).json()
    assert listing["count"] == 3
    assert [j["id"] for j in listing["data"]] == ids[::-1]  # newest first
    assert client.get("/v1/jobs", params={"status": "cancelled"}).json()["count"] == 1
    page = client.get("/v1/jobs", params={"limit": 2, "offset": 2}).json()
    assert page["count"] == 4 and len(page["data"]) == 2
    assert client.get("/v1/jobs", params={"status": "bogus"}).status_code == 422


def test_get_unknown_job_is_a_problem_404(client):
    response = client.get("/v1/jobs/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "does not exist" in response.json()["detail"]


def test_cancel_queued_job_ends_it_and_cancelling_again_is_harmless(client, dataset, worker):
    job = post_job(client, dataset).json()
    first = client.post(f"/v1/jobs/{job['id']}/cancel")
    assert first.status_code == 200 and first.json()["status"] == "cancelled"
    again = client.post(f"/v1/jobs/{job['id']}/cancel")
    assert again.status_code == 200 and again.json()["status"] == "cancelled"
    assert run_next_job(worker) is None  # a cancelled job is never claimed


def test_cancel_finished_job_is_409(client, dataset, worker):
    job = post_job(client, dataset, hyperparameters={"epochs": 3}).json()
    run_next_job(worker)
    assert client.get(f"/v1/jobs/{job['id']}").json()["status"] == "succeeded"
    response = client.post(f"/v1/jobs/{job['id']}/cancel")
    assert response.status_code == 409
    assert "already succeeded" in response.json()["detail"]


def test_job_runs_and_reports_progress_history_and_model(client, db, dataset, worker):
    job = post_job(client, dataset, hyperparameters={"epochs": 30, "validation_fraction": 0.2}).json()
    assert run_next_job(worker) == job["id"]
    done = client.get(f"/v1/jobs/{job['id']}").json()
    assert done["status"] == "succeeded", done["error"]
    assert done["attempts"] == 1
    assert done["progress"]["epoch"] == 30
    assert done["model_id"] and done["started_at"] and done["finished_at"]
    history = client.get(f"/v1/jobs/{job['id']}/cost-history").json()
    assert history["count"] == 30
    assert [row["epoch"] for row in history["data"]] == list(range(1, 31))
    assert all(row["validation_cost"] is not None for row in history["data"])
    assert history["data"][-1]["train_cost"] == done["progress"]["train_cost"]
    assert count(db, EpochRecord) == 30


def test_cost_history_as_csv(client, dataset, worker):
    job = post_job(client, dataset, hyperparameters={"epochs": 4, "validation_fraction": 0}).json()
    run_next_job(worker)
    for response in (
        client.get(f"/v1/jobs/{job['id']}/cost-history", params={"format": "csv"}),
        client.get(f"/v1/jobs/{job['id']}/cost-history", headers={"Accept": "text/csv"}),
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert list(rows[0]) == [
            "epoch",
            "train_cost",
            "validation_cost",
            "train_loss",
            "train_l2",
            "validation_l2",
            "grad_norm_layer1",
            "grad_norm_layer2",
            "dead_units_layer1",  # relu: one hidden layer
        ]
        assert [row["epoch"] for row in rows] == ["1", "2", "3", "4"]
        for row in rows:
            assert row["validation_cost"] == row["validation_l2"] == ""  # no validation split: empty columns
            assert float(row["train_loss"]) + float(row["train_l2"]) == pytest.approx(float(row["train_cost"]))
            assert float(row["grad_norm_layer1"]) > 0 and 0 <= float(row["dead_units_layer1"]) <= 1


def test_divergence_fails_the_job_with_advice(client, worker):
    rows = [[float(i), 100.0 * i] for i in range(40)]
    dataset = client.post("/v1/datasets", json={"columns": ["x", "y"], "rows": rows}).json()
    hyperparameters = {
        "optimizer": "sgd",
        "learning_rate": 1,
        "epochs": 200,
        "standardize": False,
        "activation": "tanh",
    }
    job = client.post(
        "/v1/jobs", json={"dataset_id": dataset["id"], "target": "y", "hyperparameters": hyperparameters}
    ).json()
    run_next_job(worker)
    failed = client.get(f"/v1/jobs/{job['id']}").json()
    assert failed["status"] == "failed"
    assert "lower the learning rate" in failed["error"]
    assert failed["model_id"] is None


@pytest.mark.parametrize(
    ("finish_seconds", "status", "epoch"),
    [(60.0, "succeeded", 30), (0.0, "queued", 0)],
    ids=["nearly-done-is-finished", "otherwise-handed-back"],
)
def test_a_stopping_worker_finishes_a_nearly_done_job_or_hands_it_back(
    client, dataset, worker, finish_seconds, status, epoch
):
    job = post_job(client, dataset, hyperparameters={"epochs": 30}).json()
    worker.settings.shutdown_finish_seconds = finish_seconds
    worker.stop_event.set()  # SIGTERM arrived: the first epoch is the last unless the job is nearly done
    assert run_next_job(worker) == job["id"]
    ended = client.get(f"/v1/jobs/{job['id']}").json()
    assert (ended["status"], ended["progress"]["epoch"]) == (status, epoch)
    assert ended["attempts"] == (1 if status == "succeeded" else 0)  # a hand-back spends no attempt
    assert client.get(f"/v1/jobs/{job['id']}/cost-history").json()["count"] == epoch


def test_a_422_about_the_encoding_names_every_problem_at_once(client, db):
    dataset = upload_csv(client, b"a,b,c,d,label\n1,x,,1,p\n2,y,3,2,q\n3,x,4,,p\n4,y,5,3,q\n")
    before = rows_in(db)
    columns = {
        "b": {"type": "numeric", "impute": "median"},
        "a": {"max_categories": 3},
        "label": {"type": "categorical"},
        "nope": {"type": "drop"},
    }
    body = {"dataset_id": dataset["id"], "target": "label", "encoding": {"columns": columns}}
    problem = assert_refused(client.post("/v1/jobs", json=body), 422, "4 problem(s) with the feature columns")
    messages = [error["message"] for error in problem["errors"]]
    assert [error["field"] for error in problem["errors"]] == ["encoding"] * 4
    assert "'label', which is not a feature of this job" in messages[0]
    assert "'nope', which is not a column of the dataset" in messages[1]
    assert "max_categories is for categorical columns; 'a' is numeric" in messages[2]
    assert "column 'b' is categorical: it cannot be encoded as numeric" in messages[3]
    assert rows_in(db) == before
