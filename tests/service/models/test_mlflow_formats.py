"""Predict through HTTP from MLflow's scoring bodies (as `mlflow models serve` takes them) and CSV:
every format answers as plain `instances` do, and every bad input is named in a 4xx."""

import json

import pytest

from tests.service.conftest import assert_refused

ROWS = [[0.9, 0.8], [0.0, 0.1], [0.5, 0.45]]  # x1, x2
CSV = {"Content-Type": "text/csv"}


def by_name(rows=ROWS, **others) -> list[dict]:
    """The rows as objects, x2 first, with other fields besides."""
    return [{"x2": x2, "label": "yes", "x1": x1, **others} for x1, x2 in rows]


def as_csv(header: str, rows) -> bytes:
    return (header + "\n" + "".join(",".join(map(str, row)) + "\n" for row in rows)).encode()


SAME_AS_INSTANCES = {
    "inputs": {"inputs": ROWS},
    "dataframe_split": {"dataframe_split": {"columns": ["x1", "x2"], "data": ROWS}},
    "dataframe_split, columns reordered": {
        "dataframe_split": {"columns": ["x2", "x1"], "data": [r[::-1] for r in ROWS]}
    },
    "dataframe_split without columns": {"dataframe_split": {"data": ROWS}},
    "dataframe_split, pandas' index and other columns": {
        "dataframe_split": {
            "columns": ["id", "x2", "label", "x1"],
            "index": [10, 11, 12],
            "data": [[i, x2, "yes", x1] for i, (x1, x2) in enumerate(ROWS)],
        }
    },
    "dataframe_records": {"dataframe_records": by_name()},
    "instances by name": {"instances": by_name()},
    "inputs by name": {"inputs": by_name()},
    "inputs by column": {"inputs": {"label": ["a", "b", "c"], "x2": [r[1] for r in ROWS], "x1": [r[0] for r in ROWS]}},
    "params ignored": {"dataframe_split": {"columns": ["x1", "x2"], "data": ROWS}, "params": {"temperature": 0.5}},
}


@pytest.fixture
def url(trained) -> str:
    return f"/v1/models/{trained['model_id']}/predict"


@pytest.fixture
def expected(client, url) -> dict:
    response = client.post(url, json={"instances": ROWS})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("body", SAME_AS_INSTANCES.values(), ids=list(SAME_AS_INSTANCES))
def test_each_mlflow_json_body_answers_as_instances(client, url, expected, body):
    response = client.post(url, json=body)
    assert response.status_code == 200, response.text
    assert response.json() == expected


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json; format=pandas-split", {"columns": ["x2", "x1"], "data": [r[::-1] for r in ROWS]}),
        ("application/json; format=pandas-records", by_name()),
        ("application/json;format=pandas-split; charset=utf-8", {"index": [0, 1, 2], "data": ROWS}),
    ],
)
def test_mlflow_1_content_types_carry_a_bare_dataframe(client, url, expected, content_type, body):
    response = client.post(url, content=json.dumps(body), headers={"Content-Type": content_type})
    assert response.status_code == 200, response.text
    assert response.json() == expected


CSV_BODIES = {
    "the features in order": as_csv("x1,x2", ROWS),
    "reordered, with other columns": as_csv("label,x2,id,x1", [["yes", x2, i, x1] for i, (x1, x2) in enumerate(ROWS)]),
    "pandas' index column, CRLF, a text column": as_csv(
        ",x1,note,x2\r", [[i, x1, '"a, b"', f"{x2}\r"] for i, (x1, x2) in enumerate(ROWS)]
    ),
    "a byte-order mark and spaces after commas": b"\xef\xbb\xbf"
    + as_csv("x1, x2", [[x1, f" {x2}"] for x1, x2 in ROWS]),
}


@pytest.mark.parametrize("content", CSV_BODIES.values(), ids=list(CSV_BODIES))
def test_a_csv_body_answers_as_instances(client, url, expected, content):
    response = client.post(url, content=content, headers={"Content-Type": "text/csv; charset=utf-8"})
    assert response.status_code == 200, response.text
    assert response.json() == expected


@pytest.mark.parametrize("content_type", ["application/json", "application/json;"])
def test_the_curl_example_of_mlflows_docs(client, url, content_type):
    """`curl http://127.0.0.1:5000/invocations -H "Content-Type:application/json"
    --data '{"inputs": [[1, 2], [3, 4], [5, 6]]}'`, from MLflow's "Deploy MLflow Model as a Local
    Inference Server" (2.x with the trailing semicolon, 3.x without)."""
    content = '{"inputs": [[1, 2], [3, 4], [5, 6]]}'
    response = client.post(url, content=content, headers={"Content-Type": content_type})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert len(answer["predictions"]) == 3 and set(answer["predictions"]) <= {"no", "yes"}
    assert answer == client.post(url, json={"instances": [[1, 2], [3, 4], [5, 6]]}).json()


BAD_JSON = {
    "two inputs": (
        {"dataframe_split": {"data": ROWS}, "inputs": ROWS},
        ["exactly one of", "'instances'", "'records'", "'dataframe_split'", "'dataframe_records'", "'inputs'"],
    ),
    "an unknown key": ({"columns": ["x1", "x2"], "data": ROWS}, ["exactly one of", "'dataframe_split'", "'columns'"]),
    "params alone": ({"params": {}}, ["exactly one of", "'params'"]),
    "a null input": ({"inputs": None}, ["exactly one of", "'inputs' (null)"]),
    "a bare list (MLflow 1 records)": (by_name(), ["a JSON object", "got a list"]),
    "a feature twice in the columns": (
        {"dataframe_split": {"columns": ["x1", "x2", "x1"], "data": [[0.1, 0.2, 0.3]]}},
        ["dataframe_split.columns", "x1 more than once"],
    ),
    "a row of another width than the columns": (
        {"dataframe_split": {"columns": ["x1", "x2"], "data": [[0.1, 0.2], [0.1]]}},
        ["dataframe_split.data.1", "row 1 has 1 values but there are 2 columns"],
    ),
    "a row of another width than the model, no columns": (
        {"dataframe_split": {"data": [[0.1, 0.2, 0.3]]}},
        ["dataframe_split.data.0", "has 3 values; the model takes 2"],
    ),
    "no rows in the split": ({"dataframe_split": {"columns": ["x1", "x2"], "data": []}}, ["dataframe_split", "empty"]),
    "an unknown key in the split": (
        {"dataframe_split": {"columns": ["x1", "x2"], "data": ROWS, "dtypes": {}}},
        ["dataframe_split.dtypes"],
    ),
    "a string among the numbers": (
        {"dataframe_split": {"columns": ["x2", "x1"], "data": [[0.2, 0.1], [0.3, "0.4"]]}},
        ["dataframe_split.data.1.1", "row 1, column 'x1': '0.4' is not a number"],
    ),
    "a boolean in a record": ({"instances": [{"x1": True, "x2": 0.2}]}, ["row 0, column 'x1': True is not a number"]),
    "rows and objects mixed": (
        {"instances": [[0.1, 0.2], {"x1": 0.1, "x2": 0.2}]},
        ["instances.1", "row 1 is an object but row 0 is a list"],
    ),
    "objects and rows mixed": (
        {"inputs": [{"x1": 0.1, "x2": 0.2}, [0.1, 0.2]]},
        ["inputs.1", "row 1 is a list but row 0"],
    ),
    "a row of scalars": ({"instances": [0.1, 0.2]}, ["instances.0", "a row is a list of values"]),
    "inputs neither rows nor columns": ({"inputs": "x1"}, ["inputs", "a list of rows, or an object"]),
    "inputs columns of different lengths": (
        {"inputs": {"x1": [0.1, 0.2], "x2": [0.1]}},
        ["inputs", "one value per row", "x1: 2, x2: 1"],
    ),
    "a NaN in a column": ({"inputs": {"x1": [0.1, 0.2], "x2": [0.1, "NaN"]}}, ["row 1, column 'x2'", "'NaN'"]),
}


@pytest.mark.parametrize("case", BAD_JSON, ids=list(BAD_JSON))
def test_bad_mlflow_json_bodies_are_named(client, url, case):
    body, words = BAD_JSON[case]
    assert_refused(client.post(url, json=body), 422, *words)


BAD_CSV = {
    "an empty body": (b"", ["body", "is empty", "x1, x2"]),
    "blank lines only": (b"\n\n", ["body", "is empty"]),
    "a header only": (b"x1,x2\n", ["has a header row but no rows"]),
    "no header row": (as_csv("0.1,0.2", [[0.3, 0.4]]), ["must be a header row naming the columns"]),
    "a feature twice": (as_csv("x1,x2,x1", [[0.1, 0.2, 0.3]]), ["'x1' more than once"]),
    "a word for a number": (
        as_csv("x2,x1", [[0.2, 0.1], [0.3, "abc"]]),
        ["row 1, column 'x1'", "'abc' is not a number"],
    ),
    "infinity": (as_csv("x1,x2", [[0.1, "inf"]]), ["row 0, column 'x2': inf is not a finite number"]),
    "a short row": (as_csv("x1,x2", [[0.1, 0.2], [0.1]]), ["line 3 has 1 fields but the header has 2"]),
    "not UTF-8": (b"x1,x2\n0.1,\xe9\n", ["not UTF-8"]),
    "binary": (b"PK\x03\x04 a zip", ["not CSV text"]),
}


# A model that takes raw columns scores a missing value or column (imputed) and says so for its row.
WARNED = {
    "a feature missing from the columns": ({"dataframe_split": {"columns": ["x1", "label"], "data": [[0.1, "yes"]]}}, [(0, "x2")]),
    "a null in a record": ({"dataframe_records": [{"x1": 0.1, "x2": None, "label": "no"}]}, [(0, "x2")]),
    "a record without a feature": ({"dataframe_records": [{"x1": 0.1, "x2": 0.2}, {"x1": 0.1, "label": "no"}]}, [(1, "x2")]),
    "inputs columns without a feature": ({"inputs": {"x1": [0.1]}}, [(0, "x2")]),
    "a CSV without a feature": (as_csv("x1,label", [[0.1, "yes"]]), [(0, "x2")]),
    "an empty CSV cell": (as_csv("x1,x2", [[0.1, 0.2], [0.1, ""]]), [(1, "x2")]),
    "NaN in a CSV": (as_csv("x1,x2", [["NaN", 0.2]]), [(0, "x1")]),
}  # fmt: skip


@pytest.mark.parametrize("case", WARNED, ids=list(WARNED))
def test_a_missing_value_or_column_is_scored_with_a_warning(client, url, case):
    body, cells = WARNED[case]
    sent = {"content": body, "headers": CSV} if isinstance(body, bytes) else {"json": body}
    response = client.post(url, **sent)
    assert response.status_code == 200, response.text
    assert [(w["row"], w["column"]) for w in response.json()["warnings"]] == cells
    assert all("imputed" in w["message"] for w in response.json()["warnings"])


@pytest.mark.parametrize("case", BAD_CSV, ids=list(BAD_CSV))
def test_bad_csv_bodies_are_named(client, url, case):
    content, words = BAD_CSV[case]
    assert_refused(client.post(url, content=content, headers=CSV), 422, *words)


def test_every_format_has_the_row_limit(client, url, settings):
    settings.max_prediction_rows = 2
    for body in SAME_AS_INSTANCES.values():  # three rows each
        assert_refused(client.post(url, json=body), 413, "3 rows", "limit is 2")
    assert_refused(client.post(url, content=as_csv("x1,x2", ROWS), headers=CSV), 413, "3 rows", "limit is 2")
    assert client.post(url, content=as_csv("x1,x2", ROWS[:2]), headers=CSV).status_code == 200


def test_other_content_types_are_refused_naming_the_accepted_ones(client, url):
    for content_type in ("text/plain", "application/json; format=pandas-columns"):
        response = client.post(url, content=as_csv("x1,x2", ROWS), headers={"Content-Type": content_type})
        assert_refused(response, 415, "application/json", "text/csv", "application/x-npy")


def test_the_api_documents_every_body(client):
    document = client.get("/openapi.json").json()
    content = document["paths"]["/v1/models/{model_id}/predict"]["post"]["requestBody"]["content"]
    assert {"application/json", "text/csv", "application/x-npy"} <= set(content)
    schemas = document["components"]["schemas"]
    # one body per input key, each with `params` beside it: the "exactly one" rule, stated
    refs = [ref["$ref"].rsplit("/", 1)[1] for ref in schemas["PredictBody"]["oneOf"]]
    bodies = [schemas[name] for name in refs]
    assert [body["required"] for body in bodies] == [
        [k] for k in ("instances", "records", "dataframe_split", "dataframe_records", "inputs")
    ]
    assert all(set(body["properties"]) == {body["required"][0], "params"} for body in bodies)
    assert all(body["additionalProperties"] is False for body in bodies)
    assert set(schemas["DataframeSplit"]["properties"]) == {"columns", "data", "index"}
