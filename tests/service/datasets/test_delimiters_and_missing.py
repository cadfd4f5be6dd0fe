"""CSV uploads delimited by `;`, tab or `|`, told apart from the file or named by `delimiter`; and
the spellings of a missing cell, the common ones and the upload's own `na_values`."""

import pytest

from tests.service.conftest import assert_refused, rows_in

ROWS = [["1.5", "2", "yes"], ["2.5", "3", "no"], ["3.5", "4", "yes"]]


def csv_text(delimiter: str, rows=ROWS, header=("a", "b", "y")) -> bytes:
    return "\n".join(delimiter.join(row) for row in [list(header), *rows]).encode() + b"\n"


def upload(client, content: bytes, **params):
    return client.post("/v1/datasets", params=params, content=content, headers={"Content-Type": "text/csv"})


@pytest.mark.parametrize("delimiter", [";", "\t", "|", ","])
def test_a_file_delimited_otherwise_than_by_commas_is_read_as_its_columns(client, delimiter):
    response = upload(client, csv_text(delimiter))
    assert response.status_code == 201, response.text
    columns = {c["name"]: c for c in response.json()["columns"]}
    assert list(columns) == ["a", "b", "y"]
    assert columns["a"]["type"] == "numeric" and columns["a"]["mean"] == 2.5
    assert columns["y"]["type"] == "categorical"


def test_a_multipart_upload_is_sniffed_too(client):
    response = client.post("/v1/datasets", files={"file": ("semi.csv", csv_text(";"), "text/csv")})
    assert response.status_code == 201
    assert [c["name"] for c in response.json()["columns"]] == ["a", "b", "y"]


def test_commas_inside_a_semicolon_file_stay_in_their_cells(client):
    content = csv_text(";", rows=[["1,5", "2", "a, b"], ["2,5", "3", "c"]])
    dataset = upload(client, content).json()
    assert [c["name"] for c in dataset["columns"]] == ["a", "b", "y"]
    assert {c["name"]: c["type"] for c in dataset["columns"]}["a"] == "categorical"  # a decimal comma is text


def test_a_named_delimiter_wins_over_the_sniffed_one(client):
    # Every line splits the same on ';' and on ',': named, ';' is taken.
    content = b"a;b,c\n1;2,3\n4;5,6\n"
    assert [c["name"] for c in upload(client, content).json()["columns"]] == ["a;b", "c"]
    assert [c["name"] for c in upload(client, content, delimiter=";").json()["columns"]] == ["a", "b,c"]


def test_the_common_spellings_of_a_missing_cell_are_missing(client):
    rows = [["1", "x"], ["NA", "N/A"], ["null", "None"], ["NaN", ""], ["5", "y"]]
    dataset = upload(client, csv_text(",", rows=rows, header=("n", "t"))).json()
    columns = {c["name"]: c for c in dataset["columns"]}
    assert columns["n"]["type"] == "numeric" and columns["n"]["missing"] == 3 and columns["n"]["mean"] == 3.0
    assert columns["t"]["type"] == "categorical" and columns["t"]["missing"] == 3 and columns["t"]["distinct"] == 2


def test_na_values_adds_spellings_of_a_missing_cell(client):
    rows = [["1", "x"], ["?", "-"], ["3", "y"]]
    content = csv_text(",", rows=rows, header=("n", "t"))
    plain = {c["name"]: c for c in upload(client, content).json()["columns"]}
    assert plain["n"]["type"] == "categorical"  # "?" is a word
    marked = {c["name"]: c for c in upload(client, content, na_values=["?", "-"]).json()["columns"]}
    assert marked["n"]["type"] == "numeric" and marked["n"]["missing"] == 1
    assert marked["t"]["missing"] == 1 and marked["t"]["distinct"] == 2


@pytest.mark.parametrize(
    ("params", "body", "field"),
    [
        ({"delimiter": ":"}, None, "delimiter"),
        ({"delimiter": ";"}, {"columns": ["a"], "rows": [[1]]}, "delimiter"),
        ({"na_values": "?"}, [{"a": 1}], "na_values"),
        ({"na_values": ["x" * 65]}, None, "na_values"),
        ({"na_values": [str(i) for i in range(21)]}, None, "na_values"),
    ],
)
def test_bad_delimiter_or_na_values_are_422_and_write_nothing(client, db, params, body, field):
    before = rows_in(db)
    if body is None:
        response = upload(client, csv_text(","), **params)
    else:
        response = client.post("/v1/datasets", params=params, json=body)
    assert_refused(response, 422, field)
    assert rows_in(db) == before
