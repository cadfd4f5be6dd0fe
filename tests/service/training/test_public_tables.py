"""Public tables nobody here wrote, trained with the defaults and no per-column options: each model beats
the majority-class or mean baseline by a clear margin (the issue's penguins and cars)."""

import json
from importlib.metadata import distribution

from tests.service.conftest import upload_csv

PENGUINS = distribution("palmerpenguins").locate_file("palmerpenguins/data/penguins.csv")
CARS = distribution("vega_datasets").locate_file("vega_datasets/_data/cars.json")
BUDGET = {"hidden_layers": [16], "epochs": 60, "learning_rate": 0.01, "batch_size": 32, "seed": 0}


def test_penguins_species_from_text_columns_and_gaps(client, train_job):
    dataset = upload_csv(client, PENGUINS.read_bytes(), "penguins.csv")
    types = {c["name"]: c["type"] for c in dataset["columns"]}
    assert types["island"] == types["sex"] == "categorical" and types["bill_length_mm"] == "numeric"
    job = train_job({"dataset_id": dataset["id"], "target": "species", "hyperparameters": BUDGET})
    assert job["status"] == "succeeded", job["error"]
    model = client.get(f"/v1/models/{job['model_id']}").json()
    majority = max(c["count"] for c in next(c for c in dataset["columns"] if c["name"] == "species")["top_values"])
    assert model["metrics"]["accuracy"] > majority / dataset["row_count"] + 0.3  # 0.44 -> above 0.74
    columns = {c["name"]: c for c in job["columns"]}
    assert columns["island"]["levels_kept"] == ["Biscoe", "Dream", "Torgersen"]
    assert columns["sex"]["missing_in_training"] > 0 and columns["bill_length_mm"]["values_imputed"] > 0
    assert {c["name"] for c in model["input_columns"]} == set(model["features"]) and "island" in model["features"]


def test_cars_miles_per_gallon_with_a_date_free_text_and_missing_targets(client, train_job):
    records = json.loads(CARS.read_text())
    dataset = client.post("/v1/datasets", json=records).json()
    types = {c["name"]: c["type"] for c in dataset["columns"]}
    assert types == {**types, "Name": "text", "Year": "datetime", "Origin": "categorical"}
    job = train_job({"dataset_id": dataset["id"], "target": "Miles_per_Gallon", "hyperparameters": BUDGET})
    assert job["status"] == "succeeded", job["error"]
    model = client.get(f"/v1/models/{job['model_id']}").json()
    assert model["preprocessing"]["rows_without_target"] == sum(r["Miles_per_Gallon"] is None for r in records)
    assert model["metrics"]["r2"] > 0.6  # the mean's R² is 0
    columns = {c["name"]: c for c in job["columns"]}
    assert "left_out" in columns["Name"] and columns["Year"]["type"] == "datetime"
    assert "Name" not in model["features"]
    record = {k: v for k, v in records[0].items() if k not in ("Miles_per_Gallon", "Horsepower")}
    answer = client.post(f"/v1/models/{job['model_id']}/predict", json={"records": [record]})
    assert answer.status_code == 200, answer.text
    assert [w["column"] for w in answer.json()["warnings"]] == ["Horsepower"]
