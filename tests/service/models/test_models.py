"""/v1/models through HTTP: get, list, predict (instances and records), evaluate, delete."""

import io

import numpy as np
import pytest

from service.core.tables import Model
from tests.service.conftest import assert_refused, count, run_next_job

NPY = {"Content-Type": "application/x-npy"}


def test_model_describes_architecture_preprocessing_and_test_metrics(client, trained):
    model = client.get(f"/v1/models/{trained['model_id']}").json()
    assert model["job_id"] == trained["job"]["id"]
    assert model["features"] == ["x1", "x2"]
    assert model["classes"] == ["no", "yes"]
    assert model["architecture"]["layers"] == [2, 14, 1]
    assert model["architecture"]["output_activation"] == "sigmoid"
    assert len(model["preprocessing"]["feature_scaling"]["mean"]) == 2
    metrics = model["metrics"]
    assert metrics["split"] == "test" and metrics["rows"] == 12  # 20 % of 60 rows, stratified
    assert {"accuracy", "log_loss", "macro", "confusion_matrix"} <= set(metrics)
    assert sum(map(sum, metrics["confusion_matrix"])) == 12
    listing = client.get("/v1/models").json()
    assert listing["count"] == 1 and listing["data"][0]["id"] == trained["model_id"]


def test_predict_by_instances_and_by_records_agree_in_label_space(client, trained):
    url = f"/v1/models/{trained['model_id']}/predict"
    by_rows = client.post(url, json={"instances": [[0.9, 0.8], [0.0, 0.1]]})
    assert by_rows.status_code == 200, by_rows.text
    body = by_rows.json()
    assert set(body["predictions"]) <= {"yes", "no"}
    assert body["classes"] == ["no", "yes"]
    assert all(abs(sum(p) - 1) < 1e-9 for p in body["probabilities"])
    by_name = client.post(url, json={"records": [{"x2": 0.8, "x1": 0.9}, {"x1": 0.0, "x2": 0.1}]}).json()
    assert by_name["predictions"] == body["predictions"]
    assert by_name["probabilities"] == body["probabilities"]


def npy(array) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


@pytest.mark.parametrize("dtype", ["float64", "float32", "int64"])
def test_predict_from_an_npy_body_answers_as_the_json_one(client, trained, dtype):
    url = f"/v1/models/{trained['model_id']}/predict"
    rows = [[1, 0], [0, 1], [2, 3]]
    by_json = client.post(url, json={"instances": rows}).json()
    response = client.post(url, content=npy(np.array(rows, dtype=dtype)), headers=NPY)
    assert response.status_code == 200, response.text
    assert response.json() == by_json


def test_a_large_npy_body_answers_as_its_rows_do_one_by_one(client, trained):
    url = f"/v1/models/{trained['model_id']}/predict"
    X = np.random.default_rng(0).random((5000, 2))  # 80 KB: read in the thread pool, past the inline limit
    whole = client.post(url, content=npy(X), headers=NPY).json()
    assert len(whole["predictions"]) == 5000
    for i in (0, 2500, 4999):
        one = client.post(url, json={"instances": [X[i].tolist()]}).json()
        assert one["predictions"][0] == whole["predictions"][i]
        assert one["probabilities"][0] == pytest.approx(whole["probabilities"][i], abs=1e-12)


def test_evaluate_on_a_dataset_with_the_same_columns(client, trained):
    response = client.post(f"/v1/models/{trained['model_id']}/evaluate", json={"dataset_id": trained["dataset"]["id"]})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["rows"] == 60
    assert 0.5 <= result["metrics"]["accuracy"] <= 1
    assert sum(map(sum, result["metrics"]["confusion_matrix"])) == 60


def test_evaluate_refuses_a_dataset_without_the_features(client, trained):
    other = client.post("/v1/datasets", json={"columns": ["x1", "label"], "rows": [[0.1, "yes"], [0.2, "no"]]}).json()
    response = client.post(f"/v1/models/{trained['model_id']}/evaluate", json={"dataset_id": other["id"]})
    assert response.status_code == 422
    assert "x2" in response.json()["detail"]
    missing = client.post(f"/v1/models/{trained['model_id']}/evaluate", json={"dataset_id": "nope"})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "dataset_id"


def test_delete_model_then_it_is_gone_everywhere(client, db, trained):
    url = f"/v1/models/{trained['model_id']}"
    client.post(f"{url}/predict", json={"instances": [[0.1, 0.2]]})  # now cached
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404
    assert client.post(f"{url}/predict", json={"instances": [[0.1, 0.2]]}).status_code == 404
    assert client.delete(url).status_code == 404
    assert count(db, Model) == 0
    assert client.get(f"/v1/jobs/{trained['job']['id']}").json()["model_id"] is None


def test_regression_model_predicts_numbers(client, worker):
    rows = [[i / 10, (i % 3) / 3, 2 * i / 10 + 1] for i in range(40)]
    dataset = client.post("/v1/datasets", json={"columns": ["a", "b", "y"], "rows": rows}).json()
    job = client.post(
        "/v1/jobs",
        json={"dataset_id": dataset["id"], "target": "y", "hyperparameters": {"epochs": 100, "learning_rate": 0.01}},
    ).json()
    assert job["task"] == "regression"
    run_next_job(worker)
    model_id = client.get(f"/v1/jobs/{job['id']}").json()["model_id"]
    model = client.get(f"/v1/models/{model_id}").json()
    assert {"mse", "mae", "r2"} <= set(model["metrics"])
    prediction = client.post(f"/v1/models/{model_id}/predict", json={"instances": [[1.0, 0.0]]}).json()
    assert isinstance(prediction["predictions"][0], float)
    assert "probabilities" not in prediction


def test_what_the_plain_instances_path_leaves_aside_is_still_checked_cell_by_cell(client, trained):
    url = f"/v1/models/{trained['model_id']}/predict"
    for rows, words in (
        ([[0.1, True]], ["row 0", "True"]),  # NumPy would read a boolean as 1
        ([[0.1, "0.2"]], ["row 0", "'0.2'"]),  # nor is a string of digits a number
        ([[0.1, 0.2], [0.3]], ["row 1 has 1 values"]),
    ):
        assert_refused(client.post(url, json={"instances": rows}), 422, *words)
    for body in (b'{"instances": [[0.1, null]]}', b'{"instances": [[0.1, NaN]]}'):  # missing: imputed, warned
        gap = client.post(url, content=body, headers={"Content-Type": "application/json"})
        assert gap.status_code == 200 and [w["row"] for w in gap.json()["warnings"]] == [0], gap.text
    huge = client.post(url, json={"instances": [[0.1, 10**30]]})  # past int64: read as a float
    assert huge.status_code == 200 and len(huge.json()["predictions"]) == 1


def test_a_large_request_answers_what_its_rows_answer_one_by_one(client, trained):
    url = f"/v1/models/{trained['model_id']}/predict"
    rows = [[i / 1000, (i % 7) / 7] for i in range(4000)]  # over 64 KiB: answered off the event loop
    together = client.post(url, json={"instances": rows}).json()
    assert len(together["predictions"]) == 4000
    for i in (0, 1234, 3999):
        alone = client.post(url, json={"instances": [rows[i]]}).json()
        assert alone["predictions"][0] == together["predictions"][i]
        assert alone["probabilities"][0] == pytest.approx(together["probabilities"][i], abs=1e-12)
