"""The column statistics a dataset shows its clients (type, missing, distinct, range, top values)."""

import math
from typing import Any, SupportsFloat

import pyarrow as pa
import pyarrow.compute as pc

from service.datasets.parsing.normalise import nan_to_null

TOP_VALUES = 10  # most frequent values listed per categorical column


def is_numeric(field_type: pa.DataType) -> bool:
    """Integers and floats; booleans are categorical."""
    return pa.types.is_integer(field_type) or pa.types.is_floating(field_type)


def column_stats(table: pa.Table) -> list[dict]:
    """Per column, in order: name, type ("numeric" or "categorical"), dtype, missing, distinct, min/max/mean
    (numeric columns; None otherwise or when all are missing) and top_values (categorical columns). JSON-safe."""
    return [_column_stats(name, column) for name, column in zip(table.column_names, table.columns, strict=True)]


def _column_stats(name: str, column: pa.ChunkedArray) -> dict:
    values = nan_to_null(column)  # a NaN that got past normalisation still counts as missing
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
