"""Uploads into tables: each format's happy path, every refusal with the words a person reads, the
shared normalisation, column statistics, the stored form and the NumPy views training uses."""

import datetime
import io
import json
import math
from decimal import Decimal
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from service.core.errors import Unprocessable
from service.datasets.parsing import csv as csv_parsing
from service.datasets.parsing.csv import parse_csv
from service.datasets.parsing.json import parse_json
from service.datasets.parsing.normalise import ParsedDataset
from service.datasets.parsing.parquet import parse_parquet
from service.datasets.stats import column_stats, is_numeric
from service.datasets.storage import column_values, feature_matrix, from_parquet_bytes, to_parquet_bytes

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"

# Kaggle's data.csv in miniature: quoted header, a trailing comma on every line, M/B labels, integer ids.
KAGGLE_STYLE = (
    b'"id","diagnosis","radius_mean","texture_mean","concave points_mean",\n'
    b"842302,M,17.99,10.38,0.1471,\n"
    b"842517,M,20.57,17.77,0.07017,\n"
    b"8510426,B,13.54,14.36,0.04781,\n"
    b"8510653,B,13.08,,0.0311,\n"
)


def refused(parse, content) -> Unprocessable:
    with pytest.raises(Unprocessable) as info:
        parse(content)
    assert info.value.status == 422
    return info.value


def parquet(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


# -- CSV ----------------------------------------------------------------------------------------------------------


def test_kaggle_style_csv_drops_the_trailing_empty_column_and_keeps_types():
    parsed = parse_csv(KAGGLE_STYLE)

    assert isinstance(parsed, ParsedDataset)
    assert parsed.table.column_names == ["id", "diagnosis", "radius_mean", "texture_mean", "concave points_mean"]
    assert parsed.dropped_columns == ["column 6 (unnamed, empty)"]
    types = {field.name: field.type for field in parsed.table.schema}
    assert types == {
        "id": pa.int64(),
        "diagnosis": pa.string(),
        "radius_mean": pa.float64(),
        "texture_mean": pa.float64(),
        "concave points_mean": pa.float64(),
    }
    assert parsed.table.column("diagnosis").to_pylist() == ["M", "M", "B", "B"]
    assert parsed.table.column("texture_mean").to_pylist()[3] is None  # an empty cell is missing


def test_example_breast_cancer_csv_parses_to_569_rows_of_32_columns():
    parsed = parse_csv((EXAMPLES / "breast_cancer.csv").read_bytes())

    table = parsed.table
    assert (table.num_rows, table.num_columns) == (569, 32)
    assert parsed.dropped_columns == ["column 33 (unnamed, empty)"]
    assert table.column_names[:3] == ["id", "diagnosis", "radius_mean"]
    assert table.column_names[-1] == "fractal_dimension_worst"
    assert table.column("id").type == pa.int64()
    assert table.column("id").to_pylist()[0] == 842302
    assert len(set(table.column("id").to_pylist())) == 569
    stats = {s["name"]: s for s in column_stats(table)}
    assert stats["diagnosis"]["top_values"] == [{"value": "B", "count": 357}, {"value": "M", "count": 212}]
    assert stats["radius_mean"]["min"] == 6.981 and stats["radius_mean"]["max"] == 28.11


def test_example_new_rows_hold_the_30_features_only():
    table = parse_csv((EXAMPLES / "breast_cancer_new_rows.csv").read_bytes()).table
    full = parse_csv((EXAMPLES / "breast_cancer.csv").read_bytes()).table

    assert table.num_rows == 5
    assert table.column_names == full.column_names[2:]


def test_csv_names_are_stripped_and_utf8_bom_ignored():
    parsed = parse_csv(b'\xef\xbb\xbf a ," b "\n1,x\n')
    assert parsed.table.column_names == ["a", "b"]


def test_csv_integer_column_with_missing_values_stays_integer():
    table = parse_csv(b"n,label\n1,a\n,b\n3,\n").table
    assert table.column("n").type == pa.int64()
    assert table.column("n").to_pylist() == [1, None, 3]
    assert table.column("label").to_pylist() == ["a", "b", None]


def test_csv_named_all_empty_column_is_kept_as_numbers_all_missing():
    parsed = parse_csv(b"a,empty\n1,\n2,\n")
    assert parsed.dropped_columns == []
    assert parsed.table.column("empty").type == pa.float64()
    assert parsed.table.column("empty").null_count == 2


def test_csv_quoted_cells_may_hold_commas_and_newlines():
    table = parse_csv(b'text,n\n"a, b",1\n"two\nlines",2\n').table
    assert table.column("text").to_pylist() == ["a, b", "two\nlines"]


def test_csv_nan_text_is_missing_not_a_float_nan():
    table = parse_csv(b"x\n1.5\nNaN\nnan\n").table
    assert table.column("x").to_pylist() == [1.5, None, None]


def test_csv_dates_stay_as_written_text():
    table = parse_csv(b"day,at,n\n2020-01-01,2020-01-01 10:00,1\n2020-01-02,2020-01-02 11:30,2\n").table
    assert table.column("day").type == pa.string()
    assert table.column("at").to_pylist() == ["2020-01-01 10:00", "2020-01-02 11:30"]


def test_csv_booleans_are_a_boolean_column():
    table = parse_csv(b"flag,n\ntrue,1\nfalse,2\n").table
    assert table.column("flag").type == pa.bool_()


def test_csv_late_value_that_breaks_the_inferred_type_rereads_whole_file(monkeypatch):
    # pyarrow infers types from the first block: a string far below a run of integers must not fail.
    monkeypatch.setattr(csv_parsing, "CSV_BLOCK_SIZE", 64)
    content = b"n,m\n" + b"1,2\n" * 100 + b"x,2.5\n"
    table = parse_csv(content).table
    assert table.column("n").type == pa.string()
    assert table.column("m").type == pa.float64()
    assert table.num_rows == 101


def test_csv_read_block_by_block_keeps_every_row_in_order(monkeypatch):
    monkeypatch.setattr(csv_parsing, "CSV_BLOCK_SIZE", 64)  # about a dozen blocks
    content = b"n,label\n" + b"".join(f"{i},{'ab'[i % 2]}\n".encode() for i in range(100))
    table = parse_csv(content).table
    assert table.column("n").to_pylist() == list(range(100))
    assert table.column("label").to_pylist() == ["ab"[i % 2] for i in range(100)]


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_csv_empty_file_is_refused(content):
    assert "the file is empty" in refused(parse_csv, content).detail


@pytest.mark.parametrize("content", [b"a,b\n", b'"a","b",\n'])
def test_csv_header_only_is_refused(content):
    assert "no data rows" in refused(parse_csv, content).detail


def test_csv_without_header_row_is_refused():
    detail = refused(parse_csv, b"1,2.5,3\n4,5,6\n").detail
    assert "header row" in detail


def test_csv_short_row_is_refused_naming_its_line():
    detail = refused(parse_csv, b"a,b,c\n1,2,3\n\n4,5\n").detail
    assert "line 4 has 2 fields but the header has 3" in detail
    assert "'4,5'" in detail


def test_csv_long_row_is_refused_naming_its_line():
    detail = refused(parse_csv, b"a,b\n1,2\n3,4,5\n").detail
    assert "line 3 has 3 fields but the header has 2" in detail


def test_csv_duplicate_names_are_refused_naming_them():
    detail = refused(parse_csv, b"a,b,a\n1,2,3\n").detail
    assert "duplicate column names" in detail and "'a'" in detail


def test_csv_names_equal_after_stripping_are_duplicates():
    assert "'a'" in refused(parse_csv, b"a, a\n1,2\n").detail


def test_csv_unnamed_column_with_data_is_refused():
    detail = refused(parse_csv, b"a,,c\n1,2,3\n").detail
    assert "column 2 has no name" in detail


def test_csv_non_utf8_is_refused_naming_line_and_byte():
    detail = refused(parse_csv, b"name,n\ncaf\xe9,1\n").detail
    assert "is not UTF-8 text: byte 0xe9 on line 2" in detail


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"a,b\n1,\x002\n", "NUL bytes"),
        (b"PAR1\x15\x04", "Parquet"),
        (b"PK\x03\x04\x14\x00", "Excel"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        ("a,b\n1,2\n".encode("utf-16"), "UTF-16"),
    ],
)
def test_csv_binary_files_are_refused_saying_what_they_look_like(content, words):
    detail = refused(parse_csv, content).detail
    assert "not CSV text" in detail and words in detail


@pytest.mark.parametrize("reader", ["open_csv", "read_csv"])  # streamed, and the whole-file read again
def test_csv_pyarrow_errors_never_escape(monkeypatch, reader):
    def broken(*args, **kwargs):
        raise pa.ArrowInvalid("CSV parse error: something odd\nwith a newline")

    monkeypatch.setattr(csv_parsing.pa_csv, reader, broken)
    monkeypatch.setattr(csv_parsing, "CSV_BLOCK_SIZE", 64)
    detail = refused(parse_csv, b"a\n" + b"1\n" * 100 + b"x\n").detail  # "x" sends it to the whole-file read
    assert detail == "the file cannot be read as CSV: something odd with a newline"


# -- Parquet ------------------------------------------------------------------------------------------------------


def test_parquet_round_trips_numbers_strings_and_booleans():
    table = pa.table({"x": [1.5, None], "n": [1, 2], "label": ["a", None], "flag": [True, False]})
    parsed = parse_parquet(parquet(table))
    assert parsed.table.equals(table)
    assert parsed.dropped_columns == []


def test_parquet_narrow_types_widen_to_int64_and_float64():
    table = pa.table(
        {
            "i8": pa.array([1, 2], pa.int8()),
            "u32": pa.array([1, 2], pa.uint32()),
            "u64": pa.array([2**64 - 1, 1], pa.uint64()),
            "f32": pa.array([0.5, 1.5], pa.float32()),
            "dec": pa.array([Decimal("1.25"), None], pa.decimal128(5, 2)),
        }
    )
    types = parse_parquet(parquet(table)).table.schema.types
    assert types == [pa.int64(), pa.int64(), pa.float64(), pa.float64(), pa.float64()]


def test_parquet_dictionary_strings_are_decoded():
    table = pa.table({"c": pa.array(["a", "b", "a"]).dictionary_encode()})
    parsed = parse_parquet(parquet(table))
    assert parsed.table.column("c").type == pa.string()
    assert parsed.table.column("c").to_pylist() == ["a", "b", "a"]


def test_parquet_dates_and_timestamps_become_strings():
    table = pa.table(
        {
            "day": pa.array([datetime.date(2020, 1, 2)]),
            "at": pa.array([datetime.datetime(2020, 1, 2, 3, 4, 5)], pa.timestamp("s")),
        }
    )
    parsed = parse_parquet(parquet(table)).table
    assert parsed.schema.types == [pa.string(), pa.string()]
    assert parsed.column("day").to_pylist() == ["2020-01-02"]
    assert parsed.column("at").to_pylist()[0].startswith("2020-01-02 03:04:05")


def test_parquet_nan_is_stored_as_missing():
    parsed = parse_parquet(parquet(pa.table({"x": [1.0, float("nan"), None]})))
    assert parsed.table.column("x").to_pylist() == [1.0, None, None]


def test_parquet_infinity_is_refused_naming_the_column():
    detail = refused(parse_parquet, parquet(pa.table({"x": [1.0, math.inf]}))).detail
    assert "column 'x' holds an infinite value (data row 2)" in detail


def test_parquet_pandas_index_column_is_dropped_and_reported():
    table = pa.table({"x": [1, 2], "__index_level_0__": [10, 11]})
    parsed = parse_parquet(parquet(table))
    assert parsed.table.column_names == ["x"]
    assert parsed.dropped_columns == ["__index_level_0__ (pandas index)"]


@pytest.mark.parametrize(
    "column",
    [
        pa.array([{"a": 1}, {"a": 2}]),
        pa.array([[1, 2], [3]]),
    ],
)
def test_parquet_nested_columns_are_refused_naming_them(column):
    detail = refused(parse_parquet, parquet(pa.table({"ok": [1, 2], "deep": column}))).detail
    assert "column 'deep' holds nested values" in detail


def test_parquet_bad_bytes_are_refused():
    assert "not a valid Parquet file" in refused(parse_parquet, b"\x01\x02garbage\xff" * 10).detail


def test_parquet_given_csv_text_suggests_csv():
    detail = refused(parse_parquet, KAGGLE_STYLE).detail
    assert "not a valid Parquet file" in detail and "text/csv" in detail


def test_parquet_empty_file_and_no_rows_are_refused():
    assert "the file is empty" in refused(parse_parquet, b"").detail
    assert "no data rows" in refused(parse_parquet, parquet(pa.table({"x": pa.array([], pa.int64())}))).detail


def test_parquet_duplicate_names_are_refused():
    table = pa.Table.from_arrays([pa.array([1]), pa.array([2])], names=["a", "a"])
    assert "duplicate column names: 'a'" in refused(parse_parquet, parquet(table)).detail


# -- JSON ---------------------------------------------------------------------------------------------------------


def test_json_columns_and_rows():
    parsed = parse_json({"columns": ["id", "label", "x"], "rows": [[1, "M", 1.5], [2, "B", None]]})
    table = parsed.table
    assert table.column_names == ["id", "label", "x"]
    assert table.schema.types == [pa.int64(), pa.string(), pa.float64()]
    assert table.column("x").to_pylist() == [1.5, None]


def test_json_list_of_records_takes_the_union_of_keys():
    table = parse_json([{"a": 1, "b": "x"}, {"b": "y", "c": True}]).table
    assert table.column_names == ["a", "b", "c"]
    assert table.column("a").to_pylist() == [1, None]
    assert table.column("c").to_pylist() == [None, True]


def test_json_records_key():
    table = parse_json({"records": [{"a": 1}, {"a": 2.5}]}).table
    assert table.column("a").type == pa.float64()


def test_json_mixed_numbers_and_strings_become_a_string_column():
    table = parse_json({"columns": ["c"], "rows": [[1], ["two"], [3.5], [True], [None]]}).table
    assert table.column("c").type == pa.string()
    assert table.column("c").to_pylist() == ["1", "two", "3.5", "true", None]


def test_json_booleans_stay_boolean_and_their_type_says_so():
    table = parse_json([{"flag": True}, {"flag": False}, {"flag": None}]).table
    assert table.column("flag").type == pa.bool_()
    assert column_stats(table)[0]["type"] == "boolean"


def test_json_huge_integer_becomes_float():
    table = parse_json([{"n": 2**70}, {"n": 1}]).table
    assert table.column("n").type == pa.float64()


def test_json_row_of_wrong_length_is_refused_naming_it():
    error = refused(parse_json, {"columns": ["a", "b"], "rows": [[1, 2], [3]]})
    assert error.detail == "rows.1: has 1 values but there are 2 columns"
    assert error.errors[0].field == "rows.1"


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"columns": ["a", "b"], "rows": [[1, 2], [3, [4]]]}, "rows.1.1", "column 'b': a list"),
        ([{"a": 1}, {"a": {"x": 1}}], "1.a", "column 'a': an object"),
        ({"records": [{"a": 1}, {"a": [1]}]}, "records.1.a", "a list"),
    ],
)
def test_json_nested_values_are_refused_naming_row_and_column(body, field, words):
    error = refused(parse_json, body)
    assert error.errors[0].field == field
    assert words in error.detail


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_json_non_finite_numbers_are_refused_naming_row_and_column(bad):
    body = json.loads(json.dumps({"columns": ["a", "x"], "rows": [[1, 0.5], [2, bad]]}))  # NaN survives json
    error = refused(parse_json, body)
    assert error.errors[0].field == "rows.1.1"
    assert "row 1, column 'x'" in error.detail and "not a number" in error.detail


@pytest.mark.parametrize("body", [{"columns": ["a"], "rows": []}, [], {"records": []}])
def test_json_without_rows_is_refused(body):
    assert "no data rows" in refused(parse_json, body).detail


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"columns": [], "rows": [[]]}, "no columns"),
        ([{}, {}], "no columns"),
        ({"columns": "a", "rows": [[1]]}, "columns: must be a list of column names"),
        ({"columns": ["a"], "rows": "1"}, "rows: must be a list"),
        ({"columns": ["a"], "rows": [1]}, "rows.0: must be a list"),
        ([1, 2], "0: must be an object"),
        ("a,b\n1,2", "expected"),
        ({"data": []}, "expected"),
        ({"columns": ["a", "a"], "rows": [[1, 2]]}, "duplicate column names: 'a'"),
        ({"columns": ["a", ""], "rows": [[1, 2]]}, "column 2 has no name"),
    ],
)
def test_json_malformed_bodies_are_refused(body, words):
    assert words in refused(parse_json, body).detail


def test_json_unnamed_empty_column_is_dropped_like_csv():
    parsed = parse_json({"columns": ["a", ""], "rows": [[1, None]]})
    assert parsed.table.column_names == ["a"]
    assert parsed.dropped_columns == ["column 2 (unnamed, empty)"]


# -- statistics ---------------------------------------------------------------------------------------------------


def test_column_stats_numeric_and_categorical():
    table = pa.table({"x": [1.0, 3.0, None, 3.0], "c": ["b", "a", "b", None], "n": pa.array([None] * 4, pa.float64())})
    x, c, n = column_stats(table)

    assert x == {
        "name": "x",
        "type": "numeric",
        "dtype": "double",
        "missing": 1,
        "distinct": 2,
        "min": 1.0,
        "max": 3.0,
        "mean": 7 / 3,
    }
    assert c["type"] == "categorical" and c["dtype"] == "string"
    assert (c["missing"], c["distinct"], c["min"], c["mean"]) == (1, 2, None, None)
    assert c["top_values"] == [{"value": "b", "count": 2}, {"value": "a", "count": 1}]
    assert (n["missing"], n["distinct"], n["min"], n["max"], n["mean"]) == (4, 0, None, None, None)
    json.dumps([x, c, n], allow_nan=False)  # JSON-safe


def test_column_stats_count_nan_as_missing_and_stay_json_safe():
    (x,) = column_stats(pa.table({"x": [float("nan"), 2.0]}))
    assert (x["missing"], x["distinct"], x["min"], x["mean"]) == (1, 1, 2.0, 2.0)
    json.dumps(x, allow_nan=False)


def test_column_stats_top_values_keep_the_ten_most_frequent_ties_by_value():
    values = [f"v{i:02d}" for i in range(12) for _ in range(12 - i)] + ["v11"]  # v10 and v11 tie at 2
    (c,) = column_stats(pa.table({"c": values}))
    assert len(c["top_values"]) == 10
    assert c["top_values"][0] == {"value": "v00", "count": 12}
    assert c["distinct"] == 12


def test_column_stats_booleans_show_true_and_false():
    (flag,) = column_stats(pa.table({"flag": [True, True, False]}))
    assert flag["top_values"] == [{"value": "true", "count": 2}, {"value": "false", "count": 1}]


def test_column_stats_integers_give_float_statistics():
    (n,) = column_stats(pa.table({"n": [1, 2, None]}))
    assert (n["dtype"], n["min"], n["max"], n["mean"]) == ("int64", 1.0, 2.0, 1.5)
    assert all(type(n[key]) is float for key in ("min", "max", "mean"))


def test_is_numeric():
    assert is_numeric(pa.int64()) and is_numeric(pa.float64()) and is_numeric(pa.int8())
    assert not is_numeric(pa.bool_()) and not is_numeric(pa.string())


# -- stored form and NumPy views ----------------------------------------------------------------------------------


def test_parquet_bytes_round_trip():
    table = parse_csv(KAGGLE_STYLE).table
    data = to_parquet_bytes(table)
    assert data[:4] == b"PAR1"
    assert pq.ParquetFile(pa.BufferReader(data)).metadata.row_group(0).column(0).compression == "ZSTD"
    assert from_parquet_bytes(data).equals(table)


def test_feature_matrix_is_float64_c_contiguous_with_nan_for_missing():
    table = pa.Table.from_batches(
        [
            pa.record_batch({"a": [1, None], "b": [0.5, 1.5], "flag": [True, False]}),
            pa.record_batch({"a": [3, 2**60], "b": [None, 2.5], "flag": [None, True]}),
        ]
    )
    X = feature_matrix(table, ["b", "a", "flag"])

    assert X.dtype == np.float64 and X.flags["C_CONTIGUOUS"] and X.shape == (4, 3)
    np.testing.assert_array_equal(X[:, 0], [0.5, 1.5, np.nan, 2.5])
    np.testing.assert_array_equal(X[:3, 1], [1.0, np.nan, 3.0])
    assert X[3, 1] == float(2**60)
    np.testing.assert_array_equal(X[:, 2], [1.0, 0.0, np.nan, 1.0])


def test_feature_matrix_refuses_string_and_unknown_columns():
    table = pa.table({"x": [1.0], "c": ["a"]})
    assert "column 'c' is categorical" in refused(lambda t: feature_matrix(t, ["x", "c"]), table).detail
    assert "no column named 'z'" in refused(lambda t: feature_matrix(t, ["z"]), table).detail


def test_column_values_numeric_target_is_float_with_nan():
    values = column_values(pa.table({"y": [1, None, 3]}), "y")
    assert values.dtype == np.float64
    np.testing.assert_array_equal(values, [1.0, np.nan, 3.0])


def test_column_values_string_target_is_object_with_none():
    values = column_values(pa.table({"y": ["M", None, "B"]}), "y")
    assert values.dtype == object
    assert values.tolist() == ["M", None, "B"]


def test_column_values_boolean_target_uses_the_labels_statistics_show():
    assert column_values(pa.table({"y": [True, None]}), "y").tolist() == ["true", None]
