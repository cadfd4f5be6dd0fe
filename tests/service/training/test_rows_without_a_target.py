"""Rows without a target are dropped and counted, not refused; a target with no value at all is a 422."""

import pytest

from tests.service.conftest import assert_refused, rows_in, run_job


def csv_with_gaps(target_of) -> bytes:
    lines = ["x1,x2,y"] + [f"{i / 40},{(i * 7 % 40) / 40},{target_of(i)}" for i in range(80)]
    return "\n".join(lines).encode() + b"\n"


def upload(client, content: bytes) -> dict:
    response = client.post("/v1/datasets", content=content, headers={"Content-Type": "text/csv"})
    assert response.status_code == 201, response.text
    return response.json()


@pytest.mark.parametrize(
    ("target_of", "task"),
    [
        (lambda i: "" if i % 4 == 0 else ("yes" if i >= 40 else "no"), "classification"),
        (lambda i: "NA" if i % 4 == 0 else f"{i * 0.5}", "regression"),
    ],
)
def test_rows_without_a_target_are_dropped_and_counted(client, worker, target_of, task):
    dataset = upload(client, csv_with_gaps(target_of))
    assert {c["name"]: c for c in dataset["columns"]}["y"]["missing"] == 20
    job = run_job(client, worker, {"dataset_id": dataset["id"], "target": "y", "hyperparameters": {"epochs": 20}})
    assert job["status"] == "succeeded", job["error"]
    assert job["task"] == task
    model = client.get(f"/v1/models/{job['model_id']}").json()
    assert model["preprocessing"]["rows_without_target"] == 20
    assert model["metrics"]["rows"] == 12  # 20 % of the 60 rows that have a target


@pytest.mark.parametrize("blank", ["", "NA"])
def test_a_target_with_no_value_at_all_is_422_and_writes_nothing(client, db, blank):
    dataset = upload(client, b"x,y\n" + b"".join(f"{i},{blank}\n".encode() for i in range(10)))
    before = rows_in(db)
    response = client.post("/v1/jobs", json={"dataset_id": dataset["id"], "target": "y"})
    assert_refused(response, 422, "target", "every value of column 'y' is missing")
    assert rows_in(db) == before
