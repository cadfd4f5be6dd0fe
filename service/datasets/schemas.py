"""Datasets as clients send and see them (Read, List)."""

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from service.core.schemas import MAX_NAME_LENGTH, Strict, one_of
from service.datasets.stats import COLUMN_TYPES

if TYPE_CHECKING:
    ColumnType = str
else:
    ColumnType = one_of(COLUMN_TYPES)


class ColumnStats(BaseModel):
    name: str
    type: ColumnType = Field(
        description="numeric, boolean, categorical, datetime (ISO 8601 dates or times, kept as written) or "
        "text (identifier-like: distinct values on most rows)"
    )
    dtype: str
    missing: int
    distinct: int
    min: float | None = None
    max: float | None = None
    mean: float | None = None
    top_values: list[dict] | None = None
    note: str | None = Field(
        default=None, description="what to know about the column, e.g. the few words that keep it from being numeric"
    )


# What the service answered to an upload of examples/breast_cancer.csv (3 of its 32 columns shown).
DATASET_EXAMPLE: dict[str, Any] = {
    "id": "66161fe0-afeb-4616-a2d8-271624920d10",
    "name": "breast_cancer.csv",
    "format": "csv",
    "row_count": 569,
    "column_count": 32,
    "size_bytes": 126051,
    "columns": [
        {
            "name": "id",
            "type": "numeric",
            "dtype": "int64",
            "missing": 0,
            "distinct": 569,
            "min": 294809.0,
            "max": 99774723.0,
            "mean": 49923666.0967,
            "top_values": None,
            "note": None,
        },
        {
            "name": "diagnosis",
            "type": "categorical",
            "dtype": "string",
            "missing": 0,
            "distinct": 2,
            "min": None,
            "max": None,
            "mean": None,
            "top_values": [{"value": "B", "count": 357}, {"value": "M", "count": 212}],
            "note": None,
        },
        {
            "name": "radius_mean",
            "type": "numeric",
            "dtype": "double",
            "missing": 0,
            "distinct": 456,
            "min": 6.981,
            "max": 28.11,
            "mean": 14.1273,
            "top_values": None,
            "note": None,
        },
    ],
    "dropped_columns": ["column 33 (unnamed, empty)"],
    "created_at": "2026-12-01T20:52:45.477123Z",
}


class DatasetRead(BaseModel):
    id: str
    name: str
    format: str
    row_count: int
    column_count: int
    size_bytes: int
    columns: list[ColumnStats]
    dropped_columns: list[str]
    created_at: datetime

    model_config = ConfigDict(json_schema_extra={"examples": [DATASET_EXAMPLE]})


class DatasetList(BaseModel):
    data: list[DatasetRead]
    count: int

    model_config = ConfigDict(json_schema_extra={"examples": [{"data": [DATASET_EXAMPLE], "count": 1}]})


# The JSON upload, for the OpenAPI document: the route parses the body itself, cell by cell
# (`parsing/json.py`), so these models describe it and are never validated against.
JsonCell = str | float | bool | None
UploadName = Field(
    default=None, min_length=1, max_length=MAX_NAME_LENGTH, description="the dataset's name; default: dataset"
)


ROWS_UPLOAD_EXAMPLE: dict[str, Any] = {
    "name": "tiny",
    "columns": ["x1", "x2", "label"],
    "rows": [[0.1, 1.2, "a"], [0.4, 0.3, "b"]],
}


class DatasetRowsUpload(Strict):
    """Column names, then rows of values in that order."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [ROWS_UPLOAD_EXAMPLE]},
    )

    name: str | None = UploadName
    columns: list[str] = Field(min_length=1)
    rows: list[list[JsonCell]] = Field(min_length=1, description="each row a value per column, in column order")


class DatasetRecordsUpload(Strict):
    """Records: objects of column name to value (a key a record lacks is a missing value)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"name": "tiny", "records": [{"x1": 0.1, "label": "a"}, {"x1": 0.4, "label": "b"}]}]
        },
    )

    name: str | None = UploadName
    records: list[dict[str, JsonCell]] = Field(min_length=1)
