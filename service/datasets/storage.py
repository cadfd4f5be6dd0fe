"""The stored form of a dataset (Parquet, zstd) and the NumPy views of its columns that training and
prediction read."""

import tempfile

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from service.core.errors import StoredDataUnreadable, Unprocessable
from service.datasets.excerpts import clip
from service.datasets.stats import is_numeric

PARQUET_COMPRESSION = "zstd"


# Rows per Parquet row group: the writer buffers a whole group, so one group of a million rows
# would hold another copy of the table while it is stored.
PARQUET_ROW_GROUP_ROWS = 1 << 17


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
        raise StoredDataUnreadable(f"the stored dataset cannot be read as Parquet: {clip(str(exc))}") from None


def feature_matrix(table: pa.Table, columns: list[str]) -> np.ndarray:
    """(n_rows, len(columns)) float64, C-contiguous; nulls become NaN, booleans 0/1. Strings are refused."""
    out = np.empty((table.num_rows, len(columns)), dtype=np.float64)  # (n, n_features)
    for j, name in enumerate(columns):
        column = _column(table, name)
        if not (is_numeric(column.type) or pa.types.is_boolean(column.type)):
            raise Unprocessable(f"column {name!r} is categorical ({column.type}); features must be numeric")
        out[:, j] = _as_float(column)
    return out


def raw_columns(table: pa.Table, names: list[str]) -> dict[str, np.ndarray]:
    """The columns as the engine's encoder reads them: numbers as float64 with NaN for null; text,
    booleans with gaps and other values as object arrays with None; dates and times as datetime64."""
    out = {}
    for name in names:
        column = _column(table, name)
        out[name] = _as_float(column) if is_numeric(column.type) else column.to_numpy(zero_copy_only=False)
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


def is_missing(values: np.ndarray) -> np.ndarray:
    """(rows,) True where `column_values` gave NaN or None: a row without a target."""
    if values.dtype.kind == "f":
        return np.isnan(values)
    missing: np.ndarray = np.equal(values, np.array(None, dtype=object))
    return missing


def _column(table: pa.Table, name: str) -> pa.ChunkedArray:
    if name not in table.column_names:
        raise Unprocessable(f"no column named {name!r}; the columns are {', '.join(map(repr, table.column_names))}")
    return table.column(name)


def _as_float(column: pa.ChunkedArray) -> np.ndarray:
    # safe=False: an int64 id beyond 2**53 rounds instead of failing the cast.
    values = pc.fill_null(column.cast(pa.float64(), safe=False), float("nan"))
    return values.to_numpy()
