"""Each column's type, as an upload's statistics tell it: numeric, boolean, categorical, datetime
(ISO 8601, kept as written) and text (identifier-like); and the targets a job cannot learn."""

import pyarrow as pa
import pytest

from service.datasets.stats import IDENTIFIER_MIN_ROWS, column_stats
from tests.service.conftest import assert_refused, rows_in, run_job

ROWS = 40


def mixed_csv() -> bytes:
    lines = ["x,flag,colour,day,at,name,label"]
    for i in range(ROWS):
        lines.append(
            f"{i / 10},{'true' if i % 3 else 'false'},{['red', 'green', 'blue'][i % 3]},2024-01-{i % 28 + 1:02d},"
            f"2024-02-03T04:{i % 60:02d}:00,person {i},{'yes' if i % 2 else 'no'}"
        )
    return "\n".join(lines).encode() + b"\n"


@pytest.fixture
def dataset(client) -> dict:
    response = client.post("/v1/datasets", content=mixed_csv(), headers={"Content-Type": "text/csv"})
    assert response.status_code == 201, response.text
    return response.json()


def test_an_upload_tells_each_columns_type(dataset):
    types = {c["name"]: c["type"] for c in dataset["columns"]}
    assert types == {
        "x": "numeric",
        "flag": "boolean",
        "colour": "categorical",
        "day": "datetime",
        "at": "datetime",
        "name": "text",
        "label": "categorical",
    }


def test_a_datetime_keeps_the_spelling_the_file_gave_it(client, dataset):
    day = {c["name"]: c for c in dataset["columns"]}["day"]
    assert day["min"] is None and {"value": "2024-01-01", "count": 2} in day["top_values"]


def test_few_rows_of_distinct_text_are_categorical_not_identifiers():
    few = [f"v{i}" for i in range(IDENTIFIER_MIN_ROWS - 1)]
    many = [f"v{i}" for i in range(IDENTIFIER_MIN_ROWS)]
    assert [c["type"] for c in column_stats(pa.table({"few": few}))] == ["categorical"]
    assert [c["type"] for c in column_stats(pa.table({"many": many}))] == ["text"]


def test_dates_with_a_zone_offset_are_datetimes_and_a_stray_word_is_not():
    zoned = ["2024-01-02T03:04:05Z", "2024-01-02T03:04:05+01:00", None]
    assert column_stats(pa.table({"at": zoned}))[0]["type"] == "datetime"
    assert column_stats(pa.table({"at": ["2024-01-02", "soon"]}))[0]["type"] == "categorical"


@pytest.mark.parametrize(
    ("target", "words"),
    [("day", ["'day' holds dates or times"]), ("name", ["'name' has distinct values on most rows"])],
)
def test_a_date_or_identifier_target_is_422_saying_why(client, db, dataset, target, words):
    before = rows_in(db)
    body = {"dataset_id": dataset["id"], "target": target, "features": ["x"]}
    assert_refused(client.post("/v1/jobs", json=body), 422, "target", *words)
    assert rows_in(db) == before


def test_a_boolean_target_is_a_classification(client, worker, dataset):
    job = run_job(client, worker, {"dataset_id": dataset["id"], "target": "flag", "features": ["x"]})
    assert job["task"] == "classification" and job["status"] == "succeeded", job["error"]


def test_numbers_with_a_few_stray_words_are_categorical_with_a_note_naming_them(client):
    values = [str(i * 1.5) for i in range(40)]
    values[3], values[9], values[20], values[30] = "?", "n.a.", "?", "unknown"
    content = ("x,y\n" + "".join(f"{v},{i % 2}\n" for i, v in enumerate(values))).encode()
    response = client.post("/v1/datasets", content=content, headers={"Content-Type": "text/csv"})
    x = {c["name"]: c for c in response.json()["columns"]}["x"]
    assert x["type"] == "categorical"
    assert x["note"].startswith("numbers but for 3 value(s) on 4 row(s): '?', 'n.a.', 'unknown'")
    assert "na_values" in x["note"]
    again = client.post(
        "/v1/datasets",
        params={"na_values": ["?", "n.a.", "unknown"]},
        content=content,
        headers={"Content-Type": "text/csv"},
    )
    x = {c["name"]: c for c in again.json()["columns"]}["x"]
    assert (x["type"], x["missing"], x["note"]) == ("numeric", 4, None)


def test_text_that_is_not_numbers_has_no_note(dataset):
    assert all(column["note"] is None for column in dataset["columns"])
