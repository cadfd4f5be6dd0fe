"""Every bad input a client can send, through HTTP: each answers a 4xx problem body whose detail
names the problem, and nothing is half written."""

import io
import json

import numpy as np
import pytest

from tests.service.conftest import assert_refused, rows_in, upload_csv

JSON = {"Content-Type": "application/json"}


def csv_file(content: bytes, filename: str = "data.csv") -> dict:
    return {"files": {"file": (filename, content, "text/csv")}}


def wide_csv(columns: int) -> bytes:
    header = ",".join(f"c{i}" for i in range(columns))
    return (header + "\n" + ",".join("1" for _ in range(columns)) + "\n").encode()


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


UPLOADS = {
    "empty file": (csv_file(b""), 422, ["empty"]),
    "header only": (csv_file(b"a,b,label\n"), 422, ["no data rows"]),
    "no header": (csv_file(b"1,2,3\n4,5,6\n"), 422, ["header row"]),
    "ragged rows": (csv_file(b"a,b\n1,2\n3,4,5\n"), 422, ["line 3 has 3 fields", "header has 2"]),
    "duplicated column names": (csv_file(b"a,b,a\n1,2,3\n"), 422, ["'a'"]),
    "non-UTF-8 bytes": (csv_file("a,b\ncafé,1\n".encode("latin-1")), 422, ["not UTF-8", "line 2"]),
    "binary file named .csv": (csv_file(bytes(range(256)) * 8), 422, ["not CSV text"]),
    "an Excel workbook named .csv": (csv_file(b"PK\x03\x04" + b"\x00" * 64), 422, ["ZIP archive"]),
    "Infinity in CSV": (csv_file(b"a,b,label\n1,Infinity,x\n2,3,y\n"), 422, ["'b'", "infinite"]),
    "inf in CSV": (csv_file(b"a,b,label\n1,2,x\n2,-inf,y\n"), 422, ["'b'", "infinite"]),
    "5,000-column CSV": (csv_file(wide_csv(5000)), 413, ["5000 columns", "limit is 1000"]),
    "NaN in JSON": (
        {"content": b'{"columns": ["a"], "rows": [[NaN]]}', "headers": JSON},
        422,
        ["rows.0.0", "not a number"],
    ),
    "Infinity in JSON": (
        {"content": b'{"columns": ["a"], "rows": [[1], [Infinity]]}', "headers": JSON},
        422,
        ["rows.1.0", "not a number"],
    ),
    "1e999 in JSON": ({"content": b'{"columns": ["a"], "rows": [[1e999]]}', "headers": JSON}, 422, ["rows.0.0"]),
    "deeply nested JSON": (
        {"content": nested(100_000), "headers": JSON},
        400,
        ["nested too deeply"],
    ),  # as on every route
    "non-JSON body": ({"content": b"{not json", "headers": JSON}, 422, ["not valid JSON"]),
    "unknown key in a JSON upload": (
        {"json": {"name": "t", "columns": ["a"], "rows": [[1]], "row": [[2]]}},
        422,
        ["row", "is not a key of this upload", "name, columns, rows"],
    ),
    "unknown key beside records": ({"json": {"records": [{"a": 1}], "nmae": "t"}}, 422, ["nmae", "name, records"]),
    "a JSON upload's name not a string": ({"json": {"name": 7, "columns": ["a"], "rows": [[1]]}}, 422, ["name"]),
    "a JSON upload's name too long": ({"json": {"name": "n" * 256, "records": [{"a": 1}]}}, 422, ["name", "255"]),
    "wrong content type": ({"content": b"<xml/>", "headers": {"Content-Type": "application/xml"}}, 415, ["xml"]),
    "no content type": ({"content": b"a,b\n1,2\n"}, 415, ["(none)"]),
    "multipart without a file": ({"files": {"name": (None, "no file")}}, 422, ["file"]),
    "two files": (
        {"files": [("file", ("a.csv", b"a\n1\n", "text/csv")), ("file", ("b.csv", b"a\n1\n", "text/csv"))]},
        400,
        ["files"],
    ),
    "bad Parquet": (
        {"content": b"PAR1 not really", "headers": {"Content-Type": "application/vnd.apache.parquet"}},
        422,
        ["Parquet"],
    ),
}


@pytest.mark.parametrize("case", UPLOADS, ids=list(UPLOADS))
def test_bad_upload(client, db, case):
    request, status, words = UPLOADS[case]
    before = rows_in(db)
    assert_refused(client.post("/v1/datasets", **request), status, *words)
    assert rows_in(db) == before


def test_nan_in_csv_is_a_missing_value_imputed_where_it_matters(client, train_job):
    """A CSV's NaN is a missing cell (as pandas reads it): the upload says how many, and a job
    training on the column imputes it and says so. A missing target only drops its row
    (see tests/service/training/test_rows_without_a_target.py)."""
    dataset = upload_csv(client, b"x1,x2,label\n0.1,NaN,a\n0.2,0.4,b\n0.3,0.1,NaN\n0.4,0.2,b\n0.5,0.3,a\n")
    missing = {c["name"]: c["missing"] for c in dataset["columns"]}
    assert missing == {"x1": 0, "x2": 1, "label": 1}
    body = {"dataset_id": dataset["id"], "target": "label", "hyperparameters": {"epochs": 2, "test_fraction": 0}}
    job = train_job(body)
    assert job["status"] == "succeeded", job["error"]
    assert {c["name"]: c for c in job["columns"]}["x2"]["values_imputed"] == 1


JOB_DATA = b"id,x1,x2,text,const1,const2,one_class,label\n" + b"".join(
    f"{i},{i % 7},{i % 3},t{i % 2},5,0.5,same,{'yes' if i % 2 else 'no'}\n".encode() for i in range(40)
)

JOBS = {
    "target that does not exist": ({"target": "nope"}, 422, ["target", "no column 'nope'"]),
    "target with one class": ({"target": "one_class"}, 422, ["'one_class'", "single class"]),
    "features all constant": ({"features": ["const1", "const2"]}, 422, ["no feature column", "one distinct value"]),
    "a numeric type for text": (
        {"features": ["x1", "text"], "encoding": {"columns": {"text": {"type": "numeric"}}}},
        422,
        ["encoding", "'text' is categorical: it cannot be encoded as numeric"],
    ),
    "feature that does not exist": ({"features": ["x9"]}, 422, ["'x9'"]),
    "unknown field": ({"epochs": 5}, 422, ["epochs", "Extra inputs"]),
    "unknown hyperparameter": ({"hyperparameters": {"learning_rte": 0.1}}, 422, ["hyperparameters.learning_rte"]),
    "negative learning rate": ({"hyperparameters": {"learning_rate": -0.1}}, 422, ["hyperparameters.learning_rate"]),
    "zero epochs": ({"hyperparameters": {"epochs": 0}}, 422, ["hyperparameters.epochs"]),
    "negative epochs": ({"hyperparameters": {"epochs": -5}}, 422, ["hyperparameters.epochs"]),
    "absurd epochs": ({"hyperparameters": {"epochs": 10**12}}, 422, ["hyperparameters.epochs"]),
    "absurd layer width": ({"hyperparameters": {"hidden_layers": [10**9]}}, 422, ["hyperparameters.hidden_layers.0"]),
    "absurd depth": ({"hyperparameters": {"hidden_layers": [4] * 1000}}, 422, ["hyperparameters.hidden_layers"]),
    "empty layers": ({"hyperparameters": {"hidden_layers": []}}, 422, ["hyperparameters.hidden_layers"]),
    "absurd batch size": ({"hyperparameters": {"batch_size": 10**30}}, 422, ["hyperparameters.batch_size"]),
    "absurd seed": ({"hyperparameters": {"seed": -1}}, 422, ["hyperparameters.seed"]),
    "string for a number": ({"hyperparameters": {"epochs": "many"}}, 422, ["hyperparameters.epochs"]),
    "unknown activation": ({"hyperparameters": {"activation": "swish"}}, 422, ["hyperparameters.activation"]),
    "test fraction of 1": ({"hyperparameters": {"test_fraction": 1.0}}, 422, ["hyperparameters.test_fraction"]),
    "class_weight neither balanced nor a table": (
        {"hyperparameters": {"class_weight": "even"}},
        422,
        ["hyperparameters.class_weight: Input should be 'balanced'"],
    ),
    "dataset id that is not an id": ({"dataset_id": "../../etc/passwd"}, 422, ["dataset_id", "pattern"]),
    "dataset that does not exist": (
        {"dataset_id": "00000000-0000-4000-8000-000000000000"},
        422,
        ["dataset_id", "does not exist"],
    ),
}


@pytest.fixture
def job_dataset(client) -> dict:
    return upload_csv(client, JOB_DATA)


@pytest.mark.parametrize("case", JOBS, ids=list(JOBS))
def test_bad_job(client, db, job_dataset, case):
    fields, status, words = JOBS[case]
    body = {"dataset_id": job_dataset["id"], "target": "label", "features": ["x1", "x2"], **fields}
    before = rows_in(db)
    problem = assert_refused(client.post("/v1/jobs", json=body), status, *words)
    assert rows_in(db) == before
    # a field is named as the client sent it: never by pydantic's name for a member of a union
    assert not any("[" in e["field"] for e in problem["errors"]), problem


RAW_JOB_BODIES = {
    "NaN in JSON": (b'{"learning_rate": NaN}', 422, ["hyperparameters.learning_rate"]),
    "Infinity in JSON": (b'{"l2": Infinity}', 422, ["hyperparameters.l2"]),
    "1e999": (b'{"epochs": 1e999}', 422, ["hyperparameters.epochs", "finite"]),
    "-1e999": (b'{"learning_rate": -1e999}', 422, ["hyperparameters.learning_rate"]),
}


@pytest.mark.parametrize("case", RAW_JOB_BODIES, ids=list(RAW_JOB_BODIES))
def test_non_finite_numbers_in_a_job(client, db, job_dataset, case):
    hyperparameters, status, words = RAW_JOB_BODIES[case]
    body = b'{"dataset_id": "%s", "target": "label", "features": ["x1"], "hyperparameters": %s}' % (
        job_dataset["id"].encode(),
        hyperparameters,
    )
    before = rows_in(db)
    assert_refused(client.post("/v1/jobs", content=body, headers=JSON), status, *words)
    assert rows_in(db) == before


@pytest.mark.parametrize(
    ("request_kwargs", "status", "words"),
    [
        ({"content": b"{not json", "headers": JSON}, 422, ["body", "not valid JSON", "character 1"]),
        ({"content": nested(100_000), "headers": JSON}, 400, ["nested too deeply"]),
        ({"content": b"[]", "headers": JSON}, 422, ["body"]),
        ({"content": b'"a string"', "headers": JSON}, 422, ["body"]),
        ({"content": b"", "headers": JSON}, 422, ["body", "Field required"]),
        ({"data": {"dataset_id": "x"}}, 415, ["application/x-www-form-urlencoded", "application/json"]),
        ({"content": b'{"target": "label"}', "headers": {"Content-Type": "text/plain"}}, 415, ["text/plain"]),
    ],
)
def test_malformed_job_bodies(client, db, request_kwargs, status, words):
    before = rows_in(db)
    assert_refused(client.post("/v1/jobs", **request_kwargs), status, *words)
    assert rows_in(db) == before


PREDICTIONS = {
    "wrong width": ({"instances": [[0.1, 0.2, 0.3]]}, ["instances.0", "has 3 values; the model takes 2"]),
    "ragged rows": ({"instances": [[0.1, 0.2], [0.1]]}, ["instances.1", "row 1 has 1 values"]),
    "extra names": ({"records": [{"x1": 0.1, "x2": 0.2, "x3": 1}]}, ["records.0", "unknown field(s) x3"]),
    "strings": ({"instances": [[0.1, "a"]]}, ["instances.0.1", "'a' is not a number"]),
    "string in a record": ({"records": [{"x1": "0.1", "x2": 0.2}]}, ["records.0.x1", "'0.1' is not a number"]),
    "booleans": ({"instances": [[0.1, True]]}, ["instances.0.1", "True is not a number"]),
    "empty list": ({"instances": []}, ["instances", "is empty"]),
    "empty records": ({"records": []}, ["records", "is empty"]),
    "neither": ({}, ["body", "exactly one of"]),
    "both": ({"instances": [[0.1, 0.2]], "records": [{"x1": 0.1, "x2": 0.2}]}, ["exactly one of"]),
    "unknown field": ({"rows": [[1, 2]]}, ["'rows'", "exactly one of", "'instances'", "'records'"]),
    # the document's oneOf: an input key that is sent holds data, so a null beside another is two keys
    "a null key beside another": (
        {"instances": None, "records": [{"x1": 0.1, "x2": 0.2}]},
        ["exactly one of", "'instances' (null)"],
    ),
    "one null key": ({"records": None}, ["exactly one of", "'records' (null)"]),
    "a row that is not a list": ({"instances": [0.1, 0.2]}, ["instances.0"]),
}


@pytest.mark.parametrize("case", PREDICTIONS, ids=list(PREDICTIONS))
def test_bad_prediction_input(client, trained, case):
    body, words = PREDICTIONS[case]
    assert_refused(client.post(f"/v1/models/{trained['model_id']}/predict", json=body), 422, *words)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"instances": [[Infinity, 0.1]]}', ["instances.0.0", "inf is not a finite number"]),
        (b'{"instances": [[1e999, 0.1]]}', ["instances.0.0", "1e999 is beyond the range of a float64"]),
        (b'{"records": [{"x1": -Infinity, "x2": 0.1}]}', ["records.0.x1", "-inf is not a finite number"]),
    ],
)
def test_non_finite_numbers_in_a_prediction(client, trained, content, words):
    response = client.post(f"/v1/models/{trained['model_id']}/predict", content=content, headers=JSON)
    assert_refused(response, 422, *words)


def test_prediction_in_the_wrong_content_type(client, trained):
    response = client.post(f"/v1/models/{trained['model_id']}/predict", content=json.dumps({"instances": [[0.1, 0.2]]}))
    assert_refused(response, 415, "application/json", "text/csv", "application/x-npy")


def npy(array, **save) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, **save)
    return buffer.getvalue()


def npz() -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, a=np.zeros((1, 2)))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "status", "words"),
    [
        (b"", 422, ["not a .npy array"]),
        (b'{"instances": [[0.1, 0.2]]}', 422, ["not a .npy array", "numpy.save"]),
        (npy(np.zeros((2, 2)))[:-5], 422, ["not a .npy array"]),  # cut short
        (npy(np.array([[{"a": 1}, 2]], dtype=object)), 422, ["not a .npy array"]),  # a pickle inside: never loaded
        (npz(), 422, [".npz archive"]),
        (npy(np.zeros(2)), 422, ["shape (2,)", "(rows, 2)", "x1"]),
        (npy(np.zeros((2, 3))), 422, ["shape (2, 3)", "(rows, 2)"]),
        (npy(np.zeros((0, 2))), 422, ["no rows"]),
        (npy(np.array([["a", "b"]])), 422, ["<U1", "send numbers"]),
        (npy(np.array([[True, False]])), 422, ["bool", "send numbers"]),
        (npy(np.array([[0.1, np.nan]])), 422, ["row 0", "'x2'", "nan is not a finite number"]),
        (npy(np.array([[0.1, 0.2], [np.inf, 0.0]])), 422, ["row 1", "'x1'", "inf"]),
    ],
)
def test_bad_npy_prediction_bodies(client, db, trained, content, status, words):
    before = rows_in(db)
    headers = {"Content-Type": "application/x-npy"}
    response = client.post(f"/v1/models/{trained['model_id']}/predict", content=content, headers=headers)
    assert_refused(response, status, *words)
    assert rows_in(db) == before


@pytest.mark.parametrize(
    "bad_id", ["not-an-id", "1", "00000000-0000-0000-0000-00000000000Z", "%00", "x" * 5000, "' OR 1=1 --"]
)
def test_ids_that_are_not_ids(client, db, trained, bad_id):
    before = rows_in(db)
    for method, path, kwargs in [
        ("GET", "/v1/datasets/{}", {}),
        ("DELETE", "/v1/datasets/{}", {}),
        ("GET", "/v1/jobs/{}", {}),
        ("POST", "/v1/jobs/{}/cancel", {}),
        ("POST", "/v1/jobs/{}/replay", {}),
        ("GET", "/v1/jobs/{}/cost-history", {}),
        ("GET", "/v1/models/{}", {}),
        ("DELETE", "/v1/models/{}", {}),
        ("POST", "/v1/models/{}/predict", {"json": {"instances": [[0.1, 0.2]]}}),
        ("POST", "/v1/models/{}/evaluate", {"json": {"dataset_id": trained["dataset"]["id"]}}),
        ("GET", "/v1/models/{}/export", {"params": {"format": "onnx"}}),
    ]:
        response = client.request(method, path.format(bad_id), **kwargs)
        assert_refused(response, 422, "_id", "pattern")
    assert_refused(client.get("/v1/jobs", params={"dataset_id": bad_id}), 422, "dataset_id")
    evaluate = client.post(f"/v1/models/{trained['model_id']}/evaluate", json={"dataset_id": bad_id})
    assert_refused(evaluate, 422, "dataset_id")
    assert rows_in(db) == before
