"""The limits, each a setting: body sizes per route (also while streaming), dataset rows and
columns, prediction rows, the network's shape and the work of a job, and active jobs per owner."""

import io
import json
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from fastapi.testclient import TestClient

from service.core.limits import parameter_count
from service.core.tables import Dataset, Job
from tests.service.conftest import TINY_CSV, assert_refused, bearer, count, rows_in, upload_csv

JOB = {"target": "label", "exclude": ["id"], "hyperparameters": {"epochs": 5}}


def job_body(dataset: dict, **hyperparameters) -> dict:
    return {**JOB, "dataset_id": dataset["id"], "hyperparameters": {"epochs": 5, **hyperparameters}}


def chunks(data: bytes, size: int = 64):
    """A body without a Content-Length: sent chunked, counted as it arrives."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


def test_a_body_over_the_route_limit_is_413_whether_declared_or_streamed(client, db, settings):
    dataset = upload_csv(client)
    settings.max_body_bytes = 300
    body = job_body(dataset, hidden_layers=[4] * 60)
    before = rows_in(db)
    content = json.dumps(body).encode()
    assert len(content) > 300
    declared = client.post("/v1/jobs", content=content, headers={"Content-Type": "application/json"})
    assert_refused(declared, 413, "limit of 300 bytes")
    streamed = client.post("/v1/jobs", content=chunks(content), headers={"Content-Type": "application/json"})
    assert_refused(streamed, 413, "limit of 300 bytes")
    assert rows_in(db) == before
    assert client.post("/v1/jobs", json=job_body(dataset)).status_code == 202  # a small body still passes


def test_uploads_have_their_own_limit_and_json_uploads_the_body_limit(client, db, settings):
    settings.max_upload_bytes, settings.max_body_bytes = len(TINY_CSV) + 1024, 100
    upload_csv(client)  # multipart: under the upload limit, over the body limit
    raw = client.post("/v1/datasets", content=TINY_CSV, headers={"Content-Type": "text/csv"})
    assert raw.status_code == 201
    as_json = {"columns": ["a", "b"], "rows": [[i, i * 2] for i in range(50)]}
    assert_refused(client.post("/v1/datasets", json=as_json), 413, "limit of 100 bytes")
    settings.max_upload_bytes = 500
    assert_refused(client.post("/v1/datasets", content=TINY_CSV, headers={"Content-Type": "text/csv"}), 413)
    streamed = client.post("/v1/datasets", content=chunks(TINY_CSV), headers={"Content-Type": "text/csv"})
    assert_refused(streamed, 413, "limit of 500 bytes")
    assert_refused(client.post("/v1/datasets", files={"file": ("t.csv", TINY_CSV, "text/csv")}), 413)
    assert count(db, Dataset) == 2


def test_dataset_rows_and_columns_have_limits(client, db, settings):
    settings.max_dataset_rows = 59
    assert_refused(client.post("/v1/datasets", files={"file": ("t.csv", TINY_CSV)}), 413, "60 rows", "limit is 59")
    settings.max_dataset_rows, settings.max_dataset_columns = 60, 3
    assert_refused(client.post("/v1/datasets", files={"file": ("t.csv", TINY_CSV)}), 413, "4 columns", "limit is 3")
    settings.max_dataset_columns = 4
    upload_csv(client)
    assert count(db, Dataset) == 1


@pytest.mark.parametrize(
    ("fields", "status", "words"),
    [
        ({"name": "x" * 70_000}, 400, ["Part exceeded maximum size"]),
        ({f"field{i}": "x" for i in range(20)}, 400, ["Too many fields"]),
    ],
)
def test_multipart_fields_are_capped(client, db, fields, status, words):
    files = {"file": ("t.csv", TINY_CSV, "text/csv"), **{k: (None, v) for k, v in fields.items()}}
    assert_refused(client.post("/v1/datasets", files=files), status, *words)
    assert count(db, Dataset) == 0


def test_prediction_rows_have_a_limit(client, trained, settings):
    settings.max_prediction_rows = 10
    path = f"/v1/models/{trained['model_id']}/predict"
    assert client.post(path, json={"instances": [[0.1, 0.2]] * 10}).status_code == 200
    assert_refused(client.post(path, json={"instances": [[0.1, 0.2]] * 11}), 413, "11 rows", "limit is 10")
    records = [{"x1": 0.1, "x2": 0.2}] * 11
    assert_refused(client.post(path, json={"records": records}), 413, "records")
    matrix = io.BytesIO()
    np.save(matrix, np.zeros((11, 2)))
    npy = client.post(path, content=matrix.getvalue(), headers={"Content-Type": "application/x-npy"})
    assert_refused(npy, 413, "11 rows", "limit is 10")


@pytest.mark.parametrize(
    ("limit", "hyperparameters", "words"),
    [
        ({"max_hidden_layers": 2}, {"hidden_layers": [4, 4, 4]}, ["hyperparameters.hidden_layers", "allows 2"]),
        ({"max_units_per_layer": 8}, {"hidden_layers": [4, 9]}, ["a layer of 9 units", "allows 8"]),
        ({"max_epochs": 10}, {"epochs": 11}, ["hyperparameters.epochs", "allows 10"]),
    ],
)
def test_the_operator_bounds_the_network(client, db, settings, limit, hyperparameters, words):
    dataset = upload_csv(client)
    for name, value in limit.items():
        setattr(settings, name, value)
    assert_refused(client.post("/v1/jobs", json=job_body(dataset, **hyperparameters)), 422, *words)
    assert count(db, Job) == 0


def test_the_work_of_a_job_has_a_budget(client, db, settings):
    """rows x parameters x epochs: 60 rows, 2 features -> 14 units -> 1 output, 5 epochs."""
    dataset = upload_csv(client)
    work = 60 * parameter_count([2, 14, 1]) * 5
    assert parameter_count([2, 14, 1]) == 3 * 14 + 15
    settings.max_training_work = work - 1
    problem = assert_refused(client.post("/v1/jobs", json=job_body(dataset)), 422, "too large", "60 rows x 57")
    assert problem["errors"][0]["field"] == "hyperparameters"
    assert count(db, Job) == 0
    settings.max_training_work = work
    assert client.post("/v1/jobs", json=job_body(dataset)).status_code == 202


def test_default_budget_refuses_a_job_that_would_take_days(client, db):
    dataset = upload_csv(client)
    days = job_body(dataset, hidden_layers=[4096] * 32, epochs=100_000)
    assert_refused(client.post("/v1/jobs", json=days), 422, "too large", "NNSERVICE_MAX_TRAINING_WORK")
    assert count(db, Job) == 0


def test_active_jobs_per_owner_have_a_limit(app, client, db, settings):
    settings.max_active_jobs_per_owner = 2
    dataset = upload_csv(client)
    first = client.post("/v1/jobs", json=job_body(dataset), headers={"Idempotency-Key": "first"}).json()
    client.post("/v1/jobs", json=job_body(dataset))
    refused = client.post("/v1/jobs", json=job_body(dataset))
    assert_refused(refused, 429, "2 of your jobs are queued or running", "limit is 2")
    assert int(refused.headers["retry-after"]) > 0
    assert count(db, Job) == 2
    # a retry of a job already queued still answers with it
    again = client.post("/v1/jobs", json=job_body(dataset), headers={"Idempotency-Key": "first"})
    assert again.status_code == 202 and again.json()["id"] == first["id"]
    # another owner has a quota of its own
    with TestClient(app, headers=bearer(db, "bob")) as bob:
        bobs = upload_csv(bob)
        assert bob.post("/v1/jobs", json=job_body(bobs)).status_code == 202
    # a finished (here: cancelled) job frees its place
    assert client.post(f"/v1/jobs/{first['id']}/cancel").status_code == 200
    assert client.post("/v1/jobs", json=job_body(dataset)).status_code == 202


def test_a_burst_of_concurrent_jobs_cannot_pass_the_limit(client, db, settings):
    settings.max_active_jobs_per_owner = 3
    dataset = upload_csv(client)
    with ThreadPoolExecutor(8) as pool:
        statuses = sorted(pool.map(lambda _: client.post("/v1/jobs", json=job_body(dataset)).status_code, range(8)))
    assert statuses == [202] * 3 + [429] * 5
    assert count(db, Job) == 3
