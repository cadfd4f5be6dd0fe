"""Input past what the service can hold, through HTTP on both databases: numbers beyond a float64,
lone surrogates, values the model's scale overflows on, CSV quotes and delimiters, booleans for
numbers, names past their column's length. Each is a 422 naming its field, and nothing is written."""

import pytest
from fastapi.routing import APIRoute, iter_route_contexts

from service.api.json_body import JSONBodyRoute
from service.core.schemas import MAX_NAME_LENGTH
from service.core.tables import Dataset, Job
from tests.service.conftest import TINY_CSV, assert_refused, rows_in, upload_csv

JSON = {"Content-Type": "application/json"}
HUGE = b"9" * 5000  # past Python's 4,300-digit limit for int()
JUST_PAST_A_FLOAT = b"9" * 401  # an int Python reads, beyond every float64


def refused(db, send, status: int, *words: str) -> dict:
    before = rows_in(db)
    problem = assert_refused(send(), status, *words)
    assert rows_in(db) == before
    return problem


UPLOADS = {
    "a 5,000-digit integer": (b'{"columns": ["a"], "rows": [[1], [%s]]}' % HUGE, ["rows.1.0", "float64"]),
    "a 401-digit integer": (b'{"columns": ["a"], "rows": [[%s]]}' % JUST_PAST_A_FLOAT, ["rows.0.0", "float64"]),
    "a negative one in a record": (b'[{"a": 1}, {"a": -%s}]' % HUGE, ["1.a", "float64"]),
    "1e999": (b'{"records": [{"a": 1e999}]}', ["records.0.a", "float64"]),
    "a lone surrogate in a cell": (b'{"columns": ["a"], "rows": [["a\\ud800"]]}', ["rows.0.0", "lone surrogate"]),
    "a lone low surrogate": (b'{"columns": ["a"], "rows": [["\\udc00x"]]}', ["rows.0.0", "lone surrogate"]),
    "a lone surrogate in a column name": (b'{"columns": ["a\\ud800"], "rows": [[1]]}', ["columns.0", "surrogate"]),
    "a lone surrogate in a record's key": (b'[{"a\\ud800": 1}]', ["0.a", "surrogate"]),
    "a lone surrogate in the name": (b'{"name": "\\ud800", "records": [{"a": 1}]}', ["name", "surrogate"]),
    # with NaN beside it, orjson refuses the body and the standard library reads it: bounded the same
    "a huge integer beside NaN": (b'{"columns": ["a"], "rows": [[NaN], [%s]]}' % HUGE, ["rows.1.0", "float64"]),
}


@pytest.mark.parametrize("case", UPLOADS, ids=list(UPLOADS))
def test_a_json_upload_beyond_what_a_column_holds(client, db, case):
    body, words = UPLOADS[case]
    refused(db, lambda: client.post("/v1/datasets", content=body, headers=JSON), 422, *words)


def test_a_surrogate_pair_is_text(client):
    response = client.post("/v1/datasets", content=b'{"columns": ["a"], "rows": [["\\ud83d\\ude00"]]}', headers=JSON)
    assert response.status_code == 201, response.text


def test_a_large_integer_a_float_holds_is_stored_as_a_float(client):
    dataset = client.post(
        "/v1/datasets", content=b'{"columns": ["a"], "rows": [[1], [%s]]}' % (b"9" * 30), headers=JSON
    )
    assert dataset.status_code == 201, dataset.text
    assert dataset.json()["columns"][0]["max"] == pytest.approx(1e30)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"instances": [[%s, 0.1]]}' % JUST_PAST_A_FLOAT, ["instances.0.0", "float64"]),
        (b'{"instances": [[0.1, %s]]}' % HUGE, ["instances.0.1", "float64"]),
        (b'{"records": [{"x1": 0.1, "x2": -%s}]}' % HUGE, ["records.0.x2", "float64"]),
        (b'{"records": [{"x1": "\\ud800", "x2": 0.1}]}', ["records.0.x1", "lone surrogate"]),
    ],
)
def test_a_prediction_beyond_a_float(client, db, trained, content, words):
    send = lambda: client.post(f"/v1/models/{trained['model_id']}/predict", content=content, headers=JSON)  # noqa: E731
    refused(db, send, 422, *words)


@pytest.fixture
def dataset(client) -> dict:
    return upload_csv(client)


def job_body(dataset: dict, hyperparameters: bytes = b"{}", target: bytes = b'"label"') -> bytes:
    return b'{"dataset_id": "%s", "target": %s, "exclude": ["id"], "hyperparameters": %s}' % (
        dataset["id"].encode(),
        target,
        hyperparameters,
    )


@pytest.mark.parametrize(
    ("hyperparameters", "target", "words"),
    [
        (b'{"epochs": %s}' % HUGE, b'"label"', ["hyperparameters.epochs", "float64"]),
        (b'{"l2": %s}' % JUST_PAST_A_FLOAT, b'"label"', ["hyperparameters.l2", "float64"]),
        (b'{"hidden_layers": [4, -%s]}' % HUGE, b'"label"', ["hyperparameters.hidden_layers.1", "float64"]),
        (b"{}", b'"label\\ud800"', ["target", "lone surrogate"]),
    ],
)
def test_a_job_body_beyond_a_float(client, db, dataset, hyperparameters, target, words):
    body = job_body(dataset, hyperparameters, target)
    refused(db, lambda: client.post("/v1/jobs", content=body, headers=JSON), 422, *words)


def test_a_sweep_body_beyond_a_float(client, db, dataset):
    body = b'{"dataset_id": "%s", "target": "label", "search": {"method": "grid", "parameters": {"epochs": [%s]}}}'
    body %= (dataset["id"].encode(), HUGE)
    refused(db, lambda: client.post("/v1/sweeps", content=body, headers=JSON), 422, "search.parameters.epochs.0")


def test_every_route_with_a_json_body_reads_it_with_the_bounded_parser(app):
    """Walks the app's routes, so a route added later is held to it too."""
    routes = [context.route for context in iter_route_contexts(app.routes)]
    with_bodies = [r for r in routes if isinstance(r, APIRoute) and r.body_field is not None]
    assert with_bodies, "no route with a body"
    for route in with_bodies:
        assert isinstance(route, JSONBodyRoute), (
            f"{route.path} reads its JSON body unbounded: route_class=JSONBodyRoute"
        )


@pytest.mark.parametrize(
    "instances",
    [[[1e308, 1e308]], [[0.1, 0.2], [-1e308, 1e308]]],
    ids=["1e308", "the second row"],
)
def test_values_the_models_scale_overflows_on_are_refused_by_row(client, db, trained, instances):
    row = len(instances) - 1
    send = lambda: client.post(f"/v1/models/{trained['model_id']}/predict", json={"instances": instances})  # noqa: E731
    refused(db, send, 422, f"row {row}", "too large for the model's scale")


def test_a_csv_prediction_the_models_scale_overflows_on(client, trained):
    body = b"x1,x2\n0.1,0.2\n1e308,1e308\n"
    response = client.post(
        f"/v1/models/{trained['model_id']}/predict", content=body, headers={"Content-Type": "text/csv"}
    )
    assert_refused(response, 422, "row 1", "too large for the model's scale")


def test_an_unbalanced_quote_is_reported_on_the_line_it_opens(client, db):
    content = b'a,b,label\n1,2,x\n3,"4,y\n' + b"".join(b"%d,%d,z\n" % (i, i) for i in range(100))
    send = lambda: client.post("/v1/datasets", files={"file": ("q.csv", content, "text/csv")})  # noqa: E731
    problem = refused(db, send, 422, "line 3", "quote", "line 103")
    assert "line 103 has" not in problem["detail"]


SEMICOLONS = b"a;b;label\n" + b"".join(b"%d;%d;%s\n" % (i, i * 2, b"xy"[i % 2 : i % 2 + 1]) for i in range(20))
RAGGED_SEMICOLONS = SEMICOLONS.replace(b"\n3;6;y\n", b"\n3;6;y;\n")  # a line with a trailing ';': sniffing fails


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.post(
            "/v1/datasets", params={"delimiter": ","}, content=SEMICOLONS, headers={"Content-Type": "text/csv"}
        ),
        lambda c: c.post("/v1/datasets", params={"delimiter": ","}, files={"file": ("s.csv", SEMICOLONS, "text/csv")}),
        lambda c: c.post("/v1/datasets", files={"file": ("s.csv", RAGGED_SEMICOLONS, "text/csv")}),
        lambda c: c.post(
            "/v1/datasets", params={"delimiter": "|"}, content=SEMICOLONS, headers={"Content-Type": "text/csv"}
        ),
    ],
    ids=["body, delimiter=,", "multipart, delimiter=,", "sniffing fails", "delimiter=|"],
)
def test_a_file_is_never_read_as_one_column_when_another_delimiter_splits_it(client, db, send):
    refused(db, lambda: send(client), 422, "delimiter", "one column named 'a;b;label'", "';' into 3 columns", "%3B")


@pytest.mark.parametrize("kind", ["body", "multipart"])
def test_a_semicolon_file_is_read_by_its_delimiter(client, kind):
    if kind == "body":
        response = client.post("/v1/datasets", content=SEMICOLONS, headers={"Content-Type": "text/csv"})
    else:
        response = client.post("/v1/datasets", files={"file": ("s.csv", SEMICOLONS, "text/csv")})
    assert response.status_code == 201, response.text
    assert [c["name"] for c in response.json()["columns"]] == ["a", "b", "label"]


def test_a_one_column_file_whose_name_holds_a_delimiter_loads_quoted(client):
    response = client.post("/v1/datasets", files={"file": ("one.csv", b'"a;b"\n1\n2\n', "text/csv")})
    assert response.status_code == 201, response.text
    assert [c["name"] for c in response.json()["columns"]] == ["a;b"]


BOOLEANS = {
    "epochs": ({"epochs": True}, "hyperparameters.epochs"),
    "learning_rate": ({"learning_rate": True}, "hyperparameters.learning_rate"),
    "a layer's width": ({"hidden_layers": [4, True]}, "hyperparameters.hidden_layers.1"),
    "batch_size": ({"batch_size": False}, "hyperparameters.batch_size"),
    "seed": ({"seed": False}, "hyperparameters.seed"),
    "dropout": ({"dropout": True}, "hyperparameters.dropout"),
    "a class weight": ({"class_weight": {"yes": True}}, "hyperparameters.class_weight.yes"),
    "a string for a number": ({"epochs": "5"}, "hyperparameters.epochs"),
}


@pytest.mark.parametrize("case", BOOLEANS, ids=list(BOOLEANS))
def test_a_boolean_is_not_a_number_in_a_job(client, db, dataset, case):
    hyperparameters, field = BOOLEANS[case]
    body = {"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], "hyperparameters": hyperparameters}
    refused(db, lambda: client.post("/v1/jobs", json=body), 422, field)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"cv": True}, "cv"),
        ({"encoding": {"max_categories": True}}, "encoding.max_categories"),
        ({"encoding": {"fill_value": True}}, "encoding.fill_value"),
        ({"encoding": {"columns": {"x1": {"max_categories": True}}}}, "encoding.columns.x1.max_categories"),
    ],
)
def test_a_boolean_is_not_a_number_beside_the_hyperparameters(client, db, dataset, fields, field):
    body = {"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], **fields}
    refused(db, lambda: client.post("/v1/jobs", json=body), 422, field)


@pytest.mark.parametrize(
    ("search", "field"),
    [
        ({"method": "grid", "parameters": {"epochs": [True, 5]}}, "search.parameters.epochs"),
        ({"method": "random", "parameters": {"l2": {"min": True, "max": 2}}, "trials": 2}, "search.parameters.l2"),
        ({"method": "random", "parameters": {"l2": [0.1]}, "trials": True}, "search.trials"),
        ({"method": "random", "parameters": {"l2": [0.1]}, "trials": 2, "seed": True}, "search.seed"),
    ],
)
def test_a_boolean_is_not_a_number_in_a_sweep(client, db, dataset, search, field):
    body = {"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], "search": search}
    refused(db, lambda: client.post("/v1/sweeps", json=body), 422, field)


LONG = "n" * (MAX_NAME_LENGTH + 1)


@pytest.mark.parametrize(
    ("request_kwargs", "field"),
    [
        ({"params": {"name": LONG}, "content": TINY_CSV, "headers": {"Content-Type": "text/csv"}}, "name"),
        ({"json": {"name": LONG, "records": [{"a": 1}]}}, "name"),
        ({"files": {"file": ("tiny.csv", TINY_CSV, "text/csv")}, "data": {"name": LONG}}, "name"),
        ({"files": {"file": (LONG + ".csv", TINY_CSV, "text/csv")}}, "file"),
    ],
    ids=["query", "JSON body", "multipart field", "the file's name"],
)
def test_a_dataset_name_past_its_column_is_refused_naming_the_field(client, db, request_kwargs, field):
    problem = refused(db, lambda: client.post("/v1/datasets", **request_kwargs), 422, str(MAX_NAME_LENGTH))
    assert [e["field"] for e in problem["errors"]] == [field]


def test_a_long_file_name_is_fine_with_a_name_given(client):
    response = client.post(
        "/v1/datasets", files={"file": (LONG + ".csv", TINY_CSV, "text/csv")}, data={"name": "short"}
    )
    assert response.status_code == 201, response.text
    assert response.json()["name"] == "short"


@pytest.mark.parametrize("field", ["target", "sample_weight_column"])
def test_a_column_name_past_its_column_is_refused_naming_the_field(client, db, dataset, field):
    body = {"dataset_id": dataset["id"], "target": "label", field: LONG}
    problem = refused(db, lambda: client.post("/v1/jobs", json=body), 422, str(MAX_NAME_LENGTH))
    assert [e["field"] for e in problem["errors"]] == [field]


def test_the_name_length_is_the_tables_length():
    for column in (Dataset.__table__.c.name, Job.__table__.c.target, Job.__table__.c.sample_weight_column):
        assert column.type.length == MAX_NAME_LENGTH, column


def test_a_random_search_draws_what_the_strict_schemas_take(client, dataset):
    """Whole numbers drawn for integer hyperparameters, floats for the others: every trial is valid."""
    search = {
        "method": "random",
        "parameters": {"epochs": {"min": 2, "max": 4}, "learning_rate": {"min": 0.001, "max": 0.1, "log": True}},
        "trials": 3,
    }
    body = {"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], "search": search}
    response = client.post("/v1/sweeps", json=body)
    assert response.status_code == 202, response.text
    assert response.json()["trials"] == 3


@pytest.mark.parametrize(("body", "field"), [({"name": LONG}, "name"), ({"name": "cancer", "alias": LONG}, "alias")])
def test_a_model_name_or_alias_past_its_column_is_refused_naming_the_field(client, db, trained, body, field):
    send = lambda: client.post(f"/v1/models/{trained['model_id']}/aliases", json=body)  # noqa: E731
    problem = refused(db, send, 422, "64 characters")
    assert [e["field"] for e in problem["errors"]] == [field]
