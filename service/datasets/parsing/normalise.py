"""The one normalisation every format goes through, so a dataset looks the same whatever it came in as:
names stripped and unique, every column int64, float64, string or bool, missing values stored as
null (never NaN). Bad input raises `Unprocessable` with a detail a person can act on; no pyarrow
exception escapes the parsers."""

from collections import Counter
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from service.core.errors import Unprocessable
from service.datasets.excerpts import clip


@dataclass
class ParsedDataset:
    table: pa.Table
    dropped_columns: list[str]  # what was left out and why, e.g. "column 33 (unnamed, empty)"
    name: str | None = None  # a name the body itself gives (a JSON upload's `name`)


def normalise(table: pa.Table) -> ParsedDataset:
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
            f"column {name!r} ({column.type}) cannot be converted to {target}: {clip(str(exc))}"
        ) from None


def _finite(name: str, column: pa.ChunkedArray) -> pa.ChunkedArray:
    """NaN becomes null (one spelling of missing); infinities are refused, as no statistic or network can use them."""
    column = nan_to_null(column)
    infinite = pc.is_inf(column)
    if pc.any(infinite).as_py():
        row = pc.index(infinite, True).as_py()
        raise Unprocessable(
            f"column {name!r} holds an infinite value (data row {row + 1}); remove it or leave the cell empty"
        )
    return column


def nan_to_null(column: pa.ChunkedArray) -> pa.ChunkedArray:
    if not pa.types.is_floating(column.type):
        return column
    nan = pc.is_nan(column)
    if not pc.any(nan).as_py():
        return column
    return pc.if_else(nan, pa.scalar(None, column.type), column)
