"""Parquet uploads: bytes in, a normalised table out (a pandas index column left out and reported)."""

import pyarrow as pa
import pyarrow.parquet as pq

from service.core.errors import Unprocessable
from service.datasets.excerpts import clip
from service.datasets.parsing.normalise import ParsedDataset, normalise

# A pandas DataFrame written with an unnamed, non-default index carries it as this column.
PANDAS_INDEX_PREFIX = "__index_level_"


def parse_parquet(content: bytes) -> ParsedDataset:
    """A Parquet file: flat columns of numbers, strings, booleans (dates and times become strings)."""
    if not content:
        raise Unprocessable("the file is empty")
    try:
        # Not pq.read_table: it refuses duplicate names with a message about FieldRefs; normalise names them.
        table = pq.ParquetFile(pa.BufferReader(content)).read()
    except (pa.ArrowException, OSError) as exc:
        hint = "; it looks like text (CSV?), so upload it as text/csv" if _looks_like_text(content) else ""
        raise Unprocessable(f"not a valid Parquet file: {clip(str(exc))}{hint}") from None
    dropped = []
    for name in table.column_names:
        if name.startswith(PANDAS_INDEX_PREFIX):
            table = table.drop_columns([name])
            dropped.append(f"{name} (pandas index)")
    parsed = normalise(table)
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
