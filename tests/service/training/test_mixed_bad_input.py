"""The issue's awkward columns, each through HTTP: what the upload says, what the job does with it, and
that a refused request writes nothing."""

import tracemalloc

import numpy as np
import pytest

from tests.service.conftest import assert_refused, rows_in, run_next_job, upload_csv

BUDGET = {"hidden_layers": [4], "epochs": 3, "learning_rate": 0.01, "seed": 0}


def _csv(columns: dict[str, list]) -> bytes:
    names = list(columns)
    lines = [",".join(names)] + [",".join(str(v) for v in row) for row in zip(*columns.values(), strict=True)]
    return ("\n".join(lines) + "\n").encode()


def _rows(n: int = 60) -> dict[str, list]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=n).round(3)
    return {"x": x.tolist(), "y": ["a" if v > 0 else "b" for v in x]}


def test_an_entirely_missing_and_a_one_level_column_are_left_out_and_reported(client, train_job):
    table = {**_rows(), "blank": [""] * 60, "only": ["same"] * 60}
    dataset = upload_csv(client, _csv(table))
    job = train_job({"dataset_id": dataset["id"], "target": "y", "hyperparameters": BUDGET})
    assert job["status"] == "succeeded", job["error"]
    columns = {c["name"]: c for c in job["columns"]}
    assert columns["blank"] == {"name": "blank", "type": "empty", "left_out": "every value is missing"}
    assert columns["only"]["type"] == "constant" and "'same'" in columns["only"]["left_out"]
    assert client.get(f"/v1/models/{job['model_id']}").json()["features"] == ["x"]


def test_a_job_whose_every_feature_is_left_out_is_422_and_writes_nothing(client, db):
    dataset = upload_csv(client, _csv({"blank": [""] * 30, "only": ["same"] * 30, "y": ["a", "b"] * 15}))
    before = rows_in(db)
    response = client.post("/v1/jobs", json={"dataset_id": dataset["id"], "target": "y"})
    assert_refused(response, 422, "no feature column becomes an input", "every value is missing", "one distinct")
    assert rows_in(db) == before


def test_numbers_with_three_stray_words_are_categorical_with_a_note_then_numeric_with_na_values(client, train_job):
    table = _rows()
    table["n"] = [str(v) for v in range(60)]
    table["n"][3], table["n"][9], table["n"][20] = "?", "unknown", "?"
    content = _csv(table)
    stats = {c["name"]: c for c in upload_csv(client, content)["columns"]}
    assert stats["n"]["type"] == "categorical" and "'?', 'unknown'" in stats["n"]["note"]
    response = client.post("/v1/datasets?na_values=?&na_values=unknown", files={"file": ("t.csv", content, "text/csv")})
    dataset = response.json()
    assert {c["name"]: c["type"] for c in dataset["columns"]}["n"] == "numeric"
    job = train_job({"dataset_id": dataset["id"], "target": "y", "hyperparameters": {**BUDGET, "test_fraction": 0}})
    assert {c["name"]: c for c in job["columns"]}["n"]["values_imputed"] == 3  # every row trains


def test_levels_keep_their_spelling_case_and_spaces_and_an_empty_string_is_a_level(client, train_job):
    # JSON keeps an empty string as text (a CSV's empty cell is missing); "Dream" and "dream " are two levels
    levels = ["Dream", "dream", "Dream ", ""] * 15
    x = _rows()["x"]
    body = {"columns": ["x", "island", "y"], "rows": [[x[i], levels[i], "a" if i % 3 else "b"] for i in range(60)]}
    dataset = client.post("/v1/datasets", json=body).json()
    job = train_job({"dataset_id": dataset["id"], "target": "y", "hyperparameters": BUDGET})
    island = {c["name"]: c for c in job["columns"]}["island"]
    assert island["levels_kept"] == ["", "Dream", "Dream ", "dream"]
    assert island["outputs"][:2] == ["island=", "island=Dream"]


def test_a_target_whose_values_are_all_missing_is_422_and_writes_nothing(client, db):
    dataset = upload_csv(client, _csv({"x": list(range(30)), "y": [""] * 30}))
    before = rows_in(db)
    assert_refused(client.post("/v1/jobs", json={"dataset_id": dataset["id"], "target": "y"}), 422, "missing")
    assert rows_in(db) == before


@pytest.mark.slow
def test_a_column_of_100000_levels_over_a_million_rows_is_pooled_within_bounded_memory(client, worker, settings):
    if settings.database_url.startswith("postgresql"):
        pytest.skip("one database is enough for a million rows: the encoding does not depend on it")
    n, levels = 1_000_000, 100_000
    rng = np.random.default_rng(0)
    code = rng.permutation(np.repeat(np.arange(levels), n // levels))
    x = rng.normal(size=n).round(2)
    y = np.where(x + (code % 2) > 0.5, "a", "b")
    lines = "\n".join(f"L{c},{v},{t}" for c, v, t in zip(code.tolist(), x.tolist(), y.tolist(), strict=True))
    content = ("level,x,y\n" + lines + "\n").encode()
    dataset = upload_csv(client, content, "big.csv")
    assert {c["name"]: c["distinct"] for c in dataset["columns"]}["level"] == levels
    body = {"dataset_id": dataset["id"], "target": "y", "hyperparameters": {**BUDGET, "epochs": 1, "batch_size": 4096}}
    job_id = client.post("/v1/jobs", json=body).json()["id"]
    tracemalloc.start()
    try:
        run_next_job(worker)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    job = client.get(f"/v1/jobs/{job_id}").json()
    assert job["status"] == "succeeded", job["error"]
    level = {c["name"]: c for c in job["columns"]}["level"]
    assert len(level["levels_kept"]) == 20 and level["n_levels_pooled"] == levels - 20
    # one-hot of every level would be 800 GB; pooled, the inputs are (1M x 23) float64 = 184 MB a copy
    assert peak < 2_000_000_000, f"peak traced memory {peak / 1e9:.2f} GB"


def test_parquet_dates_and_timestamps_train_as_datetimes_and_predict_from_iso_strings(client, train_job):
    import datetime as dt
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 80
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=7 * i) for i in range(n)]
    table = pa.table(
        {
            "day": pa.array([None if i % 9 == 0 else d for i, d in enumerate(days)], pa.date32()),
            "stamp": pa.array([dt.datetime(2021, 1, 1, i % 24) for i in range(n)], pa.timestamp("s")),
            "y": ["late" if d.year >= 2021 else "early" for d in days],
        }
    )
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    files = {"file": ("dates.parquet", buffer.getvalue(), "application/vnd.apache.parquet")}
    dataset = client.post("/v1/datasets", files=files).json()
    assert {c["name"]: c["type"] for c in dataset["columns"]} == {
        "day": "datetime",
        "stamp": "datetime",
        "y": "categorical",
    }
    job = train_job({"dataset_id": dataset["id"], "target": "y", "hyperparameters": {**BUDGET, "epochs": 40}})
    assert job["status"] == "succeeded", job["error"]
    columns = {c["name"]: c for c in job["columns"]}
    assert columns["day"]["type"] == columns["stamp"]["type"] == "datetime"
    answer = client.post(
        f"/v1/models/{job['model_id']}/predict",
        json={"records": [{"day": "2022-06-01", "stamp": "2021-01-01T05:00:00"}, {"day": None, "stamp": None}]},
    )
    assert answer.status_code == 200, answer.text
    assert [(w["row"], w["column"]) for w in answer.json()["warnings"]] == [(1, "day"), (1, "stamp")]
