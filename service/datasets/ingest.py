"""Uploads become dataset tables: CSV and Parquet bytes, or a parsed JSON body, in; a `pyarrow.Table` out.

Every format goes through one normalisation, so a dataset looks the same whatever it came in as:
names stripped and unique, every column int64, float64, string or bool, missing values stored as
null (never NaN). Bad input raises `Unprocessable` with a detail a person can act on; no pyarrow
exception escapes this module.

Also here: the column statistics shown to clients, the stored (Parquet) form, and the NumPy views
that training reads.
"""

import csv
import io
import math
import tempfile
from collections import Counter
from dataclasses import dataclass
from typing import Any, SupportsFloat

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from service.core.errors import FieldError, StoredDataUnreadable, Unprocessable, unprocessable

CSV_BLOCK_SIZE = 1 << 20  # bytes; pyarrow infers column types from the first block it reads
PARQUET_COMPRESSION = "zstd"
# Rows per Parquet row group: the writer buffers a whole group, so one group of a million rows
# would hold another copy of the table while it is stored.
PARQUET_ROW_GROUP_ROWS = 1 << 17
TOP_VALUES = 10  # most frequent values listed per categorical column
QUOTE_CHARS = 80  # characters of an offending row quoted back in an error

# Files people upload as CSV that are not CSV, told apart by their first bytes, with what to do.
NOT_CSV = (
    (b"PAR1", "a Parquet file; upload it as Parquet (content type application/vnd.apache.parquet)"),
    (b"PK\x03\x04", "a ZIP archive (an Excel workbook?); export the sheet as CSV"),
    (b"\x1f\x8b", "gzip-compressed; decompress it first"),
    (b"\xff\xfe", "UTF-16 text; save it as UTF-8"),
    (b"\xfe\xff", "UTF-16 text; save it as UTF-8"),
)

JSON_SCALARS = {bool, int, float, str}  # the types a JSON cell may hold, besides null

# A pandas DataFrame written with an unnamed, non-default index carries it as this column.
PANDAS_INDEX_PREFIX = "__index_level_"


@dataclass
class ParsedDataset:
    table: pa.Table
    dropped_columns: list[str]  # what was left out and why, e.g. "column 33 (unnamed, empty)"


# -- CSV ----------------------------------------------------------------------------------------------------------


def parse_csv(content: bytes) -> ParsedDataset:
    """A CSV file with a header row: types inferred per column, empty cells null."""
    _check_text(content)
    table = _read_csv(content)
    # pyarrow turns ISO dates and times into temporal types; read those columns again as text so
    # the categories keep the spelling the file gave them.
    temporal = {field.name: pa.string() for field in table.schema if pa.types.is_temporal(field.type)}
    if temporal:
        table = _read_csv(content, column_types=temporal)
    _check_header(table.column_names)
    return _normalise(table)


def _check_text(content: bytes) -> None:
    if not content or content.isspace():  # not strip(): that copies a file that ends in a newline
        raise Unprocessable("the file is empty")
    for magic, what in NOT_CSV:
        if content.startswith(magic):
            raise Unprocessable(f"the file is not CSV text: it looks like {what}")
    if b"\x00" in content:
        raise Unprocessable("the file is not CSV text: it contains NUL bytes, so it looks like a binary file")
    if content.isascii():  # ASCII is UTF-8; checked without decoding a copy of the whole file
        return
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = content.count(b"\n", 0, exc.start) + 1
        byte = content[exc.start : exc.start + 1].hex()
        raise Unprocessable(
            f"the file is not UTF-8 text: byte 0x{byte} on line {line} cannot be decoded "
            "(perhaps Latin-1 or Windows-1252); save the file as UTF-8"
        ) from None


def _read_csv(content: bytes, column_types: dict | None = None) -> pa.Table:
    # Streamed block by block, so memory holds the file and the table but not pyarrow's whole-file
    # parse state (read_csv's peak is about three times the file). Types are inferred from the first
    # block only: a value further down that does not fit (a "3.5" under an inferred int64) fails the
    # conversion, so then read again with the whole file as one block.
    options = {
        "parse_options": pa_csv.ParseOptions(newlines_in_values=True),  # quoted cells may hold newlines
        "convert_options": pa_csv.ConvertOptions(strings_can_be_null=True, column_types=column_types or {}),
    }
    try:
        return pa_csv.open_csv(
            pa.BufferReader(content), read_options=pa_csv.ReadOptions(block_size=CSV_BLOCK_SIZE), **options
        ).read_all()
    except pa.ArrowInvalid as exc:
        message = str(exc)
        if not ("conversion error" in message or "straddling" in message) or len(content) < CSV_BLOCK_SIZE:
            raise _csv_error(message, content) from None
    except (pa.ArrowException, OSError) as exc:
        raise _csv_error(str(exc), content) from None
    try:
        return pa_csv.read_csv(
            pa.BufferReader(content), read_options=pa_csv.ReadOptions(block_size=len(content) + 1), **options
        )
    except (pa.ArrowException, OSError) as exc:
        raise _csv_error(str(exc), content) from None


def _csv_error(message: str, content: bytes) -> Unprocessable:
    """pyarrow's parse error, restated for a person: which line, and what is wrong with it."""
    if "Expected" in message and "columns, got" in message:
        ragged = _first_ragged_line(content)
        if ragged:
            line, got, expected, text = ragged
            return Unprocessable(
                f"line {line} has {got} fields but the header has {expected}; every row needs one value "
                f"per column (leave a cell empty for a missing value): {_quote(text)}"
            )
    message = message.removeprefix("CSV parse error: ").removeprefix("CSV conversion error: ")
    return Unprocessable(f"the file cannot be read as CSV: {_clip(message)}")


def _first_ragged_line(content: bytes) -> tuple[int, int, int, str] | None:
    """(line, fields, header fields, text) of the first row whose width differs from the header's.

    Only runs after pyarrow has refused the file, so a Python pass over it costs nothing otherwise."""
    reader = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    expected = None
    try:
        for row in reader:
            if not row:  # blank lines are skipped, as pyarrow does
                continue
            if expected is None:
                expected = len(row)
            elif len(row) != expected:
                return reader.line_num, len(row), expected, ",".join(row)
    except csv.Error:  # a cell beyond the csv module's size limit: fall back to pyarrow's words
        pass
    return None


def _check_header(names: list[str]) -> None:
    # A file without a header row makes its first data row the names: refuse it rather than train
    # on columns called "842302" and "17.99". Only when every name is a number, so year-named
    # columns next to a named one ("country,1990,1991") still load.
    named = [name.strip() for name in names if name.strip()]
    if named and all(_is_number(name) for name in named):
        raise Unprocessable(
            f"the first line must be a header row naming the columns, but it holds numbers ({_quote(','.join(named))}); "
            "add a header row"
        )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def read_csv_numbers(content: bytes, names: list[str]) -> np.ndarray:
    """The columns `names` of a CSV text with a header row, as a (rows, len(names)) float64 matrix
    in that order; empty cells and NaN are NaN. The header may name them in any order, with others
    besides, which are skipped unread (as text, so they may hold anything)."""
    _check_text(content)
    header = _header_names(content)
    _check_header(header)
    where: dict[str, list[str]] = {}  # feature -> its name in the header, which may have spaces around it ("x1, x2")
    for raw_name in header:
        where.setdefault(raw_name.strip(), []).append(raw_name)
    missing = [name for name in names if name not in where]
    if missing:
        raise Unprocessable(
            f"the header row lacks column(s) {', '.join(map(repr, missing[:10]))}; "
            f"it names {_clip(', '.join(map(repr, header))) or 'nothing'}"
        )
    repeated = [name for name in names if len(where[name]) > 1]
    if repeated:
        raise Unprocessable(f"the header row names {', '.join(map(repr, repeated[:10]))} more than once")
    columns = [where[name][0] for name in names]
    options = pa_csv.ConvertOptions(include_columns=columns, column_types=dict.fromkeys(columns, pa.float64()))
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(content),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),  # quoted cells may hold newlines
            convert_options=options,
        )
    except pa.ArrowInvalid as exc:
        if "conversion error" in str(exc):
            raise _not_a_number(content, columns, str(exc)) from None
        raise _csv_error(str(exc), content) from None
    except (pa.ArrowException, OSError) as exc:
        raise _csv_error(str(exc), content) from None
    return feature_matrix(table, columns)


def _header_names(content: bytes) -> list[str]:
    """The names of the first line that is not blank (pyarrow skips blank lines)."""
    start = len(content) - len(content.lstrip(b"\r\n")) if content[:1] in (b"\r", b"\n") else 0
    ends = [i for i in (content.find(b"\n", start), content.find(b"\r", start)) if i >= 0]
    line = content[start : min(ends, default=len(content))].decode("utf-8-sig")
    try:
        return next(csv.reader([line]), [])
    except csv.Error as exc:
        raise Unprocessable(f"the header row cannot be read as CSV: {exc}") from None


def _not_a_number(content: bytes, columns: list[str], message: str) -> Unprocessable:
    """The first cell that is not a number, by row and column: only after pyarrow has refused one,
    read again as text. pyarrow's own words when it cannot be found."""
    options = pa_csv.ConvertOptions(include_columns=columns, column_types=dict.fromkeys(columns, pa.string()))
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(content),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=options,
        )
    except (pa.ArrowException, OSError):
        table = pa.table({name: pa.array([], pa.string()) for name in columns})
    for name in columns:
        for row, text in enumerate(table.column(name).to_pylist()):
            try:
                if text is not None and text.strip():
                    float(text.replace("_", "?"))  # pyarrow refuses Python's 1_000
            except ValueError:
                return Unprocessable(
                    f"row {row}, column {name.strip()!r}: {_quote(text)} is not a number",
                    errors=[FieldError(f"body.{row}.{name.strip()}", f"{_quote(text)} is not a number")],
                )
    return Unprocessable(f"a cell is not a number: {_clip(message.removeprefix('CSV conversion error: '))}")


# -- Parquet ------------------------------------------------------------------------------------------------------


def parse_parquet(content: bytes) -> ParsedDataset:
    """A Parquet file: flat columns of numbers, strings, booleans (dates and times become strings)."""
    if not content:
        raise Unprocessable("the file is empty")
    try:
        # Not pq.read_table: it refuses duplicate names with a message about FieldRefs; _normalise names them.
        table = pq.ParquetFile(pa.BufferReader(content)).read()
    except (pa.ArrowException, OSError) as exc:
        hint = "; it looks like text (CSV?), so upload it as text/csv" if _looks_like_text(content) else ""
        raise Unprocessable(f"not a valid Parquet file: {_clip(str(exc))}{hint}") from None
    dropped = []
    for name in table.column_names:
        if name.startswith(PANDAS_INDEX_PREFIX):
            table = table.drop_columns([name])
            dropped.append(f"{name} (pandas index)")
    parsed = _normalise(table)
    parsed.dropped_columns = dropped + parsed.dropped_columns
    return parsed


def _looks_like_text(content: bytes) -> bool:
    head = content[:4096]
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # a character cut off by the slice is still text
    return True


# -- JSON ---------------------------------------------------------------------------------------------------------


def parse_json(body: object) -> ParsedDataset:
    """A parsed JSON body: `{"columns": [...], "rows": [[...], ...]}`, `{"records": [...]}`, or a list of records.

    Values must be numbers, strings, booleans or null. A column mixing numbers and strings becomes a
    string column. Field paths in errors are relative to `body` ("rows.3.1", "records.3.name", "3.name")."""
    if isinstance(body, dict) and ("rows" in body or "columns" in body):
        names, columns, path = _from_rows(body)
    elif isinstance(body, dict) and "records" in body:
        names, columns, path = _from_records(body["records"], prefix="records.")
    elif isinstance(body, list):
        names, columns, path = _from_records(body, prefix="")
    else:
        raise Unprocessable(
            'expected {"columns": [names], "rows": [[values], ...]}, {"records": [{...}, ...]} or a list of records'
        )
    arrays = [
        _json_column(values, name, lambda row, j=j: path(row, j))
        for j, (name, values) in enumerate(zip(names, columns, strict=True))
    ]
    return _normalise(pa.Table.from_arrays(arrays, names=names))


def _from_rows(body: dict):
    names, rows = body.get("columns"), body.get("rows")
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise unprocessable("columns", "must be a list of column names (strings)")
    if not isinstance(rows, list):
        raise unprocessable("rows", "must be a list of rows, each a list of values in column order")
    if not rows:
        raise unprocessable("rows", "no data rows")
    if not names:
        raise unprocessable("columns", "no columns: name at least one")
    for i, row in enumerate(rows):
        if not isinstance(row, list):
            raise unprocessable(f"rows.{i}", "must be a list of values in column order")
        if len(row) != len(names):
            raise unprocessable(f"rows.{i}", f"has {len(row)} values but there are {len(names)} columns")
    columns = [list(values) for values in zip(*rows, strict=True)]  # transpose in C, not a loop per cell

    def path(row: int, j: int) -> str:
        return f"rows.{row}.{j}"

    return names, columns, path


def _from_records(records: object, *, prefix: str):
    field = prefix.rstrip(".") or "body"
    if not isinstance(records, list):
        raise unprocessable(field, "must be a list of records (objects of column name to value)")
    if not records:
        raise unprocessable(field, "no data rows")
    names: dict[str, None] = {}  # the union of keys, in the order first seen
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            raise unprocessable(f"{prefix}{i}", "must be an object of column name to value")
        names.update(dict.fromkeys(record))
    if not names:
        raise unprocessable(field, "no columns: the records have no keys")
    names_list = list(names)
    columns = [[record.get(name) for record in records] for name in names_list]  # a missing key is null

    def path(row: int, j: int) -> str:
        return f"{prefix}{row}.{names_list[j]}"

    return names_list, columns, path


def _json_column(values: list, name: str, path) -> pa.Array:
    """One column's values as an Arrow array of the narrowest type that holds them all."""
    kinds = set(map(type, values)) - {type(None)}
    if kinds - JSON_SCALARS:
        row = next(i for i, v in enumerate(values) if v is not None and type(v) not in JSON_SCALARS)
        kind = type(values[row])
        cell_kinds: dict[type, str] = {list: "a list", dict: "an object"}
        what = cell_kinds.get(kind, f"a {kind.__name__}")
        raise unprocessable(
            path(row),
            f"row {row}, column {name!r}: {what} cannot be a cell; values must be numbers, strings, booleans or null",
        )
    if float in kinds:
        # json.loads accepts NaN and Infinity literals; neither is data.
        floats = pa.array([v if type(v) is float else None for v in values], pa.float64())
        bad = pc.fill_null(pc.invert(pc.is_finite(floats)), False)
        if pc.any(bad).as_py():
            row = pc.index(bad, True).as_py()
            raise unprocessable(
                path(row), f"row {row}, column {name!r}: {values[row]} is not a number; use null for a missing value"
            )
    if not kinds:
        return pa.nulls(len(values))
    if kinds == {bool}:
        return pa.array(values, pa.bool_())
    if kinds == {str}:
        return pa.array(values, pa.string())
    if kinds <= {int, float}:
        if kinds == {int}:
            try:
                return pa.array(values, pa.int64())
            except (pa.ArrowException, OverflowError):  # beyond int64: keep it as a float
                pass
        try:
            return pa.array([None if v is None else float(v) for v in values], pa.float64())
        except OverflowError:
            raise unprocessable(path(0), f"column {name!r} holds an integer too large for a float") from None
    # Mixed kinds (numbers with strings, booleans with either): a string, that is categorical, column.
    return pa.array([_json_text(v) for v in values], pa.string())


def _json_text(value: object) -> str | None:
    if value is None or type(value) is str:
        return value
    if type(value) is bool:
        return "true" if value else "false"  # JSON's spelling
    return str(value)


# -- shared normalisation -----------------------------------------------------------------------------------------


def _normalise(table: pa.Table) -> ParsedDataset:
    """The checks and conversions every format goes through; see the module docstring."""
    if table.num_rows == 0:
        raise Unprocessable("no data rows: the data has column names but no rows under them")
    names, columns, dropped = [], [], []
    for i, (raw_name, column) in enumerate(zip(table.column_names, table.columns, strict=True), start=1):
        name = raw_name.strip()
        if not name:
            if column.null_count == len(column):  # what a trailing comma on every line makes
                dropped.append(f"column {i} (unnamed, empty)")
                continue
            raise Unprocessable(f"column {i} has no name but holds data; give it a name in the header row")
        names.append(name)
        columns.append(_normalise_column(name, column))
    if not names:
        raise Unprocessable("no columns: the data has no named column")
    duplicates = [name for name, count in Counter(names).items() if count > 1]
    if duplicates:
        raise Unprocessable(
            f"duplicate column names: {', '.join(map(repr, duplicates))}; every column needs its own name"
        )
    return ParsedDataset(table=pa.Table.from_arrays(columns, names=names), dropped_columns=dropped)


def _normalise_column(name: str, column: pa.ChunkedArray) -> pa.ChunkedArray:
    kind = column.type
    if pa.types.is_dictionary(kind):  # Parquet's categoricals: plain values are simpler downstream
        return _normalise_column(name, _cast(name, column, kind.value_type))
    if pa.types.is_null(kind):  # a named column with nothing in it: numbers, all missing
        return _cast(name, column, pa.float64())
    if pa.types.is_boolean(kind) or pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return column
    if pa.types.is_integer(kind):
        if kind == pa.int64():
            return column
        try:
            return column.cast(pa.int64())
        except pa.ArrowInvalid:  # uint64 beyond int64's range
            return _finite(name, _cast(name, column, pa.float64(), safe=False))
    if pa.types.is_floating(kind) or pa.types.is_decimal(kind):
        return _finite(name, column if kind == pa.float64() else _cast(name, column, pa.float64(), safe=False))
    if pa.types.is_nested(kind):
        raise Unprocessable(
            f"column {name!r} holds nested values ({kind}); only numbers, strings and booleans can be used, so flatten it first"
        )
    if (
        pa.types.is_temporal(kind)
        or pa.types.is_binary(kind)
        or pa.types.is_large_binary(kind)
        or _is_string_view(kind)
    ):
        return _cast(name, column, pa.string())  # dates and times become categories; binary must be UTF-8
    raise Unprocessable(f"column {name!r} has type {kind}, which cannot be used; convert it to numbers or text")


def _is_string_view(kind: pa.DataType) -> bool:
    return getattr(pa.types, "is_string_view", lambda _: False)(kind)


def _cast(name: str, column: pa.ChunkedArray, target: pa.DataType, *, safe: bool = True) -> pa.ChunkedArray:
    try:
        return column.cast(target, safe=safe)
    except (pa.ArrowException, ValueError) as exc:
        raise Unprocessable(
            f"column {name!r} ({column.type}) cannot be converted to {target}: {_clip(str(exc))}"
        ) from None


def _finite(name: str, column: pa.ChunkedArray) -> pa.ChunkedArray:
    """NaN becomes null (one spelling of missing); infinities are refused, as no statistic or network can use them."""
    column = _nan_to_null(column)
    infinite = pc.is_inf(column)
    if pc.any(infinite).as_py():
        row = pc.index(infinite, True).as_py()
        raise Unprocessable(
            f"column {name!r} holds an infinite value (data row {row + 1}); remove it or leave the cell empty"
        )
    return column


def _nan_to_null(column: pa.ChunkedArray) -> pa.ChunkedArray:
    if not pa.types.is_floating(column.type):
        return column
    nan = pc.is_nan(column)
    if not pc.any(nan).as_py():
        return column
    return pc.if_else(nan, pa.scalar(None, column.type), column)


# -- statistics, storage, NumPy views -----------------------------------------------------------------------------


def is_numeric(field_type: pa.DataType) -> bool:
    """Integers and floats; booleans are categorical."""
    return pa.types.is_integer(field_type) or pa.types.is_floating(field_type)


def column_stats(table: pa.Table) -> list[dict]:
    """Per column, in order: name, type ("numeric" or "categorical"), dtype, missing, distinct, min/max/mean
    (numeric columns; None otherwise or when all are missing) and top_values (categorical columns). JSON-safe."""
    return [_column_stats(name, column) for name, column in zip(table.column_names, table.columns, strict=True)]


def _column_stats(name: str, column: pa.ChunkedArray) -> dict:
    values = _nan_to_null(column)  # a NaN that got past normalisation still counts as missing
    stats: dict[str, Any] = {
        "name": name,
        "type": "numeric" if is_numeric(column.type) else "categorical",
        "dtype": str(column.type),
        "missing": int(values.null_count),
        "distinct": int(pc.count_distinct(values).as_py()),
        "min": None,
        "max": None,
        "mean": None,
    }
    if is_numeric(column.type):
        extremes = pc.min_max(values).as_py()
        stats.update(
            min=finite_or_none(extremes["min"]),
            max=finite_or_none(extremes["max"]),
            mean=finite_or_none(pc.mean(values).as_py()),
        )
    else:
        stats["top_values"] = _top_values(values)
    return stats


def _top_values(column: pa.ChunkedArray) -> list[dict]:
    if pa.types.is_boolean(column.type):
        column = column.cast(pa.string())  # "true" / "false"
    counts = pc.value_counts(column.drop_null())
    ranked = pa.table({"value": counts.field("values"), "count": counts.field("counts")})
    ranked = ranked.sort_by([("count", "descending"), ("value", "ascending")]).slice(
        0, TOP_VALUES
    )  # ties by value: stable answers
    return [{"value": str(row["value"]), "count": int(row["count"])} for row in ranked.to_pylist()]


def finite_or_none(value: SupportsFloat | None) -> float | None:
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None  # JSON has no NaN or Infinity


def to_parquet_bytes(table: pa.Table) -> bytes:
    """The dataset's stored form in the database."""
    # Through a temporary file, not an in-memory stream: that one grows by copying and then is
    # copied once more into bytes, three times the stored size at its peak.
    with tempfile.TemporaryFile() as sink:
        pq.write_table(table, sink, compression=PARQUET_COMPRESSION, row_group_size=PARQUET_ROW_GROUP_ROWS)
        sink.seek(0)
        return sink.read()


def from_parquet_bytes(data: bytes) -> pa.Table:
    """The table back from its stored form: Parquet, which holds data only (nothing is unpickled)."""
    try:
        return pq.ParquetFile(pa.BufferReader(data)).read()
    except (pa.ArrowException, OSError) as exc:
        raise StoredDataUnreadable(f"the stored dataset cannot be read as Parquet: {_clip(str(exc))}") from None


def feature_matrix(table: pa.Table, columns: list[str]) -> np.ndarray:
    """(n_rows, len(columns)) float64, C-contiguous; nulls become NaN, booleans 0/1. Strings are refused."""
    out = np.empty((table.num_rows, len(columns)), dtype=np.float64)  # (n, n_features)
    for j, name in enumerate(columns):
        column = _column(table, name)
        if not (is_numeric(column.type) or pa.types.is_boolean(column.type)):
            raise Unprocessable(f"column {name!r} is categorical ({column.type}); features must be numeric")
        out[:, j] = _as_float(column)
    return out


def column_values(table: pa.Table, name: str) -> np.ndarray:
    """A target column: numbers as float64 with NaN for null; strings (and booleans, as "true"/"false")
    as an object array with None for null."""
    column = _column(table, name)
    if is_numeric(column.type):
        return _as_float(column)
    if pa.types.is_boolean(column.type):
        column = column.cast(pa.string())  # the same labels column_stats shows
    return column.to_numpy(zero_copy_only=False)


def _column(table: pa.Table, name: str) -> pa.ChunkedArray:
    if name not in table.column_names:
        raise Unprocessable(f"no column named {name!r}; the columns are {', '.join(map(repr, table.column_names))}")
    return table.column(name)


def _as_float(column: pa.ChunkedArray) -> np.ndarray:
    # safe=False: an int64 id beyond 2**53 rounds instead of failing the cast.
    values = pc.fill_null(column.cast(pa.float64(), safe=False), float("nan"))
    return values.to_numpy()


def _quote(text: str) -> str:
    return repr(_clip(text, QUOTE_CHARS))


def _clip(text: str, limit: int = 2 * QUOTE_CHARS) -> str:
    text = " ".join(text.split())  # pyarrow's messages carry newlines and whole rows
    return text if len(text) <= limit else text[:limit] + "..."
