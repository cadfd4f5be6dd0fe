"""The column statistics a dataset shows its clients (type, missing, distinct, range, top values)."""

import math
from typing import Any, SupportsFloat

import pyarrow as pa
import pyarrow.compute as pc

from nn_engine.encoding import IDENTIFIER_MIN_ROWS, IDENTIFIER_RATIO, parses_as_dates
from service.datasets.parsing.normalise import nan_to_null

TOP_VALUES = 10  # most frequent values listed per categorical column
COLUMN_TYPES = ("numeric", "boolean", "categorical", "datetime", "text")  # what `column_type` tells
# A text column is "numbers with a few stray words" when at most STRAY_WORDS distinct values, on at most
# STRAY_ROWS of its rows, are not numbers: its statistics then name those words, for `na_values`.
STRAY_WORDS = 5
STRAY_ROWS = 0.1
NUMBER = r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$"


def is_numeric(field_type: pa.DataType) -> bool:
    """Integers and floats; booleans are categorical."""
    return pa.types.is_integer(field_type) or pa.types.is_floating(field_type)


def column_stats(table: pa.Table) -> list[dict]:
    """Per column, in order: name, type (one of COLUMN_TYPES), dtype, missing, distinct, min/max/mean
    (numeric columns; None otherwise or when all are missing) and top_values (the others). JSON-safe."""
    return [_column_stats(name, column) for name, column in zip(table.column_names, table.columns, strict=True)]


def _column_stats(name: str, column: pa.ChunkedArray) -> dict:
    values = nan_to_null(column)  # a NaN that got past normalisation still counts as missing
    distinct = int(pc.count_distinct(values).as_py())
    stray = _stray_words(values)
    stats: dict[str, Any] = {
        "name": name,
        "type": "categorical" if stray else column_type(values, distinct),
        "dtype": str(column.type),
        "missing": int(values.null_count),
        "distinct": distinct,
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
    if stray:
        words, rows = stray
        listed = ", ".join(map(repr, words))
        stats["note"] = (
            f"numbers but for {len(words)} value(s) on {rows} row(s): {listed}; if they mean a missing value, "
            "upload again with na_values naming them, and the column is numeric"
        )
    return stats


def _stray_words(values: pa.ChunkedArray) -> tuple[list[str], int] | None:
    """(the words, their rows) of numbers spoilt by a few words ("?", "n/a", "unknown"), else None."""
    if not pa.types.is_string(values.type) or len(values) == values.null_count:
        return None
    counts = pc.value_counts(values.drop_null())
    words = counts.filter(pc.invert(pc.match_substring_regex(counts.field("values"), NUMBER)))
    rows = int(pc.sum(words.field("counts")).as_py() or 0)
    if not 0 < len(words) <= STRAY_WORDS or rows > STRAY_ROWS * (len(values) - values.null_count):
        return None
    return sorted(words.field("values").to_pylist()), rows


def column_type(values: pa.ChunkedArray, distinct: int) -> str:
    """numeric (integers, floats), boolean, and for text: datetime (every value an ISO 8601 date or
    time), text (identifier-like: the engine's encoder leaves it out by the same IDENTIFIER_RATIO) or
    categorical. Stored values keep their
    spelling whatever the type: a date is written as the file wrote it."""
    if is_numeric(values.type):
        return "numeric"
    if pa.types.is_boolean(values.type):
        return "boolean"
    present = len(values) - values.null_count
    if present and _all_datetimes(values):
        return "datetime"
    if present >= IDENTIFIER_MIN_ROWS and distinct > IDENTIFIER_RATIO * present:
        return "text"
    return "categorical"


def _all_datetimes(values: pa.ChunkedArray) -> bool:
    """Parquet's dates and times, or text by the encoder's own rule (its distinct values are enough)."""
    if pa.types.is_temporal(values.type):
        return True
    if not pa.types.is_string(values.type):
        return False
    distinct = pc.unique(values.drop_null()).to_numpy(zero_copy_only=False).astype(str)
    return parses_as_dates(distinct)


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
