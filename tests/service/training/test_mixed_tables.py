"""A mixed table (examples/make_mixed_table.py: text categories, a date, gaps, an id, rows without a
target) through every route that trains or scores: the defaults, overrides, raw-record predictions with
warnings, evaluate, cross-validation, sweeps, replays and warm starts."""

import csv
import io
import runpy
from pathlib import Path

import numpy as np
import onnx
import pytest

from tests.service.conftest import assert_refused, rows_in, run_next_job, upload_csv

EXAMPLE = runpy.run_path(str(Path(__file__).parents[3] / "examples" / "make_mixed_table.py"))
BUDGET = {"hidden_layers": [12], "epochs": 30, "learning_rate": 0.01, "batch_size": 64, "seed": 1}


def table_csv(n: int = 600) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXAMPLE["HEADER"])
    writer.writerows(EXAMPLE["rows"](n))
    return out.getvalue().encode()


@pytest.fixture
def customers(client) -> dict:
    return upload_csv(client, table_csv(), "customers.csv")


@pytest.fixture
def churn(customers, train_job) -> dict:
    job = train_job({"dataset_id": customers["id"], "target": "churned", "hyperparameters": BUDGET})
    assert job["status"] == "succeeded", job["error"]
    return job


def test_every_column_is_encoded_by_its_type_and_recorded(client, customers, churn):
    types = {c["name"]: c["type"] for c in customers["columns"]}
    assert types == {
        "customer_id": "text",
        "plan": "categorical",
        "signup_date": "datetime",
        "age": "numeric",
        "monthly_spend": "numeric",
        "newsletter": "boolean",
        "region": "categorical",
        "churned": "categorical",
    }
    columns = {c["name"]: c for c in churn["columns"]}
    assert "left_out" in columns["customer_id"] and columns["signup_date"]["outputs"][0] == "signup_date.seconds"
    assert columns["plan"]["levels_kept"] == ["basic", "plus", "pro"]
    assert columns["age"]["values_imputed"] > 0 and columns["age"]["strategy"] == "impute mean, standardize"
    model = client.get(f"/v1/models/{churn['model_id']}").json()
    assert model["preprocessing"]["columns"] == churn["columns"]
    assert model["preprocessing"]["rows_without_target"] > 0
    assert {"name": "plan", "type": "categorical", "levels": ["basic", "plus", "pro"]} in model["input_columns"]
    assert "customer_id" not in model["features"]


def test_overrides_change_the_encoding(client, customers, train_job):
    encoding = {
        "max_categories": 2,
        "columns": {"age": {"impute": "median", "missing_indicator": True}, "newsletter": {"type": "drop"}},
    }
    job = train_job(
        {"dataset_id": customers["id"], "target": "churned", "encoding": encoding, "hyperparameters": BUDGET}
    )
    columns = {c["name"]: c for c in job["columns"]}
    assert columns["age"]["strategy"] == "impute median, standardize" and "age=<missing>" in columns["age"]["outputs"]
    assert columns["newsletter"]["left_out"] == "dropped by columns"
    assert columns["region"]["n_levels_pooled"] == 3 and "region=<other>" in columns["region"]["outputs"]
    assert job["encoding"]["columns"]["age"]["impute"] == "median"


def test_predict_takes_raw_records_and_warns_instead_of_refusing(client, churn):
    url = f"/v1/models/{churn['model_id']}/predict"
    records = [
        {"customer_id": "C1", "plan": "pro", "signup_date": "2024-03-01", "age": 30, "monthly_spend": 80.0,
         "newsletter": True, "region": "north"},
        {"plan": "platinum", "signup_date": None, "age": None, "monthly_spend": 10, "region": "mars"},
    ]  # fmt: skip
    answer = client.post(url, json={"records": records})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert len(body["predictions"]) == 2 and set(body["predictions"]) <= {"yes", "no"}
    warned = [(w["row"], w["column"]) for w in body["warnings"]]
    assert warned == [(1, "plan"), (1, "signup_date"), (1, "age"), (1, "newsletter"), (1, "region")]
    assert body["warnings"][3]["message"].startswith("not in the record; ")
    # MLflow's split frame and a CSV body say the same
    split = {"columns": ["plan", "age", "monthly_spend"], "data": [["basic", 50, 20.5]]}
    assert client.post(url, json={"dataframe_split": split}).status_code == 200
    csv_body = b"plan,signup_date,age,monthly_spend,newsletter,region\nbasic,2022-01-05,NA,30,false,south\n"
    answer = client.post(url, content=csv_body, headers={"Content-Type": "text/csv"})
    assert answer.status_code == 200, answer.text
    assert [w["column"] for w in answer.json()["warnings"]] == ["age"]


def test_predict_refuses_a_wrong_kind_and_an_unknown_key(client, churn):
    url = f"/v1/models/{churn['model_id']}/predict"
    assert_refused(client.post(url, json={"records": [{"age": "old"}]}), 422, "row 0, column 'age'", "'old'")
    assert_refused(client.post(url, json={"records": [{"plan": "pro", "colour": "red"}]}), 422, "colour")
    assert_refused(
        client.post(url, json={"instances": [["pro", 1]]}), 422, "the model takes"
    )  # positional rows must be whole


def test_evaluate_scores_the_raw_table_without_its_unlabelled_rows(client, customers, churn):
    response = client.post(f"/v1/models/{churn['model_id']}/evaluate", json={"dataset_id": customers["id"]})
    assert response.status_code == 200, response.text
    assert 0.5 < response.json()["metrics"]["accuracy"] <= 1


def test_cross_validation_and_a_sweep_train_on_the_mixed_table(client, customers, worker, train_job):
    job = train_job({"dataset_id": customers["id"], "target": "churned", "cv": 3, "hyperparameters": BUDGET})
    assert job["status"] == "succeeded", job["error"]
    model = client.get(f"/v1/models/{job['model_id']}").json()
    assert model["metrics"]["cv"]["folds"] == 3 and "accuracy" in model["metrics"]["cv"]
    sweep = client.post(
        "/v1/sweeps",
        json={
            "dataset_id": customers["id"],
            "target": "churned",
            "encoding": {"max_categories": 2},
            "hyperparameters": BUDGET,
            "search": {"method": "grid", "parameters": {"learning_rate": [0.01, 0.03]}},
        },
    )
    assert sweep.status_code == 202, sweep.text
    while run_next_job(worker):
        pass
    trials = client.get("/v1/jobs", params={"limit": 10}).json()["data"]
    in_sweep = [t for t in trials if t["sweep_id"] == sweep.json()["id"]]
    assert len(in_sweep) == 2 and all(t["status"] == "succeeded" for t in in_sweep)
    assert all(t["encoding"]["max_categories"] == 2 for t in in_sweep)


def test_a_replay_is_bit_identical_and_a_warm_start_keeps_the_encoding(client, customers, churn, worker):
    replay = client.post(f"/v1/jobs/{churn['id']}/replay")
    assert replay.status_code == 202, replay.text
    run_next_job(worker)
    replayed = client.get(f"/v1/jobs/{replay.json()['id']}").json()
    assert replayed["status"] == "succeeded" and replayed["replay"]["identical"] is True, replayed["replay"]
    body = {"dataset_id": customers["id"], "target": "churned", "init_model_id": churn["model_id"]}
    before = rows_in(client.app.state.db)
    refused = client.post("/v1/jobs", json={**body, "encoding": {"max_categories": 2}})
    assert_refused(refused, 422, "a warm start keeps that encoding")
    assert rows_in(client.app.state.db) == before
    warm = client.post("/v1/jobs", json={**body, "hyperparameters": {**BUDGET, "epochs": 3}})
    assert warm.status_code == 202, warm.text
    run_next_job(worker)
    done = client.get(f"/v1/jobs/{warm.json()['id']}").json()
    assert done["status"] == "succeeded", done["error"]
    assert done["columns"] == churn["columns"]  # the model's own fitted encoder


def test_the_onnx_export_takes_the_raw_columns_and_answers_as_predict(client, churn):
    from tests.service.models.test_onnx_encoding import _feed, _metadata, _run

    response = client.get(f"/v1/models/{churn['model_id']}/export", params={"format": "onnx"})
    assert response.status_code == 200, response.text
    model = onnx.load_from_string(response.content)
    rows = EXAMPLE["rows"](40, seed=99)
    rows[0][1], rows[1][6], rows[2][3], rows[3][2], rows[4][5] = "platinum", None, None, None, None  # unseen, gaps
    names = EXAMPLE["HEADER"][:-1]
    records = [{k: (None if v in ("", "NA") else v) for k, v in zip(names, row, strict=False)} for row in rows]
    for record in records:  # as a client would send them: numbers as numbers, booleans as booleans
        record["newsletter"] = None if record["newsletter"] is None else record["newsletter"] == "true"
    answer = client.post(f"/v1/models/{churn['model_id']}/predict", json={"records": records}).json()
    assert {w["column"] for w in answer["warnings"]} >= {"plan", "region", "age", "signup_date", "newsletter"}
    table = {name: np.array([r[name] for r in records], dtype=object) for name in names}
    table["age"] = np.array([np.nan if v is None else float(v) for v in table["age"]])
    table["monthly_spend"] = np.array([np.nan if v is None else float(v) for v in table["monthly_spend"]])
    table["newsletter"] = np.array([np.nan if v is None else float(v) for v in table["newsletter"]])
    out = _run(model, _feed(_metadata(model), table))
    assert np.allclose(out["probabilities"], answer["probabilities"], atol=1e-5)
    assert out["label"].tolist() == answer["predictions"]
