"""/v1/datasets through HTTP: uploads in every format, reads, delete, and bad uploads."""

import io

import pyarrow as pa
import pyarrow.parquet as pq

from service.core.tables import Dataset
from tests.service.conftest import TINY_CSV, count, upload_csv

KAGGLE_STYLE = b'"id","diagnosis","radius_mean","texture_mean",\n842302,M,17.99,10.38,\n842517,M,20.57,17.77,\n8510426,B,13.54,14.36,\n'


def test_upload_csv_describes_every_column(client):
    response = client.post("/v1/datasets", files={"file": ("tiny.csv", TINY_CSV, "text/csv")})
    assert response.status_code == 201
    dataset = response.json()
    assert response.headers["location"] == f"/v1/datasets/{dataset['id']}"
    assert dataset["name"] == "tiny.csv" and dataset["format"] == "csv"
    assert (dataset["row_count"], dataset["column_count"]) == (60, 4)
    columns = {c["name"]: c for c in dataset["columns"]}
    assert columns["x1"]["type"] == "numeric" and columns["x1"]["min"] == 0.0
    assert columns["label"]["type"] == "categorical" and columns["label"]["distinct"] == 2
    assert columns["id"]["distinct"] == 60 and columns["id"]["missing"] == 0


def test_kaggle_style_csv_drops_the_empty_trailing_column_and_says_so(client):
    dataset = upload_csv(client, KAGGLE_STYLE, "data.csv")
    assert [c["name"] for c in dataset["columns"]] == ["id", "diagnosis", "radius_mean", "texture_mean"]
    assert len(dataset["dropped_columns"]) == 1
    assert {c["name"]: c["type"] for c in dataset["columns"]}["diagnosis"] == "categorical"


def test_upload_raw_csv_body_json_and_parquet(client):
    raw = client.post("/v1/datasets?name=raw", content=TINY_CSV, headers={"Content-Type": "text/csv"})
    assert raw.status_code == 201 and raw.json()["row_count"] == 60 and raw.json()["name"] == "raw"
    by_columns = client.post("/v1/datasets", json={"columns": ["a", "b"], "rows": [[1, "x"], [2, "y"]]})
    assert by_columns.status_code == 201 and by_columns.json()["format"] == "json"
    records = client.post("/v1/datasets", json=[{"a": 1, "b": "x"}, {"a": 2}])
    assert records.status_code == 201
    assert {c["name"]: c["missing"] for c in records.json()["columns"]} == {"a": 0, "b": 1}
    named = client.post("/v1/datasets", json={"name": "tiny", "records": [{"a": 1}, {"a": 2}]})
    assert named.status_code == 201 and named.json()["name"] == "tiny"  # the body's name, as the document shows
    query_wins = client.post("/v1/datasets?name=q", json={"name": "tiny", "columns": ["a"], "rows": [[1]]})
    assert query_wins.json()["name"] == "q"
    assert by_columns.json()["name"] == "dataset"  # no name anywhere
    buffer = io.BytesIO()
    pq.write_table(pa.table({"a": [1.0, 2.0, 3.0], "b": ["u", "v", "u"]}), buffer)
    parquet = client.post("/v1/datasets", files={"file": ("t.parquet", buffer.getvalue(), "application/octet-stream")})
    assert parquet.status_code == 201 and parquet.json()["format"] == "parquet" and parquet.json()["row_count"] == 3


def test_get_list_and_delete(client):
    first, second = upload_csv(client), upload_csv(client)
    assert client.get(f"/v1/datasets/{first['id']}").json()["columns"] == first["columns"]
    listing = client.get("/v1/datasets").json()
    assert listing["count"] == 2 and [d["id"] for d in listing["data"]] == [second["id"], first["id"]]
    assert client.get("/v1/datasets", params={"limit": 1, "offset": 1}).json()["data"][0]["id"] == first["id"]
    assert client.delete(f"/v1/datasets/{first['id']}").status_code == 204
    assert client.get(f"/v1/datasets/{first['id']}").status_code == 404
    assert client.delete(f"/v1/datasets/{first['id']}").status_code == 404


def test_delete_dataset_in_use_by_a_queued_job_is_409(client, db):
    dataset = upload_csv(client)
    client.post("/v1/jobs", json={"dataset_id": dataset["id"], "target": "label", "exclude": ["id"]})
    response = client.delete(f"/v1/datasets/{dataset['id']}")
    assert response.status_code == 409
    assert "queued or running" in response.json()["detail"]
    assert count(db, Dataset) == 1


def test_upload_over_the_size_limit_is_413(client, db, settings):
    settings.max_upload_bytes = 100
    response = client.post("/v1/datasets", content=TINY_CSV, headers={"Content-Type": "text/csv"})
    assert response.status_code == 413
    response = client.post("/v1/datasets", files={"file": ("tiny.csv", TINY_CSV, "text/csv")})
    assert response.status_code == 413
    assert count(db, Dataset) == 0
